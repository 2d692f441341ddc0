/* vita-notice-dialog.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vita-clock.h"
#include "vita-gui-util.h"
#include "vita-i18n.h"
#include "vita-notice.h"
#include "vita-notice-dialog.h"
#include "vita-notice-review.h"
#include "vita-privacy-window.h"
#include "vita-member-check.h"
#include "vita-site-info.h"
#include "vita-store-households.h"

/* Gives a member the privacy notice, on paper or as a PDF, in their
 * language.  Before anything is printed the notice is checked for that
 * language: a paragraph without a current translation is printed in English
 * (and the volunteer is told), while text that makes an absolute promise
 * blocks printing, because a member must never be handed "your data will
 * never be shared".  Each copy given is recorded in the store with its
 * version and languages, never with anything about what the member said. */

struct _VitaNoticeDialog
{
  VitaMemberWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  AdwComboRow      *language_row;
  AdwActionRow     *bilingual_row;
  GtkSwitch        *bilingual_switch;
  GtkImage         *status_icon;
  GtkLabel         *status_label;
  GtkExpander      *problems_expander;
  GtkLabel         *problems_label;
  GtkWidget        *age_box;
  GtkLabel         *age_label;
  GtkWidget        *site_box;
  GtkLabel         *site_label;
  AdwActionRow     *version_row;
  AdwActionRow     *retention_row;
  AdwActionRow     *given_row;

  /* Owned references */
  VitaHousehold    *household;   /* to open the screen window for it */
  VitaNotice       *notice;
  VitaSiteInfo     *site_info;
  VitaNoticeReview *review;      /* the notice's age against the site's limit */
  GHashTable       *checks;      /* language code -> VitaLangCheck */
  GtkNativeDialog  *chooser;

  guint             busy;        /* saves and prints under way */
};

G_DEFINE_FINAL_TYPE (VitaNoticeDialog, vita_notice_dialog, VITA_TYPE_MEMBER_WINDOW)

#define MEMBER(self) VITA_MEMBER_WINDOW (self)

/* "household" is VitaMemberWindow's, overridden to keep the household. */
enum {
  PROP_0,
  PROP_HOUSEHOLD,
};

typedef struct
{
  VitaStore    *store;
  gint64        household_id;
  int           tax_year;
  VitaNotice   *notice;
  VitaSiteInfo *site_info;
  VitaNoticeReview *review;
  GHashTable   *checks;
  GPtrArray    *given;
} LoadData;

/* What one copy needs, copied so the worker never reads the dialog. */
typedef struct
{
  VitaStore      *store;
  VitaNotice     *notice;
  gint64          household_id;
  char           *language;
  char           *second_language;
  char           *medium;
  char           *site_name;
  char           *site_contact;
  char           *legal_referral;
  char           *retention;
  gboolean        retention_pending;
  char           *approved_date;
  char           *pdf_path;
  GPtrArray      *given;
  gboolean        recorded;
} GiveData;

/* The language the member chose, a static string. */
static const char *
member_language (VitaNoticeDialog *self)
{
  return vita_member_window_get_language (MEMBER (self));
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->notice);
  g_clear_pointer (&data->site_info, vita_site_info_free);
  g_clear_pointer (&data->review, vita_notice_review_free);
  g_clear_pointer (&data->checks, g_hash_table_unref);
  g_clear_pointer (&data->given, g_ptr_array_unref);
  g_free (data);
}

static void
give_data_free (GiveData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->notice);
  g_free (data->language);
  g_free (data->second_language);
  g_free (data->medium);
  g_free (data->site_name);
  g_free (data->approved_date);
  g_free (data->site_contact);
  g_free (data->legal_referral);
  g_free (data->retention);
  g_free (data->pdf_path);
  g_clear_pointer (&data->given, g_ptr_array_unref);
  g_free (data);
}

