package content

import (
	"fmt"
	"strings"
)

// AnnotationTypes are the values an annotation's type may take.
var AnnotationTypes = []string{"context", "correction", "discrepancy", "provenance", "translation-error"}

// Annotations: editors' notes pinned to exact words of a source, shown
// beside the passage on the source's page.
var annotationSpec = Spec{
	Kind: KindAnnotation, Name: "annotation", About: "an editor's note pinned to exact words of a source",
	Keys: []Key{
		{Name: "source", Type: KeyText, Required: true, Example: "{{source}}", Comment: "the slug of the source annotated"},
		{Name: "exact", Type: KeyText, Required: true, Example: `"{{quote}}"`, Comment: "the exact words the note is pinned to"},
		{Name: "type", Type: KeyEnum, Values: AnnotationTypes, Required: true, Example: "context", Comment: "one of: " + strings.Join(AnnotationTypes, ", ")},
		{Name: "title", Type: KeyText, Translatable: true, Example: `"{{title}}"`, Comment: "a heading for the note"},
		{Name: "prefix", Type: KeyText, Example: `"words just before"`, Comment: "only to single out one of several places"},
		{Name: "suffix", Type: KeyText, Example: `"words just after"`, Comment: "only to single out one of several places"},
		{Name: "in", Type: KeyEnum, Values: []string{"text", "summary"}, Example: "text", Comment: "text, or summary for the source's Chinese summary"},
		{Name: "about", Type: KeyRefs, Example: "[{{person}}]", Comment: "slugs of the people and organisations it concerns"},
	},
	Body:     "The note, shown beside the passage.\n",
	Template: "annotation",
	Nav:      "annotations",
	Count:    true,
	Relation: "annotations",
	Decode: func(d *Doc, f *Fields) {
		a := &AnnotationMeta{Source: f.str("source"), Exact: f.str("exact"), Prefix: f.str("prefix"), Suffix: f.str("suffix"), In: f.enum("in", []string{"text", "summary"}), Type: f.enum("type", AnnotationTypes)}
		if a.In == "" {
			a.In = "text"
		}
		if a.Source == "" {
			f.missing("source", "source: wsj-bromance")
		}
		if a.Exact == "" {
			f.missing("exact", `exact: "the exact words of the passage"`)
		}
		if a.Type == "" && f.m["type"] == nil {
			f.missing("type", "type: context")
		}
		d.About = f.strs("about")
		d.Annotation = a
	},
	Outline: func(d *Doc, w func(...string)) {
		if d.Annotation != nil {
			w(fmt.Sprintf("%+v", *d.Annotation))
		}
	},
}
