/* vita-households-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-household-model.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_HOUSEHOLDS_PAGE (vita_households_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaHouseholdsPage, vita_households_page, VITA, HOUSEHOLDS_PAGE, GtkWidget)

GtkWidget          *vita_households_page_new           (VitaStore          *store);
VitaHouseholdModel *vita_households_page_get_model     (VitaHouseholdsPage *self);
void                vita_households_page_reload        (VitaHouseholdsPage *self);
void                vita_households_page_set_site_name (VitaHouseholdsPage *self,
                                                        const char         *site_name);
void                vita_households_page_focus_search  (VitaHouseholdsPage *self);
const char         *vita_households_page_get_visible_state (VitaHouseholdsPage *self);

GtkWidget          *vita_households_page_get_access_dialog (VitaHouseholdsPage *self);

G_END_DECLS
