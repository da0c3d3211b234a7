package build

// SetTogetherDocs sets how many documents a one-shot build renders its
// languages at once for (togetherDocs), until the returned func restores
// it: 0 makes every one-shot build render them in turn.
func SetTogetherDocs(n int) (restore func()) {
	old := togetherDocs
	togetherDocs = n
	return func() { togetherDocs = old }
}
