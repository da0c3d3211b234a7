package render

import (
	"fmt"
	"html/template"
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
	for _, pl := range b.Site.Notes[d.KeyOf()] {
		if !inParsed[pl.Passage.Block] {
			continue
		}
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
		slug := template.HTMLEscapeString(pl.Doc.Slug)
		num := fmt.Sprint(pl.Number)
		typ := template.HTMLEscapeString(pl.Doc.Annotation.Type)
		if !crosses {
			decos[bl.Node] = append(decos[bl.Node], markdown.Decoration{
				Start:   pl.Passage.Start,
				End:     pl.Passage.End,
				Open:    `<mark class="anno anno-` + typ + `" id="a-` + slug + `">`,
				Reopen:  `<mark class="anno anno-` + typ + `">`,
				Suspend: `</mark>`,
				Close:   `</mark><sup class="anno-ref"><a href="#note-` + slug + `" aria-label="Note ` + num + `">` + num + `</a></sup>`,
			})
		}
		after[bl.Node] += b.noteHTML(pl)
	}
	for bl, ms := range b.Site.Linked {
		if !inParsed[bl] {
			continue
		}
		for _, m := range ms {
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
			decos[bl.Node] = append(decos[bl.Node], markdown.Decoration{
				Start: m.Start, End: m.End,
				Open:  `<a class="mention" href="` + template.HTMLEscapeString(b.url(URLOf(m.Entity))) + `">`,
				Close: `</a>`,
			})
		}
	}
	return decos, after
}

// noteHTML is an annotation shown beside its passage: in the margin on
// wide screens; on narrow ones behind a toggle that needs no script. The
// checkbox stays focusable (unlike Tufte CSS's display:none), so the
// toggle works from the keyboard; its label shows the focus ring.
func (b *Builder) noteHTML(pl *site.Placement) string {
	slug := template.HTMLEscapeString(pl.Doc.Slug)
	typ := pl.Doc.Annotation.Type
	label := typeLabel(typ)
	title := pl.Doc.Title
	var s strings.Builder
	fmt.Fprintf(&s, `<input type="checkbox" class="note-toggle" id="t-%s">`, slug)
	fmt.Fprintf(&s, `<label for="t-%s" class="note-label">Note %d · %s</label>`, slug, pl.Number, template.HTMLEscapeString(label))
	fmt.Fprintf(&s, `<aside class="note note-%s" id="note-%s" aria-label="Note %d">`, template.HTMLEscapeString(typ), slug, pl.Number)
	fmt.Fprintf(&s, `<p class="note-head"><a href="#a-%s" class="note-num">%d</a> <span class="note-type">%s</span>`, slug, pl.Number, template.HTMLEscapeString(label))
	if title != "" {
		fmt.Fprintf(&s, ` <a class="note-title" href="%s">%s</a>`, template.HTMLEscapeString(b.url(URLOf(pl.Doc))), template.HTMLEscapeString(title))
	}
	s.WriteString(`</p>`)
	s.WriteString(string(b.notes[pl.Doc]))
	s.WriteString(`</aside>`)
	return s.String()
}

