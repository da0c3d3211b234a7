//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !dragonfly

package cli

// isTerminalFd reports whether fd is a terminal; here it never claims
// one, so output stays plain.
func isTerminalFd(fd uintptr) bool { return false }
