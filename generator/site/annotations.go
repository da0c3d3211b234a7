package site

import (
	"sort"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/markdown"
)

// The annotations stage: each annotation placed on its passage and
// numbered in reading order.

func (s *Site) placeAnnotations() {
	for _, d := range s.ByKind[content.KindAnnotation] {
		a := d.Annotation
		src := s.ByKey["sources/"+a.Source]
		if src == nil {
			if a.Source != "" && s.Primary {
				s.errAt(d, []any{"source"}, hintFor(a.Source, s.sourceSlugs(), "sources"), "unknown source %q", a.Source)
			}
			continue
		}
		if a.In == "summary" && src.Summary == nil {
			if !s.Primary {
				continue
			}
			s.errAt(d, []any{"in"}, "only sources with summary_zh have a summary", "%s has no summary to annotate", a.Source)
			continue
		}
		c := content.Cite{Source: a.Source, Quote: a.Exact, Prefix: a.Prefix, Suffix: a.Suffix, Path: []any{"exact"}, Offset: -1}
		p := s.resolve(d, c, CiteKey{d.Path, InExact, 0}, a.In == "summary", s.Primary)
		b := s.back(src.KeyOf())
		b.Annotations = append(b.Annotations, d)
		if p == nil {
			continue
		}
		s.Notes[src.KeyOf()] = append(s.Notes[src.KeyOf()], &Placement{Doc: d, Passage: p})
	}
	for key, ps := range s.Notes {
		src := s.ByKey[key]
		order := map[*markdown.Block]int{}
		for i, b := range src.MD.Blocks {
			order[b] = i
		}
		if src.Summary != nil {
			for i, b := range src.Summary.Blocks {
				order[b] = i - len(src.Summary.Blocks) // summary comes first
			}
		}
		sort.SliceStable(ps, func(i, j int) bool {
			a, b := ps[i].Passage, ps[j].Passage
			if order[a.Block] != order[b.Block] {
				return order[a.Block] < order[b.Block]
			}
			if a.Start != b.Start {
				return a.Start < b.Start
			}
			return ps[i].Doc.Slug < ps[j].Doc.Slug
		})
		for i, p := range ps {
			p.Number = i + 1
		}
	}
}
