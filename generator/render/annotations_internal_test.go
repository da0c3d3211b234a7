package render

import (
	"bytes"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// absoluteLinks does what the regexp it replaced did, on notes with
// links, images, attributes that only end in href or src, a quote left
// open, and text that only looks like a link.
func TestAbsoluteLinks(t *testing.T) {
	re := regexp.MustCompile(`(href|src)="(/[^"]*)"`)
	abs := func(p string) string { return "https://example.org" + p }
	for _, in := range []string{
		``,
		`<p>no links</p>`,
		`<a href="/people/x/">X</a> and <img src="/img/a.png" alt="">`,
		`<a href="https://other.org/">out</a><a href="#f">f</a><a href="/a/">a</a>`,
		`<span data-src="/d">d</span><a xhref="/y">y</a>`,
		`title="/not a link" class="x"`,
		`<a href="/open`,
		`<a href="/a">a</a> text ="/b" <a href="/c">c</a>`,
		`href="/"src="/"`,
		`<a href=/unquoted>u</a>`,
	} {
		want := re.ReplaceAllStringFunc(in, func(m string) string {
			sm := re.FindStringSubmatch(m)
			return sm[1] + `="` + abs(sm[2]) + `"`
		})
		if got := absoluteLinks(in, abs); got != want {
			t.Errorf("absoluteLinks(%q)\n got %q\nwant %q", in, got, want)
		}
	}
	if in := `<a href="/a">`; absoluteLinks(in, abs) == in || !strings.Contains(absoluteLinks(in, abs), "https://example.org/a") {
		t.Error("a site link was left as it was")
	}
}

// TestEncodeAnnotationsAsEncodingJSON writes collections of none, one and
// several annotations (HTML, quotes, Chinese, a control character) with
// and without a cache, and again from a cache that holds some of them:
// each time byte for byte what encoding/json writes of the whole
// collection, indented by one space, HTML unescaped.
func TestEncodeAnnotationsAsEncodingJSON(t *testing.T) {
	anno := func(id, note, exact string) Annotation {
		return Annotation{ID: id, Type: "Annotation", Motivation: "commenting",
			Body: AnnoBody{Type: "TextualBody", Value: note, Format: "text/html", Language: "zh-CN"},
			Target: AnnoTarget{Source: "https://example.org/a?b=1&c=2", Selector: AnnoSelector{
				Type: "TextQuoteSelector", Exact: exact, Prefix: "before “", Suffix: ""}}}
	}
	all := []Annotation{
		anno("https://x.test/annotations/a/", `<p>A <a href="https://x.test/">link</a> & more</p>`, "the \"exact\" words"),
		anno("https://x.test/annotations/b/", "<p>注释：马斯克与奥尔特曼\u2028</p>", "原文\t\x01"),
		anno("https://x.test/annotations/c/", "", "c"),
	}
	want := func(items []Annotation) string {
		c := AnnoCollection{Context: AnnoContext, ID: "https://x.test/annotations.jsonld", Type: "AnnotationCollection", Label: "English",
			Total: len(items), First: AnnoPage{ID: "https://x.test/annotations.jsonld#page-1", Type: "AnnotationPage", Items: items}}
		var out bytes.Buffer
		enc := json.NewEncoder(&out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", " ")
		if err := enc.Encode(c); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	// The first note edited: the same annotation (same id, same
	// passage) with other words, which a cache keyed by less than all
	// of it would write as it was.
	edited := all[0]
	edited.Body.Value = `<p>A <a href="https://x.test/">link</a> &amp; less</p>`
	cache := &Cache{}
	for _, items := range [][]Annotation{{}, all[:1], all, all[1:], {all[2], all[0]}, all, {edited, all[1], all[2]}, all} {
		for _, cc := range []*Cache{nil, cache} {
			c := AnnoCollection{Context: AnnoContext, ID: "https://x.test/annotations.jsonld", Type: "AnnotationCollection", Label: "English",
				Total: len(items), First: AnnoPage{ID: "https://x.test/annotations.jsonld#page-1", Type: "AnnotationPage", Items: slices.Clone(items)}}
			got, err := encodeAnnotations(c, cc)
			if err != nil {
				t.Fatal(err)
			}
			if w := want(items); string(got) != w {
				t.Errorf("%d items (cache %v):\n%s\nwant\n%s", len(items), cc != nil, got, w)
			}
			if cc != nil && len(items) > 0 && len(cc.Annos) != len(items) {
				t.Errorf("%d items: the cache keeps %d", len(items), len(cc.Annos))
			}
		}
	}
}
