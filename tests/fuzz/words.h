/* The fuzz input as words, for the harnesses that take an argv. */
#ifndef UP_FUZZ_WORDS_H
#define UP_FUZZ_WORDS_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A NUL-terminated copy of data in *text (to free), split at its NUL bytes
 * into at most max words. Returns how many (at least one). */
static inline size_t fuzz_words(const uint8_t *data, size_t size, char **text, char **words,
				size_t max)
{
	size_t n = 0;
	*text = malloc(size + 1);
	memcpy(*text, data, size);
	(*text)[size] = '\0';
	for (size_t at = 0; at <= size && n < max; at += strlen(*text + at) + 1)
		words[n++] = *text + at;
	return n;
}

#endif
