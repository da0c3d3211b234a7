package build

import (
	"sort"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/content"
)

func TestChangedDocs(t *testing.T) {
	a, b, c, b2 := &content.Doc{Path: "a"}, &content.Doc{Path: "b"}, &content.Doc{Path: "c"}, &content.Doc{Path: "b"}
	m := func(ds ...*content.Doc) map[string]*content.Doc {
		out := map[string]*content.Doc{}
		for _, d := range ds {
			out[d.Path] = d
		}
		return out
	}
	name := func(d *content.Doc) string {
		if d == nil {
			return "-"
		}
		if d == b2 {
			return "b'"
		}
		return d.Path
	}
	for _, tc := range []struct {
		name     string
		old, cur map[string]*content.Doc
		want     string
	}{
		{"nothing", m(a, b), m(a, b), ""},
		{"re-parsed", m(a, b), m(a, b2), "b→b'"},
		{"added", m(a), m(a, c), "-→c"},
		{"deleted", m(a, b), m(a), "b→-"},
		{"all at once", m(a, b), m(b2, c), "-→c a→- b→b'"},
		{"first build", nil, m(a), "-→a"},
	} {
		var got []string
		for _, ch := range changedDocs(tc.old, tc.cur) {
			got = append(got, name(ch.Old)+"→"+name(ch.New))
		}
		sort.Strings(got)
		if strings.Join(got, " ") != tc.want {
			t.Errorf("%s: %v, want %q", tc.name, got, tc.want)
		}
	}
}
