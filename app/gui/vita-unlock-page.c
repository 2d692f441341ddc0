/* vita-unlock-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vita-gui-util.h"
#include "vita-store-job.h"
#include "vita-unlock-page.h"

/* The sign-in screen.  A wrong passphrase is an everyday slip and is said
 * quietly under the field; a damaged or altered store is not, and gets a
 * whole page that says what to do, because entering records into it would
 * be worse than stopping. */
struct _VitaUnlockPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkStack         *stack;
  GtkEntry         *user_entry;
  GtkPasswordEntry *passphrase_entry;
  GtkLabel         *error_label;
  GtkSpinner       *spinner;
  GtkLabel         *unlock_label;
  AdwStatusPage    *problem_page;

  /* Owned references */
  VitaStore        *store;
  VitaStoreJob     *job;

  gboolean          busy;
};

typedef struct
{
  char      *user_name;
  char      *passphrase;  /* locked memory */
} UnlockData;

G_DEFINE_FINAL_TYPE (VitaUnlockPage, vita_unlock_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

enum {
  UNLOCKED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
unlock_data_free (UnlockData *data)
{
  g_clear_pointer (&data->user_name, g_free);
  g_clear_pointer (&data->passphrase, vita_secure_free_string);
  g_free (data);
}

static void
update_actions (VitaUnlockPage *self)
{
  const char *user = gtk_editable_get_text (GTK_EDITABLE (self->user_entry));
  const char *passphrase = gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "unlock.unlock",
                                 !self->busy && self->store != NULL
                                 && *user != '\0' && *passphrase != '\0');
}

static void
set_busy (VitaUnlockPage *self,
          gboolean        busy)
{
  self->busy = busy;
  if (busy)
    vita_gui_release_focus (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_entry), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->passphrase_entry), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_label_set_text (self->unlock_label, busy ? _("Unlocking…") : C_("button", "Unlock"));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_field_error (VitaUnlockPage *self,
                  const char     *message)
{
  gtk_label_set_text (self->error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->passphrase_entry), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->passphrase_entry), "error");
}

static void
show_problem (VitaUnlockPage *self,
              const GError   *error)
{
  const char *title;
  g_autofree char *description = NULL;

  if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED)
      || g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT))
    {
      title = _("The Records Cannot Be Opened Safely");
      description = g_strdup (_("The store file is damaged or was changed outside this app. "
                                "Do not enter new records on this computer. Ask the site "
                                "coordinator to put the latest backup copy in its place, "
                                "and to report what happened."));
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK))
    {
      title = _("Saved Records May Be Missing");
      /* Translators: %s is the store's own explanation. */
      description = g_strdup_printf (_("%s Nothing was changed."), error->message);
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_BUSY))
    {
      title = _("The Store Is Busy");
      description = g_strdup (error->message);
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_KEY_CHANGED))
    {
      title = _("The Store Was Changed by Another Program");
      description = g_strdup (_("While you were signed in, another program rekeyed or replaced "
                                "the store. To keep the records safe, this app signed out and "
                                "did not save the last change. Sign in again and check the last "
                                "household you worked on."));
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NO_SPACE))
    {
      title = _("The Disk Is Full");
      description = g_strdup (_("Free some space on this computer, then try again. "
                                "Records saved before are safe."));
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND))
    {
      title = _("Part of the Store Is Missing");
      /* Translators: %s says which file is missing, the records or the keys. */
      description = g_strdup_printf (_("%s Ask the site coordinator to put the latest backup "
                                       "copy, with its keys file, in its place."),
                                     error->message);
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEWER_FORMAT))
    {
      title = _("Update the App");
      description = g_strdup (_("A newer version of this app made this store. Install the "
                                "newer version to open it."));
    }
  else
    {
      title = _("The Records Could Not Be Opened");
      /* Translators: %s is the store's own explanation of the failure. */
      description = g_strdup_printf (_("%s Try again. If it keeps happening, ask the site "
                                       "coordinator."), error->message);
    }

  adw_status_page_set_title (self->problem_page, title);
  adw_status_page_set_description (self->problem_page, description);
  gtk_stack_set_visible_child_name (self->stack, "problem");
}

static gboolean
unlock_job (VitaStore     *store,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  UnlockData *data = user_data;

  return vita_store_unlock (store, data->user_name, data->passphrase, error);
}

static gboolean
verify_job (VitaStore     *store,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  return vita_store_verify_pages (store, error);
}

static void
verify_done (GtkWidget    *owner,
             gpointer      user_data,
             const GError *error)
{
  VitaUnlockPage *self = VITA_UNLOCK_PAGE (owner);

  if (error == NULL || g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED))
    return;
  /* Damage found after the volunteer started: sign out at once and say
   * what happened and what to do, exactly as if unlock had found it. */
  gtk_widget_activate_action (GTK_WIDGET (self), "app.lock", NULL);
  show_problem (self, error);
}

/* A big store was opened on its first pages only; check every page on a
 * second connection while the volunteer already works. */
static void
start_background_verify (VitaUnlockPage *self)
{
  if (vita_store_get_pages_verified (self->store))
    return;
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, verify_job, NULL, NULL, verify_done);
}

