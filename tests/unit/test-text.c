/* Text from a manifest made fit to show (text), paths from references and
 * logs (path), and what the terminal takes (term). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "path.h"
#include "tap.h"
#include "term.h"
#include "text.h"

static char got[512];

static const char *cleaned(const char *s)
{
	char *c = text_clean(s);
	snprintf(got, sizeof got, "%s", c);
	free(c);
	return got;
}

static const char *shown(void (*fn)(struct buf *, const char *), const char *s)
{
	struct buf b = BUF_INIT;
	fn(&b, s);
	snprintf(got, sizeof got, "%s", b.data);
	buf_free(&b);
	return got;
}

static const char *decoded(const char *s)
{
	struct buf b = BUF_INIT;
	path_percent_decode(&b, s, strlen(s));
	snprintf(got, sizeof got, "%s", b.data);
	buf_free(&b);
	return got;
}

int main(void)
{
	tap_is(cleaned("tab\there\nnew\x1b[31mred\x7f"), "tab here new [31mred ", "text_clean: C0, ESC and DEL become spaces");
	tap_is(cleaned("c1 \xc2\x9b end"), "c1   end", "... C1 controls too (the whole character)");
	tap_is(cleaned("bad \xff\xfe utf8 \xc3\xa9"), "bad ?? utf8 \xc3\xa9", "... invalid bytes become ?, valid UTF-8 stays");
	tap_is(cleaned("evil\xe2\x80\xaeright"), "evil<U+202E>right", "... a bidi override is shown, not obeyed");
	tap_is(cleaned("zero\xe2\x80\x8bwidth"), "zero<U+200B>width", "... so is a zero-width space");
	tap_is(cleaned("\xed\xa0\x80"), "???", "... a surrogate is not UTF-8");

	tap_is(shown(text_show_name, "low-latency"), "'low-latency'", "text_show_name: single-quoted");
	tap_is(shown(text_show_name, "a'b\\c\n"), "'a\\x27b\\x5cc\\x0a'", "... quote, backslash and control bytes as \\xHH");
	tap_is(shown(text_show_name, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	       "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...'", "... cut after 64 bytes");
	tap_is(shown(text_show_path, "/src/flake"), "/src/flake", "text_show_path: a plain path as it is");
	tap_is(shown(text_show_path, "/a b"), "'/a b'", "... one with a space quoted");
	tap_is(shown(text_visible, "ok \x1b[2J \xe2\x80\xae"), "ok \\x1b[2J \\xe2\\x80\\xae", "text_visible: what must not reach a terminal, as bytes");

	tap_ok(text_is_name("a+b_c-1", TEXT_NAME_MAX) && text_is_name("_x", TEXT_NAME_MAX) &&
	       text_is_name("4k", TEXT_NAME_MAX), "text_is_name: letters, digits, _ + - (not first)");
	tap_ok(!text_is_name("", TEXT_NAME_MAX) && !text_is_name("-x", TEXT_NAME_MAX) &&
	       !text_is_name("+x", TEXT_NAME_MAX) && !text_is_name("a b", TEXT_NAME_MAX) &&
	       !text_is_name("a.b", TEXT_NAME_MAX) && !text_is_name("\xc3\xa9", TEXT_NAME_MAX),
	       "... nothing else, and not empty");
	char long_name[66];
	memset(long_name, 'a', 65);
	long_name[65] = '\0';
	tap_ok(!text_is_name(long_name, TEXT_NAME_MAX) && text_is_name(long_name + 1, TEXT_NAME_MAX) &&
	       text_is_name(long_name, TEXT_APP_MAX), "... at most 64 bytes for a profile, 255 for an app");
	tap_ok(text_ends_with("a.nix", ".nix") && !text_ends_with("nix", ".nix") && text_ends_with("x", ""),
	       "text_ends_with");

	tap_ok(text_natural_cmp("svc2", "svc10") < 0 && text_natural_cmp("svc10", "svc2") > 0 &&
	       text_natural_cmp("a", "a") == 0, "text_natural_cmp: digit runs as numbers (svc2 before svc10)");
	tap_ok(text_natural_cmp("svc02", "svc2") < 0 && text_natural_cmp("svc1", "svc02") < 0 &&
	       text_natural_cmp("x007", "x7") < 0, "... leading zeros aside, equal numbers in byte order");
	tap_ok(text_natural_cmp("a", "a1") < 0 && text_natural_cmp("a", "a+") < 0 &&
	       text_natural_cmp("a1", "a+") < 0 && text_natural_cmp("a+", "ab") < 0,
	       "... other runs as strings, a prefix first (a, a1, a+, ab; as nix/lib.nix sorts)");
	tap_ok(text_natural_cmp("4k", "k") < 0 && text_natural_cmp("10", "9") > 0 &&
	       text_natural_cmp("v1.10", "v1.9") > 0, "... numbers first, as numbers, anywhere in the name");
	tap_is(decoded("/a%20b/c%2fd%zz%4"), "/a b/c/d%zz%4", "path_percent_decode: %XX decoded, anything else kept");
	tap_ok(path_within("/a/b", "/a") && path_within("/a", "/a/") && path_within("x/y", "") &&
	       !path_within("/ab", "/a") && !path_within("/a", "/a/b"), "path_within: the directory or inside it");

	setenv("TERM", "xterm", 1);
	unsetenv("NO_COLOR");
	tap_ok(!term_plain() && term_colour(), "term: xterm takes escapes and colour");
	setenv("NO_COLOR", "1", 1);
	tap_ok(!term_plain() && !term_colour(), "... NO_COLOR: escapes, no colour");
	setenv("TERM", "dumb", 1);
	unsetenv("NO_COLOR");
	tap_ok(term_plain() && !term_colour(), "... TERM=dumb: neither");
	unsetenv("TERM");
	tap_ok(term_plain(), "... no TERM: neither");
	return tap_done();
}
