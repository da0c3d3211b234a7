package content

import (
	"strings"
)

// Skeleton is what a new file of one kind looks like: the keys dossier
// new and dossier init write, with an example value and a comment saying
// what each is for (hidden keys left out), and the body.
type Skeleton struct {
	Kind  Kind
	Name  string // the singular name dossier new takes: person, event…
	About string // one line on what the kind is for
	Keys  []Key
	Body  string
}

// citation is a list of one citation of the site's first source.
const citation = `
  - source: {{source}}
    quote: "{{quote}}"
    # prefix: "words just before"  # only to single out one of several places
    # suffix: "words just after"`

// versions are two sources' versions of one fact.
const versions = `
  - source: {{source}}
    value: "what this source says, in a few words"
    quote: "{{quote}}"
    note: "optional: how this source says it"
  - source: {{source2}}
    value: "what this source says, in a few words"
    quote: "{{quote2}}"`

// Skeletons lists every kind's skeleton, in the order dossier new lists
// the kinds.
func Skeletons() []Skeleton {
	var out []Skeleton
	for _, s := range registry {
		sk := Skeleton{Kind: s.Kind, Name: s.Name, About: s.About, Body: s.Body}
		for _, k := range s.AllKeys() {
			if !k.Hidden {
				sk.Keys = append(sk.Keys, k)
			}
		}
		out = append(out, sk)
	}
	return out
}

// SkeletonOf returns the skeleton of a kind by its singular name
// (person) or folder (people).
func SkeletonOf(name string) (Skeleton, bool) {
	for _, s := range Skeletons() {
		if s.Name == name || string(s.Kind) == name {
			return s, true
		}
	}
	return Skeleton{}, false
}

// File writes a new file of the kind: required keys with their example
// values, optional ones commented out, each with its comment, then the
// body. vars fill the {{…}} placeholders.
func (sk Skeleton) File(vars map[string]string) []byte {
	var pairs []string
	for k, v := range vars {
		pairs = append(pairs, "{{"+k+"}}", v)
	}
	fill := strings.NewReplacer(pairs...).Replace
	var b strings.Builder
	b.WriteString("---\n")
	b.WriteString("# " + strings.ToUpper(sk.Name[:1]) + sk.Name[1:] + ": " + sk.About + ".\n")
	b.WriteString("# Keys marked required must be filled in; remove the # before an\n# optional key to use it.\n")
	for _, k := range sk.Keys {
		need := "optional"
		if k.Required {
			need = "required"
		}
		b.WriteString("\n# " + k.Name + " (" + need + "): " + k.Comment + "\n")
		ex := fill(k.Example)
		sep := " "
		if strings.HasPrefix(ex, "\n") {
			sep = ""
		}
		for i, line := range strings.Split(k.Name+":"+sep+ex, "\n") {
			if !k.Required && !strings.HasPrefix(strings.TrimSpace(line), "#") {
				line = "# " + line
			}
			if i > 0 || line != "" {
				b.WriteString(line + "\n")
			}
		}
	}
	b.WriteString("---\n")
	b.WriteString(fill(sk.Body))
	return []byte(b.String())
}
