/* vita-users-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-clock.h"
#include "vita-certification.h"
#include "vita-gui-util.h"
#include "vita-keyfile.h"
#include "vita-passphrase-strength.h"
#include "vita-store-job.h"
#include "vita-store-users.h"
#include "vita-user-item.h"
#include "vita-users-page.h"

/* People who may sign in, and the store's keys: adding and removing
 * people, their role and certification level, replacing the store key and
 * backing up.  Every store call runs in a worker thread (adding a person
 * derives an Argon2id key, rekeying rewrites the whole store), one change
 * at a time; the list is read again after each change, so what is shown
 * is what the store holds. */
struct _VitaUsersPage
{
  AdwBin                  parent_instance;

  /* Template widgets */
  GtkListBox             *users_list;
  AdwEntryRow            *user_name_row;
  AdwEntryRow            *full_name_row;
  AdwComboRow            *role_row;
  AdwComboRow            *cert_row;
  AdwPasswordEntryRow    *passphrase_row;
  AdwPasswordEntryRow    *confirm_row;
  VitaPassphraseStrength *strength;
  GtkLabel               *add_error_label;
  GtkSpinner             *add_spinner;
  GtkSpinner             *keys_spinner;

  /* Owned references */
  VitaStore              *store;
  VitaStoreJob           *job;
  GListStore             *users;
  GtkNativeDialog        *chooser;

  gboolean                busy;
};

G_DEFINE_FINAL_TYPE (VitaUsersPage, vita_users_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  OP_LIST,
  OP_ADD,
  OP_REMOVE,
  OP_ROLE,
  OP_CERT,
  OP_REKEY,
  OP_BACKUP,
} UsersOp;

typedef struct
{
  UsersOp    op;
  VitaStore *store;
  char      *user_name;
  char      *display_name;
  char      *passphrase;   /* locked memory */
  VitaRole   role;
  char      *cert_level;
  char      *path;
  GPtrArray *users;        /* OP_LIST result, VitaUserInfo */
} UsersTask;

static void
users_task_free (UsersTask *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->user_name, g_free);
  g_clear_pointer (&data->display_name, g_free);
  g_clear_pointer (&data->passphrase, vita_secure_free_string);
  g_clear_pointer (&data->cert_level, g_free);
  g_clear_pointer (&data->path, g_free);
  g_clear_pointer (&data->users, g_ptr_array_unref);
  g_free (data);
}

static void run_task (VitaUsersPage *self,
                      UsersTask     *data);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static GtkStringList *
role_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (VitaRole role = VITA_ROLE_VOLUNTEER; role <= VITA_ROLE_COORDINATOR; role++)
    gtk_string_list_append (list, vita_role_get_label (role));
  return list;
}

static GtkStringList *
cert_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (VitaCertLevel level = VITA_CERT_NONE; level <= VITA_CERT_MILITARY; level++)
    gtk_string_list_append (list, vita_cert_level_get_label (level));
  return list;
}

static guint
cert_index (const char *cert_level)
{
  for (VitaCertLevel level = VITA_CERT_NONE; level <= VITA_CERT_MILITARY; level++)
    {
      if (g_strcmp0 (cert_level, vita_cert_level_to_string (level)) == 0)
        return level;
    }
  return VITA_CERT_NONE;
}

static gboolean
user_exists (VitaUsersPage *self,
             const char    *user_name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->users));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VitaUserItem) item = g_list_model_get_item (G_LIST_MODEL (self->users), i);

      if (g_strcmp0 (vita_user_item_get_name (item), user_name) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
dup_display_name (VitaUsersPage *self,
                  const char    *user_name)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->users));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VitaUserItem) item = g_list_model_get_item (G_LIST_MODEL (self->users), i);

      if (g_strcmp0 (vita_user_item_get_name (item), user_name) == 0)
        return g_strdup (vita_user_item_get_display_name (item));
    }
  return g_strdup (user_name);
}

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_add_error (VitaUsersPage *self,
                const char    *message)
{
  gtk_label_set_text (self->add_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_error_label), message != NULL);
}

