/* SPDX-License-Identifier: MIT */
/* Control connections: one per program process, strict request/reply. */
#ifndef SCTPSHIMD_CLIENT_H
#define SCTPSHIMD_CLIENT_H

#include <stddef.h>
#include <stdint.h>

/* The listening socket's callback: accepts and checks new clients. */
void clients_accept(int listen_fd);
size_t clients_count(void);
void clients_deinit(void);
/* Answer a request whose outcome had to wait (0 or a positive errno),
 * with a reply body (len 0: none). */
void client_deferred_reply(uint32_t client_id, int error, const void *body, size_t len);
/* The endpoint was closed, or its closed socket's associations are gone:
 * answer the lingering close() waiting for it, if nothing remains. */
void clients_linger_check(uint32_t endpoint_id);

#endif
