/* SPDX-License-Identifier: MIT */
/* Shared between engine*.c only: these include <usrsctp.h>. */
#ifndef SCTPSHIMD_ENGINE_INT_H
#define SCTPSHIMD_ENGINE_INT_H

#include <usrsctp.h>

#include "daemon/endpoint.h"
#include "daemon/engine.h"

/* A usrsctp notification (one whole one) for this endpoint. */
void engine_notification(struct endpoint *ep, const void *buf, size_t len);

/* sockaddrs as usrsctp returns them, packed by family size */
size_t engine_sockaddr_size(const struct sockaddr *sa);

#endif
