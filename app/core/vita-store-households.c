/* vita-store-households.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: households, the search index, notices.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "vita-field-ids.h"
#include "vita-clock.h"
#include "vita-store-private.h"

/* Fields whose folded words go into the search index. */
static const char *search_fields[] = {
  "first_name", "middle_name", "last_name", "native_name", "alt_romanization",
};

/* ------------------------------------------------------------------ */
/* Search index                                                        */
/* ------------------------------------------------------------------ */

static gboolean
is_syllabic (gunichar c)
{
  /* Hangul syllables and CJK ideographs: folded as they are, since a
   * decomposed syllable would no longer match what a volunteer types. */
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF)
         || (c >= 0x3040 && c <= 0x30FF);
}

/**
 * vita_fold_for_search:
 *
 * Folds text so that "José", "JOSE" and "jose" compare equal: accents are
 * dropped (NFKD without combining marks), case is folded, and everything
 * that is not a letter or digit becomes a single space.
 *
 * Returns: (transfer full): the folded words separated by single spaces.
 */
char *
vita_fold_for_search (const char *text)
{
  GString *out;
  gboolean space = TRUE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (is_syllabic (c))
        {
          g_string_append_unichar (out, c);
          space = FALSE;
          continue;
        }

      n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        {
          gunichar d = decomposed[i];

          if (g_unichar_ismark (d))
            continue;
          if (g_unichar_isalnum (d))
            {
              g_string_append_unichar (out, g_unichar_tolower (d));
              space = FALSE;
            }
          else if (!space)
            {
              g_string_append_c (out, ' ');
              space = TRUE;
            }
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

/* Every place a typed word may start: each word of the value, and inside
 * a Hangul, Chinese or Japanese word every syllable (the given name follows
 * the family name inside one word).  The term indexed there is the rest of
 * the value with the spaces taken out, so a query word that is a prefix of
 * it matches: "minjun" finds "Min-jun", "obrien" "O'Brien", "delacruz"
 * "De la Cruz", and "cruz" still finds its own word.  A value of n words
 * gives n terms, as many as the separate words did. */
static void
add_terms (GHashTable *terms,
           const char *value)
{
  g_autofree char *folded = vita_fold_for_search (value);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autofree char *joined = g_strjoinv ("", words);
  gsize offset = 0;

  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];

      if (*w == '\0')
        continue;
      g_hash_table_add (terms, g_strdup (joined + offset));
      if (is_syllabic (g_utf8_get_char (w)))
        for (const char *p = g_utf8_next_char (w); *p; p = g_utf8_next_char (p))
          g_hash_table_add (terms, g_strdup (joined + offset + (p - w)));
      offset += strlen (w);
    }
}

