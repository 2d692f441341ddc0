/* vita-window.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <time.h>

#include "vita-clock.h"
#include "vita-gui-util.h"
#include "vita-coordinator-window.h"
#include "vita-preferences-window.h"
#include "vita-retention.h"
#include "vita-store-settings.h"
#include "vita-window-private.h"

#ifdef VITA_HAVE_INTAKE_EDITOR
# include "vita-intake-editor.h"
#endif

/* The main window: first run, sign-in, and the session (the households list
 * with the interview editor beside it).  The session's widgets are made
 * when the store unlocks and destroyed when it locks, so no name or answer
 * stays on screen or in a widget after the keys are gone. */

#define LOCK_WARNING_MS           (60 * 1000)
/* The longest the idle check sleeps; see now_ms(). */
#define IDLE_POLL_MS              (5 * 1000)

typedef struct
{
  char      *site_name;
  gint64     idle_minutes;
} SessionSettings;

G_DEFINE_FINAL_TYPE (VitaWindow, vita_window, ADW_TYPE_APPLICATION_WINDOW)

static void session_window_destroyed_cb (gpointer  data,
                                         GObject  *where_the_object_was);

static void schedule_idle_check (VitaWindow *self);

/* ------------------------------------------------------------------ */
/* Idle lock                                                           */
/* ------------------------------------------------------------------ */

/* Milliseconds on a clock that keeps counting while the computer sleeps.
 * GLib's timeouts use CLOCK_MONOTONIC, which stops during suspend, so a
 * laptop closed for an hour would wake up unlocked; the idle time is
 * measured on CLOCK_BOOTTIME instead, and the check never sleeps longer
 * than IDLE_POLL_MS of waking time. */
static gint64
now_ms (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_BOOTTIME, &ts) != 0)
    return g_get_monotonic_time () / 1000;
  return (gint64)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Half the idle time when it is short, so a two-minute setting still
 * warns a minute ahead and a one-minute one warns at all. */
static guint
warning_ms (VitaWindow *self)
{
  return MIN (LOCK_WARNING_MS, self->lock_after_ms / 2);
}

static VitaApplication *
get_app (VitaWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return VITA_IS_APPLICATION (app) ? VITA_APPLICATION (app) : NULL;
}

static void
withdraw_warning (VitaWindow *self)
{
  VitaApplication *app = get_app (self);

  self->lock_warned = FALSE;
  if (self->warning_toast != NULL)
    {
      adw_toast_dismiss (self->warning_toast);
      g_clear_object (&self->warning_toast);
    }
  if (app != NULL)
    vita_notifier_withdraw (vita_application_get_notifier (app));
}

static void
warn_before_lock (VitaWindow *self,
                  guint       ms_left)
{
  VitaApplication *app = get_app (self);
  g_autoptr(GError) error = NULL;
  VitaNotifier *notifier;

  self->lock_warned = TRUE;
  if (app == NULL)
    return;
  notifier = vita_application_get_notifier (app);
  /* Rounded: the timer fires a few milliseconds late, and a warning due
   * sixty seconds ahead must still say "one minute". */
  if (vita_notifier_warn_lock (notifier, (ms_left + 500) / 1000, &error))
    return;

  /* No notification daemon: say it inside the window instead. */
  g_debug ("Lock warning shown in the window: %s", error->message);
  g_clear_object (&self->warning_toast);
  self->warning_toast = adw_toast_new (vita_notifier_get_last_text (notifier));
  adw_toast_set_timeout (self->warning_toast, 0);
  adw_toast_set_priority (self->warning_toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->warning_toast));
}

static gboolean
idle_check_cb (gpointer user_data)
{
  VitaWindow *self = user_data;
  gint64 idle_ms = now_ms () - self->last_activity;
  VitaApplication *app = get_app (self);

  self->idle_source = 0;
  if (idle_ms >= self->lock_after_ms)
    {
      if (app != NULL)
        vita_application_lock (app);
      else
        vita_window_end_session (self);
      return G_SOURCE_REMOVE;
    }
  if (!self->lock_warned && idle_ms >= self->lock_after_ms - warning_ms (self))
    warn_before_lock (self, self->lock_after_ms - idle_ms);
  schedule_idle_check (self);
  return G_SOURCE_REMOVE;
}

/* One timeout at the next deadline (warning or lock) rather than one reset
 * per mouse movement; activity only moves a timestamp. */
