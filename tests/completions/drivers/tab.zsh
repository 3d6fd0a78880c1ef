# zsh -f tab.zsh SCRIPT INPUT: an interactive zsh on a pseudo-terminal with
# compinit and SCRIPT sourced; types INPUT and TAB, then prints the screen
# (escape sequences dropped) ending with a line BUF<the command line>.
zmodload zsh/zpty || exit 1
zpty z zsh -f -i
zpty -w z 'stty cols 250 rows 200; PS1="%% "; LISTMAX=100000; fpath=(${TAB_FPATH:+$TAB_FPATH} $fpath)'
zpty -w z 'autoload -Uz compinit; compinit -u -d "$TAB_HOME/.zcompdump"'
[[ -n $1 ]] && zpty -w z "source ${(q)1}"
zpty -w z '__t_dump() { zle -I; print -r -- "BUF<$BUFFER>" }; zle -N __t_dump; bindkey "^T" __t_dump; print READ""Y'
integer ready_by=$(( SECONDS + 60 ))  # the marker is printed, not echoed: READ""Y
while (( SECONDS < ready_by )); do
	if zpty -r -t z line; then [[ $line == *READY* ]] && break; else sleep 0.02; fi
done
zpty -w -n z "$2"$'\t'$'\x14'
source "$TAB_READ" z
# (without TERM, zsh pads each line of a list with spaces: dropped)
print -r -- "$out" | sed 's/\x1b\[[0-9;?]*[a-zA-Z]//g; s/\r/\n/g; s/[^\n]*\x08//g' | sed 's/ *$//' | grep -v '^ *$'
