// Package cli is the dossier command line: it parses arguments and calls
// the build pipeline. It lives outside cmd/ so tests can run it in-process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/output"
)

// Version is the dossier version, set at link time with -ldflags.
var Version = "0.1.0-dev"

const usage = `dossier builds an annotated, cross-linked dossier website from Markdown.

Usage:
  dossier <command> [flags]

Commands:
  build     build the site into a folder (default SITE/public)
  check          load and verify everything, write nothing
  serve          preview the site, rebuilding and reloading on every change
  translations   report which pages are translated, missing or stale
  translate      start a translation of a page, or mark it current
  version        print the version

Run "dossier <command> -h" for a command's flags.
`

// Run executes the command line args and returns the exit code:
// 0 on success, 1 when the content has errors, 2 on a usage error.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	case "version", "--version":
		fmt.Fprintf(stdout, "dossier %s\n", Version)
		return 0
	case "build":
		return runBuild(args[1:], stdout, stderr)
	case "check":
		return runCheck(args[1:], stdout, stderr)
	case "serve":
		return runServe(args[1:], stdout, stderr)
	case "translations":
		return runTranslations(args[1:], stdout, stderr)
	case "translate":
		return runTranslate(args[1:], stdout, stderr)
	}
	fmt.Fprintf(stderr, "dossier: unknown command %q\n\n%s", args[0], usage)
	return 2
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: dossier %s\n\nFlags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stdout)
			fs.Usage()
			return 0, false
		}
		return 2, false
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "dossier %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return 2, false
	}
	return 0, true
}

func report(stderr io.Writer, l diag.List) {
	if len(l) == 0 {
		return
	}
	fmt.Fprint(stderr, l.String())
}

// fewerGCs lets the heap grow four times between collections in one-shot
// commands: a build allocates much and keeps little, and this cut the
// dossier's build time by 15% (BenchmarkBuildDossier, GOGC=400 vs 100).
func fewerGCs() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	fewerGCs()
	fs := newFlags("build", "build [-s SITE] [-d OUT] [--base-url URL] [--no-minify]", stderr)
	siteDir := fs.String("s", ".", "the site `folder`, holding content/, templates/ and static/")
	out := fs.String("d", "", "the output `folder` (default SITE/public)")
	base := fs.String("base-url", "", "the `URL` the site is served at, e.g. https://example.org/dossier/ (overrides content/site.yaml)")
	noMin := fs.Bool("no-minify", false, "write HTML, CSS and XML as rendered, for debugging")
	clean := fs.Bool("clean-destination-dir", false, "replace the output folder even if it holds files dossier did not write")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if u, err := url.Parse(*base); *base != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		fmt.Fprintf(stderr, "dossier build: --base-url %q is not an absolute http(s) URL\n\thint: write it in full, e.g. --base-url https://example.org/dossier/\n", *base)
		return 2
	}
	res, err := build.Build(build.Options{SiteDir: *siteDir, OutDir: *out, BaseURL: *base, NoMinify: *noMin, CleanDestinationDir: *clean})
	var refused *output.RefusedError
	if errors.As(err, &refused) {
		fmt.Fprintf(stderr, "dossier build: %v\n\thint: %s\n", refused, refused.Hint)
		return 2
	}
	var be *diag.BuildError
	if errors.As(err, &be) {
		report(stderr, be.Diags)
		n := len(be.Diags.Errors())
		fmt.Fprintf(stderr, "build failed: %d %s; nothing was written\n", n, plural(n, "error", "errors"))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier build: %v\n", err)
		return 1
	}
	report(stderr, res.Diags)
	dest := *out
	if dest == "" {
		dest = filepath.Join(*siteDir, "public")
	}
	fmt.Fprintf(stdout, "built %d pages and %d static files into %s in %d ms\n", res.Pages, res.Static, dest, res.Duration.Milliseconds())
	return 0
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	fewerGCs()
	fs := newFlags("check", "check [-s SITE]", stderr)
	siteDir := fs.String("s", ".", "the site `folder`, holding content/, templates/ and static/")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	res, err := build.Render(build.Options{SiteDir: *siteDir})
	var be *diag.BuildError
	if errors.As(err, &be) {
		report(stderr, be.Diags)
		n, w := len(be.Diags.Errors()), len(be.Diags.Warnings())
		fmt.Fprintf(stderr, "check failed: %d %s, %d %s\n", n, plural(n, "error", "errors"), w, plural(w, "warning", "warnings"))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier check: %v\n", err)
		return 1
	}
	report(stderr, res.Diags)
	var counts []string
	for _, k := range []string{"sources", "people", "organizations", "events", "claims", "quotes", "annotations"} {
		counts = append(counts, fmt.Sprintf("%d %s", len(res.Site.ByKind[content.Kind(k)]), k))
	}
	// Citations of the originals, then those the translations add in their
	// own text (inherited ones are the originals').
	cites, trCites := len(res.Site.Resolved), 0
	for _, s := range res.Sites {
		if s.Primary {
			continue
		}
		for k := range s.Resolved {
			if (k.Where == "inline" || k.Where == "summary") && strings.HasSuffix(k.Path, "."+s.Lang+".md") {
				trCites++
			}
		}
	}
	tr := ""
	if trCites > 0 {
		tr = fmt.Sprintf(" (and %d in the translations' text)", trCites)
	}
	fmt.Fprintf(stdout, "ok: %s; %d citations verified%s; %d %s\n", strings.Join(counts, ", "), cites, tr, len(res.Diags.Warnings()), plural(len(res.Diags.Warnings()), "warning", "warnings"))
	return 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
