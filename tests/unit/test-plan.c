/* The plan: the argv a target comes down to, printed so that sh -c gives
 * it back word for word, and as JSON. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "plan.h"
#include "tap.h"

int main(void)
{
	struct nix nx = { .bin = "nix", .extra_features = false };
	char *args[] = { "a b", "it's", "", "$(id)", NULL };
	struct plan_context ctx = { &nx, ".", args, 4 };
	struct plan pl;
	plan_init(&pl);

	plan_build(&pl, &ctx, "default", "runner", "default-runner");
	tap_ok(pl.argc == 8 && !strcmp(pl.argv[0], "nix") && !strcmp(pl.argv[1], "run") &&
	       !strcmp(pl.argv[2], ".#default-runner") && !strcmp(pl.argv[3], "--") &&
	       !strcmp(pl.argv[4], "a b") && !strcmp(pl.argv[7], "$(id)") && !pl.argv[8],
	       "argv: nix run FLAKE#APP -- ARG..., NULL-terminated");
	char *text = plan_command(&pl);
	tap_is(text, "nix run .#default-runner -- 'a b' 'it'\\''s' '' '$(id)'",
	       "the command, each word quoted only as it needs");
	free(text);
	text = plan_json(&pl);
	tap_is(text, "{\"schema\":1,\"profile\":\"default\",\"type\":\"runner\",\"app\":\"default-runner\","
	       "\"argv\":[\"nix\",\"run\",\".#default-runner\",\"--\",\"a b\",\"it's\",\"\",\"$(id)\"],"
	       "\"command\":\"nix run .#default-runner -- 'a b' 'it'\\\\''s' '' '$(id)'\"}",
	       "JSON: schema 1, the target, argv and the command");
	free(text);

	ctx.nargs = 0;
	nx.extra_features = true;
	ctx.flake = "/some dir";
	plan_build(&pl, &ctx, "p", "t", "p-t");
	text = plan_command(&pl);
	tap_is(text, "nix --extra-experimental-features 'nix-command flakes' run '/some dir#p-t'",
	       "without words no --; the feature flag when this nix needs it; a path with a space quoted");
	free(text);
	tap_ok(pl.argc == 5, "... five words");
	plan_free(&pl);
	tap_ok(pl.argc == 0 && pl.argv == NULL, "plan_free leaves an empty plan");
	return tap_done();
}
