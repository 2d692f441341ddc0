/* vita-retention-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-export.h"
#include "vita-gui-util.h"
#include "vita-i18n.h"
#include "vita-minimum-data.h"
#include "vita-retention-page.h"
#include "vita-retention.h"
#include "vita-store-job.h"
#include "vita-store-settings.h"

/* Retention: how long identity is kept, purging what is due, one
 * household's own date, and the k of exports.  Purging destroys keys, so
 * both purge buttons ask first and say that it cannot be undone and that
 * the statistics stay.  When the page gets its store and households are
 * past their date, the coordinator is reminded once through the desktop
 * notifier, with a count and nothing else. */
struct _VitaRetentionPage
{
  AdwBin         parent_instance;

  /* Template widgets */
  AdwComboRow   *retention_row;
  GtkLabel      *retention_label;
  AdwActionRow  *due_row;
  AdwEntryRow   *season_row;
  GtkSpinButton *min_days_spin;
  AdwEntryRow   *household_row;
  AdwActionRow  *current_row;
  AdwEntryRow   *date_row;
  GtkSpinButton *k_spin;
  GtkSpinner    *spinner;
  GtkSwitch     *minimum_switch;     /* minimum-data mode */
  GtkSpinButton *contact_days_spin;

  /* Owned references */
  VitaStore     *store;
  VitaNotifier  *notifier;
  VitaStoreJob  *job;

  gint64         n_due;
  /* Per status, households past their date (only finished ones are due). */
  gint64         past[VITA_RETURN_STATUS_LAST + 1];
  guint          min_days_save_source;
  int            season_year;       /* the season setting, 0: the calendar */
  gint64         shown_household;   /* whose date current_row shows */
  guint          k_save_source;
  guint          contact_days_save_source;
  gboolean       loading;           /* filling the widgets: do not write */
  gboolean       reminded;
};

G_DEFINE_FINAL_TYPE (VitaRetentionPage, vita_retention_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_BUSY,
  PROP_N_DUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* In the order of the combo row's items. */
static const char *policies[] = { "end-of-season", "end-of-extensions", "one-year", "three-years" };

typedef enum
{
  OP_LOAD,
  OP_COUNT,
  OP_SET_SETTING,
  OP_PURGE_DUE,
  OP_ERASE_MINIMUM,
  OP_LOOKUP,
  OP_SET_DATE,
  OP_PURGE_ONE,
} RetentionOp;

typedef struct
{
  RetentionOp  op;
  VitaStore   *store;
  char        *today;
  char        *key;
  char        *value;       /* setting value, or the household's date */
  char        *k_text;      /* OP_LOAD */
  char        *season;      /* OP_LOAD */
  gint64       min_days;    /* OP_LOAD */
  gboolean     minimum;     /* OP_LOAD: minimum-data mode */
  guint        contact_days; /* OP_LOAD */
  gint64       household_id;
  gint64       n_due;
  gint64       past[VITA_RETURN_STATUS_LAST + 1];
  guint        n_purged;
} RetentionTask;

static void
retention_task_free (RetentionTask *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->today, g_free);
  g_clear_pointer (&data->key, g_free);
  g_clear_pointer (&data->value, g_free);
  g_clear_pointer (&data->k_text, g_free);
  g_clear_pointer (&data->season, g_free);
  g_free (data);
}

static void run_task (VitaRetentionPage *self,
                      RetentionTask     *data);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */



/* Local date: a household is due on its date where the site is. */
static char *
dup_today (void)
{
  g_autoptr(GDateTime) now = vita_clock_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

static char *
format_date (const char *iso)
{
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%d-%d-%d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y))
    return g_strdup (iso ? iso : "");

  /* The month's name from the app's catalog, not the system's locale. */
  {
    g_autoptr(GDate) date = g_date_new_dmy (d, m, y);

    return vita_i18n_format_date (date);
  }
}

static int
current_tax_year (VitaRetentionPage *self)
{
  g_autoptr(GDateTime) now = NULL;

  /* The tax year new households start with, as
   * vita_store_get_default_tax_year() decides it. */
  if (self->season_year > 0)
    return self->season_year;
  now = vita_clock_now_local ();
  return g_date_time_get_year (now) - 1;
}

