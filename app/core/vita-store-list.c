/* vita-store-list.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the households list and search.
 *
 * The list is ordered by name.  Sorting thousands of matches in SQL on
 * every keystroke is what made a short prefix slow at 100k households, so
 * the list order is kept in memory instead: every listed household's rank,
 * read in one pass over the covering list index.  A search then only
 * collects the ids of its word ranges, marks their ranks, and reads the
 * marks back in rank order: no sort at all.  The cache holds ids, ranks and
 * the three filter columns, never a name, and is dropped whenever a row of
 * households changes (an update hook), on lock and on rekey.
 */

#include "config.h"

#include <string.h>

#include "vita-store-private.h"

struct _VitaListCache
{
  sqlite3   *db;          /* the connection it was built from */
  guint      n;           /* households in the list */
  gint64    *order;       /* by rank: household id */
  gint64     max_id;
  guint32   *rank;        /* by id: rank + 1, 0 when not listed */
  guint8    *status;      /* by rank: VitaReturnStatus */
  guint8    *language;    /* by rank: index into languages */
  guint8    *needs_itin;  /* by rank */
  GPtrArray *languages;
  guint8    *hits;        /* by rank: words matched so far in one search */
};

/* Any language beyond this many distinct codes shares the last index and
 * is then checked against the households table itself. */
#define MAX_LANGUAGES 255

void
_vita_list_cache_free (VitaListCache *cache)
{
  if (cache == NULL)
    return;
  g_free (cache->order);
  g_free (cache->rank);
  g_free (cache->status);
  g_free (cache->language);
  g_free (cache->needs_itin);
  g_free (cache->hits);
  g_ptr_array_unref (cache->languages);
  g_free (cache);
}

void
_vita_store_list_clear (VitaStore *self)
{
  g_rec_mutex_lock (&self->lock);
  g_clear_pointer (&self->list, _vita_list_cache_free);
  g_rec_mutex_unlock (&self->lock);
}

/* Runs inside sqlite3_step(), under the store's lock. */
static void
on_update (void          *user_data,
           int            op,
           const char    *db_name,
           const char    *table,
           sqlite3_int64  rowid)
{
  VitaStore *self = user_data;

  if (g_str_equal (db_name, "main") && g_str_equal (table, "households"))
    g_clear_pointer (&self->list, _vita_list_cache_free);
}

static guint8
language_index (VitaListCache *cache,
                const char    *language)
{
  for (guint i = 0; i < cache->languages->len; i++)
    if (g_str_equal (g_ptr_array_index (cache->languages, i), language))
      return i;
  if (cache->languages->len >= MAX_LANGUAGES)
    return MAX_LANGUAGES;
  g_ptr_array_add (cache->languages, g_strdup (language));
  return cache->languages->len - 1;
}

static VitaListCache *
list_cache_build (VitaStore  *self,
                  GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GByteArray) status = g_byte_array_new ();
  g_autoptr(GByteArray) language = g_byte_array_new ();
  g_autoptr(GByteArray) itin = g_byte_array_new ();
  VitaListCache *cache;
  int rc;

  stmt = _vita_store_prepare (self, "SELECT id, status, language, needs_itin FROM households"
                                    " WHERE purged_at IS NULL ORDER BY sort_name, id", error);
  if (stmt == NULL)
    return NULL;

  cache = g_new0 (VitaListCache, 1);
  cache->languages = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      VitaReturnStatus st = VITA_RETURN_STATUS_INTAKE;
      guint8 lang = language_index (cache, (const char *) sqlite3_column_text (stmt, 2));
      guint8 needs = sqlite3_column_int (stmt, 3) != 0;
      guint8 st8;

      vita_return_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &st);
      st8 = (guint8) st;
      g_array_append_val (ids, id);
      g_byte_array_append (status, &st8, 1);
      g_byte_array_append (language, &lang, 1);
      g_byte_array_append (itin, &needs, 1);
      cache->max_id = MAX (cache->max_id, id);
    }
  if (rc != SQLITE_DONE)
    {
      _vita_list_cache_free (cache);
      _vita_store_sqlite_error (error, self->db, rc);
      return NULL;
    }

  cache->db = self->db;
  cache->n = ids->len;
  cache->order = (gint64 *) g_array_free (g_steal_pointer (&ids), FALSE);
  cache->status = g_byte_array_free (g_steal_pointer (&status), FALSE);
  cache->language = g_byte_array_free (g_steal_pointer (&language), FALSE);
  cache->needs_itin = g_byte_array_free (g_steal_pointer (&itin), FALSE);
  cache->rank = g_new0 (guint32, cache->max_id + 1);
  cache->hits = g_new0 (guint8, MAX (cache->n, 1));
  for (guint r = 0; r < cache->n; r++)
    cache->rank[cache->order[r]] = r + 1;
  return cache;
}

