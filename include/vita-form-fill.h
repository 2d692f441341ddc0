/* vita-form-fill.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-form-map.h"
#include "vita-household.h"

G_BEGIN_DECLS

/* Something to fix (or know) before a filled form is printed. */
typedef struct
{
  char     *field_id;  /* the catalogue answer, to take the volunteer there */
  char     *message;   /* translated; names the box, never the value */
  gboolean  blocking;
} VitaFormProblem;

void        vita_form_problem_free   (VitaFormProblem   *problem);

GPtrArray  *vita_form_check          (const VitaFormMap *map,
                                      GBytes            *template_pdf,
                                      VitaHousehold     *household,
                                      int                applicant,
                                      GHashTable        *settings,
                                      GError           **error);
GBytes     *vita_form_fill           (const VitaFormMap *map,
                                      GBytes            *template_pdf,
                                      VitaHousehold     *household,
                                      int                applicant,
                                      GHashTable        *settings,
                                      GPtrArray        **problems,
                                      GError           **error);
GBytes     *vita_form_remove_xfa     (GBytes            *pdf,
                                      GError           **error);
gboolean    vita_form_needs_w7       (VitaHousehold     *household,
                                      int                person);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaFormProblem, vita_form_problem_free)

G_END_DECLS
