/* vita-passphrase.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Scores are pwquality's 0–100; below this a passphrase is refused. */
#define VITA_PASSPHRASE_MIN_SCORE  50
#define VITA_PASSPHRASE_MIN_LENGTH 12
/* Longer input is refused, never truncated.  In bytes of UTF-8. */
#define VITA_PASSPHRASE_MAX_BYTES  1024

int      vita_passphrase_check    (const char  *passphrase,
                                   const char  *user_name,
                                   char       **message);
gboolean vita_passphrase_validate (const char  *passphrase,
                                   const char  *user_name,
                                   GError     **error);

G_END_DECLS
