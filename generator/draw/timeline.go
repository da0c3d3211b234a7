package draw

import (
	"math"
	"sort"
	"strings"

	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
)

// When is a stretch of time in fractional years (2015.0 is the start of
// 1 January 2015). From == To is a single day.
type When struct{ From, To float64 }

// Day reports whether the stretch is one day, drawn as a point.
func (w When) Day() bool { return w.To-w.From < 1.0/300 }

// Event is one mark on the timeline.
type Event struct {
	Title    string
	URL      string
	DateText string // the date as the page writes it
	When     When
	Approx   bool
	Class    string // colour class of its lane, e.g. "musk"
	// Variants are the dates the sources give when they disagree; such
	// an event is drawn as its variants joined, each labelled.
	Variants []Variant
}

// Variant is one source's date for a disputed event.
type Variant struct {
	When     When
	Source   string // short name of the source
	DateText string
}

// Timeline is the input of the drawn timeline.
type Timeline struct {
	ID, Title, Desc string
	Events          []Event
	Key             []KeyItem
	Note            string
	Width           float64
	// Fit is "wide" or "narrow" when the picture is one of a pair drawn
	// for wide and narrow screens; the stylesheet shows the one that fits.
	Fit string
	// Compact draws marks only (the home page's strip); labels are in
	// each mark's link.
	Compact bool
	// GapLabel names years without events (first and last inclusive),
	// e.g. "no events, 2020–2021".
	GapLabel func(first, last int) string
	// Label is the accessible name of an event's link.
	Label func(e Event) string
	// In a compact strip the marks of a year form one link, YearURL(y)
	// (the year on the timeline page), named YearLabel(y, titles): a
	// year's column is a target wide enough to hit, where a single day's
	// dot would not be.
	// Where years are narrower than a target, neighbouring years share
	// one link and the label names them all (from, to).
	YearURL   func(year int) string
	YearLabel func(from, to int, titles []string) string
}

// timeline geometry, in px
const (
	tlPad     = 10.0
	tlAxisH   = 24.0
	tlBandH   = 18.0
	tlRowH    = 24.0 // a link's target is at least 24 px high (WCAG 2.2)
	tlFont    = 12.0
	tlSmall   = 10.0
	tlLabelW  = 220.0
	tlGap     = 8.0
	tlDotR    = 4.5
	tlBarH    = 8.0
	tlMinBarW = 3.0
)

// Years returns the whole years the events cover: first to last.
func Years(evs []Event) (first, last int) {
	first, last = math.MaxInt, math.MinInt
	for _, e := range evs {
		ws := []When{e.When}
		for _, v := range e.Variants {
			ws = append(ws, v.When)
		}
		for _, w := range ws {
			first = min(first, int(math.Floor(w.From)))
			last = max(last, int(math.Ceil(w.To))-1, int(math.Floor(w.From)))
		}
	}
	return first, last
}

// EmptyYears returns the runs of years (first, last inclusive) in which
// no event falls: the gaps of the story.
func EmptyYears(evs []Event, first, last int) [][2]int {
	used := map[int]bool{}
	for _, e := range evs {
		ws := []When{e.When}
		for _, v := range e.Variants {
			ws = append(ws, v.When)
		}
		for _, w := range ws {
			for y := int(math.Floor(w.From)); float64(y) < w.To || y == int(math.Floor(w.From)); y++ {
				used[y] = true
			}
		}
	}
	var out [][2]int
	for y := first; y <= last; y++ {
		if used[y] {
			continue
		}
		if n := len(out); n > 0 && out[n-1][1] == y-1 {
			out[n-1][1] = y
		} else {
			out = append(out, [2]int{y, y})
		}
	}
	return out
}

// timelineFrame is what every part of a timeline is placed by: the
// scale from years to x, and the rows' geometry.
type timelineFrame struct {
	in          Timeline
	first, last int     // the years drawn, inclusive
	sc          Linear  // year to x
	pxYear      float64 // the width of one year
	rowH, rowsY float64 // a row's height, and the top of the first
	H           float64 // the picture's height, once the rows are packed
}

// laidEvent is one event's marks and labels, relative to its first row,
// with the extent they cover and the rows they need.
type laidEvent struct {
	mark
	x0, x1 float64
	rows   int
}

