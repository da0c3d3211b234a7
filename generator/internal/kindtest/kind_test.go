// Package kindtest shows that a content kind is one spec, one template
// and its interface strings: a kind defined only here (court filings)
// builds, is checked, is translated and is served, with no change to
// the engine. It is a package of its own so that the kind it registers
// is in no other test's registry.
package kindtest

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/dossier-ssg/dossier/generator/cli"
	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/serve"
	"github.com/dossier-ssg/dossier/generator/translation"
)

// filings is the whole of the new kind's Go: no Decode, no Localize;
// its keys are read by their types into Doc.Fields.
var filings = &content.Spec{
	Kind: "filings", Name: "filing", About: "a document filed in a court case",
	Keys: []content.Key{
		{Name: "title", Type: content.KeyText, Required: true, Translatable: true, Example: `"{{title}}"`, Comment: "the filing's name"},
		{Name: "court", Type: content.KeyText, Required: true, Translatable: true, Example: `"Superior Court"`, Comment: "where it was filed"},
		{Name: "filed", Type: content.KeyDate, Required: true, Example: `"2024-02"`, Comment: "when it was filed"},
		{Name: "about", Type: content.KeyRefs, Example: "[{{person}}]", Comment: "who it concerns"},
		{Name: "citations", Type: content.KeyCites, Example: "\n  - source: {{source}}\n    quote: \"{{quote}}\"", Comment: "the passages reporting it"},
	},
	Body:     "What it asks for.\n",
	Template: "filing",
	Nav:      "filings",
	Count:    true,
	Schema:   "LegalDocument",
	Feed:     true,
	Relation: "filings",
}

func init() { content.Register(filings) }

const site = `
-- content/site.yaml --
title: T
base_url: https://example.org/
languages:
  en:
    name: English
  zh:
    name: 中文
    locale: zh-Hans
-- content/_index.md --
---
title: Home
---
Hello.
-- content/sources/paper.md --
---
title: The Paper
publisher: Daily Planet
published: "2024"
kind: news-report
---
Ada Lovelace filed a suit in the Superior Court in February.
-- content/people/ada-lovelace.md --
---
name: Ada Lovelace
---
A mathematician.
-- content/filings/suit.md --
---
title: The suit
court: Superior Court
filed: "2024-02"
about: [ada-lovelace]
citations:
  - source: paper
    quote: filed a suit in the Superior Court
---
It asks for damages.[@paper: in February]
-- templates/filing.html --
{{define "main"}}
<article class="filing">
<h1>{{.Title}}</h1>
<p class="court">{{.Fields.court}} · {{.Fields.filed.ISO}}</p>
<div class="prose">{{.Body}}</div>
{{template "cites" .Cites}}
{{template "backlinks" .Back}}
</article>
{{end}}
`

// strings are the kind's interface strings, added to the default theme's.
var strs = map[string]string{
	"en": "nav.filings: Filings\nlist.filings.title: Filings\nlist.filings.description: The court filings.\ncount.filings:\n  one: \"{n} filing\"\n  other: \"{n} filings\"\nback.filings: Court filings\n",
	"zh": "nav.filings: 诉讼文件\nlist.filings.title: 诉讼文件\nlist.filings.description: 法庭文件。\ncount.filings:\n  other: \"{n}份诉讼文件\"\nback.filings: 诉讼文件\n",
}

