/* vita-w7.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-household.h"
#include "vita-itin-expiry.h"

G_BEGIN_DECLS

/* One thing to fix (or to remember) on a person's Form W-7. */
typedef struct
{
  const char *field_id; /* the catalogue field to take the volunteer to */
  char       *message;  /* translated, plain language, never the value */
  gboolean    blocking; /* FALSE for a reminder that does not stop the W-7 */
} VitaW7Problem;

void        vita_w7_problem_free      (VitaW7Problem *problem);
GPtrArray  *vita_w7_check             (VitaHousehold *hh,
                                       int            person,
                                       const GDate   *today);
gboolean    vita_w7_reasons_valid     (const char    *reasons);
gboolean    vita_w7_has_blocking      (GPtrArray     *problems);
gboolean    vita_w7_prefill           (VitaHousehold *hh,
                                       int            person);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaW7Problem, vita_w7_problem_free)

G_END_DECLS
