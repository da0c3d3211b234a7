// Package site builds the site graph from parsed documents: it indexes
// documents by kind and slug, resolves links and entity references,
// verifies every citation against its source's text, finds entity
// mentions in source texts, places annotations, and gathers backlinks.
// Templates read the graph; they never compute it.
package site

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/quote"
)

// Site is the graph of a whole dossier.
type Site struct {
	Config Config
	// Lang is the language of this graph's pages. The primary graph, in
	// the default language, reports every content error; a translated
	// graph reports only the errors of its translation files.
	Lang    string
	Primary bool
	Docs    []*content.Doc          // every document, sorted by path
	ByKey   map[string]*content.Doc // "people/sam-altman" → original-language doc
	ByKind  map[content.Kind][]*content.Doc
	Home    *content.Doc

	// Resolved citations, keyed by the cited Cite's identity.
	Resolved map[CiteKey]*Passage
	// Mentions of each entity in source texts, keyed by entity key.
	Mentions map[string][]Mention
	// Linked marks the mentions that get a link in the source text.
	Linked map[*markdown.Block][]Mention
	// Placements of annotations in their sources, keyed by source key.
	Notes map[string][]*Placement
	// Back holds the backlinks of each document, keyed by document key.
	Back map[string]*Backlinks

	Diags diag.List

	cache  *Cache
	byRel  map[string]*content.Doc
	byName map[string]*content.Doc // lower-case title, name or alias
}

// CiteKey identifies one citation: the citing document's path, whether
// it is inline, a front-matter citation or a date variant, and its index.
type CiteKey struct {
	Path  string
	Where string // "fm", "inline", "variant"
	Index int
}

// Passage is a verified location in a source.
type Passage struct {
	Source     *content.Doc
	Block      *markdown.Block
	Start, End int // byte range in Block.Text
	InSummary  bool
}

// Text returns the quoted words as the source has them.
func (p *Passage) Text() string { return p.Block.Text[p.Start:p.End] }

// Mention is one occurrence of an entity's name or alias in a source.
type Mention struct {
	Entity     *content.Doc
	Source     *content.Doc
	Block      *markdown.Block
	Start, End int
	Linked     bool
}

// Placement is an annotation resolved to its passage.
type Placement struct {
	Doc     *content.Doc
	Passage *Passage
	Number  int // 1-based, in reading order within the source
}

// Backlinks are the documents that point at one document, by relation.
type Backlinks struct {
	MentionedIn []Mention      // entity: source passages naming it
	Events      []*content.Doc // entity: events it took part in; source: events citing it
	Quotes      []*content.Doc // entity: quotes it said or concerning it; source: quote versions from it
	Claims      []*content.Doc // claims about the entity, or citing the source
	Annotations []*content.Doc // annotations about the entity, or on the source
	LinkedFrom  []*content.Doc // documents linking here by wikilink or path
	CitedBy     []*content.Doc // documents citing this source (any kind)
	Profiles    []*content.Doc // source: people and organisation pages citing it
	Authored    []*content.Doc // person: the sources they wrote
}

