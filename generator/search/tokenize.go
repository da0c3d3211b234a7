package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The tokeniser below has a twin in search.js; the two must agree token
// for token (TestScriptTokenizerAgrees runs both on the same table).
// That is why it folds with its own small tables instead of Unicode
// normalisation: the browser's String.normalize and Go's tables differ
// between versions, a table written once does not.

// accents maps accented Latin letters to their base letter (Latin-1
// Supplement and Latin Extended-A: every accent the dossier's names and
// sources use, and those of most European names).
var accents = func() (t [0x180]rune) {
	for base, list := range foldTable {
		for _, r := range list {
			t[r] = rune(base[0])
		}
	}
	return t
}()

// foldTable lists, per base letter, the letters folded into it. It is
// written into search.js as it is.
var foldTable = map[string]string{
	"a": "àáâãäåāăąÀÁÂÃÄÅĀĂĄ",
	"c": "çćĉċčÇĆĈĊČ",
	"d": "ďđĎĐ",
	"e": "èéêëēĕėęěÈÉÊËĒĔĖĘĚ",
	"g": "ĝğġģĜĞĠĢ",
	"h": "ĥħĤĦ",
	"i": "ìíîïĩīĭįıÌÍÎÏĨĪĬĮİ",
	"j": "ĵĴ",
	"k": "ķĶ",
	"l": "ĺļľŀłĹĻĽĿŁ",
	"n": "ñńņňÑŃŅŇ",
	"o": "òóôõöøōŏőÒÓÔÕÖØŌŎŐ",
	"r": "ŕŗřŔŖŘ",
	"s": "śŝşšŚŜŞŠ",
	"t": "ţťŧŢŤŦ",
	"u": "ùúûüũūŭůűųÙÚÛÜŨŪŬŮŰŲ",
	"w": "ŵŴ",
	"y": "ýÿŷÝŸŶ",
	"z": "źżžŹŻŽ",
}

// fold maps one character to the form the index keeps: full-width ASCII
// to ASCII, the ideographic space to a space, accents away, lower case.
// It maps one character to one character, so offsets in folded text are
// offsets in the original (the script highlights with them).
func fold(r rune) rune {
	if r < 0x80 { // the commonest case: no table to consult
		if 'A' <= r && r <= 'Z' {
			return r + 32
		}
		return r
	}
	switch {
	case r >= 0xFF01 && r <= 0xFF5E:
		r -= 0xFEE0
	case r == 0x3000:
		return ' '
	}
	if r < 0x80 {
		if 'A' <= r && r <= 'Z' {
			return r + 32
		}
		return r
	}
	if r < rune(len(accents)) && accents[r] != 0 {
		return accents[r]
	}
	if isHan(r) {
		return r // the commonest case in Chinese text: no table to consult
	}
	return unicode.ToLower(r)
}

// isHan reports whether r is a CJK ideograph (the ranges the script
// tests too).
func isHan(r rune) bool {
	return (r >= 0x3400 && r <= 0x4DBF) || (r >= 0x4E00 && r <= 0x9FFF) || (r >= 0xF900 && r <= 0xFAFF) || (r >= 0x20000 && r <= 0x2FFFF)
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// isWord reports whether r belongs to a Latin-script (or other
// alphabetic) word: a folded letter or digit that is not an ideograph.
func isWord(r rune) bool {
	if r < 0x80 {
		return isDigit(r) || ('a' <= r && r <= 'z')
	}
	return !isHan(r) && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

// stopWords are English words too common to help find anything; they
// are neither indexed nor required of a match.
var stopWords = map[string]bool{}

func init() {
	for _, w := range strings.Fields("a an and are as at be by for from had has have he his in is it its of on or that the this to was were which will with") {
		stopWords[w] = true
	}
}

// stem strips the commonest English endings, the same way for the text
// and the query (a light stemmer: plurals, -ing, -ed, a final e). Words with digits
// or non-ASCII letters are kept as they are.
func stem(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w
		}
	}
	if len(w) <= 3 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	switch {
	case strings.HasSuffix(w, "ing") && len(w)-3 >= 4:
		w = w[:len(w)-3]
	case strings.HasSuffix(w, "ed") && len(w)-2 >= 4:
		w = w[:len(w)-2]
	}
	switch {
	case strings.HasSuffix(w, "ation") && len(w) > 7:
		w = w[:len(w)-5] + "at" // inauguration, inaugurated
	case strings.HasSuffix(w, "awn") && len(w) > 5:
		w = w[:len(w)-1] // withdrawn, withdraws
	}
	if strings.HasSuffix(w, "e") && len(w) > 4 {
		w = w[:len(w)-1] // release, released, releases
	}
	return w
}

