package content

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sort"
	"strings"

	"github.com/dossier-ssg/dossier/generator/diag"
)

// A translation is a file beside its original, name.zh.md beside name.md.
// Its front matter holds only what changes with language; everything else
// (dates, participants, citations and their quotes, ...) is inherited from
// the original. Localize merges the two into the Doc the translated site
// renders.

// citeListKeys are the lists of citations whose items have translatable
// parts (value, note) beside inherited ones (source, quote, date, ...).
var citeListKeys = map[string]bool{"citations": true, "versions": true, "date_variants": true}

var citeItemTranslatable = []string{"value", "note"}

// TranslationKeys are the keys only a translation has.
var TranslationKeys = []string{"translation_of", "draft"}

func (d *Doc) decodeTranslation() {
	f := &Fields{d: d, m: d.MD.Meta, seen: map[string]bool{}}
	d.Title = f.str("title")
	d.Description = f.str("description")
	d.Draft = f.boolean("draft")
	d.TranslationOf = f.str("translation_of")
}

// Body returns the Markdown after the front matter.
func (d *Doc) Body() []byte {
	return d.Src[BodyOffset(d.Src):]
}

// BodyOffset returns where the body starts in a content file.
func BodyOffset(src []byte) int {
	if !bytes.HasPrefix(src, []byte("---")) {
		return 0
	}
	start := bytes.IndexByte(src, '\n') + 1
	if start <= 0 {
		return len(src)
	}
	for off := start; off < len(src); {
		end := bytes.IndexByte(src[off:], '\n')
		line := src[off:]
		next := len(src)
		if end >= 0 {
			line = src[off : off+end]
			next = off + end + 1
		}
		if t := bytes.TrimSpace(line); len(t) >= 3 && len(bytes.Trim(t, "-")) == 0 {
			return next
		}
		off = next
	}
	return len(src)
}

// TranslationHash is a short hash of an original's translatable content:
// the translatable front-matter values, the translatable parts of its
// citation lists, and its body. A translation records the hash of the
// version it translates (translation_of:), so a later change to the
// original makes it stale, while changes to dates or citations do not.
func (d *Doc) TranslationHash() string {
	h := sha256.New()
	for _, part := range d.TranslatableParts() {
		fmt.Fprintf(h, "%s\x00%s\x00", part.Key, part.Text)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// Part is one translatable piece of an original: a front-matter value
// (Key "title", "versions[1].value"), or the body (Key "body").
type Part struct {
	Key  string
	Text string
}

// TranslatableParts lists an original's translatable content in a fixed
// order.
func (d *Doc) TranslatableParts() []Part {
	var out []Part
	meta := map[string]any{}
	if d.MD != nil && d.MD.Meta != nil {
		meta = d.MD.Meta
	}
	keys := TranslatableKeys(d.Kind)
	sort.Strings(keys)
	for _, k := range keys {
		if v, ok := meta[k]; ok && v != nil {
			out = append(out, Part{k, canon(v)})
		}
	}
	var lists []string
	for k := range citeListKeys {
		lists = append(lists, k)
	}
	sort.Strings(lists)
	for _, k := range lists {
		items, _ := meta[k].([]any)
		for i, it := range items {
			m := toMap(it)
			for _, ik := range citeItemTranslatable {
				if v, ok := m[ik]; ok && v != nil {
					out = append(out, Part{fmt.Sprintf("%s[%d].%s", k, i, ik), canon(v)})
				}
			}
		}
	}
	body := strings.TrimSpace(string(d.Body()))
	if body != "" {
		out = append(out, Part{"body", body})
	}
	return out
}

// canon renders a YAML value deterministically, for hashing and comparing.
func canon(v any) string {
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case nil:
			b.WriteString("null")
		case string:
			fmt.Fprintf(&b, "%q", v)
		case []any:
			b.WriteByte('[')
			for i, x := range v {
				if i > 0 {
					b.WriteByte(',')
				}
				walk(x)
			}
			b.WriteByte(']')
		case map[string]any, map[any]any:
			m := toMap(v)
			ks := make([]string, 0, len(m))
			for k := range m {
				ks = append(ks, k)
			}
			sort.Strings(ks)
			b.WriteByte('{')
			for i, k := range ks {
				if i > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, "%q:", k)
				walk(m[k])
			}
			b.WriteByte('}')
		default:
			// Numbers and booleans compare by their text, so that
			// date: 2015 and date: "2015" are the same value.
			fmt.Fprintf(&b, "%q", fmt.Sprint(v))
		}
	}
	walk(v)
	return b.String()
}

