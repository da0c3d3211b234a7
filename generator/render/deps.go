package render

import (
	"html/template"
	"sort"

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

// ChangedKeys returns the dependency keys a change to these documents
// touches. Docs may be old or new versions, originals or translations.
func ChangedKeys(docs []*content.Doc) map[string]bool {
	out := map[string]bool{}
	for _, d := range docs {
		out[d.KeyOf()] = true
		out["kind:"+string(d.Kind)] = true
		if d.Kind.IsEntity() {
			out["aliases"] = true
		}
	}
	return out
}
