/* vita-window-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-first-run-page.h"
#include "vita-households-page.h"
#include "vita-store-job.h"
#include "vita-unlock-page.h"
#include "vita-window.h"

G_BEGIN_DECLS

struct _VitaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  VitaFirstRunPage     *first_run_page;
  VitaUnlockPage       *unlock_page;
  AdwLeaflet           *leaflet;

  /* Owned references */
  VitaStore            *store;
  GSettings            *settings;
  /* Store work of the session; cancelled when it ends. */
  VitaStoreJob         *session_job;

  /* Widgets that show household data: they exist only while unlocked. */
  VitaHouseholdsPage   *households_page;
  GtkWidget            *editor;
  GtkWidget            *preferences;
  /* Other windows that show household data (coordinator workspace,
   * notices, consents, the member's privacy screen): destroyed with the
   * session, like the preferences. */
  GPtrArray            *session_windows;

  /* Idle lock */
  gint64                last_activity;  /* CLOCK_BOOTTIME, ms */
  guint                 idle_source;
  guint                 lock_after_ms;
  gboolean              lock_warned;
  AdwToast             *warning_toast;
  gboolean              busy;
};

void        _vita_window_class_actions_init (GtkWidgetClass *widget_class);
void        _vita_window_actions_update     (VitaWindow     *self);
void        _vita_window_open_editor        (VitaWindow     *self,
                                             VitaHousehold  *household);
void        _vita_window_close_editor       (VitaWindow     *self,
                                             gboolean        locking);
void        _vita_window_set_busy           (VitaWindow     *self,
                                             gboolean        busy);

/* For tests: the idle time before locking, in milliseconds. */
void        vita_window_set_idle_lock_ms    (VitaWindow     *self,
                                             guint           lock_after_ms);
guint       vita_window_get_idle_lock_ms    (VitaWindow     *self);
VitaHouseholdsPage *vita_window_get_households_page (VitaWindow *self);
GtkWidget  *vita_window_get_editor          (VitaWindow     *self);

G_END_DECLS
