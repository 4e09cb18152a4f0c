/* SPDX-License-Identifier: MIT */
/* sctpshimd: the SCTP engine behind libsctpshim.so (docs/design.md). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/timerfd.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "wire/wire.h"
#include "daemon/client.h"
#include "daemon/daemon.h"
#include "daemon/endpoint.h"
#include "daemon/engine.h"
#include "daemon/log.h"
#include "daemon/ready.h"
#include "daemon/settings.h"
#include "sctpshim/proto.h"

/* where "ok" / "error: ..." goes: --ready-fd, and our own parent's pipe
 * when we daemonized ourselves */
static int ready_fds[2] = { -1, -1 };

/* said again in the log once it is open */
static struct cfg_msgs config_warnings;

static void report_ready(const char *line)
{
	for (int i = 0; i < 2; i++) {
		if (ready_fds[i] < 0)
			continue;
		if (write(ready_fds[i], line, strlen(line)) < 0) {
			/* the starter is gone; nothing to tell */
		}
		close(ready_fds[i]);
		ready_fds[i] = -1;
	}
}

/* ---- configuration -------------------------------------------------------- */

static void usage(FILE *out)
{
	fprintf(out,
		"usage: sctpshimd [--foreground | --autostart] [--config FILE] [--socket NAME]\n"
		"                 [--udp-port N] [--encap-port N] [--idle-timeout SEC] [--log FILE]\n"
		"                 [--ready-fd FD]\n"
		"       sctpshimd --check-config [FILE]\n"
		"Configuration: --config FILE, $SCTPSHIM_CONFIG, else " SCTPSHIM_SYSCONFDIR
		"/sctpshim/sctpshim.conf;\n"
		"Linux's net.sctp.* names, environment SCTPSHIM_<NAME> (SCTPSHIM_UDP_PORT, ...);\n"
		"options > environment > file.  See sctpshim.conf(5).\n");
}

static unsigned long parse_number(const char *what, const char *text,
				  unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(text, &end, 10);
	if (!*text || *end || errno || v < min || v > max || text[0] == '-') {
		fprintf(stderr, "sctpshimd: %s: '%s' is not a number from %lu to %lu\n",
			what, text, min, max);
		exit(2);
	}
	return v;
}

/* Every error on stderr, and the first (the starter reads one line) to
 * whoever waits on --ready-fd; then stop before anything was applied. */
static void __attribute__((noreturn)) config_failed(struct cfg_msgs *errors)
{
	char line[480];

	for (size_t i = 0; i < errors->count; i++)
		fprintf(stderr, "sctpshimd: %s\n", errors->line[i]);
	if (errors->count > 1)
		snprintf(line, sizeof line, "error: %.300s (and %zu more: sctpshimd --check-config)\n",
			 errors->line[0], errors->count - 1);
	else
		snprintf(line, sizeof line, "error: %.400s\n",
			 errors->count ? errors->line[0] : "invalid configuration");
	report_ready(line);
	exit(1);
}

