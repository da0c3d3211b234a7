package content

import "fmt"

// Events: what happened, placed on the timeline.
var eventSpec = Spec{
	Kind: KindEvent, Name: "event", About: "something that happened, placed on the timeline",
	Keys: []Key{
		{Name: "title", Type: KeyText, Required: true, Translatable: true, Example: `"{{title}}"`, Comment: "what happened, in a few words"},
		{Name: "date", Type: KeyDate, Required: true, Example: `"2024-03-05"`, Comment: `"YYYY", "YYYY-MM" or "YYYY-MM-DD": as precise as the sources are`},
		{Name: "part", Type: KeyEnum, Values: dateParts, Example: "early", Comment: "with a year-only date: early, mid or late"},
		{Name: "end", Type: KeyDate, Example: `"2024-03-07"`, Comment: "the last day, for an event that lasted"},
		{Name: "approximate", Type: KeyBool, Example: "true", Comment: "the sources give the date only roughly"},
		{Name: "participants", Type: KeyList, Example: "[{{person}}]", Comment: "slugs of the people and organisations involved"},
		{Name: "citations", Type: KeyCites, Required: true, Example: citation, Comment: "at least one passage that reports the event"},
		{Name: "date_variants", Type: KeyCites, Example: "\n  - source: {{source2}}\n    quote: \"{{quote2}}\"\n    note: \"This source dates it differently.\"", Comment: "sources that give another date"},
	},
	Body:     "What happened, each claim cited.[@{{source}}: {{quote}}]\n",
	Template: "event",
	Index:    "/timeline/",
	Nav:      "timeline",
	Count:    true,
	Feed:     true,
	Relation: "events",
	Decode: func(d *Doc, f *Fields) {
		ev := &EventMeta{Date: f.date("date", true), End: f.date("end", false), Participants: f.strs("participants")}
		ev.Date.Part = f.enum("part", dateParts)
		ev.Date.Approximate = f.boolean("approximate")
		if ev.Date.Part != "" && ev.Date.Precision != Year && !ev.Date.IsZero() {
			d.ErrAt([]any{"part"}, "use part only with a year-only date such as \"2018\"", "part %q needs a year-only date", ev.Date.Part)
		}
		if !ev.End.IsZero() && ev.End.Key() < ev.Date.Key() {
			d.ErrAt([]any{"end"}, "the end of a range comes after its start", "end %s is before date %s", ev.End.ISO(), ev.Date.ISO())
		}
		ev.Variants = f.cites("date_variants", false)
		if d.Title == "" {
			f.missing("title", `title: Musk leaves OpenAI's board`)
		}
		d.Event = ev
		d.Citations = f.cites("citations", false)
		if len(d.Citations) == 0 {
			d.ErrAt([]any{"citations"}, "cite at least one source passage for every event", "event has no citations")
		}
	},
	Outline: func(d *Doc, w func(...string)) {
		if d.Event == nil {
			return
		}
		w(fmt.Sprint(d.Event.Date, d.Event.End))
		w(d.Event.Participants...)
		writeCites(d.Event.Variants, w)
	},
}

// dateParts are the parts of a year a year-only date may name.
var dateParts = []string{"early", "mid", "late"}
