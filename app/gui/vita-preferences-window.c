/* vita-preferences-window.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-gui-util.h"
#include "vita-i18n.h"
#include "vita-passphrase-strength.h"
#include "vita-preferences-window.h"
#include "vita-store-job.h"
#include "vita-store-settings.h"
#include "vita-store-users.h"

/* Site settings for coordinators and the passphrase change for everyone.
 * The site rows are hidden from other roles, but that is only courtesy:
 * the store refuses their writes whatever the window shows. */
struct _VitaPreferencesWindow
{
  AdwPreferencesWindow    parent_instance;

  /* Template widgets */
  AdwPreferencesGroup    *site_group;
  AdwComboRow            *ui_language_row;
  GSettings              *ui_settings;
  AdwEntryRow            *site_name_row;
  GtkSpinButton          *idle_spin;
  AdwPasswordEntryRow    *old_row;
  AdwPasswordEntryRow    *new_row;
  AdwPasswordEntryRow    *confirm_row;
  VitaPassphraseStrength *strength;
  GtkLabel               *passphrase_error_label;
  GtkSpinner             *spinner;

  /* Owned references */
  VitaStore              *store;
  VitaStoreJob           *job;

  guint                   idle_save_source;
  gboolean                loading;
  gboolean                idle_edited;
  gboolean                site_name_edited;
  gboolean                busy;
};

typedef struct
{
  char      *key;
  char      *value;
  char      *site_name;     /* read back by load_worker */
  gint64     idle_minutes;  /* likewise */
} SettingData;

typedef struct
{
  char      *old_passphrase;  /* locked memory */
  char      *new_passphrase;  /* locked memory */
} PassphraseData;

G_DEFINE_FINAL_TYPE (VitaPreferencesWindow, vita_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SETTING_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
setting_data_free (SettingData *data)
{
  g_clear_pointer (&data->key, g_free);
  g_clear_pointer (&data->value, g_free);
  g_clear_pointer (&data->site_name, g_free);
  g_free (data);
}

static void
passphrase_data_free (PassphraseData *data)
{
  g_clear_pointer (&data->old_passphrase, vita_secure_free_string);
  g_clear_pointer (&data->new_passphrase, vita_secure_free_string);
  g_free (data);
}

static void
toast (VitaPreferencesWindow *self,
       const char            *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* Returns: whether there was an error (shown unless it needs no word). */
static gboolean
toast_error (VitaPreferencesWindow *self,
             const GError          *error)
{
  if (error != NULL && !vita_gui_error_is_silent (error))
    toast (self, error->message);
  return error != NULL;
}

/* ------------------------------------------------------------------ */
/* Reading and writing site settings                                   */
/* ------------------------------------------------------------------ */

static gboolean
load_job (VitaStore     *store,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  SettingData *data = user_data;

  data->site_name = vita_store_dup_setting (store, VITA_SETTING_SITE_NAME, NULL);
  return vita_store_get_setting_number (store, VITA_SETTING_IDLE_LOCK_MINUTES,
                                        &data->idle_minutes, error);
}

static void
load_done (GtkWidget    *owner,
           gpointer      user_data,
           const GError *error)
{
  VitaPreferencesWindow *self = VITA_PREFERENCES_WINDOW (owner);
  SettingData *data = user_data;

  if (toast_error (self, error))
    return;

  /* What the coordinator already changed wins over what was read. */
  self->loading = TRUE;
  if (!self->site_name_edited)
    gtk_editable_set_text (GTK_EDITABLE (self->site_name_row),
                           data->site_name ? data->site_name : "");
  if (!self->idle_edited)
    gtk_spin_button_set_value (self->idle_spin, data->idle_minutes);
  self->loading = FALSE;
}

static gboolean
save_job (VitaStore     *store,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  SettingData *data = user_data;

  return vita_store_set_setting (store, data->key, data->value, error);
}

static void
save_done (GtkWidget    *owner,
           gpointer      user_data,
           const GError *error)
{
  VitaPreferencesWindow *self = VITA_PREFERENCES_WINDOW (owner);
  SettingData *data = user_data;

  if (toast_error (self, error))
    return;
  /* The idle time was announced when it was picked; see idle_changed_cb. */
  if (g_strcmp0 (data->key, VITA_SETTING_IDLE_LOCK_MINUTES) == 0)
    return;
  if (g_strcmp0 (data->key, VITA_SETTING_SITE_NAME) == 0)
    toast (self, _("Site name saved."));
  g_signal_emit (self, signals[SETTING_CHANGED], 0, data->key, data->value);
}

static void
save_setting (VitaPreferencesWindow *self,
              const char            *key,
              const char            *value)
{
  SettingData *data = g_new0 (SettingData, 1);

  data->key = g_strdup (key);
  data->value = g_strdup (value);
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, save_job,
                      data, (GDestroyNotify)setting_data_free, save_done);
}

static gboolean
save_idle_minutes_cb (gpointer user_data)
{
  VitaPreferencesWindow *self = user_data;
  g_autofree char *value = NULL;

  self->idle_save_source = 0;
  value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->idle_spin));
  save_setting (self, VITA_SETTING_IDLE_LOCK_MINUTES, value);
  return G_SOURCE_REMOVE;
}

