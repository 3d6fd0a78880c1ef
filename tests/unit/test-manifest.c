/* The manifest of up(1) THE MANIFEST: what it accepts, and every way it refuses. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "manifest.h"
#include "manifest_impl.h"
#include "text.h"
#include "tap.h"

#define NAME(s) text_is_name(s, TEXT_NAME_MAX)

static size_t systems_of(const struct manifest *m, const char *type)
{
	return manifest_system_count(m, MANIFEST_TYPE, manifest_type_find(m, type));
}

static int parse(struct manifest *m, const char *json, struct buf *err)
{
	buf_reset(err);
	int rc = manifest_parse(m, json, strlen(json), "test#upManifest", err);
	if (err->len && err->data[err->len - 1] == '\n')
		err->data[--err->len] = '\0';  /* one TAP line */
	return rc;
}

#define TYPES "\"types\":{\"runner\":{},\"vm\":{\"systems\":[\"x86_64-linux\"],\"requires\":[\"kvm\"]}}"
#define GOOD_PROFILES "\"profiles\":{\"default\":{}}"

struct bad {
	const char *json;
	const char *needle; /* the message must name this */
};

static const struct bad bad[] = {
	{ "[1]", "test#upManifest is not an up manifest: it is a list of 1 element, while a manifest is" },
	{ "\"s\"", "is not an up manifest: it is a string" },
	{ "{}", "is not an up manifest: it is an empty attribute set" },
	{ "{\"x86_64-linux\":{},\"aarch64-darwin\":{}}", "is not an up manifest: it is an attribute set of 'x86_64-linux', 'aarch64-darwin', while" },
	{ "{\"a\":1,\"b\":1,\"c\":1,\"d\":1,\"e\":1,\"f\":1,\"g\":1,\"h\":1}", "'e', 'f' and 2 more, while" },
	{ "{", "not valid JSON" },
	{ "{\"version\":1," TYPES "," GOOD_PROFILES "} {}", "it is not one JSON document: 2 bytes follow it" },
	{ "{\"version\":1," TYPES "," GOOD_PROFILES "}x", "1 byte follows it" },
	{ "{\"version\":1,\"version\":1," TYPES "," GOOD_PROFILES "}", "the key 'version' appears twice" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"types\":[\"vm\"],\"types\":[\"runner\"]}}}", "the key 'types' appears twice" },
	{ "{\"version\":1," TYPES ",\"profiles\":[{\"name\":\"a\",\"x\":{\"k\":1,\"k\":2}}]}", "the key 'k' appears twice" },
	{ "{\"name\":\"x\"," TYPES "," GOOD_PROFILES "}", "'version' is missing" },
	{ "{\"version\":2," TYPES "," GOOD_PROFILES "}", "version 1 only" },
	{ "{\"version\":\"1\"," TYPES "," GOOD_PROFILES "}", "'version' must be the number 1, not a string" },
	{ "{\"version\":1.5," TYPES "," GOOD_PROFILES "}", "'version' is 1.5" },
	{ "{\"version\":1,\"name\":3," TYPES "," GOOD_PROFILES "}", "field 'name' must be a string" },
	{ "{\"version\":1,\"description\":[]," TYPES "," GOOD_PROFILES "}", "field 'description' must be a string" },
	{ "{\"version\":1,\"app\":{}," TYPES "," GOOD_PROFILES "}", "field 'app' must be a string" },
	{ "{\"version\":1,\"app\":\"{prof}-{type}\"," TYPES "," GOOD_PROFILES "}", "only {profile} and {type}" },
	{ "{\"version\":1,\"app\":\"{profile\"," TYPES "," GOOD_PROFILES "}", "only {profile} and {type}" },
	{ "{\"version\":1,\"app\":\"x}\"," TYPES "," GOOD_PROFILES "}", "'}' without" },
	{ "{\"version\":1,\"app\":\"a b {profile}\"," TYPES "," GOOD_PROFILES "}", "not a valid app name" },
	{ "{\"version\":1," GOOD_PROFILES "}", "field 'types' is missing" },
	{ "{\"version\":1,\"types\":[\"runner\"]," GOOD_PROFILES "}", "types[0] must be an attribute set with a name" },
	{ "{\"version\":1,\"types\":\"runner\"," GOOD_PROFILES "}", "'types' must be an attribute set of types or a list" },
	{ "{\"version\":1,\"types\":[{\"name\":\"a\"},{\"name\":\"a\"}]," GOOD_PROFILES "}", "type 'a' appears twice in the list (types[0] and types[1])" },
	{ "{\"version\":1,\"types\":[{\"description\":\"x\"}]," GOOD_PROFILES "}", "types[0] has no field 'name'" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a\":{\"aliases\":\"b\"}}}", "profile 'a': field 'aliases' must be a list" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a\":{\"aliases\":[\"b c\"]}}}", "profile 'a': aliases[0] 'b c' is not a valid alias (a letter, digit or '_', then" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a\":{\"aliases\":[\"a\"]}}}", "profile 'a': alias 'a' is the profile's own name" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a\":{\"aliases\":[\"b\"]},\"b\":{}}}", "profile 'a': alias 'b' is the name of another profile" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a\":{\"aliases\":[\"x\"]},\"b\":{\"aliases\":[\"x\"]}}}", "alias 'x' is also an alias of profile" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a\":{\"aliases\":[\"x\",\"x\"]}}}", "profile 'a': alias 'x' is given twice" },
	{ "{\"version\":1,\"types\":{}," GOOD_PROFILES "}", "'types' is empty" },
	{ "{\"version\":1,\"types\":{\"run ner\":{}}," GOOD_PROFILES "}", "type 'run ner' is not a valid type name (a letter, digit or '_', then" },
	{ "{\"version\":1,\"types\":{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":{}}," GOOD_PROFILES "}", "is not a valid type name" },
	{ "{\"version\":1,\"types\":{\"runner\":true}," GOOD_PROFILES "}", "type 'runner': must be an attribute set" },
	{ "{\"version\":1,\"types\":{\"runner\":{\"description\":1}}," GOOD_PROFILES "}", "type 'runner': field 'description' must be a string" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"systems\":\"x86_64-linux\"}}," GOOD_PROFILES "}", "type 'vm': field 'systems' must be a list" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"systems\":[1]}}," GOOD_PROFILES "}", "type 'vm': systems[0] must be a string" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"systems\":[\"x86_64-linux\",\"linux\"]}}," GOOD_PROFILES "}", "type 'vm': systems[1] 'linux' is not a Nix system" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"systems\":[\"amd64-linux\"]}}," GOOD_PROFILES "}", "'amd64-linux' is not a Nix system" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"systems\":[\"x86_64-Linux\"]}}," GOOD_PROFILES "}", "'x86_64-Linux' is not a Nix system" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"systems\":[]}}," GOOD_PROFILES "}", "type 'vm': field 'systems' is empty" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"requires\":\"kvm\"}}," GOOD_PROFILES "}", "type 'vm': field 'requires' must be a list" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"requires\":[\"gpu\"]}}," GOOD_PROFILES "}", "type 'vm': requires[0] 'gpu' is not a capability" },
	{ "{\"version\":1,\"types\":{\"vm\":{\"requires\":[null]}}," GOOD_PROFILES "}", "type 'vm': requires[0] must be \"kvm\" or { program = [ ... ]; }, not null" },
	{ "{\"version\":1," TYPES "}", "field 'profiles' is missing" },
	{ "{\"version\":1," TYPES ",\"profiles\":\"default\"}", "'profiles' must be an attribute set or a list" },
	{ "{\"version\":1," TYPES ",\"profiles\":{}}", "'profiles' is empty" },
	{ "{\"version\":1," TYPES ",\"profiles\":[]}", "'profiles' is empty" },
	{ "{\"version\":1," TYPES ",\"profiles\":[\"default\"]}", "profiles[0] must be an attribute set" },
	{ "{\"version\":1," TYPES ",\"profiles\":[{\"description\":\"x\"}]}", "profiles[0] has no field 'name'" },
	{ "{\"version\":1," TYPES ",\"profiles\":[{\"name\":7}]}", "profiles[0]: field 'name' must be a string" },
	{ "{\"version\":1," TYPES ",\"profiles\":[{\"name\":\"a\"},{\"name\":\"a\"}]}", "profile 'a' appears twice" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"-bad\":{}}}", "profile '-bad' is not a valid profile name" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a$(id)\":{}}}", "profile 'a$(id)' is not a valid profile name" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"new\\nline\":{}}}", "profile 'new\\x0aline'" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":[]}}", "profile 'default': must be an attribute set" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"types\":\"runner\"}}}", "profile 'default': field 'types' must be a list" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"types\":[\"vmm\"]}}}", "profile 'default': types[0] 'vmm' is not declared in 'types' (declared: runner vm)" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"types\":[\"vm\",\"vm\"]}}}", "profile 'default': types[1] lists type 'vm' twice" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"types\":[]}}}", "profile 'default': field 'types' is empty" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"types\":[3]}}}", "profile 'default': types[0] must be a string" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"app\":\"x\"}}}", "profile 'default': field 'app' must be an attribute set" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"app\":{\"runner\":1}}}}", "profile 'default': app.'runner' must be a string" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"types\":[\"runner\"],\"app\":{\"vm\":\"x\"}}}}", "profile 'default': app.'vm' names a type the profile does not list" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"app\":{\"runner\":\"a.b\"}}}}", "profile 'default': app.'runner' 'a.b' is not a valid app name" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"default\":{\"description\":false}}}", "profile 'default': field 'description' must be a string" },
	{ "{\"version\":1," TYPES "," GOOD_PROFILES ",\"defaults\":[]}", "field 'defaults' must be an attribute set" },
	{ "{\"version\":1," TYPES "," GOOD_PROFILES ",\"defaults\":{\"profile\":\"nope\"}}", "defaults.profile 'nope' names no profile" },
	{ "{\"version\":1," TYPES "," GOOD_PROFILES ",\"defaults\":{\"type\":\"nope\"}}", "defaults.type 'nope' names no type" },
	{ "{\"version\":1," TYPES "," GOOD_PROFILES ",\"defaults\":{\"profile\":1}}", "defaults: field 'profile' must be a string" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"mac\":{\"systems\":[]}}}", "profile 'mac': field 'systems' is empty" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"mac\":{\"systems\":[\"darwin\"]}}}", "profile 'mac': systems[0] 'darwin' is not a Nix system" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"mac\":{\"requires\":[\"gpu\"]}}}", "profile 'mac': requires[0] 'gpu' is not a capability" },
	{ "{\"version\":1," TYPES ",\"profiles\":{\"a\":{\"app\":{\"runner\":\"x\"}},\"b\":{\"types\":[\"vm\"],\"app\":{\"vm\":\"x\"}}}}",
	  "profile 'a' type 'runner' and profile 'b' type 'vm' both have the app 'x', but every target needs an app of its own" },
	{ "{\"version\":1,\"app\":\"{type}\"," TYPES ",\"profiles\":{\"a\":{},\"b\":{}}}",
	  "profile 'a' type 'runner' and profile 'b' type 'runner' both have the app 'runner'" },
	{ "{\"version\":1,\"app\":\"a-{type}\"," TYPES ",\"profiles\":{\"a\":{\"types\":[\"vm\"]},\"b\":{\"app\":{\"runner\":\"a-vm\"}}}}",
	  "profile 'a' type 'vm' and profile 'b' type 'runner' both have the app 'a-vm'" },
	{ "{\"version\":1,\"app\":\"{profile}-{name}\"," TYPES "," GOOD_PROFILES "}",
	  "field 'app' '{profile}-{name}': only {profile} and {type} may appear in braces" },
	{ "{\"version\":1,\"app\":\"{profile}-{typ\"," TYPES "," GOOD_PROFILES "}",
	  "field 'app' '{profile}-{typ': only {profile} and {type} may appear in braces" },
	{ "{\"version\":1,\"app\":\"{profile}}\"," TYPES "," GOOD_PROFILES "}",
	  "field 'app': '}' without a matching {profile} or {type}" },
	{ "{\"version\":1,\"app\":\"{profile}.{type}\"," TYPES "," GOOD_PROFILES "}",
	  "gives profile 'default' type 'runner' the app 'default.runner', which is not a valid app name" },
};

