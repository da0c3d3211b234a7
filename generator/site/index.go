package site

import (
	"fmt"
	"strings"

	"github.com/dossier-ssg/dossier/generator/content"
)

// The index stage: documents by kind, slug and name, and the rule that an
// alias names one entity.

func (s *Site) index() {
	first := map[string]*content.Doc{}
	for _, d := range s.Docs {
		if d.MD == nil || d.Draft {
			continue
		}
		k := d.KeyOf()
		if prev, dup := first[k]; dup {
			line, col := 1, 1
			s.Diags.Errorf(d.Path, line, col, "rename one of the files; slugs come from file names and must be unique within a kind", "duplicate slug %q: %s already uses it", k, prev.Path)
			continue
		}
		first[k] = d
		s.ByKey[k] = d
		s.byRel[d.Rel] = d
		for _, n := range names(d) {
			if _, taken := s.byName[strings.ToLower(n)]; !taken && n != "" {
				s.byName[strings.ToLower(n)] = d
			}
		}
		if d.Failed {
			continue
		}
		s.ByKind[d.Kind] = append(s.ByKind[d.Kind], d)
		if d.Kind == content.KindPage && d.Slug == "_index" {
			s.Home = d
		}
	}
	// Aliases must name one entity each, or mentions and links by name
	// would be guesswork. A translated graph checks its translations' own
	// names and aliases, reported in the translation files.
	owner := map[string]*content.Doc{}
	for _, k := range content.EntityKinds() {
		for _, d := range s.ByKind[k] {
			if !s.Primary && d.Orig == nil {
				continue
			}
			for i, a := range append([]string{d.Entity.Name}, d.Entity.Aliases...) {
				if prev, ok := owner[a]; ok && prev != d {
					p := []any{"aliases", i - 1}
					if i == 0 {
						p = []any{"name"}
					}
					s.errAt(d, p, fmt.Sprintf("remove it from one of the two, or make it longer (%q is %s's)", a, prev.Path), "alias %q is also an alias of %s", a, prev.KeyOf())
					continue
				}
				owner[a] = d
			}
		}
	}
}

func names(d *content.Doc) []string {
	out := []string{d.Title}
	if d.Entity != nil {
		out = append(out, d.Entity.Name)
		out = append(out, d.Entity.Aliases...)
	}
	if d.Orig != nil {
		out = append(out, names(d.Orig)...)
	}
	return out
}

// Entity returns the person or organisation with the given slug.
func (s *Site) Entity(slug string) *content.Doc {
	if d := s.ByKey["people/"+slug]; d != nil {
		return d
	}
	return s.ByKey["organizations/"+slug]
}

func (s *Site) entitySlugs() []string {
	var out []string
	for _, k := range content.EntityKinds() {
		for _, d := range s.ByKind[k] {
			out = append(out, d.Slug)
		}
	}
	return out
}

func (s *Site) sourceSlugs() []string {
	var out []string
	for _, d := range s.ByKind[content.KindSource] {
		out = append(out, d.Slug)
	}
	return out
}
