/* vita-intake-editor-actions.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-intake-editor.c: the "intake." actions the pages'
 * buttons refer to by name.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-ids.h"
#include "vita-intake-editor-private.h"
#include "vita-consent-window.h"
#include "vita-form-print.h"
#include "vita-intake-section.h"
#include "vita-notice-dialog.h"
#include "vita-privacy-window.h"
#include "vita-window.h"

typedef struct
{
  int      person;
  gboolean found;
} AnswerSearch;

static void
find_answer (int         person,
             const char *field_id,
             const char *value,
             gpointer    user_data)
{
  AnswerSearch *search = user_data;

  search->found |= person == search->person;
}

static gboolean
person_has_answers (VitaHousehold *household,
                    int            person)
{
  AnswerSearch search = { person, FALSE };

  vita_household_foreach (household, find_answer, &search);
  return search.found;
}

/* Scrolls the page so @row is in view.  A row just created (a new
 * household member) has no size until the next layout, and GtkViewport's
 * own scroll-to-focus then computes the top of the page: so this runs once
 * more after layout, from an idle. */
static void
scroll_into_view (GtkWidget *row)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *content;
  graphene_rect_t bounds;
  GtkAdjustment *adj;

  if (scrolled == NULL || (content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled))) == NULL
      || !gtk_widget_compute_bounds (row, content, &bounds))
    return;
  adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  /* A little room above, so the group heading shows too. */
  gtk_adjustment_clamp_page (adj, MAX (bounds.origin.y - 48, 0), bounds.origin.y + bounds.size.height + 12);
}

static gboolean
scroll_idle_cb (gpointer user_data)
{
  GtkWidget *row = user_data;

  if (gtk_widget_get_root (row) != NULL)
    scroll_into_view (row);
  return G_SOURCE_REMOVE;
}

static void
focus_field (VitaIntakeEditor *self,
             int               person,
             const char       *field_id)
{
  const char *page_name = NULL;
  GtkWidget *row = _vita_intake_editor_find_field_row (self, person, field_id, &page_name);
  g_autofree char *w7_name = NULL;

  if (row == NULL)
    return;
  if (g_str_equal (page_name, "w7"))
    page_name = w7_name = g_strdup_printf ("w7-%d", person);
  vita_intake_editor_show_section (self, page_name);
  gtk_widget_grab_focus (row);
  g_idle_add_full (G_PRIORITY_LOW, scroll_idle_cb, g_object_ref (row), g_object_unref);
}

static void
done_saved_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (object);
  g_autoptr(GError) error = NULL;

  /* A failed save was shown already; the editor stays open with the
   * answers so nothing is lost. */
  if (vita_intake_editor_save_finish (self, result, &error))
    _vita_intake_editor_emit_done (self);
}

static void
leave_response_cb (VitaIntakeEditor *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "leave"))
    vita_intake_editor_save_async (self, NULL, done_saved_cb, NULL);
}

/* A text that was not accepted is not saved, and a volunteer leaving in a
 * hurry may not have seen its message; a W-7 left unfinished is sent back
 * by the IRS.  Both are said before leaving. */
static void
ask_leave (VitaIntakeEditor *self,
           guint             errors,
           const char       *unfinished_w7)
{
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  if (errors > 0)
    g_string_append_printf (body,
                            ngettext ("%u field with a message in red was not saved.",
                                      "%u fields with a message in red were not saved.", errors),
                            errors);
  if (unfinished_w7 != NULL)
    {
      if (body->len > 0)
        g_string_append (body, "\n\n");
      /* Translators: %s is one name or several, comma-separated. */
      g_string_append_printf (body, _("The Form W-7 for %s is not finished: the sidebar marks what "
                                      "is missing."),
                              unfinished_w7);
    }
  g_string_append (body, "\n\n");
  g_string_append (body, _("Go back to fix them, or leave and finish later."));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   errors > 0 ? _("Some Answers Were Not Accepted")
                                              : _("The W-7 Is Not Finished"),
                                   body->str);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "fix", _("_Go Back"),
                                    "leave", errors > 0 ? _("_Leave Without Them") : _("_Leave"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "leave",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "fix");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "fix");
  g_signal_connect_object (dialog, "response", G_CALLBACK (leave_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);
  guint errors = _vita_intake_editor_count_errors (self);
  g_autofree char *unfinished = _vita_intake_editor_dup_unfinished_w7 (self);

  if (GTK_IS_WINDOW (gtk_widget_get_root (widget)) && (errors > 0 || unfinished != NULL))
    ask_leave (self, errors, unfinished);
  else
    vita_intake_editor_save_async (self, NULL, done_saved_cb, NULL);
}

