package cli

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/markdown"
)

// textPayloads are hostile text: markup, event handlers, breaking out of
// attributes, of <script> (JSON-LD), of <title> and of CSS. Put into
// every text field and body they must build, and be inert.
var textPayloads = []string{
	`<script>alert(1)</script>`,
	`<ScRiPt src=//evil.example/x.js></sCrIpT>`,
	`<img src=x onerror=alert(1)>`,
	`"><svg onload=alert(1)>`,
	`<svg><script>alert(1)</script></svg>`,
	`</script><script>alert(1)</script>`,
	`</SCRIPT ><!--<script>`,
	`<iframe src="javascript:alert(1)"></iframe>`,
	`' onmouseover='alert(1)`,
	`" onfocus="alert(1)" autofocus="`,
	`<a href="javascript:alert(1)">click</a>`,
	`<a href="&#106;avascript:alert(1)">entity</a>`,
	`<style>body{background:url(javascript:alert(1))}</style>`,
	`x" style="background:url('javascript:alert(1)')`,
	`<div style="width:expression(alert(1))">css</div>`,
	`<math><mi xlink:href="javascript:alert(1)">m</mi></math>`,
	`<object data="data:text/html,<script>alert(1)</script>"></object>`,
	`<body onload=alert(1)>`,
	`</title><script>alert(1)</script>`,
	`</textarea><script>alert(1)</script>`,
	`<details open ontoggle=alert(1)>`,
	`<base href="javascript:alert(1)//">`,
	`<meta http-equiv="refresh" content="0;url=javascript:alert(1)">`,
	`<form action=javascript:alert(1)><input type=submit></form>`,
	"\u2028</script>\u2029<script>alert(1)</script>",
	`{{.}} {{template "x"}} ${alert(1)}`,
	`javascript:alert(1)`,
	`<!--`,
	`]]><script>alert(1)</script>`,
}

// urlPayloads are URLs with a script (or other refused) scheme, however
// spelled. Wherever a URL goes they must be errors.
var urlPayloads = []string{
	`javascript:alert(1)`,
	`JaVaScRiPt:alert(1)`,
	`&#106;avascript:alert(1)`,
	`&#x6A;avascript:alert(1)`,
	`javascript&colon;alert(1)`,
	`java&Tab;script:alert(1)`,
	`java&#10;script:alert(1)`,
	`%6Aavascript:alert(1)`,
	`&amp;#106;avascript:alert(1)`,
	`vbscript:msgbox(1)`,
	`data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==`,
}

// q writes a string as a YAML double-quoted scalar (JSON's escapes are
// YAML's).
func q(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	return strings.TrimSpace(b.String())
}

// body is a Markdown body carrying p in every inline and block place.
func body(p string) string {
	return "Plain " + p + " text.\n\n*Emphasis " + p + "* and `code " + p + "` and [link " + p + "](https://example.com/ \"" + strings.ReplaceAll(p, `"`, `'`) + "\").\n\n" +
		"## Heading " + p + "\n\n- item " + p + "\n- [[ada-lovelace|label " + p + "]]\n\n> quoted " + p + "\n\n![alt " + p + "](https://example.com/i.png)\n"
}