static void
schedule_idle_check (VitaWindow *self)
{
  gint64 idle_ms;
  gint64 next_ms;

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->households_page == NULL)
    return;

  idle_ms = now_ms () - self->last_activity;
  next_ms = self->lock_warned ? self->lock_after_ms - idle_ms
                              : self->lock_after_ms - warning_ms (self) - idle_ms;
  self->idle_source = g_timeout_add (CLAMP (next_ms, 0, IDLE_POLL_MS) + 1, idle_check_cb, self);
}

static void
note_activity (VitaWindow *self)
{
  /* Back after the lock time (say, the lid was closed): this event does
   * not count as activity; the check runs now and locks. */
  if (self->households_page != NULL && now_ms () - self->last_activity >= self->lock_after_ms)
    {
      g_clear_handle_id (&self->idle_source, g_source_remove);
      self->idle_source = g_timeout_add (0, idle_check_cb, self);
      return;
    }

  self->last_activity = now_ms ();
  if (self->lock_warned)
    {
      withdraw_warning (self);
      schedule_idle_check (self);
    }
}

static gboolean
key_activity_cb (VitaWindow            *self,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 GtkEventControllerKey *controller)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
scroll_activity_cb (VitaWindow               *self,
                    double                    dx,
                    double                    dy,
                    GtkEventControllerScroll *controller)
{
  note_activity (self);
  return GDK_EVENT_PROPAGATE;
}

/* Capture phase: @target sees every event before the widget it is for,
 * and passes it on untouched.  Also used on the preferences window, so
 * working there is not taken for being away. */
static void
track_activity (VitaWindow *self,
                GtkWidget  *target)
{
  GtkEventController *controller;

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_activity_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (target, controller);

  controller = gtk_event_controller_motion_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "motion", G_CALLBACK (note_activity), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (target, controller);

  controller = GTK_EVENT_CONTROLLER (gtk_gesture_click_new ());
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (controller), 0);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "pressed", G_CALLBACK (note_activity), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (target, controller);

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "scroll", G_CALLBACK (scroll_activity_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (target, controller);
}

/* ------------------------------------------------------------------ */
/* Session settings                                                    */
/* ------------------------------------------------------------------ */

static void
session_settings_free (SessionSettings *data)
{
  g_clear_pointer (&data->site_name, g_free);
  g_free (data);
}

static gboolean
load_settings_job (VitaStore     *store,
                   gpointer       user_data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  SessionSettings *data = user_data;

  /* A missing setting keeps the default; neither is worth an error. */
  data->site_name = vita_store_dup_setting (store, VITA_SETTING_SITE_NAME, NULL);
  vita_store_get_setting_number (store, VITA_SETTING_IDLE_LOCK_MINUTES, &data->idle_minutes, NULL);
  return TRUE;
}

static void
apply_idle_minutes (VitaWindow *self,
                    gint64      minutes)
{
  vita_window_set_idle_lock_ms (self, (guint)minutes * 60 * 1000);
}

static void
load_settings_done (GtkWidget    *owner,
                    gpointer      user_data,
                    const GError *error)
{
  VitaWindow *self = VITA_WINDOW (owner);
  SessionSettings *data = user_data;

  if (error != NULL || self->households_page == NULL)
    return;

  vita_households_page_set_site_name (self->households_page, data->site_name);
  apply_idle_minutes (self, data->idle_minutes);
}

static void
load_session_settings (VitaWindow *self)
{
  vita_store_job_run (self->session_job, VITA_STORE_JOB_DEFAULT, load_settings_job,
                      g_new0 (SessionSettings, 1), (GDestroyNotify)session_settings_free,
                      load_settings_done);
}

static void
preferences_setting_changed_cb (VitaWindow *self,
                                const char *key,
                                const char *value)
{
  gint64 minutes;

  if (g_strcmp0 (key, VITA_SETTING_IDLE_LOCK_MINUTES) == 0)
    {
      /* Not a usable number: the default, as when the session started. */
      vita_setting_parse_number (key, value, &minutes, NULL);
      apply_idle_minutes (self, minutes);
    }
  else if (g_strcmp0 (key, VITA_SETTING_SITE_NAME) == 0 && self->households_page != NULL)
    vita_households_page_set_site_name (self->households_page, value);
}

/* ------------------------------------------------------------------ */
/* Session                                                             */
/* ------------------------------------------------------------------ */

/* A coordinator who signs in is reminded when households are past their
 * purge date: a count only, and only to the role that may purge.  Quick
 * (one indexed count), so it runs on the main thread. */
