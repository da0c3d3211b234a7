package render

import (
	"regexp"
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
