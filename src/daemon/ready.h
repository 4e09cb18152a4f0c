/* SPDX-License-Identifier: MIT */
/* The hand-off from usrsctp's threads to the loop.  Upcalls run with
 * usrsctp's locks held, so they only note an endpoint id here and poke an
 * eventfd; the loop takes the ids and does the work. */
#ifndef SCTPSHIMD_READY_H
#define SCTPSHIMD_READY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

int ready_init(void);          /* returns the eventfd, or -errno */
void ready_deinit(void);
/* Thread-safe, never blocks on anything but a short mutex. */
void ready_mark(uint32_t id);
/* Loop side: takes the marked ids (caller frees *ids).  *all is set when
 * memory ran short and every endpoint must be looked at. */
void ready_take(uint32_t **ids, size_t *count, bool *all);

#endif
