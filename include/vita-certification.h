/* vita-certification.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-field.h"
#include "vita-household.h"

G_BEGIN_DECLS

VitaCertLevel  vita_household_required_cert  (VitaHousehold *hh,
                                              GPtrArray     *reasons_out);
gboolean       vita_cert_level_covers        (VitaCertLevel  held,
                                              VitaCertLevel  needed);
const char    *vita_cert_level_to_string     (VitaCertLevel  level);
const char    *vita_cert_level_get_label     (VitaCertLevel  level);

G_END_DECLS
