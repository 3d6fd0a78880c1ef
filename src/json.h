#ifndef UP_JSON_H
#define UP_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

#include "buf.h"

/* Reading a cJSON document as a validator does: each getter says in msg
 * what is wrong ("WHERE: field 'KEY' must be ...") and returns false. */

/* "a string", "a list", "an attribute set", ... for messages. */
const char *json_kind(const cJSON *v);
/* The whole of text as one JSON document: nothing but white space after
 * it, and no object with a key twice. NULL, with why in msg, when not. */
cJSON *json_parse_document(const char *text, size_t len, struct buf *msg);
/* The version of the JSON up prints: every object it prints (each element
 * of --list --json's array) starts with "schema": its document's version.
 * It grows only when a field is removed or changes meaning; new fields may
 * appear within one version. --doctor's is 2 (what fails changed). */
enum { JSON_SCHEMA = 1, JSON_SCHEMA_DOCTOR = 2, JSON_SCHEMA_APPS = 2 };
/* JSON_SCHEMA_APPS: a target of a flake without a manifest, whose type and
 * type_description are null (they are strings in schema 1). */
cJSON *json_object(void);
cJSON *json_object_schema(int schema);
/* doc as one line and a newline, appended to out (nothing when cJSON cannot
 * print it); doc is deleted. */
void json_print(struct buf *out, cJSON *doc);
/* s as a string member, or null when s is NULL. */
void json_add_string_or_null(cJSON *o, const char *key, const char *s);
/* The member named key, or NULL (also when it is null: absent). */
const cJSON *json_field(const cJSON *obj, const char *key);

/* A member of an object or a list, with where it stood. */
struct json_member {
	const char *name;
	const cJSON *item;
	size_t index;
};
/* The object's members sorted by name, as Nix shows an attribute set. */
struct json_member *json_sorted_members(const cJSON *obj, size_t *n);
/* Sorts members by name (then position), for finding names given twice. */
void json_sort_members(struct json_member *m, size_t n);
/* In members sorted by name: the first k whose name is that of k - 1, else
 * n (every name once). */
size_t json_repeated(const struct json_member *sorted, size_t n);

/* An optional string member; *out is NULL when absent. */
bool json_opt_string(const cJSON *obj, const char *key, const char *where, const char **out,
		     struct buf *msg);
/* An optional list member that must not be empty; *out is NULL when absent. */
struct json_list {
	const char *key;
	const char *shape;     /* what it must be: "a list of ..." */
	const char *if_empty;  /* what to do instead of an empty list */
};
bool json_opt_list(const cJSON *obj, const struct json_list *field, const char *where,
		   const cJSON **out, struct buf *msg);
/* Element k of a list must be a string: "WHERE: KEY[k] must be a string". */
bool json_string_at(const cJSON *e, const char *key, size_t k, const char *where,
		    struct buf *msg);

#endif
