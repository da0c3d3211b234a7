package build_test

import (
	"path/filepath"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// BenchmarkBuildDossier is a full build of the shipped dossier, in memory
// (parse, graph, verify citations, render); output writing is excluded
// so the figure does not measure the disk.
func BenchmarkBuildDossier(b *testing.B) {
	root := sitetest.RepoRoot(b)
	for b.Loop() {
		if _, err := build.Render(build.Options{SiteDir: root}); err != nil {
			b.Fatal(err)
		}
	}
}

func benchSynthetic(b *testing.B, n int) {
	dir := sitetest.Synthetic(b, n)
	out := filepath.Join(dir, "public")
	var pages int
	for b.Loop() {
		res, err := build.Build(build.Options{SiteDir: dir, OutDir: out})
		if err != nil {
			b.Fatal(err)
		}
		pages = res.Pages
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(pages), "µs/page")
}

func BenchmarkBuildSynthetic1000(b *testing.B)  { benchSynthetic(b, 1000) }
func BenchmarkBuildSynthetic10000(b *testing.B) { benchSynthetic(b, 10000) }

// BenchmarkRenderSynthetic10000 is the 10,000-page build without the
// disk: what the generator itself costs, apart from the file system.
func BenchmarkRenderSynthetic10000(b *testing.B) {
	dir := sitetest.Synthetic(b, 10000)
	for b.Loop() {
		if _, err := build.Render(build.Options{SiteDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
