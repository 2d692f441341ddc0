/* vita-forms-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The coordinator's Forms page: load the season's IRS forms and see which
 * revisions are loaded, with their SHA-256 so a site can compare its copy
 * with irs.gov's.  Reading and checking a PDF runs in a GTask; the page
 * only shows what the core says. */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-form-map.h"
#include "vita-form-template.h"
#include "vita-forms-page.h"
#include "vita-store-forms.h"
#include "vita-store-job.h"
#include "vita-store-settings.h"

struct _VitaFormsPage
{
  AdwBin        parent_instance;

  /* Template widgets */
  GtkListBox   *list;
  GtkLabel     *message_label;
  GtkLabel     *known_label;
  AdwPreferencesGroup *caa_group;
  GtkSwitch    *caa_switch;
  GPtrArray    *caa_rows;  /* AdwEntryRow, data "key" */

  /* Owned references */
  VitaStore    *store;
  VitaStoreJob *job;
  char         *message;

  guint         n_templates;
  gboolean      busy;
  gboolean      loading_settings;
};

/* The W-7's acceptance-agent block (see data/forms/fw7-rev-12-2024.map). */
static const struct
{
  const char *key;
  const char *title;
} caa_fields[] = {
  { VITA_SETTING_CAA_NAME_TITLE, N_("Name and title") },
  { VITA_SETTING_CAA_COMPANY, N_("Name of company") },
  { VITA_SETTING_CAA_PHONE, N_("Phone") },
  { VITA_SETTING_CAA_FAX, N_("Fax") },
  { VITA_SETTING_CAA_EIN, N_("EIN") },
  { VITA_SETTING_CAA_PTIN, N_("PTIN") },
  { VITA_SETTING_CAA_OFFICE_CODE, N_("Office code") },
};

G_DEFINE_FINAL_TYPE (VitaFormsPage, vita_forms_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_message (VitaFormsPage *self,
             const char    *text,
             gboolean       error)
{
  g_free (self->message);
  self->message = g_strdup (text);
  gtk_label_set_label (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
}

static void
set_busy (VitaFormsPage *self,
          gboolean       busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forms.import",
                                 !busy && self->store != NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
save_setting (VitaFormsPage *self,
              const char    *key,
              const char    *value)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || self->loading_settings)
    return;
  if (!vita_store_set_setting (self->store, key, value, &error))
    {
      set_message (self, error->message, TRUE);
      if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION))
        gtk_widget_activate_action (GTK_WIDGET (self), "coordinator.refuse", NULL);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "coordinator.toast", "s", _("Saved."));
}

static void
caa_switch_cb (VitaFormsPage *self)
{
  gboolean on = gtk_switch_get_active (self->caa_switch);

  for (guint i = 0; i < self->caa_rows->len; i++)
    gtk_widget_set_sensitive (g_ptr_array_index (self->caa_rows, i), on);
  save_setting (self, VITA_SETTING_CAA_ENABLED, on ? "yes" : "no");
}

static void
caa_apply_cb (AdwEntryRow   *row,
              VitaFormsPage *self)
{
  save_setting (self, g_object_get_data (G_OBJECT (row), "key"),
                gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
load_settings (VitaFormsPage *self)
{
  g_autofree char *enabled = NULL;

  self->loading_settings = TRUE;
  if (self->store != NULL)
    enabled = vita_store_dup_setting (self->store, VITA_SETTING_CAA_ENABLED, NULL);
  gtk_switch_set_active (self->caa_switch, g_strcmp0 (enabled, "yes") == 0);
  for (guint i = 0; i < self->caa_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->caa_rows, i);
      g_autofree char *value = NULL;

      if (self->store != NULL)
        value = vita_store_dup_setting (self->store, g_object_get_data (G_OBJECT (row), "key"),
                                        NULL);
      gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
      gtk_widget_set_sensitive (row, g_strcmp0 (enabled, "yes") == 0);
    }
  self->loading_settings = FALSE;
}

static void
refresh (VitaFormsPage *self)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  self->n_templates = 0;
  if (self->store == NULL)
    return;

  list = vita_store_list_form_templates (self->store, &error);
  if (list == NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      VitaFormTemplateInfo *info = g_ptr_array_index (list, i);
      g_autofree char *title = g_strdup_printf ("Form %s (%s)", info->form, info->revision);
      /* TRANSLATORS: %s is a date and time in ISO 8601, then a SHA-256. */
      g_autofree char *subtitle = g_strdup_printf (_("Loaded %s · SHA-256 %s"),
                                                   info->imported_at, info->sha256);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_append (self->list, row);
      self->n_templates++;
    }
  if (list->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No forms loaded yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                   _("Until then, the app prints its own intake summary "
                                     "instead of Form 13614-C."));
      gtk_list_box_append (self->list, row);
    }
}

typedef struct
{
  GFile            *file;
  VitaFormTemplate *tmpl;
} ImportData;

static void
import_data_free (ImportData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->tmpl, vita_form_template_free);
  g_free (data);
}

