package render

import (
	"fmt"

	"github.com/dossier-ssg/dossier/generator/content"
)

// indexes builds the pages that list documents: each kind's index page,
// the timeline, the disputed page and search. Each page records its own
// dependencies.
type indexes struct {
	b     *Builder
	pages []*Page
}

func (b *Builder) indexPages() []*Page {
	ix := &indexes{b: b}
	ix.sources()
	ix.people()
	ix.organizations()
	ix.claims()
	ix.list(content.KindQuote, func(pb *Builder) []Item { return pb.items(b.Site.ByKind[content.KindQuote]) })
	ix.annotations()
	evs := b.chronological()
	ix.timeline(evs)
	ix.events(evs)
	ix.disputed(evs)
	// A kind without an index page of its own: its documents listed.
	for _, sp := range content.Specs() {
		if sp.Kind != content.KindPage && !builtinIndex[sp.Kind] {
			ix.list(sp.Kind, func(pb *Builder) []Item { return pb.items(b.Site.ByKind[sp.Kind]) })
		}
	}
	return append(ix.pages, b.searchPage())
}

// builtinIndex are the kinds whose index pages indexes makes itself.
var builtinIndex = map[content.Kind]bool{
	content.KindSource: true, content.KindPerson: true, content.KindOrganization: true, content.KindEvent: true,
	content.KindClaim: true, content.KindQuote: true, content.KindAnnotation: true,
}

// page adds p, filled by fill with a builder recording p's dependencies.
func (ix *indexes) page(p *Page, fill func(pb *Builder)) {
	deps := Deps{KindDep(content.Kind(p.Section)): true}
	fill(ix.b.with(deps))
	p.Deps = deps
	ix.pages = append(ix.pages, p)
}

// list adds a kind's index page: a list of items, titled by the strings
// list.<kind>.title and .description.
func (ix *indexes) list(k content.Kind, items func(pb *Builder) []Item) *Page {
	b := ix.b
	p := &Page{Template: "list", URL: SectionURL(k), Title: b.T("list." + string(k) + ".title"), Description: b.T("list." + string(k) + ".description"), Section: string(k)}
	ix.page(p, func(pb *Builder) { p.Items = items(pb) })
	return p
}

func (ix *indexes) sources() {
	p := ix.list(content.KindSource, func(pb *Builder) []Item { return pb.sourceItems() })
	ix.b.addDraw(p, (*Builder).coverageDraw)
}

func (ix *indexes) people() {
	b := ix.b
	people := &Page{Template: "list", URL: SectionURL(content.KindPerson), Title: b.T("list.people.title"), Description: b.T("list.people.description"), Section: "people"}
	ix.page(people, func(pb *Builder) {
		pb.dep(KindDep(content.KindEvent))
		people.Groups = pb.peopleGroups(b.Site.ByKind[content.KindPerson])
	})
	b.addDraw(people, (*Builder).castDraw)
}

// organizations groups the organisations by type, in the order of
// content.OrganizationTypes, untyped ones last.
func (ix *indexes) organizations() {
	b := ix.b
	orgs := &Page{Template: "list", URL: SectionURL(content.KindOrganization), Title: b.T("list.organizations.title"), Description: b.T("list.organizations.description"), Section: "organizations"}
	ix.page(orgs, func(pb *Builder) {
		byType := map[string][]*content.Doc{}
		for _, d := range b.Site.ByKind[content.KindOrganization] {
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
}

// claims sets the versions of every contested fact side by side.
func (ix *indexes) claims() {
	b := ix.b
	claims := &Page{Template: "claims", URL: SectionURL(content.KindClaim), Title: b.T("list.claims.title"), Description: b.T("list.claims.description"), Section: "claims"}
	ix.page(claims, func(pb *Builder) {
		for _, d := range b.Site.ByKind[content.KindClaim] {
			claims.Claims = append(claims.Claims, ClaimRow{Item: pb.item(d), Versions: pb.cites(d)})
		}
		pb.laterFigures(claims, claims.Claims, b.Site.ByKind[content.KindClaim])
	})
}

// annotations lists the notes by source, numbered as on the source's
// page and linking to their passages.
func (ix *indexes) annotations() {
	b, s := ix.b, ix.b.Site
	anns := &Page{Template: "list", URL: SectionURL(content.KindAnnotation), Title: b.T("list.annotations.title"), Description: b.T("list.annotations.description"), Section: "annotations"}
	ix.page(anns, func(pb *Builder) {
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
}

// timeline is every event, chronological, grouped by year.
func (ix *indexes) timeline(evs []*content.Doc) {
	b := ix.b
	tl := &Page{Template: "timeline", URL: "/timeline/", Title: b.T("timeline.title"), Description: b.T("timeline.description"), Section: "events"}
	ix.page(tl, func(pb *Builder) {
		pb.later(tl, func() { tl.Draw = pb.timelineDraw() })
		for _, d := range evs {
			ev := pb.eventSummary(d)
			if n := len(tl.Years); n == 0 || tl.Years[n-1].Year != ev.Year {
				tl.Years = append(tl.Years, YearGroup{Year: ev.Year})
			}
			tl.Years[len(tl.Years)-1].Events = append(tl.Years[len(tl.Years)-1].Events, ev)
		}
	})
}

// events: the folder of every event answers with them all by date.
func (ix *indexes) events(evs []*content.Doc) {
	b := ix.b
	evIndex := &Page{Template: "list", URL: "/events/", Title: b.T("list.events.title"), Description: b.T("list.events.description"), Section: "events"}
	ix.page(evIndex, func(pb *Builder) { evIndex.Groups = pb.eventsByYear(evs) })
}

// disputed is every place where the sources disagree: contested facts,
// dates the sources give differently, quotes worded differently, and
// the annotations that point out a discrepancy.
func (ix *indexes) disputed(evs []*content.Doc) {
	b, s := ix.b, ix.b.Site
	dp := &Page{Template: "disputed", URL: "/disputed/", Title: b.T("disputed.title"), Description: b.T("disputed.description"), Section: "claims"}
	ix.page(dp, func(pb *Builder) {
		pb.dep(KindDep(content.KindEvent))
		pb.dep(KindDep(content.KindQuote))
		pb.dep(KindDep(content.KindAnnotation))
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
}
