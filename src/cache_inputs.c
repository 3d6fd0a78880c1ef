#include "config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache_inputs.h"
#include "fs.h"
#include "sha256.h"
#include "text.h"

extern char **environ;

enum { CONF_MAX = 4 << 20, INCLUDE_DEPTH = 8 };

/* label: "PATH sha256:HEX" or "PATH absent"; then, for a nix.conf, the
 * files its include and !include lines name (relative to its directory).
 * With text (not NULL), the file's content is read into it and kept. */
static void add_file_text(struct cache_key *k, const char *label, const char *path, int depth,
			  struct buf *keep)
{
	struct buf text, value;
	struct sha256 h;
	char hex[65];
	buf_init(&text);
	buf_init(&value);
	struct stat st;
	bool got = fs_read_small(path, &text, CONF_MAX, &st);
	if (keep) {
		buf_reset(keep);
		if (got)
			buf_add(keep, buf_str(&text), text.len);
	}
	if (got) {
		sha256_init(&h);
		sha256_add(&h, buf_str(&text), text.len);
		sha256_hex(&h, hex);
		buf_printf(&value, "%s sha256:%s", path, hex);
	} else {
		buf_printf(&value, "%s absent", path);
	}
	cache_key_add(k, label, value.data);
	for (char *line = text.len && depth < INCLUDE_DEPTH ? text.data : NULL, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		line += strspn(line, " \t");
		const char *rest = skip_prefix(line, "include");
		rest = rest ? rest : skip_prefix(line, "!include");
		if (!rest || (*rest != ' ' && *rest != '\t'))
			continue;
		rest += strspn(rest, " \t");
		size_t n = strcspn(rest, " \t\r#");
		if (!n)
			continue;
		buf_reset(&value);
		if (rest[0] == '/') {
			buf_add(&value, rest, n);
		} else {
			const char *slash = strrchr(path, '/');
			buf_printf(&value, "%.*s/%.*s", (int)(slash ? slash - path : 0), path, (int)n, rest);
		}
		char *inc = xstrdup(value.data);
		add_file_text(k, "nix.conf include", inc, depth + 1, NULL);
		free(inc);
	}
	buf_free(&text);
	buf_free(&value);
}

static void add_file(struct cache_key *k, const char *label, const char *path, int depth)
{
	add_file_text(k, label, path, depth, NULL);
}

/* $VAR when it is set and not empty, else fallback under $HOME (NULL: none). */
static char *dir_of(const char *var, const char *home_rel, const char *fallback)
{
	const char *v = getenv(var), *home = getenv("HOME");
	struct buf b;
	buf_init(&b);
	if (v && *v)
		buf_puts(&b, v);
	else if (home_rel && home && *home)
		buf_printf(&b, "%s/%s", home, home_rel);
	else if (fallback)
		buf_puts(&b, fallback);
	else
		return buf_free(&b), NULL;
	return buf_take(&b);
}

/* A git config value: blanks around it dropped, then one pair of quotes. */
static void config_value(const char *v, struct buf *out)
{
	v += strspn(v, " \t");
	size_t n = strcspn(v, "\r#;");
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n >= 2 && v[0] == '"' && v[n - 1] == '"')
		v++, n -= 2;
	buf_reset(out);
	buf_add(out, v, n);
}

static void git_includes(const char *config, const struct buf *read, struct strlist *out, int depth)
{
	struct buf text, value, path;
	struct stat st;
	char section[32] = "";
	buf_init(&text);
	buf_init(&value);
	buf_init(&path);
	if (read)   /* (its text, read already: a copy, cut into lines below) */
		buf_add(&text, buf_str(read), read->len);
	else if (depth > 10 || !fs_read_small(config, &text, CONF_MAX, &st))
		goto done;
	for (char *line = text.data, *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		line += strspn(line, " \t");
		if (*line == '[') {  /* [include], [includeIf "..."], [core] */
			size_t n = strcspn(line + 1, " \t\".]");
			snprintf(section, sizeof section, "%.*s", (int)(n < 31 ? n : 31), line + 1);
			for (char *c = section; *c; c++)
				*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
			line = strchr(line, ']');
			if (!line)
				continue;
			line += 1 + strspn(line + 1, " \t");
		}
		size_t key = strcspn(line, " \t=");
		const char *eq = line + key + strspn(line + key, " \t");
		if (*eq != '=')
			continue;
		bool include = (!strcmp(section, "include") || !strcmp(section, "includeif")) &&
			       key == 4 && !strncasecmp(line, "path", 4);
		bool attributes = !strcmp(section, "core") && key == 14 &&
				  !strncasecmp(line, "attributesfile", 14);
		if (!include && !attributes)
			continue;
		config_value(eq + 1, &value);
		const char *home = getenv("HOME"), *slash = strrchr(config, '/');
		buf_reset(&path);
		if (skip_prefix(value.data, "~/") && home)
			buf_printf(&path, "%s/%s", home, skip_prefix(value.data, "~/"));
		else if (value.data[0] == '/' || !slash)
			buf_puts(&path, value.data);
		else
			buf_printf(&path, "%.*s/%s", (int)(slash - config), config, value.data);
		if (!value.len)
			continue;
		bool seen = false;
		for (size_t i = 0; i < out->n && !seen; i++)
			seen = !strcmp(out->v[i], path.data);
		if (seen)  /* (an include cycle is read once) */
			continue;
		strlist_add(out, path.data);
		if (include)
			git_includes(path.data, NULL, out, depth + 1);
	}
done:
	buf_free(&text);
	buf_free(&value);
	buf_free(&path);
}

