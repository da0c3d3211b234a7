package draw

import (
	"bytes"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"sync"

	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
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
	// More yields marks made as they are written, after Marks: the
	// rows of a big grid or timeline need not all be held at once.
	More iter.Seq[mark]
}

// execute writes a picture. It is written by hand rather than through
// a template: a 10,000-event site's pictures took 0.6 s of html/template
// calls made through reflection. What it writes is what the template in
// testdata/svg.html writes, byte for byte, escaping as html/template
// does (TestWriterMatchesTemplate).
func execute(name string, data any) template.HTML {
	p, ok := data.(picture)
	if !ok || name != "picture" {
		panic("draw: no picture to write") // the package's own calls: a bug
	}
	p = prepareFrame(p)
	buf := svgBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	w := svgWriter{buf}
	w.picture(&p)
	out := template.HTML(buf.String())
	if buf.Cap() <= 1<<20 { // a rare huge picture's is let go
		svgBuffers.Put(buf)
	}
	return out
}

// svgBuffers are the buffers pictures are written into, used again: a
// picture grows one to its size once, rather than a builder of its own
// by doubling, and is then copied out at its size.
var svgBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// prepareFrame groups a picture's key and readies its lines and texts;
// each mark is readied as it is written (prepareMark).
func prepareFrame(p picture) picture {
	// A key is one list per group; a "title" item starts a group.
	p.KeyGroups = nil
	for _, k := range p.Key {
		if k.Shape == "title" || len(p.KeyGroups) == 0 {
			p.KeyGroups = append(p.KeyGroups, nil)
		}
		p.KeyGroups[len(p.KeyGroups)-1] = append(p.KeyGroups[len(p.KeyGroups)-1], k)
	}
	// Each mark's shapes by element, in drawing order: the transparent
	// target, then lines under bars under dots.
	p.Lines = classed(p.Lines, "")
	p.Texts = anchored(p.Texts)
	return p
}

// prepareMark sorts a mark's shapes by the element that draws them, in
// drawing order: the transparent target, then lines under bars under
// dots. The mark it is given stays as it was.
func prepareMark(m mark) mark {
	m.Hits, m.Lines, m.Rects, m.Dots = nil, nil, nil, nil
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
	return m
}

// svgWriter writes a picture's markup; its methods take the picture's
// parts in the order they are written.
type svgWriter struct{ *bytes.Buffer }

// raw writes markup as it is; esc writes text or an attribute value
// escaped; url writes a link's address as html/template would in href.
func (w *svgWriter) raw(parts ...string) {
	for _, s := range parts {
		w.WriteString(s)
	}
}

func (w *svgWriter) esc(s string) { w.WriteString(escapeHTML(s)) }

func (w *svgWriter) url(s string) {
	if !isSafeURL(s) {
		s = "#ZgotmplZ"
	}
	w.esc(normalizeURL(s))
}

// attr writes ` name="value"`, value escaped.
func (w *svgWriter) attr(name, value string) {
	w.raw(" ", name, `="`)
	w.esc(value)
	w.raw(`"`)
}

func (w *svgWriter) picture(p *picture) {
	w.raw(`<figure class="draw draw-`)
	w.esc(p.Kind)
	if p.Fit != "" {
		w.raw(" draw-only-")
		w.esc(p.Fit)
	}
	w.raw(`"`)
	w.attr("id", p.ID)
	w.raw(">\n", `<div class="draw-scroll" role="region" tabindex="0" aria-labelledby="`)
	w.esc(p.ID)
	w.raw(`-t">`, "\n", `<svg xmlns="http://www.w3.org/2000/svg" role="group"`)
	w.attr("width", p.W)
	w.attr("height", p.H)
	w.raw(` viewBox="0 0 `)
	w.esc(p.W)
	w.raw(" ")
	w.esc(p.H)
	w.raw(`" aria-labelledby="`)
	w.esc(p.ID)
	w.raw(`-t" aria-describedby="`)
	w.esc(p.ID)
	w.raw(`-d">`, "\n", `<title id="`)
	w.esc(p.ID)
	w.raw(`-t">`)
	w.esc(p.Title)
	w.raw("</title>\n", `<desc id="`)
	w.esc(p.ID)
	w.raw(`-d">`)
	w.esc(p.Desc)
	w.raw("</desc>")
	for _, b := range p.Bands {
		w.raw("\n", `<rect class="band `)
		w.esc(b.Class)
		w.raw(`"`)
		w.box(b.X, b.Y, b.W, b.H)
		w.raw(` aria-hidden="true"/>`)
	}
	for _, l := range p.Lines {
		w.raw("\n")
		w.line(l)
	}
	for _, t := range p.Texts {
		w.raw("\n")
		w.text(t, true)
	}
	for _, m := range p.Marks {
		w.raw("\n")
		w.mark(prepareMark(m))
	}
	if p.More != nil {
		for m := range p.More {
			w.raw("\n")
			w.mark(prepareMark(m))
		}
	}
	w.raw("\n</svg>\n</div>")
	if len(p.Key) > 0 || p.Note != "" {
		w.raw("\n<figcaption>")
		for _, g := range p.KeyGroups {
			w.raw(`<ul class="draw-key">`)
			for _, k := range g {
				w.key(k)
			}
			w.raw("\n</ul>")
		}
		if p.Note != "" {
			w.raw(`<p class="draw-note">`)
			w.esc(p.Note)
			w.raw("</p>")
		}
		w.raw("\n</figcaption>")
	}
	w.raw("\n</figure>")
}
func (w *svgWriter) mark(m mark) {
	w.raw(`<a href="`)
	w.url(m.URL)
	w.raw(`" class="mark `)
	w.esc(m.Class)
	w.raw(`"><title>`)
	w.esc(m.Label)
	w.raw("</title>")
	for _, s := range m.Hits {
		w.raw(`<rect class="bar hit"`)
		w.box(s.X, s.Y, s.W, s.H)
		w.raw("/>")
	}
	for _, s := range m.Lines {
		w.line(s)
	}
	for _, s := range m.Rects {
		w.raw("<rect")
		w.attr("class", s.Class)
		w.box(s.X, s.Y, s.W, s.H)
		w.raw("/>")
	}
	for _, s := range m.Dots {
		w.raw("<circle")
		w.attr("class", s.Class)
		w.attr("cx", s.X)
		w.attr("cy", s.Y)
		w.attr("r", s.R)
		w.raw("/>")
	}
	for _, t := range m.Texts {
		w.text(t, false)
	}
	w.raw("</a>")
}

