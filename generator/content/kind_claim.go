package content

// Claims: contested facts, one question and each source's answer.
var claimSpec = Spec{
	Kind: KindClaim, Name: "claim", About: "a contested fact: what each source says about one question",
	Keys: []Key{
		{Name: "question", Type: KeyText, Required: true, Translatable: true, Example: `"{{title}}?"`, Comment: "the question the sources answer differently"},
		{Name: "title", Type: KeyText, Translatable: true, Example: `"{{title}}"`, Comment: "the page's title, if not the question"},
		{Name: "about", Type: KeyRefs, Example: "[{{person}}]", Comment: "slugs of the people and organisations it concerns"},
		{Name: "versions", Type: KeyCites, Required: true, Example: versions, Comment: "at least two versions, each with the source's exact words"},
	},
	Body:     "How the versions differ, and which the evidence favours.\n",
	Template: "claim",
	Nav:      "disputed",
	NavURL:   "/disputed/",
	Count:    true,
	Relation: "claims",
	Decode: func(d *Doc, f *Fields) {
		q := f.str("question")
		if q == "" {
			f.missing("question", `question: How much money did Musk give OpenAI?`)
		}
		if d.Title == "" {
			d.Title = q
		}
		d.About = f.strs("about")
		d.Citations = f.cites("versions", true)
		if len(d.Citations) < 2 {
			d.ErrAt([]any{"versions"}, "a contested fact needs the versions of at least two sources", "claim has %d version(s)", len(d.Citations))
		}
	},
	Localize: func(m *Doc, f *Fields) {
		if v := f.str("question"); v != "" && f.m["title"] == nil {
			m.Title = v
		}
	},
}
