# bash completion for up                                   -*- shell-script -*-
# Load it with `source <(up --completions bash)`, or install it as "up" in
# bash-completion's completionsdir. Candidates are data: bash never
# expands them (COMPREPLY is set element by element).

# Static: the names of the manifest hls-origin are embedded below, so no up
# runs at TAB time. Regenerate with up --completions bash --static.
__up_opt_lines=(
	'-n	resolve and check, print the command, run nothing'
	'--dry-run	resolve and check, print the command, run nothing'
	'-y	never prompt: missing choices come from the defaults'
	'--yes	never prompt: missing choices come from the defaults'
	'-i	show the menu even when PROFILE is given'
	'--interactive	show the menu even when PROFILE is given'
	'--json	JSON output of --dry-run, --list, --show, --doctor'
	'-l	every target (of PROFILE), its app, whether it runs here'
	'--list	every target (of PROFILE), its app, whether it runs here'
	'--flake	the flake to read and run (env UP_FLAKE)'
	'--attr	the manifest attribute (default upManifest)'
	'--show	what PROFILE [TYPE] is, and whether it runs here'
	'--doctor	check all a run needs, one line each, with fixes'
	'--matrix	the CI matrix of every target and system, as JSON'
	'--init	draft a manifest from the apps of a flake without one'
	'--write	with --init: write it to profiles/default.nix'
	'--completions	print a completion script for bash, zsh or fish'
	'--static	with --completions: embed this flake'\''s names'
	'--no-cache	neither read nor write the manifest cache'
	'--refresh	evaluate afresh and rewrite the cache entry'
	'-h	show this help and exit'
	'--help	show this help and exit'
	'-V	show the version and exit'
	'--version	show the version and exit'
)
__up_value_opts=(
	--flake
	--attr
	--completions
)
__up_profile_lines=(
	'4k-abr	Multi-bitrate 4K: 2160p, 1440p and 720p variants'
	'default	2 s segments, 720p'
	'low-latency	1 s segments, 720p'
	'stress-test	Many parallel renditions (12 variants from 480p down)'
)
__up_profile_types=(
	'0 1 2'
	'0 1 2'
	'1 2'
	'1 0'
)
__up_profile_aliases=(
	''
	''
	''
	''
)
__up_type_lines=(
	'container	OCI image run with podman or docker'
	'runner	Local process: ffmpeg and an HTTP server on this machine'
	'vm	NixOS VM under QEMU'
)

