#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "completions.h"
#include "exitcode.h"
#include "fs.h"
#include "cache_load.h"
#include "manifest.h"
#include "quote.h"
#include "shell_pieces.h"
#include "text.h"

/* A shell: its pieces, how its arrays are written, and where it loads
 * completions for up from. */
struct shell {
	const char *name;
	const char *head, *dynamic, *fixed, *common;
	const char *open;            /* starts an array; %s is its name */
	const char *item;            /* goes before each element */
	const char *close;           /* ends an array */
	void (*quote)(struct buf *out, const char *s);
	size_t base;                 /* index of an array's first element */
	const char *configured;      /* where make install put it (configure) */
	const char *files[6];        /* where else it may be; %s is $HOME */
	const char *how;             /* how to add them */
};

static const struct shell shells[] = {
	{ "bash", shell_bash_head, shell_bash_dynamic, shell_bash_static, shell_bash_common,
	  "%s=(", "\n\t", "\n)\n", quote_word, 0, UP_BASHCOMPDIR "/up",
	  { "%s/.local/share/bash-completion/completions/up", "/usr/share/bash-completion/completions/up",
	    "/usr/local/share/bash-completion/completions/up",
	    "%s/.nix-profile/share/bash-completion/completions/up",
	    "/run/current-system/sw/share/bash-completion/completions/up", NULL },
	  "add `source <(up --completions bash)` to ~/.bashrc" },
	{ "zsh", shell_zsh_head, shell_zsh_dynamic, shell_zsh_static, shell_zsh_common,
	  "typeset -ga %s=(", "\n\t", "\n)\n", quote_single, 1, UP_ZSHCOMPDIR "/_up",
	  { "/usr/share/zsh/site-functions/_up", "/usr/local/share/zsh/site-functions/_up",
	    "%s/.nix-profile/share/zsh/site-functions/_up",
	    "/run/current-system/sw/share/zsh/site-functions/_up", NULL },
	  "add `source <(up --completions zsh)` to ~/.zshrc, after compinit" },
	{ "fish", shell_fish_head, shell_fish_dynamic, shell_fish_static, shell_fish_common,
	  "set -g %s", " \\\n    ", "\n", quote_fish, 1, UP_FISHCOMPDIR "/up.fish",
	  { "%s/.config/fish/completions/up.fish", "/usr/share/fish/vendor_completions.d/up.fish",
	    "/usr/local/share/fish/vendor_completions.d/up.fish",
	    "%s/.nix-profile/share/fish/vendor_completions.d/up.fish", NULL },
	  "up --completions fish > ~/.config/fish/completions/up.fish" },
};
enum { NSHELLS = sizeof shells / sizeof shells[0] };

const char *completions_shell(size_t i)
{
	return i < NSHELLS ? shells[i].name : NULL;
}

static void array_open(struct buf *b, const struct shell *sh, const char *name)
{
	buf_printf(b, sh->open, name);
}

static void array_item(struct buf *b, const struct shell *sh, const char *s)
{
	buf_puts(b, sh->item);
	sh->quote(b, s);
}

/* An element "NAME<TAB>DESCRIPTION": one line of the protocol. */
static void array_line(struct buf *b, const struct shell *sh, const char *name, const char *desc)
{
	struct buf line;
	buf_init(&line);
	buf_printf(&line, "%s\t%s", name, desc);
	array_item(b, sh, line.data);
	buf_free(&line);
}

struct array {
	struct buf *b;
	const struct shell *sh;
};

static void option_element(void *arg, const char *name, const char *help)
{
	struct array *a = arg;
	array_line(a->b, a->sh, name, help);
}

/* __up_opt_lines (every visible option, short then long name, with its
 * help) and __up_value_opts (those that take a value). */
static void put_options(struct buf *b, const struct shell *sh)
{
	size_t n;
	const struct option_spec *table = options_table(&n);
	struct buf name;
	buf_init(&name);
	array_open(b, sh, "__up_opt_lines");
	options_each_name(option_element, &(struct array){ b, sh });
	buf_puts(b, sh->close);
	array_open(b, sh, "__up_value_opts");
	for (size_t i = 0; i < n; i++)
		if (!table[i].hidden && table[i].arg && !table[i].optional) {
			buf_reset(&name);
			buf_printf(&name, "--%s", table[i].name);
			array_item(b, sh, name.data);
		}
	buf_puts(b, sh->close);
	buf_free(&name);
}

/* __up_profile_lines, __up_profile_types (each profile's types as indexes
 * into __up_type_lines) and __up_type_lines. */