// DrawTimeline lays out and writes the timeline, in stages: each event's
// marks and labels on a row of its own (layEvent), the rows packed so
// that no two events overlap, the frame (gaps, the year grid, the axis),
// then each event moved to its row (placeEvent); a compact strip gathers
// its marks into one link per year or run of years (yearLinks).
func DrawTimeline(in Timeline) template.HTML {
	if len(in.Events) == 0 {
		return ""
	}
	f := newTimelineFrame(in)
	items := make([]laidEvent, len(in.Events))
	spans := make([]Span, len(in.Events))
	for i, e := range in.Events {
		items[i] = f.layEvent(e)
		spans[i] = Span{X0: items[i].x0, X1: items[i].x1, Rows: items[i].rows}
	}
	gap := tlGap
	if in.Compact {
		gap = 2
	}
	rows := PackRows(spans, gap)
	nrows := 0
	for i, r := range rows {
		nrows = max(nrows, r+items[i].rows)
	}
	f.H = f.rowsY + float64(nrows)*f.rowH + 6

	p := picture{ID: in.ID, Title: in.Title, Desc: in.Desc, W: num(in.Width), H: num(f.H), Key: in.Key, Note: in.Note, Kind: "timeline", Fit: in.Fit}
	if in.Compact {
		p.Kind = "strip"
	}
	f.drawGaps(&p)
	f.drawYears(&p)
	if in.Compact {
		marks := make([]mark, len(items))
		for i, l := range items {
			marks[i] = f.placeEvent(l, float64(rows[i]))
		}
		p.Marks = f.yearLinks(marks)
	} else {
		// Each event placed as it is written: the events need not be
		// held twice, laid and placed.
		p.More = func(yield func(mark) bool) {
			for i, l := range items {
				if !yield(f.placeEvent(l, float64(rows[i]))) {
					return
				}
			}
		}
	}
	return execute("picture", p)
}

func newTimelineFrame(in Timeline) *timelineFrame {
	first, last := Years(in.Events)
	sc := Linear{D0: float64(first), D1: float64(last + 1), R0: tlPad, R1: in.Width - tlPad}
	f := &timelineFrame{in: in, first: first, last: last, sc: sc, rowH: tlRowH, rowsY: tlAxisH + tlBandH}
	f.pxYear = sc.At(float64(first+1)) - sc.At(float64(first))
	if in.Compact {
		f.rowH, f.rowsY = 9, tlAxisH+4
	}
	return f
}

// layEvent lays out one event on its own: its marks (one per date, or
// one per source's date joined by a line when they disagree), the
// sources' names under disputed dates, and its title beside the marks.
func (f *timelineFrame) layEvent(e Event) laidEvent {
	l := laidEvent{mark: mark{URL: e.URL, Class: "k-" + e.Class}, rows: 1}
	if f.in.Label != nil {
		l.Label = f.in.Label(e)
	} else {
		l.Label = e.DateText + ": " + e.Title
	}
	ws := []When{e.When}
	approx := []bool{e.Approx}
	if len(e.Variants) > 1 {
		ws, approx = nil, nil
		for _, v := range e.Variants {
			ws = append(ws, v.When)
			approx = append(approx, true)
		}
		if !f.in.Compact {
			l.rows = 2
		}
	}
	l.x0, l.x1 = math.Inf(1), math.Inf(-1)
	markRow := float64(l.rows - 1)
	centres, marksEnd := f.layDates(&l, e.Class, ws, approx, markRow)
	if len(ws) > 1 {
		l.Shapes = append(l.Shapes, shape{Kind: "join", X: num(centres[0]), X2: num(centres[len(centres)-1]), row: markRow, Class: "join k-" + e.Class})
		if !f.in.Compact {
			laySources(&l, e.Variants, centres)
		}
	}
	if !f.in.Compact {
		f.layTitle(&l, e.Title, marksEnd, markRow)
	}
	return l
}

