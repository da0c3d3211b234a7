package sitetest

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Seed is one file of the shipped site, a seed for a fuzz corpus.
type Seed struct {
	Rel  string // slash path under content/
	Data []byte
}

// Seeds returns the shipped site's content files whose names end in ext
// (".md", ".yaml"), sorted by path: the seed corpus of the fuzz targets.
func Seeds(t testing.TB, ext string) []Seed {
	t.Helper()
	root := filepath.Join(RepoRoot(t), "content")
	var out []Seed
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() || !strings.HasSuffix(p, ext) {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out = append(out, Seed{filepath.ToSlash(rel), b})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Rel < out[j].Rel })
	if len(out) == 0 {
		t.Fatalf("no %s files under %s", ext, root)
	}
	return out
}
