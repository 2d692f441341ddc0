/* test-store.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-keyfile.h"
#include "vita-retention.h"
#include "vita-schema.h"
#include "vita-store-households.h"
#include "vita-store-access.h"
#include "vita-store-private.h"
#include "vita-store-records.h"
#include "vita-store-settings.h"
#include "vita-store-users.h"
#include "vita-synthetic.h"
#include "vita-test-utils.h"

typedef struct
{
  char      *dir;
  char      *path;
  VitaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
  f->path = g_strdup (vita_store_get_path (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->store));
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static gboolean
collect_household (VitaHousehold *hh,
                   gpointer       user_data,
                   GError       **error)
{
  g_ptr_array_add (user_data, g_object_ref (hh));
  return TRUE;
}

static VitaHousehold *
sample_household (void)
{
  VitaHousehold *hh = vita_household_new ();
  int dep;

  vita_household_set_language (hh, "es");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "José Luis");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "Núñez Peña");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "tin_type", "itin");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.zip", "02740");
  dep = vita_household_add_dependent (hh);
  vita_household_set (hh, dep, "first_name", "Lucía");
  vita_household_set (hh, dep, "last_name", "Núñez Peña");
  vita_household_set (hh, dep, "tin_type", "needs_itin");
  return hh;
}

static void
test_create_and_unlock (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *site = NULL;

  g_assert_true (vita_store_is_unlocked (f->store));
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_COORDINATOR);
  vita_store_lock (f->store);
  g_assert_false (vita_store_is_unlocked (f->store));

  vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  site = vita_store_dup_setting (f->store, "site-name", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (site, ==, "Test Site");

  /* The audit key never leaves the store. */
  g_assert_null (vita_store_dup_setting (f->store, "audit-key", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
}

static void
test_create_refuses_existing (Fixture *f, gconstpointer data)
{
  g_autoptr(VitaStore) other = vita_store_new (f->path);
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  g_assert_false (vita_store_create (other, "X", "x", NULL, "other pebble canyon 6", &params, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_EXISTS);
}

static void
test_wrong_passphrase_leaves_file_identical (Fixture *f, gconstpointer data)
{
  g_autofree char *keys = vita_store_dup_keys_path (f->store);
  g_autoptr(GBytes) before_db = NULL;
  g_autoptr(GBytes) before_keys = NULL;
  g_autoptr(GBytes) after_db = NULL;
  g_autoptr(GBytes) after_keys = NULL;
  g_autoptr(GPtrArray) files_before = NULL;
  g_autoptr(GPtrArray) files_after = NULL;
  g_autoptr(GError) error = NULL;
  static const char *attempts[][2] = {
    { "coord", "correct horse battery staple 43" },
    { "coord", "" },
    { "nobody", VITA_TEST_PASSPHRASE },
    { "Coord", VITA_TEST_PASSPHRASE },
  };

  vita_store_lock (f->store);
  before_db = vita_test_read_file (f->path);
  before_keys = vita_test_read_file (keys);
  files_before = vita_test_list_dir (f->dir);

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (vita_store_unlock (f->store, attempts[i][0], attempts[i][1], &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS);
      g_assert_cmpstr (error->message, ==, "The user name or passphrase is not right.");
      g_assert_false (vita_store_is_unlocked (f->store));
    }

  after_db = vita_test_read_file (f->path);
  after_keys = vita_test_read_file (keys);
  files_after = vita_test_list_dir (f->dir);
  g_assert_true (g_bytes_equal (before_db, after_db));
  /* The keys file changes only by the wrong-passphrase counters. */
  g_assert_false (g_bytes_equal (before_keys, after_keys));
  {
    g_autoptr(VitaKeyfile) kf = vita_keyfile_load (keys, &error);
    g_autofree char *stripped = g_build_filename (f->dir, "stripped.keys", NULL);
    gint64 last;

    g_assert_no_error (error);
    g_assert_cmpuint (vita_keyfile_get_failures (kf, "coord", &last), ==, 2);
    vita_keyfile_strip_failures (kf);
    vita_keyfile_save (kf, stripped, &error);
    g_assert_no_error (error);
    {
      g_autoptr(GBytes) stripped_bytes = vita_test_read_file (stripped);
      g_assert_true (g_bytes_equal (before_keys, stripped_bytes));
    }
    g_unlink (stripped);
  }
  g_assert_cmpuint (files_before->len, ==, files_after->len);
}

static void
test_save_load_search (Fixture *f, gconstpointer data)
{
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(VitaHousehold) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  VitaSearchFilter filter = VITA_SEARCH_FILTER_INIT;
  static const char *queries[] = { "nunez", "NÚÑEZ", "pena", "pEñA", "jose", "luis", "luc", "nu pe" };

  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_household_get_id (hh), >, 0);

  loaded = vita_store_load_household (f->store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"), ==, "Núñez Peña");
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_FIRST_DEPENDENT, "first_name"), ==, "Lucía");
  g_assert_cmpstr (vita_household_get_language (loaded), ==, "es");
  g_assert_true (vita_household_get_needs_itin (loaded));

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GArray) found = vita_store_search (f->store, queries[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (found->len, ==, 1);
    }

  ids = vita_store_search (f->store, "garcia", NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  filter.needs_itin = 0;
  ids = vita_store_search (f->store, "nunez", &filter, &error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  filter.needs_itin = 1;
  filter.language = "es";
  ids = vita_store_search (f->store, "", &filter, &error);
  g_assert_cmpuint (ids->len, ==, 1);
}

/* The same search answered straight from SQL, without the list cache:
 * what vita_store_search() must return, in the same order. */
static GArray *
reference_search (VitaStore              *store,
                  const char             *query,
                  const VitaSearchFilter *filter)
{
  g_autofree char *folded = vita_fold_for_search (query);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);
  g_autoptr(GString) sql = g_string_new ("SELECT h.id FROM households h WHERE h.purged_at IS NULL");
  sqlite3_stmt *stmt = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n = 0;

  if (filter->status >= 0)
    g_string_append (sql, " AND h.status = ?1");
  if (filter->language != NULL)
    g_string_append (sql, " AND h.language = ?2");
  if (filter->needs_itin >= 0)
    g_string_append (sql, " AND h.needs_itin = ?3");
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      g_string_append_printf (sql, " AND EXISTS (SELECT 1 FROM search_terms t WHERE t.household_id = h.id"
                                   " AND t.term >= ?%u AND t.term < ?%u || char (1114111))",
                              10 + n, 10 + n);
      n++;
    }
  g_string_append (sql, " ORDER BY h.sort_name, h.id");
  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (store), sql->str, -1, &stmt, NULL), ==, SQLITE_OK);
  if (filter->status >= 0)
    sqlite3_bind_text (stmt, 1, vita_return_status_to_string (filter->status), -1, SQLITE_STATIC);
  if (filter->language != NULL)
    sqlite3_bind_text (stmt, 2, filter->language, -1, SQLITE_STATIC);
  if (filter->needs_itin >= 0)
    sqlite3_bind_int (stmt, 3, filter->needs_itin);
  n = 0;
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0')
      sqlite3_bind_text (stmt, 10 + n++, words[i], -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  return ids;
}

/* The in-memory list order must follow every kind of change at once:
 * new households, renames, status changes, deletions and purges, checked
 * after each against the same query answered by SQL. */
