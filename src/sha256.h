#ifndef UP_SHA256_H
#define UP_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* SHA-256 (FIPS 180-4), for checking a file's content where its
 * timestamps are too close to be trusted. */
struct sha256 {
	uint32_t state[8];
	uint64_t bytes;
	unsigned char block[64];
	size_t fill;
};

void sha256_init(struct sha256 *s);
void sha256_add(struct sha256 *s, const void *data, size_t len);
/* The digest in lower-case hex, NUL-terminated, into hex[65]. */
void sha256_hex(struct sha256 *s, char hex[65]);

#endif
