/* vita-notice-review-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The coordinator's Notice page: how old the member privacy notice is
 * against the site's review limit, the paragraphs marked `review` in the
 * notice file (what each must be checked against), and the approve step,
 * which the core records as a setting and an "approve-notice" audit entry.
 * Store calls run in VitaStoreJob workers; the page shows what the core
 * says. */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-notice.h"
#include "vita-notice-review.h"
#include "vita-notice-review-page.h"
#include "vita-store-job.h"

struct _VitaNoticeReviewPage
{
  AdwBin            parent_instance;

  /* Template widgets */
  GtkLabel         *status_label;
  GtkSpinButton    *days_spin;
  GtkListBox       *review_list;
  GtkButton        *approve_button;

  /* Owned references */
  VitaStoreJob     *job;
  VitaNotice       *notice;
  VitaNoticeReview *review;

  gboolean          loading;     /* filling the widgets: no writes */
};

G_DEFINE_FINAL_TYPE (VitaNoticeReviewPage, vita_notice_review_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  PROP_NEEDS_REVIEW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  VitaNotice       *notice;
  VitaNoticeReview *review;
  char             *days;     /* a new review limit to save, or NULL */
  gboolean          approve;  /* approve the notice first */
} JobData;

static void
job_data_free (JobData *data)
{
  g_clear_object (&data->notice);
  g_clear_pointer (&data->review, vita_notice_review_free);
  g_free (data->days);
  g_free (data);
}

/* Worker: the optional write, then the state as the core now sees it. */
static gboolean
job_func (VitaStore     *store,
          gpointer       user_data,
          GCancellable  *cancellable,
          GError       **error)
{
  JobData *data = user_data;

  if (data->notice == NULL && (data->notice = vita_notice_load (NULL, error)) == NULL)
    return FALSE;
  if (data->days != NULL && !vita_store_set_setting (store, VITA_NOTICE_REVIEW_DAYS_KEY, data->days, error))
    return FALSE;
  if (data->approve && !vita_notice_review_approve (store, data->notice, error))
    return FALSE;
  data->review = vita_notice_review_load (store, data->notice, error);
  return data->review != NULL;
}

static void
show_review_list (VitaNoticeReviewPage *self)
{
  g_auto(GStrv) ids = vita_notice_dup_review_ids (self->notice);
  GtkWidget *row;

  while ((row = gtk_widget_get_first_child (GTK_WIDGET (self->review_list))) != NULL)
    gtk_list_box_remove (self->review_list, row);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *note = vita_notice_get_review_note (self->notice, ids[i]);
      g_autofree char *title = NULL;
      GtkWidget *text;

      /* Translators: a notice paragraph id, then what it must be checked
       * against, e.g. "law.4: check against Pub 4299". */
      title = g_strdup_printf (_("%s: check against %s"), ids[i], note);
      row = adw_expander_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      text = gtk_label_new (vita_notice_get_english (self->notice, ids[i]));
      gtk_label_set_wrap (GTK_LABEL (text), TRUE);
      gtk_label_set_xalign (GTK_LABEL (text), 0);
      gtk_label_set_selectable (GTK_LABEL (text), TRUE);
      gtk_widget_set_margin_start (text, 12);
      gtk_widget_set_margin_end (text, 12);
      gtk_widget_set_margin_top (text, 6);
      gtk_widget_set_margin_bottom (text, 6);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), text);
      gtk_list_box_append (self->review_list, row);
    }
}

static void
show_state (VitaNoticeReviewPage *self)
{
  g_autofree char *status = NULL;
  const VitaNoticeReview *review = self->review;
  const char *version = vita_notice_get_version (self->notice);

  if (review->overdue)
    /* Translators: a notice version, the number of days since it was last
     * checked, the YYYY-MM-DD date of that check (or of its facts) and the
     * site's limit in days. */
    status = g_strdup_printf (_("Review needed. Notice version %s was last checked %d days ago (%s); "
                                "this site asks for a review every %u days. Check the paragraphs "
                                "below against the current rules and any new court decisions, "
                                "then approve it. Until then volunteers are warned before "
                                "printing."),
                              version, review->age_days, review->since, review->limit_days);
  else if (review->approved != NULL)
    /* Translators: a notice version, a YYYY-MM-DD date, a number of days
     * and the site's limit in days. */
    status = g_strdup_printf (_("Notice version %s was approved by this site on %s (%d days ago). "
                                "This site asks for a review every %u days."),
                              version, review->approved, review->age_days, review->limit_days);
  else
    /* Translators: a notice version and a YYYY-MM-DD date. */
    status = g_strdup_printf (_("Notice version %s (information as of %s) has not been approved by "
                                "this site. Check the paragraphs below, then approve it."),
                              version, vita_notice_get_as_of (self->notice));

  gtk_label_set_text (self->status_label, status);
  if (review->overdue)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "warning");

  self->loading = TRUE;
  gtk_spin_button_set_value (self->days_spin, review->limit_days);
  self->loading = FALSE;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_REVIEW]);
}

