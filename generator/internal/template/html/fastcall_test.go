// This file is dossier's, not the standard library's (see ../README.md).

package template

import (
	"strings"
	"testing"
)

// TestPlainEscapersAsEscapers holds each escaper's plain-string version to
// the escaper called with that string, on text that each must change.
func TestPlainEscapersAsEscapers(t *testing.T) {
	inputs := []string{
		"", "plain", "a b", `<a href="x">&amp;'</a>`, "\x00nul", "tab\tnew\nline",
		"javascript:alert(1)", "JavaScript:x", "http://example.org/a b?q=1&r=2#f",
		"/sources/s1/#p-x:~:text=a%20b%2", "%zz%4", "mailto:a@b", "data:text/html,x",
		"\ufdd0\ufffe", "bad \xff utf-8", "=`", "é 中文 ‘quotes’", "(paren)'s", "a,b;c",
	}
	for i, e := range plainEscapers {
		for _, s := range inputs {
			if got, want := e.plain(s), e.fn(s); got != want {
				t.Errorf("escaper %d of %q: plain version gives %q, the escaper %q", i, s, got, want)
			}
		}
	}
}

// TestPlainEscapersInTemplates checks that templates escape a plain
// string and a typed one as before: the plain string through the fast
// path, the typed one (HTML, URL) through the escaper.
func TestPlainEscapersInTemplates(t *testing.T) {
	tmpl := Must(New("t").Parse(`<a href="{{.U}}" title="{{.S}}">{{.S}}{{.H}}</a><a href="{{.TU}}" data-x={{.S}}>x</a>`))
	var b strings.Builder
	data := struct {
		U, S string
		H    HTML
		TU   URL
	}{"javascript:x", `<b>"&'`, "<i>ok</i>", "javascript:ok"}
	if err := tmpl.Execute(&b, data); err != nil {
		t.Fatal(err)
	}
	want := `<a href="#ZgotmplZ" title="&lt;b&gt;&#34;&amp;&#39;">&lt;b&gt;&#34;&amp;&#39;<i>ok</i></a><a href="javascript:ok" data-x=&lt;b&gt;&#34;&amp;&#39;>x</a>`
	if b.String() != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}

// TestURLKeepsAsSwitch holds urlKeeps' table to the switch of Go's
// processURLOnto, for every byte, normalizing or not, and for a percent
// sign that starts an escape or does not.
func TestURLKeepsAsSwitch(t *testing.T) {
	keeps := func(s string, i int, norm bool) bool { // Go 1.26's switch
		switch c := s[i]; c {
		case '!', '#', '$', '&', '*', '+', ',', '/', ':', ';', '=', '?', '@', '[', ']':
			return norm
		case '-', '.', '_', '~':
			return true
		case '%':
			return norm && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2])
		default:
			return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
		}
	}
	for c := range 256 {
		for _, s := range []string{string([]byte{byte(c)}), string([]byte{byte(c)}) + "4f", string([]byte{byte(c)}) + "4g"} {
			for _, norm := range []bool{false, true} {
				if got, want := urlKeeps(s, 0, norm), keeps(s, 0, norm); got != want {
					t.Errorf("byte %#x in %q, normalizing %v: keeps %v, want %v", c, s, norm, got, want)
				}
			}
		}
	}
}
