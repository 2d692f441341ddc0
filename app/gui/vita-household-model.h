/* vita-household-model.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vita-store-households.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_HOUSEHOLD_MODEL_PAGE_SIZE 100

#define VITA_TYPE_HOUSEHOLD_MODEL (vita_household_model_get_type ())
G_DECLARE_FINAL_TYPE (VitaHouseholdModel, vita_household_model, VITA, HOUSEHOLD_MODEL, GObject)

VitaHouseholdModel *vita_household_model_new             (VitaStore              *store);
VitaStore          *vita_household_model_get_store       (VitaHouseholdModel     *self);
void                vita_household_model_set_query       (VitaHouseholdModel     *self,
                                                          const char             *query);
const char         *vita_household_model_get_query       (VitaHouseholdModel     *self);
void                vita_household_model_set_filter      (VitaHouseholdModel     *self,
                                                          const VitaSearchFilter *filter);
void                vita_household_model_get_filter      (VitaHouseholdModel     *self,
                                                          VitaSearchFilter       *filter);
gboolean            vita_household_model_is_filtered     (VitaHouseholdModel     *self);
void                vita_household_model_reload          (VitaHouseholdModel     *self);
void                vita_household_model_clear           (VitaHouseholdModel     *self);
gboolean            vita_household_model_get_loading     (VitaHouseholdModel     *self);
guint               vita_household_model_get_n_cached_pages (VitaHouseholdModel  *self);
void                vita_household_model_set_max_cached_pages (VitaHouseholdModel *self,
                                                          guint                   max_pages);

G_END_DECLS
