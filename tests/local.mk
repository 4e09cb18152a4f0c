# Tests: CUnit unit tests of the codec, and integration tests that run real
# programs under the shim (tests/integration/*.sh, sourcing lib.sh).

AM_TESTS_ENVIRONMENT = \
	abs_top_builddir='$(abs_top_builddir)'; \
	abs_top_srcdir='$(abs_top_srcdir)'; \
	export abs_top_builddir abs_top_srcdir;

check_PROGRAMS += tests/unit/test_wire
tests_unit_test_wire_SOURCES = tests/unit/test_wire.c
tests_unit_test_wire_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_wire_LDADD = libwire.la $(CUNIT_LIBS)

# The Linux ABI (numbers, layouts) the personality relies on.
check_PROGRAMS += tests/unit/test_abi
TESTS += tests/unit/test_abi
tests_unit_test_abi_SOURCES = tests/unit/test_abi.c
tests_unit_test_abi_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_abi_LDADD = libpersonality.la libwire.la $(CUNIT_LIBS)

# Options Linux <-> neutral <-> usrsctp: one half per header (they clash).
check_PROGRAMS += tests/unit/test_opt_roundtrip
TESTS += tests/unit/test_opt_roundtrip
tests_unit_test_opt_roundtrip_SOURCES = tests/unit/test_opt_roundtrip.c \
	tests/unit/test_opt_roundtrip_usr.c tests/unit/test_opt_roundtrip.h
tests_unit_test_opt_roundtrip_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(USRSCTP_CFLAGS)
tests_unit_test_opt_roundtrip_LDADD = libengine.la libpersonality.la libwire.la \
	$(USRSCTP_LIBS) -lpthread $(CUNIT_LIBS)
if ENABLE_ASAN
# libengine is built with the sanitizers then
tests_unit_test_opt_roundtrip_LDFLAGS = -fsanitize=address,undefined
endif

# Notifications usrsctp -> neutral -> Linux: one half per header.
check_PROGRAMS += tests/unit/test_notify
TESTS += tests/unit/test_notify
tests_unit_test_notify_SOURCES = tests/unit/test_notify.c tests/unit/test_notify_usr.c \
	tests/unit/test_notify.h
tests_unit_test_notify_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(USRSCTP_CFLAGS)
tests_unit_test_notify_LDADD = libengine.la libpersonality.la libwire.la \
	$(USRSCTP_LIBS) -lpthread $(CUNIT_LIBS)
if ENABLE_ASAN
tests_unit_test_notify_LDFLAGS = -fsanitize=address,undefined
endif

# The daemon's configuration file, environment and options (src/config).
check_PROGRAMS += tests/unit/test_config
TESTS += tests/unit/test_config
tests_unit_test_config_SOURCES = tests/unit/test_config.c
tests_unit_test_config_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_config_LDADD = libconfig.la $(CUNIT_LIBS)
if ENABLE_ASAN
tests_unit_test_config_LDFLAGS = -fsanitize=address,undefined
endif

# The daemon's state rules for bind, listen, connect and shutdown.
check_PROGRAMS += tests/unit/test_errors
TESTS += tests/unit/test_errors
tests_unit_test_errors_SOURCES = tests/unit/test_errors.c
tests_unit_test_errors_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(USRSCTP_CFLAGS)
tests_unit_test_errors_LDADD = libengine.la libpersonality.la libwire.la \
	$(USRSCTP_LIBS) -lpthread $(CUNIT_LIBS)
if ENABLE_ASAN
tests_unit_test_errors_LDFLAGS = -fsanitize=address,undefined
endif

# cmsgs Linux -> neutral -> Linux, and neutral -> usrsctp: one half per header.
check_PROGRAMS += tests/unit/test_cmsg
TESTS += tests/unit/test_cmsg
tests_unit_test_cmsg_SOURCES = tests/unit/test_cmsg.c tests/unit/test_cmsg_usr.c \
	tests/unit/test_cmsg.h
tests_unit_test_cmsg_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(USRSCTP_CFLAGS)
tests_unit_test_cmsg_LDADD = libengine.la libpersonality.la libwire.la \
	$(USRSCTP_LIBS) -lpthread $(CUNIT_LIBS)
