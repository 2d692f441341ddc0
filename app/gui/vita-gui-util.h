/* vita-gui-util.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char     *vita_gui_dup_secret       (const char   *text);
void      vita_gui_clear_editable   (GtkEditable  *editable);
gboolean  vita_gui_error_is_silent  (const GError *error);
void      vita_gui_release_focus    (GtkWidget    *within);
void      vita_gui_unparent_children (GtkWidget   *widget);
gboolean  vita_gui_choose_renderer  (void);

void      vita_gui_coordinator_toast        (GtkWidget    *page,
                                             const char   *message);
void      vita_gui_coordinator_report_error (GtkWidget    *page,
                                             const GError *error);

G_END_DECLS
