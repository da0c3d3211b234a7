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
