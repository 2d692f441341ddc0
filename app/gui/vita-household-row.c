/* vita-household-row.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-gui-util.h"
#include "vita-household-row.h"
#include "vita-i18n.h"

/* One line of the households list: the taxpayer's name, the return's
 * status, the member's language and whether an ITIN is needed.  Names are
 * what volunteers look for; a TIN is never shown here. */
struct _VitaHouseholdRow
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkLabel          *name_label;

  /* Owned references */
  VitaHouseholdItem *item;
};

G_DEFINE_FINAL_TYPE (VitaHouseholdRow, vita_household_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
display_name_cb (gpointer    unused,
                 const char *display_name,
                 gboolean    loaded)
{
  /* A placeholder row stays blank for the moment its page is read, rather
   * than flashing a misleading "no name". */
  if (!loaded)
    return g_strdup ("");
  if (display_name == NULL || *display_name == '\0')
    return g_strdup (_("New household — no name yet"));
  return g_strdup (display_name);
}

static char *
details_cb (gpointer    unused,
            int         status,
            const char *language,
            int         tax_year,
            gboolean    loaded)
{
  g_autofree char *details = NULL;

  if (!loaded || status < 0 || status > VITA_RETURN_STATUS_LAST)
    return g_strdup ("");
  if (language == NULL || *language == '\0')
    details = g_strdup (vita_return_status_get_label (status));
  else
    /* Translators: return status, then the member's language, in a list row,
     * for example "Preparing · Español". */
    details = g_strdup_printf (_("%s · %s"), vita_return_status_get_label (status),
                               vita_i18n_language_name (language));
  if (tax_year <= 0)
    return g_steal_pointer (&details);
  /* Translators: a list row's details, then the tax year, for example
   * "Preparing · Español · TY 2025"; TY is short for tax year. */
  return g_strdup_printf (_("%s · TY %d"), details, tax_year);
}

static char *
updated_cb (gpointer    unused,
            const char *updated)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (updated == NULL || *updated == '\0')
    return g_strdup ("");
  utc = g_date_time_new_from_iso8601 (updated, NULL);
  if (utc == NULL)
    return g_strdup ("");
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%x");
}

static void
vita_household_row_dispose (GObject *object)
{
  VitaHouseholdRow *self = (VitaHouseholdRow *)object;

  vita_gui_unparent_children (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_HOUSEHOLD_ROW);
  g_clear_object (&self->item);

  G_OBJECT_CLASS (vita_household_row_parent_class)->dispose (object);
}

static void
vita_household_row_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VitaHouseholdRow *self = VITA_HOUSEHOLD_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_household_row_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VitaHouseholdRow *self = VITA_HOUSEHOLD_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      vita_household_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_household_row_class_init (VitaHouseholdRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_household_row_dispose;
  object_class->get_property = vita_household_row_get_property;
  object_class->set_property = vita_household_row_set_property;

  properties[PROP_ITEM] =
    g_param_spec_object ("item", NULL, NULL, VITA_TYPE_HOUSEHOLD_ITEM,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VITA_TYPE_HOUSEHOLD_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-household-row.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdRow, name_label);
  gtk_widget_class_bind_template_callback (widget_class, display_name_cb);
  gtk_widget_class_bind_template_callback (widget_class, details_cb);
  gtk_widget_class_bind_template_callback (widget_class, updated_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
vita_household_row_init (VitaHouseholdRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
vita_household_row_new (void)
{
  return g_object_new (VITA_TYPE_HOUSEHOLD_ROW, NULL);
}

/**
 * vita_household_row_get_item:
 *
 * Returns: (transfer none) (nullable): the household shown
 */
VitaHouseholdItem *
vita_household_row_get_item (VitaHouseholdRow *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ROW (self), NULL);
  return self->item;
}

void
vita_household_row_set_item (VitaHouseholdRow  *self,
                             VitaHouseholdItem *item)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD_ROW (self));
  g_return_if_fail (item == NULL || VITA_IS_HOUSEHOLD_ITEM (item));

  if (g_set_object (&self->item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

/**
 * vita_household_row_get_name:
 *
 * Returns: the name as shown, for tests
 */
const char *
vita_household_row_get_name (VitaHouseholdRow *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ROW (self), NULL);
  return gtk_label_get_text (self->name_label);
}
