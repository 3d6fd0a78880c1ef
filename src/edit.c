#include "config.h"

#include <dlfcn.h>
#include <string.h>

#include "edit.h"

struct edit edit;

bool edit_load(const char **why)
{
	static int loaded; /* 0 not yet, 1 loaded, -1 failed */
	static const char *failed;
	if (!loaded) {
		loaded = -1;
		void *h = dlopen(UP_LIBEDIT, RTLD_NOW | RTLD_LOCAL);
		void *sym = NULL;
		if (!h)
			failed = dlerror();
#define EDIT_LOOKUP(f) \
		if (h && !failed && !(sym = dlsym(h, #f))) \
			failed = "a function up needs is missing (" #f ")"; \
		else if (h && !failed) \
			memcpy(&edit.f, &sym, sizeof sym);
		EDIT_CALLS(EDIT_LOOKUP)
#undef EDIT_LOOKUP
		if (h && !failed)
			loaded = 1;
	}
	if (why)
		*why = failed ? failed : "";
	return loaded > 0;
}
