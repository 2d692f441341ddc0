/* test-household-model.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-household-item.h"
#include "vita-household-model.h"
#include "vita-store-households.h"
#include "vita-synthetic.h"
#include "vita-gui-test-utils.h"
#include "vita-test-utils.h"

/* The households list model: ids from a search, summaries read in pages in
 * worker threads, a bounded page cache, one items-changed per search.  No
 * display is needed; the model is plain GIO. */

#define N_HOUSEHOLDS 250

typedef struct
{
  char               *dir;
  VitaStore          *store;
  VitaHouseholdModel *model;
  guint               n_changes;
  guint               last_removed;
  guint               last_added;
} Fixture;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Fixture    *f)
{
  g_assert_cmpuint (position, ==, 0);
  f->n_changes++;
  f->last_removed = removed;
  f->last_added = added;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);

  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
  for (guint i = 0; i < N_HOUSEHOLDS; i++)
    {
      g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, i, NULL);
      g_autoptr(GError) error = NULL;

      vita_store_save_household (f->store, hh, &error);
      g_assert_no_error (error);
    }

  f->model = vita_household_model_new (f->store);
  g_signal_connect (f->model, "items-changed", G_CALLBACK (items_changed_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Worker threads still finishing hold the model and the store for a
   * moment; their results are then dropped. */
  WAIT_FOR (G_OBJECT (f->model)->ref_count == 1, 5000);
  g_assert_finalize_object (g_steal_pointer (&f->model));
  WAIT_FOR (G_OBJECT (f->store)->ref_count == 1, 5000);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
wait_loaded (Fixture *f)
{
  WAIT_FOR (!vita_household_model_get_loading (f->model), 10000);
}

static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  guint positions[] = { 0, 99, 100, 150, N_HOUSEHOLDS - 1 };

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (f->model)) == VITA_TYPE_HOUSEHOLD_ITEM);

  vita_household_model_reload (f->model);
  g_assert_true (vita_household_model_get_loading (f->model));
  wait_loaded (f);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, N_HOUSEHOLDS);
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->last_removed, ==, 0);
  g_assert_cmpuint (f->last_added, ==, N_HOUSEHOLDS);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->model), N_HOUSEHOLDS));

  /* Items are placeholders first, then filled from their page. */
  ids = vita_store_search (f->store, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(VitaHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (f->model), positions[i]);
      gint64 id = g_array_index (ids, gint64, positions[i]);
      g_autoptr(GPtrArray) summaries = NULL;
      VitaHouseholdSummary *summary;

      g_assert_cmpint (vita_household_item_get_id (item), ==, id);
      WAIT_FOR (vita_household_item_get_loaded (item), 5000);

      summaries = vita_store_get_summaries (f->store, &id, 1, &error);
      g_assert_no_error (error);
      summary = g_ptr_array_index (summaries, 0);
      g_assert_cmpstr (vita_household_item_get_display_name (item), ==, summary->display_name);
      g_assert_cmpstr (vita_household_item_get_language (item), ==, summary->language);
      g_assert_cmpint (vita_household_item_get_status (item), ==, summary->status);
      g_assert_cmpint (vita_household_item_get_needs_itin (item), ==, summary->needs_itin);
    }

  /* The same position gives the same object while its page is cached. */
  {
    g_autoptr(GObject) a = g_list_model_get_item (G_LIST_MODEL (f->model), 5);
    g_autoptr(GObject) b = g_list_model_get_item (G_LIST_MODEL (f->model), 5);

    g_assert_true (a == b);
  }
  g_assert_cmpuint (vita_household_model_get_n_cached_pages (f->model), ==, 3);

  /* The cache is bounded: the least recently used page goes first. */
  vita_household_model_set_max_cached_pages (f->model, 2);
  g_assert_cmpuint (vita_household_model_get_n_cached_pages (f->model), ==, 2);
  for (guint p = 0; p < 3; p++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->model), p * 100);
      g_assert_nonnull (item);
    }
  g_assert_cmpuint (vita_household_model_get_n_cached_pages (f->model), ==, 2);
}

static void
test_search_replaces_once (Fixture       *f,
                           gconstpointer  data)
{
  VitaSearchFilter filter = VITA_SEARCH_FILTER_INIT;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = NULL;

  vita_household_model_reload (f->model);
  wait_loaded (f);
  f->n_changes = 0;

  /* Several searches in a row: only the last one reaches the list, in a
   * single change. */
  vita_household_model_set_query (f->model, "g");
  vita_household_model_set_query (f->model, "ga");
  vita_household_model_set_query (f->model, "Garcia");
  wait_loaded (f);
  expected = vita_store_search (f->store, "García", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->n_changes, ==, 1);
  g_assert_cmpuint (f->last_removed, ==, N_HOUSEHOLDS);
  g_assert_cmpuint (f->last_added, ==, expected->len);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, expected->len);
  g_assert_true (vita_household_model_is_filtered (f->model));

  /* A filter is searched the same way. */
  g_clear_pointer (&expected, g_array_unref);
  vita_household_model_set_query (f->model, NULL);
  filter.language = "ko";
  vita_household_model_set_filter (f->model, &filter);
  wait_loaded (f);
  expected = vita_store_search (f->store, NULL, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      g_autoptr(VitaHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (f->model), i);

      WAIT_FOR (vita_household_item_get_loaded (item), 5000);
      g_assert_cmpstr (vita_household_item_get_language (item), ==, "ko");
    }

  /* Clearing (as on lock) empties the list at once. */
  vita_household_model_clear (f->model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  g_assert_false (vita_household_model_get_loading (f->model));
}

static void
count_failure_cb (VitaHouseholdModel *model,
                  const GError       *error,
                  guint              *failures)
{
  (*failures)++;
}

static void
test_locked_store (Fixture       *f,
                   gconstpointer  data)
{
  guint failures = 0;

  g_signal_connect (f->model, "failed", G_CALLBACK (count_failure_cb), &failures);
  vita_store_lock (f->store);
  vita_household_model_reload (f->model);
  wait_loaded (f);

  /* A locked store is expected (the app locked mid-search): no error is
   * shown and the list stays empty. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->model)), ==, 0);
  g_assert_cmpuint (failures, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/gui/household-model/pages", Fixture, NULL,
              fixture_setup, test_pages, fixture_teardown);
  g_test_add ("/gui/household-model/search", Fixture, NULL,
              fixture_setup, test_search_replaces_once, fixture_teardown);
  g_test_add ("/gui/household-model/locked", Fixture, NULL,
              fixture_setup, test_locked_store, fixture_teardown);

  return g_test_run ();
}
