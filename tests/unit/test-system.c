/* Nix system strings: what Nix calls a machine, and which strings are systems. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "system.h"
#include "tap.h"

static void from_uname(const char *sysname, const char *machine, const char *want)
{
	struct buf b;
	buf_init(&b);
	system_from_uname(&b, sysname, machine);
	tap_ok(!strcmp(buf_str(&b), want) && system_valid(b.data), "uname %s %s is %s (got %s)",
	       sysname, machine, want, buf_str(&b));
	buf_free(&b);
}

int main(void)
{
	from_uname("Linux", "x86_64", "x86_64-linux");
	from_uname("Linux", "aarch64", "aarch64-linux");
	from_uname("Darwin", "arm64", "aarch64-darwin");
	from_uname("Darwin", "x86_64", "x86_64-darwin");
	from_uname("FreeBSD", "amd64", "x86_64-freebsd");
	from_uname("Linux", "i586", "i686-linux");
	from_uname("Linux", "ppc64le", "powerpc64le-linux");
	from_uname("Linux", "riscv64", "riscv64-linux");
	from_uname("Linux", "armv7l", "armv7l-linux");

	struct utsname u;
	struct buf b;
	buf_init(&b);
	if (uname(&u) == 0)
		system_from_uname(&b, u.sysname, u.machine);
	tap_ok(system_valid(buf_str(&b)), "this machine's system is a Nix system: %s", buf_str(&b));
	buf_free(&b);

	const char *good[] = { "x86_64-linux", "aarch64-darwin", "i686-linux", "riscv64-linux",
			       "wasm32-wasi", "x86_64-freebsd", NULL };
	for (size_t i = 0; good[i]; i++)
		tap_ok(system_valid(good[i]), "%s is a Nix system", good[i]);
	const char *bad[] = { "linux", "amd64-linux", "x86_64-Linux", "x86_64-", "-linux",
			      "x86_64-linux-gnu", "", "x86_64--linux", NULL };
	for (size_t i = 0; bad[i]; i++)
		tap_ok(!system_valid(bad[i]), "'%s' is not a Nix system", bad[i]);
	return tap_done();
}
