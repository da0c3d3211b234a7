package content

import (
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/markdown"
)

// TestSkeletonsCoverKeys: every key a kind accepts is written by dossier
// new, except the hidden ones (the seed form's date and extra, which
// published and url replace), and each is written once.
func TestSkeletonsCoverKeys(t *testing.T) {
	for _, sp := range Specs() {
		sk, ok := SkeletonOf(string(sp.Kind))
		if !ok {
			t.Errorf("no skeleton for %s", sp.Kind)
			continue
		}
		written := map[string]int{}
		for _, k := range sk.Keys {
			written[k.Name]++
			if k.Example == "" || k.Comment == "" {
				t.Errorf("the %s skeleton writes %s without an example and a comment", sk.Name, k.Name)
			}
		}
		for _, k := range sp.AllKeys() {
			if written[k.Name] != 1 && !k.Hidden {
				t.Errorf("the %s skeleton writes %s %d times", sk.Name, k.Name, written[k.Name])
			}
			if k.Hidden && written[k.Name] > 0 {
				t.Errorf("the %s skeleton writes the hidden key %s", sk.Name, k.Name)
			}
		}
	}
}

// TestSkeletonFilesParse parses each kind's new file: it has no
// unknown keys, and its required keys are set (its citations are
// checked against a site in the cli tests).
func TestSkeletonFilesParse(t *testing.T) {
	md := markdown.New()
	for _, sk := range Skeletons() {
		rel := string(sk.Kind) + "/x.md"
		if sk.Kind == KindPage {
			rel = "x.md"
		}
		vars := map[string]string{"title": "X", "source": "s", "source2": "t", "quote": "some words", "quote2": "other words", "person": "p"}
		d := Parse(md, rel, sk.File(vars))
		if len(d.Diags) > 0 {
			t.Errorf("%s:\n%s\n%s", sk.Name, d.Diags.String(), sk.File(vars))
		}
		if strings.Contains(string(sk.File(vars)), "{{") {
			t.Errorf("%s: a placeholder is left", sk.Name)
		}
	}
}
