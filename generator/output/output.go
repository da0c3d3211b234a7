// Package output writes a built site to disk. The new site is written
// into a fresh folder beside the target and swapped in with renames, so
// a failed or interrupted build never leaves a half-written site, and
// files that no longer belong to the site are gone.
package output

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"

	"github.com/dossier-ssg/dossier/generator/internal/parallel"
)

// File is one output file: a slash path under the output folder.
type File struct {
	Path string
	Data []byte
}

// Write puts files in place as the folder out, atomically: the new site
// is written into a second folder beside out, .out.prev, then the two are
// swapped with renames. On any error, out is left exactly as it was. It
// is Begin, a Put of every file (in parallel) and Commit.
func Write(out string, files []File) error {
	for _, f := range files {
		if !localPath(f.Path) {
			return fmt.Errorf("refusing to write %q outside the output folder", f.Path)
		}
	}
	w, err := Begin(out)
	if err != nil {
		return err
	}
	errs := make([]error, len(files))
	parallel.For(len(files), func(i int) { errs[i] = w.Put(files[i]) })
	for _, err := range errs {
		if err != nil {
			// Whatever was half-written (a full disk, a read-only
			// folder) is removed, so a failed build does not leave the
			// disk full.
			w.Abort()
			return FSError("write", out+string(filepath.Separator), err)
		}
	}
	return w.Commit()
}

// A Writer puts a site in place as it is built, file by file, so that a
// build need not hold every page until the end; Commit swaps it in.
//
// The files go into a second folder beside out: the site of the build
// before last, kept with a manifest of what it holds (path, hash, size and
// time of each file). The writer updates it rather than writing a whole
// tree afresh: a file whose content is already there is kept, only files
// whose content differs are written, and Commit removes what was not put.
// Without a usable manifest (a first build) the spare starts empty and
// nothing is compared: each file costs one create and one write.
type Writer struct {
	out, spare, spareMan, outMan string
	man                          manifest // what the spare holds; nil when it started empty
	mu                           sync.Mutex
	next                         manifest // what it holds now
	dirs                         sync.Map // folders known to exist, by path
}

// Begin prepares to write a site into out.
func Begin(out string) (*Writer, error) {
	out = filepath.Clean(out)
	parent, base := filepath.Dir(out), filepath.Base(out)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, FSError("create", parent, err)
	}
	w := &Writer{out: out, spare: filepath.Join(parent, "."+base+".prev"), spareMan: filepath.Join(parent, "."+base+".prev.manifest"), outMan: filepath.Join(parent, "."+base+".manifest"), next: manifest{}}
	w.man = readManifest(w.spareMan)
	if w.man == nil {
		// No usable spare: start from an empty folder.
		if err := os.RemoveAll(w.spare); err != nil {
			return nil, FSError("remove", w.spare, err)
		}
	}
	// Invalidate the spare's manifest while it is being changed: an
	// interrupted update leaves a spare that the next build rebuilds.
	os.Remove(w.spareMan)
	if err := os.MkdirAll(w.spare, 0o755); err != nil {
		return nil, FSError("write", out+string(filepath.Separator), err)
	}
	w.dirs.Store(w.spare, true)
	return w, nil
}

// Put writes one file into the new site. It may be called from several
// goroutines at once; a file put twice keeps the last content.
func (w *Writer) Put(f File) error {
	if !localPath(f.Path) {
		return fmt.Errorf("refusing to write %q outside the output folder", f.Path)
	}
	p := filepath.Join(w.spare, filepath.FromSlash(f.Path))
	var hash string
	if w.man != nil {
		// Kept only if the manifest says it has this content and the file
		// on disk still has the size and time recorded.
		hash = hashOf(f.Data)
		if e, ok := w.man[f.Path]; ok && e.Hash == hash {
			if st, err := os.Lstat(p); err == nil && st.Mode().IsRegular() && st.Size() == e.Size && st.ModTime().UnixNano() == e.MTime {
				w.record(f.Path, e)
				return nil
			}
		}
		// Never write through a link that is in the way.
		if st, err := os.Lstat(p); err == nil && !st.Mode().IsRegular() {
			os.RemoveAll(p)
		}
	}
	if err := w.mkdirs(filepath.Dir(p)); err != nil {
		return fmt.Errorf("failed to create %q: %w", filepath.Dir(p), err)
	}
	size, mtime, err := writeFile(p, f.Data)
	if err != nil {
		return fmt.Errorf("failed to write %q: %w", f.Path, err)
	}
	if hash == "" {
		hash = hashOf(f.Data)
	}
	w.record(f.Path, entry{Hash: hash, Size: size, MTime: mtime})
	return nil
}

func (w *Writer) record(path string, e entry) {
	w.mu.Lock()
	w.next[path] = e
	w.mu.Unlock()
}

