package sitetest

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// Synthetic writes a site of about n pages: sources with paragraphs,
// people mentioned in them, and events citing them.
func Synthetic(b testing.TB, n int) string {
	b.Helper()
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
	dir := NewSite(b, s.String())
	return dir
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
