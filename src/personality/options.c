/* SPDX-License-Identifier: MIT */
/* SOL_SCTP socket options: Linux names, lengths and structs <-> shim_opt. */
#include "personality/personality.h"

#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <linux/sctp.h>
#include "wire/wire.h"

_Static_assert(SHIM_NOTIFY_MAX - 1 == SCTP_SN_TYPE_MAX - SCTP_SN_TYPE_BASE,
               "neutral notification types follow Linux's order");
_Static_assert(sizeof(struct sctp_event_subscribe) == SHIM_NOTIFY_MAX,
               "one subscribe byte per notification type");

int pers_opt_from_linux(int optname)
{
	switch (optname) {
	case SCTP_INITMSG:           return SHIM_OPT_INITMSG;
	case SCTP_NODELAY:           return SHIM_OPT_NODELAY;
	case SCTP_EVENTS:            return SHIM_OPT_EVENTS;
	case SCTP_EVENT:             return SHIM_OPT_EVENT;
	case SCTP_STATUS:            return SHIM_OPT_STATUS;
	case SCTP_RECVRCVINFO:       return SHIM_OPT_RECVRCVINFO;
	case SCTP_RECVNXTINFO:       return SHIM_OPT_RECVNXTINFO;
	case SCTP_MAXSEG:            return SHIM_OPT_MAXSEG;
	case SCTP_AUTOCLOSE:         return SHIM_OPT_AUTOCLOSE;
	case SCTP_DISABLE_FRAGMENTS: return SHIM_OPT_DISABLE_FRAGMENTS;
	default:                     return -ENOPROTOOPT;
	}
}

int pers_setopt_needs_events(int optname)
{
	return optname == SCTP_EVENTS;
}

static void opt_init(struct pers_opt *o, int optname, uint32_t len)
{
	memset(o, 0, sizeof *o);
	o->opt = (uint32_t)pers_opt_from_linux(optname);
	o->len = len;
}

static int int_value(const void *optval, socklen_t optlen, uint32_t *v)
{
	int i;

	if (optlen < (socklen_t)sizeof(int))
		return -EINVAL;
	memcpy(&i, optval, sizeof i);
	*v = (uint32_t)i;
	return 0;
}

static int event_type_ok(uint16_t linux_type)
{
	return pers_notify_type_from_linux(linux_type) >= 0;
}

/* The part of a Linux struct sctp_event that set and get share: which
 * association and which notification. */
static int event_from_linux(const void *optval, socklen_t optlen, struct sctp_event *ev,
                            struct pers_opt *out)
{
	memset(ev, 0, sizeof *ev);
	if (optlen < (socklen_t)sizeof *ev)
		return -EINVAL;
	memcpy(ev, optval, sizeof *ev);
	if (!event_type_ok(ev->se_type))
		return -EINVAL;
	out->len = sizeof out->v.event;
	out->assoc_id = (uint32_t)ev->se_assoc_id;
	out->v.event.assoc_id = (uint32_t)ev->se_assoc_id;
	out->v.event.type = (uint16_t)pers_notify_type_from_linux(ev->se_type);
	return 0;
}

