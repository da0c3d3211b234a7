package markdown

import (
	"bufio"
	"bytes"
	"errors"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Decoration wraps a span of a block's plain text in markup: an entity
// mention link or an annotation highlight. Decorations of one block must
// nest or be disjoint; the site graph guarantees that.
type Decoration struct {
	Start, End  int
	Open, Close string // trusted HTML, built by the caller with escaping
	// Reopen and Suspend are written where a decoration continues across
	// inline markup: Open and Close may carry an id or a note number that
	// must appear once. Empty means the same as Open and Close.
	Reopen, Suspend string
}

// RenderOptions carries the site graph's decisions into rendering.
type RenderOptions struct {
	// Wiki returns the URL of a wikilink's target and its title, shown
	// when the link has no label of its own.
	Wiki func(*WikiLink) (href, title string, ok bool)
	// Link rewrites a relative .md link destination to a URL.
	Link func(dest string) (href string, ok bool)
	// Cite returns the HTML of an inline citation marker.
	Cite func(*Citation) string
	// Decorate lists the decorations of each block, keyed by Block.Node.
	Decorate map[ast.Node][]Decoration
	// After is trusted HTML written with a block (annotation notes):
	// around a paragraph by NotesHook, before the end of a list item.
	After map[ast.Node]string
	// Blocks are the parsed blocks, to map text nodes to block offsets.
	Blocks []*Block
	// NoIDs leaves out paragraph anchors: for text shown inside another
	// page (an annotation's note in its source), whose ids could clash.
	NoIDs bool
	// LinkHook returns the markup written before and after the text of
	// a Markdown link or a wikilink: the site's link template. Nil
	// writes <a href title class>.
	LinkHook func(LinkAttrs) (open, close string)
	// HeadingHook returns the markup written before and after a
	// heading's text: the site's heading template. Nil writes
	// <hN id>.
	HeadingHook func(HeadingAttrs) (open, close string)
	// NotesHook returns the markup written before and after a paragraph
	// that has notes (After, trusted HTML): the site's template. Nil
	// writes <div class="para"> with the notes first.
	NotesHook func(notes string) (open, close string)
}

// HeadingAttrs is a heading as HeadingHook gets it.
type HeadingAttrs struct {
	Level int    // 1 to 6
	ID    string // its anchor (Block.ID)
}

// LinkAttrs is a Markdown link or a wikilink as LinkHook gets it.
type LinkAttrs struct {
	// Href is the link's URL, percent-escaped but not HTML-escaped; ""
	// for a URL whose scheme is not http, https or mailto, and for a
	// wikilink to no document.
	Href  string
	Title string // a Markdown link's title ([text](url "title"))
	// Kind is "ext" for a link to another site, "broken" for a relative
	// link or a wikilink to no document, "" for a link within the site.
	Kind string
	Wiki bool // a [[wikilink]]
}

// linkMarkup is a link's opening and closing markup: the hook's, or
// the renderer's own.
func (o *RenderOptions) linkMarkup(a LinkAttrs) (open, close string) {
	if o.LinkHook != nil {
		return o.LinkHook(a)
	}
	if a.Wiki && a.Kind == "broken" {
		return `<span class="broken">`, `</span>`
	}
	var s strings.Builder
	s.WriteString(`<a href="` + escape(a.Href) + `"`)
	if a.Title != "" {
		s.WriteString(` title="` + escape(a.Title) + `"`)
	}
	if a.Kind != "" {
		s.WriteString(` class="` + a.Kind + `"`)
	}
	s.WriteByte('>')
	return s.String(), "</a>"
}

// Render writes p's body as HTML. Safe for concurrent use on one Parsed.
func (m *Markdown) Render(w *bytes.Buffer, src []byte, p *Parsed, opts RenderOptions) error {
	if p.Doc == nil {
		return errReleased
	}
	// A block's id is looked up here rather than kept on its node as an
	// attribute: that took some 60 MB of a 10,000-page build's heap.
	ids := make(map[ast.Node]string, len(p.Blocks))
	for _, b := range p.Blocks {
		ids[b.Node] = b.ID
	}
	rp := renderers.Get().(*pooledRenderer)
	defer rp.done()
	nr := rp.nr
	*nr = nodeRenderer{opts: opts, src: src, ids: ids, runs: map[ast.Node]runInfo{}, closes: map[ast.Node]string{}}
	for _, b := range opts.Blocks {
		decos := opts.Decorate[b.Node]
		if len(decos) == 0 {
			continue
		}
		sort.SliceStable(decos, func(i, j int) bool {
			if decos[i].Start != decos[j].Start {
				return decos[i].Start < decos[j].Start
			}
			return decos[i].End > decos[j].End
		})
		for i, r := range b.Runs {
			nr.runs[b.RunNode(i)] = runInfo{start: int(r.Start), decos: decos}
		}
	}
	rp.bw.Reset(w)
	return rp.r.Render(rp.bw, src, p.Doc) // flushes
}

// pooledRenderer is a goldmark renderer bound to a nodeRenderer whose
// fields each Render sets, and the buffered writer it writes through:
// made once per pool entry instead of once per body (a renderer's
// function table and a 4 KiB writer each, thousands a build).
type pooledRenderer struct {
	r  renderer.Renderer
	nr *nodeRenderer
	bw *bufio.Writer
}

var renderers = sync.Pool{New: func() any {
	nr := &nodeRenderer{}
	nrs := []util.PrioritizedValue{util.Prioritized(html.NewRenderer(), 1000), util.Prioritized(nr, 100)}
	for _, e := range extensions {
		nrs = append(nrs, e.renderers...)
	}
	return &pooledRenderer{r: renderer.NewRenderer(renderer.WithNodeRenderers(nrs...)), nr: nr, bw: bufio.NewWriter(nil)}
}}

// done returns the renderer to the pool, holding nothing of the body.
func (rp *pooledRenderer) done() {
	*rp.nr = nodeRenderer{}
	rp.bw.Reset(nil)
	renderers.Put(rp)
}

type runInfo struct {
	start int
	decos []Decoration
}

// errReleased is the error of rendering a tree that was let go.
var errReleased = errors.New("markdown: rendering a released syntax tree")

type nodeRenderer struct {
	opts   RenderOptions
	src    []byte
	ids    map[ast.Node]string // the blocks' ids, by node
	runs   map[ast.Node]runInfo
	closes map[ast.Node]string // what ends a link, heading or paragraph with notes being written
}

func (r *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindText, r.text)
	reg.Register(ast.KindString, r.text)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.image)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindParagraph, r.paragraph)
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindListItem, r.listItem)
	reg.Register(KindWikiLink, r.wiki)
	reg.Register(KindCitation, r.cite)
}

