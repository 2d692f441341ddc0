/* vita-intake-review-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The last page of the interview: the return status and its allowed next
 * steps, the certification the answers need against the preparer's, and
 * the quality-review sign-off.  Every button here is an "intake." action of
 * the editor; this page only shows why an action is or is not available. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-certification.h"
#include "vita-intake-review-page.h"
#include "vita-intake-util.h"
#include "vita-w7.h"

struct _VitaIntakeReviewPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkLabel            *status_label;
  GtkBox              *status_buttons;
  GtkLabel            *required_label;
  AdwExpanderRow      *reasons_row;
  AdwActionRow        *preparer_row;
  GtkWidget           *claim_button;
  AdwActionRow        *cert_warning_row;
  AdwActionRow        *reviewer_row;
  AdwActionRow        *sign_off_row;
  GtkWidget           *sign_off_button;
  AdwPreferencesGroup *w7_group;

  /* Owned references */
  GPtrArray           *reason_rows;
  GPtrArray           *w7_rows;
};

G_DEFINE_FINAL_TYPE (VitaIntakeReviewPage, vita_intake_review_page, ADW_TYPE_BIN)

static void
clear_status_buttons (VitaIntakeReviewPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons))) != NULL)
    gtk_box_remove (self->status_buttons, child);
}

static GtkWidget *
make_status_button (VitaReturnStatus status)
{
  g_autofree char *label = NULL;
  g_autofree char *name = NULL;
  GtkWidget *button;

  /* Translators: %s is a return status such as "Quality review". */
  label = g_strdup_printf (_("Move to “%s”"), vita_return_status_get_label (status));
  name = g_strconcat ("status-", vita_return_status_to_string (status), NULL);
  button = gtk_button_new_with_label (label);
  gtk_widget_set_name (button, name);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "intake.set-status");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s",
                                    vita_return_status_to_string (status));
  return button;
}

static void
update_status (VitaIntakeReviewPage *self,
               VitaHousehold        *household,
               const VitaReviewInfo *info)
{
  VitaReturnStatus current = vita_household_get_status (household);
  gboolean signed_off = info != NULL && info->reviewer_id != 0;

  gtk_label_set_text (self->status_label, vita_return_status_get_label (current));
  clear_status_buttons (self);

  /* Until the household is in the store there is no status to move. */
  if (vita_household_get_id (household) == 0)
    return;

  for (guint status = 0; status <= VITA_RETURN_STATUS_LAST; status++)
    {
      if (status != current && vita_review_status_allowed (current, status, signed_off))
        gtk_box_append (self->status_buttons, make_status_button (status));
    }
}

static void
clear_rows (GPtrArray *rows,
            GtkWidget *parent)
{
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);

      if (ADW_IS_EXPANDER_ROW (parent))
        adw_expander_row_remove (ADW_EXPANDER_ROW (parent), row);
      else
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (parent), row);
    }
  g_ptr_array_set_size (rows, 0);
}

static char *
dup_cert_text (VitaCertLevel level)
{
  if (level == VITA_CERT_NONE)
    return g_strdup (_("no certification recorded"));
  /* Translators: %s is a certification level such as "Advanced". */
  return g_strdup_printf (_("%s certification"), vita_cert_level_get_label (level));
}

static GtkWidget *
make_text_row (const char *title,
               const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_reasons (VitaIntakeReviewPage *self,
              GPtrArray            *reasons)
{
  g_autofree char *count = NULL;

  clear_rows (self->reason_rows, GTK_WIDGET (self->reasons_row));
  for (guint i = 0; i < reasons->len; i++)
    {
      const VitaField *field = vita_field_lookup (g_ptr_array_index (reasons, i));
      GtkWidget *row = make_text_row (_(field->label), vita_cert_level_get_label (field->cert));

      adw_expander_row_add_row (self->reasons_row, row);
      g_ptr_array_add (self->reason_rows, row);
    }

  /* Translators: %u is a number of answers on the intake. */
  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u answer", "%u answers", reasons->len),
                           reasons->len);
  adw_expander_row_set_subtitle (self->reasons_row, reasons->len > 0 ? count : NULL);
  adw_expander_row_set_enable_expansion (self->reasons_row, reasons->len > 0);
}

