/* vita-intake-documents-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The documents checklist: what every client brings, and for each W-7
 * applicant the supporting documents from the IRS's list of 13, with who
 * verified each one and whether it is an original or a certified copy. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field.h"
#include "vita-intake-documents-page.h"

struct _VitaIntakeDocumentsPage
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkBox         *applicants_box;
  GtkWidget      *empty_label;

  /* Owned references */
  VitaHousehold  *household;
  GHashTable     *sections; /* slot -> VitaIntakeSection, a child of applicants_box */
};

G_DEFINE_FINAL_TYPE (VitaIntakeDocumentsPage, vita_intake_documents_page, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const guint document_sections = VITA_SECTION_BIT (VITA_SECTION_DOCUMENTS);

static void
section_changed_cb (VitaIntakeDocumentsPage *self,
                    const char              *field_id,
                    int                      person)
{
  g_signal_emit (self, signals[CHANGED], 0, field_id, person);
}

/* Applicants are listed in slot order, as on the people page. */
static GtkWidget *
find_previous (VitaIntakeDocumentsPage *self,
               int                      person)
{
  GtkWidget *previous = NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->applicants_box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (vita_intake_section_get_person (VITA_INTAKE_SECTION (child)) < person)
        previous = child;
    }
  return previous;
}

static void
update_empty (VitaIntakeDocumentsPage *self)
{
  gtk_widget_set_visible (self->empty_label, g_hash_table_size (self->sections) == 0);
}

static void
vita_intake_documents_page_dispose (GObject *object)
{
  VitaIntakeDocumentsPage *self = (VitaIntakeDocumentsPage *)object;

  g_clear_pointer (&self->sections, g_hash_table_unref);
  g_clear_object (&self->household);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_INTAKE_DOCUMENTS_PAGE);

  G_OBJECT_CLASS (vita_intake_documents_page_parent_class)->dispose (object);
}

static void
vita_intake_documents_page_class_init (VitaIntakeDocumentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_intake_documents_page_dispose;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT);

  gtk_widget_class_set_template_from_resource (
    widget_class, "/org/vitasites/Intake/ui/vita-intake-documents-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeDocumentsPage, applicants_box);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeDocumentsPage, empty_label);
}

static void
vita_intake_documents_page_init (VitaIntakeDocumentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->sections = g_hash_table_new (NULL, NULL);
}

GtkWidget *
vita_intake_documents_page_new (VitaHousehold *household)
{
  VitaIntakeDocumentsPage *self;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);

  self = g_object_new (VITA_TYPE_INTAKE_DOCUMENTS_PAGE, NULL);
  self->household = g_object_ref (household);
  return GTK_WIDGET (self);
}

/**
 * vita_intake_documents_page_add:
 * @person: a W-7 applicant
 *
 * Adds the supporting-documents checklist of @person, if not there yet.
 */
void
vita_intake_documents_page_add (VitaIntakeDocumentsPage *self,
                                int                      person)
{
  g_autofree char *name = g_strdup_printf ("documents-%d", person);
  GtkWidget *section;

  g_return_if_fail (VITA_IS_INTAKE_DOCUMENTS_PAGE (self));

  if (g_hash_table_contains (self->sections, GINT_TO_POINTER (person)))
    return;

  section = vita_intake_section_new (self->household, document_sections, person, NULL, NULL);
  gtk_widget_set_name (section, name);
  g_signal_connect_object (section, "changed", G_CALLBACK (section_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (self->applicants_box, section, find_previous (self, person));
  g_hash_table_insert (self->sections, GINT_TO_POINTER (person), section);
  update_empty (self);
}

void
vita_intake_documents_page_remove (VitaIntakeDocumentsPage *self,
                                   int                      person)
{
  GtkWidget *section;

  g_return_if_fail (VITA_IS_INTAKE_DOCUMENTS_PAGE (self));

  section = g_hash_table_lookup (self->sections, GINT_TO_POINTER (person));
  if (section == NULL)
    return;
  gtk_box_remove (self->applicants_box, section);
  g_hash_table_remove (self->sections, GINT_TO_POINTER (person));
  update_empty (self);
}

/**
 * vita_intake_documents_page_get_section:
 *
 * Returns: (transfer none) (nullable): the checklist of @person
 */
VitaIntakeSection *
vita_intake_documents_page_get_section (VitaIntakeDocumentsPage *self,
                                        int                      person)
{
  g_return_val_if_fail (VITA_IS_INTAKE_DOCUMENTS_PAGE (self), NULL);

  return g_hash_table_lookup (self->sections, GINT_TO_POINTER (person));
}

void
vita_intake_documents_page_refresh (VitaIntakeDocumentsPage *self)
{
  GHashTableIter iter;
  gpointer section;

  g_return_if_fail (VITA_IS_INTAKE_DOCUMENTS_PAGE (self));

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &section))
    vita_intake_section_refresh (section);
}

void
vita_intake_documents_page_forget_secrets (VitaIntakeDocumentsPage *self)
{
  GHashTableIter iter;
  gpointer section;

  g_return_if_fail (VITA_IS_INTAKE_DOCUMENTS_PAGE (self));

  g_hash_table_iter_init (&iter, self->sections);
  while (g_hash_table_iter_next (&iter, NULL, &section))
    vita_intake_section_forget_secrets (section);
}
