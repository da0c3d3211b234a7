package build

// SetTogetherPages sets how many pages a one-shot build renders its
// languages at once for (togetherPages), until the returned func
// restores it: 0 makes every one-shot build render them in turn.
func SetTogetherPages(n int) (restore func()) {
	old := togetherPages
	togetherPages = n
	return func() { togetherPages = old }
}
