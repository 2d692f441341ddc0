/* vita-export-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-clock.h"
#include "vita-export.h"
#include "vita-export-page.h"
#include "vita-gui-util.h"
#include "vita-store-job.h"
#include "vita-store-settings.h"

/* De-identified exports in two steps, so the coordinator sees what the
 * k-anonymity check generalised and withheld before anything leaves the
 * store: Check prepares the table (nothing is written), Save writes that
 * same table to a file.  Changing what goes in (contents, k, purged
 * households) drops the checked table; the file format does not, since
 * it only changes how the same table is written. */
struct _VitaExportPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *options_group;
  AdwComboRow         *contents_row;
  AdwExpanderRow      *columns_row;
  AdwComboRow         *format_row;
  AdwActionRow        *purged_row;
  GtkSwitch           *purged_switch;
  GtkSpinButton       *k_spin;
  GtkSpinner          *spinner;
  AdwPreferencesGroup *report_group;
  GtkBox              *report_box;
  GtkLabel            *report_label;
  AdwExpanderRow      *noise_row;
  GtkSpinButton       *epsilon_spin;

  /* Owned references */
  VitaStore           *store;
  VitaNotifier        *notifier;
  VitaStoreJob        *job;
  GtkNativeDialog     *chooser;
  VitaExportTable     *table;         /* the checked table, or NULL */
  char                *report_text;
  /* The column chooser, built the first time it is shown: one check
   * button per column an extract may carry, named by the column's id. */
  GPtrArray           *column_checks;
  GPtrArray           *column_rows;    /* the row of each check button */
  guint                noise_save_source;

  guint                generation;    /* bumped when the contents change */
  gboolean             loading;
};

G_DEFINE_FINAL_TYPE (VitaExportPage, vita_export_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The purposes, in the order of the Contents row: the tables first, as
 * the default; then the named extracts (vita_export_get_named_extracts()). */
enum {
  CONTENTS_AGGREGATES,
  CONTENTS_SITE_VOLUME,
  CONTENTS_INCOME_TYPES,
  CONTENTS_CREDITS,
  CONTENTS_CHOSEN,     /* the columns the coordinator ticks */
};

typedef enum
{
  OP_LOAD,
  OP_PREPARE,
  OP_WRITE,
  OP_SAVE_NOISE,
} ExportOp;

typedef struct
{
  ExportOp          op;
  VitaStore        *store;
  guint             generation;
  /* OP_LOAD */
  guint             k;
  double            epsilon;
  /* OP_SAVE_NOISE: the setting's new value */
  char             *noise;
  /* OP_PREPARE */
  gboolean          aggregates;
  gboolean          include_purged;
  char             *columns;      /* a named extract or a list of ids */
  VitaExportTable  *table;        /* OP_PREPARE result; OP_WRITE borrows it from the page */
  char             *report_text;
  /* OP_WRITE */
  GFile            *file;
  VitaExportFormat  format;
  GTask            *outer;        /* the caller's task */
} ExportTask;

static void
export_task_free (ExportTask *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->table, vita_export_table_free);
  g_clear_pointer (&data->report_text, g_free);
  g_clear_pointer (&data->columns, g_free);
  g_clear_pointer (&data->noise, g_free);
  g_clear_object (&data->file);
  g_clear_object (&data->outer);
  g_free (data);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */



static gboolean
wants_aggregates (VitaExportPage *self)
{
  return adw_combo_row_get_selected (self->contents_row) == CONTENTS_AGGREGATES;
}

static gboolean
wants_chosen_columns (VitaExportPage *self)
{
  return adw_combo_row_get_selected (self->contents_row) == CONTENTS_CHOSEN;
}

/* The ticked columns as the core's column list, in the catalogue's
 * order; NULL when none is ticked. */
static char *
chosen_columns (VitaExportPage *self)
{
  g_autoptr(GString) list = g_string_new (NULL);

  for (guint i = 0; self->column_checks != NULL && i < self->column_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->column_checks, i);

      if (gtk_check_button_get_active (check))
        g_string_append_printf (list, "%s%s", list->len > 0 ? "," : "",
                                gtk_widget_get_name (GTK_WIDGET (check)));
    }
  if (list->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* How many are ticked, and no more than the core takes: the others are
 * greyed out at the limit rather than refused after a check. */
static void
update_column_count (VitaExportPage *self)
{
  guint n = 0;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; self->column_checks != NULL && i < self->column_checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->column_checks, i)))
      n++;
  for (guint i = 0; self->column_checks != NULL && i < self->column_checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (self->column_checks, i);

      gtk_widget_set_sensitive (g_ptr_array_index (self->column_rows, i),
                                n < VITA_EXPORT_MAX_COLUMNS || gtk_check_button_get_active (check));
    }
  subtitle = g_strdup_printf (ngettext ("%u of at most %u column chosen. Fewer columns keep more rows.",
                                        "%u of at most %u columns chosen. Fewer columns keep more rows.",
                                        n),
                              n, VITA_EXPORT_MAX_COLUMNS);
  adw_expander_row_set_subtitle (self->columns_row, subtitle);
}

