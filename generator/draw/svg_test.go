package draw

import (
	"bytes"
	_ "embed"
	"math/rand"
	"slices"
	"testing"

	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
)

// svgTemplate is the template pictures were written through; the writer
// that replaced it must write what it writes.
//
//go:embed testdata/svg.html
var svgTemplate string

// TestWriterMatchesTemplate writes random pictures both ways: hostile
// and odd text (markup, quotes, entities, NUL, invalid UTF-8, Chinese),
// links of every scheme and unsafe byte, empty and missing parts, every
// key shape. The bytes must be the same.
func TestWriterMatchesTemplate(t *testing.T) {
	tmpl := template.Must(template.New("svg").Parse(svgTemplate))
	rng := rand.New(rand.NewSource(1))
	words := []string{"", "a", "Musk", "马斯克", `"q"`, "'s", "a&b", "&amp;", "<b>x</b>", "1+1", "\x00", "\xff\xfe", " spaced ", "x>y", "%41", "-45 10 20", "12.5"}
	urls := []string{"", "/events/x/", "/zh/events/马斯克/", "https://example.org/a?b=c&d=e", "javascript:alert(1)", "JAVASCRIPT:x", "mailto:a@b.c", "data:text/html,x", "/a b/", "/100%/", "/%zz", "/a'b", "/a\"b", "#frag", "//evil.example/", "/x:y", "ftp://x/"}
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	shapes := []string{"dot", "bar", "approx", "join", "range", "edge", "cell", "title", "other", ""}
	kinds := []string{"dot", "bar", "line", "join"}
	some := func(n int) int { return rng.Intn(n + 1) }
	for i := 0; i < 3000; i++ {
		p := picture{ID: pick(words), Title: pick(words), Desc: pick(words), W: pick(words), H: pick(words), Note: pick(words), Kind: pick(words), Fit: pick(words)}
		for j := some(3); j > 0; j-- {
			p.Bands = append(p.Bands, band{pick(words), pick(words), pick(words), pick(words), pick(words)})
		}
		shape := func() shape {
			return shape{Kind: pick(kinds), X: pick(words), Y: pick(words), W: pick(words), H: pick(words), X2: pick(words), Y2: pick(words), R: pick(words), Class: []string{"", "hit", "k-a", pick(words)}[rng.Intn(4)]}
		}
		text := func() text {
			return text{X: pick(words), Y: pick(words), Anchor: []string{"", "start", "middle", pick(words)}[rng.Intn(4)], Class: pick(words), Text: pick(words), Rotate: pick(words)}
		}
		for j := some(3); j > 0; j-- {
			p.Lines = append(p.Lines, shape())
		}
		for j := some(3); j > 0; j-- {
			p.Texts = append(p.Texts, text())
		}
		for j := some(4); j > 0; j-- {
			m := mark{URL: pick(urls), Label: pick(words), Class: pick(words)}
			for k := some(5); k > 0; k-- {
				m.Shapes = append(m.Shapes, shape())
			}
			for k := some(2); k > 0; k-- {
				m.Texts = append(m.Texts, text())
			}
			p.Marks = append(p.Marks, m)
		}
		for j := some(5); j > 0; j-- {
			p.Key = append(p.Key, KeyItem{Shape: pick(shapes), Class: pick(words), Label: pick(words)})
		}
		if rng.Intn(2) == 0 {
			// Some marks made as they are written (More).
			made := p.Marks[min(len(p.Marks), rng.Intn(3)):]
			p.Marks = p.Marks[:len(p.Marks)-len(made)]
			p.More = slices.Values(made)
		}
		prepared := prepare(p)
		var want bytes.Buffer
		if err := tmpl.ExecuteTemplate(&want, "picture", prepared); err != nil {
			t.Fatal(err)
		}
		if got := string(execute("picture", p)); got != want.String() {
			t.Fatalf("picture %d differs:\n got %q\nwant %q", i, got, want.String())
		}
	}
}

// prepare is the picture the template writes: its frame and every mark
// readied, as the writer readies them while it writes.
func prepare(p picture) picture {
	p = prepareFrame(p)
	marks := slices.Clone(p.Marks)
	if p.More != nil {
		marks = slices.AppendSeq(marks, p.More)
	}
	p.Marks, p.More = nil, nil
	for _, m := range marks {
		p.Marks = append(p.Marks, prepareMark(m))
	}
	return p
}
