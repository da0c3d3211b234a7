package gcpace

import (
	"runtime"
	"testing"
)

func TestGCPercentKeepsHeadroomBounded(t *testing.T) {
	for _, c := range []struct {
		live uint64
		want int
	}{
		{0, 400},          // before the first collection
		{10 << 20, 400},   // the shipped dossier: four times its live heap is little
		{64 << 20, 400},   // 256 MiB headroom exactly
		{128 << 20, 200},  // 256 MiB above the live heap
		{256 << 20, 100},  // as much again as is live
		{1024 << 20, 100}, // never less than Go's default
	} {
		if got := gcPercent(c.live); got != c.want {
			t.Errorf("gcPercent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
		if p := gcPercent(c.live); c.live > 0 && p > 100 && uint64(p)*c.live/100 > extraHeap {
			t.Errorf("gcPercent(%d MiB) = %d lets the heap grow by more than %d MiB", c.live>>20, p, extraHeap>>20)
		}
	}
}

func TestAfterEachGCRunsAgainAfterEveryCollection(t *testing.T) {
	calls := make(chan struct{}, 16)
	afterEachGC(func() {
		select {
		case calls <- struct{}{}:
		default:
		}
	})
	for i := 0; i < 3; i++ {
		// A finalizer runs on its own goroutine some time after the
		// collection that found its object: collect until it has.
		for n, done := 0, false; !done; n++ {
			if n == 100 {
				t.Fatalf("the hook ran %d times, then not in 100 collections", i)
			}
			runtime.GC()
			select {
			case <-calls:
				done = true
			default:
				runtime.Gosched()
			}
		}
	}
}
