/* vita-export-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-notifier.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_EXPORT_PAGE (vita_export_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaExportPage, vita_export_page, VITA, EXPORT_PAGE, AdwBin)

void        vita_export_page_set_store           (VitaExportPage       *self,
                                                  VitaStore            *store);
gboolean    vita_export_page_get_busy            (VitaExportPage       *self);
gboolean    vita_export_page_get_checked         (VitaExportPage       *self);
const char *vita_export_page_get_report_text     (VitaExportPage       *self);
void        vita_export_page_save_to_file        (VitaExportPage       *self,
                                                  GFile                *file,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean    vita_export_page_save_to_file_finish (VitaExportPage       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

void        vita_export_page_set_notifier        (VitaExportPage       *self,
                                                  VitaNotifier         *notifier);

G_END_DECLS