// Cache carries citation lookups from one build to the next (watch mode):
// the normalised text of each source block and the matches of each
// selector in each source. Entries are keyed by the immutable block and
// document, so they stay valid as long as the source file is unchanged;
// entries not used by a build are dropped by the next Advance.
type Cache struct {
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

func (c *Cache) normalized(b *markdown.Block) quote.Normalized {
	if n, ok := c.norm[b]; ok {
		return n
	}
	n, ok := c.oldNorm[b]
	if !ok {
		n = quote.Normalize(b.Text)
	}
	c.norm[b] = n
	return n
}

// Build makes the graph of one language. docs are the documents its
// pages show: the originals for the default language; for another,
// localized documents (content.Localize) where a translation exists and
// originals elsewhere. cache, which may be nil, carries citation lookups
// between builds; graphs sharing one must be built one after the other.
func Build(cfg Config, lang string, docs []*content.Doc, cache *Cache) *Site {
	if cache == nil {
		cache = NewCache()
	}
	s := &Site{
		cache:    cache,
		Config:   cfg,
		Lang:     lang,
		Primary:  lang == cfg.DefaultLanguage().Code,
		ByKey:    map[string]*content.Doc{},
		ByKind:   map[content.Kind][]*content.Doc{},
		Resolved: map[CiteKey]*Passage{},
		Mentions: map[string][]Mention{},
		Linked:   map[*markdown.Block][]Mention{},
		Notes:    map[string][]*Placement{},
		Back:     map[string]*Backlinks{},
		byRel:    map[string]*content.Doc{},
		byName:   map[string]*content.Doc{},
	}
	s.Docs = append(s.Docs, docs...)
	sort.Slice(s.Docs, func(i, j int) bool { return s.Docs[i].Path < s.Docs[j].Path })
	for _, d := range s.Docs {
		if s.Primary || d.Orig != nil {
			s.Diags = append(s.Diags, d.Diags...)
		}
	}
	s.index()
	s.resolveRefs()
	s.verifyCitations()
	s.findMentions()
	s.placeAnnotations()
	s.sortBacklinks()
	return s
}

func (s *Site) back(key string) *Backlinks {
	b := s.Back[key]
	if b == nil {
		b = &Backlinks{}
		s.Back[key] = b
	}
	return b
}

func (s *Site) index() {
	first := map[string]*content.Doc{}
	for _, d := range s.Docs {
		if d.MD == nil || d.Draft {
			continue
		}
		k := d.KeyOf()
		if prev, dup := first[k]; dup {
			line, col := 1, 1
			s.Diags.Errorf(d.Path, line, col, "rename one of the files; slugs come from file names and must be unique within a kind", "duplicate slug %q: %s already uses it", k, prev.Path)
			continue
		}
		first[k] = d
		s.ByKey[k] = d
		s.byRel[d.Rel] = d
		for _, n := range names(d) {
			if _, taken := s.byName[strings.ToLower(n)]; !taken && n != "" {
				s.byName[strings.ToLower(n)] = d
			}
		}
		if d.Failed {
			continue
		}
		s.ByKind[d.Kind] = append(s.ByKind[d.Kind], d)
		if d.Kind == content.KindPage && d.Slug == "_index" {
			s.Home = d
		}
	}
	// Aliases must name one entity each, or mentions and links by name
	// would be guesswork. A translated graph checks its translations' own
	// names and aliases, reported in the translation files.
	owner := map[string]*content.Doc{}
	for _, k := range []content.Kind{content.KindPerson, content.KindOrganization} {
		for _, d := range s.ByKind[k] {
			if !s.Primary && d.Orig == nil {
				continue
			}
			for i, a := range append([]string{d.Entity.Name}, d.Entity.Aliases...) {
				if prev, ok := owner[a]; ok && prev != d {
					p := []any{"aliases", i - 1}
					if i == 0 {
						p = []any{"name"}
					}
					s.errAt(d, p, fmt.Sprintf("remove it from one of the two, or make it longer (%q is %s's)", a, prev.Path), "alias %q is also an alias of %s", a, prev.KeyOf())
					continue
				}
				owner[a] = d
			}
		}
	}
}

// errAt reports an error at a front-matter path of d. The graph keeps its
// own diagnostics: documents are shared between builds and never changed.
func (s *Site) errAt(d *content.Doc, p []any, hint, format string, args ...any) {
	line, col := d.Locate(p)
	s.Diags.Errorf(d.Path, line, col, hint, format, args...)
}

// Entity returns the person or organisation with the given slug.
func (s *Site) Entity(slug string) *content.Doc {
	if d := s.ByKey["people/"+slug]; d != nil {
		return d
	}
	return s.ByKey["organizations/"+slug]
}

func (s *Site) entitySlugs() []string {
	var out []string
	for _, k := range []content.Kind{content.KindPerson, content.KindOrganization} {
		for _, d := range s.ByKind[k] {
			out = append(out, d.Slug)
		}
	}
	return out
}

func (s *Site) sourceSlugs() []string {
	var out []string
	for _, d := range s.ByKind[content.KindSource] {
		out = append(out, d.Slug)
	}
	return out
}

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
		checkEntity := func(slug string, p []any, rel func(*Backlinks)) {
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
				checkEntity(p, []any{"participants", i}, func(b *Backlinks) { b.Events = append(b.Events, d) })
			}
		}
		if d.Kind == content.KindQuote && d.Speaker != "" {
			checkEntity(d.Speaker, []any{"speaker"}, func(b *Backlinks) { b.Quotes = append(b.Quotes, d) })
		}
		for i, a := range d.About {
			checkEntity(a, []any{"about", i}, func(b *Backlinks) {
				switch d.Kind {
				case content.KindClaim:
					b.Claims = append(b.Claims, d)
				case content.KindQuote:
					b.Quotes = append(b.Quotes, d)
				case content.KindAnnotation:
					b.Annotations = append(b.Annotations, d)
				case content.KindEvent:
					b.Events = append(b.Events, d)
				}
			})
		}
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
			key := d.KeyOf() + ">" + t.KeyOf()
			if !seen[key] && t != d {
				seen[key] = true
				b := s.back(t.KeyOf())
				b.LinkedFrom = append(b.LinkedFrom, d)
			}
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
			key := d.KeyOf() + ">" + t.KeyOf()
			if !seen[key] && t != d {
				seen[key] = true
				b := s.back(t.KeyOf())
				b.LinkedFrom = append(b.LinkedFrom, d)
			}
		}
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
	for _, k := range append([]content.Kind{content.KindPerson, content.KindOrganization}, content.Kinds...) {
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
	if ps, ok := s.cache.found[k]; ok {
		return ps
	}
	if ps, ok := s.cache.oldFound[k]; ok {
		s.cache.found[k] = ps
		return ps
	}
	var out []*Passage
	cs := quote.Compile(sel)
	for _, b := range sourceBlocks(src, inSummary) {
		for _, r := range cs.Find(s.cache.normalized(b)) {
			out = append(out, &Passage{Source: src, Block: b, Start: r.Start, End: r.End, InSummary: inSummary})
		}
	}
	s.cache.found[k] = out
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
	if inner, ok := quote.Unwrap(c.Quote); len(ps) == 0 && ok {
		// Authors often wrap a quotation in quote marks that the source
		// does not have around it.
		ps = s.Find(src, quote.Selector{Exact: inner, Prefix: c.Prefix, Suffix: c.Suffix}, inSummary)
	}
	switch {
	case len(ps) == 0:
		line, col := pos()
		hint := "copy the words exactly from the source; only whitespace, quote marks, dashes and ellipses may differ"
		if c.Prefix != "" || c.Suffix != "" {
			if len(s.Find(src, quote.Selector{Exact: c.Quote}, inSummary)) > 0 {
				hint = "the words are there, but not with this prefix/suffix next to them"
			}
		}
		if w, id := closest(src, c.Quote, inSummary); w != "" {
			hint = fmt.Sprintf("closest passage (#%s): %q", id, w)
		}
		diags.Errorf(d.Path, line, col, hint, "quote not found in %s: %q", c.Source, c.Quote)
		return nil
	case len(ps) > 1:
		line, col := pos()
		var ids []string
		for _, p := range ps {
			ids = append(ids, "#"+p.Block.ID)
		}
		diags.Errorf(d.Path, line, col, "quote more words, or add prefix: or suffix: to single out one place", "quote is ambiguous: %q occurs %d times in %s (%s)", c.Quote, len(ps), c.Source, strings.Join(ids, ", "))
		return nil
	}
	s.Resolved[key] = ps[0]
	return ps[0]
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
			switch d.Kind {
			case content.KindEvent:
				b.Events = append(b.Events, d)
			case content.KindClaim:
				b.Claims = append(b.Claims, d)
			case content.KindQuote:
				b.Quotes = append(b.Quotes, d)
			case content.KindPerson, content.KindOrganization:
				b.Profiles = append(b.Profiles, d)
			}
		}
		for i, c := range d.Citations {
			s.resolve(d, c, CiteKey{d.Path, "fm", i}, false, s.Primary)
			note(c.Source)
		}
		for i, c := range d.Inline {
			s.resolve(d, c, CiteKey{d.Path, "inline", i}, false, s.ownBody(d))
			note(c.Source)
		}
		for i, c := range d.SummaryInline {
			s.resolve(d, c, CiteKey{d.Path, "summary", i}, false, true)
			note(c.Source)
		}
		if d.Event != nil {
			for i, c := range d.Event.Variants {
				s.resolve(d, c, CiteKey{d.Path, "variant", i}, false, s.Primary)
				note(c.Source)
			}
		}
	}
}