/* Shows the first problem with what was typed so far and says whether
 * the form is complete. */
static gboolean
validate_add_form (VitaUsersPage *self)
{
  const char *user = row_text (self->user_name_row);
  const char *pass = row_text (self->passphrase_row);
  const char *confirm = row_text (self->confirm_row);
  gboolean user_ok = vita_user_name_is_valid (user);
  gboolean exists = user_ok && user_exists (self, user);
  gboolean match = g_strcmp0 (pass, confirm) == 0;

  vita_passphrase_strength_update (self->strength, pass, user);
  if (*user != '\0' && !user_ok)
    show_add_error (self, _("A user name uses 1 to 32 lower-case letters, digits, dots, dashes or "
                            "underscores."));
  else if (exists)
    show_add_error (self, _("There is already a person with this user name."));
  else if (*confirm != '\0' && !match)
    show_add_error (self, _("The two passphrases are not the same."));
  else
    show_add_error (self, NULL);

  if (user_ok && !exists)
    gtk_widget_remove_css_class (GTK_WIDGET (self->user_name_row), "error");
  else if (*user != '\0')
    gtk_widget_add_css_class (GTK_WIDGET (self->user_name_row), "error");

  return user_ok && !exists && match && vita_passphrase_strength_get_acceptable (self->strength);
}

static void
update_actions (VitaUsersPage *self)
{
  gboolean ready = self->store != NULL && !self->busy;
  gboolean form_ok = validate_add_form (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.add", ready && form_ok);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.remove", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.rekey", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "users.backup", ready);
}

static void
set_busy (VitaUsersPage *self,
          gboolean       busy,
          GtkSpinner    *spinner)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  if (busy)
    vita_gui_release_focus (GTK_WIDGET (self));
  /* One change at a time: the list is rebuilt after each. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->users_list), !busy);
  if (busy && spinner != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (spinner), TRUE);
      gtk_spinner_start (spinner);
    }
  else if (!busy)
    {
      gtk_spinner_stop (self->add_spinner);
      gtk_spinner_stop (self->keys_spinner);
      gtk_widget_set_visible (GTK_WIDGET (self->add_spinner), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->keys_spinner), FALSE);
    }
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
clear_add_form (VitaUsersPage *self)
{
  vita_gui_clear_editable (GTK_EDITABLE (self->passphrase_row));
  vita_gui_clear_editable (GTK_EDITABLE (self->confirm_row));
  gtk_editable_set_text (GTK_EDITABLE (self->user_name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->full_name_row), "");
  adw_combo_row_set_selected (self->role_row, VITA_ROLE_VOLUNTEER);
  adw_combo_row_set_selected (self->cert_row, VITA_CERT_NONE);
}

static UsersTask *
users_task_new (VitaUsersPage *self,
                UsersOp        op)
{
  UsersTask *data = g_new0 (UsersTask, 1);

  data->op = op;
  data->store = g_object_ref (self->store);
  return data;
}

static void
reload (VitaUsersPage *self)
{
  if (self->store != NULL)
    run_task (self, users_task_new (self, OP_LIST));
}

/* ------------------------------------------------------------------ */
/* The list                                                            */
/* ------------------------------------------------------------------ */

static char *
dup_user_subtitle (VitaUserItem *item)
{
  VitaCertLevel level = cert_index (vita_user_item_get_cert_level (item));
  g_autofree char *cert = NULL;

  if (level == VITA_CERT_NONE)
    cert = g_strdup (_("not certified yet"));
  else
    /* Translators: %s is a certification level such as "Advanced". */
    cert = g_strdup_printf (_("%s certification"), vita_cert_level_get_label (level));

  if (!vita_user_item_get_has_keyslot (item))
    /* Translators: user name · role · certification, for someone whose
     * key is missing from the keys file. */
    return g_strdup_printf (_("%s · %s · %s · cannot sign in"), vita_user_item_get_name (item),
                            vita_role_get_label (vita_user_item_get_role (item)), cert);
  /* Translators: user name · role · certification. */
  return g_strdup_printf (_("%s · %s · %s"), vita_user_item_get_name (item),
                          vita_role_get_label (vita_user_item_get_role (item)), cert);
}

static void
role_selected_cb (VitaUsersPage *self,
                  GParamSpec    *pspec,
                  AdwComboRow   *combo)
{
  UsersTask *data;

  if (self->store == NULL || self->busy)
    return;
  data = users_task_new (self, OP_ROLE);
  data->user_name = g_strdup (g_object_get_data (G_OBJECT (combo), "user-name"));
  data->role = adw_combo_row_get_selected (combo);
  run_task (self, data);
}

static void
cert_selected_cb (VitaUsersPage *self,
                  GParamSpec    *pspec,
                  AdwComboRow   *combo)
{
  UsersTask *data;

  if (self->store == NULL || self->busy)
    return;
  data = users_task_new (self, OP_CERT);
  data->user_name = g_strdup (g_object_get_data (G_OBJECT (combo), "user-name"));
  data->cert_level = g_strdup (vita_cert_level_to_string (adw_combo_row_get_selected (combo)));
  run_task (self, data);
}

static GtkWidget *
make_combo (VitaUsersPage *self,
            const char    *title,
            GtkStringList *model,
            guint          selected,
            const char    *user_name,
            GCallback      callback)
{
  AdwComboRow *combo = ADW_COMBO_ROW (adw_combo_row_new ());

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), title);
  adw_combo_row_set_model (combo, G_LIST_MODEL (model));
  adw_combo_row_set_selected (combo, selected);
  g_object_set_data_full (G_OBJECT (combo), "user-name", g_strdup (user_name), g_free);
  /* Connected after the initial selection, so building the row writes
   * nothing. */
  g_signal_connect_object (combo, "notify::selected", callback, self, G_CONNECT_SWAPPED);
  g_object_unref (model);
  return GTK_WIDGET (combo);
}

