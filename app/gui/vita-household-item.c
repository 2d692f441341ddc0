/* vita-household-item.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-household-item.h"
#include "vita-store-households.h"

/* One row of the households list.  It starts as a placeholder holding only
 * the id; the model fills in the summary when its page has been read, and
 * the row updates through property notifications.  It never holds a TIN:
 * summaries do not carry one. */
struct _VitaHouseholdItem
{
  GObject           parent_instance;

  gint64            id;
  char             *display_name;
  VitaReturnStatus  status;
  char             *language;
  char             *updated;
  gboolean          needs_itin;
  int               tax_year;
  gboolean          loaded;
  VitaHouseholdAccess access;   /* whose it is, for the signed-in user */
};

G_DEFINE_FINAL_TYPE (VitaHouseholdItem, vita_household_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DISPLAY_NAME,
  PROP_STATUS,
  PROP_LANGUAGE,
  PROP_NEEDS_ITIN,
  PROP_UPDATED,
  PROP_LOADED,
  PROP_TAX_YEAR,
  PROP_NOT_MINE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
vita_household_item_finalize (GObject *object)
{
  VitaHouseholdItem *self = (VitaHouseholdItem *)object;

  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->updated, g_free);

  G_OBJECT_CLASS (vita_household_item_parent_class)->finalize (object);
}

static void
vita_household_item_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VitaHouseholdItem *self = VITA_HOUSEHOLD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;
    case PROP_NEEDS_ITIN:
      g_value_set_boolean (value, self->needs_itin);
      break;
    case PROP_UPDATED:
      g_value_set_string (value, self->updated);
      break;
    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;
    case PROP_TAX_YEAR:
      g_value_set_int (value, self->tax_year);
      break;
    case PROP_NOT_MINE:
      g_value_set_boolean (value, vita_household_item_get_not_mine (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_household_item_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VitaHouseholdItem *self = VITA_HOUSEHOLD_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      self->id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_household_item_class_init (VitaHouseholdItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = vita_household_item_finalize;
  object_class->get_property = vita_household_item_get_property;
  object_class->set_property = vita_household_item_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] = g_param_spec_string ("display-name", NULL, NULL, "", ro);
  properties[PROP_STATUS] =
    g_param_spec_int ("status", NULL, NULL, 0, VITA_RETURN_STATUS_LAST, 0, ro);
  properties[PROP_LANGUAGE] = g_param_spec_string ("language", NULL, NULL, "", ro);
  properties[PROP_NEEDS_ITIN] = g_param_spec_boolean ("needs-itin", NULL, NULL, FALSE, ro);
  properties[PROP_UPDATED] = g_param_spec_string ("updated", NULL, NULL, "", ro);
  properties[PROP_LOADED] = g_param_spec_boolean ("loaded", NULL, NULL, FALSE, ro);
  properties[PROP_TAX_YEAR] = g_param_spec_int ("tax-year", NULL, NULL, 0, G_MAXINT, 0, ro);
  /* Need-to-know: other volunteers work on it, so opening it asks why. */
  properties[PROP_NOT_MINE] = g_param_spec_boolean ("not-mine", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vita_household_item_init (VitaHouseholdItem *self)
{
  self->display_name = g_strdup ("");
  self->language = g_strdup ("");
  self->updated = g_strdup ("");
}

VitaHouseholdItem *
vita_household_item_new (gint64 id)
{
  return g_object_new (VITA_TYPE_HOUSEHOLD_ITEM, "id", id, NULL);
}

gint64
vita_household_item_get_id (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), 0);
  return self->id;
}

const char *
vita_household_item_get_display_name (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), NULL);
  return self->display_name;
}

VitaReturnStatus
vita_household_item_get_status (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), VITA_RETURN_STATUS_INTAKE);
  return self->status;
}

const char *
vita_household_item_get_language (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), NULL);
  return self->language;
}

gboolean
vita_household_item_get_needs_itin (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), FALSE);
  return self->needs_itin;
}

const char *
vita_household_item_get_updated (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), NULL);
  return self->updated;
}

gboolean
vita_household_item_get_loaded (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), FALSE);
  return self->loaded;
}

/**
 * vita_household_item_set_summary:
 *
 * Fills the placeholder.  Only changed properties are notified, so a page
 * read twice does not make every visible row redraw.
 */
void
vita_household_item_set_summary (VitaHouseholdItem          *self,
                                 const VitaHouseholdSummary *summary)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD_ITEM (self));
  g_return_if_fail (summary != NULL);

  g_object_freeze_notify (G_OBJECT (self));
  if (set_string (&self->display_name, summary->display_name ? summary->display_name : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
  if (self->status != summary->status)
    {
      self->status = summary->status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
  if (set_string (&self->language, summary->language ? summary->language : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  if (self->needs_itin != !!summary->needs_itin)
    {
      self->needs_itin = !!summary->needs_itin;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEEDS_ITIN]);
    }
  if (set_string (&self->updated, summary->updated ? summary->updated : ""))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED]);
  if (self->tax_year != summary->tax_year)
    {
      self->tax_year = summary->tax_year;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAX_YEAR]);
    }
  if (self->access != summary->access)
    {
      gboolean was_not_mine = vita_household_item_get_not_mine (self);

      self->access = summary->access;
      if (was_not_mine != vita_household_item_get_not_mine (self))
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOT_MINE]);
    }
  if (!self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }
  g_object_thaw_notify (G_OBJECT (self));
}

/**
 * vita_household_item_get_access:
 *
 * Returns: whose the household is, for the signed-in user, as last read
 */
VitaHouseholdAccess
vita_household_item_get_access (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), VITA_HOUSEHOLD_ACCESS_OTHERS);
  return self->access;
}

/**
 * vita_household_item_get_not_mine:
 *
 * Returns: whether other volunteers work on the household (whether or not
 *   this session opened it with a reason already)
 */
gboolean
vita_household_item_get_not_mine (VitaHouseholdItem *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_ITEM (self), FALSE);
  /* A placeholder's access is MINE (0) until its summary is read. */
  return self->access == VITA_HOUSEHOLD_ACCESS_OTHERS
         || self->access == VITA_HOUSEHOLD_ACCESS_OPENED;
}
