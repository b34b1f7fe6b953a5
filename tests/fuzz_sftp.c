/* libFuzzer target for the SFTP reply decoder: the input is the byte stream a server sends
 * on the sftp channel, cut into packets with sftpwire_frame and each decoded with
 * sftpwire_parse, as sshconn.c does. Build and run with `make fuzz-sftp` (needs clang). */
#include <stdint.h>
#include <string.h>

#include "buf.h"
#include "sftpwire.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf err = BUF_INIT;
	struct sftpwire_reply r;
	size_t off = 0, len = 0;

	while (sftpwire_frame(data + off, size - off, &len, &err) == 1) {
		if (sftpwire_parse(data + off, len, &r, &err) == 0 &&
		    r.type == SFTPWIRE_STATUS && strlen(r.msg) >= sizeof r.msg)
			__builtin_trap();  /* the message must stay cut and terminated */
		off += len;
	}
	buf_free(&err);
	return 0;
}