static void
errors_changed_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _vita_intake_editor_update_save_label (VITA_INTAKE_EDITOR (widget));
}

/* Member-facing windows belong to the session: they close on lock. */
static void
present_member_window (VitaIntakeEditor *self,
                       GtkWindow        *window)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (VITA_IS_WINDOW (root))
    vita_window_add_session_window (VITA_WINDOW (root), window);
  gtk_window_present (window);
}

static GtkWindow *
editor_parent (VitaIntakeEditor *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
show_privacy_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);

  present_member_window (self, vita_privacy_window_new (editor_parent (self), self->store,
                                                        self->household, NULL));
}

static void
notice_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);

  present_member_window (self, vita_notice_dialog_new (editor_parent (self), self->store,
                                                       self->household));
}

static void
print_forms_done (gboolean    printed,
                  const char *message,
                  gpointer    user_data)
{
  g_autoptr(VitaIntakeEditor) self = user_data;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.print-forms", TRUE);
  /* In minimum-data mode the printed set's TINs are gone from the
   * household: the rows say so. */
  if (printed)
    _vita_intake_editor_refresh_all (self);
  if (message != NULL)
    _vita_intake_editor_toast (self, message);
  else if (printed)
    _vita_intake_editor_toast (self, _("The forms were sent to the printer."));
}

/* The filled 13614-C (or the intake summary), each W-7 with its package
 * sheet and the preparer's sheet, from memory, through the print dialog. */
static void
print_forms_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);

  gtk_widget_action_set_enabled (widget, "intake.print-forms", FALSE);
  vita_form_print_household (editor_parent (self), self->store, self->household, NULL,
                             print_forms_done, g_object_ref (self));
}

static void
save_forms_done (gboolean    saved,
                 const char *message,
                 gpointer    user_data)
{
  g_autoptr(VitaIntakeEditor) self = user_data;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "intake.save-forms", TRUE);
  if (message != NULL)
    _vita_intake_editor_toast (self, message);
}

static void
save_forms_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);

  gtk_widget_action_set_enabled (widget, "intake.save-forms", FALSE);
  vita_form_save_household_pdf (editor_parent (self), self->store, self->household,
                                save_forms_done, g_object_ref (self));
}

static void
consent_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);
  int person = g_str_equal (action_name, "intake.consent-spouse") ? VITA_PERSON_SPOUSE
                                                                  : VITA_PERSON_TAXPAYER;

  present_member_window (self, vita_consent_window_new (editor_parent (self), self->store,
                                                        self->household, person, NULL));
}

static void
add_spouse_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);

  vita_household_add_spouse (self->household);
  _vita_intake_editor_changed (self);
  focus_field (self, VITA_PERSON_SPOUSE, VITA_FID_FIRST_NAME);
}

static void
add_member_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);
  int person = vita_household_add_dependent (self->household);

  _vita_intake_editor_changed (self);
  focus_field (self, person, VITA_FID_FIRST_NAME);
}

static void
remove_person (VitaIntakeEditor *self,
               int               person)
{
  if (!vita_household_has_person (self->household, person))
    return;
  vita_household_remove_person (self->household, person);
  _vita_intake_editor_changed (self);
}

static void
remove_response_cb (VitaIntakeEditor *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  if (g_str_equal (response, "remove"))
    remove_person (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "person")));
}

