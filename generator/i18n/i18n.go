// Package i18n holds the interface strings of a site, one YAML file per
// language under content/i18n/ (en.yaml, zh.yaml), so that translators
// translate navigation, labels and counts without touching templates.
//
// A string is either text, or for counts a map of plural forms:
//
//	nav.sources: Sources
//	count.sources:
//	  one: "{n} source"
//	  other: "{n} sources"
//
// A key missing in a translation falls back to the default language's
// string and is reported as a warning.
package i18n

import (
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/output"
	"gopkg.in/yaml.v3"
)

// Dir is where the string files live, relative to the site root.
const Dir = "content/i18n"

// Entry is one string: its forms by plural category ("other" for text).
type Entry struct {
	Forms map[string]string
	Line  int
}

// Strings are one language's interface strings.
type Strings struct {
	Lang     string
	File     string
	entries  map[string]Entry
	fallback *Strings
}

// Keys returns the keys defined in this language, sorted.
func (s *Strings) Keys() []string {
	var out []string
	for k := range s.entries {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the key is defined in this language itself.
func (s *Strings) Has(key string) bool {
	_, ok := s.entries[key]
	return ok
}

func (s *Strings) lookup(key string) (Entry, bool) {
	for x := s; x != nil; x = x.fallback {
		if e, ok := x.entries[key]; ok {
			return e, true
		}
	}
	return Entry{}, false
}

// T returns the text of a key. An unknown key is an error, so that a
// template's typo stops the build at its line.
func (s *Strings) T(key string) (string, error) {
	e, ok := s.lookup(key)
	if !ok {
		return "", fmt.Errorf("unknown interface string %q (define it in %s/%s.yaml)", key, Dir, s.root().Lang)
	}
	if t, ok := e.Forms["other"]; ok {
		return t, nil
	}
	return e.Forms["one"], nil
}

// MustT is T for Go code, where keys are known: an unknown key yields
// the key itself.
func (s *Strings) MustT(key string) string {
	t, err := s.T(key)
	if err != nil {
		return key
	}
	return t
}

// N returns the form of a key for the count n, with {n} replaced.
func (s *Strings) N(key string, n int) (string, error) {
	e, ok := s.lookup(key)
	if !ok {
		return "", fmt.Errorf("unknown interface string %q (define it in %s/%s.yaml)", key, Dir, s.root().Lang)
	}
	form := PluralCategory(s.Lang, n)
	t, ok := e.Forms[form]
	if !ok {
		t = e.Forms["other"]
	}
	return strings.ReplaceAll(t, "{n}", strconv.Itoa(n)), nil
}

// F returns the text of a key with {name} placeholders replaced by the
// given pairs: F("notice.stale", "date", "…").
func (s *Strings) F(key string, pairs ...string) (string, error) {
	t, err := s.T(key)
	if err != nil {
		return "", err
	}
	for i := 0; i+1 < len(pairs); i += 2 {
		t = strings.ReplaceAll(t, "{"+pairs[i]+"}", pairs[i+1])
	}
	return t, nil
}

func (s *Strings) root() *Strings {
	x := s
	for x.fallback != nil {
		x = x.fallback
	}
	return x
}

// PluralCategory is the CLDR plural category of an integer count in a
// language: Chinese, Japanese and Korean have one form; English and most
// European languages distinguish one from other.
func PluralCategory(lang string, n int) string {
	switch strings.SplitN(lang, "-", 2)[0] {
	case "zh", "ja", "ko", "vi", "th", "id", "ms":
		return "other"
	case "fr", "pt":
		if n == 0 || n == 1 {
			return "one"
		}
		return "other"
	}
	if n == 1 {
		return "one"
	}
	return "other"
}

// Load reads the string files of the given languages; the first is the
// default, which every other falls back to. Problems are diagnostics.
func Load(fsys fs.FS, langs []string) (map[string]*Strings, diag.List) {
	var diags diag.List
	out := map[string]*Strings{}
	var def *Strings
	for i, lang := range langs {
		rel := Dir + "/" + lang + ".yaml"
		s := &Strings{Lang: lang, File: rel, entries: map[string]Entry{}}
		src, err := fs.ReadFile(fsys, rel)
		if err != nil {
			if i == 0 {
				diags.Errorf(rel, 1, 1, "create it: one line per string, e.g. nav.sources: Sources", "missing interface strings: %v", output.FSError("read", rel, err))
			} else {
				diags.Warnf(rel, 0, 0, "create it to translate the navigation and labels; the default language's strings are used", "no interface strings for %s", lang)
			}
		} else {
			parse(src, rel, s, &diags)
		}
		if i == 0 {
			def = s
		} else {
			s.fallback = def
		}
		out[lang] = s
	}
	// Every translation should have every key of the default language,
	// and no key the default lacks.
	for _, lang := range langs[1:] {
		s := out[lang]
		if len(s.entries) == 0 {
			continue
		}
		var missing []string
		for _, k := range def.Keys() {
			if !s.Has(k) {
				missing = append(missing, k)
			}
		}
		if len(missing) > 0 {
			diags.Warnf(s.File, 1, 1, fmt.Sprintf("translate them; until then the %s text is shown", langs[0]), "%d interface string(s) not translated: %s", len(missing), strings.Join(missing, ", "))
		}
		for _, k := range s.Keys() {
			if !def.Has(k) {
				hint := "it is never used; remove it or check its spelling"
				if sug := diag.Suggest(k, def.Keys()); sug != "" {
					hint = fmt.Sprintf("did you mean %q?", sug)
				}
				diags.Warnf(s.File, s.entries[k].Line, 1, hint, "%q is not a key of %s", k, def.File)
			}
		}
	}
	return out, diags
}

func parse(src []byte, rel string, s *Strings, diags *diag.List) {
	from := len(*diags)
	defer func() { content.KeepInside(*diags, from, src) }()
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		line, col, msg := content.YAMLError(src, err)
		diags.Errorf(rel, line, col, content.YAMLHint(msg), "invalid strings file: %s", msg)
		return
	}
	if len(n.Content) == 0 {
		return
	}
	m := n.Content[0]
	if m.Kind != yaml.MappingNode {
		diags.Errorf(rel, m.Line, m.Column, "write one key: text line per string", "a strings file is a map of keys to text")
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if _, dup := s.entries[k.Value]; dup {
			diags.Errorf(rel, k.Line, k.Column, "remove one of them", "duplicate key %q", k.Value)
			continue
		}
		e := Entry{Forms: map[string]string{}, Line: k.Line}
		switch v.Kind {
		case yaml.ScalarNode:
			e.Forms["other"] = v.Value
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content); j += 2 {
				f, t := v.Content[j], v.Content[j+1]
				if _, dup := e.Forms[f.Value]; dup {
					diags.Errorf(rel, f.Line, f.Column, "remove one of them", "duplicate plural form %q in %q", f.Value, k.Value)
					continue
				}
				switch f.Value {
				case "zero", "one", "two", "few", "many", "other":
					e.Forms[f.Value] = t.Value
				default:
					diags.Errorf(rel, f.Line, f.Column, "plural forms are zero, one, two, few, many and other", "unknown plural form %q", f.Value)
				}
			}
			if _, ok := e.Forms["other"]; !ok {
				diags.Errorf(rel, k.Line, k.Column, "every plural string needs other:, the form used when no other applies", "%q has no other: form", k.Value)
			}
		default:
			diags.Errorf(rel, v.Line, v.Column, "write text, or a map of plural forms (one:, other:)", "%q must be text", k.Value)
			continue
		}
		s.entries[k.Value] = e
	}
}
