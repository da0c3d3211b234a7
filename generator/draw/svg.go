package draw

import (
	"bytes"
	_ "embed"
	"html/template"
	"strconv"
)

// KeyItem explains one shape or colour of a picture.
type KeyItem struct {
	Shape string // dot, bar, approx, join, range, edge, cell; "title" starts a group
	Class string
	Label string
}

// The picture as the template writes it: every number already a short
// string (see num), every colour a class.
type text struct {
	X, Y   string
	Anchor string // start, middle, end
	Class  string
	Text   string
	Rotate string  // "-45 x y"
	row    float64 // row offset within its event, while laying out
}

type shape struct {
	Kind       string // dot, bar, line
	X, Y, W, H string
	X2, Y2     string // lines
	R          string
	Class      string
	row        float64
}

type mark struct {
	URL, Label string
	Class      string
	Shapes     []shape
	Texts      []text
	titles     []string
	// Shapes by element, filled just before writing (see execute).
	Hits, Lines, Rects, Dots []shape
}

type band struct{ X, Y, W, H, Class string }

type picture struct {
	ID, Title, Desc string
	W, H            string
	Bands           []band
	Lines           []shape
	Texts           []text
	Marks           []mark
	Key             []KeyItem
	KeyGroups       [][]KeyItem
	Note            string
	Kind            string
	Fit             string // "wide" or "narrow": shown only at such widths
}

//go:embed svg.html
var svgSrc string

var svgTmpl = template.Must(template.New("svg").Parse(svgSrc))

// execute writes a picture through its template. The templates are the
// package's own and their data is built here, so an error is a bug.
func execute(name string, data any) template.HTML {
	if p, ok := data.(picture); ok {
		// A key is one list per group; a "title" item starts a group.
		for _, k := range p.Key {
			if k.Shape == "title" || len(p.KeyGroups) == 0 {
				p.KeyGroups = append(p.KeyGroups, nil)
			}
			p.KeyGroups[len(p.KeyGroups)-1] = append(p.KeyGroups[len(p.KeyGroups)-1], k)
		}
		// Each mark's shapes by element, in drawing order: the
		// transparent target, then lines under bars under dots. The
		// template then needs no test per shape (a third of its time).
		p.Lines = classed(p.Lines, "")
		p.Texts = anchored(p.Texts)
		for i := range p.Marks {
			m := &p.Marks[i]
			for _, s := range m.Shapes {
				switch {
				case s.Class == "hit":
					m.Hits = append(m.Hits, s)
				case s.Kind == "line" || s.Kind == "join":
					m.Lines = append(m.Lines, s)
				case s.Kind == "bar":
					m.Rects = append(m.Rects, s)
				default:
					m.Dots = append(m.Dots, s)
				}
			}
			m.Rects, m.Dots = classed(m.Rects, "bar"), classed(m.Dots, "dot")
			m.Texts = anchored(m.Texts)
		}
		data = p
	}
	var b bytes.Buffer
	if err := svgTmpl.ExecuteTemplate(&b, name, data); err != nil {
		panic("draw: " + err.Error())
	}
	return template.HTML(b.String())
}

func itoa(i int) string { return strconv.Itoa(i) }

// classed returns shapes with their element's class first: "bar k-a".
func classed(ss []shape, elem string) []shape {
	out := make([]shape, len(ss))
	for i, s := range ss {
		switch {
		case elem == "":
		case s.Class == "":
			s.Class = elem
		default:
			s.Class = elem + " " + s.Class
		}
		out[i] = s
	}
	return out
}

// anchored drops the default anchor (start), which need not be written.
func anchored(ts []text) []text {
	out := make([]text, len(ts))
	for i, t := range ts {
		if t.Anchor == "start" {
			t.Anchor = ""
		}
		out[i] = t
	}
	return out
}
