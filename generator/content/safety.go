package content

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/diag"
	"github.com/dossier-ssg/dossier/generator/markdown"
	"gopkg.in/yaml.v3"
)

// The checks in this file treat every content file, translations
// included, as untrusted input: a file may not carry a script URL into
// the site, nor bytes that are not text, nor a front-matter key twice.

// bom is the UTF-8 byte-order mark some Windows editors write first.
var bom = []byte("\xef\xbb\xbf")

// checkEncoding reports the first invalid UTF-8 sequence of the file as
// an error, and each line holding a Unicode bidirectional control
// character (which can make text read differently from what it is) as a
// warning. It returns false when the file is not valid UTF-8.
func (d *Doc) checkEncoding() bool {
	src := d.Src
	if !utf8.Valid(src) {
		for i := 0; i < len(src); {
			r, size := utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size <= 1 {
				line, col := d.Pos(i)
				d.Diags.Errorf(d.Path, line, col, "save the file as UTF-8 (in most editors: Save with Encoding → UTF-8)", "invalid UTF-8: byte 0x%02x is not part of a character", src[i])
				d.Failed = true
				return false
			}
			i += size
		}
	}
	lastLine := 0
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if isBidiControl(r) {
			if line, col := d.Pos(i); line != lastLine {
				lastLine = line
				d.Diags.Warnf(d.Path, line, col, "remove it unless it is meant: it can make text display in an order other than the one it is stored in", "Unicode bidirectional control character U+%04X", r)
			}
		}
		i += size
	}
	return true
}

// isBidiControl reports the characters of the "Trojan Source" attacks
// (CVE-2021-42574): embeddings, overrides, isolates and marks.
func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069 || r == 0x200E || r == 0x200F || r == 0x061C
}

// checkURLs reports every link, image or autolink of the body whose URL
// has a scheme other than http, https or mailto, however it is spelled
// (entities, percent-encoding, control characters, case).
func (d *Doc) checkURLs(p *markdown.Parsed, src []byte, where []any) {
	for _, u := range markdown.URLs(p, src) {
		scheme, ok := markdown.SafeURL(u.URL)
		if ok {
			continue
		}
		msg := fmt.Sprintf("link to a %q URL is not allowed: %s", scheme+":", clip(u.URL))
		if where != nil {
			d.ErrAt(where, urlHint, "%s", msg)
			continue
		}
		line, col := d.Pos(u.Offset)
		d.Diags.Errorf(d.Path, line, col, urlHint, "%s", msg)
	}
}

const urlHint = "links may be http:, https:, mailto: or relative (../people/sam-altman.md); write the address in full"

// url decodes a URL-valued field, reporting one with a refused scheme.
func (f *Fields) url(key string) string {
	u := f.str(key)
	if u == "" {
		return ""
	}
	if scheme, ok := markdown.SafeURL(u); !ok {
		f.d.ErrAt(f.at(key), "a source's address is an http: or https: URL", "%s: a %q URL is not allowed: %s", strings.Join(append(pathStrings(f.prefix), key), "."), scheme+":", clip(u))
		return ""
	}
	return u
}

func clip(s string) string {
	if len(s) > 60 {
		s = s[:60] + "…"
	}
	return fmt.Sprintf("%q", s)
}

// checkDuplicateKeys reports a key given twice in one map of the front
// matter, at the second one: YAML readers silently keep the last.
func (d *Doc) checkDuplicateKeys() {
	if !mayRepeatKey(d.frontMatter()) {
		return
	}
	d.Locate(nil) // reads the front matter with positions
	if d.fm.node == nil {
		return
	}
	base, _ := d.Lines.Position(d.Src, d.fmStart)
	for _, dup := range DuplicateKeys(d.fm.node) {
		d.Diags.Errorf(d.Path, base+dup.Line-1, dup.Column, fmt.Sprintf("remove one of them (the first is on line %d)", base+dup.FirstLine-1), "duplicate key %q", dup.Value)
	}
}

