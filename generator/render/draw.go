package render

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/draw"
	"github.com/dossier-ssg/dossier/generator/internal/parallel"
	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
)

// DrawView holds a page's pictures (see package draw), each ready to
// place; a page without a picture leaves it empty.
type DrawView struct {
	Timeline template.HTML // /timeline/
	Strip    template.HTML // the home page's compact timeline
	Cast     template.HTML // /people/
	Coverage template.HTML // /sources/
	Figures  template.HTML // a claim's page
}

// Picture widths in px: wide fills the main column at desktop widths
// (64rem less padding); narrow fits a 390 px phone (less padding).
const (
	drawWide   = 980.0
	drawNarrow = 340.0
	figWide    = 640.0
)

// F is an interface string with {name} placeholders filled.
func (b *Builder) F(key string, pairs ...string) string {
	s, err := b.UI.F(key, pairs...)
	if err != nil {
		return key
	}
	return s
}

// chronological returns the events in timeline order.
func (b *Builder) chronological() []*content.Doc {
	evs := append([]*content.Doc(nil), b.Site.ByKind[content.KindEvent]...)
	sort.SliceStable(evs, func(i, j int) bool {
		a, c := evs[i].Event.Date.Key(), evs[j].Event.Date.Key()
		if a != c {
			return a < c
		}
		return evs[i].Slug < evs[j].Slug
	})
	return evs
}

