/* vita-store-retention.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: retention and crypto-shredding.
 *
 * Every answer not classified "safe" is sealed (XChaCha20-Poly1305) under a
 * key of its own household.  Household keys are wrapped under the retention
 * key of the household's purge date ("bucket").  Retention keys are wrapped
 * under a key kept inside the store and are themselves kept only in the
 * site's live keys file — never in a backup.  Purging destroys the
 * retention key (or, for one household ahead of its bucket, replaces it and
 * re-wraps everyone else), so no earlier copy of the store can reveal the
 * purged identity again, while the non-identifying answers stay.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "vita-field-ids.h"
#include "vita-clock.h"
#include "vita-field.h"
#include "vita-store-private.h"
#include "vita-store-settings.h"
#include "vita-minimum-data.h"

#define ANSWER_CONTEXT "vita-answer-1"
#define HOUSEHOLD_KEY_CONTEXT "vita-household-key-1"
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES

/* ------------------------------------------------------------------ */
/* Policy                                                              */
/* ------------------------------------------------------------------ */

/* How retention dates are decided (see also docs/HACKING.md, "Retention").
 *
 * A household's purge date is the latest of
 *  - the site policy's date for its tax year (30 April after it by default),
 *  - its last change plus the site minimum ("retention-min-days", 90 days
 *    unless set), rounded up to the end of that month so that households
 *    changed in the same month share one retention bucket (one key), and
 *  - whatever date it already had: a save never brings a date forward.
 * It is recomputed on every save and status change, so a household that is
 * being worked on never has a date in the past.
 *
 * Being past that date is not enough to be purged: a household is "due"
 * only once its return is finished (filed, accepted or not filing).  A
 * return still in intake, preparation, quality review, or rejected, keeps
 * its identity until a coordinator decides otherwise for that household
 * (vita_store_purge_household(), audited). */

/* Nobody, coordinator or not, keeps identity longer than this many years
 * after the policy date: far beyond any IRS need, and it keeps typing
 * slips like 9999 out of the store. */
#define HARD_LIMIT_YEARS 10

/**
 * vita_retention_parse_date:
 * @text: a date as YYYY-MM-DD
 * @date: (out caller-allocates): the date
 * @error: return location for a #GError
 *
 * Strictly: four-digit year from 2000 to 2199, a real calendar day
 * (2026-02-30 is refused, without a GLib warning).
 */
gboolean
vita_retention_parse_date (const char  *text,
                           GDate       *date,
                           GError     **error)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    goto invalid;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      goto invalid;
  y = atoi (text);
  m = atoi (text + 5);
  d = atoi (text + 8);
  if (y < 2000 || y > 2199 || !g_date_valid_dmy (d, m, y))
    goto invalid;
  g_date_set_dmy (date, d, m, y);
  return TRUE;

invalid:
  g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                       _("Enter a real date as year-month-day, for example 2027-04-30."));
  return FALSE;
}

char *
_vita_format_iso_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * vita_retention_purge_date:
 * @policy: a site retention setting, or an explicit YYYY-MM-DD date
 * @tax_year: the household's tax year
 *
 * The policy's own date only.  The default, "end-of-season", purges
 * identity once the filing season for the tax year is over (30 April of
 * the next year).  A household's real date is never earlier than this, but
 * may be later: see vita_store_dup_purge_date().
 *
 * Returns: (transfer full) (nullable): the purge date as YYYY-MM-DD
 */
char *
vita_retention_purge_date (const char *policy,
                           int         tax_year)
{
  GDate date;

  if (g_strcmp0 (policy, "end-of-season") == 0)
    return g_strdup_printf ("%04d-04-30", tax_year + 1);
  if (g_strcmp0 (policy, "end-of-extensions") == 0)
    return g_strdup_printf ("%04d-10-31", tax_year + 1);
  if (g_strcmp0 (policy, "one-year") == 0)
    return g_strdup_printf ("%04d-12-31", tax_year + 1);
  if (g_strcmp0 (policy, "three-years") == 0)
    return g_strdup_printf ("%04d-12-31", tax_year + 3);

  if (policy != NULL && vita_retention_parse_date (policy, &date, NULL))
    return g_strdup (policy);
  return NULL;
}

