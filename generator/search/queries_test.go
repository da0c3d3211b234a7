package search_test

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/search"
	"gopkg.in/yaml.v3"
)

// Query is one line of testdata/queries.yaml: what a reader types, and
// the page or passage they would expect first.
type Query struct {
	Q    string `yaml:"q"`
	Want string `yaml:"want"`
	Why  string `yaml:"why"`
}

// Queries reads the query list, by language.
func Queries(t testing.TB) map[string][]Query {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "queries.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var qs map[string][]Query
	if err := yaml.Unmarshal(b, &qs); err != nil {
		t.Fatal(err)
	}
	return qs
}

var shipped = sync.OnceValues(func() (map[string]*search.Index, error) {
	res, err := build.Render(build.Options{SiteDir: filepath.Join("..", "..")})
	if err != nil {
		return nil, err
	}
	out := map[string]*search.Index{}
	for _, lang := range []string{"en", "zh"} {
		dir := "search/idx/"
		if lang != "en" {
			dir = lang + "/" + dir
		}
		var files []search.File
		for _, f := range res.Files {
			if rest, ok := strings.CutPrefix(f.Path, dir); ok {
				files = append(files, search.File{Path: rest, Data: f.Data})
			}
		}
		ix, err := search.Load(files)
		if err != nil {
			return nil, err
		}
		out[lang] = ix
	}
	return out, nil
})

// TestQueryList runs the query list against the shipped dossier's index:
// in each language, at least 90% of the queries must rank the expected
// page or passage first.
func TestQueryList(t *testing.T) {
	ixs, err := shipped()
	if err != nil {
		t.Fatal(err)
	}
	for lang, qs := range Queries(t) {
		ix := ixs[lang]
		if len(qs) < 20 {
			t.Errorf("%s: %d queries, want at least 20", lang, len(qs))
		}
		hits := 0
		for _, q := range qs {
			rs := ix.Query(q.Q)
			var got []string
			for i := 0; i < len(rs) && i < 3; i++ {
				got = append(got, ix.Units[rs[i].Doc].URL)
			}
			if len(got) > 0 && got[0] == q.Want {
				hits++
			} else {
				t.Logf("%s: %q: first %v, want %s", lang, q.Q, got, q.Want)
			}
		}
		rate := float64(hits) / float64(len(qs))
		t.Logf("%s: %d of %d queries rank the expected result first (%.0f%%)", lang, hits, len(qs), 100*rate)
		if rate < 0.9 {
			t.Errorf("%s: hit rate %.0f%%, want at least 90%%", lang, 100*rate)
		}
	}
}
