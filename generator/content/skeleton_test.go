package content

import (
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/markdown"
)

// TestSkeletonsCoverKeys keeps the skeleton table and the keys a kind
// accepts in step: every key a skeleton writes is accepted, and every
// accepted key is written, except the seed form's date and extra, which
// published and url replace.
func TestSkeletonsCoverKeys(t *testing.T) {
	notWritten := map[string]bool{"sources/date": true, "sources/extra": true}
	for kind, ks := range keys {
		sk, ok := SkeletonOf(string(kind))
		if !ok {
			t.Errorf("no skeleton for %s", kind)
			continue
		}
		written := map[string]bool{}
		for _, k := range sk.Keys {
			written[k.Key] = true
		}
		for _, k := range ks {
			if !written[k] && !notWritten[string(kind)+"/"+k] {
				t.Errorf("the %s skeleton does not show %s", sk.Name, k)
			}
			delete(written, k)
		}
		for k := range written {
			t.Errorf("the %s skeleton shows %s, which %s do not accept", sk.Name, k, kind)
		}
	}
}

// TestSkeletonFilesParse parses each kind's new file: it has no
// unknown keys, and its required keys are set (its citations are
// checked against a site in the cli tests).
func TestSkeletonFilesParse(t *testing.T) {
	md := markdown.New()
	for _, sk := range Skeletons {
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
