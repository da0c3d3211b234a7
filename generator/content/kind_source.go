package content

import (
	"fmt"
	"strings"
)

// SourceKinds are the values a source's kind may take.
var SourceKinds = []string{"news-report", "analysis", "republished-translation", "ai-rewritten-summary", "aggregator"}

// summaryKey is the seed format's summary of a source in another
// language: its suffix is the summary's language code.
const summaryKey = "summary_zh"

// Sources: the articles the dossier reads closely. Their text is what
// citations quote, annotations are pinned to and mentions are found in.
var sourceSpec = Spec{
	Kind: KindSource, Name: "source", About: "an article the dossier reads closely; its text is quoted and annotated",
	Keys: []Key{
		{Name: "title", Type: KeyText, Required: true, Translatable: true, Example: `"{{title}}"`, Comment: "the article's headline, as published"},
		{Name: "publisher", Type: KeyText, Required: true, Translatable: true, Example: `"Example News"`, Comment: "who published it (check warns while it is missing)"},
		{Name: "published", Type: KeyDate, Required: true, Example: `"2024-03"`, Comment: `the date, as precise as known: "2024", "2024-03" or "2024-03-05"`},
		{Name: "authors", Type: KeyList, Example: `["Jane Doe"]`, Comment: "the bylines; a name that is a person's page links to it"},
		{Name: "url", Type: KeyURL, Example: "https://example.org/news/article", Comment: "where the article was published"},
		{Name: "kind", Type: KeyEnum, Values: SourceKinds, Required: true, Example: "news-report", Comment: "what the source is, one of: " + strings.Join(SourceKinds, ", ")},
		{Name: "language", Type: KeyText, Example: "en", Comment: "the language of the text (default en)"},
		{Name: "short", Type: KeyText, Translatable: true, Example: `"Example News"`, Comment: "a short name for lists and citations"},
		{Name: "dek", Type: KeyText, Translatable: true, Example: `"The standfirst under the headline."`, Comment: "the standfirst, if it has one"},
		{Name: "original_title", Type: KeyText, Translatable: true, Example: `"The headline in its original language"`, Comment: "for a translation: the original headline"},
		{Name: "published_inferred", Type: KeyBool, Example: "true", Comment: "the date is inferred, not printed on the page"},
		{Name: "published_note", Type: KeyText, Translatable: true, Example: `"How the date was inferred."`, Comment: "why the date is what it is"},
		{Name: "provenance", Type: KeyText, Translatable: true, Example: `"Where this copy of the text came from."`, Comment: "for a republication: where the text came from"},
		{Name: "seed", Type: KeyText, Example: "article.txt", Comment: "the file the text was taken from"},
		{Name: summaryKey, Type: KeyMap, Example: "\n  abstract: \"中文摘要。\"\n  key_points: [\"要点一\"]", Comment: "a Chinese summary, shown on the Chinese page"},
		{Name: "date", Type: KeyDate, Hidden: true},
		{Name: "extra", Type: KeyMap, Hidden: true},
	},
	Body:     "Paste the article's text here, one paragraph per paragraph, exactly as published.\n",
	Template: "source",
	Nav:      "sources",
	Count:    true,
	Schema:   "NewsArticle",
	Feed:     true,
	Decode:   func(d *Doc, f *Fields) { d.decodeSource(f) },
	Localize: func(m *Doc, f *Fields) {
		s := *m.Orig.Source
		for key, dst := range map[string]*string{"short": &s.Short, "dek": &s.Dek, "publisher": &s.Publisher, "provenance": &s.Provenance, "published_note": &s.PublishedNote, "original_title": &s.OriginalTitle} {
			if v := f.str(key); v != "" {
				*dst = v
			}
		}
		m.Source = &s
	},
	Outline: func(d *Doc, w func(...string)) {
		if d.Source == nil {
			return
		}
		// Its text too: mentions and cited passages come from it.
		w(fmt.Sprintf("%+v", *d.Source), string(d.Src))
	},
}

func (d *Doc) decodeSource(f *Fields) {
	s := &SourceMeta{
		Short: f.str("short"), OriginalTitle: f.str("original_title"), Dek: f.str("dek"), Publisher: f.str("publisher"),
		Authors: f.strs("authors"), PublishedInferred: f.boolean("published_inferred"),
		PublishedNote: f.str("published_note"), URL: f.url("url"), Language: f.str("language"),
		SourceKind: f.enum("kind", SourceKinds), Provenance: f.str("provenance"), Seed: f.str("seed"),
	}
	s.Published = f.date("published", false)
	// The seed form (title, date, extra.source, extra.original_title) is
	// accepted as it is; richer keys win where both are given.
	if date := f.date("date", false); s.Published.IsZero() {
		s.Published = date
	}
	if extra := f.mapOf("extra"); extra != nil {
		ef := &Fields{d: d, m: extra, seen: map[string]bool{}, prefix: []any{"extra"}}
		if u := ef.url("source"); s.URL == "" {
			s.URL = u
		}
		if t := ef.str("original_title"); s.OriginalTitle == "" {
			s.OriginalTitle = t
		}
		ef.unknown()
	}
	if s.OriginalTitle == d.Title {
		s.OriginalTitle = ""
	}
	if sum := f.mapOf(summaryKey); sum != nil {
		s.SummaryLang = strings.TrimPrefix(summaryKey, "summary_")
		sf := &Fields{d: d, m: sum, seen: map[string]bool{}, prefix: []any{summaryKey}}
		s.SummaryAbstract = sf.str("abstract")
		s.SummaryKeyPoints = sf.strs("key_points")
		sf.unknown()
	}
	if d.Title == "" {
		f.missing("title", `title: "How the bromance between Elon Musk and Sam Altman turned toxic"`)
	}
	if s.Publisher == "" {
		// Not an error: a seed's own front matter (title, date, extra) is
		// valid as it is; readers are just told less.
		d.WarnAt(nil, `add it, for example: publisher: "The Wall Street Journal"`, "source has no publisher")
	}
	if s.Published.IsZero() && f.m["published"] == nil && f.m["date"] == nil {
		f.missing("published", `published: "2024-03" (use the precision you know: "2024", "2024-03" or "2024-03-05")`)
	}
	if s.Language == "" {
		s.Language = "en"
	}
	d.Source = s
	if s.SummaryAbstract != "" || len(s.SummaryKeyPoints) > 0 {
		var b strings.Builder
		b.WriteString(s.SummaryAbstract)
		b.WriteString("\n\n")
		for _, k := range s.SummaryKeyPoints {
			b.WriteString("1. ")
			b.WriteString(strings.ReplaceAll(k, "\n", " "))
			b.WriteString("\n")
		}
		d.SummarySrc = []byte(b.String())
		d.Summary = d.md.Parse(d.SummarySrc)
		d.checkURLs(d.Summary, d.SummarySrc, []any{summaryKey})
	}
}
