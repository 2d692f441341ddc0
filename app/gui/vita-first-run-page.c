/* vita-first-run-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "vita-first-run-page.h"
#include "vita-gui-util.h"
#include "vita-keyfile.h"
#include "vita-passphrase-strength.h"
#include "vita-store-job.h"

/* Shown once, when there is no store yet: the first coordinator names the
 * site and chooses a passphrase.  The store is created in a worker thread
 * because the key derivation is meant to be slow. */
struct _VitaFirstRunPage
{
  GtkWidget               parent_instance;

  /* Template widgets */
  AdwEntryRow            *site_row;
  AdwEntryRow            *full_name_row;
  AdwEntryRow            *user_row;
  GtkLabel               *user_error_label;
  AdwPasswordEntryRow    *passphrase_row;
  AdwPasswordEntryRow    *confirm_row;
  VitaPassphraseStrength *strength;
  GtkLabel               *confirm_error_label;
  GtkSpinner             *spinner;
  GtkLabel               *create_label;

  /* Owned references */
  VitaStore              *store;
  VitaStoreJob           *job;

  gboolean                busy;
};

typedef struct
{
  char      *site_name;
  char      *user_name;
  char      *display_name;
  char      *passphrase;  /* locked memory */
} CreateData;

G_DEFINE_FINAL_TYPE (VitaFirstRunPage, vita_first_run_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  N_PROPS
};

enum {
  CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
create_data_free (CreateData *data)
{
  g_clear_pointer (&data->site_name, g_free);
  g_clear_pointer (&data->user_name, g_free);
  g_clear_pointer (&data->display_name, g_free);
  g_clear_pointer (&data->passphrase, vita_secure_free_string);
  g_free (data);
}

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static char *
dup_stripped (gpointer row)
{
  return g_strstrip (g_strdup (row_text (row)));
}

static void
show_field_error (GtkLabel   *label,
                  gpointer    row,
                  const char *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

/* Messages appear as soon as a field is wrong, not only on submit, so the
 * volunteer never meets a button that does nothing without saying why. */
static gboolean
validate (VitaFirstRunPage *self)
{
  g_autofree char *site = dup_stripped (self->site_row);
  const char *user = row_text (self->user_row);
  const char *passphrase = row_text (self->passphrase_row);
  const char *confirm = row_text (self->confirm_row);
  gboolean user_ok = vita_user_name_is_valid (user);
  gboolean confirm_ok = g_strcmp0 (passphrase, confirm) == 0;

  show_field_error (self->user_error_label, self->user_row,
                    *user == '\0' || user_ok ? NULL
                    : _("Use only lowercase letters (a–z), digits, dots, hyphens and underscores, "
                        "up to 32 characters."));
  vita_passphrase_strength_update (self->strength, passphrase, user);
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_error_label), *confirm != '\0' && !confirm_ok);
  if (*confirm != '\0' && !confirm_ok)
    gtk_widget_add_css_class (GTK_WIDGET (self->confirm_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->confirm_row), "error");

  return *site != '\0' && user_ok && confirm_ok
         && vita_passphrase_strength_get_acceptable (self->strength);
}

static void
update_actions (VitaFirstRunPage *self)
{
  gboolean valid = validate (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "first-run.create",
                                 valid && !self->busy && self->store != NULL);
}

static void
set_busy (VitaFirstRunPage *self,
          gboolean          busy)
{
  GtkWidget *rows[] = { GTK_WIDGET (self->site_row), GTK_WIDGET (self->full_name_row),
                        GTK_WIDGET (self->user_row), GTK_WIDGET (self->passphrase_row),
                        GTK_WIDGET (self->confirm_row) };

  self->busy = busy;
  if (busy)
    vita_gui_release_focus (GTK_WIDGET (self));
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    gtk_widget_set_sensitive (rows[i], !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_label_set_text (self->create_label, busy ? _("Creating the encrypted store…")
                                               : _("Create Site Store"));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static gboolean
create_job (VitaStore     *store,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  CreateData *data = user_data;
  VitaKdfParams params;

  /* Calibrated here, not at build time: the cost should match the machine
   * the site actually uses. */
  vita_kdf_calibrate (VITA_KDF_TARGET_SECONDS, &params);
  return vita_store_create (store, data->site_name, data->user_name, data->display_name,
                            data->passphrase, &params, error);
}

static void
report_error (VitaFirstRunPage *self,
              const GError     *error)
{
  if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID))
    show_field_error (self->user_error_label, self->user_row, error->message);
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
}

