/* vita-intake-section.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A part of the interview generated from the field catalogue: every field
 * of the given catalogue sections that is asked of one person slot, in
 * catalogue order, in preferences groups that follow the blocks of the
 * paper form.  The shaded "to be completed by certified volunteer" side of
 * the form gets groups of its own, marked as such, so a client reading
 * along sees which questions are theirs. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-editor.h"
#include "vita-intake-section.h"
#include "vita-w7.h"

typedef struct
{
  GtkWidget *group;
  GPtrArray *editors; /* VitaFieldEditor, not owned */
  gboolean   volunteer;
  char      *base_description;  /* before a TIN note (minimum-data mode) */
  gboolean   noted;
} Group;

struct _VitaIntakeSection
{
  AdwBin          parent_instance;

  int             person;
  guint           sections; /* VITA_SECTION_BIT()s */
  char           *title;
  char           *description;

  /* Template widgets */
  GtkBox         *groups_box;

  /* Owned references */
  VitaHousehold  *household;
  GPtrArray      *editors;
  GPtrArray      *groups;
};

G_DEFINE_FINAL_TYPE (VitaIntakeSection, vita_intake_section, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
group_free (Group *group)
{
  g_ptr_array_unref (group->editors);
  g_free (group->base_description);
  g_free (group);
}

static gboolean
in_scope (const VitaField *field,
          int              person)
{
  switch (field->scope)
    {
    case VITA_SCOPE_HOUSEHOLD:
      return person == VITA_PERSON_HOUSEHOLD;
    case VITA_SCOPE_PERSON:
      return person == VITA_PERSON_TAXPAYER || person == VITA_PERSON_SPOUSE;
    case VITA_SCOPE_DEPENDENT:
      return person >= VITA_PERSON_FIRST_DEPENDENT;
    case VITA_SCOPE_EVERY_PERSON:
    case VITA_SCOPE_W7:
      return person >= VITA_PERSON_TAXPAYER;
    default:
      g_assert_not_reached ();
    }
}

/* Each of the W-7 supporting documents is a block of its own: the "has
 * it" question and the details it opens. */
static gboolean
starts_document (const VitaField *field)
{
  return field->section == VITA_SECTION_DOCUMENTS && field->gate_field == NULL;
}

static gboolean
starts_group (Group           *current,
              const VitaField *field)
{
  return current == NULL || vita_field_get_group_heading (field, NULL, NULL) ||
         starts_document (field) ||
         current->volunteer != field->volunteer_only;
}

static GtkWidget *
make_volunteer_tag (void)
{
  GtkWidget *tag = gtk_label_new (_("For the certified volunteer"));

  gtk_widget_add_css_class (tag, "vita-volunteer-tag");
  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  return tag;
}

static void
describe_group (VitaIntakeSection *self,
                AdwPreferencesGroup *group,
                const VitaField   *field,
                gboolean           first)
{
  const char *heading = NULL;
  const char *heading_description = NULL;
  gboolean has_heading = vita_field_get_group_heading (field, &heading, &heading_description);

  if (first && self->title != NULL)
    {
      adw_preferences_group_set_title (group, self->title);
      adw_preferences_group_set_description (group, self->description);
    }
  else if (has_heading)
    {
      adw_preferences_group_set_title (group, heading);
      if (heading_description != NULL)
        adw_preferences_group_set_description (group, heading_description);
    }

  if (field->volunteer_only)
    {
      adw_preferences_group_set_header_suffix (group, make_volunteer_tag ());
      gtk_widget_add_css_class (GTK_WIDGET (group), "vita-volunteer-group");
      if (heading_description == NULL)
        adw_preferences_group_set_description (group,
                                               _("To be completed by the certified volunteer."));
    }
}

static Group *
add_group (VitaIntakeSection *self,
           const VitaField   *field)
{
  Group *group = g_new0 (Group, 1);

  group->group = adw_preferences_group_new ();
  group->editors = g_ptr_array_new ();
  group->volunteer = field->volunteer_only;
  describe_group (self, ADW_PREFERENCES_GROUP (group->group), field, self->groups->len == 0);
  gtk_box_append (self->groups_box, group->group);
  g_ptr_array_add (self->groups, group);
  return group;
}

static void
editor_changed_cb (VitaIntakeSection *self,
                   VitaFieldEditor   *editor)
{
  g_signal_emit (self, signals[CHANGED], 0,
                 vita_field_editor_get_field (editor)->id, self->person);
}

/* The interview header counts the fields not saved; the action reaches
 * whichever interview this section sits in. */
static void
editor_error_changed_cb (VitaIntakeSection *self,
                         VitaFieldEditor   *editor)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "intake.errors-changed", NULL);
}

