package output

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

func TestCheckDestination(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	for _, d := range []string{"content/people", "templates", "static", "empty-out"} {
		if err := os.MkdirAll(filepath.Join(site, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	foreign := filepath.Join(root, "foreign")
	ours := filepath.Join(root, "ours")
	for _, d := range []string{foreign, ours} {
		os.MkdirAll(d, 0o755)
		os.WriteFile(filepath.Join(d, "index.html"), []byte("x"), 0o644)
	}
	os.WriteFile(filepath.Join(root, ".ours.manifest"), []byte("{}"), 0o644)
	os.WriteFile(filepath.Join(root, "file"), []byte("x"), 0o644)
	os.Symlink(site, filepath.Join(root, "link-to-site"))
	for _, tc := range []struct {
		out    string
		clean  bool
		refuse string // "" when allowed
	}{
		{site, false, "the site folder itself"},
		{site + "/.", false, "the site folder itself"},
		{filepath.Join(root, "link-to-site"), true, "the site folder itself"},
		{root, true, "holds the site folder"},
		{"/", true, "root of the file system"},
		{filepath.Join(site, "content"), true, "inside the site's content/"},
		{filepath.Join(site, "content", "people", "out"), true, "inside the site's content/"},
		{filepath.Join(site, "templates", "x"), true, "inside the site's templates/"},
		{filepath.Join(site, "static"), true, "inside the site's static/"},
		{foreign, false, "not empty and was not written by dossier"},
		{filepath.Join(root, "file"), true, "not a folder"},
		{foreign, true, ""},
		{ours, false, ""},
		{filepath.Join(site, "public"), false, ""},
		{filepath.Join(site, "empty-out"), false, ""},
		{filepath.Join(root, "new", "deeper"), false, ""},
	} {
		err := CheckDestination(site, tc.out, tc.clean)
		var re *RefusedError
		switch {
		case tc.refuse == "" && err != nil:
			t.Errorf("%s (clean %v): refused: %v", tc.out, tc.clean, err)
		case tc.refuse != "" && (!errors.As(err, &re) || !strings.Contains(err.Error(), tc.refuse) || !strings.Contains(err.Error(), tc.out) || re.Hint == ""):
			t.Errorf("%s (clean %v): %v, want a refusal naming the folder: %q", tc.out, tc.clean, err, tc.refuse)
		}
	}
}

// TestWriteDiskFull fails the fourth file written, as a full disk does:
// the error is a sentence, the output folder is as it was, and nothing
// half-written is left beside it.
func TestWriteDiskFull(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	if err := Write(out, []File{{"index.html", []byte("old")}}); err != nil {
		t.Fatal(err)
	}
	var n atomic.Int32
	real := writeFile
	writeFile = func(p string, b []byte) (int64, int64, error) {
		if n.Add(1) > 3 {
			return 0, 0, &fs.PathError{Op: "write", Path: p, Err: syscall.ENOSPC}
		}
		return real(p, b)
	}
	defer func() { writeFile = real }()
	var files []File
	for _, name := range []string{"a", "b", "c", "d", "e", "f"} {
		files = append(files, File{name + "/index.html", []byte(strings.Repeat(name, 1000))})
	}
	err := Write(out, files)
	if err == nil || err.Error() != "cannot write "+out+"/: no space left on device" {
		t.Fatalf("error %v, want a sentence", err)
	}
	if b, err := os.ReadFile(filepath.Join(out, "index.html")); err != nil || string(b) != "old" {
		t.Errorf("the old site changed: %q %v", b, err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if strings.Join(names, " ") != ".public.manifest public" {
		t.Errorf("left beside the output: %v", names)
	}
}

func TestFSErrorSentence(t *testing.T) {
	err := FSError("write", "public/", &fs.PathError{Op: "mkdir", Path: "/x/.public.prev", Err: syscall.EROFS})
	if got := err.Error(); got != "cannot write public/: read-only file system" {
		t.Errorf("got %q", got)
	}
	if !errors.Is(err, syscall.EROFS) {
		t.Error("the cause is lost")
	}
}