// Localize merges a translation into its original: the result has the
// original's inherited fields and the translation's text, its Path and
// Lang are the translation's, and its Diags are the translation's own
// errors, positioned in the translation file. A repeated inherited key
// that differs from the original is an error.
func Localize(orig, tr *Doc) *Doc {
	m := *orig
	m.Orig = orig
	m.Path, m.Lang, m.Src, m.Lines, m.fmStart, m.fm = tr.Path, tr.Lang, tr.Src, tr.Lines, tr.fmStart, &fmCache{}
	m.Diags = append(diag.List(nil), tr.Diags...)
	m.TranslationOf = tr.TranslationOf
	m.Stale = tr.TranslationOf != orig.TranslationHash()
	m.Failed = orig.Failed || tr.Failed
	if tr.Failed || tr.MD == nil || orig.Failed {
		return &m
	}
	f := &Fields{d: &m, m: tr.MD.Meta, seen: map[string]bool{"translation_of": true, "draft": true}}
	m.localizeFields(f)
	m.localizeCiteLists(f)
	m.checkInherited(f)
	m.localizeBody(tr)
	return &m
}

// localizeFields takes the translated text of the front matter: title
// and description, and each kind's own translatable keys.
func (m *Doc) localizeFields(f *Fields) {
	if t := f.str("title"); t != "" {
		m.Title = t
	}
	if t := f.str("description"); t != "" {
		m.Description = t
	}
	if s := SpecOf(m.Kind); s != nil {
		if s.Localize != nil {
			s.Localize(m, f)
		}
		s.localizeByType(m, f)
	}
}

// localizeCiteLists takes value and note of each citation item from the
// translation; source, quote and the rest are the original's, and
// changing them is an error.
func (m *Doc) localizeCiteLists(f *Fields) {
	meta, orig := f.m, m.Orig
	for key := range citeListKeys {
		if _, ok := meta[key]; !ok {
			continue
		}
		f.seen[key] = true
		var dst *[]Cite
		switch {
		case key == "date_variants" && m.Event != nil:
			ev := *m.Event
			ev.Variants = append([]Cite(nil), ev.Variants...)
			m.Event = &ev
			dst = &ev.Variants
		case key != "date_variants" && orig.MD.Meta[key] != nil:
			m.Citations = append([]Cite(nil), m.Citations...)
			dst = &m.Citations
		}
		items, isList := meta[key].([]any)
		origItems, _ := orig.MD.Meta[key].([]any)
		if !isList || dst == nil {
			m.ErrAt([]any{key}, "leave it out: it is inherited from the original", "%s is not a list of the original's items", key)
			continue
		}
		if len(items) > len(origItems) {
			m.ErrAt([]any{key, len(origItems)}, fmt.Sprintf("the original has %d; give one item per original item, in the same order", len(origItems)), "%s has more items than the original", key)
			items = items[:len(origItems)]
		}
		for i, it := range items {
			m.localizeCiteItem(key, i, it, origItems[i], *dst)
		}
	}
}

func (m *Doc) localizeCiteItem(key string, i int, it, origItem any, dst []Cite) {
	im := toMap(it)
	if im == nil && it != nil {
		m.ErrAt([]any{key, i}, "write value: and note: for this item, or {} to keep the original's", "%s[%d] must be a map", key, i)
		return
	}
	om := toMap(origItem)
	for k, v := range im {
		switch {
		case k == "value" || k == "note":
			s, ok := v.(string)
			if !ok {
				m.ErrAt([]any{key, i, k}, "write it as text", "%s[%d].%s must be text", key, i, k)
				continue
			}
			if i < len(dst) {
				if k == "value" {
					dst[i].Value = s
				} else {
					dst[i].Note = s
				}
			}
		case canon(v) != canon(om[k]):
			line, _ := m.Orig.Locate([]any{key, i, k})
			m.ErrAt([]any{key, i, k}, fmt.Sprintf("leave it out: it is inherited from the original (%s:%d)", m.Orig.Path, line), "%s[%d].%s differs from the original; only value and note are translated", key, i, k)
		}
	}
}

