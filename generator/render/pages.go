package render

import (
	"sort"
	"strings"
	"sync/atomic"
	"unicode"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/internal/parallel"
	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/site"
	"github.com/dossier-ssg/dossier/generator/wdiff"
	"github.com/yuin/goldmark/ast"
)

// sourceDecorations places annotation highlights, their notes, and entity
// mention links in the blocks of a source's text or summary.
func (b *Builder) sourceDecorations(d *content.Doc, parsed *markdown.Parsed) (map[ast.Node][]markdown.Decoration, map[ast.Node]string) {
	decos := map[ast.Node][]markdown.Decoration{}
	after := map[ast.Node]string{}
	inParsed := map[*markdown.Block]bool{}
	for _, bl := range parsed.Blocks {
		inParsed[bl] = true
	}
	marks := map[*markdown.Block][]*site.Placement{}
	h := b.hooks()
	b.dep(KindDep(content.KindAnnotation))
	b.dep(AliasesDep)
	for _, pl := range b.Site.Notes[d.KeyOf()] {
		if !inParsed[pl.Passage.Block] {
			continue
		}
		b.depDoc(pl.Doc)
		bl := pl.Passage.Block
		// Crossing highlights cannot nest in HTML; the later one keeps its
		// note but loses its highlight.
		crosses := false
		for _, o := range marks[bl] {
			op := o.Passage
			if pl.Passage.Start < op.End && op.Start < pl.Passage.End &&
				!(pl.Passage.Start >= op.Start && pl.Passage.End <= op.End) &&
				!(op.Start >= pl.Passage.Start && op.End <= pl.Passage.End) {
				crosses = true
			}
		}
		marks[bl] = append(marks[bl], pl)
		ref := h.exec("hook-anno-ref", &AnnoRefHook{Slug: pl.Doc.Slug, Number: pl.Number, Label: b.N("note.label", pl.Number), Linked: true})
		closeRef := ref
		if endsInLink(bl, pl.Passage.End) {
			// Links cannot nest: a passage ending inside the source's own
			// link gets its number just after the link, when text follows
			// it; otherwise the number is plain text and the note's own
			// number links back.
			closeRef = h.exec("hook-anno-ref", &AnnoRefHook{Slug: pl.Doc.Slug, Number: pl.Number, Label: b.N("note.label", pl.Number)})
			if at, ok := afterLink(bl, pl.Passage.End); ok {
				closeRef = ""
				decos[bl.Node] = append(decos[bl.Node], markdown.Decoration{Start: at, End: at, Close: ref})
			}
		}
		if !crosses {
			open, close, reopen, suspend := h.mark(pl.Doc.Annotation.Type, pl.Doc.Slug)
			decos[bl.Node] = append(decos[bl.Node], markdown.Decoration{
				Start:   pl.Passage.Start,
				End:     pl.Passage.End,
				Open:    open,
				Reopen:  reopen,
				Suspend: suspend,
				Close:   close + closeRef,
			})
		}
		after[bl.Node] += b.noteHTML(pl)
	}
	// Only this text's blocks: ranging over every linked block of the
	// site for each source made rendering quadratic (0.5 s of a
	// 10,000-page build, 3 s at 20,000).
	for _, bl := range parsed.Blocks {
		for _, m := range b.Site.Linked[bl] {
			ok := true
			for _, pl := range marks[bl] {
				p := pl.Passage
				inside := m.Start >= p.Start && m.End <= p.End
				outside := m.End <= p.Start || m.Start >= p.End
				ok = ok && (inside || outside)
			}
			if !ok || m.Entity == nil {
				continue
			}
			b.depTitle(m.Entity)
			open, close := h.mention(m.Entity, func() string { return b.url(URLOf(m.Entity)) })
			decos[bl.Node] = append(decos[bl.Node], markdown.Decoration{Start: m.Start, End: m.End, Open: open, Close: close})
		}
	}
	return decos, after
}

// endsInLink reports whether a block offset falls inside a link.
func endsInLink(bl *markdown.Block, end int) bool {
	for _, r := range bl.Runs {
		if r.InLink && int(r.Start) < end && end <= int(r.End) {
			return true
		}
	}
	return false
}

