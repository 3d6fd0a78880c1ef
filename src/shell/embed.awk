# Embeds the completion scripts' pieces in up: each file SHELL/PIECE.EXT
# given becomes a C string shell_SHELL_PIECE holding its bytes.
#   awk -v part=c -f embed.awk FILE...   the definitions (shell_pieces.c)
#   awk -v part=h -f embed.awk FILE...   the declarations (shell_pieces.h)
# Run it with LC_ALL=C, so that length() and substr() count bytes.

function cname(path,   n, parts, piece) {
	n = split(path, parts, "/")
	piece = parts[n]
	sub(/\.[^.]*$/, "", piece)
	return "shell_" parts[n - 1] "_" piece
}

# A C string literal's text: backslash and double quote escaped, tab as
# \t, and '?' escaped so that no trigraph forms.
function literal(s,   out, i, c) {
	out = ""
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (c == "\\" || c == "\"" || c == "?")
			out = out "\\" c
		else if (c == "\t")
			out = out "\\t"
		else
			out = out c
	}
	return out
}

BEGIN {
	print "/* Made by src/shell/embed.awk from src/shell/: do not edit. */"
	if (part == "h")
		print "#ifndef UP_SHELL_PIECES_H\n#define UP_SHELL_PIECES_H"
}

FNR == 1 {
	if (pending)
		print ";"
	pending = 0
	if (part == "h") {
		printf "extern const char %s[];\n", cname(FILENAME)
	} else {
		printf "\nconst char %s[] =\n", cname(FILENAME)
		pending = 1
	}
}

part == "c" {
	printf "\t\"%s\\n\"\n", literal($0)
}

END {
	if (pending)
		print ";"
	if (part == "h")
		print "#endif"
}