// injectedSite puts p into every front-matter text field and every body
// of every kind, in both languages.
func injectedSite(p string) string {
	Q := func(suffix string) string { return q(p + suffix) }
	B := body(p)
	return `
-- content/site.yaml --
title: ` + Q(" site") + `
description: ` + Q(" description") + `
base_url: https://example.org/
language: en
languages:
  en:
    name: ` + Q(" en") + `
  zh:
    name: ` + Q(" 中文") + `
    locale: zh-Hans
    title: ` + Q(" 档案") + `
    description: ` + Q(" 描述") + `
-- content/_index.md --
---
title: ` + Q(" home") + `
description: ` + Q(" home description") + `
---
Read [[sources/paper]] and meet [[ada-lovelace]].

` + B + `
-- content/_index.zh.md --
---
title: ` + Q(" 首页") + `
description: ` + Q(" 描述") + `
---
` + B + `
-- content/about.md --
---
title: ` + Q(" about") + `
description: ` + Q(" about description") + `
---
` + B + `
-- content/about.zh.md --
---
title: ` + Q(" 关于") + `
---
` + B + `
-- content/sources/paper.md --
---
title: ` + Q(" paper") + `
description: ` + Q(" paper description") + `
original_title: ` + Q(" original") + `
short: ` + Q(" short") + `
dek: ` + Q(" dek") + `
publisher: ` + Q(" publisher") + `
authors: [` + Q(" author") + `]
published: "2015-05"
published_note: ` + Q(" note") + `
url: https://example.com/paper
language: ` + Q(" lang") + `
kind: news-report
provenance: ` + Q(" provenance") + `
seed: ` + Q(" seed") + `
summary_zh:
  abstract: ` + Q(" 摘要") + `
  key_points:
    - ` + Q(" 要点") + `
---
Ada Lovelace met Charles Babbage in London. Lovelace wrote the first program.

Babbage built engines. Ada Lovelace wrote notes on the engine.

Charles Babbage said "the engine works" in 1834.

` + B + `
-- content/sources/paper.zh.md --
---
title: ` + Q(" 论文") + `
description: ` + Q(" 描述") + `
dek: ` + Q(" 导语") + `
publisher: ` + Q(" 出版者") + `
provenance: ` + Q(" 来源") + `
published_note: ` + Q(" 注") + `
original_title: ` + Q(" 原题") + `
---
-- content/sources/seed.md --
---
title: ` + Q(" seed source") + `
date: "2016-01-02"
extra:
  source: https://example.com/seed
  original_title: ` + Q(" seed original") + `
---
A seed article about the engine.

` + B + `
-- content/sources/seed.zh.md --
---
title: ` + Q(" 种子") + `
---
` + B + `
-- content/people/ada-lovelace.md --
---
name: Ada Lovelace
title: ` + Q(" person title") + `
description: ` + Q(" person description") + `
aliases: [Lovelace, ` + Q(" alias") + `]
role: ` + Q(" role") + `
citations:
  - source: paper
    quote: Lovelace wrote the first program
    note: ` + Q(" citation note") + `
---
Ada wrote the first program.[@paper: Lovelace wrote the first program]

` + B + `
-- content/people/ada-lovelace.zh.md --
---
name: ` + Q(" 阿达") + `
title: ` + Q(" 标题") + `
description: ` + Q(" 描述") + `
aliases: [` + Q(" 别名") + `]
role: ` + Q(" 角色") + `
---
` + B + `
-- content/people/x" onmouseover="alert(1)'><svg onload=alert(1)>.md --
---
name: Hostile File Name
---
A person whose file name is hostile.
-- content/people/charles-babbage.md --
---
name: Charles Babbage
aliases: [Babbage]
---
Built engines.[@paper: Babbage built engines]
-- content/organizations/engine-co.md --
---
name: ` + Q(" organisation") + `
description: ` + Q(" organisation description") + `
aliases: [` + Q(" org alias") + `]
role: ` + Q(" org role") + `
type: company
---
` + B + `
-- content/organizations/engine-co.zh.md --
---
name: ` + Q(" 公司") + `
description: ` + Q(" 描述") + `
role: ` + Q(" 角色") + `
---
` + B + `
-- content/events/meeting.md --
---
title: ` + Q(" event") + `
description: ` + Q(" event description") + `
date: "2015-05-21"
participants: [ada-lovelace, charles-babbage]
citations:
  - source: paper
    quote: "Ada Lovelace met Charles Babbage"
    note: ` + Q(" event note") + `
date_variants:
  - date: "2015-05"
    source: paper
    quote: Babbage built engines
    note: ` + Q(" variant note") + `
---
` + B + `
-- content/events/meeting.zh.md --
---
title: ` + Q(" 事件") + `
description: ` + Q(" 描述") + `
citations:
  - note: ` + Q(" 注") + `
date_variants:
  - note: ` + Q(" 注") + `
---
` + B + `
-- content/claims/engine.md --
---
question: ` + Q(" question?") + `
description: ` + Q(" claim description") + `
about: [charles-babbage]
versions:
  - source: paper
    value: ` + Q(" value one") + `
    quote: the engine works
    note: ` + Q(" claim note") + `
  - source: paper
    value: ` + Q(" value two") + `
    quote: Ada Lovelace wrote notes on the engine
---
` + B + `
-- content/claims/engine.zh.md --
---
question: ` + Q(" 问题？") + `
description: ` + Q(" 描述") + `
versions:
  - value: ` + Q(" 值一") + `
    note: ` + Q(" 注") + `
  - value: ` + Q(" 值二") + `
---
` + B + `
-- content/quotes/engine-works.md --
---
title: ` + Q(" quote") + `
description: ` + Q(" quote description") + `
speaker: charles-babbage
date: "1834"
versions:
  - source: paper
    quote: the engine works
    note: ` + Q(" quote note") + `
  - source: paper
    quote: said "the engine works"
---
` + B + `
-- content/quotes/engine-works.zh.md --
---
title: ` + Q(" 引语") + `
description: ` + Q(" 描述") + `
versions:
  - note: ` + Q(" 注") + `
---
` + B + `
-- content/annotations/first-program.md --
---
title: ` + Q(" annotation") + `
description: ` + Q(" annotation description") + `
source: paper
exact: the first program
prefix: Lovelace wrote
type: context
about: [ada-lovelace]
---
` + B + `
-- content/annotations/first-program.zh.md --
---
title: ` + Q(" 批注") + `
description: ` + Q(" 描述") + `
---
` + B + `
`
}

