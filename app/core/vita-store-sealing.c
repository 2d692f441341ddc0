/* vita-store-sealing.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c and vita-store-retention.c: the keys of
 * crypto-shredding.  Answers that are not "safe" are sealed under a key of
 * their household; household keys are wrapped under the retention key of
 * the household's purge date; retention keys live only in the live keys
 * file.  See vita-store-retention.c for why.
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

#define ANSWER_CONTEXT "vita-answer-1"
#define HOUSEHOLD_KEY_CONTEXT "vita-household-key-1"
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
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
  self->retention_policy = vita_store_dup_setting (self, VITA_SETTING_RETENTION, NULL);
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
char *
_vita_store_create_retention_key (VitaStore  *self,
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
gboolean
_vita_store_destroy_unused_retention_keys (VitaStore  *self,
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

char *
_vita_store_bucket_key_id (VitaStore   *self,
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

  id = _vita_store_create_retention_key (self, error);
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

char *
_vita_store_household_bucket (VitaStore   *self,
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

  _vita_store_earliest_purge_date (self, tax_year, updated, &date);
  bucket = _vita_format_iso_date (&date);

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

gboolean
_vita_store_write_household_key (VitaStore            *self,
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

  bucket = _vita_store_household_bucket (self, household_id, error);
  if (bucket == NULL || (key_id = _vita_store_bucket_key_id (self, bucket, error)) == NULL)
    return NULL;
  key = vita_secret_key_new_random ();
  if (!_vita_store_write_household_key (self, household_id, bucket, key_id, key, error))
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

  _vita_store_earliest_purge_date (self, tax_year, updated, &earliest);
  if (current != NULL && vita_retention_parse_date (current, &have, NULL)
      && g_date_compare (&have, &earliest) >= 0)
    return TRUE;

  bucket = _vita_format_iso_date (&earliest);
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
  key_id = _vita_store_bucket_key_id (self, bucket, error);
  return key_id != NULL && _vita_store_write_household_key (self, household_id, bucket, key_id, key, error);
}