// checkInherited reports the translation's other keys: repeating an
// inherited key is fine, changing it is an error, and an unknown key is
// a warning.
func (m *Doc) checkInherited(f *Fields) {
	meta, orig := f.m, m.Orig
	var ks []string
	for k := range meta {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	for _, k := range ks {
		if f.seen[k] || IsTranslatable(m.Kind, k) {
			continue
		}
		if s := SpecOf(m.Kind); s == nil || s.Key(k) == nil {
			cands := append(TranslatableKeys(m.Kind), TranslationKeys...)
			hint := "a translation may set only: " + strings.Join(cands, ", ")
			if s := diag.Suggest(k, cands); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			m.WarnAt([]any{k}, hint, "unknown key %q", k)
			continue
		}
		if canon(meta[k]) != canon(orig.MD.Meta[k]) {
			line, _ := orig.Locate([]any{k})
			m.ErrAt([]any{k}, fmt.Sprintf("leave it out: %s is inherited from the original (%s:%d), which says %s", k, orig.Path, line, orig.MD.Meta[k]), "%s differs from the original", k)
		}
	}
}

// localizeBody takes the translation's body. A source keeps its text in
// the original language; its translation's body is the summary in the
// translated language. A translation without a body shows the original's,
// with its citations.
func (m *Doc) localizeBody(tr *Doc) {
	orig := m.Orig
	hasBody := len(strings.TrimSpace(string(tr.Body()))) > 0
	m.Inline = nil
	switch {
	case m.Kind == KindSource:
		m.MD, m.Inline = orig.MD, orig.Inline
		if hasBody && orig.Summary != nil && tr.Lang == orig.Source.SummaryLang {
			// The original's summary in this language (summary_zh); its
			// annotations point into it.
			line, _ := tr.Pos(BodyOffset(tr.Src))
			m.Diags.Errorf(tr.Path, line, 1, fmt.Sprintf("leave the body empty: %s already has its summary in this language (%s), and annotations point into it", orig.Path, summaryKey), "a second summary in %s for this source", tr.Lang)
		} else if hasBody {
			m.Summary, m.SummarySrc = tr.MD, tr.Src
			for _, c := range tr.MD.Cites {
				m.SummaryInline = append(m.SummaryInline, Cite{Source: c.Source, Quote: c.Quote, Offset: c.Offset})
			}
		}
	case hasBody:
		m.MD = tr.MD
		for _, c := range tr.MD.Cites {
			m.Inline = append(m.Inline, Cite{Source: c.Source, Quote: c.Quote, Offset: c.Offset})
		}
	default:
		m.MD, m.Inline = orig.MD, orig.Inline
		m.BodyFallback = len(strings.TrimSpace(string(orig.Body()))) > 0
	}
}

// SummaryLanguage is the language code of a source's summary: the
// translation's, when its body is the summary, or the seed's summary
// key's (summary_zh: zh).
func (d *Doc) SummaryLanguage() string {
	if d.SummaryInline != nil {
		return d.Lang
	}
	if d.Source == nil {
		return ""
	}
	return d.Source.SummaryLang
}

// BodySrc returns the bytes d.MD was parsed from: the translation's, or
// the original's when a localized Doc shows the original body.
func (d *Doc) BodySrc() []byte {
	if d.Orig != nil && d.MD == d.Orig.MD {
		return d.Orig.Src
	}
	return d.Src
}

// Release lets the syntax trees of the body and the summary go (see
// markdown.Parsed.Release): a one-shot build calls it once every body
// is rendered. The documents merged from this one share its trees.
func (d *Doc) Release() {
	d.MD.Release()
	d.Summary.Release()
}

// Forget lets go of the document's source and its blocks' text, the
// largest part of what a document holds: a one-shot build calls it once
// its last language's search index has read them, and nothing renders,
// positions or indexes the document after. Call Release first.
func (d *Doc) Forget() {
	d.Src, d.SummarySrc = nil, nil
	d.MD.Forget()
	d.Summary.Forget()
}

// ForgetFrontMatter lets go of the front matter as decoded (the body's
// markdown.Parsed.Meta), all of which the document's fields have read:
// a one-shot build calls it once the graphs and the translations'
// checks are made. The translatable parts, and so TranslationHash, are
// not known after it.
func (d *Doc) ForgetFrontMatter() {
	if d.MD != nil {
		d.MD.Meta = nil
	}
}

// Outline lets the syntax trees of the body and the summary go but keeps
// their outline (see markdown.Parsed.Outline): a one-shot build of a
// large site calls it as soon as the file is parsed, and the renderer
// restores a tree when it renders from it.
func (d *Doc) Outline() {
	d.MD.Outline()
	d.Summary.Outline()
}