static void refuses(void)
{
	struct manifest m;
	struct buf err;
	manifest_init(&m);
	buf_init(&err);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		int rc = parse(&m, bad[i].json, &err);
		int named = strstr(err.data, bad[i].needle) != NULL;
		tap_ok(rc == 65 && named, "malformed %zu refused with 65: %s", i + 1,
		       err.len ? err.data : "(no message)");
		if (!named)
			printf("#   expected the message to hold: %s\n", bad[i].needle);
	}
	buf_free(&err);
	manifest_free(&m);
}

static const char spec_example[] =
	"{\"version\":1,\"name\":\"hls-origin\",\"description\":\"HLS test origin\","
	"\"app\":\"{profile}-{type}\",\"defaults\":{\"profile\":\"default\",\"type\":\"runner\"},"
	"\"types\":{\"vm\":{\"description\":\"NixOS VM under QEMU\",\"systems\":[\"x86_64-linux\"],\"requires\":[\"kvm\"]},"
	"\"container\":{\"description\":\"OCI container\",\"systems\":[\"x86_64-linux\",\"aarch64-linux\"]},"
	"\"runner\":{\"description\":\"Local process\"}},"
	"\"profiles\":{\"low-latency\":{\"description\":\"1 s segments\",\"types\":[\"vm\",\"runner\"]},"
	"\"default\":{\"description\":\"2 s segments, 720p\"},"
	"\"4k-abr\":{\"description\":\"Multi-bitrate 4K\",\"app\":{\"container\":\"origin-container\"}}},"
	"\"extra\":{\"flake\":\"settings\"}}";

