/* SPDX-License-Identifier: MIT */
/* sctpshim: run programs under libsctpshim.so and ask sctpshimd how it is. */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static void usage(FILE *out)
{
	fputs("Usage: sctpshim run PROGRAM [ARGS...]\n"
	      "       sctpshim status [--json]\n"
	      "       sctpshim stats [--json]\n"
	      "       sctpshim help | --help | --version\n"
	      "\n"
	      "  run      run an unmodified program with SCTP sockets provided by\n"
	      "           libsctpshim.so and sctpshimd (started on first use)\n"
	      "  status   show the endpoints and associations of this network\n"
	      "           namespace's sctpshimd\n"
	      "  stats    show the daemon's counters\n"
	      "\n"
	      "See sctpshim(1) and sctpshimd(8).\n", out);
}

/* Parse the options of status/stats; returns -1 on a bad argument. */
static int parse_json_flag(int argc, char **argv, bool *json)
{
	*json = false;
	for (int i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			*json = true;
		else
			return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;
	bool json;

	if (!cmd) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version") || !strcmp(cmd, "version")) {
		printf("sctpshim %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return cli_run(argc - 2, argv + 2);
	if (!strcmp(cmd, "status") || !strcmp(cmd, "stats")) {
		if (parse_json_flag(argc, argv, &json) < 0) {
			fprintf(stderr, "sctpshim: %s: unknown argument\n", cmd);
			usage(stderr);
			return 2;
		}
		return cli_query(!strcmp(cmd, "status") ? CLI_QUERY_STATUS : CLI_QUERY_STATS, json);
	}
	fprintf(stderr, "sctpshim: unknown command '%s'\n", cmd);
	usage(stderr);
	return 2;
}
