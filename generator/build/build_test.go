package build_test

import (
	"bytes"
	"crypto/sha512"
	"encoding/base64"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// small is a complete little dossier: a source, two people, an
// organisation, an event, an annotation.
const small = `
-- content/site.yaml --
title: Test Dossier
base_url: https://example.org/
-- content/_index.md --
---
title: Home
---
Read [[sources/paper]] and meet [[Ada Lovelace]].
-- content/about.md --
---
title: Method
---
See the [home](_index.md) page.
-- content/sources/paper.md --
---
title: The Paper
publisher: Daily Planet
authors: [Clark Kent]
published: "2015-05"
kind: news-report
summary_zh:
  abstract: "这是摘要。"
---
Ada Lovelace met Charles Babbage in London. Lovelace wrote the first program.

## Later

Babbage built engines. [Lovelace](https://example.com/ada) kept writing, and Ada Lovelace wrote notes.

Charles Babbage said "the engine works" in 1834.
-- content/people/ada-lovelace.md --
---
name: Ada Lovelace
aliases: [Lovelace]
role: Mathematician
citations:
  - source: paper
    quote: Lovelace wrote the first program
---
Ada wrote the first program.[@paper: Lovelace wrote the first program]
-- content/people/charles-babbage.md --
---
name: Charles Babbage
aliases: [Babbage]
role: Engineer
---
Built engines.[@paper: Babbage built engines]
-- content/organizations/engine-co.md --
---
name: Engine Co
type: company
---
A company.
-- content/events/meeting.md --
---
title: Lovelace meets Babbage
date: "2015-05-21"
participants: [ada-lovelace, charles-babbage]
citations:
  - source: paper
    quote: “Ada Lovelace met Charles Babbage”
---
They met.
-- content/annotations/first-program.md --
---
source: paper
exact: the first program
prefix: Lovelace wrote
type: context
about: [ada-lovelace]
---
A note on [[charles-babbage|Babbage]]'s friend.
`

func buildSite(t *testing.T, archive string) (string, string, *build.Result, error) {
	t.Helper()
	dir := sitetest.NewSite(t, archive)
	out := filepath.Join(dir, "public")
	res, err := build.Build(build.Options{SiteDir: dir, NoMinify: true, OutDir: out})
	return dir, out, res, err
}

func TestBuildSmallSite(t *testing.T) {
	_, out, res, err := buildSite(t, small)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages < 10 {
		t.Errorf("built %d pages, want at least 10", res.Pages)
	}
	sitetest.AssertFileContent(t, out, "index.html", `<html lang="en">`, `href="/sources/paper/"`, `href="/people/ada-lovelace/"`)
	sitetest.AssertFileContent(t, out, "sources/paper/index.html",
		`<p id="p-ada-lovelace-met-charles-babbage-in">`,
		`lang="zh"`, `这是摘要。`, // the summary key's language: this site does not publish Chinese, so no locale of its own
		`Daily Planet`, `May 2015`,
		// first mention per section is linked, not the second
		`<a class="mention" href="/people/ada-lovelace/">Ada Lovelace</a> met <a class="mention" href="/people/charles-babbage/">Charles Babbage</a>`,
		`. Lovelace wrote`,
		// the annotation is highlighted and numbered; the number links to
		// the note, which comes before its paragraph and closes back to it
		`<mark class="anno anno-context" id="a-first-program">the first program</mark><sup class="anno-ref"><a href="#note-first-program"`,
		`<div class="para"><aside class="note note-context" id="note-first-program"`,
		`<a class="note-close" href="#a-first-program">Close note</a>`,
		// a new section links again, but never inside an existing link or a heading
		`<h2 id="later">Later</h2>`,
		`<a class="mention" href="/people/charles-babbage/">Babbage</a> built engines`,
		`<a href="https://example.com/ada" class="ext">Lovelace</a> kept writing, and <a class="mention" href="/people/ada-lovelace/">Ada Lovelace</a>`,
	)
	sitetest.AssertFileContent(t, out, "people/ada-lovelace/index.html",
		`Mentioned in`, `<mark>Ada Lovelace</mark>`, `href="/sources/paper/#p-ada-lovelace-met-charles-babbage-in"`,
		`href="/events/meeting/"`, `href="/annotations/first-program/"`,
		`<sup class="cite"><a href="/sources/paper/#p-ada-lovelace-met-charles-babbage-in:~:text=Lovelace%20wrote%20the%20first%20program"`,
	)
	sitetest.AssertFileContent(t, out, "events/meeting/index.html", `21 May 2015`, `href="/people/charles-babbage/"`, `Read in context`)
	sitetest.AssertFileContent(t, out, "about/index.html", `href="/"`, `! href="/annotations.jsonld"`)
	// A source page points annotation clients at the collection.
	sitetest.AssertFileContent(t, out, "sources/paper/index.html", `<link rel="alternate" type="application/ld+json" title="The annotations as a W3C Web Annotation collection" href="/annotations.jsonld">`)
	sitetest.AssertFileContent(t, out, "timeline/index.html", `id="y2015"`, `Lovelace meets Babbage`)
	sitetest.AssertFileContent(t, out, "404.html", `Page not found`)
	// The stylesheet is fingerprinted and referenced with its integrity.
	home, _ := os.ReadFile(filepath.Join(out, "index.html"))
	m := regexp.MustCompile(`<link rel="stylesheet" href="/(style\.[0-9a-f]{10}\.css)" integrity="(sha384-[A-Za-z0-9+/=&#;]{64,80})">`).FindSubmatch(home)
	if m == nil {
		t.Fatalf("no fingerprinted stylesheet in index.html")
	}
	css, err := os.ReadFile(filepath.Join(out, string(m[1])))
	if err != nil || !bytes.Contains(css, []byte(".note:target")) {
		t.Fatalf("%s: %v", m[1], err)
	}
	sum := sha512.Sum384(css)
	if want := "sha384-" + base64.StdEncoding.EncodeToString(sum[:]); html.UnescapeString(string(m[2])) != want {
		t.Errorf("integrity %s, want %s", m[2], want)
	}
	if _, err := os.Stat(filepath.Join(out, "style.css")); err == nil {
		t.Error("the unfingerprinted style.css is written too")
	}
}

// TestParagraphIDsSurviveEditsElsewhere edits one paragraph and checks
// the other paragraphs keep their anchors.
func TestParagraphIDsSurviveEditsElsewhere(t *testing.T) {
	ids := func(edit func(string) string) []string {
		archive := edit(small)
		_, out, _, err := buildSite(t, archive)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(out, "sources/paper/index.html"))
		return regexp.MustCompile(`<p id="(p-[^"]+)"`).FindAllString(string(b), -1)
	}
	before := ids(func(s string) string { return s })
	after := ids(func(s string) string {
		s = strings.Replace(s, "## Later\n\n", "## Later\n\nA new paragraph appears here.\n\n", 1)
		s = strings.Replace(s, "Ada Lovelace met Charles Babbage in London.", "A new first paragraph.\n\nAda Lovelace met Charles Babbage in London.", 1)
		return strings.Replace(s, `Charles Babbage said "the engine works" in 1834.`, `Charles Babbage said "the engine works" in 1834, edited.`, 1)
	})
	for _, id := range before {
		if !strings.Contains(strings.Join(after, " "), id) {
			t.Errorf("anchor %s lost after editing another paragraph; after: %v", id, after)
		}
	}
}

