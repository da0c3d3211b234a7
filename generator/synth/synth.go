// Package synth writes synthetic dossiers of any size, for benchmarks:
// sources with paragraphs, people mentioned in them, and events citing
// them, as a txtar archive (-- path -- sections).
package synth

import (
	"fmt"
	"strings"

	"golang.org/x/tools/txtar"
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
// "-- name --" starts a file; text before the first such line is ignored,
// and so is a file whose name is blank. A later file of the same name
// replaces an earlier one. As txtar does, a last file that lacks a final
// newline is given one.
func Parse(archive string) map[string]string {
	files := map[string]string{}
	for _, f := range txtar.Parse([]byte(archive)).Files {
		if f.Name != "" {
			files[f.Name] = string(f.Data)
		}
	}
	return files
}

// Plain returns a site of about n pages that any generator builds the
// same way: a home page and n-1 posts (filed as sources, so dossier lists
// them on its sources page) with a title, a publisher, a date and a body
// of ordinary Markdown (headings, emphasis, links, lists, a block quote,
// inline code), and nothing dossier-specific: no people to mention, no
// citations, no wikilinks. cmd/dossier-bench builds it with dossier and
// with Hugo.
func Plain(n int) string {
	var s strings.Builder
	s.WriteString("-- content/_index.md --\n---\ntitle: Home\n---\nHome.\n")
	for i := 0; i < n-1; i++ {
		fmt.Fprintf(&s, "-- content/sources/post%d.md --\n---\ntitle: \"Post %d: notes on topic %d\"\npublisher: \"Press %d\"\ndate: \"%d-%02d-%02d\"\nkind: news-report\n---\n", i, i, i%97, i%13, 2015+i%10, i%12+1, i%28+1)
		fmt.Fprintf(&s, "This is post %d. It opens with *a few emphasised words*, then **some strong ones**, a [link to the archive](https://example.org/archive/%d/) and a little `inline code`, so that the Markdown parser has a bit of everything to do in the first paragraph.\n\n", i, i)
		fmt.Fprintf(&s, "## What happened in part %d\n\n", i%7)
		for p := 0; p < 3; p++ {
			fmt.Fprintf(&s, "Paragraph %d of post %d goes on for a while about topic %d, with plain sentences of ordinary length. It mentions nobody in particular and cites nothing; it is here so that each page carries a realistic amount of text to parse, render and write.\n\n", p, i, i%97)
		}
		fmt.Fprintf(&s, "- A first point about topic %d\n- A second point, with *emphasis*\n- A third point, with a [link](https://example.org/topics/%d/)\n\n", i%97, i%97)
		fmt.Fprintf(&s, "> A quoted passage from post %d, set apart from the text around it.\n\n", i)
		fmt.Fprintf(&s, "## What came of it\n\n1. The first consequence\n2. The second consequence\n3. The third consequence\n\nThe closing paragraph of post %d ends the page.\n", i)
	}
	return s.String()
}