/**
 * vita_retention_status_is_final:
 *
 * Whether a return in @status is finished, so that its household may be
 * purged once its date has passed.  A rejected return is not: it is
 * corrected and filed again.
 */
gboolean
vita_retention_status_is_final (VitaReturnStatus status)
{
  return status == VITA_RETURN_STATUS_FILED
         || status == VITA_RETURN_STATUS_ACCEPTED
         || status == VITA_RETURN_STATUS_NOT_FILING;
}

/* The statuses above, for SQL. */
#define FINAL_STATUSES "('filed', 'accepted', 'not_filing')"

static gint64
setting_number (VitaStore  *self,
                const char *key,
                gint64      fallback,
                gint64      min,
                gint64      max)
{
  g_autofree char *text = vita_store_dup_setting (self, key, NULL);
  gint64 value;

  if (text == NULL || *text == '\0' || !g_ascii_string_to_signed (text, 10, min, max, &value, NULL))
    return fallback;
  return value;
}

/* The policy date of @tax_year as a GDate; an unknown policy counts as the
 * end of the season. */
static void
policy_date (VitaStore *self,
             int        tax_year,
             GDate     *out)
{
  g_autofree char *iso = vita_retention_purge_date (self->retention_policy, tax_year);

  if (iso == NULL || !vita_retention_parse_date (iso, out, NULL))
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, 30, G_DATE_APRIL, CLAMP (tax_year + 1, 2000, 2199));
    }
}

/* The local day of an ISO 8601 timestamp (the "updated" column), or today
 * when there is none. */
static void
day_of (const char *timestamp,
        GDate      *out)
{
  g_autoptr(GDateTime) dt = timestamp ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;

  if (dt == NULL)
    {
      vita_clock_get_today (out);
      return;
    }
  {
    g_autoptr(GDateTime) local = g_date_time_to_local (dt);

    g_date_clear (out, 1);
    g_date_set_dmy (out, g_date_time_get_day_of_month (local), g_date_time_get_month (local),
                    g_date_time_get_year (local));
  }
}

/* The earliest purge date a household may have: the policy date for its
 * tax year, and never before the site minimum after its last change. */
void
_vita_store_earliest_purge_date (VitaStore  *self,
                                 int         tax_year,
                                 const char *changed,
                                 GDate      *out)
{
  GDate floor;
  gint64 min_days;

  policy_date (self, tax_year, out);
  day_of (changed, &floor);
  /* Unreadable counts as the default: the floor is never skipped. */
  vita_store_get_setting_number (self, VITA_SETTING_RETENTION_MIN_DAYS, &min_days, NULL);
  g_date_add_days (&floor, min_days);
  /* End of the month: one bucket (one retention key) per month. */
  g_date_set_day (&floor, g_date_get_days_in_month (g_date_get_month (&floor), g_date_get_year (&floor)));
  if (g_date_compare (&floor, out) > 0)
    *out = floor;
}

/**
 * vita_store_get_default_tax_year:
 *
 * The tax year a new household starts with: the site's "season-tax-year"
 * setting when a coordinator set one, else the filing season of today's
 * date (an intake during year Y is for tax year Y - 1).  Volunteers change
 * it in the interview for prior-year and late returns.
 */
int
vita_store_get_default_tax_year (VitaStore *self)
{
  GDate today;
  int year;

  g_return_val_if_fail (VITA_IS_STORE (self), 0);

  vita_clock_get_today (&today);
  year = g_date_get_year (&today) - 1;
  if (vita_store_is_unlocked (self))
    year = (int) setting_number (self, VITA_SETTING_SEASON_TAX_YEAR, year, 2000, g_date_get_year (&today) - 1);
  return year;
}

