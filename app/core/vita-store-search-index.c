/* vita-store-search-index.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the search words kept for each household.
 * Only folded name words are stored (never a whole name in order), and they
 * sit inside the encrypted store like every other row.
 */

#include "config.h"

#include <string.h>

#include "vita-field-ids.h"
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

/* Only the words that changed are written: an edit that leaves the names
 * alone (most saves) touches no page of the search index and its
 * household index, each of which SQLCipher would otherwise encrypt, MAC
 * and write again at commit. */
gboolean
_vita_store_write_search_terms (VitaStore      *self,
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
              ok = _vita_store_step (self, stmt, error) && _vita_store_write_search_terms (self, hh, error);
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

