package markdown

import (
	"bufio"
	"bytes"
	"testing"

	"github.com/yuin/goldmark/util"
)

// TestEscapeAsGoldmark holds escape and escapeTo to goldmark's
// util.EscapeHTML, on text with each character it escapes and without.
func TestEscapeAsGoldmark(t *testing.T) {
	for _, s := range []string{"", "plain text", `<a href="x">&amp;</a>`, "nul\x00byte", "中文 “quotes” & more", ">", "&&"} {
		want := string(util.EscapeHTML([]byte(s)))
		if got := escape(s); got != want {
			t.Errorf("escape(%q) = %q, want %q", s, got, want)
		}
		var b bytes.Buffer
		w := bufio.NewWriter(&b)
		escapeTo(w, s)
		w.Flush()
		if b.String() != want {
			t.Errorf("escapeTo(%q) wrote %q, want %q", s, b.String(), want)
		}
	}
}
