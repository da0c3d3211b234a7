// Package markdown holds dossier's one goldmark instance and its
// extensions: front matter (goldmark-meta's parser, reading the YAML
// once: frontmatter.go), GFM, footnotes, typographer, wikilinks
// ([[target|label]]), inline citations ([@source: exact words]), stable
// block anchors, and a renderer that takes the site graph's
// decisions (link targets, citation links, entity mentions, annotation
// highlights) as plain data, so the parsed tree is never mutated after
// parsing and one tree can be rendered by many goroutines at once.
package markdown

import (
	"bytes"
	"html"
	"math"
	"slices"
	"strings"
	"sync"
	"unicode"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	gfmext "github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Markdown parses Markdown with front matter. It is safe for concurrent use.
type Markdown struct {
	gm goldmark.Markdown
}

// New builds the goldmark instance once, with every extension dossier uses.
// Raw HTML stays off: goldmark omits it unless html.WithUnsafe is given,
// and it is never given.
func New() *Markdown {
	var exts []goldmark.Extender
	for _, e := range extensions {
		exts = append(exts, e.ext)
	}
	return &Markdown{gm: goldmark.New(goldmark.WithExtensions(exts...))}
}

// extension is a goldmark extension and the HTML renderers of the nodes
// it parses. They are listed together because dossier renders with a
// renderer of its own per call (it carries the graph's decisions): an
// extension whose renderer were missing would silently drop its nodes.
type extension struct {
	ext       goldmark.Extender
	renderers []util.PrioritizedValue
}

// extensions are every extension dossier parses with, in order.
var extensions = []extension{
	{frontMatter{}, nil},
	{gfmext.GFM, []util.PrioritizedValue{
		util.Prioritized(gfmext.NewTableHTMLRenderer(), 500),
		util.Prioritized(gfmext.NewStrikethroughHTMLRenderer(), 500),
		util.Prioritized(gfmext.NewTaskCheckBoxHTMLRenderer(), 500),
	}},
	{gfmext.Footnote, []util.PrioritizedValue{util.Prioritized(gfmext.NewFootnoteHTMLRenderer(), 500)}},
	{typographer, nil},
	{dossierSyntax{}, nil}, // rendered by nodeRenderer (render.go)
}

var typographer = gfmext.NewTypographer(gfmext.WithTypographicSubstitutions(gfmext.TypographicSubstitutions{
	// Real characters instead of entities, so that the text a
	// reader sees is the text quotes are matched against.
	gfmext.LeftSingleQuote:  []byte("‘"),
	gfmext.RightSingleQuote: []byte("’"),
	gfmext.LeftDoubleQuote:  []byte("“"),
	gfmext.RightDoubleQuote: []byte("”"),
	gfmext.EnDash:           []byte("–"),
	gfmext.EmDash:           []byte("—"),
	gfmext.Ellipsis:         []byte("…"),
	gfmext.LeftAngleQuote:   []byte("«"),
	gfmext.RightAngleQuote:  []byte("»"),
	gfmext.Apostrophe:       []byte("’"),
}))

// Parsed is the result of parsing one file.
type Parsed struct {
	mu       sync.Mutex // held by Release, Outline and Restore
	use      sync.Mutex // held by Use
	released bool       // Release let the tree and the runs go
	Doc      ast.Node
	Meta     map[string]any
	MetaErr  error
	Blocks   []*Block
	Wikis    []*WikiLink
	Cites    []*Citation
	MdLinks  []*ast.Link // links whose destination is a relative path
	Headings []*Block
}

// Parse parses src (front matter and body). It never panics on any input.
func (m *Markdown) Parse(src []byte) (p *Parsed) {
	pc := parser.NewContext()
	doc := m.gm.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	p = &Parsed{Doc: doc}
	p.Meta, p.MetaErr = frontMatterOf(pc)
	if p.Meta == nil {
		p.Meta = map[string]any{}
	}
	p.Blocks = analyze(doc, src)
	p.Wikis, p.Cites, p.MdLinks = references(doc)
	for _, b := range p.Blocks {
		if b.Heading {
			p.Headings = append(p.Headings, b)
		}
	}
	return p
}

// Release lets the syntax tree go once nothing will be rendered from it
// (a one-shot build, after its last language's bodies): the blocks keep
// their ids and text (not their runs, which only rendering reads), and
// the wikilinks, citations and relative links stay as detached copies,
// but no node of the tree is held. Render must not be called
// afterwards unless Restore gives the tree back. It may be called more
// than once.
func (p *Parsed) Release() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.released {
		return
	}
	for _, b := range p.Blocks {
		b.Node, b.Runs, b.nodes = nil, nil, nil // the runs map text to the tree's nodes
	}
	if p.Doc != nil {
		p.Doc = nil
		p.detach()
	}
	p.released = true
}

