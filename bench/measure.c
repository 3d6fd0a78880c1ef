/* measure N CMD... [--vs CMD2...]: runs CMD N times (stdin, stdout and
 * stderr /dev/null) and prints "MEDIAN_MS PEAK_RSS_KIB STATUS": the median
 * wall time, the largest resident set any run reached, and the last exit
 * status. With --vs, the two commands run by turns (so that the machine's
 * drift falls on both alike) and a second line tells CMD2's. Part of
 * bench/run.sh, which compiles it. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

struct runs {
	char **argv;
	double *ms;
	long peak;
	int status;
};

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int once(struct runs *r, int i, const posix_spawn_file_actions_t *fa)
{
	struct timespec t0, t1;
	struct rusage ru;
	pid_t pid;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (posix_spawnp(&pid, r->argv[0], fa, NULL, r->argv, environ) != 0)
		return -1;
	wait4(pid, &r->status, 0, &ru);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	r->ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	if (ru.ru_maxrss > r->peak)
		r->peak = ru.ru_maxrss;
	return 0;
}

static void report(struct runs *r, int n)
{
	qsort(r->ms, (size_t)n, sizeof *r->ms, by_value);
	double median = n % 2 ? r->ms[n / 2] : (r->ms[n / 2 - 1] + r->ms[n / 2]) / 2;
	printf("%.2f %ld %d\n", median, r->peak,
	       WIFEXITED(r->status) ? WEXITSTATUS(r->status) : 128);
}

int main(int argc, char **argv)
{
	if (argc < 3)
		return 2;
	int n = atoi(argv[1]), k = 1;
	struct runs r[2] = { { argv + 2, NULL, 0, 0 }, { NULL, NULL, 0, 0 } };
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "--vs")) {
			argv[i] = NULL;
			r[1].argv = argv + i + 1;
			k = 2;
		}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	for (int fd = 0; fd < 3; fd++)
		posix_spawn_file_actions_addopen(&fa, fd, "/dev/null", fd ? O_WRONLY : O_RDONLY, 0);
	for (int j = 0; j < k; j++)
		r[j].ms = calloc((size_t)n, sizeof *r[j].ms);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < k; j++)
			if (once(&r[j], i, &fa) < 0)
				return 127;
	for (int j = 0; j < k; j++)
		report(&r[j], n);
	return 0;
}