static void accepts(void)
{
	struct manifest m;
	struct buf err;
	manifest_init(&m);
	buf_init(&err);

	int rc = parse(&m, spec_example, &err);
	tap_ok(rc == 0, "the example manifest parses (unknown keys ignored) %s", err.data);
	if (rc) {
		buf_free(&err);
		return;
	}
	tap_ok(!strcmp(manifest_name(&m), "hls-origin") && !strcmp(manifest_description(&m), "HLS test origin"),
	       "name and description");
	tap_ok(manifest_profile_count(&m) == 3 && !strcmp(manifest_profile_name(&m, 0), "4k-abr") &&
	       !strcmp(manifest_profile_name(&m, 1), "default") &&
	       !strcmp(manifest_profile_name(&m, 2), "low-latency"), "attrset profiles are sorted");
	tap_ok(manifest_type_count(&m) == 3 && !strcmp(manifest_type_name(&m, 0), "container") &&
	       !strcmp(manifest_type_name(&m, 2), "vm"), "types are sorted");
	size_t ll = manifest_profile_find(&m, "low-latency");
	tap_ok(manifest_profile_type_count(&m, ll) == 2 &&
	       !strcmp(manifest_type_name(&m, manifest_profile_type(&m, ll, 0)), "vm"),
	       "a profile's types keep its order");
	tap_ok(!strcmp(manifest_type_name(&m, manifest_type_default(&m, ll)), "runner"),
	       "the type default applies to a profile that lists it");
	size_t def = manifest_profile_find(&m, "default");
	tap_ok(manifest_profile_default(&m) == def, "defaults.profile");
	tap_ok(manifest_profile_type_count(&m, def) == 3, "a profile without types lists all types");
	const char *app = manifest_app(&m, manifest_profile_find(&m, "4k-abr"), manifest_type_find(&m, "container"));
	tap_ok(!strcmp(app, "origin-container"), "app.<type> overrides the template: %s", app);
	app = manifest_app(&m, manifest_profile_find(&m, "4k-abr"), manifest_type_find(&m, "runner"));
	tap_ok(!strcmp(app, "4k-abr-runner"), "the template elsewhere: %s", app);
	tap_ok(manifest_requires_kvm(&m, MANIFEST_TYPE, manifest_type_find(&m, "vm")) &&
	       !manifest_requires_kvm(&m, MANIFEST_TYPE, manifest_type_find(&m, "runner")), "requires kvm");
	tap_ok(systems_of(&m, "container") == 2, "systems kept");

	/* null is as good as absent, for every optional field. */
	rc = parse(&m, "{\"version\":1,\"name\":null,\"description\":null,\"app\":null,\"defaults\":null,"
		       "\"types\":{\"r\":{\"description\":null,\"systems\":null,\"requires\":null}},"
		       "\"profiles\":{\"p\":{\"description\":null,\"types\":null,\"app\":null}}} \n", &err);
	tap_ok(rc == 0 && !strcmp(manifest_name(&m), "up") && !strcmp(manifest_profile_description(&m, 0), "") &&
	       !strcmp(manifest_app(&m, 0, 0), "p-r"), "null is taken as absent (white space after the document too) %s",
	       err.data);

	/* List form, shown in order; missing defaults. */
	rc = parse(&m, "{\"version\":1,\"types\":{\"b\":{},\"a\":{}},"
		       "\"profiles\":[{\"name\":\"zeta\",\"types\":[\"b\",\"a\"]},{\"name\":\"alpha\"}],"
		       "\"defaults\":{\"type\":\"a\"}}", &err);
	tap_ok(rc == 0 && !strcmp(manifest_profile_name(&m, 0), "zeta") &&
	       !strcmp(manifest_profile_name(&m, 1), "alpha"), "list profiles keep their order");
	tap_ok(rc == 0 && manifest_profile_default(&m) == 0,
	       "without defaults.profile and without 'default', the first profile");
	tap_ok(rc == 0 && !strcmp(manifest_type_name(&m, manifest_type_default(&m, 0)), "a"),
	       "defaults.type when the profile lists it");
	tap_ok(rc == 0 && !strcmp(manifest_name(&m), "up"), "a missing name reads as 'up'");

	rc = parse(&m, "{\"version\":1,\"types\":{\"b\":{},\"a\":{}},"
		       "\"profiles\":{\"x\":{\"types\":[\"b\"]},\"default\":{}},"
		       "\"defaults\":{\"type\":\"a\"}}", &err);
	size_t x = manifest_profile_find(&m, "x");
	tap_ok(rc == 0 && !strcmp(manifest_profile_name(&m, manifest_profile_default(&m)), "default"),
	       "without defaults.profile, 'default' when it exists");
	tap_ok(rc == 0 && !strcmp(manifest_type_name(&m, manifest_type_default(&m, x)), "b"),
	       "a profile that does not list defaults.type takes its first type");

	/* Descriptions: one line, control characters as spaces. */
	rc = parse(&m, "{\"version\":1,\"types\":{\"r\":{\"description\":\"a\\nb\\tc\\u001b[31md\\u009be\"}},"
		       "\"profiles\":{\"p\":{\"description\":\"$(id) `x` 'q'\"}}}", &err);
	tap_ok(rc == 0 && !strcmp(manifest_type_description(&m, 0), "a b c [31md e"),
	       "control characters (C0, ESC, C1) shown as spaces: %s", rc ? "" : manifest_type_description(&m, 0));
	tap_ok(rc == 0 && !strcmp(manifest_profile_description(&m, 0), "$(id) `x` 'q'"),
	       "descriptions are kept as data");
	rc = parse(&m, "{\"version\":1,\"types\":{\"r\":{\"description\":\"safe\\u202etxt.exe\"}},"
		       "\"profiles\":{\"p\":{\"description\":\"zero\\u200bwidth\\ufeff \\u00e9\"}}}", &err);
	tap_ok(rc == 0 && !strcmp(manifest_type_description(&m, 0), "safe<U+202E>txt.exe"),
	       "a bidi control is shown visibly: %s", rc ? "" : manifest_type_description(&m, 0));
	tap_ok(rc == 0 && !strcmp(manifest_profile_description(&m, 0), "zero<U+200B>width<U+FEFF> \xc3\xa9"),
	       "zero-width characters too, other text kept: %s", rc ? "" : manifest_profile_description(&m, 0));
	char *clean = text_clean("ok\xff\xc3\xa9");
	tap_ok(!strcmp(clean, "ok?\xc3\xa9"), "invalid UTF-8 shown as '?', valid kept");
	free(clean);

	tap_ok(NAME("a") && NAME("4k-abr") && NAME("_x+y-z") &&
	       !NAME("") && !NAME("-x") && !NAME("+x") &&
	       !NAME("a.b") && !NAME("a b") &&
	       NAME("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa") &&
	       !NAME("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
	       "the name rule ^[A-Za-z0-9_][A-Za-z0-9_+-]{0,63}$");
	buf_free(&err);
	manifest_free(&m);
}

/* Whether every string m answers with lies in its block (or is ""). */
static int inside(const struct manifest *m, const char *s)
{
	size_t len;
	const char *block = manifest_bytes(m, &len);
	return !*s || (s >= block && s + strlen(s) < block + len);
}

static int all_inside(const struct manifest *m)
{
	int ok = inside(m, manifest_name(m)) && inside(m, manifest_description(m));
	for (size_t t = 0; t < manifest_type_count(m) && t < 64; t++)
		ok = ok && inside(m, manifest_type_name(m, t)) && inside(m, manifest_type_description(m, t)) &&
		     inside(m, manifest_type_name(m, manifest_type_in_order(m, t)));
	for (size_t p = 0; p < manifest_profile_count(m) && p < 64; p++) {
		ok = ok && inside(m, manifest_profile_name(m, p)) &&
		     inside(m, manifest_profile_description(m, p));
		for (size_t i = 0; i < manifest_profile_type_count(m, p) && i < 64; i++)
			ok = ok && inside(m, manifest_app(m, p, manifest_profile_type(m, p, i)));
		for (size_t k = 0; k < manifest_alias_count(m, p) && k < 64; k++)
			ok = ok && inside(m, manifest_alias(m, p, k));
		for (size_t k = 0; k < manifest_system_count(m, MANIFEST_PROFILE, p) && k < 64; k++)
			ok = ok && inside(m, manifest_system(m, MANIFEST_PROFILE, p, k));
	}
	ok = ok && (manifest_profile_find(m, "stress") == MANIFEST_NONE ||
		    manifest_profile_find(m, "stress") < manifest_profile_count(m));
	return ok;
}

/* The packed form: stored as it is, read back without parsing, found by
 * binary search, and never read outside itself. */
static void packed(void)
{
	struct manifest m, back;
	struct buf err;
	manifest_init(&m);
	manifest_init(&back);
	buf_init(&err);
	int rc = parse(&m, spec_example, &err);
	size_t len;
	const char *bytes = manifest_bytes(&m, &len);
	char *copy = malloc(len);
	memcpy(copy, bytes, len);
	tap_ok(rc == 0 && manifest_adopt(&back, copy, len), "the packed form is taken back");
	tap_ok(!strcmp(manifest_name(&back), "hls-origin") && manifest_profile_count(&back) == 3 &&
	       !strcmp(manifest_app(&back, manifest_profile_find(&back, "4k-abr"),
				    manifest_type_find(&back, "container")), "origin-container") &&
	       manifest_requires_kvm(&back, MANIFEST_TYPE, manifest_type_find(&back, "vm")),
	       "and answers as the parsed manifest does");
	for (size_t cut = 0; cut < len; cut += len / 7 + 1) {
		char *part = malloc(cut + 1);
		memcpy(part, bytes, cut);
		tap_ok(!manifest_adopt(&back, part, cut), "a packed form cut at %zu bytes is refused", cut);
	}
	char *bad = malloc(len);
	memcpy(bad, bytes, len);
	bad[0] ^= 1;
	tap_ok(!manifest_adopt(&back, bad, len), "a packed form with another magic is refused");
	rc = parse(&m, "{\"version\":1,\"types\":[{\"name\":\"r\"},{\"name\":\"c\",\"systems\":[\"x86_64-linux\"]}],"
		   "\"profiles\":{\"a\":{\"aliases\":[\"x\",\"y\"]},\"stress-test\":{\"aliases\":[\"stress\"],"
		   "\"systems\":[\"aarch64-darwin\"]}}}", &err);
	bytes = manifest_bytes(&m, &len);
	tap_ok(rc == 0, "a manifest with every table (aliases, types in order) to damage");
	/* Damage every word after the header, one at a time, to values that
	 * point far outside, just outside and inside the block: whatever is
	 * taken back answers only with strings that lie in its block. */
	size_t damaged = 0, outside = 0;
	const uint32_t values[] = { 0xffffffffu, (uint32_t)len, (uint32_t)len - 1, 3, 0x7fffffffu };
	for (size_t at = sizeof(uint32_t) * 3; at + 4 <= len - 1; at += 4) {
		for (size_t v = 0; v < sizeof values / sizeof *values; v++) {
			bad = malloc(len);
			memcpy(bad, bytes, len);
			memcpy(bad + at, &values[v], 4);
			if (!manifest_adopt(&back, bad, len))
				continue;
			damaged++;
			outside += !all_inside(&back);
		}
	}
	/* A profile's own counts damaged: refused, never counted through. */
	bad = malloc(len);
	memcpy(bad, bytes, len);
	struct mf_head hd;
	memcpy(&hd, bad, sizeof hd);
	uint32_t huge = 0xffffffffu;
	memcpy(bad + hd.profiles + offsetof(struct mf_profile, naliases), &huge, 4);
	tap_ok(!manifest_adopt(&back, bad, len), "a profile whose alias count runs past the block is refused");
	bad = malloc(len);
	memcpy(bad, bytes, len);
	memcpy(bad + hd.profiles + offsetof(struct mf_profile, ntypes), &huge, 4);
	tap_ok(!manifest_adopt(&back, bad, len), "... and one whose type count does");
	tap_ok(damaged > 0 && outside == 0,
	       "damaged offsets are never followed outside the block (%zu damaged forms taken back, "
	       "%zu answered from outside)", damaged, outside);

	/* Names in a list-form manifest are found by name, shown in order. */
	rc = parse(&m, "{\"version\":1,\"types\":{\"r\":{}},\"profiles\":[{\"name\":\"p-2\"},"
		       "{\"name\":\"q\"},{\"name\":\"p-10\"},{\"name\":\"p-1\"}]}", &err);
	size_t first, k = manifest_profile_prefix(&m, "p-1", &first);
	tap_ok(rc == 0 && k == 2 && !strcmp(manifest_profile_name(&m, manifest_profile_by_name(&m, first)), "p-1") &&
	       !strcmp(manifest_profile_name(&m, manifest_profile_by_name(&m, first + 1)), "p-10"),
	       "a prefix finds its names in name order");
	tap_ok(manifest_profile_find(&m, "q") == 1 && manifest_profile_find(&m, "p-2") == 0 &&
	       manifest_profile_find(&m, "p") == MANIFEST_NONE && manifest_profile_find(&m, "p-100") == MANIFEST_NONE,
	       "find: exact names only, their place in the list");
	k = manifest_profile_prefix(&m, "", &first);
	tap_ok(k == 4 && first == 0, "the empty prefix: every profile");
	tap_ok(manifest_profile_prefix(&m, "z", &first) == 0, "no name: nothing");
	manifest_free(&m);
	manifest_free(&back);
	buf_free(&err);
}

/* A profile's systems and requires; keys one edit from known ones. */
static void profiles_and_keys(void)
{
	struct manifest m, back;
	struct buf err;
	manifest_init(&m);
	manifest_init(&back);
	buf_init(&err);
	int rc = parse(&m, "{\"version\":1," TYPES ",\"profiles\":{\"mac\":{\"systems\":"
		       "[\"aarch64-darwin\",\"x86_64-darwin\"],\"requires\":[\"kvm\"]},\"any\":{}}}", &err);
	size_t mac = manifest_profile_find(&m, "mac"), any = manifest_profile_find(&m, "any");
	tap_ok(rc == 0 && manifest_system_count(&m, MANIFEST_PROFILE, mac) == 2 &&
	       !strcmp(manifest_system(&m, MANIFEST_PROFILE, mac, 1), "x86_64-darwin") &&
	       manifest_requires_kvm(&m, MANIFEST_PROFILE, mac), "a profile's systems and requires are kept");
	tap_ok(rc == 0 && manifest_system_count(&m, MANIFEST_PROFILE, any) == 0 &&
	       !manifest_requires_kvm(&m, MANIFEST_PROFILE, any), "a profile without them allows everything");
	tap_ok(rc == 0 && manifest_warning_count(&m) == 0, "known keys: no warning");
	rc = parse(&m, "{\"version\":1,\"types\":{\"c\":{\"requires\":[\"kvm\",{\"program\":[\"podman\","
		       "\"docker\"]},{\"program\":[\"qemu-img\"]}]}},\"profiles\":{\"p\":{}}}", &err);
	size_t c = manifest_type_find(&m, "c");
	tap_ok(rc == 0 && manifest_requires_kvm(&m, MANIFEST_TYPE, c) &&
	       manifest_program_count(&m, MANIFEST_TYPE, c) == 2 &&
	       !strcmp(manifest_program(&m, MANIFEST_TYPE, c, 0), "podman docker") &&
	       !strcmp(manifest_program(&m, MANIFEST_TYPE, c, 1), "qemu-img"),
	       "requires: kvm and programs, each requirement its programs in order");
	size_t packed;
	const char *packed_bytes = manifest_bytes(&m, &packed);
	char *packed_copy = xmalloc(packed);
	memcpy(packed_copy, packed_bytes, packed);
	tap_ok(manifest_adopt(&back, packed_copy, packed) &&
	       manifest_program_count(&back, MANIFEST_TYPE, c) == 2 &&
	       !strcmp(manifest_program(&back, MANIFEST_TYPE, c, 0), "podman docker"),
	       "... and so when read back from the packed form");

	rc = parse(&m, "{\"version\":1,\"default\":{},\"typs\":1," TYPES ",\"profiles\":{\"mac\":"
		       "{\"port\":8,\"setting\":{},\"system\":[\"aarch64-darwin\"],\"type\":[\"vm\"]}},"
		       "\"defaults\":{\"profil\":\"mac\"}}", &err);
	size_t n = manifest_warning_count(&m);
	tap_ok(rc == 0 && n == 6, "keys one edit away are warnings, not errors (%zu)", n);
	const char *want[] = {
		"the manifest has the key 'default', which up does not know and ignores; did you mean 'defaults'?",
		"the manifest has the key 'typs', which up does not know and ignores; did you mean 'types'?",
		"profile 'mac' has the key 'setting', which up does not know and ignores; did you mean 'settings'?",
		"profile 'mac' has the key 'system', which up does not know and ignores; did you mean 'systems'?",
		"profile 'mac' has the key 'type', which up does not know and ignores; did you mean 'types'?",
		"field 'defaults' has the key 'profil', which up does not know and ignores; did you mean 'profile'?",
	};
	for (size_t i = 0; i < n && i < 6; i++)
		tap_ok(!strcmp(manifest_warning(&m, i), want[i]), "warning %zu: %s", i + 1,
		       manifest_warning(&m, i));
	tap_ok(rc == 0 && manifest_system_count(&m, MANIFEST_PROFILE, 0) == 0,
	       "... and the mistyped key is ignored: 'system' does not restrict the profile");
	size_t len;
	const char *bytes = manifest_bytes(&m, &len);
	char *copy = malloc(len);
	memcpy(copy, bytes, len);
	tap_ok(manifest_adopt(&back, copy, len) && manifest_warning_count(&back) == 6 &&
	       !strcmp(manifest_warning(&back, 3), want[3]), "the warnings are kept in the packed form");

	struct buf many;
	buf_init(&many);
	buf_puts(&many, "{\"version\":1," TYPES ",\"profiles\":{");
	for (int i = 0; i < 13; i++)
		buf_printf(&many, "%s\"p%02d\":{\"type\":[]}", i ? "," : "", i);
	buf_puts(&many, "}}");
	rc = parse(&m, many.data, &err);
	n = manifest_warning_count(&m);
	tap_ok(rc == 0 && n == 11 && !strcmp(manifest_warning(&m, 10), "... and 3 more keys like these"),
	       "ten warnings at most, then how many more: %s", n ? manifest_warning(&m, n - 1) : "");
	buf_free(&many);
	manifest_free(&m);
	manifest_free(&back);
	buf_free(&err);
}

/* Types as a list keep the author's order; aliases name their profile. */
static void order_and_aliases(void)
{
	struct manifest m, back;
	struct buf err;
	manifest_init(&m);
	manifest_init(&back);
	buf_init(&err);
	int rc = parse(&m, "{\"version\":1,\"types\":[{\"name\":\"runner\"},{\"name\":\"container\"},"
		       "{\"name\":\"vm\",\"description\":\"VM\"}],\"profiles\":{\"default\":{},"
		       "\"stress-test\":{\"aliases\":[\"stress\",\"load\"],\"types\":[\"vm\",\"runner\"]}}}", &err);
	tap_ok(rc == 0, "types as a list, aliases: accepted %s", buf_str(&err));
	size_t p = manifest_profile_find(&m, "default");
	tap_is(manifest_type_name(&m, manifest_profile_type(&m, p, 0)), "runner", "a profile without types: the list's order, first");
	tap_is(manifest_type_name(&m, manifest_profile_type(&m, p, 1)), "container", "... second");
	tap_is(manifest_type_name(&m, manifest_profile_type(&m, p, 2)), "vm", "... third");
	tap_is(manifest_type_name(&m, manifest_type_in_order(&m, 1)), "container", "the display order");
	tap_is(manifest_type_description(&m, manifest_type_find(&m, "vm")), "VM", "a type is still found by name");
	tap_is(manifest_app(&m, p, manifest_type_find(&m, "container")), "default-container", "its app");
	size_t s = manifest_profile_find(&m, "stress-test");
	tap_ok(manifest_profile_find(&m, "stress") == s && manifest_profile_find(&m, "load") == s,
	       "an alias finds its profile");
	tap_ok(manifest_profile_find(&m, "stres") == MANIFEST_NONE, "a part of an alias does not");
	rc = parse(&back, "{\"version\":1,\"types\":{\"r\":{}},\"defaults\":{\"profile\":\"st\"},"
		   "\"profiles\":{\"a\":{},\"b\":{\"aliases\":[\"st\"]}}}", &err);
	tap_ok(rc == 0 && !strcmp(manifest_profile_name(&back, manifest_profile_default(&back)), "b"),
	       "defaults.profile may name an alias %s", buf_str(&err));
	rc = parse(&back, "{\"version\":1,\"types\":{\"r\":{}},"
		   "\"profiles\":{\"a\":{},\"b\":{\"aliases\":[\"default\"]}}}", &err);
	tap_ok(rc == 0 && !strcmp(manifest_profile_name(&back, manifest_profile_default(&back)), "b"),
	       "without defaults.profile, the profile that answers to 'default' (an alias too) is the default");
	manifest_free(&back);
	tap_ok(manifest_alias_count(&m, s) == 2 && !strcmp(manifest_alias(&m, s, 0), "stress") &&
	       !strcmp(manifest_alias(&m, s, 1), "load"), "the aliases, as given");
	size_t first, k = manifest_alias_prefix(&m, "st", &first);
	tap_ok(k == 1 && manifest_alias_profile(&m, first) == s, "aliases by prefix");
	size_t len;
	const char *bytes = manifest_bytes(&m, &len);
	char *copy = xmalloc(len);
	memcpy(copy, bytes, len);
	tap_ok(manifest_adopt(&back, copy, len) && manifest_profile_find(&back, "load") == s &&
	       !strcmp(manifest_type_name(&back, manifest_type_in_order(&back, 2)), "vm"),
	       "both survive packing");
	manifest_free(&m);
	manifest_free(&back);
	buf_free(&err);
}

int main(void)
{
	order_and_aliases();
	refuses();
	accepts();
	packed();
	profiles_and_keys();
	return tap_done();
}
