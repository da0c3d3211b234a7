//go:build !linux

package output

import (
	"io"
	"os"
)

// createFile writes data into the file at p, created or emptied, and
// returns its size and modification time.
func createFile(p string, data []byte) (size, mtime int64, err error) {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return 0, 0, err
	}
	_, err = f.Write(data)
	if err == nil {
		var st os.FileInfo
		if st, err = f.Stat(); err == nil {
			size, mtime = st.Size(), st.ModTime().UnixNano()
		}
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return size, mtime, err
}

// ReadFile returns the content of the file at p, and its size and
// modification time when it was opened.
func ReadFile(p string) (data []byte, size, mtime int64, err error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, 0, 0, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, 0, 0, err
	}
	if data, err = io.ReadAll(f); err != nil {
		return nil, 0, 0, err
	}
	return data, st.Size(), st.ModTime().UnixNano(), nil
}
