package cli

// newKinds are the kinds dossier new writes, by the singular names it
// takes on the command line.
func newKinds() []string {
	return []string{"page", "source", "person", "organization", "event", "claim", "quote", "annotation"}
}
