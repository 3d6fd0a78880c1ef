/* Whether /dev/kvm works on this machine, asked of the device the way up
 * asks it (open read-write, a character device, KVM_GET_API_VERSION = 12),
 * but without up, so that the tests can tell what up should answer here.
 * Prints one line and exits 0 when KVM works, else 1:
 *   works, absent, denied, not-kvm, version N (another API version),
 *   not-linux, or error TEXT (open's error, as strerror says it). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/kvm.h>
#endif

int main(void)
{
#ifdef __linux__
	int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0) {
		if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
			puts("absent");
		else if (errno == EACCES || errno == EPERM)
			puts("denied");
		else
			printf("error %s\n", strerror(errno));
		return 1;
	}
	struct stat st;
	int version = fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) ? ioctl(fd, KVM_GET_API_VERSION, 0) : -1;
	close(fd);
	if (version == 12) {
		puts("works");
		return 0;
	}
	if (version < 0)
		puts("not-kvm");
	else
		printf("version %d\n", version);
	return 1;
#else
	puts("not-linux");
	return 1;
#endif
}
