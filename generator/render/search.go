package render

import (
	"slices"
	"strings"
	"sync/atomic"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/output"
	"github.com/dossier-ssg/dossier/generator/search"
)

// This file is search's side of rendering: the search page, the typed
// units the index is made of, and the previews shown when hovering a
// link. The index itself is package search's.

// SearchDir is where a language's index lives, under its search page.
const SearchDir = "search/idx/"

// SearchURL is the search page of the view's language (the header's form
// sends the reader there; the script finds the index beside it).
func (s *SiteView) SearchURL() string { return s.Home + "search/" }

// ScriptURL is the search and preview script, shared by all languages.
func (s *SiteView) ScriptURL() string {
	return strings.TrimSuffix(s.BasePath, "/") + "/" + search.ScriptName()
}

// searchPage is /search/ in the builder's language.
func (b *Builder) searchPage() *Page {
	return &Page{Template: "search", URL: "/search/", Title: b.T("search.title"), Description: b.T("search.description"), Section: "search", Deps: Deps{}}
}

// SearchFiles are the index and previews of the builder's language, at
// their output paths. Call after Pages. c, which may be nil, keeps the
// terms of units between languages and builds.
func (b *Builder) SearchFiles(c *search.Cache) []output.File {
	files := search.Build(b.SearchUnits(), b.previews(), c)
	dir := b.searchDir()
	out := make([]output.File, len(files))
	for i, f := range files {
		out[i] = output.File{Path: dir + f.Path, Data: f.Data}
	}
	return out
}

// WriteSearch is SearchFiles handing each file to put as soon as it is
// made (see search.Write), from several goroutines at once. read, if not
// nil, is called once the index has read the documents, before it is
// made. It returns how many files it put.
func (b *Builder) WriteSearch(c *search.Cache, put func(output.File) error, read func()) (int, error) {
	dir := b.searchDir()
	units, previews := b.SearchUnits(), b.previews()
	if read != nil {
		read()
	}
	var n atomic.Int64
	err := search.Write(units, previews, c, func(f search.File) error {
		n.Add(1)
		return put(output.File{Path: dir + f.Path, Data: f.Data})
	})
	return int(n.Load()), err
}

// searchDir is where the builder's language's index goes.
func (b *Builder) searchDir() string { return strings.TrimPrefix(b.prefix()+"/", "/") + SearchDir }

// SearchScript is the script file (language-neutral).
func SearchScript() output.File {
	return output.File{Path: search.ScriptName(), Data: search.Script()}
}

// plain is a parsed body's text, its blocks joined, and the names the
// body links to in the original language: a Chinese event that links
// [[tesla|特斯拉]] is found by "Tesla" too.
func (b *Builder) plain(d *content.Doc) string {
	if d.MD == nil {
		return ""
	}
	var parts []string
	for _, bl := range d.MD.Blocks {
		parts = append(parts, bl.Text)
	}
	if !b.Site.Primary {
		for _, w := range d.MD.Wikis {
			if t := b.Site.ResolveWiki(w.Target); t != nil && t.Orig != nil && t.Orig.Entity != nil {
				parts = append(parts, t.Orig.Entity.Name)
			}
		}
	}
	return strings.Join(parts, " ")
}

// SearchUnits lists what the index finds, entities first (a tie goes to
// the earlier unit): people and organisations with their names and
// aliases (in a translation, the original's too), events with their
// dates, contested facts and quote variants with the words each source
// uses, annotations at their passages, every paragraph of every source
// at its anchor, and plain pages.
func (b *Builder) SearchUnits() []search.Unit {
	l := &unitList{locale: b.Lang.Locale, aliases: b.originalNames()}
	// Room for a unit per document and per paragraph of a source, at
	// most, made once: on a 10,000-page site the units take some 50 MB,
	// and growing the list by doubling kept up to twice that.
	n := len(b.Site.Docs)
	for _, d := range b.Site.ByKind[content.KindSource] {
		for _, parsed := range []*markdown.Parsed{d.MD, d.Summary} {
			if parsed != nil {
				n += len(parsed.Blocks)
			}
		}
	}
	l.units = make([]search.Unit, 0, n)
	b.entityUnits(l)
	b.storyUnits(l)
	b.paragraphUnits(l)
	b.pageUnits(l)
	return l.units
}