static void
unlock_done (GtkWidget    *owner,
             gpointer      user_data,
             const GError *error)
{
  VitaUnlockPage *self = VITA_UNLOCK_PAGE (owner);
  UnlockData *data = user_data;

  /* Whatever happened, the passphrase leaves the widget now. */
  vita_gui_clear_editable (GTK_EDITABLE (self->passphrase_entry));
  set_busy (self, FALSE);

  if (error == NULL)
    {
      show_field_error (self, NULL);
      g_signal_emit (self, signals[UNLOCKED], 0, data->user_name);
      start_background_verify (self);
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS))
    {
      show_field_error (self, _("The user name or passphrase is not right. "
                                "Check that Caps Lock is off and try again."));
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_RETRY_LATER))
    {
      /* Not a problem with the store: the core's message says how long
       * to wait after repeated wrong passphrases. */
      show_field_error (self, error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
    }
  else
    show_problem (self, error);
}

static void
unlock_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaUnlockPage *self = VITA_UNLOCK_PAGE (widget);
  UnlockData *data;
  g_autofree char *user = NULL;

  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_entry))));
  if (self->busy || self->store == NULL || *user == '\0')
    return;

  data = g_new0 (UnlockData, 1);
  data->user_name = g_steal_pointer (&user);
  data->passphrase = vita_gui_dup_secret (gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry)));

  show_field_error (self, NULL);
  set_busy (self, TRUE);
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, unlock_job,
                      data, (GDestroyNotify)unlock_data_free, unlock_done);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  VitaUnlockPage *self = VITA_UNLOCK_PAGE (widget);

  gtk_stack_set_visible_child_name (self->stack, "form");
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
}

static void
user_activate_cb (VitaUnlockPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
}

static void
passphrase_activate_cb (VitaUnlockPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "unlock.unlock", NULL);
}

static void
changed_cb (VitaUnlockPage *self)
{
  /* The error is about the attempt just made; typing again starts anew. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->passphrase_entry)) != '\0')
    show_field_error (self, NULL);
  update_actions (self);
}

static void
vita_unlock_page_dispose (GObject *object)
{
  VitaUnlockPage *self = (VitaUnlockPage *)object;

  if (self->job != NULL)
    vita_store_job_cancel (self->job);
  g_clear_object (&self->job);
  g_clear_object (&self->store);
  vita_gui_unparent_children (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_UNLOCK_PAGE);

  G_OBJECT_CLASS (vita_unlock_page_parent_class)->dispose (object);
}

static gboolean
vita_unlock_page_grab_focus (GtkWidget *widget)
{
  VitaUnlockPage *self = VITA_UNLOCK_PAGE (widget);

  if (*gtk_editable_get_text (GTK_EDITABLE (self->user_entry)) == '\0')
    return gtk_widget_grab_focus (GTK_WIDGET (self->user_entry));
  return gtk_widget_grab_focus (GTK_WIDGET (self->passphrase_entry));
}

static void
vita_unlock_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VitaUnlockPage *self = VITA_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_unlock_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VitaUnlockPage *self = VITA_UNLOCK_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vita_unlock_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_unlock_page_class_init (VitaUnlockPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_unlock_page_dispose;
  object_class->get_property = vita_unlock_page_get_property;
  object_class->set_property = vita_unlock_page_set_property;
  widget_class->grab_focus = vita_unlock_page_grab_focus;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VitaUnlockPage::unlocked:
   * @user_name: who signed in
   */
  signals[UNLOCKED] = g_signal_new ("unlocked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "unlock.unlock", NULL, unlock_action);
  gtk_widget_class_install_action (widget_class, "unlock.retry", NULL, retry_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-unlock-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaUnlockPage, stack);
  gtk_widget_class_bind_template_child (widget_class, VitaUnlockPage, user_entry);
  gtk_widget_class_bind_template_child (widget_class, VitaUnlockPage, passphrase_entry);
  gtk_widget_class_bind_template_child (widget_class, VitaUnlockPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, VitaUnlockPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, VitaUnlockPage, unlock_label);
  gtk_widget_class_bind_template_child (widget_class, VitaUnlockPage, problem_page);
  gtk_widget_class_bind_template_callback (widget_class, user_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vita_unlock_page_init (VitaUnlockPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->job = vita_store_job_new (GTK_WIDGET (self), NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->passphrase_entry),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->error_label, NULL,
                                  -1);
  update_actions (self);
}

/**
 * vita_unlock_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store the page unlocks
 */
VitaStore *
vita_unlock_page_get_store (VitaUnlockPage *self)
{
  g_return_val_if_fail (VITA_IS_UNLOCK_PAGE (self), NULL);
  return self->store;
}

void
vita_unlock_page_set_store (VitaUnlockPage *self,
                            VitaStore      *store)
{
  g_return_if_fail (VITA_IS_UNLOCK_PAGE (self));
  g_return_if_fail (store == NULL || VITA_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      vita_store_job_set_store (self->job, store);
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

/**
 * vita_unlock_page_reset:
 * @user_name: (nullable): who signed in last, to save typing
 *
 * Puts the page back to an empty form, as when the app locks.
 */
void
vita_unlock_page_reset (VitaUnlockPage *self,
                        const char     *user_name)
{
  g_return_if_fail (VITA_IS_UNLOCK_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_entry), user_name ? user_name : "");
  vita_gui_clear_editable (GTK_EDITABLE (self->passphrase_entry));
  show_field_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "form");
  update_actions (self);
}

/**
 * vita_unlock_page_show_problem:
 *
 * Shows why the app locked itself, for example when the store was rekeyed
 * by another program while open here.
 */
void
vita_unlock_page_show_problem (VitaUnlockPage *self,
                               const GError   *error)
{
  g_return_if_fail (VITA_IS_UNLOCK_PAGE (self));
  g_return_if_fail (error != NULL);

  show_problem (self, error);
}

gboolean
vita_unlock_page_get_busy (VitaUnlockPage *self)
{
  g_return_val_if_fail (VITA_IS_UNLOCK_PAGE (self), FALSE);
  return self->busy;
}
