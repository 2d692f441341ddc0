/* vita-household-row.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-household-item.h"

G_BEGIN_DECLS

#define VITA_TYPE_HOUSEHOLD_ROW (vita_household_row_get_type ())
G_DECLARE_FINAL_TYPE (VitaHouseholdRow, vita_household_row, VITA, HOUSEHOLD_ROW, GtkWidget)

GtkWidget         *vita_household_row_new      (void);
VitaHouseholdItem *vita_household_row_get_item (VitaHouseholdRow  *self);
void               vita_household_row_set_item (VitaHouseholdRow  *self,
                                                VitaHouseholdItem *item);
const char        *vita_household_row_get_name (VitaHouseholdRow  *self);

G_END_DECLS