// Span is a word or a run of ideographs in folded text, with its rune
// offsets in the original.
type Span struct {
	Text       string // folded
	Han        bool
	Start, End int // rune offsets
	Quoted     bool
}

// spans splits text into folded words and ideograph runs. Inside a word,
// an apostrophe between letters is dropped (Musk's → musks), and a full
// stop or comma between digits kept or dropped ($97.4 → 97.4, 1,000 →
// 1000). Quoted is set on spans between double quotes.
func spans(text string) []Span {
	var out []Span
	eachSpan(text, func(s Span) { out = append(out, s) })
	return out
}

// eachSpan is spans without the slice. Where a span's folded text is the
// text itself (lower-case ASCII, ideographs), it is a substring: most
// tokens of a build cost no allocation.
func eachSpan(text string, fn func(Span)) {
	quoted := false
	pos := 0 // in runes
	var buf []byte
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		f := fold(r)
		switch {
		case f == '"' || f == '“' || f == '”':
			quoted = !quoted
			i += n
			pos++
		case isHan(f):
			j, k := hanRun(text, i+n, pos+1)
			fn(Span{Text: text[i:j], Han: true, Start: pos, End: k, Quoted: quoted})
			i, pos = j, k
		case isWord(f):
			var w string
			var j, k int
			w, j, k, buf = scanWord(text, i, pos, buf)
			fn(Span{Text: w, Start: pos, End: k, Quoted: quoted})
			i, pos = j, k
		default:
			i += n
			pos++
		}
	}
}

// hanRun returns where the run of ideographs that goes on at byte j
// (rune k) of text ends, in bytes and in runes.
func hanRun(text string, j, k int) (int, int) {
	for j < len(text) {
		c, cn := utf8.DecodeRuneInString(text[j:])
		if !isHan(c) {
			break
		}
		j += cn
		k++
	}
	return j, k
}

// scanWord reads the word that starts at byte i (rune pos) of text and
// returns it folded, where it ends (in bytes and in runes) and buf, the
// scratch space it folds into when the word is not text[i:j] as it
// stands (the caller passes it back to spare an allocation a word).
func scanWord(text string, i, pos int, buf []byte) (w string, j, k int, _ []byte) {
	buf = buf[:0]
	same := true // the folded word is text[i:j] as it stands
	j, k = i, pos
	prev := rune(-1)
	for j < len(text) {
		c, cn := utf8.DecodeRuneInString(text[j:])
		cf := fold(c)
		if isWord(cf) {
			if same && cf != c {
				same = false
				buf = append(buf[:0], text[i:j]...)
			}
			if !same {
				buf = utf8.AppendRune(buf, cf)
			}
			prev = cf
			j += cn
			k++
			continue
		}
		if j > i && j+cn < len(text) {
			nx, _ := utf8.DecodeRuneInString(text[j+cn:])
			keep, skip := inWord(prev, cf, fold(nx))
			if keep || skip {
				if same && (skip || c != '.') {
					same = false
					buf = append(buf[:0], text[i:j]...)
				}
				if keep && !same {
					buf = append(buf, '.')
				}
				prev = cf
				j += cn
				k++
				continue
			}
		}
		break
	}
	w = text[i:j]
	if !same {
		w = string(buf)
	}
	return w, j, k, buf
}