static gint64
typed_household (VitaRetentionPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->household_row))));
  const char *digits = text;
  gint64 id = 0;

  while (*digits != '\0' && !g_ascii_isdigit (*digits))
    digits++;
  if (!g_ascii_string_to_signed (digits, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return id;
}

static const char *
policy_explanation (guint index)
{
  switch (index)
    {
    case 0:
      return _("Identity is destroyed once the filing season is over, on 30 April after the tax "
               "year. Recommended: nothing that identifies a member is kept longer than the season "
               "needs.");
    case 1:
      return _("Identity is kept through the extension deadline and destroyed on 31 October after "
               "the tax year. For sites that prepare extended returns.");
    case 2:
      return _("Identity is kept until 31 December of the year after the tax year, for sites that "
               "help members with IRS letters and amended returns after the season.");
    case 3:
      return _("Identity is kept until 31 December, three years after the tax year: about as long "
               "as the IRS can usually question a return. This keeps the most, for the longest; "
               "choose it only if your site must.");
    default:
      return "";
    }
}

static char *
dup_year_line (const char *policy,
               int         tax_year,
               const char *today)
{
  g_autofree char *iso = vita_retention_purge_date (policy, tax_year);
  g_autofree char *date = format_date (iso);

  if (g_strcmp0 (iso, today) <= 0)
    return g_strdup_printf (_("Returns for tax year %d: identity destroyed on %s (already passed)."),
                            tax_year, date);
  return g_strdup_printf (_("Returns for tax year %d: identity destroyed on %s."), tax_year, date);
}

static void
update_explanation (VitaRetentionPage *self)
{
  guint index = adw_combo_row_get_selected (self->retention_row);
  int year = current_tax_year (self);
  g_autofree char *today = dup_today ();
  g_autofree char *this_year = NULL;
  g_autofree char *next_year = NULL;
  g_autofree char *text = NULL;

  /* Also called while the template is still being built. */
  if (self->retention_label == NULL || index >= G_N_ELEMENTS (policies))
    return;
  this_year = dup_year_line (policies[index], year, today);
  next_year = dup_year_line (policies[index], year + 1, today);
  text = g_strdup_printf ("%s\n\n%s\n%s\n\n%s", policy_explanation (index), this_year, next_year,
                          _("A household’s date is never less than the minimum below after its "
                            "last change, and it is purged only once its return is filed or "
                            "closed. A change here applies to households saved from now on. Change "
                            "one household’s date below."));
  gtk_label_set_text (self->retention_label, text);
}

/* How many households past their date are kept because their return is
 * not finished. */
static guint
n_held (const gint64 *past)
{
  gint64 held = 0;

  for (int i = 0; i <= VITA_RETURN_STATUS_LAST; i++)
    if (!vita_retention_status_is_final (i))
      held += past[i];
  return (guint)CLAMP (held, 0, G_MAXUINT);
}

static void
update_due (VitaRetentionPage *self)
{
  guint n_due = (guint)CLAMP (self->n_due, 0, G_MAXUINT);
  guint held = n_held (self->past);
  g_autofree char *text = NULL;
  g_autofree char *held_text = NULL;

  if (self->store == NULL)
    text = g_strdup ("");
  else if (self->n_due == 0)
    text = g_strdup (_("None. Nothing needs purging today."));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u household is past its date and "
                                         "still holds identity.",
                                         "%u households are past their date and "
                                         "still hold identity.",
                                         n_due),
                            n_due);
  if (self->store != NULL && held > 0)
    {
      held_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "%u more is past its date, but its return is not "
                                                "filed or closed: it is kept until it is, or until "
                                                "you purge that household below.",
                                                "%u more are past their date, but their returns are "
                                                "not filed or closed: they are kept until they are, "
                                                "or until you purge each household below.",
                                                held),
                                   held);
      g_free (text);
      text = g_strdup_printf ("%s\n%s", n_due == 0 ? _("None is due today.") : text, held_text);
    }
  adw_action_row_set_subtitle (self->due_row, text);
}

static void
update_actions (VitaRetentionPage *self)
{
  gboolean ready = self->store != NULL && !vita_store_job_get_running (self->job);
  gboolean have_id = typed_household (self) > 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.purge-due", ready && self->n_due > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.purge-household", ready && have_id);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "retention.erase-minimum-data",
                                 ready && self->minimum_switch != NULL
                                 && gtk_switch_get_active (self->minimum_switch));
  gtk_widget_set_sensitive (GTK_WIDGET (self->date_row), self->store != NULL && have_id);
}

