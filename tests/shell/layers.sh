#!/bin/sh
# The layers docs/HACKING.md describes hold: every module of src/ includes
# only the headers of modules above it in that map (the manifest_* files
# are one module), and every module is on the map.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

map=$top_srcdir/docs/HACKING.md
order=$(sed -n '/^## The files/,/^## /s/^- `\([a-z_0-9]*\)\(\.h\)\{0,1\}`.*/\1/p' "$map")
ok "$([ "$(printf '%s\n' "$order" | wc -l)" -gt 30 ]; echo $?)" "the map lists the modules ($(printf '%s\n' "$order" | wc -l | tr -d ' '))"
rank() { printf '%s\n' "$order" | grep -nx "$1" | cut -d: -f1; }
module() { # the module a file or header name belongs to
	case $1 in manifest_*) echo manifest ;; *) echo "$1" ;; esac
}
for f in "$top_srcdir"/src/*.c "$top_srcdir"/src/*.h; do
	name=$(basename "$f"); name=${name%.?}
	case $name in main | shell_pieces) continue ;; esac
	mod=$(module "$name")
	r=$(rank "$mod")
	if [ -z "$r" ]; then
		ok 1 "src/$name is on the map in docs/HACKING.md"
		continue
	fi
	wrong=
	for inc in $(sed -n 's/^#include "\([a-z_0-9]*\)\.h"$/\1/p' "$f"); do
		im=$(module "$inc")
		case $im in config | shell_pieces | "$mod") continue ;; esac
		ri=$(rank "$im")
		if [ -z "$ri" ] || [ "$ri" -gt "$r" ]; then wrong="$wrong $inc.h"; fi
	done
	is "$wrong" "" "src/$(basename "$f") includes only modules above $mod"
done

done_testing