static void
toast (VitaNoticeDialog *self,
       const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static const char *
second_language (VitaNoticeDialog *self)
{
  if (g_str_equal (member_language (self), "en") || !gtk_switch_get_active (self->bilingual_switch))
    return NULL;
  return "en";
}

/* ------------------------------------------------------------------ */
/* Checking the notice, in a worker                                    */
/* ------------------------------------------------------------------ */

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;

  data->notice = vita_notice_load (NULL, &error);
  if (data->notice != NULL)
    data->site_info = vita_site_info_load (data->store, data->household_id, data->tax_year, &error);
  if (data->site_info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->checks = vita_member_check_notice_languages (data->notice, data->site_info);
  /* The age uses the core's clock, so a test can inject "today". */
  data->review = vita_notice_review_compute (data->notice, data->site_info->notice_approved,
                                             data->site_info->notice_review_days);

  /* What this household already received helps the volunteer avoid
   * handing over a second copy, but is not needed to give one. */
  if (data->household_id != 0)
    data->given = vita_store_list_notices (data->store, data->household_id, NULL);

  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------ */
/* Showing the state                                                   */
/* ------------------------------------------------------------------ */

static const char *
medium_label (const char *medium)
{
  if (g_str_equal (medium, "print"))
    return _("printed");
  if (g_str_equal (medium, "pdf"))
    return _("saved as PDF");
  if (g_str_equal (medium, "screen"))
    return _("shown on screen");
  return medium;
}

/* One line of vita_store_list_notices(), "2026.1 ko+en print <UTC time>",
 * for the volunteer. */
static char *
format_given (const char *entry)
{
  g_auto(GStrv) fields = g_strsplit (entry, " ", 4);
  g_auto(GStrv) codes = NULL;
  g_autoptr(GString) languages = g_string_new (NULL);
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (g_strv_length (fields) != 4)
    return g_strdup (entry);

  codes = g_strsplit (fields[1], "+", -1);
  for (guint i = 0; codes[i] != NULL; i++)
    g_string_append_printf (languages, "%s%s", i > 0 ? " + " : "", vita_i18n_language_name (codes[i]));
  utc = g_date_time_new_from_iso8601 (fields[3], NULL);
  local = utc ? g_date_time_to_local (utc) : NULL;
  when = local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (fields[3]);

  /* Translators: a notice version, its languages, how it was given
   * ("printed"), and when. */
  return g_strdup_printf (_("Version %s, %s, %s, %s"), fields[0], languages->str,
                          medium_label (fields[2]), when);
}

static void
show_given (VitaNoticeDialog *self,
            GPtrArray        *given)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; given != NULL && i < given->len; i++)
    {
      g_autofree char *line = format_given (g_ptr_array_index (given, i));

      g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", line);
    }

  if (vita_member_window_get_household_id (MEMBER (self)) == 0)
    g_string_assign (text, _("Not recorded: the household has not been saved yet"));
  else if (text->len == 0)
    g_string_assign (text, _("No notice yet"));

  adw_action_row_set_subtitle (self->given_row, text->str);
}

static void
show_status (VitaNoticeDialog *self,
             const char       *icon_name,
             const char       *style,
             const char       *message,
             GPtrArray        *details)
{
  g_autoptr(GString) text = g_string_new (NULL);

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), "error");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), style);
  gtk_label_set_text (self->status_label, message);

  for (guint i = 0; details != NULL && i < details->len; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", (char *) g_ptr_array_index (details, i));
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_expander), text->len > 0);
}

/* Returns: why the notice may not be given as chosen, or %NULL. */
static char *
dup_block_reason (VitaNoticeDialog  *self,
                  GPtrArray        **details)
{
  const char *second = second_language (self);
  VitaLangCheck *check = g_hash_table_lookup (self->checks, member_language (self));
  VitaLangCheck *english = second ? g_hash_table_lookup (self->checks, second) : NULL;
  g_autoptr(GPtrArray) promises = g_ptr_array_new ();

  *details = NULL;
  if (!check->available || (english != NULL && !english->available))
    return g_strdup (check->available ? english->error : check->error);

  g_ptr_array_extend (promises, check->promises, NULL, NULL);
  if (english != NULL)
    g_ptr_array_extend (promises, english->promises, NULL, NULL);
  if (promises->len == 0)
    return NULL;

  *details = g_steal_pointer (&promises);
  return g_strdup (_("Printing is blocked: the notice would make a promise nobody can keep, such "
                     "as “your information will never be shared”. Ask the site coordinator to "
                     "correct the wording named under Details."));
}