int pers_setopt_encode(int optname, const void *optval, socklen_t optlen,
                       int one_to_many, uint32_t cur_events, struct pers_opt *out)
{
	if (pers_opt_from_linux(optname) < 0)
		return -ENOPROTOOPT;
	opt_init(out, optname, sizeof(uint32_t));
	switch (optname) {
	case SCTP_INITMSG: {
		struct sctp_initmsg im;

		if (optlen != (socklen_t)sizeof im)
			return -EINVAL;
		memcpy(&im, optval, sizeof im);
		out->len = sizeof out->v.initmsg;
		out->v.initmsg.num_ostreams = im.sinit_num_ostreams;
		out->v.initmsg.max_instreams = im.sinit_max_instreams;
		out->v.initmsg.max_attempts = im.sinit_max_attempts;
		out->v.initmsg.max_init_timeo = im.sinit_max_init_timeo;
		return 0;
	}
	case SCTP_EVENTS: {
		/* Linux takes any length up to the struct and sets only the
		 * events the given bytes cover. */
		const uint8_t *on = optval;
		uint32_t mask = cur_events;
		socklen_t i;

		if (optlen > (socklen_t)sizeof(struct sctp_event_subscribe))
			return -EINVAL;
		for (i = 0; i < optlen; i++)
			mask = on[i] ? mask | (1u << i) : mask & ~(1u << i);
		out->v.u32 = mask;
		return 0;
	}
	case SCTP_EVENT: {
		struct sctp_event ev;
		int r = event_from_linux(optval, optlen, &ev, out);

		out->v.event.on = ev.se_on ? 1 : 0;
		return r;
	}
	case SCTP_STATUS:
		return -ENOPROTOOPT;  /* get only: Linux has no setsockopt case */
	case SCTP_MAXSEG:
		if (optlen == (socklen_t)sizeof(int))
			return int_value(optval, optlen, &out->v.u32);
		if (optlen == (socklen_t)sizeof(struct sctp_assoc_value)) {
			struct sctp_assoc_value av;

			memcpy(&av, optval, sizeof av);
			out->assoc_id = (uint32_t)av.assoc_id;
			out->v.u32 = av.assoc_value;
			return 0;
		}
		return -EINVAL;
	case SCTP_AUTOCLOSE:
		if (!one_to_many)
			return -EOPNOTSUPP;
		return int_value(optval, optlen, &out->v.u32);
	case SCTP_NODELAY:
	case SCTP_RECVRCVINFO:
	case SCTP_RECVNXTINFO:
	case SCTP_DISABLE_FRAGMENTS: {
		int r = int_value(optval, optlen, &out->v.u32);

		if (r == 0 && optname != SCTP_AUTOCLOSE)
			out->v.u32 = out->v.u32 ? 1 : 0;
		return r;
	}
	}
	return -ENOPROTOOPT;
}

int pers_getopt_prepare(int optname, const void *optval, socklen_t optlen,
                        int one_to_many, struct pers_opt *out)
{
	if (pers_opt_from_linux(optname) < 0)
		return -ENOPROTOOPT;
	opt_init(out, optname, 0);
	switch (optname) {
	case SCTP_INITMSG:
		return optlen < (socklen_t)sizeof(struct sctp_initmsg) ? -EINVAL : 0;
	case SCTP_EVENTS:
		return optlen == 0 ? -EINVAL : 0;
	case SCTP_EVENT: {
		struct sctp_event ev;

		return event_from_linux(optval, optlen, &ev, out);
	}
	case SCTP_STATUS: {
		struct sctp_status st;

		if (optlen < (socklen_t)sizeof st)
			return -EINVAL;
		memcpy(&st.sstat_assoc_id, optval, sizeof st.sstat_assoc_id);
		out->assoc_id = (uint32_t)st.sstat_assoc_id;
		out->len = sizeof out->v.status;
		out->v.status.assoc_id = out->assoc_id;
		return 0;
	}
	case SCTP_MAXSEG:
		if (optlen >= (socklen_t)sizeof(struct sctp_assoc_value)) {
			struct sctp_assoc_value av;

			memcpy(&av, optval, sizeof av);
			out->assoc_id = (uint32_t)av.assoc_id;
			return 0;
		}
		return optlen == (socklen_t)sizeof(int) ? 0 : -EINVAL;
	case SCTP_AUTOCLOSE:
		if (!one_to_many)
			return -EOPNOTSUPP;
		/* fall through */
	default:
		return optlen < (socklen_t)sizeof(int) ? -EINVAL : 0;
	}
}

static void paddrinfo_to_linux(const struct shim_paddrinfo *in, uint32_t assoc_id,
                               struct sctp_paddrinfo *out)
{
	struct sockaddr_storage ss;
	int32_t state = pers_path_state_to_linux(in->state);

