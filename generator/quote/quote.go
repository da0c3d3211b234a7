// Package quote finds quoted words in a source's text, the way a
// W3C Web Annotation TextQuoteSelector does: the exact words, optionally
// singled out by the words just before (prefix) and after (suffix).
//
// Matching forgives what copy-and-paste and typography change and nothing
// else: runs of whitespace, curly against straight quotes, the kinds of
// dash, and the ellipsis character against three dots. Case, spelling and
// punctuation must be exact.
package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Normalized is text in matching form with a map back to the original.
type Normalized struct {
	Src  string // the original text
	Text string
	// Orig[i] is the byte offset in the original text of Text[i]; it has
	// one extra entry, the original length, so ends map too.
	Orig []int
}

// Normalize returns s in matching form.
func Normalize(s string) Normalized {
	var b strings.Builder
	orig := make([]int, 0, len(s)+1)
	space := false
	emit := func(str string, at int) {
		for i := 0; i < len(str); i++ {
			orig = append(orig, at)
		}
		b.WriteString(str)
	}
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) || r == '\u00a0' {
			if !space && b.Len() > 0 {
				space = true
				emit(" ", i)
			}
			i += size
			continue
		}
		space = false
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032', '`':
			emit("'", i)
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033':
			emit("\"", i)
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			emit("-", i)
		case '\u2026':
			emit("...", i)
		default:
			emit(s[i:i+size], i)
		}
		i += size
	}
	out := b.String()
	if strings.HasSuffix(out, " ") {
		out = out[:len(out)-1]
		orig = orig[:len(orig)-1]
	}
	orig = append(orig, len(s))
	return Normalized{Src: s, Text: out, Orig: orig}
}

// Key returns s in matching form, without the offset map.
func Key(s string) string { return Normalize(s).Text }

// Selector names a passage by its exact words and optional context.
type Selector struct {
	Exact  string
	Prefix string
	Suffix string
}

// Range is a half-open byte range in the original text.
type Range struct{ Start, End int }

// Find returns every range of text that the selector matches.
func Find(text Normalized, sel Selector) []Range {
	exact := Key(sel.Exact)
	if exact == "" {
		return nil
	}
	prefix, suffix := Key(sel.Prefix), Key(sel.Suffix)
	var out []Range
	t := text.Text
	for from := 0; from <= len(t); {
		i := strings.Index(t[from:], exact)
		if i < 0 {
			break
		}
		start := from + i
		end := start + len(exact)
		from = start + 1
		if prefix != "" && !strings.HasSuffix(strings.TrimRight(t[:start], " "), prefix) {
			continue
		}
		if suffix != "" && !strings.HasPrefix(strings.TrimLeft(t[end:], " "), suffix) {
			continue
		}
		last := text.Orig[end-1]
		_, size := utf8.DecodeRuneInString(text.Src[last:])
		out = append(out, Range{Start: text.Orig[start], End: last + size})
	}
	return out
}

// Closest returns the window of candidate with the most words in common
// with q, and its score from 0 to 1. It is the hint shown when a quote is
// not found: usually the passage the author meant, with the difference
// plain to see.
func Closest(q string, candidate string) (string, float64) {
	qw := words(Key(q))
	cw := words(candidate)
	if len(qw) == 0 || len(cw) == 0 {
		return "", 0
	}
	want := map[string]int{}
	for _, w := range qw {
		want[strings.ToLower(w)]++
	}
	n := len(qw)
	if n > len(cw) {
		n = len(cw)
	}
	best, bestAt := -1, 0
	for i := 0; i+n <= len(cw); i++ {
		seen := map[string]int{}
		score := 0
		for _, w := range cw[i : i+n] {
			lw := strings.ToLower(Key(w))
			if seen[lw] < want[lw] {
				score++
			}
			seen[lw]++
		}
		if score > best {
			best, bestAt = score, i
		}
	}
	return strings.Join(cw[bestAt:bestAt+n], " "), float64(best) / float64(len(qw))
}

func words(s string) []string { return strings.Fields(s) }
