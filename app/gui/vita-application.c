/* vita-application.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <malloc.h>

#include "vita-application-private.h"
#include "vita-gui-util.h"
#include "vita-i18n.h"
#include "vita-window.h"

/* The application owns the services every window shares: the site store,
 * the desktop notifier and the settings.  Locking is decided here, so the
 * store is locked (and its keys wiped) whatever asked for it: the lock
 * button, Ctrl+L, the idle timer or quitting. */

G_DEFINE_FINAL_TYPE (VitaApplication, vita_application, ADW_TYPE_APPLICATION)

static GList *
list_vita_windows (VitaApplication *self)
{
  GList *ret = NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l; l = l->next)
    if (VITA_IS_WINDOW (l->data))
      ret = g_list_prepend (ret, l->data);
  return g_list_reverse (ret);
}

/* Another program rekeyed or replaced the store under us: the store
 * already refuses every write; sign out everywhere and say why. */
static void
store_replaced_cb (VitaApplication *self)
{
  g_autoptr(GError) error = g_error_new_literal (VITA_STORE_ERROR, VITA_STORE_ERROR_KEY_CHANGED, "");
  g_autoptr(GList) windows = NULL;

  vita_application_lock (self);
  windows = list_vita_windows (self);
  for (GList *l = windows; l; l = l->next)
    vita_window_show_problem (l->data, error);
}

static void
vita_application_startup (GApplication *application)
{
  VitaApplication *self = VITA_APPLICATION (application);
  g_autofree char *path = NULL;

  G_APPLICATION_CLASS (vita_application_parent_class)->startup (application);
  /* Before any window exists: Hangul at UI size under software GL. */
  vita_gui_choose_renderer ();

  /* Names and answers pass through GTK's labels, entries and list items,
   * which free them without clearing them.  Lock destroys every widget
   * that showed household data, but the freed blocks would keep the
   * text until reused.  glibc's perturb fills every block it frees. */
  mallopt (M_PERTURB, 0x5a);

  g_set_application_name (_("VITA Intake Assistant"));
  gtk_window_set_default_icon_name ("accessories-text-editor");

  /* The path honours VITA_STORE_PATH, which is how the tests keep away
   * from a real site store. */
  path = vita_store_default_path ();
  self->store = vita_store_new (path);
  g_signal_connect_object (self->store, "replaced", G_CALLBACK (store_replaced_cb), self,
                           G_CONNECT_SWAPPED);
  self->settings = g_settings_new (APP_ID);
  vita_notifier_startup (self->notifier, _("VITA Intake Assistant"));

  _vita_application_actions_init (self);
  _vita_application_actions_update (self);
}

static void
vita_application_activate (GApplication *application)
{
  VitaApplication *self = VITA_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    window = GTK_WINDOW (vita_window_new (self));
  gtk_window_present (window);
}

static void
vita_application_shutdown (GApplication *application)
{
  VitaApplication *self = VITA_APPLICATION (application);

  /* Quitting is a lock: keys are wiped before the process goes away. */
  vita_application_lock (self);
  vita_notifier_shutdown (self->notifier);

  G_APPLICATION_CLASS (vita_application_parent_class)->shutdown (application);
}

static void
vita_application_dispose (GObject *object)
{
  VitaApplication *self = (VitaApplication *)object;

  if (self->store != NULL)
    vita_store_lock (self->store);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (vita_application_parent_class)->dispose (object);
}

static void
vita_application_class_init (VitaApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = vita_application_dispose;
  app_class->startup = vita_application_startup;
  app_class->activate = vita_application_activate;
  app_class->shutdown = vita_application_shutdown;
}

static void
vita_application_init (VitaApplication *self)
{
  self->notifier = vita_notifier_new ();
}

/**
 * vita_application_new:
 *
 * Binds the translations first, so every string the app makes afterwards
 * is in the volunteer's language.
 */
VitaApplication *
vita_application_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  /* The volunteer's choice in Preferences, read before any string is
   * made; a LANGUAGE set in the environment (tests, a shared login) wins. */
  if (source != NULL && g_getenv ("LANGUAGE") == NULL
      && (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) != NULL
      && g_settings_schema_has_key (schema, "ui-language"))
    {
      g_autoptr(GSettings) settings = g_settings_new (APP_ID);
      g_autofree char *language = g_settings_get_string (settings, "ui-language");

      if (*language != '\0')
        g_setenv ("LANGUAGE", language, TRUE);
    }
  vita_i18n_init ();

  return g_object_new (VITA_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/org/vitasites/Intake",
                       NULL);
}

/**
 * vita_application_get_store:
 *
 * Returns: (transfer none) (nullable): the site store, from startup on
 */
VitaStore *
vita_application_get_store (VitaApplication *self)
{
  g_return_val_if_fail (VITA_IS_APPLICATION (self), NULL);
  return self->store;
}

/**
 * vita_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the app's settings, from startup on
 */
GSettings *
vita_application_get_settings (VitaApplication *self)
{
  g_return_val_if_fail (VITA_IS_APPLICATION (self), NULL);
  return self->settings;
}

/**
 * vita_application_get_notifier:
 *
 * Returns: (transfer none): the desktop notifier
 */
VitaNotifier *
vita_application_get_notifier (VitaApplication *self)
{
  g_return_val_if_fail (VITA_IS_APPLICATION (self), NULL);
  return self->notifier;
}

/**
 * vita_application_lock:
 *
 * Locks the app.  Each window first lets an open interview save its
 * draft (which needs the store still open) and destroys every widget that
 * showed household data; then the store is closed and its keys wiped;
 * then the windows show the sign-in page.
 */
void
vita_application_lock (VitaApplication *self)
{
  g_autoptr(GList) windows = NULL;

  g_return_if_fail (VITA_IS_APPLICATION (self));

  windows = list_vita_windows (self);
  for (GList *l = windows; l; l = l->next)
    vita_window_end_session (l->data);

  if (self->store != NULL)
    vita_store_lock (self->store);
  vita_notifier_withdraw (self->notifier);

  for (GList *l = windows; l; l = l->next)
    vita_window_show_locked (l->data);
  _vita_application_actions_update (self);

  /* Give what the session used back to the system, so no page of it stays
   * with this process. */
  malloc_trim (0);
}

/**
 * vita_application_session_changed:
 *
 * Called by a window after signing in, so actions that need an open store
 * become available.
 */
void
vita_application_session_changed (VitaApplication *self)
{
  g_return_if_fail (VITA_IS_APPLICATION (self));

  _vita_application_actions_update (self);
}