// mayRepeatKey says whether YAML may give a map key twice, without
// parsing it: false only for block YAML that writes no key twice in one
// map, where reading it again with positions (a second parse of every
// front matter, after the markdown package's) would find nothing. It looks
// at YAML whose keys are plain, one to a line, and whose values are
// plain, block scalars, quoted on one line or lists of scalars on one
// line: there a key is the text
// before the first ": " (or final ":") of a line once indentation and
// "- " are taken off, and the keys of one map are those at its column
// until a line left of it, or a "- " that starts another item's map.
// Anything else (a quoted or complex key, a flow collection, an anchor,
// alias or tag, a quoted value going on to another line or starting a
// line, a line break other than LF or CRLF) answers true. A line of a
// block scalar or of a plain value going on over lines may look like a
// key, but only right of its map's keys: it can only make the answer
// true.
func mayRepeatKey(yaml []byte) bool {
	// YAML breaks lines at a lone CR, NEL, U+2028 and U+2029 too: the
	// scan splits at LF only.
	if bytes.Contains(bytes.ReplaceAll(yaml, []byte("\r\n"), nil), []byte("\r")) || bytes.Contains(yaml, []byte("\u0085")) || bytes.Contains(yaml, []byte("\u2028")) || bytes.Contains(yaml, []byte("\u2029")) {
		return true
	}
	type frame struct {
		col  int
		keys map[string]bool
	}
	var maps []frame // the maps open at the line, outermost first
	for line := range bytes.SplitSeq(yaml, []byte("\n")) {
		line = bytes.TrimRight(line, " \t\r")
		col, item := 0, false
		for {
			n := len(line)
			line = bytes.TrimLeft(line, " \t")
			col += n - len(line)
			if !bytes.HasPrefix(line, []byte("-")) || (len(line) > 1 && line[1] != ' ' && line[1] != '\t') {
				break
			}
			line, col, item = line[1:], col+1, true // a sequence item's "-"
		}
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		i := 0
		for i < len(line) && (line[i] != ':' || (i+1 < len(line) && line[i+1] != ' ' && line[i+1] != '\t')) {
			i++
		}
		if i == len(line) {
			if bytes.ContainsAny(line[:1], "{[&*!?\"'") {
				// A flow collection, anchor, alias, tag or complex key, or a
				// quoted scalar, whose next lines may be left of its map.
				return true
			}
			continue // no key on this line
		}
		key := bytes.TrimRight(line[:i], " \t")
		if len(key) > 0 && bytes.ContainsAny(key[:1], "{[&*!?|>%@`") || bytes.ContainsAny(key, "\"'") {
			return true
		}
		if !plainValue(bytes.TrimLeft(line[i+1:], " \t")) {
			return true
		}
		for len(maps) > 0 && (maps[len(maps)-1].col > col || (item && maps[len(maps)-1].col == col)) {
			maps = maps[:len(maps)-1]
		}
		if len(maps) == 0 || maps[len(maps)-1].col < col {
			maps = append(maps, frame{col, map[string]bool{}})
		}
		keys := maps[len(maps)-1].keys
		if keys[string(key)] {
			return true
		}
		keys[string(key)] = true
	}
	return false
}

// plainValue says whether a value, as written after its key, is what
// mayRepeatKey reads past: nothing, a plain scalar, a block scalar's
// indicator, a quoted scalar that closes on its line, or a list of
// scalars on one line.
func plainValue(v []byte) bool {
	if len(v) == 0 {
		return true
	}
	switch v[0] {
	case '[':
		// A list of scalars on one line ([elon-musk, openai]): no ":"
		// (which a pair in the list would need), and nothing nested.
		end := bytes.LastIndexByte(v, ']')
		return end > 0 && !bytes.ContainsAny(v[1:end], "[]{}:?&*!#") && endOfValue(v[end+1:])
	case '{', '&', '*', '!':
		return false
	case '"':
		for i := 1; i < len(v); i++ {
			switch v[i] {
			case '\\':
				i++
			case '"':
				return endOfValue(v[i+1:])
			}
		}
		return false
	case '\'':
		for i := 1; i < len(v); i++ {
			if v[i] == '\'' {
				if i+1 < len(v) && v[i+1] == '\'' {
					i++
					continue
				}
				return endOfValue(v[i+1:])
			}
		}
		return false
	}
	return true
}

// endOfValue says whether what follows a closed quote ends the line.
func endOfValue(rest []byte) bool {
	rest = bytes.TrimLeft(rest, " \t")
	return len(rest) == 0 || rest[0] == '#'
}

// Duplicate is a map key given a second time.
type Duplicate struct {
	Value        string
	Line, Column int
	FirstLine    int
}

