#ifndef UP_TARGET_H
#define UP_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "manifest.h"
#include "plan.h"
#include "platform.h"

/* A target: one profile with one of the types it lists. */
struct target {
	size_t profile;
	size_t type;
};

/* What a command line names: PROFILE and TYPE (NULL when not given), and
 * the words for the app. */
struct target_words {
	const char *profile;
	const char *type;
	char *const *args;
	size_t nargs;
};

/* Names to indexes; a NULL name takes the manifest default. Returns 0, or 64
 * with what went wrong, the closest names and the list in err. */
int target_resolve(struct target *tg, const struct manifest *m, const struct target_words *w,
		   struct buf *err);
/* Whether this machine can run a target (both its profile and its type
 * allow it): 0, or 69 with why not in reason ("profile 'x' runs on ..."
 * when the profile is the cause, else what the type needs) and what to do
 * in fix. */
int target_available(const struct target *tg, const struct manifest *m, struct platform *pf,
		     struct buf *reason, struct buf *fix);
/* target_available(), with a reason that always names its subject
 * ("type 'vm' needs KVM, ..."), for a line about the target. */
int target_why_not(const struct target *tg, const struct manifest *m, struct platform *pf,
		   struct buf *reason, struct buf *fix);
/* Whether profile p can run here: its own systems and requires, and at
 * least one of its types; 0, or 69 with why not and what to do. */
int target_profile_available(const struct manifest *m, size_t p, struct platform *pf,
			     struct buf *reason, struct buf *fix);
/* Whether the target (its profile or its type) requires KVM. */
bool target_needs_kvm(const struct target *tg, const struct manifest *m);
/* Whether the manifest meant the target for this machine's system (its
 * type's and its profile's systems), whatever else it needs. */
bool target_meant_here(const struct target *tg, const struct manifest *m,
		       const struct platform *pf);
/* The systems the manifest meant the target for (its type's and its
 * profile's systems, both), appended to out; none when every system.
 * Returns the system whose apps to look in: here when the target is meant
 * for it, else the first it is meant for (mkApps leaves it out of the
 * others). */
const char *target_systems(const struct target *tg, const struct manifest *m, const char *here,
			   struct strlist *out);
/* target_available() for a chosen target: 0, or 69 with the reason, the fix
 * and the runnable alternatives as full commands in err. */
int target_check(const struct target *tg, const struct manifest *m, struct platform *pf,
		 const struct plan_context *ctx, struct buf *err);
/* --list: every target of the manifest (or of one profile), as a table or
 * as a JSON array of {profile, type, app, available, reason}. */
void target_list(struct buf *out, const struct manifest *m, struct platform *pf,
		 size_t only_profile, bool json);

#endif
