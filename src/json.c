#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "text.h"

const char *json_kind(const cJSON *v)
{
	if (cJSON_IsString(v)) return "a string";
	if (cJSON_IsNumber(v)) return "a number";
	if (cJSON_IsBool(v)) return "a boolean";
	if (cJSON_IsNull(v)) return "null";
	if (cJSON_IsArray(v)) return "a list";
	if (cJSON_IsObject(v)) return "an attribute set";
	return "something else";
}

const cJSON *json_field(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsNull(v) ? NULL : v;
}

static int cmp_member(const void *a, const void *b)
{
	const struct json_member *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (x->index > y->index) - (x->index < y->index);
}

void json_sort_members(struct json_member *m, size_t n)
{
	qsort(m, n, sizeof *m, cmp_member);
}

struct json_member *json_sorted_members(const cJSON *obj, size_t *n)
{
	struct json_member *m = xcalloc((size_t)cJSON_GetArraySize(obj), sizeof *m);
	const cJSON *item;
	*n = 0;
	cJSON_ArrayForEach(item, obj) {
		m[*n] = (struct json_member){ item->string, item, *n };
		(*n)++;
	}
	json_sort_members(m, *n);
	return m;
}

bool json_opt_string(const cJSON *obj, const char *key, const char *where, const char **out,
		     struct buf *msg)
{
	const cJSON *v = json_field(obj, key);
	*out = NULL;
	if (!v)
		return true;
	if (!cJSON_IsString(v) || !v->valuestring) {
		buf_printf(msg, "%s: field '%s' must be a string, not %s", where, key, json_kind(v));
		return false;
	}
	*out = v->valuestring;
	return true;
}

bool json_opt_list(const cJSON *obj, const struct json_list *field, const char *where,
		   const cJSON **out, struct buf *msg)
{
	*out = json_field(obj, field->key);
	if (!*out)
		return true;
	if (!cJSON_IsArray(*out))
		buf_printf(msg, "%s: field '%s' must be %s, not %s", where, field->key, field->shape,
			   json_kind(*out));
	else if (cJSON_GetArraySize(*out) == 0)
		buf_printf(msg, "%s: field '%s' is empty; %s", where, field->key, field->if_empty);
	else
		return true;
	return false;
}

bool json_string_at(const cJSON *e, const char *key, size_t k, const char *where,
		    struct buf *msg)
{
	if (cJSON_IsString(e) && e->valuestring)
		return true;
	buf_printf(msg, "%s: %s[%zu] must be a string, not %s", where, key, k, json_kind(e));
	return false;
}

size_t json_repeated(const struct json_member *sorted, size_t n)
{
	for (size_t k = 1; k < n; k++)
		if (!strcmp(sorted[k - 1].name, sorted[k].name))
			return k;
	return n;
}

/* Every object in v, at any depth, has each key once. */
static bool unique_keys(const cJSON *v, struct buf *msg)
{
	const cJSON *e;
	if (cJSON_IsObject(v)) {
		size_t n;
		struct json_member *m = json_sorted_members(v, &n);
		size_t k = json_repeated(m, n);
		if (k < n) {
			buf_puts(msg, "the key ");
			text_show_name(msg, m[k].name);
			buf_puts(msg, " appears twice in one attribute set");
		}
		free(m);
		if (k < n)
			return false;
	}
	cJSON_ArrayForEach(e, v)
		if (!unique_keys(e, msg))
			return false;
	return true;
}

cJSON *json_parse_document(const char *text, size_t len, struct buf *msg)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
	if (!root) {
		buf_puts(msg, "it is not valid JSON");
		return NULL;
	}
	while (end < text + len && strchr(" \t\r\n", *end) && *end)
		end++;
	if (end < text + len) {
		size_t n = (size_t)(text + len - end);
		buf_printf(msg, "it is not one JSON document: %zu byte%s follow%s it", n,
			   n == 1 ? "" : "s", n == 1 ? "s" : "");
	} else if (!unique_keys(root, msg)) {
		/* said */
	} else {
		return root;
	}
	cJSON_Delete(root);
	return NULL;
}

void json_print(struct buf *out, cJSON *doc)
{
	char *text = cJSON_PrintUnformatted(doc);
	if (text)
		buf_printf(out, "%s\n", text);
	cJSON_free(text);
	cJSON_Delete(doc);
}

void json_add_string_or_null(cJSON *o, const char *key, const char *s)
{
	if (s)
		cJSON_AddStringToObject(o, key, s);
	else
		cJSON_AddNullToObject(o, key);
}

cJSON *json_object(void)
{
	return json_object_schema(JSON_SCHEMA);
}

cJSON *json_object_schema(int schema)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddNumberToObject(o, "schema", schema);
	return o;
}

/* cJSON allocates through up's allocator (running out of memory is up's
 * own message and exit 70, never a NULL that cJSON turns into a silent
 * failure). Set before main() runs, in every program that links this
 * module, so that no cJSON call can come first. */
static void *json_malloc(size_t n)
{
	return xmalloc(n);
}

__attribute__((constructor)) static void json_hooks(void)
{
	cJSON_InitHooks(&(cJSON_Hooks){ .malloc_fn = json_malloc, .free_fn = free });
}
