package markdown

import (
	"bytes"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/yuin/goldmark/ast"
)

func TestSyntax(t *testing.T) {
	m := New()
	src := []byte("---\ntitle: x\n---\nSee [[people/sam-altman|Altman]] and [[OpenAI]], cited.[@wsj: exact words here] Not [a link](x.md).\n\n<script>alert(1)</script>\n")
	p := m.Parse(src)
	if p.MetaErr != nil || p.Meta["title"] != "x" {
		t.Fatalf("meta = %v, %v", p.Meta, p.MetaErr)
	}
	if len(p.Wikis) != 2 || p.Wikis[0].Target != "people/sam-altman" || p.Wikis[0].Label != "Altman" || p.Wikis[1].Label != "OpenAI" {
		t.Errorf("wikis = %+v", p.Wikis)
	}
	if len(p.Cites) != 1 || p.Cites[0].Source != "wsj" || p.Cites[0].Quote != "exact words here" {
		t.Errorf("cites = %+v", p.Cites)
	}
	if got := string(src[p.Cites[0].Offset:][:2]); got != "[@" {
		t.Errorf("citation offset points at %q", got)
	}
	if len(p.MdLinks) != 1 {
		t.Errorf("md links = %d", len(p.MdLinks))
	}
	// Wikilink labels are text (mentionable); citations are not.
	if want := "See Altman and OpenAI, cited. Not a link."; p.Blocks[0].Text != want {
		t.Errorf("block text = %q, want %q", p.Blocks[0].Text, want)
	}
	var b bytes.Buffer
	if err := m.Render(&b, src, p, RenderOptions{Blocks: p.Blocks}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "<script>") {
		t.Errorf("raw HTML rendered: %s", b.String())
	}
	if !strings.Contains(b.String(), `<span class="broken">Altman</span>`) {
		t.Errorf("unresolved wikilink not marked: %s", b.String())
	}
}

func TestDangerousLinksAreDropped(t *testing.T) {
	m := New()
	src := []byte("[x](javascript:alert(1)) and [y](data:text/html,hi)\n")
	p := m.Parse(src)
	var b bytes.Buffer
	if err := m.Render(&b, src, p, RenderOptions{}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "javascript:") || strings.Contains(b.String(), "data:text") {
		t.Errorf("dangerous URL kept: %s", b.String())
	}
}

func TestDecorationsAcrossInlineMarkup(t *testing.T) {
	m := New()
	src := []byte("One *two three* four.\n")
	p := m.Parse(src)
	b0 := p.Blocks[0]
	start := strings.Index(b0.Text, "three")
	end := strings.Index(b0.Text, ".")
	var b bytes.Buffer
	opts := RenderOptions{Blocks: p.Blocks, Decorate: map[ast.Node][]Decoration{
		b0.Node: {{Start: start, End: end, Open: `<mark id="m">`, Reopen: `<mark>`, Suspend: `</mark>`, Close: `</mark><sup>1</sup>`}},
	}}
	if err := m.Render(&b, src, p, opts); err != nil {
		t.Fatal(err)
	}
	want := `<p id="p-one-two-three-four">One <em>two <mark id="m">three</mark></em><mark> four</mark><sup>1</sup>.</p>`
	if strings.TrimSpace(b.String()) != want {
		t.Errorf("got  %s\nwant %s", b.String(), want)
	}
}

