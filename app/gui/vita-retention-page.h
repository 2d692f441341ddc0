/* vita-retention-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-notifier.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_RETENTION_PAGE (vita_retention_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaRetentionPage, vita_retention_page, VITA, RETENTION_PAGE, AdwBin)

void     vita_retention_page_set_store    (VitaRetentionPage *self,
                                           VitaStore         *store);
void     vita_retention_page_set_notifier (VitaRetentionPage *self,
                                           VitaNotifier      *notifier);
gboolean vita_retention_page_get_busy     (VitaRetentionPage *self);
gint64   vita_retention_page_get_n_due    (VitaRetentionPage *self);

G_END_DECLS