static void
show_preparer (VitaIntakeReviewPage *self,
               VitaHousehold        *household,
               const VitaReviewInfo *info)
{
  VitaReturnStatus status = vita_household_get_status (household);
  g_autofree char *subtitle = NULL;

  if (info == NULL)
    subtitle = g_strdup (_("Not known until the intake is saved"));
  else if (info->preparer_id == 0)
    subtitle = g_strdup (_("Nobody is recorded as preparer yet"));
  else
    {
      g_autofree char *cert = dup_cert_text (info->preparer_cert);

      /* Translators: "Ana Díaz — Basic certification": a volunteer's name
       * and their certification. */
      subtitle = g_strdup_printf (_("%s — %s"),
                                  info->preparer_name != NULL ? info->preparer_name : "", cert);
    }
  adw_action_row_set_subtitle (self->preparer_row, subtitle);

  gtk_widget_set_visible (self->claim_button,
                          info != NULL && info->preparer_id != info->user_id &&
                          vita_household_get_id (household) != 0 &&
                          (status == VITA_RETURN_STATUS_INTAKE ||
                           status == VITA_RETURN_STATUS_PREPARING));
}

static void
update_cert (VitaIntakeReviewPage *self,
             VitaHousehold        *household,
             const VitaReviewInfo *info)
{
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  VitaCertLevel needed = vita_household_required_cert (household, reasons);
  gboolean covered = info == NULL || info->preparer_id == 0 ||
                     vita_cert_level_covers (info->preparer_cert, needed);
  g_autofree char *warning = NULL;

  gtk_label_set_text (self->required_label, vita_cert_level_get_label (needed));
  show_reasons (self, reasons);
  show_preparer (self, household, info);

  if (!covered)
    {
      g_autofree char *held = dup_cert_text (info->preparer_cert);

      /* Translators: "The preparer has Basic certification, but these
       * answers need Advanced."  The first %s is from "%s certification"
       * or "no certification recorded". */
      warning = g_strdup_printf (_("The preparer has %s, but these answers need %s. Give the return to a volunteer certified for them; it can't be signed off as it is."),
                                 held, vita_cert_level_get_label (needed));
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->cert_warning_row),
                                 warning != NULL ? warning : "");
  gtk_widget_set_visible (GTK_WIDGET (self->cert_warning_row), !covered);
}

static char *
dup_when (const char *iso)
{
  g_autoptr(GDateTime) utc = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;

  return local != NULL ? g_date_time_format (local, "%x %H:%M") : g_strdup ("");
}

static char *
dup_reviewer_text (const VitaReviewInfo *info)
{
  g_autofree char *cert = NULL;
  g_autofree char *when = NULL;

  if (info == NULL)
    return g_strdup (_("Not known until the intake is saved"));
  if (info->reviewer_id != 0)
    {
      when = dup_when (info->reviewed_at);
      /* Translators: a reviewer's name and the date and time of the sign-off. */
      return g_strdup_printf (_("%s, signed off %s"),
                              info->reviewer_name != NULL ? info->reviewer_name : "", when);
    }

  cert = dup_cert_text (info->user_cert);
  /* Translators: %s is "Advanced certification" or "no certification
   * recorded". */
  return g_strdup_printf (_("You, with %s"), cert);
}