static void
collect_search_value (int         person,
                      const char *field_id,
                      const char *value,
                      gpointer    user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (search_fields); i++)
    {
      if (g_strcmp0 (field_id, search_fields[i]) == 0)
        {
          add_terms (user_data, value);
          return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Households                                                          */
/* ------------------------------------------------------------------ */

typedef struct
{
  VitaStore       *self;
  sqlite3_stmt    *stmt;
  GError         **error;
  gboolean         ok;
  gboolean         seal;
  GVariantBuilder  sealed;
  guint            n_sealed;
} InsertAnswers;

#define SEALED_FIELD "@identity"
#define SEALED_TYPE G_VARIANT_TYPE ("a(iss)")

static void
insert_answer (int         person,
               const char *field_id,
               const char *value,
               gpointer    user_data)
{
  InsertAnswers *ctx = user_data;

  if (!ctx->ok)
    return;
  /* Identifying answers go into the household's sealed blob; only answers
   * classified safe are stored as they are. */
  if (ctx->seal && _vita_store_field_is_sealed (field_id))
    {
      /* Built from its parts: a format string is parsed on every call,
       * which was a tenth of what a save spent outside SQLite. */
      GVariant *parts[3] = {
        g_variant_new_int32 (person),
        g_variant_new_string (field_id),
        g_variant_new_string (value),
      };

      g_variant_builder_add_value (&ctx->sealed, g_variant_new_tuple (parts, 3));
      ctx->n_sealed++;
      return;
    }
  sqlite3_reset (ctx->stmt);
  sqlite3_bind_int (ctx->stmt, 2, person);
  sqlite3_bind_text (ctx->stmt, 3, field_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->stmt, 4, value, -1, SQLITE_STATIC);
  ctx->ok = _vita_store_step (ctx->self, ctx->stmt, ctx->error);
}

/* Seals the collected identifying answers as one blob: the plaintext only
 * ever exists in this process's memory, and is wiped after sealing. */
static gboolean
write_sealed (VitaStore      *self,
              gint64          id,
              InsertAnswers  *ctx,
              VitaSecretKey  *key,
              GError        **error)
{
  g_autoptr(GVariant) plain = g_variant_ref_sink (g_variant_builder_end (&ctx->sealed));
  g_autoptr(GBytes) sealed = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gsize len = g_variant_get_size (plain);
  gpointer data = g_malloc (len);

  g_variant_store (plain, data);
  sealed = _vita_store_seal (key, id, VITA_PERSON_HOUSEHOLD, SEALED_FIELD, data, len);
  sodium_memzero (data, len);
  g_free (data);

  stmt = _vita_store_prepare (self, "INSERT OR REPLACE INTO sealed_answers (household_id, blob)"
                                    " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), SQLITE_STATIC);
  return _vita_store_step (self, stmt, error);
}

static gboolean
write_household_row (VitaStore      *self,
                     VitaHousehold  *household,
                     const char     *now,
                     GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *sort_name = vita_household_dup_display_name (household);
  gint64 id = vita_household_get_id (household);

  if (id == 0)
    stmt = _vita_store_prepare (self,
                    "INSERT INTO households (status, language, tax_year, needs_itin, sort_name,"
                    " created, updated, preparer_id, purge_after)"
                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?9)",
                    error);
  else
    stmt = _vita_store_prepare (self,
                    "UPDATE households SET status = ?1, language = ?2, tax_year = ?3,"
                    " needs_itin = ?4, sort_name = ?5, updated = ?6 WHERE id = ?8"
                    " AND purged_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, vita_return_status_to_string (vita_household_get_status (household)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, vita_household_get_language (household), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, vita_household_get_tax_year (household));
  sqlite3_bind_int (stmt, 4, vita_household_get_needs_itin (household));
  sqlite3_bind_text (stmt, 5, sort_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (id == 0)
    {
      /* The purge date is left to _vita_store_refresh_purge_date(), right
       * after this row, before the household's key is made in its bucket. */
      sqlite3_bind_int64 (stmt, 7, self->user_id);
      sqlite3_bind_null (stmt, 9);
    }
  else
    sqlite3_bind_int64 (stmt, 8, id);

  if (!_vita_store_step (self, stmt, error))
    return FALSE;
  if (id == 0)
    vita_household_set_id (household, sqlite3_last_insert_rowid (self->db));
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_answers (VitaStore      *self,
               VitaHousehold  *household,
               GError        **error)
{
  g_auto(sqlite3_stmt_ptr) del = NULL;
  g_auto(sqlite3_stmt_ptr) ins = NULL;
  gint64 id = vita_household_get_id (household);
  g_autoptr(VitaSecretKey) key = NULL;
  InsertAnswers ctx = { self, NULL, error, TRUE, !self->bench_plain && !self->bench_no_seal };

  if (ctx.seal)
    {
      key = _vita_store_household_key (self, id, TRUE, error);
      if (key == NULL)
        return FALSE;
    }

  del = _vita_store_prepare (self, "DELETE FROM answers WHERE household_id = ?1", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!_vita_store_step (self, del, error))
    return FALSE;

  ins = _vita_store_prepare (self, "INSERT INTO answers (household_id, person, field, value)"
                                   " VALUES (?1, ?2, ?3, ?4)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, id);
  ctx.stmt = ins;
  g_variant_builder_init (&ctx.sealed, SEALED_TYPE);
  vita_household_foreach (household, insert_answer, &ctx);
  if (!ctx.ok)
    {
      g_variant_builder_clear (&ctx.sealed);
      return FALSE;
    }
  if (!ctx.seal)
    {
      g_variant_builder_clear (&ctx.sealed);
      return TRUE;
    }
  return write_sealed (self, id, &ctx, key, error);
}

/* Only the words that changed are written: an edit that leaves the names
 * alone (most saves) touches no page of the search index and its
 * household index, each of which SQLCipher would otherwise encrypt, MAC
 * and write again at commit. */
static gboolean
write_search_terms (VitaStore      *self,
                    VitaHousehold  *household,
                    GError        **error)
{
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  g_auto(sqlite3_stmt_ptr) old = NULL;
  g_auto(sqlite3_stmt_ptr) del = NULL;
  g_auto(sqlite3_stmt_ptr) ins = NULL;
  gint64 id = vita_household_get_id (household);
  GHashTableIter iter;
  gpointer term;
  int rc;

  vita_household_foreach (household, collect_search_value, terms);

  /* What is there already: kept words leave the set to insert, the rest
   * are deleted. */
  old = _vita_store_prepare (self, "SELECT term FROM search_terms WHERE household_id = ?1", error);
  if (old == NULL)
    return FALSE;
  sqlite3_bind_int64 (old, 1, id);
  while ((rc = sqlite3_step (old)) == SQLITE_ROW)
    {
      const char *word = (const char *) sqlite3_column_text (old, 0);

      if (!g_hash_table_remove (terms, word))
        g_ptr_array_add (gone, g_strdup (word));
    }
  if (rc != SQLITE_DONE)
    return _vita_store_sqlite_error (error, self->db, rc);
  g_clear_pointer (&old, _vita_stmt_release);

  if (gone->len > 0)
    {
      del = _vita_store_prepare (self, "DELETE FROM search_terms WHERE term = ?1 AND household_id = ?2", error);
      if (del == NULL)
        return FALSE;
      sqlite3_bind_int64 (del, 2, id);
      for (guint i = 0; i < gone->len; i++)
        {
          sqlite3_reset (del);
          sqlite3_bind_text (del, 1, g_ptr_array_index (gone, i), -1, SQLITE_STATIC);
          if (!_vita_store_step (self, del, error))
            return FALSE;
        }
    }

  if (g_hash_table_size (terms) == 0)
    return TRUE;
  ins = _vita_store_prepare (self, "INSERT OR IGNORE INTO search_terms (term, household_id)"
                                   " VALUES (?1, ?2)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 2, id);
  g_hash_table_iter_init (&iter, terms);
  while (g_hash_table_iter_next (&iter, &term, NULL))
    {
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, term, -1, SQLITE_STATIC);
      if (!_vita_store_step (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

static void
collect_answer_line (int         person,
                     const char *field_id,
                     const char *value,
                     gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%d\x1f%s\x1f%s", person, field_id, value));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

/**
 * _vita_store_answers_digest:
 *
 * A digest of every answer, in a fixed order, keyed with the store's audit
 * key so the stored value says nothing about the answers by itself.
 */
GBytes *
_vita_store_answers_digest (VitaStore     *self,
                            VitaHousehold *household)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  crypto_generichash_state st;
  guint8 out[32];

  vita_household_foreach (household, collect_answer_line, lines);
  g_ptr_array_sort (lines, compare_lines);
  crypto_generichash_init (&st, vita_secret_key_get_data (self->audit_key), VITA_KEY_BYTES, sizeof out);
  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      crypto_generichash_update (&st, (const guint8 *)line, strlen (line) + 1);
      sodium_memzero (g_ptr_array_index (lines, i), strlen (line));
    }
  crypto_generichash_final (&st, out, sizeof out);
  return g_bytes_new (out, sizeof out);
}

/* A sign-off covers the answers the reviewer saw.  If this save changed
 * them, the return needs another review: withdraw it and say so. */
static gboolean
withdraw_stale_sign_off (VitaStore      *self,
                         VitaHousehold  *household,
                         GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GBytes) digest = NULL;
  gint64 id = vita_household_get_id (household);

  stmt = _vita_store_prepare (self, "SELECT reviewed_digest FROM households"
                                    " WHERE id = ?1 AND reviewer_id IS NOT NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  digest = _vita_store_answers_digest (self, household);
  if (sqlite3_column_bytes (stmt, 0) == (int) g_bytes_get_size (digest)
      && sodium_memcmp (sqlite3_column_blob (stmt, 0), g_bytes_get_data (digest, NULL),
                        g_bytes_get_size (digest)) == 0)
    return TRUE;
  g_clear_pointer (&stmt, _vita_stmt_release);

  stmt = _vita_store_prepare (self, "UPDATE households SET reviewer_id = NULL, reviewed_at = NULL,"
                                    " reviewed_digest = NULL WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _vita_store_step (self, stmt, error)
         && vita_store_audit (self, "review-withdrawn", id, "answers-changed", error);
}

static gboolean
write_household (VitaStore      *self,
                 VitaHousehold  *household,
                 const char     *now,
                 GError        **error)
{
  gint64 old_id = vita_household_get_id (household);

  if (write_household_row (self, household, now, error)
      && _vita_store_refresh_purge_date (self, vita_household_get_id (household), error)
      && write_answers (self, household, error)
      && write_search_terms (self, household, error)
      && (old_id == 0 || withdraw_stale_sign_off (self, household, error))
      && vita_store_audit (self, old_id == 0 ? "create-household" : "change-household",
                           vita_household_get_id (household), NULL, error))
    return TRUE;
  vita_household_set_id (household, old_id);
  return FALSE;
}

/**
 * vita_store_save_households:
 * @households: (element-type VitaHousehold): households to save
 *
 * Saves all of them in one transaction: either every one is saved or none
 * is, and only one sync to disk is paid (imports, demo data, benchmarks).
 * New households get their ids here.
 */
gboolean
vita_store_save_households (VitaStore  *self,
                            GPtrArray  *households,
                            GError    **error)
{
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autoptr(GArray) old_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (households != NULL, FALSE);

  for (guint i = 0; i < households->len; i++)
    {
      gint64 id = vita_household_get_id (g_ptr_array_index (households, i));
      g_array_append_val (old_ids, id);
    }

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "edit-household", error)
      || !_vita_store_begin_write (self, error))
    goto out;

  ok = TRUE;
  for (guint i = 0; ok && i < households->len; i++)
    ok = write_household (self, g_ptr_array_index (households, i), now, error);
  ok = ok && _vita_store_exec (self, "COMMIT;", error);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      /* Nothing was saved: no household may keep an id it does not have. */
      for (guint i = 0; i < households->len; i++)
        vita_household_set_id (g_ptr_array_index (households, i), g_array_index (old_ids, gint64, i));
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_save_household:
 *
 * Saves the whole household in one transaction: after a crash the store
 * holds either the previous save or this one.  A new household gets its id
 * here.
 */
gboolean
vita_store_save_household (VitaStore      *self,
                           VitaHousehold  *household,
                           GError        **error)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), FALSE);

  g_ptr_array_add (one, household);
  return vita_store_save_households (self, one, error);
}

VitaHousehold *
vita_store_load_household (VitaStore   *self,
                           gint64       id,
                           GError     **error)
{
  g_autoptr(VitaHousehold) household = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error))
    household = _vita_store_read_household (self, id, error);
  if (household != NULL && !_vita_store_household_is_live (self, id))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      g_clear_object (&household);
    }
  if (household != NULL && !vita_store_audit (self, "open-household", id, NULL, error))
    g_clear_object (&household);
  g_rec_mutex_unlock (&self->lock);
  return g_steal_pointer (&household);
}

gboolean
_vita_store_household_is_live (VitaStore *self,
                               gint64     id)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = _vita_store_prepare (self, "SELECT 1 FROM households WHERE id = ?1 AND purged_at IS NULL", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return sqlite3_step (stmt) == SQLITE_ROW;
}

/* GVariant's framing offsets: little-endian, as wide as the container
 * needs (gvs_get_offset_size() in GLib). */
static gsize
frame_offset_size (gsize size)
{
  return size > G_MAXUINT32 ? 8 : size > G_MAXUINT16 ? 4 : size > G_MAXUINT8 ? 2 : size > 0 ? 1 : 0;
}

static gsize
frame_offset (const guint8 *p,
              gsize         width)
{
  gsize value = 0;

  for (gsize i = 0; i < width; i++)
    value |= (gsize) p[i] << (8 * i);
  return value;
}

/* A string in normal form: valid UTF-8 whose only nul ends it. */
static gboolean
normal_string (const guint8 *data,
               gsize         size)
{
  return size > 0 && data[size - 1] == '\0' && g_utf8_validate_len ((const char *) data, size - 1, NULL);
}

/* One answer as it lies in the opened blob. */
typedef struct
{
  gint32      person;
  const char *field;
  const char *value;
} SealedAnswer;

/* One (iss) in normal form: the int32, the first string up to the tuple's
 * one framing offset, the second from there to that offset. */
static gboolean
walk_answer (const guint8 *data,
             gsize         size,
             GArray       *found)
{
  gsize width = frame_offset_size (size);
  gsize field_end, value_end;
  SealedAnswer answer;

  if (size < sizeof answer.person + width)
    return FALSE;
  value_end = size - width;
  field_end = frame_offset (data + value_end, width);
  if (field_end < sizeof answer.person || field_end > value_end
      || !normal_string (data + sizeof answer.person, field_end - sizeof answer.person)
      || !normal_string (data + field_end, value_end - field_end))
    return FALSE;
  memcpy (&answer.person, data, sizeof answer.person);
  answer.field = (const char *) data + sizeof answer.person;
  answer.value = (const char *) data + field_end;
  g_array_append_val (found, answer);
  return TRUE;
}

/* The sealed a(iss), read straight from its bytes when it is in normal
 * form, which g_variant_store() always writes: the elements, each aligned
 * to 4 (the int32) with zero padding, then where each one ends.  These are
 * the conditions of g_variant_is_normal_form() for this one type; making a
 * GVariant per answer cost an export most of its time.  Fills @found with
 * pointers into @data; on FALSE its contents mean nothing. */
static gboolean
walk_answers (const guint8 *data,
              gsize         size,
              GArray       *found)
{
  gsize width = frame_offset_size (size);
  gsize table, start = 0;

  if (size == 0)
    return TRUE;
  table = frame_offset (data + size - width, width);
  if (table >= size || (size - table) % width != 0)
    return FALSE;
  for (gsize at = table; at < size; at += width)
    {
      gsize end = frame_offset (data + at, width);

      for (; start % 4 != 0; start++)
        if (start >= end || data[start] != '\0')
          return FALSE;
      if (end < start || end > table || !walk_answer (data + start, end - start, found))
        return FALSE;
      start = end;
    }
  return TRUE;
}

/**
 * _vita_store_unseal_answers:
 * @func: called for each answer in the blob, with strings that live only
 *   until it returns
 *
 * Opens a household's sealed blob (what write_sealed() wrote): the one
 * place that reads it, for a load and for an export alike.  Nothing is
 * handed on unless the whole blob opened and parsed.
 */
gboolean
_vita_store_unseal_answers (VitaSecretKey             *key,
                            gint64                     household_id,
                            const void                *blob,
                            gsize                      blob_len,
                            VitaHouseholdForeachFunc   func,
                            gpointer                   user_data,
                            GError                   **error)
{
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GVariant) answers = NULL;
  g_autoptr(GArray) found = NULL;
  GVariantIter iter;
  const char *field, *value;
  gint32 person;

  plain = _vita_store_open (key, household_id, VITA_PERSON_HOUSEHOLD, SEALED_FIELD, blob, blob_len, error);
  if (plain == NULL)
    return FALSE;
  /* Checked whole before anything is handed on; the answers point into
   * @plain, which outlives the calls. */
  found = g_array_new (FALSE, FALSE, sizeof (SealedAnswer));
  if (walk_answers (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain), found))
    {
      for (guint i = 0; i < found->len; i++)
        {
          const SealedAnswer *answer = &g_array_index (found, SealedAnswer, i);

          func (answer->person, answer->field, answer->value, user_data);
        }
      return TRUE;
    }

  /* Authenticated, so it is our own serialisation; anything not in normal
   * form is still parsed as untrusted, by GLib, and gives what it gives. */
  answers = g_variant_ref_sink (g_variant_new_from_bytes (SEALED_TYPE, plain, FALSE));
  g_variant_iter_init (&iter, answers);
  while (g_variant_iter_next (&iter, "(i&s&s)", &person, &field, &value))
    func (person, field, value, user_data);
  return TRUE;
}

static void
set_answer (int         person,
            const char *field,
            const char *value,
            gpointer    user_data)
{
  if (person >= VITA_PERSON_HOUSEHOLD && *field != '\0')
    vita_household_set (user_data, person, field, value);
}

static gboolean
read_sealed (VitaStore      *self,
             VitaHousehold  *household,
             VitaSecretKey  *key,
             GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gint64 id = vita_household_get_id (household);

  stmt = _vita_store_prepare (self, "SELECT blob FROM sealed_answers WHERE household_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  return _vita_store_unseal_answers (key, id, sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0),
                                     set_answer, household, error);
}

/**
 * _vita_store_read_household:
 *
 * Reads a household, purged or not, opening its sealed answers when its key
 * still exists.  No permission check and no audit entry: callers do both.
 */
VitaHousehold *
_vita_store_read_household (VitaStore  *self,
                            gint64      id,
                            GError    **error)
{
  g_autoptr(VitaHousehold) household = NULL;
  g_autoptr(VitaSecretKey) key = NULL;
  g_auto(sqlite3_stmt_ptr) row = NULL;
  g_auto(sqlite3_stmt_ptr) answers = NULL;
  VitaReturnStatus status = VITA_RETURN_STATUS_INTAKE;

  row = _vita_store_prepare (self, "SELECT status, language, tax_year FROM households WHERE id = ?1",
                             error);
  if (row == NULL)
    return NULL;
  sqlite3_bind_int64 (row, 1, id);
  if (sqlite3_step (row) != SQLITE_ROW)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      return NULL;
    }

  household = vita_household_new ();
  vita_household_set_id (household, id);
  vita_return_status_from_string ((const char *)sqlite3_column_text (row, 0), &status);
  vita_household_set_status (household, status);
  vita_household_set_language (household, (const char *)sqlite3_column_text (row, 1));
  vita_household_set_tax_year (household, sqlite3_column_int (row, 2));

  /* Missing after a purge, or in a backup opened without this site's
   * retention keys: then only the safe answers come back. */
  key = _vita_store_household_key (self, id, FALSE, NULL);

  if (key != NULL && !read_sealed (self, household, key, error))
    return NULL;

  answers = _vita_store_prepare (self, "SELECT person, field, value, sealed FROM answers"
                                       " WHERE household_id = ?1", error);
  if (answers == NULL)
    return NULL;
  sqlite3_bind_int64 (answers, 1, id);
  while (sqlite3_step (answers) == SQLITE_ROW)
    {
      int person = sqlite3_column_int (answers, 0);
      const char *field = (const char *)sqlite3_column_text (answers, 1);

      if (sqlite3_column_type (answers, 3) == SQLITE_NULL)
        vita_household_set (household, person, field, (const char *)sqlite3_column_text (answers, 2));
      else if (key != NULL)
        {
          /* Sealed one by one: written by schema version 2. */
          g_autoptr(GBytes) value = _vita_store_open (key, id, person, field,
                                                      sqlite3_column_blob (answers, 3),
                                                      sqlite3_column_bytes (answers, 3), error);
          if (value == NULL)
            return NULL;
          vita_household_set (household, person, field, g_bytes_get_data (value, NULL));
        }
    }
  return g_steal_pointer (&household);
}

