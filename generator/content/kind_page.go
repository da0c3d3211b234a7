package content

// Plain pages: the files at the top of content/ (about.md is /about/,
// _index.md the home page).
var pageSpec = Spec{
	Kind: KindPage, Name: "page", About: "a plain page, such as About (content/about.md is /about/)",
	Keys: []Key{
		{Name: "title", Type: KeyText, Required: true, Translatable: true, Example: `"{{title}}"`, Comment: "the page's title"},
		{Name: "weight", Type: KeyNumber, Example: "10", Comment: "accepted for other generators' front matter; dossier does not use it"},
		{Name: "featured", Type: KeyList, Example: "[{{person}}]", Comment: "on the home page (_index.md): the people and organisations it shows first, by slug"},
		{Name: "nav", Type: KeyBool, Example: "true", Comment: "list the page in the main navigation, after the kinds"},
	},
	Body:     "Write the page here, in Markdown. Link to another page with `[[Its Title]]`.\n",
	Template: "page",
	Decode: func(d *Doc, f *Fields) {
		f.seen["weight"] = true
		d.Featured = f.strs("featured")
		d.Nav = f.boolean("nav")
		if d.Title == "" {
			f.missing("title", `title: "About this dossier"`)
		}
	},
	Outline: func(d *Doc, w func(...string)) {
		w(d.Featured...)
		if d.Nav {
			w("nav")
		}
	},
}
