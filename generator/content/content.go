// Package content turns one content file into an immutable Doc: its kind
// and slug from its path, its front matter decoded into typed fields
// (every error positioned at file:line:col), and its Markdown parsed.
// A Doc depends on nothing but its own bytes, so watch mode can re-parse
// a single file and hand the new Doc to the site graph.
package content

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"gopkg.in/yaml.v3"
)

// Kind is the kind of a content file, given by its folder.
type Kind string

// The content kinds, one folder each under content/.
const (
	KindPage         Kind = "pages"
	KindSource       Kind = "sources"
	KindPerson       Kind = "people"
	KindOrganization Kind = "organizations"
	KindEvent        Kind = "events"
	KindClaim        Kind = "claims"
	KindQuote        Kind = "quotes"
	KindAnnotation   Kind = "annotations"
)

// Cite is a citation: a source and the exact words quoted from it.
type Cite struct {
	Source string
	Quote  string
	Prefix string
	Suffix string
	Value  string // claims: the figure or answer this source gives
	Note   string
	Date   Date    // date variants: the date this source gives
	Figure *Figure // claims: the number, if the version gives one
	Path   []any   // front-matter path of the quote, located only on error
	Offset int     // inline citations: byte offset in the file; -1 otherwise
}

// SourceMeta is the front matter of a source document.
type SourceMeta struct {
	Short             string // label of citation markers, e.g. "WSJ"
	OriginalTitle     string
	Dek               string
	Publisher         string
	Authors           []string
	Published         Date
	PublishedInferred bool
	PublishedNote     string
	URL               string
	Language          string
	SourceKind        string
	Provenance        string
	Seed              string
	SummaryAbstract   string
	SummaryKeyPoints  []string
	// SummaryLang is the language code of the summary, from its key
	// (summary_zh: zh).
	SummaryLang string
}

// EntityMeta is the front matter of a person or an organisation.
type EntityMeta struct {
	Name    string
	Aliases []string
	Role    string
	Type    string // organisations: company, nonprofit, product, ...
}

// EventMeta is the front matter of a timeline event.
type EventMeta struct {
	Date         Date
	End          Date
	Participants []string
	Variants     []Cite
}

// AnnotationMeta is the front matter of an annotation.
type AnnotationMeta struct {
	Source string
	Exact  string
	Prefix string
	Suffix string
	In     string // "text" or "summary"
	Type   string
}

// Doc is one parsed content file. It is never modified after Parse.
type Doc struct {
	Path  string // slash path from the site root: content/people/x.md
	Rel   string // slash path from content/: people/x.md
	Kind  Kind
	Slug  string
	key   string // KeyOf, made by Parse (a Doc made otherwise makes it at each call)
	page  string // PagePath, likewise
	Lang  string // "" for an original; the language of a translation file (name.zh.md) or of a localized Doc
	Src   []byte
	Lines diag.LineIndex
	MD    *markdown.Parsed
	Diags diag.List
	// Failed is set when the front matter could not be read at all; the
	// document still exists for links, but has no metadata.
	Failed bool

	Title       string
	Description string
	Draft       bool
	About       []string // entity slugs the document concerns
	Featured    []string // the home page: the people and organisations it puts first
	Nav         bool     // a plain page listed in the main navigation
	// Fields are the front-matter values of the keys its kind's Decode
	// does not read, by their declared type (see Spec): what a kind
	// defined without Go code shows through its template.
	Fields    map[string]any
	Citations []Cite // front-matter citations, claim and quote versions
	Inline    []Cite // [@source: quote] citations in the body

	Source     *SourceMeta
	Entity     *EntityMeta
	Event      *EventMeta
	Speaker    string
	QuoteDate  Date
	Annotation *AnnotationMeta
	// Summary is a source's Chinese summary (summary_zh) as Markdown: the
	// abstract, then the key points as a list. Annotations can target it.
	Summary    *markdown.Parsed
	SummarySrc []byte

	// Translations: Orig is the original a localized Doc was made from
	// (see Localize); TranslationOf is the hash of the original's
	// translatable content the translation records; Stale is set when the
	// original has changed since; BodyFallback when the translation has no
	// body of its own and the original's is shown.
	Orig          *Doc
	TranslationOf string
	Stale         bool
	BodyFallback  bool
	// SummaryInline are the citations of a localized source's summary.
	SummaryInline []Cite

	md      *markdown.Markdown
	fmStart int // byte offset where the front matter's YAML starts
	fm      *fmCache
}

