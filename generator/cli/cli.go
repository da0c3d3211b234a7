// Package cli is the dossier command line: it parses arguments and calls
// the build pipeline. It lives outside cmd/ so tests can run it in-process.
package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"path/filepath"
	"strings"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/internal/gcpace"
	"github.com/dossier-ssg/dossier/generator/output"
	"github.com/dossier-ssg/dossier/generator/site"
	"github.com/dossier-ssg/dossier/generator/translation"
)

// Version is the dossier version, set at link time with -ldflags.
var Version = "0.1.0-dev"

// command is one subcommand: its name, a one-line summary for the
// top-level help, and what runs it.
type command struct {
	name, summary string
	run           func(args []string, stdout, stderr io.Writer) int
}

// commands lists every subcommand, in the order the help shows them.
// It is a function so the help and completion commands can list it.
func commands() []command {
	return []command{
		{"init", "start a new site in an empty folder", runInit},
		{"new", "add a content file of a kind (person, event, source…), or its translation", runNew},
		{"build", "build the site into a folder (default SITE/public)", runBuild},
		{"check", "load and verify everything, write nothing", runCheck},
		{"serve", "preview the site, rebuilding and reloading on every change", runServe},
		{"translations", "report which pages are translated, missing or stale", runTranslations},
		{"translate", "start a translation of a page, or mark it current", runTranslate},
		{"theme", "list the templates and files the site uses, and where each comes from", runTheme},
		{"completion", "print a shell completion script (bash, zsh or fish)", runCompletion},
		{"version", "print the version", runVersion},
		{"help", "show the help of a command", nil},
	}
}

func usage() string {
	var b strings.Builder
	b.WriteString("dossier builds an annotated, cross-linked dossier website from Markdown.\n\nUsage:\n  dossier <command> [flags]\n\nCommands:\n")
	width := 0
	for _, c := range commands() {
		width = max(width, len(c.name))
	}
	for _, c := range commands() {
		fmt.Fprintf(&b, "  %-*s  %s\n", width, c.name, c.summary)
	}
	b.WriteString("\nRun \"dossier help <command>\" for a command's flags.\n")
	return b.String()
}

// Run executes the command line args and returns the exit code:
// 0 on success, 1 when the content has errors, 2 on a usage error.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage())
		return 2
	}
	name := args[0]
	switch name {
	case "-h", "--help":
		fmt.Fprint(stdout, usage())
		return 0
	case "--version":
		name = "version"
	case "help":
		if len(args) == 1 {
			fmt.Fprint(stdout, usage())
			return 0
		}
		if args[1] == "help" {
			fmt.Fprint(stdout, "Usage: dossier help COMMAND\n\nShow the flags of a command.\n")
			return 0
		}
		name, args = args[1], []string{args[1], "-h"}
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "dossier: unknown command %q\n\n%s", name, usage())
	return 2
}

// newFlags is a command's flag set. Its usage (the synopsis, what the
// command does, its flags) is printed once: to stdout for -h, to stderr
// after a usage error.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	about := ""
	for _, c := range commands() {
		if c.name == name {
			about = strings.ToUpper(c.summary[:1]) + c.summary[1:] + "."
		}
	}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	if recordFlags != nil {
		recordFlags.fs = fs
	}
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: dossier %s\n\n%s\n", synopsis, about)
		n := 0
		fs.VisitAll(func(*flag.Flag) { n++ })
		if n > 0 {
			fmt.Fprint(fs.Output(), "\nFlags:\n")
			printFlags(fs.Output(), fs)
		}
	}
	return fs
}

// parse parses a command's flags and allows no arguments.
func parse(fs *flag.FlagSet, args []string, stdout io.Writer) (int, bool) {
	return parseArgs(fs, args, stdout, 0, 0)
}

