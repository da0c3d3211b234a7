package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dossier-ssg/dossier/generator/internal/sitetest"
)

func run(args ...string) (int, string, string) {
	var out, errb bytes.Buffer
	code := Run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{[]string{"build", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"check", "extra"}, 2, `unexpected argument "extra"`},
		{[]string{}, 2, "Usage:"},
	} {
		code, _, stderr := run(tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want exit %d with %q", tc.args, code, stderr, tc.code, tc.want)
		}
	}
	for _, args := range [][]string{{"--help"}, {"build", "-h"}, {"check", "--help"}} {
		if code, stdout, _ := run(args...); code != 0 || !strings.Contains(stdout, "Usage") {
			t.Errorf("%v: exit %d, stdout %q", args, code, stdout)
		}
	}
	if code, stdout, _ := run("version"); code != 0 || !strings.HasPrefix(stdout, "dossier ") {
		t.Errorf("version: %d %q", code, stdout)
	}
}

func TestBuildAndCheck(t *testing.T) {
	dir := sitetest.NewSite(t, `
-- content/_index.md --
---
title: Home
---
Hello.
`)
	code, stdout, stderr := run("check", "-s", dir)
	if code != 0 || !strings.HasPrefix(stdout, "ok: ") {
		t.Fatalf("check: %d %q %q", code, stdout, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("check wrote public/")
	}
	code, stdout, stderr = run("build", "-s", dir)
	if code != 0 || !strings.Contains(stdout, "pages and") || !strings.Contains(stdout, " ms") {
		t.Fatalf("build: %d %q %q", code, stdout, stderr)
	}
	sitetest.Write(t, dir, "-- content/people/x.md --\n---\nname: [\n---\n")
	code, _, stderr = run("build", "-s", dir)
	if code != 1 || !strings.Contains(stderr, "content/people/x.md:") || !strings.Contains(stderr, "nothing was written") {
		t.Fatalf("bad build: %d %q", code, stderr)
	}
}