// Forget lets go of the blocks' text, once Release let the tree go and
// nothing will read the text again (a one-shot build, once its last
// search index is made). The blocks keep their ids.
func (p *Parsed) Forget() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, b := range p.Blocks {
		b.Text = ""
	}
}

// Outline lets the syntax tree go but keeps all the site's graph reads
// before a page is rendered: the blocks' ids and text, the spans of
// their runs (which say where the links are) without their nodes, and
// detached copies of the wikilinks, citations and relative links.
// Restore brings the tree back to render from. A one-shot build of a
// large site outlines each file as soon as it is parsed, and so never
// holds every tree at once (on 10,000 plain posts, 130 of the 217 MB
// live at the peak were trees).
func (p *Parsed) Outline() {
	if p == nil {
		return
	}
	p.outline()
}

func (p *Parsed) outline() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.Doc == nil {
		return
	}
	p.Doc = nil
	for _, b := range p.Blocks {
		b.Node, b.nodes = nil, nil
	}
	p.detach()
}

// Restore gives p back the syntax tree Release or Outline let go, by
// parsing src, the source p was parsed from, again: the same blocks
// (the same *Block values, which the site's graph holds) get their
// nodes and runs back, and the wikilinks, citations and relative links
// are those of the new tree. The front matter is not decoded again. It
// does nothing to a p that has its tree, and is safe to call from
// several goroutines at once.
func (m *Markdown) Restore(p *Parsed, src []byte) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.Doc != nil {
		return
	}
	pc := parser.NewContext()
	pc.Set(reparseKey, reparse{p.MetaErr})
	doc := m.gm.Parser().Parse(text.NewReader(src), parser.WithContext(pc))
	outlined := !p.released
	p.Doc, p.released = doc, false
	p.Wikis, p.Cites, p.MdLinks = references(doc)
	if outlined && reattach(doc, p.Blocks) {
		return // an outline: its runs get their nodes, nothing is made again
	}
	blocks := analyze(doc, src)
	if len(blocks) != len(p.Blocks) {
		// The same parser on the same source makes the same blocks;
		// were it not so, the new ones are better than none.
		p.Blocks, p.Headings = blocks, nil
		for _, b := range blocks {
			if b.Heading {
				p.Headings = append(p.Headings, b)
			}
		}
	} else {
		for i, b := range p.Blocks {
			b.Node, b.Runs, b.nodes = blocks[i].Node, blocks[i].Runs, blocks[i].nodes
		}
	}
}

// reattach gives the blocks of an outline (Outline: runs without nodes)
// the nodes of doc, a tree parsed again from the same source, walking
// it as analyze does (eachRun); it reports whether doc had the
// very blocks and runs (were it not so, some may have been given nodes).
func reattach(doc ast.Node, blocks []*Block) bool {
	i, ok := 0, true
	var r reattacher // one for every block: passed as a runner, it is allocated
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		node, _ := blockNode(n)
		if node == nil {
			return ast.WalkContinue, nil
		}
		if i == len(blocks) {
			ok = false
			return ast.WalkStop, nil
		}
		b := blocks[i]
		i++
		b.Node = node
		r = reattacher{nodes: make([]ast.Node, 0, len(b.Runs))}
		eachRun(n, false, &r)
		if len(r.nodes) != len(b.Runs) {
			ok = false
			return ast.WalkStop, nil
		}
		b.nodes = r.nodes
		return ast.WalkSkipChildren, nil
	})
	return ok && i == len(blocks)
}

// reattacher lists, in order, the nodes eachRun finds: the runs'.
type reattacher struct{ nodes []ast.Node }

func (r *reattacher) run(c ast.Node, _ bool) { r.nodes = append(r.nodes, c) }

// Use calls f with p's tree restored from src (Restore), letting the
// tree go again after if release says so (Outline: the next Restore
// only gives the runs their nodes), and holds p for others' Use the
// whole time: one that lets the tree go never does so while another
// renders from it.
func (m *Markdown) Use(p *Parsed, src []byte, release bool, f func()) {
	if p == nil {
		f()
		return
	}
	p.use.Lock()
	defer p.use.Unlock()
	m.Restore(p, src)
	f()
	if release {
		p.outline()
	}
}

// references are a tree's wikilinks, citations and links to other
// files of the site, in document order.
func references(doc ast.Node) (wikis []*WikiLink, cites []*Citation, links []*ast.Link) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *WikiLink:
			wikis = append(wikis, n)
		case *Citation:
			cites = append(cites, n)
		case *ast.Link:
			if IsRelativePath(string(n.Destination)) {
				links = append(links, n)
			}
		}
		return ast.WalkContinue, nil
	})
	return wikis, cites, links
}