// parseArgs parses a command's flags, which may come before or after
// its minArgs..maxArgs arguments (maxArgs < 0: any number).
func parseArgs(fs *flag.FlagSet, args []string, stdout io.Writer, minArgs, maxArgs int) (int, bool) {
	usage := fs.Usage
	// The flag package prints the usage itself on -h and on errors; print
	// it once, here, to the right stream.
	fs.Usage = func() {}
	defer func() { fs.Usage = usage }()
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				out := fs.Output()
				fs.SetOutput(stdout)
				usage()
				fs.SetOutput(out)
				return 0, false
			}
			usage()
			return 2, false
		}
		if fs.NArg() == 0 || maxArgs == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if maxArgs == 0 {
		if fs.NArg() > 0 {
			fmt.Fprintf(fs.Output(), "dossier %s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
			usage()
			return 2, false
		}
		return 0, true
	}
	if len(pos) < minArgs || maxArgs > 0 && len(pos) > maxArgs {
		fmt.Fprintf(fs.Output(), "dossier %s: want %s, got %d\n", fs.Name(), argCount(minArgs, maxArgs), len(pos))
		usage()
		return 2, false
	}
	// Leave the arguments where fs.Args finds them.
	fs.Parse(append([]string{"--"}, pos...))
	return 0, true
}

func argCount(lo, hi int) string {
	switch {
	case lo == hi:
		return fmt.Sprintf("%d %s", lo, plural(lo, "argument", "arguments"))
	case hi < 0:
		return fmt.Sprintf("at least %d %s", lo, plural(lo, "argument", "arguments"))
	}
	return fmt.Sprintf("%d to %d arguments", lo, hi)
}

