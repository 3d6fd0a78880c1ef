# Offers the answers for the words after "up" (the last one is the word
# under the cursor): names with their descriptions, directories as paths.
__up_offer()
{
	local line name desc lead files=$'\tfiles'
	local -a lines described dirs
	lines=("${(@f)$(__up_answer "$@")}")
	if (( ${lines[(Ie)$files]} )); then
		_files   # the app's words
		return
	fi
	for line in "${lines[@]}"; do
		name=${line%%$'\t'*}
		[[ -n $name ]] || continue
		if [[ $name == */ ]]; then
			dirs+=("$name")
			continue
		fi
		# _describe reads NAME:DESCRIPTION with backslash escapes
		name=${${name//\\/\\\\}//:/\\:}
		desc=${${line#"${line%%$'\t'*}"}#$'\t'}
		described+=("$name${desc:+:${desc//\\/\\\\}}")
	done
	if (( $#dirs )); then
		# a leading ~/ stays as typed (compadd would quote the ~)
		lead=${(M)dirs[1]#(*=|)\~/}
		if [[ -n $lead ]] && compset -P "${(b)lead}"; then
			compadd -S '' -- "${dirs[@]#$lead}"
		else
			compadd -S '' -- "${dirs[@]}"
		fi
	fi
	# a profile found by its alias does not start with the word: as the
	# one candidate, it replaces it (-U)
	# -V: in up's order (the manifest's), not sorted again
	if (( $#described == 1 )) && [[ ${lines[1]%%$'\t'*} != "${@[-1]}"* ]]; then
		_describe -V -t up-words 'up' described -U
	elif (( $#described )); then
		_describe -V -t up-words 'up' described
	fi
	return 0
}

_up()
{
	__up_offer "${(@Q)words[2,CURRENT-1]}" "${(Q)PREFIX}"
}

# nix run REF#up [--] WORD...: the words complete as up's own, from the
# flake REF; every other nix command goes to nix's completion unchanged.
__up_nix()
{
	local i=2 ref
	while (( i < CURRENT )) && [[ $words[i] == -* ]]; do i=$(( i + 1 )); done
	if (( i < CURRENT )) && [[ $words[i] == run ]]; then
		i=$(( i + 1 ))
		while (( i < CURRENT )) && [[ $words[i] == -* ]]; do i=$(( i + 1 )); done
		ref=${(Q)words[i]}
		if (( i < CURRENT )) && [[ $ref == *'#up' ]]; then
			ref=${ref%'#up'}
			i=$(( i + 1 ))
			(( i < CURRENT )) && [[ $words[i] == -- ]] && i=$(( i + 1 ))
			__up_offer --flake "${ref:-.}" "${(@Q)words[i,CURRENT-1]}" "${(Q)PREFIX}"
			return
		fi
	fi
	"$__up_nix_orig" "$@"
}

# Wraps the completion compinit set for nix, if any, keeping it for
# every other nix command.
__up_hook_nix()
{
	(( $+_comps[nix] )) || return 0
	[[ $_comps[nix] == __up_nix ]] && return 0
	typeset -g __up_nix_orig=$_comps[nix]
	compdef __up_nix nix
}

if [[ $funcstack[1] == _up ]]; then
	__up_hook_nix
	_up "$@"
elif (( $+functions[compdef] )); then
	__up_hook_nix
	compdef _up up
else
	print -u2 'up: zsh completion needs compinit: run "autoload -Uz compinit && compinit" first'
fi
