// This file is dossier's, not the standard library's (see ../README.md).

package template

import template "github.com/dossier-ssg/dossier/generator/internal/template/text"

// plainEscapers are the escapers templates call most, each with what it
// returns for one plain string (stringify's contentTypePlain), which
// text/template calls without boxing the string.
var plainEscapers = []struct {
	fn    func(...any) string
	plain func(string) string
}{
	{htmlEscaper, escapeHTMLText},
	{attrEscaper, escapeHTMLText},
	{rcdataEscaper, escapeHTMLText},
	{htmlNospaceEscaper, func(s string) string {
		if s == "" {
			return filterFailsafe
		}
		return htmlReplacer(s, htmlNospaceReplacementTable, false)
	}},
	{urlFilter, func(s string) string {
		if !isSafeURL(s) {
			return "#" + filterFailsafe
		}
		return s
	}},
	{urlNormalizer, func(s string) string { return processURL(s, true) }},
	{urlEscaper, func(s string) string { return processURL(s, false) }},
}

// escapeHTMLText is htmlEscaper, attrEscaper and rcdataEscaper of a
// plain string.
func escapeHTMLText(s string) string { return htmlReplacer(s, htmlReplacementTable, true) }

func init() {
	for _, e := range plainEscapers {
		template.StringFunc(e.fn, e.plain)
	}
}
