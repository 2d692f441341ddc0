/* vita-store-minimum-data.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: minimum-data mode (issue 14, item 8).
 *
 * Form 13614-C has no SSN/ITIN field (domain-rules.md 1.1): the preparer
 * types the numbers into the IRS-approved return software from the
 * member's cards and letters.  What this program prints that needs a TIN is
 * Form W-7 (boxes d/e: the U.S. person's SSN/ITIN; line 6f: a previous ITIN
 * or IRSN) and the preparer's sheet (the ITIN expiry check).  So, with the
 * site setting "minimum-data" on:
 *
 *  - TINs (every catalogue field of type TIN: each person's "tin",
 *    "w7.us_person_tin", "w7.prev.itin", "w7.prev.irsn") are kept while the
 *    household's forms are being prepared, and erased
 *      - when its forms are printed as a complete set (no W-7 printed as a
 *        draft: a draft is printed again once fixed, and needs them), and
 *      - when its return becomes finished (filed, accepted, not filing:
 *        vita_retention_status_is_final()), at that status change or at
 *        any save in that status, and at the next purge run for households
 *        that were finished before the mode was turned on.
 *    A TIN typed in again after a print (to correct a form) is kept until
 *    the next complete print or the finished status.
 *  - The contact answers (address, phone, e-mail; the W-7's mailing and
 *    foreign addresses) are kept until the first purge run on or after
 *    "minimum-data-contact-days" (default 7) after a complete print.  The
 *    ZIP code's first three digits stay, as a full purge keeps them.
 *
 * "Erased" means: the household is read, the answers are removed, and its
 * answers are sealed again under a new household key, so the old sealed
 * blob and the old wrapped key are nowhere in the live store (the store's
 * connections run with secure_delete, and the WAL is checkpointed and
 * truncated after the commit).  The retention key of the household's
 * bucket is not replaced: a backup made earlier keeps the erased answers,
 * sealed, until that bucket's key is destroyed at the household's purge
 * date.  Replacing it at every print would make every earlier backup lose
 * the whole month's households; the notice says this honestly.
 *
 * Every erasure is one audit entry ("erase-tins" with detail "printed" or
 * "finished", "erase-contact"), never a value.  With the mode off nothing
 * here changes what the store keeps.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-field.h"
#include "vita-minimum-data-private.h"
#include "vita-retention.h"

#define FINAL_STATUSES "('filed', 'accepted', 'not_filing')"

/* ------------------------------------------------------------------ */
/* Which answers                                                       */
/* ------------------------------------------------------------------ */

/**
 * vita_minimum_data_field_is_tin:
 *
 * Whether @field_id is a taxpayer identification number: every catalogue
 * field of type TIN, whoever's it is.
 */
gboolean
vita_minimum_data_field_is_tin (const char *field_id)
{
  const VitaField *field = field_id != NULL ? vita_field_lookup (field_id) : NULL;

  return field != NULL && field->type == VITA_FIELD_TIN;
}

/**
 * vita_minimum_data_field_is_contact:
 *
 * Whether @field_id is where a member can be found: the 13614-C address,
 * phone and e-mail, and the W-7's mailing and foreign addresses.
 */
gboolean
vita_minimum_data_field_is_contact (const char *field_id)
{
  static const char *prefixes[] = { "address.", "w7.mail.", "w7.foreign." };

  if (field_id == NULL || strchr (field_id, '@') != NULL)
    return FALSE;
  if (g_str_equal (field_id, "phone") || g_str_equal (field_id, "email"))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (g_str_has_prefix (field_id, prefixes[i]))
      return TRUE;
  return FALSE;
}

typedef struct
{
  GArray    *persons;
  GPtrArray *fields;
} Found;

static void
find_tin (int         person,
          const char *field_id,
          const char *value,
          gpointer    user_data)
{
  Found *found = user_data;

  if (!vita_minimum_data_field_is_tin (field_id))
    return;
  g_array_append_val (found->persons, person);
  g_ptr_array_add (found->fields, g_strdup (field_id));
}

/**
 * vita_minimum_data_strip_tins:
 *
 * Removes every TIN from @household in memory, as the store does for a
 * finished or printed household in minimum-data mode: for a copy a window
 * still holds, so a later save does not bring them back.  No store call.
 *
 * Returns: how many values were removed
 */
guint
vita_minimum_data_strip_tins (VitaHousehold *household)
{
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  Found found = { persons, fields };

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), 0);

  vita_household_foreach (household, find_tin, &found);
  for (guint i = 0; i < fields->len; i++)
    vita_household_set (household, g_array_index (persons, int, i), g_ptr_array_index (fields, i), NULL);
  return fields->len;
}

