// Command dossier-bench times dossier against Hugo on the same machine,
// on the same generated sites, as whole processes, and prints the result
// as a Markdown table. make bench runs it.
//
// # How it measures
//
// Both tools are separate processes, built or found once before any
// timing: dossier is compiled with go build -o into a temporary folder,
// Hugo is the hugo found on PATH (apt-get install hugo; without it the
// command says so and times dossier alone). Each build writes into a
// fresh, empty output folder (cold), and Hugo gets a fresh cache folder
// and no resources/ left from the run before; with -repeated, each tool
// builds again into the folder its previous run wrote, with its caches,
// so both get the same head start.
//
// The runs interleave, one dossier and one Hugo build per pair, the
// order alternating from pair to pair (A B, B A, A B, ...) so that
// neither always runs second; -warmup pairs come first and are not
// counted; -runs pairs are counted. For each tool it reports the
// minimum, median and maximum of the wall time, the CPU time (user +
// system, from the child's rusage) and the peak resident memory (the
// child's ru_maxrss), and the time per HTML page; for each pair the
// ratio dossier / Hugo, summed up as the median of the per-pair ratios
// and, beside it, the ratio of the medians.
//
// # Equal work
//
// Both tools build the same Markdown files (the Hugo copy adds only the
// _index.md of each section, holding the section titles and descriptions
// dossier takes from its interface strings) into the same HTML pages:
// the command counts the HTML files each tool wrote, and the test checks
// that the two sets of paths are the same. On both sides:
//
//   - one page per content file, a home page, a 404 page, a list page
//     per section (sources, people, organisations, claims, quotes,
//     annotations, and the events by year), the timeline (events grouped
//     by year, each with its sources), the disputed page and the search
//     page (its form; dossier's index files are not HTML pages); no tag
//     pages;
//   - one feed (the sources and the 20 latest events), a sitemap and
//     robots.txt;
//   - minified HTML, XML and CSS (hugo --minify), the stylesheet
//     fingerprinted with a SHA-384 integrity attribute;
//   - the same fields on every page: the title (Hugo's templates read a
//     person's name: since dossier's people have name:, not title:),
//     description, canonical link, Open Graph and Twitter tags, hreflang
//     links, JSON-LD, the main navigation with the current section, the
//     footer; sources with kind, publisher, date and word count; people
//     with their role; events with their date, participants (name and
//     role, looked up) and citations (quote, source, link into the
//     source); list items with the same metadata.
//
// Two corpora: "plain posts" (synth.Plain: a home page and posts of
// ordinary Markdown, no citations, no mentions, no wikilinks) is the
// same work for both tools. "dossier format" (synth.Archive: sources,
// people mentioned in them, events citing them) is dossier's own
// format: dossier does more there than Hugo can be told to (it checks
// every citation against its source, links every mention of a person,
// and lists each person's mentions on their page), so that row is the
// cost of the dossier's features, not a like-for-like race. (Hugo takes
// published: for its own publishDate and drops it when it is not a full
// date, so its pages leave the dossier-format sources' month-only
// "2020-01" out.)
//
// Last, the shipped dossier (this repository's content) is built and
// checked with dossier alone.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	sizes := flag.String("sizes", "1000,10000", "comma-separated site sizes in pages, e.g. 1000,10000,50000")
	corpora := flag.String("corpora", "plain,dossier", "comma-separated corpora: plain (ordinary posts) and dossier (dossier's format)")
	runs := flag.Int("runs", 5, "counted builds per tool, size and corpus (at least 5 for a result worth quoting)")
	warmup := flag.Int("warmup", 1, "uncounted builds per tool before the counted ones")
	repeated := flag.Bool("repeated", false, "build into the output (and caches) of the previous run instead of a fresh folder, for both tools")
	shipped := flag.Bool("shipped", true, "also time a build and a check of the shipped dossier (dossier alone)")
	goTool := flag.String("go", "go", "the go command used to build dossier")
	outDir := flag.String("out", "", "the `folder` under which each run writes its output (default: beside the generated sites); /dev/shm, a tmpfs, takes the disk out of the timings, which on a virtual machine's disk can drift by a factor of ten in a session")
	keep := flag.Bool("keep", false, "keep the generated sites and print where they are (to profile a build by hand)")
	flag.Parse()
	if *runs < 1 || *warmup < 0 {
		fail(fmt.Errorf("-runs must be at least 1 and -warmup at least 0"))
	}
	if *runs < 5 {
		fmt.Fprintf(os.Stderr, "dossier-bench: %d counted runs are too few to quote; use -runs 5 or more\n", *runs)
	}
	var ns []int
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 10 {
			fail(fmt.Errorf("-sizes: %q is not a number of pages (10 or more)", s))
		}
		ns = append(ns, n)
	}
	var cs []corpus
	for _, name := range strings.Split(*corpora, ",") {
		c, ok := corpusNamed(strings.TrimSpace(name))
		if !ok {
			fail(fmt.Errorf("-corpora: unknown corpus %q (plain, dossier)", name))
		}
		cs = append(cs, c)
	}

	root, err := repoRoot()
	if err != nil {
		fail(err)
	}
	tmp, err := os.MkdirTemp("", "dossier-bench-")
	if err != nil {
		fail(err)
	}
	if *keep {
		fmt.Fprintf(os.Stderr, "dossier-bench: the sites are kept in %s\n", tmp)
	} else {
		defer os.RemoveAll(tmp)
	}
	dossier, err := buildDossier(*goTool, root, filepath.Join(tmp, "bin"))
	if err != nil {
		fail(err)
	}
	hugo, hugoVersion := findHugo()
	if hugo == "" {
		fmt.Fprintln(os.Stderr, "dossier-bench: hugo is not on PATH (apt-get install hugo): timing dossier alone")
	}

	b := &bench{tmp: tmp, out: *outDir, runs: *runs, warmup: *warmup, repeated: *repeated}
	rep := &report{out: *outDir, start: time.Now(), load0: loadAverage(), runs: *runs, warmup: *warmup, repeated: *repeated, hugoVersion: hugoVersion}
	for _, c := range cs {
		for _, n := range ns {
			dsite, hsite := filepath.Join(tmp, fmt.Sprintf("%s-%d-dossier", c.key, n)), filepath.Join(tmp, fmt.Sprintf("%s-%d-hugo", c.key, n))
			if err := writeSites(c.archive(n), root, dsite, hsite); err != nil {
				fail(err)
			}
			label := fmt.Sprintf("%s, %s pages", c.label, thousands(n))
			tools := []*tool{dossierBuild(dossier, dsite)}
			if hugo != "" {
				tools = append(tools, hugoBuild(hugo, hsite))
			}
			fmt.Fprintf(os.Stderr, "dossier-bench: %s\n", label)
			res, err := b.compare(tools)
			if err != nil {
				fail(fmt.Errorf("%s: %w", label, err))
			}
			rep.add(label, res)
		}
	}
	if *shipped {
		for _, t := range []*tool{dossierBuild(dossier, root), dossierCheck(dossier, root)} {
			fmt.Fprintf(os.Stderr, "dossier-bench: the shipped dossier, %s\n", t.name)
			res, err := b.compare([]*tool{t})
			if err != nil {
				fail(fmt.Errorf("the shipped dossier: %w", err))
			}
			rep.add("the shipped dossier", res)
		}
	}
	rep.load1 = loadAverage()
	rep.write(os.Stdout)
}

