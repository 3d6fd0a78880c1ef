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
