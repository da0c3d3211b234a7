package content

import "strings"

// OrganizationTypes are the values an organisation's type may take.
var OrganizationTypes = []string{"company", "nonprofit", "lab", "product", "project", "accelerator", "investor", "government", "media"}

// People and organisations: what the sources' passages mention by name
// or alias, and what the other kinds' about: lists name.
var personSpec = Spec{
	Kind: KindPerson, Name: "person", About: "a person the sources mention",
	Keys:     entityKeys(`"Mathematician"`),
	Body:     "Who they are, in a few sentences, each claim cited.[@{{source}}: {{quote}}]\n",
	Template: "entity",
	Nav:      "people",
	Count:    true,
	Schema:   "Person",
	Entity:   true,
	Decode:   decodeEntity,
	Localize: localizeEntity,
	Outline:  outlineEntity,
}

var organizationSpec = Spec{
	Kind: KindOrganization, Name: "organization", About: "a company, lab, fund or other body the sources mention",
	Keys:     entityKeys(`"Maker of engines"`, Key{Name: "type", Type: KeyEnum, Values: OrganizationTypes, Example: "company", Comment: "one of: " + strings.Join(OrganizationTypes, ", ")}),
	Body:     "What it is, in a few sentences, each claim cited.[@{{source}}: {{quote}}]\n",
	Template: "entity",
	Nav:      "organizations",
	Count:    true,
	Schema:   "Organization",
	Entity:   true,
	Decode:   decodeEntity,
	Localize: localizeEntity,
	Outline:  outlineEntity,
}

// entityKeys are a person's or organisation's keys, in the order dossier
// new writes them: name and title, the kind's own (an organisation's
// type), then aliases, role and citations.
func entityKeys(roleExample string, own ...Key) []Key {
	keys := []Key{
		{Name: "name", Type: KeyText, Required: true, Translatable: true, Example: `"{{title}}"`, Comment: "the name as the sources write it"},
		{Name: "title", Type: KeyText, Translatable: true, Example: `"{{title}}"`, Comment: "the page's title, if not the name"},
	}
	return append(append(keys, own...),
		Key{Name: "aliases", Type: KeyList, Translatable: true, Example: `["{{title}}"]`, Comment: "other names the sources use; mentions of them link here"},
		Key{Name: "role", Type: KeyText, Translatable: true, Example: roleExample, Comment: "a few words under the name"},
		Key{Name: "citations", Type: KeyCites, Example: citation, Comment: "passages that support what the page says"})
}

func decodeEntity(d *Doc, f *Fields) {
	e := &EntityMeta{Name: f.str("name"), Aliases: f.strs("aliases"), Role: f.str("role")}
	if e.Name == "" {
		f.missing("name", `name: Sam Altman`)
	}
	if d.Kind == KindOrganization {
		e.Type = f.enum("type", OrganizationTypes)
	}
	if d.Title == "" {
		d.Title = e.Name
	}
	d.Entity = e
	d.Citations = f.cites("citations", false)
}

func localizeEntity(m *Doc, f *Fields) {
	e := *m.Orig.Entity
	if v := f.str("name"); v != "" {
		e.Name = v
		if f.m["title"] == nil {
			m.Title = v
		}
	}
	if v := f.str("role"); v != "" {
		e.Role = v
	}
	e.Aliases = f.strs("aliases")
	m.Entity = &e
}

func outlineEntity(d *Doc, w func(...string)) {
	if d.Entity == nil {
		return // its front matter could not be read
	}
	w(d.Entity.Name, d.Entity.Role, d.Entity.Type)
	w(d.Entity.Aliases...)
}