// Pages builds every page of the site.
func (b *Builder) Pages() []*Page {
	s := b.Site
	b.sv = &SiteView{Title: s.Config.Title, BasePath: s.Config.BasePath(), CSS: b.CSS, Config: s.Config}
	for _, n := range []struct{ t, u, sec string }{
		{"Sources", "/sources/", "sources"}, {"People", "/people/", "people"}, {"Organisations", "/organizations/", "organizations"},
		{"Timeline", "/timeline/", "events"}, {"Contested", "/claims/", "claims"}, {"Quotes", "/quotes/", "quotes"},
		{"Notes", "/annotations/", "annotations"}, {"Method", "/about/", "about"},
	} {
		b.sv.Nav = append(b.sv.Nav, NavItem{Title: n.t, URL: b.url(n.u), Section: n.sec})
	}
	// Bodies first, in parallel: annotation notes go into source pages.
	var docs []*content.Doc
	for _, d := range s.Docs {
		if d.MD != nil && s.ByKey[d.KeyOf()] == d {
			docs = append(docs, d)
		}
	}
	bodies := make([]template.HTML, len(docs))
	b.notes = map[*content.Doc]template.HTML{}
	var anns []*content.Doc
	for _, d := range docs {
		if d.Kind == content.KindAnnotation {
			anns = append(anns, d)
		}
	}
	annBodies := make([]template.HTML, len(anns))
	parallel.For(len(anns), func(i int) { annBodies[i] = b.renderBody(anns[i], anns[i].MD, anns[i].Src) })
	for i, d := range anns {
		b.notes[d] = annBodies[i]
	}
	parallel.For(len(docs), func(i int) {
		if docs[i].Kind == content.KindAnnotation {
			bodies[i] = b.notes[docs[i]]
			return
		}
		bodies[i] = b.renderBody(docs[i], docs[i].MD, docs[i].Src)
	})
	b.bodies = map[*content.Doc]template.HTML{}
	for i, d := range docs {
		b.bodies[d] = bodies[i]
	}

	var pages []*Page
	for _, d := range docs {
		pages = append(pages, b.docPage(d))
	}
	pages = append(pages, b.indexPages()...)
	pages = append(pages, &Page{Template: "404", URL: "/404.html", Out: "404.html", Title: "Page not found", Lang: "en"})
	for _, p := range pages {
		p.Site = b.sv
		if p.Out == "" {
			p.Out = strings.TrimPrefix(p.URL, "/") + "index.html"
		}
		if p.Lang == "" {
			p.Lang = "en"
		}
	}
	sort.Slice(pages, func(i, j int) bool { return pages[i].Out < pages[j].Out })
	return pages
}

func (b *Builder) docPage(d *content.Doc) *Page {
	p := &Page{Doc: d, URL: URLOf(d), Title: d.Title, Description: d.Description, Body: b.bodies[d], Section: string(d.Kind)}
	p.Back = b.backView(d)
	switch d.Kind {
	case content.KindPage:
		p.Template = "page"
		p.Section = d.Slug
		if d.Slug == "_index" {
			p.Template = "home"
			p.Home = b.homeView()
		}
	case content.KindSource:
		p.Template = "source"
		p.Source = b.sourceView(d)
	case content.KindPerson, content.KindOrganization:
		p.Template = "entity"
		p.Entity = &EntityView{Name: d.Entity.Name, Aliases: d.Entity.Aliases, Role: d.Entity.Role, Type: d.Entity.Type, IsPerson: d.Kind == content.KindPerson}
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
	case content.KindQuote:
		p.Template = "quote"
		p.Quote = b.quoteView(d)
	case content.KindAnnotation:
		p.Template = "annotation"
		p.Note = b.noteView(d)
		if p.Title == "" {
			p.Title = typeLabel(d.Annotation.Type) + ": “" + truncate(d.Annotation.Exact, 60) + "”"
		}
	}
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
		Published: m.Published.Format("en"), PublishedISO: m.Published.ISO(), Inferred: m.PublishedInferred, PublishedNote: m.PublishedNote,
		URL: m.URL, Language: m.Language, Kind: m.SourceKind, KindLabel: typeLabel(m.SourceKind), Provenance: m.Provenance, Seed: m.Seed,
		NoteCount: len(b.Site.Notes[d.KeyOf()]),
	}
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
		v.Summary = b.renderBody(d, d.Summary, d.SummarySrc)
	}
	return v
}

