#ifndef UP_PLATFORM_H
#define UP_PLATFORM_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* What this machine can run: its Nix system string and its capabilities.
 * The KVM probe runs once, on first need. */
enum platform_kvm {
	KVM_UNKNOWN,
	KVM_OK,
	KVM_NO_DEVICE,
	KVM_NO_PERMISSION,
	KVM_NOT_KVM,
	KVM_WRONG_VERSION,
	KVM_NOT_LINUX,
	KVM_ERROR,
};

struct platform {
	char *system;
	enum platform_kvm kvm;
	int kvm_errno;
	int kvm_version;
};

/* What something needs of the machine it runs on. */
struct platform_needs {
	const char *const *systems; /* one of these (none: any system) */
	size_t nsystems;
	bool kvm;                   /* requires = [ "kvm" ] */
	const char *const *programs; /* each: names, one of which must be on PATH ("a b") */
	size_t nprograms;
};

void platform_init(struct platform *pf);
const char *platform_system(const struct platform *pf);
/* 0 when this machine meets needs; else 69, with why not in reason (one
 * line) and what the user can do about it in fix. */
int platform_check(struct platform *pf, const struct platform_needs *needs,
		   struct buf *reason, struct buf *fix);
void platform_free(struct platform *pf);
/* How many CPUs this process may run on: its affinity mask where the
 * system has one (taskset, cgroups' cpusets), else the CPUs online; at
 * least 1. */
int platform_cpus(void);

#endif
