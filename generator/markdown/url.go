package markdown

import (
	"bytes"
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark/ast"
)

// AllowedSchemes are the URL schemes a link or an image may use; every
// other scheme (javascript:, data:, vbscript:, file:, ...) is refused.
// Relative URLs, fragments and paths have no scheme and are allowed.
var AllowedSchemes = []string{"http", "https", "mailto"}

// URLScheme returns the scheme of a URL after decoding it the way a
// browser could: HTML entities and percent-encoding (repeatedly, so that
// "&amp;#106;" and "%26%23106;" count too), then with every control
// character and whitespace removed, in lower case. It returns "" for a
// URL without a scheme.
func URLScheme(u string) string {
	s := DecodeURL(u)
	var b strings.Builder
	for _, r := range s {
		if r <= 0x20 || r == 0x7f || unicode.IsSpace(r) || unicode.Is(unicode.Cf, r) || unicode.IsControl(r) || r == utf8.RuneError {
			continue
		}
		b.WriteRune(r)
	}
	s = b.String()
	i := strings.IndexAny(s, ":/?#\\")
	if i < 0 || s[i] != ':' {
		return ""
	}
	if i == 0 {
		return ":" // a colon with nothing before it: refused
	}
	return strings.ToLower(s[:i])
}

// SafeURL reports whether a URL may be written into an href or a src:
// it is relative, or its scheme is one of AllowedSchemes. It returns the
// scheme found, for messages.
func SafeURL(u string) (scheme string, ok bool) {
	scheme = URLScheme(u)
	if scheme == "" {
		return "", true
	}
	for _, a := range AllowedSchemes {
		if scheme == a {
			return scheme, true
		}
	}
	return scheme, false
}

// DecodeURL decodes HTML entities and percent-encoding until nothing
// changes (at most a few rounds).
func DecodeURL(s string) string {
	for i := 0; i < 8; i++ {
		t := percentDecode(html.UnescapeString(s))
		if t == s {
			break
		}
		s = t
	}
	return s
}

func percentDecode(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) {
			b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func isHex(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

func unhex(c byte) byte {
	switch {
	case c >= '0' && c <= '9':
		return c - '0'
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10
	}
	return c - 'A' + 10
}

// URLRef is one URL of a Markdown body: a link's or an image's
// destination, or an autolink, with its byte offset in the file.
type URLRef struct {
	URL    string
	Offset int
	Node   ast.Node
}

// URLs lists every URL of a parsed body, with the offset of the URL's
// text in src (or of its block, when the text cannot be found, as for a
// link whose destination comes from a reference definition elsewhere).
func URLs(p *Parsed, src []byte) []URLRef {
	var out []URLRef
	_ = ast.Walk(p.Doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var u []byte
		switch n := n.(type) {
		case *ast.Link:
			u = n.Destination
		case *ast.Image:
			u = n.Destination
		case *ast.AutoLink:
			u = n.URL(src)
		default:
			return ast.WalkContinue, nil
		}
		out = append(out, URLRef{URL: string(u), Offset: findOffset(n, src, u), Node: n})
		return ast.WalkContinue, nil
	})
	return out
}

// findOffset finds where u is written, searching from the node's block.
func findOffset(n ast.Node, src, u []byte) int {
	start := 0
	for b := n.Parent(); b != nil; b = b.Parent() {
		if b.Type() == ast.TypeBlock && b.Lines() != nil && b.Lines().Len() > 0 {
			start = b.Lines().At(0).Start
			break
		}
	}
	if len(u) > 0 && start <= len(src) {
		if i := indexBytes(src[start:], u); i >= 0 {
			return start + i
		}
		if i := indexBytes(src, u); i >= 0 {
			return i
		}
	}
	return start
}

func indexBytes(s, sub []byte) int { return bytes.Index(s, sub) }