// layDates adds a dot for each single day and a bar for each longer
// stretch, and returns the marks' centres and where the last one ends.
func (f *timelineFrame) layDates(l *laidEvent, class string, ws []When, approx []bool, markRow float64) (centres []float64, marksEnd float64) {
	marksEnd = math.Inf(-1)
	for i, w := range ws {
		cls := "k-" + class
		if approx[i] {
			cls += " approx"
		}
		a, b := f.sc.At(w.From), f.sc.At(w.To)
		var s shape
		if w.Day() {
			r := tlDotR
			if f.in.Compact {
				r = 3.5
			}
			s = shape{Kind: "dot", X: num(a), R: num(r), Class: cls}
			a, b = a-r, a+r
		} else {
			if b-a < tlMinBarW {
				m := (a + b) / 2
				a, b = m-tlMinBarW/2, m+tlMinBarW/2
			}
			s = shape{Kind: "bar", X: num(a + 0.5), W: num(b - a - 1), Class: cls}
		}
		s.row = markRow
		l.Shapes = append(l.Shapes, s)
		centres = append(centres, (a+b)/2)
		l.x0, l.x1 = math.Min(l.x0, a), math.Max(l.x1, b)
		marksEnd = math.Max(marksEnd, b)
	}
	return centres, marksEnd
}

// laySources names each variant's source on the row above its mark,
// spread so that no two names overlap.
func laySources(l *laidEvent, vs []Variant, centres []float64) {
	widths := make([]float64, len(vs))
	for i, v := range vs {
		widths[i] = TextWidth(v.Source, tlSmall)
	}
	xs := Spread(centres, widths, 6)
	for i, v := range vs {
		tw := widths[i]
		l.Texts = append(l.Texts, text{X: num(xs[i]), Anchor: "middle", Class: "src", Text: v.Source})
		l.x0, l.x1 = math.Min(l.x0, xs[i]-tw/2), math.Max(l.x1, xs[i]+tw/2)
	}
}

// layTitle writes the event's title after its marks, or before them
// where it would run past the right edge.
func (f *timelineFrame) layTitle(l *laidEvent, title string, marksEnd, markRow float64) {
	t := Fit(title, tlFont, tlLabelW)
	tw := TextWidth(t, tlFont)
	lx := marksEnd + 5
	anchor := "start"
	if lx+tw > f.in.Width-tlPad {
		lx, anchor = l.x0-5, "end"
		l.x0 = lx - tw
	} else {
		l.x1 = math.Max(l.x1, lx+tw)
	}
	l.Texts = append(l.Texts, text{X: num(lx), row: markRow, Anchor: anchor, Class: "label", Text: t})
}

// drawGaps shades the runs of years without events, named where the
// name fits.
func (f *timelineFrame) drawGaps(p *picture) {
	for _, g := range EmptyYears(f.in.Events, f.first, f.last) {
		x0, x1 := f.sc.At(float64(g[0])), f.sc.At(float64(g[1]+1))
		p.Bands = append(p.Bands, band{X: num(x0), Y: num(tlAxisH), W: num(x1 - x0), H: num(f.H - tlAxisH), Class: "gap"})
		if f.in.GapLabel != nil && !f.in.Compact {
			lbl := f.in.GapLabel(g[0], g[1])
			if TextWidth(lbl, tlSmall) <= x1-x0-4 {
				p.Texts = append(p.Texts, text{X: num((x0 + x1) / 2), Y: num(tlAxisH + 13), Anchor: "middle", Class: "gap", Text: lbl})
			}
		}
	}
}

// drawYears draws a grid line at each year's start, the years' numbers
// (every step-th year where they would not fit) and the axis.
func (f *timelineFrame) drawYears(p *picture) {
	step := YearStep(f.pxYear, TextWidth("0000", tlFont)+6)
	for y := f.first; y <= f.last+1; y++ {
		x := f.sc.At(float64(y))
		p.Lines = append(p.Lines, shape{Kind: "line", X: num(x), Y: num(tlAxisH - 6), X2: num(x), Y2: num(f.H), Class: "grid"})
	}
	for _, y := range YearTicks(f.first, f.last, step) {
		x := f.sc.At(float64(y) + 0.5)
		anchor := "middle"
		if step > 1 {
			x, anchor = f.sc.At(float64(y)), "start"
			x += 2
		}
		p.Texts = append(p.Texts, text{X: num(x), Y: "15", Anchor: anchor, Class: "tick", Text: itoa(y)})
	}
	p.Lines = append(p.Lines, shape{Kind: "line", X: num(tlPad), Y: num(tlAxisH), X2: num(f.in.Width - tlPad), Y2: num(tlAxisH), Class: "axis"})
}

