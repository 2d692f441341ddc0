/* vita-field-editor-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by vita-field-editor.c (validation and values) and its partner
 * file vita-field-editor-rows.c (the widgets of each field type).
 */

#pragma once

#include <adwaita.h>

#include "vita-field-editor.h"

G_BEGIN_DECLS

struct _VitaFieldEditor
{
  GObject          parent_instance;

  const VitaField *field;
  int              person;
  gboolean         updating;
  char            *error;
  char            *problem;
  gboolean         problem_blocking;
  guint            clear_source;

  /* Owned references */
  VitaHousehold   *household;
  GtkWidget       *row;
  GtkWidget       *message_row;
  GPtrArray       *choices;

  /* Widgets inside the rows */
  GtkWidget       *message_label;
  GtkWidget       *spin;
  GtkTextBuffer   *buffer;
  GtkWidget       *secret_label;
  GtkWidget       *clear_button;
};

/* vita-field-editor.c */
const char *_vita_field_editor_get_label       (VitaFieldEditor *self);
const char *_vita_field_editor_get_value       (VitaFieldEditor *self);
void        _vita_field_editor_take_text       (VitaFieldEditor *self,
                                                const char      *text);
void        _vita_field_editor_store_value     (VitaFieldEditor *self,
                                                const char      *value);
void        _vita_field_editor_set_error       (VitaFieldEditor *self,
                                                const char      *message);
void        _vita_field_editor_set_editable_text (VitaFieldEditor *self,
                                                  const char      *text);
void        _vita_field_editor_update_secret   (VitaFieldEditor *self);
char       *_vita_field_editor_collect_checked (VitaFieldEditor *self);
void        _vita_field_editor_update_reason_sensitivity (VitaFieldEditor *self);

/* vita-field-editor-rows.c */
void        _vita_field_editor_build_row         (VitaFieldEditor *self);
void        _vita_field_editor_decorate_row      (VitaFieldEditor *self);
void        _vita_field_editor_build_message_row (VitaFieldEditor *self);

G_END_DECLS
