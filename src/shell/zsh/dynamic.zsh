# The answers for the words after "up" (the last one is the word under the
# cursor): one "NAME<TAB>DESCRIPTION" a line, asked of up at TAB time.
__up_answer()
{
	command up --complete -- "$@" 2>/dev/null
}
