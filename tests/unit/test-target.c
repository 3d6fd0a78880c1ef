/* Names to a target, and whether this machine can run it, with a machine
 * made up for the test (its system, and no KVM). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tap.h"
#include "target.h"

static const char manifest_json[] =
	"{\"version\":1,\"defaults\":{\"type\":\"runner\"},"
	"\"types\":[{\"name\":\"runner\"},{\"name\":\"vm\",\"requires\":[\"kvm\"]},"
	"{\"name\":\"mac\",\"systems\":[\"aarch64-darwin\"]}],"
	"\"profiles\":{\"default\":{},\"low-latency\":{\"types\":[\"vm\",\"runner\"],\"aliases\":[\"ll\"]},"
	"\"debug\":{\"types\":[\"runner\"]},\"macos\":{\"systems\":[\"aarch64-darwin\"],\"types\":[\"runner\"]}}}";

static int resolve(struct target *tg, const struct manifest *m, const char *profile,
		   const char *type, struct buf *err)
{
	char *args[] = { "1", NULL };
	struct target_words w = { profile, type, args, 1 };
	buf_reset(err);
	return target_resolve(tg, m, &w, err);
}

int main(void)
{
	struct manifest m;
	struct buf err = BUF_INIT, reason = BUF_INIT, fix = BUF_INIT;
	struct target tg;
	manifest_init(&m);
	int rc = manifest_parse(&m, manifest_json, strlen(manifest_json), "test", &err);
	tap_ok(rc == 0, "the manifest parses %s", err.data);

	tap_ok(resolve(&tg, &m, NULL, NULL, &err) == 0 &&
	       !strcmp(manifest_profile_name(&m, tg.profile), "default") &&
	       !strcmp(manifest_type_name(&m, tg.type), "runner"), "no names: the defaults");
	tap_ok(resolve(&tg, &m, "ll", NULL, &err) == 0 &&
	       !strcmp(manifest_profile_name(&m, tg.profile), "low-latency") &&
	       !strcmp(manifest_type_name(&m, tg.type), "runner"),
	       "an alias names its profile; defaults.type, as the profile lists it");
	tap_ok(resolve(&tg, &m, "debug", NULL, &err) == 0 && !strcmp(manifest_type_name(&m, tg.type), "runner"),
	       "a profile's only type");
	rc = resolve(&tg, &m, "low-latncy", NULL, &err);
	tap_ok(rc == 64 && strstr(err.data, "unknown profile 'low-latncy'; did you mean 'low-latency'?"),
	       "an unknown profile: 64, the closest name: %s", err.data);
	rc = resolve(&tg, &m, "debug", "vm", &err);
	tap_ok(rc == 64 && strstr(err.data, "profile 'debug' does not list type 'vm'"),
	       "a type the profile does not list: 64, saying so: %s", err.data);
	rc = resolve(&tg, &m, "default", "vn", &err);
	tap_ok(rc == 64 && strstr(err.data, "did you mean 'vm'"), "an unknown type: the closest one");
	rc = resolve(&tg, &m, "debug", "--port", &err);
	tap_ok(rc == 64 && strstr(err.data, "unknown type '--port'"),
	       "a TYPE that starts with '-' (only a program can give one; the command line refuses "
	       "such a word): an unknown type");

	struct platform pf = { .system = "x86_64-linux", .kvm = KVM_NO_DEVICE };
	tap_ok(target_available(&(struct target){ manifest_profile_find(&m, "default"),
						   manifest_type_find(&m, "runner") }, &m, &pf, &reason, &fix) == 0,
	       "a target without systems or requires runs anywhere");
	buf_reset(&reason);
	rc = target_available(&(struct target){ manifest_profile_find(&m, "default"), manifest_type_find(&m, "vm") },
			      &m, &pf, &reason, &fix);
	tap_ok(rc == 69 && strstr(reason.data, "needs KVM, but /dev/kvm does not exist"),
	       "requires kvm without /dev/kvm: 69, why: %s", reason.data);
	buf_reset(&reason);
	rc = target_available(&(struct target){ manifest_profile_find(&m, "default"), manifest_type_find(&m, "mac") },
			      &m, &pf, &reason, &fix);
	tap_ok(rc == 69 && strstr(reason.data, "runs on aarch64-darwin; this machine is x86_64-linux"),
	       "a type's systems: %s", reason.data);
	buf_reset(&reason);
	rc = target_available(&(struct target){ manifest_profile_find(&m, "macos"), manifest_type_find(&m, "runner") },
			      &m, &pf, &reason, &fix);
	tap_ok(rc == 69 && strstr(reason.data, "profile 'macos' runs on aarch64-darwin"),
	       "a profile's systems, the profile named: %s", reason.data);

	struct buf out = BUF_INIT;
	target_list(&out, &m, &pf, MANIFEST_NONE, true);
	tap_ok(!strncmp(out.data, "[{\"schema\":1,\"profile\":\"debug\",\"type\":\"runner\"", 46),
	       "--list --json: schema 1 in every element, profiles in order: %.60s", out.data);
	tap_ok(strstr(out.data, "\"profile\":\"low-latency\",\"type\":\"vm\",\"app\":\"low-latency-vm\",\"available\":false,"
		      "\"reason\":\"needs KVM, but /dev/kvm does not exist\",\"profile_description\":\"\","
		      "\"type_description\":\"\",\"aliases\":[\"ll\"],\"systems\":[]}") != NULL,
	       "... each with why not, descriptions and aliases");
	buf_free(&out);
	buf_free(&err);
	buf_free(&reason);
	buf_free(&fix);
	manifest_free(&m);
	return tap_done();
}
