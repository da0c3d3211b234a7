package render

// Reading aids: what makes long pages navigable and lists ordered by
// their part in the story. Small functions over the views the other
// files build.

import (
	"sort"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"github.com/dossier-ssg/dossier/generator/site"
	"github.com/yuin/goldmark/ast"
)

// mentionsShown is how many mentions of each source an entity page shows
// before folding the rest behind <details>.
const mentionsShown = 3

// MentionGroup is the mentions of an entity in one source.
type MentionGroup struct {
	Source Item
	ID     string
	Count  int
	First  []MentionView
	Rest   []MentionView
}

// groupMentions groups mentions by source, the source naming the entity
// most often first; within a source they keep the text's order. The
// groups' mentions are parts of one list, made once: appended group by
// group, they were 5% of what a 10,000-page build allocates.
func groupMentions(ms []MentionView) []MentionGroup {
	var out []MentionGroup
	at := map[string]int{}
	group := make([]int, len(ms))
	for k, m := range ms {
		i, ok := at[m.Source.URL]
		if !ok {
			i = len(out)
			at[m.Source.URL] = i
			out = append(out, MentionGroup{Source: m.Source, ID: "m-" + strings.Trim(strings.ReplaceAll(m.Source.URL, "/", "-"), "-")})
		}
		group[k] = i
		out[i].Count++
	}
	// Each group's run of the list, in the order the groups were met.
	next := make([]int, len(out))
	for i, total := 0, 0; i < len(out); i++ {
		next[i], total = total, total+out[i].Count
	}
	list := make([]MentionView, len(ms))
	for i := range out {
		start := next[i]
		shown := min(out[i].Count, mentionsShown)
		out[i].First = list[start : start+shown : start+shown]
		if rest := list[start+shown : start+out[i].Count : start+out[i].Count]; len(rest) > 0 {
			out[i].Rest = rest
		}
	}
	for k, m := range ms {
		list[next[group[k]]] = m
		next[group[k]]++
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Count > out[j].Count })
	return out
}

// part is how large a part an entity plays in the story: the passages
// naming it and the events it took part in, which weigh more.
func (b *Builder) part(d *content.Doc) int {
	bl := b.Site.Back[d.KeyOf()]
	if bl == nil {
		return 0
	}
	return len(bl.MentionedIn) + 3*len(bl.Events)
}

// byPart orders entities by their part in the story, largest first;
// ties by title.
func (b *Builder) byPart(ds []*content.Doc) []*content.Doc {
	b.dep(KindDep(content.KindSource))
	b.dep(KindDep(content.KindEvent))
	out := byTitle(ds)
	sort.SliceStable(out, func(i, j int) bool { return b.part(out[i]) > b.part(out[j]) })
	return out
}

// peopleGroups sorts people into the main actors (a part at least a
// quarter of the largest), the others in the story, and those who only
// wrote a source.
func (b *Builder) peopleGroups(ds []*content.Doc) []Group {
	ds = b.byPart(ds)
	top := 0
	if len(ds) > 0 {
		top = b.part(ds[0])
	}
	var main, others, writers []*content.Doc
	for _, d := range ds {
		bl := b.Site.Back[d.KeyOf()]
		switch p := b.part(d); {
		case bl != nil && len(bl.Authored) > 0 && p < top/4:
			writers = append(writers, d)
		case p*4 >= top && p > 0:
			main = append(main, d)
		default:
			others = append(others, d)
		}
	}
	var gs []Group
	for _, g := range []struct {
		id string
		ds []*content.Doc
	}{{"main", main}, {"others", others}, {"writers", writers}} {
		if len(g.ds) > 0 {
			gs = append(gs, Group{Title: b.T("people.group." + g.id), ID: g.id, Items: b.countedItems(g.ds)})
		}
	}
	return gs
}

// countedItems are items whose meta says how often the sources name them.
func (b *Builder) countedItems(ds []*content.Doc) []Item {
	var out []Item
	for _, d := range ds {
		it := b.item(d)
		if bl := b.Site.Back[d.KeyOf()]; bl != nil && len(bl.MentionedIn) > 0 {
			it.Count = len(bl.MentionedIn)
		}
		out = append(out, it)
	}
	return out
}

