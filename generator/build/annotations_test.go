package build_test

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/build"
	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

// annoTerms are the terms of the Web Annotation JSON-LD context
// (http://www.w3.org/ns/anno.jsonld) an exported collection may use,
// by the object they appear in. A key outside them would be dropped by
// a JSON-LD processor, so it is an error here.
var annoTerms = map[string][]string{
	"collection": {"@context", "id", "type", "label", "total", "first", "last"},
	"page":       {"id", "type", "startIndex", "items", "partOf", "next", "prev"},
	"annotation": {"id", "type", "motivation", "body", "target", "created", "modified", "creator"},
	"body":       {"id", "type", "value", "format", "language"},
	"target":     {"source", "selector"},
	"selector":   {"type", "exact", "prefix", "suffix"},
}

// checkTerms fails on keys of m that the context does not define for
// an object of this role, and on missing required ones.
func checkTerms(t *testing.T, role string, m map[string]any, required ...string) {
	t.Helper()
	allowed := map[string]bool{}
	for _, k := range annoTerms[role] {
		allowed[k] = true
	}
	for k := range m {
		if !allowed[k] {
			t.Errorf("%s has %q, not a term of the Web Annotation context for it", role, k)
		}
	}
	for _, k := range required {
		if _, ok := m[k]; !ok {
			t.Errorf("%s lacks %q", role, k)
		}
	}
}

func isIRI(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

// validateCollection checks a collection against the shape the Web
// Annotation data model requires, and returns its annotations.
func validateCollection(t *testing.T, data []byte) []map[string]any {
	t.Helper()
	var c map[string]any
	if err := json.Unmarshal(data, &c); err != nil {
		t.Fatal(err)
	}
	checkTerms(t, "collection", c, "@context", "id", "type", "total", "first")
	if c["@context"] != "http://www.w3.org/ns/anno.jsonld" || c["type"] != "AnnotationCollection" || !isIRI(c["id"].(string)) {
		t.Errorf("collection: @context %v, type %v, id %v", c["@context"], c["type"], c["id"])
	}
	page, _ := c["first"].(map[string]any)
	checkTerms(t, "page", page, "id", "type", "items")
	if page["type"] != "AnnotationPage" {
		t.Errorf("first is a %v, want an AnnotationPage", page["type"])
	}
	raw, _ := page["items"].([]any)
	if int(c["total"].(float64)) != len(raw) {
		t.Errorf("total %v, %d items", c["total"], len(raw))
	}
	var out []map[string]any
	for _, it := range raw {
		a := it.(map[string]any)
		checkTerms(t, "annotation", a, "id", "type", "body", "target")
		if a["type"] != "Annotation" || !isIRI(a["id"].(string)) {
			t.Errorf("annotation type %v id %v", a["type"], a["id"])
		}
		body := a["body"].(map[string]any)
		checkTerms(t, "body", body, "type", "value", "format")
		if body["type"] != "TextualBody" || body["format"] != "text/html" || body["value"] == "" {
			t.Errorf("body %v", body)
		}
		target := a["target"].(map[string]any)
		checkTerms(t, "target", target, "source", "selector")
		if !isIRI(target["source"].(string)) {
			t.Errorf("target.source %v is not an IRI", target["source"])
		}
		sel := target["selector"].(map[string]any)
		checkTerms(t, "selector", sel, "type", "exact")
		if sel["type"] != "TextQuoteSelector" || sel["exact"] == "" {
			t.Errorf("selector %v", sel)
		}
		out = append(out, a)
	}
	return out
}

func TestAnnotationsExportAsWebAnnotations(t *testing.T) {
	archive := strings.Replace(small, "kind: news-report\n", "kind: news-report\nurl: https://planet.example/paper\n", 1) + `
-- content/site.yaml --
title: Test Dossier
base_url: https://example.org/d/
languages:
  en:
    name: English
  zh:
    name: 中文
    locale: zh-Hans
-- content/annotations/in-summary.md --
---
source: paper
exact: 这是摘要
in: summary
type: context
---
A note on the summary.
`
	dir := sitetest.NewSite(t, archive)
	out := filepath.Join(dir, "public")
	if _, err := build.Build(build.Options{SiteDir: dir, OutDir: out}); err != nil {
		t.Fatal(err)
	}
	for _, file := range []string{"annotations.jsonld", "zh/annotations.jsonld"} {
		data, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Fatal(err)
		}
		as := validateCollection(t, data)
		if len(as) != 2 {
			t.Fatalf("%s: %d annotations, want 2", file, len(as))
		}
		byID := map[string]map[string]any{}
		for _, a := range as {
			byID[a["id"].(string)] = a
		}
		prefix := "https://example.org/d/"
		if strings.HasPrefix(file, "zh/") {
			prefix += "zh/"
		}
		a := byID[prefix+"annotations/first-program/"]
		if a == nil {
			t.Fatalf("%s: no first-program among %v", file, byID)
		}
		target := a["target"].(map[string]any)
		sel := target["selector"].(map[string]any)
		if target["source"] != "https://planet.example/paper" {
			t.Errorf("%s: target %v, want the article's URL", file, target["source"])
		}
		if sel["exact"] != "the first program" || sel["prefix"] != "bbage in London. Lovelace wrote " || sel["suffix"] != "." {
			t.Errorf("%s: selector %v", file, sel)
		}
		body := a["body"].(map[string]any)
		if !strings.Contains(body["value"].(string), `href="https://example.org/d/`) || !strings.Contains(body["value"].(string), "s friend.") {
			t.Errorf("%s: body %v", file, body["value"])
		}
		// A note on the summary targets the dossier's page: the summary
		// is not part of the article.
		s := byID[prefix+"annotations/in-summary/"]
		if s == nil || s["target"].(map[string]any)["source"] != prefix+"sources/paper/" {
			t.Errorf("%s: summary note %v", file, s)
		}
	}
}
