/* vita-intake-editor.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-household.h"
#include "vita-store.h"

G_BEGIN_DECLS

typedef enum
{
  VITA_INTAKE_SAVE_STATE_SAVED,    /* the store has every accepted answer */
  VITA_INTAKE_SAVE_STATE_PENDING,  /* answers wait for the next save */
  VITA_INTAKE_SAVE_STATE_SAVING,
  VITA_INTAKE_SAVE_STATE_FAILED,   /* the last save failed; answers are kept */
} VitaIntakeSaveState;

#define VITA_TYPE_INTAKE_SAVE_STATE (vita_intake_save_state_get_type ())
GType vita_intake_save_state_get_type (void) G_GNUC_CONST;

#define VITA_TYPE_INTAKE_EDITOR (vita_intake_editor_get_type ())
G_DECLARE_FINAL_TYPE (VitaIntakeEditor, vita_intake_editor, VITA, INTAKE_EDITOR, AdwBin)

GtkWidget           *vita_intake_editor_new             (VitaStore          *store,
                                                         VitaHousehold      *household);
VitaHousehold       *vita_intake_editor_get_household   (VitaIntakeEditor   *self);
VitaIntakeSaveState  vita_intake_editor_get_save_state  (VitaIntakeEditor   *self);
void                 vita_intake_editor_show_section    (VitaIntakeEditor   *self,
                                                         const char         *name);
void                 vita_intake_editor_save_async      (VitaIntakeEditor   *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean             vita_intake_editor_save_finish     (VitaIntakeEditor   *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
gboolean             vita_intake_editor_save_now        (VitaIntakeEditor   *self,
                                                         GError            **error);

G_END_DECLS