func (b *Builder) eventView(d *content.Doc) *EventView {
	e := d.Event
	v := &EventView{Title: d.Title, URL: b.url(URLOf(d)), Date: e.Date.Format("en"), DateISO: e.Date.ISO(), Approximate: e.Date.Approximate, Body: b.bodies[d], Year: e.Date.Year, Cites: b.cites(d)}
	if !e.End.IsZero() {
		v.End = e.End.Format("en")
	}
	for _, slug := range e.Participants {
		if x := b.Site.Entity(slug); x != nil {
			v.Participants = append(v.Participants, b.item(x))
		}
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
		v.Date = d.QuoteDate.Format("en")
	}
	for i := 1; i < len(v.Versions); i++ {
		a, c := v.Versions[0], v.Versions[i]
		v.Diffs = append(v.Diffs, DiffView{From: a.Short, To: c.Short, Parts: wdiff.Diff(a.Quote, c.Quote), Similarity: int(wdiff.Similarity(a.Quote, c.Quote)*100 + 0.5)})
	}
	return v
}

func (b *Builder) noteView(d *content.Doc) *NoteView {
	a := d.Annotation
	v := &NoteView{Type: a.Type, TypeLabel: typeLabel(a.Type), Exact: a.Exact, InSummary: a.In == "summary"}
	if src := b.Site.ByKey["sources/"+a.Source]; src != nil {
		v.Source = b.item(src)
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
			Source: b.item(m.Source), URL: b.url(URLOf(m.Source)) + "#" + m.Block.ID,
			Before: pre + t[st:m.Start], Match: t[m.Start:m.End], After: t[m.End:en] + post,
		})
	}
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
	}{{content.KindSource, "sources"}, {content.KindPerson, "people"}, {content.KindOrganization, "organisations"}, {content.KindEvent, "events"}, {content.KindClaim, "contested facts"}, {content.KindQuote, "quote variants"}, {content.KindAnnotation, "annotations"}} {
		if n := len(s.ByKind[k.k]); n > 0 {
			h.Counts = append(h.Counts, Item{Title: k.t, URL: b.url(SectionURL(k.k)), Count: n})
		}
	}
	for _, slug := range []string{"elon-musk", "sam-altman", "openai", "xai"} {
		if e := s.Entity(slug); e != nil {
			h.People = append(h.People, b.item(e))
		}
	}
	h.Contested = b.items(s.ByKind[content.KindClaim])
	return h
}