static VitaListCache *
list_cache (VitaStore  *self,
            GError    **error)
{
  if (self->list != NULL && self->list->db != self->db)
    g_clear_pointer (&self->list, _vita_list_cache_free);
  if (self->list == NULL)
    {
      /* Installed on every build: the connection may be new since. */
      sqlite3_update_hook (self->db, on_update, self);
      self->list = list_cache_build (self, error);
    }
  return self->list;
}

/* Whether the household at @rank passes @filter.  Languages past the
 * cache's table are rare enough to ask the households table. */
static gboolean
passes_filter (VitaStore              *self,
               VitaListCache          *cache,
               guint                   r,
               const VitaSearchFilter *filter)
{
  if (filter->status >= 0 && cache->status[r] != (guint8) filter->status)
    return FALSE;
  if (filter->needs_itin >= 0 && cache->needs_itin[r] != (filter->needs_itin != 0))
    return FALSE;
  if (filter->language != NULL)
    {
      guint8 lang = cache->language[r];
      g_auto(sqlite3_stmt_ptr) stmt = NULL;

      if (lang < MAX_LANGUAGES)
        return g_str_equal (g_ptr_array_index (cache->languages, lang), filter->language);
      stmt = _vita_store_prepare (self, "SELECT 1 FROM households WHERE id = ?1 AND language = ?2", NULL);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cache->order[r]);
      sqlite3_bind_text (stmt, 2, filter->language, -1, SQLITE_STATIC);
      return sqlite3_step (stmt) == SQLITE_ROW;
    }
  return TRUE;
}

/* Marks, for one word, the ranks of households that matched every word
 * before it (hits == @word) and have a search term starting with @prefix.
 * Returns: how many households are still in the running, or -1 on error. */
static gint64
mark_word (VitaStore      *self,
           VitaListCache  *cache,
           const char     *prefix,
           guint8          word,
           GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *upper = g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
  gint64 n = 0;
  int rc;

  /* The primary key's range alone: an index-only scan, no sort. */
  stmt = _vita_store_prepare (self, "SELECT household_id FROM search_terms"
                                    " WHERE term >= ?1 AND term < ?2", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint32 r;

      if (id <= 0 || id > cache->max_id || (r = cache->rank[id]) == 0)
        continue;
      /* Another of the same household's words already counted it. */
      if (cache->hits[r - 1] != word)
        continue;
      cache->hits[r - 1] = word + 1;
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      _vita_store_sqlite_error (error, self->db, rc);
      return -1;
    }
  return n;
}

/* Longer words first: they usually match fewer households, and a word
 * that matches none ends the search early. */
static int
compare_length_desc (gconstpointer a,
                     gconstpointer b)
{
  gsize la = strlen (*(const char * const *) a), lb = strlen (*(const char * const *) b);

  return la < lb ? 1 : la > lb ? -1 : 0;
}

/**
 * vita_store_search:
 * @query: (nullable): words typed by the volunteer; each must start a word
 *   of some name in the household (any surname, native script or romanised
 *   form), ignoring accents and case
 *
 * Returns: (transfer full) (element-type gint64): matching household ids in
 *   list order (by name).
 */
GArray *
vita_store_search (VitaStore               *self,
                   const char              *query,
                   const VitaSearchFilter  *filter,
                   GError                 **error)
{
  VitaSearchFilter any = VITA_SEARCH_FILTER_INIT;
  g_autofree char *folded = vita_fold_for_search (query);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  g_auto(GStrv) split = NULL;
  VitaListCache *cache;
  GArray *ids = NULL;
  gboolean ok = TRUE;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &any;
  /* The same eight words at most as always; more adds nothing. */
  split = g_strsplit (folded, " ", 8);
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (words, split[i]);
  g_ptr_array_sort (words, compare_length_desc);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "edit-household", error)
      || (cache = list_cache (self, error)) == NULL)
    goto out;

  if (words->len > 0)
    {
      memset (cache->hits, 0, cache->n);
      for (guint w = 0; ok && w < words->len; w++)
        {
          gint64 n = mark_word (self, cache, g_ptr_array_index (words, w), w, error);

          ok = n >= 0;
          if (n == 0)
            break;
        }
    }

  if (ok)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint r = 0; r < cache->n; r++)
        if ((words->len == 0 || cache->hits[r] == words->len) && passes_filter (self, cache, r, filter))
          g_array_append_val (ids, cache->order[r]);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ids;
}
