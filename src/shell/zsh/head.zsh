#compdef up
# zsh completion for up. Install it as "_up" in a directory of $fpath
# (site-functions), or load it after compinit with
# `source <(up --completions zsh)`. Candidates are data: compadd and
# _describe take them as they are, nothing evaluates them.
