package site

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/markdown"
)

// The mentions stage: entity names and aliases found in source texts.

type alias struct {
	text   string
	entity *content.Doc
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// findMentions finds entity names and aliases in source texts. Every
// mention counts for backlinks; the first per section and entity, outside
// links and headings, becomes a link in the text.
func (s *Site) findMentions() {
	byWord := s.aliasIndex()
	if len(byWord) == 0 {
		return
	}
	for _, src := range s.ByKind[content.KindSource] {
		type inSection struct {
			section int
			entity  string // key
		}
		linked := map[inSection]bool{}
		for _, b := range src.MD.Blocks {
			for _, m := range scanBlock(src, b, byWord) {
				k := inSection{int(b.Section), m.Entity.KeyOf()}
				if !b.Heading && !linked[k] && !inLink(b, m.Start, m.End) {
					linked[k] = true
					m.Linked = true
					s.Linked[b] = append(s.Linked[b], m)
				}
				s.Mentions[m.Entity.KeyOf()] = append(s.Mentions[m.Entity.KeyOf()], m)
			}
		}
	}
	for key, ms := range s.Mentions {
		b := s.back(key)
		var last *markdown.Block
		for _, m := range ms {
			if m.Block == last {
				continue // one entry per passage
			}
			last = m.Block
			b.MentionedIn = append(b.MentionedIn, m)
		}
	}
}

// aliasIndex lists every entity's name and aliases (in the original
// language: source texts are), longest first, indexed by their first
// word, so each block is scanned once whatever the number of entities:
// the 10,000-page benchmark spent 80% of its time in a per-alias search
// before this.
func (s *Site) aliasIndex() map[string][]alias {
	var aliases []alias
	for _, k := range content.EntityKinds() {
		for _, d := range s.ByKind[k] {
			seen := map[string]bool{}
			e := d.Entity
			if d.Orig != nil {
				e = d.Orig.Entity
			}
			for _, a := range append([]string{e.Name}, e.Aliases...) {
				if a != "" && !seen[a] {
					seen[a] = true
					aliases = append(aliases, alias{a, d})
				}
			}
		}
	}
	sort.SliceStable(aliases, func(i, j int) bool { return len(aliases[i].text) > len(aliases[j].text) })
	byWord := map[string][]alias{}
	for _, a := range aliases {
		w := a.text
		if i := strings.IndexFunc(w, func(r rune) bool { return !isWordRune(r) }); i > 0 {
			w = w[:i]
		}
		byWord[w] = append(byWord[w], a)
	}
	return byWord
}

// scanBlock finds the mentions in one block, in order: at each word, the
// longest alias that starts there and ends at a word boundary.
func scanBlock(src *content.Doc, b *markdown.Block, byWord map[string][]alias) []Mention {
	var found []Mention
	t := b.Text
	for i := 0; i < len(t); {
		r, size := utf8.DecodeRuneInString(t[i:])
		if !isWordRune(r) {
			i += size
			continue
		}
		j := i
		for j < len(t) {
			r2, s2 := utf8.DecodeRuneInString(t[j:])
			if !isWordRune(r2) {
				break
			}
			j += s2
		}
		next := j
		for _, a := range byWord[t[i:j]] {
			if !strings.HasPrefix(t[i:], a.text) {
				continue
			}
			en := i + len(a.text)
			if en < len(t) {
				if r3, _ := utf8.DecodeRuneInString(t[en:]); isWordRune(r3) {
					continue
				}
			}
			found = append(found, Mention{Entity: a.entity, Source: src, Block: b, Start: i, End: en})
			next = en
			break
		}
		i = next
	}
	return found
}

func inLink(b *markdown.Block, start, end int) bool {
	for _, r := range b.Runs {
		rs, re := int(r.Start), int(r.End)
		if re <= start || rs >= end {
			continue
		}
		if r.InLink {
			return true
		}
		if rs > start || re < end {
			return true // spans several inline nodes (emphasis): leave it
		}
	}
	return false
}
