#ifndef UP_CACHE_INPUTS_H
#define UP_CACHE_INPUTS_H

#include "cache_store.h"
#include "nix.h"

/* What nix's answer depends on besides the flake (up(1) GIT AND THE CACHE), added to a
 * cache key: the nix binary (path and identity), the content
 * of every nix.conf it reads (NIX_CONF_DIR or /etc/nix, NIX_USER_CONF_FILES
 * or the XDG config directories) with the files they include, and the
 * flake registries (user and system) that indirect references resolve
 * through, nix's trusted flake settings, every NIX_ variable; and git as
 * nix runs it: the git binary on PATH (path and identity), its config
 * files, the user's attributes file, every GIT_ variable. Each file is
 * named with its content's hash, or as absent. */
void cache_inputs_add(struct cache_key *k, const struct nix *nx);

/* The files a git config file brings in, appended to out: every file an
 * include.path or includeIf.<condition>.path names (whatever the
 * condition: a false alarm only costs speed), followed to a depth of 10,
 * and the file core.attributesFile names. Relative paths are taken from
 * the config file's directory, "~/" from HOME, as git takes them. text:
 * the config file's content when it was read already, else NULL. */
struct strlist;
void cache_inputs_git_includes(const char *config, const struct buf *text, struct strlist *out);
/* The config files git reads besides the repository's, appended to out:
 * the system's (GIT_CONFIG_SYSTEM, else /etc/gitconfig; none with
 * GIT_CONFIG_NOSYSTEM) and the user's (GIT_CONFIG_GLOBAL, else git/config
 * under XDG_CONFIG_HOME and ~/.gitconfig). */
void cache_inputs_git_configs(struct strlist *out);

#endif
