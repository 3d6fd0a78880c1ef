/* SHA-256 against the known answers of FIPS 180-2 (appendix B) and NIST's
 * examples, whole and fed in pieces. */
#include "config.h"

#include <string.h>

#include "sha256.h"
#include "tap.h"

static void digest(const char *data, size_t len, size_t piece, char hex[65])
{
	struct sha256 s;
	sha256_init(&s);
	for (size_t at = 0; at < len; at += piece)
		sha256_add(&s, data + at, len - at < piece ? len - at : piece);
	sha256_hex(&s, hex);
}

int main(void)
{
	static const struct { const char *text, *want, *what; } known[] = {
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "one block (B.1)" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1", "two blocks (B.2)" },
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "nothing" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1", "896 bits" },
	};
	char hex[65];
	for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
		size_t len = strlen(known[i].text);
		digest(known[i].text, len, len ? len : 1, hex);
		tap_is(hex, known[i].want, known[i].what);
		digest(known[i].text, len, 7, hex);
		tap_is(hex, known[i].want, "... fed 7 bytes at a time");
	}
	static char million[1000000];
	memset(million, 'a', sizeof million);
	digest(million, sizeof million, sizeof million, hex);
	tap_is(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "a million 'a' (B.3)");
	digest(million, sizeof million, 64 * 1000 + 3, hex);
	tap_is(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
	       "... in pieces across block edges");
	/* 55 and 56 bytes: the length fits in the last block, or does not. */
	digest(million, 55, 55, hex);
	tap_is(hex, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318", "55 bytes: padding in one block");
	digest(million, 56, 56, hex);
	tap_is(hex, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a", "56 bytes: padding spills over");
	return tap_done();
}
