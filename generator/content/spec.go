package content

import (
	"fmt"
	"sort"
	"strings"
)

// A Spec is everything dossier knows about one content kind, in the
// manner of a goldmark extension: its folder and URLs, its front-matter
// keys (type, required, translatable, how dossier new writes them), how
// it decodes and localizes, the backlink it makes on the pages it is
// about, its page and index templates, its navigation entry, its
// schema.org type, whether it is in the feeds, and what of it other
// pages show (its outline). Each built-in kind is one file (kind_*.go)
// and one entry of registry below; a kind of another dossier is one
// Register call. Everything that iterates over kinds ranges over Specs.
//
// The interface strings a kind uses are derived from its folder name:
// nav.<Nav>, list.<kind>.title and .description (its index page),
// count.<kind> (the home page's counts, with one/other forms) and
// back.<Relation> (the group on the pages it is about).
type Spec struct {
	Kind  Kind   // its folder under content/: "people"
	Name  string // the singular dossier new takes: "person"
	About string // one line on what the kind is for (dossier new)

	// Keys are the front-matter keys it accepts besides title,
	// description and draft, which every kind has.
	Keys []Key
	Body string // the body of a new file (dossier new)

	// Decode fills the typed fields of a document from its front
	// matter; keys it leaves unread are decoded by their Key.Type into
	// Doc.Fields. Nil: every key is decoded by type.
	Decode func(d *Doc, f *Fields)
	// Localize merges a translation's translatable keys into the
	// localized document (title and description are merged for every
	// kind, and translatable keys in Doc.Fields by type).
	Localize func(m *Doc, f *Fields)

	Template string // its pages' template: templates/<Template>.html
	Index    string // URL of its index page; "" for /<kind>/
	Nav      string // its entry of the main navigation: the string nav.<Nav> linking to Index ("" for none)
	NavURL   string // where the entry links, if not Index
	Count    bool   // counted on the home page (count.<kind>)
	Schema   string // schema.org @type of its pages' structured data ("" for WebPage)
	Feed     bool   // its documents are entries of the Atom feeds
	// Relation names the backlink a document of the kind makes on the
	// people and organisations of its about: list (back.<Relation>).
	Relation string
	// Entity marks the people and organisations: what mentions, aliases
	// and about: lists refer to.
	Entity bool
	// Outline writes what pages other than a document's own show of it
	// (see render's outline): a change there re-renders them in serve.
	// Title, description, about, citations, links and Fields are
	// written for every kind.
	Outline func(d *Doc, w func(...string))
}

// KeyType is how a front-matter value is read.
type KeyType int

// The types of front-matter values.
const (
	KeyText   KeyType = iota // one line of text
	KeyBool                  // true or false
	KeyList                  // a list of text (one item may be written bare)
	KeyDate                  // "YYYY", "YYYY-MM" or "YYYY-MM-DD"
	KeyURL                   // an http(s) URL
	KeyEnum                  // one of Key.Values
	KeyCites                 // a list of citations: source, quote, prefix, suffix, note
	KeyNumber                // a number (accepted, not used: other generators' weight)
	KeyMap                   // keys of its own, decoded by the kind's Decode
	KeyRefs                  // slugs of people and organisations (about:)
)

// Key is one front-matter key of a kind.
type Key struct {
	Name         string
	Type         KeyType
	Values       []string // Enum: the values it may take
	Required     bool
	Translatable bool // a translation may set it; otherwise it is inherited
	// Hidden keys are accepted but not written by dossier new (the
	// seed form's date and extra, which published and url replace).
	Hidden bool
	// Example is the YAML of the value dossier new writes; it may span
	// lines. {{source}}, {{quote}}, {{source2}}, {{quote2}}, {{person}}
	// and {{title}} are filled from the site.
	Example string
	Comment string
}

// common are the keys every kind accepts, after its own.
var common = []Key{
	{Name: "description", Type: KeyText, Translatable: true, Example: `"One sentence for search results and link previews."`, Comment: "shown in search results and link previews"},
	{Name: "draft", Type: KeyBool, Example: "true", Comment: "a draft is checked but not published"},
}

// registry lists the kinds in the order the site presents them: the
// navigation, the home page's counts, dossier new, the translation
// report. Plain pages (the files at the top of content/) come first.
var registry []*Spec

// The list is filled in init: the specs' functions refer back to the
// registry (an unknown key's hint lists the kind's keys).
func init() {
	registry = []*Spec{&pageSpec, &sourceSpec, &personSpec, &organizationSpec, &eventSpec, &claimSpec, &quoteSpec, &annotationSpec}
	Kinds = folderKinds()
}

// Register adds a kind. It is meant for package initialisation (a var
// or init), before any site is read: the registry is not locked.
// Registering a folder twice panics.
func Register(s *Spec) {
	if s.Kind == "" || SpecOf(s.Kind) != nil {
		panic(fmt.Sprintf("content: kind %q registered twice or without a folder", s.Kind))
	}
	registry = append(registry, s)
	Kinds = append(Kinds, s.Kind)
}

// Specs lists every kind, plain pages first.
func Specs() []*Spec { return registry }

// SpecOf returns the spec of a kind, or nil.
func SpecOf(k Kind) *Spec {
	for _, s := range registry {
		if s.Kind == k {
			return s
		}
	}
	return nil
}

// Kinds lists the folder kinds (every kind but plain pages) in the
// order the site presents them.
var Kinds []Kind

func folderKinds() []Kind {
	var out []Kind
	for _, s := range registry[1:] {
		out = append(out, s.Kind)
	}
	return out
}

