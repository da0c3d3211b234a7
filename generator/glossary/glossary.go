// Package glossary holds the translators' glossary of a language: the one
// rendering of each name, term and recurring quotation, in
// content/i18n/glossary.<lang>.yaml, and checks translations against it.
//
// A glossary is a list of entries:
//
//	# content/i18n/glossary.zh.yaml
//	- en: [Elon Musk, Musk]
//	  zh: 马斯克
//	- en: whipped by DeepMind
//	  zh: 被DeepMind打得落花流水
//	  note: the metaphor of a beating, not of defeat alone
//
// When a translatable part of an original (its title, a note, the body,
// ...) contains one of an entry's English forms, the same part of the
// translation must contain the entry's rendering; otherwise the build
// warns at the translation's line.
package glossary

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"

	"github.com/dossier-ssg/dossier/generator/diag"
	"gopkg.in/yaml.v3"
)

// Dir is where glossaries live, relative to the site root (beside the
// interface strings, whose loader reads only <lang>.yaml).
const Dir = "content/i18n"

// Path is the glossary file of a language, relative to the site root.
func Path(lang string) string { return Dir + "/glossary." + lang + ".yaml" }

// Entry is one glossary entry: English forms and their one rendering.
type Entry struct {
	Terms     []string // the English forms, as they appear in originals
	Rendering string   // what the translation must contain
	Note      string   // why the rendering was chosen, where it is delicate
	Line      int      // line of the entry in the glossary file
	re        *regexp.Regexp
	keys      []string   // a literal piece of each term: the regexp runs only where one is present
	pieces    [][]string // every literal piece of each term: a paragraph lacking one cannot match it
	flat      string     // Rendering without its spaces, as it is looked for in a translation
}

// Glossary is one language's glossary.
type Glossary struct {
	Lang    string
	File    string // slash path from the site root
	Entries []*Entry
}

// Load reads the glossary of lang from a site. A site without one has an
// empty glossary; a malformed file is reported as errors at its lines.
func Load(siteDir, lang string) (*Glossary, diag.List) {
	rel := Path(lang)
	src, err := os.ReadFile(filepath.Join(siteDir, filepath.FromSlash(rel)))
	if errors.Is(err, fs.ErrNotExist) {
		return &Glossary{Lang: lang, File: rel}, nil
	}
	if err != nil {
		var diags diag.List
		diags.Errorf(rel, 0, 0, "check the file's permissions", "cannot read the glossary: %v", err)
		return &Glossary{Lang: lang, File: rel}, diags
	}
	return Parse(rel, lang, src)
}

// Parse reads a glossary file. Every problem is an error at its line;
// the entries that could be read are kept.
func Parse(rel, lang string, src []byte) (*Glossary, diag.List) {
	g := &Glossary{Lang: lang, File: rel}
	var diags diag.List
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		line := 1
		fmt.Sscanf(msg, "line %d:", &line)
		diags.Errorf(rel, line, 1, "check the indentation and quoting", "invalid glossary: %s", msg)
		return g, diags
	}
	if len(n.Content) == 0 {
		return g, diags
	}
	list := n.Content[0]
	p := entryParser{rel: rel, lang: lang, example: fmt.Sprintf("- en: Elon Musk\n  %s: …", lang), diags: &diags}
	if list.Kind != yaml.SequenceNode {
		diags.Errorf(rel, list.Line, list.Column, "write one item per entry:\n"+p.example, "a glossary is a list of entries")
		return g, diags
	}
	seen := map[string]int{}
	for _, item := range list.Content {
		e, ok := p.entry(item)
		if e == nil {
			continue
		}
		for _, t := range e.Terms {
			if prev, dup := seen[t]; dup {
				diags.Errorf(rel, item.Line, item.Column, fmt.Sprintf("merge it with the entry at line %d, or remove one", prev), "%q is already in the glossary (line %d)", t, prev)
				ok = false
			}
			seen[t] = item.Line
		}
		if !ok {
			continue
		}
		e.re, e.pieces = termPattern(e.Terms), termPieces(e.Terms)
		e.keys = termKeys(e.pieces)
		e.flat = strings.Join(strings.Fields(e.Rendering), "")
		g.Entries = append(g.Entries, e)
	}
	return g, diags
}

// entryParser reads the entries of one glossary file, reporting each
// problem at its line.
type entryParser struct {
	rel, lang string
	example   string // an entry as it should be written, for hints
	diags     *diag.List
}