// nameAlias is a person's or organisation's name in a translation and
// the original's name for it.
type nameAlias struct{ local, orig string }

// unitList gathers search units in order.
type unitList struct {
	locale  string // the builder's: a unit in it needs no language of its own
	aliases []nameAlias
	units   []search.Unit
}

// add appends u; a title (but an entity's or a paragraph's) that names a
// person or organisation in the translation's words is found by the
// original name too.
func (l *unitList) add(u search.Unit) {
	if u.Lang == l.locale {
		u.Lang = ""
	}
	for _, a := range l.aliases {
		if u.Type != search.TypePerson && u.Type != search.TypeOrganization && u.Type != search.TypeParagraph && strings.Contains(u.Title, a.local) && !slices.Contains(u.Also, a.orig) {
			u.Also = append(u.Also, a.orig)
		}
	}
	l.units = append(l.units, u)
}

// originalNames pairs, in a translation, each name and alias of a person
// or organisation (of two characters or more) with the original's name:
// 马斯克提议将OpenAI并入特斯拉 is then found by "Tesla". The original
// language has none.
func (b *Builder) originalNames() []nameAlias {
	s := b.Site
	if s.Primary {
		return nil
	}
	var aliases []nameAlias
	for _, k := range content.EntityKinds() {
		for _, d := range s.ByKind[k] {
			if d.Orig == nil || d.Orig.Entity == nil {
				continue
			}
			for _, n := range append([]string{d.Entity.Name}, d.Entity.Aliases...) {
				if n != d.Orig.Entity.Name && utf8.RuneCountInString(n) >= 2 {
					aliases = append(aliases, nameAlias{n, d.Orig.Entity.Name})
				}
			}
		}
	}
	return aliases
}

// unitLang is the language of a document that has no translation, in a
// translated site; "" otherwise (the site's own).
func (b *Builder) unitLang(d *content.Doc) string {
	if d.Orig == nil && !b.Site.Primary {
		return b.locale(d.Lang)
	}
	return ""
}

// citedWords are the quotes and values of a document's citations, so
// that a fact is found by the words each source uses.
func (b *Builder) citedWords(d *content.Doc) string {
	var qs []string
	for _, c := range b.cites(d) {
		qs = append(qs, c.Quote, c.Value)
	}
	return strings.Join(qs, " ")
}

// entityUnits adds people, then organisations, found by every name they
// go by (in a translation, the original's too).
func (b *Builder) entityUnits(l *unitList) {
	for _, k := range content.EntityKinds() {
		typ := search.TypePerson
		if k == content.KindOrganization {
			typ = search.TypeOrganization
		}
		for _, d := range b.Site.ByKind[k] {
			names := append([]string{d.Entity.Name}, d.Entity.Aliases...)
			if d.Orig != nil && d.Orig.Entity != nil {
				names = append(names, d.Orig.Entity.Name)
				names = append(names, d.Orig.Entity.Aliases...)
			}
			l.add(search.Unit{Type: typ, Title: b.pageTitle(d), URL: b.url(URLOf(d)), Names: names, Text: d.Entity.Role + " " + d.Description + " " + b.plain(d), Lang: b.unitLang(d)})
		}
	}
}

// storyUnits adds events with their dates, contested facts and quote
// variants with their sources' words, and annotations at their passages.
func (b *Builder) storyUnits(l *unitList) {
	s := b.Site
	for _, d := range s.ByKind[content.KindEvent] {
		l.add(search.Unit{Type: search.TypeEvent, Title: d.Title, URL: b.url(URLOf(d)), Date: b.date(d.Event.Date), Text: b.plain(d) + " " + d.Event.Date.ISO(), Lang: b.unitLang(d)})
	}
	for _, d := range s.ByKind[content.KindClaim] {
		l.add(search.Unit{Type: search.TypeClaim, Title: d.Title, URL: b.url(URLOf(d)), Text: d.Description + " " + b.plain(d) + " " + b.citedWords(d), Lang: b.unitLang(d)})
	}
	for _, d := range s.ByKind[content.KindQuote] {
		l.add(search.Unit{Type: search.TypeQuote, Title: d.Title, URL: b.url(URLOf(d)), Text: b.citedWords(d) + " " + b.plain(d), Lang: b.unitLang(d)})
	}
	for _, d := range s.ByKind[content.KindAnnotation] {
		v := b.noteView(d)
		u := search.Unit{Type: search.TypeAnnotation, Title: b.pageTitle(d), URL: b.url(URLOf(d)), Text: b.plain(d) + " " + v.Exact, Source: v.Source.Title, Lang: b.unitLang(d)}
		if v.Context != "" {
			u.URL = v.Context
		}
		l.add(u)
	}
}

