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
