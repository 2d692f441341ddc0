/* vita-household.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vita-field-ids.h"
#include "vita-clock.h"
#include "vita-household.h"
#include "vita-retention.h"

struct _VitaHousehold
{
  GObject           parent_instance;

  gint64            id;
  VitaReturnStatus  status;
  char             *language;
  int               tax_year;
  /* The tax year as the "tax_year" interview field shows it. */
  char              tax_year_text[12];
  int               next_person;

  /* Person slots that exist; the taxpayer always does. */
  GHashTable       *persons;
  /* "slot\x1ffield" -> value.  One flat table keeps copy and iteration
   * trivial and mirrors the answers table of the store. */
  GHashTable       *values;
};

G_DEFINE_FINAL_TYPE (VitaHousehold, vita_household, G_TYPE_OBJECT)

static const char *status_ids[] = {
  "intake", "preparing", "quality_review", "filed", "accepted", "rejected", "not_filing",
};

static const char *status_labels[] = {
  N_("Intake"), N_("Preparing"), N_("Quality review"), N_("Filed"),
  N_("Accepted"), N_("Rejected"), N_("Not filing"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_ids) == VITA_RETURN_STATUS_LAST + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (status_labels) == VITA_RETURN_STATUS_LAST + 1);

/* Writes "person\x1ffield" into @buf, without printf or allocation: the
 * export looks up every column of every household, and formatting keys
 * dominated its time.  Returns FALSE if it does not fit. */
static gboolean
format_key (char       *buf,
            gsize       size,
            int         person,
            const char *field_id)
{
  char digits[16];
  int n = 0;
  unsigned int v = person < 0 ? (unsigned int) -(gint64) person : (unsigned int) person;
  gsize len = strlen (field_id);
  gsize pos = 0;

  do
    digits[n++] = '0' + v % 10;
  while ((v /= 10) != 0);
  if (person < 0)
    digits[n++] = '-';
  if ((gsize) n + 1 + len + 1 > size)
    return FALSE;
  while (n > 0)
    buf[pos++] = digits[--n];
  buf[pos++] = '\x1f';
  memcpy (buf + pos, field_id, len + 1);
  return TRUE;
}

static char *
make_key (int         person,
          const char *field_id)
{
  char buf[256];

  if (format_key (buf, sizeof buf, person, field_id))
    return g_strdup (buf);
  return g_strdup_printf ("%d\x1f%s", person, field_id);
}

static gboolean
split_key (const char  *key,
           int         *person,
           const char **field_id)
{
  const char *sep = strchr (key, '\x1f');

  if (sep == NULL)
    return FALSE;
  *person = (int) g_ascii_strtoll (key, NULL, 10);
  *field_id = sep + 1;
  return TRUE;
}

static void
vita_household_finalize (GObject *object)
{
  VitaHousehold *self = (VitaHousehold *)object;

  g_clear_pointer (&self->language, g_free);
  g_clear_pointer (&self->persons, g_hash_table_unref);
  g_clear_pointer (&self->values, g_hash_table_unref);

  G_OBJECT_CLASS (vita_household_parent_class)->finalize (object);
}

static void
vita_household_class_init (VitaHouseholdClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_household_finalize;
}

static void
vita_household_init (VitaHousehold *self)
{
  GDateTime *now = vita_clock_now_local ();

  self->language = g_strdup ("en");
  /* Intake in a filing season is for the previous calendar year.  The
   * store's vita_store_get_default_tax_year() also knows the site's
   * season setting; the interview starts a new household with that, and
   * the volunteer can change it (the "tax_year" field). */
  self->tax_year = g_date_time_get_year (now) - 1;
  g_date_time_unref (now);
  self->next_person = VITA_PERSON_FIRST_DEPENDENT;
  self->persons = g_hash_table_new (NULL, NULL);
  g_hash_table_add (self->persons, GINT_TO_POINTER (VITA_PERSON_TAXPAYER));
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * vita_household_new:
 *
 * Returns: (transfer full): an empty household with a taxpayer slot.
 */
VitaHousehold *
vita_household_new (void)
{
  return g_object_new (VITA_TYPE_HOUSEHOLD, NULL);
}

/**
 * vita_household_copy:
 *
 * Returns: (transfer full): a deep copy, so an editor can work on a draft
 *   without changing the object other views show.
 */
VitaHousehold *
vita_household_copy (VitaHousehold *self)
{
  VitaHousehold *copy;
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), NULL);

  copy = vita_household_new ();
  copy->id = self->id;
  copy->status = self->status;
  g_free (copy->language);
  copy->language = g_strdup (self->language);
  copy->tax_year = self->tax_year;
  copy->next_person = self->next_person;

  g_hash_table_iter_init (&iter, self->persons);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy->persons, key);

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (copy->values, g_strdup (key), g_strdup (value));

  return copy;
}

