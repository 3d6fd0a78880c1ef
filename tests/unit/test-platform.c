/* This machine as up sees it: the CPUs this process may run on, and the
 * running program's own path by each way up has of finding it. */
#include "config.h"

#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs.h"
#include "platform.h"
#include "tap.h"

static void cpus(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);
	int n = platform_cpus();
	tap_ok(n >= 1 && (online < 1 || n <= online), "platform_cpus: %d, of %ld online", n, online);
#if defined(__linux__) && defined(CPU_COUNT)
	cpu_set_t was, one;
	if (sched_getaffinity(0, sizeof was, &was) != 0) {
		tap_ok(0, "sched_getaffinity: %s", strerror(errno));
		return;
	}
	tap_ok(n == CPU_COUNT(&was), "platform_cpus counts the affinity mask (%d CPUs)", CPU_COUNT(&was));
	int first = 0;
	while (!CPU_ISSET(first, &was))
		first++;
	CPU_ZERO(&one);
	CPU_SET(first, &one);
	if (sched_setaffinity(0, sizeof one, &one) != 0) {
		tap_ok(0, "sched_setaffinity: %s", strerror(errno));
		return;
	}
	/* taskset -c N: one CPU, whatever the machine has */
	tap_ok(platform_cpus() == 1, "pinned to CPU %d: platform_cpus is 1 (got %d; %ld online)",
	       first, platform_cpus(), online);
	sched_setaffinity(0, sizeof was, &was);
#endif
}

static void self(const char *argv0)
{
	struct buf got, want;
	buf_init(&got);
	buf_init(&want);
	char *real = realpath(argv0, NULL);

	/* The system's answer: Linux's link where /proc is mounted, else
	 * (no /proc, or another system) macOS's, else argv[0] */
	bool ok = fs_self_exe(FS_SELF_LINK, argv0, &got);
	tap_ok(ok && real && !strcmp(got.data, real), "fs_self_exe: this program (%s)", buf_str(&got));
	ok = fs_self_exe("/nonexistent/self/exe", argv0, &got);
	tap_ok(ok && real && !strcmp(got.data, real), "a link that is not there: still this program (%s)",
	       buf_str(&got));

	/* argv[0] alone, the way of every system: with a slash, made absolute */
	ok = fs_self_argv0(argv0, &got);
	tap_ok(ok && real && !strcmp(got.data, real), "argv[0] %s made absolute (%s)", argv0, buf_str(&got));

	/* without a slash: found on PATH as execvp finds it */
	char *dir = tap_scratch("up-self"), *old = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	if (dir && real) {
		const char *link = tap_path(dir, "up-as-called");
		tap_ok(symlink(real, link) == 0, "a command on PATH that links to this program");
		buf_printf(&want, "/nonexistent:%s", dir);
		setenv("PATH", want.data, 1);
		ok = fs_self_argv0("up-as-called", &got);
		tap_ok(ok && !strcmp(got.data, real), "argv[0] up-as-called: looked up on PATH, links resolved (%s)",
		       buf_str(&got));
		ok = fs_self_argv0("not-on-path", &got);
		tap_ok(!ok && got.len == 0, "a name PATH does not hold: none, and nothing said");
		unlink(link);
		rmdir(dir);
	} else {
		tap_ok(0, "a scratch directory and this program's real path");
	}
	if (old) {
		setenv("PATH", old, 1);
		free(old);
	}
	ok = fs_self_argv0(NULL, &got);
	tap_ok(!ok && got.len == 0, "no argv[0]: none");
	ok = fs_self_argv0("", &got);
	tap_ok(!ok && got.len == 0, "an empty argv[0]: none");
	free(real);
	buf_free(&got);
	buf_free(&want);
}

int main(int argc, char **argv)
{
	(void)argc;
	cpus();
	self(argv[0]);
	return tap_done();
}
