package build_test

import (
	"fmt"
	"path/filepath"
	"strings"
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

// Synthetic writes a site of about n pages: sources with paragraphs,
// people mentioned in them, and events citing them.
func Synthetic(b testing.TB, n int) string {
	var s strings.Builder
	s.WriteString("-- content/_index.md --\n---\ntitle: Home\n---\nHome.\n")
	sources := n/10 + 1
	people := n / 5
	for i := 0; i < sources; i++ {
		fmt.Fprintf(&s, "-- content/sources/s%d.md --\n---\ntitle: Source %d\npublisher: P\npublished: \"2020-01\"\nkind: news-report\n---\n", i, i)
		for p := 0; p < 20; p++ {
			fmt.Fprintf(&s, "Paragraph %d of source %d mentions Person%d and Person%d, who met in city %d-%d.\n\n", p, i, (i*20+p)%people, (i*7+p)%people, i, p)
		}
	}
	for i := 0; i < people; i++ {
		fmt.Fprintf(&s, "-- content/people/p%d.md --\n---\nname: Person%d\nrole: Someone\n---\nA person.\n", i, i)
	}
	for i := 0; i < n-sources-people; i++ {
		src := i % sources
		fmt.Fprintf(&s, "-- content/events/e%d.md --\n---\ntitle: Event %d\ndate: \"2020-01-%02d\"\nparticipants: [p%d]\ncitations:\n  - source: s%d\n    quote: \"who met in city %d-%d.\"\n---\nSomething happened.[@s%d: Paragraph %d of source %d mentions]\n", i, i, i%28+1, i%people, src, src, i%20, src, i%20, src)
	}
	dir := sitetest.NewSite(b, s.String())
	return dir
}

func benchSynthetic(b *testing.B, n int) {
	dir := Synthetic(b, n)
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
	dir := Synthetic(b, 10000)
	for b.Loop() {
		if _, err := build.Render(build.Options{SiteDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
