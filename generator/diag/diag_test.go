package diag

import (
	"strings"
	"testing"
)

func TestPosition(t *testing.T) {
	src := []byte("line one\nzweite Zeile: ä\n中文行\n")
	idx := NewLineIndex(src)
	for _, c := range []struct {
		off       int
		line, col int
	}{
		{0, 1, 1},
		{4, 1, 5},
		{9, 2, 1},
		{strings.Index(string(src), "ä"), 2, 15},
		{strings.Index(string(src), "文"), 3, 2}, // columns count runes, not bytes
		{-5, 1, 1},
		{len(src) + 10, 4, 1},
	} {
		if l, col := idx.Position(src, c.off); l != c.line || col != c.col {
			t.Errorf("offset %d: %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}

func TestSuggest(t *testing.T) {
	cands := []string{"sam-altman", "elon-musk", "openai", "xai"}
	for in, want := range map[string]string{
		"sam-altmn":  "sam-altman",
		"Elon-Musk":  "elon-musk",
		"openia":     "openai",
		"completely": "",
	} {
		if got := Suggest(in, cands); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
	if d := Levenshtein("kitten", "sitting"); d != 3 {
		t.Errorf("Levenshtein = %d", d)
	}
	if d := Levenshtein("马斯克", "马期克"); d != 1 {
		t.Errorf("Levenshtein counts runes: %d", d)
	}
}

func TestListSortDedupeAndErrors(t *testing.T) {
	var l List
	l.Warnf("b.md", 2, 1, "", "second")
	l.Errorf("b.md", 1, 4, "fix it", "first")
	l.Errorf("a.md", 9, 1, "", "earlier file")
	l.Errorf("b.md", 1, 4, "fix it", "first") // a repeat
	l = l.Dedupe()
	l.Sort()
	var got []string
	for _, d := range l {
		got = append(got, d.File+":"+d.Msg)
	}
	if strings.Join(got, ",") != "a.md:earlier file,b.md:first,b.md:second" {
		t.Errorf("sorted and deduplicated: %v", got)
	}
	if !l.HasErrors() || len(l.Errors()) != 2 || len(l.Warnings()) != 1 {
		t.Errorf("errors %d, warnings %d", len(l.Errors()), len(l.Warnings()))
	}
	if s := l[1].String(); s != "b.md:1:4: first\n\thint: fix it" {
		t.Errorf("String() = %q", s)
	}
	if s := l[2].String(); !strings.HasPrefix(s, "b.md:2:1: warning: second") {
		t.Errorf("warning String() = %q", s)
	}
	if e := (&BuildError{Diags: l}).Error(); !strings.HasPrefix(e, "2 errors in content\n") {
		t.Errorf("BuildError = %q", e)
	}
}
