/* SPDX-License-Identifier: MIT */
/* The "path" family of SOL_SCTP options (see optdesc.h). */
#include "personality/optdesc.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>

const struct pers_optdesc pers_opts_path[] = {
	{ 0 }
};
