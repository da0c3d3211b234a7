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
	var b bytes.Buffer
	if err := svgTmpl.ExecuteTemplate(&b, name, data); err != nil {
		panic("draw: " + err.Error())
	}
	return template.HTML(b.String())
}

func itoa(i int) string { return strconv.Itoa(i) }
