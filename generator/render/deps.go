package render

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
)

// Deps is the set of things a page or a body was made from: document keys
// ("people/sam-altman") and a few pseudo-keys for what is derived from
// many documents ("kind:events" for a kind's membership, "aliases" for
// the entity names mentions are found with, "kind:annotations" for
// annotation placements). Watch mode re-renders a page only when one of
// its dependencies changed.
type Deps map[string]bool

// Any reports whether any of the keys is a dependency.
func (d Deps) Any(changed map[string]bool) bool {
	if changed == nil {
		return true
	}
	for k := range d {
		if changed[k] {
			return true
		}
	}
	return false
}

// Keys lists the dependencies, sorted.
func (d Deps) Keys() []string {
	out := make([]string, 0, len(d))
	for k := range d {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Body is a rendered Markdown body and what it was made from.
type Body struct {
	HTML template.HTML
	Deps Deps
}

// Cache keeps the bodies of one language between builds, keyed by
// document key (notes: by "note:" + key).
type Cache struct {
	Bodies map[string]Body
	// Rendered counts the bodies rendered (not reused) by the last build.
	Rendered int
}

// dep records a dependency of what is being built, if anything records.
func (b *Builder) dep(key string) {
	if b.deps != nil {
		b.deps[key] = true
	}
}

func (b *Builder) depDoc(d *content.Doc) {
	if d != nil {
		b.dep(d.KeyOf())
	}
}

// with returns a builder that records dependencies into deps.
func (b *Builder) with(deps Deps) *Builder {
	c := *b
	c.deps = deps
	return &c
}

// depTitle records that what is built shows a document's title, link or
// list entry, but not its text: it changes only when the document's
// outline does (see outline).
func (b *Builder) depTitle(d *content.Doc) {
	if d != nil {
		b.dep("t:" + d.KeyOf())
	}
}

// Change is one changed file: its document before and after (nil when
// added or deleted).
type Change struct{ Old, New *content.Doc }

// ChangedKeys returns the dependency keys a set of changes touches: the
// document's key always; its outline key ("t:" + key) only when what
// other pages show of it changed; pseudo-keys for kinds and aliases when
// membership or names changed.
func ChangedKeys(changes []Change) map[string]bool {
	out := map[string]bool{}
	for _, c := range changes {
		d := c.New
		if d == nil {
			d = c.Old
		}
		k := d.KeyOf()
		out[k] = true
		if c.Old == nil || c.New == nil || c.Old.Title != c.New.Title {
			out["n:"+k] = true // see depName
		}
		if inNav(c.Old) != inNav(c.New) || inNav(c.Old) && c.Old.Title != c.New.Title {
			out["nav"] = true // every page shows the navigation
		}
		if c.Old == nil || c.New == nil || outline(c.Old) != outline(c.New) {
			out["t:"+k] = true
			out["kind:"+string(d.Kind)] = true
			out["names"] = true
			if d.Kind.IsEntity() {
				out["aliases"] = true
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
