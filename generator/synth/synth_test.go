package synth

import (
	"strings"
	"testing"
)

func TestPlain(t *testing.T) {
	files := Parse(Plain(50))
	if len(files) != 50 {
		t.Fatalf("Plain(50) has %d files, want 50", len(files))
	}
	if _, ok := files["content/_index.md"]; !ok {
		t.Fatal("Plain(50) has no home page")
	}
	post := files["content/sources/post7.md"]
	for _, want := range []string{"title: \"Post 7: notes on topic 7\"\n", "date: \"2022-08-08\"\n", "## What came of it\n", "*emphasis*"} {
		if !strings.Contains(post, want) {
			t.Errorf("post7 lacks %q:\n%s", want, post)
		}
	}
	for name, body := range files {
		for _, dossierOnly := range []string{"[@", "[[", "citations:", "Person"} {
			if strings.Contains(body, dossierOnly) {
				t.Errorf("%s has dossier-only syntax %q", name, dossierOnly)
			}
		}
	}
}

func TestArchiveUnchanged(t *testing.T) {
	files := Parse(Archive(1000))
	if len(files) != 1001 {
		t.Fatalf("Archive(1000) has %d files, want 1001 (home, 101 sources, 200 people, 699 events)", len(files))
	}
	want := "---\ntitle: Event 5\ndate: \"2020-01-06\"\nparticipants: [p5]\ncitations:\n  - source: s5\n    quote: \"who met in city 5-5.\"\n---\nSomething happened.[@s5: Paragraph 5 of source 5 mentions]\n"
	if got := files["content/events/e5.md"]; got != want {
		t.Errorf("events/e5.md changed:\n%s", got)
	}
}

func TestParse(t *testing.T) {
	got := Parse("prelude\n-- a.md --\none\n--   --\nlost\n-- b.md --\ntwo\n-- a.md --\nthree")
	want := map[string]string{"a.md": "three\n", "b.md": "two\n"}
	if len(got) != len(want) {
		t.Fatalf("Parse = %q, want %q", got, want)
	}
	for name, body := range want {
		if got[name] != body {
			t.Errorf("Parse[%q] = %q, want %q", name, got[name], body)
		}
	}
}
