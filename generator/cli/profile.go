package cli

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"sync"
	"time"
)

// profiles are the CPU and memory profiles build's -cpuprofile and
// -memprofile ask for (read them with go tool pprof).
type profiles struct {
	cpu, mem string
	stderr   io.Writer
	cpuFile  *os.File
	done     chan struct{}
	wg       sync.WaitGroup
	peak     bytes.Buffer // the heap profile at the collection that found the most live memory
	peakLive uint64
	// peakCycle is the collection that found peakLive; pending, that
	// its profile is not in peak yet.
	peakCycle uint64
	pending   bool
}

// startProfiles starts the CPU profile into cpu and, for mem, a watcher
// that keeps the heap profile of the collection that found the most
// live memory; either name may be empty. It reports a file it cannot
// create on stderr and returns false.
func startProfiles(cpu, mem string, stderr io.Writer) (*profiles, bool) {
	p := &profiles{cpu: cpu, mem: mem, stderr: stderr}
	if cpu != "" {
		f, err := os.Create(cpu)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintf(stderr, "dossier build: -cpuprofile: %v\n", err)
			return p, false
		}
		p.cpuFile = f
	}
	if mem != "" {
		p.done = make(chan struct{})
		p.wg.Add(1)
		go p.watchHeap()
	}
	return p, true
}

// watchHeap samples the live heap after every garbage collection and
// keeps the heap profile of the collection that found the most. The
// runtime publishes a collection's heap profile only when the next one
// has marked (until then frees are still being counted), so the profile
// of a peak is taken one collection after it; if the build ends first,
// stop takes the latest published one.
func (p *profiles) watchHeap() {
	defer p.wg.Done()
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/live:bytes"}}
	var cycles uint64
	t := time.NewTicker(10 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		metrics.Read(s)
		if s[0].Value.Kind() != metrics.KindUint64 || s[1].Value.Kind() != metrics.KindUint64 {
			return
		}
		if c := s[0].Value.Uint64(); c != cycles {
			cycles = c
			p.observe(c, s[1].Value.Uint64())
		}
	}
}

// observe takes the live heap that collection c found: the profile of
// an earlier peak, published now, is kept; a new peak waits for the
// next collection.
func (p *profiles) observe(c, live uint64) {
	if p.pending && c > p.peakCycle {
		p.writePeak()
	}
	if live > p.peakLive {
		p.peakLive, p.peakCycle, p.pending = live, c, true
	}
}

// writePeak keeps the heap profile the runtime has published.
func (p *profiles) writePeak() {
	p.peak.Reset()
	pprof.Lookup("heap").WriteTo(&p.peak, 0)
	p.pending = false
}

// stop ends the profiles and writes them: the CPU profile; the memory
// profile of the whole build into mem (after a last collection, so
// alloc_space counts every allocation and inuse_space what the build
// left reachable); and, into mem.peak, the heap when most was live
// (inuse_space is what the build held at its peak). Errors go to stderr.
func (p *profiles) stop() {
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		if err := p.cpuFile.Close(); err != nil {
			fmt.Fprintf(p.stderr, "dossier build: -cpuprofile: %v\n", err)
		}
	}
	if p.mem == "" {
		return
	}
	close(p.done)
	p.wg.Wait()
	if p.pending {
		p.writePeak()
	}
	runtime.GC()
	var b bytes.Buffer
	err := pprof.Lookup("heap").WriteTo(&b, 0)
	if err == nil {
		err = os.WriteFile(p.mem, b.Bytes(), 0o644)
	}
	if err != nil {
		fmt.Fprintf(p.stderr, "dossier build: -memprofile: %v\n", err)
	}
	if p.peak.Len() > 0 {
		if err := os.WriteFile(p.mem+".peak", p.peak.Bytes(), 0o644); err != nil {
			fmt.Fprintf(p.stderr, "dossier build: -memprofile: %v\n", err)
		}
	}
}