static void column_toggled_cb (VitaExportPage *self);

static void
ensure_column_rows (VitaExportPage *self)
{
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) labels = NULL;

  if (self->column_checks != NULL)
    return;
  ids = vita_export_get_column_names ();
  /* The interface language; "en" if its catalog cannot be read. */
  labels = vita_export_get_column_labels (NULL, NULL);
  self->column_checks = g_ptr_array_new ();
  self->column_rows = g_ptr_array_new ();
  for (guint i = 0; ids[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), labels != NULL ? labels[i] : ids[i]);
      /* The id, as the command line's --columns takes it. */
      gtk_widget_set_tooltip_text (row, ids[i]);
      gtk_widget_set_name (check, ids[i]);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      labels != NULL ? labels[i] : ids[i], -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (column_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_row (self->columns_row, row);
      g_ptr_array_add (self->column_checks, check);
      g_ptr_array_add (self->column_rows, row);
    }
  update_column_count (self);
}

static void
update_noise_subtitle (VitaExportPage *self)
{
  g_autofree char *text = NULL;
  char eps[G_ASCII_DTOSTR_BUF_SIZE];

  if (!adw_expander_row_get_enable_expansion (self->noise_row))
    {
      adw_expander_row_set_subtitle (self->noise_row, _("Off: the statistics show the exact counts"));
      return;
    }
  g_ascii_formatd (eps, sizeof eps, "%.2f", gtk_spin_button_get_value (self->epsilon_spin));
  /* Translators: %s is the noise level, for example 1.00. */
  text = g_strdup_printf (_("On: every published count gets noise with epsilon = %s"), eps);
  adw_expander_row_set_subtitle (self->noise_row, text);
}

/* The setting as the store keeps it: "off", or epsilon with two
 * decimals, the spin button's precision. */
static char *
noise_setting_value (VitaExportPage *self)
{
  char eps[G_ASCII_DTOSTR_BUF_SIZE];

  if (!adw_expander_row_get_enable_expansion (self->noise_row))
    return g_strdup ("off");
  return g_strdup (g_ascii_formatd (eps, sizeof eps, "%.2f", gtk_spin_button_get_value (self->epsilon_spin)));
}

static VitaExportFormat
selected_format (VitaExportPage *self)
{
  return adw_combo_row_get_selected (self->format_row) == 1 ? VITA_EXPORT_FORMAT_JSON
                                                             : VITA_EXPORT_FORMAT_CSV;
}