static void
create_done (GtkWidget    *owner,
             gpointer      user_data,
             const GError *error)
{
  VitaFirstRunPage *self = VITA_FIRST_RUN_PAGE (owner);
  CreateData *data = user_data;

  if (error != NULL)
    {
      set_busy (self, FALSE);
      report_error (self, error);
      return;
    }

  vita_gui_clear_editable (GTK_EDITABLE (self->passphrase_row));
  vita_gui_clear_editable (GTK_EDITABLE (self->confirm_row));
  set_busy (self, FALSE);
  g_signal_emit (self, signals[CREATED], 0, data->user_name);
}

static void
create_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaFirstRunPage *self = VITA_FIRST_RUN_PAGE (widget);
  CreateData *data;

  if (self->busy || self->store == NULL || !validate (self))
    return;

  data = g_new0 (CreateData, 1);
  data->site_name = dup_stripped (self->site_row);
  data->user_name = g_strdup (row_text (self->user_row));
  data->display_name = dup_stripped (self->full_name_row);
  data->passphrase = vita_gui_dup_secret (row_text (self->passphrase_row));
  if (*data->display_name == '\0')
    g_clear_pointer (&data->display_name, g_free);

  set_busy (self, TRUE);
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, create_job,
                      data, (GDestroyNotify)create_data_free, create_done);
}

static void
changed_cb (VitaFirstRunPage *self)
{
  update_actions (self);
}

static void
confirm_activated_cb (VitaFirstRunPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "first-run.create", NULL);
}

static void
vita_first_run_page_dispose (GObject *object)
{
  VitaFirstRunPage *self = (VitaFirstRunPage *)object;

  /* The store creation itself cannot be interrupted; this only stops the
   * result from reaching a page that is gone. */
  if (self->job != NULL)
    vita_store_job_cancel (self->job);
  g_clear_object (&self->job);
  g_clear_object (&self->store);
  vita_gui_unparent_children (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_FIRST_RUN_PAGE);

  G_OBJECT_CLASS (vita_first_run_page_parent_class)->dispose (object);
}

static void
vita_first_run_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VitaFirstRunPage *self = VITA_FIRST_RUN_PAGE (object);

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
vita_first_run_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VitaFirstRunPage *self = VITA_FIRST_RUN_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vita_first_run_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_first_run_page_class_init (VitaFirstRunPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_first_run_page_dispose;
  object_class->get_property = vita_first_run_page_get_property;
  object_class->set_property = vita_first_run_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VitaFirstRunPage::created:
   * @user_name: the coordinator who is now signed in
   *
   * The store exists and is unlocked.
   */
  signals[CREATED] = g_signal_new ("created", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "first-run.create", NULL, create_action);

  g_type_ensure (VITA_TYPE_PASSPHRASE_STRENGTH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-first-run-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, site_row);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, full_name_row);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, user_error_label);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, passphrase_row);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, strength);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, confirm_error_label);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, VitaFirstRunPage, create_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vita_first_run_page_init (VitaFirstRunPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->job = vita_store_job_new (GTK_WIDGET (self), NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->user_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->user_error_label, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->passphrase_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->strength, NULL,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->confirm_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->confirm_error_label,
                                  NULL, -1);
  update_actions (self);
}

/**
 * vita_first_run_page_get_store:
 *
 * Returns: (transfer none) (nullable): the store the page creates
 */
VitaStore *
vita_first_run_page_get_store (VitaFirstRunPage *self)
{
  g_return_val_if_fail (VITA_IS_FIRST_RUN_PAGE (self), NULL);
  return self->store;
}

void
vita_first_run_page_set_store (VitaFirstRunPage *self,
                               VitaStore        *store)
{
  g_return_if_fail (VITA_IS_FIRST_RUN_PAGE (self));
  g_return_if_fail (store == NULL || VITA_IS_STORE (store));

  if (g_set_object (&self->store, store))
    {
      vita_store_job_set_store (self->job, store);
      update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
    }
}

gboolean
vita_first_run_page_get_busy (VitaFirstRunPage *self)
{
  g_return_val_if_fail (VITA_IS_FIRST_RUN_PAGE (self), FALSE);
  return self->busy;
}