// TestInjectionCorpus builds the site with each text payload everywhere
// and scans every file written for anything that could run: a tag or an
// attribute the clean site does not have, an on* attribute, a script,
// data or other refused URL in any attribute, a <script> other than
// dossier's JSON-LD, JSON-LD that is not one JSON value (an unescaped
// </script> ends it early), feeds that are not plain Atom.
func TestInjectionCorpus(t *testing.T) {
	if n := len(textPayloads) + len(urlPayloads); n < 25 {
		t.Fatalf("%d payloads, want at least 25", n)
	}
	clean := buildInjected(t, "clean", 0)
	allowed := scanTree(t, clean, nil)
	for i, p := range textPayloads {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			out := buildInjected(t, p, 0)
			scanTree(t, out, allowed)
			// The payload did reach the pages, as text.
			b, err := os.ReadFile(filepath.Join(out, "people", "ada-lovelace", "index.html"))
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(html.UnescapeString(string(b)), p+" role") {
				t.Errorf("the payload is not on the page as text")
			}
			if m, _ := filepath.Glob(filepath.Join(out, "people", "x*", "index.html")); len(m) != 1 {
				t.Errorf("the page of the hostile file name is missing: %v", m)
			}
		})
	}
}

// TestInjectedURLs puts each refused URL into every place a URL goes:
// a link, an image, an autolink and a reference definition in a body of
// each kind in both languages, a source's url and a seed's extra.source.
// Each place is an error of its own, positioned, and nothing is written.
func TestInjectedURLs(t *testing.T) {
	for i, u := range urlPayloads {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			files := map[string]string{
				"content/people/ada-lovelace.md":    "---\nname: Ada Lovelace\n---\n[x](" + u + ")\n",
				"content/people/ada-lovelace.zh.md": "---\nname: 阿达\n---\n[这](" + u + ")\n",
				"content/events/meeting.md":         "---\ntitle: M\ndate: \"2015\"\ncitations:\n  - source: paper\n    quote: Babbage built engines\n---\n![i](" + u + ")\n",
				"content/events/meeting.zh.md":      "---\ntitle: 会\n---\n![图](" + u + ")\n",
				"content/claims/engine.md":          "---\nquestion: Q?\nversions:\n  - {source: paper, value: a, quote: the engine works}\n  - {source: paper, value: b, quote: Babbage built engines}\n---\n[ref][r]\n\n[r]: " + u + "\n",
				"content/quotes/engine-works.zh.md": "---\ntitle: 引\n---\n[引](" + u + ")\n",
				"content/annotations/a.md":          "---\nsource: paper\nexact: Babbage built engines\ntype: context\n---\n[n](" + u + ")\n",
				"content/about.zh.md":               "---\ntitle: 关于\n---\n[那](" + u + ")\n",
				"content/sources/s.md":              "---\ntitle: S\npublisher: P\npublished: \"2020\"\nurl: " + q(u) + "\n---\nText.\n",
				"content/sources/seed.md":           "---\ntitle: Seed\ndate: \"2020-01-02\"\nextra:\n  source: " + q(u) + "\n---\nText.\n",
			}
			if !strings.ContainsAny(u, "&%") {
				files["content/organizations/engine-co.md"] = "---\nname: Engine Co\ntype: company\n---\n<" + u + ">\n"
			}
			var archive strings.Builder
			for name, body := range files {
				archive.WriteString("-- " + name + " --\n" + body)
			}
			dir := sitetest.NewSite(t, goodSite+archive.String())
			out := filepath.Join(dir, "public")
			code, _, stderr := run("build", "-s", dir, "-d", out)
			if code != 1 {
				t.Fatalf("exit %d, want 1:\n%s", code, stderr)
			}
			for name := range files {
				found := false
				for _, line := range strings.Split(stderr, "\n") {
					if strings.HasPrefix(line, name+":") && strings.Contains(line, "URL is not allowed") {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: no positioned error for %q:\n%s", name, u, stderr)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Error("a failed build wrote the output folder")
			}
		})
	}
}

