/* vita-household-item.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vita-store-households.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_HOUSEHOLD_ITEM (vita_household_item_get_type ())
G_DECLARE_FINAL_TYPE (VitaHouseholdItem, vita_household_item, VITA, HOUSEHOLD_ITEM, GObject)

VitaHouseholdItem *vita_household_item_new              (gint64                      id);
gint64             vita_household_item_get_id           (VitaHouseholdItem          *self);
const char        *vita_household_item_get_display_name (VitaHouseholdItem          *self);
VitaReturnStatus   vita_household_item_get_status       (VitaHouseholdItem          *self);
const char        *vita_household_item_get_language     (VitaHouseholdItem          *self);
gboolean           vita_household_item_get_needs_itin   (VitaHouseholdItem          *self);
const char        *vita_household_item_get_updated      (VitaHouseholdItem          *self);
gboolean           vita_household_item_get_loaded       (VitaHouseholdItem          *self);
VitaHouseholdAccess vita_household_item_get_access      (VitaHouseholdItem          *self);
gboolean           vita_household_item_get_not_mine     (VitaHouseholdItem          *self);
void               vita_household_item_set_summary      (VitaHouseholdItem          *self,
                                                         const VitaHouseholdSummary *summary);

G_END_DECLS