func (w *svgWriter) box(x, y, wd, h string) {
	w.attr("x", x)
	w.attr("y", y)
	w.attr("width", wd)
	w.attr("height", h)
}

func (w *svgWriter) line(l shape) {
	w.raw("<line")
	w.attr("class", l.Class)
	w.attr("x1", l.X)
	w.attr("y1", l.Y)
	w.attr("x2", l.X2)
	w.attr("y2", l.Y2)
	w.raw("/>")
}

// text writes a label; the picture's own may be turned (rotate), a
// mark's may not.
func (w *svgWriter) text(t text, rotate bool) {
	w.raw("<text")
	w.attr("class", t.Class)
	w.attr("x", t.X)
	w.attr("y", t.Y)
	if t.Anchor != "" {
		w.attr("text-anchor", t.Anchor)
	}
	if rotate && t.Rotate != "" {
		w.raw(` transform="rotate(`)
		w.esc(t.Rotate)
		w.raw(`)"`)
	}
	w.raw(">")
	w.esc(t.Text)
	w.raw("</text>")
}

// keyShapes are the little pictures of a key's items, by shape.
var keyShapes = map[string]string{
	"dot":    `<circle class="dot" cx="11" cy="6" r="4.5"/>`,
	"join":   `<line class="join" x1="4" y1="6" x2="18" y2="6"/><circle class="dot approx" cx="4" cy="6" r="3.5"/><circle class="dot approx" cx="18" cy="6" r="3.5"/>`,
	"approx": `<rect class="bar approx" x="1" y="2" width="20" height="8"/>`,
	"range":  `<rect class="bar range" x="1" y="3" width="20" height="6"/>`,
	"edge":   `<line class="edge" x1="1" y1="6" x2="21" y2="6"/>`,
	"cell":   `<rect class="cell" x="6" y="1" width="10" height="10"/>`,
	"":       `<rect class="bar" x="1" y="2" width="20" height="8"/>`, // a bar, and any other shape
}

func (w *svgWriter) key(k KeyItem) {
	w.raw("\n<li")
	if k.Shape == "title" {
		w.raw(` class="key-title">`)
		w.esc(k.Label)
		w.raw("</li>")
		return
	}
	shape, ok := keyShapes[k.Shape]
	if !ok {
		shape = keyShapes[""]
	}
	w.raw(`><svg width="22" height="12" viewBox="0 0 22 12" aria-hidden="true" class="`)
	w.esc(k.Class)
	w.raw(`">`, shape, "</svg>")
	w.esc(k.Label)
	w.raw("</li>")
}

// escapeHTML escapes text and quoted attribute values as html/template
// does (its htmlReplacementTable). The characters escaped are ASCII, so
// it goes byte by byte, and keeps invalid UTF-8 as it is, as that does.
func escapeHTML(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		if written == 0 {
			b.Grow(len(s) + 16)
		}
		b.WriteString(s[written:i])
		b.WriteString(repl)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

// isSafeURL is html/template's test of a link's scheme: none, http,
// https or mailto.
func isSafeURL(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}

// normalizeURL percent-encodes what html/template's URL normalizer does:
// every byte but the unreserved and reserved characters of RFC 3986, and
// a per cent sign that does not start an escape.
func normalizeURL(s string) string {
	var b strings.Builder
	written := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("!#$&*+,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[written:i])
		fmt.Fprintf(&b, "%%%02x", c)
		written = i + 1
	}
	if written == 0 {
		return s
	}
	b.WriteString(s[written:])
	return b.String()
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
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
