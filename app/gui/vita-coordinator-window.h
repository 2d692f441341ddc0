/* vita-coordinator-window.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-notifier.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_COORDINATOR_WINDOW (vita_coordinator_window_get_type ())
G_DECLARE_FINAL_TYPE (VitaCoordinatorWindow, vita_coordinator_window, VITA, COORDINATOR_WINDOW, AdwWindow)

GtkWindow *vita_coordinator_window_new         (GtkWindow             *parent,
                                                VitaStore             *store);
gboolean   vita_coordinator_window_get_allowed (VitaCoordinatorWindow *self);
void       vita_coordinator_window_add_toast   (VitaCoordinatorWindow *self,
                                                const char            *message);

G_END_DECLS
