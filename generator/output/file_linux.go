package output

import (
	"errors"
	"io"
	"io/fs"

	"golang.org/x/sys/unix"
)

// On Linux a file is opened, read or written, and closed with the
// system calls themselves. os.OpenFile offers every regular file to the
// runtime's poller, which refuses it: four fcntl calls and a failed
// epoll_ctl per file, 107,000 of a 10,000-page build's 300,000 system
// calls, and an os.File with a cleanup to run.

// createFile writes data into the file at p, created or emptied, and
// returns its size and modification time (one open, one write, one
// fstat, one close).
func createFile(p string, data []byte) (size, mtime int64, err error) {
	fd, err := retry(func() (int, error) {
		return unix.Open(p, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return 0, 0, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	for len(data) > 0 && err == nil {
		var n int
		if n, err = retry(func() (int, error) { return unix.Write(fd, data) }); err == nil {
			if n == 0 {
				err = io.ErrShortWrite // as os.File.Write: never loop on nothing written
			}
			data = data[n:]
		}
	}
	if err != nil {
		err = &fs.PathError{Op: "write", Path: p, Err: err}
	} else {
		var st unix.Stat_t
		if serr := unix.Fstat(fd, &st); serr != nil {
			err = &fs.PathError{Op: "stat", Path: p, Err: serr}
		} else {
			size, mtime = st.Size, st.Mtim.Nano()
		}
	}
	if cerr := unix.Close(fd); cerr != nil && err == nil {
		err = &fs.PathError{Op: "close", Path: p, Err: cerr}
	}
	return size, mtime, err
}

// ReadFile returns the content of the file at p, to its end as
// os.ReadFile does, and its size and modification time when it was
// opened (one open, one fstat, a read of that size and one that finds
// the end, one close). A folder is an error, as with os.ReadFile.
func ReadFile(p string) (data []byte, size, mtime int64, err error) {
	fd, err := retry(func() (int, error) { return unix.Open(p, unix.O_RDONLY|unix.O_CLOEXEC, 0) })
	if err != nil {
		return nil, 0, 0, &fs.PathError{Op: "open", Path: p, Err: err}
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return nil, 0, 0, &fs.PathError{Op: "stat", Path: p, Err: err}
	}
	if st.Mode&unix.S_IFMT == unix.S_IFDIR {
		return nil, 0, 0, &fs.PathError{Op: "read", Path: p, Err: unix.EISDIR}
	}
	data = make([]byte, 0, max(st.Size+1, 512)) // one byte more: the end is seen without growing
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := retry(func() (int, error) { return unix.Read(fd, data[len(data):cap(data)]) })
		if err != nil {
			return nil, 0, 0, &fs.PathError{Op: "read", Path: p, Err: err}
		}
		if n == 0 {
			break // the end, wherever it is now
		}
		data = data[:len(data)+n]
	}
	return data, st.Size, st.Mtim.Nano(), nil
}

// retry calls f again for as long as it is interrupted.
func retry(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if !errors.Is(err, unix.EINTR) {
			return n, err
		}
	}
}
