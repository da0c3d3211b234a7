package content

import (
	"strings"
)

// SkeletonKey is one front-matter key as dossier new and dossier init
// write it: with an example value and a comment saying what it is for.
type SkeletonKey struct {
	Key      string
	Required bool
	// Example is the YAML of the value; it may span lines (a list of
	// citations). {{source}}, {{quote}}, {{source2}}, {{quote2}},
	// {{person}} and {{title}} are filled from the site.
	Example string
	Comment string
}

// Skeleton is what a new file of one kind looks like.
type Skeleton struct {
	Kind  Kind
	Name  string // the singular name dossier new takes: person, event…
	About string // one line on what the kind is for
	Keys  []SkeletonKey
	Body  string
}

// common are the keys every kind accepts.
var common = []SkeletonKey{
	{Key: "description", Example: `"One sentence for search results and link previews."`, Comment: "shown in search results and link previews"},
	{Key: "draft", Example: "true", Comment: "a draft is checked but not published"},
}

// citation is a list of one citation of the site's first source.
const citation = `
  - source: {{source}}
    quote: "{{quote}}"
    # prefix: "words just before"  # only to single out one of several places
    # suffix: "words just after"`

// versions are two sources' versions of one fact.
const versions = `
  - source: {{source}}
    value: "what this source says, in a few words"
    quote: "{{quote}}"
    note: "optional: how this source says it"
  - source: {{source2}}
    value: "what this source says, in a few words"
    quote: "{{quote2}}"`

// Skeletons lists every kind's keys, examples and body, in the order
// dossier new lists the kinds. The keys a kind accepts are in keys;
// TestSkeletonsCoverKeys keeps the two in step.
var Skeletons = []Skeleton{
	{Kind: KindPage, Name: "page", About: "a plain page, such as About (content/about.md is /about/)",
		Keys: append([]SkeletonKey{
			{Key: "title", Required: true, Example: `"{{title}}"`, Comment: "the page's title"},
			{Key: "weight", Example: "10", Comment: "accepted for other generators' front matter; dossier does not use it"},
			{Key: "featured", Example: "[{{person}}]", Comment: "on the home page (_index.md): the people and organisations it shows first, by slug"},
		}, common...),
		Body: "Write the page here, in Markdown. Link to another page with `[[Its Title]]`.\n"},
	{Kind: KindSource, Name: "source", About: "an article the dossier reads closely; its text is quoted and annotated",
		Keys: append([]SkeletonKey{
			{Key: "title", Required: true, Example: `"{{title}}"`, Comment: "the article's headline, as published"},
			{Key: "publisher", Required: true, Example: `"Example News"`, Comment: "who published it (check warns while it is missing)"},
			{Key: "published", Required: true, Example: `"2024-03"`, Comment: `the date, as precise as known: "2024", "2024-03" or "2024-03-05"`},
			{Key: "authors", Example: `["Jane Doe"]`, Comment: "the bylines; a name that is a person's page links to it"},
			{Key: "url", Example: "https://example.org/news/article", Comment: "where the article was published"},
			{Key: "kind", Required: true, Example: "news-report", Comment: "what the source is, one of: " + strings.Join(SourceKinds, ", ")},
			{Key: "language", Example: "en", Comment: "the language of the text (default en)"},
			{Key: "short", Example: `"Example News"`, Comment: "a short name for lists and citations"},
			{Key: "dek", Example: `"The standfirst under the headline."`, Comment: "the standfirst, if it has one"},
			{Key: "original_title", Example: `"The headline in its original language"`, Comment: "for a translation: the original headline"},
			{Key: "published_inferred", Example: "true", Comment: "the date is inferred, not printed on the page"},
			{Key: "published_note", Example: `"How the date was inferred."`, Comment: "why the date is what it is"},
			{Key: "provenance", Example: `"Where this copy of the text came from."`, Comment: "for a republication: where the text came from"},
			{Key: "seed", Example: "article.txt", Comment: "the file the text was taken from"},
			{Key: "summary_zh", Example: "\n  abstract: \"中文摘要。\"\n  key_points: [\"要点一\"]", Comment: "a Chinese summary, shown on the Chinese page"},
		}, common...),
		Body: "Paste the article's text here, one paragraph per paragraph, exactly as published.\n"},
	{Kind: KindPerson, Name: "person", About: "a person the sources mention",
		Keys: append([]SkeletonKey{
			{Key: "name", Required: true, Example: `"{{title}}"`, Comment: "the name as the sources write it"},
			{Key: "title", Example: `"{{title}}"`, Comment: "the page's title, if not the name"},
			{Key: "aliases", Example: `["{{title}}"]`, Comment: "other names the sources use; mentions of them link here"},
			{Key: "role", Example: `"Mathematician"`, Comment: "a few words under the name"},
			{Key: "citations", Example: citation, Comment: "passages that support what the page says"},
		}, common...),
		Body: "Who they are, in a few sentences, each claim cited.[@{{source}}: {{quote}}]\n"},
	{Kind: KindOrganization, Name: "organization", About: "a company, lab, fund or other body the sources mention",
		Keys: append([]SkeletonKey{
			{Key: "name", Required: true, Example: `"{{title}}"`, Comment: "the name as the sources write it"},
			{Key: "title", Example: `"{{title}}"`, Comment: "the page's title, if not the name"},
			{Key: "type", Example: "company", Comment: "one of: " + strings.Join(OrganizationTypes, ", ")},
			{Key: "aliases", Example: `["{{title}}"]`, Comment: "other names the sources use; mentions of them link here"},
			{Key: "role", Example: `"Maker of engines"`, Comment: "a few words under the name"},
			{Key: "citations", Example: citation, Comment: "passages that support what the page says"},
		}, common...),
		Body: "What it is, in a few sentences, each claim cited.[@{{source}}: {{quote}}]\n"},
	{Kind: KindEvent, Name: "event", About: "something that happened, placed on the timeline",
		Keys: append([]SkeletonKey{
			{Key: "title", Required: true, Example: `"{{title}}"`, Comment: "what happened, in a few words"},
			{Key: "date", Required: true, Example: `"2024-03-05"`, Comment: `"YYYY", "YYYY-MM" or "YYYY-MM-DD": as precise as the sources are`},
			{Key: "part", Example: "early", Comment: "with a year-only date: early, mid or late"},
			{Key: "end", Example: `"2024-03-07"`, Comment: "the last day, for an event that lasted"},
			{Key: "approximate", Example: "true", Comment: "the sources give the date only roughly"},
			{Key: "participants", Example: "[{{person}}]", Comment: "slugs of the people and organisations involved"},
			{Key: "citations", Required: true, Example: citation, Comment: "at least one passage that reports the event"},
			{Key: "date_variants", Example: "\n  - source: {{source2}}\n    quote: \"{{quote2}}\"\n    note: \"This source dates it differently.\"", Comment: "sources that give another date"},
		}, common...),
		Body: "What happened, each claim cited.[@{{source}}: {{quote}}]\n"},
	{Kind: KindClaim, Name: "claim", About: "a contested fact: what each source says about one question",
		Keys: append([]SkeletonKey{
			{Key: "question", Required: true, Example: `"{{title}}?"`, Comment: "the question the sources answer differently"},
			{Key: "title", Example: `"{{title}}"`, Comment: "the page's title, if not the question"},
			{Key: "about", Example: "[{{person}}]", Comment: "slugs of the people and organisations it concerns"},
			{Key: "versions", Required: true, Example: versions, Comment: "at least two versions, each with the source's exact words"},
		}, common...),
		Body: "How the versions differ, and which the evidence favours.\n"},
	{Kind: KindQuote, Name: "quote", About: "a quotation as different sources give it",
		Keys: append([]SkeletonKey{
			{Key: "title", Required: true, Example: `"{{title}}"`, Comment: "the quotation, or its best-known words"},
			{Key: "speaker", Required: true, Example: "{{person}}", Comment: "the slug of who said it"},
			{Key: "date", Example: `"2024-03"`, Comment: "when it was said"},
			{Key: "part", Example: "mid", Comment: "with a year-only date: early, mid or late"},
			{Key: "approximate", Example: "true", Comment: "the date is rough"},
			{Key: "about", Example: "[{{person}}]", Comment: "slugs of the people and organisations it concerns"},
			{Key: "versions", Required: true, Example: versions, Comment: "at least two sources' wordings"},
		}, common...),
		Body: "How the wordings differ.\n"},
	{Kind: KindAnnotation, Name: "annotation", About: "an editor's note pinned to exact words of a source",
		Keys: append([]SkeletonKey{
			{Key: "source", Required: true, Example: "{{source}}", Comment: "the slug of the source annotated"},
			{Key: "exact", Required: true, Example: `"{{quote}}"`, Comment: "the exact words the note is pinned to"},
			{Key: "type", Required: true, Example: "context", Comment: "one of: " + strings.Join(AnnotationTypes, ", ")},
			{Key: "title", Example: `"{{title}}"`, Comment: "a heading for the note"},
			{Key: "prefix", Example: `"words just before"`, Comment: "only to single out one of several places"},
			{Key: "suffix", Example: `"words just after"`, Comment: "only to single out one of several places"},
			{Key: "in", Example: "text", Comment: "text, or summary for the source's Chinese summary"},
			{Key: "about", Example: "[{{person}}]", Comment: "slugs of the people and organisations it concerns"},
		}, common...),
		Body: "The note, shown beside the passage.\n"},
}