static void parse_config(int argc, char **argv, struct shimd_config *cfg)
{
	static const struct option opts[] = {
		{ "foreground", no_argument, NULL, 'f' },
		{ "autostart", no_argument, NULL, 'a' },
		{ "config", required_argument, NULL, 'c' },
		{ "check-config", optional_argument, NULL, 'C' },
		{ "socket", required_argument, NULL, CFG_SOCKET },
		{ "udp-port", required_argument, NULL, CFG_UDP_PORT },
		{ "encap-port", required_argument, NULL, CFG_ENCAP_PORT },
		{ "idle-timeout", required_argument, NULL, CFG_IDLE_TIMEOUT },
		{ "log", required_argument, NULL, CFG_LOG },
		{ "ready-fd", required_argument, NULL, 'r' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 },
	};
	const char *options[CFG_COUNT] = { 0 }, *file = NULL;
	struct cfg_msgs errors = { 0 }, warnings = { 0 };
	bool check = false;
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'f': cfg->foreground = true; break;
		case 'a': cfg->autostart = true; break;
		case 'c': file = optarg; break;
		case 'C': check = true; file = optarg ? optarg : file; break;
		case CFG_SOCKET: case CFG_UDP_PORT: case CFG_ENCAP_PORT:
		case CFG_IDLE_TIMEOUT: case CFG_LOG:
			options[c] = optarg;
			break;
		case 'r':
			cfg->ready_fd = (int)parse_number("--ready-fd", optarg, 0, INT_MAX);
			break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); exit(2);
		}
	}
	if (check && optind + 1 == argc)
		file = argv[optind++];   /* --check-config FILE */
	if (optind < argc) {
		fprintf(stderr, "sctpshimd: unexpected argument '%s'\n", argv[optind]);
		exit(2);
	}
	if (cfg->ready_fd >= 0 && fcntl(cfg->ready_fd, F_SETFD, FD_CLOEXEC) == 0)
		ready_fds[0] = cfg->ready_fd;

	if (settings_load(file, options, &errors))
		config_failed(&errors);
	cfg_warnings(&shimd_settings, &warnings);
	if (check) {
		for (size_t i = 0; i < warnings.count; i++)
			fprintf(stderr, "sctpshimd: warning: %s\n", warnings.line[i]);
		cfg_print(&shimd_settings, stdout);
		exit(0);
	}
	settings_to_daemon(cfg);
	/* Programs look for the daemon by $SCTPSHIM_SOCKET alone: started
	 * by one, serve the name it looks for, whatever a file says. */
	if (cfg->autostart && strcmp(cfg->socket_name, shim_daemon_name()) != 0)
		cfg->socket_name = shim_daemon_name();
	if (!cfg->foreground && !cfg->autostart)
		for (size_t i = 0; i < warnings.count; i++)
			fprintf(stderr, "sctpshimd: warning: %s\n", warnings.line[i]);
	config_warnings = warnings;
}

/* ---- start-up -------------------------------------------------------------- */

static void daemonize(void)
{
	int status[2];
	pid_t pid;
	char line[512];
	ssize_t n;
	int null;

	if (pipe2(status, O_CLOEXEC) < 0) {
		perror("sctpshimd: pipe");
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		perror("sctpshimd: fork");
		exit(1);
	}
	if (pid > 0) {
		/* wait for the daemon's verdict, so a shell sees failures */
		close(status[1]);
		n = read(status[0], line, sizeof line - 1);
		line[n > 0 ? n : 0] = '\0';
		if (n > 0 && strncmp(line, "ok", 2) == 0)
			exit(0);
		fprintf(stderr, "sctpshimd: %s", n > 0 ? line : "failed to start\n");
		exit(1);
	}
	close(status[0]);
	setsid();
	pid = fork();
	if (pid < 0)
		exit(1);
	if (pid > 0)
		_exit(0);
	if (chdir("/") < 0)
		exit(1);
	null = open("/dev/null", O_RDWR);
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		if (null > 2)
			close(null);
	}
	ready_fds[1] = status[1];
}

