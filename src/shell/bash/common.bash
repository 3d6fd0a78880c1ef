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