	memset(out, 0, sizeof *out);
	out->spinfo_assoc_id = (sctp_assoc_t)assoc_id;
	shim_addr_to_sockaddr(&in->addr, &ss);
	memcpy(&out->spinfo_address, &ss, sizeof ss);
	memcpy(&out->spinfo_state, &state, sizeof state);
	out->spinfo_cwnd = in->cwnd;
	out->spinfo_srtt = in->srtt;
	out->spinfo_rto = in->rto;
	out->spinfo_mtu = in->mtu;
}

static int put_int(uint32_t v, void *optval, socklen_t *optlen)
{
	int i = (int)v;

	*optlen = sizeof i;
	memcpy(optval, &i, sizeof i);
	return 0;
}

int pers_getopt_decode(int optname, const void *value, size_t len,
                       void *optval, socklen_t *optlen)
{
	uint32_t u32 = 0;

	if (len >= sizeof u32)
		memcpy(&u32, value, sizeof u32);
	switch (optname) {
	case SCTP_INITMSG: {
		struct shim_initmsg sim;
		struct sctp_initmsg im;

		if (len < sizeof sim)
			return -EPROTO;
		memcpy(&sim, value, sizeof sim);
		im.sinit_num_ostreams = sim.num_ostreams;
		im.sinit_max_instreams = sim.max_instreams;
		im.sinit_max_attempts = sim.max_attempts;
		im.sinit_max_init_timeo = sim.max_init_timeo;
		*optlen = sizeof im;
		memcpy(optval, &im, sizeof im);
		return 0;
	}
	case SCTP_EVENTS: {
		uint8_t on[sizeof(struct sctp_event_subscribe)];
		size_t i;

		if (len < sizeof u32)
			return -EPROTO;
		for (i = 0; i < sizeof on; i++)
			on[i] = (u32 >> i) & 1;
		if (*optlen > (socklen_t)sizeof on)
			*optlen = sizeof on;
		memcpy(optval, on, *optlen);
		return 0;
	}
	case SCTP_EVENT: {
		struct sctp_event ev;

		if (len < sizeof u32)
			return -EPROTO;
		memcpy(&ev, optval, sizeof ev);
		ev.se_on = u32 ? 1 : 0;
		*optlen = sizeof ev;
		memcpy(optval, &ev, sizeof ev);
		return 0;
	}
	case SCTP_STATUS: {
		struct shim_status ss;
		struct sctp_status st;

		if (len < sizeof ss)
			return -EPROTO;
		memcpy(&ss, value, sizeof ss);
		memset(&st, 0, sizeof st);
		st.sstat_assoc_id = (sctp_assoc_t)ss.assoc_id;
		st.sstat_state = pers_state_to_linux(ss.state);
		st.sstat_rwnd = ss.rwnd;
		st.sstat_unackdata = ss.unackdata;
		st.sstat_penddata = ss.penddata;
		st.sstat_instrms = ss.instrms;
		st.sstat_outstrms = ss.outstrms;
		st.sstat_fragmentation_point = ss.fragmentation_point;
		paddrinfo_to_linux(&ss.primary, ss.assoc_id, &st.sstat_primary);
		*optlen = sizeof st;
		memcpy(optval, &st, sizeof st);
		return 0;
	}
	case SCTP_MAXSEG:
		if (len < sizeof u32)
			return -EPROTO;
		if (*optlen >= (socklen_t)sizeof(struct sctp_assoc_value)) {
			struct sctp_assoc_value av;

			memcpy(&av, optval, sizeof av);
			av.assoc_value = u32;
			*optlen = sizeof av;
			memcpy(optval, &av, sizeof av);
			return 0;
		}
		return put_int(u32, optval, optlen);
	default:
		if (len < sizeof u32)
			return -EPROTO;
		return put_int(u32, optval, optlen);
	}
}
