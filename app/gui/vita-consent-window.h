/* vita-consent-window.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-member-window.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_CONSENT_WINDOW (vita_consent_window_get_type ())
G_DECLARE_FINAL_TYPE (VitaConsentWindow, vita_consent_window, VITA, CONSENT_WINDOW, VitaMemberWindow)

GtkWindow  *vita_consent_window_new           (GtkWindow         *parent,
                                               VitaStore         *store,
                                               VitaHousehold     *household,
                                               int                person,
                                               const char        *language);
const char *vita_consent_window_get_language  (VitaConsentWindow *self);
char       *vita_consent_window_dup_receipt   (VitaConsentWindow *self,
                                               const char        *kind);
void        vita_consent_window_show_consent  (VitaConsentWindow *self,
                                               const char        *kind);
void        vita_consent_window_set_language  (VitaConsentWindow *self,
                                               const char        *language);

G_END_DECLS
