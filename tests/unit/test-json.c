/* Reading JSON as a validator does, and the JSON up prints. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "tap.h"

static cJSON *parse(const char *text, struct buf *msg)
{
	buf_reset(msg);
	return json_parse_document(text, strlen(text), msg);
}

int main(void)
{
	struct buf msg = BUF_INIT, out = BUF_INIT;
	cJSON *doc = parse(" {\"a\":[1,\"x\"],\"b\":null} \n", &msg);
	tap_ok(doc != NULL, "a document with white space around it");
	tap_is(json_kind(json_field(doc, "a")), "a list", "json_kind: a list");
	tap_ok(json_field(doc, "b") == NULL, "json_field: null is as good as absent");
	tap_ok(json_field(doc, "c") == NULL, "json_field: absent");
	cJSON_Delete(doc);

	tap_ok(parse("{\"a\":1} {}", &msg) == NULL && msg.len, "trailing data is refused: %s", msg.data);
	tap_ok(parse("{\"a\":1,\"a\":2}", &msg) == NULL && strstr(msg.data, "'a'"),
	       "a key given twice is refused, named: %s", msg.data);
	tap_ok(parse("{\"a\":{\"b\":1,\"b\":1}}", &msg) == NULL, "... at any depth");
	tap_ok(parse("[1,", &msg) == NULL && msg.len, "a cut document is refused: %s", msg.data);

	cJSON *o = json_object();
	cJSON_AddStringToObject(o, "name", "a\tb\"c\n");
	json_print(&out, o);
	tap_is(out.data, "{\"schema\":1,\"name\":\"a\\tb\\\"c\\n\"}\n",
	       "json_object starts with schema 1; json_print writes one line, escaped");

	doc = parse("{\"s\":\"x\",\"n\":1,\"l\":[]}", &msg);
	const char *s;
	tap_ok(json_opt_string(doc, "s", "here", &s, &msg) && !strcmp(s, "x"), "an optional string");
	tap_ok(json_opt_string(doc, "missing", "here", &s, &msg) && s == NULL, "... absent: NULL");
	buf_reset(&msg);
	tap_ok(!json_opt_string(doc, "n", "profile 'p'", &s, &msg) &&
	       strstr(msg.data, "profile 'p': field 'n' must be a string, not a number"),
	       "... of another kind: where, the field, what it must be: %s", msg.data);
	cJSON_Delete(doc);
	buf_free(&msg);
	buf_free(&out);
	return tap_done();
}
