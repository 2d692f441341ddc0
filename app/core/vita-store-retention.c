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

#include "vita-clock.h"
#include "vita-field.h"
#include "vita-store-private.h"

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

#define DEFAULT_MIN_DAYS 90
#define DEFAULT_MAX_DAYS 365
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

static char *
format_iso (const GDate *date)
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
static void
earliest_purge_date (VitaStore  *self,
                     int         tax_year,
                     const char *changed,
                     GDate      *out)
{
  GDate floor;

  policy_date (self, tax_year, out);
  day_of (changed, &floor);
  g_date_add_days (&floor, setting_number (self, "retention-min-days", DEFAULT_MIN_DAYS, 1, 3650));
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
    year = (int) setting_number (self, "season-tax-year", year, 2000, g_date_get_year (&today) - 1);
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
/* Sealing                                                             */
/* ------------------------------------------------------------------ */

static GByteArray *
answer_ad (gint64      household_id,
           int         person,
           const char *field_id)
{
  GByteArray *ad = g_byte_array_new ();
  gint64 hh = GINT64_TO_LE (household_id);
  gint32 p = GINT32_TO_LE (person);

  /* Binding the position means a sealed value cannot be moved to another
   * field, person or household without failing to open. */
  g_byte_array_append (ad, (const guint8 *)ANSWER_CONTEXT, sizeof ANSWER_CONTEXT);
  g_byte_array_append (ad, (const guint8 *)&hh, sizeof hh);
  g_byte_array_append (ad, (const guint8 *)&p, sizeof p);
  g_byte_array_append (ad, (const guint8 *)field_id, strlen (field_id) + 1);
  return ad;
}

GBytes *
_vita_store_seal (VitaSecretKey *key,
                  gint64         household_id,
                  int            person,
                  const char    *field_id,
                  const void    *plain,
                  gsize          plain_len)
{
  g_autoptr(GByteArray) ad = answer_ad (household_id, person, field_id);
  guint8 *out = g_malloc (NONCE_BYTES + plain_len + TAG_BYTES);

  randombytes_buf (out, NONCE_BYTES);
  crypto_aead_xchacha20poly1305_ietf_encrypt (out + NONCE_BYTES, NULL, plain, plain_len,
                                              ad->data, ad->len, NULL, out,
                                              vita_secret_key_get_data (key));
  return g_bytes_new_take (out, NONCE_BYTES + plain_len + TAG_BYTES);
}

static void
wipe_and_free (gpointer data,
               gsize    len)
{
  sodium_memzero (data, len);
  g_free (data);
}

static void
free_secret_buffer (gpointer data)
{
  /* The length travels in front of the buffer so it can be wiped. */
  gsize *head = (gsize *)data - 1;
  wipe_and_free (head, *head + sizeof (gsize));
}

/**
 * _vita_store_open:
 *
 * Returns: (transfer full) (nullable): the plaintext, in a buffer that is
 *   wiped when the last reference goes, or %NULL with TAMPERED if it does
 *   not authenticate.
 */
GBytes *
_vita_store_open (VitaSecretKey  *key,
                  gint64          household_id,
                  int             person,
                  const char     *field_id,
                  const void     *sealed,
                  gsize           sealed_len,
                  GError        **error)
{
  g_autoptr(GByteArray) ad = NULL;
  const guint8 *in = sealed;
  gsize *head;
  gsize len;

  if (sealed_len < NONCE_BYTES + TAG_BYTES)
    goto tampered;
  len = sealed_len - NONCE_BYTES - TAG_BYTES;
  ad = answer_ad (household_id, person, field_id);
  head = g_malloc (sizeof (gsize) + len + 1);
  *head = len + 1;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt ((guint8 *)(head + 1), NULL, NULL, in + NONCE_BYTES,
                                                  sealed_len - NONCE_BYTES, ad->data, ad->len,
                                                  in, vita_secret_key_get_data (key)) != 0)
    {
      g_free (head);
      goto tampered;
    }
  ((guint8 *)(head + 1))[len] = '\0';
  return g_bytes_new_with_free_func (head + 1, len, free_secret_buffer, head + 1);

tampered:
  g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                       _("Part of this household's record was altered and cannot be opened."));
  return NULL;
}

