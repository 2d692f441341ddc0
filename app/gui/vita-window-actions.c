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
#include "vita-store-job.h"
#include "vita-window-private.h"

/* Window actions.  Reading or writing a household runs in the window's
 * session job (vita-store-job.c); the result is dropped if the app locked
 * meanwhile, so an editor can never open on a locked store. */

typedef struct
{
  VitaHousehold *household;
  gint64         id;
  gboolean       created;
} HouseholdData;

static void
household_data_free (HouseholdData *data)
{
  g_clear_object (&data->household);
  g_free (data);
}

static void
household_done (GtkWidget    *owner,
                gpointer      user_data,
                const GError *error)
{
  VitaWindow *self = VITA_WINDOW (owner);
  HouseholdData *data = user_data;

  _vita_window_set_busy (self, FALSE);
  if (error != NULL)
    {
      if (!vita_gui_error_is_silent (error))
        vita_window_add_toast (self, error->message);
      return;
    }

  if (data->created && self->households_page != NULL)
    vita_households_page_reload (self->households_page);
  _vita_window_open_editor (self, data->household);
}

static gboolean
save_new_job (VitaStore     *store,
              gpointer       user_data,
              GCancellable  *cancellable,
              GError       **error)
{
  HouseholdData *data = user_data;

  /* The site's season decides the tax year it starts with (a settings
   * read, so here in the worker); the volunteer changes it in the
   * interview for a prior-year or late return. */
  vita_household_set_tax_year (data->household, vita_store_get_default_tax_year (store));
  /* Saved before the interview starts: drafts are kept from the first
   * answer, and the household has an id the editor can save under. */
  return vita_store_save_household (store, data->household, error);
}

static gboolean
load_job (VitaStore     *store,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  HouseholdData *data = user_data;

  data->household = vita_store_load_household (store, data->id, error);
  return data->household != NULL;
}

/* win.new-household (no parameter) and win.open-household (the id). */
static void
household_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  VitaWindow *self = VITA_WINDOW (widget);
  HouseholdData *data;

  if (self->busy || self->households_page == NULL)
    return;

  data = g_new0 (HouseholdData, 1);
  data->created = param == NULL;
  if (data->created)
    data->household = vita_household_new ();
  else
    data->id = g_variant_get_int64 (param);

  _vita_window_set_busy (self, TRUE);
  vita_store_job_run (self->session_job, VITA_STORE_JOB_DEFAULT,
                      data->created ? save_new_job : load_job,
                      data, (GDestroyNotify)household_data_free, household_done);
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
  gtk_widget_class_install_action (widget_class, "win.new-household", NULL, household_action);
  gtk_widget_class_install_action (widget_class, "win.open-household", "x", household_action);
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
