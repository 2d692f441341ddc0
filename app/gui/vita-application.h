/* vita-application.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-notifier.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_APPLICATION (vita_application_get_type ())
G_DECLARE_FINAL_TYPE (VitaApplication, vita_application, VITA, APPLICATION, AdwApplication)

VitaApplication *vita_application_new             (void);
VitaStore       *vita_application_get_store       (VitaApplication *self);
GSettings       *vita_application_get_settings    (VitaApplication *self);
VitaNotifier    *vita_application_get_notifier    (VitaApplication *self);
void             vita_application_lock            (VitaApplication *self);
void             vita_application_session_changed (VitaApplication *self);

G_END_DECLS
