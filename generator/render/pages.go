package render

import (
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/internal/parallel"
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
	b.dep("kind:annotations")
	b.dep("aliases")
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
		if r.InLink && r.Start < end && end <= r.End {
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
		if r.InLink && r.Start < end && end <= r.End {
			at = r.End
		}
		if at >= 0 && r.InLink && r.Start == at {
			at = r.End // the same link continues in another run
		}
	}
	if at < 0 {
		return 0, false
	}
	for _, r := range bl.Runs {
		if !r.InLink && r.Start == at && r.End > r.Start {
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

// Pages builds every page of the site.
func (b *Builder) Pages() []*Page {
	s := b.Site
	if b.Hooks == nil {
		b.Hooks = DefaultHooks()
	}
	base := strings.TrimSuffix(s.Config.BasePath(), "/")
	root := base + b.prefix()
	b.linkRoot = &root
	b.frags = &fragments{m: map[*site.Passage]string{}}
	b.draws = &[]func(){}
	b.sv = &SiteView{Title: b.Lang.Title, Description: b.Lang.Description, BasePath: s.Config.BasePath(), Home: b.url("/"), CSS: b.CSS, CSSSRI: b.SRI, Feed: strings.TrimSuffix(s.Config.BasePath(), "/") + "/" + b.FeedPath(), Annotations: strings.TrimSuffix(s.Config.BasePath(), "/") + "/" + b.AnnotationsPath(), Config: s.Config, Lang: b.Lang}
	for _, n := range []struct{ key, u, sec string }{
		{"sources", "/sources/", "sources"}, {"people", "/people/", "people"}, {"organizations", "/organizations/", "organizations"},
		{"timeline", "/timeline/", "events"}, {"disputed", "/disputed/", "claims"}, {"quotes", "/quotes/", "quotes"},
		{"annotations", "/annotations/", "annotations"}, {"about", "/about/", "about"},
	} {
		b.sv.Nav = append(b.sv.Nav, NavItem{Title: b.T("nav." + n.key), URL: b.url(n.u), Section: n.sec})
	}
	// Bodies first, in parallel: annotation notes go into source pages.
	// A body whose dependencies did not change since the cached build is
	// reused.
	var docs []*content.Doc
	for _, d := range s.Docs {
		if d.MD != nil && s.ByKey[d.KeyOf()] == d {
			docs = append(docs, d)
		}
	}
	if b.Cache == nil {
		b.Cache = &Cache{}
	}
	old := b.Cache.Bodies
	b.Cache.Bodies = map[string]Body{}
	b.Cache.Rendered = 0
	render := func(ds []*content.Doc) []Body {
		out := make([]Body, len(ds))
		fresh := make([]bool, len(ds))
		parallel.For(len(ds), func(i int) {
			d := ds[i]
			if c, ok := old[d.KeyOf()]; ok && b.Changed != nil && !b.Changed[d.KeyOf()] && !c.Deps.Any(b.Changed) {
				out[i] = c
				return
			}
			deps := Deps{d.KeyOf(): true}
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
	var anns, rest []*content.Doc
	for _, d := range docs {
		if d.Kind == content.KindAnnotation {
			anns = append(anns, d)
		} else {
			rest = append(rest, d)
		}
	}
	b.notes = map[string]Body{}
	for i, body := range render(anns) {
		b.notes[anns[i].KeyOf()] = body
	}
	b.bodies = map[string]Body{}
	for k, v := range b.notes {
		b.bodies[k] = v
	}
	for i, body := range render(rest) {
		b.bodies[rest[i].KeyOf()] = body
	}

	var pages []*Page
	for _, d := range docs {
		deps := Deps{}
		p := b.with(deps).docPage(d)
		p.Deps = deps
		pages = append(pages, p)
	}
	pages = append(pages, b.indexPages()...)
	b.drawQueued()
	pages = append(pages, &Page{Template: "404", URL: "/404.html", Title: b.T("notfound.title"), Deps: Deps{}})
	cfg := s.Config
	for _, p := range pages {
		p.Site = b.sv
		p.Path = p.URL
		p.URL = b.prefix() + p.Path
		p.Out = strings.TrimPrefix(p.URL, "/")
		if strings.HasSuffix(p.Out, "/") || p.Out == "" {
			p.Out += "index.html"
		}
		p.Lang = b.Lang.Locale
		p.OGLocale = ogLocale(b.Lang.Locale)
		if p.Description == "" {
			p.Description = b.Lang.Description
		}
		p.Canonical = cfg.Absolute(base + p.URL)
		for _, l := range cfg.Languages {
			u := base + cfg.Prefix(l.Code) + p.Path
			p.Alternates = append(p.Alternates, Alternate{Code: l.Code, Locale: l.Locale, OGLocale: ogLocale(l.Locale), Name: l.Name, URL: u, Abs: cfg.Absolute(u), Current: l.Code == b.Lang.Code})
		}
		p.XDefault = cfg.Absolute(base + p.Path)
		p.JSONLD = b.jsonLD(p)
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Out < pages[j].Out })
	return pages
}

func (b *Builder) docPage(d *content.Doc) *Page {
	body := b.bodies[d.KeyOf()]
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
			b.later(func() { p.Draw = b.stripDraw() })
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
		b.later(func() { p.Draw = &DrawView{Figures: b.claimFigures(d, p.Claim.Versions)} })
	case content.KindQuote:
		p.Template = "quote"
		p.Quote = b.quoteView(d)
	case content.KindAnnotation:
		p.Template = "annotation"
		p.Note = b.noteView(d)
		if p.Title == "" {
			p.Title = b.pageTitle(d)
		}
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
		v.Words += len(strings.Fields(bl.Text))
	}
	if d.Summary != nil {
		b.dep("kind:annotations")
		v.Summary = b.renderBody(d, d.Summary, d.SummarySrc)
		v.SummarySeed = d.SummaryInline == nil
		v.SummaryLang = "zh-Hans"
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
	v := &EventView{Title: d.Title, URL: b.url(URLOf(d)), Date: b.date(e.Date), DateISO: e.Date.ISO(), Approximate: e.Date.Approximate, Body: b.bodies[d.KeyOf()].HTML, Year: e.Date.Year, Cites: b.cites(d)}
	if !e.End.IsZero() {
		v.End = b.date(e.End)
	}
	for i, c := range e.Variants {
		v.Variants = append(v.Variants, b.citeView(d, c, site.CiteKey{Path: d.Path, Where: "variant", Index: i}))
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
	b.dep("kind:annotations") // its number depends on the others
	v := &NoteView{Type: a.Type, TypeLabel: b.typeLabel(a.Type), Exact: a.Exact, InSummary: a.In == "summary"}
	if src := b.Site.ByKey["sources/"+a.Source]; src != nil {
		v.Source = b.item(src)
		v.ExactLang = src.Source.Language
		if v.InSummary {
			v.ExactLang = "zh-Hans"
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

func runeStart(s string, i int) int {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	return i
}

func (b *Builder) homeView() *HomeView {
	s := b.Site
	h := &HomeView{Sources: b.items(s.ByKind[content.KindSource])}
	for _, k := range []struct {
		k content.Kind
		t string
	}{{content.KindSource, "sources"}, {content.KindPerson, "people"}, {content.KindOrganization, "organizations"}, {content.KindEvent, "events"}, {content.KindClaim, "claims"}, {content.KindQuote, "quotes"}, {content.KindAnnotation, "annotations"}} {
		b.dep("kind:" + string(k.k))
		if n := len(s.ByKind[k.k]); n > 0 {
			h.Counts = append(h.Counts, Item{Title: b.N("count."+k.t, n), URL: b.url(SectionURL(k.k)), Count: n})
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

func (b *Builder) indexPages() []*Page {
	s := b.Site
	var pages []*Page
	// Each index page records its own dependencies.
	page := func(p *Page, fill func(pb *Builder)) {
		deps := Deps{"kind:" + p.Section: true}
		fill(b.with(deps))
		p.Deps = deps
		pages = append(pages, p)
	}
	list := func(k content.Kind, items func(pb *Builder) []Item) {
		p := &Page{Template: "list", URL: SectionURL(k), Title: b.T("list." + string(k) + ".title"), Description: b.T("list." + string(k) + ".description"), Section: string(k)}
		page(p, func(pb *Builder) { p.Items = items(pb) })
	}
	list(content.KindSource, func(pb *Builder) []Item { return pb.sourceItems() })
	b.addDraw(pages[len(pages)-1], (*Builder).coverageDraw)
	people := &Page{Template: "list", URL: SectionURL(content.KindPerson), Title: b.T("list.people.title"), Description: b.T("list.people.description"), Section: "people"}
	page(people, func(pb *Builder) {
		pb.dep("kind:events")
		people.Groups = pb.peopleGroups(s.ByKind[content.KindPerson])
	})
	b.addDraw(people, (*Builder).castDraw)
	orgs := &Page{Template: "list", URL: SectionURL(content.KindOrganization), Title: b.T("list.organizations.title"), Description: b.T("list.organizations.description"), Section: "organizations"}
	page(orgs, func(pb *Builder) {
		byType := map[string][]*content.Doc{}
		for _, d := range s.ByKind[content.KindOrganization] {
			byType[d.Entity.Type] = append(byType[d.Entity.Type], d)
		}
		for _, t := range content.OrganizationTypes {
			if len(byType[t]) > 0 {
				orgs.Groups = append(orgs.Groups, Group{Title: b.T("orgtype." + t), ID: t, Items: pb.countedItems(pb.byPart(byType[t]))})
			}
		}
		if len(byType[""]) > 0 {
			orgs.Groups = append(orgs.Groups, Group{Title: b.T("orgtype.other"), ID: "other", Items: pb.countedItems(pb.byPart(byType[""]))})
		}
	})
	claims := &Page{Template: "claims", URL: SectionURL(content.KindClaim), Title: b.T("list.claims.title"), Description: b.T("list.claims.description"), Section: "claims"}
	page(claims, func(pb *Builder) {
		for _, d := range s.ByKind[content.KindClaim] {
			claims.Claims = append(claims.Claims, ClaimRow{Item: pb.item(d), Versions: pb.cites(d)})
		}
		pb.laterFigures(claims.Claims, s.ByKind[content.KindClaim])
	})
	list(content.KindQuote, func(pb *Builder) []Item { return pb.items(s.ByKind[content.KindQuote]) })
	anns := &Page{Template: "list", URL: SectionURL(content.KindAnnotation), Title: b.T("list.annotations.title"), Description: b.T("list.annotations.description"), Section: "annotations"}
	page(anns, func(pb *Builder) {
		for _, src := range s.ByKind[content.KindSource] {
			var its []Item
			for _, pl := range s.Notes[src.KeyOf()] {
				it := pb.item(pl.Doc)
				it.URL = pb.url(URLOf(src)) + "#a-" + pl.Doc.Slug
				it.Title = fmt.Sprintf("%d. %s", pl.Number, pb.pageTitle(pl.Doc))
				its = append(its, it)
			}
			if len(its) > 0 {
				pb.depDoc(src)
				anns.Groups = append(anns.Groups, Group{Title: src.Title, ID: src.Slug, Items: its})
			}
		}
	})

	// Timeline: chronological, grouped by year.
	evs := append([]*content.Doc(nil), s.ByKind[content.KindEvent]...)
	sort.SliceStable(evs, func(i, j int) bool {
		a, c := evs[i].Event.Date.Key(), evs[j].Event.Date.Key()
		if a != c {
			return a < c
		}
		return evs[i].Slug < evs[j].Slug
	})
	tl := &Page{Template: "timeline", URL: "/timeline/", Title: b.T("timeline.title"), Description: b.T("timeline.description"), Section: "events"}
	page(tl, func(pb *Builder) {
		pb.later(func() { tl.Draw = pb.timelineDraw() })
		for _, d := range evs {
			ev := pb.eventSummary(d)
			if n := len(tl.Years); n == 0 || tl.Years[n-1].Year != ev.Year {
				tl.Years = append(tl.Years, YearGroup{Year: ev.Year})
			}
			tl.Years[len(tl.Years)-1].Events = append(tl.Years[len(tl.Years)-1].Events, ev)
		}
	})

	// Events: the folder of every event answers with them all by date.
	evIndex := &Page{Template: "list", URL: "/events/", Title: b.T("list.events.title"), Description: b.T("list.events.description"), Section: "events"}
	page(evIndex, func(pb *Builder) { evIndex.Groups = pb.eventsByYear(evs) })

	// Disputed: every place where the sources disagree.
	dp := &Page{Template: "disputed", URL: "/disputed/", Title: b.T("disputed.title"), Description: b.T("disputed.description"), Section: "claims"}
	page(dp, func(pb *Builder) {
		pb.dep("kind:events")
		pb.dep("kind:quotes")
		pb.dep("kind:annotations")
		dp.Groups = append(dp.Groups, Group{Title: b.T("disputed.facts"), ID: "facts", Items: pb.items(s.ByKind[content.KindClaim])})
		var dated []Item
		for _, d := range evs {
			pb.depDoc(d) // a date variant added to any event
			if len(d.Event.Variants) > 0 {
				dated = append(dated, pb.item(d))
			}
		}
		dp.Groups = append(dp.Groups, Group{Title: b.T("disputed.dates"), ID: "dates", Items: dated})
		dp.Groups = append(dp.Groups, Group{Title: b.T("disputed.quotes"), ID: "quotes", Items: pb.items(s.ByKind[content.KindQuote])})
		var disc []Item
		for _, d := range s.ByKind[content.KindAnnotation] {
			pb.depDoc(d)
			if d.Annotation.Type == "discrepancy" {
				disc = append(disc, pb.item(d))
			}
		}
		dp.Groups = append(dp.Groups, Group{Title: b.T("disputed.discrepancies"), ID: "discrepancies", Items: disc})
	})
	pages = append(pages, b.searchPage())
	return pages
}

func (b *Builder) pageTitle(d *content.Doc) string {
	b.depTitle(d)
	if d.Title != "" {
		return d.Title
	}
	if d.Annotation != nil {
		sep := ": "
		if strings.HasPrefix(b.Lang.Locale, "zh") || strings.HasPrefix(b.Lang.Locale, "ja") {
			sep = "："
		}
		return b.typeLabel(d.Annotation.Type) + sep + "“" + truncate(d.Annotation.Exact, 60) + "”"
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