// DuplicateKeys lists, in the YAML tree n, the keys of each map that
// repeat an earlier key of the same map.
func DuplicateKeys(n *yaml.Node) []Duplicate {
	var out []Duplicate
	var walk func(n *yaml.Node, depth int)
	walk = func(n *yaml.Node, depth int) {
		if n == nil || depth > 100 {
			return
		}
		if n.Kind == yaml.MappingNode {
			first := map[string]int{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind == yaml.ScalarNode {
					if l, ok := first[k.Value]; ok {
						out = append(out, Duplicate{Value: k.Value, Line: k.Line, Column: k.Column, FirstLine: l})
					} else {
						first[k.Value] = k.Line
					}
				}
			}
		}
		for _, c := range n.Content {
			walk(c, depth+1)
		}
	}
	walk(n, 0)
	return out
}

// UnclosedQuote finds a quoted YAML value that is never closed and
// returns the line (1-based) and column where it opens. YAML parsers
// report such a string where they gave up, often the end of the file;
// the author needs the line where it starts.
func UnclosedQuote(src []byte) (line, col int, ok bool) {
	lines := bytes.Split(src, []byte("\n"))
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		start := valueStart(l)
		if start < 0 || start >= len(l) || (l[start] != '"' && l[start] != '\'') {
			continue
		}
		q := l[start]
		// Look for the closing quote from just after the opening one,
		// across lines (YAML quoted strings may span lines).
		j, k := i, start+1
		closed := false
		for j < len(lines) && !closed {
			s := lines[j]
			for ; k < len(s); k++ {
				c := s[k]
				if q == '"' && c == '\\' {
					k++
					continue
				}
				if c == q {
					if q == '\'' && k+1 < len(s) && s[k+1] == '\'' {
						k++
						continue
					}
					closed = true
					break
				}
			}
			if !closed {
				j, k = j+1, 0
			}
		}
		if !closed {
			return i + 1, start + 1, true
		}
		i = j
	}
	return 0, 0, false
}

// valueStart returns where the value of a "key: value" or "- value"
// line starts, or -1.
func valueStart(l []byte) int {
	t := bytes.TrimLeft(l, " \t")
	if len(t) == 0 || t[0] == '#' {
		return -1
	}
	off := len(l) - len(t)
	for bytes.HasPrefix(t, []byte("- ")) {
		t = bytes.TrimLeft(t[2:], " ")
		off = len(l) - len(t)
	}
	if len(t) > 0 && (t[0] == '"' || t[0] == '\'') {
		return off
	}
	// key: value (a key itself is not quoted in dossier's files)
	if i := bytes.Index(t, []byte(": ")); i >= 0 {
		rest := t[i+2:]
		v := bytes.TrimLeft(rest, " ")
		return off + i + 2 + (len(rest) - len(v))
	}
	return -1
}

// YAMLError positions a YAML syntax error in src: at the line where an
// unclosed quoted string opens, or else at the line the parser names,
// kept inside the file.
func YAMLError(src []byte, err error) (line, col int, msg string) {
	msg = strings.TrimPrefix(err.Error(), "yaml: ")
	line, col = 1, 1
	if _, e := fmt.Sscanf(msg, "line %d:", &line); e == nil {
		msg = strings.TrimSpace(msg[strings.IndexByte(msg, ':')+1:])
	}
	if l, c, ok := UnclosedQuote(src); ok {
		return l, c, "quoted text is never closed: " + msg
	}
	line = max(1, min(line, bytes.Count(src, []byte("\n"))+1))
	return line, col, msg
}

// KeepInside keeps the diagnostics added to l since index from at lines
// of src: YAML counts a lone carriage return (and U+2028) as a line
// break, which editors and dossier's line index may not.
func KeepInside(l diag.List, from int, src []byte) {
	n := bytes.Count(src, []byte("\n")) + 1
	for i := from; i < len(l); i++ {
		if l[i].Line > n {
			l[i].Line, l[i].Col = n, 1
		}
	}
}

// YAMLHint is the hint for a YAML syntax error from YAMLError.
func YAMLHint(msg string) string {
	if strings.HasPrefix(msg, "quoted text is never closed") {
		return "add the closing quote at the end of the value"
	}
	return "check the indentation and quoting"
}
