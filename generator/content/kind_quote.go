package content

import "fmt"

// Quotes: one quotation as different sources give it.
var quoteSpec = Spec{
	Kind: KindQuote, Name: "quote", About: "a quotation as different sources give it",
	Keys: []Key{
		{Name: "title", Type: KeyText, Required: true, Translatable: true, Example: `"{{title}}"`, Comment: "the quotation, or its best-known words"},
		{Name: "speaker", Type: KeyText, Required: true, Example: "{{person}}", Comment: "the slug of who said it"},
		{Name: "date", Type: KeyDate, Example: `"2024-03"`, Comment: "when it was said"},
		{Name: "part", Type: KeyEnum, Values: dateParts, Example: "mid", Comment: "with a year-only date: early, mid or late"},
		{Name: "approximate", Type: KeyBool, Example: "true", Comment: "the date is rough"},
		{Name: "about", Type: KeyRefs, Example: "[{{person}}]", Comment: "slugs of the people and organisations it concerns"},
		{Name: "versions", Type: KeyCites, Required: true, Example: versions, Comment: "at least two sources' wordings"},
	},
	Body:     "How the wordings differ.\n",
	Template: "quote",
	Nav:      "quotes",
	Count:    true,
	Relation: "quotes",
	Decode: func(d *Doc, f *Fields) {
		d.Speaker = f.str("speaker")
		if d.Speaker == "" {
			f.missing("speaker", "speaker: elon-musk")
		}
		d.QuoteDate = f.date("date", false)
		d.QuoteDate.Part = f.enum("part", dateParts)
		d.QuoteDate.Approximate = f.boolean("approximate")
		d.About = f.strs("about")
		d.Citations = f.cites("versions", false)
		if len(d.Citations) < 2 {
			d.ErrAt([]any{"versions"}, "a quote variant shows the same quotation in at least two sources", "quote has %d version(s)", len(d.Citations))
		}
		if d.Title == "" {
			f.missing("title", `title: "\"I will no longer fund OpenAI\""`)
		}
	},
	Outline: func(d *Doc, w func(...string)) { w(d.Speaker, fmt.Sprint(d.QuoteDate)) },
}