func newSite(t *testing.T) string {
	dir := sitetest.NewSite(t, site)
	if err := os.MkdirAll(filepath.Join(dir, "content/i18n"), 0o755); err != nil {
		t.Fatal(err)
	}
	root := sitetest.RepoRoot(t)
	for lang, add := range strs {
		b, err := os.ReadFile(filepath.Join(root, "content/i18n", lang+".yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "content/i18n", lang+".yaml"), append(append(b, '\n'), add...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func run(args ...string) (int, string, string) {
	var out, errs strings.Builder
	code := cli.Run(args, &out, &errs)
	return code, out.String(), errs.String()
}

func read(t *testing.T, dir, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestKindDefinedInATest(t *testing.T) {
	dir := newSite(t)
	// Check: its citations are proved against the source, its keys are
	// checked by type.
	if code, _, stderr := run("check", "-s", dir); code != 0 {
		t.Fatalf("check: %d\n%s", code, stderr)
	}
	bad := filepath.Join(dir, "content/filings/bad.md")
	os.WriteFile(bad, []byte("---\ntitle: Bad\nfiled: yesterday\ncourt: [a, b]\ncitations:\n  - source: paper\n    quote: words the paper never printed\n---\n"), 0o644)
	code, _, stderr := run("check", "-s", dir)
	for _, want := range []string{"content/filings/bad.md:3:", "content/filings/bad.md:4:", "content/filings/bad.md:7:", "never printed"} {
		if code == 0 || !strings.Contains(stderr, want) {
			t.Errorf("check of a bad filing: exit %d, want %q in:\n%s", code, want, stderr)
		}
	}
	os.Remove(bad)

	// Build: its page from its template, an index page, a nav entry, a
	// home count, a backlink group on the person's page, the feed and
	// structured data.
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := run("build", "-s", dir, "-d", out, "--no-minify"); code != 0 {
		t.Fatalf("build: %d\n%s", code, stderr)
	}
	page := read(t, out, "filings/suit/index.html")
	for _, want := range []string{`<p class="court">Superior Court · 2024-02</p>`, "It asks for damages.", `"@type":"LegalDocument"`, `href="/sources/paper/#`} {
		if !strings.Contains(page, want) {
			t.Errorf("the filing's page lacks %q", want)
		}
	}
	if idx := read(t, out, "filings/index.html"); !strings.Contains(idx, `href="/filings/suit/"`) || !strings.Contains(idx, "The court filings.") {
		t.Errorf("the filings index:\n%s", idx)
	}
	home := read(t, out, "index.html")
	if !strings.Contains(home, `href="/filings/">Filings</a>`) || !strings.Contains(home, "1 filing") {
		t.Errorf("home lacks the nav entry or the count")
	}
	if p := read(t, out, "people/ada-lovelace/index.html"); !strings.Contains(p, `<h3 id="back-filings">Court filings`) || !strings.Contains(p, `href="/filings/suit/"`) {
		t.Errorf("the person's page lacks the backlink group")
	}
	if !inSearchIndex(t, out, "/filings/suit/") {
		t.Errorf("the search index does not find the filing")
	}
	if feed := read(t, out, "atom.xml"); !strings.Contains(feed, "https://example.org/filings/suit/") {
		t.Errorf("the feed lacks the filing")
	}

	// Translate: dossier translate writes the translatable keys (court,
	// title) and not the inherited ones (filed, about, citations).
	if code, stdout, stderr := run("translate", filepath.Join(dir, "content/filings/suit.md"), "--lang", "zh", "-s", dir); code != 0 {
		t.Fatalf("translate: %d %s %s", code, stdout, stderr)
	}
	trPath := filepath.Join(dir, "content/filings/suit.zh.md")
	sk := read(t, dir, "content/filings/suit.zh.md")
	if !strings.Contains(sk, "court: Superior Court") || strings.Contains(sk, "filed:") || strings.Contains(sk, "about:") {
		t.Errorf("translation skeleton:\n%s", sk)
	}
	tr := strings.Replace(sk, "draft: true\n", "", 1)
	tr = strings.Replace(tr, "court: Superior Court", "court: 高等法院", 1)
	tr = strings.Replace(tr, "title: The suit", "title: 诉状", 1)
	os.WriteFile(trPath, []byte(tr), 0o644)
	code, stdout, stderr := run("translations", "-s", dir, "--lang", "zh", "--json")
	var r translation.Report
	if code != 0 || json.Unmarshal([]byte(stdout), &r) != nil {
		t.Fatalf("translations: %d %s %s", code, stdout, stderr)
	}
	found := false
	for _, c := range r.Kinds {
		if c.Kind == "filings" {
			found = true
			if c.Total != 1 || c.Translated != 1 {
				t.Errorf("filings in the report: %+v", c)
			}
		}
	}
	if !found {
		t.Errorf("the report has no filings: %+v", r.Kinds)
	}
	if code, _, stderr := run("build", "-s", dir, "-d", out, "--no-minify"); code != 0 {
		t.Fatalf("build with the translation: %d\n%s", code, stderr)
	}
	zh := read(t, out, "zh/filings/suit/index.html")
	if !strings.Contains(zh, `<p class="court">高等法院 · 2024-02</p>`) || !strings.Contains(zh, "<h1>诉状</h1>") {
		t.Errorf("the Chinese page does not show the translated keys")
	}
	// A translation may not change an inherited key.
	os.WriteFile(trPath, []byte(strings.Replace(tr, "---\n", "---\nfiled: \"2023\"\n", 1)), 0o644)
	if code, _, stderr := run("check", "-s", dir); code == 0 || !strings.Contains(stderr, "filed differs from the original") {
		t.Errorf("an inherited key changed in a translation: exit %d\n%s", code, stderr)
	}
	os.WriteFile(trPath, []byte(tr), 0o644)

	// Serve: the page is served, and an edit of one of its keys is
	// rebuilt into it.
	srv, err := serve.New(serve.Options{SiteDir: dir, Addr: "127.0.0.1:0", Log: io.Discard, Quiet: 10 * time.Millisecond, Max: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx) }()
	defer func() {
		cancel()
		<-done
	}()
	<-srv.Built
	if got := get(t, srv.URL()+"filings/suit/"); !strings.Contains(got, "Superior Court · 2024-02") {
		t.Fatalf("served page:\n%s", got)
	}
	suit := filepath.Join(dir, "content/filings/suit.md")
	src := read(t, dir, "content/filings/suit.md")
	os.WriteFile(suit, []byte(strings.Replace(src, `filed: "2024-02"`, `filed: "2024-03"`, 1)), 0o644)
	deadline := time.After(20 * time.Second)
	for {
		select {
		case info := <-srv.Built:
			if info.Errors > 0 {
				t.Fatalf("rebuild: %+v", info)
			}
		case <-deadline:
			t.Fatal("the edit was not rebuilt")
		}
		if strings.Contains(get(t, srv.URL()+"filings/suit/"), "Superior Court · 2024-03") {
			break
		}
	}
	if !strings.Contains(get(t, srv.URL()+"zh/filings/suit/"), "高等法院 · 2024-03") {
		t.Errorf("the Chinese page did not follow the inherited date")
	}
}

func get(t *testing.T, url string) string {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// inSearchIndex reports whether any file of the search index names url.
func inSearchIndex(t *testing.T, out, url string) bool {
	files, err := filepath.Glob(filepath.Join(out, "search/idx/*"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no search index: %v", err)
	}
	for _, f := range files {
		if b, _ := os.ReadFile(f); strings.Contains(string(b), url) {
			return true
		}
	}
	return false
}
