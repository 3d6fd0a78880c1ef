# The answers for the words after "up" (the last one is the word under the
# cursor): one "NAME<TAB>DESCRIPTION" a line, asked of up at TAB time.
function __up_answer
    command up --complete -- $argv 2>/dev/null
end