// eventsByYear is the events index: every event by date, grouped by year.
func (b *Builder) eventsByYear(evs []*content.Doc) []Group {
	var gs []Group
	for _, d := range evs {
		b.depDoc(d)
		y := d.Event.Date.Year
		id := "y" + itoa(y)
		if n := len(gs); n == 0 || gs[n-1].ID != id {
			gs = append(gs, Group{Title: itoa(y), ID: id})
		}
		gs[len(gs)-1].Items = append(gs[len(gs)-1].Items, b.item(d))
	}
	return gs
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var s []byte
	for n > 0 {
		s = append([]byte{byte('0' + n%10)}, s...)
		n /= 10
	}
	if neg {
		s = append([]byte{'-'}, s...)
	}
	return string(s)
}

// citeRun tells, for a citation marker, whether citations stand right
// before and after it (nothing but spaces between): such a run is one
// marker listing its sources.
func citeRun(c *markdown.Citation, src []byte) (prev, next *markdown.Citation) {
	sib := func(n ast.Node, step func(ast.Node) ast.Node) *markdown.Citation {
		for n = step(n); n != nil; n = step(n) {
			if x, ok := n.(*markdown.Citation); ok {
				return x
			}
			t, ok := n.(*ast.Text)
			if !ok || strings.TrimSpace(string(t.Segment.Value(src))) != "" {
				return nil
			}
		}
		return nil
	}
	return sib(c, ast.Node.PreviousSibling), sib(c, ast.Node.NextSibling)
}

// citeMarker writes one citation of a run (hook-cite): the run's first
// opens the marker, its last closes it; a source already named in the
// run is shown by a number, its passage's place in the run. p is the
// passage the citation found (nil if none): the marker is the same for
// the same passage at the same place in a run.
func (h *Hooks) citeMarker(cv CiteView, p *site.Passage, first, last bool, seen map[string]int) string {
	seen[cv.Short]++
	n := seen[cv.Short]
	k := citeKey{p: p, n: n, first: first, last: last}
	if p != nil {
		if s, ok := h.cachedCite(k); ok {
			return s
		}
	}
	v := CiteHook{First: first, Last: last, Verified: cv.Verified, Short: cv.Short, Label: cv.Short, ShortLang: cv.ShortLang, Href: cv.Context, Quote: cv.Quote, SourceTitle: cv.Source.Title}
	if !first && n == 1 {
		v.Sep = ", "
	} else if n > 1 {
		v.Label, v.Repeat, v.Sep = itoa(n), true, " "
	}
	s := h.exec("hook-cite", &v)
	if p != nil {
		h.cacheCite(k, s)
	}
	return s
}

// toc is a long page's table of contents: the parts it has, in order.
// Short pages (fewer than three parts) get none.
func (b *Builder) toc(p *Page) []Item {
	var out []Item
	add := func(ok bool, key, id string) {
		if ok {
			out = append(out, Item{Title: b.T(key), URL: "#" + id})
		}
	}
	bk := p.Back
	if bk == nil {
		bk = &BackView{}
	}
	switch p.Template {
	case "entity":
		add(p.Body != "", "toc.story", "story")
		add(len(bk.Events) > 0, "back.events", "back-events")
		add(len(bk.Quotes) > 0, "back.quotes", "back-quotes")
		add(len(bk.Claims) > 0, "back.claims", "back-claims")
		add(len(bk.Annotations) > 0, "back.annotations", "back-annotations")
		add(len(bk.LinkedFrom) > 0, "back.linked", "back-linked")
		if len(bk.Mentions) > 0 {
			out = append(out, Item{Title: b.N("count.mentions", len(bk.Mentions)), URL: "#back-mentions"})
		}
		add(len(p.Cites) > 0, "toc.sources", "cites-h")
	case "source":
		add(true, "toc.text", "text")
		add(p.Source != nil && p.Source.Summary != "", "toc.summary", "sum-h")
		add(!bk.Empty(), "toc.connections", "back-h")
	}
	if len(out) < 3 {
		return nil
	}
	return out
}