static void
running_changed_cb (VitaRetentionPage *self)
{
  gboolean running = vita_store_job_get_running (self->job);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
set_n_due (VitaRetentionPage *self,
           gint64             n_due,
           const gint64      *past)
{
  if (past != NULL)
    memcpy (self->past, past, sizeof self->past);
  else
    memset (self->past, 0, sizeof self->past);
  if (self->n_due != n_due)
    {
      self->n_due = n_due;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_DUE]);
    }
  update_due (self);
  update_actions (self);
}

static RetentionTask *
retention_task_new (VitaRetentionPage *self,
                    RetentionOp        op)
{
  RetentionTask *data = g_new0 (RetentionTask, 1);

  data->op = op;
  data->store = g_object_ref (self->store);
  data->today = dup_today ();
  return data;
}

static void
recount (VitaRetentionPage *self)
{
  if (self->store != NULL)
    run_task (self, retention_task_new (self, OP_COUNT));
}

static void
look_up (VitaRetentionPage *self,
         gint64             household_id)
{
  RetentionTask *data;

  if (self->store == NULL || household_id <= 0)
    return;
  data = retention_task_new (self, OP_LOOKUP);
  data->household_id = household_id;
  run_task (self, data);
}

/* Once per window: the reminder is for someone who has not looked yet. */
static void
remind (VitaRetentionPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->reminded || self->n_due <= 0 || self->notifier == NULL)
    return;
  self->reminded = TRUE;
  if (!vita_notifier_remind_purge (self->notifier, (guint)MIN (self->n_due, G_MAXUINT), &error))
    {
      g_debug ("Purge reminder shown in the window: %s", error->message);
      vita_gui_coordinator_toast (GTK_WIDGET (self), vita_notifier_get_last_text (self->notifier));
    }
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
  RetentionTask *data = task_data;

  switch (data->op)
    {
    case OP_LOAD:
      data->value = vita_store_dup_setting (data->store, VITA_SETTING_RETENTION, NULL);
      data->k_text = vita_store_dup_setting (data->store, VITA_SETTING_K_ANONYMITY, NULL);
      data->season = vita_store_dup_setting (data->store, VITA_SETTING_SEASON_TAX_YEAR, NULL);
      vita_store_get_setting_number (data->store, VITA_SETTING_RETENTION_MIN_DAYS, &data->min_days, NULL);
      data->minimum = vita_store_get_minimum_data (data->store);
      data->contact_days = vita_store_get_minimum_data_contact_days (data->store);
      G_GNUC_FALLTHROUGH;
    case OP_COUNT:
      if (!vita_store_count_past_date (data->store, data->today, data->past, error))
        return FALSE;
      data->n_due = 0;
      for (int i = 0; i <= VITA_RETURN_STATUS_LAST; i++)
        if (vita_retention_status_is_final (i))
          data->n_due += data->past[i];
      return TRUE;
    case OP_SET_SETTING:
      return vita_store_set_setting (data->store, data->key, data->value, error);
    case OP_PURGE_DUE:
      return vita_store_purge_due (data->store, data->today, &data->n_purged, error);
    case OP_ERASE_MINIMUM:
      return vita_store_purge_minimum_data (data->store, data->today, &data->n_purged, error);
    case OP_LOOKUP:
      data->value = vita_store_dup_purge_date (data->store, data->household_id, error);
      return data->value != NULL;
    case OP_SET_DATE:
      return vita_store_set_household_retention (data->store, data->household_id, data->value, error);
    case OP_PURGE_ONE:
      return vita_store_purge_household (data->store, data->household_id, error);
    default:
      g_assert_not_reached ();
    }
}

/* For the write nobody waits for (write_pending_k); the rest go through
 * the page's store job. */
