/* SPDX-License-Identifier: MIT */
/* Conformance: the "stream" family of SCTP options (see conf.h). */
#include "conf.h"

static const struct conf_case cases[] = {
};

int main(int argc, char **argv)
{
	return conf_main(argc, argv, cases, sizeof cases / sizeof *cases);
}
