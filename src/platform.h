#ifndef UP_PLATFORM_H
#define UP_PLATFORM_H

#include <stddef.h>

#include "manifest.h"

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
	char system[64];
	enum platform_kvm kvm;
	int kvm_errno;
	int kvm_version;
	char reason[512];
	char fix[512];
};

void platform_init(struct platform *pf);
const char *platform_system(const struct platform *pf);
/* NULL when type t of m can run here; else why not, in one line.
 * The text stays valid until the next call. */
const char *platform_reason(struct platform *pf, const struct manifest *m, size_t t);
/* After a non-NULL platform_reason: what the user can do about it. */
const char *platform_fix(const struct platform *pf);
/* The KVM verdict, probing /dev/kvm on the first call. */
enum platform_kvm platform_kvm(struct platform *pf);

#endif