// mkdirs makes a folder and its parents, each with one system call the
// first time and none after (MkdirAll would stat each first).
func (w *Writer) mkdirs(dir string) error {
	if _, ok := w.dirs.Load(dir); ok {
		return nil
	}
	if err := w.mkdirs(filepath.Dir(dir)); err != nil {
		return err
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	if w.man != nil {
		// In a reused spare, a file or a link may stand where a folder
		// goes now (a fresh spare holds only what this build made).
		if st, err := os.Lstat(dir); err != nil || !st.IsDir() {
			os.RemoveAll(dir)
			if err := os.Mkdir(dir, 0o755); err != nil {
				return err
			}
		}
	}
	w.dirs.Store(dir, true)
	return nil
}

// Abort drops what was written: the output folder is as it was.
func (w *Writer) Abort() { os.RemoveAll(w.spare) }

// Commit removes what the new site does not hold and swaps it in: out
// becomes the spare, the spare becomes out. Where the system can
// exchange two folders in one step, out is never missing.
func (w *Writer) Commit() error {
	out, spare, parent := w.out, w.spare, filepath.Dir(w.out)
	base := filepath.Base(out)
	if w.man != nil {
		if err := removeStale(spare, w.next); err != nil {
			w.Abort()
			return FSError("write", out+string(filepath.Separator), err)
		}
	}
	hadOut := false
	if _, err := os.Lstat(out); err == nil {
		hadOut = true
	}
	swapped := hadOut && exchange(spare, out) == nil
	if !swapped {
		swap := filepath.Join(parent, "."+base+".swap")
		os.RemoveAll(swap)
		if hadOut {
			if err := os.Rename(out, swap); err != nil {
				os.RemoveAll(spare)
				return FSError("move the previous site aside from", out, err)
			}
		}
		if err := os.Rename(spare, out); err != nil {
			if hadOut {
				_ = os.Rename(swap, out)
			}
			os.RemoveAll(spare)
			return FSError("put the new site in place at", out, err)
		}
		if hadOut {
			if err := os.Rename(swap, spare); err != nil {
				os.RemoveAll(swap)
			}
		}
	}
	if hadOut {
		// The old site is the spare now, and its manifest goes with it
		// as it is, not read and written again (a 10,000-page site's is
		// 1 MB of JSON): Begin reads it, and trusts a spare only if it is
		// there and whole.
		if err := os.Rename(w.outMan, w.spareMan); err != nil {
			// The old site was not ours (or its manifest is gone): it
			// cannot be trusted as a spare.
			_ = os.RemoveAll(spare)
		}
	}
	if err := writeManifest(w.outMan, w.next); err != nil {
		return FSError("write", w.outMan, err)
	}
	return nil
}

// removeStale removes from dir every file the new site does not hold,
// then the folders left empty.
func removeStale(dir string, keep manifest) error {
	var stale []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || p == dir {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		if _, ok := keep[filepath.ToSlash(rel)]; !d.IsDir() && !ok {
			stale = append(stale, p)
		}
		return nil
	})
	for _, p := range stale {
		if err := os.Remove(p); err != nil {
			return fmt.Errorf("failed to remove %q: %w", p, err)
		}
	}
	removeEmptyDirs(dir)
	return nil
}

// writeFile writes one output file and returns its size and time as
// the file system records them (createFile); tests replace it to fail
// as a full disk does.
var writeFile = createFile

// localPath reports whether a slash path stays inside the folder.
func localPath(p string) bool {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") {
		return false
	}
	for _, seg := range strings.Split(p, "/") {
		if seg == ".." || seg == "." || seg == "" {
			return false
		}
	}
	return true
}

// entry is what the manifest knows of one file.
type entry struct {
	Hash  string `json:"h"`
	Size  int64  `json:"s"`
	MTime int64  `json:"t"`
}

type manifest map[string]entry

func readManifest(p string) manifest {
	b, err := os.ReadFile(p)
	if err != nil {
		return nil
	}
	var m manifest
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

func writeManifest(p string, m manifest) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return os.WriteFile(p, b, 0o644)
}

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:16])
}

// removeEmptyDirs removes the empty folders under dir, deepest first.
func removeEmptyDirs(dir string) {
	var dirs []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.IsDir() && p != dir {
			dirs = append(dirs, p)
		}
		return nil
	})
	for i := len(dirs) - 1; i >= 0; i-- {
		os.Remove(dirs[i]) // fails, harmlessly, when not empty
	}
}

// ReadTree reads every regular file under dir, skipping dot files and
// folders, as slash paths relative to dir. Symlinks are not followed.
//
// Only regular files are read: symbolic links are skipped, so nothing
// outside the folder can end up in the site.
func ReadTree(fsys fs.FS, dir string) ([]File, error) {
	var files []File
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipDir
			}
			return err
		}
		name := d.Name()
		if p != dir && IgnoredName(name) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, File{Path: strings.TrimPrefix(p, dir+"/"), Data: b})
		return nil
	})
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return files, err
}

var swapRe = regexp.MustCompile(`\.sw[a-p]$`)

// IgnoredName reports whether a file name is an editor's temporary,
// backup or lock file, or hidden: vim's .x.swp (and .swo …) and 4913
// probe, emacs's #x# and .#x locks and x~ backups, JetBrains'
// x___jb_tmp___, Kate's .kate-swp, and the .x.tmp files of atomic saves.
func IgnoredName(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "#") || strings.HasSuffix(name, "~") ||
		swapRe.MatchString(name) || strings.HasSuffix(name, ".tmp") || strings.HasSuffix(name, ".kate-swp") ||
		strings.HasSuffix(name, "___jb_tmp___") || strings.HasSuffix(name, "___jb_old___") ||
		strings.HasSuffix(name, ".crdownload") || strings.HasSuffix(name, ".part") || name == "4913"
}