gboolean
vita_store_delete_household (VitaStore   *self,
                             gint64       id,
                             GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "delete-household", error) || !_vita_store_begin_write (self, error))
    goto out;
  stmt = _vita_store_prepare (self, "DELETE FROM households WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _vita_store_step (self, stmt, error)
           && vita_store_audit (self, "delete-household", id, NULL, error)
           && _vita_store_exec (self, "COMMIT;", error);
    }
  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gint64
vita_store_count_households (VitaStore  *self,
                             GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gint64 count = -1;

  g_return_val_if_fail (VITA_IS_STORE (self), -1);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require_unlocked (self, error)
      && (stmt = _vita_store_prepare (self, "SELECT count(*) FROM households WHERE purged_at IS NULL", error)) != NULL
      && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

/**
 * vita_store_get_summaries:
 *
 * Returns: (transfer full) (element-type VitaHouseholdSummary): one summary
 *   per id, in the same order; a purged or deleted id gives a summary with
 *   an empty name so list positions stay stable.
 */
GPtrArray *
vita_store_get_summaries (VitaStore     *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "edit-household", error)
      || (stmt = _vita_store_prepare (self,
                          "SELECT sort_name, status, language, needs_itin, updated, tax_year"
                          " FROM households WHERE id = ?1 AND purged_at IS NULL", error)) == NULL)
    goto out;

  ret = g_ptr_array_new_full (n_ids, (GDestroyNotify)vita_household_summary_free);
  for (guint i = 0; i < n_ids; i++)
    {
      VitaHouseholdSummary *s = g_new0 (VitaHouseholdSummary, 1);

      s->id = ids[i];
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          s->display_name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          vita_return_status_from_string ((const char *)sqlite3_column_text (stmt, 1), &s->status);
          s->language = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
          s->needs_itin = sqlite3_column_int (stmt, 3);
          s->updated = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
          s->tax_year = sqlite3_column_int (stmt, 5);
        }
      else
        {
          s->display_name = g_strdup ("");
          s->language = g_strdup ("");
          s->updated = g_strdup ("");
        }
      g_ptr_array_add (ret, s);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