static void
job_done (GtkWidget    *owner,
          gpointer      user_data,
          const GError *error)
{
  VitaNoticeReviewPage *self = VITA_NOTICE_REVIEW_PAGE (owner);
  JobData *data = user_data;

  if (error != NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_widget_activate_action (owner, "coordinator.toast", "s", error->message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      return;
    }

  if (self->notice == NULL)
    {
      self->notice = g_object_ref (data->notice);
      show_review_list (self);
    }
  g_clear_pointer (&self->review, vita_notice_review_free);
  self->review = g_steal_pointer (&data->review);
  show_state (self);
  if (data->approve)
    gtk_widget_activate_action (owner, "coordinator.toast", "s", _("Notice approved."));
  else if (data->days != NULL)
    gtk_widget_activate_action (owner, "coordinator.toast", "s", _("Saved."));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
run (VitaNoticeReviewPage *self,
     const char           *days,
     gboolean              approve)
{
  JobData *data = g_new0 (JobData, 1);

  if (self->notice != NULL)
    data->notice = g_object_ref (self->notice);
  data->days = g_strdup (days);
  data->approve = approve;
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, job_func, data,
                      (GDestroyNotify) job_data_free, job_done);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
approve_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  run (VITA_NOTICE_REVIEW_PAGE (widget), NULL, TRUE);
}

static void
days_changed_cb (VitaNoticeReviewPage *self)
{
  g_autofree char *days = NULL;

  if (self->loading || self->review == NULL)
    return;
  days = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (self->days_spin));
  run (self, days, FALSE);
}

void
vita_notice_review_page_set_store (VitaNoticeReviewPage *self,
                                   VitaStore            *store)
{
  g_return_if_fail (VITA_IS_NOTICE_REVIEW_PAGE (self));

  if (!vita_store_job_set_store (self->job, store))
    return;
  g_clear_pointer (&self->review, vita_notice_review_free);
  if (store != NULL)
    run (self, NULL, FALSE);
}

gboolean
vita_notice_review_page_get_busy (VitaNoticeReviewPage *self)
{
  g_return_val_if_fail (VITA_IS_NOTICE_REVIEW_PAGE (self), FALSE);

  return vita_store_job_get_running (self->job);
}

gboolean
vita_notice_review_page_get_needs_review (VitaNoticeReviewPage *self)
{
  g_return_val_if_fail (VITA_IS_NOTICE_REVIEW_PAGE (self), FALSE);

  return self->review != NULL && self->review->overdue;
}

static void
vita_notice_review_page_dispose (GObject *object)
{
  VitaNoticeReviewPage *self = VITA_NOTICE_REVIEW_PAGE (object);

  if (self->job != NULL)
    vita_store_job_cancel (self->job);
  g_clear_object (&self->job);
  g_clear_object (&self->notice);
  g_clear_pointer (&self->review, vita_notice_review_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_NOTICE_REVIEW_PAGE);

  G_OBJECT_CLASS (vita_notice_review_page_parent_class)->dispose (object);
}

static void
vita_notice_review_page_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VitaNoticeReviewPage *self = VITA_NOTICE_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, vita_notice_review_page_get_busy (self));
      break;
    case PROP_NEEDS_REVIEW:
      g_value_set_boolean (value, vita_notice_review_page_get_needs_review (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_notice_review_page_class_init (VitaNoticeReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_notice_review_page_dispose;
  object_class->get_property = vita_notice_review_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* The coordinator window marks the page's tab with it. */
  properties[PROP_NEEDS_REVIEW] =
    g_param_spec_boolean ("needs-review", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/vitasites/Intake/ui/vita-notice-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeReviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeReviewPage, days_spin);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeReviewPage, review_list);
  gtk_widget_class_bind_template_child (widget_class, VitaNoticeReviewPage, approve_button);
  gtk_widget_class_bind_template_callback (widget_class, days_changed_cb);

  gtk_widget_class_install_action (widget_class, "notice-review.approve", NULL, approve_action);
}

static void
vita_notice_review_page_init (VitaNoticeReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->job = vita_store_job_new (GTK_WIDGET (self), "coordinator.refuse");
}