// afterLink is the offset where the link holding a block offset ends,
// if text outside any link follows there: a number written at that
// offset lands just after the link's closing tag.
func afterLink(bl *markdown.Block, end int) (int, bool) {
	at := -1
	for _, r := range bl.Runs {
		if r.InLink && int(r.Start) < end && end <= int(r.End) {
			at = int(r.End)
		}
		if at >= 0 && r.InLink && int(r.Start) == at {
			at = int(r.End) // the same link continues in another run
		}
	}
	if at < 0 {
		return 0, false
	}
	for _, r := range bl.Runs {
		if !r.InLink && int(r.Start) == at && r.End > r.Start {
			return at, true
		}
	}
	return 0, false
}

// noteHTML is an annotation shown beside its passage (hook-note).
func (b *Builder) noteHTML(pl *site.Placement) string {
	body := b.notes[pl.Doc.KeyOf()]
	for k := range body.Deps {
		b.dep(k)
	}
	v := NoteHook{
		Type: pl.Doc.Annotation.Type, TypeLabel: b.typeLabel(pl.Doc.Annotation.Type), Slug: pl.Doc.Slug, Number: pl.Number,
		Label: b.N("note.label", pl.Number), Lang: b.Lang.Locale, Close: b.T("note.close"),
		Title: pl.Doc.Title, Href: b.url(URLOf(pl.Doc)), Body: body.HTML,
	}
	if pl.Doc.Lang != b.Lang.Code && !b.Site.Primary {
		v.TitleLang = b.locale(pl.Doc.Lang) // an untranslated note
	}
	v.BodyLang = v.TitleLang
	if v.BodyLang == "" && pl.Doc.BodyFallback {
		v.BodyLang = b.locale("")
	}
	return b.hooks().exec("hook-note", &v)
}

// Pages builds every page of the site: the bodies first (annotation
// notes go into source pages), then one page per document, the index
// pages, the pictures, and each page's addresses in every language.
func (b *Builder) Pages() []*Page {
	if b.Hooks == nil {
		b.Hooks = DefaultHooks()
	}
	root := strings.TrimSuffix(b.Site.Config.BasePath(), "/") + b.prefix()
	b.linkRoot = &root
	b.frags = &fragments{m: map[*site.Passage]string{}}
	b.draws = &drawQueue{}
	b.sv = b.siteView()
	docs := b.shownDocs()
	b.renderBodies(docs)
	pages := make([]*Page, len(docs))
	if b.Lazy {
		// Each page is only addressed now, and built as its template is
		// about to run (fill).
		for i, d := range docs {
			p := &Page{Doc: d, URL: URLOf(d)}
			p.fill = func() { b.fill(p) }
			pages[i] = p
		}
	} else {
		// The pages are built at once: each records what it depends on
		// in its own Deps, and what they share locks (the citations' and
		// hooks' caches, the fragments, the queue of pictures).
		parallel.For(len(docs), func(i int) {
			deps := Deps{}
			p := b.with(deps).docPage(docs[i])
			p.Deps = deps
			pages[i] = p
		})
	}
	pages = append(pages, b.indexPages()...)
	b.drawQueued()
	pages = append(pages, &Page{Template: "404", URL: "/404.html", Title: b.T("notfound.title"), Deps: Deps{}})
	for _, p := range pages {
		if p.fill != nil {
			b.address(p)
		} else {
			b.place(p)
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Out < pages[j].Out })
	return pages
}

// siteView is what every page of the language shares.
func (b *Builder) siteView() *SiteView {
	s := b.Site
	base := strings.TrimSuffix(s.Config.BasePath(), "/")
	sv := &SiteView{Title: b.Lang.Title, Description: b.Lang.Description, BasePath: s.Config.BasePath(), Home: b.url("/"), CSS: b.CSS, CSSSRI: b.SRI, Feed: base + "/" + b.FeedPath(), Annotations: base + "/" + b.AnnotationsPath(), Config: s.Config, Lang: b.Lang}
	sv.Nav = b.nav()
	return sv
}

// shownDocs are the documents with a page in this language.
func (b *Builder) shownDocs() []*content.Doc {
	var docs []*content.Doc
	for _, d := range b.Site.Docs {
		if d.MD != nil && b.Site.ByKey[d.KeyOf()] == d {
			docs = append(docs, d)
		}
	}
	return docs
}