static void
idle_changed_cb (VitaPreferencesWindow *self)
{
  g_autofree char *value = NULL;

  if (self->loading)
    return;
  self->idle_edited = TRUE;

  /* The session takes the new time at once, even if the window closes
   * before the write below returns; the write itself always runs to the
   * end, since cancelling only drops its result. */
  value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->idle_spin));
  g_signal_emit (self, signals[SETTING_CHANGED], 0, VITA_SETTING_IDLE_LOCK_MINUTES, value);

  /* Clicking through the values writes (and audits) only the last one. */
  g_clear_handle_id (&self->idle_save_source, g_source_remove);
  self->idle_save_source = g_timeout_add (600, save_idle_minutes_cb, self);
}

static void
site_name_changed_cb (VitaPreferencesWindow *self)
{
  if (!self->loading)
    self->site_name_edited = TRUE;
}

static void
site_name_apply_cb (VitaPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->site_name_row))));

  if (*name == '\0')
    {
      toast (self, _("The site needs a name."));
      return;
    }
  save_setting (self, VITA_SETTING_SITE_NAME, name);
}

/* ------------------------------------------------------------------ */
/* Changing the passphrase                                             */
/* ------------------------------------------------------------------ */

static const char *
row_text (gpointer row)
{
  return gtk_editable_get_text (GTK_EDITABLE (row));
}

static void
show_passphrase_error (VitaPreferencesWindow *self,
                       const char            *message)
{
  gtk_label_set_text (self->passphrase_error_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->passphrase_error_label), message != NULL);
}

static gboolean
validate_passphrase (VitaPreferencesWindow *self)
{
  const char *old = row_text (self->old_row);
  const char *new = row_text (self->new_row);
  const char *confirm = row_text (self->confirm_row);
  gboolean match = g_strcmp0 (new, confirm) == 0;
  gboolean same = *new != '\0' && g_strcmp0 (old, new) == 0;

  vita_passphrase_strength_update (self->strength, new, vita_store_get_user_name (self->store));
  if (*confirm != '\0' && !match)
    show_passphrase_error (self, _("The two new passphrases are not the same."));
  else if (same)
    show_passphrase_error (self, _("The new passphrase must be different from the current one."));
  else
    show_passphrase_error (self, NULL);

  return *old != '\0' && match && !same && vita_passphrase_strength_get_acceptable (self->strength);
}

static void
update_actions (VitaPreferencesWindow *self)
{
  gboolean valid = validate_passphrase (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.change-passphrase",
                                 valid && !self->busy);
}

static void
set_busy (VitaPreferencesWindow *self,
          gboolean               busy)
{
  self->busy = busy;
  if (busy)
    vita_gui_release_focus (GTK_WIDGET (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->old_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_row), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  update_actions (self);
}

static gboolean
change_job (VitaStore     *store,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  PassphraseData *data = user_data;
  VitaKdfParams params;

  vita_kdf_calibrate (VITA_KDF_TARGET_SECONDS, &params);
  return vita_store_change_passphrase (store, data->old_passphrase, data->new_passphrase,
                                       &params, error);
}

static void
change_done (GtkWidget    *owner,
             gpointer      user_data,
             const GError *error)
{
  VitaPreferencesWindow *self = VITA_PREFERENCES_WINDOW (owner);

  vita_gui_clear_editable (GTK_EDITABLE (self->old_row));
  set_busy (self, FALSE);
  if (error == NULL)
    {
      vita_gui_clear_editable (GTK_EDITABLE (self->new_row));
      vita_gui_clear_editable (GTK_EDITABLE (self->confirm_row));
      toast (self, _("Passphrase changed. Use the new one the next time you unlock."));
    }
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS))
    show_passphrase_error (self, _("The current passphrase is not right."));
  else
    show_passphrase_error (self, error->message);
}

static void
change_passphrase_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  VitaPreferencesWindow *self = VITA_PREFERENCES_WINDOW (widget);
  PassphraseData *data;

  if (self->busy || !validate_passphrase (self))
    return;

  data = g_new0 (PassphraseData, 1);
  data->old_passphrase = vita_gui_dup_secret (row_text (self->old_row));
  data->new_passphrase = vita_gui_dup_secret (row_text (self->new_row));

  set_busy (self, TRUE);
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, change_job,
                      data, (GDestroyNotify)passphrase_data_free, change_done);
}

static void
passphrase_changed_cb (VitaPreferencesWindow *self)
{
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vita_preferences_window_constructed (GObject *object)
{
  VitaPreferencesWindow *self = (VitaPreferencesWindow *)object;

  G_OBJECT_CLASS (vita_preferences_window_parent_class)->constructed (object);

  gtk_widget_set_visible (GTK_WIDGET (self->site_group), vita_store_can (self->store, "settings"));
  update_actions (self);

  vita_store_job_set_store (self->job, self->store);
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, load_job,
                      g_new0 (SettingData, 1), (GDestroyNotify)setting_data_free, load_done);
}