if ENABLE_ASAN
tests_unit_test_cmsg_LDFLAGS = -fsanitize=address,undefined
endif

# Built against Debian's libsctp-dev like any unmodified SCTP program.
check_PROGRAMS += tests/integration/e2e
tests_integration_e2e_SOURCES = tests/integration/e2e.c \
	tests/integration/e2e_read.c tests/integration/e2e_proc.c \
	tests/integration/e2e_util.c tests/integration/e2e_churn.c \
	tests/integration/e2e_notify.c tests/integration/e2e_peeloff.c \
	tests/integration/e2e_abort.c \
	tests/integration/e2e.h
tests_integration_e2e_LDADD = -lsctp -lpthread

# Processes and descriptors: fork, prefork workers, dup, SCM_RIGHTS, deaths.
check_PROGRAMS += tests/integration/procs
tests_integration_procs_SOURCES = tests/integration/procs.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_procs_LDADD = -lsctp

# Port sharing: SO_REUSEADDR, SO_REUSEPORT, SCTP_REUSE_PORT as Linux rules them.
check_PROGRAMS += tests/integration/reuse
tests_integration_reuse_SOURCES = tests/integration/reuse.c \
	tests/integration/e2e_util.c tests/integration/e2e.h

# Threads, blocking calls and readiness (design.md "Threads and readiness").
check_PROGRAMS += tests/integration/e2e_wait
tests_integration_e2e_wait_SOURCES = tests/integration/e2e_wait.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_e2e_wait_LDADD = -lsctp -lpthread

# A one-to-one socket's pending error in poll/select/epoll (e2e_err.c).
check_PROGRAMS += tests/integration/e2e_err
tests_integration_e2e_err_SOURCES = tests/integration/e2e_err.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_e2e_err_LDADD = -lsctp
err_tests = \
	tests/integration/e2e_err_epoll_level.sh \
	tests/integration/e2e_err_epoll_edge.sh \
	tests/integration/e2e_err_poll_read_clears.sh \
	tests/integration/e2e_err_select.sh \
	tests/integration/e2e_err_connect_refused.sh \
	tests/integration/e2e_err_epoll_mixed.sh \
	tests/integration/e2e_err_passthrough.sh
TESTS += $(err_tests)
EXTRA_DIST += $(err_tests)

# close() with SO_LINGER {1, t > 0}.
check_PROGRAMS += tests/integration/linger
tests_integration_linger_SOURCES = tests/integration/linger.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_linger_LDADD = -lsctp -lpthread

# Flow control and the daemon's memory (flow_memory.sh; make bench).
check_PROGRAMS += tests/integration/flow
tests_integration_flow_SOURCES = tests/integration/flow.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_flow_LDADD = -lsctp -lpthread

# Messages of an aborted association handed back, SO_ERROR (unsent_*.sh).
check_PROGRAMS += tests/integration/unsent
tests_integration_unsent_SOURCES = tests/integration/unsent.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_unsent_LDADD = -lsctp -lpthread

# The daemon killed under a program (daemon_killed.sh).
check_PROGRAMS += tests/integration/daemon_dies
tests_integration_daemon_dies_SOURCES = tests/integration/daemon_dies.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_daemon_dies_LDADD = -lsctp -lpthread

# Speaks to the daemon's control socket directly, not under the shim.
check_PROGRAMS += tests/integration/badinput
tests_integration_badinput_SOURCES = tests/integration/badinput.c
tests_integration_badinput_LDADD = libwire.la

# Linked against sctpshim's own libsctp.so.1 (src/libsctp), not Debian's:
# -no-install puts its build directory in the program's RUNPATH.
check_PROGRAMS += tests/integration/libsctp_api
tests_integration_libsctp_api_SOURCES = tests/integration/libsctp_api.c \
	tests/integration/e2e_util.c tests/integration/e2e.h
tests_integration_libsctp_api_LDADD = src/libsctp/libsctp.la -ldl
tests_integration_libsctp_api_LDFLAGS = -no-install
EXTRA_DIST += tests/integration/libsctp_lib.sh