/* ------------------------------------------------------------------ */
/* Settings                                                            */
/* ------------------------------------------------------------------ */

gboolean
_vita_minimum_data_is_setting (const char *key)
{
  return g_str_equal (key, VITA_MINIMUM_DATA_KEY) || g_str_equal (key, VITA_MINIMUM_DATA_CONTACT_DAYS_KEY);
}

gboolean
_vita_minimum_data_check_setting (const char  *key,
                                  const char  *value,
                                  GError     **error)
{
  guint64 number;

  if (g_str_equal (key, VITA_MINIMUM_DATA_KEY))
    {
      if (g_str_equal (value, "on") || g_str_equal (value, "off"))
        return TRUE;
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("Minimum-data mode is either on or off."));
      return FALSE;
    }
  if (g_ascii_string_to_unsigned (value, 10, 0, 90, &number, NULL))
    return TRUE;
  g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                       _("Enter a number of days from 0 to 90."));
  return FALSE;
}

/**
 * vita_store_get_minimum_data:
 *
 * Whether the site uses minimum-data mode.  A store without the setting
 * (made before this version) does not: turning it on is a coordinator's
 * decision, because it changes what the notice tells members.
 */
gboolean
vita_store_get_minimum_data (VitaStore *self)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  if (!vita_store_is_unlocked (self))
    return FALSE;
  value = vita_store_dup_setting (self, VITA_MINIMUM_DATA_KEY, NULL);
  return g_strcmp0 (value, "on") == 0;
}

guint
vita_store_get_minimum_data_contact_days (VitaStore *self)
{
  g_autofree char *value = NULL;
  guint64 number;

  g_return_val_if_fail (VITA_IS_STORE (self), VITA_MINIMUM_DATA_DEFAULT_CONTACT_DAYS);

  if (vita_store_is_unlocked (self))
    value = vita_store_dup_setting (self, VITA_MINIMUM_DATA_CONTACT_DAYS_KEY, NULL);
  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, 90, &number, NULL))
    return VITA_MINIMUM_DATA_DEFAULT_CONTACT_DAYS;
  return (guint) number;
}

/* ------------------------------------------------------------------ */
/* Erasing                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean  contact;   /* contact answers, else TINs */
  GArray   *persons;
  GPtrArray *fields;
  GPtrArray *zip3;     /* "field@zip3" value to keep, or NULL */
} Collect;

static void
collect_answer (int         person,
                const char *field_id,
                const char *value,
                gpointer    user_data)
{
  Collect *c = user_data;
  const VitaField *field;

  if (c->contact ? !vita_minimum_data_field_is_contact (field_id) : !vita_minimum_data_field_is_tin (field_id))
    return;
  g_array_append_val (c->persons, person);
  g_ptr_array_add (c->fields, g_strdup (field_id));
  /* What a full purge keeps of a ZIP code, kept now already. */
  field = vita_field_lookup (field_id);
  if (c->contact && field != NULL && field->export_rule == VITA_EXPORT_ZIP3
      && strlen (value) >= 3 && g_ascii_isdigit (value[0]))
    g_ptr_array_add (c->zip3, g_strndup (value, 3));
  else
    g_ptr_array_add (c->zip3, NULL);
}

static gboolean
run (VitaStore   *self,
     const char  *sql,
     gint64       id,
     const char  *text,
     GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = _vita_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (text != NULL)
    sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
  return _vita_store_step (self, stmt, error);
}

/* Removes the TINs (or the contact answers) of one live household and
 * seals what is left under a new household key.  Inside a transaction.
 * @erased is set when there was something to remove (then audited). */
