# The answers for the words after "up" (the last one is the word under the
# cursor): one "NAME<TAB>DESCRIPTION" a line, asked of up at TAB time: the
# up that printed this script while it is there (it may be one that only
# `nix run .#up` reaches), else the up on PATH.
__up_answer()
{
	local self=${__up_self[1]-}
	if [[ -n $self && -x $self ]]; then
		"$self" --complete -- "$@" 2>/dev/null
	else
		command up --complete -- "$@" 2>/dev/null
	fi
}