static void
add_editor (VitaIntakeSection *self,
            Group             *group,
            const VitaField   *field)
{
  VitaFieldEditor *editor = vita_field_editor_new (field, self->household, self->person);

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group->group),
                             vita_field_editor_get_row (editor));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group->group),
                             vita_field_editor_get_message_row (editor));
  g_signal_connect_object (editor, "changed", G_CALLBACK (editor_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "error-changed", G_CALLBACK (editor_error_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_ptr_array_add (group->editors, editor);
  g_ptr_array_add (self->editors, editor);
}

static void
build (VitaIntakeSection *self)
{
  const VitaField *fields;
  Group *group = NULL;
  guint n_fields;

  g_assert (VITA_IS_INTAKE_SECTION (self));

  fields = vita_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const VitaField *field = &fields[i];

      if ((self->sections & VITA_SECTION_BIT (field->section)) == 0 ||
          !in_scope (field, self->person))
        continue;
      if (starts_group (group, field))
        group = add_group (self, field);
      add_editor (self, group, field);
    }
}

static void
vita_intake_section_dispose (GObject *object)
{
  VitaIntakeSection *self = (VitaIntakeSection *)object;

  g_clear_pointer (&self->groups, g_ptr_array_unref);
  g_clear_pointer (&self->editors, g_ptr_array_unref);
  g_clear_object (&self->household);
  /* The bin's child is a bound template child: take it out of the bin
   * first, or both the bin and the template would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_INTAKE_SECTION);

  G_OBJECT_CLASS (vita_intake_section_parent_class)->dispose (object);
}

static void
vita_intake_section_finalize (GObject *object)
{
  VitaIntakeSection *self = (VitaIntakeSection *)object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);

  G_OBJECT_CLASS (vita_intake_section_parent_class)->finalize (object);
}

static void
vita_intake_section_class_init (VitaIntakeSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_intake_section_dispose;
  object_class->finalize = vita_intake_section_finalize;

  /**
   * VitaIntakeSection::changed:
   * @field_id: the field whose answer changed
   * @person: the person slot
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-intake-section.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeSection, groups_box);
}

static void
vita_intake_section_init (VitaIntakeSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_ptr_array_new_with_free_func (g_object_unref);
  self->groups = g_ptr_array_new_with_free_func ((GDestroyNotify)group_free);
}

/**
 * vita_intake_section_new:
 * @household: the household being interviewed
 * @sections: the catalogue sections shown, as VITA_SECTION_BIT()s
 * @person: the person slot, or %VITA_PERSON_HOUSEHOLD
 * @title: (nullable): heading of the first group
 * @description: (nullable): text under that heading
 *
 * Returns: (transfer floating): a widget with one row per field
 */
GtkWidget *
vita_intake_section_new (VitaHousehold      *household,
                         guint               sections,
                         int                 person,
                         const char         *title,
                         const char         *description)
{
  VitaIntakeSection *self;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);
  g_return_val_if_fail (sections != 0, NULL);

  self = g_object_new (VITA_TYPE_INTAKE_SECTION, NULL);
  self->household = g_object_ref (household);
  self->sections = sections;
  self->person = person;
  self->title = g_strdup (title);
  self->description = g_strdup (description);
  build (self);
  vita_intake_section_set_tin_note (self, g_object_get_data (G_OBJECT (household), VITA_INTAKE_TIN_NOTE_DATA));
  vita_intake_section_refresh (self);
  return GTK_WIDGET (self);
}

/**
 * vita_intake_section_set_tin_note:
 * @note: (nullable): the text, or %NULL to remove it
 *
 * Shows @note under the heading of every block that asks for a TIN
 * (minimum-data mode: how long the number is kept).
 */
void
vita_intake_section_set_tin_note (VitaIntakeSection *self,
                                  const char        *note)
{
  g_return_if_fail (VITA_IS_INTAKE_SECTION (self));

  for (guint i = 0; self->groups != NULL && i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);
      AdwPreferencesGroup *widget = ADW_PREFERENCES_GROUP (group->group);
      gboolean has_tin = FALSE;
      g_autofree char *text = NULL;

      for (guint j = 0; j < group->editors->len && !has_tin; j++)
        has_tin = vita_field_editor_get_field (g_ptr_array_index (group->editors, j))->type == VITA_FIELD_TIN;
      if (!has_tin || (note == NULL && !group->noted))
        continue;
      if (!group->noted)
        {
          group->base_description = g_strdup (adw_preferences_group_get_description (widget));
          group->noted = TRUE;
        }
      if (note == NULL)
        text = g_strdup (group->base_description);
      else if (group->base_description != NULL && *group->base_description != '\0')
        text = g_strdup_printf ("%s\n%s", group->base_description, note);
      else
        text = g_strdup (note);
      adw_preferences_group_set_description (widget, text);
    }
}

int
vita_intake_section_get_person (VitaIntakeSection *self)
{
  g_return_val_if_fail (VITA_IS_INTAKE_SECTION (self), VITA_PERSON_HOUSEHOLD);
  return self->person;
}

