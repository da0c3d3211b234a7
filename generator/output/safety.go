package output

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// RefusedError is an output folder that Build will not write into,
// because doing so would destroy what is there: the site itself, a folder
// holding it, or files dossier did not write.
type RefusedError struct {
	Dir    string // as the user gave it
	Reason string
	Hint   string
}

func (e *RefusedError) Error() string {
	return fmt.Sprintf("refusing to build into %s: %s", e.Dir, e.Reason)
}

// CheckDestination decides whether a build may replace the folder out.
// Writing a site replaces the whole folder, so out may not be the site
// folder, a folder holding it (the file system's root included), or a
// folder inside its content/, templates/ or static/. A folder that exists
// and is not empty must be one dossier wrote (its manifest lies beside
// it), unless clean says the user means to replace it, as Hugo's
// --cleanDestinationDir does.
func CheckDestination(siteDir, out string, clean bool) error {
	if siteDir == "" {
		siteDir = "."
	}
	o, s := realAbs(out), realAbs(siteDir)
	refuse := func(reason, hint string) error { return &RefusedError{Dir: out, Reason: reason, Hint: hint} }
	outsideHint := "give an output folder of its own with -d, e.g. -d " + filepath.Join(siteDir, "public")
	switch {
	case filepath.Dir(o) == o:
		return refuse("it is the root of the file system", outsideHint)
	case o == s:
		return refuse("it is the site folder itself; building would replace content/, templates/ and static/", outsideHint)
	case within(o, s):
		return refuse("it holds the site folder ("+siteDir+"); building would replace the site", outsideHint)
	}
	for _, sub := range []string{"content", "templates", "static"} {
		if d := filepath.Join(s, sub); o == d || within(d, o) {
			return refuse("it is inside the site's "+sub+"/ folder, which the build reads", outsideHint)
		}
	}
	st, err := os.Lstat(out)
	if err != nil {
		return nil // a new folder
	}
	if !st.IsDir() {
		return refuse("it is not a folder", "remove it, or give another folder with -d")
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return FSError("read", out, err)
	}
	if len(entries) == 0 || clean {
		return nil
	}
	if _, err := os.Stat(manifestOf(out)); err == nil {
		return nil
	}
	return refuse(fmt.Sprintf("it is not empty and was not written by dossier (there is no %s beside it)", filepath.Base(manifestOf(out))),
		"building replaces everything in it; to do that, add --clean-destination-dir, or give an empty or new folder")
}

func manifestOf(out string) string {
	out = filepath.Clean(out)
	return filepath.Join(filepath.Dir(out), "."+filepath.Base(out)+".manifest")
}

// within reports whether p lies strictly inside dir.
func within(dir, p string) bool {
	r, err := filepath.Rel(dir, p)
	return err == nil && r != "." && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) && !filepath.IsAbs(r)
}

// realAbs is the absolute path with the symbolic links of its longest
// existing prefix resolved, so that a link cannot disguise the site.
func realAbs(p string) string {
	a, err := filepath.Abs(p)
	if err != nil {
		return filepath.Clean(p)
	}
	rest := ""
	for cur := a; ; {
		if r, err := filepath.EvalSymlinks(cur); err == nil {
			return filepath.Join(r, rest)
		}
		parent := filepath.Dir(cur)
		if parent == cur {
			return a
		}
		rest = filepath.Join(filepath.Base(cur), rest)
		cur = parent
	}
}

// FSError turns a file-system failure into a sentence for people:
// "cannot write public/: read-only file system", the path as the user
// knows it and the system's reason without the name of the system call.
func FSError(verb, path string, err error) error {
	return &fsError{verb: verb, path: path, err: err}
}

type fsError struct {
	verb, path string
	err        error
}

func (e *fsError) Unwrap() error { return e.err }

func (e *fsError) Error() string {
	return fmt.Sprintf("cannot %s %s: %s", e.verb, e.path, e.reason())
}

func (e *fsError) reason() string {
	var inner *fsError
	if errors.As(e.err, &inner) && inner != e {
		return inner.reason()
	}
	var pe *fs.PathError
	var le *os.LinkError
	var se *os.SyscallError
	switch {
	case errors.As(e.err, &pe):
		return pe.Err.Error()
	case errors.As(e.err, &le):
		return le.Err.Error()
	case errors.As(e.err, &se):
		return se.Err.Error()
	}
	return e.err.Error()
}
