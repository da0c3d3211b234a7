package output

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// TestReadFileAsOS holds ReadFile to os.ReadFile and os.Stat: the same
// bytes, size and time, for an empty, a small and a large file; a
// missing file does not exist; a folder is an error.
func TestReadFileAsOS(t *testing.T) {
	dir := t.TempDir()
	for name, data := range map[string][]byte{
		"empty.md": {},
		"small.md": []byte("---\ntitle: x\n---\nBody.\n"),
		"large.md": bytes.Repeat([]byte("A line of text, é 中文.\n"), 20000),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		got, size, mtime, err := ReadFile(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		st, _ := os.Stat(p)
		if !bytes.Equal(got, data) || size != st.Size() || mtime != st.ModTime().UnixNano() {
			t.Errorf("%s: read %d bytes (size %d, time %d), want %d (size %d, time %d)", name, len(got), size, mtime, len(data), st.Size(), st.ModTime().UnixNano())
		}
	}
	if _, _, _, err := ReadFile(filepath.Join(dir, "missing.md")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want it not to exist", err)
	}
	if _, _, _, err := ReadFile(dir); err == nil {
		t.Error("reading a folder: no error")
	}
	// A file whose size says nothing of its content (a kernel's, which
	// reports none) is read to its end, as a file that grows after it
	// was opened is.
	if want, err := os.ReadFile("/proc/self/maps"); err == nil && len(want) > 0 {
		if got, _, _, err := ReadFile("/proc/self/maps"); err != nil || len(got) == 0 {
			t.Errorf("/proc/self/maps: %d bytes, %v; os.ReadFile read %d", len(got), err, len(want))
		}
	}
}

// TestCreateFile writes a file anew and over a longer one, and returns
// the size and time the file system records.
func TestCreateFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "index.html")
	// The mode os.OpenFile gives, the process's umask applied.
	f, err := os.OpenFile(filepath.Join(dir, "probe"), os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	f.Close()
	probe, _ := os.Stat(filepath.Join(dir, "probe"))
	for _, data := range [][]byte{bytes.Repeat([]byte("long "), 1000), []byte("short")} {
		size, mtime, err := createFile(p, data)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := os.ReadFile(p)
		st, _ := os.Stat(p)
		if !bytes.Equal(got, data) || size != st.Size() || mtime != st.ModTime().UnixNano() || st.Mode().Perm() != probe.Mode().Perm() {
			t.Errorf("wrote %q (size %d, time %d, mode %v), want %q (size %d, time %d)", got, size, mtime, st.Mode(), data, st.Size(), st.ModTime().UnixNano())
		}
	}
	if _, _, err := createFile(filepath.Join(p, "below-a-file"), []byte("x")); err == nil {
		t.Error("creating a file below a file: no error")
	}
}
