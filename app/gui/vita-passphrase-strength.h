/* vita-passphrase-strength.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Scores are pwquality's 0–100; below this a passphrase is refused. */
#define VITA_PASSPHRASE_MIN_SCORE  50
#define VITA_PASSPHRASE_MIN_LENGTH 12

#define VITA_TYPE_PASSPHRASE_STRENGTH (vita_passphrase_strength_get_type ())
G_DECLARE_FINAL_TYPE (VitaPassphraseStrength, vita_passphrase_strength, VITA, PASSPHRASE_STRENGTH, GtkWidget)

GtkWidget  *vita_passphrase_strength_new            (void);
void        vita_passphrase_strength_update         (VitaPassphraseStrength *self,
                                                     const char             *passphrase,
                                                     const char             *user_name);
gboolean    vita_passphrase_strength_get_acceptable (VitaPassphraseStrength *self);
const char *vita_passphrase_strength_get_message    (VitaPassphraseStrength *self);
int         vita_passphrase_check                   (const char             *passphrase,
                                                     const char             *user_name,
                                                     char                  **message);

G_END_DECLS
