package site

import (
	"fmt"
	"net/url"
	"strings"

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

// ParseConfig reads site.yaml; a missing file means the defaults.
func ParseConfig(src []byte, diags *diag.List) Config {
	c := NewConfig()
	if src == nil {
		c.Languages = withDefault(c, nil, diags)
		return c
	}
	var n yaml.Node
	if err := yaml.Unmarshal(src, &n); err != nil {
		line := 1
		fmt.Sscanf(strings.TrimPrefix(err.Error(), "yaml: "), "line %d:", &line)
		diags.Errorf(ConfigFile, line, 1, "check the indentation and quoting", "invalid site config: %v", strings.TrimPrefix(err.Error(), "yaml: "))
		return c
	}
	if err := n.Decode(&c); err != nil {
		diags.Errorf(ConfigFile, 1, 1, "each setting is text", "invalid site config: %v", err)
		return c
	}
	if len(n.Content) > 0 && n.Content[0].Kind == yaml.MappingNode {
		m := n.Content[0]
		known := []string{"title", "description", "base_url", "language", "author", "languages"}
		for i := 0; i+1 < len(m.Content); i += 2 {
			k := m.Content[i]
			ok := false
			for _, x := range known {
				ok = ok || x == k.Value
			}
			if !ok {
				hint := "it is ignored"
				if s := diag.Suggest(k.Value, known); s != "" {
					hint = fmt.Sprintf("did you mean %q?", s)
				}
				diags.Warnf(ConfigFile, k.Line, k.Column, hint, "unknown setting %q", k.Value)
			}
			if k.Value == "languages" {
				c.Languages = parseLanguages(m.Content[i+1], diags)
			}
		}
	}
	c.Languages = withDefault(c, c.Languages, diags)
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			diags.Errorf(ConfigFile, 1, 1, "write a full URL such as https://example.org/dossier/", "base_url %q is not an absolute http(s) URL", c.BaseURL)
		}
	}
	return c
}

// parseLanguages reads the languages map, in the order written.
func parseLanguages(n *yaml.Node, diags *diag.List) []Language {
	if n.Kind != yaml.MappingNode {
		diags.Errorf(ConfigFile, n.Line, n.Column, "write one key per language code, e.g.\n  zh:\n    name: 中文\n    locale: zh-Hans", "languages must be a map of language codes")
		return nil
	}
	var out []Language
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
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
