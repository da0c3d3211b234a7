package cli

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// flagNames lists a command's flags as a shell completes them.
func flagNames(name string) []string {
	var out []string
	for _, c := range commands() {
		if c.name != name || c.run == nil {
			continue
		}
		// Ask the command for its flags: -h prints them, so run it with
		// a discarded help and read the flag set it builds instead.
		fs := flagSetOf(c)
		fs.VisitAll(func(f *flag.Flag) {
			if len(f.Name) == 1 {
				out = append(out, "-"+f.Name)
			} else {
				out = append(out, "--"+f.Name)
			}
		})
	}
	sort.Strings(out)
	return out
}

// flagSetOf runs a command with -h into a recorder that keeps the flag
// set the command defines, so completion never repeats the flag lists.
func flagSetOf(c command) *flag.FlagSet {
	rec := &flagRecorder{}
	recordFlags = rec
	defer func() { recordFlags = nil }()
	c.run([]string{"-h"}, io.Discard, io.Discard)
	if rec.fs == nil {
		return flag.NewFlagSet(c.name, flag.ContinueOnError)
	}
	return rec.fs
}

type flagRecorder struct{ fs *flag.FlagSet }

// recordFlags, when set, receives the flag set a command parses.
var recordFlags *flagRecorder

func runCompletion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("completion", "completion bash|zsh|fish", stderr)
	if code, ok := parseArgs(fs, args, stdout, 1, 1); !ok {
		return code
	}
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	kinds := strings.Join(newKinds(), " ")
	switch shell := fs.Arg(0); shell {
	case "bash":
		fmt.Fprintf(stdout, "# dossier completion for bash: add to ~/.bashrc\n#   source <(dossier completion bash)\n_dossier() {\n  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n  if [ \"$COMP_CWORD\" -eq 1 ]; then\n    COMPREPLY=($(compgen -W %q -- \"$cur\")); return\n  fi\n  case $prev in\n    -s|-d|--from) COMPREPLY=($(compgen -d -- \"$cur\")); return;;\n  esac\n  case ${COMP_WORDS[1]} in\n", strings.Join(names, " "))
		for _, n := range names {
			words := strings.Join(flagNames(n), " ")
			switch n {
			case "new":
				words += " " + kinds
			case "completion":
				words = "bash zsh fish"
			case "help":
				words = strings.Join(names, " ")
			}
			fmt.Fprintf(stdout, "    %s) COMPREPLY=($(compgen -W %q -- \"$cur\"));;\n", n, strings.TrimSpace(words))
		}
		fmt.Fprint(stdout, "  esac\n}\ncomplete -o default -F _dossier dossier\n")
	case "zsh":
		fmt.Fprint(stdout, "#compdef dossier\n# dossier completion for zsh: save as _dossier in a folder of $fpath, or\n#   source <(dossier completion zsh)\n_dossier() {\n  local -a cmds\n  cmds=(\n")
		for _, c := range commands() {
			fmt.Fprintf(stdout, "    %q\n", c.name+":"+c.summary)
		}
		fmt.Fprint(stdout, "  )\n  if (( CURRENT == 2 )); then\n    _describe command cmds; return\n  fi\n  case ${words[2]} in\n")
		for _, n := range names {
			words := strings.Join(flagNames(n), " ")
			switch n {
			case "new":
				words += " " + kinds
			case "completion":
				words = "bash zsh fish"
			case "help":
				words = strings.Join(names, " ")
			}
			fmt.Fprintf(stdout, "    %s) compadd -- %s; _files;;\n", n, strings.TrimSpace(words))
		}
		fmt.Fprint(stdout, "  esac\n}\ncompdef _dossier dossier\n")
	case "fish":
		fmt.Fprint(stdout, "# dossier completion for fish: dossier completion fish > ~/.config/fish/completions/dossier.fish\ncomplete -c dossier -f\n")
		for _, c := range commands() {
			fmt.Fprintf(stdout, "complete -c dossier -n __fish_use_subcommand -a %s -d %q\n", c.name, c.summary)
		}
		for _, n := range names {
			for _, f := range flagNames(n) {
				opt := "-l " + strings.TrimPrefix(f, "--")
				if !strings.HasPrefix(f, "--") {
					opt = "-s " + strings.TrimPrefix(f, "-")
				}
				fmt.Fprintf(stdout, "complete -c dossier -n '__fish_seen_subcommand_from %s' %s\n", n, opt)
			}
		}
		fmt.Fprintf(stdout, "complete -c dossier -n '__fish_seen_subcommand_from new' -a %q\n", kinds)
		fmt.Fprint(stdout, "complete -c dossier -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	default:
		fmt.Fprintf(stderr, "dossier completion: unknown shell %q: use bash, zsh or fish\n", shell)
		return 2
	}
	return 0
}