static void
remind_purges_due (VitaWindow *self)
{
  g_autoptr(GDateTime) now = vita_clock_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autoptr(GError) error = NULL;
  gint64 due;

  if (!vita_store_can (self->store, "purge"))
    return;
  due = vita_store_count_purge_due (self->store, today, NULL);
  if (due <= 0)
    return;
  if (!vita_notifier_remind_purge (vita_application_get_notifier (get_app (self)), (guint) due, &error))
    {
      /* No notification service: say it in the window instead. */
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u household is past its purge date. Open Site Coordination to purge it.",
                                                            "%u households are past their purge date. Open Site Coordination to purge them.",
                                                            (gulong) due),
                                               (guint) due);
      vita_window_add_toast (self, text);
    }
}

static void
session_started_cb (VitaWindow *self,
                    const char *user_name)
{
  VitaApplication *app = get_app (self);

  if (!vita_store_is_unlocked (self->store) || self->households_page != NULL)
    return;

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-user", user_name);

  self->households_page = VITA_HOUSEHOLDS_PAGE (vita_households_page_new (self->store));
  adw_leaflet_append (self->leaflet, GTK_WIDGET (self->households_page));
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->households_page));
  gtk_stack_set_visible_child_name (self->stack, "main");
  vita_households_page_focus_search (self->households_page);

  self->lock_after_ms = VITA_IDLE_LOCK_MINUTES_DEFAULT * 60 * 1000;
  self->last_activity = now_ms ();
  withdraw_warning (self);
  schedule_idle_check (self);
  load_session_settings (self);
  remind_purges_due (self);

  _vita_window_actions_update (self);
  if (app != NULL)
    vita_application_session_changed (app);
}

static void
editor_done_cb (VitaWindow *self)
{
  _vita_window_close_editor (self, FALSE);
  if (self->households_page != NULL)
    vita_households_page_reload (self->households_page);
}

/* ------------------------------------------------------------------ */
/* GObject and GtkWindow                                               */
/* ------------------------------------------------------------------ */

static gboolean
vita_window_close_request (GtkWindow *window)
{
  VitaWindow *self = VITA_WINDOW (window);
  int width, height;

  gtk_window_get_default_size (window, &width, &height);
  if (self->settings != NULL && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }

  /* Closing the window ends the session the same way a lock does. */
  vita_window_end_session (self);

  return GTK_WINDOW_CLASS (vita_window_parent_class)->close_request (window);
}

/* "application" is not a construct property, so it is only known after
 * g_object_new() returns; the services are taken from it here. */
static void
attach_application (VitaWindow      *self,
                    VitaApplication *app)
{
  g_assert (VITA_IS_WINDOW (self));
  g_assert (VITA_IS_APPLICATION (app));

  g_set_object (&self->store, vita_application_get_store (app));
  vita_store_job_set_store (self->session_job, self->store);
  g_set_object (&self->settings, vita_application_get_settings (app));
  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  vita_first_run_page_set_store (self->first_run_page, self->store);
  vita_unlock_page_set_store (self->unlock_page, self->store);
  vita_window_show_locked (self);
}

static void
vita_window_dispose (GObject *object)
{
  VitaWindow *self = (VitaWindow *)object;

  vita_window_end_session (self);
  g_clear_handle_id (&self->idle_source, g_source_remove);
  g_clear_object (&self->warning_toast);
  g_clear_object (&self->session_job);
  if (self->session_windows != NULL)
    {
      for (guint i = 0; i < self->session_windows->len; i++)
        g_object_weak_unref (g_ptr_array_index (self->session_windows, i),
                             session_window_destroyed_cb, self);
      g_clear_pointer (&self->session_windows, g_ptr_array_unref);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vita_window_parent_class)->dispose (object);
}

static void
vita_window_class_init (VitaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = vita_window_dispose;
  window_class->close_request = vita_window_close_request;

  g_type_ensure (VITA_TYPE_FIRST_RUN_PAGE);
  g_type_ensure (VITA_TYPE_UNLOCK_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VitaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VitaWindow, first_run_page);
  gtk_widget_class_bind_template_child (widget_class, VitaWindow, unlock_page);
  gtk_widget_class_bind_template_child (widget_class, VitaWindow, leaflet);
  gtk_widget_class_bind_template_callback (widget_class, session_started_cb);

  _vita_window_class_actions_init (widget_class);
}

