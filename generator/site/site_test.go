package site_test

// Each stage of the graph, tested on a graph built from a txtar site
// without templates or the rest of the pipeline: a failure points at the
// stage, not at a whole build.

import (
	"sort"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/site"
	"github.com/dossier-ssg/dossier/generator/synth"
)

var md = markdown.New()

// graph parses the archive's content files (originals only) and builds
// the default language's graph.
func graph(t *testing.T, archive string) *site.Site {
	t.Helper()
	files := synth.Parse(archive)
	var diags diag.List
	var cfgSrc []byte
	if y, ok := files["content/site.yaml"]; ok {
		cfgSrc = []byte(y)
	}
	cfg := site.ParseConfig(cfgSrc, &diags)
	if diags.HasErrors() {
		t.Fatalf("config: %s", diags)
	}
	var names []string
	for name := range files {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var docs []*content.Doc
	for _, name := range names {
		docs = append(docs, content.Parse(md, strings.TrimPrefix(name, "content/"), []byte(files[name])))
	}
	return site.Build(cfg, cfg.DefaultLanguage().Code, docs, nil)
}

// errs returns the graph's errors as "file:line: message" lines.
func errs(s *site.Site) []string {
	var out []string
	for _, d := range s.Diags.Errors() {
		out = append(out, d.String())
	}
	return out
}

func wantErr(t *testing.T, s *site.Site, subs ...string) {
	t.Helper()
	all := strings.Join(errs(s), "\n")
	for _, sub := range subs {
		if !strings.Contains(all, sub) {
			t.Errorf("errors lack %q; have:\n%s", sub, all)
		}
	}
}

func noErr(t *testing.T, s *site.Site) {
	t.Helper()
	if e := errs(s); len(e) > 0 {
		t.Fatalf("unexpected errors:\n%s", strings.Join(e, "\n"))
	}
}

const base = `
-- content/_index.md --
---
title: Home
---
Home.
-- content/sources/paper.md --
---
title: The Paper
publisher: Daily Planet
published: "2015-05"
kind: news-report
---
Ada Lovelace met Charles Babbage in London. Lovelace wrote the first program.

## Later

Babbage built engines. [Lovelace](https://example.com/ada) kept writing, and Ada Lovelace wrote notes.

Babbage built engines again.
-- content/people/ada-lovelace.md --
---
name: Ada Lovelace
aliases: [Lovelace]
---
Ada.
-- content/people/charles-babbage.md --
---
name: Charles Babbage
aliases: [Babbage]
---
Charles.
`

func TestIndex(t *testing.T) {
	s := graph(t, base+`
-- content/people/countess.md --
---
name: The Countess
aliases: [Lovelace]
---
Also Lovelace?
`)
	wantErr(t, s, `content/people/countess.md:3:11: alias "Lovelace" is also an alias of people/ada-lovelace`)
	if s.Home == nil || s.Home.Slug != "_index" {
		t.Error("no home page")
	}
	if got := len(s.ByKind[content.KindPerson]); got != 3 {
		t.Errorf("%d people, want 3", got)
	}
	if s.Entity("charles-babbage") == nil || s.Entity("nobody") != nil {
		t.Error("Entity looks up people by slug")
	}
}

func TestReferences(t *testing.T) {
	s := graph(t, base+`
-- content/events/meeting.md --
---
title: They meet
date: "2015-05-21"
participants: [ada-lovelace, charles-babage]
citations:
  - source: paper
    quote: Ada Lovelace met Charles Babbage
---
See [[Lovelace]], [[people/charles-babbage|him]], [[nobody-at-all]] and [the paper](../sources/paper.md) and [a ghost](../sources/ghost.md).
`)
	wantErr(t, s,
		`content/events/meeting.md:4:30: unknown person or organisation "charles-babage"`, `did you mean "charles-babbage"?`,
		`unknown link target [[nobody-at-all]]`,
		`broken link to "../sources/ghost.md": no such content file`,
	)
	// By alias, by kind/slug; unknown ones resolve to nothing.
	if d := s.ResolveWiki("Lovelace"); d == nil || d.Slug != "ada-lovelace" {
		t.Errorf("[[Lovelace]] → %v", d)
	}
	if d := s.ResolveWiki("people/charles-babbage#later"); d == nil || d.Slug != "charles-babbage" {
		t.Errorf("[[people/charles-babbage#later]] → %v", d)
	}
	ev := s.ByKey["events/meeting"]
	if d := s.ResolvePath(ev, "../sources/paper.md#p-x"); d == nil || d.Slug != "paper" {
		t.Errorf("relative path → %v", d)
	}
	// Backlinks: the participant that exists, the documents linked.
	if b := s.Back["people/ada-lovelace"]; b == nil || len(b.Events) != 1 || len(b.LinkedFrom) != 1 {
		t.Errorf("ada's backlinks: %+v", b)
	}
	if b := s.Back["sources/paper"]; b == nil || len(b.LinkedFrom) != 1 || len(b.Events) != 1 || len(b.CitedBy) != 1 {
		t.Errorf("paper's backlinks: %+v", b)
	}
}

func TestCitations(t *testing.T) {
	s := graph(t, base+`
-- content/events/meeting.md --
---
title: They meet
date: "2015-05-21"
citations:
  - source: paper
    quote: "“Ada Lovelace met   Charles Babbage”"
  - source: paper
    quote: Babbage built engines
  - source: paper
    quote: Babbage built engines
    suffix: again
  - source: paper
    quote: Ada Lovelace met Charles Cabbage
  - source: papers
    quote: anything
---
They met.[@paper: Lovelace wrote the first program]
`)
	wantErr(t, s,
		`quote is ambiguous: "Babbage built engines" occurs 2 times in paper (#p-babbage-built-engines-lovelace-kept-writing, #p-babbage-built-engines-again)`,
		`quote not found in paper: "Ada Lovelace met Charles Cabbage"`, `closest passage (#p-ada-lovelace-met-charles-babbage-in)`,
		`content/events/meeting.md:15:12: unknown source "papers"`, `did you mean "paper"?`,
	)
	ev := s.ByKey["events/meeting"]
	// Quote marks around a quotation, and runs of spaces, are forgiven;
	// the passage is the source's own words.
	p := s.Passage(ev, site.InFrontMatter, 0)
	if p == nil || p.Text() != "Ada Lovelace met Charles Babbage" || p.Block.ID != "p-ada-lovelace-met-charles-babbage-in" {
		t.Fatalf("citation 0 → %+v", p)
	}
	// A suffix singles out one of two places.
	if p := s.Passage(ev, site.InFrontMatter, 2); p == nil || p.Block.ID != "p-babbage-built-engines-again" {
		t.Errorf("suffix: %+v", p)
	}
	if p := s.Passage(ev, site.InBody, 0); p == nil || p.Text() != "Lovelace wrote the first program" {
		t.Errorf("inline: %+v", p)
	}
	for _, i := range []int{1, 3, 4} {
		if p := s.Passage(ev, site.InFrontMatter, i); p != nil {
			t.Errorf("citation %d resolved though it is an error: %+v", i, p)
		}
	}
}

func TestMentions(t *testing.T) {
	s := graph(t, base)
	noErr(t, s)
	src := s.ByKey["sources/paper"]
	var linked []string
	for _, b := range src.MD.Blocks {
		for _, m := range s.Linked[b] {
			linked = append(linked, b.ID+":"+b.Text[m.Start:m.End])
		}
	}
	// The first mention of each entity per section, never in a link or a
	// heading; the longest alias wins ("Ada Lovelace", not "Lovelace").
	want := []string{
		"p-ada-lovelace-met-charles-babbage-in:Ada Lovelace",
		"p-ada-lovelace-met-charles-babbage-in:Charles Babbage",
		"p-babbage-built-engines-lovelace-kept-writing:Babbage",
		"p-babbage-built-engines-lovelace-kept-writing:Ada Lovelace",
	}
	if strings.Join(linked, "|") != strings.Join(want, "|") {
		t.Errorf("linked mentions:\n got %v\nwant %v", linked, want)
	}
	// Backlinks count one entry per passage, however many mentions it has.
	if b := s.Back["people/ada-lovelace"]; b == nil || len(b.MentionedIn) != 2 {
		t.Errorf("ada mentioned in %+v", b)
	}
	if got := len(s.Mentions["people/ada-lovelace"]); got != 4 {
		t.Errorf("ada has %d mentions, want 4 (two per paragraph, the one inside a link included)", got)
	}
}

func TestAnnotations(t *testing.T) {
	s := graph(t, base+`
-- content/annotations/b-later.md --
---
source: paper
exact: built engines again
type: context
---
Second.
-- content/annotations/a-first.md --
---
source: paper
exact: the first program
type: context
---
First.
-- content/annotations/c-ghost.md --
---
source: ghost
exact: anything
type: context
---
Nowhere.
-- content/annotations/d-summary.md --
---
source: paper
exact: anything
in: summary
type: context
---
No summary.
`)
	wantErr(t, s,
		`content/annotations/c-ghost.md:2:9: unknown source "ghost"`,
		`content/annotations/d-summary.md:4:5: paper has no summary to annotate`,
	)
	notes := s.Notes["sources/paper"]
	if len(notes) != 2 {
		t.Fatalf("%d placements, want 2", len(notes))
	}
	// Numbered in reading order, not by file name.
	if notes[0].Doc.Slug != "a-first" || notes[0].Number != 1 || notes[1].Doc.Slug != "b-later" || notes[1].Number != 2 {
		t.Errorf("order: %s #%d, %s #%d", notes[0].Doc.Slug, notes[0].Number, notes[1].Doc.Slug, notes[1].Number)
	}
	if got := notes[1].Passage.Text(); got != "built engines again" {
		t.Errorf("placement text %q", got)
	}
	if b := s.Back["sources/paper"]; b == nil || len(b.Annotations) != 2 {
		t.Errorf("paper's annotation backlinks: %+v", b)
	}
}

func TestBacklinksSortedByDateAndDeduplicated(t *testing.T) {
	s := graph(t, base+`
-- content/events/late.md --
---
title: Late
date: "2016"
participants: [ada-lovelace]
about: [ada-lovelace]
citations:
  - source: paper
    quote: Lovelace wrote the first program
---
Late.
-- content/events/early.md --
---
title: Early
date: "2015-05-21"
participants: [ada-lovelace]
citations:
  - source: paper
    quote: Ada Lovelace met Charles Babbage
---
Early.
`)
	noErr(t, s)
	b := s.Back["people/ada-lovelace"]
	if b == nil || len(b.Events) != 2 || b.Events[0].Slug != "early" || b.Events[1].Slug != "late" {
		t.Fatalf("ada's events: %+v", b)
	}
}

func TestFeaturedAreEntities(t *testing.T) {
	s := graph(t, strings.Replace(base, "title: Home\n", "title: Home\nfeatured: [ada-lovelace, charles-babage]\n", 1))
	wantErr(t, s, `content/_index.md:3:26: unknown person or organisation "charles-babage"`)
	if got := strings.Join(s.Home.Featured, ","); got != "ada-lovelace,charles-babage" {
		t.Errorf("featured: %s", got)
	}
}
