/* vita-notifier.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VITA_TYPE_NOTIFIER (vita_notifier_get_type ())
G_DECLARE_FINAL_TYPE (VitaNotifier, vita_notifier, VITA, NOTIFIER, GObject)

VitaNotifier *vita_notifier_new           (void);
void          vita_notifier_startup       (VitaNotifier  *self,
                                           const char    *app_name);
void          vita_notifier_shutdown      (VitaNotifier  *self);
gboolean      vita_notifier_export_done   (VitaNotifier  *self,
                                           GError       **error);
gboolean      vita_notifier_warn_lock     (VitaNotifier  *self,
                                           guint          seconds_left,
                                           GError       **error);
void          vita_notifier_withdraw      (VitaNotifier  *self);
void          vita_notifier_set_enabled   (VitaNotifier  *self,
                                           gboolean       enabled);
guint         vita_notifier_get_n_sent    (VitaNotifier  *self);
const char   *vita_notifier_get_last_text (VitaNotifier  *self);
/* Added for the coordinator workspace: a count, never a name. */
gboolean      vita_notifier_remind_purge  (VitaNotifier  *self,
                                           guint          n_due,
                                           GError       **error);

G_END_DECLS
