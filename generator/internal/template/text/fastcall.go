// This file is dossier's, not the standard library's: the one change of
// the fork (see ../README.md).

package template

import (
	"fmt"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"unsafe"
)

// The function types that templates call most: html/template's escapers
// and print (func(...any) string), the builtins not, len, eq and the
// comparisons, and dossier's t, tn, add and sub.
var (
	typeAnysString     = reflect.TypeFor[func(...any) string]()
	typeStringStrErr   = reflect.TypeFor[func(string) (string, error)]()
	typeStringIntStrEr = reflect.TypeFor[func(string, int) (string, error)]()
	typeIntIntInt      = reflect.TypeFor[func(int, int) int]()
	typeValueBool      = reflect.TypeFor[func(reflect.Value) bool]()
	typeValueIntErr    = reflect.TypeFor[func(reflect.Value) (int, error)]()
	typeValuesBoolErr  = reflect.TypeFor[func(reflect.Value, ...reflect.Value) (bool, error)]()
	typeValue2BoolErr  = reflect.TypeFor[func(reflect.Value, reflect.Value) (bool, error)]()
)

// quickCall is safeCall without reflect.Value.Call for the function
// types above: they are called directly, which costs a tenth of a call
// through reflection (building the variadic slice, the call frame and
// the results as reflect.Values). The arguments are those evalCall
// made, already checked against the parameters' types; anything else,
// or an argument that cannot be read as an interface, goes through
// safeCall, with args copied (evalCall keeps them on its stack, and
// reflection would let them escape). A panic in the function is an error, as in safeCall.
func quickCall(fun reflect.Value, args []reflect.Value) (val reflect.Value, err error) {
	if fun.IsNil() {
		return safeCall(fun, slices.Clone(args)) // its error, not a nil dereference
	}
	for _, a := range args {
		if !a.IsValid() || !a.CanInterface() {
			return safeCall(fun, slices.Clone(args))
		}
	}
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(error); ok {
				err = e
			} else {
				err = fmt.Errorf("%v", r)
			}
		}
	}()
	switch fun.Type() {
	case typeAnysString:
		if len(args) == 1 && args[0].Type() == stringType {
			if f := stringFuncs[fun.Pointer()]; f != nil {
				in := args[0].String()
				out := f(in)
				if len(out) == len(in) && unsafe.StringData(out) == unsafe.StringData(in) {
					return args[0], nil // unchanged, as most text is: not boxed again
				}
				return reflect.ValueOf(out), nil
			}
		}
		xs := make([]any, len(args))
		for i, a := range args {
			xs[i] = a.Interface()
		}
		return reflect.ValueOf(fun.Interface().(func(...any) string)(xs...)), nil
	case typeStringStrErr:
		return result(fun.Interface().(func(string) (string, error))(args[0].String()))
	case typeStringIntStrEr:
		return result(fun.Interface().(func(string, int) (string, error))(args[0].String(), int(args[1].Int())))
	case typeIntIntInt:
		return reflect.ValueOf(fun.Interface().(func(int, int) int)(int(args[0].Int()), int(args[1].Int()))), nil
	case typeValueBool:
		return reflect.ValueOf(fun.Interface().(func(reflect.Value) bool)(args[0].Interface().(reflect.Value))), nil
	case typeValueIntErr:
		return result(fun.Interface().(func(reflect.Value) (int, error))(args[0].Interface().(reflect.Value)))
	case typeValue2BoolErr:
		return result(fun.Interface().(func(reflect.Value, reflect.Value) (bool, error))(args[0].Interface().(reflect.Value), args[1].Interface().(reflect.Value)))
	case typeValuesBoolErr:
		rest := make([]reflect.Value, len(args)-1)
		for i, a := range args[1:] {
			rest[i] = a.Interface().(reflect.Value)
		}
		return result(fun.Interface().(func(reflect.Value, ...reflect.Value) (bool, error))(args[0].Interface().(reflect.Value), rest...))
	}
	return safeCall(fun, slices.Clone(args))
}

// stringFuncs hold, for some functions of type func(...any) string, what
// each returns for one argument of type string, as a function of the
// string: called so, no slice of arguments is made and the string is
// not boxed. html/template registers its escapers (StringFunc).
var stringFuncs = map[uintptr]func(string) string{}

// StringFunc registers f as what fn returns for one argument of type
// string, for quickCall. It is for package initialisation only: the
// map is read without a lock.
func StringFunc(fn func(...any) string, f func(string) string) {
	stringFuncs[reflect.ValueOf(fn).Pointer()] = f
}

// result is what safeCall makes of a function's two results.
func result[T any](v T, err error) (reflect.Value, error) {
	return reflect.ValueOf(v), err
}

// stringType is string's type: printValue writes such a value itself.
var stringType = reflect.TypeFor[string]()

// lookup is a type and a name looked up in it.
type lookup struct {
	t    reflect.Type
	name string
}

// methods and fields remember what evalField looked up by name, as
// reflect looks through every method and field each time. They are
// read far more than written: a read is a map lookup, without a lock;
// a write copies the map.
var (
	methods memo[int]
	fields  memo[fieldFound]
)

type fieldFound struct {
	f  reflect.StructField
	ok bool
}

// memo is a map from lookups that is copied on write.
type memo[V any] struct {
	mu sync.Mutex // held by writers
	m  atomic.Pointer[map[lookup]V]
}

func (m *memo[V]) get(k lookup, make func() V) V {
	if p := m.m.Load(); p != nil {
		if v, ok := (*p)[k]; ok {
			return v
		}
	}
	v := make()
	m.mu.Lock()
	defer m.mu.Unlock()
	next := map[lookup]V{k: v}
	if p := m.m.Load(); p != nil {
		for k, v := range *p {
			next[k] = v
		}
	}
	m.m.Store(&next)
	return v
}

// methodIndex is the index of t's method name, as Value.Method takes it,
// or -1 if t has none: Value.MethodByName's answer for a value of type t.
func methodIndex(t reflect.Type, name string) int {
	return methods.get(lookup{t, name}, func() int {
		if m, ok := t.MethodByName(name); ok {
			return m.Index
		}
		return -1
	})
}

// fieldByName is t.FieldByName(name), remembered.
func fieldByName(t reflect.Type, name string) (reflect.StructField, bool) {
	f := fields.get(lookup{t, name}, func() fieldFound {
		f, ok := t.FieldByName(name)
		return fieldFound{f, ok}
	})
	return f.f, f.ok
}