// IsEntity reports whether documents of kind k are people or organisations.
func (k Kind) IsEntity() bool {
	s := SpecOf(k)
	return s != nil && s.Entity
}

// EntityKinds lists the kinds whose documents are people and
// organisations.
func EntityKinds() []Kind {
	var out []Kind
	for _, s := range registry {
		if s.Entity {
			out = append(out, s.Kind)
		}
	}
	return out
}

// AllKeys lists the keys a kind accepts: its own, then the common ones.
// title is a key of every kind; a kind may list it to say more of it.
func (s *Spec) AllKeys() []Key {
	out := append([]Key(nil), s.Keys...)
	if s.key("title") == nil {
		out = append([]Key{{Name: "title", Type: KeyText, Translatable: true, Example: `"{{title}}"`, Comment: "the page's title"}}, out...)
	}
	return append(out, common...)
}

func (s *Spec) key(name string) *Key {
	for i := range s.Keys {
		if s.Keys[i].Name == name {
			return &s.Keys[i]
		}
	}
	return nil
}

// Key returns one accepted key of the kind, or nil.
func (s *Spec) Key(name string) *Key {
	for _, k := range s.AllKeys() {
		if k.Name == name {
			return &k
		}
	}
	return nil
}

// IndexURL is the site path of the kind's index page.
func (s *Spec) IndexURL() string {
	if s.Index != "" {
		return s.Index
	}
	return "/" + string(s.Kind) + "/"
}

// KindKeys returns the front-matter keys documents of kind k accept.
func KindKeys(k Kind) []string {
	s := SpecOf(k)
	if s == nil {
		return nil
	}
	var out []string
	for _, key := range s.AllKeys() {
		out = append(out, key.Name)
	}
	return out
}

// TranslatableKeys returns the front-matter keys a translation of a
// document of kind k may set; every other key is inherited.
func TranslatableKeys(k Kind) []string {
	s := SpecOf(k)
	if s == nil {
		return nil
	}
	var out []string
	for _, key := range s.AllKeys() {
		if key.Translatable {
			out = append(out, key.Name)
		}
	}
	return out
}

// IsTranslatable reports whether a translation may set a front-matter
// key of a document of kind k.
func IsTranslatable(k Kind, key string) bool {
	s := SpecOf(k)
	if s == nil {
		return false
	}
	kk := s.Key(key)
	return kk != nil && kk.Translatable
}

// decodeByType reads the keys the kind's Decode left unread, by their
// declared type, into d.Fields: citations into d.Citations, a Refs key
// into d.About.
func (s *Spec) decodeByType(d *Doc, f *Fields) {
	for _, k := range s.Keys {
		if f.seen[k.Name] {
			continue
		}
		var v any
		switch k.Type {
		case KeyText:
			v = f.str(k.Name)
		case KeyBool:
			v = f.boolean(k.Name)
		case KeyList:
			v = f.strs(k.Name)
		case KeyDate:
			v = f.date(k.Name, false)
		case KeyURL:
			v = f.url(k.Name)
		case KeyEnum:
			v = f.enum(k.Name, k.Values)
		case KeyNumber:
			f.seen[k.Name] = true
			v = f.m[k.Name]
		case KeyCites:
			d.Citations = append(d.Citations, f.cites(k.Name, false)...)
			continue
		case KeyRefs:
			d.About = append(d.About, f.strs(k.Name)...)
			continue
		case KeyMap:
			v = f.mapOf(k.Name)
		}
		if k.Required && f.m[k.Name] == nil {
			f.missing(k.Name, k.Name+": "+strings.TrimSpace(k.Example))
		}
		if d.Fields == nil {
			d.Fields = map[string]any{}
		}
		d.Fields[k.Name] = v
	}
}

// localizeByType takes the translated text of the translatable keys
// that are in Doc.Fields.
func (s *Spec) localizeByType(m *Doc, f *Fields) {
	var fields map[string]any
	for _, k := range s.Keys {
		if !k.Translatable || f.seen[k.Name] || m.Fields == nil {
			continue
		}
		if _, ok := m.Fields[k.Name]; !ok {
			continue
		}
		var v any
		switch k.Type {
		case KeyText:
			if t := f.str(k.Name); t != "" {
				v = t
			}
		case KeyList:
			if t := f.strs(k.Name); t != nil {
				v = t
			}
		default:
			continue
		}
		if v == nil {
			continue
		}
		if fields == nil {
			fields = make(map[string]any, len(m.Fields))
			for n, x := range m.Fields {
				fields[n] = x
			}
		}
		fields[k.Name] = v
	}
	if fields != nil {
		m.Fields = fields
	}
}

// outlineFields writes the type-decoded fields, in key order.
func outlineFields(d *Doc, w func(...string)) {
	names := make([]string, 0, len(d.Fields))
	for n := range d.Fields {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w(n, fmt.Sprint(d.Fields[n]))
	}
}

// WriteOutline writes what pages other than a document's own show of
// it or derive from its kind's spec: the kind's own outline, then its
// type-decoded fields.
func WriteOutline(d *Doc, w func(...string)) {
	if s := SpecOf(d.Kind); s != nil && s.Outline != nil {
		s.Outline(d, w)
	}
	outlineFields(d, w)
}

func writeCites(cs []Cite, w func(...string)) {
	for _, c := range cs {
		w(c.Source, c.Quote, c.Prefix, c.Suffix, c.Value, c.Note, fmt.Sprint(c.Date))
	}
}
