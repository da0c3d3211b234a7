package site

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"

	"unicode/utf8"

	"github.com/dossier-ssg/dossier/generator/content"
	"github.com/dossier-ssg/dossier/generator/diag"
	"gopkg.in/yaml.v3"
)

// ConfigFile is where a site keeps its settings, relative to the site root.
const ConfigFile = "content/site.yaml"

// Config is the site's configuration.
type Config struct {
	Title       string `yaml:"title"`
	Description string `yaml:"description"`
	BaseURL     string `yaml:"base_url"`
	Language    string `yaml:"language"` // the default language: the originals'
	Author      string `yaml:"author"`
	// Languages are the site's languages, the default first. Each but the
	// default is published under /<code>/.
	Languages []Language `yaml:"-"`
	// Missing is set when content/site.yaml does not exist or is empty.
	Missing bool `yaml:"-"`
	// Invalid is set when site.yaml has errors: its languages may be
	// missing, and translations are not reported one by one for that.
	Invalid bool `yaml:"-"`
}

// Language is one language the site is published in.
type Language struct {
	Code        string `yaml:"-"`           // as in file names: zh for name.zh.md
	Name        string `yaml:"name"`        // in its own language: 中文
	Locale      string `yaml:"locale"`      // BCP 47, for lang and hreflang: zh-Hans
	Title       string `yaml:"title"`       // the site title in this language
	Description string `yaml:"description"` // the site description in this language
}

// Prefix is the path under which a language's pages live: "" for the
// default language, "/zh" for Chinese.
func (c Config) Prefix(lang string) string {
	if lang == c.DefaultLanguage().Code {
		return ""
	}
	return "/" + lang
}

// DefaultLanguage is the language of the originals.
func (c Config) DefaultLanguage() Language {
	if len(c.Languages) > 0 {
		return c.Languages[0]
	}
	return Language{Code: c.Language, Locale: c.Language, Name: c.Language, Title: c.Title, Description: c.Description}
}

// Lang returns a language by code.
func (c Config) Lang(code string) (Language, bool) {
	for _, l := range c.Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// BasePath is the URL path the site is served under: "/" or "/dossier/".
func (c Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	p := u.Path
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// Absolute returns the absolute URL of a site path such as "/people/".
func (c Config) Absolute(p string) string {
	base := strings.TrimSuffix(c.BaseURL, "/")
	if base == "" {
		return p
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil {
		return p
	}
	return u.Scheme + "://" + u.Host + p
}

// NewConfig returns the defaults, every one spelled out.
func NewConfig() Config {
	return Config{
		Title:    "Dossier",
		BaseURL:  "http://localhost:1313/",
		Language: "en",
	}
}

// ParseConfig reads site.yaml; a missing file means the defaults. It
// never fails: every problem is a positioned diagnostic, and the result
// always has at least the default language.
func ParseConfig(src []byte, diags *diag.List) (c Config) {
	c = NewConfig()
	from := len(*diags)
	defer func() {
		content.KeepInside(*diags, from, src)
		c.Invalid = (*diags)[from:].HasErrors()
	}()
	if len(bytes.TrimSpace(src)) == 0 {
		c.Missing = true
		c.Languages = withDefault(c, nil, diags)
		return c
	}
	defer func() { c.Languages = withDefault(c, c.Languages, diags) }()
	if !utf8.Valid(src) {
		line, col := firstInvalid(src)
		diags.Errorf(ConfigFile, line, col, "save the file as UTF-8", "invalid site config: the file is not UTF-8 text")
		return c
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		line, col, msg := content.YAMLError(src, err)
		diags.Errorf(ConfigFile, line, col, content.YAMLHint(msg), "invalid site config: %s", msg)
		return c
	}
	if len(n.Content) == 0 {
		c.Missing = true
		return c
	}
	m := n.Content[0]
	if m.Kind != yaml.MappingNode {
		diags.Errorf(ConfigFile, m.Line, m.Column, "write one setting per line: title: My dossier", "invalid site config: settings are a map of keys, not %s", nodeKind(m))
		return c
	}
	c.readSettings(m, diags)
	return c
}

// readSettings reads the settings of site.yaml's map into c: a duplicate
// is an error, an unknown one a warning.
func (c *Config) readSettings(m *yaml.Node, diags *diag.List) {
	known := []string{"title", "description", "base_url", "language", "author", "languages"}
	seen := map[string]int{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if l, dup := seen[k.Value]; dup {
			diags.Errorf(ConfigFile, k.Line, k.Column, fmt.Sprintf("remove one of them (the first is on line %d)", l), "duplicate setting %q", k.Value)
			continue
		}
		seen[k.Value] = k.Line
		var field *string
		switch k.Value {
		case "title":
			field = &c.Title
		case "description":
			field = &c.Description
		case "base_url":
			field = &c.BaseURL
		case "language":
			field = &c.Language
		case "author":
			field = &c.Author
		case "languages":
			c.Languages = parseLanguages(v, diags)
			continue
		default:
			hint := "it is ignored"
			if s := diag.Suggest(k.Value, known); s != "" {
				hint = fmt.Sprintf("did you mean %q?", s)
			}
			diags.Warnf(ConfigFile, k.Line, k.Column, hint, "unknown setting %q", k.Value)
			continue
		}
		c.setText(field, k, v, diags)
	}
}

// setText sets one text setting to v (a null leaves the default); a
// language code or a base URL that will not do is an error, and the
// setting keeps its default.
func (c *Config) setText(field *string, k, v *yaml.Node, diags *diag.List) {
	if v.Kind != yaml.ScalarNode {
		diags.Errorf(ConfigFile, v.Line, v.Column, "write it as one line of text, e.g. "+k.Value+": "+exampleOf(k.Value), "%s must be text, not %s", k.Value, nodeKind(v))
		return
	}
	if v.Tag == "!!null" {
		return
	}
	*field = v.Value
	if k.Value == "language" && !langCodeOK(v.Value) {
		diags.Errorf(ConfigFile, v.Line, v.Column, "use a language code such as en", "invalid language code %q", v.Value)
		c.Language = NewConfig().Language
	}
	if k.Value == "base_url" && c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			diags.Errorf(ConfigFile, v.Line, v.Column, "write a full URL such as https://example.org/dossier/", "base_url %q is not an absolute http(s) URL", c.BaseURL)
			c.BaseURL = NewConfig().BaseURL
		}
	}
}

func exampleOf(key string) string {
	switch key {
	case "language":
		return "en"
	case "base_url":
		return "https://example.org/"
	}
	return "My dossier"
}

// nodeKind names a YAML node's shape for messages.
func nodeKind(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a map"
	case yaml.AliasNode:
		return "an alias"
	}
	return "text"
}

