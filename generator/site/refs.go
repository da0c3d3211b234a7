package site

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/markdown"
)

// The references stage: entity references in front matter and links in
// bodies resolved, with backlinks recorded.

func hintFor(name string, cands []string, what string) string {
	if sug := diag.Suggest(name, cands); sug != "" {
		return fmt.Sprintf("did you mean %q?", sug)
	}
	if len(cands) > 12 {
		cands = cands[:12]
		return fmt.Sprintf("known %s include: %s, …", what, strings.Join(cands, ", "))
	}
	return fmt.Sprintf("known %s: %s", what, strings.Join(cands, ", "))
}

// resolveRefs checks entity references in front matter and links in
// bodies, and records backlinks.
func (s *Site) resolveRefs() {
	ents := s.entitySlugs()
	seen := map[string]bool{}
	for _, d := range s.Docs {
		if d.MD == nil || d.Failed || s.ByKey[d.KeyOf()] != d {
			continue
		}
		s.frontMatterRefs(d, ents)
		s.bodyLinks(d, seen)
	}
}

// frontMatterRefs checks the people and organisations d's front matter
// names (ents are their slugs, for hints) and records d on their pages:
// as authored, an event, a quote, or what a claim, quote, annotation or
// event is about.
func (s *Site) frontMatterRefs(d *content.Doc, ents []string) {
	if d.Source != nil {
		for _, name := range d.Source.Authors {
			if e := s.ResolveWiki(name); e != nil && e.Kind == content.KindPerson {
				b := s.back(e.KeyOf())
				b.Authored = append(b.Authored, d)
			}
		}
	}
	if d.Event != nil {
		for i, p := range d.Event.Participants {
			s.refEntity(d, p, []any{"participants", i}, ents, func(b *Backlinks) { b.Events = append(b.Events, d) })
		}
	}
	if d.Kind == content.KindQuote && d.Speaker != "" {
		s.refEntity(d, d.Speaker, []any{"speaker"}, ents, func(b *Backlinks) { b.Quotes = append(b.Quotes, d) })
	}
	for i, f := range d.Featured {
		s.refEntity(d, f, []any{"featured", i}, ents, func(*Backlinks) {})
	}
	for i, a := range d.About {
		s.refEntity(d, a, []any{"about", i}, ents, func(b *Backlinks) { b.add(d) })
	}
}

// refEntity records, with rel, d's reference to the entity slug at the
// front matter path p. An unknown slug is an error in the original
// language (a translation's references are the original's).
func (s *Site) refEntity(d *content.Doc, slug string, p []any, ents []string, rel func(*Backlinks)) {
	e := s.Entity(slug)
	if e == nil {
		if !s.Primary {
			return
		}
		s.errAt(d, p, hintFor(slug, ents, "people and organisations"), "unknown person or organisation %q", slug)
		return
	}
	rel(s.back(e.KeyOf()))
}

// bodyLinks resolves d's wikilinks and Markdown links, reporting the
// ambiguous, unknown and broken ones of a body d owns, and records d as
// linking to each target once (seen holds the pairs recorded).
func (s *Site) bodyLinks(d *content.Doc, seen map[string]bool) {
	for _, w := range d.MD.Wikis {
		t := s.ResolveWiki(w.Target)
		if all := s.wikiMatches(w.Target); len(all) > 1 {
			if s.ownBody(d) {
				line, col := d.Pos(w.Offset)
				s.Diags.Errorf(d.Path, line, col, "name the kind: [["+strings.Join(all, "]] or [[")+"]]", "ambiguous link [[%s]]: it names %s", w.Target, strings.Join(all, " and "))
			}
			continue
		}
		if t == nil {
			if !s.ownBody(d) {
				continue
			}
			line, col := d.Pos(w.Offset)
			s.Diags.Errorf(d.Path, line, col, s.wikiHint(w.Target), "unknown link target [[%s]]", w.Target)
			continue
		}
		s.linkedFrom(d, t, seen)
	}
	for _, l := range d.MD.MdLinks {
		dest := string(l.Destination)
		t := s.ResolvePath(d, dest)
		if t == nil {
			if !s.ownBody(d) {
				continue
			}
			line, col := d.Pos(markdown.InlineOffset(l))
			s.Diags.Errorf(d.Path, line, col, s.pathHint(d, dest), "broken link to %q: no such content file", dest)
			continue
		}
		s.linkedFrom(d, t, seen)
	}
}

// linkedFrom records that d links to t, once per pair, never a page's
// link to itself.
func (s *Site) linkedFrom(d, t *content.Doc, seen map[string]bool) {
	key := d.KeyOf() + ">" + t.KeyOf()
	if !seen[key] && t != d {
		seen[key] = true
		b := s.back(t.KeyOf())
		b.LinkedFrom = append(b.LinkedFrom, d)
	}
}

// ResolveWiki finds the document a wikilink names: by kind/slug, by slug,
// or by title, name or alias (case-insensitive). A fragment is ignored.
func (s *Site) ResolveWiki(target string) *content.Doc {
	t := target
	if i := strings.IndexByte(t, '#'); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSuffix(strings.TrimSpace(t), ".md")
	if d := s.ByKey[t]; d != nil {
		return d
	}
	if d := s.ByKey["pages/"+t]; d != nil {
		return d
	}
	for _, k := range append(content.EntityKinds(), content.Kinds...) {
		if d := s.ByKey[string(k)+"/"+t]; d != nil {
			return d
		}
	}
	return s.byName[strings.ToLower(t)]
}

// wikiMatches lists the documents of different kinds a bare slug names
// (a person and an organisation both called sam-altman): such a link is
// ambiguous rather than a silent pick of one.
func (s *Site) wikiMatches(target string) []string {
	t := target
	if i := strings.IndexByte(t, '#'); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSuffix(strings.TrimSpace(t), ".md")
	if strings.Contains(t, "/") {
		return nil
	}
	var out []string
	for _, k := range append([]content.Kind{content.KindPage}, content.Kinds...) {
		if s.ByKey[string(k)+"/"+t] != nil {
			out = append(out, string(k)+"/"+t)
		}
	}
	return out
}

func (s *Site) wikiHint(target string) string {
	var cands []string
	for k, d := range s.ByKey {
		cands = append(cands, k, d.Slug)
		if d.Title != "" {
			cands = append(cands, d.Title)
		}
	}
	sort.Strings(cands)
	if sug := diag.Suggest(target, cands); sug != "" {
		return fmt.Sprintf("did you mean [[%s]]?", sug)
	}
	return "link by kind/slug ([[people/sam-altman]]), by slug ([[sam-altman]]) or by title ([[Sam Altman]])"
}

// ResolvePath finds the document a relative .md link from d points at.
func (s *Site) ResolvePath(d *content.Doc, dest string) *content.Doc {
	p := dest
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	rel := path.Clean(path.Join(path.Dir(d.Rel), p))
	if x := s.byRel[rel]; x != nil && s.ByKey[x.KeyOf()] == x {
		return x
	}
	return nil
}

func (s *Site) pathHint(d *content.Doc, dest string) string {
	var cands []string
	for _, x := range s.Docs {
		if r, err := relPath(path.Dir(d.Rel), x.Rel); err == nil {
			cands = append(cands, r)
		}
	}
	if sug := diag.Suggest(dest, cands); sug != "" {
		return fmt.Sprintf("did you mean %q?", sug)
	}
	return "paths are relative to this file, e.g. ../people/sam-altman.md"
}

func relPath(from, to string) (string, error) {
	if from == "." {
		return to, nil
	}
	up := strings.Count(from, "/") + 1
	return strings.Repeat("../", up) + to, nil
}
