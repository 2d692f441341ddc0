/* vita-synthetic.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-household.h"

G_BEGIN_DECLS

/* Synthetic households for demos, tests and benchmarks.  Every value is
 * made up; nothing here may ever be real taxpayer data. */
VitaHousehold *vita_synthetic_household (GRand      *rand,
                                         guint       index,
                                         const char *marker);

G_END_DECLS
