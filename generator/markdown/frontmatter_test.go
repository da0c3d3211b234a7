package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/yuin/goldmark"
	meta "github.com/yuin/goldmark-meta"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
)

// frontMatterCases are front matters good and bad, and files with none.
var frontMatterCases = []string{
	"---\ntitle: X\n---\nBody.\n",
	"---\n---\nEmpty.\n",
	"---\ntitle: X\n", // never closed
	"\n\ntitle: X\n---\nA blank first line opens it too.\n", // as in goldmark-meta
	"No front matter.\n---\n",
	"---\n- a\n- b\n---\nA list.\n",
	"---\njust text\n---\n",
	"---\ntitle: \"unclosed\nx: 1\n---\n",
	"---\nname: X\n\t- tab: 1\n---\n",
	"---\n? [a, b]\n: complex key\n---\n",
	"---\n1: int key\ntrue: bool key\n---\n",
	"---\na: &x {b: 1}\nc: *x\nd:\n  <<: *x\n  e: 2\n---\n",
	"---\na: 1\na: 2\n---\nduplicate\n",
	"---\n<<: 1\n---\nbad merge\n",
	"--- \ntitle: trailing space\n  ---  \nBody.\n",
}

// TestFrontMatterAsGoldmarkMeta: the front matter reads as goldmark-meta
// read it, whose parser it is, parsing the YAML once instead of twice:
// the same map or the same error, and the same document around it.
func TestFrontMatterAsGoldmarkMeta(t *testing.T) {
	ours := goldmark.New(goldmark.WithExtensions(frontMatter{}))
	theirs := goldmark.New(goldmark.WithExtensions(meta.Meta))
	inputs := append([]string(nil), frontMatterCases...)
	for _, s := range sitetest.Seeds(t, ".md") {
		inputs = append(inputs, string(s.Data))
	}
	for _, src := range inputs {
		pc1, pc2 := parser.NewContext(), parser.NewContext()
		d1 := ours.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc1))
		d2 := theirs.Parser().Parse(text.NewReader([]byte(src)), parser.WithContext(pc2))
		m1, err1 := frontMatterOf(pc1)
		m2, err2 := meta.TryGet(pc2)
		if fmt.Sprint(err1) != fmt.Sprint(err2) || !reflect.DeepEqual(m1, m2) {
			t.Errorf("%q:\n got %v, %v\nwant %v, %v", src, m1, err1, m2, err2)
			continue
		}
		var h1, h2 bytes.Buffer
		ours.Renderer().Render(&h1, []byte(src), d1)
		theirs.Renderer().Render(&h2, []byte(src), d2)
		if h1.String() != h2.String() {
			t.Errorf("%q: the document differs:\n got %s\nwant %s", src, h1.String(), h2.String())
		}
	}
}
