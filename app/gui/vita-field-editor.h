/* vita-field-editor.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-field.h"
#include "vita-household.h"

G_BEGIN_DECLS

#define VITA_TYPE_FIELD_EDITOR (vita_field_editor_get_type ())
G_DECLARE_FINAL_TYPE (VitaFieldEditor, vita_field_editor, VITA, FIELD_EDITOR, GObject)

VitaFieldEditor *vita_field_editor_new            (const VitaField *field,
                                                   VitaHousehold   *household,
                                                   int              person);
const VitaField *vita_field_editor_get_field      (VitaFieldEditor *self);
int              vita_field_editor_get_person     (VitaFieldEditor *self);
GtkWidget       *vita_field_editor_get_row        (VitaFieldEditor *self);
GtkWidget       *vita_field_editor_get_message_row (VitaFieldEditor *self);
gboolean         vita_field_editor_refresh        (VitaFieldEditor *self);
gboolean         vita_field_editor_get_shown      (VitaFieldEditor *self);
gboolean         vita_field_editor_has_error      (VitaFieldEditor *self);
void             vita_field_editor_set_problem    (VitaFieldEditor *self,
                                                   const char      *message,
                                                   gboolean         blocking);
void             vita_field_editor_forget_secret  (VitaFieldEditor *self);

G_END_DECLS
