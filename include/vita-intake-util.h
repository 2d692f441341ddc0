/* vita-intake-util.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-household.h"

G_BEGIN_DECLS

char     *vita_intake_dup_person_name  (VitaHousehold *household,
                                        int            person);

G_END_DECLS