static void
update_actions (VitaNoticeDialog *self)
{
  g_autoptr(GPtrArray) details = NULL;
  g_autofree char *blocked = NULL;
  VitaLangCheck *check = NULL;

  if (self->checks != NULL)
    {
      blocked = dup_block_reason (self, &details);
      check = g_hash_table_lookup (self->checks, member_language (self));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.print",
                                 check != NULL && blocked == NULL && self->busy == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.save-pdf",
                                 check != NULL && blocked == NULL && self->busy == 0);
  /* The screen shows one language only, so only that one has to pass. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "notice.show-on-screen",
                                 check != NULL && check->available && check->promises->len == 0);
}

static void
update_status (VitaNoticeDialog *self)
{
  const char *second = second_language (self);
  const char *name = vita_i18n_language_name (member_language (self));
  g_autoptr(GPtrArray) details = NULL;
  g_autoptr(GPtrArray) stale = g_ptr_array_new ();
  g_autofree char *blocked = NULL;
  g_autofree char *message = NULL;
  VitaLangCheck *check;

  gtk_widget_set_sensitive (GTK_WIDGET (self->bilingual_row), !g_str_equal (member_language (self), "en"));
  update_actions (self);
  if (self->checks == NULL)
    return;

  blocked = dup_block_reason (self, &details);
  if (blocked != NULL)
    {
      show_status (self, "dialog-error-symbolic", "error", blocked, details);
      return;
    }

  check = g_hash_table_lookup (self->checks, member_language (self));
  g_ptr_array_extend (stale, check->translation, NULL, NULL);
  if (second != NULL)
    g_ptr_array_extend (stale, ((VitaLangCheck *) g_hash_table_lookup (self->checks, second))->translation, NULL, NULL);

  if (stale->len > 0)
    {
      /* Translators: %s is a language's own name, such as 한국어. */
      message = g_strdup_printf (_("Not every paragraph has an up-to-date %s translation. The current "
                                   "English is printed in place of those paragraphs; tell the member, "
                                   "or print the bilingual notice."), name);
      show_status (self, "dialog-warning-symbolic", "warning", message, stale);
    }
  else
    {
      /* Say what was checked, and what was not: the wording check looks
       * for promises, not for facts that have gone out of date. */
      /* Translators: %s is a language's own name, such as 한국어. */
      message = g_strdup_printf (_("The notice is fully translated into %s. The wording check found no "
                                   "absolute promise in it or in the site’s settings (words such as "
                                   "“never shared”, “your data is safe” or “ICE cannot get your "
                                   "data”). It checks wording only, not whether the facts are "
                                   "still current."), name);
      show_status (self, "emblem-ok-symbolic", "success", message, NULL);
    }
}

