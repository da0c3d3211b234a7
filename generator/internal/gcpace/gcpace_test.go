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
		{16 << 20, 400},   // 64 MiB headroom exactly
		{32 << 20, 200},   // 64 MiB above the live heap
		{64 << 20, 100},   // as much again as is live
		{140 << 20, 100},  // a 10,000-page build at its peak: never less than Go's default
		{1024 << 20, 100}, // nor for a larger one
	} {
		if got := gcPercent(c.live, Build); got != c.want {
			t.Errorf("gcPercent(%d MiB) = %d, want %d", c.live>>20, got, c.want)
		}
		if p := gcPercent(c.live, Build); c.live > 0 && p > 100 && uint64(p)*c.live/100 > Build {
			t.Errorf("gcPercent(%d MiB) = %d lets the heap grow by more than %d MiB", c.live>>20, p, Build>>20)
		}
	}
}

// TestServeKeepsMoreHeadroom: the preview server, which keeps the
// dossier's 40 MB live between rebuilds, lets the heap grow by four
// times that, where a build would by 64 MiB.
func TestServeKeepsMoreHeadroom(t *testing.T) {
	if got := gcPercent(40<<20, Serve); got != 400 {
		t.Errorf("serve: gcPercent(40 MiB) = %d, want 400", got)
	}
	if got := gcPercent(40<<20, Build); got != 160 {
		t.Errorf("build: gcPercent(40 MiB) = %d, want 160", got)
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