// entry reads one item of the list. It returns nil for an item that is
// not a map, and ok false for an entry with a problem (whose terms still
// count as taken).
func (p entryParser) entry(item *yaml.Node) (e *Entry, ok bool) {
	if item.Kind != yaml.MappingNode {
		p.diags.Errorf(p.rel, item.Line, item.Column, "write the entry as:\n"+p.example, "a glossary entry is a map with en: and %s:", p.lang)
		return nil, false
	}
	e = &Entry{Line: item.Line}
	ok = true
	for i := 0; i+1 < len(item.Content); i += 2 {
		k, v := item.Content[i], item.Content[i+1]
		switch k.Value {
		case "en":
			var termsOK bool
			e.Terms, termsOK = p.terms(e.Terms, v)
			ok = ok && termsOK
		case p.lang:
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				p.diags.Errorf(p.rel, v.Line, v.Column, "write the one rendering as text", "%s: must be text", p.lang)
				ok = false
				continue
			}
			e.Rendering = v.Value
		case "note":
			if v.Kind != yaml.ScalarNode {
				p.diags.Errorf(p.rel, v.Line, v.Column, "write the note as text", "note: must be text")
				continue
			}
			e.Note = v.Value
		default:
			hint := fmt.Sprintf("an entry has en:, %s: and, where the choice is delicate, note:", p.lang)
			if s := diag.Suggest(k.Value, []string{"en", p.lang, "note"}); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			p.diags.Errorf(p.rel, k.Line, k.Column, hint, "unknown key %q in a glossary entry", k.Value)
		}
	}
	if len(e.Terms) == 0 && ok {
		p.diags.Errorf(p.rel, item.Line, item.Column, "add the English form: en: …", "glossary entry without en:")
		ok = false
	}
	if e.Rendering == "" && ok {
		p.diags.Errorf(p.rel, item.Line, item.Column, fmt.Sprintf("add its rendering: %s: …", p.lang), "glossary entry without %s:", p.lang)
		ok = false
	}
	return e, ok
}

// terms reads en:, one English form (which replaces terms, those of an
// earlier en: in the entry) or a list of them (added to terms); the
// forms that are text are kept even when another is not.
func (p entryParser) terms(terms []string, v *yaml.Node) (_ []string, ok bool) {
	switch {
	case v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) != "":
		return []string{v.Value}, true
	case v.Kind == yaml.SequenceNode && len(v.Content) > 0:
		ok = true
		for _, t := range v.Content {
			if t.Kind != yaml.ScalarNode || strings.TrimSpace(t.Value) == "" {
				p.diags.Errorf(p.rel, t.Line, t.Column, "write each English form as text", "an English form must be text")
				ok = false
				continue
			}
			terms = append(terms, t.Value)
		}
		return terms, ok
	default:
		p.diags.Errorf(p.rel, v.Line, v.Column, "write the English form, or a list of them: en: [Sam Altman, Altman]", "en: must be text or a list of text")
		return terms, false
	}
}

// termPattern matches any of the English forms as whole words, across
// line breaks, with either apostrophe.
func termPattern(terms []string) *regexp.Regexp {
	var alts []string
	for _, t := range terms {
		var b strings.Builder
		words := strings.Fields(t)
		if r := []rune(words[0])[0]; isWord(r) {
			b.WriteString(`\b`)
		}
		for i, w := range words {
			if i > 0 {
				b.WriteString(`\s+`)
			}
			q := regexp.QuoteMeta(w)
			q = strings.NewReplacer("'", "['’]", "’", "['’]").Replace(q)
			b.WriteString(q)
		}
		last := []rune(words[len(words)-1])
		if isWord(last[len(last)-1]) {
			b.WriteString(`\b`)
		}
		alts = append(alts, b.String())
	}
	return regexp.MustCompile(strings.Join(alts, "|"))
}

// termPieces are, per term, its runs of text without spaces or
// apostrophes: any match of the term contains each of them as it is.
func termPieces(terms []string) [][]string {
	var out [][]string
	for _, t := range terms {
		var pieces []string
		for _, w := range strings.Fields(t) {
			pieces = append(pieces, strings.FieldsFunc(w, func(r rune) bool { return r == '\'' || r == '’' })...)
		}
		out = append(out, pieces)
	}
	return out
}

// termKeys are, per term, its longest piece: a text without any key
// cannot match. Running the 139 expressions of the shipped glossary on
// every part of every translation was 60% of the dossier's build; the
// keys skip nearly all of them.
func termKeys(pieces [][]string) []string {
	var keys []string
	for _, ps := range pieces {
		best := ""
		for _, p := range ps {
			if len(p) > len(best) {
				best = p
			}
		}
		keys = append(keys, best)
	}
	return keys
}