static void
update_actions (VitaExportPage *self)
{
  gboolean running = vita_store_job_get_running (self->job);
  gboolean ready = self->store != NULL && !running;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.check", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.save",
                                 ready && self->table != NULL && self->chooser == NULL);
  /* A write borrows the checked table: nothing may change it meanwhile. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->options_group), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->purged_row), !wants_aggregates (self));
  gtk_widget_set_visible (GTK_WIDGET (self->columns_row), wants_chosen_columns (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->noise_row), self->store != NULL);
  adw_action_row_set_subtitle (self->purged_row,
                               wants_aggregates (self)
                               ? _("Statistics always count purged households")
                               : _("Only what the purge kept: answers that identify no one and age bands"));
}

static void
running_changed_cb (VitaExportPage *self)
{
  gboolean running = vita_store_job_get_running (self->job);

  if (running)
    vita_gui_release_focus (GTK_WIDGET (self->options_group));
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
show_report (VitaExportPage *self,
             const char     *text,
             const char     *description)
{
  g_autofree char *trimmed = g_strchomp (g_strdup (text ? text : ""));

  gtk_label_set_text (self->report_label, trimmed);
  gtk_widget_set_visible (GTK_WIDGET (self->report_box), text != NULL);
  adw_preferences_group_set_description (self->report_group, description);
}

static void
drop_table (VitaExportPage *self)
{
  gboolean was_checked = self->table != NULL;

  g_clear_pointer (&self->table, vita_export_table_free);
  g_clear_pointer (&self->report_text, g_free);
  if (was_checked)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

static ExportTask *
export_task_new (VitaExportPage *self,
                 ExportOp        op)
{
  ExportTask *data = g_new0 (ExportTask, 1);

  data->op = op;
  data->store = g_object_ref (self->store);
  data->generation = self->generation;
  return data;
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

static gboolean
prepare (ExportTask  *data,
         GError     **error)
{
  VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;

  opts.k = data->k;
  opts.include_purged = data->include_purged;
  opts.columns = data->columns;
  /* 0: the site's noise setting, the one this page shows. */
  opts.epsilon = 0;
  if (data->aggregates)
    data->table = vita_export_prepare_aggregates_full (data->store, &opts, error);
  else
    data->table = vita_export_prepare (data->store, &opts, error);
  if (data->table == NULL)
    return FALSE;
  data->report_text = vita_export_report_to_text (vita_export_table_get_report (data->table));
  return TRUE;
}

/* A failed write leaves no half-written export behind, and never
 * destroys a file the coordinator chose to replace. */
static gboolean
write_file (ExportTask    *data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GCancellable) abort = NULL;
  gboolean existed = g_file_query_exists (data->file, NULL);

  out = g_file_replace (data->file, NULL, FALSE,
                        G_FILE_CREATE_PRIVATE | G_FILE_CREATE_REPLACE_DESTINATION,
                        cancellable, error);
  if (out == NULL)
    return FALSE;
  if (vita_export_table_write (data->table, data->format, G_OUTPUT_STREAM (out), cancellable, error)
      && g_output_stream_close (G_OUTPUT_STREAM (out), cancellable, error))
    {
      /* The risk report beside the file, private like it. */
      g_autofree char *name = g_file_get_basename (data->file);
      g_autofree char *risk_name = g_strconcat (name, ".risk.json", NULL);
      g_autoptr(GFile) parent = g_file_get_parent (data->file);
      g_autoptr(GFile) risk = g_file_get_child (parent, risk_name);
      g_autofree char *json = vita_export_report_to_json (vita_export_table_get_report (data->table));
      g_autofree char *dict_name = g_strconcat (name, ".dictionary.csv", NULL);
      g_autoptr(GFile) dict = g_file_get_child (parent, dict_name);
      g_autoptr(GOutputStream) dict_out = g_memory_output_stream_new_resizable ();

      /* And what each column means, in the same language as the headers. */
      if (g_file_replace_contents (risk, json, strlen (json), NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                   NULL, cancellable, error)
          && vita_export_table_write_dictionary (data->table, dict_out, cancellable, error)
          && g_output_stream_close (dict_out, cancellable, error)
          && g_file_replace_contents (dict,
                                      g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (dict_out)),
                                      g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (dict_out)),
                                      NULL, FALSE, G_FILE_CREATE_PRIVATE, NULL, cancellable, error))
        return TRUE;
      /* No export without its report and dictionary beside it. */
      if (!existed)
        g_file_delete (data->file, NULL, NULL);
      return FALSE;
    }

  /* Closing with a cancelled cancellable keeps a replaced file as it was. */
  abort = g_cancellable_new ();
  g_cancellable_cancel (abort);
  g_output_stream_close (G_OUTPUT_STREAM (out), abort, NULL);
  if (!existed)
    g_file_delete (data->file, NULL, NULL);
  return FALSE;
}

