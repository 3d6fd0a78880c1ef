# fish completion for up. Load it with `up --completions fish | source`, or
# install it as up.fish in a directory of $fish_complete_path
# (vendor_completions.d). Candidates are data: they come out of a command
# substitution as lines and are never evaluated.
