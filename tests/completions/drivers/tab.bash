# bash tab.bash SCRIPT LINE [plain]: sources bash-completion (unless "plain")
# and SCRIPT, splits LINE as readline would, calls the completion function
# `complete -p` names for its first word, and prints COMPREPLY, one a line.
[ "$3" = plain ] || . /usr/share/bash-completion/bash_completion
[ -z "$1" ] || . "$1"
line=$2 w= q= inword=
COMP_WORDS=()
for ((i = 0; i < ${#line}; i++)); do
	c=${line:i:1}
	if [[ -n $q ]]; then
		w+=$c
		[[ $c == "$q" ]] && q=
		continue
	fi
	case $c in
	[\'\"]) q=$c w+=$c inword=1 ;;
	' ') [[ -n $inword ]] && COMP_WORDS+=("$w"); w= inword= ;;
	[=:]) [[ -n $inword ]] && COMP_WORDS+=("$w"); COMP_WORDS+=("$c"); w= inword= ;;
	\\) w+=$c${line:i+1:1} inword=1 i=$((i + 1)) ;;
	*) w+=$c inword=1 ;;
	esac
done
[[ -n $inword || $line == *' ' ]] && COMP_WORDS+=("$w")
COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
COMP_LINE=$line
COMP_POINT=${#line}
cmd=${COMP_WORDS[0]}
if ! complete -p "$cmd" >/dev/null 2>&1 && declare -F __load_completion >/dev/null; then
	__load_completion "$cmd"
fi
read -ra spec <<<"$(complete -p "$cmd" 2>/dev/null)"
for ((i = 0; i < ${#spec[@]}; i++)); do
	[[ ${spec[i]} == -F ]] && f=${spec[i + 1]}
done
COMPREPLY=()
[ -n "${f:-}" ] && "$f" "$cmd" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}" 2>/dev/null
printf '%s\n' "${COMPREPLY[@]}"
