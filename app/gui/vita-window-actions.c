/* vita-window-actions.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-gui-util.h"
#include "vita-retention.h"
#include "vita-store-households.h"
#include "vita-window-private.h"

/* Window actions.  Reading or writing a household runs in a worker thread;
 * the result is dropped if the app locked meanwhile, so an editor can
 * never open on a locked store. */

typedef struct
{
  VitaStore     *store;
  VitaHousehold *household;
  gint64         id;
} HouseholdData;

static void
household_data_free (HouseholdData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->household);
  g_free (data);
}

static void
household_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VitaWindow *self = VITA_WINDOW (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = NULL;
  gboolean created = g_task_get_source_tag (G_TASK (result)) == NULL;

  household = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  _vita_window_set_busy (self, FALSE);
  if (household == NULL)
    {
      if (!vita_gui_error_is_silent (error))
        vita_window_add_toast (self, error->message);
      return;
    }

  if (created && self->households_page != NULL)
    vita_households_page_reload (self->households_page);
  _vita_window_open_editor (self, household);
}

static void
save_new_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  HouseholdData *data = task_data;
  g_autoptr(GError) error = NULL;

  /* The site's season decides the tax year it starts with (a settings
   * read, so here in the worker); the volunteer changes it in the
   * interview for a prior-year or late return. */
  vita_household_set_tax_year (data->household, vita_store_get_default_tax_year (data->store));
  /* Saved before the interview starts: drafts are kept from the first
   * answer, and the household has an id the editor can save under. */
  if (vita_store_save_household (data->store, data->household, &error))
    g_task_return_pointer (task, g_object_ref (data->household), g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HouseholdData *data = task_data;
  g_autoptr(GError) error = NULL;
  VitaHousehold *household;

  household = vita_store_load_household (data->store, data->id, &error);
  if (household != NULL)
    g_task_return_pointer (task, household, g_object_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
run_household_task (VitaWindow      *self,
                    HouseholdData   *data,
                    GTaskThreadFunc  worker,
                    gpointer         source_tag)
{
  g_autoptr(GTask) task = NULL;

  data->store = g_object_ref (self->store);
  _vita_window_set_busy (self, TRUE);
  task = g_task_new (self, self->session_cancellable, household_cb, NULL);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, (GDestroyNotify)household_data_free);
  g_task_run_in_thread (task, worker);
}

static void
new_household_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  VitaWindow *self = VITA_WINDOW (widget);
  HouseholdData *data;

  if (self->busy || self->households_page == NULL)
    return;

  data = g_new0 (HouseholdData, 1);
  data->household = vita_household_new ();
  /* A NULL source tag marks a new household for household_cb. */
  run_household_task (self, data, save_new_worker, NULL);
}

static void
open_household_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  VitaWindow *self = VITA_WINDOW (widget);
  HouseholdData *data;

  if (self->busy || self->households_page == NULL)
    return;

  data = g_new0 (HouseholdData, 1);
  data->id = g_variant_get_int64 (param);
  run_household_task (self, data, load_worker, open_household_action);
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  vita_window_add_toast (VITA_WINDOW (widget), g_variant_get_string (param, NULL));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaWindow *self = VITA_WINDOW (widget);

  if (self->households_page != NULL && self->editor == NULL)
    vita_households_page_focus_search (self->households_page);
}

static void
coordinator_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  vita_window_show_coordinator (VITA_WINDOW (widget));
}

void
_vita_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new-household", NULL, new_household_action);
  gtk_widget_class_install_action (widget_class, "win.open-household", "x", open_household_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.coordinator", NULL, coordinator_action);
}

/* Household actions need an open session and no read or write under way,
 * so a double click cannot open two editors. */
void
_vita_window_actions_update (VitaWindow *self)
{
  gboolean session = self->households_page != NULL && !self->busy;

  g_assert (VITA_IS_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-household", session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-household", session);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", session && self->editor == NULL);
  /* Hidden from other roles; the core refuses them anyway. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.coordinator",
                                 session && vita_store_can (self->store, "manage-users"));
}
