package render

import (
	"strings"
	"testing"
)

// TestFieldCountAsFields holds fieldCount to strings.Fields: ASCII and
// Unicode spaces (no-break space, ideographic space, NEL), runs of them
// at either end, invalid UTF-8 and Chinese text without spaces.
func TestFieldCountAsFields(t *testing.T) {
	for _, s := range []string{
		"", " ", "one", " one  two\tthree\n", "a\u00a0b\u3000c\u0085d", "\xff\xfe x",
		"中文没有空格。", "Altman’s — “quote” …", "\v\f\r", "end ",
	} {
		if got, want := fieldCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("fieldCount(%q) = %d, want %d", s, got, want)
		}
	}
}
