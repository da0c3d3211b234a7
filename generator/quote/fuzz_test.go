package quote

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// FuzzFind matches any quote against any text. Properties: every range
// lies inside the text, on character boundaries, and holds the quoted
// words in matching form; words that occur in the text are found; the
// closest passage is a part of the text.
func FuzzFind(f *testing.F) {
	for _, s := range sitetest.Seeds(f, ".md") {
		text := string(s.Data)
		if len(text) > 4000 {
			text = text[:4000]
		}
		words := strings.Fields(text)
		if len(words) > 12 {
			f.Add(text, strings.Join(words[5:11], " "), "", "")
		}
	}
	f.Add("Musk ended up donating $44 million, according to the complaint.", "donating $44 million", "ended up", ", according")
	f.Add("“It’s over” — he said… then left", "\"It's over\" - he said...", "", "")
	f.Fuzz(func(t *testing.T, text, exact, prefix, suffix string) {
		n := Normalize(text)
		if len(n.Orig) != len(n.Text)+1 {
			t.Fatalf("Orig has %d entries for %d bytes", len(n.Orig), len(n.Text))
		}
		// Without the map back, the same text and the same ranges.
		lazy := NormalizeText(text)
		sel := Selector{Exact: exact, Prefix: prefix, Suffix: suffix}
		if lazy.Text != n.Text || lazy.Orig != nil || !slices.Equal(Find(lazy, sel), Find(n, sel)) {
			t.Fatalf("NormalizeText gives %q, %v; Normalize %q, %v", lazy.Text, Find(lazy, sel), n.Text, Find(n, sel))
		}
		want := Key(exact)
		for _, r := range Find(n, sel) {
			if r.Start < 0 || r.End > len(text) || r.Start >= r.End {
				t.Fatalf("range %v outside text of %d bytes", r, len(text))
			}
			if got := Key(text[r.Start:r.End]); !strings.Contains(got, want) {
				t.Fatalf("range %v holds %q, not %q", r, got, want)
			}
		}
		// Content files are valid UTF-8 (invalid bytes are an error when
		// parsed): a quote that is part of a character is not a quote.
		if prefix == "" && suffix == "" && want != "" && strings.Contains(text, exact) && strings.TrimSpace(exact) == exact && utf8.ValidString(exact) && utf8.ValidString(text) {
			if len(Find(n, Selector{Exact: exact})) == 0 {
				t.Fatalf("%q is in the text but not found", exact)
			}
		}
		if len(text) < 2000 && len(exact) < 200 {
			if c, score := Closest(exact, text); score < 0 || score > 1 || !strings.Contains(Key(text), Key(c)) {
				t.Fatalf("closest %q (score %v) is not a passage of the text", c, score)
			}
		}
	})
}
