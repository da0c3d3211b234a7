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
	Language    string `yaml:"language"`
	Author      string `yaml:"author"`
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
		known := []string{"title", "description", "base_url", "language", "author"}
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
		}
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			diags.Errorf(ConfigFile, 1, 1, "write a full URL such as https://example.org/dossier/", "base_url %q is not an absolute http(s) URL", c.BaseURL)
		}
	}
	return c
}