type alias struct {
	text   string
	entity *content.Doc
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// findMentions finds entity names and aliases in source texts. Every
// mention counts for backlinks; the first per section and entity, outside
// links and headings, becomes a link in the text.
func (s *Site) findMentions() {
	var aliases []alias
	for _, k := range []content.Kind{content.KindPerson, content.KindOrganization} {
		for _, d := range s.ByKind[k] {
			seen := map[string]bool{}
			e := d.Entity
			if d.Orig != nil {
				e = d.Orig.Entity // source texts are in the original language
			}
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				if a != "" && !seen[a] {
					seen[a] = true
					aliases = append(aliases, alias{a, d})
				}
			}
		}
	}
	sort.SliceStable(aliases, func(i, j int) bool { return len(aliases[i].text) > len(aliases[j].text) })
	if len(aliases) == 0 {
		return
	}
	// Index aliases by their first word, so each block is scanned once
	// whatever the number of entities: the 10,000-page benchmark spent
	// 80% of its time in a per-alias search before this.
	byWord := map[string][]alias{}
	for _, a := range aliases {
		w := a.text
		if i := strings.IndexFunc(w, func(r rune) bool { return !isWordRune(r) }); i > 0 {
			w = w[:i]
		}
		byWord[w] = append(byWord[w], a)
	}
	for _, src := range s.ByKind[content.KindSource] {
		linked := map[string]bool{} // section/entity
		for _, b := range src.MD.Blocks {
			var found []Mention
			t := b.Text
			for i := 0; i < len(t); {
				r, size := utf8.DecodeRuneInString(t[i:])
				if !isWordRune(r) {
					i += size
					continue
				}
				j := i
				for j < len(t) {
					r2, s2 := utf8.DecodeRuneInString(t[j:])
					if !isWordRune(r2) {
						break
					}
					j += s2
				}
				matched := 0
				for _, a := range byWord[t[i:j]] {
					if !strings.HasPrefix(t[i:], a.text) {
						continue
					}
					en := i + len(a.text)
					if en < len(t) {
						if r3, _ := utf8.DecodeRuneInString(t[en:]); isWordRune(r3) {
							continue
						}
					}
					found = append(found, Mention{Entity: a.entity, Source: src, Block: b, Start: i, End: en})
					matched = en
					break
				}
				if matched > 0 {
					i = matched
				} else {
					i = j
				}
			}
			sort.Slice(found, func(i, j int) bool { return found[i].Start < found[j].Start })
			for _, m := range found {
				k := fmt.Sprintf("%d/%s", b.Section, m.Entity.KeyOf())
				if !b.Heading && !linked[k] && !inLink(b, m.Start, m.End) {
					linked[k] = true
					m.Linked = true
					s.Linked[b] = append(s.Linked[b], m)
				}
				s.Mentions[m.Entity.KeyOf()] = append(s.Mentions[m.Entity.KeyOf()], m)
			}
		}
	}
	for key, ms := range s.Mentions {
		b := s.back(key)
		var last *markdown.Block
		for _, m := range ms {
			if m.Block == last {
				continue // one entry per passage
			}
			last = m.Block
			b.MentionedIn = append(b.MentionedIn, m)
		}
	}
}

