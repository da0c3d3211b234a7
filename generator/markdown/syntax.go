package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// KindWikiLink is the node kind of a [[wikilink]].
var KindWikiLink = ast.NewNodeKind("WikiLink")

// KindCitation is the node kind of an inline [@source: quote] citation.
var KindCitation = ast.NewNodeKind("Citation")

// WikiLink is [[target]] or [[target|label]].
type WikiLink struct {
	ast.BaseInline
	Target   string
	Label    string // the label as written, or the target when none is given
	Offset   int    // byte offset of "[[" in the file
	HasLabel bool
}

// Kind implements ast.Node.
func (n *WikiLink) Kind() ast.NodeKind { return KindWikiLink }

// Dump implements ast.Node.
func (n *WikiLink) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Target": n.Target, "Label": n.Label}, nil)
}

// Citation is [@source: exact words]: a claim's evidence, verified at build
// time against the source's text.
type Citation struct {
	ast.BaseInline
	Source string
	Quote  string
	Offset int // byte offset of "[@" in the file
}

// Kind implements ast.Node.
func (n *Citation) Kind() ast.NodeKind { return KindCitation }

// Dump implements ast.Node.
func (n *Citation) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"Source": n.Source, "Quote": n.Quote}, nil)
}

type dossierSyntax struct{}

// Extend registers the wikilink and citation parsers. They run before
// goldmark's link parser (priority 200), which would otherwise take "[".
func (dossierSyntax) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(parser.WithInlineParsers(
		util.Prioritized(bracketParser{}, 150),
	))
}

type bracketParser struct{}

func (bracketParser) Trigger() []byte { return []byte{'['} }

func (bracketParser) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) < 3 {
		return nil
	}
	switch {
	case line[1] == '[':
		end := bytes.Index(line[2:], []byte("]]"))
		if end < 0 {
			return nil
		}
		inner := string(line[2 : 2+end])
		if strings.TrimSpace(inner) == "" || strings.ContainsAny(inner, "[]") {
			return nil
		}
		n := &WikiLink{Offset: seg.Start}
		if i := strings.IndexByte(inner, '|'); i >= 0 {
			n.Target, n.Label, n.HasLabel = strings.TrimSpace(inner[:i]), strings.TrimSpace(inner[i+1:]), true
		} else {
			n.Target = strings.TrimSpace(inner)
			n.Label = n.Target
		}
		block.Advance(2 + end + 2)
		return n
	case line[1] == '@':
		end := bytes.IndexByte(line, ']')
		if end < 0 {
			return nil
		}
		inner := string(line[2:end])
		colon := strings.Index(inner, ":")
		if colon <= 0 {
			return nil
		}
		src := strings.TrimSpace(inner[:colon])
		if src == "" || strings.ContainsAny(src, " \t") {
			return nil
		}
		n := &Citation{Source: src, Quote: strings.TrimSpace(inner[colon+1:]), Offset: seg.Start}
		block.Advance(end + 1)
		return n
	}
	return nil
}
