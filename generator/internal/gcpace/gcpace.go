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
// (BenchmarkBuildDossier, GOGC=400 vs 100). A large one's collections
// cost less since its builds hold no syntax trees and few bodies (a
// 10,000-page build keeps 130-150 MB live at its peak, no longer 150-
// 220): 64 MiB of headroom rather than 256 cut the peak RSS of 10,000
// plain posts from 433 to 341 MiB and of 10,000 dossier-format pages
// from 380 to 285 MiB, for no more CPU time on the first and 3% on the
// second (5 interleaved runs each); below that, the floor (as much as
// is live) decides. The shipped dossier and 1,000-page sites, whose
// four times what is live is less, are the same. The preview server,
// which keeps every page and tree between rebuilds and wants each
// rebuild fast, keeps 256 MiB (Serve).
const (
	maxGCPercent = 400
	minGCPercent = 100
	extraHeap    = 64 << 20
)

// Headrooms Start takes: Build's for a one-shot build or check, Serve's
// for the preview server.
const (
	Build uint64 = extraHeap
	Serve uint64 = 256 << 20
)

// gcPercent is the GOGC that lets a heap with live bytes grow by extra,
// kept between minGCPercent and maxGCPercent.
func gcPercent(live, extra uint64) int {
	if live == 0 {
		return maxGCPercent
	}
	return int(min(max(extra*100/live, minGCPercent), maxGCPercent))
}

// Start sets the collector's pace for the rest of the process, unless
// the user set GOGC: after each collection it sets GOGC from the live
// heap (gcPercent), for extra bytes of headroom (Build, Serve). The
// preview server's rebuilds gain as builds do: the
// dossier's keeps about 40 MB live and allocates about 30 MB a rebuild,
// which at GOGC=100 was a collection per rebuild. Calling it again does
// nothing.
func Start(extra uint64) { once.Do(func() { start(extra) }) }

var once sync.Once

func start(extra uint64) {
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
		if p := gcPercent(s[0].Value.Uint64(), extra); p != cur {
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