type fmCache struct {
	once sync.Once
	node *yaml.Node
}

// KeyOf returns the key documents are stored under: kind/slug.
func (d *Doc) KeyOf() string {
	if d.key != "" {
		return d.key
	}
	return string(d.Kind) + "/" + d.Slug
}

// PagePath returns the site path of the document's page: /kind/slug/,
// a plain page's /slug/, and / for the home page (_index).
func (d *Doc) PagePath() string {
	if d.page != "" {
		return d.page
	}
	return pagePath(d.Kind, d.Slug)
}

func pagePath(k Kind, slug string) string {
	switch {
	case k == KindPage && slug == "_index":
		return "/"
	case k == KindPage:
		return "/" + slug + "/"
	}
	return "/" + string(k) + "/" + slug + "/"
}

// Parse reads one content file. rel is its path under content/.
func Parse(md *markdown.Markdown, rel string, src []byte) *Doc {
	d := parse(md, rel, bytes.TrimPrefix(src, bom))
	KeepInside(d.Diags, 0, d.Src)
	// The front matter's tree with positions, read for the duplicate
	// keys and the errors found so far, is let go: later errors are
	// rare, and Locate reads it again for them. Kept, the trees were a
	// tenth of a 10,000-page build's memory.
	d.fm = &fmCache{}
	return d
}

func parse(md *markdown.Markdown, rel string, src []byte) *Doc {
	d := &Doc{Path: "content/" + rel, Rel: rel, Src: src, Lines: diag.NewLineIndex(src), md: md, fm: &fmCache{}}
	dir, file := path.Split(rel)
	dir = strings.TrimSuffix(dir, "/")
	base := strings.TrimSuffix(file, ".md")
	if i := strings.LastIndexByte(base, '.'); i > 0 && langRe.MatchString(base[i+1:]) {
		d.Lang = base[i+1:]
		base = base[:i]
	}
	d.Slug = base
	switch {
	case dir == "":
		d.Kind = KindPage
	default:
		top := strings.SplitN(dir, "/", 2)[0]
		d.Kind = Kind(top)
		known := false
		for _, k := range Kinds {
			known = known || k == d.Kind
		}
		if !known {
			d.Kind = KindPage
			d.Slug = path.Join(dir, base)
		}
	}
	// Kind and slug are set once: the key and the page's path are made
	// once, not at each of the graph's and the pages' many look-ups.
	d.key, d.page = string(d.Kind)+"/"+d.Slug, pagePath(d.Kind, d.Slug)
	if !d.checkEncoding() {
		return d
	}
	if bytes.HasPrefix(src, []byte("---")) {
		d.fmStart = bytes.IndexByte(src, '\n') + 1
		if !closedFrontMatter(src) {
			d.Diags.Errorf(d.Path, 1, 1, "add a line with only --- after the last front matter key", "front matter is not closed")
			d.Failed = true
			return d
		}
	}
	d.MD = md.Parse(src)
	if d.MD.MetaErr != nil {
		line, msg := yamlErrorLine(d.MD.MetaErr)
		col := 1
		if l, c, ok := UnclosedQuote(d.frontMatter()); ok {
			base, _ := d.Pos(d.fmStart)
			line, col, msg = base+l-2, c, "quoted text is never closed: "+msg
			d.Diags.Errorf(d.Path, line+1, col, "add the closing quote at the end of the value", "invalid front matter: %s", msg)
		} else {
			// The parser may name the line after the front matter.
			line = min(line, bytes.Count(d.frontMatter(), []byte("\n")))
			d.Diags.Errorf(d.Path, line+1, col, "check the indentation, and quote values that contain a colon followed by a space", "invalid front matter: %s", msg)
		}
		d.Failed = true
		return d
	}
	d.checkDuplicateKeys()
	d.checkURLs(d.MD, src, nil)
	if d.Lang != "" {
		d.decodeTranslation()
		return d
	}
	d.decode()
	return d
}

