package draw

import (
	"bytes"
	_ "embed"
	"html/template"
	"strconv"
)

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
