/* test-export-risk.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 17: k over the whole written row, purposes, the risk report,
 * answers consistent with their gates and the noise of the published
 * counts.  The property test runs random purposes, column sets and k
 * over thousands of synthetic households and recounts every figure of
 * the report from the file itself.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "vita-export.h"
#include "vita-field.h"
#include "vita-field-ids.h"
#include "vita-retention.h"
#include "vita-store-households.h"
#include "vita-synthetic.h"
#include "vita-test-utils.h"

/* The defaults, with the column ids as headers: these tests find columns
 * by id.  The readable headers and the dictionary have their own tests. */
#define ID_HEADER_OPTIONS { 0, FALSE, VITA_EXPORT_PURPOSE_AGGREGATE, NULL, 0.0, NULL, TRUE }

#define N_SYNTHETIC 2500

typedef struct
{
  char      *dir;
  VitaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->store));
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

static char *
write_csv (VitaExportTable *table)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  g_assert_true (vita_export_table_write (table, VITA_EXPORT_FORMAT_CSV, out, NULL, &error));
  g_assert_no_error (error);
  g_output_stream_close (out, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static int
column_of (char      **header,
           const char *name)
{
  for (int c = 0; header[c] != NULL; c++)
    if (g_str_equal (header[c], name))
      return c;
  return -1;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Each row without its position, sorted: two exports of one store must
 * give the same list. */
static GPtrArray *
sorted_tuples (GPtrArray *rows)
{
  GPtrArray *tuples = g_ptr_array_new_with_free_func (g_free);

  for (guint r = 1; r < rows->len; r++)
    g_ptr_array_add (tuples, g_strjoinv ("\x1f", ((char **) rows->pdata[r]) + 1));
  g_ptr_array_sort (tuples, compare_strings);
  return tuples;
}

/* The file, read as an attacker would: every row's whole tuple must be
 * shared by k rows, and the report's figures must be what the file
 * shows.  Nothing here uses the export's own counting. */
static void
assert_file_matches_report (GPtrArray              *rows,
                            const VitaExportReport *report,
                            guint                   k,
                            guint                   n_households)
{
  char **header = rows->pdata[0];
  guint n_columns = g_strv_length (header);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer value;
  guint n_rows = rows->len - 1, min_group = G_MAXUINT, n_below_2k = 0, n_star = 0;

  g_assert_cmpstr (header[0], ==, "row");
  g_assert_cmpuint (n_columns - 1, <=, VITA_EXPORT_MAX_COLUMNS);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      char *tuple = g_strjoinv ("\x1f", row + 1);
      g_autofree char *number = g_strdup_printf ("%u", r);

      g_assert_cmpuint (g_strv_length (row), ==, n_columns);
      g_assert_cmpstr (row[0], ==, number);
      for (guint c = 1; c < n_columns; c++)
        n_star += g_str_equal (row[c], "*");
      g_hash_table_insert (groups, tuple,
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (groups, tuple)) + 1));
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint size = GPOINTER_TO_UINT (value);

      g_assert_cmpuint (size, >=, k);
      min_group = MIN (min_group, size);
      if (size < 2 * k)
        n_below_2k += size;
    }

  g_assert_cmpuint (vita_export_report_get_k (report), ==, k);
  g_assert_cmpuint (vita_export_report_get_n_rows (report), ==, n_households);
  g_assert_cmpuint (vita_export_report_get_n_written (report), ==, n_rows);
  g_assert_cmpuint (vita_export_report_get_n_suppressed (report), ==, n_households - n_rows);
  g_assert_cmpuint (vita_export_report_get_n_groups (report), ==, g_hash_table_size (groups));
  g_assert_cmpuint (vita_export_report_get_min_group_size (report), ==, n_rows > 0 ? min_group : 0);
  g_assert_cmpuint (vita_export_report_get_n_below_2k (report), ==, n_below_2k);
  g_assert_cmpuint (vita_export_report_get_n_cells_withheld (report), ==, n_star);
  if (n_rows > 0)
    g_assert_cmpfloat_with_epsilon (vita_export_report_get_max_risk (report), 1.0 / min_group, 1e-12);
  g_assert_cmpuint (vita_export_report_get_n_written (report) * 100, >=,
                    n_households * (100 - VITA_EXPORT_MAX_SUPPRESSED_PERCENT));
}

