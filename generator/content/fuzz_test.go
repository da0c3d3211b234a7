package content

import (
	"bytes"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"gopkg.in/yaml.v3"
)

// fuzzPaths are the places a fuzzed file is parsed as: every kind, and a
// translation, since translations are untrusted input too.
var fuzzPaths = []string{"_index.md", "about.md", "sources/s.md", "people/p.md", "organizations/o.md", "events/e.md", "claims/c.md", "quotes/q.md", "annotations/a.md", "people/p.zh.md", "sources/s.zh.md"}

// FuzzParse parses any bytes as a content file. Properties: it never
// panics; every diagnostic names the file and a line and column inside
// it; a document without errors has no link or image whose URL has a
// scheme other than http, https or mailto.
func FuzzParse(f *testing.F) {
	for _, s := range sitetest.Seeds(f, ".md") {
		f.Add(uint8(kindIndex(s.Rel)), s.Data)
	}
	f.Add(uint8(2), []byte("---\ntitle: X\n---\n[a](&#106;avascript:alert(1)) [b](javascript&colon;x) <javascript:y> ![i](JaVa%73cript:z)\n"))
	f.Add(uint8(0), []byte("\xef\xbb\xbf---\ntitle: \"unclosed\nx: 1\n---\nbody \u202e\xff\n"))
	md := markdown.New()
	f.Fuzz(func(t *testing.T, kind uint8, src []byte) {
		rel := fuzzPaths[int(kind)%len(fuzzPaths)]
		d := Parse(md, rel, src)
		lines := bytes.Count(d.Src, []byte("\n")) + 1
		for _, g := range d.Diags {
			if g.File != "content/"+rel {
				t.Fatalf("diagnostic for another file: %v", g)
			}
			if g.Line < 1 || g.Line > lines || g.Col < 1 {
				t.Fatalf("diagnostic outside the file (%d lines): %v", lines, g)
			}
		}
		if d.Diags.HasErrors() || d.MD == nil {
			return
		}
		for _, p := range []*markdown.Parsed{d.MD, d.Summary} {
			if p == nil {
				continue
			}
			for _, u := range markdown.URLs(p, d.Src) {
				if _, ok := markdown.SafeURL(u.URL); !ok {
					t.Fatalf("unsafe URL %q accepted", u.URL)
				}
			}
		}
		if d.Source != nil {
			if _, ok := markdown.SafeURL(d.Source.URL); !ok {
				t.Fatalf("unsafe source url %q accepted", d.Source.URL)
			}
		}
	})
}

func kindIndex(rel string) int {
	zh := strings.HasSuffix(rel, ".zh.md")
	for i, p := range fuzzPaths {
		dir, _, _ := strings.Cut(p, "/")
		if strings.HasPrefix(rel, dir+"/") && strings.HasSuffix(p, ".zh.md") == zh {
			return i
		}
	}
	if zh {
		return len(fuzzPaths) - 1
	}
	return 1
}

// FuzzParseDate reads any text as a date. Properties: a date that is
// accepted is a real calendar date of the precision written, and reading
// its ISO form gives the same date back.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2015", "2015-12", "2015-12-11", "2024-02-29", "2023-02-29", "2018-13", "2018-00-10", " 2019-03 ", "2019-03-11T10:00:00Z", "2019-03-11 10:00", "19", "-2019", "2019--01", "+201-01"} {
		f.Add(s)
	}
	for _, s := range sitetest.Seeds(f, ".md") {
		for _, l := range strings.Split(string(s.Data), "\n") {
			if k, v, ok := strings.Cut(l, "date: "); ok && len(k) < 12 {
				f.Add(strings.Trim(v, `"' `))
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDate(s)
		if err != nil {
			if !d.IsZero() {
				t.Fatalf("error with a date: %v", d)
			}
			return
		}
		if d.Precision < Year || d.Precision > Day {
			t.Fatalf("%q: precision %v", s, d.Precision)
		}
		if d.Precision >= Month && (d.Month < 1 || d.Month > 12) {
			t.Fatalf("%q: month %d", s, d.Month)
		}
		back, err := ParseDate(d.ISO())
		if err != nil || back != d {
			t.Fatalf("%q → %v → ISO %q → %v, %v", s, d, d.ISO(), back, err)
		}
	})
}

// FuzzMayRepeatKey: mayRepeatKey is never wrong when it says no — any
// YAML in which yaml.v3 finds a key given twice in one map gets true.
func FuzzMayRepeatKey(f *testing.F) {
	for _, s := range sitetest.Seeds(f, ".md") {
		if fm, ok := frontMatterOf(s.Data); ok {
			f.Add(fm)
		}
	}
	for _, s := range mayRepeatCases {
		f.Add([]byte(s.yaml))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var n yaml.Node
		if yaml.Unmarshal(src, &n) != nil || len(n.Content) == 0 {
			return
		}
		if dups := DuplicateKeys(n.Content[0]); len(dups) > 0 && !mayRepeatKey(src) {
			t.Fatalf("mayRepeatKey says no, but %q is given twice in:\n%s", dups[0].Value, src)
		}
	})
}

// frontMatterOf is the YAML between a file's --- lines.
func frontMatterOf(src []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(src, []byte("---\n"))
	if !ok {
		return nil, false
	}
	fm, _, ok := bytes.Cut(rest, []byte("\n---"))
	return fm, ok
}