static gboolean
erase_answers (VitaStore   *self,
               gint64       id,
               gboolean     contact,
               const char  *detail,
               gboolean    *erased,
               GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VitaHousehold) hh = NULL;
  g_autoptr(GArray) persons = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) zip3 = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) before = NULL;
  Collect c = { contact, persons, fields, zip3 };

  if (erased != NULL)
    *erased = FALSE;
  if (!_vita_store_household_is_live (self, id))
    return TRUE;
  hh = _vita_store_read_household (self, id, &local_error);
  if (hh == NULL)
    {
      /* Its key is gone already: nothing left to erase. */
      if (g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  vita_household_foreach (hh, collect_answer, &c);
  if (fields->len == 0)
    return TRUE;
  before = _vita_store_answers_digest (self, hh);

  for (guint i = 0; i < fields->len; i++)
    {
      int person = g_array_index (persons, int, i);
      const char *field_id = g_ptr_array_index (fields, i);
      const char *kept = g_ptr_array_index (zip3, i);

      vita_household_set (hh, person, field_id, NULL);
      if (kept != NULL)
        {
          g_autofree char *gen = g_strconcat (field_id, "@zip3", NULL);

          vita_household_set (hh, person, gen, kept);
        }
    }

  /* A new household key: the old one (and with it any copy of the old
   * blob in this file) no longer opens anything here. */
  if (!run (self, "DELETE FROM household_keys WHERE household_id = ?1", id, NULL, error)
      || !_vita_store_write_answers (self, hh, error))
    return FALSE;

  /* Erasing is not a change a reviewer must see again: a sign-off that
   * covered the answers as they were stays bound to the answers that
   * remain; one for other answers is left as it is. */
  {
    g_autoptr(GBytes) digest = _vita_store_answers_digest (self, hh);
    g_auto(sqlite3_stmt_ptr) stmt = _vita_store_prepare (self, "UPDATE households SET reviewed_digest = ?2"
                                                               " WHERE id = ?1 AND reviewer_id IS NOT NULL"
                                                               " AND reviewed_digest = ?3",
                                                         error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_blob (stmt, 2, g_bytes_get_data (digest, NULL), g_bytes_get_size (digest), SQLITE_TRANSIENT);
    sqlite3_bind_blob (stmt, 3, g_bytes_get_data (before, NULL), g_bytes_get_size (before), SQLITE_TRANSIENT);
    if (!_vita_store_step (self, stmt, error))
      return FALSE;
  }

  if (erased != NULL)
    *erased = TRUE;
  return vita_store_audit (self, contact ? "erase-contact" : "erase-tins", id, detail, error);
}

static gboolean
ensure_row (VitaStore   *self,
            gint64       id,
            GError     **error)
{
  return run (self, "INSERT OR IGNORE INTO minimum_data (household_id) VALUES (?1)", id, NULL, error);
}

static gboolean
erase_tins (VitaStore   *self,
            gint64       id,
            const char  *detail,
            const char  *now,
            gboolean    *erased,
            GError     **error)
{
  return erase_answers (self, id, FALSE, detail, erased, error)
         && ensure_row (self, id, error)
         && run (self, "UPDATE minimum_data SET tins_erased_at = ?2 WHERE household_id = ?1", id, now, error);
}

/* After a commit that erased: the old pages leave the WAL. */
static void
checkpoint (VitaStore *self)
{
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
}

static void
note_tin (int         person,
          const char *field_id,
          const char *value,
          gpointer    user_data)
{
  gboolean *found = user_data;

  *found = *found || vita_minimum_data_field_is_tin (field_id);
}

static gboolean
household_has_tin (VitaHousehold *household)
{
  gboolean found = FALSE;

  vita_household_foreach (household, note_tin, &found);
  return found;
}

/**
 * _vita_store_minimum_data_after_change:
 *
 * Called inside the transaction of a save (@written: what it wrote) or a
 * status change (@written %NULL), after the household's row and answers
 * are written: a finished return keeps no TIN in minimum-data mode.
 */
gboolean
_vita_store_minimum_data_after_change (VitaStore        *self,
                                       gint64            household_id,
                                       VitaReturnStatus  status,
                                       VitaHousehold    *written,
                                       GError          **error)
{
  g_autofree char *now = NULL;

  if (!vita_retention_status_is_final (status) || !vita_store_get_minimum_data (self))
    return TRUE;
  now = vita_clock_now_iso8601 ();
  /* A save that wrote no TIN has nothing to erase: skip reading it back. */
  if (written != NULL && !household_has_tin (written))
    return ensure_row (self, household_id, error)
           && run (self, "UPDATE minimum_data SET tins_erased_at = ?2 WHERE household_id = ?1",
                   household_id, now, error);
  return erase_tins (self, household_id, "finished", now, NULL, error);
}

static gboolean
finish (VitaStore  *self,
        gboolean    ok,
        GError    **error)
{
  if (ok && _vita_store_exec (self, "COMMIT;", error))
    {
      checkpoint (self);
      return TRUE;
    }
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

/**
 * vita_store_record_forms_printed:
 * @complete: every form of the set printed for real (no W-7 marked as a
 *   draft)
 *
 * Called once a household's forms are printed.  In minimum-data mode, a
 * complete set erases the household's TINs now and dates its contact
 * answers for the purge run "minimum-data-contact-days" later.  A set with
 * a draft changes nothing: it is printed again once fixed.  With the mode
 * off this does nothing.
 */
gboolean
vita_store_record_forms_printed (VitaStore   *self,
                                 gint64       household_id,
                                 gboolean     complete,
                                 GError     **error)
{
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autofree char *purge_on = NULL;
  gboolean ok = FALSE;
  GDate date;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "edit-household", error))
    goto out;
  if (!complete || !vita_store_get_minimum_data (self))
    {
      ok = TRUE;
      goto out;
    }
  vita_clock_get_today (&date);
  g_date_add_days (&date, vita_store_get_minimum_data_contact_days (self));
  purge_on = _vita_format_iso_date (&date);

  if (!_vita_store_begin_write (self, error))
    goto out;
  ok = ensure_row (self, household_id, error)
       && run (self, "UPDATE minimum_data SET printed_at = ?2, contact_purged_at = NULL"
                     " WHERE household_id = ?1", household_id, now, error)
       && run (self, "UPDATE minimum_data SET contact_purge_after = ?2 WHERE household_id = ?1",
               household_id, purge_on, error)
       && erase_tins (self, household_id, "printed", now, NULL, error);
  ok = finish (self, ok, error);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_dup_contact_purge_date:
 *
 * Returns: (transfer full) (nullable): YYYY-MM-DD from which the next purge
 *   run erases the household's contact answers, or %NULL (and no error)
 *   when none is set or they are erased already
 */
char *
vita_store_dup_contact_purge_date (VitaStore   *self,
                                   gint64       household_id,
                                   GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  char *date = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self, "SELECT contact_purge_after FROM minimum_data"
                                            " WHERE household_id = ?1 AND contact_purged_at IS NULL",
                                      error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, household_id);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        date = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
    }
  g_rec_mutex_unlock (&self->lock);
  return date;
}