// renderBodies renders the documents' Markdown in parallel, the
// annotations' first: their notes go into their sources' bodies. A body
// whose dependencies did not change since the cached build is reused.
func (b *Builder) renderBodies(docs []*content.Doc) {
	if b.Cache == nil {
		b.Cache = &Cache{}
	}
	old := b.Cache.Bodies
	b.Cache.Bodies = map[string]Body{}
	b.Cache.Rendered = 0
	var anns, rest []*content.Doc
	for _, d := range docs {
		switch {
		case d.Kind == content.KindAnnotation:
			anns = append(anns, d)
		case !b.lazyBody(d): // those bodyOf renders as their pages are built
			rest = append(rest, d)
		}
	}
	b.notes = map[string]Body{}
	for i, body := range b.renderAll(anns, old) {
		b.notes[anns[i].KeyOf()] = body
	}
	b.bodies = map[string]Body{}
	for k, v := range b.notes {
		b.bodies[k] = v
	}
	for i, body := range b.renderAll(rest, old) {
		b.bodies[rest[i].KeyOf()] = body
	}
}

// DropBodies lets go of the rendered bodies and notes once no page,
// feed or collection will show them (a one-shot build, before its
// search index): they are the largest part of a language's pages.
func (b *Builder) DropBodies() {
	b.bodies, b.notes = nil, nil
	if b.Cache != nil {
		b.Cache.Bodies = nil
	}
}

// renderAll renders the bodies of ds, reusing those of old whose
// dependencies did not change, and records them in the cache.
func (b *Builder) renderAll(ds []*content.Doc, old map[string]Body) []Body {
	out := make([]Body, len(ds))
	fresh := make([]bool, len(ds))
	// With LetGo, a tree goes once the last body parsed from it is
	// rendered (a translation shown with its original's body shares it).
	var left map[*markdown.Parsed]*atomic.Int32
	if b.LetGo {
		left = map[*markdown.Parsed]*atomic.Int32{}
		for _, d := range ds {
			if left[d.MD] == nil {
				left[d.MD] = new(atomic.Int32)
			}
			left[d.MD].Add(1)
		}
	}
	parallel.For(len(ds), func(i int) {
		if left != nil {
			defer func() {
				if left[ds[i].MD].Add(-1) == 0 {
					ds[i].MD.Outline() // another language may restore it
				}
			}()
		}
		d := ds[i]
		if c, ok := old[d.KeyOf()]; ok && b.Changed != nil && !b.Changed[DocDep(d)] && !c.Deps.Any(b.Changed) {
			out[i] = c
			return
		}
		deps := Deps{DocDep(d): true}
		out[i] = Body{HTML: b.with(deps).renderBody(d, d.MD, d.BodySrc()), Deps: deps}
		fresh[i] = true
	})
	for i, d := range ds {
		b.Cache.Bodies[d.KeyOf()] = out[i]
		if fresh[i] {
			b.Cache.Rendered++
		}
	}
	return out
}

// place gives a page its addresses (address), its description if it
// has none, and its structured data.
func (b *Builder) place(p *Page) {
	p.Deps[NavDep] = true // the navigation lists the pages that ask for it
	b.address(p)
	if p.Description == "" {
		p.Description = b.Lang.Description
	}
	p.JSONLD = b.jsonLD(p)
}

// address gives a page its addresses, from its site path (URL): its path
// in this language, its output file, its canonical URL and the same page
// in every language.
func (b *Builder) address(p *Page) {
	cfg := b.Site.Config
	base := strings.TrimSuffix(cfg.BasePath(), "/")
	p.Site = b.sv
	p.Path = p.URL
	p.URL = b.prefix() + p.Path
	p.Out = b.outPath(p.Path)
	p.Lang = b.Lang.Locale
	p.OGLocale = ogLocale(b.Lang.Locale)
	p.Canonical = cfg.Absolute(base + p.URL)
	for _, l := range cfg.Languages {
		u := base + cfg.Prefix(l.Code) + p.Path
		p.Alternates = append(p.Alternates, Alternate{Code: l.Code, Locale: l.Locale, OGLocale: ogLocale(l.Locale), Name: l.Name, URL: u, Abs: cfg.Absolute(u), Current: l.Code == b.Lang.Code})
	}
	p.XDefault = cfg.Absolute(base + p.Path)
}

// fill builds a lazy page (Lazy) as Pages builds the others: the view,
// then its pictures, then its addresses (again: the same) and data. It
// records no dependencies.
func (b *Builder) fill(p *Page) {
	fb := b.with(nil)
	fb.draws = &drawQueue{}
	q := fb.docPage(p.Doc)
	for _, j := range fb.draws.jobs {
		j.draw()
	}
	q.Deps = Deps{}
	b.place(q)
	*p = *q
}

// outPath is the file the page at a site path (before the language's
// prefix) is written to.
func (b *Builder) outPath(path string) string {
	out := strings.TrimPrefix(b.prefix()+path, "/")
	if strings.HasSuffix(out, "/") || out == "" {
		out += "index.html"
	}
	return out
}

