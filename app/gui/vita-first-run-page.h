/* vita-first-run-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_FIRST_RUN_PAGE (vita_first_run_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaFirstRunPage, vita_first_run_page, VITA, FIRST_RUN_PAGE, GtkWidget)

VitaStore *vita_first_run_page_get_store (VitaFirstRunPage *self);
void       vita_first_run_page_set_store (VitaFirstRunPage *self,
                                          VitaStore        *store);
gboolean   vita_first_run_page_get_busy  (VitaFirstRunPage *self);

G_END_DECLS