static void
test_search_follows_changes (Fixture *f, gconstpointer data)
{
  static const char *queries[] = {
    "", "ga", "garcia", "gar lo", "jean", "o b", "kim", "김", "민", "de la", "zzz", "m", "jose l",
  };
  static const char *languages[] = { "en", "es", "ko", "ht" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (4242);
  g_autoptr(GArray) live = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  for (guint i = 0; i < 150; i++)
    g_ptr_array_add (batch, vita_synthetic_household (rand, i, NULL));
  g_assert_true (vita_store_save_households (f->store, batch, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < batch->len; i++)
    {
      gint64 id = vita_household_get_id (g_ptr_array_index (batch, i));
      g_array_append_val (live, id);
    }

  for (guint step = 0; step < 120; step++)
    {
      guint pick = g_rand_int_range (rand, 0, live->len);
      gint64 id = g_array_index (live, gint64, pick);
      int op = g_rand_int_range (rand, 0, 5);

      if (op == 0)
        {
          g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, 1000 + step, NULL);

          g_assert_true (vita_store_save_household (f->store, hh, &error));
          id = vita_household_get_id (hh);
          g_array_append_val (live, id);
        }
      else if (op == 1)
        {
          /* A rename moves the household in the list. */
          g_autoptr(VitaHousehold) hh = vita_store_load_household (f->store, id, &error);
          g_autoptr(VitaHousehold) other = vita_synthetic_household (rand, 2000 + step, NULL);

          g_assert_no_error (error);
          vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name",
                              vita_household_get (other, VITA_PERSON_TAXPAYER, "last_name"));
          vita_household_set_language (hh, languages[g_rand_int_range (rand, 0, 4)]);
          g_assert_true (vita_store_save_household (f->store, hh, &error));
        }
      else if (op == 2)
        g_assert_true (vita_store_set_status (f->store, id, g_rand_int_range (rand, 0, VITA_RETURN_STATUS_LAST + 1),
                                              &error));
      else if (op == 3)
        {
          g_assert_true (vita_store_delete_household (f->store, id, &error));
          g_array_remove_index_fast (live, pick);
        }
      else
        {
          g_assert_true (vita_store_purge_household (f->store, id, &error));
          g_array_remove_index_fast (live, pick);
        }
      g_assert_no_error (error);

      for (guint q = 0; q < 3; q++)
        {
          VitaSearchFilter filter = VITA_SEARCH_FILTER_INIT;
          const char *query = queries[g_rand_int_range (rand, 0, G_N_ELEMENTS (queries))];
          g_autoptr(GArray) got = NULL;
          g_autoptr(GArray) want = NULL;

          if (g_rand_boolean (rand))
            filter.status = g_rand_int_range (rand, 0, VITA_RETURN_STATUS_LAST + 1);
          if (g_rand_int_range (rand, 0, 3) == 0)
            filter.language = languages[g_rand_int_range (rand, 0, 4)];
          if (g_rand_int_range (rand, 0, 3) == 0)
            filter.needs_itin = g_rand_boolean (rand);
          got = vita_store_search (f->store, query, &filter, &error);
          g_assert_no_error (error);
          want = reference_search (f->store, query, &filter);
          g_assert_cmpmem (got->data, got->len * sizeof (gint64), want->data, want->len * sizeof (gint64));
          checked += want->len;
        }
    }
  /* The queries did match something along the way. */
  g_assert_cmpuint (checked, >, 500);
}

/* The brute-force oracle: the household's names in memory, no index.  A
 * query word matches a name when it starts the rest of the name, spaces
 * and punctuation taken out, from one of its words (or, in Hangul/CJK,
 * from any syllable), ignoring accents and case.  Every word must match. */
static gboolean
oracle_is_syllabic (gunichar c)
{
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0x3040 && c <= 0x30FF);
}

static void
oracle_collect (int person, const char *field_id, const char *value, gpointer user_data)
{
  static const char *names[] = { "first_name", "middle_name", "last_name", "native_name", "alt_romanization" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (field_id, names[i]))
      g_ptr_array_add (user_data, g_strdup (value));
}

/* Every place in the household's names a query word may start. */
static GPtrArray *
oracle_tails (VitaHousehold *hh)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *tails = g_ptr_array_new_with_free_func (g_free);

  vita_household_foreach (hh, oracle_collect, values);
  for (guint v = 0; v < values->len; v++)
    {
      g_autofree char *folded = vita_fold_for_search (g_ptr_array_index (values, v));
      g_autoptr(GString) joined = g_string_new (NULL);
      g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (gsize));
      gboolean word_start = TRUE, in_syllabic = FALSE;

      for (const char *p = folded; *p; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c == ' ')
            {
              word_start = TRUE;
              continue;
            }
          if (word_start)
            in_syllabic = oracle_is_syllabic (c);
          if (word_start || in_syllabic)
            g_array_append_val (starts, joined->len);
          word_start = FALSE;
          g_string_append_unichar (joined, c);
        }
      for (guint s = 0; s < starts->len; s++)
        g_ptr_array_add (tails, g_strdup (joined->str + g_array_index (starts, gsize, s)));
    }
  return tails;
}

static gboolean
oracle_matches (GPtrArray *tails, char **qwords)
{
  for (guint q = 0; qwords[q] != NULL; q++)
    {
      gboolean found = FALSE;

      if (*qwords[q] == '\0')
        continue;
      for (guint t = 0; !found && t < tails->len; t++)
        found = g_str_has_prefix (g_ptr_array_index (tails, t), qwords[q]);
      if (!found)
        return FALSE;
    }
  return TRUE;
}

static int
compare_id (gconstpointer a, gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* A query built the way volunteers type: pieces of a real household's
 * names (prefixes, whole words, particles joined, hyphens and apostrophes
 * dropped, other case), sometimes nine or more words, sometimes noise. */
static char *
random_query (GRand *rand, GPtrArray *households)
{
  VitaHousehold *hh = g_ptr_array_index (households, g_rand_int_range (rand, 0, households->len));
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) q = g_string_new (NULL);
  guint n_words = g_rand_int_range (rand, 0, 6) == 0 ? g_rand_int_range (rand, 9, 14) : g_rand_int_range (rand, 1, 4);

  vita_household_foreach (hh, oracle_collect, values);
  for (guint w = 0; w < n_words && values->len > 0; w++)
    {
      const char *value = g_ptr_array_index (values, g_rand_int_range (rand, 0, values->len));
      g_auto(GStrv) parts = g_strsplit_set (value, " ", -1);
      guint n_parts = g_strv_length (parts);
      guint from = g_rand_int_range (rand, 0, MAX (n_parts, 1));
      g_autoptr(GString) piece = g_string_new (NULL);
      /* Long queries mostly without noise, so that some of them match. */
      int kind = g_rand_int_range (rand, 0, n_words >= 9 ? 3 : 6);

      if (n_parts == 0)
        continue;
      if (kind == 0)
        {
          /* Joined: this word and the ones after it, punctuation dropped. */
          for (guint i = from; i < n_parts; i++)
            for (const char *p = parts[i]; *p; p = g_utf8_next_char (p))
              if (g_unichar_isalnum (g_utf8_get_char (p)))
                g_string_append_unichar (piece, g_utf8_get_char (p));
        }
      else
        g_string_append (piece, parts[from]);
      if (kind == 1 && piece->len > 0)
        {
          /* A prefix, cut at a character. */
          glong n = g_utf8_strlen (piece->str, -1);
          glong keep = g_rand_int_range (rand, 1, n + 1);
          g_string_truncate (piece, g_utf8_offset_to_pointer (piece->str, keep) - piece->str);
        }
      if (kind == 2)
        {
          g_autofree char *up = g_utf8_strup (piece->str, -1);
          g_string_assign (piece, up);
        }
      if (kind == 3)
        g_string_append_c (piece, "aeiouxz"[g_rand_int_range (rand, 0, 7)]);
      if (kind == 4 && g_rand_boolean (rand))
        g_string_assign (piece, (const char *[]) { "minjun", "obrien", "delacruz", "jeanlouis", "saintfleur", "kim" }
                                [g_rand_int_range (rand, 0, 6)]);
      if (q->len > 0)
        g_string_append_c (q, " -,'"[g_rand_int_range (rand, 0, 4)]);
      g_string_append (q, piece->str);
    }
  return g_string_free (g_steal_pointer (&q), FALSE);
}

static void
test_search_oracle (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1515);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) tails = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  guint nonempty = 0, long_queries = 0;

  for (guint i = 0; i < 1500; i++)
    g_ptr_array_add (batch, vita_synthetic_household (rand, i, NULL));
  g_assert_true (vita_store_save_households (f->store, batch, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < batch->len; i++)
    g_ptr_array_add (tails, oracle_tails (g_ptr_array_index (batch, i)));

  for (guint round = 0; round < 3000; round++)
    {
      g_autofree char *query = random_query (rand, batch);
      g_autofree char *folded = vita_fold_for_search (query);
      g_auto(GStrv) qwords = g_strsplit (folded, " ", -1);
      g_autoptr(GArray) got = vita_store_search (f->store, query, NULL, &error);
      g_autoptr(GArray) want = g_array_new (FALSE, FALSE, sizeof (gint64));

      g_assert_no_error (error);
      for (guint i = 0; i < batch->len; i++)
        if (oracle_matches (g_ptr_array_index (tails, i), qwords))
          {
            gint64 id = vita_household_get_id (g_ptr_array_index (batch, i));
            g_array_append_val (want, id);
          }
      g_array_sort (got, compare_id);
      if (got->len != want->len)
        g_test_message ("query %u differs (%u found, oracle %u)", round, got->len, want->len);
      g_assert_cmpmem (got->data, got->len * sizeof (gint64), want->data, want->len * sizeof (gint64));
      nonempty += want->len > 0;
      long_queries += g_strv_length (qwords) >= 9 && want->len > 0;
    }
  /* The queries did find households, long ones included. */
  g_assert_cmpuint (nonempty, >, 1500);
  g_assert_cmpuint (long_queries, >, 50);
}

