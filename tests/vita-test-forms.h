/* vita-test-forms.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-household.h"

G_BEGIN_DECLS

const char    *vita_test_forms_dir             (void);
GBytes        *vita_test_forms_read            (const char *name);
GBytes        *vita_test_w7_fixture            (void);
VitaHousehold *vita_test_every_answer_household (void);

G_END_DECLS