static void fail_start(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void fail_start(const char *fmt, ...)
{
	char msg[400], line[420];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	log_err("%s", msg);
	snprintf(line, sizeof line, "error: %s\n", msg);
	report_ready(line);
	exit(1);
}

static int bind_listener(const char *name)
{
	struct sockaddr_un sun;
	int len = shim_daemon_address(name, &sun);
	int fd = socket(AF_UNIX, SOCK_SEQPACKET | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	/* Listen at once: a losing daemon reports "ok" as soon as our name
	 * is bound, and its starter connects then.  Its connection waits in
	 * the backlog until the loop runs; if start-up fails, exit closes
	 * it and the starter sees the channel close. */
	if (bind(fd, (struct sockaddr *)&sun, (socklen_t)len) < 0
	    || listen(fd, SOMAXCONN) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int try_udp_bind(int family, uint16_t port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = socket(family, SOCK_DGRAM | SOCK_CLOEXEC, 0), on = 1, err = 0;

	if (fd < 0)
		return errno == EAFNOSUPPORT ? 0 : -errno;
	memset(&ss, 0, sizeof ss);
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)&ss;

		in->sin_family = AF_INET;
		in->sin_port = htons(port);
		len = sizeof *in;
	} else {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&ss;

		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &on, sizeof on);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(port);
		len = sizeof *in6;
	}
	if (bind(fd, (struct sockaddr *)&ss, len) < 0)
		err = errno == EADDRNOTAVAIL && family == AF_INET6 ? 0 : -errno;
	close(fd);
	return err;
}

/* usrsctp_init runs silently without transport when the port is taken, so
 * look first.  A daemon that is just exiting may still hold it for a
 * moment: retry briefly before giving up. */
static int check_udp_port(uint16_t port)
{
	struct timespec pause = { .tv_nsec = 100 * 1000 * 1000 };
	int err = 0;

	for (int i = 0; i < 30; i++) {
		err = try_udp_bind(AF_INET, port);
		if (!err)
			err = try_udp_bind(AF_INET6, port);
		if (err != -EADDRINUSE)
			return err;
		nanosleep(&pause, NULL);
	}
	return err;
}

/*
 * Native SCTP goes through usrsctp's raw sockets for protocol 132, which
 * usrsctp_init opens when it may and otherwise silently goes without:
 * look first, so that a daemon without CAP_NET_RAW says so instead of
 * sending into nothing.  0, or -errno of the socket that failed.
 */
static int check_raw_sctp(void)
{
	static const int families[] = { AF_INET, AF_INET6 };

	for (size_t i = 0; i < sizeof families / sizeof *families; i++) {
		int fd = socket(families[i], SOCK_RAW | SOCK_CLOEXEC, IPPROTO_SCTP);

		if (fd < 0) {
			/* a host without IPv6 still speaks native IPv4 */
			if (families[i] == AF_INET6 && errno == EAFNOSUPPORT)
				continue;
			return -errno;
		}
		close(fd);
	}
	return 0;
}

/* Returns how the daemon's associations start: "" (all over UDP), or
 * the native part for the start-up log line. */
static const char *start_native(void)
{
	bool (*decide)(const struct sockaddr *peer);
	const char *key = cfg_num(&shimd_settings, CFG_NATIVE) ? "sctpshim.native = 1"
							       : "sctpshim.native_peers";
	int err;

	if (!settings_native(&decide))
		return "";
	err = check_raw_sctp();
	if (err == -EPERM || err == -EACCES)
		fail_start("native SCTP (%s) needs CAP_NET_RAW, which sctpshimd does not have; "
			   "run it with CAP_NET_RAW or set sctpshim.native = 0", key);
	if (err < 0)
		fail_start("native SCTP (%s): no raw socket for protocol 132: %s", key, strerror(-err));
	/* The kernel's SCTP would take every packet too and answer the ones
	 * of our associations with ABORTs. */
	if (access("/proc/net/sctp", F_OK) == 0)
		log_warn("native SCTP (%s): this kernel has SCTP loaded, which also receives "
			 "protocol 132 and aborts associations it does not know", key);
	engine_set_native(decide);
	return engine_encap_port_for(NULL) == 0 ? ", native SCTP by default"
						: ", native SCTP to some peers";
}

/* Every socket of every program holds a descriptor here (its channel's
 * end), and both ends of an association in one namespace are two sockets,
 * so the daemon takes all it may: up to fs.nr_open when privileged
 * (CAP_SYS_RESOURCE), else the hard limit it inherited. */
static void raise_fd_limit(void)
{
	struct rlimit rl;
	unsigned long nr_open = 0;
	FILE *f = fopen("/proc/sys/fs/nr_open", "re");

	if (f) {
		if (fscanf(f, "%lu", &nr_open) != 1)
			nr_open = 0;
		fclose(f);
	}
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return;
	if (nr_open > rl.rlim_max) {
		struct rlimit all = { .rlim_cur = nr_open, .rlim_max = nr_open };

		if (setrlimit(RLIMIT_NOFILE, &all) == 0)
			return;
	}
	if (rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static void make_instance(void)
{
	uint32_t r;

	if (getrandom(&r, sizeof r, 0) != sizeof r)
		r = (uint32_t)getpid() ^ (uint32_t)time(NULL);
	snprintf(shimd.instance, sizeof shimd.instance, "%08x", r);
}

/* ---- loop callbacks -------------------------------------------------------- */

static void on_listener(struct loop_source *src, uint32_t events)
{
	clients_accept(src->fd);
}

static void on_signal(struct loop_source *src, uint32_t events)
{
	struct signalfd_siginfo si;

	if (read(src->fd, &si, sizeof si) == sizeof si) {
		log_info("signal %u: exiting", si.ssi_signo);
		loop_quit(&shimd.loop);
	}
}

static void service_one(struct endpoint *ep, void *arg)
{
	endpoint_service(ep);
}

static void on_wake(struct loop_source *src, uint32_t events)
{
	uint32_t *ids;
	size_t n;
	bool all;

	ready_take(&ids, &n, &all);
	if (all) {
		endpoints_foreach(service_one, NULL);
		engine_closing_service_all();
	} else {
		for (size_t i = 0; i < n; i++) {
			struct endpoint *ep = endpoint_lookup(ids[i]);

			if (ep)
				endpoint_service(ep);
			else
				engine_closing_service(ids[i]);
		}
	}
	free(ids);
}

static void arm_timer(unsigned seconds)
{
	struct itimerspec its = { .it_value.tv_sec = seconds };

	timerfd_settime(shimd.idle_timer.fd, 0, &its, NULL);
	shimd.idle_armed = seconds != 0;
}

/* Closed sockets whose associations still shut down keep us, but not
 * forever: usrsctp's shutdown guard is 180 s; past that, give up. */
#define ASSOC_GRACE_S 300

static time_t monotonic_now(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec;
}

static void on_idle_timer(struct loop_source *src, uint32_t events)
{
	uint64_t ticks;
	size_t closing;

	if (read(src->fd, &ticks, sizeof ticks) < 0)
		return;
	if (clients_count() || endpoints_count())
		return;
	engine_closing_service_all();
	closing = engine_closing_count();
	if (closing && monotonic_now() - shimd.idle_since < shimd.cfg.idle_timeout + ASSOC_GRACE_S) {
		arm_timer(1); /* look again */
		return;
	}
	if (closing)
		log_warn("idle, but %zu closed socket(s) never finished shutting down: exiting anyway",
			 closing);
	else
		log_info("idle for %u s: exiting", shimd.cfg.idle_timeout);
	loop_quit(&shimd.loop);
}

/* Closed sockets still ending their associations are looked at again
 * this often while there are any (engine_close.c says why). */
#define CLOSING_RECHECK_MS 200

static void on_closing_timer(struct loop_source *src, uint32_t events)
{
	uint64_t ticks;

	if (read(src->fd, &ticks, sizeof ticks) < 0)
		return;
	engine_closing_recheck();
}

static void on_unsent_timer(struct loop_source *src, uint32_t events)
{
	uint64_t ticks;

	if (read(src->fd, &ticks, sizeof ticks) < 0)
		return;
	engine_unsent_tick();
}

/* timer fires every ms milliseconds (on), or never (off) */
static void arm_periodic(struct loop_source *timer, bool *armed, long ms, bool on)
{
	struct itimerspec its = { 0 };

	if (on) {
		its.it_value.tv_nsec = ms * 1000000L;
		its.it_interval = its.it_value;
	}
	timerfd_settime(timer->fd, 0, &its, NULL);
	*armed = on;
}

static void after_round(void)
{
	bool idle = !clients_count() && !endpoints_count();

	endpoints_reap();
	if ((engine_closing_count() != 0) != shimd.closing_armed)
		arm_periodic(&shimd.closing_timer, &shimd.closing_armed, CLOSING_RECHECK_MS,
			     !shimd.closing_armed);
	if ((endpoints_count() || engine_closing_count()) != shimd.unsent_armed)
		arm_periodic(&shimd.unsent_timer, &shimd.unsent_armed, UNSENT_TICK_MS,
			     !shimd.unsent_armed);
	if (!shimd.cfg.idle_timeout)
		return;
	if (!idle && shimd.idle_armed)
		arm_timer(0);
	else if (idle && !shimd.idle_armed) {
		shimd.idle_since = monotonic_now();
		arm_timer(shimd.cfg.idle_timeout);
	}
}

static int add_source(struct loop_source *src, int fd, loop_fn fn)
{
	loop_source_init(src, fd, fn, NULL);
	return loop_set_events(&shimd.loop, src, EPOLLIN);
}

/* The daemon's own sockets must never be interposed.  A starter that
 * left libsctpshim in LD_PRELOAD (an older library, a user's export) would
 * make us call into ourselves and hang: start over without it. */
static void drop_interposer(char **argv)
{
	const char *preload = getenv("LD_PRELOAD");
	char kept[4096] = "", copy[4096], *tok, *save = NULL;
	size_t len = 0;

	if (getenv("SCTPSHIMD_REEXEC")) {
		unsetenv("SCTPSHIMD_REEXEC");
		return;
	}
	if (!preload || !strstr(preload, "libsctpshim") || strlen(preload) >= sizeof copy)
		return;
	strcpy(copy, preload);
	for (tok = strtok_r(copy, " :", &save); tok; tok = strtok_r(NULL, " :", &save))
		if (!strstr(tok, "libsctpshim"))
			len += (size_t)snprintf(kept + len, sizeof kept - len, "%s%s", len ? ":" : "", tok);
	if (*kept)
		setenv("LD_PRELOAD", kept, 1);
	else
		unsetenv("LD_PRELOAD");
	setenv("SCTPSHIMD_REEXEC", "1", 1);
	execv("/proc/self/exe", argv);
	unsetenv("SCTPSHIMD_REEXEC"); /* carry on as we are */
}

int main(int argc, char **argv)
{
	struct shimd_config *cfg = &shimd.cfg;
	const char *failed, *native;
	sigset_t sigs;
	int fd, err;

	drop_interposer(argv);
	cfg->ready_fd = -1;
	parse_config(argc, argv, cfg);
	if (!cfg->foreground && !cfg->autostart)
		daemonize();
	err = log_open(cfg->foreground, cfg->log_file, cfg->debug);
	if (err < 0) {
		log_open(cfg->foreground, NULL, cfg->debug);
		log_warn("log file %s: %s; using syslog", cfg->log_file, strerror(-err));
	}
	for (size_t i = 0; i < config_warnings.count; i++)
		log_warn("%s", config_warnings.line[i]);
	cfg_msgs_free(&config_warnings);
	shimd.uid = getuid();
	make_instance();
	raise_fd_limit();

	/* Before usrsctp starts its threads, which inherit the mask. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	fd = bind_listener(cfg->socket_name);
	if (fd == -EADDRINUSE) {
		/* whoever bound first serves this network namespace; it
		 * listens right after binding, so its clients queue in the
		 * backlog instead of being refused */
		report_ready("ok\n");
		return 0;
	}
	if (fd < 0)
		fail_start("cannot bind the control socket @%s: %s", cfg->socket_name, strerror(-fd));
	err = check_udp_port(cfg->udp_port);
	if (err < 0)
		fail_start("UDP port %u is %s (another sctpshimd or SCTP stack?); "
			   "set SCTPSHIM_UDP_PORT to a free port", cfg->udp_port,
			   err == -EADDRINUSE ? "in use" : strerror(-err));
	native = start_native();
	engine_init(cfg->udp_port, cfg->encap_port, cfg->debug);
	if (settings_apply_usrsctp(&failed) < 0)
		fail_start("usrsctp refused %s", failed);

	if (loop_init(&shimd.loop) < 0 || endpoints_init() < 0)
		fail_start("cannot set up the event loop: %s", strerror(errno));
	if (add_source(&shimd.listener, fd, on_listener) < 0
	    || add_source(&shimd.signals, signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC), on_signal) < 0
	    || add_source(&shimd.idle_timer, timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC),
			  on_idle_timer) < 0
	    || add_source(&shimd.closing_timer, timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC),
			  on_closing_timer) < 0
	    || add_source(&shimd.unsent_timer, timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC),
			  on_unsent_timer) < 0
	    || add_source(&shimd.wake, ready_init(), on_wake) < 0)
		fail_start("cannot set up the event loop: %s", strerror(errno));
	log_info("serving @%s, SCTP over UDP port %u (peers' port %u)%s, instance %s",
		 cfg->socket_name, cfg->udp_port, cfg->encap_port, native, shimd.instance);
	report_ready("ok\n");
	after_round();

	loop_run(&shimd.loop, after_round);

	/* Close the door first, so a program arriving now starts a fresh
	 * daemon instead of talking to one that is going away. */
	loop_remove(&shimd.loop, &shimd.listener);
	close(shimd.listener.fd);
	clients_deinit();
	endpoints_deinit();
	engine_unsent_deinit();
	if (engine_finish() < 0)
		log_warn("usrsctp still had sockets at exit");
	ready_deinit();
	close(shimd.signals.fd);
	close(shimd.idle_timer.fd);
	close(shimd.closing_timer.fd);
	close(shimd.unsent_timer.fd);
	loop_deinit(&shimd.loop);
	log_close();
	return 0;
}
