package draw

import (
	"math"

	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
)

// Column is one source of the coverage grid.
type Column struct {
	Label, URL string
	Class      string // e.g. "ai" for the AI-rewritten source
}

// Row is one event of the coverage grid: which sources attest it.
type Row struct {
	Label, URL, Date string
	Name             string // accessible name of the row's link: it names the sources
	Cells            []int  // the columns of the sources that attest the event, ascending
	Flag             string // e.g. "only WSJ": shown at the row's end
	FlagClass        string // "one" or "ai"
}

// Coverage is the input of the grid of events against sources.
type Coverage struct {
	ID, Title, Desc string
	Columns         []Column
	Rows            []Row
	Key             []KeyItem
	Note            string
	// Narrow fits a phone: no date column, shorter titles, no flags (a
	// lone square says as much), heads set upright.
	Narrow bool
	Fit    string // see Timeline.Fit
}

const (
	cvRowH   = 24.0 // each row is a link: 24 px targets (WCAG 2.2)
	cvColW   = 30.0
	cvFont   = 12.0
	cvSmall  = 11.0
	cvDateW  = 130.0
	cvTitleW = 380.0
	cvFlagW  = 240.0
	cvCell   = 12.0
)

// DrawCoverage lays out and writes the grid.
func DrawCoverage(in Coverage) template.HTML {
	if len(in.Rows) == 0 || len(in.Columns) == 0 {
		return ""
	}
	// Column heads are set at 45° (upright when narrow): the header is
	// as tall as the longest.
	slant, angle := math.Sqrt2/2, "-45 "
	if in.Narrow {
		slant, angle = 1, "-90 "
	}
	head := 0.0
	for _, c := range in.Columns {
		head = math.Max(head, TextWidth(c.Label, cvSmall)*slant+10)
	}
	dateW, titleW, flagW := 0.0, cvTitleW, cvFlagW
	if in.Narrow {
		titleW, flagW = 160, 0
	} else {
		for _, r := range in.Rows {
			dateW = math.Max(dateW, TextWidth(r.Date, cvSmall)+8)
		}
		dateW = math.Min(dateW, cvDateW)
	}
	x0 := tlPad + dateW + titleW + 8
	gridW := float64(len(in.Columns)) * cvColW
	W := x0 + gridW + 10 + flagW
	if !in.Narrow {
		// The last heads lean right beyond the grid; room for them.
		W = math.Max(W, x0+gridW+head)
	}
	H := head + float64(len(in.Rows))*cvRowH + 8
	p := picture{ID: in.ID, Title: in.Title, Desc: in.Desc, W: num(W), H: num(H), Key: in.Key, Note: in.Note, Kind: "coverage", Fit: in.Fit}
	for j, c := range in.Columns {
		cx := x0 + float64(j)*cvColW + cvColW/2
		if c.Class != "" {
			p.Bands = append(p.Bands, band{X: num(cx - cvColW/2), Y: num(head), W: num(cvColW), H: num(H - head - 4), Class: c.Class})
		}
		// The heads are not links (the sources are listed above): set
		// at 45°, their boxes would crowd each other as targets.
		hx := cx - 3
		if in.Narrow {
			hx = cx + 4 // upright: the baseline is beside the column's centre
		}
		p.Texts = append(p.Texts, text{X: num(hx), Y: num(head - 6), Anchor: "start", Class: "head " + c.Class, Text: c.Label, Rotate: angle + num(hx) + " " + num(head-6)})
	}
	for i, r := range in.Rows {
		top := head + float64(i)*cvRowH
		cy := top + cvRowH/2
		if i%2 == 1 {
			p.Bands = append(p.Bands, band{X: num(tlPad), Y: num(top), W: num(x0 + gridW - tlPad), H: num(cvRowH), Class: "zebra"})
		}
		if !in.Narrow {
			p.Texts = append(p.Texts, text{X: num(tlPad), Y: num(cy + 4), Anchor: "start", Class: "date", Text: Fit(r.Date, cvSmall, dateW-6)})
		}
	}
	// The rows' links are made as they are written: held at once, those
	// of 7,000 events were 20 MB.
	g := cvGrid{in: in, head: head, dateW: dateW, titleW: titleW, x0: x0, gridW: gridW, W: W}
	p.More = func(yield func(mark) bool) {
		for i, r := range in.Rows {
			if !yield(g.row(i, r)) {
				return
			}
		}
	}
	return execute("picture", p)
}

// cvGrid is where a coverage grid's parts go: the header's height, the
// date and title columns' widths, the grid's left edge and width, and
// the picture's width.
type cvGrid struct {
	in                                Coverage
	head, dateW, titleW, x0, gridW, W float64
}

// row is row i's link to its event: title, squares and flag. Its name
// says which sources attest it.
func (g cvGrid) row(i int, r Row) mark {
	in, dateW, titleW, x0, gridW, W := g.in, g.dateW, g.titleW, g.x0, g.gridW, g.W
	top := g.head + float64(i)*cvRowH
	cy := top + cvRowH/2
	m := mark{URL: r.URL, Label: r.Name, Class: "row",
		Shapes: []shape{{Kind: "bar", Class: "hit", X: num(tlPad + dateW - 2), Y: num(top), W: num(W - tlPad - (tlPad + dateW - 2)), H: num(cvRowH)}},
		Texts:  []text{{X: num(tlPad + dateW), Y: num(cy + 4), Anchor: "start", Class: "label", Text: Fit(r.Label, cvFont, titleW-6)}}}
	for _, j := range r.Cells {
		cx := x0 + float64(j)*cvColW + cvColW/2
		cls := "cell"
		if in.Columns[j].Class != "" {
			cls += " " + in.Columns[j].Class
		}
		m.Shapes = append(m.Shapes, shape{Kind: "bar", X: num(cx - cvCell/2), Y: num(cy - cvCell/2), W: num(cvCell), H: num(cvCell), Class: cls})
	}
	if r.Flag != "" && !in.Narrow {
		m.Texts = append(m.Texts, text{X: num(x0 + gridW + 10), Y: num(cy + 4), Anchor: "start", Class: "flag " + r.FlagClass, Text: Fit(r.Flag, cvSmall, cvFlagW)})
	}
	return m
}
