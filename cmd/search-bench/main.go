// Command search-bench compares dossier's search index with Pagefind's on
// the shipped dossier: it builds the site, times dossier's indexing and a
// Pagefind run over the built pages, counts each index's files and bytes,
// and, in headless Chromium, runs every query of
// generator/search/testdata/queries.yaml through each script, counting
// the bytes each query fetches (cold cache) and whether the expected
// result comes first. It prints Markdown tables. make bench runs it.
//
// Pagefind is installed from npm into .ci/tools on first use (only for
// this benchmark).
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/render"
	"github.com/dossier-ssg/dossier/generator/search"
	"gopkg.in/yaml.v3"
)

type query struct {
	Q    string `yaml:"q"`
	Want string `yaml:"want"`
}

// fetched is what one query made the browser download.
type fetched struct {
	files      int
	raw, gz    int
	first      string
	firstRight bool
}

func main() {
	siteDir := flag.String("s", ".", "the site to build")
	runs := flag.Int("runs", 5, "timed runs of each indexer")
	tools := flag.String("tools", ".ci/tools", "where npm installs Pagefind")
	version := flag.String("pagefind", "1.4.0", "Pagefind version to install")
	queriesFile := flag.String("queries", "generator/search/testdata/queries.yaml", "the query list")
	flag.Parse()

	var qs map[string][]query
	b, err := os.ReadFile(*queriesFile)
	check(err)
	check(yaml.Unmarshal(b, &qs))

	tmp, err := os.MkdirTemp("", "search-bench-")
	check(err)
	defer os.RemoveAll(tmp)
	out := filepath.Join(tmp, "site")

	// dossier: the whole build, and the search files alone.
	var buildTimes, indexTimes []time.Duration
	var buildCPU, indexCPU time.Duration
	var res *build.Result
	for i := 0; i < *runs; i++ {
		// The build as `dossier build` runs it: rendered and written.
		start, c0 := time.Now(), cpuTime()
		res, err = build.Build(build.Options{SiteDir: *siteDir, OutDir: filepath.Join(tmp, fmt.Sprint("run", i))})
		check(err)
		buildTimes = append(buildTimes, time.Since(start))
		buildCPU += cpuTime() - c0
		wall, cpu := indexTime(*siteDir, res)
		indexTimes = append(indexTimes, wall)
		indexCPU += cpu
	}
	_, err = build.Build(build.Options{SiteDir: *siteDir, OutDir: out})
	check(err)
	ourFiles, ourBytes, ourGz := tree(out, func(p string) bool {
		return strings.Contains(p, "search/idx/") || strings.HasPrefix(path.Base(p), "search.") && strings.HasSuffix(p, ".js")
	})

	// Pagefind, over a copy of the built site.
	pf := pagefindBin(*tools, *version)
	pfSite := filepath.Join(tmp, "pf")
	check(exec.Command("cp", "-r", out, pfSite).Run())
	var pfTimes []time.Duration
	for i := 0; i < *runs; i++ {
		os.RemoveAll(filepath.Join(pfSite, "pagefind"))
		start := time.Now()
		cmd := exec.Command(pf, "--site", pfSite)
		if o, err := cmd.CombinedOutput(); err != nil {
			fail(fmt.Errorf("pagefind: %v\n%s", err, o))
		}
		pfTimes = append(pfTimes, time.Since(start))
	}
	pfFiles, pfBytes, pfGz := tree(filepath.Join(pfSite, "pagefind"), func(string) bool { return true })

	// Both scripts in a browser, every query on a cold cache.
	srv := httptest.NewServer(noStore(http.FileServer(http.Dir(pfSite))))
	defer srv.Close()
	ctx, cancel := browser()
	defer cancel()
	langs := []string{"en", "zh"}
	ours := map[string][]fetched{}
	theirs := map[string][]fetched{}
	for _, lang := range langs {
		prefix := ""
		if lang != "en" {
			prefix = "/" + lang
		}
		for _, q := range qs[lang] {
			ours[lang] = append(ours[lang], runOurs(ctx, srv.URL, prefix, q, pfSite))
			theirs[lang] = append(theirs[lang], runPagefind(ctx, srv.URL, prefix, q, pfSite))
		}
	}

	buildMed := median(buildTimes)
	idx := median(indexTimes)
	fmt.Printf("## Search: dossier and Pagefind %s on the shipped dossier\n\n", *version)
	fmt.Printf("Medians of %d runs; bytes per query counted in headless Chromium with the cache off (raw as served, and gzip as a host would send it).\n\n", *runs)
	fmt.Println("| | dossier | Pagefind |")
	fmt.Println("| --- | ---: | ---: |")
	fmt.Printf("| index build time | %s (%.1f%% of the %s `dossier build`, which includes it; CPU time %.1f%%) | %s |\n", ms(idx), 100*float64(idx)/float64(buildMed), ms(buildMed), 100*float64(indexCPU)/float64(buildCPU), ms(median(pfTimes)))
	fmt.Printf("| index files | %d | %d |\n", ourFiles, pfFiles)
	fmt.Printf("| index bytes (raw / gzip) | %s / %s | %s / %s |\n", kb(ourBytes), kb(ourGz), kb(pfBytes), kb(pfGz))
	for _, lang := range langs {
		o, t := summary(ours[lang]), summary(theirs[lang])
		fmt.Printf("| %s: bytes per query, median (raw / gzip) | %s / %s | %s / %s |\n", lang, kb(o.raw), kb(o.gz), kb(t.raw), kb(t.gz))
		fmt.Printf("| %s: bytes per query, largest (raw / gzip) | %s / %s | %s / %s |\n", lang, kb(o.maxRaw), kb(o.maxGz), kb(t.maxRaw), kb(t.maxGz))
		fmt.Printf("| %s: expected result first | %d of %d (%.0f%%) | %d of %d (%.0f%%) |\n", lang, o.right, len(qs[lang]), pct(o.right, len(qs[lang])), t.right, len(qs[lang]), pct(t.right, len(qs[lang])))
	}
	fmt.Println("\nPagefind finds pages, not passages: its first result counts as right when it is the expected passage's page.")
	fmt.Println()
	fmt.Println("| lang | query | expected | dossier bytes (gzip) | dossier first | Pagefind bytes (gzip) | Pagefind first |")
	fmt.Println("| --- | --- | --- | ---: | --- | ---: | --- |")
	for _, lang := range langs {
		for i, q := range qs[lang] {
			o, t := ours[lang][i], theirs[lang][i]
			fmt.Printf("| %s | `%s` | %s | %s | %s | %s | %s |\n", lang, q.Q, q.Want, kb(o.gz), mark(o), kb(t.gz), mark(t))
		}
	}
}