static void
remove_person_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);
  int person = g_variant_get_int32 (parameter);
  GtkWidget *dialog;

  if (person <= VITA_PERSON_TAXPAYER)
    return;
  /* Someone added by mistake has nothing to lose. */
  if (!person_has_answers (self->household, person) ||
      !GTK_IS_WINDOW (gtk_widget_get_root (widget)))
    {
      remove_person (self, person);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Remove This Person?"),
                                   _("Every answer about this person, and any Form W-7 for them, will be deleted from this intake."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "person", GINT_TO_POINTER (person));
  g_signal_connect_object (dialog, "response", G_CALLBACK (remove_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);
  VitaReturnStatus status;
  gboolean signed_off = self->review_info != NULL && self->review_info->reviewer_id != 0;

  if (!vita_return_status_from_string (g_variant_get_string (parameter, NULL), &status) ||
      !vita_review_status_allowed (vita_household_get_status (self->household), status,
                                   signed_off))
    return;

  /* The answers are stored first, so the status describes them. */
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_SAVE, 0);
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_SET_STATUS, status);
}

static void
sign_off_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (widget);

  /* The reviewer signs off what is stored: save first. */
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_SAVE, 0);
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_SIGN_OFF, 0);
}

static void
claim_preparer_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  _vita_intake_editor_queue_job (VITA_INTAKE_EDITOR (widget), VITA_INTAKE_JOB_CLAIM, 0);
}

static void
show_section_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  vita_intake_editor_show_section (VITA_INTAKE_EDITOR (widget),
                                   g_variant_get_string (parameter, NULL));
}

static void
show_field_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  int person;
  const char *field_id;

  g_variant_get (parameter, "(i&s)", &person, &field_id);
  focus_field (VITA_INTAKE_EDITOR (widget), person, field_id);
}

void
_vita_intake_editor_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "intake.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "intake.errors-changed", NULL,
                                   errors_changed_action);
  gtk_widget_class_install_action (widget_class, "intake.show-privacy", NULL, show_privacy_action);
  gtk_widget_class_install_action (widget_class, "intake.notice", NULL, notice_action);
  gtk_widget_class_install_action (widget_class, "intake.print-forms", NULL, print_forms_action);
  gtk_widget_class_install_action (widget_class, "intake.save-forms", NULL, save_forms_action);
  gtk_widget_class_install_action (widget_class, "intake.consent-taxpayer", NULL, consent_action);
  gtk_widget_class_install_action (widget_class, "intake.consent-spouse", NULL, consent_action);
  gtk_widget_class_install_action (widget_class, "intake.add-spouse", NULL, add_spouse_action);
  gtk_widget_class_install_action (widget_class, "intake.add-member", NULL, add_member_action);
  gtk_widget_class_install_action (widget_class, "intake.remove-person", "i",
                                   remove_person_action);
  gtk_widget_class_install_action (widget_class, "intake.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "intake.sign-off", NULL, sign_off_action);
  gtk_widget_class_install_action (widget_class, "intake.claim-preparer", NULL,
                                   claim_preparer_action);
  gtk_widget_class_install_action (widget_class, "intake.show-section", "s",
                                   show_section_action);
  gtk_widget_class_install_action (widget_class, "intake.show-field", "(is)", show_field_action);
}

/**
 * _vita_intake_editor_update_actions:
 *
 * Enables what the signed-in user may do now.  The store refuses the rest
 * anyway; this keeps buttons from offering it.
 */
void
_vita_intake_editor_update_actions (VitaIntakeEditor *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  const VitaReviewInfo *info = self->review_info;
  VitaReturnStatus status = vita_household_get_status (self->household);
  gboolean known = info != NULL && vita_household_get_id (self->household) != 0;

  gtk_widget_action_set_enabled (widget, "intake.add-spouse",
                                 !vita_household_has_person (self->household, VITA_PERSON_SPOUSE));
  gtk_widget_action_set_enabled (widget, "intake.set-status", known);
  /* Each spouse gives or refuses consent for themself. */
  gtk_widget_action_set_enabled (widget, "intake.consent-spouse",
                                 vita_household_has_person (self->household, VITA_PERSON_SPOUSE));
  gtk_widget_action_set_enabled (widget, "intake.sign-off",
                                 known && vita_review_check_sign_off (self->store, self->household,
                                                                      info, NULL));
  gtk_widget_action_set_enabled (widget, "intake.claim-preparer",
                                 known && info->preparer_id != info->user_id &&
                                 (status == VITA_RETURN_STATUS_INTAKE ||
                                  status == VITA_RETURN_STATUS_PREPARING));
}