func buildInjected(t *testing.T, p string, code int) string {
	t.Helper()
	archive := injectedSite(p)
	if p == "clean" {
		archive = injectedSite("Clean")
	}
	dir := sitetest.NewSite(t, archive)
	out := filepath.Join(dir, "public")
	if c, _, stderr := run("build", "-s", dir, "-d", out); c != code {
		t.Fatalf("payload %q: exit %d, want %d:\n%s", p, c, code, stderr)
	}
	return out
}

// seen are the tag and attribute names of a site, and the forms of its
// <script> tags.
type seen struct {
	tags, attrs map[string]bool
}

// scanTree checks every file of a built site; with allowed nil it only
// records what the (clean) site uses.
func scanTree(t *testing.T, dir string, allowed *seen) *seen {
	t.Helper()
	s := &seen{tags: map[string]bool{}, attrs: map[string]bool{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		switch filepath.Ext(p) {
		case ".html":
			for _, problem := range scanHTML(rel, string(b), s, allowed) {
				t.Error(problem)
			}
		case ".xml":
			scanXML(t, rel, b, s, allowed)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func scanXML(t *testing.T, rel string, b []byte, s *seen, allowed *seen) {
	dec := xml.NewDecoder(bytes.NewReader(b))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Errorf("%s: not well-formed XML: %v", rel, err)
			return
		}
		if se, ok := tok.(xml.StartElement); ok {
			name := "xml:" + se.Name.Local
			s.tags[name] = true
			if allowed != nil && !allowed.tags[name] {
				t.Errorf("%s: element <%s> the clean site does not have", rel, se.Name.Local)
			}
			for _, a := range se.Attr {
				if a.Name.Local == "href" {
					if sc, ok := markdown.SafeURL(a.Value); !ok {
						t.Errorf("%s: %s URL in <%s href>", rel, sc, se.Name.Local)
					}
				}
			}
		}
	}
}

// scanHTML tokenizes HTML the way a browser's tag scanner does: comments,
// raw-text <script> and <style> elements, tags with quoted and unquoted
// attributes.
func scanHTML(rel, h string, s *seen, allowed *seen) (problems []string) {
	fail := func(at int, format string, args ...any) {
		problems = append(problems, fmt.Sprintf("%s: %s\n\tnear: %q", rel, fmt.Sprintf(format, args...), h[max(0, at-60):min(len(h), at+60)]))
	}
	for i := 0; i < len(h); i++ {
		if h[i] != '<' {
			continue
		}
		if strings.HasPrefix(h[i:], "<!--") {
			end := strings.Index(h[i+4:], "-->")
			if end < 0 {
				fail(i, "unclosed comment")
				return
			}
			i += 4 + end + 2
			continue
		}
		j := i + 1
		if j < len(h) && h[j] == '/' {
			j++
		}
		if j >= len(h) || !isLetter(h[j]) {
			continue
		}
		k := j
		for k < len(h) && !strings.ContainsRune(" \t\n\r\f/>", rune(h[k])) {
			k++
		}
		name := strings.ToLower(h[j:k])
		closing := h[i+1] == '/'
		attrs, end := parseAttrs(h, k)
		if closing {
			i = end
			continue
		}
		s.tags[name] = true
		if allowed != nil && !allowed.tags[name] {
			fail(i, "tag <%s> the clean site does not have", name)
		}
		for _, a := range attrs {
			s.attrs[a.name] = true
			switch {
			case strings.HasPrefix(a.name, "on"):
				fail(i, "event-handler attribute %s on <%s>", a.name, name)
			case allowed != nil && !allowed.attrs[a.name]:
				fail(i, "attribute %s on <%s> the clean site does not have", a.name, name)
			}
			v := html.UnescapeString(a.value)
			switch a.name {
			case "href", "src", "action", "formaction", "data", "xlink:href", "poster", "background", "srcset":
				if sc, ok := markdown.SafeURL(v); !ok {
					fail(i, "%s URL in %s on <%s>: %q", sc, a.name, name, a.value)
				}
			case "style":
				if lv := strings.ToLower(v); strings.Contains(lv, "url(") || strings.Contains(lv, "expression(") || strings.Contains(lv, "javascript:") {
					fail(i, "style attribute with a URL or expression: %q", v)
				}
			case "http-equiv":
				fail(i, "meta http-equiv")
			}
		}
		if name == "script" || name == "style" {
			close := strings.Index(strings.ToLower(h[end:]), "</"+name)
			if close < 0 {
				fail(i, "unclosed <%s>", name)
				return
			}
			text := h[end+1 : end+close]
			if name == "script" {
				typ, src := "", ""
				for _, a := range attrs {
					switch a.name {
					case "type":
						typ = a.value
					case "src":
						src = a.value
					}
				}
				switch {
				case typ == "" && dossierScript.MatchString(src) && strings.TrimSpace(text) == "":
					// dossier's own search script: fingerprinted, from the site.
				case typ != "application/ld+json":
					fail(i, "<script> that is not dossier's JSON-LD or search script")
				case !json.Valid([]byte(text)):
					fail(i, "JSON-LD is not one JSON value (a </script> inside ends it): %q", text[:min(len(text), 200)])
				default:
					if lt := strings.ToLower(text); strings.Contains(lt, "<script") || strings.Contains(lt, "<!--") {
						fail(i, "JSON-LD holds <script or <!-- unescaped")
					}
				}
			}
			i = end + close
			continue
		}
		i = end
	}
	return problems
}

// dossierScript is the one script file dossier links: search and link
// previews, fingerprinted, at the site's root or under its base path.
var dossierScript = regexp.MustCompile(`^(/[a-z0-9_-]+)*/search\.[0-9a-f]{10}\.js$`)

type attr struct{ name, value string }

// parseAttrs reads the attributes of a tag from h[k:], returning them
// and the index of the closing '>'.
func parseAttrs(h string, k int) ([]attr, int) {
	var out []attr
	for k < len(h) {
		for k < len(h) && strings.ContainsRune(" \t\n\r\f/", rune(h[k])) {
			k++
		}
		if k >= len(h) || h[k] == '>' {
			return out, k
		}
		n := k
		for k < len(h) && !strings.ContainsRune(" \t\n\r\f/>=", rune(h[k])) {
			k++
		}
		a := attr{name: strings.ToLower(h[n:k])}
		for k < len(h) && strings.ContainsRune(" \t\n\r\f", rune(h[k])) {
			k++
		}
		if k < len(h) && h[k] == '=' {
			k++
			for k < len(h) && strings.ContainsRune(" \t\n\r\f", rune(h[k])) {
				k++
			}
			if k < len(h) && (h[k] == '"' || h[k] == '\'') {
				qc := h[k]
				e := strings.IndexByte(h[k+1:], qc)
				if e < 0 {
					e = len(h) - k - 1
				}
				a.value = h[k+1 : k+1+e]
				k += e + 2
			} else {
				v := k
				for k < len(h) && !strings.ContainsRune(" \t\n\r\f>", rune(h[k])) {
					k++
				}
				a.value = h[v:k]
			}
		}
		out = append(out, a)
	}
	return out, len(h)
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// TestScannerCatches makes sure the scan is not blind: each of these
// would run script, and each must be reported.
func TestScannerCatches(t *testing.T) {
	allowed := &seen{tags: map[string]bool{"a": true, "p": true, "img": true, "script": true, "div": true}, attrs: map[string]bool{"href": true, "src": true, "type": true, "style": true}}
	for _, h := range []string{
		`<p><a href="javascript:alert(1)">x</a></p>`,
		`<p><a href=&#106;avascript:alert(1)>x</a></p>`,
		`<img src=x onerror=alert(1)>`,
		`<p><svg></svg></p>`,
		`<script>alert(1)</script>`,
		`<script type=application/ld+json>{"a":"</script><script>alert(1)</script>"}</script>`,
		`<div style="background:url(javascript:alert(1))">`,
		`<p title=x></p>`,
		`<script src=https://evil.example/search.0123456789.js></script>`,
		`<script src=/search.0123456789.js>alert(1)</script>`,
		`<script src=/evil.js></script>`,
	} {
		if len(scanHTML("x.html", h, &seen{tags: map[string]bool{}, attrs: map[string]bool{}}, allowed)) == 0 {
			t.Errorf("not caught: %s", h)
		}
	}
}
