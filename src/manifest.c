/* The manifest as the rest of up reads it: names, descriptions, which
 * types each profile lists, the defaults, and every target's app. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "manifest.h"
#include "manifest_impl.h"

void manifest_init(struct manifest *m)
{
	memset(m, 0, sizeof *m);
	m->default_type = MANIFEST_NONE;
}

void manifest_free(struct manifest *m)
{
	for (size_t i = 0; i < m->ntypes; i++) {
		struct manifest_type *t = &m->types[i];
		free(t->name);
		free(t->description);
		for (size_t k = 0; k < t->nsystems; k++)
			free(t->systems[k]);
		free(t->systems);
	}
	for (size_t i = 0; i < m->nprofiles; i++) {
		struct manifest_profile *p = &m->profiles[i];
		free(p->name);
		free(p->description);
		free(p->types);
		if (p->apps)
			for (size_t k = 0; k < m->ntypes; k++)
				free(p->apps[k]);
		free(p->apps);
	}
	free(m->types);
	free(m->profiles);
	free(m->name);
	free(m->description);
	free(m->app);
	manifest_init(m);
}

const char *manifest_name(const struct manifest *m) { return m->name; }
const char *manifest_description(const struct manifest *m) { return m->description; }
size_t manifest_profile_count(const struct manifest *m) { return m->nprofiles; }
const char *manifest_profile_name(const struct manifest *m, size_t p) { return m->profiles[p].name; }
const char *manifest_profile_description(const struct manifest *m, size_t p) { return m->profiles[p].description; }
size_t manifest_profile_default(const struct manifest *m) { return m->default_profile; }
size_t manifest_profile_type_count(const struct manifest *m, size_t p) { return m->profiles[p].ntypes; }
size_t manifest_profile_type(const struct manifest *m, size_t p, size_t i) { return m->profiles[p].types[i]; }
size_t manifest_type_count(const struct manifest *m) { return m->ntypes; }
const char *manifest_type_name(const struct manifest *m, size_t t) { return m->types[t].name; }
const char *manifest_type_description(const struct manifest *m, size_t t) { return m->types[t].description; }
bool manifest_type_requires_kvm(const struct manifest *m, size_t t) { return m->types[t].kvm; }

const char *const *manifest_type_systems(const struct manifest *m, size_t t, size_t *n)
{
	*n = m->types[t].nsystems;
	return (const char *const *)m->types[t].systems;
}

size_t manifest_profile_find(const struct manifest *m, const char *name)
{
	for (size_t p = 0; p < m->nprofiles; p++)
		if (!strcmp(m->profiles[p].name, name))
			return p;
	return MANIFEST_NONE;
}

size_t manifest_type_find(const struct manifest *m, const char *name)
{
	for (size_t t = 0; t < m->ntypes; t++)
		if (!strcmp(m->types[t].name, name))
			return t;
	return MANIFEST_NONE;
}

bool manifest_profile_lists(const struct manifest *m, size_t p, size_t t)
{
	for (size_t i = 0; i < m->profiles[p].ntypes; i++)
		if (m->profiles[p].types[i] == t)
			return true;
	return false;
}

size_t manifest_type_default(const struct manifest *m, size_t p)
{
	if (m->default_type != MANIFEST_NONE && manifest_profile_lists(m, p, m->default_type))
		return m->default_type;
	return m->profiles[p].types[0];
}

char *manifest_app(const struct manifest *m, size_t p, size_t t)
{
	if (m->profiles[p].apps && m->profiles[p].apps[t])
		return xstrdup(m->profiles[p].apps[t]);
	struct buf b;
	buf_init(&b);
	for (const char *s = m->app; *s;) {
		if (!strncmp(s, "{profile}", 9)) {
			buf_puts(&b, m->profiles[p].name);
			s += 9;
		} else if (!strncmp(s, "{type}", 6)) {
			buf_puts(&b, m->types[t].name);
			s += 6;
		} else {
			buf_putc(&b, *s++);
		}
	}
	return buf_take(&b);
}
