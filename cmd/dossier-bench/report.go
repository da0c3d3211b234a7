package main

import (
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// report collects the comparisons and prints them as one Markdown table.
type report struct {
	out          string // where the output folders were ("" for beside the sites)
	start        time.Time
	load0, load1 string
	runs, warmup int
	repeated     bool
	hugoVersion  string
	rows         []reportRow
}

type reportRow struct {
	work string
	res  *result
}

func (r *report) add(work string, res *result) { r.rows = append(r.rows, reportRow{work, res}) }

func (r *report) write(w io.Writer) {
	mode := "cold: every build into a fresh output folder"
	if r.repeated {
		mode = "repeated: every build into the output and caches of the tool's previous build"
	}
	if r.out != "" {
		mode += " under " + r.out
	}
	hugo := r.hugoVersion
	if hugo == "" {
		hugo = "Hugo not installed"
	}
	fmt.Fprintf(w, "%s, %s/%s, %d CPUs, load average %s at the start and %s at the end; dossier built with %s, %s. %s; %d warm-up and %d counted runs per tool, interleaved in pairs (order alternating). CPU is user + system time, memory the peak RSS, both from the process's rusage.\n\n",
		r.start.UTC().Format("2006-01-02 15:04 UTC"), runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), orUnknown(r.load0), orUnknown(r.load1), runtime.Version(), hugo, capitalize(mode), r.warmup, r.runs)
	fmt.Fprintln(w, "| work | tool | HTML pages | wall: min / median / max | CPU: min / median / max | peak RSS: min / median / max | per page |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: | ---: | ---: | ---: |")
	for _, row := range r.rows {
		for _, t := range row.res.tools {
			name := t.name
			if strings.HasPrefix(name, "Hugo") && r.hugoVersion != "" {
				name = r.hugoVersion + strings.TrimPrefix(name, "Hugo")
			}
			pages, perPage := "—", ""
			if t.pages >= 0 {
				pages = fmt.Sprintf("%s (%.1f MiB)", thousands(t.pages), float64(t.htmlBytes)/(1<<20))
				if t.pages > 0 {
					perPage = fmt.Sprintf("%.0f µs", t.spread(wallOf).med/float64(t.pages)*1e6)
				}
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", row.work, name, pages, seconds(t.spread(wallOf)), seconds(t.spread(cpuOf)), mebibytes(t.spread(rssOf)), perPage)
		}
		if len(row.res.tools) == 2 {
			a, b := row.res.tools[0], row.res.tools[1]
			pages := ""
			if a.pages != b.pages {
				pages = "⚠ unequal"
			}
			fmt.Fprintf(w, "| %s | **%s / %s** | %s | %s | %s | %s | |\n", row.work, strings.Fields(a.name)[0], strings.Fields(b.name)[0], pages, ratioCell(a, b, wallOf), ratioCell(a, b, cpuOf), ratioCell(a, b, rssOf))
		}
	}
	fmt.Fprintln(w, "\nRatios: the median of the per-pair ratios, and in brackets the ratio of the medians; below 1× dossier is faster or smaller. Per page: the median wall time over the HTML pages written.")
}

func ratioCell(a, b toolResult, m metric) string {
	pair, med := ratios(a, b, m)
	return fmt.Sprintf("**%.2f×** (%.2f×)", pair, med)
}

// seconds prints a spread of durations in ms below a second, else in s.
func seconds(s spread) string {
	if s.med < 1 {
		return fmt.Sprintf("%.0f / %.0f / %.0f ms", s.min*1e3, s.med*1e3, s.max*1e3)
	}
	return fmt.Sprintf("%.2f / %.2f / %.2f s", s.min, s.med, s.max)
}

func mebibytes(s spread) string {
	if s.max == 0 {
		return "unknown"
	}
	return fmt.Sprintf("%.0f / %.0f / %.0f MiB", s.min/1024, s.med/1024, s.max/1024)
}

// thousands writes n with commas: 10,000.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

func capitalize(s string) string { return strings.ToUpper(s[:1]) + s[1:] }