// report prints diagnostics for people, each with its line of the
// site's file and a caret under the column.
func report(siteDir string, stderr io.Writer, l diag.List) {
	if len(l) == 0 {
		return
	}
	printer(siteDir, diag.Text, stderr).Print(stderr, l)
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	gcpace.Start()
	fs := newFlags("build", "build [-s SITE] [-d OUT] [--base-url URL] [--no-minify] [--clean-destination-dir] [-v]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder, holding content/ (and templates/ or static/ files that override the default theme)")
	out := fs.String("d", "", "`OUT` is the output folder (default SITE/public)")
	base := fs.String("base-url", "", "the `URL` the site is served at, e.g. https://example.org/dossier/ (overrides content/site.yaml)")
	noMin := fs.Bool("no-minify", false, "write HTML, CSS and XML as rendered, for debugging")
	verbose := fs.Bool("v", false, "also list where each template, static file and string file came from (the site or the default theme)")
	cpuProf := fs.String("cpuprofile", "", "write a CPU profile of the build to `file` (go tool pprof)")
	memProf := fs.String("memprofile", "", "write a memory profile of the build to `file`, and the heap at its peak to file.peak")
	clean := fs.Bool("clean-destination-dir", false, "replace the output folder even if it holds files dossier did not write")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	if err := needSite(*siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier build: %v\n", err)
		return 1
	}
	if u, err := url.Parse(*base); *base != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
		fmt.Fprintf(stderr, "dossier build: --base-url %q is not an absolute http(s) URL\n\thint: write it in full, e.g. --base-url https://example.org/dossier/\n", *base)
		return 2
	}
	prof, ok := startProfiles(*cpuProf, *memProf, stderr)
	if !ok {
		return 1
	}
	defer prof.stop()
	prog := newProgress(stderr)
	res, err := build.Build(build.Options{SiteDir: *siteDir, OutDir: *out, BaseURL: *base, NoMinify: *noMin, CleanDestinationDir: *clean, Progress: prog.update})
	prog.clear()
	var refused *output.RefusedError
	if errors.As(err, &refused) {
		fmt.Fprintf(stderr, "dossier build: %v\n\thint: %s\n", refused, refused.Hint)
		return 2
	}
	var be *diag.BuildError
	if errors.As(err, &be) {
		report(*siteDir, stderr, be.Diags)
		n := len(be.Diags.Errors())
		fmt.Fprintf(stderr, "build failed: %d %s; nothing was written\n", n, plural(n, "error", "errors"))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier build: %v\n", err)
		return 1
	}
	report(*siteDir, stderr, res.Diags)
	warnBaseURL(stderr, res.Site.Config.BaseURL)
	if *verbose {
		listTheme(stdout, *siteDir)
	}
	dest := *out
	if dest == "" {
		dest = filepath.Join(*siteDir, "public")
	}
	fmt.Fprintf(stdout, "built %d pages and %d static files into %s in %d ms\n", res.Pages, res.Static, dest, res.Duration.Milliseconds())
	return 0
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	gcpace.Start()
	fs := newFlags("check", "check [-s SITE] [--format text|gnu|json]", stderr)
	siteDir := fs.String("s", ".", "`SITE` is the site folder, holding content/ (and templates/ or static/ files that override the default theme)")
	format := fs.String("format", "text", "print problems as `FORMAT`: text for people, gnu (file:line:col: severity: message) or json (one object a line) for editors and CI; gnu and json go to stdout")
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	f, err := diag.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(stderr, "dossier check: %v\n", err)
		return 2
	}
	if err := needSite(*siteDir); err != nil {
		fmt.Fprintf(stderr, "dossier check: %v\n", err)
		return 1
	}
	diagOut := stderr
	if f != diag.Text {
		diagOut = stdout
	}
	res, err := build.Check(build.Options{SiteDir: *siteDir})
	var be *diag.BuildError
	if errors.As(err, &be) {
		printer(*siteDir, f, diagOut).Print(diagOut, be.Diags)
		n, w := len(be.Diags.Errors()), len(be.Diags.Warnings())
		fmt.Fprintf(stderr, "check failed: %d %s, %d %s%s\n", n, plural(n, "error", "errors"), w, plural(w, "warning", "warnings"), translationSummary(res))
		return 1
	}
	if err != nil {
		fmt.Fprintf(stderr, "dossier check: %v\n", err)
		return 1
	}
	printer(*siteDir, f, diagOut).Print(diagOut, res.Diags)
	var counts []string
	for _, k := range content.Kinds {
		counts = append(counts, fmt.Sprintf("%d %s", len(res.Site.ByKind[k]), k))
	}
	// Citations of the originals, then those the translations add in their
	// own text (inherited ones are the originals').
	cites, trCites := len(res.Site.Resolved), 0
	for _, s := range res.Sites {
		if s.Primary {
			continue
		}
		trCites += s.TranslatedCitations()
	}
	tr := ""
	if trCites > 0 {
		tr = fmt.Sprintf(" (and %d in the translations' text)", trCites)
	}
	// The summary goes where the diagnostics of people go: stdout stays
	// machine-readable with --format gnu or json.
	sumOut := stdout
	if f != diag.Text {
		sumOut = stderr
	}
	w := len(res.Diags.Warnings())
	fmt.Fprintf(sumOut, "ok: %s; %d citations verified%s; %d %s%s\n", strings.Join(counts, ", "), cites, tr, w, plural(w, "warning", "warnings"), translationSummary(res))
	return 0
}

// translationSummary is the end of check's summary line: per translated
// language, how many pages are untranslated and how many stale.
func translationSummary(res *build.Result) string {
	var b strings.Builder
	for _, l := range res.Config.Languages[1:] {
		missing, stale := translation.Counts(res.Config, res.Docs, l.Code)
		fmt.Fprintf(&b, "; %s: %d untranslated, %d stale", l.Code, missing, stale)
	}
	return b.String()
}

// warnBaseURL warns when the site would be published with the example
// address: every canonical link, the sitemap and the feeds point there.
func warnBaseURL(w io.Writer, base string) {
	if base != "https://example.org/" && base != site.NewConfig().BaseURL {
		return
	}
	fmt.Fprintf(w, "%s base_url is still %s: canonical links, the sitemap and the feeds point there\n  hint: set base_url in content/site.yaml to where the site is published, or pass --base-url\n",
		paint(colour(w), "\033[1;33m", "warning:"), base)
}

func paint(on bool, code, s string) string {
	if !on {
		return s
	}
	return code + s + "\033[0m"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
