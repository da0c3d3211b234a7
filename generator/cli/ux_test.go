package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(p, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update and review the diff)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

// badSite has one error of each shape the renderer underlines: a
// quoted YAML value, a bare value in a flow list, a wikilink, a link,
// an inline citation, a quote whose words differ, a quote found in more
// than five places (twice in one paragraph), a tab and Chinese text
// before the column.
const badSite = `
-- content/site.yaml --
title: Test
base_url: https://test.example/
-- content/_index.md --
---
title: Home
---
See [[Ada Lovelase]] and [the paper](sources/papr.md).
-- content/sources/paper.md --
---
title: The Paper
publisher: Daily Planet
published: "2015-05"
kind: news-report
---
Ada Lovelace met Charles Babbage in London. Lovelace wrote the first program in 1843, and the notes that came with it ran longer than the paper they annotated.

Babbage one. Babbage two.

Babbage three.

Babbage four.

Babbage five.

Babbage six.

Babbage seven.
-- content/people/ada-lovelace.md --
---
name: Ada Lovelace
citations:
  - source: paper
    quote: "Lovelace wrote the second program in 1843"
  - source: paper
    quote: Babbage
---
Wrote.[@paper: Lovelace wrote the first programme]
-- content/events/meeting.md --
---
title: 会面
date: "in the spring"
participants: [ada-lovelace, charles-babage]
citations:
  - source: paper
    quote: Ada Lovelace met Charles Babbage
---
Text.
`

func TestCheckFormatsGolden(t *testing.T) {
	dir := sitetest.NewSite(t, badSite)
	// A tab and Chinese text before the column: the caret must still sit
	// under it. A long line is cut to a window around the column.
	p := filepath.Join(dir, "content/_index.md")
	b, _ := os.ReadFile(p)
	os.WriteFile(p, append(b, []byte("\n会面在伦敦。\t见[[Nobody Here]]。\n\nThis line is long enough to be cut: it goes on and on about the engine, the notes and the program, and only then names [[Nobody Either]] at its end, after which it goes on a little more.\n")...), 0o644)
	for _, f := range []string{"text", "gnu", "json"} {
		code, stdout, stderr := run("check", "-s", dir, "--format", f)
		if code != 1 {
			t.Fatalf("%s: exit %d\n%s%s", f, code, stdout, stderr)
		}
		golden(t, "check."+f+".golden", stdout+"--- stderr\n"+stderr)
	}
	// Every JSON line is one object with the fields tools expect.
	_, stdout, _ := run("check", "-s", dir, "--format", "json")
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		for _, k := range []string{"file", "line", "column", "end", "severity", "message", "hint"} {
			if _, ok := m[k]; !ok {
				t.Errorf("%q has no %s", l, k)
			}
		}
	}
	if code, _, stderr := run("check", "-s", dir, "--format", "xml"); code != 2 || !strings.Contains(stderr, `unknown format "xml"`) {
		t.Errorf("bad format: %d %q", code, stderr)
	}
}

func TestAmbiguousQuoteListsFivePlaces(t *testing.T) {
	dir := sitetest.NewSite(t, badSite)
	_, _, stderr := run("check", "-s", dir)
	want := `quote is ambiguous: "Babbage" occurs 8 times in paper (#p-ada-lovelace-met-charles-babbage-in, #p-babbage-one-babbage-two, #p-babbage-three, #p-babbage-four, #p-babbage-five, and 2 more)`
	if !strings.Contains(stderr, want) {
		t.Errorf("want %s in\n%s", want, stderr)
	}
}

func TestColourOnlyOnATerminal(t *testing.T) {
	dir := sitetest.NewSite(t, badSite)
	defer func(f func(io.Writer) bool) { terminal = f }(terminal)
	terminal = func(io.Writer) bool { return true }
	t.Setenv("NO_COLOR", "")
	_, _, stderr := run("check", "-s", dir)
	if !strings.Contains(stderr, "\033[1m\033[31merror:\033[0m") || !strings.Contains(stderr, "\033[31m[-second-]\033[0m") {
		t.Errorf("no colour on a terminal:\n%q", stderr)
	}
	t.Setenv("NO_COLOR", "1")
	if _, _, stderr := run("check", "-s", dir); strings.Contains(stderr, "\033[") {
		t.Errorf("colour despite NO_COLOR:\n%q", stderr)
	}
	terminal = func(io.Writer) bool { return false }
	t.Setenv("NO_COLOR", "")
	if _, _, stderr := run("check", "-s", dir); strings.Contains(stderr, "\033[") {
		t.Errorf("colour when piped:\n%q", stderr)
	}
	// A real pipe is not a terminal.
	r, w, _ := os.Pipe()
	defer r.Close()
	defer w.Close()
	if isTerminalFd(w.Fd()) {
		t.Error("a pipe is taken for a terminal")
	}
}