static void put_names(struct buf *b, const struct shell *sh, const struct manifest *m)
{
	bool apps = manifest_from_apps(m);   /* a flake's apps have no types */
	struct buf idx;
	buf_init(&idx);
	array_open(b, sh, "__up_profile_lines");
	for (size_t p = 0; p < manifest_profile_count(m); p++)
		array_line(b, sh, manifest_profile_name(m, p), manifest_profile_description(m, p));
	buf_puts(b, sh->close);
	array_open(b, sh, "__up_profile_types");
	for (size_t p = 0; p < manifest_profile_count(m); p++) {
		buf_reset(&idx);
		for (size_t i = 0; !apps && i < manifest_profile_type_count(m, p); i++)
			buf_printf(&idx, "%s%zu", i ? " " : "", manifest_profile_type(m, p, i) + sh->base);
		array_item(b, sh, idx.data);
	}
	buf_puts(b, sh->close);
	array_open(b, sh, "__up_profile_aliases");
	for (size_t p = 0; p < manifest_profile_count(m); p++) {
		buf_reset(&idx);
		for (size_t k = 0; k < manifest_alias_count(m, p); k++)
			buf_printf(&idx, "%s%s", k ? " " : "", manifest_alias(m, p, k));
		array_item(b, sh, buf_str(&idx));
	}
	buf_puts(b, sh->close);
	array_open(b, sh, "__up_type_lines");
	for (size_t t = 0; !apps && t < manifest_type_count(m); t++)
		array_line(b, sh, manifest_type_name(m, t), manifest_type_description(m, t));
	buf_puts(b, sh->close);
	buf_free(&idx);
}

static bool is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static const struct shell *find_shell(const char *name)
{
	for (size_t i = 0; i < NSHELLS; i++)
		if (!strcmp(shells[i].name, name))
			return &shells[i];
	return NULL;
}

bool completions_installed(const char *shell, struct buf *where, const char **how)
{
	const char *home = getenv("HOME");
	const struct shell *sh = find_shell(shell);
	buf_reset(where);
	*how = sh ? sh->how : "use bash, zsh or fish, for which up has completions";
	if (!sh)
		return false;
	if (!skip_prefix(sh->configured, "no/") && is_file(sh->configured)) {
		buf_puts(where, sh->configured);
		return true;
	}
	for (size_t k = 0; sh->files[k]; k++) {
		const char *f = sh->files[k];
		buf_reset(where);
		if (skip_prefix(f, "%s") && !home)
			continue;
		if (skip_prefix(f, "%s"))
			buf_printf(where, "%s%s", home, f + 2);
		else
			buf_puts(where, f);
		if (is_file(where->data))
			return true;
	}
	buf_reset(where);
	return false;
}

/* HEAD, then DYNAMIC or the embedded names and STATIC, then COMMON. */
static int script(struct buf *b, const struct shell *sh, const struct options *o, struct buf *said)
{
	buf_puts(b, sh->head);
	if (!o->static_completions) {
		/* The up printing this, asked at TAB time while it is there. */
		struct buf self;
		buf_init(&self);
		if (fs_self_exe(FS_SELF_LINK, o->argv0, &self)) {
			buf_puts(b, "\n");
			array_open(b, sh, "__up_self");
			array_item(b, sh, self.data);
			buf_puts(b, sh->close);
		}
		buf_free(&self);
		buf_printf(b, "\n%s", sh->dynamic);
	} else {
		struct manifest m;
		manifest_init(&m);
		struct load_named rq = { o->flake, o->attr, o->no_cache, o->refresh, 0, o->attr_given };
		int rc = manifest_load_named(&m, &rq, said);
		if (rc) {
			manifest_free(&m);
			return rc;
		}
		buf_printf(b, "\n# Static: the names of the manifest %s are embedded below, so no up\n"
			   "# runs at TAB time. Regenerate with up --completions %s --static.\n",
			   manifest_name(&m), sh->name);
		put_options(b, sh);
		put_names(b, sh, &m);
		buf_printf(b, "\n%s", sh->fixed);
		manifest_free(&m);
	}
	buf_printf(b, "\n%s", sh->common);
	return 0;
}

int completions_main(const struct options *o)
{
	const struct shell *sh = find_shell(o->completions);
	struct buf b, said;
	int rc;
	buf_init(&b);
	buf_init(&said);
	if (sh) {
		rc = script(&b, sh, o, &said);
	} else {
		text_show_name(&b, o->completions);
		rc = fail(&said, EXIT_USAGE, "unknown shell %s for --completions: give bash, zsh or fish",
			  b.data);
	}
	fputs(buf_str(&said), stderr);
	if (!rc && (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout))) {
		fprintf(stderr, "up: cannot write the completion script: %s\n", strerror(errno));
		rc = EXIT_INTERNAL;
	}
	buf_free(&b);
	buf_free(&said);
	return rc;
}
