# zsh -f tab-bash.zsh SCRIPT INPUT: as tab.zsh, for an interactive bash with
# bash-completion loaded and SCRIPT sourced.
zmodload zsh/zpty || exit 1
zpty b bash --norc --noprofile -i
zpty -w b 'stty cols 250; PS1="$ "; . /usr/share/bash-completion/bash_completion'
zpty -w b "source ${(qq)1}"
zpty -w b 'bind -x "\"\C-t\": printf \"BUF<%s>\\n\" \"\$READLINE_LINE\""; echo READ""Y'
integer ready_by=$(( SECONDS + 60 ))  # the marker is printed, not echoed: READ""Y
while (( SECONDS < ready_by )); do
	if zpty -r -t b line; then [[ $line == *READY* ]] && break; else sleep 0.02; fi
done
zpty -w -n b "$2"$'\t'${TAB_TWICE:+$'\t'}   # TAB_TWICE: the list of candidates too
zpty -w -n b $'\x14'
source "$TAB_READ" b
print -r -- "$out" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\r/\n/g' | grep -v '^ *$'