// detach replaces the wikilinks, citations and relative links by copies
// that hold no node of the tree.
func (p *Parsed) detach() {
	for i, w := range p.Wikis {
		p.Wikis[i] = &WikiLink{Target: w.Target, Label: w.Label, Offset: w.Offset, HasLabel: w.HasLabel}
	}
	for i, c := range p.Cites {
		p.Cites[i] = &Citation{Source: c.Source, Quote: c.Quote, Offset: c.Offset}
	}
	for i, l := range p.MdLinks {
		c := ast.NewLink()
		c.Destination, c.Title = l.Destination, l.Title
		// An empty text where the link's text started: InlineOffset, by
		// which the graph reports a broken link, finds the same place.
		if off := InlineOffset(l); off > 0 {
			c.AppendChild(c, ast.NewTextSegment(text.NewSegment(off+1, off+1)))
		}
		p.MdLinks[i] = c
	}
}

// IsRelativePath reports whether a link destination points at another
// file of the site rather than at a URL or a fragment of this page.
func IsRelativePath(dest string) bool {
	if dest == "" || strings.HasPrefix(dest, "#") || strings.HasPrefix(dest, "/") {
		return false
	}
	if i := strings.IndexAny(dest, ":/?#"); i >= 0 && dest[i] == ':' {
		return false // has a scheme
	}
	path := dest
	if i := strings.IndexAny(path, "?#"); i >= 0 {
		path = path[:i]
	}
	return strings.HasSuffix(path, ".md")
}

// Block is a unit of text that can be linked to: a paragraph, a heading
// or a tight list item. Its plain text is what quotes are matched against.
type Block struct {
	ID      string
	Node    ast.Node // the node that carries the id attribute
	Heading bool
	Level   int8  // a heading's, 1 to 6
	Section int32 // index of the heading section the block is in
	Text    string
	Runs    []Run
	Offset  int // byte offset of the block in the file, for error positions
	// nodes are the runs' inline nodes, by run (RunNode), while the
	// block has its tree: an outline keeps the runs' spans alone, 12
	// bytes a run rather than 40 (on 10,000 posts, 350,000 runs).
	nodes []ast.Node
}

// Run is a span of a block's plain text that one inline node made
// (Block.RunNode). Spans of a block's text past 2 GiB end there.
type Run struct {
	Start, End int32
	InLink     bool
}

// RunNode is the inline node run i of the block came from, or nil when
// the block's tree was let go (an outline).
func (b *Block) RunNode(i int) ast.Node {
	if i < len(b.nodes) {
		return b.nodes[i]
	}
	return nil
}

// TextOf returns the plain text a Text or String node contributes.
func TextOf(n ast.Node, src []byte) string {
	switch n := n.(type) {
	case *ast.Text:
		v := n.Segment.Value(src)
		if !n.IsRaw() {
			v = util.UnescapePunctuations(v)
			v = util.ResolveNumericReferences(v)
			v = util.ResolveEntityNames(v)
		}
		s := string(v)
		if n.SoftLineBreak() || n.HardLineBreak() {
			s += " "
		}
		return s
	case *ast.String:
		if n.IsCode() {
			return html.UnescapeString(string(n.Value))
		}
		return string(n.Value)
	}
	return ""
}

// analyze finds the blocks of a parsed body (headings, paragraphs, list
// items), gathers each one's plain text, and gives it an id made of its
// first words, numbered where two would be the same.
func analyze(doc ast.Node, src []byte) []*Block {
	var blocks []*Block
	used := map[string]int{}
	section := 0
	var g gather // reused: each block's text and runs are copied out once, exactly sized
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if _, ok := n.(*ast.Heading); ok {
			section++
		}
		b := blockOf(n)
		if b == nil {
			return ast.WalkContinue, nil
		}
		b.Section = span(section)
		g.text, g.runs, g.nodes = g.text[:0], g.runs[:0], g.nodes[:0]
		g.collect(n, src, false)
		b.Text = string(bytes.TrimSpace(g.text))
		if len(g.runs) > 0 {
			b.Runs, b.nodes = slices.Clone(g.runs), slices.Clone(g.nodes)
		}
		b.ID = blockID(b, used)
		blocks = append(blocks, b)
		return ast.WalkSkipChildren, nil
	})
	return blocks
}

// blockOf is the block a node starts, or nil: a heading, a paragraph, or
// the text of a tight list's item (the item carries the id).
func blockOf(n ast.Node) *Block {
	node, level := blockNode(n)
	if node == nil {
		return nil
	}
	b := &Block{Node: node, Heading: level > 0, Level: int8(level)}
	if lines := n.Lines(); lines.Len() > 0 {
		b.Offset = lines.At(0).Start
	}
	return b
}

// blockNode is the node that carries the id of the block n starts (nil
// if it starts none) and, for a heading, its level.
func blockNode(n ast.Node) (ast.Node, int) {
	switch n := n.(type) {
	case *ast.Heading:
		return n, n.Level
	case *ast.Paragraph:
		return n, 0
	case *ast.TextBlock:
		if n.Parent() != nil && n.Parent().Kind() == ast.KindListItem {
			return n.Parent(), 0
		}
	}
	return nil, 0
}