integration_tests = \
	tests/integration/cli_run_missing.sh \
	tests/integration/cli_run_env.sh \
	tests/integration/cli_no_daemon.sh \
	tests/integration/cli_status_json.sh \
	tests/integration/checksctp.sh \
	tests/integration/sctp_test_seqpacket.sh \
	tests/integration/sctp_test_32k.sh \
	tests/integration/sctp_test_stream.sh \
	tests/integration/sctp_darn.sh \
	tests/integration/libsctp_symbols.sh \
	tests/integration/libsctp_addrs.sh \
	tests/integration/libsctp_sendmsg.sh \
	tests/integration/libsctp_sendv.sh \
	tests/integration/libsctp_connectx_versions.sh \
	tests/integration/libsctp_sendx.sh \
	tests/integration/libsctp_peeloff.sh \
	tests/integration/libsctp_errors.sh \
	tests/integration/libsctp_darn.sh \
	tests/integration/libsctp_run_system.sh \
	tests/integration/libsctp_run_missing.sh \
	tests/integration/iperf3.sh \
	tests/integration/socat.sh \
	tests/integration/ncat.sh \
	tests/integration/e2e_one_to_one_v4.sh \
	tests/integration/e2e_one_to_one_v6.sh \
	tests/integration/e2e_one_to_one_implicit.sh \
	tests/integration/e2e_one_to_many_v4.sh \
	tests/integration/e2e_one_to_many_v6.sh \
	tests/integration/e2e_rebind_cycles.sh \
	tests/integration/e2e_partial.sh \
	tests/integration/e2e_big.sh \
	tests/integration/e2e_emsgsize.sh \
	tests/integration/e2e_epoll.sh \
	tests/integration/e2e_events.sh \
	tests/integration/e2e_sndrcv.sh \
	tests/integration/e2e_status.sh \
	tests/integration/e2e_close_drains.sh \
	tests/integration/e2e_close_drains_one_to_many.sh \
	tests/integration/e2e_enoprotoopt.sh \
	tests/integration/e2e_nudge.sh \
	tests/integration/e2e_nudge_epollet.sh \
	tests/integration/e2e_dup.sh \
	tests/integration/e2e_never_connected.sh \
	tests/integration/e2e_close_connecting.sh \
	tests/integration/e2e_ended.sh \
	tests/integration/e2e_connectx_one_to_one.sh \
	tests/integration/e2e_connectx_one_to_one_nonblock.sh \
	tests/integration/e2e_connectx_one_to_many.sh \
	tests/integration/e2e_connectx_one_to_many_nonblock.sh \
	tests/integration/e2e_mmsg.sh \
	tests/integration/e2e_closefrom.sh \
	tests/integration/e2e_exec.sh \
	tests/integration/e2e_close_churn_one_to_one.sh \
	tests/integration/e2e_close_churn_one_to_many.sh \
	tests/integration/e2e_send_failed_event.sh \
	tests/integration/e2e_stream_einval.sh \
	tests/integration/e2e_abort_comm_lost.sh \
	tests/integration/unsent_event_each_once.sh \
	tests/integration/unsent_old_each_once.sh \
	tests/integration/unsent_so_error.sh \
	tests/integration/unsent_many_each_once.sh \
	tests/integration/unsent_writer_epipe.sh \
	tests/integration/unsent_defaults.sh \
	tests/integration/unsent_so_error_timeout.sh \
	tests/integration/erlang_gen_sctp.sh \
	tests/integration/e2e_peeloff.sh \
	tests/integration/e2e_peeloff_flags.sh \
	tests/integration/e2e_peeloff_errors.sh \
	tests/integration/e2e_peeloff_close.sh \
	tests/integration/e2e_peeloff_connecting.sh \
	tests/integration/passthrough.sh \
	tests/integration/badinput.sh \
	tests/integration/daemon_missing.sh \
	tests/integration/daemon_port_taken.sh \
	tests/integration/config_out_of_range.sh \
	tests/integration/config_check.sh \
	tests/integration/config_takes_effect.sh \
	tests/integration/autostart_race.sh \
	tests/integration/version_library_other.sh \
	tests/integration/version_daemon_other.sh \
	tests/integration/flow_memory.sh \
	tests/integration/daemon_killed.sh \
	tests/integration/idle_exit_race.sh \
	tests/integration/valgrind_e2e.sh \
	tests/integration/valgrind_daemon.sh \
	tests/integration/procs_fork_share.sh \
	tests/integration/procs_accept_fork.sh \
	tests/integration/procs_prefork.sh \
	tests/integration/procs_prefork_big.sh \
	tests/integration/procs_dup_copies.sh \
	tests/integration/procs_dup2_onto.sh \
	tests/integration/procs_scm_rights.sh \
	tests/integration/procs_linger_abort.sh \
	tests/integration/linger_blocks.sh \
	tests/integration/linger_peer_reads.sh \
	tests/integration/linger_dup.sh \
	tests/integration/linger_one_to_many.sh \
	tests/integration/linger_signal.sh \
	tests/integration/linger_dup2_onto.sh \
	tests/integration/linger_dup2_onto_copy.sh \
	tests/integration/linger_close_range.sh \
	tests/integration/linger_closefrom.sh \
	tests/integration/procs_peeloff_fork.sh \
	tests/integration/procs_crash_cycles.sh \
	tests/integration/procs_close_connecting_idle.sh \
	tests/integration/procs_shutdown_fork.sh

