/* vita-window.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-application.h"

G_BEGIN_DECLS

#define VITA_TYPE_WINDOW (vita_window_get_type ())
G_DECLARE_FINAL_TYPE (VitaWindow, vita_window, VITA, WINDOW, AdwApplicationWindow)

VitaWindow *vita_window_new               (VitaApplication *application);
void        vita_window_end_session       (VitaWindow      *self);
void        vita_window_show_locked       (VitaWindow      *self);
void        vita_window_show_problem      (VitaWindow      *self,
                                           const GError    *error);
void        vita_window_add_toast         (VitaWindow      *self,
                                           const char      *message);
const char *vita_window_get_visible_page  (VitaWindow      *self);
void        vita_window_show_preferences  (VitaWindow      *self);
void        vita_window_show_coordinator  (VitaWindow      *self);
void        vita_window_add_session_window (VitaWindow     *self,
                                           GtkWindow      *window);

G_END_DECLS
