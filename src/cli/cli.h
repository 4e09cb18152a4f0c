/* SPDX-License-Identifier: MIT */
/* The sctpshim command: one file per subcommand family. */
#ifndef SCTPSHIM_CLI_H
#define SCTPSHIM_CLI_H

#include <stdbool.h>

/* sctpshim run PROGRAM ARGS...: returns only on failure (exit status). */
int cli_run(int argc, char **argv);

enum cli_query {
	CLI_QUERY_STATUS,
	CLI_QUERY_STATS,
};

/* sctpshim status|stats [--json]: returns the exit status. */
int cli_query(enum cli_query which, bool json);

#endif