// indexTime times what the build spends on search: the units, the index
// and the previews of every language, sharing one cache as a build does
// (the pages are built first, untimed). It returns the wall and the CPU
// time.
func indexTime(siteDir string, res *build.Result) (time.Duration, time.Duration) {
	cfg := res.Site.Config
	var codes []string
	for _, l := range cfg.Languages {
		codes = append(codes, l.Code)
	}
	ui, _ := i18n.Load(build.SiteFS(siteDir), codes)
	var total, cpu time.Duration
	c := search.NewCache()
	for _, l := range cfg.Languages {
		b := &render.Builder{MD: build.Markdown(), Site: res.Sites[l.Code], Lang: l, UI: ui[l.Code]}
		b.Pages()
		start, c0 := time.Now(), cpuTime()
		b.SearchFiles(c)
		total += time.Since(start)
		cpu += cpuTime() - c0
	}
	return total, cpu
}

// cpuTime is the process's user and system time so far: on a shared
// machine, a fairer measure of work than the wall clock.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// runOurs opens the search page with the query, as the header's form
// does, and waits for the results.
func runOurs(ctx context.Context, base, prefix string, q query, dir string) fetched {
	u := base + prefix + "/search/?q=" + url.QueryEscape(q.Q)
	_, err := chromedp.Run(ctx, chromedp.Navigate(u))
	check(err)
	waitFor(ctx, `document.getElementById("search-status").textContent !== ""`)
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(() => { const a = document.querySelector("a.search-hit"); if (!a) return ""; const u = new URL(a.href); return decodeURIComponent(u.pathname + u.hash.split(":~:")[0]); })()`))
	check(err)
	f := resources(ctx, dir, func(p string) bool { return strings.Contains(p, "/search/idx/") || strings.Contains(p, "/search.") })
	f.first, f.firstRight = first, first == q.Want
	return f
}

// runPagefind loads Pagefind's script on a page of the language (it
// picks its index by the page's lang) and asks it the query, loading the
// first five results as its UI does.
func runPagefind(ctx context.Context, base, prefix string, q query, dir string) fetched {
	_, err := chromedp.Run(ctx, chromedp.Navigate(base+prefix+"/404.html"))
	check(err)
	arg, _ := json.Marshal(q.Q)
	first, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(async () => {
		const pf = await import("/pagefind/pagefind.js");
		await pf.init();
		const s = await pf.search(`+string(arg)+`);
		const data = await Promise.all(s.results.slice(0, 5).map(r => r.data()));
		return data.length ? data[0].url : "";
	})()`, chromedp.EvalAwaitPromise))
	check(err)
	f := resources(ctx, dir, func(p string) bool { return strings.Contains(p, "/pagefind/") })
	f.first = first
	want := strings.SplitN(q.Want, "#", 2)[0]
	f.firstRight = strings.TrimSuffix(first, "index.html") == want
	return f
}