// nav is the main navigation: each kind's entry (content.Spec.Nav), in
// the registry's order, then the plain pages that ask for one (nav:
// true), titled by the string nav.<slug> if the site has one.
func (b *Builder) nav() []NavItem {
	var out []NavItem
	for _, s := range content.Specs() {
		if s.Nav == "" {
			continue
		}
		u := s.NavURL
		if u == "" {
			u = s.IndexURL()
		}
		out = append(out, NavItem{Title: b.T("nav." + s.Nav), URL: b.url(u), Section: string(s.Kind)})
	}
	for _, d := range b.Site.ByKind[content.KindPage] {
		if d.Nav {
			title := d.Title
			if b.UI.Has("nav." + d.Slug) {
				title = b.T("nav." + d.Slug)
			}
			out = append(out, NavItem{Title: title, URL: b.url(URLOf(d)), Section: d.Slug})
		}
	}
	return out
}

// lazyBody reports whether d's body is rendered as its page is built
// (bodyOf) rather than before the pages: in a one-shot build (Lazy), a
// body no other page shows, all but an annotation's (its source's page
// shows it as a note). An event's body is rendered again if a theme's
// timeline shows it (EventView.Body).
func (b *Builder) lazyBody(d *content.Doc) bool {
	return b.Lazy && d.Kind != content.KindAnnotation
}

// bodyOf is the body of d's page: rendered before the pages, or
// (lazyBody) now, from its syntax tree, restored if it was let go and
// let go again after with LetGo.
func (b *Builder) bodyOf(d *content.Doc) Body {
	if !b.lazyBody(d) {
		return b.bodies[d.KeyOf()]
	}
	deps := Deps{DocDep(d): true}
	var html template.HTML
	src := d.BodySrc()
	b.MD.Use(d.MD, src, b.LetGo, func() { html = b.with(deps).renderBody(d, d.MD, src) })
	b.Cache.lazily.Add(1)
	return Body{HTML: html, Deps: deps}
}

