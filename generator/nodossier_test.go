package generator_test

// No dossier in Go: the engine must not know the shipped content. A
// slug of the shipped dossier (a person, an organisation, a source, an
// event...) written into generator/'s code means another dossier would
// have to edit Go.

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func TestNoShippedSlugsInGenerator(t *testing.T) {
	var slugs []string
	filepath.Walk("../content", func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".md") || strings.Count(filepath.Base(p), ".") > 1 {
			return nil
		}
		if filepath.Dir(p) == filepath.Clean("../content") {
			return nil // plain pages: about, _index
		}
		slugs = append(slugs, strings.TrimSuffix(filepath.Base(p), ".md"))
		return nil
	})
	if len(slugs) < 100 {
		t.Fatalf("found only %d shipped slugs", len(slugs))
	}
	re := regexp.MustCompile(`"(` + strings.Join(quoteAll(slugs), "|") + `)"`)
	var found int
	filepath.Walk(".", func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			if m := re.FindString(line); m != "" {
				found++
				t.Errorf("%s:%d: the shipped dossier's slug %s in the engine", p, i+1, m)
			}
		}
		return nil
	})
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = regexp.QuoteMeta(s)
	}
	return out
}