static gboolean
export_worker (VitaStore     *store,
               gpointer       task_data,
               GCancellable  *cancellable,
               GError       **error)
{
  ExportTask *data = task_data;
  gboolean ok = TRUE;

  switch (data->op)
    {
    case OP_LOAD:
      data->k = vita_export_get_site_k (data->store);
      data->epsilon = vita_export_get_site_epsilon (data->store);
      break;
    case OP_SAVE_NOISE:
      ok = vita_store_set_setting (data->store, VITA_SETTING_EXPORT_NOISE_EPSILON, data->noise, error);
      break;
    case OP_PREPARE:
      ok = prepare (data, error);
      break;
    case OP_WRITE:
      ok = write_file (data, cancellable, error);
      break;
    default:
      g_assert_not_reached ();
    }

  return ok;
}

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

static void
prepared (VitaExportPage *self,
          ExportTask     *data,
          const GError   *error)
{
  g_autofree char *text = NULL;

  if (data->generation != self->generation || data->store != self->store)
    return;
  if (error != NULL)
    {
      if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION)
          || vita_gui_error_is_silent (error))
        vita_gui_coordinator_report_error (GTK_WIDGET (self), error);
      else
        show_report (self, error->message, _("Nothing can be exported with these options."));
      return;
    }

  drop_table (self);
  self->table = g_steal_pointer (&data->table);
  self->report_text = g_steal_pointer (&data->report_text);
  show_report (self, self->report_text,
               _("Nothing has been written yet. If this is what you expect, press Save."));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

static void
export_task_done (GtkWidget    *owner,
                  gpointer      task_data,
                  const GError *error)
{
  VitaExportPage *self = VITA_EXPORT_PAGE (owner);
  ExportTask *data = task_data;
  gboolean ok = error == NULL;

  update_actions (self);

  if (data->op == OP_LOAD && ok)
    {
      self->loading = TRUE;
      gtk_spin_button_set_value (self->k_spin, data->k);
      adw_expander_row_set_enable_expansion (self->noise_row, data->epsilon > 0);
      gtk_spin_button_set_value (self->epsilon_spin,
                                 data->epsilon > 0 ? data->epsilon : VITA_EXPORT_DEFAULT_EPSILON);
      self->loading = FALSE;
      update_noise_subtitle (self);
    }
  else if (data->op == OP_SAVE_NOISE && !ok)
    vita_gui_coordinator_report_error (GTK_WIDGET (self), error);
  else if (data->op == OP_LOAD)
    vita_gui_coordinator_report_error (GTK_WIDGET (self), error);
  else if (data->op == OP_PREPARE)
    prepared (self, data, error);
}

static void
run_task (VitaExportPage *self,
          ExportTask     *data)
{
  g_assert (VITA_IS_EXPORT_PAGE (self));

  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, export_worker,
                      data, (GDestroyNotify)export_task_free, export_task_done);
}

