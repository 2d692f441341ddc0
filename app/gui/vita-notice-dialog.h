/* vita-notice-dialog.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-member-window.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_NOTICE_DIALOG (vita_notice_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VitaNoticeDialog, vita_notice_dialog, VITA, NOTICE_DIALOG, VitaMemberWindow)

GtkWindow  *vita_notice_dialog_new              (GtkWindow            *parent,
                                                 VitaStore            *store,
                                                 VitaHousehold        *household);
const char *vita_notice_dialog_get_language     (VitaNoticeDialog     *self);
void        vita_notice_dialog_set_language     (VitaNoticeDialog     *self,
                                                 const char           *language);
void        vita_notice_dialog_save_pdf_async   (VitaNoticeDialog     *self,
                                                 GFile                *file,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean    vita_notice_dialog_save_pdf_finish  (VitaNoticeDialog     *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