// frontMatter returns the YAML between the --- lines.
func (d *Doc) frontMatter() []byte {
	end := bytes.Index(d.Src[d.fmStart:], []byte("\n---"))
	if end < 0 {
		return d.Src[d.fmStart:]
	}
	return d.Src[d.fmStart : d.fmStart+end+1]
}

// langRe matches the language suffix of a translation file: name.zh.md.
var langRe = regexp.MustCompile(`^[a-z]{2,3}(-[A-Za-z0-9]+)?$`)

func closedFrontMatter(src []byte) bool {
	lines := bytes.Split(src, []byte("\n"))
	for _, l := range lines[1:] {
		t := bytes.TrimSpace(l)
		if len(t) >= 3 && len(bytes.Trim(t, "-")) == 0 {
			return true
		}
	}
	return false
}

// yamlErrorLine pulls "line N" out of a yaml.v2 error message.
func yamlErrorLine(err error) (int, string) {
	msg := err.Error()
	msg = strings.TrimPrefix(msg, "yaml: ")
	line := 1
	if strings.HasPrefix(msg, "line ") {
		var n int
		if _, e := fmt.Sscanf(msg, "line %d:", &n); e == nil {
			line = n
			msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
		}
	}
	if strings.HasPrefix(msg, "unmarshal errors:") {
		msg = strings.TrimSpace(strings.TrimPrefix(msg, "unmarshal errors:"))
		var n int
		if _, e := fmt.Sscanf(msg, "line %d:", &n); e == nil {
			line = n
			msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
		}
	}
	return line, msg
}

// Locate returns the file position of a front-matter value, given its
// path of keys and list indexes. The YAML is re-read with positions only
// here, when an error is reported, so the common path pays nothing
// (Parse reads it for duplicate keys, then lets it go).
func (d *Doc) Locate(p []any) (line, col int) {
	d.fm.once.Do(func() {
		end := bytes.Index(d.Src[d.fmStart:], []byte("\n---"))
		if end < 0 {
			return
		}
		var n yaml.Node
		if yaml.Unmarshal(d.Src[d.fmStart:d.fmStart+end+1], &n) == nil && len(n.Content) > 0 {
			d.fm.node = n.Content[0]
		}
	})
	base, _ := d.Lines.Position(d.Src, d.fmStart)
	n := d.fm.node
	if n == nil {
		return base, 1
	}
	bestLine, bestCol := n.Line, n.Column
	for _, step := range p {
		var next *yaml.Node
		switch s := step.(type) {
		case string:
			if n.Kind == yaml.MappingNode {
				for i := 0; i+1 < len(n.Content); i += 2 {
					if n.Content[i].Value == s {
						bestLine, bestCol = n.Content[i].Line, n.Content[i].Column
						next = n.Content[i+1]
						break
					}
				}
			}
		case int:
			if n.Kind == yaml.SequenceNode && s < len(n.Content) {
				next = n.Content[s]
			}
		}
		if next == nil {
			break
		}
		n = next
		bestLine, bestCol = n.Line, n.Column
	}
	return base + bestLine - 1, bestCol
}

// ErrAt records an error at a front-matter path.
func (d *Doc) ErrAt(p []any, hint, format string, args ...any) {
	line, col := d.Locate(p)
	d.Diags.Errorf(d.Path, line, col, hint, format, args...)
}