// paragraphUnits adds every anchored paragraph of every source, and of
// its Chinese summary, at its anchor.
func (b *Builder) paragraphUnits(l *unitList) {
	for _, d := range b.Site.ByKind[content.KindSource] {
		short, page := shortName(d), b.url(URLOf(d))
		for _, parsed := range []*markdown.Parsed{d.MD, d.Summary} {
			if parsed == nil {
				continue
			}
			lang := b.locale(d.Source.Language)
			if parsed == d.Summary {
				lang = b.locale(d.SummaryLanguage())
			}
			for _, bl := range parsed.Blocks {
				if bl.ID != "" && strings.TrimSpace(bl.Text) != "" {
					l.add(search.Unit{Type: search.TypeParagraph, Title: d.Title, URL: page + "#" + bl.ID, Text: bl.Text, Source: short, Lang: lang})
				}
			}
		}
	}
}

// pageUnits adds the sources' pages (their description, publisher and
// provenance) and the plain pages.
func (b *Builder) pageUnits(l *unitList) {
	for _, d := range b.Site.ByKind[content.KindSource] {
		l.add(search.Unit{Type: search.TypePage, Title: d.Title, URL: b.url(URLOf(d)), Text: d.Description + " " + d.Source.Publisher + " " + d.Source.Provenance, Lang: b.unitLang(d)})
	}
	for _, d := range b.Site.ByKind[content.KindPage] {
		l.add(search.Unit{Type: search.TypePage, Title: b.pageTitle(d), URL: b.url(URLOf(d)), Text: d.Description + " " + b.plain(d), Lang: b.unitLang(d)})
	}
	// A kind without units of its own (one defined by a spec alone) is
	// found as pages, by their text and cited words.
	for _, sp := range content.Specs() {
		if builtinIndex[sp.Kind] || sp.Kind == content.KindPage {
			continue
		}
		for _, d := range b.Site.ByKind[sp.Kind] {
			l.add(search.Unit{Type: search.TypePage, Title: b.pageTitle(d), URL: b.url(URLOf(d)), Text: d.Description + " " + b.plain(d) + " " + b.citedWords(d), Lang: b.unitLang(d)})
		}
	}
}

// previews are the cards shown when hovering a link, keyed by the link's
// address without its text fragment: a person or organisation (name and
// role), an event (title and date), a contested fact (its question and
// how many versions), and every cited passage (its words and source).
func (b *Builder) previews() map[string]search.Preview {
	s := b.Site
	out := map[string]search.Preview{}
	for _, k := range content.EntityKinds() {
		for _, d := range s.ByKind[k] {
			line := d.Entity.Role
			if line == "" {
				line = d.Description
			}
			out[b.url(URLOf(d))] = search.Preview{Kind: string(k), Title: b.pageTitle(d), Line: line}
		}
	}
	for _, d := range s.ByKind[content.KindEvent] {
		out[b.url(URLOf(d))] = search.Preview{Kind: "event", Title: d.Title, Meta: b.date(d.Event.Date), Line: truncate(d.Description, 160)}
	}
	for _, d := range s.ByKind[content.KindClaim] {
		out[b.url(URLOf(d))] = search.Preview{Kind: "claim", Title: d.Title, Meta: b.N("search.versions", len(d.Citations)), Line: truncate(d.Description, 160)}
	}
	for _, p := range s.Resolved {
		u := b.url(URLOf(p.Source)) + "#" + p.Block.ID
		if _, ok := out[u]; ok {
			continue
		}
		lang := b.locale(p.Source.Source.Language)
		if p.InSummary {
			lang = b.locale(p.Source.SummaryLanguage())
		}
		if lang == b.Lang.Locale {
			lang = ""
		}
		out[u] = search.Preview{Kind: "passage", Title: p.Source.Title, Meta: shortName(p.Source), Line: truncate(p.Block.Text, 280), Lang: lang}
	}
	return out
}
