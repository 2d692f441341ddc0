/* vita-application-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-application.h"

G_BEGIN_DECLS

struct _VitaApplication
{
  AdwApplication  parent_instance;

  /* Owned references */
  VitaStore      *store;
  GSettings      *settings;
  VitaNotifier   *notifier;
};

void _vita_application_actions_init   (VitaApplication *self);
void _vita_application_actions_update (VitaApplication *self);

G_END_DECLS