// inWord reports whether the mark c between the folded runes prev and
// next stays inside a word, kept (a decimal point: 97.4) or skipped (an
// apostrophe between letters, Musk's → musks; a comma between digits,
// 1,000 → 1000).
func inWord(prev, c, next rune) (keep, skip bool) {
	switch {
	case (c == '\'' || c == '’') && unicode.IsLetter(prev) && unicode.IsLetter(next) && !isHan(next):
		skip = true
	case c == '.' && isDigit(prev) && isDigit(next):
		keep = true
	case c == ',' && isDigit(prev) && isDigit(next):
		skip = true
	}
	return keep, skip
}

// Tokens returns the index terms of a text: stemmed words without stop
// words, and for each run of ideographs its overlapping pairs and its
// last character. A query of two or more characters asks for pairs; a
// query of one for the pairs it begins (they share its shard) and the
// run's last character: single characters need no postings of their own,
// which halves a Chinese index.
func Tokens(text string) []string {
	var out []string
	eachToken(text, func(t string, _ int) { out = append(out, t) })
	return out
}

// eachToken calls fn with each index term of a text, in order, and the
// rune offset it starts at.
func eachToken(text string, fn func(tok string, start int)) {
	eachSpan(text, func(s Span) {
		if s.Han {
			// Byte offsets of each ideograph: slices of s.Text need no
			// allocation.
			k := 0
			for i, r := range s.Text {
				n := utf8.RuneLen(r)
				if i+n < len(s.Text) {
					_, m := utf8.DecodeRuneInString(s.Text[i+n:])
					fn(s.Text[i:i+n+m], s.Start+k)
				} else {
					fn(s.Text[i:], s.Start+k)
				}
				k++
			}
			return
		}
		if !stopWords[s.Text] {
			fn(stem(s.Text), s.Start)
		}
	})
}

// Term is one thing a query asks for: an index token, or, for the word
// being typed, a prefix of tokens.
type Term struct {
	Token  string
	Prefix string // set for the last word while typing: tokens starting with it match too (at half weight)
}

// QueryTerms turns a query into its terms. Words are stemmed like the
// text; the last word is also matched as a prefix unless the query ends
// in a space or the word is quoted. A run of one ideograph asks for that
// character; a longer run for each of its pairs.
func QueryTerms(q string) []Term {
	ss := spans(q)
	trailing := q == "" || strings.HasSuffix(q, " ") || strings.HasSuffix(q, "　")
	var out []Term
	seen := map[Term]bool{}
	add := func(t Term) {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	for i, s := range ss {
		if s.Han {
			rs := []rune(s.Text)
			if len(rs) == 1 {
				add(Term{Token: s.Text, Prefix: s.Text})
			}
			for k := 0; k+1 < len(rs); k++ {
				add(Term{Token: string(rs[k : k+2])})
			}
			continue
		}
		last := i == len(ss)-1 && !trailing && !s.Quoted
		if stopWords[s.Text] && !last {
			continue
		}
		t := Term{Token: stem(s.Text)}
		if last && utf8.RuneCountInString(s.Text) >= 2 {
			t.Prefix = s.Text
		}
		if stopWords[s.Text] && t.Prefix == "" {
			continue
		}
		add(t)
	}
	return out
}

// NameKey is the token a whole name is indexed under, and a query is
// looked up as: its words (stemmed) and runs of ideographs, in order,
// behind a "~" no word token starts with. A query that is exactly a
// person's or organisation's name or alias finds it first.
func NameKey(s string) string {
	var parts []string
	for _, sp := range spans(s) {
		if sp.Han {
			parts = append(parts, sp.Text)
		} else {
			parts = append(parts, stem(sp.Text))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "~" + strings.Join(parts, " ")
}
