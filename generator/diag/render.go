package diag

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadFile reads a file by its slash path relative to the site root, as
// Diagnostic.File names it. Rendering calls it at report time, so the
// parsers keep only offsets and never carry source lines around.
type ReadFile func(file string) ([]byte, error)

// Format is how diagnostics are written.
type Format int

const (
	// Text is for people: the position and message, the offending line
	// with a caret under the column, then the hint.
	Text Format = iota
	// GNU is one line per diagnostic, file:line:col: severity: message,
	// as compilers write it for editors' problem matchers; a hint is a
	// note: line at the same position.
	GNU
	// JSON is one JSON object per line per diagnostic, for tools.
	JSON
)

// ParseFormat reads a --format value.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "text", "":
		return Text, nil
	case "gnu":
		return GNU, nil
	case "json":
		return JSON, nil
	}
	return Text, fmt.Errorf("unknown format %q: use text, gnu or json", s)
}

// Printer writes diagnostics in one format.
type Printer struct {
	Format Format
	Read   ReadFile // nil: no source lines
	Color  bool     // ANSI colours (Text only)
}

// ANSI escapes, as esbuild uses them.
const (
	ansiReset  = "\033[0m"
	ansiBold   = "\033[1m"
	ansiDim    = "\033[37m"
	ansiRed    = "\033[31m"
	ansiYellow = "\033[33m"
	ansiGreen  = "\033[32m"
	ansiCyan   = "\033[36m"
)

// maxWidth is how many columns of a source line are shown; longer lines
// (a source's paragraph is one line) are cut to a window around the
// column, as esbuild does.
const maxWidth = 100

