package sitetest

import (
	"path/filepath"
	"testing"

	"github.com/dossier-ssg/dossier/generator/synth"
)

// Synthetic writes a site of about n pages (see synth.Archive).
func Synthetic(b testing.TB, n int) string {
	b.Helper()
	return NewSite(b, synth.Archive(n))
}

// CopySite copies a whole site (content, templates, static) to a
// temporary folder, so a test can edit it.
func CopySite(t testing.TB, root string) string {
	t.Helper()
	dir := t.TempDir()
	for _, sub := range []string{"content", "templates", "static"} {
		copyTree(t, filepath.Join(root, sub), filepath.Join(dir, sub))
	}
	return dir
}