static void
update_sign_off (VitaIntakeReviewPage *self,
                 VitaStore            *store,
                 VitaHousehold        *household,
                 const VitaReviewInfo *info)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reviewer = dup_reviewer_text (info);
  gboolean signed_off = info != NULL && info->reviewer_id != 0;
  const char *title;

  adw_action_row_set_subtitle (self->reviewer_row, reviewer);

  if (signed_off)
    title = _("The quality review is signed off.");
  else if (info == NULL)
    title = _("The intake has not been saved yet.");
  else if (vita_review_check_sign_off (store, household, info, &error))
    title = _("You can sign off this review.");
  else
    title = error->message;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sign_off_row), title);
  if (error != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->sign_off_row), "vita-warning-row");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->sign_off_row), "vita-warning-row");
  gtk_widget_set_visible (self->sign_off_button, !signed_off);
}

static GtkWidget *
make_w7_row (VitaHousehold *household,
             int            person)
{
  g_autoptr(GPtrArray) problems = vita_w7_check (household, person, NULL);
  g_autofree char *name = vita_intake_dup_person_name (household, person);
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *target = g_strdup_printf ("w7-%d", person);
  guint n_blocking = 0;
  GtkWidget *row;

  for (guint i = 0; i < problems->len; i++)
    n_blocking += ((VitaW7Problem *)g_ptr_array_index (problems, i))->blocking;

  /* Translators: %s is the applicant's name. */
  title = g_strdup_printf (_("Form W-7 for %s"), name);
  subtitle = n_blocking == 0 ? g_strdup (_("Complete"))
             /* Translators: %u is a number of problems on a Form W-7. */
             : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem to fix",
                                             "%u problems to fix", n_blocking), n_blocking);
  row = make_text_row (title, subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row),
                                n_blocking == 0 ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "intake.show-section");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), g_variant_new_string (target));
  return row;
}

static void
update_w7 (VitaIntakeReviewPage *self,
           VitaHousehold        *household)
{
  g_autoptr(GArray) persons = vita_household_list_persons (household);

  clear_rows (self->w7_rows, GTK_WIDGET (self->w7_group));
  for (guint i = 0; i < persons->len; i++)
    {
      int person = g_array_index (persons, int, i);
      GtkWidget *row;

      if (!vita_household_person_needs_itin (household, person))
        continue;
      row = make_w7_row (household, person);
      adw_preferences_group_add (self->w7_group, row);
      g_ptr_array_add (self->w7_rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->w7_group), self->w7_rows->len > 0);
}

static void
vita_intake_review_page_dispose (GObject *object)
{
  VitaIntakeReviewPage *self = (VitaIntakeReviewPage *)object;

  g_clear_pointer (&self->reason_rows, g_ptr_array_unref);
  g_clear_pointer (&self->w7_rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_INTAKE_REVIEW_PAGE);

  G_OBJECT_CLASS (vita_intake_review_page_parent_class)->dispose (object);
}

static void
vita_intake_review_page_class_init (VitaIntakeReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_intake_review_page_dispose;

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/vitasites/Intake/ui/vita-intake-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, status_buttons);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, required_label);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, reasons_row);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, preparer_row);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, claim_button);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, cert_warning_row);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, sign_off_row);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, sign_off_button);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeReviewPage, w7_group);
}

static void
vita_intake_review_page_init (VitaIntakeReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->reason_rows = g_ptr_array_new ();
  self->w7_rows = g_ptr_array_new ();
}

GtkWidget *
vita_intake_review_page_new (void)
{
  return g_object_new (VITA_TYPE_INTAKE_REVIEW_PAGE, NULL);
}

/**
 * vita_intake_review_page_update:
 * @store: the store, for the signed-in user's role
 * @household: the answers
 * @info: (nullable): the stored review, %NULL while unknown
 */
void
vita_intake_review_page_update (VitaIntakeReviewPage *self,
                                VitaStore            *store,
                                VitaHousehold        *household,
                                const VitaReviewInfo *info)
{
  g_return_if_fail (VITA_IS_INTAKE_REVIEW_PAGE (self));
  g_return_if_fail (VITA_IS_STORE (store));
  g_return_if_fail (VITA_IS_HOUSEHOLD (household));

  update_status (self, household, info);
  update_cert (self, household, info);
  update_sign_off (self, store, household, info);
  update_w7 (self, household);
}
