package serve

import (
	"path/filepath"
	"strings"
	"time"

	"github.com/dossier-ssg/dossier/generator/output"
)

// Batcher turns a burst of file events into one rebuild: it waits until
// no event has come for Quiet, or Max has passed since the first, then
// hands over the paths gathered. A git checkout touching hundreds of
// files gives one rebuild (or a few, when it takes longer than Max); the
// rebuild reads the files as they are on disk then, so the final state is
// always the one served.
type Batcher struct {
	Quiet, Max time.Duration
	in         chan string
	out        chan []string
}

// NewBatcher starts a batcher.
func NewBatcher(quiet, max time.Duration) *Batcher {
	b := &Batcher{Quiet: quiet, Max: max, in: make(chan string, 1024), out: make(chan []string, 1)}
	go b.run()
	return b
}

// Add records a changed path.
func (b *Batcher) Add(path string) { b.in <- path }

// Batches delivers the batches.
func (b *Batcher) Batches() <-chan []string { return b.out }

// Close stops the batcher, delivering what is pending.
func (b *Batcher) Close() { close(b.in) }

func (b *Batcher) run() {
	defer close(b.out)
	var pending []string
	seen := map[string]bool{}
	var quiet, max <-chan time.Time
	flush := func() {
		if len(pending) > 0 {
			b.out <- pending
		}
		pending, seen, quiet, max = nil, map[string]bool{}, nil, nil
	}
	for {
		select {
		case p, ok := <-b.in:
			if !ok {
				flush()
				return
			}
			if !seen[p] {
				seen[p] = true
				pending = append(pending, p)
			}
			quiet = time.After(b.Quiet)
			if max == nil {
				max = time.After(b.Max)
			}
		case <-quiet:
			flush()
		case <-max:
			flush()
		}
	}
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
