#ifndef UP_PATH_H
#define UP_PATH_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* The n bytes at s with each %XX (two hex digits) decoded, appended to out
 * (a file: URL's path). */
void path_percent_decode(struct buf *out, const char *s, size_t n);
/* Whether path is dir or inside it (dir "" holds every relative path; a
 * trailing '/' of dir does not count). */
bool path_within(const char *path, const char *dir);

#endif