gboolean
vita_store_set_status (VitaStore         *self,
                       gint64             household_id,
                       VitaReturnStatus   status,
                       GError           **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  /* One transaction: a status change is a change, so the purge date moves
   * with it (vita-store-retention.c), and the key with the date. */
  if (_vita_store_require (self, "edit-household", error)
      && _vita_store_begin_write (self, error))
    {
      ok = (stmt = _vita_store_prepare (self, "UPDATE households SET status = ?2, updated = ?3"
                                              " WHERE id = ?1 AND purged_at IS NULL", error)) != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (stmt, 1, household_id);
          sqlite3_bind_text (stmt, 2, vita_return_status_to_string (status), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
          ok = _vita_store_step (self, stmt, error);
          g_clear_pointer (&stmt, _vita_stmt_release);
        }
      ok = ok
           && _vita_store_refresh_purge_date (self, household_id, error)
           && vita_store_audit (self, "change-status", household_id,
                                vita_return_status_to_string (status), error)
           && _vita_store_exec (self, "COMMIT;", error);
      if (!ok)
        sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_record_notice (VitaStore   *self,
                          gint64       household_id,
                          const char  *notice_version,
                          const char  *language,
                          const char  *second_language,
                          const char  *medium,
                          GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autofree char *detail = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (notice_version != NULL && language != NULL && medium != NULL, FALSE);

  detail = g_strdup_printf ("%s %s%s%s %s", notice_version, language,
                            second_language ? "+" : "", second_language ? second_language : "",
                            medium);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self,
                          "INSERT INTO notices_issued (household_id, notice_version, language,"
                          " second_language, medium, issued_at, issued_by)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, household_id);
      sqlite3_bind_text (stmt, 2, notice_version, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, language, -1, SQLITE_STATIC);
      if (second_language)
        sqlite3_bind_text (stmt, 4, second_language, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, medium, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, self->user_id);
      ok = _vita_store_step (self, stmt, error)
           && vita_store_audit (self, "issue-notice", household_id, detail, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_list_notices:
 *
 * Returns: (transfer full) (element-type utf8): "version language medium
 *   issued-at" per notice given to the household, oldest first.
 */
GPtrArray *
vita_store_list_notices (VitaStore   *self,
                         gint64       household_id,
                         GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self,
                          "SELECT notice_version, language, ifnull (second_language, ''), medium,"
                          " issued_at FROM notices_issued WHERE household_id = ?1 ORDER BY id",
                          error)) != NULL)
    {
      ret = g_ptr_array_new_with_free_func (g_free);
      sqlite3_bind_int64 (stmt, 1, household_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ret, g_strdup_printf ("%s %s%s%s %s %s",
                                               sqlite3_column_text (stmt, 0),
                                               sqlite3_column_text (stmt, 1),
                                               *sqlite3_column_text (stmt, 2) ? "+" : "",
                                               sqlite3_column_text (stmt, 2),
                                               sqlite3_column_text (stmt, 3),
                                               sqlite3_column_text (stmt, 4)));
    }
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

/* Households whose identity reindex_missing() tried to open, for tests:
 * a backup opened with its own keys file must not try any. */
static guint reindex_attempts;

guint
_vita_store_reindex_attempts_for_tests (void)
{
  return g_atomic_int_get (&reindex_attempts);
}

/* The households without list names whose identity this keys file can
 * open: those whose household key is wrapped under a retention key loaded
 * at unlock.  A backup opened with its own keys file has no retention keys
 * (they never leave the live keys file), so none of its households
 * qualify and nothing is read. */
static GArray *
households_to_reindex (VitaStore  *self,
                       GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (g_hash_table_size (self->retention_keys) == 0)
    return g_steal_pointer (&ids);
  stmt = _vita_store_prepare (self, "SELECT h.id, k.key_id FROM households h JOIN household_keys k"
                                    " ON k.household_id = h.id WHERE h.purged_at IS NULL"
                                    " AND h.sort_name = ''", error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (g_hash_table_contains (self->retention_keys, sqlite3_column_text (stmt, 1)))
        g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/* Households reindexed per transaction: one commit (and its sync) per
 * thousand, not per household, and no transaction long enough to keep
 * another process waiting for minutes. */
#define REINDEX_BATCH 1000

/**
 * _vita_store_reindex_missing:
 *
 * Rebuilds list names and search words for households that have none but
 * whose identity can be opened: what a backup restored beside this site's
 * keys file looks like, since backups carry names only sealed.
 */
gboolean
_vita_store_reindex_missing (VitaStore  *self,
                             GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GArray) ids = households_to_reindex (self, error);
  gboolean own_transaction = FALSE;
  gboolean ok = ids != NULL;

  for (guint i = 0; ok && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(VitaHousehold) hh = NULL;
      g_autofree char *sort_name = NULL;

      if (!own_transaction && sqlite3_get_autocommit (self->db))
        {
          ok = _vita_store_exec (self, "BEGIN IMMEDIATE;", error);
          own_transaction = ok;
          if (!ok)
            break;
        }
      g_atomic_int_inc (&reindex_attempts);
      hh = _vita_store_read_household (self, id, NULL);
      /* Identity not here (purged, or never entered). */
      if (hh != NULL && vita_household_get (hh, VITA_PERSON_TAXPAYER, VITA_FID_LAST_NAME) != NULL)
        {
          sort_name = vita_household_dup_display_name (hh);
          stmt = _vita_store_prepare (self, "UPDATE households SET sort_name = ?2 WHERE id = ?1", error);
          ok = stmt != NULL;
          if (ok)
            {
              sqlite3_bind_int64 (stmt, 1, id);
              sqlite3_bind_text (stmt, 2, sort_name, -1, SQLITE_STATIC);
              ok = _vita_store_step (self, stmt, error) && write_search_terms (self, hh, error);
            }
          g_clear_pointer (&stmt, _vita_stmt_release);
        }
      if (ok && own_transaction && ((i + 1) % REINDEX_BATCH == 0 || i + 1 == ids->len))
        {
          ok = _vita_store_exec (self, "COMMIT;", error);
          own_transaction = !ok;
        }
    }
  if (own_transaction)
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return ok;
}

/**
 * vita_store_record_consent:
 * @valid_until: (nullable): YYYY-MM-DD; Form 15080 says a consent without
 *   a duration lasts one year from signing, which the caller passes
 *
 * Returns: the consent's id, or 0 on error
 */
gint64
vita_store_record_consent (VitaStore   *self,
                           gint64       household_id,
                           int          person,
                           const char  *kind,
                           gboolean     granted,
                           const char  *text_version,
                           const char  *language,
                           const char  *valid_until,
                           GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  gint64 id = 0;

  g_return_val_if_fail (VITA_IS_STORE (self), 0);
  g_return_val_if_fail (kind != NULL && text_version != NULL && language != NULL, 0);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self,
                                      "INSERT INTO consents (household_id, person, kind, granted,"
                                      " text_version, language, valid_until, recorded_at, recorded_by)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, household_id);
      sqlite3_bind_int (stmt, 2, person);
      sqlite3_bind_text (stmt, 3, kind, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, granted ? 1 : 0);
      sqlite3_bind_text (stmt, 5, text_version, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, language, -1, SQLITE_STATIC);
      if (valid_until)
        sqlite3_bind_text (stmt, 7, valid_until, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 8, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 9, self->user_id);
      if (_vita_store_step (self, stmt, error))
        {
          id = sqlite3_last_insert_rowid (self->db);
          if (!vita_store_audit (self, granted ? "consent-granted" : "consent-declined",
                                 household_id, kind, error))
            id = 0;
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return id;
}

gboolean
vita_store_revoke_consent (VitaStore   *self,
                           gint64       consent_id,
                           GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self, "UPDATE consents SET revoked_at = ?2"
                                            " WHERE id = ?1 AND revoked_at IS NULL", error)) != NULL)
    {
      g_auto(sqlite3_stmt_ptr) which = NULL;
      gint64 household_id = 0;

      sqlite3_bind_int64 (stmt, 1, consent_id);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_STATIC);
      ok = _vita_store_step (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                               _("This consent was already revoked or does not exist."));
          ok = FALSE;
        }
      /* Logged against its household, so the member's report shows it. */
      which = ok ? _vita_store_prepare (self, "SELECT household_id FROM consents WHERE id = ?1", error) : NULL;
      if (which != NULL)
        {
          sqlite3_bind_int64 (which, 1, consent_id);
          if (sqlite3_step (which) == SQLITE_ROW)
            household_id = sqlite3_column_int64 (which, 0);
        }
      ok = ok && vita_store_audit (self, "consent-revoked", household_id, NULL, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

GPtrArray *
vita_store_list_consents (VitaStore   *self,
                          gint64       household_id,
                          GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self,
                                      "SELECT id, person, kind, granted, text_version, language,"
                                      " valid_until, recorded_at, revoked_at FROM consents"
                                      " WHERE household_id = ?1 ORDER BY id", error)) != NULL)
    {
      ret = g_ptr_array_new_with_free_func ((GDestroyNotify)vita_consent_free);
      sqlite3_bind_int64 (stmt, 1, household_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          VitaConsent *c = g_new0 (VitaConsent, 1);

          c->id = sqlite3_column_int64 (stmt, 0);
          c->household_id = household_id;
          c->person = sqlite3_column_int (stmt, 1);
          c->kind = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
          c->granted = sqlite3_column_int (stmt, 3);
          c->text_version = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
          c->language = g_strdup ((const char *)sqlite3_column_text (stmt, 5));
          c->valid_until = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
          c->recorded_at = g_strdup ((const char *)sqlite3_column_text (stmt, 7));
          c->revoked_at = g_strdup ((const char *)sqlite3_column_text (stmt, 8));
          g_ptr_array_add (ret, c);
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

void
vita_consent_free (VitaConsent *consent)
{
  if (consent == NULL)
    return;
  g_free (consent->kind);
  g_free (consent->text_version);
  g_free (consent->language);
  g_free (consent->valid_until);
  g_free (consent->recorded_at);
  g_free (consent->revoked_at);
  g_free (consent);
}