static void
write_done (GtkWidget    *owner,
            gpointer      task_data,
            const GError *error)
{
  VitaExportPage *self = VITA_EXPORT_PAGE (owner);
  ExportTask *data = task_data;
  g_autoptr(GTask) outer = g_steal_pointer (&data->outer);

  /* Cancelled: the page dropped its store or is going away, and has
   * already forgotten this write. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* The table comes back unless the options or the store changed. */
      if (self->table == NULL && data->generation == self->generation && data->store == self->store)
        self->table = g_steal_pointer (&data->table);
      update_actions (self);
    }

  /* The toast is seen only in this window; the desktop notification
   * wherever the coordinator went meanwhile. */
  if (error == NULL && self->notifier != NULL)
    vita_notifier_export_done (self->notifier, NULL);
  if (error == NULL)
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, g_error_copy (error));
}

/**
 * vita_export_page_set_notifier:
 * @notifier: (nullable): where "export finished" goes
 */
void
vita_export_page_set_notifier (VitaExportPage *self,
                               VitaNotifier   *notifier)
{
  g_return_if_fail (VITA_IS_EXPORT_PAGE (self));
  g_return_if_fail (notifier == NULL || VITA_IS_NOTIFIER (notifier));

  g_set_object (&self->notifier, notifier);
}

/* ------------------------------------------------------------------ */
/* Actions and callbacks                                               */
/* ------------------------------------------------------------------ */

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  VitaExportPage *self = VITA_EXPORT_PAGE (widget);
  ExportTask *data;

  if (self->store == NULL || vita_store_job_get_running (self->job))
    return;
  data = export_task_new (self, OP_PREPARE);
  data->aggregates = wants_aggregates (self);
  if (wants_chosen_columns (self))
    {
      data->columns = chosen_columns (self);
      if (data->columns == NULL)
        {
          g_autofree char *text = g_strdup_printf (_("Tick the columns the export needs, at most %u."),
                                                   VITA_EXPORT_MAX_COLUMNS);

          export_task_free (data);
          show_report (self, NULL, text);
          return;
        }
    }
  else if (!data->aggregates)
    data->columns = g_strdup (vita_export_get_named_extracts ()[adw_combo_row_get_selected (self->contents_row)
                                                                - CONTENTS_SITE_VOLUME]);
  data->include_purged = gtk_switch_get_active (self->purged_switch);
  data->k = gtk_spin_button_get_value_as_int (self->k_spin);
  show_report (self, NULL, _("Checking…"));
  run_task (self, data);
}

static void
chooser_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  VitaExportPage *self = VITA_EXPORT_PAGE (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;

  if (!vita_export_page_save_to_file_finish (self, result, &error))
    {
      vita_gui_coordinator_report_error (GTK_WIDGET (self), error);
      return;
    }
  name = g_file_get_basename (file);
  message = g_strdup_printf (_("Saved “%s”. It holds no names or numbers; still, share it only "
                               "with who needs it."), name);
  vita_gui_coordinator_toast (GTK_WIDGET (self), message);
}

