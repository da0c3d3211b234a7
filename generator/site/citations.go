package site

import (
	"fmt"
	"strings"
	"sync"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/quote"
	"github.com/dossier-ssg/dossier/generator/wdiff"
)

// The citations stage: every citation found in its source's text, with a
// cache of normalised blocks and matches carried between builds.

// Cache carries citation lookups from one build to the next (watch mode):
// the normalised text of each source block and the matches of each
// selector in each source. Entries are keyed by the immutable block and
// document, so they stay valid as long as the source file is unchanged;
// entries not used by a build are dropped by the next Advance. Graphs
// sharing one may be built at once.
type Cache struct {
	mu              sync.Mutex
	norm, oldNorm   map[*markdown.Block]quote.Normalized
	found, oldFound map[findKey][]*Passage
}

type findKey struct {
	src       *content.Doc
	sel       quote.Selector
	inSummary bool
}

// NewCache returns an empty cache.
func NewCache() *Cache {
	return &Cache{norm: map[*markdown.Block]quote.Normalized{}, found: map[findKey][]*Passage{}}
}

// Advance starts a new build: entries the last build did not use go.
func (c *Cache) Advance() {
	c.oldNorm, c.norm = c.norm, map[*markdown.Block]quote.Normalized{}
	c.oldFound, c.found = c.found, map[findKey][]*Passage{}
}

// recall returns what this build or the last one stored at k, carrying
// it into this build's map; it locks mu.
func recall[K comparable, V any](mu *sync.Mutex, cur, old map[K]V, k K) (V, bool) {
	mu.Lock()
	defer mu.Unlock()
	v, ok := cur[k]
	if !ok {
		if v, ok = old[k]; ok {
			cur[k] = v
		}
	}
	return v, ok
}

func (c *Cache) normalized(b *markdown.Block) quote.Normalized {
	n, ok := recall(&c.mu, c.norm, c.oldNorm, b)
	if ok {
		return n
	}
	n = quote.NormalizeText(b.Text)
	c.mu.Lock()
	c.norm[b] = n
	c.mu.Unlock()
	return n
}

// sourceBlocks returns the blocks of a source's text or summary.
func sourceBlocks(src *content.Doc, inSummary bool) []*markdown.Block {
	if inSummary {
		if src.Summary == nil {
			return nil
		}
		return src.Summary.Blocks
	}
	return src.MD.Blocks
}

// Find resolves a selector in a source; it returns every match.
func (s *Site) Find(src *content.Doc, sel quote.Selector, inSummary bool) []*Passage {
	k := findKey{src, sel, inSummary}
	c := s.cache
	if ps, ok := recall(&c.mu, c.found, c.oldFound, k); ok {
		return ps
	}
	var out []*Passage
	cs := quote.Compile(sel)
	for _, b := range sourceBlocks(src, inSummary) {
		for _, r := range cs.Find(s.cache.normalized(b)) {
			out = append(out, &Passage{Source: src, Block: b, Start: r.Start, End: r.End, InSummary: inSummary})
		}
	}
	c.mu.Lock()
	if ps, ok := c.found[k]; ok {
		out = ps // the other graph found it first: one set of passages
	} else {
		c.found[k] = out
	}
	c.mu.Unlock()
	return out
}

// closest returns the passage of src nearest to q, for a hint.
func closest(src *content.Doc, q string, inSummary bool) (string, string) {
	best, bestID, bestScore := "", "", 0.0
	for _, b := range sourceBlocks(src, inSummary) {
		w, score := quote.Closest(q, b.Text)
		if score > bestScore {
			best, bestID, bestScore = w, b.ID, score
		}
	}
	if bestScore < 0.3 {
		return "", ""
	}
	return best, bestID
}

// ownBody reports whether this graph reports the errors of d's body: an
// original's in the primary graph, a translation's own body in its
// language's graph.
func (s *Site) ownBody(d *content.Doc) bool {
	if s.Primary {
		return d.Orig == nil
	}
	return d.Orig != nil && d.MD != d.Orig.MD
}

// resolve verifies one citation and records it. report says whether its
// errors are this graph's to report (inherited ones are reported once, by
// the primary graph).
func (s *Site) resolve(d *content.Doc, c content.Cite, key CiteKey, inSummary, report bool) *Passage {
	diags := &s.Diags
	if !report {
		diags = &diag.List{}
	}
	pos := func() (int, int) {
		if c.Offset >= 0 {
			return d.Pos(c.Offset)
		}
		return d.Locate(c.Path)
	}
	src := s.ByKey["sources/"+c.Source]
	if src == nil {
		if c.Source == "" {
			return nil
		}
		line, col := pos()
		diags.Errorf(d.Path, line, col, hintFor(c.Source, s.sourceSlugs(), "sources"), "unknown source %q", c.Source)
		return nil
	}
	if c.Quote == "" {
		return nil
	}
	ps := s.Find(src, quote.Selector{Exact: c.Quote, Prefix: c.Prefix, Suffix: c.Suffix}, inSummary)
	if len(ps) == 0 {
		// Authors often wrap a quotation in quote marks that the source
		// does not have around it. (Only then is the quote normalised
		// to see: found, it need not be.)
		if inner, ok := quote.Unwrap(c.Quote); ok {
			ps = s.Find(src, quote.Selector{Exact: inner, Prefix: c.Prefix, Suffix: c.Suffix}, inSummary)
		}
	}
	switch {
	case len(ps) == 0:
		line, col := pos()
		diags.Errorf(d.Path, line, col, s.notFoundHint(src, c, inSummary), "quote not found in %s: %q", c.Source, c.Quote)
		return nil
	case len(ps) > 1:
		line, col := pos()
		diags.Errorf(d.Path, line, col, "quote more words, or add prefix: or suffix: to single out one place", "quote is ambiguous: %q occurs %d times in %s (%s)", c.Quote, len(ps), c.Source, strings.Join(places(ps), ", "))
		return nil
	}
	s.Resolved[key] = ps[0]
	return ps[0]
}

