/* vita-clock.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one place the core asks for the date and time.  Retention dates, the
 * tax year, ages and ITIN expiry all depend on "today", so tests must be able
 * to run the core on any day of the year. */

GDateTime *vita_clock_now_local      (void);
GDateTime *vita_clock_now_utc        (void);
void       vita_clock_get_today      (GDate     *today);
char      *vita_clock_now_iso8601    (void);

void       vita_clock_set_for_testing (GDateTime *now);

G_END_DECLS
