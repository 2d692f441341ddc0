/* vita-privacy-window.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-member-window.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_PRIVACY_WINDOW (vita_privacy_window_get_type ())
G_DECLARE_FINAL_TYPE (VitaPrivacyWindow, vita_privacy_window, VITA, PRIVACY_WINDOW, VitaMemberWindow)

GtkWindow  *vita_privacy_window_new           (GtkWindow         *parent,
                                               VitaStore         *store,
                                               VitaHousehold     *household,
                                               const char        *language);
const char *vita_privacy_window_get_language  (VitaPrivacyWindow *self);
void        vita_privacy_window_set_language  (VitaPrivacyWindow *self,
                                               const char        *language);

G_END_DECLS
