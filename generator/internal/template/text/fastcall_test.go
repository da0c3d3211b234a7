// This file is dossier's, not the standard library's (see ../README.md).

package template

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestQuickCallIsSafeCall calls functions of every type quickCall calls
// directly, returning, failing and panicking, and wants what safeCall
// gives: the same value of the same type, and the same error.
func TestQuickCallIsSafeCall(t *testing.T) {
	boom := errors.New("boom")
	v := reflect.ValueOf
	rv := func(x any) reflect.Value { return v(v(x)) } // an argument of type reflect.Value
	cases := []struct {
		name string
		fun  any
		args []reflect.Value
	}{
		{"escaper", func(a ...any) string { return fmt.Sprint(a...) + "!" }, []reflect.Value{v("a"), v(1), reflect.Zero(reflect.TypeFor[any]())}},
		{"escaper given no value", func(a ...any) string { return fmt.Sprint(a...) }, []reflect.Value{v("a"), {}}},
		{"escaper none", func(a ...any) string { return fmt.Sprint(len(a)) }, nil},
		{"escaper panics", func(...any) string { panic("no") }, []reflect.Value{v("a")}},
		{"escaper panics with error", func(...any) string { panic(boom) }, []reflect.Value{v("a")}},
		{"t", func(s string) (string, error) { return strings.ToUpper(s), nil }, []reflect.Value{v("key")}},
		{"t fails", func(s string) (string, error) { return "half", boom }, []reflect.Value{v("key")}},
		{"tn", func(s string, n int) (string, error) { return fmt.Sprint(s, n), nil }, []reflect.Value{v("key"), v(3)}},
		{"add", func(a, b int) int { return a + b }, []reflect.Value{v(2), v(3)}},
		{"sub panics", func(a, b int) int { return a / (b - b) }, []reflect.Value{v(2), v(3)}},
		{"not", not, []reflect.Value{rv(0)}},
		{"len", length, []reflect.Value{rv([]int{1, 2})}},
		{"len fails", length, []reflect.Value{rv(3)}},
		{"eq", eq, []reflect.Value{rv(1), rv(2), rv(1)}},
		{"eq fails", eq, []reflect.Value{rv(1), rv("a")}},
		{"lt", lt, []reflect.Value{rv(1), rv(2)}},
		{"other type", func(a string) string { return a + a }, []reflect.Value{v("x")}},
		{"nil escaper", (func(...any) string)(nil), []reflect.Value{v("a")}},
		{"nil t", (func(string) (string, error))(nil), []reflect.Value{v("key")}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantV, wantErr := safeCall(v(c.fun), c.args)
			gotV, gotErr := quickCall(v(c.fun), c.args)
			if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
				t.Fatalf("error %v, want %v", gotErr, wantErr)
			}
			if wantV.IsValid() != gotV.IsValid() {
				t.Fatalf("value valid %v, want %v", gotV.IsValid(), wantV.IsValid())
			}
			if wantV.IsValid() && (gotV.Type() != wantV.Type() || !reflect.DeepEqual(gotV.Interface(), wantV.Interface())) {
				t.Fatalf("got %#v (%s), want %#v (%s)", gotV, gotV.Type(), wantV, wantV.Type())
			}
		})
	}
}

type lookedUp struct{ A, b int }

func (lookedUp) M() int  { return 1 }
func (*lookedUp) P() int { return 2 }

// TestLookupsAsReflect wants the remembered lookups to answer as
// reflect does, the first time and again, for a struct and a pointer to
// it as the methods' receiver.
func TestLookupsAsReflect(t *testing.T) {
	typ := reflect.TypeFor[lookedUp]()
	for range 2 {
		for _, ptr := range []reflect.Type{typ, reflect.PointerTo(typ)} {
			for _, name := range []string{"A", "b", "M", "P", "Z"} {
				got := memberOf(ptr, typ, name)
				want := -1
				if m, ok := ptr.MethodByName(name); ok {
					want = m.Index
				}
				if got.method != want {
					t.Errorf("%s, method %s: %d, want %d", ptr, name, got.method, want)
				}
				if want >= 0 {
					continue
				}
				f, ok := typ.FieldByName(name)
				if got.field != ok || ok && (!reflect.DeepEqual(got.index, f.Index) || got.exported != f.IsExported()) {
					t.Errorf("%s, field %s: %+v, want %v %v", ptr, name, got, f, ok)
				}
			}
		}
	}
}

// TestMemoOncePerKey gets many keys from several goroutines at once: each
// key's value is made once, and every get returns it, before and after
// the pending entries are folded into the map read without a lock.
func TestMemoOncePerKey(t *testing.T) {
	var m memo[int, int]
	var made [2000]atomic.Int32
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 2 {
				for i := range len(made) {
					k := (i + g*251) % len(made)
					if v := m.get(k, func() int { made[k].Add(1); return k * 3 }); v != k*3 {
						t.Errorf("round %d: key %d gave %d", round, k, v)
					}
				}
			}
		}()
	}
	wg.Wait()
	for k := range made {
		if n := made[k].Load(); n != 1 {
			t.Fatalf("key %d made %d times", k, n)
		}
	}
	if p := m.m.Load(); p == nil || len(*p)+len(m.pending) != len(made) {
		t.Errorf("the memo holds %d read and %d pending entries, want %d in all", len(*p), len(m.pending), len(made))
	}
}

// TestMemoFoldsWhatIsRead: entries too few to fold by their number are
// folded once they are read often enough, after which no read locks.
func TestMemoFoldsWhatIsRead(t *testing.T) {
	var m memo[int, int]
	for k := range 3 {
		m.get(k, func() int { return k })
	}
	if len(m.pending) != 3 {
		t.Fatalf("%d pending after 3 new keys, want 3 (fewer than fold by number)", len(m.pending))
	}
	for range 8 {
		for k := range 3 {
			if v := m.get(k, func() int { t.Fatalf("key %d made again", k); return 0 }); v != k {
				t.Fatalf("key %d gave %d", k, v)
			}
		}
	}
	if p := m.m.Load(); m.pending != nil || p == nil || len(*p) != 3 {
		t.Errorf("after 24 reads: %d pending, read map %v; want all 3 folded", len(m.pending), p)
	}
}