func TestHelp(t *testing.T) {
	code, stdout, stderr := run("build", "-h")
	if code != 0 || stderr != "" || strings.Count(stdout, "Usage:") != 1 {
		t.Errorf("build -h: exit %d, usage %d times on stdout, stderr %q", code, strings.Count(stdout, "Usage:"), stderr)
	}
	// Flags are written as the usage line writes them.
	for _, want := range []string{"  --base-url URL ", "  -s SITE ", "  -d OUT ", "  --no-minify "} {
		if !strings.Contains(stdout, want) {
			t.Errorf("build -h lacks %q:\n%s", want, stdout)
		}
	}
	if strings.Contains(stdout, " -base-url") {
		t.Errorf("build -h writes -base-url:\n%s", stdout)
	}
	if code, help, _ := run("help", "build"); code != 0 || help != stdout {
		t.Errorf("help build: %d\n%s", code, help)
	}
	// A usage error prints the usage once, to stderr.
	code, stdout, stderr = run("check", "--nope")
	if code != 2 || stdout != "" || strings.Count(stderr, "Usage:") != 1 {
		t.Errorf("check --nope: %d %q %q", code, stdout, stderr)
	}
	// The command list is aligned: every summary starts in one column.
	_, top, _ := run("help")
	cols := map[int]bool{}
	for _, l := range strings.Split(top[strings.Index(top, "Commands:"):], "\n") {
		if m := regexp.MustCompile(`^  [a-z]+ +`).FindString(l); m != "" {
			cols[len(m)] = true
		}
	}
	if len(cols) != 1 {
		t.Errorf("commands not aligned:\n%s", top)
	}
	if code, _, stderr := run("help", "frob"); code != 2 || !strings.Contains(stderr, `unknown command "frob"`) {
		t.Errorf("help frob: %d %q", code, stderr)
	}
}

func TestOutsideASite(t *testing.T) {
	dir := t.TempDir()
	for _, cmd := range []string{"build", "check", "serve"} {
		code, _, stderr := run(cmd, "-s", dir)
		want := "no content/ folder in " + dir + ": run dossier inside a site, or pass -s SITE"
		if code != 1 || !strings.Contains(stderr, want) {
			t.Errorf("%s: %d %q", cmd, code, stderr)
		}
	}
}

func TestBuildWarnsAboutExampleBaseURL(t *testing.T) {
	dir := sitetest.NewSite(t, "-- content/site.yaml --\ntitle: T\nbase_url: https://example.org/\n-- content/_index.md --\n---\ntitle: Home\n---\nHi.\n")
	_, _, stderr := run("build", "-s", dir)
	if !strings.Contains(stderr, "warning: base_url is still https://example.org/") {
		t.Errorf("no warning: %q", stderr)
	}
	_, _, stderr = run("build", "-s", dir, "--base-url", "https://mine.example/")
	if strings.Contains(stderr, "base_url is still") {
		t.Errorf("warned despite --base-url: %q", stderr)
	}
	os.Remove(filepath.Join(dir, "content/site.yaml"))
	if _, _, stderr = run("build", "-s", dir); !strings.Contains(stderr, "base_url is still http://localhost:1313/") {
		t.Errorf("no warning for the default: %q", stderr)
	}
}

func TestCheckSummaryCountsTranslations(t *testing.T) {
	dir := sitetest.NewSite(t, `
-- content/site.yaml --
title: T
base_url: https://test.example/
languages:
  en:
    name: English
  zh:
    name: 中文
-- content/_index.md --
---
title: Home
---
Hi.
-- content/about.md --
---
title: About
---
Text.
-- content/about.zh.md --
---
title: 关于
translation_of: "0000"
---
文字。
`)
	code, stdout, stderr := run("check", "-s", dir)
	if code != 0 || strings.Count(stdout, "\n") != 1 || !strings.HasSuffix(stdout, "; 1 warning; zh: 1 untranslated, 1 stale\n") {
		t.Errorf("check: %d %q %q", code, stdout, stderr)
	}
}