/* Everything that is not explicitly safe is sealed, including fields this
 * version does not know: a new identifying field must never slip through
 * in plaintext because the catalogue lagged.  Generalised values written
 * at purge time ("dob@age_band") are the exception: they are what remains
 * for statistics. */
gboolean
_vita_store_field_is_sealed (const char *field_id)
{
  const VitaField *field;

  if (strchr (field_id, '@') != NULL)
    return FALSE;
  field = vita_field_lookup (field_id);
  return field == NULL || field->klass != VITA_FIELD_CLASS_SAFE;
}

/* ------------------------------------------------------------------ */
/* Rotation and purge                                                  */
/* ------------------------------------------------------------------ */

/* Re-wraps every household of @bucket except @except under a new retention
 * key, so the old key can be destroyed.  Inside a transaction. */
static gboolean
rotate_bucket (VitaStore   *self,
               const char  *bucket,
               gint64       except,
               GError     **error)
{
  g_auto(sqlite3_stmt_ptr) rows = NULL;
  g_autofree char *new_id = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  rows = _vita_store_prepare (self, "SELECT household_id FROM household_keys"
                                    " WHERE bucket = ?1 AND household_id != ?2", error);
  if (rows == NULL)
    return FALSE;
  sqlite3_bind_text (rows, 1, bucket, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (rows, 2, except);
  while (sqlite3_step (rows) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (rows, 0);
      g_array_append_val (ids, id);
    }

  new_id = _vita_store_create_retention_key (self, error);
  if (new_id == NULL)
    return FALSE;
  g_hash_table_remove (self->bucket_keys, bucket);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(VitaSecretKey) key = _vita_store_household_key (self, id, FALSE, NULL);

      /* A household whose key no longer opens has nothing left to protect. */
      if (key != NULL && !_vita_store_write_household_key (self, id, bucket, new_id, key, error))
        return FALSE;
    }

  g_clear_pointer (&rows, _vita_stmt_release);
  rows = _vita_store_prepare (self, "INSERT OR REPLACE INTO retention_buckets (bucket, key_id)"
                                    " VALUES (?1, ?2)", error);
  if (rows == NULL)
    return FALSE;
  sqlite3_bind_text (rows, 1, bucket, -1, SQLITE_STATIC);
  sqlite3_bind_text (rows, 2, new_id, -1, SQLITE_STATIC);
  return _vita_store_step (self, rows, error);
}

static const char *
age_band (int age)
{
  if (age < 18) return "0-17";
  if (age < 25) return "18-24";
  if (age < 35) return "25-34";
  if (age < 45) return "35-44";
  if (age < 55) return "45-54";
  if (age < 65) return "55-64";
  return "65+";
}

typedef struct
{
  VitaStore    *self;
  sqlite3_stmt *stmt;
  gint64        household_id;
  int           tax_year;
  gboolean      ok;
  GError      **error;
} Generalise;

/* Keeps what the export would keep of a quasi-identifier: an age band for a
 * birth date (age at the end of the tax year), the first three ZIP digits,
 * the year of a date.  Nothing else of the identity survives a purge. */