/* The forms the issue named, the ninth word, and bad input. */
static void
test_search_joined_and_bad_input (Fixture *f, gconstpointer data)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GError) error = NULL;
  static const char *found[] = {
    "minjun", "Min-jun", "min jun", "obrien", "O'Brien", "o b", "delacruz", "De la Cruz", "cruz", "lacruz",
    "김민준", "민준", "준", "kim minjun o'brien de la cruz 김 민 kim min jun",
  };
  static const char *not_found[] = { "minjunx", "brienx", "kim minjun o'brien de la cruz 김 민 kim min jun zed" };

  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "Min-jun");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "Kim");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "native_name", "김민준");
  vita_household_set (hh, VITA_PERSON_SPOUSE, "first_name", "Siobhan");
  vita_household_set (hh, VITA_PERSON_SPOUSE, "last_name", "O'Brien De la Cruz");
  g_assert_true (vita_store_save_household (f->store, hh, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (found); i++)
    {
      g_autoptr(GArray) ids = vita_store_search (f->store, found[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_found); i++)
    {
      g_autoptr(GArray) ids = vita_store_search (f->store, not_found[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 0);
    }
  {
    /* Invalid UTF-8 is an error, never the whole list. */
    g_autoptr(GArray) ids = vita_store_search (f->store, "kim \xff\xfe", NULL, &error);
    g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
    g_assert_null (ids);
  }
}

/* Another process on the same file (vita-admin, a second window) changes
 * households without this connection's update hook seeing it. */
static void
test_search_sees_other_connections (Fixture *f, gconstpointer data)
{
  g_autoptr(VitaStore) other = vita_store_new (f->path);
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GArray) after = NULL;
  g_autoptr(GArray) gone = NULL;

  before = vita_store_search (f->store, "nunez", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, ==, 0);

  vita_store_unlock (other, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  vita_store_save_household (other, hh, &error);
  g_assert_no_error (error);

  after = vita_store_search (f->store, "nunez", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 1);

  vita_store_delete_household (other, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  gone = vita_store_search (f->store, "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gone->len, ==, 0);
  vita_store_lock (other);
}

/* A store of schema 5 (what the previous release wrote) is brought to the
 * current schema at unlock, keeps its records and still finds them. */
static void
test_migrates_schema_5 (Fixture *f, gconstpointer data)
{
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  sqlite3_stmt *stmt = NULL;

  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  /* Put back what schema 6 took away. */
  g_assert_cmpint (sqlite3_exec (_vita_store_get_db (f->store),
                                 "ALTER TABLE search_terms ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';"
                                 "CREATE INDEX search_terms_sorted ON search_terms (term, sort_name, household_id);"
                                 "CREATE INDEX households_sort ON households (sort_name, id);"
                                 "CREATE INDEX households_status ON households (status);"
                                 "CREATE INDEX household_keys_key ON household_keys (key_id);"
                                 "PRAGMA user_version = 5;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  vita_store_lock (f->store);

  vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_schema_get_version (_vita_store_get_db (f->store)), ==, vita_schema_get_latest_version ());
  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (f->store),
                                       "SELECT count(*) FROM sqlite_master WHERE name IN ('search_terms_sorted',"
                                       " 'households_sort', 'households_status', 'household_keys_key')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  found = vita_store_search (f->store, "nunez", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_true (vita_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

static void
test_search_korean (Fixture *f, gconstpointer data)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GError) error = NULL;
  static const char *queries[] = { "김민준", "민준", "kim", "min", "minjun", "min-jun" };

  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "Min-jun");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "Kim");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "native_name", "김민준");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "alt_romanization", "Gim Minjun");
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(GArray) found = vita_store_search (f->store, queries[i], NULL, &error);
      g_assert_no_error (error);
      g_test_message ("query %s", queries[i]);
      /* "min-jun" folds to two words, both of which start a name word. */
      g_assert_cmpuint (found->len, ==, 1);
    }
}

