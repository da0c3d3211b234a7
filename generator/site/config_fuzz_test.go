package site

import (
	"bytes"
	"testing"

	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// FuzzParseConfig reads any bytes as content/site.yaml. Properties: it
// never panics; the config always has its default language first, with a
// code; every diagnostic is in site.yaml at a line of the file; a config
// without errors has an absolute http(s) base URL.
func FuzzParseConfig(f *testing.F) {
	for _, s := range sitetest.Seeds(f, "site.yaml") {
		f.Add(s.Data)
	}
	for _, s := range []string{"", "title: \"unclosed\n", "language: [en]\n", "languages: [en, zh]\n", "title: T\ntitle: U\n", "- a\n- b\n", "base_url: javascript:alert(1)\n", "languages:\n  zh: 5\n  zh: {name: x}\n", "language: \"\"\n", "\xff\xfe"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var diags diag.List
		c := ParseConfig(src, &diags)
		if len(c.Languages) == 0 || c.Languages[0].Code != c.Language || c.DefaultLanguage().Code == "" {
			t.Fatalf("languages %+v with default %q", c.Languages, c.Language)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, d := range diags {
			if d.File != ConfigFile || d.Line < 1 || d.Line > lines || d.Col < 1 {
				t.Fatalf("diagnostic outside site.yaml (%d lines): %v", lines, d)
			}
		}
		if !diags.HasErrors() && c.BaseURL != "" && c.Absolute("/") == "/" {
			t.Fatalf("base_url %q accepted but not absolute", c.BaseURL)
		}
	})
}