static void
generalise_value (int         person,
                  const char *field_id,
                  const char *value,
                  gpointer    user_data)
{
  Generalise *g = user_data;
  const VitaField *field = vita_field_lookup (field_id);
  g_autofree char *gen_field = NULL;
  g_autofree char *gen_value = NULL;

  if (!g->ok || field == NULL || strlen (value) < 4)
    return;
  if (field->export_rule == VITA_EXPORT_AGE_BAND && strlen (value) >= 4)
    {
      gen_field = g_strconcat (field_id, "@age_band", NULL);
      gen_value = g_strdup (age_band (g->tax_year - atoi (value)));
    }
  else if (field->export_rule == VITA_EXPORT_ZIP3 && g_ascii_isdigit (value[0]))
    {
      gen_field = g_strconcat (field_id, "@zip3", NULL);
      gen_value = g_strndup (value, 3);
    }
  else if (field->export_rule == VITA_EXPORT_YEAR_ONLY && g_ascii_isdigit (value[0]))
    {
      gen_field = g_strconcat (field_id, "@year", NULL);
      gen_value = g_strndup (value, 4);
    }
  else
    return;

  sqlite3_reset (g->stmt);
  sqlite3_bind_int64 (g->stmt, 1, g->household_id);
  sqlite3_bind_int (g->stmt, 2, person);
  sqlite3_bind_text (g->stmt, 3, gen_field, -1, SQLITE_STATIC);
  sqlite3_bind_text (g->stmt, 4, gen_value, -1, SQLITE_STATIC);
  g->ok = _vita_store_step (g->self, g->stmt, g->error);
}

/* Removes one household's identity inside the current transaction. */
static gboolean
shred_household (VitaStore   *self,
                 gint64       id,
                 const char  *now,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(VitaHousehold) hh = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  static const char *statements[] = {
    "DELETE FROM answers WHERE household_id = ?1 AND sealed IS NOT NULL",
    "DELETE FROM sealed_answers WHERE household_id = ?1",
    "DELETE FROM search_terms WHERE household_id = ?1",
    "DELETE FROM household_keys WHERE household_id = ?1",
    "UPDATE households SET sort_name = '', purged_at = ?2 WHERE id = ?1",
  };

  hh = _vita_store_read_household (self, id, &local_error);
  if (hh != NULL)
    {
      Generalise g = { self, NULL, id, vita_household_get_tax_year (hh), TRUE, error };

      stmt = _vita_store_prepare (self, "INSERT OR REPLACE INTO answers"
                                        " (household_id, person, field, value) VALUES (?1, ?2, ?3, ?4)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      g.stmt = stmt;
      vita_household_foreach (hh, generalise_value, &g);
      if (!g.ok)
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      g_clear_pointer (&stmt, _vita_stmt_release);
      stmt = _vita_store_prepare (self, statements[i], error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (strstr (statements[i], "?2") != NULL)
        sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      if (!_vita_store_step (self, stmt, error))
        return FALSE;
    }
  return vita_store_audit (self, "purge", id, NULL, error);
}

static gboolean
finish (VitaStore  *self,
        gboolean    ok,
        GError    **error)
{
  /* Whatever happened, bucket keys are looked up afresh from the store. */
  g_hash_table_remove_all (self->bucket_keys);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }
  if (!_vita_store_exec (self, "COMMIT;", error))
    {
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      return FALSE;
    }
  /* Keys are destroyed only after the commit that stopped using them; the
   * checkpoint moves the new state out of the WAL into the main file. */
  sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE);", NULL, NULL, NULL);
  return _vita_store_destroy_unused_retention_keys (self, error);
}

/**
 * vita_store_purge_household:
 *
 * Destroys the identity of one household now (the member asked, or its
 * retention ran out): its sealed answers and search words are deleted and
 * its key is destroyed, and the other households of its retention bucket
 * move to a new retention key so that no backup made before can reveal it.
 * Safe answers and generalised statistics stay.
 */
gboolean
vita_store_purge_household (VitaStore   *self,
                            gint64       household_id,
                            GError     **error)
{
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autofree char *bucket = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "purge", error) || !_vita_store_begin_write (self, error))
    goto out;

  bucket = _vita_store_household_bucket (self, household_id, error);
  ok = bucket != NULL
       && rotate_bucket (self, bucket, household_id, error)
       && shred_household (self, household_id, now, error);
  ok = finish (self, ok, error);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* A purge "today" later than the clock's would purge what is not due yet:
 * refuse it.  An earlier one only purges less. */
