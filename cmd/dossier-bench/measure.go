package main

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// sample is what one run of a tool cost.
type sample struct {
	wall, cpu time.Duration
	rssKiB    int64 // peak resident set size
}

// toolResult is one tool's counted runs, and what its first run wrote.
type toolResult struct {
	name      string
	samples   []sample
	pages     int // HTML files written; -1 for a tool that writes none
	htmlBytes int64
}

// result is one comparison: the tools' counted runs, pair by pair
// (samples[i] of every tool belong to pair i).
type result struct{ tools []toolResult }

type bench struct {
	tmp          string
	out          string // where the runs' output folders go; tmp when empty
	runs, warmup int
	repeated     bool
}

// compare runs the tools in interleaved pairs: warm-up pairs first, then
// the counted ones, the order within a pair alternating. A cold run
// writes into a fresh folder, removed afterwards; a repeated run writes
// into the folder the tool's previous run wrote.
func (b *bench) compare(tools []*tool) (*result, error) {
	res := &result{}
	for _, t := range tools {
		res.tools = append(res.tools, toolResult{name: t.name, pages: -1})
	}
	warmup := b.warmup
	if b.repeated && warmup < 1 {
		warmup = 1 // the first build of a repeated series is a cold one
	}
	base := b.out
	if base == "" {
		base = b.tmp
	}
	runsDir, err := os.MkdirTemp(base, "dossier-bench-runs-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(runsDir)
	for pair := 0; pair < warmup+b.runs; pair++ {
		order := make([]int, len(tools))
		for k := range order {
			order[k] = k
			if pair%2 == 1 {
				order[k] = len(tools) - 1 - k
			}
		}
		for _, k := range order {
			t := tools[k]
			run := filepath.Join(runsDir, fmt.Sprintf("tool%d-run%d", k, pair))
			if b.repeated {
				run = filepath.Join(runsDir, fmt.Sprintf("tool%d", k))
			}
			if err := os.MkdirAll(run, 0o755); err != nil {
				return nil, err
			}
			out := filepath.Join(run, "public")
			s, err := measure(t.cmd(out, run))
			if err != nil {
				return nil, err
			}
			tr := &res.tools[k]
			if t.writes && tr.pages < 0 {
				if tr.pages, tr.htmlBytes, err = countHTML(out); err != nil {
					return nil, err
				}
			}
			if pair >= warmup {
				tr.samples = append(tr.samples, s)
			}
			if !b.repeated {
				if err := os.RemoveAll(run); err != nil {
					return nil, err
				}
				if err := t.clean(); err != nil {
					return nil, err
				}
			}
		}
	}
	for _, t := range tools {
		if err := t.clean(); err != nil {
			return nil, err
		}
	}
	return res, nil
}

// measure runs cmd to its end and reads what it cost from its rusage.
func measure(cmd *exec.Cmd) (sample, error) {
	var stderr bytes.Buffer
	cmd.Stdout = nil // /dev/null
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return sample{}, fmt.Errorf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, stderr.String())
	}
	ps := cmd.ProcessState
	return sample{wall: wall, cpu: ps.UserTime() + ps.SystemTime(), rssKiB: maxRSSKiB(ps)}, nil
}

// countHTML counts the HTML files under dir and their bytes.
func countHTML(dir string) (n int, size int64, err error) {
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n++
		size += info.Size()
		return nil
	})
	return n, size, err
}

// htmlPaths lists the HTML files under dir, relative to it, sorted.
func htmlPaths(dir string) ([]string, error) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		paths = append(paths, filepath.ToSlash(rel))
		return nil
	})
	sort.Strings(paths)
	return paths, err
}

// spread is the minimum, median and maximum of some values.
type spread struct{ min, med, max float64 }

func spreadOf(xs []float64) spread {
	if len(xs) == 0 {
		return spread{}
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	med := s[len(s)/2]
	if len(s)%2 == 0 {
		med = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return spread{s[0], med, s[len(s)-1]}
}

// metric picks one figure out of a sample.
type metric func(sample) float64

var (
	wallOf metric = func(s sample) float64 { return s.wall.Seconds() }
	cpuOf  metric = func(s sample) float64 { return s.cpu.Seconds() }
	rssOf  metric = func(s sample) float64 { return float64(s.rssKiB) }
)

func (t toolResult) spread(m metric) spread {
	xs := make([]float64, len(t.samples))
	for i, s := range t.samples {
		xs[i] = m(s)
	}
	return spreadOf(xs)
}

// ratios returns a/b for one metric: the median of the per-pair ratios,
// and the ratio of the medians.
func ratios(a, b toolResult, m metric) (pairMedian, ofMedians float64) {
	var rs []float64
	for i := range a.samples {
		if i < len(b.samples) && m(b.samples[i]) > 0 {
			rs = append(rs, m(a.samples[i])/m(b.samples[i]))
		}
	}
	if mb := b.spread(m).med; mb > 0 {
		ofMedians = a.spread(m).med / mb
	}
	return spreadOf(rs).med, ofMedians
}

// loadAverage is the system's load average (1, 5, 15 minutes), or "".
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
