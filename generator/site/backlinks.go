package site

import (
	"sort"

	"github.com/dossier-ssg/dossier/generator/content"
)

// The backlinks stage: each document's backlinks sorted and deduplicated.

func (s *Site) sortBacklinks() {
	byDate := func(ds []*content.Doc) {
		sort.SliceStable(ds, func(i, j int) bool {
			a, b := ds[i], ds[j]
			if a.Event != nil && b.Event != nil && a.Event.Date.Key() != b.Event.Date.Key() {
				return a.Event.Date.Key() < b.Event.Date.Key()
			}
			return a.Path < b.Path
		})
	}
	for _, b := range s.Back {
		for _, l := range [][]*content.Doc{b.Events, b.Quotes, b.Claims, b.Annotations, b.LinkedFrom, b.CitedBy, b.Profiles} {
			byDate(l)
		}
		b.Events = dedupe(b.Events)
		b.Quotes = dedupe(b.Quotes)
		b.Claims = dedupe(b.Claims)
		b.Annotations = dedupe(b.Annotations)
	}
}

func dedupe(ds []*content.Doc) []*content.Doc {
	var out []*content.Doc
	seen := map[*content.Doc]bool{}
	for _, d := range ds {
		if !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	return out
}
