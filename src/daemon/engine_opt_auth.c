/* SPDX-License-Identifier: MIT */
/* The "auth" family of options (see engine_optdesc.h). */
#define _GNU_SOURCE
#include "daemon/engine_optdesc.h"

#include <errno.h>
#include <string.h>

const struct engine_optdesc engine_opts_auth[] = {
	{ 0 }
};
