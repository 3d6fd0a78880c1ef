#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/kvm.h>
#endif

#include "platform.h"

/* Nix's names: the CPU as Nix spells it, the kernel in lower case. */
static const char *nix_cpu(const char *machine)
{
	static const struct { const char *uname, *nix; } map[] = {
		{ "amd64", "x86_64" }, { "arm64", "aarch64" }, { "i386", "i686" },
		{ "i486", "i686" }, { "i586", "i686" }, { "ppc64le", "powerpc64le" },
		{ "ppc64", "powerpc64" },
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(machine, map[i].uname))
			return map[i].nix;
	return machine;
}

void platform_init(struct platform *pf)
{
	struct utsname u;
	memset(pf, 0, sizeof *pf);
	pf->kvm = KVM_UNKNOWN;
	if (uname(&u) < 0) {
		snprintf(pf->system, sizeof pf->system, "unknown-unknown");
		return;
	}
	char kernel[sizeof u.sysname];
	size_t i = 0;
	for (; u.sysname[i] && i + 1 < sizeof kernel; i++)
		kernel[i] = (char)(u.sysname[i] >= 'A' && u.sysname[i] <= 'Z'
				   ? u.sysname[i] - 'A' + 'a' : u.sysname[i]);
	kernel[i] = '\0';
	snprintf(pf->system, sizeof pf->system, "%.31s-%.31s", nix_cpu(u.machine), kernel);
}

const char *platform_system(const struct platform *pf)
{
	return pf->system;
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

enum platform_kvm platform_kvm(struct platform *pf)
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

static void kvm_reason(struct platform *pf)
{
	char detail[64];
	enum platform_kvm k = pf->kvm == KVM_OK || pf->kvm == KVM_UNKNOWN ? KVM_ERROR : pf->kvm;
	if (k == KVM_WRONG_VERSION)
		snprintf(detail, sizeof detail, "%d", pf->kvm_version);
	else if (k == KVM_NOT_LINUX)
		snprintf(detail, sizeof detail, "%s", pf->system);
	else
		snprintf(detail, sizeof detail, "%s", strerror(pf->kvm_errno));
	snprintf(pf->reason, sizeof pf->reason, kvm_texts[k].reason, detail);
	snprintf(pf->fix, sizeof pf->fix, "%s", kvm_texts[k].fix);
}

const char *platform_reason(struct platform *pf, const struct manifest *m, size_t t)
{
	size_t n = manifest_type_system_count(m, t);
	if (n) {
		size_t i = 0;
		while (i < n && strcmp(manifest_type_system(m, t, i), pf->system))
			i++;
		if (i == n) {
			int len = snprintf(pf->reason, sizeof pf->reason, "runs on");
			for (i = 0; i < n && len > 0 && (size_t)len < sizeof pf->reason; i++)
				len += snprintf(pf->reason + len, sizeof pf->reason - (size_t)len, "%s%s",
						i ? ", " : " ", manifest_type_system(m, t, i));
			if (len > 0 && (size_t)len < sizeof pf->reason)
				snprintf(pf->reason + len, sizeof pf->reason - (size_t)len,
					 "; this machine is %s", pf->system);
			snprintf(pf->fix, sizeof pf->fix, "run it on a machine of one of those systems");
			return pf->reason;
		}
	}
	if (manifest_type_requires_kvm(m, t) && platform_kvm(pf) != KVM_OK) {
		kvm_reason(pf);
		return pf->reason;
	}
	return NULL;
}

const char *platform_fix(const struct platform *pf)
{
	return pf->fix;
}