static void
show_retention (VitaNoticeDialog *self)
{
  g_autofree char *text = NULL;
  const char *date = self->site_info->purge_date;

  /* The store never gives a past date for a member (see
   * vita_store_dup_member_purge_date()); while the return is not finished
   * the date is only the earliest, and the volunteer should be able to
   * say so. */
  if (date != NULL && self->site_info->purge_pending)
    /* Translators: %s is a YYYY-MM-DD date. */
    text = g_strdup_printf (_("Kept until the return is filed or closed, and at least until %s"), date);
  else
    text = g_strdup (date ? date : "");
  adw_action_row_set_subtitle (self->retention_row, text);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  VitaNoticeDialog *self = VITA_NOTICE_DIALOG (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = NULL;
  g_autofree char *version = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (vita_gui_error_is_silent (error))
        return;
      show_status (self, "dialog-error-symbolic", "error", error->message, NULL);
      return;
    }

  self->notice = g_steal_pointer (&data->notice);
  self->site_info = g_steal_pointer (&data->site_info);
  self->review = g_steal_pointer (&data->review);
  self->checks = g_steal_pointer (&data->checks);

  /* Past the site's review limit the volunteer is warned before printing;
   * printing stays possible, a member should not leave with nothing. */
  {
    g_autofree char *warning = vita_notice_review_dup_warning (self->review);

    gtk_label_set_text (self->age_label, warning ? warning : "");
    gtk_widget_set_visible (self->age_box, warning != NULL);
  }

  missing = vita_site_info_dup_missing_message (self->site_info);
  gtk_label_set_text (self->site_label, missing ? missing : "");
  gtk_widget_set_visible (self->site_box, missing != NULL);

  if (self->review->approved != NULL)
    /* Translators: a notice version, the YYYY-MM-DD date its facts are
     * current to, and the YYYY-MM-DD date the site approved it. */
    version = g_strdup_printf (_("%s, information as of %s; approved by the site on %s"),
                               vita_notice_get_version (self->notice),
                               vita_notice_get_as_of (self->notice), self->review->approved);
  else
    /* Translators: a notice version, then the YYYY-MM-DD date its facts
     * are current to. */
    version = g_strdup_printf (_("%s, information as of %s; not yet approved by the site"),
                               vita_notice_get_version (self->notice),
                               vita_notice_get_as_of (self->notice));
  adw_action_row_set_subtitle (self->version_row, version);
  show_retention (self);
  show_given (self, data->given);

  update_status (self);
}

/* ------------------------------------------------------------------ */
/* Giving a copy: PDF and print, then the record                       */
/* ------------------------------------------------------------------ */

static GiveData *
give_data_new (VitaNoticeDialog *self,
               const char       *medium)
{
  GiveData *data = g_new0 (GiveData, 1);
  VitaNoticeSite site;

  data->store = g_object_ref (vita_member_window_get_store (MEMBER (self)));
  data->notice = g_object_ref (self->notice);
  data->household_id = vita_member_window_get_household_id (MEMBER (self));
  data->language = g_strdup (member_language (self));
  data->second_language = g_strdup (second_language (self));
  data->medium = g_strdup (medium);
  data->retention = vita_site_info_fill (self->site_info, self->notice, member_language (self),
                                         data->second_language != NULL, &site);
  data->site_name = g_strdup (site.site_name);
  data->site_contact = g_strdup (site.site_contact);
  data->legal_referral = g_strdup (site.legal_referral);
  data->retention_pending = site.retention_pending;
  data->approved_date = g_strdup (site.approved_date);

  return data;
}

static VitaNoticeSite
give_data_site (GiveData *data)
{
  return (VitaNoticeSite) {
    .site_name = data->site_name,
    .site_contact = data->site_contact,
    .legal_referral = data->legal_referral,
    .retention = data->retention,
    .retention_pending = data->retention_pending,
    .approved_date = data->approved_date,
  };
}

static gboolean
record_given (GiveData  *data,
              GError   **error)
{
  g_autoptr(GError) local_error = NULL;

  /* An unsaved household has no id to record against; the dialog says so
   * in its "already given" row. */
  if (data->household_id == 0)
    return TRUE;

  if (!vita_store_record_notice (data->store, data->household_id,
                                 vita_notice_get_version (data->notice), data->language,
                                 data->second_language, data->medium, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("The notice was given, but this could not be recorded: %s"),
                   local_error->message);
      return FALSE;
    }
  data->recorded = TRUE;
  data->given = vita_store_list_notices (data->store, data->household_id, NULL);

  return TRUE;
}

