#include "config.h"

#include <string.h>

#include "system.h"

static const char *const arches[] = {
	"x86_64", "i686", "aarch64", "armv5tel", "armv6l", "armv7l", "armv7a",
	"armv6m", "riscv32", "riscv64", "powerpc", "powerpc64", "powerpc64le",
	"mips", "mipsel", "mips64", "mips64el", "s390", "s390x", "loongarch64",
	"wasm32", "wasm64", "m68k", "microblaze", "microblazeel", "or1k",
	"sparc", "sparc64", "avr", "arc", "vc4", "javascript", NULL,
};
static const char *const kernels[] = {
	"linux", "darwin", "freebsd", "openbsd", "netbsd", "cygwin", "windows",
	"none", "genode", "redox", "wasi", "ghcjs", "mmixware", "solaris",
	"illumos", NULL,
};

/* uname's machine names that Nix spells otherwise. */
static const struct {
	const char *uname, *nix;
} cpus[] = {
	{ "amd64", "x86_64" }, { "arm64", "aarch64" }, { "i386", "i686" },
	{ "i486", "i686" }, { "i586", "i686" }, { "ppc64le", "powerpc64le" },
	{ "ppc64", "powerpc64" },
};

void system_from_uname(struct buf *out, const char *sysname, const char *machine)
{
	const char *cpu = machine;
	for (size_t i = 0; i < sizeof cpus / sizeof cpus[0]; i++)
		if (!strcmp(machine, cpus[i].uname))
			cpu = cpus[i].nix;
	buf_printf(out, "%.31s-", cpu);
	for (size_t i = 0; sysname[i] && i < 31; i++) {
		char c = sysname[i];
		buf_putc(out, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
	}
}

static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !strncmp(list[i], s, n))
			return true;
	return false;
}

bool system_valid(const char *s)
{
	const char *dash = strchr(s, '-');
	return dash && in_list(arches, s, (size_t)(dash - s)) &&
	       in_list(kernels, dash + 1, strlen(dash + 1));
}
