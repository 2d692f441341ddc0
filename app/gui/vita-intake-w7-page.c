/* vita-intake-w7-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Form W-7 for one applicant, line by line.  The rules of the form
 * (vita_w7_check()) are shown twice: as a list of what still blocks the
 * W-7 at the top, each taking the volunteer to its line, and under the
 * line they are about.  An incomplete W-7 costs the applicant months, often
 * with their passport in the IRS's hands, so the site checks before it
 * mails. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-ids.h"
#include "vita-field.h"
#include "vita-intake-w7-page.h"
#include "vita-w7.h"

struct _VitaIntakeW7Page
{
  AdwBin               parent_instance;

  int                  person;

  /* Template widgets */
  GtkBox              *content_box;
  GtkLabel            *title_label;
  GtkLabel            *paper_label;
  AdwPreferencesGroup *problems_group;

  /* Owned references */
  VitaHousehold       *household;
  GPtrArray           *problem_rows;

  VitaIntakeSection   *section;
};

G_DEFINE_FINAL_TYPE (VitaIntakeW7Page, vita_intake_w7_page, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint w7_sections = VITA_SECTION_BIT (VITA_SECTION_W7);

static void
section_changed_cb (VitaIntakeW7Page *self,
                    const char       *field_id,
                    int               person)
{
  g_signal_emit (self, signals[CHANGED], 0, field_id, person);
}

static GtkWidget *
make_problem_row (VitaIntakeW7Page    *self,
                  const VitaW7Problem *problem)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), problem->message);
  adw_action_row_set_icon_name (ADW_ACTION_ROW (row), "dialog-warning-symbolic");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_widget_set_name (row, "w7-problem");
  gtk_widget_add_css_class (row, "vita-problem-row");
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "intake.show-field");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row),
                                          g_variant_new ("(is)", self->person, problem->field_id));
  return row;
}

static void
clear_problem_rows (VitaIntakeW7Page *self)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems_group, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);
}

/* Only what blocks the W-7 goes in the list; reminders stay under their
 * lines, and the paper-filing one has its own card. */
static void
show_problems (VitaIntakeW7Page *self,
               GPtrArray        *problems)
{
  guint n_blocking = 0;

  clear_problem_rows (self);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const VitaW7Problem *problem = g_ptr_array_index (problems, i);
      GtkWidget *row;

      if (!problem->blocking)
        continue;
      row = make_problem_row (self, problem);
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
      n_blocking++;
    }

  adw_preferences_group_set_description (self->problems_group,
                                         n_blocking == 0
                                         ? _("Nothing blocks this W-7 any more.")
                                         : _("The IRS sends a W-7 back for any of these. Select one to go to its line."));
}

static void
vita_intake_w7_page_dispose (GObject *object)
{
  VitaIntakeW7Page *self = (VitaIntakeW7Page *)object;

  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_clear_object (&self->household);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_INTAKE_W7_PAGE);

  G_OBJECT_CLASS (vita_intake_w7_page_parent_class)->dispose (object);
}

static void
vita_intake_w7_page_class_init (VitaIntakeW7PageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_intake_w7_page_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-intake-w7-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeW7Page, content_box);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeW7Page, title_label);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeW7Page, paper_label);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeW7Page, problems_group);
}

static void
vita_intake_w7_page_init (VitaIntakeW7Page *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->problem_rows = g_ptr_array_new ();
}

GtkWidget *
vita_intake_w7_page_new (VitaHousehold *household,
                         int            person)
{
  VitaIntakeW7Page *self;
  GtkWidget *section;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);
  g_return_val_if_fail (person >= VITA_PERSON_TAXPAYER, NULL);

  self = g_object_new (VITA_TYPE_INTAKE_W7_PAGE, NULL);
  self->household = g_object_ref (household);
  self->person = person;

  section = vita_intake_section_new (household, w7_sections, person, NULL, NULL);
  self->section = VITA_INTAKE_SECTION (section);
  g_signal_connect_object (section, "changed", G_CALLBACK (section_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (self->content_box, section);
  return GTK_WIDGET (self);
}

int
vita_intake_w7_page_get_person (VitaIntakeW7Page *self)
{
  g_return_val_if_fail (VITA_IS_INTAKE_W7_PAGE (self), VITA_PERSON_TAXPAYER);
  return self->person;
}

/**
 * vita_intake_w7_page_get_section:
 *
 * Returns: (transfer none): the generated W-7 lines
 */
VitaIntakeSection *
vita_intake_w7_page_get_section (VitaIntakeW7Page *self)
{
  g_return_val_if_fail (VITA_IS_INTAKE_W7_PAGE (self), NULL);
  return self->section;
}

void
vita_intake_w7_page_set_title (VitaIntakeW7Page *self,
                               const char       *title)
{
  g_return_if_fail (VITA_IS_INTAKE_W7_PAGE (self));
  gtk_label_set_text (self->title_label, title);
}

/**
 * vita_intake_w7_page_refresh:
 * @problems: (element-type VitaW7Problem): from vita_w7_check() for this
 *   page's person
 */
void
vita_intake_w7_page_refresh (VitaIntakeW7Page *self,
                             GPtrArray        *problems)
{
  g_autoptr(GPtrArray) inline_problems = g_ptr_array_new ();

  g_return_if_fail (VITA_IS_INTAKE_W7_PAGE (self));

  /* The paper-filing reminder (which depends on box h) goes in the card at
   * the top instead of under the reason boxes. */
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      VitaW7Problem *problem = g_ptr_array_index (problems, i);

      if (!problem->blocking && g_str_equal (problem->field_id, VITA_FID_W7_REASONS))
        gtk_label_set_text (self->paper_label, problem->message);
      else
        g_ptr_array_add (inline_problems, problem);
    }

  vita_intake_section_refresh (self->section);
  vita_intake_section_set_problems (self->section, inline_problems);
  show_problems (self, problems);
}