/* secretbox with a fresh nonce: nonce || box. */
static GBytes *
wrap_key (const VitaSecretKey *wrapping,
          const VitaSecretKey *key)
{
  guint8 *out = g_malloc (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + VITA_KEY_BYTES);

  randombytes_buf (out, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy (out + crypto_secretbox_NONCEBYTES, vita_secret_key_get_data (key),
                         VITA_KEY_BYTES, out, vita_secret_key_get_data (wrapping));
  return g_bytes_new_take (out, crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + VITA_KEY_BYTES);
}

static VitaSecretKey *
unwrap_key (const VitaSecretKey *wrapping,
            const void          *data,
            gsize                len)
{
  const guint8 *in = data;
  guint8 *plain;
  VitaSecretKey *key = NULL;

  if (len != crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + VITA_KEY_BYTES)
    return NULL;
  plain = sodium_malloc (VITA_KEY_BYTES);
  if (crypto_secretbox_open_easy (plain, in + crypto_secretbox_NONCEBYTES,
                                  len - crypto_secretbox_NONCEBYTES, in,
                                  vita_secret_key_get_data (wrapping)) == 0)
    key = vita_secret_key_new_from_bytes (plain, VITA_KEY_BYTES);
  sodium_free (plain);
  return key;
}

/* ------------------------------------------------------------------ */
/* Keys                                                                */
/* ------------------------------------------------------------------ */

/**
 * _vita_store_ensure_secret:
 *
 * Returns a random 256-bit secret kept in the settings table, creating it
 * the first time (stores made before the secret existed get one then).
 */
gboolean
_vita_store_ensure_secret (VitaStore      *self,
                           const char     *setting,
                           VitaSecretKey **out,
                           GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  guint8 raw[VITA_KEY_BYTES];
  char hex[VITA_KEY_BYTES * 2 + 1];
  gsize len = 0;

  stmt = _vita_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, setting, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *text = (const char *)sqlite3_column_text (stmt, 0);

      if (text == NULL
          || sodium_hex2bin (raw, sizeof raw, text, strlen (text), NULL, &len, NULL) != 0
          || len != sizeof raw)
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT,
                               _("Part of the store file is damaged. Restore it from a backup."));
          return FALSE;
        }
    }
  else
    {
      g_clear_pointer (&stmt, _vita_stmt_release);
      randombytes_buf (raw, sizeof raw);
      sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
      stmt = _vita_store_prepare (self, "INSERT INTO settings (key, value) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, setting, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, hex, -1, SQLITE_TRANSIENT);
      sodium_memzero (hex, sizeof hex);
      if (!_vita_store_step (self, stmt, error))
        return FALSE;
    }

  *out = vita_secret_key_new_from_bytes (raw, sizeof raw);
  sodium_memzero (raw, sizeof raw);
  return TRUE;
}

gboolean
_vita_store_load_retention_keys (VitaStore    *self,
                                 VitaKeyfile  *keyfile,
                                 GError      **error)
{
  g_auto(GStrv) ids = NULL;

  if (self->wrap_key == NULL
      && !_vita_store_ensure_secret (self, "retention-wrap-key", &self->wrap_key, error))
    return FALSE;

  g_hash_table_remove_all (self->retention_keys);
  g_hash_table_remove_all (self->bucket_keys);
  g_free (self->retention_policy);
  self->retention_policy = vita_store_dup_setting (self, "retention", NULL);
  if (self->retention_policy == NULL)
    self->retention_policy = g_strdup ("end-of-season");
  ids = vita_keyfile_list_retention_keys (keyfile);
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(GBytes) wrapped = vita_keyfile_get_retention_key (keyfile, ids[i]);
      VitaSecretKey *key = NULL;

      if (wrapped != NULL)
        key = unwrap_key (self->wrap_key, g_bytes_get_data (wrapped, NULL), g_bytes_get_size (wrapped));
      /* A retention key that does not open belongs to another store (for
       * example a live keys file placed beside a restored backup): skip it
       * rather than refuse to open; what it wrapped stays unreadable. */
      if (key != NULL)
        g_hash_table_insert (self->retention_keys, g_strdup (ids[i]), key);
    }
  return TRUE;
}