gint64
vita_household_get_id (VitaHousehold *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), 0);
  return self->id;
}

void
vita_household_set_id (VitaHousehold *self,
                       gint64         id)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  self->id = id;
}

VitaReturnStatus
vita_household_get_status (VitaHousehold *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), 0);
  return self->status;
}

void
vita_household_set_status (VitaHousehold    *self,
                           VitaReturnStatus  status)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  g_return_if_fail (status <= VITA_RETURN_STATUS_LAST);
  self->status = status;
}

const char *
vita_household_get_language (VitaHousehold *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), NULL);
  return self->language;
}

void
vita_household_set_language (VitaHousehold *self,
                             const char    *language)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  g_return_if_fail (language != NULL && *language != '\0');
  g_free (self->language);
  self->language = g_strdup (language);
}

int
vita_household_get_tax_year (VitaHousehold *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), 0);
  return self->tax_year;
}

void
vita_household_set_tax_year (VitaHousehold *self,
                             int            tax_year)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  self->tax_year = tax_year;
}

gboolean
vita_household_has_person (VitaHousehold *self,
                           int            person)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), FALSE);
  if (person == VITA_PERSON_HOUSEHOLD)
    return TRUE;
  return g_hash_table_contains (self->persons, GINT_TO_POINTER (person));
}

void
vita_household_add_spouse (VitaHousehold *self)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  g_hash_table_add (self->persons, GINT_TO_POINTER (VITA_PERSON_SPOUSE));
}

/**
 * vita_household_add_dependent:
 *
 * Adds a dependent or other household member.
 *
 * Returns: the new person's slot, never reused within this household.
 */
int
vita_household_add_dependent (VitaHousehold *self)
{
  int slot;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), -1);

  slot = self->next_person++;
  g_hash_table_add (self->persons, GINT_TO_POINTER (slot));
  return slot;
}

/**
 * vita_household_remove_person:
 *
 * Removes a spouse or dependent and every answer about them.  The taxpayer
 * cannot be removed.
 */
void
vita_household_remove_person (VitaHousehold *self,
                              int            person)
{
  GHashTableIter iter;
  gpointer key;

  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  g_return_if_fail (person > VITA_PERSON_TAXPAYER);

  g_hash_table_remove (self->persons, GINT_TO_POINTER (person));

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int p;
      const char *field;

      if (split_key (key, &p, &field) && p == person)
        g_hash_table_iter_remove (&iter);
    }
}

static int
compare_int (gconstpointer a,
             gconstpointer b)
{
  return *(const int *)a - *(const int *)b;
}

/**
 * vita_household_list_persons:
 *
 * Returns: (transfer full) (element-type int): the existing person slots in
 *   ascending order: taxpayer, spouse if any, then household members.
 */
GArray *
vita_household_list_persons (VitaHousehold *self)
{
  GArray *ret;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), NULL);

  ret = g_array_new (FALSE, FALSE, sizeof (int));
  g_hash_table_iter_init (&iter, self->persons);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int slot = GPOINTER_TO_INT (key);
      g_array_append_val (ret, slot);
    }
  g_array_sort (ret, compare_int);
  return ret;
}

const char *
vita_household_get (VitaHousehold *self,
                    int            person,
                    const char    *field_id)
{
  g_autofree char *key = NULL;
  char buf[256];

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  /* The tax year is a column of its own in the store (the retention date
   * is computed from it), shown in the interview as a household field. */
  if (person == VITA_PERSON_HOUSEHOLD && strcmp (field_id, VITA_FID_TAX_YEAR) == 0)
    {
      g_snprintf (self->tax_year_text, sizeof self->tax_year_text, "%d", self->tax_year);
      return self->tax_year_text;
    }
  if (format_key (buf, sizeof buf, person, field_id))
    return g_hash_table_lookup (self->values, buf);
  key = make_key (person, field_id);
  return g_hash_table_lookup (self->values, key);
}

gboolean
vita_household_get_boolean (VitaHousehold *self,
                            int            person,
                            const char    *field_id)
{
  return g_strcmp0 (vita_household_get (self, person, field_id), "yes") == 0;
}

