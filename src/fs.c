#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__APPLE__)
#include <mach-o/dyld.h>
#endif

#include "buf.h"
#include "fs.h"

char *fs_xdg_dir(const char *var, const char *fallback)
{
	const char *base = getenv(var), *home = getenv("HOME");
	struct buf b;
	buf_init(&b);
	if (base && base[0] == '/')
		buf_printf(&b, "%s/up", base);
	else if (home && home[0] == '/')
		buf_printf(&b, "%s/%s/up", home, fallback);
	else
		return NULL;
	return buf_take(&b);
}

bool fs_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	bool ok = true;
	for (char *s = p + 1; ok; s++) {
		if (*s && *s != '/')
			continue;
		char c = *s;
		*s = '\0';
		ok = mkdir(p, 0700) == 0 || errno == EEXIST;
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return ok;
}

bool fs_atomic_open(struct fs_atomic *a, const char *path)
{
	struct buf tmp;
	buf_init(&tmp);
	buf_printf(&tmp, "%s.XXXXXX", path);
	int fd = mkstemp(tmp.data);
	a->file = fd < 0 ? NULL : fdopen(fd, "w");
	if (!a->file) {
		if (fd >= 0) {
			close(fd);
			unlink(tmp.data);
		}
		buf_free(&tmp);
		a->tmp = a->path = NULL;
		return false;
	}
	a->tmp = buf_take(&tmp);
	a->path = xstrdup(path);
	return true;
}

bool fs_atomic_commit(struct fs_atomic *a, bool ok)
{
	ok = !ferror(a->file) && ok;
	ok = fclose(a->file) == 0 && ok && rename(a->tmp, a->path) == 0;
	if (!ok)
		unlink(a->tmp);
	free(a->tmp);
	free(a->path);
	memset(a, 0, sizeof *a);
	return ok;
}

void fs_std_fds(void)
{
	for (int fd = 0; fd < 3; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		int got = open("/dev/null", fd == 2 ? O_WRONLY : O_RDONLY);
		if (got >= 0 && got != fd) {
			dup2(got, fd);
			close(got);
		}
	}
}

/* Whether path is a regular file this process may run; else why not. */
static bool runnable(const char *path, int *why)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return false;
	if (S_ISREG(st.st_mode) && access(path, X_OK) == 0)
		return true;
	*why = EACCES;
	return false;
}

bool fs_which(const char *name, struct buf *path)
{
	int why = ENOENT;
	buf_reset(path);
	if (strchr(name, '/')) {
		buf_puts(path, name);
		if (runnable(name, &why))
			return true;
		errno = why;
		return false;
	}
	const char *dirs = getenv("PATH");
	if (!dirs)
		dirs = "/bin:/usr/bin";
	for (; *dirs;) {
		const char *end = strchr(dirs, ':');
		size_t n = end ? (size_t)(end - dirs) : strlen(dirs);
		buf_reset(path);
		buf_printf(path, "%.*s/%s", (int)n, n ? dirs : ".", name);
		if (runnable(path->data, &why))
			return true;
		dirs = end ? end + 1 : "";
	}
	buf_reset(path);
	errno = why;
	return false;
}

/* path made absolute, with no symbolic link left, into out. */
static bool real(const char *path, struct buf *out)
{
	char *r = realpath(path, NULL);
	if (!r)
		return false;
	buf_reset(out);
	buf_puts(out, r);
	free(r);
	return true;
}

bool fs_self_exe(const char *link, const char *argv0, struct buf *out)
{
	buf_reset(out);
	if (link) {
		char self[4096];
		ssize_t n = readlink(link, self, sizeof self - 1);
		if (n > 0 && self[0] == '/') {
			self[n] = '\0';
			buf_puts(out, self);
			return true;
		}
	}
#if defined(__APPLE__)
	{
		char self[4096];
		uint32_t size = sizeof self;
		if (_NSGetExecutablePath(self, &size) == 0 && real(self, out))
			return true;
	}
#endif
	return fs_self_argv0(argv0, out);
}

bool fs_self_argv0(const char *argv0, struct buf *out)
{
	struct buf found;
	buf_init(&found);
	bool ok = argv0 && *argv0 && fs_which(argv0, &found) && real(found.data, out);
	buf_free(&found);
	if (!ok)
		buf_reset(out);
	return ok;
}

bool fs_read_small(const char *path, struct buf *out, size_t max, struct stat *st)
{
	buf_reset(out);
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return false;
	bool ok = fstat(fd, st) == 0 && S_ISREG(st->st_mode) && (size_t)st->st_size <= max;
	if (!ok)
		errno = EFBIG;
	char chunk[65536];
	ssize_t n = 0;
	while (ok && (n = read(fd, chunk, sizeof chunk)) > 0)
		buf_add(out, chunk, (size_t)n);
	int e = errno;
	close(fd);
	errno = e;
	return ok && n == 0;
}

char *fs_find_up(const char *name)
{
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return NULL;
	struct buf file;
	buf_init(&file);
	for (;;) {
		struct stat st;
		buf_reset(&file);
		buf_printf(&file, "%s/%s", cwd, name);
		if (stat(file.data, &st) == 0 && S_ISREG(st.st_mode)) {
			buf_free(&file);
			if (!cwd[0])
				strcpy(cwd, "/");
			return cwd;
		}
		char *slash = strrchr(cwd, '/');
		if (!slash || !cwd[0])
			break;
		*slash = '\0';
	}
	buf_free(&file);
	free(cwd);
	errno = 0;
	return NULL;
}