// when turns a date into the stretch of time it names, in fractional
// years: a day is a point, a month or a year its whole length, a part
// of a year its third.
func when(d content.Date) draw.When {
	y := float64(d.Year)
	switch d.Precision {
	case content.Day:
		t := time.Date(d.Year, time.Month(d.Month), d.Day, 12, 0, 0, 0, time.UTC)
		days := time.Date(d.Year+1, 1, 1, 0, 0, 0, 0, time.UTC).Sub(time.Date(d.Year, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24
		f := y + (float64(t.YearDay())-0.5)/days
		return draw.When{From: f, To: f}
	case content.Month:
		return draw.When{From: y + float64(d.Month-1)/12, To: y + float64(d.Month)/12}
	}
	switch d.Part {
	case "early":
		return draw.When{From: y, To: y + 1.0/3}
	case "mid":
		return draw.When{From: y + 1.0/3, To: y + 2.0/3}
	case "late":
		return draw.When{From: y + 2.0/3, To: y + 1}
	}
	return draw.When{From: y, To: y + 1}
}

// mainActors are the two people who take part in the most events: the
// timeline's lanes and the cast's centre. Ties go by slug.
func (b *Builder) mainActors() []*content.Doc {
	b.dep(KindDep(content.KindEvent))
	n := map[string]int{}
	for _, d := range b.Site.ByKind[content.KindEvent] {
		for _, p := range d.Event.Participants {
			if x := b.Site.Entity(p); x != nil && x.Kind == content.KindPerson {
				n[x.Slug]++
			}
		}
	}
	var slugs []string
	for s := range n {
		slugs = append(slugs, s)
	}
	sort.Slice(slugs, func(i, j int) bool {
		if n[slugs[i]] != n[slugs[j]] {
			return n[slugs[i]] > n[slugs[j]]
		}
		return slugs[i] < slugs[j]
	})
	var out []*content.Doc
	for _, s := range slugs[:min(2, len(slugs))] {
		d := b.Site.Entity(s)
		b.depName(d)
		out = append(out, d)
	}
	return out
}

// depName records that what is built shows a document's name and nothing
// else of it (the timeline's key names the main actors): unlike
// depTitle, a new role or alias does not count.
func (b *Builder) depName(d *content.Doc) { b.dep(NameDep(d)) }

// lane is an event's colour: which of the main actors take part.
func lane(d *content.Doc, main []*content.Doc) string {
	in := make([]bool, len(main))
	for _, p := range d.Event.Participants {
		for i, m := range main {
			in[i] = in[i] || p == m.Slug
		}
	}
	switch {
	case len(main) == 2 && in[0] && in[1]:
		return "both"
	case len(main) > 0 && in[0]:
		return "a"
	case len(main) > 1 && in[1]:
		return "b"
	}
	return "other"
}

func (b *Builder) timelineEvents(main []*content.Doc) []draw.Event {
	var out []draw.Event
	for _, d := range b.chronological() {
		b.depDoc(d)
		e := d.Event
		w := when(e.Date)
		if !e.End.IsZero() {
			w.To = max(w.To, when(e.End).To)
		}
		ev := draw.Event{Title: b.pageTitle(d), URL: b.url(URLOf(d)), DateText: b.date(e.Date), When: w, Approx: e.Date.Approximate, Class: lane(d, main)}
		if !e.End.IsZero() {
			ev.DateText += " – " + b.date(e.End)
		}
		for _, v := range e.Variants {
			short := v.Source
			if src := b.Site.ByKey["sources/"+v.Source]; src != nil {
				short = shortName(src)
			}
			ev.Variants = append(ev.Variants, draw.Variant{When: when(v.Date), Source: short, DateText: b.date(v.Date)})
		}
		out = append(out, ev)
	}
	return out
}

func (b *Builder) eventLabel(e draw.Event) string {
	if len(e.Variants) > 1 {
		var vs []string
		for _, v := range e.Variants {
			vs = append(vs, b.F("draw.timeline.variant", "date", v.DateText, "source", v.Source))
		}
		return b.F("draw.timeline.disputed_label", "title", e.Title, "dates", strings.Join(vs, b.T("draw.sep")))
	}
	return b.F("draw.timeline.label", "title", e.Title, "date", e.DateText)
}

func (b *Builder) timelineKey(main []*content.Doc, compact bool) []draw.KeyItem {
	var key []draw.KeyItem
	if len(main) == 2 {
		key = append(key,
			draw.KeyItem{Shape: "title", Label: b.T("draw.timeline.key_lanes")},
			draw.KeyItem{Shape: "dot", Class: "k-a", Label: b.F("draw.timeline.lane_one", "name", main[0].Title)},
			draw.KeyItem{Shape: "dot", Class: "k-b", Label: b.F("draw.timeline.lane_one", "name", main[1].Title)},
			draw.KeyItem{Shape: "dot", Class: "k-both", Label: b.T("draw.timeline.lane_both")},
			draw.KeyItem{Shape: "dot", Class: "k-other", Label: b.T("draw.timeline.lane_other")})
	}
	if compact {
		return key
	}
	return append(key,
		draw.KeyItem{Shape: "title", Label: b.T("draw.timeline.key_shapes")},
		draw.KeyItem{Shape: "dot", Class: "k-other", Label: b.T("draw.timeline.day")},
		draw.KeyItem{Shape: "bar", Class: "k-other", Label: b.T("draw.timeline.span")},
		draw.KeyItem{Shape: "approx", Class: "k-other", Label: b.T("draw.timeline.approx")},
		draw.KeyItem{Shape: "join", Class: "k-other", Label: b.T("draw.timeline.join")})
}

func (b *Builder) timelineInput(id string, width float64, compact bool) draw.Timeline {
	main := b.mainActors()
	evs := b.timelineEvents(main)
	first, last := draw.Years(evs)
	in := draw.Timeline{
		ID: id, Width: width, Compact: compact, Events: evs,
		Title:    b.T("draw.timeline.title"),
		Desc:     b.F("draw.timeline.desc", "n", strconv.Itoa(len(evs)), "first", strconv.Itoa(first), "last", strconv.Itoa(last)),
		Key:      b.timelineKey(main, compact),
		Label:    b.eventLabel,
		GapLabel: func(f, l int) string { return b.gapLabel(f, l) },
	}
	if !compact {
		in.Note = b.T("draw.timeline.note")
	}
	in.YearURL = func(y int) string { return b.url("/timeline/") + "#y" + strconv.Itoa(y) }
	in.YearLabel = func(from, to int, titles []string) string {
		years := b.F("draw.strip.year", "year", strconv.Itoa(from))
		if to > from {
			years = b.F("draw.strip.years", "first", strconv.Itoa(from), "last", strconv.Itoa(to))
		}
		return b.F("draw.strip.label", "years", years, "events", b.N("count.events", len(titles)), "titles", strings.Join(titles, b.T("draw.sep")))
	}
	return in
}

func (b *Builder) gapLabel(first, last int) string {
	if first == last {
		return b.F("draw.timeline.gap_one", "year", strconv.Itoa(first))
	}
	return b.F("draw.timeline.gap", "first", strconv.Itoa(first), "last", strconv.Itoa(last))
}

// timelineDraw is the drawn timeline of /timeline/.
func (b *Builder) timelineDraw() *DrawView {
	return &DrawView{Timeline: draw.DrawTimeline(b.timelineInput("tl-draw", drawWide, false))}
}

// stripDraw is the home page's strip: one for wide screens, one for
// phones, the stylesheet showing the one that fits.
func (b *Builder) stripDraw() *DrawView {
	wide := b.timelineInput("strip-draw", drawWide, true)
	wide.Fit = "wide"
	narrow := b.timelineInput("strip-draw-n", drawNarrow, true)
	narrow.Fit = "narrow"
	return &DrawView{Strip: draw.DrawTimeline(wide) + draw.DrawTimeline(narrow)}
}

// figureScale chooses how figures are counted on the axis: Chinese
// groups digits by four (万, 亿), English by three.
func (b *Builder) figureScale(top float64) float64 {
	scales := []float64{1e9, 1e6, 1e3}
	if strings.HasPrefix(b.Lang.Code, "zh") || strings.HasPrefix(b.Lang.Code, "ja") {
		scales = []float64{1e8, 1e4}
	}
	for _, s := range scales {
		if top >= s*10 || (top >= s && s == scales[len(scales)-1]) {
			return s
		}
	}
	return 1
}

// scaleNames name the scales in interface-string keys (draw.unit.USD.million).
var scaleNames = map[float64]string{1: "one", 1e3: "thousand", 1e4: "wan", 1e6: "million", 1e8: "yi", 1e9: "billion"}

// figuresDraw draws a claim's versions that give numbers; a claim
// without numbers draws nothing. Versions in another unit than the
// first's are left out of the chart (they stay in the table).
func (b *Builder) figuresDraw(d *content.Doc, versions []CiteView, width float64, fit string) template.HTML {
	unit := ""
	var figs []draw.Figure
	top := 0.0
	undrawn := 0
	for i, c := range d.Citations {
		f := c.Figure
		if f == nil || i >= len(versions) || (unit != "" && f.Unit != unit) {
			undrawn++
			continue
		}
		unit = f.Unit
		v := versions[i]
		u := v.Context
		if u == "" {
			u = v.Source.URL
		}
		figs = append(figs, draw.Figure{Source: v.Short, Value: v.Value, URL: u, Low: f.Low, High: f.High,
			Label: b.F("draw.figures.label", "source", v.Short, "value", v.Value)})
		top = max(top, f.High)
	}
	if len(figs) == 0 {
		return ""
	}
	scale := b.figureScale(top)
	unitKey := "draw.unit." + unit + "." + scaleNames[scale]
	unitName := unit
	if b.UI.Has(unitKey) {
		unitName = b.T(unitKey)
	} else if scale != 1 {
		unitName = strconv.FormatFloat(scale, 'g', -1, 64) + " " + unit
	}
	id := "fig-" + d.Slug
	if fit == "narrow" {
		id += "-n"
	}
	return draw.DrawFigures(draw.Figures{
		ID: id, Width: width, Figures: figs, Scale: scale, Fit: fit,
		Title: b.F("draw.figures.title", "question", b.pageTitle(d)),
		Desc:  b.F("draw.figures.desc", "n", strconv.Itoa(len(figs)), "unit", unitName),
		Note:  b.F("draw.figures.note", "unit", unitName) + b.undrawn(undrawn),
		Key: []draw.KeyItem{
			{Shape: "dot", Class: "k-figure", Label: b.T("draw.figures.point")},
			{Shape: "range", Class: "k-figure", Label: b.T("draw.figures.range")},
		},
	})
}

// undrawn says how many versions the chart leaves out, so a reader does
// not take the chart for all there is.
func (b *Builder) undrawn(n int) string {
	if n == 0 {
		return ""
	}
	return b.T("draw.sentence_sep") + b.N("draw.figures.undrawn", n)
}

// claimFigures is a claim's chart at both widths.
func (b *Builder) claimFigures(d *content.Doc, versions []CiteView) template.HTML {
	return b.figuresDraw(d, versions, figWide, "wide") + b.figuresDraw(d, versions, drawNarrow, "narrow")
}

// castDraw is the map of people and organisations joined where they took
// part in the same events.
func (b *Builder) castDraw() *DrawView {
	b.dep(KindDep(content.KindPerson))
	b.dep(KindDep(content.KindOrganization))
	main := b.mainActors()
	weight, pair := b.castCounts()
	nodes, index := b.castNodes(weight, main)
	edges := castEdges(pair, index)
	b.nameCastNodes(nodes, edges)
	key := []draw.KeyItem{{Shape: "dot", Class: "k-person", Label: b.T("draw.cast.person")}, {Shape: "dot", Class: "k-org", Label: b.T("draw.cast.org")}, {Shape: "edge", Label: b.T("draw.cast.edge")}}
	in := draw.Cast{
		ID: "cast-draw", Nodes: nodes, Edges: edges, Key: key, Fit: "wide",
		Title: b.T("draw.cast.title"),
		Desc:  b.F("draw.cast.desc", "n", strconv.Itoa(len(nodes))),
		Note:  b.T("draw.cast.note"),
	}
	// A phone gets the core of the map: the most connected, on rings
	// taller than wide.
	narrow := in
	narrow.ID, narrow.Fit, narrow.Aspect, narrow.Note = "cast-draw-n", "narrow", 1.4, b.F("draw.cast.note_narrow", "n", strconv.Itoa(castNarrow))
	narrow.Nodes, narrow.Edges = coreOf(nodes, edges, castNarrow)
	narrow.Desc = b.F("draw.cast.desc", "n", strconv.Itoa(len(narrow.Nodes)))
	return &DrawView{Cast: draw.DrawCast(in) + draw.DrawCast(narrow)}
}

// castCounts counts, by entity slug, the events each took part in, and
// for each pair of slugs (in order) the events they shared.
func (b *Builder) castCounts() (weight map[string]int, pair map[[2]string]int) {
	weight, pair = map[string]int{}, map[[2]string]int{}
	for _, d := range b.Site.ByKind[content.KindEvent] {
		b.depDoc(d)
		var ps []string
		seen := map[string]bool{}
		for _, p := range d.Event.Participants {
			if x := b.Site.Entity(p); x != nil && !seen[x.Slug] {
				seen[x.Slug] = true
				ps = append(ps, x.Slug)
			}
		}
		sort.Strings(ps)
		for i, p := range ps {
			weight[p]++
			for _, q := range ps[i+1:] {
				pair[[2]string{p, q}]++
			}
		}
	}
	return weight, pair
}

// castNodes makes a node of each entity counted, in slug order, coloured
// as a person, an organisation or one of the main actors; index gives
// each slug's node.
func (b *Builder) castNodes(weight map[string]int, main []*content.Doc) (nodes []draw.Node, index map[string]int) {
	var slugs []string
	for s := range weight {
		slugs = append(slugs, s)
	}
	sort.Strings(slugs)
	index = map[string]int{}
	for _, s := range slugs {
		x := b.Site.Entity(s)
		cls := "org"
		if x.Kind == content.KindPerson {
			cls = "person"
		}
		for i, m := range main {
			if m.Slug == s {
				cls = []string{"a", "b"}[i]
			}
		}
		index[s] = len(nodes)
		nodes = append(nodes, draw.Node{ID: s, Label: b.pageTitle(x), URL: b.url(URLOf(x)), Class: cls, Weight: weight[s]})
	}
	return nodes, index
}

// castEdges joins the nodes of each pair that shared events, in the
// pairs' order.
func castEdges(pair map[[2]string]int, index map[string]int) []draw.Edge {
	var keys [][2]string
	for k := range pair {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	var edges []draw.Edge
	for _, k := range keys {
		edges = append(edges, draw.Edge{A: index[k[0]], B: index[k[1]], Weight: pair[k]})
	}
	return edges
}

// nameCastNodes gives each node a name that says what its lines show:
// its events and whom it shares them with most.
func (b *Builder) nameCastNodes(nodes []draw.Node, edges []draw.Edge) {
	for i := range nodes {
		type with struct {
			name string
			n    int
		}
		var ws []with
		for _, e := range edges {
			switch i {
			case e.A:
				ws = append(ws, with{nodes[e.B].Label, e.Weight})
			case e.B:
				ws = append(ws, with{nodes[e.A].Label, e.Weight})
			}
		}
		sort.SliceStable(ws, func(a, c int) bool { return ws[a].n > ws[c].n })
		var parts []string
		for _, w := range ws[:min(4, len(ws))] {
			parts = append(parts, b.F("draw.cast.with_one", "name", w.name, "n", strconv.Itoa(w.n)))
		}
		nodes[i].Name = b.N("draw.cast.events", nodes[i].Weight)
		nodes[i].Name = b.F("draw.cast.node", "name", nodes[i].Label, "events", nodes[i].Name, "with", strings.Join(parts, b.T("draw.sep")))
	}
}

// coverageDraw is the grid of events against the sources that attest
// them: an event's citations, inline citations and date variants.
func (b *Builder) coverageDraw() *DrawView {
	b.dep(KindDep(content.KindEvent))
	srcs := b.Site.ByKind[content.KindSource]
	col := map[string]int{}
	var cols []draw.Column
	ai := -1
	for i, s := range srcs {
		b.depTitle(s)
		col[s.Slug] = i
		c := draw.Column{Label: shortName(s), URL: b.url(URLOf(s))}
		if s.Source.SourceKind == "ai-rewritten-summary" {
			c.Class, ai = "ai", i
		}
		cols = append(cols, c)
	}
	var rows []draw.Row
	single, aiOnly := 0, 0
	for _, d := range b.chronological() {
		b.depDoc(d)
		r := draw.Row{Label: b.pageTitle(d), URL: b.url(URLOf(d)), Date: b.date(d.Event.Date)}
		// The columns that attest it, not a cell per source: a list of
		// every source for every event grew as their product (175 MB on
		// a 50,000-page site).
		for _, cs := range [][]content.Cite{d.Citations, d.Event.Variants, d.Inline} {
			for _, c := range cs {
				if j, ok := col[c.Source]; ok {
					r.Cells = append(r.Cells, j)
				}
			}
		}
		slices.Sort(r.Cells)
		r.Cells = slices.Compact(r.Cells)
		var names []string
		for _, j := range r.Cells {
			names = append(names, cols[j].Label)
		}
		if len(names) == 1 {
			single++
			r.Flag, r.FlagClass = b.F("draw.coverage.only", "source", names[0]), "one"
			if ai >= 0 && r.Cells[0] == ai {
				aiOnly++
				r.Flag, r.FlagClass = b.T("draw.coverage.only_ai"), "ai"
			}
		}
		r.Name = b.F("draw.coverage.row", "title", r.Label, "date", r.Date, "sources", strings.Join(names, b.T("draw.sep")))
		rows = append(rows, r)
	}
	key := []draw.KeyItem{{Shape: "cell", Label: b.T("draw.coverage.key_cell")}}
	if ai >= 0 {
		key = append(key, draw.KeyItem{Shape: "cell", Class: "ai", Label: b.F("draw.coverage.key_ai", "source", cols[ai].Label)})
	}
	summary := "draw.coverage.desc"
	if aiOnly == 0 {
		summary = "draw.coverage.desc_no_ai"
	}
	sum := b.F(summary, "n", strconv.Itoa(len(rows)), "m", strconv.Itoa(len(cols)), "single", strconv.Itoa(single), "ai", strconv.Itoa(aiOnly))
	in := draw.Coverage{
		ID: "coverage-draw", Columns: cols, Rows: rows, Key: key, Fit: "wide",
		Title: b.T("draw.coverage.title"), Desc: sum, Note: sum,
	}
	narrow := in
	narrow.ID, narrow.Fit, narrow.Narrow = "coverage-draw-n", "narrow", true
	return &DrawView{Coverage: draw.DrawCoverage(in) + draw.DrawCoverage(narrow)}
}

// addDraw gives an index page its picture, recording what the picture
// was made from among the page's dependencies.
func (b *Builder) addDraw(p *Page, f func(*Builder) *DrawView) {
	pb := b.with(p.Deps)
	b.later(p, func() { p.Draw = f(pb) })
}

// later queues a picture to be drawn with the others once every page
// exists. Each job writes only its own page (its view and its
// dependencies) and reads the graph, which no one changes any more, so
// the pictures are drawn in parallel: drawn one after another they were
// 8% of the build, the pages being built one at a time.
func (b *Builder) later(p *Page, job func()) {
	q := b.draws
	q.mu.Lock()
	q.jobs = append(q.jobs, drawJob{p, job})
	q.mu.Unlock()
}

// drawQueue holds the pictures to draw: pages are built at once.
type drawQueue struct {
	mu   sync.Mutex
	jobs []drawJob
}

// drawJob is a queued picture and the page it is for.
type drawJob struct {
	page *Page
	draw func()
}

// laterFigures queues the charts of the claims index: one job, as the
// rows share the page's dependencies.
func (b *Builder) laterFigures(p *Page, rows []ClaimRow, claims []*content.Doc) {
	b.later(p, func() {
		for i, d := range claims {
			rows[i].Figures = b.claimFigures(d, rows[i].Versions)
		}
	})
}

// drawQueued draws the queued pictures, but those of pages the last
// build wrote and that are kept as they are (Kept): such a page takes
// the dependencies it had, its picture's among them.
func (b *Builder) drawQueued() {
	var jobs []drawJob
	for _, j := range b.draws.jobs {
		if b.Kept != nil {
			if prev, ok := b.Kept(b.outPath(j.page.URL), j.page.Deps); ok {
				for k := range prev {
					j.page.Deps[k] = true
				}
				continue
			}
		}
		jobs = append(jobs, j)
	}
	b.draws.jobs = nil
	if b.Lazy {
		// Each page's pictures are drawn as its template is about to
		// run (Page.Fill), and let go with the page once it is written:
		// drawn all at once, before any page was written, the timeline
		// and the coverage grid of 10,000 dossier-format pages were
		// half the build's live heap at its peak.
		for _, j := range jobs {
			j.page.pictures = append(j.page.pictures, j.draw)
		}
		return
	}
	parallel.For(len(jobs), func(i int) { jobs[i].draw() })
}

// castNarrow is how many of the cast a phone's map shows.
const castNarrow = 12

// coreOf keeps the n nodes with most events (ties by ID, as draw.Rings
// orders them) and the edges between them.
func coreOf(nodes []draw.Node, edges []draw.Edge, n int) ([]draw.Node, []draw.Edge) {
	keep := map[int]int{}
	var out []draw.Node
	for _, ring := range draw.Rings(nodes) {
		for _, i := range ring {
			if len(keep) < n {
				keep[i] = -1
			}
		}
	}
	for i, nd := range nodes {
		if _, ok := keep[i]; ok {
			keep[i] = len(out)
			out = append(out, nd)
		}
	}
	var es []draw.Edge
	for _, e := range edges {
		a, okA := keep[e.A]
		c, okB := keep[e.B]
		if okA && okB {
			es = append(es, draw.Edge{A: a, B: c, Weight: e.Weight})
		}
	}
	return out, es
}