/**
 * vita_household_set:
 * @value: (nullable): the canonical value, or %NULL or "" to clear it
 *
 * Setting a value for a person slot that does not exist yet creates it, so a
 * household loaded from the store rebuilds its persons from its answers.
 */
void
vita_household_set (VitaHousehold *self,
                    int            person,
                    const char    *field_id,
                    const char    *value)
{
  g_autofree char *key = NULL;

  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  g_return_if_fail (field_id != NULL && *field_id != '\0');
  g_return_if_fail (person >= VITA_PERSON_HOUSEHOLD);

  /* Never an answer of its own (see vita_household_get()); a tax year
   * cannot be cleared, only changed. */
  if (person == VITA_PERSON_HOUSEHOLD && strcmp (field_id, VITA_FID_TAX_YEAR) == 0)
    {
      guint64 year;

      if (value != NULL && strlen (value) == 4
          && g_ascii_string_to_unsigned (value, 10, 1900, 2199, &year, NULL))
        self->tax_year = (int) year;
      return;
    }

  key = make_key (person, field_id);
  if (value == NULL || *value == '\0')
    {
      g_hash_table_remove (self->values, key);
      return;
    }

  if (person >= VITA_PERSON_TAXPAYER)
    {
      g_hash_table_add (self->persons, GINT_TO_POINTER (person));
      if (person >= self->next_person)
        self->next_person = person + 1;
    }
  g_hash_table_insert (self->values, g_steal_pointer (&key), g_strdup (value));
}

void
vita_household_foreach (VitaHousehold            *self,
                        VitaHouseholdForeachFunc  func,
                        gpointer                  user_data)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (VITA_IS_HOUSEHOLD (self));
  g_return_if_fail (func != NULL);

  g_hash_table_iter_init (&iter, self->values);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int person;
      const char *field;

      if (split_key (key, &person, &field))
        func (person, field, value, user_data);
    }
}

guint
vita_household_get_n_values (VitaHousehold *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), 0);
  return g_hash_table_size (self->values);
}

/**
 * vita_household_person_needs_itin:
 * @person: a person slot
 *
 * Returns: %TRUE if @person needs a new ITIN or a renewal: the person for
 *   whom the interview runs a Form W-7
 */
gboolean
vita_household_person_needs_itin (VitaHousehold *self,
                                  int            person)
{
  const char *tin_type;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), FALSE);

  if (person < VITA_PERSON_TAXPAYER || !vita_household_has_person (self, person))
    return FALSE;
  tin_type = vita_household_get (self, person, VITA_FID_TIN_TYPE);
  return g_strcmp0 (tin_type, "needs_itin") == 0 || g_strcmp0 (tin_type, "renew_itin") == 0;
}

/**
 * vita_household_get_needs_itin:
 *
 * Returns: %TRUE if anyone in the household needs a new ITIN or a renewal,
 *   which is what decides whether the W-7 interview runs.
 */
gboolean
vita_household_get_needs_itin (VitaHousehold *self)
{
  g_autoptr(GArray) persons = NULL;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), FALSE);

  persons = vita_household_list_persons (self);
  for (guint i = 0; i < persons->len; i++)
    {
      if (vita_household_person_needs_itin (self, g_array_index (persons, int, i)))
        return TRUE;
    }
  return FALSE;
}

/**
 * vita_household_dup_display_name:
 *
 * Returns: (transfer full): "Last, First" of the taxpayer for lists, or an
 *   empty string while the names are not entered yet.
 */
char *
vita_household_dup_display_name (VitaHousehold *self)
{
  const char *first, *last;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (self), NULL);

  first = vita_household_get (self, VITA_PERSON_TAXPAYER, VITA_FID_FIRST_NAME);
  last = vita_household_get (self, VITA_PERSON_TAXPAYER, VITA_FID_LAST_NAME);
  if (first != NULL && last != NULL)
    return g_strdup_printf ("%s, %s", last, first);
  return g_strdup (last ? last : first ? first : "");
}

const char *
vita_return_status_to_string (VitaReturnStatus status)
{
  g_return_val_if_fail (status <= VITA_RETURN_STATUS_LAST, NULL);
  return status_ids[status];
}

gboolean
vita_return_status_from_string (const char       *str,
                                VitaReturnStatus *status)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_ids); i++)
    {
      if (g_strcmp0 (str, status_ids[i]) == 0)
        {
          *status = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
vita_return_status_get_label (VitaReturnStatus status)
{
  g_return_val_if_fail (status <= VITA_RETURN_STATUS_LAST, NULL);
  return _(status_labels[status]);
}