/* Runs in a worker thread: read the file, check it, keep it. */
static gboolean
import_job (VitaStore     *store,
            gpointer       user_data,
            GCancellable  *cancellable,
            GError       **error)
{
  ImportData *data = user_data;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_file_load_bytes (data->file, cancellable, NULL, error);
  if (bytes == NULL)
    return FALSE;
  data->tmpl = vita_form_template_import (store, bytes, error);
  return data->tmpl != NULL;
}

/* A refusal already activated "coordinator.refuse" (vita-store-job.c). */
static void
import_done (GtkWidget    *owner,
             gpointer      user_data,
             const GError *error)
{
  VitaFormsPage *self = VITA_FORMS_PAGE (owner);
  ImportData *data = user_data;

  set_busy (self, FALSE);
  if (error != NULL)
    {
      set_message (self, error->message, TRUE);
      return;
    }
  {
    /* TRANSLATORS: %s is "Form 13614-C (Rev. 10-2025)". */
    g_autofree char *text = g_strdup_printf (_("%s is loaded and checked."), data->tmpl->title);
    set_message (self, text, FALSE);
    gtk_widget_activate_action (GTK_WIDGET (self), "coordinator.toast", "s", text);
  }
  refresh (self);
}

/**
 * vita_forms_page_import_file:
 *
 * Loads @file as a form template (what the file chooser does; tests call
 * it directly).
 */
void
vita_forms_page_import_file (VitaFormsPage *self,
                             GFile         *file)
{
  ImportData *data;

  g_return_if_fail (VITA_IS_FORMS_PAGE (self));
  g_return_if_fail (self->store != NULL && !self->busy);

  set_message (self, NULL, FALSE);
  set_busy (self, TRUE);
  data = g_new0 (ImportData, 1);
  data->file = g_object_ref (file);
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, import_job,
                      data, (GDestroyNotify)import_data_free, import_done);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     VitaFormsPage   *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL && self->store != NULL && !self->busy)
        vita_forms_page_import_file (self, file);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VitaFormsPage *self = VITA_FORMS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Load an IRS Form"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _("_Load"), NULL);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_suffix (filter, "pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
vita_forms_page_set_store (VitaFormsPage *self,
                           VitaStore     *store)
{
  g_return_if_fail (VITA_IS_FORMS_PAGE (self));

  /* A new store (or none): an import still running goes stale. */
  vita_store_job_set_store (self->job, store);
  g_set_object (&self->store, store);
  set_message (self, NULL, FALSE);
  set_busy (self, FALSE);
  refresh (self);
  load_settings (self);
}

gboolean
vita_forms_page_get_busy (VitaFormsPage *self)
{
  g_return_val_if_fail (VITA_IS_FORMS_PAGE (self), FALSE);
  return self->busy;
}

const char *
vita_forms_page_get_message (VitaFormsPage *self)
{
  g_return_val_if_fail (VITA_IS_FORMS_PAGE (self), NULL);
  return self->message;
}

guint
vita_forms_page_get_n_templates (VitaFormsPage *self)
{
  g_return_val_if_fail (VITA_IS_FORMS_PAGE (self), 0);
  return self->n_templates;
}

static void
vita_forms_page_dispose (GObject *object)
{
  VitaFormsPage *self = VITA_FORMS_PAGE (object);

  if (self->job != NULL)
    vita_store_job_cancel (self->job);
  g_clear_object (&self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_FORMS_PAGE);
  g_clear_object (&self->store);
  g_clear_pointer (&self->message, g_free);
  g_clear_pointer (&self->caa_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vita_forms_page_parent_class)->dispose (object);
}

static void
vita_forms_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VitaFormsPage *self = VITA_FORMS_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_forms_page_class_init (VitaFormsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_forms_page_dispose;
  object_class->get_property = vita_forms_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-forms-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaFormsPage, list);
  gtk_widget_class_bind_template_child (widget_class, VitaFormsPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, VitaFormsPage, known_label);
  gtk_widget_class_bind_template_child (widget_class, VitaFormsPage, caa_group);
  gtk_widget_class_bind_template_child (widget_class, VitaFormsPage, caa_switch);
  gtk_widget_class_bind_template_callback (widget_class, caa_switch_cb);
  gtk_widget_class_install_action (widget_class, "forms.import", NULL, import_action);
}

static void
vita_forms_page_init (VitaFormsPage *self)
{
  g_autofree char *known = vita_form_maps_dup_known (NULL);
  g_autofree char *text = NULL;

  self->caa_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  self->job = vita_store_job_new (GTK_WIDGET (self), "coordinator.refuse");
  for (guint i = 0; i < G_N_ELEMENTS (caa_fields); i++)
    {
      GtkWidget *row = adw_entry_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(caa_fields[i].title));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "key", (gpointer) caa_fields[i].key);
      g_signal_connect (row, "apply", G_CALLBACK (caa_apply_cb), self);
      adw_preferences_group_add (self->caa_group, row);
      g_ptr_array_add (self->caa_rows, row);
    }
  /* TRANSLATORS: %s lists revisions, e.g. "Form 13614-C (Rev. 10-2025), Form W-7 (Rev. 12-2024)". */
  text = g_strdup_printf (_("This version of the app fills: %s."), known);
  gtk_label_set_label (self->known_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forms.import", FALSE);
}
