package i18n

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, name, src string) {
	t.Helper()
	p := filepath.Join(dir, Dir, name)
	os.MkdirAll(filepath.Dir(p), 0o755)
	if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestStrings(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "en.yaml", "nav.home: Home\nnav.people: People\ncount.notes:\n  one: \"{n} note\"\n  other: \"{n} notes\"\nhello: Hello {name}\n")
	write(t, dir, "zh.yaml", "nav.home: 首页\ncount.notes:\n  other: \"{n} 条注释\"\nnav.peple: 人物\n")
	ui, diags := Load(os.DirFS(dir), []string{"en", "zh"})
	en, zh := ui["en"], ui["zh"]
	for _, tc := range []struct{ got, want string }{
		{must(en.N("count.notes", 1)), "1 note"},
		{must(en.N("count.notes", 0)), "0 notes"},
		{must(en.N("count.notes", 2)), "2 notes"},
		{must(zh.N("count.notes", 1)), "1 条注释"},
		{must(zh.T("nav.home")), "首页"},
		{must(zh.T("nav.people")), "People"}, // falls back to English
		{must(en.F("hello", "name", "Ada")), "Hello Ada"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
	if _, err := zh.T("nav.nope"); err == nil || !strings.Contains(err.Error(), `unknown interface string "nav.nope"`) {
		t.Errorf("unknown key: %v", err)
	}
	got := diags.String()
	for _, want := range []string{
		"content/i18n/zh.yaml:1:1: warning: 2 interface string(s) not translated: hello, nav.people",
		`content/i18n/zh.yaml:4:1: warning: "nav.peple" is not a key of content/i18n/en.yaml`,
		`did you mean "nav.people"?`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if diags.HasErrors() {
		t.Errorf("errors: %s", got)
	}
}

func TestStringErrors(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, "en.yaml", "a: A\nb:\n  one: x\nc: [1]\nd:\n  uno: x\n  other: y\n")
	_, diags := Load(os.DirFS(dir), []string{"en", "zh"})
	got := diags.String()
	for _, want := range []string{
		`content/i18n/en.yaml:2:1: "b" has no other: form`,
		`content/i18n/en.yaml:4:4: "c" must be text`,
		`content/i18n/en.yaml:6:3: unknown plural form "uno"`,
		"content/i18n/zh.yaml: warning: no interface strings for zh",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
}

func must(s string, err error) string {
	if err != nil {
		return "error: " + err.Error()
	}
	return s
}