static void
chooser_response_cb (VitaExportPage  *self,
                     int              response,
                     GtkNativeDialog *chooser)
{
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  update_actions (self);
  if (file != NULL)
    vita_export_page_save_to_file (self, file, NULL, chooser_saved_cb, file);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  VitaExportPage *self = VITA_EXPORT_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GDateTime) now = vita_clock_now_local ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  if (self->table == NULL || self->chooser != NULL)
    return;
  name = g_date_time_format (now, wants_aggregates (self) ? "vita-statistics-%Y-%m-%d"
                                                          : "vita-export-%Y-%m-%d");
  name = g_strconcat (g_steal_pointer (&name),
                      selected_format (self) == VITA_EXPORT_FORMAT_JSON ? ".json" : ".csv", NULL);

  chooser = gtk_file_chooser_native_new (_("Save Export"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->chooser = GTK_NATIVE_DIALOG (chooser);
  update_actions (self);
  gtk_native_dialog_show (self->chooser);
}

static void
contents_changed (VitaExportPage *self)
{
  update_actions (self);
  if (self->loading)
    return;
  self->generation++;
  if (self->table != NULL || gtk_widget_get_visible (GTK_WIDGET (self->report_box)))
    {
      drop_table (self);
      show_report (self, NULL, _("The options changed. Press Check again before saving."));
    }
  update_actions (self);
}

static void
options_changed_cb (VitaExportPage *self,
                    GParamSpec     *pspec,
                    GObject        *widget)
{
  /* The format only changes how the checked table is written. */
  if ((gpointer)widget == (gpointer)self->format_row)
    update_actions (self);
  else
    {
      if ((gpointer)widget == (gpointer)self->contents_row && wants_chosen_columns (self))
        ensure_column_rows (self);
      contents_changed (self);
    }
}

static void
k_changed_cb (VitaExportPage *self)
{
  contents_changed (self);
}

static void
column_toggled_cb (VitaExportPage *self)
{
  update_column_count (self);
  contents_changed (self);
}

static gboolean
save_noise_cb (gpointer user_data)
{
  VitaExportPage *self = user_data;
  ExportTask *data;

  self->noise_save_source = 0;
  if (self->store == NULL)
    return G_SOURCE_REMOVE;
  data = export_task_new (self, OP_SAVE_NOISE);
  data->noise = noise_setting_value (self);
  run_task (self, data);
  return G_SOURCE_REMOVE;
}

/* The switch or the level: a site setting, saved through the core (which
 * checks it, the role and audits the change).  Clicking through levels
 * writes only the last one. */
static void
noise_changed_cb (VitaExportPage *self)
{
  update_noise_subtitle (self);
  if (self->loading || self->store == NULL)
    return;
  g_clear_handle_id (&self->noise_save_source, g_source_remove);
  self->noise_save_source = g_timeout_add (600, save_noise_cb, self);
  /* A checked table of statistics has the old noise in it. */
  if (wants_aggregates (self))
    contents_changed (self);
}

static void
noise_task_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ExportTask *data = task_data;

  vita_store_set_setting (data->store, VITA_SETTING_EXPORT_NOISE_EPSILON, data->noise, NULL);
  g_task_return_boolean (task, TRUE);
}

/* Closing right after the last click still saves it; nobody waits for
 * the result, so the task has no source object. */
static void
write_pending_noise (VitaExportPage *self)
{
  g_autoptr(GTask) task = NULL;
  ExportTask *data;

  if (self->noise_save_source == 0 || self->store == NULL)
    return;
  g_clear_handle_id (&self->noise_save_source, g_source_remove);
  data = export_task_new (self, OP_SAVE_NOISE);
  data->noise = noise_setting_value (self);
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, write_pending_noise);
  g_task_set_task_data (task, data, (GDestroyNotify)export_task_free);
  g_task_run_in_thread (task, noise_task_thread);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vita_export_page_dispose (GObject *object)
{
  VitaExportPage *self = (VitaExportPage *)object;

  write_pending_noise (self);
  vita_store_job_cancel (self->job);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_EXPORT_PAGE);
  g_clear_object (&self->job);
  g_clear_object (&self->store);
  g_clear_object (&self->notifier);
  g_clear_pointer (&self->table, vita_export_table_free);
  g_clear_pointer (&self->report_text, g_free);
  g_clear_pointer (&self->column_checks, g_ptr_array_unref);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vita_export_page_parent_class)->dispose (object);
}

