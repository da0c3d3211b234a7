package build_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// TestSiteOverridesHook builds a site that has only content/ and its own
// templates/hooks/cite.html, link.html, heading.html and para.html:
// citation markers, links, headings and the paragraph holding a note
// come from the site's hooks, the other hooks (the highlight, the note,
// the mention links) from the default theme.
func TestSiteOverridesHook(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, small+`
-- templates/hooks/cite.html --
{{define "hook-cite"}}<span class="my-cite" data-first="{{.First}}" title="{{.Quote}}">{{.Label}} ({{t "nav.sources"}})</span>{{end}}
-- templates/hooks/link.html --
{{define "hook-link"}}<a class="my-link{{with .Kind}} my-{{.}}{{end}}" data-wiki="{{.Wiki}}" href="{{.Href}}">{{.Text}}</a>{{end}}
-- templates/hooks/para.html --
{{define "hook-para"}}<section class="my-para">{{.Text}}{{.Notes}}</section>{{end}}
-- templates/hooks/heading.html --
{{define "hook-heading"}}<h{{.Level}} id="{{.ID}}"><a class="anchor" href="#{{.ID}}">§</a> {{.Text}}</h{{.Level}}>{{end}}
`)
	out := filepath.Join(dir, "public")
	if _, err := build.Build(build.Options{SiteDir: dir, OutDir: out, NoMinify: true}); err != nil {
		t.Fatal(err)
	}
	sitetest.AssertFileContent(t, out, "people/ada-lovelace/index.html",
		`<span class="my-cite" data-first="true" title="Lovelace wrote the first program">Daily Planet (Sources)</span>`,
		`! <sup class="cite">`)
	sitetest.AssertFileContent(t, out, "index.html",
		`<a class="my-link" data-wiki="true" href="/sources/paper/">The Paper</a>`)
	sitetest.AssertFileContent(t, out, "about/index.html",
		`<a class="my-link" data-wiki="false" href="/">home</a>`)
	sitetest.AssertFileContent(t, out, "sources/paper/index.html",
		`<a class="my-link my-ext" data-wiki="false" href="https://example.com/ada">`,
		`<h2 id="later"><a class="anchor" href="#later">§</a> Later</h2>`,
		`<mark class="anno anno-context" id="a-first-program">`,
		`<a class="mention" href="/people/charles-babbage/">`,
		`<aside class="note note-context" id="note-first-program"`,
		`<section class="my-para"><p id="p-ada-lovelace-met-charles-babbage-in">`,
		"</p>\n<aside class=\"note note-context\" id=\"note-first-program\"",
		`! <div class="para">`)
}

// TestBrokenHookIsReported gives a hook a field no value has: the build
// fails with the hook's file and line, before any page is written.
func TestBrokenHookIsReported(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, small+`
-- templates/hooks/mention.html --
{{define "hook-mention"}}
<a href="{{.Nope}}">{{.Text}}</a>{{end}}
`)
	_, err := build.Build(build.Options{SiteDir: dir, OutDir: filepath.Join(dir, "public"), NoMinify: true})
	if err == nil || !strings.Contains(err.Error(), "templates/hooks/mention.html:2") || !strings.Contains(err.Error(), "Nope") {
		t.Fatalf("want an error at templates/hooks/mention.html:2 naming .Nope, got %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "index.html")); err == nil {
		t.Error("pages were written")
	}
}

// TestHookEscapesHostileSource gives a source a short name and a text
// that try to break out of the citation marker's attributes: the page
// shows them as text.
func TestHookEscapesHostileSource(t *testing.T) {
	_, out, _, err := buildSite(t, small+`
-- content/sources/evil.md --
---
title: Evil <script>alert(1)</script>
short: 'E"><script>alert(2)</script>'
publisher: Mallory
published: "2020-01"
kind: news-report
---
Mallory wrote \<script>alert(3)\</script> & more in a comment.
-- content/people/mallory.md --
---
name: Mallory
role: Attacker
---
She wrote it.[@evil: Mallory wrote <script>alert(3)</script> & more]
`)
	if err != nil {
		t.Fatal(err)
	}
	sitetest.AssertFileContent(t, out, "people/mallory/index.html",
		`<sup class="cite"><a href="/sources/evil/#`,
		`title="“Mallory wrote &lt;script&gt;alert(3)&lt;/script&gt; &amp; more” — Evil &lt;script&gt;alert(1)&lt;/script&gt;"`,
		`>E&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;</a></sup>`,
		"! <script>alert")
}

// TestHookErrorBeforeTemplateError: a hook that fails only where a
// page's view is built (the only link to /zh/about/, in a source's
// Chinese summary), on a site whose page template fails in Chinese too,
// is the error reported: in a one-shot build, which builds each page as
// its template runs, as in a session, which builds every page first.
func TestHookErrorBeforeTemplateError(t *testing.T) {
	dir := t.TempDir()
	site := strings.Replace(bilingual, `abstract: "这是摘要。"`, `abstract: "见[[about|方法]]。"`, 1)
	if site == bilingual {
		t.Fatal("the fixture's summary changed: update the test")
	}
	sitetest.Write(t, dir, site+`
-- templates/hooks/link.html --
{{define "hook-link"}}{{if eq .Href "/zh/about/"}}{{.Nope}}{{end}}<a href="{{.Href}}">{{.Text}}</a>{{end}}
-- templates/page.html --
{{define "main"}}{{if eq .Lang "zh-Hans"}}{{.Nope}}{{end}}{{end}}
`)
	_, err := build.Build(build.Options{SiteDir: dir, OutDir: filepath.Join(dir, "public"), NoMinify: true})
	if err == nil || !strings.Contains(err.Error(), "templates/hooks/") || strings.Contains(err.Error(), "templates/page.html") {
		t.Fatalf("one-shot build: want the hook's error alone, got %v", err)
	}
	_, err = build.NewSession(build.Options{SiteDir: dir, NoMinify: true}).Build()
	if err == nil || !strings.Contains(err.Error(), "templates/hooks/") || strings.Contains(err.Error(), "templates/page.html") {
		t.Fatalf("session: want the hook's error alone, got %v", err)
	}
}