static void
retention_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  RetentionTask *data = task_data;
  g_autoptr(GError) error = NULL;

  if (run_op (data->store, data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
show_loaded (VitaRetentionPage *self,
             RetentionTask     *data)
{
  guint k = 0;
  guint index = 0;

  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    if (g_strcmp0 (data->value, policies[i]) == 0)
      index = i;

  self->loading = TRUE;
  adw_combo_row_set_selected (self->retention_row, index);
  if (data->k_text != NULL && vita_export_parse_k (data->k_text, &k, NULL))
    gtk_spin_button_set_value (self->k_spin, k);
  gtk_editable_set_text (GTK_EDITABLE (self->season_row), data->season ? data->season : "");
  self->season_year = data->season != NULL ? atoi (data->season) : 0;
  gtk_spin_button_set_value (self->min_days_spin, data->min_days);
  gtk_switch_set_active (self->minimum_switch, data->minimum);
  gtk_spin_button_set_value (self->contact_days_spin, data->contact_days);
  self->loading = FALSE;
  update_explanation (self);
  set_n_due (self, data->n_due, data->past);
  remind (self);
}

static void
show_date (VitaRetentionPage *self,
           RetentionTask     *data)
{
  g_autofree char *date = format_date (data->value);
  g_autofree char *text = NULL;

  self->shown_household = data->household_id;
  if (g_strcmp0 (data->value, data->today) <= 0)
    /* Translators: %s is a date in the past. */
    text = g_strdup_printf (_("%s — passed: its identity goes with the due households once its "
                              "return is filed or closed"), date);
  else
    text = g_steal_pointer (&date);
  adw_action_row_set_subtitle (self->current_row, text);
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), data->value);
}

static void
report_done (VitaRetentionPage *self,
             RetentionTask     *data)
{
  g_autofree char *message = NULL;
  g_autofree char *date = NULL;
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, data->household_id);

  switch (data->op)
    {
    case OP_SET_SETTING:
      if (g_strcmp0 (data->key, VITA_SETTING_RETENTION) == 0 || g_strcmp0 (data->key, VITA_SETTING_RETENTION_MIN_DAYS) == 0)
        message = g_strdup (_("Saved. Households saved from now on get the new date."));
      else if (g_strcmp0 (data->key, VITA_MINIMUM_DATA_KEY) == 0)
        message = g_strdup (g_str_equal (data->value, "on")
                            ? _("Minimum-data mode is on. The privacy notice says so from now on.")
                            : _("Minimum-data mode is off. The privacy notice says so from now on."));
      else if (g_strcmp0 (data->key, VITA_SETTING_SEASON_TAX_YEAR) == 0)
        {
          self->season_year = atoi (data->value);
          update_explanation (self);
          message = g_strdup (_("Saved. New households start with this tax year."));
        }
      break;
    case OP_PURGE_DUE:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%u household purged. Its statistics remain. Make a "
                                              "new backup now.",
                                              "%u households purged. Their statistics remain. Make "
                                              "a new backup now.",
                                              data->n_purged),
                                 data->n_purged);
      break;
    case OP_ERASE_MINIMUM:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "Data erased from %u household. Make a new backup now.",
                                              "Data erased from %u households. Make a new backup now.",
                                              data->n_purged),
                                 data->n_purged);
      break;
    case OP_SET_DATE:
      date = format_date (data->value);
      message = g_strdup_printf (_("Household %s: identity is now kept until %s."), number, date);
      break;
    case OP_PURGE_ONE:
      message = g_strdup_printf (_("Household %s purged. Its statistics remain. Make a new backup now."),
                                 number);
      break;
    default:
      break;
    }
  if (message != NULL)
    vita_gui_coordinator_toast (GTK_WIDGET (self), message);
}

static void
retention_task_done (GtkWidget    *owner,
                     gpointer      task_data,
                     const GError *error)
{
  VitaRetentionPage *self = VITA_RETENTION_PAGE (owner);
  RetentionTask *data = task_data;
  gboolean ok = error == NULL;

  update_actions (self);
  if (!ok)
    {
      vita_gui_coordinator_report_error (GTK_WIDGET (self), error);
      if (data->op == OP_LOOKUP)
        adw_action_row_set_subtitle (self->current_row, error->message);
      return;
    }

  if (data->op == OP_LOAD)
    show_loaded (self, data);
  else if (data->op == OP_COUNT)
    set_n_due (self, data->n_due, data->past);
  else if (data->op == OP_LOOKUP)
    show_date (self, data);
  else
    report_done (self, data);

  if (data->op == OP_PURGE_DUE || data->op == OP_SET_DATE || data->op == OP_PURGE_ONE)
    recount (self);
  if (data->op == OP_SET_DATE || data->op == OP_PURGE_ONE)
    look_up (self, data->household_id);
}