static void
vita_window_init (VitaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->session_job = vita_store_job_new (GTK_WIDGET (self), NULL);
  self->lock_after_ms = VITA_IDLE_LOCK_MINUTES_DEFAULT * 60 * 1000;
  track_activity (self, GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* Editor                                                              */
/* ------------------------------------------------------------------ */

static GtkWidget *
create_editor (VitaWindow    *self,
               VitaHousehold *household)
{
#ifdef VITA_HAVE_INTAKE_EDITOR
  return vita_intake_editor_new (self->store, household);
#else
  return NULL;
#endif
}

void
_vita_window_open_editor (VitaWindow    *self,
                          VitaHousehold *household)
{
  GtkWidget *editor;

  g_return_if_fail (VITA_IS_WINDOW (self));
  g_return_if_fail (VITA_IS_HOUSEHOLD (household));

  if (self->households_page == NULL || !vita_store_is_unlocked (self->store))
    return;

  _vita_window_close_editor (self, FALSE);
  editor = create_editor (self, household);
  if (editor == NULL)
    {
      vita_window_add_toast (self, _("The interview editor is not part of this build yet. "
                                     "The household was saved."));
      return;
    }

  self->editor = editor;
  g_signal_connect_object (editor, "done", G_CALLBACK (editor_done_cb), self, G_CONNECT_SWAPPED);
  adw_leaflet_append (self->leaflet, editor);
  adw_leaflet_set_visible_child (self->leaflet, editor);
  _vita_window_actions_update (self);
}

/**
 * _vita_window_close_editor:
 * @locking: whether the app is locking; the editor is then asked to save
 *   its draft first
 *
 * The editor autosaves as the volunteer works.  On lock it also gets the
 * "lock-requested" signal, if it has one, while the store is still open;
 * its handler must write the draft before returning, because the store is
 * locked right after.
 */
void
_vita_window_close_editor (VitaWindow *self,
                           gboolean    locking)
{
  GtkWidget *editor;

  g_return_if_fail (VITA_IS_WINDOW (self));

  if (self->editor == NULL)
    return;

  editor = g_steal_pointer (&self->editor);
  if (locking && g_signal_lookup ("lock-requested", G_OBJECT_TYPE (editor)) != 0)
    g_signal_emit_by_name (editor, "lock-requested");
  g_signal_handlers_disconnect_by_data (editor, self);

  if (self->households_page != NULL)
    adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->households_page));
  adw_leaflet_remove (self->leaflet, editor);
  _vita_window_actions_update (self);
}