static char *
new_key_id (void)
{
  guint8 raw[12];
  char hex[25];

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  return g_strdup (hex);
}

/* Creates a retention key and stores it in the keys file, durably, before
 * anything in the database may refer to it. */
static char *
create_retention_key (VitaStore  *self,
                      GError    **error)
{
  g_autoptr(VitaKeyfile) keyfile = vita_keyfile_load (self->keys_path, error);
  g_autoptr(VitaSecretKey) key = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  g_autofree char *id = NULL;

  if (keyfile == NULL)
    return NULL;
  key = vita_secret_key_new_random ();
  id = new_key_id ();
  wrapped = wrap_key (self->wrap_key, key);
  vita_keyfile_set_retention_key (keyfile, id, wrapped);
  if (!vita_keyfile_save (keyfile, self->keys_path, error))
    return NULL;
  g_hash_table_insert (self->retention_keys, g_strdup (id), g_steal_pointer (&key));
  return g_steal_pointer (&id);
}

/* Drops retention keys that no household refers to any more.  Called after
 * the database commit that released them. */
static gboolean
destroy_unused_retention_keys (VitaStore  *self,
                               GError    **error)
{
  g_autoptr(VitaKeyfile) keyfile = vita_keyfile_load (self->keys_path, error);
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_auto(GStrv) ids = NULL;
  gboolean changed = FALSE;

  if (keyfile == NULL)
    return FALSE;
  stmt = _vita_store_prepare (self, "SELECT 1 FROM household_keys WHERE key_id = ?1"
                                    " UNION ALL SELECT 1 FROM retention_buckets WHERE key_id = ?1"
                                    " LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  ids = vita_keyfile_list_retention_keys (keyfile);
  for (guint i = 0; ids[i]; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, ids[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        continue;
      vita_keyfile_remove_retention_key (keyfile, ids[i]);
      g_hash_table_remove (self->retention_keys, ids[i]);
      changed = TRUE;
    }
  return !changed || vita_keyfile_save (keyfile, self->keys_path, error);
}

static char *
bucket_key_id (VitaStore   *self,
               const char  *bucket,
               GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *id = NULL;
  const char *cached = g_hash_table_lookup (self->bucket_keys, bucket);

  if (cached != NULL && g_hash_table_contains (self->retention_keys, cached))
    return g_strdup (cached);

  stmt = _vita_store_prepare (self, "SELECT key_id FROM retention_buckets WHERE bucket = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, bucket, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      if (g_hash_table_contains (self->retention_keys, id))
        {
          g_hash_table_insert (self->bucket_keys, g_strdup (bucket), g_strdup (id));
          return g_steal_pointer (&id);
        }
    }
  g_clear_pointer (&stmt, _vita_stmt_release);

  id = create_retention_key (self, error);
  if (id == NULL)
    return NULL;
  stmt = _vita_store_prepare (self, "INSERT OR REPLACE INTO retention_buckets (bucket, key_id)"
                                    " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, bucket, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (!_vita_store_step (self, stmt, error))
    return NULL;
  g_hash_table_insert (self->bucket_keys, g_strdup (bucket), g_strdup (id));
  return g_steal_pointer (&id);
}

static char *
household_bucket (VitaStore   *self,
                  gint64       household_id,
                  GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *updated = NULL;
  char *bucket = NULL;
  int tax_year = 0;
  GDate date;

  stmt = _vita_store_prepare (self, "SELECT purge_after, tax_year, updated FROM households WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      return NULL;
    }
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    return g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  tax_year = sqlite3_column_int (stmt, 1);
  updated = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  g_clear_pointer (&stmt, _vita_stmt_release);

  earliest_purge_date (self, tax_year, updated, &date);
  bucket = format_iso (&date);

  stmt = _vita_store_prepare (self, "UPDATE households SET purge_after = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    {
      g_free (bucket);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_text (stmt, 2, bucket, -1, SQLITE_STATIC);
  if (!_vita_store_step (self, stmt, error))
    g_clear_pointer (&bucket, g_free);
  return bucket;
}

static gboolean
write_household_key (VitaStore            *self,
                     gint64                household_id,
                     const char           *bucket,
                     const char           *key_id,
                     const VitaSecretKey  *household_key,
                     GError              **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GBytes) wrapped = NULL;
  VitaSecretKey *retention = g_hash_table_lookup (self->retention_keys, key_id);

  g_assert (retention != NULL);
  wrapped = wrap_key (retention, household_key);
  stmt = _vita_store_prepare (self, "INSERT OR REPLACE INTO household_keys"
                                    " (household_id, bucket, key_id, wrapped) VALUES (?1, ?2, ?3, ?4)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_text (stmt, 2, bucket, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, key_id, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (wrapped, NULL), g_bytes_get_size (wrapped),
                     SQLITE_STATIC);
  return _vita_store_step (self, stmt, error);
}

/**
 * _vita_store_household_key:
 * @create: make the key (and the bucket's retention key) if there is none
 *
 * Must be called inside a transaction when @create is set.
 *
 * Returns: (transfer full) (nullable): the household's data key; %NULL with
 *   NOT_FOUND when it was purged (or, for a restored backup, never here)
 */
VitaSecretKey *
_vita_store_household_key (VitaStore  *self,
                           gint64      household_id,
                           gboolean    create,
                           GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *key_id = NULL;
  g_autoptr(VitaSecretKey) key = NULL;

  stmt = _vita_store_prepare (self, "SELECT key_id, wrapped FROM household_keys WHERE household_id = ?1",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, household_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VitaSecretKey *retention = g_hash_table_lookup (self->retention_keys,
                                                      sqlite3_column_text (stmt, 0));

      if (retention != NULL)
        key = unwrap_key (retention, sqlite3_column_blob (stmt, 1), sqlite3_column_bytes (stmt, 1));
      if (key == NULL)
        g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                             _("The identity of this household was purged or is not in this copy of the store."));
      return g_steal_pointer (&key);
    }
  if (!create)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("The identity of this household was purged or is not in this copy of the store."));
      return NULL;
    }
  g_clear_pointer (&stmt, _vita_stmt_release);

  bucket = household_bucket (self, household_id, error);
  if (bucket == NULL || (key_id = bucket_key_id (self, bucket, error)) == NULL)
    return NULL;
  key = vita_secret_key_new_random ();
  if (!write_household_key (self, household_id, bucket, key_id, key, error))
    return NULL;
  return g_steal_pointer (&key);
}

