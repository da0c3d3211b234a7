package markdown

import (
	"bytes"
	"strings"
	"testing"
)

func TestSafeURL(t *testing.T) {
	for _, u := range []string{"https://example.org/", "http://x", "HTTPS://X", "mailto:a@b.org", "../people/x.md", "x.md#p-1", "#p-1", "/about/", "//cdn.example/x", "?q=1", "", "people/a:b"} {
		if s, ok := SafeURL(u); !ok {
			t.Errorf("%q refused (scheme %q)", u, s)
		}
	}
	for _, u := range []string{
		"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "&#106;avascript:x", "&#x6A;avascript:x", "&#0000106;avascript:x",
		"javascript&colon;x", "javascript&#58;x", "java&Tab;script:x", "java&NewLine;script:x", "java\tscript:x", "java\nscript:x", "\x00javascript:x",
		"%6Aavascript:x", "java%09script:x", "&amp;#106;avascript:x", "%26%23106%3Bavascript:x", "java\u200bscript:x",
		"vbscript:x", "data:text/html,x", "DATA:image/svg+xml,x", "file:///etc/passwd", "ftp://x", ":x", "&#58;x",
	} {
		if _, ok := SafeURL(u); ok {
			t.Errorf("%q accepted", u)
		}
	}
}

// TestRendererNeverWritesScriptURLs renders, without the parse-time
// check, every way a body can carry a URL: the renderer itself writes no
// script URL (defence in depth).
func TestRendererNeverWritesScriptURLs(t *testing.T) {
	m := New()
	for _, src := range []string{
		"[here](&#106;avascript:alert(1))",
		"[there](javascript&colon;alert(1))",
		"[p](JAVASCRIPT:alert(1))",
		"[p](%6Aavascript:alert(1))",
		"[p](java&Tab;script:alert(1))",
		"![i](&#106;avascript:alert(1))",
		"![i](data:text/html,x)",
		"<javascript:alert(1)>",
		"<VBScript:msgbox(1)>",
		"[r][x]\n\n[x]: &#106;avascript:alert(1)",
	} {
		p := m.Parse([]byte(src))
		var buf bytes.Buffer
		if err := m.Render(&buf, []byte(src), p, RenderOptions{}); err != nil {
			t.Fatal(err)
		}
		AssertInert(t, buf.String())
		if out := buf.String(); !strings.Contains(out, `href=""`) && !strings.Contains(out, `src=""`) {
			t.Errorf("%s: rendered %q, want the URL left out", src, out)
		}
	}
	// Safe URLs are written as before.
	src := "[a](https://example.org/?a=1&b=2) ![i](../i.png \"t\") <https://example.org/x> <me@example.org>"
	var buf bytes.Buffer
	m.Render(&buf, []byte(src), m.Parse([]byte(src)), RenderOptions{})
	for _, want := range []string{`<a href="https://example.org/?a=1&amp;b=2" class="ext">a</a>`, `<img src="../i.png" alt="i" title="t">`, `<a href="https://example.org/x">https://example.org/x</a>`, `<a href="mailto:me@example.org">me@example.org</a>`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("missing %s in %s", want, buf.String())
		}
	}
}