static GtkWidget *
make_remove_row (const char *user_name,
                 gboolean    is_self)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Remove…"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Remove from this site"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                               is_self ? _("You cannot change your own role or remove yourself. "
                                           "Ask another coordinator.")
                                       : _("They can no longer sign in. Their name stays in the "
                                           "audit log."));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "destructive-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "users.remove");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_string (user_name));
  gtk_widget_set_sensitive (button, !is_self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  return row;
}

static GtkWidget *
create_user_row (gpointer item,
                 gpointer user_data)
{
  VitaUsersPage *self = user_data;
  VitaUserItem *user = item;
  const char *name = vita_user_item_get_name (user);
  gboolean is_self = g_strcmp0 (name, vita_store_get_user_name (self->store)) == 0;
  g_autofree char *subtitle = dup_user_subtitle (user);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *role;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), vita_user_item_get_display_name (user));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  role = make_combo (self, _("Role"), role_model (), vita_user_item_get_role (user), name,
                     G_CALLBACK (role_selected_cb));
  gtk_widget_set_sensitive (role, !is_self);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), role);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                            make_combo (self, _("Certification level"), cert_model (),
                                        cert_index (vita_user_item_get_cert_level (user)), name,
                                        G_CALLBACK (cert_selected_cb)));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), make_remove_row (name, is_self));
  return row;
}

static void
fill_users (VitaUsersPage *self,
            GPtrArray     *users)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; users != NULL && i < users->len; i++)
    g_ptr_array_add (items, vita_user_item_new (g_ptr_array_index (users, i)));
  g_list_store_splice (self->users, 0, g_list_model_get_n_items (G_LIST_MODEL (self->users)),
                       items->pdata, items->len);
  /* The "already exists" check reads the list. */
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* Store calls                                                         */
/* ------------------------------------------------------------------ */