static void
save_pdf_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GiveData *data = task_data;
  g_autoptr(GError) error = NULL;
  VitaNoticeSite site = give_data_site (data);

  if (vita_notice_render_pdf (data->notice, data->language, data->second_language, &site,
                              data->pdf_path, &error)
      && record_given (data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
record_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  g_autoptr(GError) error = NULL;

  if (record_given (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

/* Runs for every give task, whoever asked for it, before the caller's own
 * callback: the buttons come back and the "already given" row is fresh. */
static void
give_completed_cb (GTask            *task,
                   GParamSpec       *pspec,
                   VitaNoticeDialog *self)
{
  GiveData *data = g_task_get_task_data (task);

  g_assert (self->busy > 0);
  self->busy--;
  if (data->recorded)
    show_given (self, data->given);
  update_actions (self);
}

static GTask *
give_task_new (VitaNoticeDialog    *self,
               GiveData            *data,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_task_data (task, data, (GDestroyNotify) give_data_free);
  g_signal_connect_object (task, "notify::completed", G_CALLBACK (give_completed_cb), self, 0);
  self->busy++;
  update_actions (self);

  return task;
}

static void
given_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  VitaNoticeDialog *self = VITA_NOTICE_DIALOG (object);
  GiveData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!vita_gui_error_is_silent (error))
        toast (self, error->message);
      return;
    }

  if (!data->recorded)
    toast (self, _("The notice was given. It was not recorded because the household is not saved yet."));
  else if (g_str_equal (data->medium, "pdf"))
    toast (self, _("The notice was saved as a PDF and recorded."));
  else
    toast (self, _("The notice was printed and recorded."));
}

/**
 * vita_notice_dialog_save_pdf_async:
 * @self: the dialog
 * @file: a local file to write the PDF to
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the PDF is written and recorded
 * @user_data: data for @callback
 *
 * What "Save as PDF…" does once a file is chosen: writes the notice in the
 * chosen language (and English beside it if asked) and records that this
 * household received that version as a PDF.  Fails while the notice is
 * still being checked or when the check blocks it.
 */
void
vita_notice_dialog_save_pdf_async (VitaNoticeDialog    *self,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GPtrArray) details = NULL;
  g_autofree char *blocked = NULL;
  GiveData *data;

  g_return_if_fail (VITA_IS_NOTICE_DIALOG (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->checks == NULL || (blocked = dup_block_reason (self, &details)) != NULL)
    {
      task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, vita_notice_dialog_save_pdf_async);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               blocked ? blocked : _("The notice is still being checked."));
      return;
    }

  data = give_data_new (self, "pdf");
  data->pdf_path = g_file_get_path (file);
  task = give_task_new (self, data, cancellable, callback, user_data);
  g_task_set_source_tag (task, vita_notice_dialog_save_pdf_async);
  if (data->pdf_path == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                               _("Choose a folder on this computer."));
      return;
    }
  g_task_run_in_thread (task, save_pdf_worker);
}

gboolean
vita_notice_dialog_save_pdf_finish (VitaNoticeDialog  *self,
                                    GAsyncResult      *result,
                                    GError           **error)
{
  g_return_val_if_fail (VITA_IS_NOTICE_DIALOG (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
chooser_response_cb (VitaNoticeDialog *self,
                     int               response,
                     GtkNativeDialog  *chooser)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->chooser);

  if (file != NULL)
    vita_notice_dialog_save_pdf_async (self, file, vita_member_window_get_cancellable (MEMBER (self)), given_cb, NULL);
}

static void
save_pdf_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  VitaNoticeDialog *self = VITA_NOTICE_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->chooser != NULL)
    return;

  self->chooser = GTK_NATIVE_DIALOG (gtk_file_chooser_native_new (_("Save Privacy Notice"),
                                                                  GTK_WINDOW (self),
                                                                  GTK_FILE_CHOOSER_ACTION_SAVE,
                                                                  _("_Save"), _("_Cancel")));
  gtk_native_dialog_set_modal (self->chooser, TRUE);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  /* The file name says which notice it is and nothing about the member: a
   * PDF left in a downloads folder must not name who it was for. */
  name = g_strdup_printf ("privacy-notice-%s-%s%s.pdf", vita_notice_get_version (self->notice),
                          member_language (self), second_language (self) ? "-en" : "");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (self->chooser);
}