// fakeClock advances by step on every reading.
func fakeClock(step time.Duration) func() time.Time {
	t := time.Unix(0, 0)
	return func() time.Time { t = t.Add(step); return t }
}

func TestProgressOnlyOnATerminalAfterASecond(t *testing.T) {
	dir := sitetest.NewSite(t, "-- content/_index.md --\n---\ntitle: Home\n---\nHi.\n")
	defer func(f func(io.Writer) bool, n func() time.Time) { terminal, now = f, n }(terminal, now)
	terminal = func(io.Writer) bool { return true }
	now = fakeClock(600 * time.Millisecond)
	_, _, stderr := run("build", "-s", dir, "--base-url", "https://t.example/")
	// Read at the start (0.6 s), then per stage: checking at 1.2 s is
	// 0.6 s in and not shown; rendering, at 1.2 s in, is.
	// The counts are the site's: its pages, then every file written.
	files, pages := 0, 0
	filepath.WalkDir(filepath.Join(dir, "public"), func(p string, d fs.DirEntry, _ error) error {
		if d != nil && !d.IsDir() {
			files++
			if strings.HasSuffix(p, ".html") {
				pages++
			}
		}
		return nil
	})
	want := fmt.Sprintf("\r\033[Krendering en: %d\r\033[Kwriting: %d\r\033[K", pages, files)
	if !strings.HasPrefix(stderr, want) {
		t.Errorf("progress %q, want %q", stderr, want)
	}
	now = fakeClock(time.Millisecond)
	if _, _, stderr := run("build", "-s", dir, "--base-url", "https://t.example/"); stderr != "" {
		t.Errorf("a quick build shows progress: %q", stderr)
	}
	terminal = func(io.Writer) bool { return false }
	now = fakeClock(time.Hour)
	if _, _, stderr := run("build", "-s", dir, "--base-url", "https://t.example/"); stderr != "" {
		t.Errorf("progress when piped: %q", stderr)
	}
}

func TestVersion(t *testing.T) {
	defer func(f func() (*debug.BuildInfo, bool)) { readBuildInfo = f }(readBuildInfo)
	readBuildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: "github.com/dossier-ssg/dossier", Version: "v0.2.0"},
			Settings: []debug.BuildSetting{{Key: "vcs.revision", Value: "0123456789abcdef0123"}, {Key: "vcs.modified", Value: "true"}}}, true
	}
	if _, stdout, _ := run("version"); stdout != "dossier v0.2.0 (commit 0123456789ab, modified) built with go1.26.8\n" {
		t.Errorf("version: %q", stdout)
	}
	readBuildInfo = func() (*debug.BuildInfo, bool) {
		return &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Version: "(devel)"}}, true
	}
	if _, stdout, _ := run("--version"); stdout != "dossier "+Version+" built with go1.26.8\n" {
		t.Errorf("--version: %q", stdout)
	}
}

func TestCompletion(t *testing.T) {
	for _, sh := range []string{"bash", "zsh", "fish"} {
		code, stdout, _ := run("completion", sh)
		if code != 0 {
			t.Fatalf("%s: exit %d", sh, code)
		}
		for _, want := range []string{"build", "base-url", "translations", "format"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("%s completion lacks %s", sh, want)
			}
		}
	}
	// The bash script runs and completes a command and a flag.
	if bash, err := exec.LookPath("bash"); err == nil {
		_, script, _ := run("completion", "bash")
		out, err := exec.Command(bash, "-c", script+`
COMP_WORDS=(dossier bu); COMP_CWORD=1; _dossier; echo "${COMPREPLY[@]}"
COMP_WORDS=(dossier build --ba); COMP_CWORD=2; _dossier; echo "${COMPREPLY[@]}"
COMP_WORDS=(dossier new pe); COMP_CWORD=2; _dossier; echo "${COMPREPLY[@]}"`).CombinedOutput()
		if err != nil || string(out) != "build\n--base-url\nperson\n" {
			t.Errorf("bash completion: %v %q", err, out)
		}
	}
	if code, _, _ := run("completion", "tcsh"); code != 2 {
		t.Errorf("tcsh: exit %d", code)
	}
}
