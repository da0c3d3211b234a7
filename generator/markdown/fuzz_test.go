package markdown

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

var (
	attrRe    = regexp.MustCompile(`(?i)\s(href|src)\s*=\s*"([^"]*)"`)
	onAttrRe  = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	scriptRe  = regexp.MustCompile(`(?i)<\s*(script|iframe|object|embed|style|svg|math|form|base|meta|link)\b`)
	rawTagRes = []*regexp.Regexp{scriptRe, onAttrRe}
)

// FuzzRender parses and renders any bytes with the dossier extensions
// (wikilinks, inline citations) and every option set. Properties: it never
// panics; the HTML has no tag a body may not produce (script, iframe,
// svg, style, ...), no on* attribute, and no href or src whose URL, as a
// browser decodes it, has a scheme other than http, https or mailto; every
// wikilink and citation points at its own "[[" or "[@" in the input.
func FuzzRender(f *testing.F) {
	for _, s := range sitetest.Seeds(f, ".md") {
		f.Add(s.Data)
	}
	for _, s := range []string{
		"[here](&#106;avascript:alert(1)) [there](javascript&colon;alert(1))",
		"<javascript:alert(1)> <JAVASCRIPT:x> <data:text/html,x> ![i](&#x6A;avascript:x)",
		"[a](java\tscript:x) [b](%6Aavascript:x) [c](  javascript:x) [d]: vbscript:x\n\n[d]",
		"[[Sam Altman|<script>x</script>]] [@wsj: a \" onmouseover=\"x] <img src=x onerror=alert(1)>",
	} {
		f.Add([]byte(s))
	}
	m := New()
	f.Fuzz(func(t *testing.T, src []byte) {
		p := m.Parse(src)
		for _, w := range p.Wikis {
			if w.Offset < 0 || w.Offset+2 > len(src) || !bytes.HasPrefix(src[w.Offset:], []byte("[[")) {
				t.Fatalf("wikilink offset %d does not point at [[", w.Offset)
			}
		}
		for _, c := range p.Cites {
			if c.Offset < 0 || c.Offset+2 > len(src) || !bytes.HasPrefix(src[c.Offset:], []byte("[@")) {
				t.Fatalf("citation offset %d does not point at [@", c.Offset)
			}
		}
		for _, b := range p.Blocks {
			if b.Offset < 0 || b.Offset > len(src) {
				t.Fatalf("block offset %d outside the input", b.Offset)
			}
		}
		for _, u := range URLs(p, src) {
			if u.Offset < 0 || u.Offset > len(src) {
				t.Fatalf("URL offset %d outside the input", u.Offset)
			}
		}
		var buf bytes.Buffer
		opts := RenderOptions{
			Wiki: func(w *WikiLink) (string, string, bool) { return "/people/" + w.Target + "/", w.Target, true },
			Link: func(dest string) (string, bool) { return "/" + dest, true },
			Cite: func(c *Citation) string { return "<sup>" + html.EscapeString(c.Source) + "</sup>" },
		}
		if err := m.Render(&buf, src, p, opts); err != nil {
			t.Fatal(err)
		}
		AssertInert(t, buf.String())
	})
}

// AssertInert fails if the HTML a body rendered to could run script.
func AssertInert(t testing.TB, out string) {
	t.Helper()
	for _, re := range rawTagRes {
		if loc := re.FindStringIndex(out); loc != nil {
			t.Fatalf("executable markup %q in %q", out[loc[0]:loc[1]], clipOut(out, loc[0]))
		}
	}
	for _, m := range attrRe.FindAllStringSubmatch(out, -1) {
		if s, ok := SafeURL(html.UnescapeString(m[2])); !ok {
			t.Fatalf("%s with a %q URL: %q", m[1], s, m[2])
		}
	}
}

func clipOut(s string, at int) string {
	return s[max(0, at-40):min(len(s), at+80)]
}

// FuzzSafeURL checks the URL test itself: whatever it accepts has, once
// decoded and stripped of what browsers ignore, no scheme but http,
// https and mailto.
func FuzzSafeURL(f *testing.F) {
	for _, s := range []string{"https://example.org/", "mailto:a@b", "../people/x.md", "#p-1", "&#106;avascript:x", "java\nscript:x", "%6a%61vascript:x", "JaVaScRiPt:x", "&Tab;javascript:x", "\x01javascript:x", "data:text/html,x", "//evil.example/"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		scheme, ok := SafeURL(s)
		d := strings.ToLower(DecodeURL(s))
		var b strings.Builder
		for _, r := range d {
			if r > 0x20 && r != 0x7f {
				b.WriteRune(r)
			}
		}
		stripped := b.String()
		if ok && (strings.HasPrefix(stripped, "javascript:") || strings.HasPrefix(stripped, "vbscript:") || strings.HasPrefix(stripped, "data:")) {
			t.Fatalf("%q accepted (scheme %q)", s, scheme)
		}
	})
}
