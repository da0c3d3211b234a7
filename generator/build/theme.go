package build

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"sort"

	dossier "github.com/dossier-ssg/dossier"
)

// SiteFS is what a site's templates, static files and interface strings
// are read from: the site folder first, then the default theme inside
// the binary, file by file, as Hugo looks up a site's layouts before
// its theme's. A site that has only content/ builds with the default
// theme; a site's templates/partials/cites.html replaces that one
// partial and keeps the others.
func SiteFS(siteDir string) *Overlay {
	return &Overlay{Layers: []Layer{{Name: "site", FS: os.DirFS(siteDir)}, {Name: "default theme", FS: dossier.Theme()}}}
}

// Layer is one file system of an Overlay, with a name for people.
type Layer struct {
	Name string
	FS   fs.FS
}

// Overlay is a read-only file system made of layers: a file is read from
// the first layer that has it, and a folder lists the files of every
// layer.
type Overlay struct {
	Layers []Layer
}

// Open opens name from the first layer that has it.
func (o *Overlay) Open(name string) (fs.File, error) {
	l, err := o.layer(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	f, err := l.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if st, err := f.Stat(); err == nil && st.IsDir() {
		es, err := o.ReadDir(name)
		if err != nil {
			f.Close()
			return nil, err
		}
		return &dirFile{File: f, entries: es}, nil
	}
	return f, nil
}

// dirFile is a folder of an Overlay: the upper layer's folder, listing
// the entries of every layer.
type dirFile struct {
	fs.File
	entries []fs.DirEntry
	off     int
}

// ReadDir lists the merged entries, as fs.ReadDirFile does.
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}

// Which returns the name of the layer name is read from ("site" or
// "default theme"), or "" when no layer has it.
func (o *Overlay) Which(name string) string {
	l, err := o.layer(name)
	if err != nil {
		return ""
	}
	return l.Name
}

func (o *Overlay) layer(name string) (Layer, error) {
	if !fs.ValidPath(name) {
		return Layer{}, fs.ErrInvalid
	}
	for _, l := range o.Layers {
		if _, err := fs.Stat(l.FS, name); err == nil {
			return l, nil
		} else if !errors.Is(err, fs.ErrNotExist) && !isNotDir(err) {
			return Layer{}, err
		}
	}
	return Layer{}, fs.ErrNotExist
}

// isNotDir reports an error from a path whose parent is a file (ENOTDIR
// from the site folder): the file is not in that layer.
func isNotDir(err error) bool {
	var pe *fs.PathError
	return errors.As(err, &pe) && pe.Err != nil && pe.Err.Error() == "not a directory"
}

// ReadDir lists a folder's entries over every layer, sorted by name; an
// entry of an upper layer hides the same name below.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	found := false
	for _, l := range o.Layers {
		es, err := fs.ReadDir(l.FS, name)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) || isNotDir(err) {
				continue
			}
			return nil, err
		}
		found = true
		for _, e := range es {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}