/**
 * vita_intake_section_refresh:
 *
 * Re-evaluates every gate against the current answers: a follow-up shows
 * only while the question it depends on has the answer that opens it, and
 * a block with nothing to ask is hidden.
 */
void
vita_intake_section_refresh (VitaIntakeSection *self)
{
  g_return_if_fail (VITA_IS_INTAKE_SECTION (self));

  for (guint i = 0; i < self->groups->len; i++)
    {
      Group *group = g_ptr_array_index (self->groups, i);
      gboolean any = FALSE;

      for (guint j = 0; j < group->editors->len; j++)
        any |= vita_field_editor_refresh (g_ptr_array_index (group->editors, j));
      gtk_widget_set_visible (group->group, any);
    }
}

void
vita_intake_section_forget_secrets (VitaIntakeSection *self)
{
  g_return_if_fail (VITA_IS_INTAKE_SECTION (self));

  for (guint i = 0; i < self->editors->len; i++)
    vita_field_editor_forget_secret (g_ptr_array_index (self->editors, i));
}

static void
apply_problems (VitaFieldEditor *editor,
                GPtrArray       *problems)
{
  const char *id = vita_field_editor_get_field (editor)->id;
  g_autoptr(GString) text = NULL;
  gboolean blocking = FALSE;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const VitaW7Problem *problem = g_ptr_array_index (problems, i);

      if (!g_str_equal (problem->field_id, id))
        continue;
      if (text == NULL)
        text = g_string_new (problem->message);
      else
        g_string_append_printf (text, "\n%s", problem->message);
      blocking |= problem->blocking;
    }
  vita_field_editor_set_problem (editor, text != NULL ? text->str : NULL, blocking);
}

/**
 * vita_intake_section_set_problems:
 * @problems: (nullable) (element-type VitaW7Problem): rules the answers
 *   of this section's person break, as from vita_w7_check()
 *
 * Shows each message under the field it is about.
 */
void
vita_intake_section_set_problems (VitaIntakeSection *self,
                                  GPtrArray         *problems)
{
  g_return_if_fail (VITA_IS_INTAKE_SECTION (self));

  for (guint i = 0; i < self->editors->len; i++)
    apply_problems (g_ptr_array_index (self->editors, i), problems);
}

void
vita_intake_section_set_title (VitaIntakeSection *self,
                               const char        *title)
{
  Group *first;

  g_return_if_fail (VITA_IS_INTAKE_SECTION (self));

  g_free (self->title);
  self->title = g_strdup (title);
  if (self->groups->len == 0)
    return;
  first = g_ptr_array_index (self->groups, 0);
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (first->group), title);
}

/**
 * vita_intake_section_set_header_suffix:
 * @suffix: (nullable): a widget for the heading of the first group, such
 *   as a remove button
 */
void
vita_intake_section_set_header_suffix (VitaIntakeSection *self,
                                       GtkWidget         *suffix)
{
  Group *first;

  g_return_if_fail (VITA_IS_INTAKE_SECTION (self));

  if (self->groups->len == 0)
    return;
  first = g_ptr_array_index (self->groups, 0);
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (first->group), suffix);
}

/**
 * vita_intake_section_get_row:
 *
 * Returns: (transfer none) (nullable): the row of @field_id
 */
GtkWidget *
vita_intake_section_get_row (VitaIntakeSection *self,
                             const char        *field_id)
{
  g_return_val_if_fail (VITA_IS_INTAKE_SECTION (self), NULL);

  for (guint i = 0; i < self->editors->len; i++)
    {
      VitaFieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (g_str_equal (vita_field_editor_get_field (editor)->id, field_id))
        return vita_field_editor_get_row (editor);
    }
  return NULL;
}

/**
 * vita_intake_section_count_errors:
 *
 * Returns: how many shown fields hold text that was not accepted (and so
 *   is not saved)
 */
guint
vita_intake_section_count_errors (VitaIntakeSection *self)
{
  guint n = 0;

  g_return_val_if_fail (VITA_IS_INTAKE_SECTION (self), 0);

  for (guint i = 0; i < self->editors->len; i++)
    {
      VitaFieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (vita_field_editor_has_error (editor) && vita_field_editor_get_shown (editor))
        n++;
    }
  return n;
}

/**
 * vita_intake_section_has_errors:
 *
 * Returns: whether a shown field holds text that was not accepted
 */
gboolean
vita_intake_section_has_errors (VitaIntakeSection *self)
{
  g_return_val_if_fail (VITA_IS_INTAKE_SECTION (self), FALSE);

  for (guint i = 0; i < self->editors->len; i++)
    {
      VitaFieldEditor *editor = g_ptr_array_index (self->editors, i);

      if (vita_field_editor_has_error (editor) && vita_field_editor_get_shown (editor))
        return TRUE;
    }
  return FALSE;
}