func inLink(b *markdown.Block, start, end int) bool {
	for _, r := range b.Runs {
		if r.End <= start || r.Start >= end {
			continue
		}
		if r.InLink {
			return true
		}
		if r.Start > start || r.End < end {
			return true // spans several inline nodes (emphasis): leave it
		}
	}
	return false
}

func (s *Site) placeAnnotations() {
	for _, d := range s.ByKind[content.KindAnnotation] {
		a := d.Annotation
		src := s.ByKey["sources/"+a.Source]
		if src == nil {
			if a.Source != "" && s.Primary {
				s.errAt(d, []any{"source"}, hintFor(a.Source, s.sourceSlugs(), "sources"), "unknown source %q", a.Source)
			}
			continue
		}
		if a.In == "summary" && src.Summary == nil {
			if !s.Primary {
				continue
			}
			s.errAt(d, []any{"in"}, "only sources with summary_zh have a summary", "%s has no summary to annotate", a.Source)
			continue
		}
		c := content.Cite{Source: a.Source, Quote: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Path: []any{"exact"}, Offset: -1}
		p := s.resolve(d, c, CiteKey{d.Path, "exact", 0}, a.In == "summary", s.Primary)
		b := s.back(src.KeyOf())
		b.Annotations = append(b.Annotations, d)
		if p == nil {
			continue
		}
		s.Notes[src.KeyOf()] = append(s.Notes[src.KeyOf()], &Placement{Doc: d, Passage: p})
	}
	for key, ps := range s.Notes {
		src := s.ByKey[key]
		order := map[*markdown.Block]int{}
		for i, b := range src.MD.Blocks {
			order[b] = i
		}
		if src.Summary != nil {
			for i, b := range src.Summary.Blocks {
				order[b] = i - len(src.Summary.Blocks) // summary comes first
			}
		}
		sort.SliceStable(ps, func(i, j int) bool {
			a, b := ps[i].Passage, ps[j].Passage
			if order[a.Block] != order[b.Block] {
				return order[a.Block] < order[b.Block]
			}
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			return ps[i].Doc.Slug < ps[j].Doc.Slug
		})
		for i, p := range ps {
			p.Number = i + 1
		}
	}
}