func TestCheckFindsEveryErrorWithPosition(t *testing.T) {
	bad := small + `
-- content/people/bad-yaml.md --
---
name: "Bad
aliases: [x
---
Body.
-- content/events/wrong-type.md --
---
title: Wrong
date: "in the spring"
approximate: sometimes
participants: [ada-lovelase]
citations:
  - source: paper
    quote: Lovelace wrote the second program
  - source: paper
    quote: Babbage
  - source: papr
    quote: anything at all
---
See [[Charles Babage]] and [broken](../people/nobody.md).
-- content/claims/missing.md --
---
versions:
  - source: paper
    value: one
    quote: Babbage built engines
colour: red
---
Note.
-- content/sources/paper2.md --
---
title: Paper Two
publisher: X
published: "2015"
kind: newz
---
Text.
`
	dir := sitetest.NewSite(t, bad)
	_, err := build.Render(build.Options{SiteDir: dir, NoMinify: true})
	be, ok := err.(*diag.BuildError)
	if !ok {
		t.Fatalf("want a BuildError, got %v", err)
	}
	got := be.Diags.String()
	golden(t, "errors.golden", got)
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	p := filepath.Join("testdata", name)
	if *update || os.Getenv("UPDATE_GOLDEN") != "" {
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

func TestFailedBuildLeavesOutputUntouched(t *testing.T) {
	dir, out, _, err := buildSite(t, small)
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	if err := os.WriteFile(filepath.Join(dir, "content/people/ada-lovelace.md"), []byte("---\nname: [unclosed\n---\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err = build.Build(build.Options{SiteDir: dir, NoMinify: true, OutDir: out})
	if err == nil {
		t.Fatal("build with a YAML error succeeded")
	}
	if !strings.Contains(err.Error(), "content/people/ada-lovelace.md:2:") {
		t.Errorf("error not positioned at line 2: %v", err)
	}
	if after := snapshot(t, out); after != before {
		t.Error("public/ changed after a failed build")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		switch e.Name() {
		case ".public.manifest", ".public.prev", ".public.prev.manifest": // the spare for the next build
		default:
			if strings.HasPrefix(e.Name(), ".public") {
				t.Errorf("temporary folder %s left behind", e.Name())
			}
		}
	}
}

func TestStaleFilesAreRemoved(t *testing.T) {
	dir, out, _, err := buildSite(t, small)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "stale.html"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "content/organizations/engine-co.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := build.Build(build.Options{SiteDir: dir, NoMinify: true, OutDir: out}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"stale.html", "organizations/engine-co/index.html"} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s survived a rebuild", p)
		}
	}
}

func TestTemplateErrorIsPositioned(t *testing.T) {
	dir := sitetest.NewSite(t, small+"-- templates/event.html --\n{{define \"main\"}}\n<p>{{.Nope</p>\n{{end}}\n")
	_, err := build.Render(build.Options{SiteDir: dir, NoMinify: true})
	if err == nil || !strings.Contains(err.Error(), "templates/event.html:2") {
		t.Fatalf("want an error at templates/event.html:2, got %v", err)
	}
}

func TestBaseURLSubPath(t *testing.T) {
	dir := sitetest.NewSite(t, small)
	out := filepath.Join(dir, "out")
	if _, err := build.Build(build.Options{SiteDir: dir, NoMinify: true, OutDir: out, BaseURL: "https://example.org/dossier/"}); err != nil {
		t.Fatal(err)
	}
	sitetest.AssertFileContent(t, out, "index.html", `href="/dossier/sources/paper/"`, `href="/dossier/style.`, `<link rel="canonical" href="https://example.org/dossier/">`, `! href="/sources/`)
	sitetest.AssertFileContent(t, out, "robots.txt", "Sitemap: https://example.org/dossier/sitemap.xml")
	sitetest.AssertFileContent(t, out, "sitemap.xml", "<loc>https://example.org/dossier/sources/paper/</loc>")
	sitetest.AssertFileContent(t, out, "atom.xml", `<link href="https://example.org/dossier/atom.xml" rel="self"`)
}

func snapshot(t *testing.T, dir string) string {
	t.Helper()
	var b bytes.Buffer
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		data, _ := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(&b, "%s %d %x\n", rel, len(data), data)
		return nil
	})
	return b.String()
}
