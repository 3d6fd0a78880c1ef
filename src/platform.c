#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/kvm.h>
#endif

#include "fs.h"
#include "exitcode.h"
#include "platform.h"
#include "system.h"

void platform_init(struct platform *pf)
{
	struct utsname u;
	struct buf b;
	memset(pf, 0, sizeof *pf);
	pf->kvm = KVM_UNKNOWN;
	buf_init(&b);
	if (uname(&u) == 0)
		system_from_uname(&b, u.sysname, u.machine);
	else
		buf_puts(&b, "unknown-unknown");
	pf->system = buf_take(&b);
}

void platform_free(struct platform *pf)
{
	free(pf->system);
	pf->system = NULL;
}

const char *platform_system(const struct platform *pf)
{
	return pf->system;
}

int platform_cpus(void)
{
#if defined(__linux__) && defined(CPU_COUNT)
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return CPU_COUNT(&set);
#endif
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n < 1024 ? n : 1024) : 1;
}

static void probe_kvm(struct platform *pf)
{
#ifdef __linux__
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		pf->kvm_errno = errno;
		pf->kvm = errno == ENOENT || errno == ENXIO || errno == ENODEV ? KVM_NO_DEVICE
			: errno == EACCES || errno == EPERM ? KVM_NO_PERMISSION
			: KVM_ERROR;
		return;
	}
	struct stat st;
	if (fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode)) {
		pf->kvm = KVM_NOT_KVM;
		close(fd);
		return;
	}
	int version = ioctl(fd, KVM_GET_API_VERSION, 0);
	pf->kvm_errno = version < 0 ? errno : 0;
	close(fd);
	pf->kvm_version = version;
	pf->kvm = version < 0 ? KVM_NOT_KVM : version == 12 ? KVM_OK : KVM_WRONG_VERSION;
#else
	pf->kvm = KVM_NOT_LINUX;
#endif
}

/* The KVM verdict, probing /dev/kvm on the first call. */
static enum platform_kvm kvm_verdict(struct platform *pf)
{
	if (pf->kvm == KVM_UNKNOWN)
		probe_kvm(pf);
	return pf->kvm;
}

/* Each KVM failure: what is wrong and what fixes it. A "%s" in a reason is
 * filled with the detail of that failure. */
static const struct {
	const char *reason;
	const char *fix;
} kvm_texts[] = {
	[KVM_NO_DEVICE] = { "needs KVM, but /dev/kvm does not exist",
		"enable virtualisation (VT-x or AMD-V) in the firmware, then load the module: "
		"sudo modprobe kvm_intel (or kvm_amd)" },
	[KVM_NO_PERMISSION] = { "needs KVM, but opening /dev/kvm read-write was denied",
		"join the kvm group (sudo usermod -aG kvm \"$USER\"), then log in again" },
	[KVM_NOT_KVM] = { "needs KVM, but /dev/kvm is not a KVM device "
		"(it does not answer KVM_GET_API_VERSION)",
		"remove whatever stands at /dev/kvm and reload the module "
		"(sudo modprobe -r kvm_intel kvm_amd; sudo modprobe kvm_intel or kvm_amd)" },
	[KVM_WRONG_VERSION] = { "needs KVM, but /dev/kvm answers API version %s, not 12",
		"use a Linux kernel with the standard KVM API" },
	[KVM_NOT_LINUX] = { "needs KVM, which only Linux has (this is %s)",
		"run it on a Linux machine" },
	[KVM_ERROR] = { "needs KVM, but /dev/kvm cannot be opened: %s",
		"check /dev/kvm and the kvm module" },
};

static void kvm_reason(const struct platform *pf, struct buf *reason, struct buf *fix)
{
	struct buf detail;
	enum platform_kvm k = pf->kvm == KVM_OK || pf->kvm == KVM_UNKNOWN ? KVM_ERROR : pf->kvm;
	buf_init(&detail);
	if (k == KVM_WRONG_VERSION)
		buf_printf(&detail, "%d", pf->kvm_version);
	else if (k == KVM_NOT_LINUX)
		buf_puts(&detail, pf->system);
	else
		buf_puts(&detail, strerror(pf->kvm_errno));
	buf_printf(reason, kvm_texts[k].reason, detail.data);
	buf_puts(fix, kvm_texts[k].fix);
	buf_free(&detail);
}

/* Whether one of names ("podman docker") is a program on PATH. */
static bool program_on_path(const char *names)
{
	struct buf name, path;
	bool found = false;
	buf_init(&name);
	buf_init(&path);
	for (const char *p = names; *p && !found; p += strspn(p, " ")) {
		size_t n = strcspn(p, " ");
		buf_reset(&name);
		buf_add(&name, p, n);
		found = fs_which(name.data, &path);
		p += n;
	}
	buf_free(&name);
	buf_free(&path);
	return found;
}

/* "needs podman or docker on PATH" */
static void program_reason(const char *names, struct buf *reason, struct buf *fix)
{
	struct buf list;
	buf_init(&list);
	for (const char *p = names; *p; p += strspn(p, " ")) {
		size_t n = strcspn(p, " ");
		const char *rest = p + n + strspn(p + n, " ");
		buf_printf(&list, "%s%.*s", !list.len ? "" : *rest ? ", " : " or ", (int)n, p);
		p += n;
	}
	bool several = strchr(names, ' ') != NULL;
	buf_printf(reason, "needs %s on PATH%s", list.data, several ? ", which has none of them" : "");
	buf_printf(fix, "install %s, or put %s on PATH", list.data, several ? "one" : "it");
	buf_free(&list);
}

int platform_check(struct platform *pf, const struct platform_needs *needs,
		   struct buf *reason, struct buf *fix)
{
	if (needs->nsystems) {
		size_t i = 0;
		while (i < needs->nsystems && strcmp(needs->systems[i], pf->system))
			i++;
		if (i == needs->nsystems) {
			buf_puts(reason, "runs on");
			for (i = 0; i < needs->nsystems; i++)
				buf_printf(reason, "%s%s", i ? ", " : " ", needs->systems[i]);
			buf_printf(reason, "; this machine is %s", pf->system);
			if (needs->nsystems == 1)
				buf_printf(fix, "run it on a machine whose system is %s", needs->systems[0]);
			else
				buf_puts(fix, "run it on a machine whose system is one of those");
			return EXIT_UNAVAILABLE;
		}
	}
	if (needs->kvm && kvm_verdict(pf) != KVM_OK) {
		kvm_reason(pf, reason, fix);
		return EXIT_UNAVAILABLE;
	}
	for (size_t i = 0; i < needs->nprograms; i++)
		if (!program_on_path(needs->programs[i])) {
			program_reason(needs->programs[i], reason, fix);
			return EXIT_UNAVAILABLE;
		}
	return 0;
}