static void
run_task (VitaRetentionPage *self,
          RetentionTask     *data)
{
  g_assert (VITA_IS_RETENTION_PAGE (self));

  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, run_op,
                      data, (GDestroyNotify)retention_task_free, retention_task_done);
}

static void
save_setting (VitaRetentionPage *self,
              const char        *key,
              const char        *value)
{
  RetentionTask *data = retention_task_new (self, OP_SET_SETTING);

  data->key = g_strdup (key);
  data->value = g_strdup (value);
  run_task (self, data);
}

/* ------------------------------------------------------------------ */
/* Confirmations                                                       */
/* ------------------------------------------------------------------ */

static GtkWidget *
confirm_purge_dialog (VitaRetentionPage *self,
                      const char        *heading,
                      const char        *counts)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;
  const char *body = _("Names, addresses, identification numbers and every other "
                       "identifying answer are destroyed for good. This cannot be "
                       "undone, not even from a backup. Answers that identify no one "
                       "stay, so the site’s statistics still count these households. "
                       "Make a new backup afterwards.");
  g_autofree char *text = counts ? g_strdup_printf ("%s\n\n%s", counts, body) : g_strdup (body);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, text);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "purge", _("_Purge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "purge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

static void
purge_due_response_cb (VitaRetentionPage *self,
                       const char        *response)
{
  if (g_strcmp0 (response, "purge") == 0 && self->store != NULL)
    run_task (self, retention_task_new (self, OP_PURGE_DUE));
}

static void
purge_due_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  VitaRetentionPage *self = VITA_RETENTION_PAGE (widget);
  guint n_due = (guint)CLAMP (self->n_due, 0, G_MAXUINT);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  g_autoptr(GString) counts = g_string_new (_("Identity destroyed, by return status:"));

  /* Which households go, by status, so nobody purges a return still being
   * worked on by mistake (only finished ones are due). */
  for (int i = 0; i <= VITA_RETURN_STATUS_LAST; i++)
    if (vita_retention_status_is_final (i) && self->past[i] > 0)
      {
        g_autofree char *number = g_strdup_printf ("%" PRId64, self->past[i]);

        g_string_append_c (counts, '\n');
        /* Translators: a return status and a count, for example "Filed: 3". */
        g_string_append_printf (counts, _("%s: %s"), vita_return_status_get_label (i), number);
      }
  if (n_held (self->past) > 0)
    {
      guint held = n_held (self->past);

      g_string_append_c (counts, '\n');
      g_string_append_printf (counts, g_dngettext (GETTEXT_PACKAGE,
                                                   "Not purged: %u household past its date whose "
                                                   "return is not filed or closed.",
                                                   "Not purged: %u households past their date whose "
                                                   "returns are not filed or closed.",
                                                   held),
                              held);
    }
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Purge %u household?",
                                          "Purge %u households?",
                                          n_due),
                             n_due);
  dialog = confirm_purge_dialog (self, heading, counts->str);
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_due_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
purge_one_response_cb (VitaRetentionPage *self,
                       const char        *response,
                       AdwMessageDialog  *dialog)
{
  RetentionTask *data;

  if (g_strcmp0 (response, "purge") != 0 || self->store == NULL)
    return;
  data = retention_task_new (self, OP_PURGE_ONE);
  data->household_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "household-id"));
  run_task (self, data);
}

