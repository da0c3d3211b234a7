package serve

import (
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dossier-ssg/dossier/generator/output"
)

// Clock is where a Batcher reads the time: the real clock in the server,
// a manual one in tests, so that what counts as one burst is exact rather
// than a matter of how busy the machine is.
type Clock interface {
	Now() time.Time
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// RealClock is the system clock.
func RealClock() Clock { return realClock{} }

// Batcher turns a burst of file events into one rebuild: it waits until
// no event has come for Quiet, or Max has passed since the first, then
// hands over the paths gathered. A git checkout touching hundreds of
// files gives one rebuild (or a few, when it takes longer than Max); the
// rebuild reads the files as they are on disk then, so the final state is
// always the one served.
type Batcher struct {
	Quiet, Max time.Duration
	clock      Clock
	in         chan string
	out        chan []string
	pending    atomic.Int64
}

// NewBatcher starts a batcher on the given clock (nil: the real one).
func NewBatcher(quiet, max time.Duration, clock Clock) *Batcher {
	if clock == nil {
		clock = RealClock()
	}
	b := &Batcher{Quiet: quiet, Max: max, clock: clock, in: make(chan string, 1024), out: make(chan []string, 1)}
	go b.run()
	return b
}

// Add records a changed path.
func (b *Batcher) Add(path string) { b.in <- path }

// Batches delivers the batches.
func (b *Batcher) Batches() <-chan []string { return b.out }

// Pending is the number of distinct paths gathered and not yet handed
// over. A path counts once its timer is set, so a test that sees N
// pending paths can move a manual clock on and get exactly one batch.
func (b *Batcher) Pending() int { return int(b.pending.Load()) }

// Close stops the batcher, delivering what is pending.
func (b *Batcher) Close() { close(b.in) }

func (b *Batcher) run() {
	defer close(b.out)
	var g gathering
	var timer <-chan time.Time
	flush := func() {
		if paths := g.take(); len(paths) > 0 {
			b.pending.Store(0)
			b.out <- paths
		}
		timer = nil
	}
	for {
		select {
		case p, ok := <-b.in:
			if !ok {
				flush()
				return
			}
			now := b.clock.Now()
			g.add(p, now)
			timer = b.clock.After(g.due(b.Quiet, b.Max).Sub(now))
			b.pending.Store(int64(len(g.paths)))
		case <-timer:
			now := b.clock.Now()
			if due := g.due(b.Quiet, b.Max); now.Before(due) {
				timer = b.clock.After(due.Sub(now)) // early: wait the rest
				continue
			}
			flush()
		}
	}
}

// gathering is a batch being gathered. It is pure: its rule (hand over
// Quiet after the last event, or Max after the first, whichever comes
// first) is tested with plain times.
type gathering struct {
	paths       []string
	seen        map[string]bool
	first, last time.Time
}

func (g *gathering) add(path string, now time.Time) {
	if len(g.paths) == 0 {
		g.first = now
		g.seen = map[string]bool{}
	}
	g.last = now
	if !g.seen[path] {
		g.seen[path] = true
		g.paths = append(g.paths, path)
	}
}

// due is when the batch must be handed over.
func (g *gathering) due(quiet, max time.Duration) time.Time {
	q, m := g.last.Add(quiet), g.first.Add(max)
	if m.Before(q) {
		return m
	}
	return q
}

func (g *gathering) take() []string {
	p := g.paths
	*g = gathering{}
	return p
}

// Ignored reports whether a changed path, relative to the site, is an
// editor's temporary or backup file or lies in a hidden folder, and so
// never triggers a build.
func Ignored(rel string) bool {
	for _, part := range strings.Split(filepath.ToSlash(rel), "/") {
		if part != "" && part != "." && output.IgnoredName(part) {
			return true
		}
	}
	return false
}