/* No answer behind a closed gate: where a row carries both a gate and the
 * answer behind it, a shown gate value that closes it leaves the answer
 * empty or withheld. */
static void
assert_gates_closed (GPtrArray *rows)
{
  char **header = rows->pdata[0];

  for (guint c = 1; header[c] != NULL; c++)
    {
      const VitaField *field = vita_field_lookup (header[c]);
      int gate;

      if (field == NULL || field->gate_field == NULL || (gate = column_of (header, field->gate_field)) < 0)
        continue;
      for (guint r = 1; r < rows->len; r++)
        {
          char **row = rows->pdata[r];
          const char *shown = row[gate];

          if (g_str_equal (shown, "*") || g_str_equal (shown, "other"))
            continue;
          if (!vita_field_value_matches (vita_field_lookup (field->gate_field), shown, field->gate_value))
            g_assert_true (*row[c] == '\0' || g_str_equal (row[c], "*"));
        }
    }
}

/* Synthetic households, a third of them with stale answers: an answer
 * left behind when the interview moved on. */
static guint
fill_store (VitaStore *store,
            GRand     *rand,
            guint      n)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      VitaHousehold *hh = vita_synthetic_household (rand, i, NULL);

      if (i % 3 == 0)
        {
          vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_WAGES, "no");
          vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_WAGES_JOBS, "1");
        }
      if (i % 3 == 1)
        {
          vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_MARITAL_STATUS, "married");
          vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_SPOUSE_DEATH_YEAR, "2019");
        }
      g_ptr_array_add (batch, hh);
      if (batch->len == 500 || i == n - 1)
        {
          vita_store_save_households (store, batch, &error);
          g_assert_no_error (error);
          g_ptr_array_set_size (batch, 0);
        }
    }
  return n;
}

static void
test_property (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_auto(GStrv) all = vita_export_get_column_names ();
  const char * const *named = vita_export_get_named_extracts ();
  guint n_all = g_strv_length (all), n_written = 0, n_refused = 0;
  guint n = fill_store (f->store, rand, N_SYNTHETIC);

  for (guint trial = 0; trial < 24; trial++)
    {
      VitaExportOptions opts = ID_HEADER_OPTIONS;
      g_autoptr(GError) error = NULL;
      g_autoptr(VitaExportTable) table = NULL;
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *csv = NULL;
      g_autofree char *columns = NULL;
      g_autofree char *json = NULL;

      opts.purpose = VITA_EXPORT_PURPOSE_EXTRACT;
      opts.k = g_rand_int_range (rand, VITA_EXPORT_MIN_K, 11);
      if (trial < g_strv_length ((char **) named))
        columns = g_strdup (named[trial]);
      else
        {
          g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
          g_auto(GStrv) list = NULL;
          guint n_cols = g_rand_int_range (rand, 1, 7);

          /* Often a gate and the answer behind it together. */
          if (trial % 2 == 0)
            {
              g_strv_builder_add (b, VITA_FID_INC_WAGES);
              g_strv_builder_add (b, VITA_FID_INC_WAGES_JOBS);
            }
          if (trial % 3 == 0)
            {
              g_strv_builder_add (b, VITA_FID_MARITAL_STATUS);
              g_strv_builder_add (b, VITA_FID_SPOUSE_DEATH_YEAR "@year");
            }
          for (guint i = 0; i < n_cols; i++)
            g_strv_builder_add (b, all[g_rand_int_range (rand, 0, n_all)]);
          list = g_strv_builder_end (b);
          columns = g_strjoinv (",", list);
        }
      opts.columns = columns;

      table = vita_export_prepare_for_purpose (f->store, &opts, &error);
      if (table == NULL)
        {
          /* Refused: then for a reason the report's bounds name. */
          g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_REFUSED);
          n_refused++;
          continue;
        }
      g_assert_no_error (error);
      csv = write_csv (table);
      rows = vita_test_parse_csv (csv);
      assert_file_matches_report (rows, vita_export_table_get_report (table), opts.k, n);
      assert_gates_closed (rows);
      json = vita_export_report_to_json (vita_export_table_get_report (table));
      g_assert_nonnull (strstr (json, "\"max_prosecutor_risk\""));
      g_assert_nonnull (strstr (json, "\"noise\": \"none\""));
      n_written++;

      /* Two exports of the same store differ only in their order. */
      if (trial % 4 == 0 && rows->len > 3)
        {
          g_autoptr(VitaExportTable) again = vita_export_prepare_for_purpose (f->store, &opts, &error);
          g_autofree char *csv2 = NULL;
          g_autoptr(GPtrArray) rows2 = NULL;
          g_autoptr(GPtrArray) a = NULL, b = NULL;

          g_assert_no_error (error);
          csv2 = write_csv (again);
          rows2 = vita_test_parse_csv (csv2);
          a = sorted_tuples (rows);
          b = sorted_tuples (rows2);
          g_assert_cmpuint (a->len, ==, b->len);
          for (guint i = 0; i < a->len; i++)
            g_assert_cmpstr (a->pdata[i], ==, b->pdata[i]);
        }
    }
  g_test_message ("%u extracts written, %u refused", n_written, n_refused);
  g_assert_cmpuint (n_written, >, 0);
}