static gboolean
check_today (const char  *today,
             GError     **error)
{
  GDate date, now;

  if (!vita_retention_parse_date (today, &date, error))
    return FALSE;
  vita_clock_get_today (&now);
  if (g_date_compare (&date, &now) > 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("Households cannot be purged ahead of their date."));
      return FALSE;
    }
  return TRUE;
}

/**
 * vita_store_purge_due:
 * @today: YYYY-MM-DD, not later than the clock's today
 *
 * Purges every household that is due: past its purge date and with a
 * finished return (vita_retention_status_is_final()).  A bucket whose
 * households are all gone loses its key; one that still holds households
 * that are not due moves them to a new key, so an earlier backup cannot
 * reveal the purged ones.
 */
gboolean
vita_store_purge_due (VitaStore   *self,
                      const char  *today,
                      guint       *n_purged,
                      GError     **error)
{
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) buckets = g_ptr_array_new_with_free_func (g_free);
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  if (n_purged)
    *n_purged = 0;
  if (!check_today (today, error))
    return FALSE;

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "purge", error) || !_vita_store_begin_write (self, error))
    goto out;

  stmt = _vita_store_prepare (self, "SELECT id FROM households WHERE purged_at IS NULL"
                                    " AND purge_after IS NOT NULL AND purge_after <= ?1"
                                    " AND status IN " FINAL_STATUSES, error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      g_clear_pointer (&stmt, _vita_stmt_release);
    }
  /* The buckets the purged households leave. */
  if (ok && ids->len > 0)
    {
      stmt = _vita_store_prepare (self, "SELECT DISTINCT k.bucket FROM household_keys k"
                                        " JOIN households h ON h.id = k.household_id"
                                        " WHERE h.purged_at IS NULL AND h.purge_after <= ?1"
                                        " AND h.status IN " FINAL_STATUSES, error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_ptr_array_add (buckets, g_strdup ((const char *)sqlite3_column_text (stmt, 0)));
          g_clear_pointer (&stmt, _vita_stmt_release);
        }
    }
  for (guint i = 0; ok && i < ids->len; i++)
    ok = shred_household (self, g_array_index (ids, gint64, i), now, error);
  if (ok)
    {
      stmt = _vita_store_prepare (self, "DELETE FROM retention_buckets WHERE bucket <= ?1", error);
      ok = stmt != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
          ok = _vita_store_step (self, stmt, error);
        }
      g_clear_pointer (&stmt, _vita_stmt_release);
    }
  /* Households still in those buckets (not due) get a new key, so the old
   * one can go with the purged households. */
  for (guint i = 0; ok && i < buckets->len; i++)
    {
      const char *bucket = g_ptr_array_index (buckets, i);

      stmt = _vita_store_prepare (self, "SELECT 1 FROM household_keys WHERE bucket = ?1 LIMIT 1", error);
      ok = stmt != NULL;
      if (!ok)
        break;
      sqlite3_bind_text (stmt, 1, bucket, -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          g_clear_pointer (&stmt, _vita_stmt_release);
          ok = rotate_bucket (self, bucket, 0, error);
        }
      g_clear_pointer (&stmt, _vita_stmt_release);
    }
  ok = finish (self, ok, error);
  if (ok && n_purged)
    *n_purged = ids->len;
  /* minimum-data mode: contact answers past their date, TINs of finished
   * returns (vita-store-minimum-data.c).  Its own transaction. */
  if (ok)
    ok = vita_store_purge_minimum_data (self, today, NULL, error);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_count_past_date:
 * @today: YYYY-MM-DD
 * @counts: (out caller-allocates) (array fixed-size=7): per status, how many
 *   households still holding identity are past their date
 *
 * Only the final statuses (vita_retention_status_is_final()) among them
 * are due; the others are shown so the coordinator can decide about each.
 */