// resources sums the files the page fetched that keep: raw bytes as
// served, and gzip as a host would compress them (files already
// compressed, as Pagefind's are, count as they are).
func resources(ctx context.Context, dir string, keep func(string) bool) fetched {
	names, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`performance.getEntriesByType("resource").map(e => new URL(e.name).pathname)`))
	check(err)
	var f fetched
	for _, n := range names {
		if !keep(n) {
			continue
		}
		p, _ := url.PathUnescape(n)
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p)))
		if err != nil {
			continue
		}
		f.files++
		f.raw += len(b)
		f.gz += min(len(b), gzipLen(b))
	}
	return f
}

type stats struct {
	raw, gz, maxRaw, maxGz, right int
}

func summary(fs []fetched) stats {
	var s stats
	var raws, gzs []int
	for _, f := range fs {
		raws, gzs = append(raws, f.raw), append(gzs, f.gz)
		s.maxRaw, s.maxGz = max(s.maxRaw, f.raw), max(s.maxGz, f.gz)
		if f.firstRight {
			s.right++
		}
	}
	sort.Ints(raws)
	sort.Ints(gzs)
	if len(raws) > 0 {
		s.raw, s.gz = raws[len(raws)/2], gzs[len(gzs)/2]
	}
	return s
}

func mark(f fetched) string {
	if f.firstRight {
		return "yes"
	}
	if f.first == "" {
		return "no (nothing)"
	}
	return "no (" + f.first + ")"
}

// tree counts the files, bytes and gzip bytes under dir that keep.
func tree(dir string, keep func(string) bool) (files, raw, gz int) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if !keep(filepath.ToSlash(rel)) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		files++
		raw += len(b)
		gz += min(len(b), gzipLen(b))
		return nil
	})
	return
}

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// pagefindBin installs Pagefind with npm into tools if it is not there.
func pagefindBin(tools, version string) string {
	bin := filepath.Join(tools, "node_modules", "@pagefind", "linux-x64", "bin", "pagefind_extended")
	if _, err := os.Stat(bin); err == nil {
		return bin
	}
	cmd := exec.Command("npm", "install", "--prefix", tools, "--no-audit", "--no-fund", "--silent", "pagefind@"+version)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fail(fmt.Errorf("installing Pagefind with npm: %w", err))
	}
	return bin
}

// noStore keeps the browser from caching: every query starts cold.
func noStore(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		h.ServeHTTP(w, r)
	})
}

func browser() (context.Context, context.CancelFunc) {
	chrome := os.Getenv("CHROME")
	if chrome == "" {
		for _, n := range []string{"chromium", "chromium-browser", "google-chrome"} {
			if p, err := exec.LookPath(n); err == nil {
				chrome = p
				break
			}
		}
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chrome), chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true))
	actx, c1 := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, c2 := chromedp.NewContext(actx)
	return ctx, func() { c2(); c1() }
}

func waitFor(ctx context.Context, js string) {
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		if ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](js)); err == nil && ok {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	fail(fmt.Errorf("timed out waiting for %s", js))
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", float64(d)/1e6) }

func kb(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.2f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.1f KB", float64(n)/1024)
}

func pct(a, b int) float64 { return 100 * float64(a) / float64(max(b, 1)) }

func check(err error) {
	if err != nil {
		fail(err)
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "search-bench:", err)
	os.Exit(1)
}
