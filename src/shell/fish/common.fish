# The words after "up", the word under the cursor last and dequoted.
function __up_complete
    set -l words (commandline -opc)
    set -l cur (commandline -ct | string unescape)
    __up_files (__up_answer $words[2..-1] "$cur")
end

# The answer lines as they are, or for the app's words the file names
# that start with the word under the cursor.
function __up_files
    if contains -- \tfiles $argv
        __fish_complete_path (commandline -ct | string unescape)
    else
        string join \n -- $argv
    end
end

# nix run REF#up [--] WORD...: sets __up_nix_args to the words as up's own
# (with --flake REF first), or fails for any other nix command.
function __up_nix_words
    set -l w (commandline -opc)
    set -l n (count $w)
    set -l i 2
    while test $i -le $n; and string match -q -- '-*' $w[$i]
        set i (math $i + 1)
    end
    test $i -le $n; and test "$w[$i]" = run; or return 1
    set i (math $i + 1)
    while test $i -le $n; and string match -q -- '-*' $w[$i]
        set i (math $i + 1)
    end
    test $i -le $n; and string match -q -- '*#up' $w[$i]; or return 1
    set -l ref (string replace -r -- '#up$' '' $w[$i])
    test -n "$ref"; or set ref .
    set i (math $i + 1)
    if test $i -le $n; and test "$w[$i]" = --
        set i (math $i + 1)
    end
    set -g __up_nix_args --flake $ref $w[$i..-1]
end

# nix's own completion (_nix, from its nix.fish) answers for every other
# nix command; for nix run REF#up it is silenced, so only up's words show.
function __up_wrap_nix
    functions -q _nix; or return 0
    functions _nix | string match -q '*__up_nix_orig*'; and return 0
    functions -e __up_nix_orig
    functions -c _nix __up_nix_orig
    function _nix
        __up_nix_words; and return 0
        __up_nix_orig $argv
    end
end

function __up_nix_run_up
    __up_wrap_nix
    __up_nix_words
end

function __up_nix_complete
    __up_nix_words; or return 0
    set -l cur (commandline -ct | string unescape)
    __up_files (__up_answer $__up_nix_args "$cur")
end

# Fish loads nix's completion at the first nix TAB, and asks it before the
# hook below: load it now, so that it is wrapped from the first TAB on.
if not functions -q _nix
    for dir in $fish_complete_path
        if test -f $dir/nix.fish
            complete -C 'nix ' >/dev/null
            break
        end
    end
end
__up_wrap_nix
# -k: in up's order (the manifest's), not sorted again
complete -c nix -n __up_nix_run_up -k -f -a '(__up_nix_complete)'
complete -c up -k -f -a '(__up_complete)'
