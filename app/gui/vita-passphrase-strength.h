/* vita-passphrase-strength.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-passphrase.h"

G_BEGIN_DECLS


#define VITA_TYPE_PASSPHRASE_STRENGTH (vita_passphrase_strength_get_type ())
G_DECLARE_FINAL_TYPE (VitaPassphraseStrength, vita_passphrase_strength, VITA, PASSPHRASE_STRENGTH, GtkWidget)

GtkWidget  *vita_passphrase_strength_new            (void);
void        vita_passphrase_strength_update         (VitaPassphraseStrength *self,
                                                     const char             *passphrase,
                                                     const char             *user_name);
gboolean    vita_passphrase_strength_get_acceptable (VitaPassphraseStrength *self);
const char *vita_passphrase_strength_get_message    (VitaPassphraseStrength *self);

G_END_DECLS