// corpus is one kind of generated site.
type corpus struct {
	key, label string
	archive    func(n int) string
}

// repoRoot is the folder holding go.mod, searched upwards from the
// working directory (make bench runs from the repository root).
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			if _, err := os.Stat(filepath.Join(dir, "cmd", "dossier")); err == nil {
				return dir, nil
			}
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("run dossier-bench inside the dossier repository (no go.mod with cmd/dossier above %s)", dir)
		}
		dir = parent
	}
}

// buildDossier compiles cmd/dossier once, before any timing.
func buildDossier(goTool, root, dir string) (string, error) {
	if _, err := exec.LookPath(goTool); err != nil {
		goTool = filepath.Join(runtime.GOROOT(), "bin", "go")
	}
	bin := filepath.Join(dir, "dossier")
	cmd := exec.Command(goTool, "build", "-o", bin, "./cmd/dossier")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/dossier: %v\n%s", err, out)
	}
	return bin, nil
}

// findHugo returns the path and version of the hugo on PATH, or "".
func findHugo() (path, version string) {
	path, err := exec.LookPath("hugo")
	if err != nil {
		return "", ""
	}
	out, err := exec.Command(path, "version").Output()
	if err != nil {
		return "", ""
	}
	version = "Hugo"
	for _, f := range strings.Fields(string(out)) {
		if strings.HasPrefix(f, "v0.") || strings.HasPrefix(f, "v1.") {
			version = "Hugo " + strings.SplitN(strings.TrimPrefix(f, "v"), "+", 2)[0]
			break
		}
	}
	return path, version
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "dossier-bench:", err)
	os.Exit(1)
}