// WarnAt records a warning at a front-matter path.
func (d *Doc) WarnAt(p []any, hint, format string, args ...any) {
	line, col := d.Locate(p)
	d.Diags.Warnf(d.Path, line, col, hint, format, args...)
}

// Pos returns the line and column of a byte offset in the file.
func (d *Doc) Pos(offset int) (int, int) { return d.Lines.Position(d.Src, offset) }

func (d *Doc) decode() {
	f := &Fields{d: d, m: d.MD.Meta, seen: map[string]bool{}}
	d.Title = f.str("title")
	d.Description = f.str("description")
	d.Draft = f.boolean("draft")
	if s := SpecOf(d.Kind); s != nil {
		if s.Decode != nil {
			s.Decode(d, f)
		}
		s.decodeByType(d, f)
	}
	for _, c := range d.MD.Cites {
		d.Inline = append(d.Inline, Cite{Source: c.Source, Quote: c.Quote, Offset: c.Offset})
	}
	f.unknown()
}

// Fields decodes one front-matter map, recording which keys were used
// and positioning every error at its key.
type Fields struct {
	d      *Doc
	m      map[string]any
	seen   map[string]bool
	prefix []any
}

func (f *Fields) at(key string) []any { return append(append([]any(nil), f.prefix...), key) }

func (f *Fields) missing(key, example string) {
	f.d.ErrAt(f.prefix, "add it to the front matter, for example: "+example, "missing required field %q", strings.Join(append(pathStrings(f.prefix), key), "."))
}

func pathStrings(p []any) []string {
	var out []string
	for _, s := range p {
		out = append(out, fmt.Sprint(s))
	}
	return out
}

func (f *Fields) str(key string) string {
	f.seen[key] = true
	v, ok := f.m[key]
	if !ok || v == nil {
		return ""
	}
	switch v := v.(type) {
	case string:
		return v
	case int, float64, bool:
		return fmt.Sprint(v)
	}
	f.d.ErrAt(f.at(key), "write it as a single line of text, quoted if it contains a colon", "%s must be text, not %s", key, typeName(v))
	return ""
}

func (f *Fields) boolean(key string) bool {
	f.seen[key] = true
	v, ok := f.m[key]
	if !ok || v == nil {
		return false
	}
	b, isBool := v.(bool)
	if !isBool {
		f.d.ErrAt(f.at(key), "write true or false", "%s must be true or false, not %s", key, typeName(v))
	}
	return b
}

func (f *Fields) enum(key string, allowed []string) string {
	s := f.str(key)
	if s == "" {
		return ""
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	hint := "use one of: " + strings.Join(allowed, ", ")
	if sug := diag.Suggest(s, allowed); sug != "" {
		hint = fmt.Sprintf("did you mean %q? (%s)", sug, hint)
	}
	f.d.ErrAt(f.at(key), hint, "unknown %s %q", key, s)
	return ""
}

func (f *Fields) strs(key string) []string {
	f.seen[key] = true
	v, ok := f.m[key]
	if !ok || v == nil {
		return nil
	}
	switch v := v.(type) {
	case string:
		return []string{v}
	case []any:
		out := make([]string, 0, len(v))
		for i, x := range v {
			switch x := x.(type) {
			case string:
				out = append(out, x)
			case int, float64:
				out = append(out, fmt.Sprint(x))
			default:
				f.d.ErrAt(append(f.at(key), i), "each item is one line of text", "%s[%d] must be text, not %s", key, i, typeName(x))
			}
		}
		return out
	}
	f.d.ErrAt(f.at(key), "write a list: [a, b] or one \"- item\" per line", "%s must be a list of text, not %s", key, typeName(v))
	return nil
}

func (f *Fields) date(key string, required bool) Date {
	f.seen[key] = true
	v, ok := f.m[key]
	if !ok || v == nil {
		if required {
			f.missing(key, `date: "2015-05" (the form is the precision: "2015", "2015-05" or "2015-05-21")`)
		}
		return Date{}
	}
	d, err := ParseDate(v)
	if err != nil {
		f.d.ErrAt(f.at(key), `write "YYYY", "YYYY-MM" or "YYYY-MM-DD", quoted; the form says how precise the date is`, "%s: %v", key, err)
	}
	return d
}

func (f *Fields) mapOf(key string) map[string]any {
	f.seen[key] = true
	v, ok := f.m[key]
	if !ok || v == nil {
		return nil
	}
	if m := toMap(v); m != nil {
		return m
	}
	f.d.ErrAt(f.at(key), "indent its keys under it", "%s must be a map of keys, not %s", key, typeName(v))
	return nil
}

func toMap(v any) map[string]any {
	switch v := v.(type) {
	case map[string]any:
		return v
	case map[any]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[fmt.Sprint(k)] = x
		}
		return out
	}
	return nil
}

