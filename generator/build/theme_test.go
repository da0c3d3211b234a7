package build_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// TestContentOnlySiteUsesDefaultTheme builds a site that has only
// content/: templates, stylesheet and strings come from the binary. The
// result is the same site the repository's own theme folders give.
func TestContentOnlySiteUsesDefaultTheme(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, small)
	out := filepath.Join(dir, "public")
	res, err := build.Build(build.Options{SiteDir: dir, OutDir: out, NoMinify: true})
	if err != nil {
		t.Fatal(err)
	}
	_, withTheme, res2, err := buildSite(t, small)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != res2.Pages || res.Static != res2.Static {
		t.Fatalf("%d pages, %d static; with the theme's folders %d, %d", res.Pages, res.Static, res2.Pages, res2.Static)
	}
	n := 0
	filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		a, _ := os.ReadFile(p)
		b, err := os.ReadFile(filepath.Join(withTheme, rel))
		if err != nil || string(a) != string(b) {
			t.Errorf("%s differs from the build with the repository's theme folders", rel)
		}
		n++
		return nil
	})
	if n < res.Pages {
		t.Errorf("compared %d files, fewer than the %d pages", n, res.Pages)
	}
}

// TestSiteFilesOverrideThemeFileByFile overrides one partial, the
// stylesheet and one string: those come from the site, the rest from the
// default theme.
func TestSiteFilesOverrideThemeFileByFile(t *testing.T) {
	dir := t.TempDir()
	sitetest.Write(t, dir, small+`
-- templates/partials/backlinks.html --
{{define "backlinks"}}<p class="mine">my backlinks</p>{{end}}
-- static/style.css --
body { color: teal }
-- static/extra.txt --
hello
`)
	theme, _ := fs.ReadFile(build.SiteFS(t.TempDir()), "templates/partials/backlinks.html")
	if !strings.Contains(string(theme), "define") {
		t.Fatalf("the default theme has no backlinks partial: %q", theme)
	}
	o := build.SiteFS(dir)
	for name, want := range map[string]string{
		"templates/partials/backlinks.html": "site",
		"templates/partials/cites.html":     "default theme",
		"templates/base.html":               "default theme",
		"static/style.css":                  "site",
		"content/i18n/zh.yaml":              "default theme",
		"templates/nope.html":               "",
	} {
		if got := o.Which(name); got != want {
			t.Errorf("%s comes from %q, want %q", name, got, want)
		}
	}
	es, err := fs.ReadDir(o, "templates/partials")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	if got := strings.Join(names, " "); got != "backlinks.html cites.html items.html toc.html" {
		t.Errorf("templates/partials lists %s", got)
	}
	out := filepath.Join(dir, "public")
	if _, err := build.Build(build.Options{SiteDir: dir, OutDir: out, NoMinify: true, NoFingerprint: true}); err != nil {
		t.Fatal(err)
	}
	sitetest.AssertFileContent(t, out, "style.css", "color: teal")
	sitetest.AssertFileContent(t, out, "extra.txt", "hello")
	if err := fstest.TestFS(o, "templates/base.html", "templates/partials/backlinks.html", "static/extra.txt"); err != nil {
		t.Error(err)
	}
}