/* The default cannot single anyone out: the named purposes on their own
 * pass, and every row shares its whole tuple with k others. */
static void
test_default_is_aggregate (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaExportTable) table = NULL;

  fill_store (f->store, rand, 40);
  table = vita_export_prepare_for_purpose (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_export_report_get_kind (vita_export_table_get_report (table)), ==,
                   VITA_EXPORT_REPORT_AGGREGATES);
}

static VitaHousehold *
gated_household (const char *marital,
                 const char *wages,
                 const char *sale_assets)
{
  VitaHousehold *hh = vita_household_new ();

  vita_household_set_tax_year (hh, 2025);
  vita_household_set_language (hh, "es");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, VITA_FID_DOB, "1980-01-01");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_MARITAL_STATUS, marital);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_SPOUSE_DEATH_YEAR, "2019");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_WAGES, wages);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_WAGES_JOBS, "1");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_SALE_ASSETS, sale_assets);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_SALE_ASSETS_LOSS_LAST_YEAR, "yes");
  return hh;
}

/* spouse_death_year while married, inc.wages.jobs = 1 while inc.wages =
 * no: kept in the store (the volunteer may go back), never exported nor
 * counted. */
static void
test_gates (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaExportTable) table = NULL;
  g_autoptr(VitaExportTable) agg = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(VitaHousehold) reloaded = NULL;
  g_autofree char *csv = NULL;
  VitaExportOptions opts = ID_HEADER_OPTIONS;
  guint stale_rows = 0, current_rows = 0;
  int year, jobs, marital, wages;

  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (batch, gated_household ("married", "no", "no"));
  for (guint i = 0; i < 6; i++)
    g_ptr_array_add (batch, gated_household ("widowed", "yes", "yes"));
  vita_store_save_households (f->store, batch, &error);
  g_assert_no_error (error);

  /* At save: kept, as docs/export.md says. */
  reloaded = vita_store_load_household (f->store, vita_household_get_id (batch->pdata[0]), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (reloaded, VITA_PERSON_HOUSEHOLD, VITA_FID_SPOUSE_DEATH_YEAR), ==, "2019");
  g_assert_cmpstr (vita_household_get (reloaded, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_WAGES_JOBS), ==, "1");
  g_assert_false (vita_field_is_visible (vita_field_lookup (VITA_FID_SPOUSE_DEATH_YEAR), reloaded,
                                         VITA_PERSON_HOUSEHOLD));

  opts.k = 5;
  opts.columns = VITA_FID_MARITAL_STATUS "," VITA_FID_SPOUSE_DEATH_YEAR "@year,"
                 VITA_FID_INC_WAGES "," VITA_FID_INC_WAGES_JOBS;
  table = vita_export_prepare (f->store, &opts, &error);
  g_assert_no_error (error);
  csv = write_csv (table);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 13);
  marital = column_of (rows->pdata[0], VITA_FID_MARITAL_STATUS);
  year = column_of (rows->pdata[0], VITA_FID_SPOUSE_DEATH_YEAR "@year");
  wages = column_of (rows->pdata[0], VITA_FID_INC_WAGES);
  jobs = column_of (rows->pdata[0], VITA_FID_INC_WAGES_JOBS);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];

      if (g_str_equal (row[marital], "married"))
        {
          stale_rows++;
          g_assert_cmpstr (row[year], ==, "");
          g_assert_cmpstr (row[wages], ==, "no");
          g_assert_cmpstr (row[jobs], ==, "");
        }
      else
        {
          current_rows++;
          g_assert_cmpstr (row[marital], ==, "widowed");
          g_assert_cmpstr (row[year], ==, "2019");
          g_assert_cmpstr (row[jobs], ==, "1");
        }
    }
  g_assert_cmpuint (stale_rows, ==, 6);
  g_assert_cmpuint (current_rows, ==, 6);
  assert_gates_closed (rows);

  /* The tables count the six current "yes" only, not the stale six. */
  opts.k = 2;
  opts.epsilon = -1;
  agg = vita_export_prepare_aggregates_full (f->store, &opts, &error);
  g_assert_no_error (error);
  {
    g_autofree char *text = write_csv (agg);
    g_autofree char *line = g_strdup_printf ("answered_yes,%s,", VITA_FID_INC_SALE_ASSETS_LOSS_LAST_YEAR);
    const char *at = strstr (text, line);
    const char *end;
    g_autofree char *count = NULL;

    g_assert_nonnull (at);
    end = strstr (at, "\r\n");
    count = g_strndup (at, end - at);
    g_assert_true (g_str_has_suffix (count, ",6"));
  }
}