static gboolean
run_op (VitaStore     *store,
        gpointer       task_data,
        GCancellable  *cancellable,
        GError       **error)
{
  UsersTask *data = task_data;
  VitaKdfParams params;

  switch (data->op)
    {
    case OP_LIST:
      data->users = vita_store_list_users (data->store, error);
      return data->users != NULL;
    case OP_ADD:
      vita_kdf_calibrate (VITA_KDF_TARGET_SECONDS, &params);
      return vita_store_add_user (data->store, data->user_name, data->display_name, data->role,
                                  data->passphrase, &params, error)
             && (g_strcmp0 (data->cert_level, "none") == 0
                 || vita_store_set_user_cert_level (data->store, data->user_name, data->cert_level,
                                                    error));
    case OP_REMOVE:
      return vita_store_remove_user (data->store, data->user_name, error);
    case OP_ROLE:
      return vita_store_set_user_role (data->store, data->user_name, data->role, error);
    case OP_CERT:
      return vita_store_set_user_cert_level (data->store, data->user_name, data->cert_level, error);
    case OP_REKEY:
      return vita_store_rekey (data->store, error);
    case OP_BACKUP:
      return vita_store_backup (data->store, data->path, error);
    default:
      g_assert_not_reached ();
    }
}

static void
report_done (VitaUsersPage *self,
             UsersTask     *data)
{
  g_autofree char *message = NULL;
  g_autofree char *base = NULL;

  switch (data->op)
    {
    case OP_ADD:
      clear_add_form (self);
      /* Translators: %s is a user name. */
      message = g_strdup_printf (_("%s can now sign in."), data->user_name);
      break;
    case OP_REMOVE:
      /* Translators: %s is a user name. */
      message = g_strdup_printf (_("%s can no longer sign in."), data->user_name);
      break;
    case OP_ROLE:
    case OP_CERT:
      message = g_strdup (_("Saved. It applies the next time they sign in."));
      break;
    case OP_REKEY:
      message = g_strdup (_("The store has a new key. Make a new backup now."));
      break;
    case OP_BACKUP:
      base = g_path_get_basename (data->path);
      /* The audit signatures travel in the third file. */
      message = g_strdup_printf (_("Backup saved. Keep “%s”, “%s.keys” and “%s.sig” together, somewhere safe."),
                                 base, base, base);
      break;
    case OP_LIST:
    default:
      return;
    }
  vita_gui_coordinator_toast (GTK_WIDGET (self), message);
}

static void
users_task_done (GtkWidget    *owner,
                 gpointer      task_data,
                 const GError *error)
{
  VitaUsersPage *self = VITA_USERS_PAGE (owner);
  UsersTask *data = task_data;
  gboolean ok = error == NULL;

  if (data->op != OP_LIST)
    set_busy (self, FALSE, NULL);
  if (data->op == OP_ADD)
    vita_gui_clear_editable (GTK_EDITABLE (self->confirm_row));

  if (!ok)
    {
      if (data->op == OP_ADD && !g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION))
        show_add_error (self, error->message);
      else
        vita_gui_coordinator_report_error (GTK_WIDGET (self), error);
      /* A refused change leaves the combo showing what was not saved. */
      if (data->op == OP_ROLE || data->op == OP_CERT)
        reload (self);
      return;
    }

  if (data->op == OP_LIST)
    fill_users (self, data->users);
  else
    {
      report_done (self, data);
      reload (self);
    }
}

