/* vita-intake-people-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The first page of the interview: the taxpayer, the spouse and every
 * household member, each with their names and, right after them, which
 * taxpayer identification number they have or need.  That answer decides
 * whether the interview also runs a Form W-7 for the person, so it is
 * asked before anything else about them. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field.h"
#include "vita-intake-people-page.h"

struct _VitaIntakePeoplePage
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkBox         *persons_box;
  GtkWidget      *add_spouse_button;

  /* Owned references */
  VitaHousehold  *household;
  GHashTable     *sections; /* slot -> VitaIntakeSection, a child of persons_box */
};

G_DEFINE_FINAL_TYPE (VitaIntakePeoplePage, vita_intake_people_page, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint person_sections = VITA_SECTION_BIT (VITA_SECTION_IDENTITY);
static const guint member_sections = VITA_SECTION_BIT (VITA_SECTION_IDENTITY)
                                     | VITA_SECTION_BIT (VITA_SECTION_HOUSEHOLD);

static void
section_changed_cb (VitaIntakePeoplePage *self,
                    const char           *field_id,
                    int                   person)
{
  g_signal_emit (self, signals[CHANGED], 0, field_id, person);
}

static GtkWidget *
make_remove_button (int person)
{
  GtkWidget *button = gtk_button_new_from_icon_name ("user-trash-symbolic");

  gtk_widget_set_name (button, "remove-person");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Remove this person and all their answers"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Remove this person"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "intake.remove-person");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new_int32 (person));
  return button;
}

static GtkWidget *
add_person (VitaIntakePeoplePage *self,
            int                   person,
            GtkWidget            *previous)
{
  gboolean member = person >= VITA_PERSON_FIRST_DEPENDENT;
  g_autofree char *name = g_strdup_printf ("person-%d", person);
  GtkWidget *section;

  section = vita_intake_section_new (self->household, member ? member_sections : person_sections,
                                     person, NULL, NULL);
  gtk_widget_set_name (section, name);
  if (person != VITA_PERSON_TAXPAYER)
    vita_intake_section_set_header_suffix (VITA_INTAKE_SECTION (section),
                                           make_remove_button (person));
  g_signal_connect_object (section, "changed", G_CALLBACK (section_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (self->persons_box, section, previous);
  g_hash_table_insert (self->sections, GINT_TO_POINTER (person), section);
  return section;
}

static void
remove_gone (VitaIntakePeoplePage *self)
{
  GHashTableIter iter;
  gpointer key, section;

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, &key, &section))
    {
      if (vita_household_has_person (self->household, GPOINTER_TO_INT (key)))
        continue;
      gtk_box_remove (self->persons_box, section);
      g_hash_table_iter_remove (&iter);
    }
}

static void
set_person_title (VitaIntakeSection *section,
                  int                person,
                  guint              ordinal)
{
  g_autofree char *title = NULL;

  if (person == VITA_PERSON_TAXPAYER)
    title = g_strdup (_("You (the taxpayer)"));
  else if (person == VITA_PERSON_SPOUSE)
    title = g_strdup (_("Your spouse"));
  else
    /* Translators: %u counts the people listed in the household, from 1. */
    title = g_strdup_printf (_("Household member %u"), ordinal);
  vita_intake_section_set_title (section, title);
}

static void
vita_intake_people_page_dispose (GObject *object)
{
  VitaIntakePeoplePage *self = (VitaIntakePeoplePage *)object;

  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_object (&self->household);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_INTAKE_PEOPLE_PAGE);

  G_OBJECT_CLASS (vita_intake_people_page_parent_class)->dispose (object);
}

static void
vita_intake_people_page_class_init (VitaIntakePeoplePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_intake_people_page_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  g_type_ensure (VITA_TYPE_INTAKE_SECTION);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/vitasites/Intake/ui/vita-intake-people-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaIntakePeoplePage, persons_box);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakePeoplePage, add_spouse_button);
}

static void
vita_intake_people_page_init (VitaIntakePeoplePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_hash_table_new (NULL, NULL);
}

GtkWidget *
vita_intake_people_page_new (VitaHousehold *household)
{
  VitaIntakePeoplePage *self;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);

  self = g_object_new (VITA_TYPE_INTAKE_PEOPLE_PAGE, NULL);
  self->household = g_object_ref (household);
  vita_intake_people_page_sync (self);
  return GTK_WIDGET (self);
}

/**
 * vita_intake_people_page_sync:
 *
 * Adds a block for every person the household has and removes the blocks
 * of people it no longer has, keeping slot order.
 */
void
vita_intake_people_page_sync (VitaIntakePeoplePage *self)
{
  g_autoptr(GArray) persons = NULL;
  GtkWidget *previous = NULL;
  guint ordinal = 0;

  g_return_if_fail (VITA_IS_INTAKE_PEOPLE_PAGE (self));

  remove_gone (self);
  persons = vita_household_list_persons (self->household);
  for (guint i = 0; i < persons->len; i++)
    {
      int person = g_array_index (persons, int, i);
      GtkWidget *section = g_hash_table_lookup (self->sections, GINT_TO_POINTER (person));

      if (section == NULL)
        section = add_person (self, person, previous);
      if (person >= VITA_PERSON_FIRST_DEPENDENT)
        ordinal++;
      set_person_title (VITA_INTAKE_SECTION (section), person, ordinal);
      previous = section;
    }
  gtk_widget_set_visible (self->add_spouse_button,
                          !vita_household_has_person (self->household, VITA_PERSON_SPOUSE));
}

void
vita_intake_people_page_refresh (VitaIntakePeoplePage *self)
{
  GHashTableIter iter;
  gpointer section;

  g_return_if_fail (VITA_IS_INTAKE_PEOPLE_PAGE (self));

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &section))
    vita_intake_section_refresh (section);
}

void
vita_intake_people_page_forget_secrets (VitaIntakePeoplePage *self)
{
  GHashTableIter iter;
  gpointer section;

  g_return_if_fail (VITA_IS_INTAKE_PEOPLE_PAGE (self));

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &section))
    vita_intake_section_forget_secrets (section);
}

/**
 * vita_intake_people_page_get_section:
 *
 * Returns: (transfer none) (nullable): the block of @person
 */
VitaIntakeSection *
vita_intake_people_page_get_section (VitaIntakePeoplePage *self,
                                     int                   person)
{
  g_return_val_if_fail (VITA_IS_INTAKE_PEOPLE_PAGE (self), NULL);

  return g_hash_table_lookup (self->sections, GINT_TO_POINTER (person));
}
