package draw

import (
	"math"

	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
)

// Figure is one source's number for a contested quantity: an amount
// (Low == High) or a range.
type Figure struct {
	Source string // short name of the source
	Value  string // the figure as the source words it
	URL    string // the cited passage
	Label  string // accessible name of its link
	Low    float64
	High   float64
}

// Figures is the input of a contested figure's chart: every version on
// one axis from zero, in units of Scale (1e6: millions).
type Figures struct {
	ID, Title, Desc string
	Figures         []Figure
	Scale           float64
	Key             []KeyItem
	Note            string // says the unit and scale
	Width           float64
	Fit             string // see Timeline.Fit
}

const (
	fgRowH  = 26.0
	fgFont  = 12.0
	fgTop   = 8.0
	fgAxisH = 26.0
)

// DrawFigures lays out and writes the chart; nil input draws nothing.
func DrawFigures(in Figures) template.HTML {
	if len(in.Figures) == 0 {
		return ""
	}
	scale := in.Scale
	if scale <= 0 {
		scale = 1
	}
	top := 0.0
	left := 0.0
	for _, f := range in.Figures {
		top = math.Max(top, f.High/scale)
		left = math.Max(left, TextWidth(f.Source, fgFont))
	}
	ticks := NiceTicks(0, top, 4)
	W := in.Width
	x0 := tlPad + left + 12
	// The last tick's label is centred on the axis's end: room for half.
	sc := Linear{D0: 0, D1: ticks[len(ticks)-1], R0: x0, R1: W - tlPad - TextWidth(num(ticks[len(ticks)-1]), 11)/2}
	H := fgTop + float64(len(in.Figures))*fgRowH + fgAxisH
	p := picture{ID: in.ID, Title: in.Title, Desc: in.Desc, W: num(W), H: num(H), Key: in.Key, Note: in.Note, Kind: "figures", Fit: in.Fit}
	axisY := fgTop + float64(len(in.Figures))*fgRowH + 4
	for _, t := range ticks {
		x := sc.At(t)
		p.Lines = append(p.Lines, shape{Kind: "line", X: num(x), Y: num(fgTop), X2: num(x), Y2: num(axisY + 4), Class: "grid"})
		p.Texts = append(p.Texts, text{X: num(x), Y: num(axisY + 17), Anchor: "middle", Class: "tick", Text: num(t)})
	}
	p.Lines = append(p.Lines, shape{Kind: "line", X: num(x0), Y: num(axisY), X2: num(sc.R1), Y2: num(axisY), Class: "axis"})
	for i, f := range in.Figures {
		cy := fgTop + float64(i)*fgRowH + fgRowH/2
		m := mark{URL: f.URL, Label: f.Label, Class: "k-figure"}
		m.Shapes = append(m.Shapes, shape{Kind: "bar", Class: "hit", X: num(tlPad), Y: num(cy - 12), W: num(W - 2*tlPad), H: "24"})
		a, b := sc.At(f.Low/scale), sc.At(f.High/scale)
		if f.High > f.Low {
			m.Shapes = append(m.Shapes,
				shape{Kind: "bar", X: num(a), Y: num(cy - 4), W: num(b - a), H: "8", Class: "range"},
				shape{Kind: "line", X: num(a), Y: num(cy - 7), X2: num(a), Y2: num(cy + 7), Class: "cap"},
				shape{Kind: "line", X: num(b), Y: num(cy - 7), X2: num(b), Y2: num(cy + 7), Class: "cap"})
		} else {
			m.Shapes = append(m.Shapes, shape{Kind: "dot", X: num(a), Y: num(cy), R: "5"})
			a, b = a-5, a+5
		}
		m.Texts = append(m.Texts, text{X: num(x0 - 12), Y: num(cy + 4), Anchor: "end", Class: "row-label", Text: f.Source})
		// The value beside its mark, on the side with more room.
		right := W - tlPad - (b + 6)
		leftRoom := a - 6 - (x0 + 2)
		if right >= leftRoom || TextWidth(f.Value, fgFont) <= right {
			m.Texts = append(m.Texts, text{X: num(b + 6), Y: num(cy + 4), Anchor: "start", Class: "label", Text: Fit(f.Value, fgFont, right)})
		} else {
			m.Texts = append(m.Texts, text{X: num(a - 6), Y: num(cy + 4), Anchor: "end", Class: "label", Text: Fit(f.Value, fgFont, leftRoom)})
		}
		p.Marks = append(p.Marks, m)
	}
	return execute("picture", p)
}