static void
run_task (VitaUsersPage *self,
          UsersTask     *data)
{
  g_assert (VITA_IS_USERS_PAGE (self));

  if (data->op == OP_ADD)
    set_busy (self, TRUE, self->add_spinner);
  else if (data->op == OP_REKEY || data->op == OP_BACKUP)
    set_busy (self, TRUE, self->keys_spinner);
  else if (data->op != OP_LIST)
    set_busy (self, TRUE, NULL);

  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, run_op,
                      data, (GDestroyNotify)users_task_free, users_task_done);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *param)
{
  VitaUsersPage *self = VITA_USERS_PAGE (widget);
  g_autofree char *full_name = NULL;
  UsersTask *data;

  if (self->store == NULL || self->busy || !validate_add_form (self))
    return;

  full_name = g_strstrip (g_strdup (row_text (self->full_name_row)));
  data = users_task_new (self, OP_ADD);
  data->user_name = g_strdup (row_text (self->user_name_row));
  data->display_name = *full_name != '\0' ? g_steal_pointer (&full_name) : NULL;
  data->role = adw_combo_row_get_selected (self->role_row);
  data->cert_level = g_strdup (vita_cert_level_to_string (adw_combo_row_get_selected (self->cert_row)));
  data->passphrase = vita_gui_dup_secret (row_text (self->passphrase_row));
  /* The passphrase leaves the widget tree as soon as the worker has it. */
  vita_gui_clear_editable (GTK_EDITABLE (self->passphrase_row));
  run_task (self, data);
}

static void
remove_response_cb (VitaUsersPage    *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  UsersTask *data;

  if (g_strcmp0 (response, "remove") != 0 || self->store == NULL || self->busy)
    return;
  data = users_task_new (self, OP_REMOVE);
  data->user_name = g_strdup (g_object_get_data (G_OBJECT (dialog), "user-name"));
  run_task (self, data);
}

static GtkWidget *
confirm_dialog (VitaUsersPage *self,
                const char    *heading,
                const char    *body,
                const char    *response_id,
                const char    *response_label,
                AdwResponseAppearance appearance)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              heading, body);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    response_id, response_label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response_id, appearance);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaUsersPage *self = VITA_USERS_PAGE (widget);
  const char *user_name = g_variant_get_string (param, NULL);
  g_autofree char *display_name = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  /* Translators: a person's full name, then their user name. */
  heading = g_strdup_printf (_("Remove %s (%s)?"), (display_name = dup_display_name (self, user_name)), user_name);
  dialog = confirm_dialog (self, heading,
                           _("Their key is deleted from the keys file, so their passphrase no "
                             "longer opens the store. Their name stays in the audit log. If they "
                             "may have kept a copy of the store, replace the store key afterwards."),
                           "remove", _("_Remove"), ADW_RESPONSE_DESTRUCTIVE);
  g_object_set_data_full (G_OBJECT (dialog), "user-name", g_strdup (user_name), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
rekey_response_cb (VitaUsersPage    *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "rekey") == 0 && self->store != NULL && !self->busy)
    run_task (self, users_task_new (self, OP_REKEY));
}

static void
rekey_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  VitaUsersPage *self = VITA_USERS_PAGE (widget);
  GtkWidget *dialog;

  dialog = confirm_dialog (self, _("Replace the store key?"),
                           _("Every record is encrypted again under a new key. Nobody’s passphrase "
                             "changes and everyone signs in as before. On a large store this takes "
                             "a while; keep the app open until it is done. Backups made before keep "
                             "the old key, so make a new backup afterwards."),
                           "rekey", _("_Replace Key"), ADW_RESPONSE_SUGGESTED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rekey_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
backup_response_cb (VitaUsersPage   *self,
                    int              response,
                    GtkNativeDialog *chooser)
{
  g_autoptr(GFile) file = NULL;
  UsersTask *data;

  if (response == GTK_RESPONSE_ACCEPT && self->store != NULL && !self->busy)
    {
      file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL && g_file_peek_path (file) != NULL)
        {
          data = users_task_new (self, OP_BACKUP);
          data->path = g_file_get_path (file);
          run_task (self, data);
        }
      else
        vita_gui_coordinator_toast (GTK_WIDGET (self), _("Choose a folder on this computer or on a drive plugged into it."));
    }
  g_clear_object (&self->chooser);
}