gboolean
vita_store_count_past_date (VitaStore   *self,
                            const char  *today,
                            gint64       counts[VITA_RETURN_STATUS_LAST + 1],
                            GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GDate date;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  memset (counts, 0, sizeof (gint64) * (VITA_RETURN_STATUS_LAST + 1));
  if (!vita_retention_parse_date (today, &date, error))
    return FALSE;

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "purge", error)
      && (stmt = _vita_store_prepare (self, "SELECT status, count(*) FROM households WHERE purged_at IS NULL"
                                            " AND purge_after <= ?1 GROUP BY status", error)) != NULL)
    {
      int rc;

      sqlite3_bind_text (stmt, 1, today, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          VitaReturnStatus status = VITA_RETURN_STATUS_INTAKE;

          vita_return_status_from_string ((const char *)sqlite3_column_text (stmt, 0), &status);
          counts[status] += sqlite3_column_int64 (stmt, 1);
        }
      ok = rc == SQLITE_DONE || _vita_store_sqlite_error (error, self->db, rc);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_count_purge_due:
 *
 * Returns: how many households vita_store_purge_due() would purge on
 *   @today, or -1 with @error set
 */
gint64
vita_store_count_purge_due (VitaStore   *self,
                            const char  *today,
                            GError     **error)
{
  gint64 counts[VITA_RETURN_STATUS_LAST + 1];
  gint64 due = 0;

  if (!vita_store_count_past_date (self, today, counts, error))
    return -1;
  for (int i = 0; i <= VITA_RETURN_STATUS_LAST; i++)
    if (vita_retention_status_is_final (i))
      due += counts[i];
  return due;
}

char *
vita_store_dup_purge_date (VitaStore   *self,
                           gint64       household_id,
                           GError     **error)
{
  char *date = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error))
    date = _vita_store_household_bucket (self, household_id, error);
  g_rec_mutex_unlock (&self->lock);
  return date;
}

/**
 * vita_store_dup_member_purge_date:
 * @household_id: the household, or 0 for one not saved yet
 * @tax_year: the tax year of an unsaved household
 * @pending: (out) (optional): set when the return is not finished, so the
 *   date is the earliest possible one and may move later
 *
 * The date to tell a member: never in the past.  When the return is not
 * finished, the household is kept until it is, and at least until the
 * returned date (any change, filing included, keeps it the site minimum
 * beyond).  A finished household past its date is purged at the next
 * purge, which cannot be earlier than tomorrow for a member reading it.
 *
 * Returns: (transfer full) (nullable): YYYY-MM-DD
 */