// placeEvent moves a laid-out event to its first row r: each shape and
// text gets its y, a joined pair's line goes under its marks, and (but
// in a compact strip) a transparent target covers the whole event.
func (f *timelineFrame) placeEvent(l laidEvent, r float64) mark {
	rowMid := func(r float64) float64 { return f.rowsY + r*f.rowH + f.rowH/2 }
	m := l.mark
	m.Shapes = append([]shape(nil), l.Shapes...)
	for k := range m.Shapes {
		s := &m.Shapes[k]
		cy := rowMid(r + s.row)
		switch s.Kind {
		case "dot":
			s.Y = num(cy)
		case "bar":
			h := tlBarH
			if f.in.Compact {
				h = 6
			}
			s.Y, s.H = num(cy-h/2), num(h)
		case "join":
			s.Kind, s.Y, s.Y2 = "line", num(cy), num(cy)
		}
	}
	m.Texts = append([]text(nil), l.Texts...)
	for k := range m.Texts {
		t := &m.Texts[k]
		t.Y = num(rowMid(r+t.row) + 4)
	}
	var joins, rest []shape
	for _, s := range m.Shapes {
		if strings.HasPrefix(s.Class, "join") {
			joins = append(joins, s)
		} else {
			rest = append(rest, s)
		}
	}
	m.Shapes = append(joins, rest...)
	if !f.in.Compact {
		hit := shape{Kind: "bar", Class: "hit", X: num(l.x0), W: num(l.x1 - l.x0), Y: num(f.rowsY + r*f.rowH), H: num(float64(l.rows) * f.rowH)}
		m.Shapes = append([]shape{hit}, m.Shapes...)
	}
	return m
}

// yearLinks gathers a compact strip's placed marks (one per event, in
// the events' order) into one link per year, or per run of years where
// a year is narrower than a target (24 px), each mark keeping its lane's
// colour inside the link.
func (f *timelineFrame) yearLinks(marks []mark) []mark {
	years := map[int]*mark{}
	var order []int
	per := max(1, int(math.Ceil(24/f.pxYear-1e-9))) // years per link
	firstYear := map[int]int{}
	for i, m := range marks {
		e := f.in.Events[i]
		ey := int(math.Floor(e.When.From))
		y := f.first + (ey-f.first)/per*per
		g := years[y]
		if g == nil {
			x0, x1 := f.sc.At(float64(y)), f.sc.At(float64(min(y+per, f.last+1)))
			g = &mark{URL: f.in.YearURL(ey), Class: "year", Shapes: []shape{{Kind: "bar", Class: "hit", X: num(x0), W: num(x1 - x0), Y: num(tlAxisH), H: num(f.H - tlAxisH)}}}
			years[y] = g
			firstYear[y] = ey
			order = append(order, y)
		}
		g.Shapes = append(g.Shapes, m.Shapes...)
		g.titles = append(g.titles, e.Title)
	}
	sort.Ints(order)
	var out []mark
	for _, y := range order {
		g := years[y]
		to := firstYear[y]
		for _, t := range f.in.Events {
			if ey := int(math.Floor(t.When.From)); ey >= y && ey < y+per {
				to = max(to, ey)
			}
		}
		g.Label = f.in.YearLabel(firstYear[y], to, g.titles)
		out = append(out, *g)
	}
	return out
}

// Spread places labels centred as near their marks' centres as they can
// be without overlapping: in order of their centres, each label moves
// right just enough to keep gap from the one before (two variants of a
// date a few months apart would otherwise print their sources on top of
// each other). It returns each label's centre, in the input's order.
func Spread(centres, widths []float64, gap float64) []float64 {
	order := make([]int, len(centres))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return centres[order[a]] < centres[order[b]] })
	out := make([]float64, len(centres))
	right := math.Inf(-1)
	for _, i := range order {
		x := math.Max(centres[i], right+gap+widths[i]/2)
		out[i] = x
		right = x + widths[i]/2
	}
	return out
}