static void
test_k_bounds (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaExportTable) table = NULL;
  VitaExportOptions opts = ID_HEADER_OPTIONS;
  guint k = 0;

  g_assert_cmpuint (vita_export_get_site_k (f->store), ==, VITA_EXPORT_DEFAULT_K);
  vita_store_set_setting (f->store, "k-anonymity", "7", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vita_export_get_site_k (f->store), ==, 7);
  vita_store_set_setting (f->store, "k-anonymity", "1000", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vita_export_get_site_k (f->store), ==, VITA_EXPORT_DEFAULT_K);

  g_assert_true (vita_export_parse_k ("2", &k, NULL));
  g_assert_cmpuint (k, ==, 2);
  g_assert_true (vita_export_parse_k (G_STRINGIFY (VITA_EXPORT_MAX_K), &k, NULL));
  g_assert_false (vita_export_parse_k ("1", &k, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vita_export_parse_k ("51", &k, NULL));

  opts.purpose = VITA_EXPORT_PURPOSE_EXTRACT;
  opts.k = VITA_EXPORT_MAX_K + 1;
  g_assert_null (vita_export_prepare_for_purpose (f->store, &opts, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* Column lists: unknown, too long. */
  opts.k = 0;
  opts.columns = "household_size,first_name";
  g_assert_null (vita_export_prepare (f->store, &opts, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_COLUMNS);
  g_clear_error (&error);
  {
    g_auto(GStrv) all = vita_export_get_column_names ();
    g_autofree char *wide = NULL;

    g_assert_cmpuint (g_strv_length (all), >, VITA_EXPORT_MAX_COLUMNS);
    wide = g_strjoinv (",", all);
    opts.columns = wide;
    g_assert_null (vita_export_prepare (f->store, &opts, &error));
    g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_COLUMNS);
    g_clear_error (&error);
  }
  (void) table;
}

/* Twenty households that differ, and k = 20: every row would have to go,
 * so nothing is prepared and the message says what to change. */
static void
test_refused_when_bound_not_met (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  VitaExportOptions opts = ID_HEADER_OPTIONS;

  for (guint i = 0; i < 20; i++)
    {
      VitaHousehold *hh = vita_household_new ();
      g_autofree char *zip = g_strdup_printf ("%03u01", 100 + i * 37);

      vita_household_set_tax_year (hh, 2025);
      vita_household_set (hh, VITA_PERSON_TAXPAYER, VITA_FID_DOB, i % 2 ? "1950-01-01" : "2000-01-01");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_ADDRESS_ZIP, zip);
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_WAGES, i % 3 ? "yes" : "no");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_TIPS, i % 5 ? "yes" : "no");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_ALIMONY, i % 7 ? "yes" : "no");
      g_ptr_array_add (batch, hh);
    }
  vita_store_save_households (f->store, batch, &error);
  g_assert_no_error (error);

  opts.k = 20;
  opts.columns = VITA_FID_INC_WAGES "," VITA_FID_INC_TIPS "," VITA_FID_INC_ALIMONY;
  g_assert_null (vita_export_prepare (f->store, &opts, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Choose fewer columns"));
}

/* The two-sided geometric mechanism: mean 0, variance 2a/(1-a)^2 with
 * a = e^-epsilon, and P(0) = (1-a)/(1+a).  200,000 draws: the tolerances
 * are several standard errors wide. */
static void
test_geometric_noise (void)
{
  static const double epsilons[] = { 0.25, 0.5, 1.0, 2.0 };

  for (guint e = 0; e < G_N_ELEMENTS (epsilons); e++)
    {
      double epsilon = epsilons[e];
      double alpha = exp (-epsilon);
      double want_var = 2 * alpha / ((1 - alpha) * (1 - alpha));
      double want_p0 = (1 - alpha) / (1 + alpha);
      const guint n = 200000;
      double sum = 0, sum2 = 0;
      guint zeros = 0, positive = 0, negative = 0;
      double mean, var;

      for (guint i = 0; i < n; i++)
        {
          gint64 z = vita_export_geometric_noise (epsilon);

          sum += z;
          sum2 += (double) z * z;
          zeros += z == 0;
          positive += z > 0;
          negative += z < 0;
        }
      mean = sum / n;
      var = sum2 / n - mean * mean;
      g_test_message ("epsilon %.2f: mean %.4f, variance %.3f (want %.3f), P(0) %.4f (want %.4f)",
                      epsilon, mean, var, want_var, (double) zeros / n, want_p0);
      /* Standard error of the mean: sqrt(var / n). */
      g_assert_cmpfloat (fabs (mean), <, 6 * sqrt (want_var / n));
      g_assert_cmpfloat (fabs (var - want_var) / want_var, <, 0.05);
      g_assert_cmpfloat (fabs ((double) zeros / n - want_p0), <, 0.01);
      /* Symmetric. */
      g_assert_cmpfloat (fabs ((double) positive - negative) / n, <, 0.01);
    }
}

/* Noisy tables: the report says which noise and epsilon; the counts are
 * not all exact; no count is negative. */
static void
test_noisy_aggregates (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaExportTable) exact = NULL;
  g_autoptr(VitaExportTable) noisy = NULL;
  g_autofree char *exact_csv = NULL, *noisy_csv = NULL;
  g_autofree char *json = NULL, *text = NULL;
  VitaExportOptions opts = ID_HEADER_OPTIONS;

  fill_store (f->store, rand, 200);
  opts.epsilon = -1;
  exact = vita_export_prepare_aggregates_full (f->store, &opts, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vita_export_report_get_epsilon (vita_export_table_get_report (exact)), ==, 0);

  /* The site setting, read when epsilon is 0. */
  vita_store_set_setting (f->store, "export-noise-epsilon", "0.5", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vita_export_get_site_epsilon (f->store), ==, 0.5);
  opts.epsilon = 0;
  noisy = vita_export_prepare_aggregates_full (f->store, &opts, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (vita_export_report_get_epsilon (vita_export_table_get_report (noisy)), ==, 0.5);
  exact_csv = write_csv (exact);
  noisy_csv = write_csv (noisy);
  g_assert_cmpstr (exact_csv, !=, noisy_csv);
  g_assert_null (strstr (noisy_csv, ",-"));
  json = vita_export_report_to_json (vita_export_table_get_report (noisy));
  g_assert_nonnull (strstr (json, "\"noise\": \"two-sided geometric\""));
  g_assert_nonnull (strstr (json, "\"epsilon\": 0.5"));
  text = vita_export_report_to_text (vita_export_table_get_report (noisy));
  g_assert_nonnull (strstr (text, "epsilon = 0.50"));

  /* Out of bounds: refused, with the bounds in the message. */
  opts.epsilon = 50;
  g_assert_null (vita_export_prepare_aggregates_full (f->store, &opts, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID);
}

/* The noise setting as the store keeps it: every way in (the GUI, the
 * command line) goes through vita_store_set_setting(), which checks it. */
static void
test_epsilon_setting (Fixture       *f,
                      gconstpointer  data)
{
  static const struct
  {
    const char *text;
    gboolean    ok;
    double      epsilon;   /* what the site setting then reads as */
  } cases[] = {
    { "1.0", TRUE, 1.0 },
    { "0.05", TRUE, 0.05 },      /* the lower bound */
    { "10", TRUE, 10.0 },        /* the upper bound */
    { " 2.5 ", TRUE, 2.5 },
    { "0,5", TRUE, 0.5 },        /* a decimal comma */
    { "off", TRUE, 0.0 },
    { "OFF", TRUE, 0.0 },
    { "", TRUE, 0.0 },
    { "0.049", FALSE, 0 },
    { "0", FALSE, 0 },
    { "10.01", FALSE, 0 },
    { "-1", FALSE, 0 },
    { "abc", FALSE, 0 },
    { "1.0x", FALSE, 0 },
    { "nan", FALSE, 0 },
    { "inf", FALSE, 0 },
    { "1e400", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *stored = NULL;
      double parsed = -1;
      gboolean ok;

      /* A known good value first: a refusal must leave it as it was. */
      g_assert_true (vita_store_set_setting (f->store, "export-noise-epsilon", "3", NULL));
      ok = vita_store_set_setting (f->store, "export-noise-epsilon", cases[i].text, &error);
      g_test_message ("“%s”: %s", cases[i].text, ok ? "kept" : error->message);
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpint (vita_export_parse_epsilon (cases[i].text, &parsed, NULL), ==, cases[i].ok);
      stored = vita_store_dup_setting (f->store, "export-noise-epsilon", NULL);
      if (ok)
        {
          g_assert_no_error (error);
          g_assert_cmpfloat_with_epsilon (parsed, cases[i].epsilon, 1e-12);
          g_assert_cmpfloat_with_epsilon (vita_export_get_site_epsilon (f->store), cases[i].epsilon, 1e-12);
        }
      else
        {
          g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID);
          /* The message names the range and the way to turn noise off. */
          g_assert_nonnull (strstr (error->message, "0.05"));
          g_assert_nonnull (strstr (error->message, "10"));
          g_assert_nonnull (strstr (error->message, "off"));
          g_assert_cmpstr (stored, ==, "3");
          g_assert_cmpfloat (vita_export_get_site_epsilon (f->store), ==, 3.0);
        }
    }

  /* Turned off, the statistics are exact and the report says so. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(VitaExportTable) table = NULL;
    g_autofree char *json = NULL;
    VitaExportOptions opts = ID_HEADER_OPTIONS;
    g_autoptr(GRand) rand = g_rand_new_with_seed (9);

    fill_store (f->store, rand, 30);
    g_assert_true (vita_store_set_setting (f->store, "export-noise-epsilon", "off", NULL));
    table = vita_export_prepare_aggregates_full (f->store, &opts, &error);
    g_assert_no_error (error);
    json = vita_export_report_to_json (vita_export_table_get_report (table));
    g_assert_nonnull (strstr (json, "\"noise\": \"none\""));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/export-risk/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("gates", test_gates);
  ADD ("k-bounds", test_k_bounds);
  ADD ("default-is-aggregate", test_default_is_aggregate);
  ADD ("refused-when-bound-not-met", test_refused_when_bound_not_met);
  ADD ("noisy-aggregates", test_noisy_aggregates);
  ADD ("epsilon-setting", test_epsilon_setting);
  g_test_add_func ("/export-risk/geometric-noise", test_geometric_noise);
  ADD ("property", test_property);
  return g_test_run ();
}