# The unique long option a word names (prefixes count, as up takes them):
# its index in __up_opt_lines in REPLY.
__up_option()
{
	local i name hit=-1 many=''
	for ((i = 0; i < ${#__up_opt_lines[@]}; i++)); do
		name=${__up_opt_lines[i]%%$'\t'*}
		if [[ $name == "$1" ]]; then
			REPLY=$i
			return 0
		fi
		[[ $name == "$1"* ]] || continue
		if ((hit < 0)); then hit=$i; else many=1; fi
	done
	[[ $hit -ge 0 && -z $many ]] && REPLY=$hit
}

__up_takes_value()
{
	local v
	__up_option "$1" || return
	for v in "${__up_value_opts[@]}"; do
		[[ ${__up_opt_lines[REPLY]%%$'\t'*} == "$v" ]] && return 0
	done
	return 1
}

# The values of option $1 that start with $3, each after the text $2.
__up_value()
{
	local d
	case $1 in
	--flake)
		while IFS= read -r d; do
			[[ $d != *$'\t'* ]] || continue
			# shellcheck disable=SC2088 # a ~/ as typed, not expanded
			if [[ $d == '~/'* ]]; then
				[[ -d $HOME/${d#'~/'} ]] || continue
			else
				[[ -d $d ]] || continue
			fi
			[[ ${d##*/} == .* && ${3##*/} != .* ]] && continue
			printf '%s%s/\tdirectory\n' "$2" "$d"
		done < <(compgen -d -- "$3")
		;;
	--completions)
		for d in bash zsh fish; do
			[[ $d == "$3"* ]] && printf '%s%s\tcompletion script for %s\n' "$2" "$d" "$d"
		done
		;;
	esac
}

# The answers for the words after "up" (the last one is the word under the
# cursor): one "NAME<TAB>DESCRIPTION" a line, from the names above.
__up_answer()
{
	local -a a=("$@")
	local n=$# i=0 w done='' pos=0 profile='' line t REPLY IFS=$' \t\n'
	local cur=${a[n-1]}
	while ((i < n - 1)); do
		w=${a[i]}
		if [[ -z $done ]]; then
			if [[ $w == -- ]]; then
				done=1 i=$((i + 1))
				continue
			fi
			if [[ $w == -?* ]]; then
				if [[ $w == --* && $w != *=* ]] && __up_takes_value "$w"; then
					if ((i + 2 == n)); then
						__up_value "${__up_opt_lines[REPLY]%%$'\t'*}" '' "$cur"
						return
					fi
					i=$((i + 1))
				fi
				i=$((i + 1))
				continue
			fi
			done=1
		elif [[ $w == -- ]]; then
			pos=2 i=$((i + 1))
			continue
		fi
		pos=$((pos + 1)) i=$((i + 1))
		((pos == 1)) && profile=$w
	done
	if [[ -z $done && $cur == -* ]]; then
		if [[ $cur == --*=* ]]; then
			__up_takes_value "${cur%%=*}" &&
				__up_value "${__up_opt_lines[REPLY]%%$'\t'*}" "${cur%%=*}=" "${cur#*=}"
			return
		fi
		for line in "${__up_opt_lines[@]}"; do
			[[ ${line%%$'\t'*} == "$cur"* ]] && printf '%s\n' "$line"
		done
	elif ((pos == 0)); then
		# by name; when no name starts with the word, by alias, as the profile
		for line in "${__up_profile_lines[@]}"; do
			[[ ${line%%$'\t'*} == "$cur"* ]] && printf '%s\n' "$line" && t=1
		done
		[[ -n $t ]] && return 0
		for ((i = 0; i < ${#__up_profile_lines[@]}; i++)); do
			for t in ${__up_profile_aliases[i]}; do
				if [[ $t == "$cur"* ]]; then
					printf '%s\n' "${__up_profile_lines[i]}"
					break
				fi
			done
		done
	elif ((pos == 1)); then
		for ((i = 0; i < ${#__up_profile_lines[@]}; i++)); do
			[[ ${__up_profile_lines[i]%%$'\t'*} == "$profile" ||
				" ${__up_profile_aliases[i]} " == *" $profile "* ]] || continue
			# no types: an app of a flake without a manifest, then its words
			[[ -n ${__up_profile_types[i]} ]] || printf '\tfiles\n'
			for t in ${__up_profile_types[i]}; do
				line=${__up_type_lines[t]}
				[[ ${line%%$'\t'*} == "$cur"* ]] && printf '%s\n' "$line"
			done
			return
		done
	else
		printf '\tfiles\n'
	fi
	return 0
}

# A word as the command will see it: quotes and backslashes removed, and
# nothing expanded or run. The result is in REPLY.
__up_dequote()
{
	local s=$1 out='' q='' c i
	if [[ $s != *[\'\"\\]* ]]; then
		REPLY=$s
		return
	fi
	# shellcheck disable=SC1003 # '\' is one backslash
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		if [[ $q == "'" ]]; then
			if [[ $c == "'" ]]; then q=; else out+=$c; fi
		elif [[ $q == '"' ]]; then
			if [[ $c == '"' ]]; then
				q=
			elif [[ $c == '\' && ${s:i+1:1} == [\"\\\$\`] ]]; then
				out+=${s:i+1:1} i=$((i + 1))
			else
				out+=$c
			fi
		elif [[ $c == [\'\"] ]]; then
			q=$c
		elif [[ $c == '\' ]]; then
			out+=${s:i+1:1} i=$((i + 1))
		else
			out+=$c
		fi
	done
	REPLY=$out
}

# Without bash-completion: the words of COMP_WORDS joined again where bash
# split them at a COMP_WORDBREAKS character such as '=' or ':'.
__up_join_words()
{
	local line=${COMP_LINE:0:COMP_POINT} i piece lead
	words=() cword=-1
	for ((i = 0; i <= COMP_CWORD; i++)); do
		piece=${COMP_WORDS[i]}
		lead=${line%%[![:space:]]*}
		line=${line#"$lead"}
		((i == COMP_CWORD)) && piece=$line
		if ((cword < 0)) || [[ -n $lead ]]; then
			cword=$((cword + 1))
			words[cword]=$piece
		else
			words[cword]+=$piece
		fi
		line=${line#"$piece"}
	done
	cur=${words[cword]}
}

# Sets the caller's cur, words and cword: the command line up to the
# cursor, split as the shell splits it, dequoted.
__up_words()
{
	local i REPLY
	if declare -F _comp_get_words >/dev/null; then
		_comp_get_words -n =: cur words cword
	elif declare -F _get_comp_words_by_ref >/dev/null; then
		_get_comp_words_by_ref -n =: cur words cword
	else
		__up_join_words
	fi
	for ((i = 0; i < cword; i++)); do
		__up_dequote "${words[i]}"
		words[i]=$REPLY
	done
	__up_dequote "$cur"
	cur=$REPLY
}

# COMPREPLY for the words after "up" (the last one is the word under the
# cursor): the names of the answers that start with it, set one by one.
__up_reply()
{
	local cur=${!#} line name pre='' p dirs='' files=''
	local -a names=()
	if [[ $COMP_WORDBREAKS == *=* && $cur == *=* ]]; then
		pre=${cur%=*}=
	fi
	if [[ $COMP_WORDBREAKS == *:* && $cur == *:* ]]; then
		p=${cur%:*}:
		((${#p} > ${#pre})) && pre=$p
	fi
	while IFS= read -r line; do
		name=${line%%$'\t'*}
		[[ $line == $'\tfiles' ]] && files=1
		# (a profile found by its alias does not start with the word:
		# as the one candidate, it replaces it)
		[[ -n $name ]] || continue
		if [[ $name == */ ]]; then
			# a directory: readline appends the / (after any quote)
			dirs=1 name=${name%/}
			names+=("${name#"$pre"}")
			continue
		fi
		name=${name#"$pre"}
		# a flake's app may be named with what the shell would read:
		# quoted, so that the line holds the name, as it is
		[[ $name == *[!A-Za-z0-9_+.,:@%/=-]* ]] && printf -v name '%q' "$name"
		names+=("$name")
	done < <(__up_answer "$@")
	if [[ -n $files ]]; then
		# the app's words: readline's own file name completion
		compopt -o default 2>/dev/null
		COMPREPLY=()
		return 0
	fi
	[[ -n $dirs ]] && compopt -o filenames -o nospace 2>/dev/null
	# up's order (the manifest's), not readline's sort (bash 4.4 and later)
	compopt -o nosort 2>/dev/null
	COMPREPLY=("${names[@]}")
	return 0
}

_up()
{
	local cur words cword
	__up_words
	__up_reply "${words[@]:1:cword-1}" "$cur"
}

# nix run REF#up [--] WORD...: the words complete as up's own, from the
# flake REF; every other nix command goes to nix's completion unchanged.
__up_nix()
{
	local cur words cword i=1 ref
	__up_words
	while ((i < cword)) && [[ ${words[i]} == -* ]]; do i=$((i + 1)); done
	if ((i < cword)) && [[ ${words[i]} == run ]]; then
		i=$((i + 1))
		while ((i < cword)) && [[ ${words[i]} == -* ]]; do i=$((i + 1)); done
		if ((i < cword)) && [[ ${words[i]} == *'#up' ]]; then
			ref=${words[i]%'#up'}
			i=$((i + 1))
			((i < cword)) && [[ ${words[i]} == -- ]] && i=$((i + 1))
			__up_reply --flake "${ref:-.}" "${words[@]:i:cword-i}" "$cur"
			return
		fi
	fi
	"$__up_nix_orig" "$@"
}

# Wraps nix's completion function (loading it first if bash-completion
# has not yet), keeping its name and options; a spec this does not know
# is left alone.
__up_hook_nix()
{
	local IFS=$' \t\n' spec f='' j
	local -a w opts=()
	spec=$(complete -p nix 2>/dev/null)
	if [[ -z $spec ]]; then
		if declare -F _comp_load >/dev/null; then
			_comp_load -- nix >/dev/null 2>&1
		elif declare -F __load_completion >/dev/null; then
			__load_completion nix >/dev/null 2>&1
		fi
		spec=$(complete -p nix 2>/dev/null)
	fi
	read -ra w <<<"$spec"
	for ((j = 1; j < ${#w[@]} - 1; j++)); do
		case ${w[j]} in
		-F) j=$((j + 1)) f=${w[j]} ;;
		-o) j=$((j + 1)) opts+=(-o "${w[j]}") ;;
		--) ;;
		*) return 0 ;;
		esac
	done
	[[ -n $f && $f != __up_nix && ${w[${#w[@]}-1]} == nix ]] || return 0
	__up_nix_orig=$f
	complete "${opts[@]}" -F __up_nix nix
}

__up_hook_nix
complete -F _up up
