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
 * the three filter columns, never a name.  A save on this connection only
 * moves its household (an update hook notes the id; the next search puts
 * it back in place); many changes at once, or a change by any other
 * connection (PRAGMA data_version), make it read the whole order again.
 * Dropped on lock and on rekey.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vita-store-private.h"

struct _VitaListCache
{
  sqlite3   *db;          /* the connection it was built from */
  gint64     data_version;
  GArray    *dirty;       /* ids changed on this connection since */
  guint      n;           /* households in the list */
  guint      capacity;    /* of the arrays by rank */
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

/* Past this many changed households (an import, a purge run), reading the
 * whole order again is cheaper than moving each. */
#define MAX_DIRTY 256

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
  g_array_unref (cache->dirty);
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
  gint64 id = rowid;

  if (self->list == NULL || !g_str_equal (db_name, "main") || !g_str_equal (table, "households"))
    return;
  if (self->list->dirty->len >= MAX_DIRTY)
    g_clear_pointer (&self->list, _vita_list_cache_free);
  else
    g_array_append_val (self->list->dirty, id);
}

/* Changes by other connections (another process on the same file) are
 * not seen by the update hook; this number moves when they commit. */
static gint64
data_version (VitaStore *self)
{
  g_auto(sqlite3_stmt_ptr) stmt = _vita_store_prepare (self, "PRAGMA data_version;", NULL);

  if (stmt == NULL || sqlite3_step (stmt) != SQLITE_ROW)
    return -1;
  return sqlite3_column_int64 (stmt, 0);
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
  cache->dirty = g_array_new (FALSE, FALSE, sizeof (gint64));
  cache->data_version = data_version (self);
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
  cache->n = cache->capacity = ids->len;
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

static void
renumber (VitaListCache *cache,
          guint          from)
{
  for (guint r = from; r < cache->n; r++)
    cache->rank[cache->order[r]] = r + 1;
}

static void
remove_at (VitaListCache *cache,
           guint          r)
{
  guint tail = cache->n - r - 1;

  cache->rank[cache->order[r]] = 0;
  memmove (cache->order + r, cache->order + r + 1, tail * sizeof (gint64));
  memmove (cache->status + r, cache->status + r + 1, tail);
  memmove (cache->language + r, cache->language + r + 1, tail);
  memmove (cache->needs_itin + r, cache->needs_itin + r + 1, tail);
  cache->n--;
  renumber (cache, r);
}

/* Where (name, id) goes in the list: SQLite's BINARY order is memcmp over
 * the UTF-8 bytes, shorter first on a tie, then the id.  The names of the
 * probed households are read one by one and not kept. */
static gboolean
find_position (VitaStore      *self,
               VitaListCache  *cache,
               const char     *name,
               gsize           name_len,
               gint64          id,
               guint          *position,
               GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  guint lo = 0, hi = cache->n;

  stmt = _vita_store_prepare (self, "SELECT sort_name FROM households WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 other = cache->order[mid];
      const void *other_name;
      gsize other_len;
      int cmp;

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, other);
      /* Listed but gone: the order is stale, and the caller reads it
       * again rather than guess. */
      if (sqlite3_step (stmt) != SQLITE_ROW)
        return FALSE;
      other_name = sqlite3_column_text (stmt, 0);
      other_len = sqlite3_column_bytes (stmt, 0);
      cmp = memcmp (other_name, name, MIN (other_len, name_len));
      if (cmp == 0)
        cmp = other_len < name_len ? -1 : other_len > name_len ? 1 : (other < id ? -1 : other > id);
      if (cmp < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  *position = lo;
  return TRUE;
}

static void
insert_at (VitaListCache *cache,
           guint          r,
           gint64         id,
           guint8         status,
           guint8         language,
           guint8         needs_itin)
{
  guint tail = cache->n - r;

  if (cache->n == cache->capacity)
    {
      cache->capacity = MAX (16, cache->capacity + cache->capacity / 4);
      cache->order = g_renew (gint64, cache->order, cache->capacity);
      cache->status = g_renew (guint8, cache->status, cache->capacity);
      cache->language = g_renew (guint8, cache->language, cache->capacity);
      cache->needs_itin = g_renew (guint8, cache->needs_itin, cache->capacity);
      cache->hits = g_renew (guint8, cache->hits, cache->capacity);
    }
  if (id > cache->max_id)
    {
      gint64 max_id = MAX (id, cache->max_id + cache->max_id / 4);

      cache->rank = g_renew (guint32, cache->rank, max_id + 1);
      memset (cache->rank + cache->max_id + 1, 0, (max_id - cache->max_id) * sizeof (guint32));
      cache->max_id = max_id;
    }
  memmove (cache->order + r + 1, cache->order + r, tail * sizeof (gint64));
  memmove (cache->status + r + 1, cache->status + r, tail);
  memmove (cache->language + r + 1, cache->language + r, tail);
  memmove (cache->needs_itin + r + 1, cache->needs_itin + r, tail);
  cache->order[r] = id;
  cache->status[r] = status;
  cache->language[r] = language;
  cache->needs_itin[r] = needs_itin;
  cache->n++;
  renumber (cache, r);
}

/* Puts one changed household back in place: out of the list, then in at
 * its (possibly new) name's position if it is still listed. */
static gboolean
move_household (VitaStore      *self,
                VitaListCache  *cache,
                gint64          id,
                GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *name = NULL;
  VitaReturnStatus status = VITA_RETURN_STATUS_INTAKE;
  gsize name_len;
  guint8 language, needs_itin;
  guint position;

  if (id > 0 && id <= cache->max_id && cache->rank[id] != 0)
    remove_at (cache, cache->rank[id] - 1);

  stmt = _vita_store_prepare (self, "SELECT sort_name, status, language, needs_itin FROM households"
                                    " WHERE id = ?1 AND purged_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  name_len = sqlite3_column_bytes (stmt, 0);
  name = g_memdup2 (sqlite3_column_text (stmt, 0), name_len + 1);
  vita_return_status_from_string ((const char *) sqlite3_column_text (stmt, 1), &status);
  language = language_index (cache, (const char *) sqlite3_column_text (stmt, 2));
  needs_itin = sqlite3_column_int (stmt, 3) != 0;
  g_clear_pointer (&stmt, _vita_stmt_release);

  if (!find_position (self, cache, name, name_len, id, &position, error))
    return FALSE;
  insert_at (cache, position, id, (guint8) status, language, needs_itin);
  return TRUE;
}

/* Brings the cache up to date with what this connection changed. */
static gboolean
apply_changes (VitaStore     *self,
               VitaListCache *cache)
{
  g_autoptr(GArray) dirty = g_steal_pointer (&cache->dirty);

  cache->dirty = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < dirty->len; i++)
    {
      gint64 id = g_array_index (dirty, gint64, i);
      gboolean seen = FALSE;

      /* A save touches its row more than once. */
      for (guint j = 0; j < i && !seen; j++)
        seen = g_array_index (dirty, gint64, j) == id;
      if (!seen && !move_household (self, cache, id, NULL))
        return FALSE;
    }
  return TRUE;
}

static VitaListCache *
list_cache (VitaStore  *self,
            GError    **error)
{
  if (self->list != NULL
      && (self->list->db != self->db || self->list->data_version != data_version (self)
          || !apply_changes (self, self->list)))
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
  /* Never read bad input as "no words": that would list every household. */
  if (query != NULL && !g_utf8_validate (query, -1, NULL))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("The search text is not valid text."));
      return NULL;
    }
  /* Every word counts, however many there are.  A word that starts another
   * word of the query adds nothing (the longer one implies it), which also
   * removes repeats. */
  split = g_strsplit (folded, " ", -1);
  for (guint i = 0; split[i] != NULL; i++)
    {
      gboolean implied = *split[i] == '\0';

      for (guint j = 0; !implied && split[j] != NULL; j++)
        implied = j != i && g_str_has_prefix (split[j], split[i])
                  && (strlen (split[j]) > strlen (split[i]) || j < i);
      if (!implied)
        g_ptr_array_add (words, split[i]);
    }
  /* hits[] counts words in a byte per household. */
  if (words->len >= G_MAXUINT8)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("The search has too many words."));
      return NULL;
    }
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