// Print writes the diagnostics, sorted.
func (p Printer) Print(w io.Writer, l List) error {
	c := append(List(nil), l...)
	c.Sort()
	files := map[string][][]byte{}
	lines := func(file string) [][]byte {
		if p.Read == nil {
			return nil
		}
		if ls, ok := files[file]; ok {
			return ls
		}
		src, err := p.Read(file)
		var ls [][]byte
		if err == nil {
			ls = bytes.Split(src, []byte("\n"))
		}
		files[file] = ls
		return ls
	}
	var buf bytes.Buffer
	for _, d := range c {
		var line string
		if ls := lines(d.File); d.Line > 0 && d.Line <= len(ls) {
			line = strings.TrimSuffix(string(ls[d.Line-1]), "\r")
		}
		switch p.Format {
		case JSON:
			p.json(&buf, d, line)
		case GNU:
			p.gnu(&buf, d)
		default:
			p.text(&buf, d, line)
		}
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func (p Printer) paint(code, s string) string {
	if !p.Color {
		return s
	}
	return code + s + ansiReset
}

func (d Diagnostic) pos() string {
	s := d.File
	if d.Line > 0 {
		s += fmt.Sprintf(":%d", d.Line)
		if d.Col > 0 {
			s += fmt.Sprintf(":%d", d.Col)
		}
	}
	return s
}

func (d Diagnostic) severity() string {
	if d.Severity == Warning {
		return "warning"
	}
	return "error"
}

func (p Printer) text(b *bytes.Buffer, d Diagnostic, line string) {
	sev := p.paint(ansiBold+ansiRed, "error:")
	if d.Severity == Warning {
		sev = p.paint(ansiBold+ansiYellow, "warning:")
	}
	fmt.Fprintf(b, "%s %s %s\n", p.paint(ansiBold, d.pos()+":"), sev, p.paint(ansiBold, d.Msg))
	if line != "" && d.Col > 0 {
		shown, pad, width := Excerpt(line, d.Col, d.EndCol(line))
		num := fmt.Sprint(d.Line)
		gutter := strings.Repeat(" ", len(num))
		fmt.Fprintf(b, "  %s │ %s\n", p.paint(ansiDim, num), shown)
		fmt.Fprintf(b, "  %s ╵ %s%s\n", gutter, strings.Repeat(" ", pad), p.paint(ansiGreen, "^"+strings.Repeat("~", max(width-1, 0))))
	}
	if d.Hint != "" {
		hint := d.Hint
		if p.Color {
			hint = delRe.ReplaceAllString(hint, ansiRed+"$0"+ansiReset)
			hint = insRe.ReplaceAllString(hint, ansiGreen+"$0"+ansiReset)
		}
		fmt.Fprintf(b, "  %s %s\n", p.paint(ansiCyan, "hint:"), hint)
	}
}

// delRe and insRe find a word difference's marks in a hint.
var (
	delRe = regexp.MustCompile(`\[-.*?-\]`)
	insRe = regexp.MustCompile(`\{\+.*?\+\}`)
)

func (p Printer) gnu(b *bytes.Buffer, d Diagnostic) {
	fmt.Fprintf(b, "%s: %s: %s\n", d.pos(), d.severity(), d.Msg)
	if d.Hint != "" {
		fmt.Fprintf(b, "%s: note: %s\n", d.pos(), d.Hint)
	}
}

// jsonDiag is the JSON form of a diagnostic; end is the column just past
// the span on the same line (0 when unknown).
type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	End      int    `json:"end"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Hint     string `json:"hint"`
}

func (p Printer) json(b *bytes.Buffer, d Diagnostic, line string) {
	end := 0
	if line != "" && d.Col > 0 {
		end = d.EndCol(line)
	}
	enc := json.NewEncoder(b)
	enc.SetEscapeHTML(false)
	enc.Encode(jsonDiag{d.File, d.Line, d.Col, end, d.severity(), d.Msg, d.Hint})
}

// EndCol returns the column just past the span the diagnostic points at
// on line: End when a parser set it, else the token starting at Col — a
// quoted string, a [[wikilink]], a [link](dest), a [@citation], or the
// rest of a YAML value up to a comma, bracket or comment.
func (d Diagnostic) EndCol(line string) int {
	r := []rune(line)
	start := d.Col - 1
	if start < 0 || start >= len(r) {
		return d.Col
	}
	if d.End > d.Col {
		return min(d.End, len(r)+1)
	}
	rest := string(r[start:])
	n := tokenLen(rest)
	if n == 0 {
		n = 1
	}
	return d.Col + n
}

// tokenLen is the length in runes of the token that starts s.
func tokenLen(s string) int {
	runes := func(b int) int { return utf8.RuneCountInString(s[:b]) }
	switch {
	case strings.HasPrefix(s, "[["):
		if i := strings.Index(s, "]]"); i > 0 {
			return runes(i + 2)
		}
	case strings.HasPrefix(s, "[@"):
		if i := strings.IndexByte(s, ']'); i > 0 {
			return runes(i + 1)
		}
	case strings.HasPrefix(s, "["):
		if i := strings.Index(s, "]("); i > 0 {
			if j := strings.IndexByte(s[i:], ')'); j > 0 {
				return runes(i + j + 1)
			}
		}
	case s[0] == '"' || s[0] == '\'':
		for i := 1; i < len(s); i++ {
			if s[i] == '\\' && s[0] == '"' {
				i++
				continue
			}
			if s[i] == s[0] {
				return runes(i + 1)
			}
		}
	}
	end := len(s)
	if i := strings.IndexAny(s, ",]}"); i >= 0 {
		end = i
	}
	if i := strings.Index(s, " #"); i >= 0 && i < end {
		end = i
	}
	return runes(len(strings.TrimRightFunc(s[:end], unicode.IsSpace)))
}

// cellWidth is how many terminal columns r takes: two for the wide
// characters of Chinese, Japanese and Korean, one otherwise.
func cellWidth(r rune) int {
	switch {
	case r >= 0x1100 && r <= 0x115F, r >= 0x2E80 && r <= 0xA4CF && r != 0x303F,
		r >= 0xAC00 && r <= 0xD7A3, r >= 0xF900 && r <= 0xFAFF, r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, r >= 0x20000 && r <= 0x3FFFD:
		return 2
	}
	return 1
}

// Excerpt returns the part of line to show, how many cells precede
// column col in it, and how many cells the span col..end covers. Tabs
// become four spaces; a line wider than maxWidth is cut to a window
// around the span, marked with "…" at the cut ends.
func Excerpt(line string, col, end int) (shown string, pad, width int) {
	r := []rune(strings.ReplaceAll(line, "\t", "    "))
	// Columns count tabs as one rune: move them as the tabs expanded.
	before := []rune(line)
	if col-1 > len(before) {
		col = len(before) + 1
	}
	grow := 3 * strings.Count(string(before[:col-1]), "\t")
	spanTabs := 3 * strings.Count(string(before[col-1:min(max(end-1, col-1), len(before))]), "\t")
	s, e := col-1+grow, max(end-1+grow+spanTabs, col+grow)
	e = min(e, len(r))
	cells := func(rs []rune) int {
		n := 0
		for _, c := range rs {
			n += cellWidth(c)
		}
		return n
	}
	from, to := 0, len(r)
	if cells(r) > maxWidth {
		// Keep some context before the span, and as much of it as fits.
		from = s
		for from > 0 && cells(r[from-1:s]) <= 20 {
			from--
		}
		to = from
		for to < len(r) && cells(r[from:to+1]) <= maxWidth {
			to++
		}
		e = min(e, to)
	}
	var b strings.Builder
	lead := 0
	if from > 0 {
		b.WriteString("…")
		lead = 1
	}
	b.WriteString(string(r[from:to]))
	if to < len(r) {
		b.WriteString("…")
	}
	return b.String(), lead + cells(r[from:s]), max(cells(r[s:e]), 1)
}