/**
 * _vita_store_refresh_purge_date:
 *
 * After a save or a status change (which set "updated"): moves the
 * household's purge date later if it is now earlier than its tax year's
 * policy date or than the site minimum after this change, and re-wraps its
 * key under the new date's retention key.  Never moves a date earlier.
 * Moving later needs no new key for the bucket it leaves: a copy made
 * while it was there becomes unreadable sooner, not later.  Inside a
 * transaction.
 */
gboolean
_vita_store_refresh_purge_date (VitaStore  *self,
                                gint64      household_id,
                                GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *current = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *bucket = NULL;
  g_autofree char *key_id = NULL;
  g_autoptr(VitaSecretKey) key = NULL;
  int tax_year;
  GDate earliest, have;

  stmt = _vita_store_prepare (self, "SELECT purge_after, tax_year, updated FROM households"
                                    " WHERE id = ?1 AND purged_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  current = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  tax_year = sqlite3_column_int (stmt, 1);
  updated = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
  g_clear_pointer (&stmt, _vita_stmt_release);

  earliest_purge_date (self, tax_year, updated, &earliest);
  if (current != NULL && vita_retention_parse_date (current, &have, NULL)
      && g_date_compare (&have, &earliest) >= 0)
    return TRUE;

  bucket = format_iso (&earliest);
  stmt = _vita_store_prepare (self, "UPDATE households SET purge_after = ?2 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_text (stmt, 2, bucket, -1, SQLITE_STATIC);
  if (!_vita_store_step (self, stmt, error))
    return FALSE;

  /* No key yet (a new household): it is made in the new bucket. */
  key = _vita_store_household_key (self, household_id, FALSE, NULL);
  if (key == NULL)
    return TRUE;
  key_id = bucket_key_id (self, bucket, error);
  return key_id != NULL && write_household_key (self, household_id, bucket, key_id, key, error);
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

  new_id = create_retention_key (self, error);
  if (new_id == NULL)
    return FALSE;
  g_hash_table_remove (self->bucket_keys, bucket);
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(VitaSecretKey) key = _vita_store_household_key (self, id, FALSE, NULL);

      /* A household whose key no longer opens has nothing left to protect. */
      if (key != NULL && !write_household_key (self, id, bucket, new_id, key, error))
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
  return destroy_unused_retention_keys (self, error);
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

  bucket = household_bucket (self, household_id, error);
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
    date = household_bucket (self, household_id, error);
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
    earliest_purge_date (self, tax_year > 0 ? tax_year : vita_store_get_default_tax_year (self), NULL,
                         &date);
  else
    {
      stored = household_bucket (self, household_id, error);
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
      earliest_purge_date (self, 0, NULL, &floor);
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
  ret = format_iso (&date);

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
  const char *detail = "within-policy";
  int tax_year;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  if (!vita_retention_parse_date (purge_after, &wanted, error))
    return FALSE;
  date = format_iso (&wanted);

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

  earliest_purge_date (self, tax_year, updated, &earliest);
  policy_date (self, tax_year, &policy);
  if (g_date_compare (&wanted, &earliest) < 0)
    {
      g_autofree char *text = format_iso (&earliest);

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
      g_autofree char *text = format_iso (&limit);

      /* Translators: %s is a date as year-month-day. */
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   _("Identity cannot be kept past %s. Check the year."), text);
      goto fail;
    }
  limit = policy;
  g_date_add_days (&limit, setting_number (self, "retention-max-days", DEFAULT_MAX_DAYS, 0, 3650));
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

  old_bucket = household_bucket (self, household_id, error);
  key = old_bucket ? _vita_store_household_key (self, household_id, TRUE, error) : NULL;
  ok = key != NULL
       && (g_strcmp0 (old_bucket, date) == 0
           || ((stmt = _vita_store_prepare (self, "UPDATE households SET purge_after = ?2 WHERE id = ?1",
                                            error)) != NULL
               && sqlite3_bind_int64 (stmt, 1, household_id) == SQLITE_OK
               && sqlite3_bind_text (stmt, 2, date, -1, SQLITE_STATIC) == SQLITE_OK
               && _vita_store_step (self, stmt, error)
               && (key_id = bucket_key_id (self, date, error)) != NULL
               && write_household_key (self, household_id, date, key_id, key, error)
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

/* ------------------------------------------------------------------ */
/* Reading every household                                             */
/* ------------------------------------------------------------------ */

/* One of the four tables, read in household id order. */
typedef struct
{
  sqlite3_stmt *stmt;
  gboolean      row;  /* a row is current */
  gint64        id;   /* its household */
} Cursor;

static gboolean
cursor_next (VitaStore  *self,
             Cursor     *cursor,
             GError    **error)
{
  int rc = sqlite3_step (cursor->stmt);

  cursor->row = rc == SQLITE_ROW;
  if (cursor->row)
    cursor->id = sqlite3_column_int64 (cursor->stmt, 0);
  else if (rc != SQLITE_DONE)
    return _vita_store_sqlite_error (error, self->db, rc);
  return TRUE;
}

/* Skips rows of households before @id (purged ones left out, or rows
 * whose household is gone); sets @at when a row of @id is current. */
static gboolean
cursor_seek (VitaStore  *self,
             Cursor     *cursor,
             gint64      id,
             gboolean   *at,
             GError    **error)
{
  while (cursor->row && cursor->id < id)
    if (!cursor_next (self, cursor, error))
      return FALSE;
  *at = cursor->row && cursor->id == id;
  return TRUE;
}

typedef struct
{
  int   person;
  gsize field;  /* offsets into the arena */
  gsize value;
} AnswerRef;

/* One household's strings, copied out of SQLite (whose column pointers die
 * on the next step) and out of the opened blob.  Grown by hand so that no
 * copy of a plaintext is ever freed without being wiped. */
typedef struct
{
  char   *data;
  gsize   len;
  gsize   size;
  GArray *refs;     /* AnswerRef */
  GArray *answers;  /* VitaAnswer, pointing into @data */
} Arena;

static gsize
arena_copy (Arena      *arena,
            const char *str,
            gsize       len)
{
  gsize offset = arena->len;

  if (arena->len + len + 1 > arena->size)
    {
      gsize size = MAX (MAX (arena->size * 2, arena->len + len + 1), 4096);
      char *data = g_malloc (size);

      if (arena->data != NULL)
        {
          memcpy (data, arena->data, arena->len);
          sodium_memzero (arena->data, arena->size);
          g_free (arena->data);
        }
      arena->data = data;
      arena->size = size;
    }
  memcpy (arena->data + offset, str, len);
  arena->data[offset + len] = '\0';
  arena->len += len + 1;
  return offset;
}

/* Empty values are left out, as vita_household_set() does, and so is what
 * it would refuse. */
static void
arena_add (Arena      *arena,
           int         person,
           const char *field,
           const char *value)
{
  AnswerRef ref;

  if (person < VITA_PERSON_HOUSEHOLD || field == NULL || *field == '\0' || value == NULL || *value == '\0')
    return;
  ref.person = person;
  ref.field = arena_copy (arena, field, strlen (field));
  ref.value = arena_copy (arena, value, strlen (value));
  g_array_append_val (arena->refs, ref);
}

static const VitaAnswer *
arena_answers (Arena *arena,
               guint *n_answers)
{
  g_array_set_size (arena->answers, arena->refs->len);
  for (guint i = 0; i < arena->refs->len; i++)
    {
      const AnswerRef *ref = &g_array_index (arena->refs, AnswerRef, i);
      VitaAnswer *answer = &g_array_index (arena->answers, VitaAnswer, i);

      answer->person = ref->person;
      answer->field = arena->data + ref->field;
      answer->value = arena->data + ref->value;
    }
  *n_answers = arena->answers->len;
  return (const VitaAnswer *) arena->answers->data;
}

static void
arena_clear (Arena *arena)
{
  if (arena->data != NULL)
    sodium_memzero (arena->data, arena->len);
  arena->len = 0;
  g_array_set_size (arena->refs, 0);
  g_array_set_size (arena->answers, 0);
}

/* unwrap_key() into a buffer the caller reuses: one locked buffer for a
 * whole export rather than a key object for each of its households (a
 * sodium_malloc() each was once a third of the export's time). */
static gboolean
unwrap_key_into (const VitaSecretKey *wrapping,
                 const void          *data,
                 gsize                len,
                 guint8              *out)
{
  const guint8 *in = data;

  if (data == NULL || len != crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + VITA_KEY_BYTES)
    return FALSE;
  return crypto_secretbox_open_easy (out, in + crypto_secretbox_NONCEBYTES,
                                     len - crypto_secretbox_NONCEBYTES, in,
                                     vita_secret_key_get_data (wrapping)) == 0;
}

static void
add_to_arena (int         person,
              const char *field,
              const char *value,
              gpointer    user_data)
{
  arena_add (user_data, person, field, value);
}

/* One household's rows of the answers table: plain ones, and ones sealed
 * one by one (schema version 2), which need the household's key. */
static gboolean
read_answer_rows (VitaStore      *self,
                  VitaSecretKey  *key,
                  gint64          id,
                  Cursor         *cursor,
                  Arena          *arena,
                  GError        **error)
{
  for (; cursor->row && cursor->id == id; )
    {
      sqlite3_stmt *stmt = cursor->stmt;
      int person = sqlite3_column_int (stmt, 1);
      const char *field = (const char *) sqlite3_column_text (stmt, 2);

      if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        arena_add (arena, person, field, (const char *) sqlite3_column_text (stmt, 3));
      else if (key != NULL && field != NULL)
        {
          g_autoptr(GBytes) value = _vita_store_open (key, id, person, field, sqlite3_column_blob (stmt, 4),
                                                      sqlite3_column_bytes (stmt, 4), error);

          if (value == NULL)
            return FALSE;
          arena_add (arena, person, field, g_bytes_get_data (value, NULL));
        }
      if (!cursor_next (self, cursor, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * vita_store_foreach_answers:
 * @include_purged: also visit purged households (their safe answers and
 *   generalised statistics only)
 *
 * Calls @func for every household in id order with its answers decrypted,
 * for the export: coordinators only, and the caller audits the export as
 * a whole.  Everything is read in one transaction, so an export sees one
 * consistent state of the store; @func must not write to the store.  A
 * household whose key is gone (purged, or a backup opened without this
 * site's retention keys) gives its plain answers only.
 *
 * Compared with vita_store_foreach_household() no VitaHousehold is built:
 * four cursors over the tables, merged by household id, and one reused
 * buffer that is wiped after each household.
 */
gboolean
vita_store_foreach_answers (VitaStore             *self,
                            gboolean               include_purged,
                            VitaStoreAnswersFunc   func,
                            gpointer               user_data,
                            GError               **error)
{
  g_auto(sqlite3_stmt_ptr) households_stmt = NULL;
  g_auto(sqlite3_stmt_ptr) keys_stmt = NULL;
  g_auto(sqlite3_stmt_ptr) sealed_stmt = NULL;
  g_auto(sqlite3_stmt_ptr) answers_stmt = NULL;
  g_autoptr(VitaSecretKey) key = NULL;
  Cursor households = { 0 }, keys = { 0 }, sealed = { 0 }, answers = { 0 };
  Arena arena = { 0 };
  gboolean began = FALSE, ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "export", error))
    goto out;
  /* One read transaction rather than one per statement. */
  if (sqlite3_get_autocommit (self->db))
    {
      if (!_vita_store_exec (self, "BEGIN;", error))
        goto out;
      began = TRUE;
    }

  if ((households_stmt = _vita_store_prepare (self, include_purged
                                                    ? "SELECT id, status, language, tax_year FROM households"
                                                      " ORDER BY id"
                                                    : "SELECT id, status, language, tax_year FROM households"
                                                      " WHERE purged_at IS NULL ORDER BY id", error)) == NULL
      || (keys_stmt = _vita_store_prepare (self, "SELECT household_id, key_id, wrapped FROM household_keys"
                                                 " ORDER BY household_id", error)) == NULL
      || (sealed_stmt = _vita_store_prepare (self, "SELECT household_id, blob FROM sealed_answers"
                                                   " ORDER BY household_id", error)) == NULL
      || (answers_stmt = _vita_store_prepare (self, "SELECT household_id, person, field, value, sealed"
                                                    " FROM answers ORDER BY household_id, person, field",
                                              error)) == NULL)
    goto out;
  households.stmt = households_stmt;
  keys.stmt = keys_stmt;
  sealed.stmt = sealed_stmt;
  answers.stmt = answers_stmt;
  if (!cursor_next (self, &keys, error) || !cursor_next (self, &sealed, error)
      || !cursor_next (self, &answers, error))
    goto out;

  /* Every household key is unwrapped into this one locked buffer. */
  key = vita_secret_key_new_random ();
  arena.refs = g_array_new (FALSE, FALSE, sizeof (AnswerRef));
  arena.answers = g_array_new (FALSE, FALSE, sizeof (VitaAnswer));

  for (;;)
    {
      VitaHouseholdAnswers hh = { 0 };
      gboolean at = FALSE, have_key = FALSE, visited;

      if (!cursor_next (self, &households, error))
        goto out;
      if (!households.row)
        break;

      hh.id = households.id;
      hh.status = VITA_RETURN_STATUS_INTAKE;
      vita_return_status_from_string ((const char *) sqlite3_column_text (households_stmt, 1), &hh.status);
      hh.language = (const char *) sqlite3_column_text (households_stmt, 2);
      hh.tax_year = sqlite3_column_int (households_stmt, 3);

      if (!cursor_seek (self, &keys, hh.id, &at, error))
        goto out;
      if (at)
        {
          const char *key_id = (const char *) sqlite3_column_text (keys_stmt, 1);
          VitaSecretKey *retention = key_id != NULL ? g_hash_table_lookup (self->retention_keys, key_id) : NULL;

          have_key = retention != NULL
                     && unwrap_key_into (retention, sqlite3_column_blob (keys_stmt, 2),
                                         sqlite3_column_bytes (keys_stmt, 2),
                                         (guint8 *) vita_secret_key_get_data (key));
        }

      if (!cursor_seek (self, &sealed, hh.id, &at, error)
          || (at && have_key && !_vita_store_unseal_answers (key, hh.id, sqlite3_column_blob (sealed_stmt, 1),
                                                             sqlite3_column_bytes (sealed_stmt, 1),
                                                             add_to_arena, &arena, error))
          || !cursor_seek (self, &answers, hh.id, &at, error)
          || !read_answer_rows (self, have_key ? key : NULL, hh.id, &answers, &arena, error))
        goto out;

      /* The tax year is a household field of the catalogue kept in its
       * own column (see vita_household_get()): handed on as an answer so
       * the export's tax_year column is filled. */
      if (hh.tax_year > 0)
        {
          char year[16];

          g_snprintf (year, sizeof year, "%d", hh.tax_year);
          arena_add (&arena, VITA_PERSON_HOUSEHOLD, VITA_FIELD_TAX_YEAR, year);
        }
      hh.answers = arena_answers (&arena, &hh.n_answers);
      visited = func (&hh, user_data, error);
      arena_clear (&arena);
      if (!visited)
        goto out;
    }
  ok = TRUE;

out:
  if (arena.data != NULL)
    {
      sodium_memzero (arena.data, arena.size);
      g_free (arena.data);
    }
  g_clear_pointer (&arena.refs, g_array_unref);
  g_clear_pointer (&arena.answers, g_array_unref);
  /* Statements back to the cache (reset) before the transaction ends. */
  g_clear_pointer (&households_stmt, _vita_stmt_release);
  g_clear_pointer (&keys_stmt, _vita_stmt_release);
  g_clear_pointer (&sealed_stmt, _vita_stmt_release);
  g_clear_pointer (&answers_stmt, _vita_stmt_release);
  if (began)
    {
      if (ok)
        ok = _vita_store_exec (self, "COMMIT;", error);
      if (!ok)
        sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

typedef struct
{
  VitaStoreHouseholdFunc func;
  gpointer               user_data;
} HouseholdAdapter;

static gboolean
build_household (const VitaHouseholdAnswers  *answers,
                 gpointer                     user_data,
                 GError                     **error)
{
  HouseholdAdapter *adapter = user_data;
  g_autoptr(VitaHousehold) hh = vita_household_new ();

  vita_household_set_id (hh, answers->id);
  vita_household_set_status (hh, answers->status);
  vita_household_set_language (hh, answers->language);
  vita_household_set_tax_year (hh, answers->tax_year);
  for (guint i = 0; i < answers->n_answers; i++)
    vita_household_set (hh, answers->answers[i].person, answers->answers[i].field,
                        answers->answers[i].value);
  return adapter->func (hh, adapter->user_data, error);
}

/**
 * vita_store_foreach_household:
 * @include_purged: also visit purged households (their safe answers and
 *   generalised statistics only)
 *
 * Calls @func for every household, decrypted, for the export.  Coordinators
 * only; the caller audits the export as a whole.  The same reading as
 * vita_store_foreach_answers(), with each household built as an object.
 */
gboolean
vita_store_foreach_household (VitaStore               *self,
                              gboolean                 include_purged,
                              VitaStoreHouseholdFunc   func,
                              gpointer                 user_data,
                              GError                 **error)
{
  HouseholdAdapter adapter = { func, user_data };

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  return vita_store_foreach_answers (self, include_purged, build_household, &adapter, error);
}
