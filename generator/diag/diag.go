// Package diag holds the errors and warnings that content authors read:
// each one names a file, a line and a column, says what is wrong in lower
// case, and may carry a hint on how to fix it.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a diagnostic fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is printed but does not fail the build.
	Warning
)

// Diagnostic is one problem found in one file.
type Diagnostic struct {
	File     string // slash path relative to the site root, e.g. content/people/x.md
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	End      int    // column just past the span on Line; 0: the renderer finds the token at Col
	Severity Severity
	Msg      string
	Hint     string
}

// String formats the diagnostic as file:line:col: message (hint: ...).
func (d Diagnostic) String() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	if d.Hint != "" {
		b.WriteString("\n\thint: ")
		b.WriteString(d.Hint)
	}
	return b.String()
}

// List is a set of diagnostics collected over a whole build.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at file:line:col.
func (l *List) Errorf(file string, line, col int, hint string, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Warnf appends a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, hint string, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Sort orders diagnostics by file, line, column and message, so output
// is stable whatever order the parallel stages found them in.
func (l List) Sort() {
	sort.SliceStable(l, func(i, j int) bool {
		a, b := l[i], l[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Msg < b.Msg
	})
}

// Errors returns the diagnostics of Error severity.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Warnings returns the diagnostics of Warning severity.
func (l List) Warnings() List {
	var out List
	for _, d := range l {
		if d.Severity == Warning {
			out = append(out, d)
		}
	}
	return out
}

// HasErrors reports whether any diagnostic is an error.
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// String prints one diagnostic per line, sorted.
func (l List) String() string {
	c := append(List(nil), l...)
	c.Sort()
	var b strings.Builder
	for _, d := range c {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	return b.String()
}

// BuildError is returned by a build that found content errors.
type BuildError struct {
	Diags List
}

func (e *BuildError) Error() string {
	n := len(e.Diags.Errors())
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("%d error%s in content\n%s", n, s, e.Diags.String())
}

// LineIndex turns byte offsets of one file into 1-based line and column
// numbers. Parsers keep offsets; only reporting pays for the conversion.
type LineIndex []int

// NewLineIndex records where each line of src starts.
func NewLineIndex(src []byte) LineIndex {
	idx := LineIndex{0}
	for i, c := range src {
		if c == '\n' {
			idx = append(idx, i+1)
		}
	}
	return idx
}

// Position returns the 1-based line and column (in runes) of offset in src.
func (idx LineIndex) Position(src []byte, offset int) (line, col int) {
	if offset < 0 {
		offset = 0
	}
	if offset > len(src) {
		offset = len(src)
	}
	i := sort.Search(len(idx), func(i int) bool { return idx[i] > offset }) - 1
	if i < 0 {
		i = 0
	}
	col = 1 + len([]rune(string(src[idx[i]:offset])))
	return i + 1, col
}

// Suggest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a plausible typo.
func Suggest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := Levenshtein(strings.ToLower(s), strings.ToLower(c))
		if bestD < 0 || d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	limit := len([]rune(s))/3 + 1
	if limit > 4 {
		limit = 4
	}
	if bestD < 0 || bestD > limit {
		return ""
	}
	return best
}

// Levenshtein returns the edit distance between a and b, in runes.
func Levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Dedupe removes repeated diagnostics, keeping the first of each.
func (l List) Dedupe() List {
	seen := map[string]bool{}
	out := l[:0:0]
	for _, d := range l {
		k := d.String()
		if !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}