static GArray *
select_ids (VitaStore   *self,
            const char  *sql,
            const char  *today,
            GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = _vita_store_prepare (self, sql, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (stmt == NULL)
    return NULL;
  if (today != NULL)
    sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      _vita_store_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/**
 * vita_store_purge_minimum_data:
 * @today: YYYY-MM-DD, not later than the clock's today
 * @n_erased: (out) (optional): households that lost answers
 *
 * The purge run's part for minimum-data mode (vita_store_purge_due() runs
 * it too): erases the contact answers of households printed
 * "minimum-data-contact-days" or more before @today, and the TINs of
 * finished households that still hold some (finished before the mode was
 * turned on).  With the mode off it does nothing.
 */
gboolean
vita_store_purge_minimum_data (VitaStore   *self,
                               const char  *today,
                               guint       *n_erased,
                               GError     **error)
{
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autoptr(GArray) contacts = NULL;
  g_autoptr(GArray) finished = NULL;
  GDate date, clock_today;
  gboolean ok = FALSE;
  guint n = 0;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  if (n_erased != NULL)
    *n_erased = 0;
  if (!vita_retention_parse_date (today, &date, error))
    return FALSE;
  vita_clock_get_today (&clock_today);
  if (g_date_compare (&date, &clock_today) > 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("Households cannot be purged ahead of their date."));
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "purge", error))
    goto out;
  if (!vita_store_get_minimum_data (self))
    {
      ok = TRUE;
      goto out;
    }
  if (!_vita_store_begin_write (self, error))
    goto out;

  contacts = select_ids (self, "SELECT m.household_id FROM minimum_data m"
                               " JOIN households h ON h.id = m.household_id"
                               " WHERE h.purged_at IS NULL AND m.contact_purged_at IS NULL"
                               " AND m.contact_purge_after IS NOT NULL AND m.contact_purge_after <= ?1",
                         today, error);
  finished = contacts == NULL ? NULL
             : select_ids (self, "SELECT h.id FROM households h"
                                 " LEFT JOIN minimum_data m ON m.household_id = h.id"
                                 " WHERE h.purged_at IS NULL AND h.status IN " FINAL_STATUSES
                                 " AND (m.tins_erased_at IS NULL OR m.tins_erased_at < h.updated)",
                           NULL, error);
  ok = finished != NULL;
  for (guint i = 0; ok && i < contacts->len; i++)
    {
      gint64 id = g_array_index (contacts, gint64, i);
      gboolean erased = FALSE;

      ok = erase_answers (self, id, TRUE, NULL, &erased, error)
           && run (self, "UPDATE minimum_data SET contact_purged_at = ?2 WHERE household_id = ?1",
                   id, now, error);
      n += erased;
    }
  for (guint i = 0; ok && i < finished->len; i++)
    {
      gboolean erased = FALSE;

      ok = erase_tins (self, g_array_index (finished, gint64, i), "finished", now, &erased, error);
      n += erased;
    }
  ok = finish (self, ok, error);
  if (ok && n_erased != NULL)
    *n_erased = n;

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