func firstInvalid(src []byte) (line, col int) {
	line, col = 1, 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return line, col
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return line, col
}

// parseLanguages reads the languages map, in the order written.
func parseLanguages(n *yaml.Node, diags *diag.List) []Language {
	if n.Kind != yaml.MappingNode {
		diags.Errorf(ConfigFile, n.Line, n.Column, "write one key per language code, e.g.\n  zh:\n    name: 中文\n    locale: zh-Hans", "languages must be a map of language codes")
		return nil
	}
	var out []Language
	seen := map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if l, dup := seen[k.Value]; dup {
			diags.Errorf(ConfigFile, k.Line, k.Column, fmt.Sprintf("remove one of them (the first is on line %d)", l), "duplicate language %q", k.Value)
			continue
		}
		seen[k.Value] = k.Line
		var l Language
		if err := v.Decode(&l); err != nil {
			diags.Errorf(ConfigFile, v.Line, v.Column, "give name, locale, title and description as text", "invalid language %q: %v", k.Value, err)
			continue
		}
		if v.Kind == yaml.MappingNode {
			for j := 0; j+1 < len(v.Content); j += 2 {
				key := v.Content[j]
				switch key.Value {
				case "name", "locale", "title", "description":
				default:
					hint := "a language has name, locale, title and description"
					if s := diag.Suggest(key.Value, []string{"name", "locale", "title", "description"}); s != "" {
						hint = fmt.Sprintf("did you mean %q?", s)
					}
					diags.Warnf(ConfigFile, key.Line, key.Column, hint, "unknown language setting %q", key.Value)
				}
			}
		}
		l.Code = k.Value
		if !langCodeOK(l.Code) {
			diags.Errorf(ConfigFile, k.Line, k.Column, "use the code of the file names, e.g. zh for name.zh.md", "invalid language code %q", l.Code)
			continue
		}
		out = append(out, l)
	}
	return out
}

func langCodeOK(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r == '-' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// withDefault puts the default language first and fills in what a
// language leaves out from the site-wide settings.
func withDefault(c Config, ls []Language, diags *diag.List) []Language {
	def := Language{Code: c.Language}
	var rest []Language
	found := false
	for _, l := range ls {
		if l.Code == c.Language {
			def, found = l, true
			continue
		}
		rest = append(rest, l)
	}
	if !found && len(ls) > 0 {
		diags.Warnf(ConfigFile, 1, 1, fmt.Sprintf("add %s: under languages", c.Language), "the default language %q is not among the languages", c.Language)
	}
	out := append([]Language{def}, rest...)
	for i := range out {
		l := &out[i]
		if l.Locale == "" {
			l.Locale = l.Code
		}
		if l.Name == "" {
			l.Name = l.Code
		}
		if l.Title == "" {
			l.Title = c.Title
		}
		if l.Description == "" {
			l.Description = c.Description
		}
	}
	return out
}
