/* vita-unlock-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_UNLOCK_PAGE (vita_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaUnlockPage, vita_unlock_page, VITA, UNLOCK_PAGE, GtkWidget)

VitaStore *vita_unlock_page_get_store (VitaUnlockPage *self);
void       vita_unlock_page_set_store (VitaUnlockPage *self,
                                       VitaStore      *store);
void       vita_unlock_page_reset     (VitaUnlockPage *self,
                                       const char     *user_name);
gboolean   vita_unlock_page_get_busy  (VitaUnlockPage *self);
void       vita_unlock_page_show_problem (VitaUnlockPage *self,
                                          const GError   *error);

G_END_DECLS
