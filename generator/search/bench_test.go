package search_test

import (
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/i18n"
	"github.com/dossier-ssg/dossier/generator/render"
	"github.com/dossier-ssg/dossier/generator/search"
)

// BenchmarkSearchFiles times what a build spends on search, per part:
// the units, the index, and both with previews.
func BenchmarkSearchFiles(b *testing.B) {
	res, err := build.Render(build.Options{SiteDir: "../.."})
	if err != nil {
		b.Fatal(err)
	}
	cfg := res.Site.Config
	ui, _ := i18n.Load(build.SiteFS("../.."), []string{"en", "zh"})
	var bs []*render.Builder
	for _, l := range cfg.Languages {
		bl := &render.Builder{MD: build.Markdown(), Site: res.Sites[l.Code], Lang: l, UI: ui[l.Code]}
		bl.Pages()
		bs = append(bs, bl)
	}
	b.Run("all", func(b *testing.B) {
		for b.Loop() {
			for _, bl := range bs {
				bl.SearchFiles(search.NewCache())
			}
		}
	})
	b.Run("units", func(b *testing.B) {
		for b.Loop() {
			for _, bl := range bs {
				bl.SearchUnits()
			}
		}
	})
	us := [][]search.Unit{bs[0].SearchUnits(), bs[1].SearchUnits()}
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			for _, u := range us {
				search.New(u).Files()
			}
		}
	})
}
