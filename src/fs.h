#ifndef UP_FS_H
#define UP_FS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>
#include <stdio.h>

/* Files up keeps for itself: where they live and how they are written. */

/* up's directory under an XDG base directory: $VAR/up when VAR holds an
 * absolute path, else $HOME/FALLBACK/up (FALLBACK such as ".cache");
 * NULL when neither is known. Nothing is created. A fresh string. */
char *fs_xdg_dir(const char *var, const char *fallback);
/* mkdir -p: creates path and its missing parents with mode 0700. */
bool fs_mkdirs(const char *path);
/* A file written as a whole or not at all: into a temporary file beside
 * it (mode 0600), then rename(2), so readers never see a torn file. */
struct fs_atomic {
	char *path;
	char *tmp;
	FILE *file;     /* write here between open and commit */
};
bool fs_atomic_open(struct fs_atomic *a, const char *path);
/* Closes the file and, when ok and no write failed, renames it over path;
 * else removes it and returns false. */
bool fs_atomic_commit(struct fs_atomic *a, bool ok);
/* Standard input, output and error, when closed (up >&-), are opened on
 * /dev/null so that no file up opens takes their place; output read-only,
 * so that writing to it still fails as writing to a closed one would. */
void fs_std_fds(void);

struct buf;
/* The file that running name runs, as execvp finds it: name itself when it
 * holds a '/', else the first regular, executable file of that name in the
 * directories of PATH ("/bin:/usr/bin" when unset; an empty one is the
 * current directory). true with it in path; else false, errno ENOENT or
 * (a file found, but not one to run) EACCES. */
bool fs_which(const char *name, struct buf *path);
/* The file of the running program, as an absolute path, into out: what
 * the kernel's link says where there is one (link: "/proc/self/exe" on
 * Linux, NULL elsewhere), else on macOS _NSGetExecutablePath, else argv0
 * as execvp found it (fs_which), made absolute by realpath. false, out
 * empty, when none of these answers. */
#if defined(__linux__)
#define FS_SELF_LINK "/proc/self/exe"
#else
#define FS_SELF_LINK NULL
#endif
bool fs_self_exe(const char *link, const char *argv0, struct buf *out);
/* The last of those ways alone (any system): argv0 as execvp finds it,
 * made absolute; false, out empty, when it names nothing to run. */
bool fs_self_argv0(const char *argv0, struct buf *out);
/* The nearest directory at or above the current one that holds a regular
 * file called name: a fresh string (the current directory's full path
 * when it is that one), or NULL with errno 0 when there is none, else the
 * errno of getcwd() (ENOENT: the current directory was deleted). */
char *fs_find_up(const char *name);

/* A stat's modification and change times, as struct timespec. */
#if defined(__APPLE__)
#define FS_MTIME(st) (st).st_mtimespec
#define FS_CTIME(st) (st).st_ctimespec
#else
#define FS_MTIME(st) (st).st_mtim
#define FS_CTIME(st) (st).st_ctim
#endif

/* A regular file of at most max bytes, whole, into out (emptied first),
 * with its stat data in st: false when it is not that or cannot be read
 * (errno says why). Never waits on a FIFO or a device. */
bool fs_read_small(const char *path, struct buf *out, size_t max, struct stat *st);

#endif