// mayHold says whether a paragraph holds every piece of one of the
// terms, without which the expression cannot match there: most entries
// are phrases whose longest word (Altman, OpenAI) is in every paragraph.
func (e *Entry) mayHold(para string) bool {
	for _, ps := range e.pieces {
		all := true
		for _, p := range ps {
			if !strings.Contains(para, p) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return false
}

// firstKey is the offset of the earliest key in o at or after from, or
// -1 when there is none.
func (e *Entry) firstKey(o string, from int) int {
	first := -1
	for _, k := range e.keys {
		i := from
		if k != "" {
			if i = strings.Index(o[from:], k); i >= 0 {
				i += from
			}
		}
		if i >= 0 && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}

// find is the leftmost match of the entry's forms in o, or nil. A match
// holds a key and does not reach over an empty line, so the expression
// runs only on the paragraphs that hold a key, in order, and the first
// paragraph with a match has the leftmost one. Run over whole texts, the
// expressions (backtracking at every offset) were a tenth of the
// dossier's build.
func (e *Entry) find(o string) []int {
	for pos := 0; pos <= len(o); {
		first := e.firstKey(o, pos)
		if first < 0 {
			return nil
		}
		lo, hi := 0, len(o)
		if i := strings.LastIndex(o[:first], "\n\n"); i >= 0 {
			lo = i + 2
		}
		if i := strings.Index(o[first:], "\n\n"); i >= 0 {
			hi = first + i
		}
		if e.mayHold(o[lo:hi]) {
			if loc := e.re.FindStringIndex(o[lo:hi]); loc != nil {
				return []int{lo + loc[0], lo + loc[1]}
			}
		}
		if hi == len(o) {
			return nil
		}
		pos = hi + 2
	}
	return nil
}

func isWord(r rune) bool { return r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') }

// Miss is an English form found in an original whose rendering the
// translation lacks.
type Miss struct {
	Entry    *Entry
	Term     string // the form as found in the original
	OrigLine int    // 1-based line of the form in the original's text
	Line     int    // 1-based line of the translation's text where it belongs
}

// Misses compares an original's text with its translation's: for every
// entry whose English form the original contains, outside [@source: …]
// citations (which stay in English), the translation must contain the
// rendering. The line a miss belongs to is the translation's paragraph
// with the same index as the original's paragraph holding the form.
func (g *Glossary) Misses(orig, tr string) []Miss {
	if g == nil {
		return nil
	}
	o, t := prose(orig), prose(tr)
	flat := strings.Join(strings.Fields(t), "")
	var out []Miss
	for _, e := range g.Entries {
		// The original is searched first: most entries are not in a
		// given text, and most renderings not in its translation either,
		// so looking for the rendering first searched twice as much.
		loc := e.find(o)
		if loc == nil || strings.Contains(flat, e.flat) {
			continue // not in the original, or the rendering is there
		}
		out = append(out, Miss{
			Entry:    e,
			Term:     strings.Join(strings.Fields(o[loc[0]:loc[1]]), " "),
			OrigLine: 1 + strings.Count(o[:loc[0]], "\n"),
			Line:     paragraphLine(t, paragraphIndex(o, loc[0])),
		})
	}
	return out
}

var (
	citation = regexp.MustCompile(`\[@[^\]]*\]`)
	mention  = regexp.MustCompile(`\[\[([^\]|]*)(\|([^\]]*))?\]\]`)
)

// prose blanks out what is not the page's own words, keeping every other
// byte where it was so that lines still count: citations, and the link
// targets of [[target|label]] mentions (their labels stay).
func prose(s string) string {
	b := []byte(s)
	blank := func(from, to int) {
		for i := from; i < to; i++ {
			if b[i] != '\n' {
				b[i] = ' '
			}
		}
	}
	for _, m := range citation.FindAllStringIndex(s, -1) {
		blank(m[0], m[1])
	}
	for _, m := range mention.FindAllStringSubmatchIndex(s, -1) {
		if m[6] < 0 { // [[target]]: no words of the page's own
			blank(m[0], m[1])
			continue
		}
		blank(m[0], m[6])
		blank(m[7], m[1])
	}
	return string(b)
}

// paragraphIndex is the 0-based index of the blank-line-separated
// paragraph holding offset.
func paragraphIndex(s string, offset int) int {
	end := len(s)
	if i := strings.IndexByte(s[offset:], '\n'); i >= 0 {
		end = offset + i
	}
	n := 0
	blank := true
	for _, line := range strings.Split(s[:end], "\n") {
		if strings.TrimSpace(line) == "" {
			blank = true
			continue
		}
		if blank {
			n++
			blank = false
		}
	}
	if n > 0 {
		n--
	}
	return n
}

// paragraphLine is the 1-based line where paragraph i of s starts, or
// where the last paragraph starts when s has fewer.
func paragraphLine(s string, i int) int {
	n, last := -1, 1
	blank := true
	for ln, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) == "" {
			blank = true
			continue
		}
		if blank {
			n++
			last = ln + 1
			if n == i {
				return last
			}
			blank = false
		}
	}
	return last
}