// SkeletonOf returns the skeleton of a kind by its singular name
// (person) or folder (people).
func SkeletonOf(name string) (Skeleton, bool) {
	for _, s := range Skeletons {
		if s.Name == name || string(s.Kind) == name {
			return s, true
		}
	}
	return Skeleton{}, false
}

// File writes a new file of the kind: required keys with their example
// values, optional ones commented out, each with its comment, then the
// body. vars fill the {{…}} placeholders.
func (sk Skeleton) File(vars map[string]string) []byte {
	var pairs []string
	for k, v := range vars {
		pairs = append(pairs, "{{"+k+"}}", v)
	}
	fill := strings.NewReplacer(pairs...).Replace
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("# " + strings.ToUpper(sk.Name[:1]) + sk.Name[1:] + ": " + sk.About + ".\n")
	b.WriteString("# Keys marked required must be filled in; remove the # before an\n# optional key to use it.\n")
	for _, k := range sk.Keys {
		need := "optional"
		if k.Required {
			need = "required"
		}
		b.WriteString("\n# " + k.Key + " (" + need + "): " + k.Comment + "\n")
		ex := fill(k.Example)
		sep := " "
		if strings.HasPrefix(ex, "\n") {
			sep = ""
		}
		for i, line := range strings.Split(k.Key+":"+sep+ex, "\n") {
			if !k.Required && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				line = "# " + line
			}
			if i > 0 || line != "" {
				b.WriteString(line + "\n")
			}
		}
	}
	b.WriteString("---\n")
	b.WriteString(fill(sk.Body))
	return []byte(b.String())
}