func (r *nodeRenderer) text(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	t := TextOf(n, src)
	soft := false
	if tn, ok := n.(*ast.Text); ok && (tn.SoftLineBreak() || tn.HardLineBreak()) {
		t = strings.TrimSuffix(t, " ")
		soft = true
	}
	info, ok := r.runs[n]
	if !ok {
		escapeTo(w, t)
	} else {
		writeDecorated(w, t, info.start, info.decos)
	}
	if tn, ok := n.(*ast.Text); ok && tn.HardLineBreak() {
		_, _ = w.WriteString("<br>\n")
	} else if soft {
		_ = w.WriteByte('\n')
	}
	return ast.WalkContinue, nil
}

// writeDecorated writes t, which starts at block offset base, opening and
// closing each decoration that intersects it. A decoration that spans
// several text nodes is closed at the end of each and reopened in the
// next, which keeps the HTML well nested whatever markup lies between.
func writeDecorated(w util.BufWriter, t string, base int, decos []Decoration) {
	end := base + len(t)
	type ev struct {
		pos  int
		open bool
		i    int
	}
	var evs []ev
	for i, d := range decos {
		s, e := max(d.Start, base), min(d.End, end)
		if s >= e && !(d.Start == d.End && d.Start >= base && d.Start < end) {
			continue
		}
		evs = append(evs, ev{s, true, i}, ev{e, false, i})
	}
	if len(evs) == 0 {
		escapeTo(w, t)
		return
	}
	sort.SliceStable(evs, func(a, b int) bool {
		if evs[a].pos != evs[b].pos {
			return evs[a].pos < evs[b].pos
		}
		if evs[a].open != evs[b].open {
			return !evs[a].open // closes first
		}
		if evs[a].open {
			return evs[a].i < evs[b].i // outer (earlier, longer) opens first
		}
		return evs[a].i > evs[b].i
	})
	at := base
	for _, e := range evs {
		if e.pos > at {
			escapeTo(w, t[at-base:e.pos-base])
			at = e.pos
		}
		d := decos[e.i]
		switch {
		case e.open && (e.pos == d.Start || d.Reopen == ""):
			_, _ = w.WriteString(d.Open)
		case e.open:
			_, _ = w.WriteString(d.Reopen)
		case e.pos == d.End || d.Suspend == "":
			_, _ = w.WriteString(d.Close)
		default:
			_, _ = w.WriteString(d.Suspend)
		}
	}
	if at < end {
		escapeTo(w, t[at-base:])
	}
}

