package glossary

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
)

// Finding is a miss placed in the files: the translation's line, and the
// original's.
type Finding struct {
	Miss
	File     string // the translation
	Line     int
	OrigFile string
	OrigLine int
}

// String describes a finding for a translator.
func (f Finding) String() string {
	return fmt.Sprintf("%s:%d: %q (%s:%d) is rendered %s", f.File, f.Line, f.Term, f.OrigFile, f.OrigLine, f.Entry.Rendering)
}

// Check compares a translation with its original part by part: each
// translatable front-matter value the translation sets, and the body.
// Parts the translation leaves out are not checked (the original's text
// is shown, and the translation is reported missing or stale instead).
func (g *Glossary) Check(orig, tr *content.Doc) []Finding {
	if g == nil || len(g.Entries) == 0 || orig == nil || tr == nil || orig.Failed || tr.Failed || orig.MD == nil || tr.MD == nil {
		return nil
	}
	var out []Finding
	for _, p := range orig.TranslatableParts() {
		if p.Key == "body" {
			continue
		}
		path := keyPath(p.Key)
		ot, ok1 := text(orig.MD.Meta, path)
		tt, ok2 := text(tr.MD.Meta, path)
		if !ok1 || !ok2 {
			continue
		}
		ms := g.Misses(ot, tt)
		if len(ms) == 0 {
			continue // the lines are looked up only when needed
		}
		oline, _ := orig.Locate(path)
		tline, _ := tr.Locate(path)
		for _, m := range ms {
			out = append(out, Finding{Miss: m, File: tr.Path, Line: tline, OrigFile: orig.Path, OrigLine: oline})
		}
	}
	// A source's body is the source's own text, never translated (its
	// translation's body is a summary).
	if orig.Kind != content.KindSource {
		ob, tb := string(orig.Body()), string(tr.Body())
		if strings.TrimSpace(tb) != "" {
			obase, _ := orig.Pos(content.BodyOffset(orig.Src))
			tbase, _ := tr.Pos(content.BodyOffset(tr.Src))
			for _, m := range g.Misses(ob, tb) {
				out = append(out, Finding{Miss: m, File: tr.Path, Line: tbase + m.Line - 1, OrigFile: orig.Path, OrigLine: obase + m.OrigLine - 1})
			}
		}
	}
	return out
}

// Diags are the findings of Check as warnings at the translation's lines.
func (g *Glossary) Diags(orig, tr *content.Doc) diag.List {
	var out diag.List
	for _, f := range g.Check(orig, tr) {
		hint := fmt.Sprintf("the glossary (%s:%d) renders it %s; use that, or change the glossary", g.File, f.Entry.Line, f.Entry.Rendering)
		if f.Entry.Note != "" {
			hint += " (" + strings.TrimSpace(f.Entry.Note) + ")"
		}
		out.Warnf(f.File, f.Line, 1, hint, "the original has %q (%s:%d), but the translation lacks its glossary rendering %s", f.Term, f.OrigFile, f.OrigLine, f.Entry.Rendering)
	}
	return out
}

// keyPath turns a part's key (title, versions[1].note) into a
// front-matter path.
func keyPath(key string) []any {
	name, rest, ok := strings.Cut(key, "[")
	if !ok {
		return []any{key}
	}
	idx, sub, _ := strings.Cut(rest, "].")
	i, _ := strconv.Atoi(idx)
	return []any{name, i, sub}
}

// text is the front-matter value at path as text: a string, or a list of
// strings one per line.
func text(meta map[string]any, path []any) (string, bool) {
	var v any = meta
	for _, step := range path {
		switch s := step.(type) {
		case string:
			m := toMap(v)
			if m == nil {
				return "", false
			}
			v = m[s]
		case int:
			l, _ := v.([]any)
			if s >= len(l) {
				return "", false
			}
			v = l[s]
		}
	}
	switch v := v.(type) {
	case string:
		return v, v != ""
	case []any:
		var lines []string
		for _, x := range v {
			if s, ok := x.(string); ok {
				lines = append(lines, s)
			}
		}
		return strings.Join(lines, "\n"), len(lines) > 0
	}
	return "", false
}

func toMap(v any) map[string]any {
	switch m := v.(type) {
	case map[string]any:
		return m
	case map[any]any:
		out := map[string]any{}
		for k, x := range m {
			out[fmt.Sprint(k)] = x
		}
		return out
	}
	return nil
}