TESTS += tests/unit/test_wire $(integration_tests)
EXTRA_DIST += $(integration_tests) tests/integration/lib.sh tests/demo.sh \
	tests/integration/erlang/gen_sctp_doc_example.erl
CLEANFILES += tests/integration/sctpshimd-check.log

# make bench-stress (the second half of make bench, bench/harness.mk): the
# full-size runs; flow_memory.sh pushes 1 GiB (128 MiB in make check) and
# prints the daemon's peak RSS; the loss tests move 50 MiB each (10 MiB at
# 20 % loss in make check) and print their goodput.
.PHONY: bench-stress
bench-stress: all
	FLOW_MIB=1024 $(MAKE) $(AM_MAKEFLAGS) check TESTS=tests/integration/flow_memory.sh
	@cat tests/integration/flow_memory.sh.log
	NETNS_LOSS_MIB=50 CMD_TIMEOUT=300 $(MAKE) $(AM_MAKEFLAGS) check \
		TESTS="tests/netns/netns_loss_1.sh tests/netns/netns_loss_5.sh tests/netns/netns_loss_20.sh"
	@cat tests/netns/netns_loss_1.sh.log tests/netns/netns_loss_5.sh.log tests/netns/netns_loss_20.sh.log

# make installcheck: the installed command, library and daemon.
EXTRA_DIST += tests/integration/installed.sh
installcheck-local:
	abs_top_builddir='$(abs_top_builddir)' installed_bindir='$(bindir)' \
	installed_sbindir='$(sbindir)' installed_libdir='$(libdir)' \
	$(SHELL) $(top_srcdir)/tests/integration/installed.sh

# Security (docs/design.md): who may use the daemon, low ports.
security_tests = \
	tests/integration/security_peer_refused.sh \
	tests/integration/security_peer_allowed.sh \
	tests/integration/security_peer_group.sh \
	tests/integration/security_low_port_root_no_cap.sh \
	tests/integration/security_low_port_user_no_cap.sh \
	tests/integration/security_low_port_user_cap.sh \
	tests/integration/security_low_port_sysctl.sh \
	tests/integration/security_foreign_endpoint.sh \
	tests/integration/security_port_taken.sh \
	tests/integration/security_reuseport_other_uid.sh
TESTS += $(security_tests)
check_PROGRAMS += tests/integration/foreign_endpoint
tests_integration_foreign_endpoint_SOURCES = tests/integration/foreign_endpoint.c
tests_integration_foreign_endpoint_LDADD = libwire.la
EXTRA_DIST += $(security_tests) tests/integration/security_lib.sh
reuse_tests = \
	tests/integration/reuse_reuseaddr_shared.sh \
	tests/integration/reuse_reuseport_shared.sh \
	tests/integration/reuse_needs_both.sh \
	tests/integration/reuse_reuseaddr_listener.sh \
	tests/integration/reuse_port_option_apart.sh
TESTS += $(reuse_tests)
EXTRA_DIST += $(reuse_tests)