static void
vita_preferences_window_dispose (GObject *object)
{
  VitaPreferencesWindow *self = (VitaPreferencesWindow *)object;

  g_clear_object (&self->ui_settings);

  g_clear_handle_id (&self->idle_save_source, g_source_remove);
  if (self->job != NULL)
    vita_store_job_cancel (self->job);
  g_clear_object (&self->job);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vita_preferences_window_parent_class)->dispose (object);
}

static void
vita_preferences_window_close_request_cleanup (VitaPreferencesWindow *self)
{
  /* A pending idle-lock change is written, not dropped, when the window
   * closes quickly after the last click. */
  if (self->idle_save_source != 0)
    {
      g_clear_handle_id (&self->idle_save_source, g_source_remove);
      save_idle_minutes_cb (self);
    }
}

static gboolean
vita_preferences_window_close_request (GtkWindow *window)
{
  VitaPreferencesWindow *self = VITA_PREFERENCES_WINDOW (window);

  vita_preferences_window_close_request_cleanup (self);
  vita_gui_clear_editable (GTK_EDITABLE (self->old_row));
  vita_gui_clear_editable (GTK_EDITABLE (self->new_row));
  vita_gui_clear_editable (GTK_EDITABLE (self->confirm_row));

  return GTK_WINDOW_CLASS (vita_preferences_window_parent_class)->close_request (window);
}

static void
vita_preferences_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VitaPreferencesWindow *self = VITA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_preferences_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VitaPreferencesWindow *self = VITA_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Item 0 is the computer's language, then the app's languages. */
static void
ui_language_changed_cb (VitaPreferencesWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->ui_language_row);
  guint n = 0;
  const VitaLanguage *languages = vita_i18n_get_languages (&n);

  if (self->ui_settings == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  g_settings_set_string (self->ui_settings, "ui-language",
                         selected == 0 || selected > n ? "" : languages[selected - 1].code);
}

static void
setup_ui_language (VitaPreferencesWindow *self)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *current = NULL;
  const VitaLanguage *languages;
  guint n = 0, selected = 0;

  languages = vita_i18n_get_languages (&n);
  gtk_string_list_append (names, _("The computer's language"));
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (names, languages[i].native_name);
  adw_combo_row_set_model (self->ui_language_row, G_LIST_MODEL (names));

  if (source == NULL || (schema = g_settings_schema_source_lookup (source, APP_ID, TRUE)) == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->ui_language_row), FALSE);
      return;
    }
  self->ui_settings = g_settings_new (APP_ID);
  current = g_settings_get_string (self->ui_settings, "ui-language");
  for (guint i = 0; i < n; i++)
    if (g_str_equal (current, languages[i].code))
      selected = i + 1;
  /* Set before the handler can see a settings object to write. */
  {
    GSettings *settings = g_steal_pointer (&self->ui_settings);

    adw_combo_row_set_selected (self->ui_language_row, selected);
    self->ui_settings = settings;
  }
}

static void
vita_preferences_window_class_init (VitaPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = vita_preferences_window_constructed;
  object_class->dispose = vita_preferences_window_dispose;
  object_class->get_property = vita_preferences_window_get_property;
  object_class->set_property = vita_preferences_window_set_property;
  window_class->close_request = vita_preferences_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VitaPreferencesWindow::setting-changed:
   * @key: the store setting that was written
   * @value: its new value
   */
  signals[SETTING_CHANGED] = g_signal_new ("setting-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_install_action (widget_class, "prefs.change-passphrase", NULL,
                                   change_passphrase_action);

  g_type_ensure (VITA_TYPE_PASSPHRASE_STRENGTH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, site_group);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, ui_language_row);
  gtk_widget_class_bind_template_callback (widget_class, ui_language_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, site_name_row);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, idle_spin);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, old_row);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, new_row);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, confirm_row);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, strength);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, passphrase_error_label);
  gtk_widget_class_bind_template_child (widget_class, VitaPreferencesWindow, spinner);
  gtk_widget_class_bind_template_callback (widget_class, site_name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, site_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, idle_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, passphrase_changed_cb);
}

static void
vita_preferences_window_init (VitaPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  setup_ui_language (self);

  self->job = vita_store_job_new (GTK_WIDGET (self), NULL);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->new_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->strength, NULL, -1);
}

/**
 * vita_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 *
 * Returns: (transfer floating): a new preferences window for the signed-in
 *   user of @store
 */
GtkWidget *
vita_preferences_window_new (VitaStore *store,
                             GtkWindow *parent)
{
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);

  return g_object_new (VITA_TYPE_PREFERENCES_WINDOW,
                       "store", store,
                       "transient-for", parent,
                       NULL);
}