static void
vita_export_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  VitaExportPage *self = VITA_EXPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, vita_store_job_get_running (self->job));
      break;
    case PROP_CHECKED:
      g_value_set_boolean (value, self->table != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_export_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  VitaExportPage *self = VITA_EXPORT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vita_export_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_export_page_class_init (VitaExportPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_export_page_dispose;
  object_class->get_property = vita_export_page_get_property;
  object_class->set_property = vita_export_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "export.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "export.save", NULL, save_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-export-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, options_group);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, contents_row);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, columns_row);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, noise_row);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, epsilon_spin);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, format_row);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, purged_row);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, purged_switch);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, k_spin);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, report_group);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, report_box);
  gtk_widget_class_bind_template_child (widget_class, VitaExportPage, report_label);
  gtk_widget_class_bind_template_callback (widget_class, options_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, k_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, noise_changed_cb);
}

static void
vita_export_page_init (VitaExportPage *self)
{
  /* First: template callbacks already ask whether a job is running. */
  self->job = vita_store_job_new (GTK_WIDGET (self), "coordinator.refuse");
  g_signal_connect_object (self->job, "notify::running", G_CALLBACK (running_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_range (self->k_spin, VITA_EXPORT_MIN_K, VITA_EXPORT_MAX_K);
  gtk_spin_button_set_range (self->epsilon_spin, VITA_EXPORT_MIN_EPSILON, VITA_EXPORT_MAX_EPSILON);
  self->loading = FALSE;
  update_noise_subtitle (self);

  update_actions (self);
}

/**
 * vita_export_page_set_store:
 * @store: (nullable): the unlocked store, or %NULL to drop it and any
 *   checked table
 */
void
vita_export_page_set_store (VitaExportPage *self,
                            VitaStore      *store)
{
  g_return_if_fail (VITA_IS_EXPORT_PAGE (self));
  g_return_if_fail (store == NULL || VITA_IS_STORE (store));

  if (self->store == store)
    return;

  /* A noise level chosen just now belongs to the store it was chosen for. */
  write_pending_noise (self);
  vita_store_job_set_store (self->job, store);
  self->generation++;
  drop_table (self);
  show_report (self, NULL, _("Press Check to see what the export will hold before anything is written."));
  g_set_object (&self->store, store);
  if (store != NULL)
    run_task (self, export_task_new (self, OP_LOAD));
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

gboolean
vita_export_page_get_busy (VitaExportPage *self)
{
  g_return_val_if_fail (VITA_IS_EXPORT_PAGE (self), FALSE);
  return vita_store_job_get_running (self->job);
}

/**
 * vita_export_page_get_checked:
 *
 * Returns: whether a checked table is ready to be saved
 */
gboolean
vita_export_page_get_checked (VitaExportPage *self)
{
  g_return_val_if_fail (VITA_IS_EXPORT_PAGE (self), FALSE);
  return self->table != NULL;
}

/**
 * vita_export_page_get_report_text:
 *
 * Returns: (nullable): what the last check changed, as shown
 */
const char *
vita_export_page_get_report_text (VitaExportPage *self)
{
  g_return_val_if_fail (VITA_IS_EXPORT_PAGE (self), NULL);
  return self->report_text;
}

/**
 * vita_export_page_save_to_file:
 * @file: where to write; replaced if it exists
 *
 * Writes the checked table in the selected format.  The file chooser ends
 * here, and tests call it directly.  Fails when nothing was checked, or
 * the options changed since.
 */
void
vita_export_page_save_to_file (VitaExportPage      *self,
                               GFile               *file,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  ExportTask *data;

  g_return_if_fail (VITA_IS_EXPORT_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, vita_export_page_save_to_file);
  if (self->store == NULL || self->table == NULL || vita_store_job_get_running (self->job))
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _("Press Check first, and save once it has finished."));
      return;
    }

  data = export_task_new (self, OP_WRITE);
  data->table = g_steal_pointer (&self->table);
  data->file = g_object_ref (file);
  data->format = selected_format (self);
  data->outer = g_steal_pointer (&outer);

  /* The page's job, so dropping the store stops the write; the caller's
   * cancellable only decides what the caller is told.  The caller is told
   * even then. */
  vita_store_job_run (self->job, VITA_STORE_JOB_REPORT_STALE, export_worker,
                      data, (GDestroyNotify)export_task_free, write_done);
}

gboolean
vita_export_page_save_to_file_finish (VitaExportPage  *self,
                                      GAsyncResult    *result,
                                      GError         **error)
{
  g_return_val_if_fail (VITA_IS_EXPORT_PAGE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