// notFoundHint says why a quote is not in its source: the closest
// passage with the words that differ marked, or that only the prefix or
// suffix is wrong.
func (s *Site) notFoundHint(src *content.Doc, c content.Cite, inSummary bool) string {
	hint := "copy the words exactly from the source; only whitespace, quote marks, dashes and ellipses may differ"
	if c.Prefix != "" || c.Suffix != "" {
		if len(s.Find(src, quote.Selector{Exact: c.Quote}, inSummary)) > 0 {
			hint = "the words are there, but not with this prefix/suffix next to them"
		}
	}
	if w, id := closest(src, c.Quote, inSummary); w != "" {
		hint = fmt.Sprintf("closest passage (#%s): %q ([-…-] is in the quote, {+…+} in the source)", id, markDiff(c.Quote, w))
	}
	return hint
}

// markDiff marks what differs, as wdiff does: [-the quote's words-] and
// {+the source's+}; long runs of equal words are shortened.
func markDiff(quoted, source string) string {
	var b strings.Builder
	parts := wdiff.Diff(quoted, source)
	for i, p := range parts {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		switch p.Op {
		case wdiff.Del:
			b.WriteString("[-" + p.Text + "-]")
		case wdiff.Ins:
			b.WriteString("{+" + p.Text + "+}")
		default:
			ws := strings.Fields(p.Text)
			switch {
			case len(ws) > 8 && i > 0 && i < len(parts)-1:
				p.Text = strings.Join(ws[:3], " ") + " … " + strings.Join(ws[len(ws)-3:], " ")
			case len(ws) > 4 && i == 0 && len(parts) > 1:
				p.Text = "… " + strings.Join(ws[len(ws)-4:], " ")
			case len(ws) > 4 && i == len(parts)-1 && len(parts) > 1:
				p.Text = strings.Join(ws[:4], " ") + " …"
			}
			b.WriteString(p.Text)
		}
	}
	return b.String()
}

// places lists the paragraphs a quote occurs in, each once (a quote may
// occur twice in one), at most five, and a count of the rest.
func places(ps []*Passage) []string {
	var ids []string
	seen := map[string]bool{}
	for _, p := range ps {
		if !seen[p.Block.ID] {
			seen[p.Block.ID] = true
			ids = append(ids, "#"+p.Block.ID)
		}
	}
	if len(ids) > 5 {
		ids = append(ids[:5], fmt.Sprintf("and %d more", len(ids)-5))
	}
	return ids
}

func (s *Site) verifyCitations() {
	for _, d := range s.Docs {
		if d.MD == nil || d.Failed || s.ByKey[d.KeyOf()] != d {
			continue
		}
		cited := map[string]bool{}
		note := func(src string) {
			if cited[src] || s.ByKey["sources/"+src] == nil || src == d.Slug && d.Kind == content.KindSource {
				return
			}
			cited[src] = true
			b := s.back("sources/" + src)
			b.CitedBy = append(b.CitedBy, d)
			// On the source's page, with the other documents of its
			// kind; a person's or organisation's page as a profile. An
			// annotation is there by what it annotates (annotations.go),
			// not by what its note cites.
			switch sp := content.SpecOf(d.Kind); {
			case sp != nil && sp.Entity:
				b.Profiles = append(b.Profiles, d)
			case d.Kind != content.KindAnnotation:
				b.add(d)
			}
		}
		for i, c := range d.Citations {
			s.resolve(d, c, CiteKey{d.Path, InFrontMatter, i}, false, s.Primary)
			note(c.Source)
		}
		for i, c := range d.Inline {
			s.resolve(d, c, CiteKey{d.Path, InBody, i}, false, s.ownBody(d))
			note(c.Source)
		}
		for i, c := range d.SummaryInline {
			s.resolve(d, c, CiteKey{d.Path, InSummary, i}, false, true)
			note(c.Source)
		}
		if d.Event != nil {
			for i, c := range d.Event.Variants {
				s.resolve(d, c, CiteKey{d.Path, InVariant, i}, false, s.Primary)
				note(c.Source)
			}
		}
	}
}
