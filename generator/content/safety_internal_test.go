package content

import (
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// mayRepeatCases: what mayRepeatKey answers, true wherever a map gives a
// key twice.
var mayRepeatCases = []struct {
	yaml string
	may  bool
}{
	{"name: X\nrole: y\n", false},
	{"name: X\nrole: r\nname: U\n", true},
	{"name: X\ncitations:\n  - source: paper\n    quote: Babbage built engines\n    quote: Lovelace wrote\n", true},
	// The same key in different maps: each list item is a map of its own.
	{"name: X\ncitations:\n  - source: a\n    quote: q\n  - source: b\n    quote: r\n", false},
	{"citations:\n- source: a\n  quote: q\n- source: b\n  quote: r\nname: z\n", false},
	{"a:\n  b: 1\nc:\n  b: 2\n", false},
	{"a:\n  b: 1\n  c: 2\n  b: 3\n", true},
	// A nested map ends where a key left of it begins.
	{"a:\n  b: 1\nb: 2\n", false},
	{"a:\n  b: 1\nc: 2\na: 3\n", true},
	{"- - a: 1\n    a: 2\n", true},
	// Text that looks like keys, in a block scalar or after a key.
	{"note: |\n  a: 1\n  a: 2\nb: 3\n", true},
	{"url: https://example.org/a:b\nurl2: x\n", false},
	{"a: 1 # b: 2\nb: 3\n", false},
	// Anything quoted, flowed, escaped, anchored or tagged: not looked at.
	{"\"a\": 1\na: 2\n", true},
	{"a: {b: 1}\n", true},
	{"a: [x, y]\nb: [x]\n", false},
	{"a: [x: 1, x: 2]\n", true},
	{"a: [[x]]\n", true},
	{"a: [x,\n  y]\n", true},
	{"a: \"one: line\"\nb: 'it''s'\n", false},
	{"a: \"two\n  lines\"\n", true},
	{"a: &x 1\n", true},
	{"a: !!str 1\n", true},
	{"? a\n: 1\n", true},
	// Windows line ends, tabs after the colon, empty keys.
	{"a: 1\r\nb: 2\r\na: 3\r\n", true},
	{"a:\t1\nb: 2\n", false},
	{": 1\n: 2\n", true},
	// Lines broken by a lone CR, NEL or U+2028; a quoted value on its
	// own lines, going on left of its map (found in review).
	{"title: A\rtitle: B\n", true},
	{"title: A\u0085title: B\n", true},
	{"title: A\u2028title: B\n", true},
	{"citations:\n  - source: a\n    quote:\n      \"one\n   two: three\"\n    source: b\n", true},
}

func TestMayRepeatKey(t *testing.T) {
	for _, c := range mayRepeatCases {
		if got := mayRepeatKey([]byte(c.yaml)); got != c.may {
			t.Errorf("mayRepeatKey(%q) = %v, want %v", c.yaml, got, c.may)
		}
	}
}

// TestMayRepeatKeySkipsTheDossier: the shipped dossier's front matters,
// nearly all of which give citations, are nearly all skipped.
func TestMayRepeatKeySkipsTheDossier(t *testing.T) {
	files, checked := 0, 0
	for _, s := range sitetest.Seeds(t, ".md") {
		fm, ok := frontMatterOf(s.Data)
		if !ok {
			continue
		}
		files++
		if mayRepeatKey(fm) {
			checked++
		}
	}
	if files < 100 || checked*4 > files {
		t.Errorf("%d of %d front matters are read again for duplicate keys", checked, files)
	}
}
