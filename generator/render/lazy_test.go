package render_test

import (
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/render"
)

// TestLazyPagesDrawWhenFilled: a one-shot build's builder (Lazy) leaves
// the index pages' pictures undrawn until each page is filled, just
// before its template runs, and draws them then as an eager builder
// does before any page is written; it records no page's dependencies
// beyond the few every page starts with (no next build reads them).
func TestLazyPagesDrawWhenFilled(t *testing.T) {
	dir := sitetest.CopySite(t, sitetest.RepoRoot(t))
	res, err := build.Render(build.Options{SiteDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	l := res.Site.Config.DefaultLanguage()
	ui, _ := i18n.Load(build.SiteFS(dir), []string{l.Code})
	pages := func(lazy bool) map[string]*render.Page {
		b := &render.Builder{MD: build.Markdown(), Site: res.Sites[l.Code], Lang: l, UI: ui[l.Code], Lazy: lazy}
		m := map[string]*render.Page{}
		for _, p := range b.Pages() {
			m[p.URL] = p
		}
		return m
	}
	eager, lazy := pages(false), pages(true)
	for _, u := range []string{"/timeline/", "/sources/", "/people/"} {
		e, z := eager[u], lazy[u]
		if e == nil || z == nil || e.Draw == nil {
			t.Fatalf("%s: no page, or no picture drawn before the pages are written", u)
		}
		if z.Draw != nil {
			t.Errorf("%s: a one-shot build drew its picture before its page was filled", u)
		}
		if len(z.Deps) > 2 || len(e.Deps) <= 2 {
			t.Errorf("%s: %d dependencies recorded by a one-shot build, %d by the preview server's", u, len(z.Deps), len(e.Deps))
		}
		z.Fill()
		if z.Draw == nil || *z.Draw != *e.Draw {
			t.Errorf("%s: filled, the page's picture is not the one drawn before the pages", u)
		}
	}
}
