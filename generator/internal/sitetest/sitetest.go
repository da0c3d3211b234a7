// Package sitetest builds small sites from txtar strings for tests, in
// the manner of Hugo's integration tests: a whole site in one string,
// assertions on the files it writes.
package sitetest

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/synth"
)

// Parse splits a txtar archive into file names and contents (see
// synth.Parse).
func Parse(archive string) map[string]string { return synth.Parse(archive) }

// Write writes the archive's files under dir.
func Write(t testing.TB, dir, archive string) {
	t.Helper()
	for name, body := range Parse(archive) {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// RepoRoot returns the repository root (the folder holding go.mod).
func RepoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..")
}

// NewSite makes a site folder with the repository's templates and static
// files and the archive's files on top (content, or template overrides).
func NewSite(t testing.TB, archive string) string {
	t.Helper()
	dir := t.TempDir()
	root := RepoRoot(t)
	for _, sub := range []string{"templates", "static", "content/i18n"} {
		copyTree(t, filepath.Join(root, sub), filepath.Join(dir, sub))
	}
	Write(t, dir, archive)
	return dir
}

// CopyTree copies a folder and everything in it.
func CopyTree(t testing.TB, from, to string) { copyTree(t, from, to) }

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.Walk(from, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if info.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// AssertFileContent fails unless the file under dir contains every
// substring (a leading "! " asserts absence).
func AssertFileContent(t testing.TB, dir, name string, subs ...string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	s := string(b)
	for _, sub := range subs {
		if strings.HasPrefix(sub, "! ") {
			if strings.Contains(s, sub[2:]) {
				t.Errorf("%s: should not contain %q", name, sub[2:])
			}
			continue
		}
		if !strings.Contains(s, sub) {
			t.Errorf("%s: missing %q", name, sub)
		}
	}
}