static void
purge_household_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *param)
{
  VitaRetentionPage *self = VITA_RETENTION_PAGE (widget);
  gint64 id = typed_household (self);
  g_autofree char *number = NULL;
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (id <= 0 || (guint64)id > G_MAXSIZE)
    return;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  heading = g_strdup_printf (_("Purge household %s now?"), number);
  dialog = confirm_purge_dialog (self, heading,
                                 _("Its return may still be in progress: purge it only when the "
                                   "member asked, or will not come back."));
  g_object_set_data (G_OBJECT (dialog), "household-id", GSIZE_TO_POINTER ((gsize)id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_one_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */
/* ------------------------------------------------------------------ */

static void
retention_selected_cb (VitaRetentionPage *self)
{
  guint index = adw_combo_row_get_selected (self->retention_row);

  update_explanation (self);
  if (self->loading || self->store == NULL || index >= G_N_ELEMENTS (policies))
    return;
  save_setting (self, VITA_SETTING_RETENTION, policies[index]);
}

static gboolean
save_k_cb (gpointer user_data)
{
  VitaRetentionPage *self = user_data;
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->k_spin));

  self->k_save_source = 0;
  if (self->store != NULL)
    save_setting (self, VITA_SETTING_K_ANONYMITY, value);
  return G_SOURCE_REMOVE;
}

static void
k_changed_cb (VitaRetentionPage *self)
{
  if (self->loading || self->store == NULL)
    return;
  /* Clicking through the values writes (and audits) only the last one. */
  g_clear_handle_id (&self->k_save_source, g_source_remove);
  self->k_save_source = g_timeout_add (600, save_k_cb, self);
}

static void
season_apply_cb (VitaRetentionPage *self)
{
  g_autofree char *text = NULL;

  if (self->loading || self->store == NULL)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->season_row))));
  save_setting (self, VITA_SETTING_SEASON_TAX_YEAR, text);
}

static gboolean
save_min_days_cb (gpointer user_data)
{
  VitaRetentionPage *self = user_data;
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->min_days_spin));

  self->min_days_save_source = 0;
  if (self->store != NULL)
    save_setting (self, VITA_SETTING_RETENTION_MIN_DAYS, value);
  return G_SOURCE_REMOVE;
}

static void
min_days_changed_cb (VitaRetentionPage *self)
{
  if (self->loading || self->store == NULL)
    return;
  g_clear_handle_id (&self->min_days_save_source, g_source_remove);
  g_clear_handle_id (&self->contact_days_save_source, g_source_remove);
  self->min_days_save_source = g_timeout_add (600, save_min_days_cb, self);
}

/* minimum-data mode */
static void
minimum_toggled_cb (VitaRetentionPage *self)
{
  update_actions (self);
  if (self->loading || self->store == NULL)
    return;
  save_setting (self, VITA_MINIMUM_DATA_KEY, gtk_switch_get_active (self->minimum_switch) ? "on" : "off");
}

static gboolean
save_contact_days_cb (gpointer user_data)
{
  VitaRetentionPage *self = user_data;
  g_autofree char *value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->contact_days_spin));

  self->contact_days_save_source = 0;
  if (self->store != NULL)
    save_setting (self, VITA_MINIMUM_DATA_CONTACT_DAYS_KEY, value);
  return G_SOURCE_REMOVE;
}

static void
contact_days_changed_cb (VitaRetentionPage *self)
{
  if (self->loading || self->store == NULL)
    return;
  g_clear_handle_id (&self->contact_days_save_source, g_source_remove);
  self->contact_days_save_source = g_timeout_add (600, save_contact_days_cb, self);
}

static void
erase_minimum_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  VitaRetentionPage *self = VITA_RETENTION_PAGE (widget);

  if (self->store != NULL)
    run_task (self, retention_task_new (self, OP_ERASE_MINIMUM));
}
/* end minimum-data */

static void
household_apply_cb (VitaRetentionPage *self)
{
  look_up (self, typed_household (self));
}

static void
household_changed_cb (VitaRetentionPage *self)
{
  /* The date shown belongs to the number that was looked up, not to
   * whatever is being typed now. */
  if (typed_household (self) != self->shown_household)
    {
      self->shown_household = 0;
      adw_action_row_set_subtitle (self->current_row, _("Press Enter to look up this household"));
    }
  update_actions (self);
}

static void
date_apply_cb (VitaRetentionPage *self)
{
  gint64 id = typed_household (self);
  RetentionTask *data;

  if (self->store == NULL || id <= 0)
    return;
  data = retention_task_new (self, OP_SET_DATE);
  data->household_id = id;
  data->value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  run_task (self, data);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
write_pending_k (VitaRetentionPage *self)
{
  g_autoptr(GTask) task = NULL;
  RetentionTask *data;

  if (self->k_save_source == 0 || self->store == NULL)
    return;
  g_clear_handle_id (&self->k_save_source, g_source_remove);

  /* Closing right after the last click still writes it; nobody waits
   * for the result, so the task has no source object. */
  data = retention_task_new (self, OP_SET_SETTING);
  data->key = g_strdup (VITA_SETTING_K_ANONYMITY);
  data->value = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->k_spin));
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, write_pending_k);
  g_task_set_task_data (task, data, (GDestroyNotify)retention_task_free);
  g_task_run_in_thread (task, retention_worker);
}