// gather collects a block's plain text and runs.
type gather struct {
	text  []byte
	runs  []Run
	nodes []ast.Node // the runs'
	src   []byte
}

// collect appends the plain text of n's inline children to the block,
// with a run for each piece (eachRun): text, a wikilink's label, an
// autolink's address.
func (g *gather) collect(n ast.Node, src []byte, inLink bool) {
	g.src = src
	eachRun(n, inLink, g)
}

func (g *gather) run(c ast.Node, inLink bool) {
	switch c := c.(type) {
	case *WikiLink:
		g.addRun(c, c.Label, true)
	case *ast.AutoLink:
		g.addRun(c, string(c.Label(g.src)), true)
	default:
		g.addRun(c, TextOf(c, g.src), inLink)
	}
}

// runner is told of each inline node that makes a run (eachRun).
type runner interface{ run(c ast.Node, inLink bool) }

// eachRun tells r, in order, of each of n's inline descendants that make
// a run of the block's text: a text, a string, a wikilink, an autolink;
// inLink says it sits inside a link. A citation's quote, raw HTML and
// images are not text. analyze (gather) and reattach walk the same way.
func eachRun(n ast.Node, inLink bool, r runner) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.(type) {
		case *ast.Text, *ast.String, *WikiLink, *ast.AutoLink:
			r.run(c, inLink)
		case *Citation, *ast.RawHTML, *ast.Image:
		case *ast.Link:
			eachRun(c, true, r)
		default:
			eachRun(c, inLink, r)
		}
	}
}

// addRun appends text that node n contributes to the block's text.
func (g *gather) addRun(n ast.Node, text string, inLink bool) {
	start := len(g.text)
	g.text = append(g.text, text...)
	g.runs = append(g.runs, Run{Start: span(start), End: span(len(g.text)), InLink: inLink})
	g.nodes = append(g.nodes, n)
}

// span is a run's offset (or a section's number), which ends at the
// largest an int32 holds.
func span(i int) int32 {
	return int32(min(i, math.MaxInt32))
}

// blockID is a block's anchor: "p-" and a paragraph's first six words,
// or a heading's first twelve, with "-2", "-3"… after one already used.
func blockID(b *Block, used map[string]int) string {
	base := slugWords(b.Text, 6)
	if b.Heading {
		base = slugWords(b.Text, 12)
		if base == "" {
			base = "section"
		}
	} else {
		base = "p-" + base
		if base == "p-" {
			base = "p"
		}
	}
	id := base
	if k := used[base]; k > 0 {
		id = base + "-" + itoa(k+1)
	}
	used[base]++
	return id
}

func itoa(i int) string {
	var b [20]byte
	n := len(b)
	for i > 0 {
		n--
		b[n] = byte('0' + i%10)
		i /= 10
	}
	return string(b[n:])
}

// slugWords makes an anchor from the first n words of s: lower-case
// letters and digits joined by hyphens. Letters outside ASCII are kept
// (Chinese text gets Chinese anchors); CJK characters count as words.
func slugWords(s string, n int) string {
	var b strings.Builder
	words := 0
	inWord := false
	for _, r := range s {
		if words >= n {
			break
		}
		isCJK := unicode.Is(unicode.Han, r)
		switch {
		case isCJK:
			if inWord {
				inWord = false
			}
			if b.Len() > 0 && !strings.HasSuffix(b.String(), "-") && words > 0 && !lastIsCJK(b.String()) {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			words++
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				if b.Len() > 0 {
					b.WriteByte('-')
				}
				inWord = true
			}
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// keep "Musk's" as one word: "musks"
		default:
			if inWord {
				inWord = false
				words++
			}
		}
	}
	return strings.Trim(b.String(), "-")
}

func lastIsCJK(s string) bool {
	r := []rune(s)
	return len(r) > 0 && unicode.Is(unicode.Han, r[len(r)-1])
}

// Slugify turns a title into a URL-safe slug.
func Slugify(s string) string { return slugWords(s, 1000) }

// PlainInline renders inline Markdown source (a title, a list item) to
// plain text, dropping markup.
func (m *Markdown) PlainInline(s string) string {
	src := []byte(s)
	doc := m.gm.Parser().Parse(text.NewReader(src))
	var b bytes.Buffer
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			b.WriteString(TextOf(n, src))
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
}

// InlineOffset returns the byte offset in the file of an inline node,
// from the first text inside it; the bracket of a link comes one before.
func InlineOffset(n ast.Node) int {
	off := 0
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			if _, isLink := n.(*ast.Link); isLink && off > 0 {
				off--
			}
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return off
}