func (s *Site) sortBacklinks() {
	byDate := func(ds []*content.Doc) {
		sort.SliceStable(ds, func(i, j int) bool {
			a, b := ds[i], ds[j]
			if a.Event != nil && b.Event != nil && a.Event.Date.Key() != b.Event.Date.Key() {
				return a.Event.Date.Key() < b.Event.Date.Key()
			}
			return a.Path < b.Path
		})
	}
	for _, b := range s.Back {
		for _, l := range [][]*content.Doc{b.Events, b.Quotes, b.Claims, b.Annotations, b.LinkedFrom, b.CitedBy, b.Profiles} {
			byDate(l)
		}
		b.Events = dedupe(b.Events)
		b.Quotes = dedupe(b.Quotes)
		b.Claims = dedupe(b.Claims)
		b.Annotations = dedupe(b.Annotations)
	}
}

func dedupe(ds []*content.Doc) []*content.Doc {
	var out []*content.Doc
	seen := map[*content.Doc]bool{}
	for _, d := range ds {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}

func names(d *content.Doc) []string {
	out := []string{d.Title}
	if d.Entity != nil {
		out = append(out, d.Entity.Name)
		out = append(out, d.Entity.Aliases...)
	}
	if d.Orig != nil {
		out = append(out, names(d.Orig)...)
	}
	return out
}
