// Package synth writes synthetic dossiers of any size, for benchmarks:
// sources with paragraphs, people mentioned in them, and events citing
// them, as a txtar archive (-- path -- sections).
package synth

import (
	"fmt"
	"strings"
)

// Archive returns a site of about n pages.
func Archive(n int) string {
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
	return s.String()
}

// Parse splits a txtar archive into file names and contents. A line
// "-- name --" starts a file; text before the first such line is ignored.
func Parse(archive string) map[string]string {
	files := map[string]string{}
	var name string
	var b strings.Builder
	flush := func() {
		if name != "" {
			files[name] = b.String()
		}
		b.Reset()
	}
	for _, line := range strings.SplitAfter(archive, "\n") {
		t := strings.TrimRight(line, "\n")
		if strings.HasPrefix(t, "-- ") && strings.HasSuffix(t, " --") && len(t) > 6 {
			flush()
			name = strings.TrimSpace(t[3 : len(t)-3])
			continue
		}
		if name != "" {
			b.WriteString(line)
		}
	}
	flush()
	return files
}