// escape is s escaped as util.EscapeHTML escapes it: s itself when
// nothing needs escaping.
func escape(s string) string {
	for i := 0; i < len(s); i++ {
		if util.EscapeHTMLByte(s[i]) != nil {
			return string(util.EscapeHTML([]byte(s)))
		}
	}
	return s
}

// escapeTo writes s escaped as escape does, without a copy of it.
func escapeTo(w util.BufWriter, s string) {
	n := 0
	for i := 0; i < len(s); i++ {
		if e := util.EscapeHTMLByte(s[i]); e != nil {
			_, _ = w.WriteString(s[n:i])
			_, _ = w.Write(e)
			n = i + 1
		}
	}
	_, _ = w.WriteString(s[n:])
}

func (r *nodeRenderer) link(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Link)
	if !entering {
		_, _ = w.WriteString(r.closes[n])
		delete(r.closes, n)
		return ast.WalkContinue, nil
	}
	dest := string(n.Destination)
	kind := ""
	if IsRelativePath(dest) && r.opts.Link != nil {
		if href, ok := r.opts.Link(dest); ok {
			dest = href
		} else {
			kind = "broken"
		}
	} else if strings.Contains(dest, "://") {
		kind = "ext"
	}
	open, close := r.opts.linkMarkup(LinkAttrs{Href: string(safeHref([]byte(dest), true)), Title: string(n.Title), Kind: kind})
	r.closes[n] = close
	_, _ = w.WriteString(open)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) paragraph(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	after, has := r.opts.After[n]
	if entering {
		if has {
			open, close := r.opts.notesMarkup(after)
			r.closes[n] = close
			_, _ = w.WriteString(open)
		}
		_, _ = w.WriteString("<p")
		r.writeBlockID(w, n)
		_ = w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	_, _ = w.WriteString("</p>\n")
	if has {
		_, _ = w.WriteString(r.closes[n] + "\n")
		delete(r.closes, n)
	}
	return ast.WalkContinue, nil
}

// writeBlockID writes the id attribute of the block n starts, if it
// starts one and ids are wanted.
func (r *nodeRenderer) writeBlockID(w util.BufWriter, n ast.Node) {
	if id, ok := r.ids[n]; ok && !r.opts.NoIDs {
		writeID(w, id)
	}
}

// writeID writes an id attribute.
func writeID(w util.BufWriter, id string) {
	_, _ = w.WriteString(` id="`)
	_, _ = w.Write(util.EscapeHTML([]byte(id)))
	_ = w.WriteByte('"')
}

// notesMarkup is the markup around a paragraph that has notes (After):
// the hook's, or the renderer's own. The notes come first: on wide
// screens they float into the margin level with the paragraph's first
// line; on narrow ones the stylesheet shows them after it.
func (o *RenderOptions) notesMarkup(notes string) (open, close string) {
	if o.NotesHook != nil {
		return o.NotesHook(notes)
	}
	return `<div class="para">` + notes, `</div>`
}

func (r *nodeRenderer) heading(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	if r.opts.HeadingHook == nil {
		// goldmark's own heading markup.
		if entering {
			_, _ = w.WriteString("<h")
			_ = w.WriteByte("0123456"[n.Level])
			if id, ok := r.ids[n]; ok {
				writeID(w, id)
			}
			_ = w.WriteByte('>')
		} else {
			_, _ = w.WriteString("</h")
			_ = w.WriteByte("0123456"[n.Level])
			_, _ = w.WriteString(">\n")
		}
		return ast.WalkContinue, nil
	}
	if !entering {
		_, _ = w.WriteString(r.closes[n] + "\n")
		delete(r.closes, n)
		return ast.WalkContinue, nil
	}
	a := HeadingAttrs{Level: n.Level, ID: r.ids[n]}
	open, close := r.opts.HeadingHook(a)
	r.closes[n] = close
	_, _ = w.WriteString(open)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) listItem(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		_, _ = w.WriteString("<li")
		r.writeBlockID(w, n)
		_ = w.WriteByte('>')
		fc := n.FirstChild()
		if fc != nil {
			if _, ok := fc.(*ast.TextBlock); !ok {
				_ = w.WriteByte('\n')
			}
		}
		return ast.WalkContinue, nil
	}
	if after, ok := r.opts.After[n]; ok {
		_, _ = w.WriteString(after)
	}
	_, _ = w.WriteString("</li>\n")
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) wiki(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*WikiLink)
	href, title, ok := "", "", false
	if r.opts.Wiki != nil {
		href, title, ok = r.opts.Wiki(n)
	}
	label := n.Label
	if !n.HasLabel && title != "" {
		open, close := r.opts.linkMarkup(LinkAttrs{Href: href, Wiki: true})
		_, _ = w.WriteString(open + escape(title) + close)
		return ast.WalkContinue, nil
	}
	if info, has := r.runs[n]; has {
		var b bytes.Buffer
		bw := bufio.NewWriter(&b)
		writeDecorated(bw, label, info.start, info.decos)
		_ = bw.Flush()
		label = b.String()
	} else {
		label = escape(label)
	}
	a := LinkAttrs{Href: href, Wiki: true}
	if !ok {
		a = LinkAttrs{Kind: "broken", Wiki: true}
	}
	open, close := r.opts.linkMarkup(a)
	_, _ = w.WriteString(open + label + close)
	return ast.WalkContinue, nil
}

