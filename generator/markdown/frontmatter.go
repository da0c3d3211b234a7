package markdown

// The front matter is read as goldmark-meta reads it
// (github.com/yuin/goldmark-meta, MIT licence, Yusuke Inuzuka), whose
// block parser and transformer this is, with one difference: the YAML
// is parsed once, not twice. goldmark-meta parses it into a map and
// again into a yaml.MapSlice, which dossier never reads (a twentieth of
// a 10,000-page build's CPU was the two).

import (
	"bytes"
	"fmt"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"gopkg.in/yaml.v2"
)

// frontMatter is the extension that reads the front matter.
type frontMatter struct{}

func (frontMatter) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(fmParser{}, 0)),
		parser.WithASTTransformers(util.Prioritized(fmTransformer{}, 0)),
	)
}

// fmData is what parsing the front matter gave.
type fmData struct {
	meta map[string]any
	err  error
	node ast.Node
}

var fmKey = parser.NewContextKey()

// frontMatterOf returns the front matter parsed into pc, as goldmark-meta's
// TryGet does: nil and the error when the YAML has one.
func frontMatterOf(pc parser.Context) (map[string]any, error) {
	d, _ := pc.Get(fmKey).(*fmData)
	if d == nil {
		return nil, nil
	}
	if d.err != nil {
		return nil, d.err
	}
	return d.meta, nil
}

// fmParser is goldmark-meta's block parser: a block that opens on the
// first line, if it is all dashes (or blank), and closes on the next line
// of dashes.
type fmParser struct{}

func isSeparator(line []byte) bool {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	for i := 0; i < len(line); i++ {
		if line[i] != '-' {
			return false
		}
	}
	return true
}

func (fmParser) Trigger() []byte { return []byte{'-'} }

func (fmParser) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	if linenum, _ := reader.Position(); linenum != 0 {
		return nil, parser.NoChildren
	}
	if line, _ := reader.PeekLine(); isSeparator(line) {
		return ast.NewTextBlock(), parser.NoChildren
	}
	return nil, parser.NoChildren
}

func (fmParser) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	line, segment := reader.PeekLine()
	if isSeparator(line) && !util.IsBlank(line) {
		reader.Advance(segment.Len())
		return parser.Close
	}
	node.Lines().Append(segment)
	return parser.Continue | parser.NoChildren
}

// reparseKey, set in a parser's context, says the source is parsed
// again (Restore): the front matter is not decoded, the error the first
// parse found in it (the key's value, a reparse) is taken instead.
var reparseKey = parser.NewContextKey()

type reparse struct{ err error }

func (fmParser) Close(node ast.Node, reader text.Reader, pc parser.Context) {
	if r, ok := pc.Get(reparseKey).(reparse); ok {
		pc.Set(fmKey, &fmData{node: node, err: r.err})
		if r.err == nil {
			node.Parent().RemoveChild(node.Parent(), node)
		}
		return
	}
	lines := node.Lines()
	var buf bytes.Buffer
	for i := 0; i < lines.Len(); i++ {
		segment := lines.At(i)
		buf.Write(segment.Value(reader.Source()))
	}
	d := &fmData{node: node}
	meta := map[string]any{}
	if err := yaml.Unmarshal(buf.Bytes(), &meta); err != nil {
		d.err = err
		// goldmark-meta reports the error of its second parse, into a
		// yaml.MapSlice, when that one fails too (the messages differ:
		// "into map[string]interface {}" and "into yaml.MapSlice"). YAML
		// the map takes, the MapSlice takes: both want a map of any
		// scalars' values, and a string key is any scalar.
		var items yaml.MapSlice
		if err := yaml.Unmarshal(buf.Bytes(), &items); err != nil {
			d.err = err
		}
	} else {
		d.meta = meta
	}
	pc.Set(fmKey, d)
	if d.err == nil {
		node.Parent().RemoveChild(node.Parent(), node)
	}
}

func (fmParser) CanInterruptParagraph() bool { return false }

func (fmParser) CanAcceptIndentedLine() bool { return false }

// fmTransformer is goldmark-meta's transformer without its options: a
// front matter that failed to parse keeps its block, with the error in
// an HTML comment.
type fmTransformer struct{}

func (fmTransformer) Transform(node *ast.Document, reader text.Reader, pc parser.Context) {
	d, _ := pc.Get(fmKey).(*fmData)
	if d == nil || d.err == nil {
		return
	}
	msg := ast.NewString([]byte(fmt.Sprintf("<!-- %s -->", d.err)))
	msg.SetCode(true)
	d.node.AppendChild(d.node, msg)
}