# Threads, blocking calls and readiness: one behaviour each (e2e_wait.c).
wait_tests = \
	tests/integration/e2e_wait_threads.sh \
	tests/integration/e2e_wait_threads_one_to_many.sh \
	tests/integration/e2e_wait_shutdown_rd_wakes.sh \
	tests/integration/e2e_wait_shutdown_rdwr_wakes.sh \
	tests/integration/e2e_wait_shut_rd_queued.sh \
	tests/integration/e2e_wait_abort_wakes.sh \
	tests/integration/e2e_wait_close_while_recv.sh \
	tests/integration/e2e_wait_close_while_accept.sh \
	tests/integration/e2e_wait_fork_while_recv.sh \
	tests/integration/e2e_wait_eintr.sh \
	tests/integration/e2e_wait_connect_refused.sh \
	tests/integration/e2e_wait_reconnect_after_refused.sh \
	tests/integration/e2e_wait_connect_nonblock_ok.sh \
	tests/integration/e2e_wait_connect_timeout.sh \
	tests/integration/e2e_wait_connect_eintr.sh \
	tests/integration/e2e_wait_connect_restart.sh \
	tests/integration/e2e_wait_shutdown_wr_while_connect.sh \
	tests/integration/e2e_wait_shutdown_rdwr_while_connect.sh \
	tests/integration/e2e_wait_shutdown_wakes_sender.sh \
	tests/integration/e2e_wait_connect_sndtimeo.sh \
	tests/integration/e2e_wait_close_while_connect.sh \
	tests/integration/e2e_wait_accept4_flags.sh \
	tests/integration/e2e_wait_ioctl.sh \
	tests/integration/e2e_wait_ioctl_big.sh \
	tests/integration/e2e_wait_record_pieces.sh \
	tests/integration/e2e_wait_recv_flags.sh \
	tests/integration/e2e_wait_epoll_edge.sh \
	tests/integration/e2e_wait_poll_notification.sh \
	tests/integration/e2e_wait_timeouts.sh \
	tests/integration/e2e_wait_epollout.sh \
	tests/integration/e2e_wait_epoll_hup.sh \
	tests/integration/e2e_wait_echo_epollet.sh
TESTS += $(wait_tests)
EXTRA_DIST += $(wait_tests)

# Real networks (docs/networks.md): hosts of our own in network namespaces,
# as root; skipped otherwise.
netns_tests = \
	tests/netns/netns_one_to_one_v4.sh \
	tests/netns/netns_one_to_one_v6.sh \
	tests/netns/netns_one_to_many_v4.sh \
	tests/netns/netns_one_to_many_v6.sh \
	tests/netns/netns_nat_clients.sh \
	tests/netns/netns_send_setup_close.sh \
	tests/netns/netns_path_revive.sh \
	tests/netns/netns_wire_two_hosts.sh \
	tests/netns/netns_wire_loopback.sh \
	tests/netns/netns_loss_1.sh \
	tests/netns/netns_loss_5.sh \
	tests/netns/netns_loss_20.sh \
	tests/netns/netns_unreach_timeout.sh \
	tests/netns/netns_unreach_icmp.sh \
	tests/netns/netns_unreach_abort.sh \
	tests/netns/netns_native_one_to_one.sh \
	tests/netns/netns_native_one_to_many.sh \
	tests/netns/netns_native_no_cap.sh \
	tests/netns/netns_native_encap_peer.sh \
	tests/netns/netns_native_answered.sh \
	tests/netns/netns_multihome_failover.sh \
	tests/netns/netns_multihome_primary.sh \
	tests/netns/netns_multihome_heartbeat.sh \
	tests/netns/netns_multihome_asconf.sh
TESTS += $(netns_tests)
EXTRA_DIST += $(netns_tests) tests/netns/lib.sh tests/netns/multihome.sh
# Both ends of the loss transfers and the reachability connects.
check_PROGRAMS += tests/netns/netns_peer
tests_netns_netns_peer_SOURCES = tests/netns/netns_peer.c tests/netns/netns_prog.h
tests_netns_netns_peer_LDADD = -lsctp
# Both ends of the multihoming tests.
check_PROGRAMS += tests/netns/netns_multihome
tests_netns_netns_multihome_SOURCES = tests/netns/netns_multihome.c tests/netns/netns_prog.h
tests_netns_netns_multihome_LDADD = -lsctp