func (b *Builder) docPage(d *content.Doc) *Page {
	body := b.bodyOf(d)
	for k := range body.Deps {
		b.dep(k)
	}
	p := &Page{Doc: d, URL: URLOf(d), Title: d.Title, Description: d.Description, Body: body.HTML, Section: string(d.Kind)}
	p.Back = b.backView(d)
	if !b.Site.Primary {
		switch {
		case d.Orig == nil:
			p.Notice = "fallback"
			p.ContentLang = b.locale(d.Lang)
		case d.BodyFallback:
			p.Notice = "body_fallback"
			p.BodyLang = b.locale("")
		case d.Stale:
			p.Notice = "stale"
		}
		if p.ContentLang != "" {
			p.BodyLang = p.ContentLang
		}
	}
	switch d.Kind {
	case content.KindPage:
		p.Template = "page"
		p.Section = d.Slug
		if d.Slug == "_index" {
			p.Template = "home"
			p.Home = b.homeView()
			b.later(p, func() { p.Draw = b.stripDraw() })
		}
	case content.KindSource:
		p.Template = "source"
		p.Source = b.sourceView(d)
	case content.KindPerson, content.KindOrganization:
		p.Template = "entity"
		p.Entity = &EntityView{Name: d.Entity.Name, Aliases: d.Entity.Aliases, Role: d.Entity.Role, Type: d.Entity.Type, IsPerson: d.Kind == content.KindPerson}
		if d.Orig != nil {
			p.Entity.OriginalName = d.Orig.Entity.Name
			if p.Entity.OriginalName == p.Entity.Name {
				p.Entity.OriginalName = ""
			}
		}
		if p.Description == "" {
			p.Description = d.Entity.Role
		}
		p.Cites = b.cites(d)
	case content.KindEvent:
		p.Template = "event"
		p.Event = b.eventView(d)
		p.Section = "events"
	case content.KindClaim:
		p.Template = "claim"
		p.Claim = &ClaimView{Question: d.Title, Versions: b.cites(d)}
		b.later(p, func() { p.Draw = &DrawView{Figures: b.claimFigures(d, p.Claim.Versions)} })
	case content.KindQuote:
		p.Template = "quote"
		p.Quote = b.quoteView(d)
	case content.KindAnnotation:
		p.Template = "annotation"
		p.Note = b.noteView(d)
		if p.Title == "" {
			p.Title = b.pageTitle(d)
		}
	default:
		// A kind without a view of its own: its template gets the
		// document, its type-decoded Fields and its citations.
		if sp := content.SpecOf(d.Kind); sp != nil {
			p.Template = sp.Template
		}
		p.Fields = d.Fields
		p.Cites = b.cites(d)
	}
	p.TOC = b.toc(p)
	return p
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

func (b *Builder) sourceView(d *content.Doc) *SourceView {
	m := d.Source
	v := &SourceView{
		Short: shortName(d), OriginalTitle: m.OriginalTitle, Dek: m.Dek, Publisher: m.Publisher,
		Published: b.date(m.Published), PublishedISO: m.Published.ISO(), Inferred: m.PublishedInferred, PublishedNote: m.PublishedNote,
		URL: m.URL, Language: m.Language, Kind: m.SourceKind, KindLabel: b.typeLabel(m.SourceKind), Provenance: m.Provenance, Seed: m.Seed,
		NoteCount: len(b.Site.Notes[d.KeyOf()]),
	}
	if d.Orig != nil && d.Title != d.Orig.Title && v.OriginalTitle == "" {
		v.OriginalTitle = d.Orig.Title
	}
	v.ForeignText = b.locale(m.Language) != b.Lang.Locale
	for _, a := range m.Authors {
		it := Item{Title: a}
		if e := b.Site.ResolveWiki(a); e != nil && e.Kind == content.KindPerson {
			it.URL = b.url(URLOf(e))
		}
		v.Authors = append(v.Authors, it)
	}
	for _, bl := range d.MD.Blocks {
		v.Words += fieldCount(bl.Text)
	}
	if d.Summary != nil {
		b.dep(KindDep(content.KindAnnotation))
		v.Summary = b.renderBody(d, d.Summary, d.SummarySrc)
		v.SummarySeed = d.SummaryInline == nil
		v.SummaryLang = b.locale(d.Source.SummaryLang)
		if !v.SummarySeed {
			v.SummaryLang = b.Lang.Locale
		}
	}
	return v
}

func (b *Builder) eventView(d *content.Doc) *EventView {
	v := b.eventSummary(d)
	for _, slug := range d.Event.Participants {
		if x := b.Site.Entity(slug); x != nil {
			v.Participants = append(v.Participants, b.item(x))
		}
	}
	return v
}

// eventSummary is an event as the timeline shows it: no participants.
func (b *Builder) eventSummary(d *content.Doc) *EventView {
	e := d.Event
	b.depDoc(d)
	v := &EventView{Title: d.Title, URL: b.url(URLOf(d)), Date: b.date(e.Date), DateISO: e.Date.ISO(), Approximate: e.Date.Approximate, Year: e.Date.Year, Cites: b.cites(d)}
	v.body = func() template.HTML { return b.bodyOf(d).HTML }
	if !e.End.IsZero() {
		v.End = b.date(e.End)
	}
	for i, c := range e.Variants {
		v.Variants = append(v.Variants, b.citeView(d, c, site.InVariant, i))
	}
	return v
}

func (b *Builder) quoteView(d *content.Doc) *QuoteView {
	v := &QuoteView{Versions: b.cites(d)}
	if x := b.Site.Entity(d.Speaker); x != nil {
		v.Speaker = b.item(x)
	}
	if !d.QuoteDate.IsZero() {
		v.Date = b.date(d.QuoteDate)
	}
	for i := 1; i < len(v.Versions); i++ {
		a, c := v.Versions[0], v.Versions[i]
		v.Diffs = append(v.Diffs, DiffView{From: a.Short, To: c.Short, Parts: wdiff.Diff(a.Quote, c.Quote), Similarity: int(wdiff.Similarity(a.Quote, c.Quote)*100 + 0.5)})
	}
	return v
}

func (b *Builder) noteView(d *content.Doc) *NoteView {
	a := d.Annotation
	b.dep(KindDep(content.KindAnnotation)) // its number depends on the others
	v := &NoteView{Type: a.Type, TypeLabel: b.typeLabel(a.Type), Exact: a.Exact, InSummary: a.In == "summary"}
	if src := b.Site.ByKey["sources/"+a.Source]; src != nil {
		v.Source = b.item(src)
		v.ExactLang = src.Source.Language
		if v.InSummary {
			v.ExactLang = b.locale(src.Source.SummaryLang)
		}
		for _, pl := range b.Site.Notes[src.KeyOf()] {
			if pl.Doc == d {
				v.Number = pl.Number
				v.Exact = pl.Passage.Text()
				v.Context = b.url(URLOf(src)) + "#a-" + d.Slug
			}
		}
	}
	return v
}

func (b *Builder) items(ds []*content.Doc) []Item {
	var out []Item
	for _, d := range ds {
		out = append(out, b.item(d))
	}
	return out
}

func (b *Builder) backView(d *content.Doc) *BackView {
	b.depDoc(d)
	bl := b.Site.Back[d.KeyOf()]
	if bl == nil {
		return &BackView{}
	}
	v := &BackView{
		Events: b.items(bl.Events), Quotes: b.items(bl.Quotes), Claims: b.items(bl.Claims), Annotations: b.items(bl.Annotations),
		LinkedFrom: b.items(bl.LinkedFrom), CitedBy: b.items(bl.CitedBy), Profiles: b.items(bl.Profiles), Authored: b.items(bl.Authored),
	}
	for _, sp := range content.Specs() {
		if ds := bl.Related[sp.Relation]; len(ds) > 0 {
			v.Related = append(v.Related, Group{Title: b.T("back." + sp.Relation), ID: "back-" + sp.Relation, Items: b.items(ds)})
		}
	}
	v.Mentions = make([]MentionView, 0, len(bl.MentionedIn))
	for _, m := range bl.MentionedIn {
		t := m.Block.Text
		st, en := m.Start-90, m.End+90
		pre, post := "…", "…"
		if st <= 0 {
			st, pre = 0, ""
		}
		if en >= len(t) {
			en, post = len(t), ""
		}
		st, en = runeStart(t, st), runeStart(t, en)
		v.Mentions = append(v.Mentions, MentionView{
			Source: b.item(m.Source), URL: b.url(URLOf(m.Source)) + "#" + m.Block.ID, Lang: m.Source.Source.Language,
			Before: pre + t[st:m.Start], Match: t[m.Start:m.End], After: t[m.End:en] + post,
		})
	}
	v.MentionGroups = groupMentions(v.Mentions)
	return v
}

// fieldCount is len(strings.Fields(s)), without making the fields: a
// source's word count read every word of it into a list.
func fieldCount(s string) int {
	n, in := 0, false
	for _, r := range s {
		if unicode.IsSpace(r) {
			in = false
		} else if !in {
			in = true
			n++
		}
	}
	return n
}

func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

func (b *Builder) homeView() *HomeView {
	s := b.Site
	h := &HomeView{Sources: b.items(s.ByKind[content.KindSource])}
	for _, sp := range content.Specs() {
		if !sp.Count {
			continue
		}
		b.dep(KindDep(sp.Kind))
		if n := len(s.ByKind[sp.Kind]); n > 0 {
			h.Counts = append(h.Counts, Item{Title: b.N("count."+string(sp.Kind), n), URL: b.url(sp.IndexURL()), Count: n})
		}
	}
	// The main actors are the editor's choice, in the home page's
	// featured: list (a translation inherits it).
	if s.Home != nil {
		for _, slug := range s.Home.Featured {
			if e := s.Entity(slug); e != nil {
				h.People = append(h.People, b.item(e))
			}
		}
	}
	h.Contested = b.items(s.ByKind[content.KindClaim])
	return h
}

func (b *Builder) pageTitle(d *content.Doc) string {
	b.depTitle(d)
	if d.Title != "" {
		return d.Title
	}
	if d.Annotation != nil {
		return b.F("note.untitled", "type", b.typeLabel(d.Annotation.Type), "exact", truncate(d.Annotation.Exact, 60))
	}
	return d.Slug
}

func (b *Builder) sourceItems() []Item {
	var out []Item
	for _, d := range b.Site.ByKind[content.KindSource] {
		it := b.item(d)
		it.Badge = b.typeLabel(d.Source.SourceKind)
		it.Summary = d.Source.Provenance
		if d.Source.PublishedInferred {
			it.Meta += " (" + b.T("source.inferred") + ")"
		}
		out = append(out, it)
	}
	return out
}

func byTitle(ds []*content.Doc) []*content.Doc {
	out := append([]*content.Doc(nil), ds...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Title < out[j].Title })
	return out
}

// ogLocale turns a BCP 47 tag into the language_TERRITORY form Open
// Graph expects.
func ogLocale(tag string) string {
	switch strings.ToLower(tag) {
	case "zh-hans", "zh", "zh-cn":
		return "zh_CN"
	case "zh-hant", "zh-tw":
		return "zh_TW"
	case "en":
		return "en_US"
	}
	return strings.ReplaceAll(tag, "-", "_")
}
