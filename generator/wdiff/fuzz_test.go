package wdiff

import (
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// FuzzDiff diffs any two wordings. Properties: the parts that are the
// same or inserted spell out the second wording word for word; the parts
// that are the same or deleted have the first wording's words, in order,
// in matching form; similarity is between 0 and 1, and 1 for a wording
// with itself.
func FuzzDiff(f *testing.F) {
	for _, s := range sitetest.Seeds(f, ".md") {
		w := strings.Fields(string(s.Data))
		if len(w) > 40 {
			f.Add(strings.Join(w[10:30], " "), strings.Join(w[12:35], " "))
		}
	}
	f.Add("I will no longer fund OpenAI", "“I will no longer fund OpenAI,” he wrote")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 3000 || len(b) > 3000 {
			return // quadratic by design: quotations are short
		}
		var sameIns, sameDel []string
		for _, p := range Diff(a, b) {
			words := strings.Fields(p.Text)
			switch p.Op {
			case Same:
				sameIns = append(sameIns, words...)
				for _, w := range words {
					sameDel = append(sameDel, key(w))
				}
			case Ins:
				sameIns = append(sameIns, words...)
			case Del:
				for _, w := range words {
					sameDel = append(sameDel, key(w))
				}
			}
		}
		if got, want := strings.Join(sameIns, " "), strings.Join(strings.Fields(b), " "); got != want {
			t.Fatalf("same+inserted = %q, want %q", got, want)
		}
		var ak []string
		for _, w := range strings.Fields(a) {
			ak = append(ak, key(w))
		}
		if got, want := strings.Join(sameDel, "\x00"), strings.Join(ak, "\x00"); got != want {
			t.Fatalf("same+deleted = %q, want %q", got, want)
		}
		if s := Similarity(a, b); s < 0 || s > 1 {
			t.Fatalf("similarity %v", s)
		}
		if s := Similarity(a, a); s != 1 {
			t.Fatalf("similarity of %q with itself is %v", a, s)
		}
	})
}
