package render

import (
	"fmt"
	"sort"
	"strings"
	"sync/atomic"

	"github.com/dossier-ssg/dossier/generator/content"
	template "github.com/dossier-ssg/dossier/generator/internal/template/html"
)

// Dep is one thing a page or a body was made from: all of a document,
// what other pages show of it (its outline), its title, the membership
// of a kind, the names mentions and wikilinks are found by, or the main
// navigation. Watch mode re-renders a page only when one of its
// dependencies changed (ChangedKeys).
type Dep struct {
	On  DepOn
	Key string // the document's key (kind/slug), or the kind for OnKind
}

// DepOn says what of a document or of the site a Dep is.
type DepOn uint8

// What a page or body can depend on.
const (
	OnDoc     DepOn = iota // everything of one document
	OnOutline              // what other pages show of a document (outline)
	OnName                 // a document's title
	OnKind                 // which documents a kind has, and their outlines
	OnAliases              // the people's and organisations' names and aliases, by which mentions are found
	OnNames                // the titles and aliases wikilinks resolve by
	OnNav                  // the main navigation
)

// DocDep is everything of d.
func DocDep(d *content.Doc) Dep { return Dep{OnDoc, d.KeyOf()} }

// OutlineDep is what other pages show of d.
func OutlineDep(d *content.Doc) Dep { return Dep{OnOutline, d.KeyOf()} }

// NameDep is d's title.
func NameDep(d *content.Doc) Dep { return Dep{OnName, d.KeyOf()} }

// KindDep is the documents of kind k.
func KindDep(k content.Kind) Dep { return Dep{OnKind, string(k)} }

// The dependencies on the whole site's names and navigation.
var (
	AliasesDep = Dep{On: OnAliases}
	NamesDep   = Dep{On: OnNames}
	NavDep     = Dep{On: OnNav}
)

// Deps is the set of things a page or a body was made from.
type Deps map[Dep]bool

// Any reports whether any of the keys is a dependency.
func (d Deps) Any(changed map[Dep]bool) bool {
	if changed == nil {
		return true
	}
	// Look the smaller set up in the larger: a rebuild's changes are
	// few, and a list page depends on hundreds of things.
	small, large := map[Dep]bool(d), changed
	if len(small) > len(large) {
		small, large = large, small
	}
	for k, v := range small {
		if v && large[k] {
			return true
		}
	}
	return false
}

// Keys lists the dependencies, sorted, as text (for tests and logs):
// the document key, prefixed by what of it ("t:" outline, "n:" title,
// "kind:"), or the site-wide name.
func (d Deps) Keys() []string {
	out := make([]string, 0, len(d))
	for k := range d {
		out = append(out, k.String())
	}
	sort.Strings(out)
	return out
}

// String is the dependency as text.
func (k Dep) String() string {
	return [...]string{"", "t:", "n:", "kind:", "aliases", "names", "nav"}[k.On] + k.Key
}

// Body is a rendered Markdown body and what it was made from.
type Body struct {
	HTML template.HTML
	Deps Deps
}

// Cache keeps the bodies of one language between builds, keyed by
// document key.
type Cache struct {
	Bodies map[string]Body
	// Rendered counts the bodies rendered (not reused) by the last build
	// before its pages; RenderedAll adds those rendered as their pages
	// were (Builder.Lazy).
	Rendered int
	lazily   atomic.Int64
	// Annos are the annotations as the last build encoded them, each as
	// it sits in the collection: a rebuild encodes only the ones that
	// changed (see Annotations).
	Annos map[Annotation][]byte
}

// RenderedAll counts every body the last build rendered (not reused).
func (c *Cache) RenderedAll() int { return c.Rendered + int(c.lazily.Load()) }

// dep records a dependency of what is being built, if anything records.
func (b *Builder) dep(key Dep) {
	if b.deps != nil {
		b.deps[key] = true
	}
}

func (b *Builder) depDoc(d *content.Doc) {
	if d != nil {
		b.dep(DocDep(d))
	}
}

// with returns a builder that records dependencies into deps. A one-shot
// build (Lazy) keeps no page for a next build, and records nothing: the
// index pages' dependencies (the timeline's names every event) were 2%
// of what 10,000 dossier-format pages allocate.
func (b *Builder) with(deps Deps) *Builder {
	c := *b
	c.deps = deps
	if b.Lazy {
		c.deps = nil
	}
	return &c
}

// depTitle records that what is built shows a document's title, link or
// list entry, but not its text: it changes only when the document's
// outline does (see outline).
func (b *Builder) depTitle(d *content.Doc) {
	if d != nil {
		b.dep(OutlineDep(d))
	}
}

// Change is one changed file: its document before and after (nil when
// added or deleted).
type Change struct{ Old, New *content.Doc }

// ChangedKeys returns the dependencies a set of changes touches: the
// document always; its outline only when what other pages show of it
// changed (and then its kind and the names links resolve by, and the
// aliases for a person or organisation); its title when it changed; the
// navigation when a page in it came, went or was renamed.
func ChangedKeys(changes []Change) map[Dep]bool {
	out := map[Dep]bool{}
	for _, c := range changes {
		d := c.New
		if d == nil {
			d = c.Old
		}
		out[DocDep(d)] = true
		if c.Old == nil || c.New == nil || c.Old.Title != c.New.Title {
			out[NameDep(d)] = true
		}
		if inNav(c.Old) != inNav(c.New) || inNav(c.Old) && c.Old.Title != c.New.Title {
			out[NavDep] = true // every page shows the navigation
		}
		if c.Old == nil || c.New == nil || outline(c.Old) != outline(c.New) {
			out[OutlineDep(d)] = true
			out[KindDep(d.Kind)] = true
			out[NamesDep] = true
			if d.Kind.IsEntity() {
				out[AliasesDep] = true
			}
		}
	}
	return out
}

// inNav reports whether a document is in the navigation (a plain page
// with nav: true).
func inNav(d *content.Doc) bool { return d != nil && d.Nav && !d.Draft }

// outline is what pages other than a document's own show of it or derive
// from it: its title and list entry, its date, and everything it points
// at (links, citations, participants), which makes backlinks elsewhere.
// A source's text is part of it: mentions and cited passages come from it.
func outline(d *content.Doc) string {
	var b strings.Builder
	w := func(xs ...string) {
		for _, x := range xs {
			b.WriteString(x)
			b.WriteByte(0)
		}
	}
	w(d.Title, d.Description, d.Lang, fmt.Sprint(d.Draft, d.Failed))
	if d.Lang != "" {
		// A translation file: its front matter is what other pages show
		// (names, roles, values), so all of it counts.
		b.Write(d.Src[:content.BodyOffset(d.Src)])
	}
	w(d.About...)
	for _, c := range append(append([]content.Cite(nil), d.Citations...), d.Inline...) {
		w(c.Source, c.Quote, c.Prefix, c.Suffix, c.Value, c.Note, fmt.Sprint(c.Date))
	}
	// The rest is the kind's: its spec says what other pages show.
	content.WriteOutline(d, w)
	if d.MD != nil {
		for _, l := range d.MD.Wikis {
			w(l.Target)
		}
		for _, l := range d.MD.MdLinks {
			w(string(l.Destination))
		}
	}
	return b.String()
}