// cites decodes a list of citations; withValue requires a value (claims).
func (f *Fields) cites(key string, withValue bool) []Cite {
	f.seen[key] = true
	v, ok := f.m[key]
	if !ok || v == nil {
		return nil
	}
	list, isList := v.([]any)
	if !isList {
		f.d.ErrAt(f.at(key), "write one \"- source: …\" item per citation", "%s must be a list, not %s", key, typeName(v))
		return nil
	}
	var out []Cite
	for i, item := range list {
		m := toMap(item)
		p := append(f.at(key), i)
		if m == nil {
			f.d.ErrAt(p, "each item needs source: and quote: keys", "%s[%d] must be a map, not %s", key, i, typeName(item))
			continue
		}
		cf := &Fields{d: f.d, m: m, seen: map[string]bool{}, prefix: p}
		c := Cite{Source: cf.str("source"), Quote: cf.str("quote"), Prefix: cf.str("prefix"), Suffix: cf.str("suffix"), Note: cf.str("note"), Path: append(append([]any(nil), p...), "quote"), Offset: -1}
		if key == "date_variants" {
			c.Date = cf.date("date", true)
			c.Date.Part = cf.enum("part", []string{"early", "mid", "late"})
			c.Date.Approximate = cf.boolean("approximate")
		}
		if withValue || m["value"] != nil {
			c.Value = cf.str("value")
			if withValue && c.Value == "" {
				cf.missing("value", `value: "$44 million"`)
			}
		}
		if withValue {
			c.Figure = cf.figure()
		}
		if c.Source == "" {
			f.d.ErrAt(p, "name the source by its slug, e.g. source: wsj-bromance", "%s[%d] has no source", key, i)
		}
		if c.Quote == "" {
			f.d.ErrAt(p, "quote the exact words of the source that support it", "%s[%d] has no quote", key, i)
		}
		cf.unknown()
		out = append(out, c)
	}
	return out
}

func (f *Fields) unknown() {
	var unknown []string
	for k := range f.m {
		if !f.seen[k] {
			unknown = append(unknown, k)
		}
	}
	if len(unknown) == 0 {
		return
	}
	var allowed []string
	if f.prefix == nil {
		allowed = KindKeys(f.d.Kind)
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		cands := allowed
		if f.prefix != nil {
			for s := range f.seen {
				cands = append(cands, s)
			}
			sort.Strings(cands)
		}
		hint := "it is ignored; remove it or check its spelling"
		if s := diag.Suggest(k, cands); s != "" {
			hint = fmt.Sprintf("did you mean %q?", s)
		}
		f.d.WarnAt(f.at(k), hint, "unknown key %q", strings.Join(append(pathStrings(f.prefix), k), "."))
	}
}

func typeName(v any) string {
	switch v.(type) {
	case string:
		return "text"
	case int, int64, float64:
		return "a number"
	case bool:
		return "true/false"
	case []any:
		return "a list"
	case map[any]any, map[string]any:
		return "a map"
	}
	return fmt.Sprintf("%T", v)
}
