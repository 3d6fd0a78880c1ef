#!/bin/sh
# The README opens with the two commands, and CI runs the second verbatim.
. "${top_srcdir:-$(dirname "$0")/../..}/tests/lib.sh"

readme=$top_srcdir/README.md
blocks=$(awk '/^```sh$/ {n++; inside = 1; next} /^```$/ {inside = 0; next} inside && n <= 2 {print n ": " $0}' "$readme")
main=$(printf '%s\n' "$blocks" | sed -n 's/^1: //p')
suite=$(printf '%s\n' "$blocks" | sed -n 's/^2: //p')
ci=$(grep -v '^#' "$top_srcdir/.ci/run" | grep -v '^cd ' | grep -v '^$')
is "$ci" "$suite" ".ci/run runs the README's test command verbatim"
like "$main" "&& make && NIX_CONFIG=.* \./src/up --flake \./examples/demo [a-z-]+ runner$" "the README's first command builds and dispatches the demo flake"
like "$suite" "&& sh tests/suite$" "the README's second command runs the whole suite"
like "$(tail -n 3 "$top_srcdir/tests/suite")" 'echo "\$passed passed, \$failed failed, \$nskipped skipped"' \
	"the suite ends with 'N passed, M failed, K skipped'"

done_testing