func (r *nodeRenderer) cite(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering && r.opts.Cite != nil {
		_, _ = w.WriteString(r.opts.Cite(node.(*Citation)))
	}
	return ast.WalkContinue, nil
}

// safeHref is the URL as written into an attribute, or nothing when the
// URL, before or after goldmark's escaping, has a scheme other than
// http, https or mailto. Content files are checked when parsed (with a
// positioned error); this is the second line of defence, so no body can
// ever carry a script URL into a page.
func safeHref(u []byte, resolveRefs bool) []byte {
	out := util.URLEscape(u, resolveRefs)
	if _, ok := SafeURL(string(u)); !ok {
		return nil
	}
	if _, ok := SafeURL(string(out)); !ok {
		return nil
	}
	return out
}

func (r *nodeRenderer) image(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.Image)
	_, _ = w.WriteString(`<img src="`)
	_, _ = w.Write(util.EscapeHTML(safeHref(n.Destination, true)))
	_, _ = w.WriteString(`" alt="`)
	var alt strings.Builder
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && c != n {
			alt.WriteString(TextOf(c, src))
		}
		return ast.WalkContinue, nil
	})
	escapeTo(w, alt.String())
	_ = w.WriteByte('"')
	if n.Title != nil {
		_, _ = w.WriteString(` title="`)
		escapeTo(w, string(n.Title))
		_ = w.WriteByte('"')
	}
	_ = w.WriteByte('>')
	return ast.WalkSkipChildren, nil
}

func (r *nodeRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	u := n.URL(src)
	if n.AutoLinkType == ast.AutoLinkEmail && !bytes.HasPrefix(bytes.ToLower(u), []byte("mailto:")) {
		u = append([]byte("mailto:"), u...)
	}
	_, _ = w.WriteString(`<a href="`)
	_, _ = w.Write(util.EscapeHTML(safeHref(u, false)))
	_, _ = w.WriteString(`">`)
	_, _ = w.Write(util.EscapeHTML(n.Label(src)))
	_, _ = w.WriteString(`</a>`)
	return ast.WalkContinue, nil
}
