/* vita-application-actions.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-application-private.h"
#include "vita-window.h"

static void
quit_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  VitaApplication *self = user_data;

  /* Lock first: an open interview saves its draft while the store is
   * still open. */
  vita_application_lock (self);
  g_application_quit (G_APPLICATION (self));
}

static void
lock_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  vita_application_lock (VITA_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  VitaApplication *self = user_data;
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  static const char *developers[] = { "The VITA Intake Assistant authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("VITA Intake Assistant"),
                        "application-icon", "accessories-text-editor",
                        "developer-name", _("The VITA Intake Assistant authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Guided, encrypted intake for free tax help sites"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  VitaApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (VITA_IS_WINDOW (window))
    vita_window_show_preferences (VITA_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "lock", .activate = lock_action },
  { .name = "about", .activate = about_action },
  { .name = "preferences", .activate = preferences_action },
};

void
_vita_application_actions_init (VitaApplication *self)
{
  static const struct {
    const char *action;
    const char *accels[2];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.lock", { "<Control>l", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "win.new-household", { "<Control>n", NULL } },
    { "win.search", { "<Control>f", NULL } },
  };

  g_assert (VITA_IS_APPLICATION (self));

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);
}

/* Lock and Preferences need an open store; About and Quit never do. */
void
_vita_application_actions_update (VitaApplication *self)
{
  gboolean unlocked;
  GAction *action;

  g_assert (VITA_IS_APPLICATION (self));

  unlocked = self->store != NULL && vita_store_is_unlocked (self->store);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "lock");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), unlocked);
  action = g_action_map_lookup_action (G_ACTION_MAP (self), "preferences");
  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), unlocked);
}