typedef struct
{
  VitaNoticeDialog *self;
  VitaNoticeLayout *layout;
  GiveData         *data;  /* handed to the record task on success */
} PrintJob;

static void
print_job_free (PrintJob *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->layout, vita_notice_layout_unref);
  g_clear_pointer (&job->data, give_data_free);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                PrintJob          *job)
{
  guint n_pages;

  /* Paginated for this printer's printable area, so the same text can
   * break differently than in the PDF, never with different words. */
  n_pages = vita_notice_layout_paginate (job->layout, gtk_print_context_get_cairo_context (context),
                                         gtk_print_context_get_width (context),
                                         gtk_print_context_get_height (context),
                                         VITA_NOTICE_PRINT_MARGIN);
  gtk_print_operation_set_n_pages (operation, MAX (1, n_pages));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              PrintJob          *job)
{
  if (page_nr >= 0 && (guint) page_nr < vita_notice_layout_get_n_pages (job->layout))
    vita_notice_layout_draw_page (job->layout, gtk_print_context_get_cairo_context (context),
                                  page_nr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               PrintJob                *job)
{
  VitaNoticeDialog *self = job->self;
  g_autoptr(GError) error = NULL;

  self->busy--;
  update_actions (self);

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      toast (self, error ? error->message : _("The notice could not be printed."));
    }
  else if (result == GTK_PRINT_OPERATION_RESULT_APPLY)
    {
      g_autoptr(GTask) task = give_task_new (self, g_steal_pointer (&job->data),
                                             vita_member_window_get_cancellable (MEMBER (self)), given_cb, NULL);

      g_task_set_source_tag (task, print_done_cb);
      g_task_run_in_thread (task, record_worker);
    }
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  VitaNoticeDialog *self = VITA_NOTICE_DIALOG (widget);
  g_autoptr(GtkPrintOperation) operation = NULL;
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  g_autoptr(GError) error = NULL;
  GtkPaperSize *letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  PrintJob *job = g_new0 (PrintJob, 1);
  VitaNoticeSite site;

  job->self = g_object_ref (self);
  job->data = give_data_new (self, "print");
  site = give_data_site (job->data);
  job->layout = vita_notice_layout_new (self->notice, job->data->language,
                                        job->data->second_language, &site, &error);
  if (job->layout == NULL)
    {
      toast (self, error->message);
      print_job_free (job);
      gtk_paper_size_free (letter);
      return;
    }

  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size_and_default_margins (page_setup, letter);
  gtk_paper_size_free (letter);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  /* The job name shows in print queues: the notice's title, no name. */
  gtk_print_operation_set_job_name (operation, vita_notice_layout_get_title (job->layout));
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect_data (operation, "done", G_CALLBACK (print_done_cb), job,
                         (GClosureNotify) (void (*) (void)) print_job_free, 0);

  /* Every outcome, including an error, arrives through "done"; reading
   * the result here as well would report an error twice. */
  self->busy++;
  update_actions (self);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (self), NULL);
}

static void
show_on_screen_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  VitaNoticeDialog *self = VITA_NOTICE_DIALOG (widget);
  GtkWindow *screen = vita_privacy_window_new (GTK_WINDOW (self),
                                               vita_member_window_get_store (MEMBER (self)),
                                               self->household,
                                               member_language (self));

  gtk_window_present (screen);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */
/* ------------------------------------------------------------------ */

static void
language_changed_cb (VitaNoticeDialog *self)
{
  if (vita_member_window_language_chosen (MEMBER (self)))
    update_status (self);
}