static void
vita_retention_page_dispose (GObject *object)
{
  VitaRetentionPage *self = (VitaRetentionPage *)object;

  write_pending_k (self);
  g_clear_handle_id (&self->min_days_save_source, g_source_remove);
  g_clear_handle_id (&self->contact_days_save_source, g_source_remove);
  vita_store_job_cancel (self->job);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_RETENTION_PAGE);
  g_clear_object (&self->job);
  g_clear_object (&self->store);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (vita_retention_page_parent_class)->dispose (object);
}

static void
vita_retention_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VitaRetentionPage *self = VITA_RETENTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, vita_store_job_get_running (self->job));
      break;
    case PROP_N_DUE:
      g_value_set_int64 (value, self->n_due);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_retention_page_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VitaRetentionPage *self = VITA_RETENTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vita_retention_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_retention_page_class_init (VitaRetentionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_retention_page_dispose;
  object_class->get_property = vita_retention_page_get_property;
  object_class->set_property = vita_retention_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_DUE] =
    g_param_spec_int64 ("n-due", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "retention.purge-due", NULL, purge_due_action);
  gtk_widget_class_install_action (widget_class, "retention.erase-minimum-data", NULL, erase_minimum_action);
  gtk_widget_class_install_action (widget_class, "retention.purge-household", NULL,
                                   purge_household_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-retention-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, retention_row);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, retention_label);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, due_row);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, season_row);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, min_days_spin);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, household_row);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, current_row);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, date_row);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, k_spin);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, minimum_switch);
  gtk_widget_class_bind_template_child (widget_class, VitaRetentionPage, contact_days_spin);
  gtk_widget_class_bind_template_callback (widget_class, minimum_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, contact_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, retention_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, k_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, season_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, min_days_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, household_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, household_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, date_apply_cb);
}

static void
vita_retention_page_init (VitaRetentionPage *self)
{
  /* First: template callbacks already ask whether a job is running. */
  self->job = vita_store_job_new (GTK_WIDGET (self), "coordinator.refuse");
  g_signal_connect_object (self->job, "notify::running", G_CALLBACK (running_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_spin_button_set_range (self->k_spin, VITA_EXPORT_MIN_K, VITA_EXPORT_MAX_K);
  self->loading = FALSE;

  update_explanation (self);
  update_actions (self);
}

/**
 * vita_retention_page_set_store:
 * @store: (nullable): the unlocked store, or %NULL to drop it
 */
void
vita_retention_page_set_store (VitaRetentionPage *self,
                               VitaStore         *store)
{
  g_return_if_fail (VITA_IS_RETENTION_PAGE (self));
  g_return_if_fail (store == NULL || VITA_IS_STORE (store));

  if (self->store == store)
    return;

  write_pending_k (self);
  g_clear_handle_id (&self->min_days_save_source, g_source_remove);
  g_clear_handle_id (&self->contact_days_save_source, g_source_remove);
  vita_store_job_set_store (self->job, store);
  g_set_object (&self->store, store);
  self->shown_household = 0;
  set_n_due (self, 0, NULL);
  if (store != NULL)
    run_task (self, retention_task_new (self, OP_LOAD));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * vita_retention_page_set_notifier:
 * @notifier: (nullable): where the purge reminder goes
 *
 * Set before the store, so the reminder can be given when the count is
 * first read.
 */
void
vita_retention_page_set_notifier (VitaRetentionPage *self,
                                  VitaNotifier      *notifier)
{
  g_return_if_fail (VITA_IS_RETENTION_PAGE (self));
  g_return_if_fail (notifier == NULL || VITA_IS_NOTIFIER (notifier));

  g_set_object (&self->notifier, notifier);
}

gboolean
vita_retention_page_get_busy (VitaRetentionPage *self)
{
  g_return_val_if_fail (VITA_IS_RETENTION_PAGE (self), FALSE);
  return vita_store_job_get_running (self->job);
}

/**
 * vita_retention_page_get_n_due:
 *
 * Returns: how many households were past their date at the last count
 */
gint64
vita_retention_page_get_n_due (VitaRetentionPage *self)
{
  g_return_val_if_fail (VITA_IS_RETENTION_PAGE (self), 0);
  return self->n_due;
}
