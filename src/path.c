/* Paths as up reads them: from a flake reference or nix's log (percent
 * escapes), and whether one lies inside a directory. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "path.h"

void path_percent_decode(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned hi, lo;
		if (s[i] == '%' && i + 2 < n && sscanf(s + i + 1, "%1x%1x", &hi, &lo) == 2) {
			buf_putc(out, (char)(hi * 16 + lo));
			i += 2;
		} else {
			buf_putc(out, s[i]);
		}
	}
}

bool path_within(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	while (n > 1 && dir[n - 1] == '/')
		n--;
	return !n || (!strncmp(path, dir, n) && (path[n] == '/' || !path[n]));
}
