/* vita-store-foreach.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: reading every household in one pass, for
 * the export and the benchmarks.  Four tables are walked in household id
 * order in one read transaction; sealed answers are opened in locked
 * memory and handed out in place.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "vita-field-ids.h"
#include "vita-clock.h"
#include "vita-field.h"
#include "vita-store-private.h"

#define ANSWER_CONTEXT "vita-answer-1"
#define HOUSEHOLD_KEY_CONTEXT "vita-household-key-1"
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
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
          arena_add (&arena, VITA_PERSON_HOUSEHOLD, VITA_FID_TAX_YEAR, year);
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

