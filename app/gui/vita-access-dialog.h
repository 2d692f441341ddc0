/* vita-access-dialog.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define VITA_TYPE_ACCESS_DIALOG (vita_access_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VitaAccessDialog, vita_access_dialog, VITA, ACCESS_DIALOG, AdwMessageDialog)

GtkWidget  *vita_access_dialog_new        (GtkWindow        *parent);
const char *vita_access_dialog_get_reason (VitaAccessDialog *self);
gboolean    vita_access_dialog_submit     (VitaAccessDialog *self);
const char *vita_access_dialog_get_error  (VitaAccessDialog *self);

G_END_DECLS
