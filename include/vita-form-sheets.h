/* vita-form-sheets.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-household.h"

G_BEGIN_DECLS

/* The app's own pages that go with the IRS forms, as PDF bytes made in
 * memory.  None of them is, or looks like, an IRS form. */
GBytes *vita_form_w7_cover_sheet   (VitaHousehold *household,
                                    int            applicant,
                                    GHashTable    *settings,
                                    GError       **error);
GBytes *vita_form_preparer_sheet   (VitaHousehold *household,
                                    GError       **error);
GBytes *vita_form_intake_summary   (VitaHousehold *household,
                                    GError       **error);
GPtrArray *vita_form_needs_attention (VitaHousehold *household);

G_END_DECLS
