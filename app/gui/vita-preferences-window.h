/* vita-preferences-window.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_PREFERENCES_WINDOW (vita_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (VitaPreferencesWindow, vita_preferences_window, VITA, PREFERENCES_WINDOW, AdwPreferencesWindow)

GtkWidget *vita_preferences_window_new (VitaStore *store,
                                        GtkWindow *parent);

G_END_DECLS