char *
vita_store_dup_member_purge_date (VitaStore   *self,
                                  gint64       household_id,
                                  int          tax_year,
                                  gboolean    *pending,
                                  GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *stored = NULL;
  VitaReturnStatus status = VITA_RETURN_STATUS_INTAKE;
  GDate date, floor, today;
  char *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  vita_clock_get_today (&today);
  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "edit-household", error))
    goto out;
  if (household_id == 0)
    _vita_store_earliest_purge_date (self, tax_year > 0 ? tax_year : vita_store_get_default_tax_year (self), NULL,
                         &date);
  else
    {
      stored = _vita_store_household_bucket (self, household_id, error);
      if (stored == NULL)
        goto out;
      stmt = _vita_store_prepare (self, "SELECT status FROM households WHERE id = ?1", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, household_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        vita_return_status_from_string ((const char *)sqlite3_column_text (stmt, 0), &status);
      if (!vita_retention_parse_date (stored, &date, NULL))
        date = today;
    }

  if (!vita_retention_status_is_final (status))
    {
      /* Whatever happens next is a change: the date is at least that far. */
      _vita_store_earliest_purge_date (self, 0, NULL, &floor);
      if (g_date_compare (&floor, &date) > 0)
        date = floor;
    }
  else if (g_date_compare (&date, &today) <= 0)
    {
      date = today;
      g_date_add_days (&date, 1);
    }
  if (pending)
    *pending = !vita_retention_status_is_final (status);
  ret = _vita_format_iso_date (&date);

out:
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

/**
 * vita_store_set_household_retention:
 * @purge_after: YYYY-MM-DD, the member's choice
 *
 * Moves the household to another retention bucket.  The bucket it leaves
 * gets a new key, so a copy made while it was there does not outlive the
 * new date.
 *
 * The date must be a real date, not before the household's earliest date
 * (its policy date, and the site minimum after its last change: to remove
 * identity sooner, purge the household), and not more than
 * "retention-max-days" (365 unless set) after its policy date unless the
 * user is a coordinator.  Nobody may go past HARD_LIMIT_YEARS.  A date
 * beyond the policy is audited as "beyond-policy", never with the date.
 */
gboolean
vita_store_set_household_retention (VitaStore   *self,
                                    gint64       household_id,
                                    const char  *purge_after,
                                    GError     **error)
{
  g_autofree char *old_bucket = NULL;
  g_autofree char *key_id = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *date = NULL;
  g_autoptr(VitaSecretKey) key = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GDate wanted, earliest, policy, limit;
  gint64 max_days;
  const char *detail = "within-policy";
  int tax_year;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  if (!vita_retention_parse_date (purge_after, &wanted, error))
    return FALSE;
  date = _vita_format_iso_date (&wanted);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "edit-household", error) || !_vita_store_begin_write (self, error))
    goto out;

  stmt = _vita_store_prepare (self, "SELECT tax_year, updated FROM households"
                                    " WHERE id = ?1 AND purged_at IS NULL", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, household_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      goto fail;
    }
  tax_year = sqlite3_column_int (stmt, 0);
  updated = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
  g_clear_pointer (&stmt, _vita_stmt_release);

  _vita_store_earliest_purge_date (self, tax_year, updated, &earliest);
  policy_date (self, tax_year, &policy);
  if (g_date_compare (&wanted, &earliest) < 0)
    {
      g_autofree char *text = _vita_format_iso_date (&earliest);

      /* Translators: %s is a date as year-month-day. */
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   _("This household’s date cannot be before %s under the site’s policy. To remove "
                     "its identity sooner, purge the household."), text);
      goto fail;
    }
  limit = policy;
  g_date_add_years (&limit, HARD_LIMIT_YEARS);
  if (g_date_compare (&wanted, &limit) > 0)
    {
      g_autofree char *text = _vita_format_iso_date (&limit);

      /* Translators: %s is a date as year-month-day. */
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   _("Identity cannot be kept past %s. Check the year."), text);
      goto fail;
    }
  limit = policy;
  vita_store_get_setting_number (self, VITA_SETTING_RETENTION_MAX_DAYS, &max_days, NULL);
  g_date_add_days (&limit, max_days);
  if (g_date_compare (&limit, &earliest) < 0)
    limit = earliest;
  if (g_date_compare (&wanted, &limit) > 0)
    {
      if (self->role != VITA_ROLE_COORDINATOR)
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                               _("Keeping identity this much longer than the site’s policy is for the "
                                 "site coordinator to decide."));
          goto fail;
        }
      detail = "beyond-policy";
    }

  old_bucket = _vita_store_household_bucket (self, household_id, error);
  key = old_bucket ? _vita_store_household_key (self, household_id, TRUE, error) : NULL;
  ok = key != NULL
       && (g_strcmp0 (old_bucket, date) == 0
           || ((stmt = _vita_store_prepare (self, "UPDATE households SET purge_after = ?2 WHERE id = ?1",
                                            error)) != NULL
               && sqlite3_bind_int64 (stmt, 1, household_id) == SQLITE_OK
               && sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC) == SQLITE_OK
               && _vita_store_step (self, stmt, error)
               && (key_id = _vita_store_bucket_key_id (self, date, error)) != NULL
               && _vita_store_write_household_key (self, household_id, date, key_id, key, error)
               && rotate_bucket (self, old_bucket, household_id, error)))
       && vita_store_audit (self, "change-retention", household_id, detail, error);
  ok = finish (self, ok, error);
  goto out;

fail:
  ok = finish (self, FALSE, error);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

