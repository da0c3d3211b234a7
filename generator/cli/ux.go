package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"time"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/diag"
)

// terminal reports whether w is a terminal. Tests replace it, so colour
// and the progress line can be asserted exactly.
var terminal = func(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminalFd(f.Fd())
}

// now is the progress line's clock; tests replace it.
var now = time.Now

// colour reports whether to colour what is written to w: on a terminal,
// unless NO_COLOR is set (https://no-color.org).
func colour(w io.Writer) bool {
	return os.Getenv("NO_COLOR") == "" && terminal(w)
}

// printer writes diagnostics of the site in siteDir, reading the
// offending lines from the site's files.
func printer(siteDir string, f diag.Format, w io.Writer) diag.Printer {
	read := func(file string) ([]byte, error) {
		return fs.ReadFile(build.SiteFS(siteDir), file)
	}
	return diag.Printer{Format: f, Read: read, Color: f == diag.Text && colour(w)}
}

// needSite returns an error a person can act on when dir holds no
// content/ folder: the usual mistake is running dossier outside a site.
func needSite(dir string) error {
	st, err := os.Stat(filepath.Join(dir, "content"))
	if err == nil && st.IsDir() {
		return nil
	}
	if err == nil || errors.Is(err, fs.ErrNotExist) {
		shown := dir
		if abs, err := filepath.Abs(dir); err == nil {
			shown = abs
		}
		return fmt.Errorf("no content/ folder in %s: run dossier inside a site, or pass -s SITE (dossier init DIR starts one)", shown)
	}
	return err
}

// printFlags lists a command's flags as its usage line writes them:
// -s for one letter, --base-url for words, aligned.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	type row struct{ name, usage string }
	var rows []row
	width := 0
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		name := "-" + f.Name
		if len(f.Name) > 1 {
			name = "-" + name
		}
		if arg != "" {
			name += " " + strings.ToUpper(arg)
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		rows = append(rows, row{name, usage})
		width = max(width, len(name))
	})
	for _, r := range rows {
		fmt.Fprintf(w, "  %-*s  %s\n", width, r.name, r.usage)
	}
}

// progress shows a long build's stage on one updating line of a
// terminal: nothing for the first second, so quick builds stay quiet,
// and nothing at all when the output is piped.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	shown bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: terminal(w), start: now()}
}

// update shows stage and how far it is.
func (p *progress) update(stage string, done, total int) {
	if !p.on || now().Sub(p.start) < time.Second {
		return
	}
	if total > 0 && done != total {
		fmt.Fprintf(p.w, "\r\033[K%s: %d/%d", stage, done, total)
	} else {
		fmt.Fprintf(p.w, "\r\033[K%s: %d", stage, done)
	}
	p.shown = true
}

// clear removes the line before the build's own report.
func (p *progress) clear() {
	if p.shown {
		fmt.Fprint(p.w, "\r\033[K")
		p.shown = false
	}
}

// readBuildInfo is debug.ReadBuildInfo; tests replace it.
var readBuildInfo = debug.ReadBuildInfo

// versionText is what dossier version prints: the module version, the
// commit it was built from and the Go version, from the build info.
func versionText() string {
	v, rev, modified, goVersion := Version, "", false, ""
	if bi, ok := readBuildInfo(); ok {
		goVersion = bi.GoVersion
		if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
			v = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "dossier %s", v)
	if rev != "" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		fmt.Fprintf(&b, " (commit %s", rev)
		if modified {
			b.WriteString(", modified")
		}
		b.WriteString(")")
	}
	if goVersion != "" {
		fmt.Fprintf(&b, " built with %s", goVersion)
	}
	return b.String() + "\n"
}

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "version", stderr)
	if code, ok := parse(fs, args, stdout); !ok {
		return code
	}
	fmt.Fprint(stdout, versionText())
	return 0
}
