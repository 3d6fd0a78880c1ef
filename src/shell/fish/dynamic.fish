# The answers for the words after "up" (the last one is the word under the
# cursor): one "NAME<TAB>DESCRIPTION" a line, asked of up at TAB time: the
# up that printed this script while it is there (it may be one that only
# `nix run .#up` reaches), else the up on PATH. Fish keeps only what
# starts with the word: a profile found by an alias comes as the alias.
function __up_answer
    set -l self $__up_self[1]
    if test -n "$self" -a -x "$self"
        UP_COMPLETE_ALIASES=1 $self --complete -- $argv 2>/dev/null
    else
        UP_COMPLETE_ALIASES=1 command up --complete -- $argv 2>/dev/null
    end
end