void cache_inputs_git_includes(const char *config, const struct buf *text, struct strlist *out)
{
	git_includes(config, text, out, 0);
}

void cache_inputs_git_configs(struct strlist *out)
{
	const char *nosystem = getenv("GIT_CONFIG_NOSYSTEM"), *system = getenv("GIT_CONFIG_SYSTEM");
	const char *global = getenv("GIT_CONFIG_GLOBAL");
	if (!nosystem || !*nosystem || !strcmp(nosystem, "0") || !strcasecmp(nosystem, "false"))
		strlist_add(out, system ? system : "/etc/gitconfig");
	if (global) {
		strlist_add(out, global);
		return;
	}
	char *config_home = dir_of("XDG_CONFIG_HOME", ".config", NULL);
	char *home = dir_of("HOME", NULL, NULL);
	struct buf path;
	buf_init(&path);
	if (config_home) {
		buf_printf(&path, "%s/git/config", config_home);
		strlist_add(out, path.data);
	}
	if (home) {
		buf_reset(&path);
		buf_printf(&path, "%s/.gitconfig", home);
		strlist_add(out, path.data);
	}
	buf_free(&path);
	free(config_home);
	free(home);
}

/* Each item of a ':'-separated list, as dir/suffix. */
static void add_each(struct cache_key *k, const char *label, const char *list, const char *suffix)
{
	struct buf path;
	buf_init(&path);
	for (const char *p = list; p && *p;) {
		size_t n = strcspn(p, ":");
		if (n) {
			buf_reset(&path);
			buf_printf(&path, "%.*s%s", (int)n, p, suffix);
			add_file(k, label, path.data, 0);
		}
		p += n + (p[n] == ':');
	}
	buf_free(&path);
}

void cache_inputs_add(struct cache_key *k, const struct nix *nx)
{
	const char *user_files = getenv("NIX_USER_CONF_FILES");
	struct buf id;
	buf_init(&id);
	nix_identity(nx, &id);
	cache_key_add(k, "nix", id.data);
	char *conf_dir = dir_of("NIX_CONF_DIR", NULL, "/etc/nix");
	char *config_home = dir_of("XDG_CONFIG_HOME", ".config", NULL);
	char *config_dirs = dir_of("XDG_CONFIG_DIRS", NULL, "/etc/xdg");
	add_each(k, "nix.conf", conf_dir, "/nix.conf");
	if (user_files) {
		add_each(k, "nix.conf", user_files, "");
	} else {
		add_each(k, "nix.conf", config_home, "/nix/nix.conf");
		add_each(k, "nix.conf", config_dirs, "/nix/nix.conf");
	}
	add_each(k, "registry", conf_dir, "/registry.json");
	add_each(k, "registry", config_home, "/nix/registry.json");
	/* git's own settings, which nix's git fetcher reads: its configuration
	 * files, the attributes file of the user, and the GIT_ variables. */
	/* the config files git reads (GIT_CONFIG_GLOBAL, _SYSTEM and
	 * _NOSYSTEM heeded), what they include and the attributes file they
	 * name; the attributes files git reads by default */
	struct strlist configs = { 0 }, more = { 0 };
	cache_inputs_git_configs(&configs);
	struct buf text;
	buf_init(&text);
	for (size_t i = 0; i < configs.n; i++) {
		add_file_text(k, "git", configs.v[i], INCLUDE_DEPTH, &text);
		if (text.len)
			cache_inputs_git_includes(configs.v[i], &text, &more);
	}
	buf_free(&text);
	for (size_t i = 0; i < more.n; i++)
		add_file(k, "git include", more.v[i], INCLUDE_DEPTH);
	strlist_free(&configs);
	strlist_free(&more);
	add_each(k, "git", "/etc/gitattributes", "");
	add_each(k, "git", config_home, "/git/attributes");
	/* nix's trusted flake settings (whether a flake's nixConfig applies). */
	char *data_home = dir_of("XDG_DATA_HOME", ".local/share", NULL);
	add_each(k, "trusted", data_home, "/nix/trusted-settings.json");
	free(data_home);
	/* The git nix runs (nix 2.8 runs git itself), as PATH finds it now. */
	struct buf git;
	buf_init(&git);
	struct stat st;
	if (fs_which("git", &git) && stat(git.data, &st) == 0)
		buf_printf(&git, " %llu %llu %lld %lld.%09ld", (unsigned long long)st.st_dev,
			   (unsigned long long)st.st_ino, (long long)st.st_size,
			   (long long)FS_MTIME(st).tv_sec, (long)FS_MTIME(st).tv_nsec);
	else
		buf_puts(&git, " none");
	cache_key_add(k, "git binary", git.data);
	buf_free(&git);
	/* Every variable of nix's (the store it talks to: NIX_REMOTE,
	 * NIX_STORE_DIR, ...) and of git's. */
	for (char **e = environ; *e; e++)
		if (skip_prefix(*e, "GIT_") || skip_prefix(*e, "NIX_"))
			cache_key_add(k, "env", *e);
	free(conf_dir);
	free(config_home);
	free(config_dirs);
	buf_free(&id);
}
