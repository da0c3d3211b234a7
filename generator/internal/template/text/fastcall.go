// This file is dossier's, not the standard library's: the one change of
// the fork (see ../README.md).

package template

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"text/template/parse"
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

// memberKey is a field name looked up in a receiver's type (recv) and
// the type its methods are looked up in (ptr: *recv when recv is
// addressable, else recv).
type memberKey struct {
	ptr, recv reflect.Type
	name      string
}

// member is what evalField finds for a name: the method's index in ptr
// (Value.Method's), or -1; else, when recv is a struct, its field's
// index path and whether it is exported.
type member struct {
	method          int
	index           []int
	field, exported bool
}

// members remember what evalField looked up by name, as reflect looks
// through every method and field each time. They are read far more than
// written: a read is a map lookup, without a lock; a write copies the
// map.
var members memo[memberKey, member]

// memo is a map read without a lock: what it learns goes first into a
// map under the lock (pending), folded into a new copy of the read map
// once it holds an eighth as much, so that copying costs in all a few
// times the entries, not, as a copy per entry did, their square (6 MB
// and 5 ms of the dossier's build). Entries left pending when no new
// ones come are folded once they have been read under the lock as many
// times as the read map has entries (and 8): a copy costs about as much
// as those reads, and none is locked for again.
type memo[K comparable, V any] struct {
	mu      sync.Mutex // held by writers, and by readers of pending
	m       atomic.Pointer[map[K]V]
	pending map[K]V
	hits    int // reads of pending since it was last folded
}

// fold makes the read map a copy of read with the pending entries.
func (m *memo[K, V]) fold(read map[K]V) {
	next := maps.Clone(read)
	if next == nil {
		next = map[K]V{}
	}
	maps.Copy(next, m.pending)
	m.m.Store(&next)
	m.pending, m.hits = nil, 0
}

func (m *memo[K, V]) get(k K, make func() V) V {
	var read map[K]V
	if p := m.m.Load(); p != nil {
		if v, ok := (*p)[k]; ok {
			return v
		}
		read = *p
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if p := m.m.Load(); p != nil {
		if v, ok := (*p)[k]; ok { // folded meanwhile
			return v
		}
		read = *p
	}
	if v, ok := m.pending[k]; ok {
		if m.hits++; m.hits >= 8+len(read) {
			m.fold(read)
		}
		return v
	}
	v := make()
	if m.pending == nil {
		m.pending = map[K]V{}
	}
	m.pending[k] = v
	if len(m.pending) >= 8+len(read)/8 {
		m.fold(read)
	}
	return v
}

// memberOf is ptr.MethodByName(name) and, if there is no such method
// and recv is a struct, recv.FieldByName(name), remembered.
func memberOf(ptr, recv reflect.Type, name string) member {
	return members.get(memberKey{ptr, recv, name}, func() member {
		if m, ok := ptr.MethodByName(name); ok {
			return member{method: m.Index}
		}
		mb := member{method: -1}
		if recv.Kind() == reflect.Struct {
			if f, ok := recv.FieldByName(name); ok {
				mb.index, mb.field, mb.exported = f.Index, true, f.IsExported()
			}
		}
		return mb
	})
}

// quickString evaluates a command that is only the name of a function
// registered with StringFunc, given a plain string by the pipeline
// before it (as html/template's escapers are: {{.Title |
// _html_template_htmlescaper}}): the function is called with the string,
// as evalCommand would, without evaluating arguments or making a call.
func (s *state) quickString(cmd *parse.CommandNode, final reflect.Value) (reflect.Value, bool) {
	if len(cmd.Args) != 1 || !final.IsValid() || final.Type() != stringType {
		return reflect.Value{}, false
	}
	id, ok := cmd.Args[0].(*parse.IdentifierNode)
	if !ok {
		return reflect.Value{}, false
	}
	fn, _, ok := findFunction(id.Ident, s.tmpl)
	if !ok || fn.Kind() != reflect.Func || fn.IsNil() {
		return reflect.Value{}, false
	}
	f := stringFuncs[fn.Pointer()]
	if f == nil || fn.Type() != typeAnysString {
		return reflect.Value{}, false
	}
	s.at(id)
	in := final.String()
	out := f(in)
	if len(out) == len(in) && unsafe.StringData(out) == unsafe.StringData(in) {
		return final, true // unchanged, as most text is: not boxed again
	}
	return reflect.ValueOf(out), true
}
