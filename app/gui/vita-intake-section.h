/* vita-intake-section.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-household.h"

G_BEGIN_DECLS

#define VITA_TYPE_INTAKE_SECTION (vita_intake_section_get_type ())
G_DECLARE_FINAL_TYPE (VitaIntakeSection, vita_intake_section, VITA, INTAKE_SECTION, AdwBin)

GtkWidget *vita_intake_section_new               (VitaHousehold      *household,
                                                  guint               sections,
                                                  int                 person,
                                                  const char         *title,
                                                  const char         *description);
int        vita_intake_section_get_person        (VitaIntakeSection  *self);
void       vita_intake_section_refresh           (VitaIntakeSection  *self);
void       vita_intake_section_forget_secrets    (VitaIntakeSection  *self);
void       vita_intake_section_set_problems      (VitaIntakeSection  *self,
                                                  GPtrArray          *problems);
void       vita_intake_section_set_title         (VitaIntakeSection  *self,
                                                  const char         *title);
void       vita_intake_section_set_header_suffix (VitaIntakeSection  *self,
                                                  GtkWidget          *suffix);
GtkWidget *vita_intake_section_get_row           (VitaIntakeSection  *self,
                                                  const char         *field_id);
/* minimum-data mode: the note the interview shows near TIN fields, kept
 * on the household object (key below) so sections made later (a new
 * dependent, a W-7 page) show it too. */
#define VITA_INTAKE_TIN_NOTE_DATA "vita-intake-tin-note"
void       vita_intake_section_set_tin_note      (VitaIntakeSection  *self,
                                                  const char         *note);
guint      vita_intake_section_count_errors      (VitaIntakeSection  *self);
gboolean   vita_intake_section_has_errors        (VitaIntakeSection  *self);

G_END_DECLS
