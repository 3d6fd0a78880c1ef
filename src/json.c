#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"

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
	return cJSON_GetObjectItemCaseSensitive(obj, key);
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
