package build

import (
	"sort"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/site"
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

// TestTogether: a one-shot build renders its languages at once only
// when it has more than one and its documents times languages are within
// togetherPages; the preview server (no sink) is not a one-shot build.
// One that renders in turn outlines its files as it parses them.
// TestOneShotBuildLetsTreesGo's bilingual site is the first case.
func TestTogether(t *testing.T) {
	two := site.Config{Languages: []site.Language{{Code: "en"}, {Code: "zh"}}}
	one := site.Config{Languages: []site.Language{{Code: "en"}}}
	docs := func(n int) []*content.Doc { return make([]*content.Doc, n) }
	for _, c := range []struct {
		name string
		sink pageSink
		cfg  site.Config
		docs int
		want bool
	}{
		{"small, bilingual", discard{}, two, 16, true},
		{"at the limit", discard{}, two, togetherPages / 2, true},
		{"over it", discard{}, two, togetherPages/2 + 1, false},
		{"one language", discard{}, one, 16, false},
		{"the preview server", nil, two, 16, false},
	} {
		p := &pass{ss: &Session{sink: c.sink}, cfg: c.cfg, docs: docs(c.docs)}
		if got := p.together(); got != c.want {
			t.Errorf("%s: together() = %v, want %v", c.name, got, c.want)
		}
		if c.want && p.lastOneShot(c.cfg.Languages[len(c.cfg.Languages)-1]) {
			t.Errorf("%s: rendered together, the last language lets trees go as it renders", c.name)
		}
		// A one-shot build that renders in turn outlines each file as it
		// is parsed; the preview server and a build rendering together
		// keep the trees.
		if got, want := p.outline(c.cfg, c.docs), c.sink != nil && !c.want; got != want {
			t.Errorf("%s: outline() = %v, want %v", c.name, got, want)
		}
	}
}