static void
test_fold (void)
{
  static const char *cases[][2] = {
    { "José", "jose" },
    { "NÚÑEZ  Peña", "nunez pena" },
    { "Jean-Baptiste", "jean baptiste" },
    { "O'Brien", "o brien" },
    { "Kreyòl", "kreyol" },
    { "김민준", "김민준" },
    { "  ", "" },
    { "Zoë", "zoe" },
    { "ﬁ", "fi" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = vita_fold_for_search (cases[i][0]);
      g_assert_cmpstr (got, ==, cases[i][1]);
    }
  g_autofree char *bad = vita_fold_for_search ("\xff\xfe");
  g_assert_cmpstr (bad, ==, "");
}

static void
test_users_and_roles (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  VitaKdfParams params;
  static const char *coordinator_only[] = {
    "manage-users", "export", "purge", "rekey", "backup", "read-audit", "settings",
  };

  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, "vol", "A Volunteer", VITA_ROLE_VOLUNTEER, "volunteer tulip river 7", &params, &error);
  g_assert_no_error (error);
  vita_store_add_user (f->store, "rev", "A Reviewer", VITA_ROLE_REVIEWER, "reviewer granite owl 9", &params, &error);
  g_assert_no_error (error);
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);

  users = vita_store_list_users (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (users->len, ==, 3);

  /* A volunteer can do intake, and the core refuses everything else. */
  vita_store_lock (f->store);
  vita_store_unlock (f->store, "vol", "volunteer tulip river 7", &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_VOLUNTEER);
  for (guint i = 0; i < G_N_ELEMENTS (coordinator_only); i++)
    g_assert_false (vita_store_can (f->store, coordinator_only[i]));
  g_assert_false (vita_store_can (f->store, "review"));
  g_assert_true (vita_store_can (f->store, "edit-household"));

  g_assert_null (vita_store_list_users (f->store, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (vita_store_add_user (f->store, "evil", NULL, VITA_ROLE_COORDINATOR, "evil walnut pepper 4", &params, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (vita_store_rekey (f->store, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (vita_store_backup (f->store, "/tmp/never-written.vita", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_assert_false (g_file_test ("/tmp/never-written.vita", G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (vita_store_delete_household (f->store, vita_household_get_id (hh), &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (vita_store_set_setting (f->store, "retention", "forever", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The reviewer may review, not manage. */
  vita_store_lock (f->store);
  vita_store_unlock (f->store, "rev", "reviewer granite owl 9", &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_can (f->store, "review"));
  g_assert_false (vita_store_can (f->store, "manage-users"));

  /* Removing a user: their passphrase opens nothing any more. */
  vita_store_lock (f->store);
  vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  vita_store_remove_user (f->store, "vol", &error);
  g_assert_no_error (error);
  g_assert_false (vita_store_remove_user (f->store, "coord", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  vita_store_lock (f->store);
  g_assert_false (vita_store_unlock (f->store, "vol", "volunteer tulip river 7", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS);
}

static void
test_locked_refuses (Fixture *f, gconstpointer data)
{
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(GError) error = NULL;

  vita_store_lock (f->store);
  g_assert_false (vita_store_save_household (f->store, hh, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED);
  g_assert_false (vita_store_can (f->store, "edit-household"));
}

static void
test_adding_user_does_not_rewrite_records (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  VitaKdfParams params;
  int changes;

  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  changes = sqlite3_total_changes (_vita_store_get_db (f->store));

  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, "vol2", NULL, VITA_ROLE_VOLUNTEER, "another heron dune 3", &params, &error);
  g_assert_no_error (error);
  /* Two rows: the user and the audit entry (its signature goes to the
   * signature file beside the store).  No household row moved. */
  g_assert_cmpint (sqlite3_total_changes (_vita_store_get_db (f->store)) - changes, ==, 2);

  /* The new user's passphrase opens the same records. */
  vita_store_lock (f->store);
  vita_store_unlock (f->store, "vol2", "another heron dune 3", &error);
  g_assert_no_error (error);
  /* Someone else's household: a reason first (need-to-know). */
  vita_store_open_household_for (f->store, vita_household_get_id (hh), "checking my key opens it", &error);
  g_assert_no_error (error);
  g_autoptr(VitaHousehold) loaded = vita_store_load_household (f->store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
}

static void
test_change_passphrase (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  g_assert_false (vita_store_change_passphrase (f->store, "wrong", "new quartz meadow 8", &params, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS);
  g_clear_error (&error);
  vita_store_change_passphrase (f->store, VITA_TEST_PASSPHRASE, "new quartz meadow 8", &params, &error);
  g_assert_no_error (error);
  vita_store_lock (f->store);
  g_assert_false (vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_clear_error (&error);
  vita_store_unlock (f->store, "coord", "new quartz meadow 8", &error);
  g_assert_no_error (error);
}

static void
test_rekey (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, "vol", NULL, VITA_ROLE_VOLUNTEER, "volunteer tulip river 7", &params, &error);
  g_assert_no_error (error);
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  vita_store_lock (f->store);
  before = vita_test_read_file (f->path);
  vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);

  vita_store_rekey (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_is_unlocked (f->store));
  vita_store_lock (f->store);
  after = vita_test_read_file (f->path);
  /* Every page is re-encrypted: the first 4 KiB share no 16-byte run. */
  g_assert_false (g_bytes_equal (before, after));

  /* Both users still sign in with their own passphrase, without having
   * been asked for it during the rekey. */
  vita_store_unlock (f->store, "vol", "volunteer tulip river 7", &error);
  g_assert_no_error (error);
  /* The coordinator's household: a reason first (need-to-know). */
  vita_store_open_household_for (f->store, vita_household_get_id (hh), "checking my key opens it", &error);
  g_assert_no_error (error);
  g_autoptr(VitaHousehold) loaded = vita_store_load_household (f->store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"), ==, "Núñez Peña");
  g_autoptr(GPtrArray) report = NULL;
  g_assert_true (vita_store_verify (f->store, &report, &error));
  g_assert_no_error (error);
}

static void
test_backup_opens (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autofree char *dest = g_build_filename (f->dir, "backup.vita", NULL);
  g_autofree char *dest_keys = g_strconcat (dest, ".keys", NULL);
  g_autoptr(VitaStore) copy = NULL;
  g_autoptr(VitaHousehold) loaded = NULL;

  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  vita_store_backup (f->store, dest, &error);
  g_assert_no_error (error);
  g_assert_false (vita_store_backup (f->store, dest, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_EXISTS);
  g_clear_error (&error);

  /* The copy is encrypted: no name appears in its bytes. */
  g_assert_false (vita_test_file_contains (dest, "Núñez", strlen ("Núñez")));
  g_assert_false (vita_test_file_contains (dest, "SQLite format 3", 15));
  /* Its keys file has every user's slot but no retention key. */
  g_assert_false (vita_test_file_contains (dest_keys, "[retention]", 11));

  /* Opened on its own it gives the record and its safe answers; the
   * identity needs this site's live retention keys. */
  copy = vita_store_new (dest);
  vita_store_unlock (copy, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_store_count_households (copy, &error), ==, 1);
  loaded = vita_store_load_household (copy, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_HOUSEHOLD, "inc.wages"), ==, "yes");
  g_assert_null (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"));
  vita_store_lock (copy);
}

static char *
page_hmac (VitaStore *store)
{
  sqlite3_stmt *stmt = NULL;
  char *hmac = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (store), "PRAGMA cipher_hmac_algorithm;",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    hmac = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return hmac;
}

/* New stores and backups use HMAC-SHA256 page MACs; a store written with
 * SQLCipher 4's default (HMAC-SHA512) still opens, and a rekey rewrites it
 * in the current format. */
static void
test_page_format (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autofree char *legacy = g_build_filename (f->dir, "legacy.vita", NULL);
  g_autofree char *legacy_keys = g_strconcat (legacy, ".keys", NULL);
  g_autofree char *keys = vita_store_dup_keys_path (f->store);
  g_autofree char *backup = g_build_filename (f->dir, "backup.vita", NULL);
  g_autofree char *hmac = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(VitaStore) old = NULL;
  g_autoptr(VitaStore) copy = NULL;
  g_autoptr(VitaHousehold) loaded = NULL;
  gsize len = 0;

  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  hmac = page_hmac (f->store);
  g_assert_cmpstr (hmac, ==, "HMAC_SHA256");

  vita_store_backup (f->store, backup, &error);
  g_assert_no_error (error);
  copy = vita_store_new (backup);
  vita_store_unlock (copy, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hmac, g_free);
  hmac = page_hmac (copy);
  g_assert_cmpstr (hmac, ==, "HMAC_SHA256");
  vita_store_lock (copy);

  /* A copy in the old format: same key (ATTACH without KEY), old MAC.
   * The connection may not create files, so the empty file comes first. */
  g_assert_true (g_file_set_contents (legacy, "", 0, NULL));
  sql = g_strdup_printf ("ATTACH DATABASE '%s' AS legacy;"
                         "PRAGMA legacy.cipher_hmac_algorithm = HMAC_SHA512;"
                         "SELECT sqlcipher_export ('legacy');"
                         "PRAGMA legacy.user_version = %d;"
                         "DETACH DATABASE legacy;",
                         legacy, vita_schema_get_latest_version ());
  g_assert_cmpint (sqlite3_exec (_vita_store_get_db (f->store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (keys, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (legacy_keys, contents, len, NULL));
  /* The copy is the live store as of now, so its high-water mark goes too
   * (without it, a copy is refused as possibly rolled back). */
  {
    g_autofree char *state = g_strconcat (vita_store_get_path (f->store), ".state", NULL);
    g_autofree char *legacy_state = g_strconcat (legacy, ".state", NULL);
    g_clear_pointer (&contents, g_free);
    g_assert_true (g_file_get_contents (state, &contents, &len, NULL));
    g_assert_true (g_file_set_contents (legacy_state, contents, len, NULL));
  }

  old = vita_store_new (legacy);
  vita_store_unlock (old, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hmac, g_free);
  hmac = page_hmac (old);
  g_assert_cmpstr (hmac, ==, "HMAC_SHA512");
  loaded = vita_store_load_household (old, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"), ==, "Núñez Peña");

  vita_store_rekey (old, &error);
  g_assert_no_error (error);
  g_clear_pointer (&hmac, g_free);
  hmac = page_hmac (old);
  g_assert_cmpstr (hmac, ==, "HMAC_SHA256");
  vita_store_lock (old);
  vita_store_unlock (old, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_store_count_households (old, &error), ==, 1);
  vita_store_lock (old);
}

/* Restoring a backup over the live store, beside the live keys file, brings
 * everything back, names and search included. */
static void
test_backup_restores_with_site_keys (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autofree char *dest = g_build_filename (f->dir, "backup.vita", NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(VitaHousehold) loaded = NULL;

  vita_store_save_household (f->store, hh, &error);
  vita_store_backup (f->store, dest, &error);
  g_assert_no_error (error);
  vita_store_lock (f->store);
  g_assert_cmpint (g_rename (dest, f->path), ==, 0);

  vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  ids = vita_store_search (f->store, "nunez", NULL, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  loaded = vita_store_load_household (f->store, vita_household_get_id (hh), &error);
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"), ==, "Núñez Peña");
}

/* A backup opened with its own keys file cannot open any identity (its
 * keys file has no retention key), so unlock must not try to rebuild the
 * names of its households, at the first unlock or any later one; put back
 * beside the site's keys it rebuilds every one, once.  Counted through
 * the test counter of reindex_missing(), never timed. */
static void
test_backup_opens_without_reindex (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *dest = g_build_filename (f->dir, "backup.vita", NULL);
  g_autofree char *dest_keys = g_strconcat (dest, ".keys", NULL);
  g_autoptr(GArray) ids = NULL;
  sqlite3_stmt *stmt = NULL;
  guint before;

  for (guint i = 0; i < 20; i++)
    g_ptr_array_add (batch, vita_synthetic_household (rand, i, NULL));
  vita_household_set (g_ptr_array_index (batch, 0), VITA_PERSON_TAXPAYER, "last_name", "Zyxwuv");
  vita_store_save_households (f->store, batch, &error);
  g_assert_no_error (error);
  vita_store_backup (f->store, dest, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(VitaStore) copy = vita_store_new (dest);

      before = _vita_store_reindex_attempts_for_tests ();
      vita_store_unlock (copy, "coord", VITA_TEST_PASSPHRASE, &error);
      g_assert_no_error (error);
      vita_store_verify_pages (copy, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (_vita_store_reindex_attempts_for_tests (), ==, before);
      g_assert_cmpint (vita_store_count_households (copy, &error), ==, 20);

      /* The copy keeps no search word and no list name in the clear. */
      ids = vita_store_search (copy, "zyxwuv", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 0);
      g_clear_pointer (&ids, g_array_unref);
      g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (copy),
                                           "SELECT (SELECT count(*) FROM search_terms),"
                                           " (SELECT count(*) FROM households WHERE sort_name <> '')",
                                           -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
      g_assert_cmpint (sqlite3_column_int (stmt, 1), ==, 0);
      sqlite3_finalize (stmt);
      vita_store_lock (copy);
    }

  /* Beside the site's keys: every household once, then none. */
  vita_store_lock (f->store);
  g_assert_cmpint (g_rename (dest, f->path), ==, 0);
  g_unlink (dest_keys);
  for (guint round = 0; round < 2; round++)
    {
      before = _vita_store_reindex_attempts_for_tests ();
      vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
      g_assert_no_error (error);
      vita_store_verify_pages (f->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (_vita_store_reindex_attempts_for_tests () - before, ==, round == 0 ? 20 : 0);
      ids = vita_store_search (f->store, "zyxwuv", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, 1);
      g_clear_pointer (&ids, g_array_unref);
      vita_store_lock (f->store);
    }
}

/* The point of crypto-shredding: purge a household, then put an earlier
 * backup back beside the live keys: the purged identity stays gone.  The
 * neighbours that shared its retention key were moved to a new key in the
 * live store, so they stay readable there; the earlier backup loses them
 * too, which is why the coordinator is asked to back up again after a
 * purge. */
static void
test_purge_defeats_earlier_backup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) a = sample_household ();
  g_autoptr(VitaHousehold) b = vita_household_new ();
  g_autofree char *dest = g_build_filename (f->dir, "before-purge.vita", NULL);
  g_autoptr(VitaHousehold) la = NULL;
  g_autoptr(VitaHousehold) lb = NULL;
  g_autoptr(GArray) ids = NULL;

  vita_household_set (a, VITA_PERSON_TAXPAYER, "dob", "1980-06-01");
  vita_household_set (a, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  vita_household_set (b, VITA_PERSON_TAXPAYER, "first_name", "Wideline");
  vita_household_set (b, VITA_PERSON_TAXPAYER, "last_name", "Saint-Fleur");
  vita_store_save_household (f->store, a, &error);
  vita_store_save_household (f->store, b, &error);
  g_assert_no_error (error);
  vita_store_backup (f->store, dest, &error);
  g_assert_no_error (error);

  vita_store_purge_household (f->store, vita_household_get_id (a), &error);
  g_assert_no_error (error);
  lb = vita_store_load_household (f->store, vita_household_get_id (b), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (lb, VITA_PERSON_TAXPAYER, "last_name"), ==, "Saint-Fleur");
  g_clear_object (&lb);

  /* In the live store: the record stays for statistics, without identity. */
  g_assert_null (vita_store_load_household (f->store, vita_household_get_id (a), &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ids = vita_store_search (f->store, "nunez", NULL, &error);
  g_assert_cmpuint (ids->len, ==, 0);

  /* Put the earlier backup in place of the store, keep the live keys.
   * Unannounced, that is a rollback: it is refused. */
  vita_store_lock (f->store);
  g_assert_cmpint (g_rename (dest, f->path), ==, 0);
  g_assert_false (vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
  g_clear_error (&error);
  /* The coordinator restoring it on purpose also drops the high-water
   * mark, as README says. */
  vita_test_forget_high_water_mark (f->path);
  vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);

  la = vita_store_load_household (f->store, vita_household_get_id (a), &error);
  g_assert_no_error (error);
  g_assert_null (vita_household_get (la, VITA_PERSON_TAXPAYER, "last_name"));
  g_assert_null (vita_household_get (la, VITA_PERSON_TAXPAYER, "dob"));
  g_assert_cmpstr (vita_household_get (la, VITA_PERSON_HOUSEHOLD, "inc.wages"), ==, "yes");
  lb = vita_store_load_household (f->store, vita_household_get_id (b), &error);
  g_assert_no_error (error);
  g_assert_null (vita_household_get (lb, VITA_PERSON_TAXPAYER, "last_name"));
}

static void
test_purge_keeps_statistics (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_object_unref);
  VitaHousehold *p;

  g_autoptr(GDateTime) interviewed = g_date_time_new_local (2026, 1, 15, 10, 0, 0);
  g_autoptr(GDateTime) filed = g_date_time_new_local (2026, 1, 20, 10, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_local (2026, 5, 1, 10, 0, 0);

  /* Interviewed and filed in the season; due once it is over. */
  vita_clock_set_for_testing (interviewed);
  vita_household_set_tax_year (hh, 2025);
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "dob", "1990-03-15");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.zip", "02740");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  vita_clock_set_for_testing (filed);
  vita_store_set_status (f->store, vita_household_get_id (hh), VITA_RETURN_STATUS_FILED, &error);
  g_assert_no_error (error);
  vita_clock_set_for_testing (after);
  g_assert_cmpint (vita_store_count_purge_due (f->store, "2026-04-29", &error), ==, 0);
  g_assert_cmpint (vita_store_count_purge_due (f->store, "2026-04-30", &error), ==, 1);

  guint n = 0;
  vita_store_purge_due (f->store, "2026-05-01", &n, &error);
  vita_clock_set_for_testing (NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (vita_store_count_households (f->store, &error), ==, 0);

  g_assert_true (vita_store_foreach_household (f->store, TRUE, collect_household, seen, &error));
  g_assert_cmpuint (seen->len, ==, 1);
  p = g_ptr_array_index (seen, 0);
  g_assert_cmpstr (vita_household_get (p, VITA_PERSON_TAXPAYER, "dob@age_band"), ==, "35-44");
  g_assert_cmpstr (vita_household_get (p, VITA_PERSON_HOUSEHOLD, "address.zip@zip3"), ==, "027");
  g_assert_cmpstr (vita_household_get (p, VITA_PERSON_HOUSEHOLD, "inc.wages"), ==, "yes");
  g_assert_null (vita_household_get (p, VITA_PERSON_TAXPAYER, "first_name"));
  g_assert_null (vita_household_get (p, VITA_PERSON_TAXPAYER, "tin_type"));
}

static void
test_sealed_on_disk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  sqlite3 *db = _vita_store_get_db (f->store);
  sqlite3_stmt *stmt;
  int plain = 0;

  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);

  /* Only answers classified safe are stored as they are. */
  sqlite3_prepare_v2 (db, "SELECT field FROM answers", -1, &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpstr ((const char *)sqlite3_column_text (stmt, 0), ==, "inc.wages");
      plain++;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (plain, ==, 1);

  /* Everything else is one sealed blob that shows none of it. */
  sqlite3_prepare_v2 (db, "SELECT blob FROM sealed_answers", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_null (memmem (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), "Peña", 5));
  g_assert_null (memmem (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0), "needs_itin", 10));
  sqlite3_finalize (stmt);

  /* A bit flipped in the blob is refused, not half-read. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE sealed_answers SET blob = substr (blob, 1, 30) ||"
                                     " iif (substr (blob, 31, 1) = x'00', x'01', x'00')"
                                     " || substr (blob, 32)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_null (vita_store_load_household (f->store, vita_household_get_id (hh), &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
}

static void
test_audit_chain (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  sqlite3 *db = _vita_store_get_db (f->store);
  gint64 n = 0;

  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  vita_store_set_status (f->store, vita_household_get_id (hh), VITA_RETURN_STATUS_PREPARING, &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_audit_verify (f->store, &n, &error));
  g_assert_cmpint (n, >=, 3);

  /* The app itself cannot rewrite history... */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET action = 'x' WHERE seq = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq = 2", NULL, NULL, NULL), !=, SQLITE_OK);

  /* ...and someone holding the key who drops the guards is caught. */
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (vita_store_audit_verify (f->store, &n, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_false (vita_store_verify (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
}

static void
test_audit_edit_detected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = _vita_store_get_db (f->store);

  vita_store_audit (f->store, "print-notice", 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update;"
                                     "UPDATE audit SET household_id = 8 WHERE action = 'print-notice'",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_false (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
}

static void
test_notices_recorded (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(GPtrArray) notices = NULL;

  vita_store_save_household (f->store, hh, &error);
  vita_store_record_notice (f->store, vita_household_get_id (hh), "2026.1", "ko", "en", "print", &error);
  g_assert_no_error (error);
  notices = vita_store_list_notices (f->store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (notices, 0), "2026.1 ko+en print "));
}

static void
test_consents (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gint64 id;

  vita_store_save_household (f->store, hh, &error);
  id = vita_store_record_consent (f->store, vita_household_get_id (hh), VITA_PERSON_TAXPAYER,
                                  "15080-disclose", TRUE, "15080-rev10-2025", "ht", "2027-11-30", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  vita_store_revoke_consent (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_false (vita_store_revoke_consent (f->store, id, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  consents = vita_store_list_consents (f->store, vita_household_get_id (hh), &error);
  g_assert_cmpuint (consents->len, ==, 1);
  VitaConsent *c = g_ptr_array_index (consents, 0);
  g_assert_true (c->granted);
  g_assert_cmpstr (c->language, ==, "ht");
  g_assert_nonnull (c->revoked_at);

  /* The member's "who opened your file" report: entries about this
   * household only, with who did it, and no values. */
  audit = vita_store_list_audit (f->store, vita_household_get_id (hh), 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, >=, 2);
  for (guint i = 0; i < audit->len; i++)
    {
      VitaAuditEntry *e = g_ptr_array_index (audit, i);
      g_assert_cmpint (e->household_id, ==, vita_household_get_id (hh));
      g_assert_cmpstr (e->user_name, ==, "coord");
      g_assert_null (strstr (e->detail, "Núñez"));
    }
}

static void
test_keyfile_rejects_bad_user_names (void)
{
  static const char *bad[] = { "", "UPPER", "has space", "semi;colon", "[group]", "ümlaut",
                               "123456789012345678901234567890123" };
  static const char *good[] = { "a", "maria.g", "vol-2", "x_y", "12345678901234567890123456789012" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (vita_user_name_is_valid (bad[i]));
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (vita_user_name_is_valid (good[i]));
}

static void
test_synthetic_saved_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GPtrArray) summaries = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, i, NULL);
      vita_store_save_household (f->store, hh, &error);
      g_assert_no_error (error);
    }
  g_assert_cmpint (vita_store_count_households (f->store, &error), ==, 200);
  all = vita_store_search (f->store, NULL, NULL, &error);
  g_assert_cmpuint (all->len, ==, 200);
  summaries = vita_store_get_summaries (f->store, (gint64 *)all->data, all->len, &error);
  g_assert_no_error (error);
  /* Sorted by name: each display name is >= the previous one. */
  for (guint i = 1; i < summaries->len; i++)
    {
      VitaHouseholdSummary *a = g_ptr_array_index (summaries, i - 1);
      VitaHouseholdSummary *b = g_ptr_array_index (summaries, i);
      g_assert_cmpint (strcmp (a->display_name, b->display_name), <=, 0);
    }
}

/* ------------------------------------------------------------------ */
/* Reading every household for the export                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  GArray    *ids;         /* gint64, in the order visited */
  GPtrArray *households;  /* VitaHousehold rebuilt from each visit */
  guint      fail_after;  /* stop with an error after this many; 0: never */
  gboolean   any_order;   /* rows sealed one by one come among the plain ones */
} Visited;

static void
visited_clear (Visited *v)
{
  g_clear_pointer (&v->ids, g_array_unref);
  g_clear_pointer (&v->households, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Visited, visited_clear)

static void
visited_init (Visited *v)
{
  v->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  v->households = g_ptr_array_new_with_free_func (g_object_unref);
  v->fail_after = 0;
  v->any_order = FALSE;
}

static gboolean
visit_answers (const VitaHouseholdAnswers  *hh,
               gpointer                     user_data,
               GError                     **error)
{
  Visited *v = user_data;
  VitaHousehold *copy = vita_household_new ();
  gboolean plain_seen = FALSE;

  g_array_append_val (v->ids, hh->id);
  vita_household_set_id (copy, hh->id);
  vita_household_set_status (copy, hh->status);
  vita_household_set_language (copy, hh->language);
  vita_household_set_tax_year (copy, hh->tax_year);
  for (guint i = 0; i < hh->n_answers; i++)
    {
      const VitaAnswer *a = &hh->answers[i];
      gboolean sealed = _vita_store_field_is_sealed (a->field);

      g_assert_cmpint (a->person, >=, VITA_PERSON_HOUSEHOLD);
      g_assert_cmpstr (a->field, !=, "");
      g_assert_cmpstr (a->value, !=, "");
      /* The sealed blob first, then the rows as they are stored. */
      if (!sealed)
        plain_seen = TRUE;
      else if (!v->any_order)
        g_assert_false (plain_seen);
      vita_household_set (copy, a->person, a->field, a->value);
    }
  g_ptr_array_add (v->households, copy);
  if (v->fail_after != 0 && v->ids->len == v->fail_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stop here");
      return FALSE;
    }
  return TRUE;
}

static void
collect_lines (int         person,
               const char *field_id,
               const char *value,
               gpointer    user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%d\x1f%s\x1f%s", person, field_id, value));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Same answers, persons, status, language and tax year. */
static void
assert_same_household (VitaHousehold *a,
                       VitaHousehold *b)
{
  g_autoptr(GPtrArray) la = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lb = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) pa = vita_household_list_persons (a);
  g_autoptr(GArray) pb = vita_household_list_persons (b);

  g_assert_cmpint (vita_household_get_id (a), ==, vita_household_get_id (b));
  g_assert_cmpint (vita_household_get_status (a), ==, vita_household_get_status (b));
  g_assert_cmpstr (vita_household_get_language (a), ==, vita_household_get_language (b));
  g_assert_cmpint (vita_household_get_tax_year (a), ==, vita_household_get_tax_year (b));
  vita_household_foreach (a, collect_lines, la);
  vita_household_foreach (b, collect_lines, lb);
  g_ptr_array_sort (la, compare_strings);
  g_ptr_array_sort (lb, compare_strings);
  g_assert_cmpuint (la->len, ==, lb->len);
  for (guint i = 0; i < la->len; i++)
    g_assert_cmpstr (la->pdata[i], ==, lb->pdata[i]);
  g_assert_cmpuint (pa->len, ==, pb->len);
  for (guint i = 0; i < pa->len; i++)
    g_assert_cmpint (g_array_index (pa, int, i), ==, g_array_index (pb, int, i));
}

static VitaHousehold *
find_visited (Visited *v,
              gint64   id)
{
  for (guint i = 0; i < v->ids->len; i++)
    if (g_array_index (v->ids, gint64, i) == id)
      return g_ptr_array_index (v->households, i);
  return NULL;
}

/* Each household read by the export's reader equals the same household
 * loaded the usual way; purged ones give their kept statistics only. */
static void
test_foreach_answers_matches_load (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) saved = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(Visited) all = { 0 };
  g_auto(Visited) live = { 0 };
  g_autoptr(GPtrArray) objects = g_ptr_array_new_with_free_func (g_object_unref);
  VitaHousehold *purged_seen;
  gint64 purged;

  for (guint i = 0; i < 40; i++)
    g_ptr_array_add (saved, vita_synthetic_household (rand, i, NULL));
  vita_household_set (saved->pdata[3], VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  vita_household_set_status (saved->pdata[4], VITA_RETURN_STATUS_ACCEPTED);
  vita_store_save_households (f->store, saved, &error);
  g_assert_no_error (error);
  purged = vita_household_get_id (saved->pdata[3]);
  vita_store_purge_household (f->store, purged, &error);
  g_assert_no_error (error);

  visited_init (&all);
  g_assert_true (vita_store_foreach_answers (f->store, TRUE, visit_answers, &all, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (all.ids->len, ==, 40);
  for (guint i = 1; i < all.ids->len; i++)
    g_assert_cmpint (g_array_index (all.ids, gint64, i - 1), <, g_array_index (all.ids, gint64, i));

  for (guint i = 0; i < saved->len; i++)
    {
      gint64 id = vita_household_get_id (saved->pdata[i]);
      g_autoptr(VitaHousehold) loaded = NULL;

      if (id == purged)
        continue;
      loaded = vita_store_load_household (f->store, id, &error);
      g_assert_no_error (error);
      assert_same_household (find_visited (&all, id), loaded);
      g_assert_nonnull (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"));
    }

  purged_seen = find_visited (&all, purged);
  g_assert_nonnull (purged_seen);
  g_assert_null (vita_household_get (purged_seen, VITA_PERSON_TAXPAYER, "last_name"));
  g_assert_null (vita_household_get (purged_seen, VITA_PERSON_TAXPAYER, "dob"));
  g_assert_nonnull (vita_household_get (purged_seen, VITA_PERSON_TAXPAYER, "dob@age_band"));
  g_assert_cmpstr (vita_household_get (purged_seen, VITA_PERSON_HOUSEHOLD, "inc.wages"), ==, "yes");

  visited_init (&live);
  g_assert_true (vita_store_foreach_answers (f->store, FALSE, visit_answers, &live, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (live.ids->len, ==, 39);
  g_assert_null (find_visited (&live, purged));

  /* vita_store_foreach_household() is the same reading. */
  g_assert_true (vita_store_foreach_household (f->store, TRUE, collect_household, objects, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (objects->len, ==, all.households->len);
  for (guint i = 0; i < objects->len; i++)
    assert_same_household (objects->pdata[i], all.households->pdata[i]);
}

/* Values and blobs big enough for GVariant's two- and four-byte framing
 * offsets. */
static void
test_foreach_answers_large (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(VitaHousehold) loaded = NULL;
  g_autofree char *long_value = g_strnfill (300, 'x');
  g_auto(Visited) v = { 0 };

  vita_household_set (hh, VITA_PERSON_TAXPAYER, "middle_name", long_value);
  for (guint i = 0; i < 260; i++)
    {
      g_autofree char *field = g_strdup_printf ("mystery.field%03u", i);
      g_autofree char *value = g_strdup_printf ("%s é %u", long_value, i);

      vita_household_set (hh, i % 3 - 1, field, value);
    }
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);

  visited_init (&v);
  g_assert_true (vita_store_foreach_answers (f->store, FALSE, visit_answers, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (v.ids->len, ==, 1);
  loaded = vita_store_load_household (f->store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  assert_same_household (v.households->pdata[0], loaded);
  g_assert_cmpstr (vita_household_get (v.households->pdata[0], VITA_PERSON_TAXPAYER, "middle_name"), ==,
                   long_value);
  g_assert_cmpuint (vita_household_get_n_values (v.households->pdata[0]), ==,
                    vita_household_get_n_values (hh));
}

/* Seals @plain as @id's blob of identifying answers, the way a save does. */
static void
replace_sealed_blob (Fixture      *f,
                     gint64        id,
                     const guint8 *plain,
                     gsize         len)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaSecretKey) key = _vita_store_household_key (f->store, id, FALSE, &error);
  g_autoptr(GBytes) sealed = NULL;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  sealed = _vita_store_seal (key, id, VITA_PERSON_HOUSEHOLD, "@identity", plain, len);
  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (f->store),
                                       "UPDATE sealed_answers SET blob = ?2 WHERE household_id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_blob (stmt, 2, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* A blob that authenticates but is not in GVariant's normal form is read
 * by GLib, exactly as a household load reads it. */
static void
test_foreach_answers_not_normal_form (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(VitaHousehold) loaded = NULL;
  g_autoptr(GVariant) blob = NULL;
  g_autofree guint8 *bytes = NULL;
  g_auto(Visited) v = { 0 };
  GVariantBuilder builder;
  gsize len;
  guint8 *hole;

  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(iss)"));
  g_variant_builder_add (&builder, "(iss)", VITA_PERSON_TAXPAYER, "first_name", "Wideline");
  g_variant_builder_add (&builder, "(iss)", VITA_PERSON_TAXPAYER, "last_name", "Saint-Fleur");
  g_variant_builder_add (&builder, "(iss)", 2, "first_name", "ABCDEFGH");
  g_variant_builder_add (&builder, "(iss)", VITA_PERSON_HOUSEHOLD, "address.zip", "02740");
  blob = g_variant_ref_sink (g_variant_builder_end (&builder));
  len = g_variant_get_size (blob);
  bytes = g_malloc (len);
  g_variant_store (blob, bytes);
  /* A nul inside one string. */
  hole = memmem (bytes, len, "ABCDEFGH", 8);
  g_assert_nonnull (hole);
  hole[3] = '\0';
  replace_sealed_blob (f, vita_household_get_id (hh), bytes, len);

  visited_init (&v);
  g_assert_true (vita_store_foreach_answers (f->store, FALSE, visit_answers, &v, &error));
  g_assert_no_error (error);
  loaded = vita_store_load_household (f->store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  assert_same_household (v.households->pdata[0], loaded);
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"), ==, "Saint-Fleur");

  /* And a blob that does not authenticate is refused. */
  {
    sqlite3 *db = _vita_store_get_db (f->store);
    g_auto(Visited) bad = { 0 };

    g_assert_cmpint (sqlite3_exec (db, "UPDATE sealed_answers SET blob = substr (blob, 1, 30) ||"
                                       " iif (substr (blob, 31, 1) = x'00', x'01', x'00')"
                                       " || substr (blob, 32)", NULL, NULL, NULL), ==, SQLITE_OK);
    visited_init (&bad);
    g_assert_false (vita_store_foreach_answers (f->store, FALSE, visit_answers, &bad, &error));
    g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
    g_assert_cmpuint (bad.ids->len, ==, 0);
  }
}

/* Answers sealed one by one (schema version 2) are opened too; without
 * the household's key they are left out, as they are on a load. */
static void
test_foreach_answers_legacy_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) first = vita_household_new ();
  g_autoptr(VitaHousehold) hh = sample_household ();
  g_autoptr(VitaHousehold) loaded = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "backup.vita", NULL);
  g_autoptr(VitaStore) copy = NULL;
  g_auto(Visited) v = { 0 };
  g_auto(Visited) in_copy = { 0 };
  gint64 id;

  vita_household_set (first, VITA_PERSON_HOUSEHOLD, "inc.tips", "no");
  vita_store_save_household (f->store, first, &error);
  g_assert_no_error (error);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  id = vita_household_get_id (hh);
  vita_test_insert_legacy_answer (f->store, id, VITA_PERSON_TAXPAYER, "middle_name", "Legado");
  vita_test_insert_legacy_answer (f->store, id, 2, "middle_name", "Antiguo");

  visited_init (&v);
  v.any_order = TRUE;
  g_assert_true (vita_store_foreach_answers (f->store, FALSE, visit_answers, &v, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (v.ids->len, ==, 2);
  loaded = vita_store_load_household (f->store, id, &error);
  g_assert_no_error (error);
  assert_same_household (v.households->pdata[1], loaded);
  g_assert_cmpstr (vita_household_get (v.households->pdata[1], VITA_PERSON_TAXPAYER, "middle_name"), ==,
                   "Legado");
  g_assert_cmpstr (vita_household_get (v.households->pdata[1], 2, "middle_name"), ==, "Antiguo");

  /* A copy opened without this site's retention keys: the safe answers. */
  vita_store_backup (f->store, dest, &error);
  g_assert_no_error (error);
  copy = vita_store_new (dest);
  vita_store_unlock (copy, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  visited_init (&in_copy);
  g_assert_true (vita_store_foreach_answers (copy, FALSE, visit_answers, &in_copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (in_copy.ids->len, ==, 2);
  g_assert_cmpuint (vita_household_get_n_values (in_copy.households->pdata[1]), ==, 1);
  g_assert_cmpstr (vita_household_get (in_copy.households->pdata[1], VITA_PERSON_HOUSEHOLD, "inc.wages"), ==,
                   "yes");
  vita_store_lock (copy);

  /* An altered row is refused, not skipped, after households that were
   * fine. */
  g_assert_cmpint (sqlite3_exec (_vita_store_get_db (f->store),
                                 "UPDATE answers SET sealed = substr (sealed, 1, 30) ||"
                                 " iif (substr (sealed, 31, 1) = x'00', x'01', x'00') ||"
                                 " substr (sealed, 32) WHERE person = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  visited_clear (&v);
  visited_init (&v);
  v.any_order = TRUE;
  g_assert_false (vita_store_foreach_answers (f->store, FALSE, visit_answers, &v, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_cmpuint (v.ids->len, ==, 1);
}

/* The callback's error stops the reading and comes back; the read
 * transaction ends with it, so the store can be written at once. */
static void
test_foreach_answers_stops (Fixture *f, gconstpointer data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) later = NULL;
  g_auto(Visited) v = { 0 };
  VitaKdfParams params;

  for (guint i = 0; i < 5; i++)
    {
      g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, i, NULL);
      vita_store_save_household (f->store, hh, &error);
      g_assert_no_error (error);
    }

  visited_init (&v);
  v.fail_after = 2;
  g_assert_false (vita_store_foreach_answers (f->store, TRUE, visit_answers, &v, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (v.ids->len, ==, 2);

  later = vita_synthetic_household (rand, 9, NULL);
  vita_store_save_household (f->store, later, &error);
  g_assert_no_error (error);

  /* Coordinators only, and only unlocked. */
  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, "rev", "A Reviewer", VITA_ROLE_REVIEWER, "reviewer granite owl 9", &params, &error);
  g_assert_no_error (error);
  vita_store_lock (f->store);
  g_assert_false (vita_store_foreach_answers (f->store, TRUE, visit_answers, &v, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  vita_store_unlock (f->store, "rev", "reviewer granite owl 9", &error);
  g_assert_no_error (error);
  g_assert_false (vita_store_foreach_answers (f->store, TRUE, visit_answers, &v, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_assert_cmpuint (v.ids->len, ==, 2);
}

/* The whole-number settings: one set of bounds and defaults for the check
 * before a value is stored and for every reader. */
static void
test_setting_numbers (Fixture       *f,
                      gconstpointer  data)
{
  static const struct { const char *key; gint64 fallback, min, max; } numbers[] = {
    { VITA_SETTING_IDLE_LOCK_MINUTES, VITA_IDLE_LOCK_MINUTES_DEFAULT,
      VITA_IDLE_LOCK_MINUTES_MIN, VITA_IDLE_LOCK_MINUTES_MAX },
    { VITA_SETTING_RETENTION_MIN_DAYS, VITA_RETENTION_MIN_DAYS_DEFAULT,
      VITA_RETENTION_MIN_DAYS_MIN, VITA_RETENTION_MIN_DAYS_MAX },
    { VITA_SETTING_RETENTION_MAX_DAYS, VITA_RETENTION_MAX_DAYS_DEFAULT,
      VITA_RETENTION_MAX_DAYS_MIN, VITA_RETENTION_MAX_DAYS_MAX },
  };
  g_autoptr(GError) error = NULL;
  gint64 value;

  g_assert_cmpint (VITA_IDLE_LOCK_MINUTES_DEFAULT, ==, 10);
  g_assert_cmpint (VITA_RETENTION_MIN_DAYS_MIN, ==, 30);
  g_assert_cmpint (VITA_RETENTION_MIN_DAYS_MAX, ==, 730);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      const char *key = numbers[i].key;
      g_autofree char *min = g_strdup_printf ("%" G_GINT64_FORMAT, numbers[i].min);
      g_autofree char *max = g_strdup_printf ("%" G_GINT64_FORMAT, numbers[i].max);
      g_autofree char *below = g_strdup_printf ("%" G_GINT64_FORMAT, numbers[i].min - 1);
      g_autofree char *above = g_strdup_printf ("%" G_GINT64_FORMAT, numbers[i].max + 1);
      const char *junk[] = { below, above, "", "ten", "12x", " 12", NULL };
      g_autofree char *sql = NULL;

      g_test_message ("%s", key);
      /* A new store holds the default. */
      value = -1;
      g_assert_true (vita_store_get_setting_number (f->store, key, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, numbers[i].fallback);

      /* The bounds themselves are good, in the parser and the store. */
      g_assert_true (vita_setting_parse_number (key, min, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, numbers[i].min);
      g_assert_true (vita_store_set_setting (f->store, key, max, &error));
      g_assert_no_error (error);
      g_assert_true (vita_store_get_setting_number (f->store, key, &value, &error));
      g_assert_cmpint (value, ==, numbers[i].max);

      /* Junk is refused with a message naming the bounds, parsed as the
       * default, and refused by the store, which keeps what it had. */
      for (guint j = 0; junk[j] != NULL; j++)
        {
          value = -1;
          g_assert_false (vita_setting_parse_number (key, junk[j], &value, &error));
          g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
          g_assert_nonnull (strstr (error->message, max));
          g_clear_error (&error);
          g_assert_cmpint (value, ==, numbers[i].fallback);

          g_assert_false (vita_store_set_setting (f->store, key, junk[j], &error));
          g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
          g_clear_error (&error);
          g_assert_true (vita_store_get_setting_number (f->store, key, &value, &error));
          g_assert_cmpint (value, ==, numbers[i].max);
        }
      g_assert_false (vita_setting_parse_number (key, NULL, &value, NULL));
      g_assert_cmpint (value, ==, numbers[i].fallback);

      /* A value the check would refuse (an older version, or a hand
       * edit) reads as the default; so does none at all. */
      sql = g_strdup_printf ("UPDATE settings SET value = '%s' WHERE key = '%s';", above, key);
      g_assert_true (_vita_store_exec (f->store, sql, &error));
      g_assert_no_error (error);
      g_assert_true (vita_store_get_setting_number (f->store, key, &value, &error));
      g_assert_cmpint (value, ==, numbers[i].fallback);
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("DELETE FROM settings WHERE key = '%s';", key);
      g_assert_true (_vita_store_exec (f->store, sql, &error));
      g_assert_true (vita_store_get_setting_number (f->store, key, &value, &error));
      g_assert_no_error (error);
      g_assert_cmpint (value, ==, numbers[i].fallback);
    }

  /* A store that cannot be read says so instead of making up a value. */
  vita_store_lock (f->store);
  g_assert_false (vita_store_get_setting_number (f->store, VITA_SETTING_IDLE_LOCK_MINUTES,
                                                 &value, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (value, ==, VITA_IDLE_LOCK_MINUTES_DEFAULT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/store/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("create-and-unlock", test_create_and_unlock);
  ADD ("create-refuses-existing", test_create_refuses_existing);
  ADD ("wrong-passphrase-leaves-file-identical", test_wrong_passphrase_leaves_file_identical);
  ADD ("save-load-search", test_save_load_search);
  ADD ("search-korean", test_search_korean);
  ADD ("search-follows-changes", test_search_follows_changes);
  ADD ("search-sees-other-connections", test_search_sees_other_connections);
  ADD ("search-oracle", test_search_oracle);
  ADD ("search-joined-and-bad-input", test_search_joined_and_bad_input);
  ADD ("migrates-schema-5", test_migrates_schema_5);
  ADD ("users-and-roles", test_users_and_roles);
  ADD ("locked-refuses", test_locked_refuses);
  ADD ("adding-user-does-not-rewrite-records", test_adding_user_does_not_rewrite_records);
  ADD ("change-passphrase", test_change_passphrase);
  ADD ("rekey", test_rekey);
  ADD ("backup-opens", test_backup_opens);
  ADD ("page-format", test_page_format);
  ADD ("backup-restores-with-site-keys", test_backup_restores_with_site_keys);
  ADD ("backup-opens-without-reindex", test_backup_opens_without_reindex);
  ADD ("purge-defeats-earlier-backup", test_purge_defeats_earlier_backup);
  ADD ("purge-keeps-statistics", test_purge_keeps_statistics);
  ADD ("sealed-on-disk", test_sealed_on_disk);
  ADD ("audit-chain", test_audit_chain);
  ADD ("audit-edit-detected", test_audit_edit_detected);
  ADD ("notices-recorded", test_notices_recorded);
  ADD ("consents", test_consents);
  ADD ("synthetic-saved-many", test_synthetic_saved_many);
  ADD ("foreach-answers-matches-load", test_foreach_answers_matches_load);
  ADD ("foreach-answers-large", test_foreach_answers_large);
  ADD ("foreach-answers-not-normal-form", test_foreach_answers_not_normal_form);
  ADD ("foreach-answers-legacy-rows", test_foreach_answers_legacy_rows);
  ADD ("foreach-answers-stops", test_foreach_answers_stops);
  ADD ("setting-numbers", test_setting_numbers);
  g_test_add_func ("/store/fold", test_fold);
  g_test_add_func ("/store/user-names", test_keyfile_rejects_bad_user_names);
  return g_test_run ();
}
