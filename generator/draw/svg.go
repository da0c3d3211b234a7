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
		data = p
	}
	var b bytes.Buffer
	if err := svgTmpl.ExecuteTemplate(&b, name, data); err != nil {
		panic("draw: " + err.Error())
	}
	return template.HTML(b.String())
}

func itoa(i int) string { return strconv.Itoa(i) }