static void
bilingual_changed_cb (VitaNoticeDialog *self)
{
  update_status (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vita_notice_dialog_constructed (GObject *object)
{
  VitaNoticeDialog *self = (VitaNoticeDialog *)object;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  G_OBJECT_CLASS (vita_notice_dialog_parent_class)->constructed (object);

  /* The household's own language first; the volunteer may change it. */
  vita_member_window_set_language (MEMBER (self), vita_household_get_language (self->household));
  update_status (self);

  /* The id and tax year were read in the main thread, when the household
   * was set: the worker never touches the household. */
  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (vita_member_window_get_store (MEMBER (self)));
  data->household_id = vita_member_window_get_household_id (MEMBER (self));
  data->tax_year = vita_member_window_get_tax_year (MEMBER (self));
  task = g_task_new (self, vita_member_window_get_cancellable (MEMBER (self)), load_cb, NULL);
  g_task_set_source_tag (task, vita_notice_dialog_constructed);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_worker);
}

static void
vita_notice_dialog_dispose (GObject *object)
{
  VitaNoticeDialog *self = (VitaNoticeDialog *)object;

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (self->chooser);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_NOTICE_DIALOG);

  G_OBJECT_CLASS (vita_notice_dialog_parent_class)->dispose (object);
}

static void
vita_notice_dialog_finalize (GObject *object)
{
  VitaNoticeDialog *self = (VitaNoticeDialog *)object;

  g_clear_object (&self->household);
  g_clear_object (&self->notice);
  g_clear_pointer (&self->site_info, vita_site_info_free);
  g_clear_pointer (&self->review, vita_notice_review_free);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (vita_notice_dialog_parent_class)->finalize (object);
}

static void
vita_notice_dialog_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VitaNoticeDialog *self = VITA_NOTICE_DIALOG (object);

  switch (prop_id)
    {
    case PROP_HOUSEHOLD:
      self->household = g_value_dup_object (value);
      vita_member_window_set_household (MEMBER (self), self->household);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_notice_dialog_class_init (VitaNoticeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vita_notice_dialog_constructed;
  object_class->dispose = vita_notice_dialog_dispose;
  object_class->finalize = vita_notice_dialog_finalize;
  object_class->set_property = vita_notice_dialog_set_property;

  g_object_class_override_property (object_class, PROP_HOUSEHOLD, "household");

  gtk_widget_class_set_template_from_resource (widget_class, "/org/vitasites/Intake/ui/vita-notice-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, language_row);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, bilingual_row);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, bilingual_switch);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, status_icon);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, problems_expander);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, problems_label);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, age_box);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, age_label);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, site_box);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, site_label);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, version_row);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, retention_row);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeDialog, given_row);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, bilingual_changed_cb);

  gtk_widget_class_install_action (widget_class, "notice.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "notice.save-pdf", NULL, save_pdf_action);
  gtk_widget_class_install_action (widget_class, "notice.show-on-screen", NULL, show_on_screen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vita_notice_dialog_init (VitaNoticeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vita_member_window_set_language_chooser (MEMBER (self), GTK_WIDGET (self->language_row));
}

/**
 * vita_notice_dialog_new:
 * @parent: (nullable): the window to keep it above
 * @store: an unlocked store
 * @household: the household the notice is for; only its id, tax year and
 *   language are read
 *
 * Returns: (transfer none): a new modal window; present it
 */
GtkWindow *
vita_notice_dialog_new (GtkWindow     *parent,
                        VitaStore     *store,
                        VitaHousehold *household)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);

  return g_object_new (VITA_TYPE_NOTICE_DIALOG,
                       "transient-for", parent,
                       "store", store,
                       "household", household,
                       NULL);
}

/* Returns: the member's language chosen in the dialog */
const char *
vita_notice_dialog_get_language (VitaNoticeDialog *self)
{
  g_return_val_if_fail (VITA_IS_NOTICE_DIALOG (self), NULL);

  return vita_member_window_get_language (MEMBER (self));
}

void
vita_notice_dialog_set_language (VitaNoticeDialog *self,
                                 const char       *language)
{
  g_return_if_fail (VITA_IS_NOTICE_DIALOG (self));

  vita_member_window_set_language (MEMBER (self), language);
}
