// Package gcpace paces the garbage collector of dossier's commands by the
// live heap (Start), for build, check and the preview server alike.
package gcpace

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// Headroom for the heap between collections: four
// times what is live or extraHeap, whichever is less, but never less
// than what is live. A small site's build allocates much and keeps
// little, and fewer collections cut the dossier's build time by 15%
// (BenchmarkBuildDossier, GOGC=400 vs 100). A 10,000-page build keeps
// 150-200 MB live at its peak: 128 MiB of headroom rather than 256 cut
// its peak memory by 12-20% but cost 12% more CPU (7 interleaved runs of
// each synthetic site), and was taken back. Measured again once builds
// held no syntax trees and few bodies (130-150 MB live at the peak), 64
// MiB cut the peak RSS of 10,000 dossier-format pages from 363 to 304
// MiB and 128 MiB to 312, but for 12% and 7% more CPU time (7
// interleaved runs), which the dossier format's CPU budget against Hugo
// does not have; taken back again.
const (
	maxGCPercent = 400
	minGCPercent = 100
	extraHeap    = 256 << 20
)

// gcPercent is the GOGC that lets a heap with live bytes grow by
// extraHeap, kept between minGCPercent and maxGCPercent.
func gcPercent(live uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	return int(min(max(extraHeap*100/live, minGCPercent), maxGCPercent))
}

// Start sets the collector's pace for the rest of the process, unless
// the user set GOGC: after each collection it sets GOGC from the live
// heap (gcPercent). The preview server's rebuilds gain as builds do: the
// dossier's keeps about 40 MB live and allocates about 30 MB a rebuild,
// which at GOGC=100 was a collection per rebuild. Calling it again does
// nothing.
func Start() { once.Do(start) }

var once sync.Once

func start() {
	if os.Getenv("GOGC") != "" {
		return
	}
	cur := maxGCPercent
	debug.SetGCPercent(cur)
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	afterEachGC(func() {
		metrics.Read(s)
		if s[0].Value.Kind() != metrics.KindUint64 {
			return
		}
		if p := gcPercent(s[0].Value.Uint64()); p != cur {
			cur = p
			debug.SetGCPercent(p)
		}
	})
}

// gcSentinel is garbage from the start: its finalizer runs once a
// collection has found it unreachable, and sets itself again.
type gcSentinel struct{ _ *int }

// afterEachGC calls f, on the finalizer goroutine, after every garbage
// collection for the rest of the process.
func afterEachGC(f func()) {
	var fin func(*gcSentinel)
	fin = func(s *gcSentinel) {
		f()
		runtime.SetFinalizer(s, fin)
	}
	runtime.SetFinalizer(&gcSentinel{}, fin)
}