static void
backup_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaUsersPage *self = VITA_USERS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GDateTime) now = vita_clock_now_local ();
  g_autofree char *name = g_date_time_format (now, "vita-backup-%Y-%m-%d.vita");
  GtkFileChooserNative *chooser;

  if (self->chooser != NULL)
    return;
  chooser = gtk_file_chooser_native_new (_("Back Up the Store"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (backup_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->chooser);
}

static void
add_form_changed_cb (VitaUsersPage *self)
{
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vita_users_page_dispose (GObject *object)
{
  VitaUsersPage *self = (VitaUsersPage *)object;

  vita_store_job_cancel (self->job);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  if (self->passphrase_row != NULL)
    {
      vita_gui_clear_editable (GTK_EDITABLE (self->passphrase_row));
      vita_gui_clear_editable (GTK_EDITABLE (self->confirm_row));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_USERS_PAGE);
  g_clear_object (&self->job);
  g_clear_object (&self->store);
  g_clear_object (&self->users);

  G_OBJECT_CLASS (vita_users_page_parent_class)->dispose (object);
}

static void
vita_users_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VitaUsersPage *self = VITA_USERS_PAGE (object);

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
vita_users_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VitaUsersPage *self = VITA_USERS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vita_users_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_users_page_class_init (VitaUsersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_users_page_dispose;
  object_class->get_property = vita_users_page_get_property;
  object_class->set_property = vita_users_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "users.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "users.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "users.rekey", NULL, rekey_action);
  gtk_widget_class_install_action (widget_class, "users.backup", NULL, backup_action);

  g_type_ensure (VITA_TYPE_PASSPHRASE_STRENGTH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-users-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, users_list);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, full_name_row);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, cert_row);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, strength);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, add_error_label);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, add_spinner);
  gtk_widget_class_bind_template_child (widget_class, VitaUsersPage, keys_spinner);
  gtk_widget_class_bind_template_callback (widget_class, add_form_changed_cb);
}

static void
vita_users_page_init (VitaUsersPage *self)
{
  g_autoptr(GtkStringList) roles = role_model ();
  g_autoptr(GtkStringList) certs = cert_model ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->job = vita_store_job_new (GTK_WIDGET (self), "coordinator.refuse");
  self->users = g_list_store_new (VITA_TYPE_USER_ITEM);
  gtk_list_box_bind_model (self->users_list, G_LIST_MODEL (self->users), create_user_row, self, NULL);

  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  adw_combo_row_set_model (self->cert_row, G_LIST_MODEL (certs));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->passphrase_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->strength, NULL, -1);
  update_actions (self);
}

/**
 * vita_users_page_set_store:
 * @store: (nullable): the unlocked store, or %NULL to drop it and the list
 *
 * Work still running for the previous store is cancelled: its result is
 * dropped, though a change the store already began is completed there.
 */
void
vita_users_page_set_store (VitaUsersPage *self,
                           VitaStore     *store)
{
  g_return_if_fail (VITA_IS_USERS_PAGE (self));
  g_return_if_fail (store == NULL || VITA_IS_STORE (store));

  if (self->store == store)
    return;

  vita_store_job_set_store (self->job, store);
  g_set_object (&self->store, store);
  set_busy (self, FALSE, NULL);
  fill_users (self, NULL);
  reload (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * vita_users_page_get_users:
 *
 * Returns: (transfer none): the listed people, as #VitaUserItem
 */
GListModel *
vita_users_page_get_users (VitaUsersPage *self)
{
  g_return_val_if_fail (VITA_IS_USERS_PAGE (self), NULL);
  return G_LIST_MODEL (self->users);
}

/**
 * vita_users_page_get_busy:
 *
 * Returns: whether a change is being written
 */
gboolean
vita_users_page_get_busy (VitaUsersPage *self)
{
  g_return_val_if_fail (VITA_IS_USERS_PAGE (self), FALSE);
  return self->busy;
}
