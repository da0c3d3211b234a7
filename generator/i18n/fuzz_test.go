package i18n

import (
	"bytes"
	"testing"

	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// FuzzParse reads any bytes as an interface-strings file. Properties: it
// never panics; every diagnostic is in the file at one of its lines; every
// key it keeps can be looked up, as text and as a count.
func FuzzParse(f *testing.F) {
	for _, s := range sitetest.Seeds(f, ".yaml") {
		if bytes.Contains([]byte(s.Rel), []byte("i18n/")) {
			f.Add(s.Data)
		}
	}
	for _, s := range []string{"nav.x: \"unclosed\n", "a: [1]\n", "a: {one: x}\n", "a: b\na: c\n", "- x\n", "\xff"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		const rel = Dir + "/en.yaml"
		var diags diag.List
		s := &Strings{Lang: "en", File: rel, entries: map[string]Entry{}}
		parse(src, rel, s, &diags)
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range diags {
			if d.File != rel || d.Line < 1 || d.Line > lines || d.Col < 1 {
				t.Fatalf("diagnostic outside the file (%d lines): %v", lines, d)
			}
		}
		for _, k := range s.Keys() {
			if _, err := s.T(k); err != nil {
				t.Fatalf("kept key %q: %v", k, err)
			}
			if _, err := s.N(k, 2); err != nil {
				t.Fatalf("kept key %q: %v", k, err)
			}
		}
	})
}