func (b *Builder) indexPages() []*Page {
	s := b.Site
	var pages []*Page
	list := func(k content.Kind, title, desc string, items []Item) {
		pages = append(pages, &Page{Template: "list", URL: SectionURL(k), Title: title, Description: desc, Items: items, Section: string(k)})
	}
	list(content.KindSource, "Sources", "The five documents this dossier reads closely, with who published them, when, and how far to trust them.", b.sourceItems())
	list(content.KindPerson, "People", "Everyone the sources name who matters to the story.", b.items(byTitle(s.ByKind[content.KindPerson])))
	orgs := &Page{Template: "list", URL: SectionURL(content.KindOrganization), Title: "Organisations and products", Description: "Companies, labs, products and projects the sources name.", Section: "organizations"}
	byType := map[string][]*content.Doc{}
	for _, d := range s.ByKind[content.KindOrganization] {
		byType[d.Entity.Type] = append(byType[d.Entity.Type], d)
	}
	for _, t := range content.OrganizationTypes {
		if len(byType[t]) > 0 {
			orgs.Groups = append(orgs.Groups, Group{Title: strings.ToUpper(t[:1]) + t[1:], ID: t, Items: b.items(byTitle(byType[t]))})
		}
	}
	if len(byType[""]) > 0 {
		orgs.Groups = append(orgs.Groups, Group{Title: "Other", ID: "other", Items: b.items(byTitle(byType[""]))})
	}
	pages = append(pages, orgs)
	claims := &Page{Template: "claims", URL: SectionURL(content.KindClaim), Title: "Contested facts", Description: "Where the sources disagree: each source's version side by side, with the exact words.", Section: "claims"}
	for _, d := range s.ByKind[content.KindClaim] {
		claims.Claims = append(claims.Claims, ClaimRow{Item: b.item(d), Versions: b.cites(d)})
	}
	pages = append(pages, claims)
	list(content.KindQuote, "Quote variants", "The same words, quoted differently by different sources.", b.items(s.ByKind[content.KindQuote]))
	anns := &Page{Template: "list", URL: SectionURL(content.KindAnnotation), Title: "Annotations", Description: "Every editor's note, by source.", Section: "annotations"}
	for _, src := range s.ByKind[content.KindSource] {
		var its []Item
		for _, pl := range s.Notes[src.KeyOf()] {
			it := b.item(pl.Doc)
			it.URL = b.url(URLOf(src)) + "#a-" + pl.Doc.Slug
			it.Title = fmt.Sprintf("%d. %s", pl.Number, pageTitle(pl.Doc))
			its = append(its, it)
		}
		if len(its) > 0 {
			anns.Groups = append(anns.Groups, Group{Title: src.Title, ID: src.Slug, Items: its})
		}
	}
	pages = append(pages, anns)

	// Timeline: chronological, grouped by year.
	tl := &Page{Template: "timeline", URL: "/timeline/", Title: "Timeline", Description: "What happened, when, as precisely as the sources say, with every date's source.", Section: "events"}
	evs := append([]*content.Doc(nil), s.ByKind[content.KindEvent]...)
	sort.SliceStable(evs, func(i, j int) bool {
		a, c := evs[i].Event.Date.Key(), evs[j].Event.Date.Key()
		if a != c {
			return a < c
		}
		return evs[i].Slug < evs[j].Slug
	})
	for _, d := range evs {
		ev := b.eventView(d)
		if n := len(tl.Years); n == 0 || tl.Years[n-1].Year != ev.Year {
			tl.Years = append(tl.Years, YearGroup{Year: ev.Year})
		}
		tl.Years[len(tl.Years)-1].Events = append(tl.Years[len(tl.Years)-1].Events, ev)
	}
	pages = append(pages, tl)

	// Disputed: every place where the sources disagree.
	dp := &Page{Template: "disputed", URL: "/disputed/", Title: "Disputed", Description: "Every place where the sources disagree: figures, dates, wordings and discrepancies noted by the editor.", Section: "claims"}
	dp.Groups = append(dp.Groups, Group{Title: "Contested facts", ID: "facts", Items: b.items(s.ByKind[content.KindClaim])})
	var dated []Item
	for _, d := range evs {
		if len(d.Event.Variants) > 0 {
			dated = append(dated, b.item(d))
		}
	}
	dp.Groups = append(dp.Groups, Group{Title: "Disputed dates", ID: "dates", Items: dated})
	dp.Groups = append(dp.Groups, Group{Title: "Quotations worded differently", ID: "quotes", Items: b.items(s.ByKind[content.KindQuote])})
	var disc []Item
	for _, d := range s.ByKind[content.KindAnnotation] {
		if d.Annotation.Type == "discrepancy" {
			disc = append(disc, b.item(d))
		}
	}
	dp.Groups = append(dp.Groups, Group{Title: "Discrepancies noted in the sources", ID: "discrepancies", Items: disc})
	pages = append(pages, dp)
	return pages
}

func pageTitle(d *content.Doc) string {
	if d.Title != "" {
		return d.Title
	}
	if d.Annotation != nil {
		return typeLabel(d.Annotation.Type) + ": “" + truncate(d.Annotation.Exact, 60) + "”"
	}
	return d.Slug
}

func (b *Builder) sourceItems() []Item {
	var out []Item
	for _, d := range b.Site.ByKind[content.KindSource] {
		it := b.item(d)
		it.Badge = typeLabel(d.Source.SourceKind)
		it.Summary = d.Source.Provenance
		if d.Source.PublishedInferred {
			it.Meta += " (inferred)"
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
