# fish completion for up. Load it with `up --completions fish | source`, or
# install it as up.fish in a directory of $fish_complete_path
# (vendor_completions.d). Candidates are data: they come out of a command
# substitution as lines and are never evaluated.

# Static: the names of the manifest hls-origin are embedded below, so no up
# runs at TAB time. Regenerate with up --completions fish --static.
set -g __up_opt_lines \
    '-n	resolve and check, print the command, run nothing' \
    '--dry-run	resolve and check, print the command, run nothing' \
    '-y	never prompt: missing choices come from the defaults' \
    '--yes	never prompt: missing choices come from the defaults' \
    '-i	show the menu even when PROFILE is given' \
    '--interactive	show the menu even when PROFILE is given' \
    '--json	JSON output of --dry-run, --list, --show, --doctor' \
    '-l	every target (of PROFILE), its app, whether it runs here' \
    '--list	every target (of PROFILE), its app, whether it runs here' \
    '--flake	the flake to read and run (env UP_FLAKE)' \
    '--attr	the manifest attribute (default upManifest)' \
    '--show	what PROFILE [TYPE] is, and whether it runs here' \
    '--doctor	check all a run needs, one line each, with fixes' \
    '--matrix	the CI matrix of every target and system, as JSON' \
    '--init	draft a manifest from the apps of a flake without one' \
    '--write	with --init: write it to profiles/default.nix' \
    '--completions	print a completion script for bash, zsh or fish' \
    '--static	with --completions: embed this flake\'s names' \
    '--no-cache	neither read nor write the manifest cache' \
    '--refresh	evaluate afresh and rewrite the cache entry' \
    '-h	show this help and exit' \
    '--help	show this help and exit' \
    '-V	show the version and exit' \
    '--version	show the version and exit'
set -g __up_value_opts \
    '--flake' \
    '--attr' \
    '--completions'
set -g __up_profile_lines \
    '4k-abr	Multi-bitrate 4K: 2160p, 1440p and 720p variants' \
    'default	2 s segments, 720p' \
    'low-latency	1 s segments, 720p' \
    'stress-test	Many parallel renditions (12 variants from 480p down)'
set -g __up_profile_types \
    '1 2 3' \
    '1 2 3' \
    '2 3' \
    '2 1'
set -g __up_profile_aliases \
    '' \
    '' \
    '' \
    ''
set -g __up_type_lines \
    'container	OCI image run with podman or docker' \
    'runner	Local process: ffmpeg and an HTTP server on this machine' \
    'vm	NixOS VM under QEMU'

# The unique long option a word names (prefixes count, as up takes them):
# its index in __up_opt_lines.
function __up_option
    set -l hit 0
    set -l many 0
    set -l n (string length -- $argv[1])
    for i in (seq (count $__up_opt_lines))
        set -l name (string split -m1 \t -- $__up_opt_lines[$i])[1]
        if test "$name" = "$argv[1]"
            echo $i
            return 0
        end
        set -l start (string sub -l $n -- $name)
        test "$start" = "$argv[1]"; or continue
        if test $hit -gt 0
            set many 1
        else
            set hit $i
        end
    end
    test $hit -gt 0 -a $many -eq 0; and echo $hit
end

# The name of the option word $argv[1] names, if it takes a value.
function __up_value_option
    set -l i (__up_option $argv[1]); or return
    set -l name (string split -m1 \t -- $__up_opt_lines[$i])[1]
    contains -- $name $__up_value_opts; and echo $name
end

# The lines of $argv[2..] whose names start with $argv[1].
function __up_starting
    set -l re '^'(string escape --style=regex -- "$argv[1]")
    string match -re -- $re $argv[2..-1]
end

# The values of option $argv[1] that start with $argv[3], each after the
# text $argv[2].
function __up_value
    switch $argv[1]
        case --flake
            # the word as typed (escaped, a leading ~ kept) for fish's own
            # directory completion
            set -l typed (string escape --no-quoted -- "$argv[3]" | string replace -r -- '^\\\\~' '~')
            for d in (__fish_complete_directories "$typed")
                set -l path (string split -m1 \t -- $d)[1]
                printf '%s%s\tdirectory\n' "$argv[2]" "$path"
            end
        case --completions
            for s in bash zsh fish
                string match -q -- "$argv[3]*" $s
                and printf '%s%s\tcompletion script for %s\n' "$argv[2]" $s $s
            end
    end
end

# The answers for the words after "up" (the last one is the word under the
# cursor): one "NAME<TAB>DESCRIPTION" a line, from the names above.
function __up_answer
    set -l n (count $argv)
    set -l cur $argv[$n]
    set -l done 0
    set -l pos 0
    set -l profile
    set -l i 1
    while test $i -lt $n
        set -l w $argv[$i]
        if test $done -eq 0
            if test "$w" = --
                set done 1
                set i (math $i + 1)
                continue
            end
            if string match -qr -- '^-.' $w
                if string match -qr -- '^--[^=]*$' $w; and set -l opt (__up_value_option $w)
                    if test (math $i + 1) -eq $n
                        __up_value $opt '' "$cur"
                        return
                    end
                    set i (math $i + 1)
                end
                set i (math $i + 1)
                continue
            end
            set done 1
        else if test "$w" = --
            set pos 2
            set i (math $i + 1)
            continue
        end
        set pos (math $pos + 1)
        set i (math $i + 1)
        test $pos -eq 1; and set profile $w
    end
    if test $done -eq 0; and string match -q -- '-*' "$cur"
        if string match -qr -- '^--[^=]*=' "$cur"
            set -l name (string split -m1 = -- "$cur")
            set -l opt (__up_value_option $name[1]); or return 0
            __up_value $opt "$name[1]=" "$name[2]"
            return 0
        end
        __up_starting "$cur" $__up_opt_lines
    else if test $pos -eq 0
        # by name; when no name starts with the word, by alias (fish keeps
        # only what starts with the word: the alias, its profile named)
        __up_starting "$cur" $__up_profile_lines; and return 0
        for i in (seq (count $__up_profile_lines))
            set -l p (string split -m1 \t -- $__up_profile_lines[$i])
            for a in (string split -n ' ' -- $__up_profile_aliases[$i])
                __up_starting "$cur" $a >/dev/null; or continue
                printf '%s\t= %s: %s\n' $a $p[1] $p[2]
            end
        end
    else if test $pos -eq 1
        for i in (seq (count $__up_profile_lines))
            set -l name (string split -m1 \t -- $__up_profile_lines[$i])[1]
            test "$name" = "$profile"
            or contains -- "$profile" (string split -n ' ' -- $__up_profile_aliases[$i])
            or continue
            # no types: an app of a flake without a manifest, then its words
            test -n "$__up_profile_types[$i]"; or printf '\tfiles\n'
            for t in (string split -n ' ' -- $__up_profile_types[$i])
                __up_starting "$cur" $__up_type_lines[$t]
            end
            return 0
        end
    else
        printf '\tfiles\n'
    end
    return 0
end

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
