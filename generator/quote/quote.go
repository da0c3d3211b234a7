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
	// one extra entry, the original length, so ends map too. It is nil
	// from NormalizeText: Find makes it when it finds a match.
	Orig []int
}

// Normalize returns s in matching form.
func Normalize(s string) Normalized { return normalize(s, true) }

// NormalizeText returns s in matching form without the map back to the
// original, which is eight bytes per byte of text: a site's sources are
// kept normalized for its citations, and few of their blocks hold one.
func NormalizeText(s string) Normalized { return normalize(s, false) }

// normalize is Normalize, with the map back or not.
func normalize(s string, withOrig bool) Normalized {
	out := make([]byte, 0, len(s))
	var orig []int
	if withOrig {
		orig = make([]int, 0, len(s)+1)
	}
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		// ASCII fast path: most text is plain ASCII, and decoding each
		// byte as a rune doubled Normalize's time on the dossier.
		if c < utf8.RuneSelf {
			switch c {
			case ' ', '\t', '\n', '\r', '\f', '\v':
				if !space && len(out) > 0 {
					space = true
					out = append(out, ' ')
					if withOrig {
						orig = append(orig, i)
					}
				}
			case '`':
				space = false
				out = append(out, '\'')
				if withOrig {
					orig = append(orig, i)
				}
			default:
				space = false
				out = append(out, c)
				if withOrig {
					orig = append(orig, i)
				}
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			if !space && len(out) > 0 {
				space = true
				out = append(out, ' ')
				if withOrig {
					orig = append(orig, i)
				}
			}
			i += size
			continue
		}
		space = false
		rep := ""
		switch r {
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
			rep = "'"
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033':
			rep = "\""
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
			rep = "-"
		case '\u2026':
			rep = "..."
		default:
			rep = s[i : i+size]
		}
		if withOrig {
			for k := 0; k < len(rep); k++ {
				orig = append(orig, i)
			}
		}
		out = append(out, rep...)
		i += size
	}
	if n := len(out); n > 0 && out[n-1] == ' ' {
		out = out[:n-1]
		if withOrig {
			orig = orig[:n-1]
		}
	}
	if withOrig {
		orig = append(orig, len(s))
	}
	text := s // text in matching form already: not a second copy
	if string(out) != s {
		text = string(out)
	}
	return Normalized{Src: s, Text: text, Orig: orig}
}

// Key returns s in matching form, without the offset map.
func Key(s string) string { return NormalizeText(s).Text }

// Selector names a passage by its exact words and optional context.
type Selector struct {
	Exact  string
	Prefix string
	Suffix string
}

// Range is a half-open byte range in the original text.
type Range struct{ Start, End int }

// Compiled is a selector in matching form, to search many texts.
type Compiled struct{ exact, prefix, suffix string }

// Compile normalizes a selector once.
func Compile(sel Selector) Compiled {
	return Compiled{Key(sel.Exact), Key(sel.Prefix), Key(sel.Suffix)}
}

// Find returns every range of text that the selector matches.
func Find(text Normalized, sel Selector) []Range { return Compile(sel).Find(text) }

// Find returns every range of text that the selector matches.
func (c Compiled) Find(text Normalized) []Range {
	exact, prefix, suffix := c.exact, c.prefix, c.suffix
	if exact == "" {
		return nil
	}
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
		if text.Orig == nil {
			text.Orig = Normalize(text.Src).Orig // a copy's: text is the caller's
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
	best, bestAt := -1.0, 0
	first, last := strings.ToLower(qw[0]), strings.ToLower(qw[len(qw)-1])
	for i := 0; i+n <= len(cw); i++ {
		seen := map[string]int{}
		score := 0.0
		// Ties go to the window that starts and ends like the quote.
		if strings.ToLower(Key(cw[i])) == first {
			score += 0.5
		}
		if strings.ToLower(Key(cw[i+n-1])) == last {
			score += 0.5
		}
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
	return strings.Join(cw[bestAt:bestAt+n], " "), best / float64(len(qw)+1)
}

func words(s string) []string { return strings.Fields(s) }

// Unwrap removes one pair of quotation marks around s, if it has them.
func Unwrap(s string) (string, bool) {
	k := Key(s)
	if len(k) >= 3 && (k[0] == '"' && k[len(k)-1] == '"' || k[0] == '\'' && k[len(k)-1] == '\'') {
		r := []rune(strings.TrimSpace(s))
		return string(r[1 : len(r)-1]), true
	}
	return s, false
}
