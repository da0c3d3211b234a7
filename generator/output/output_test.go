package output

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	got := map[string]string{}
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if info.IsDir() {
			if rel != "." {
				if entries, _ := os.ReadDir(p); len(entries) == 0 {
					got[filepath.ToSlash(rel)+"/"] = "(empty folder)"
				}
			}
			return nil
		}
		b, _ := os.ReadFile(p)
		got[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	return got
}

func files(m map[string]string) []File {
	var out []File
	for p, s := range m {
		out = append(out, File{Path: p, Data: []byte(s)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

func same(t *testing.T, step string, got, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%s: %d files, want %d: %v", step, len(got), len(want), got)
	}
	for p, s := range want {
		if got[p] != s {
			t.Errorf("%s: %s = %q, want %q", step, p, got[p], s)
		}
	}
}

// TestWriteSequence writes a run of different sites into one folder: after
// each, the folder holds exactly that site, whatever the spare held.
func TestWriteSequence(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	sites := []map[string]string{
		{"index.html": "v1", "a/index.html": "a1", "a/b/index.html": "b1", "style.css": "css"},
		{"index.html": "v2", "a/index.html": "a1", "c/index.html": "c2", "style.css": "css"},
		{"index.html": "v3", "a/b/index.html": "b3", "style.css": "css"},
		{"index.html": "v3", "a/b/index.html": "b3", "style.css": "css"},
		{"index.html": "v5"},
	}
	for i, s := range sites {
		if err := Write(out, files(s)); err != nil {
			t.Fatal(err)
		}
		same(t, "site "+string(rune('1'+i)), tree(t, out), s)
	}
	// Someone edits a file of the spare behind our back (same size): its
	// time changes, so it is rewritten, not trusted.
	spare := filepath.Join(parent, ".public.prev")
	os.WriteFile(filepath.Join(spare, "index.html"), []byte("XX"), 0o644)
	future := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(spare, "index.html"), future, future)
	s := map[string]string{"index.html": "v3", "a/b/index.html": "b3"}
	if err := Write(out, files(s)); err != nil {
		t.Fatal(err)
	}
	same(t, "after tampering", tree(t, out), s)
	// An update interrupted midway (its manifest gone) is rebuilt.
	os.Remove(filepath.Join(parent, ".public.prev.manifest"))
	os.WriteFile(filepath.Join(spare, "junk.html"), []byte("junk"), 0o644)
	s = map[string]string{"index.html": "v7", "z/index.html": "z7"}
	if err := Write(out, files(s)); err != nil {
		t.Fatal(err)
	}
	same(t, "after an interruption", tree(t, out), s)
	// A public/ that was not written by dossier is replaced, and never
	// reused as the spare.
	os.RemoveAll(out)
	os.Remove(filepath.Join(parent, ".public.manifest"))
	os.MkdirAll(filepath.Join(out, "theirs"), 0o755)
	os.WriteFile(filepath.Join(out, "theirs", "x.html"), []byte("theirs"), 0o644)
	s = map[string]string{"index.html": "v8"}
	if err := Write(out, files(s)); err != nil {
		t.Fatal(err)
	}
	same(t, "over a foreign folder", tree(t, out), s)
	entries, _ := os.ReadDir(parent)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Contains(strings.Join(names, " "), "theirs") || strings.Contains(strings.Join(names, " "), ".swap") {
		t.Errorf("left beside public: %v", names)
	}
	if err := Write(out, []File{{Path: "../escape.html", Data: []byte("x")}}); err == nil {
		t.Error("wrote outside the folder")
	}
}