func TestSlugWords(t *testing.T) {
	for in, want := range map[string]string{
		"Musk’s lawsuit, filed last week: a twist!": "musks-lawsuit-filed-last-week-a",
		"这是摘要。":             "这是摘要",
		"OpenAI 在 2015 年成立": "openai-在-2015-年成立",
	} {
		if got := slugWords(in, 6); got != want {
			t.Errorf("slugWords(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEveryExtensionRenders parses text using each extension's syntax
// and checks its nodes reach the HTML: an extension listed without its
// renderer would drop them silently.
func TestEveryExtensionRenders(t *testing.T) {
	m := New()
	src := []byte("---\ntitle: T\n---\n| a | b |\n| - | - |\n| 1 | 2 |\n\n~~gone~~ and a note[^1].\n\n- [x] done\n\n[^1]: The note.\n")
	p := m.Parse(src)
	var b bytes.Buffer
	if err := m.Render(&b, src, p, RenderOptions{Blocks: p.Blocks}); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{"<table>", "<td>1</td>", "<del>gone</del>", `type="checkbox"`, `class="footnote-ref"`, "The note."} {
		if !strings.Contains(out, want) {
			t.Errorf("rendered HTML lacks %q:\n%s", want, out)
		}
	}
	if p.Meta["title"] != "T" {
		t.Errorf("front matter: %v", p.Meta)
	}
}

// Release keeps what a build reads after rendering (block ids and text;
// wikilinks, citations and relative links as values) and lets every
// node of the tree go, and the runs that map text to them; rendering
// afterwards is an error, not a panic or an empty body.
func TestRelease(t *testing.T) {
	m := New()
	src := []byte("---\ntitle: x\n---\n# Head\n\nSee [[people/sam-altman|Altman]], cited.[@wsj: exact words] And [a link](x.md \"t\").\n")
	p := m.Parse(src)
	type kept struct{ ids, texts []string }
	look := func() kept {
		var k kept
		for _, b := range p.Blocks {
			k.ids, k.texts = append(k.ids, b.ID), append(k.texts, b.Text)
		}
		return k
	}
	before := look()
	w, c, l := *p.Wikis[0], *p.Cites[0], p.MdLinks[0]
	p.Release()
	p.Release() // again: nothing more to let go
	if after := look(); !reflect.DeepEqual(after, before) {
		t.Errorf("blocks changed: %+v, want %+v", after, before)
	}
	for _, b := range p.Blocks {
		if b.Node != nil || b.Runs != nil || b.nodes != nil {
			t.Errorf("block %s still holds its node or its runs", b.ID)
		}
	}
	if g := p.Wikis[0]; g.Target != w.Target || g.Label != w.Label || g.Offset != w.Offset || g.HasLabel != w.HasLabel || g.Parent() != nil {
		t.Errorf("wikilink after release: %+v (parent %v), want %+v", g, g.Parent(), w)
	}
	if g := p.Cites[0]; g.Source != c.Source || g.Quote != c.Quote || g.Offset != c.Offset || g.Parent() != nil {
		t.Errorf("citation after release: %+v, want %+v", g, c)
	}
	if g := p.MdLinks[0]; string(g.Destination) != string(l.Destination) || string(g.Title) != "t" || g.Parent() != nil {
		t.Errorf("link after release: %q %q", g.Destination, g.Title)
	}
	if p.Doc != nil {
		t.Error("the document node is still held")
	}
	var b bytes.Buffer
	if err := m.Render(&b, src, p, RenderOptions{Blocks: p.Blocks}); err == nil || b.Len() != 0 {
		t.Errorf("rendering a released tree: %v, %q", err, b.String())
	}
	var none *Parsed
	none.Release()
}

// TestOutlineRestore holds Outline and Restore to what the graph and the
// renderer read: after Outline the blocks keep their ids, text and the
// spans of their runs, with no node of the tree; after Restore (from an
// outline, and from a release) the same blocks render exactly as the
// first tree did, decorations, wikilinks and citations included, with
// the front matter, good or broken, as it was.
func TestOutlineRestore(t *testing.T) {
	m := New()
	for _, src := range []string{
		"---\ntitle: x\n---\n# Head\n\nSee [[people/sam-altman|Altman]], *cited*.[@wsj: exact words] And [a link](x.md \"t\").\n\n> quoted [[b]]\n\n- one [@nyt: two]\n- three\n",
		"---\ntitle: [unclosed\n---\nBody after a broken front matter, [[x]].\n",
		"No front matter at all, [link](y.md), [[z#part]].\n\n## Second\n\nMore text[^1].\n\n[^1]: A note.\n",
		"",
	} {
		p := m.Parse([]byte(src))
		render := func() string {
			var b bytes.Buffer
			decos := map[ast.Node][]Decoration{}
			for _, bl := range p.Blocks {
				if len(bl.Text) > 3 {
					decos[bl.Node] = []Decoration{{Start: 1, End: 3, Open: "<mark>", Close: "</mark>"}}
				}
			}
			opts := RenderOptions{
				Blocks:   p.Blocks,
				Decorate: decos,
				Wiki:     func(w *WikiLink) (string, string, bool) { return "/" + w.Target + "/", w.Target, true },
				Link:     func(dest string) (string, bool) { return "/l/" + dest, true },
				Cite:     func(c *Citation) string { return "<sup>" + c.Source + "</sup>" },
			}
			if err := m.Render(&b, []byte(src), p, opts); err != nil {
				t.Fatalf("render %q: %v", src, err)
			}
			return b.String()
		}
		want := render()
		blocks := slices.Clone(p.Blocks)
		type span struct {
			start, end int
			inLink     bool
		}
		spans := func() (out [][]span) {
			for _, b := range p.Blocks {
				var s []span
				for _, r := range b.Runs {
					s = append(s, span{int(r.Start), int(r.End), r.InLink})
				}
				out = append(out, s)
			}
			return out
		}
		wantSpans := spans()
		wikis, cites, links := len(p.Wikis), len(p.Cites), len(p.MdLinks)
		var linkAt []int
		for _, l := range p.MdLinks {
			linkAt = append(linkAt, InlineOffset(l))
		}

		p.Outline()
		p.Outline() // again: nothing more to let go
		if p.Doc != nil {
			t.Errorf("%q: the tree is held after Outline", src)
		}
		for _, b := range p.Blocks {
			if b.Node != nil {
				t.Errorf("%q: block %s holds its node after Outline", src, b.ID)
			}
			for i := range b.Runs {
				if b.RunNode(i) != nil {
					t.Errorf("%q: a run of block %s holds its node after Outline", src, b.ID)
				}
			}
		}
		if got := spans(); !reflect.DeepEqual(got, wantSpans) {
			t.Errorf("%q: runs after Outline %v, want %v", src, got, wantSpans)
		}
		for _, w := range p.Wikis {
			if w.Parent() != nil {
				t.Errorf("%q: wikilink %s still in the tree", src, w.Target)
			}
		}
		// Restore gives an outline's runs their nodes without analysing
		// the tree again: the nodes analysing it would give.
		fresh := m.Parse([]byte(src))
		if !reattach(fresh.Doc, p.Blocks) {
			t.Errorf("%q: the outline's blocks and runs are not the new tree's", src)
		}
		for i, b := range p.Blocks {
			fb := fresh.Blocks[i]
			if b.Node != fb.Node || len(b.Runs) != len(fb.Runs) {
				t.Fatalf("%q: block %s reattached to another node", src, b.ID)
			}
			for j := range b.Runs {
				if b.Runs[j] != fb.Runs[j] || b.RunNode(j) != fb.RunNode(j) || b.RunNode(j) == nil {
					t.Errorf("%q: block %s run %d reattached as %+v (node %v), want %+v (node %v)", src, b.ID, j, b.Runs[j], b.RunNode(j), fb.Runs[j], fb.RunNode(j))
				}
			}
		}
		p.Outline() // let the borrowed nodes go: the rounds below restore
		for _, b := range p.Blocks {
			b.Node, b.nodes = nil, nil
		}
		// The graph reports a broken link where it is, from the outline.
		for i, l := range p.MdLinks {
			if l.Parent() != nil || InlineOffset(l) != linkAt[i] {
				t.Errorf("%q: link %d after Outline: at %d (in the tree: %v), want %d", src, i, InlineOffset(l), l.Parent() != nil, linkAt[i])
			}
		}
		for round, let := range []func(){func() {}, p.Release, p.Outline} {
			let()
			m.Restore(p, []byte(src))
			m.Restore(p, []byte(src)) // again: the tree is there
			if !slices.Equal(p.Blocks, blocks) {
				t.Fatalf("%q, round %d: Restore made new blocks", src, round)
			}
			if len(p.Wikis) != wikis || len(p.Cites) != cites || len(p.MdLinks) != links {
				t.Errorf("%q, round %d: %d wikilinks, %d citations, %d links after Restore, want %d, %d, %d", src, round, len(p.Wikis), len(p.Cites), len(p.MdLinks), wikis, cites, links)
			}
			if got := spans(); !reflect.DeepEqual(got, wantSpans) {
				t.Errorf("%q, round %d: runs after Restore %v, want %v", src, round, got, wantSpans)
			}
			if got := render(); got != want {
				t.Errorf("%q, round %d: after Restore\n%s\nwant\n%s", src, round, got, want)
			}
		}
	}
	var none *Parsed
	none.Outline()
	m.Restore(none, nil)
}

// TestUseHoldsTheTree: renders of one tree at once under Use, each
// letting it go after, never find it gone or render it otherwise (run
// with -race, it also finds them racing).
func TestUseHoldsTheTree(t *testing.T) {
	m := New()
	src := []byte("---\ntitle: x\n---\n# Head\n\nSee [[people/sam-altman|Altman]], *cited*.[@wsj: exact words] And [a link](x.md).\n")
	p := m.Parse(src)
	render := func() (string, error) {
		var b bytes.Buffer
		err := m.Render(&b, src, p, RenderOptions{Blocks: p.Blocks, Wiki: func(w *WikiLink) (string, string, bool) { return "/" + w.Target + "/", w.Target, true }})
		return b.String(), err
	}
	want, err := render()
	if err != nil {
		t.Fatal(err)
	}
	p.Outline()
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 50 {
				var got string
				var err error
				m.Use(p, src, true, func() { got, err = render() })
				if err != nil || got != want {
					t.Errorf("under Use: %q, %v; want %q", got, err, want)
					return
				}
			}
		}()
	}
	wg.Wait()
	if p.Doc != nil {
		t.Error("the tree is held after the last Use let it go")
	}
}
