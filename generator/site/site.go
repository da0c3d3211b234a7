// Package site builds the site graph from parsed documents: it indexes
// documents by kind and slug, resolves links and entity references,
// verifies every citation against its source's text, finds entity
// mentions in source texts, places annotations, and gathers backlinks.
// Templates read the graph; they never compute it.
package site

import (
	"strings"

	"sort"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/markdown"
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

// CiteKey identifies one citation: the citing document's path, where in
// it the citation is, and its index there. It is the graph's own key:
// render asks through Passage.
type CiteKey struct {
	Path  string
	Where Where
	Index int
}

// Where is the place of a citation in its document.
type Where uint8

// The places of citations.
const (
	InFrontMatter Where = iota // citations:, versions: (Doc.Citations)
	InBody                     // [@source: quote] in the body (Doc.Inline)
	InSummary                  // in a translated source's summary (Doc.SummaryInline)
	InVariant                  // an event's date_variants: (EventMeta.Variants)
	InExact                    // an annotation's exact: words
)

// Passage returns the passage the i-th citation at w of d was found at,
// or nil when it was not (an unverified citation).
func (s *Site) Passage(d *content.Doc, w Where, i int) *Passage {
	return s.Resolved[CiteKey{d.Path, w, i}]
}

// TranslatedCitations counts the citations verified in the translated
// text of this language's documents (their bodies and summaries); the
// rest are the originals', inherited.
func (s *Site) TranslatedCitations() int {
	n := 0
	for k := range s.Resolved {
		if (k.Where == InBody || k.Where == InSummary) && strings.HasSuffix(k.Path, "."+s.Lang+".md") {
			n++
		}
	}
	return n
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
	// Related are the documents of other kinds about the entity, by
	// their kind's relation (content.Spec.Relation).
	Related map[string][]*content.Doc
}

// add records a document about an entity under its kind's relation.
func (b *Backlinks) add(d *content.Doc) {
	s := content.SpecOf(d.Kind)
	if s == nil || s.Relation == "" {
		return
	}
	switch s.Relation {
	case "claims":
		b.Claims = append(b.Claims, d)
	case "quotes":
		b.Quotes = append(b.Quotes, d)
	case "annotations":
		b.Annotations = append(b.Annotations, d)
	case "events":
		b.Events = append(b.Events, d)
	default:
		if b.Related == nil {
			b.Related = map[string][]*content.Doc{}
		}
		b.Related[s.Relation] = append(b.Related[s.Relation], d)
	}
}

// Build makes the graph of one language. docs are the documents its
// pages show: the originals for the default language; for another,
// localized documents (content.Localize) where a translation exists and
// originals elsewhere. cache, which may be nil, carries citation lookups
// between builds; graphs sharing one may be built at once.
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

// errAt reports an error at a front-matter path of d. The graph keeps its
// own diagnostics: documents are shared between builds and never changed.
func (s *Site) errAt(d *content.Doc, p []any, hint, format string, args ...any) {
	line, col := d.Locate(p)
	s.Diags.Errorf(d.Path, line, col, hint, format, args...)
}
