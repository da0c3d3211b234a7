package diag

import (
	"strings"
	"testing"
)

func TestEndCol(t *testing.T) {
	for _, tc := range []struct {
		line     string
		col, end int
		want     int
	}{
		{`date: "in the spring"`, 7, 0, 22},                 // a quoted string
		{`participants: [ada, bob]`, 21, 0, 24},             // a flow-list item
		{`See [[Ada]] here`, 5, 0, 12},                      // a wikilink
		{`A [link](x.md) b`, 3, 0, 15},                      // a Markdown link
		{`Text.[@src: words] more`, 6, 0, 19},               // an inline citation
		{`kind: newz  # comment`, 7, 0, 11},                 // a value before a comment
		{`colour: red`, 1, 8, 8},                            // a span the parser gave
		{`short`, 9, 0, 9},                                  // a column past the line
		{`名字：“未闭合`, 4, 0, 8},                                // a value to the end of the line
		{`quote: "with \"escaped\" marks" after`, 8, 0, 32}, // escaped quotes
	} {
		d := Diagnostic{Line: 1, Col: tc.col, End: tc.end}
		if got := d.EndCol(tc.line); got != tc.want {
			t.Errorf("%q col %d: end %d, want %d", tc.line, tc.col, got, tc.want)
		}
	}
}

func TestExcerptLongCJKLine(t *testing.T) {
	line := strings.Repeat("中", 80) + "[[目标]]" + strings.Repeat("文", 80)
	shown, pad, width := Excerpt(line, 81, 87)
	if !strings.HasPrefix(shown, "…") || !strings.HasSuffix(shown, "…") {
		t.Errorf("a long line is not cut: %q", shown)
	}
	// The caret sits under "[[" counting two cells a character.
	cells := 0
	for _, r := range []rune(shown) {
		if cells == pad {
			if r != '[' {
				t.Errorf("pad %d lands on %q", pad, r)
			}
			break
		}
		cells += cellWidth(r)
	}
	if width != 8 { // [[ ]] one cell each, 目标 two each
		t.Errorf("width %d, want 8", width)
	}
}