void
_vita_window_set_busy (VitaWindow *self,
                       gboolean    busy)
{
  g_return_if_fail (VITA_IS_WINDOW (self));

  self->busy = busy;
  _vita_window_actions_update (self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

VitaWindow *
vita_window_new (VitaApplication *application)
{
  VitaWindow *self;

  g_return_val_if_fail (VITA_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (vita_application_get_store (application) != NULL, NULL);

  self = g_object_new (VITA_TYPE_WINDOW, "application", application, NULL);
  attach_application (self, application);
  return self;
}

/**
 * vita_window_end_session:
 *
 * Closes the interview (after it saved) and destroys every widget that
 * showed household data.  Called before the store is locked; does not lock
 * it.  Safe to call when no session is open.
 */
void
vita_window_end_session (VitaWindow *self)
{
  g_return_if_fail (VITA_IS_WINDOW (self));

  g_clear_handle_id (&self->idle_source, g_source_remove);
  if (self->session_job != NULL)
    vita_store_job_cancel (self->session_job);

  /* Take the focus out of the session first: an entry destroyed while it
   * has the focus never gets its focus-out, and keeps blinking. */
  if (self->households_page != NULL || self->editor != NULL)
    vita_gui_release_focus (GTK_WIDGET (self->leaflet));

  _vita_window_close_editor (self, TRUE);
  while (self->session_windows != NULL && self->session_windows->len > 0)
    {
      GtkWindow *window = g_ptr_array_steal_index (self->session_windows, 0);

      g_object_weak_unref (G_OBJECT (window), session_window_destroyed_cb, self);
      gtk_window_destroy (window);
    }
  if (self->preferences != NULL)
    {
      GtkWidget *preferences = g_steal_pointer (&self->preferences);

      g_object_remove_weak_pointer (G_OBJECT (preferences), (gpointer *)&self->preferences);
      gtk_window_destroy (GTK_WINDOW (preferences));
    }
  if (self->households_page != NULL)
    {
      GtkWidget *page = GTK_WIDGET (g_steal_pointer (&self->households_page));
      adw_leaflet_remove (self->leaflet, page);
    }
  if (self->leaflet != NULL)
    withdraw_warning (self);
  self->busy = FALSE;
  _vita_window_actions_update (self);
}

/**
 * vita_window_show_locked:
 *
 * Shows the sign-in page, or the first-run page when there is no store
 * yet.  The user name of the last sign-in is filled in to save typing.
 */
void
vita_window_show_locked (VitaWindow *self)
{
  g_autofree char *last_user = NULL;

  g_return_if_fail (VITA_IS_WINDOW (self));

  if (self->stack == NULL || self->store == NULL)
    return;
  if (!vita_store_exists (self->store))
    {
      gtk_stack_set_visible_child_name (self->stack, "first-run");
      return;
    }
  if (self->settings != NULL)
    last_user = g_settings_get_string (self->settings, "last-user");
  vita_unlock_page_reset (self->unlock_page, last_user);
  gtk_stack_set_visible_child_name (self->stack, "unlock");
  gtk_widget_grab_focus (GTK_WIDGET (self->unlock_page));
}

/**
 * vita_window_show_problem:
 *
 * After the app locked itself: the sign-in page, saying why.
 */
void
vita_window_show_problem (VitaWindow   *self,
                          const GError *error)
{
  g_return_if_fail (VITA_IS_WINDOW (self));

  if (self->stack == NULL || self->unlock_page == NULL)
    return;
  vita_window_show_locked (self);
  vita_unlock_page_show_problem (self->unlock_page, error);
}

/**
 * vita_window_add_toast:
 *
 * Shows a short message.  Messages never name a household member: a
 * toast can be read by anyone passing the screen.
 */
void
vita_window_add_toast (VitaWindow *self,
                       const char *message)
{
  g_return_if_fail (VITA_IS_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/**
 * vita_window_get_visible_page:
 *
 * Returns: "first-run", "unlock" or "main"
 */
const char *
vita_window_get_visible_page (VitaWindow *self)
{
  g_return_val_if_fail (VITA_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->stack);
}

void
vita_window_show_preferences (VitaWindow *self)
{
  GtkWidget *preferences;

  g_return_if_fail (VITA_IS_WINDOW (self));

  if (!vita_store_is_unlocked (self->store))
    return;
  if (self->preferences != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->preferences));
      return;
    }

  preferences = vita_preferences_window_new (self->store, GTK_WINDOW (self));
  g_signal_connect_object (preferences, "setting-changed",
                           G_CALLBACK (preferences_setting_changed_cb), self, G_CONNECT_SWAPPED);
  track_activity (self, preferences);
  self->preferences = preferences;
  g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *)&self->preferences);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
session_window_destroyed_cb (gpointer  data,
                             GObject  *where_the_object_was)
{
  VitaWindow *self = data;

  if (self->session_windows != NULL)
    g_ptr_array_remove (self->session_windows, where_the_object_was);
}

/**
 * vita_window_add_session_window:
 *
 * Ties @window to the signed-in session: activity in it keeps the app
 * unlocked, and it is destroyed when the session ends (lock, idle lock,
 * quit), so no household data stays on screen after the keys are wiped.
 */
void
vita_window_add_session_window (VitaWindow *self,
                                GtkWindow  *window)
{
  g_return_if_fail (VITA_IS_WINDOW (self));
  g_return_if_fail (GTK_IS_WINDOW (window));

  if (self->session_windows == NULL)
    self->session_windows = g_ptr_array_new ();
  g_ptr_array_add (self->session_windows, window);
  g_object_weak_ref (G_OBJECT (window), session_window_destroyed_cb, self);
  track_activity (self, GTK_WIDGET (window));
}

void
vita_window_show_coordinator (VitaWindow *self)
{
  GtkWindow *window;

  g_return_if_fail (VITA_IS_WINDOW (self));

  if (!vita_store_is_unlocked (self->store))
    return;
  window = vita_coordinator_window_new (GTK_WINDOW (self), self->store);
  vita_window_add_session_window (self, window);
  gtk_window_present (window);
}

void
vita_window_set_idle_lock_ms (VitaWindow *self,
                              guint       lock_after_ms)
{
  g_return_if_fail (VITA_IS_WINDOW (self));
  g_return_if_fail (lock_after_ms > 0);

  self->lock_after_ms = lock_after_ms;
  if (self->lock_warned)
    withdraw_warning (self);
  schedule_idle_check (self);
}

guint
vita_window_get_idle_lock_ms (VitaWindow *self)
{
  g_return_val_if_fail (VITA_IS_WINDOW (self), 0);
  return self->lock_after_ms;
}

/**
 * vita_window_get_households_page:
 *
 * Returns: (transfer none) (nullable): the list, while a session is open
 */
VitaHouseholdsPage *
vita_window_get_households_page (VitaWindow *self)
{
  g_return_val_if_fail (VITA_IS_WINDOW (self), NULL);
  return self->households_page;
}

/**
 * vita_window_get_editor:
 *
 * Returns: (transfer none) (nullable): the open interview editor
 */
GtkWidget *
vita_window_get_editor (VitaWindow *self)
{
  g_return_val_if_fail (VITA_IS_WINDOW (self), NULL);
  return self->editor;
}
