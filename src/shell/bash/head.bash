# bash completion for up                                   -*- shell-script -*-
# Load it with `source <(up --completions bash)`, or install it as "up" in
# bash-completion's completionsdir. Candidates are data: bash never
# expands them (COMPREPLY is set element by element).
