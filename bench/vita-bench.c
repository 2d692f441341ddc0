/* vita-bench.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures the real encrypted store against an unencrypted copy built by
 * the same code in the same process, so the ratios hold on a noisy machine.
 *
 *   vita-bench [--sizes 10000,100000] [--queries 2000] [--dir DIR] [--reuse]
 *
 * --reuse opens the stores an earlier run left in DIR instead of building
 * them again, so one change can be measured at 100k in seconds.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/resource.h>

#include "vita-export.h"
#include "vita-notice.h"
#include "vita-store-private.h"
#include "vita-synthetic.h"

static char *opt_sizes = NULL;
static int opt_queries = 2000;
static char *opt_dir = NULL;
static gboolean opt_reuse = FALSE;
static char *opt_only = NULL;

static const GOptionEntry entries[] = {
  { "sizes", 0, 0, G_OPTION_ARG_STRING, &opt_sizes, "Household counts, comma-separated", "N,N" },
  { "queries", 0, 0, G_OPTION_ARG_INT, &opt_queries, "Search queries per size", "N" },
  { "dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_dir, "Scratch directory (default: a new temp dir)", "DIR" },
  { "reuse", 0, 0, G_OPTION_ARG_NONE, &opt_reuse, "Open the stores an earlier run left in DIR", NULL },
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only, "Measure only these: search,insert,list,export,notice", "LIST" },
  { NULL }
};

/* What a volunteer types: the start of surnames and given names in the
 * communities the generator draws from, in Latin and Hangul script. */
static const char *queries[] = {
  "ga", "garc", "lo", "lop", "her", "mart", "pe", "rod", "nu", "nun", "de la", "iba",
  "jean", "pierre", "jos", "tous", "saint", "oka", "ade", "tran", "ph", "chea", "o b",
  "mu", "alv", "cast", "kim", "lee", "park", "ch", "jung", "kang", "yoon", "min",
  "seo", "ji", "김", "이", "박", "민준", "서연", "maria", "ana", "luis", "sof",
  "wid", "fab", "nad", "olu", "am", "thanh", "zoe", "jose l", "garcia lo", "kim min",
};

typedef struct
{
  double median;
  double p95;
  double mean;
} Stats;

/* Whether --only (absent: everything) names @what. */
static gboolean
wanted (const char *what)
{
  g_auto(GStrv) names = NULL;

  if (opt_only == NULL)
    return TRUE;
  names = g_strsplit (opt_only, ",", -1);
  return g_strv_contains ((const char * const *) names, what);
}

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;
  return x < y ? -1 : x > y;
}

static Stats
summarize (GArray *samples)
{
  Stats st = { 0, 0, 0 };
  double sum = 0;

  g_array_sort (samples, compare_double);
  for (guint i = 0; i < samples->len; i++)
    sum += g_array_index (samples, double, i);
  if (samples->len > 0)
    {
      st.median = g_array_index (samples, double, samples->len / 2);
      st.p95 = g_array_index (samples, double, MIN (samples->len - 1, samples->len * 95 / 100));
      st.mean = sum / samples->len;
    }
  return st;
}

static void
row (const char *what,
     double      enc,
     double      plain,
     const char *unit)
{
  if (plain > 0)
    g_print ("| %-44s | %12.3f %-3s | %12.3f %-3s | %6.2f |\n", what, enc, unit, plain, unit, enc / plain);
  else
    g_print ("| %-44s | %12.3f %-3s | %16s | %6s |\n", what, enc, unit, "n/a", "n/a");
}

static void
fill (VitaStore *store,
      guint      n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i += 1000)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = i; j < MIN (n, i + 1000); j++)
        g_ptr_array_add (batch, vita_synthetic_household (rand, j, NULL));
      if (!vita_store_save_households (store, batch, &error))
        g_error ("fill: %s", error->message);
    }
}

/* One keystroke's work for the list: the search plus the summaries of the
 * first screenful of rows. */
static double
search_once (VitaStore  *store,
             const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  double t0 = now_s ();

  ids = vita_store_search (store, query, NULL, &error);
  if (ids == NULL)
    g_error ("search: %s", error->message);
  rows = vita_store_get_summaries (store, (gint64 *)ids->data, MIN (ids->len, 50), &error);
  return (now_s () - t0) * 1000.0;
}

static Stats
search_latency (VitaStore *store,
                guint      n_queries)
{
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < n_queries; i++)
    {
      double ms = search_once (store, queries[i % G_N_ELEMENTS (queries)]);
      g_array_append_val (samples, ms);
    }
  return summarize (samples);
}

/* One save each, in turn, so every store sees the same moments of a busy
 * machine (other jobs, the disk's own flushes): the encrypted store, the
 * plain one, and the encrypted one again with sealing off, which tells
 * SQLCipher's share of the cost from ours. */
static void
insert_latency (VitaStore *enc,
                VitaStore *plain,
                guint      n,
                Stats     *enc_stats,
                Stats     *plain_stats,
                Stats     *unsealed_stats)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GArray *samples[3] = {
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = NULL;

  for (guint i = 0; i < 3 * n; i++)
    {
      guint which = i % 3;
      VitaStore *store = which == 1 ? plain : enc;
      double t0, ms;

      /* The same household for all three: generated once per round. */
      if (which == 0)
        {
          g_clear_object (&hh);
          hh = vita_synthetic_household (rand, 900000 + i / 3, NULL);
        }
      vita_household_set_id (hh, 0);
      _vita_store_set_no_seal_for_bench (enc, which == 2);
      t0 = now_s ();
      if (!vita_store_save_household (store, hh, &error))
        g_error ("insert: %s", error->message);
      ms = (now_s () - t0) * 1000.0;
      g_array_append_val (samples[which], ms);
    }
  _vita_store_set_no_seal_for_bench (enc, FALSE);
  *enc_stats = summarize (samples[0]);
  *plain_stats = summarize (samples[1]);
  *unsealed_stats = summarize (samples[2]);
  for (guint i = 0; i < 3; i++)
    g_array_unref (samples[i]);
}

/* The first keystroke after a save pays for reading the list order again
 * (vita-store-list.c); every later one does not. */
static Stats
search_after_save (VitaStore *store,
                   guint      n)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, 950000 + i, NULL);
      double ms;

      if (!vita_store_save_household (store, hh, &error))
        g_error ("insert: %s", error->message);
      ms = search_once (store, queries[i % G_N_ELEMENTS (queries)]);
      g_array_append_val (samples, ms);
    }
  return summarize (samples);
}

static double
list_load (VitaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  double t0 = now_s ();

  ids = vita_store_search (store, "", NULL, &error);
  rows = vita_store_get_summaries (store, (gint64 *)ids->data, MIN (ids->len, 100), &error);
  return (now_s () - t0) * 1000.0;
}

/* A row extract of every household (CSV, k = 5) into memory, with the
 * k check over the whole written row.  @columns: a named extract or a
 * column list. */
static double
export_seconds_columns (VitaStore  *store,
                        const char *columns)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;
  VitaExportReport *report = NULL;
  double t0 = now_s ();

  opts.k = 5;
  opts.columns = columns;
  /* A refusal (too much to suppress) is timed too: it did all the work. */
  if (!vita_export_deidentified (store, VITA_EXPORT_FORMAT_CSV, out, &opts, &report, &error)
      && !g_error_matches (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_REFUSED))
    g_error ("export: %s", error->message);
  g_clear_pointer (&report, vita_export_report_free);
  return now_s () - t0;
}

static double
export_seconds (VitaStore *store)
{
  return export_seconds_columns (store, "site-volume");
}

/* The widest extract allowed: VITA_EXPORT_MAX_COLUMNS columns. */
#define WIDE_COLUMNS \
  "return_status,household_size,dependents_count,taxpayer.dob@age_band,spouse.dob@age_band," \
  "dependent1.dob@age_band,address.zip@zip3,marital_status,inc.wages,inc.wages.jobs," \
  "inc.unemployment,dependent1.dep.student"

static double
export_wide_seconds (VitaStore *store)
{
  return export_seconds_columns (store, WIDE_COLUMNS);
}

/* The funders' tables (the default purpose), exact and with noise. */
static double
aggregates_seconds_eps (VitaStore *store,
                        double     epsilon)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaExportTable) table = NULL;
  VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;
  double t0 = now_s ();

  opts.k = 5;
  opts.epsilon = epsilon;
  table = vita_export_prepare_aggregates_full (store, &opts, &error);
  if (table == NULL || !vita_export_table_write (table, VITA_EXPORT_FORMAT_CSV, out, NULL, &error))
    g_error ("aggregates: %s", error->message);
  return now_s () - t0;
}

static double
aggregates_seconds (VitaStore *store)
{
  return aggregates_seconds_eps (store, -1);
}

static double
aggregates_noise_seconds (VitaStore *store)
{
  return aggregates_seconds_eps (store, 1.0);
}

static void
run_size (const char *dir,
          guint       n)
{
  g_autofree char *enc_path = g_strdup_printf ("%s/enc-%u.vita", dir, n);
  g_autofree char *plain_path = g_strdup_printf ("%s/plain-%u.sqlite", dir, n);
  g_autoptr(VitaStore) enc = vita_store_new (enc_path);
  g_autoptr(VitaStore) plain = vita_store_new (plain_path);
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;
  double t0, fill_enc, fill_plain, unlock_s, kdf_s, open_plain, first_enc, first_plain;
  Stats s_enc = { 0 }, s_plain = { 0 }, i_enc = { 0 }, i_plain = { 0 }, i_unsealed = { 0 };

  gboolean reuse = opt_reuse && vita_store_exists (enc) && g_file_test (plain_path, G_FILE_TEST_EXISTS);

  vita_kdf_calibrate (0.5, &params);
  if (reuse)
    {
      if (!_vita_store_create_plain_for_bench (plain, TRUE, &error))
        g_error ("open: %s", error->message);
      fill_enc = fill_plain = 0;
    }
  else
    {
      if (!vita_store_create (enc, "Bench", "coord", NULL, "bench passphrase 1", &params, &error)
          || !_vita_store_create_plain_for_bench (plain, FALSE, &error))
        g_error ("create: %s", error->message);

      t0 = now_s (); fill (enc, n); fill_enc = now_s () - t0;
      t0 = now_s (); fill (plain, n); fill_plain = now_s () - t0;
      vita_store_lock (enc);
    }

  kdf_s = vita_kdf_measure (&params);
  t0 = now_s ();
  if (!vita_store_unlock (enc, "coord", "bench passphrase 1", &error))
    g_error ("unlock: %s", error->message);
  unlock_s = now_s () - t0;
  /* Open + first query: the first keystroke after unlock pays for cold
   * pages and for reading the list order.  The baseline is opened again
   * (no key to derive) for the same cold start. */
  first_enc = search_once (enc, "ga");
  vita_store_lock (plain);
  t0 = now_s ();
  if (!_vita_store_create_plain_for_bench (plain, TRUE, &error))
    g_error ("open: %s", error->message);
  open_plain = now_s () - t0;
  first_plain = search_once (plain, "ga");

  /* Warm both page caches the same way before timing searches. */
  search_latency (enc, 50);
  search_latency (plain, 50);
  if (wanted ("search"))
    {
      s_enc = search_latency (enc, opt_queries);
      s_plain = search_latency (plain, opt_queries);
    }
  if (wanted ("insert"))
    {
      insert_latency (enc, plain, 500, &i_enc, &i_plain, &i_unsealed);
    }

  g_print ("\n### %u households\n\n", n);
  g_print ("| %-44s | %16s | %16s | %6s |\n", "operation", "encrypted", "plain SQLite", "ratio");
  g_print ("|%s|%s|%s|%s|\n", "----------------------------------------------", "------------------",
           "------------------", "--------");
  row ("Argon2id key derivation (one unlock)", kdf_s, 0, "s");
  row ("unlock: KDF + page checks (see docs)", unlock_s, 0, "s");
  row ("open (unlock / plain open) + first query", unlock_s + first_enc / 1000, open_plain + first_plain / 1000, "s");
  row ("  of which the first query, cold", first_enc, first_plain, "ms");
  if (!reuse)
    row ("bulk load (1000 per transaction)", fill_enc, fill_plain, "s");
  if (wanted ("insert"))
    {
      row ("insert one household (own transaction) median", i_enc.median, i_plain.median, "ms");
      row ("insert one household p95", i_enc.p95, i_plain.p95, "ms");
      row ("  same, keyed but unsealed (SQLCipher alone)", i_unsealed.median, i_plain.median, "ms");
    }
  if (wanted ("search"))
    {
      row ("search-as-you-type median", s_enc.median, s_plain.median, "ms");
      row ("search-as-you-type p95", s_enc.p95, s_plain.p95, "ms");
      s_enc = search_after_save (enc, 50);
      s_plain = search_after_save (plain, 50);
      row ("first search after a save, median", s_enc.median, s_plain.median, "ms");
      row ("first search after a save, p95", s_enc.p95, s_plain.p95, "ms");
    }
  if (wanted ("list"))
    row ("households list: all ids + first 100 rows", list_load (enc), list_load (plain), "ms");
  if (wanted ("export"))
    {
      row ("extract site-volume, whole-row k = 5 (CSV)", export_seconds (enc), export_seconds (plain), "s");
      row ("extract of 12 columns, whole-row k = 5 (CSV)", export_wide_seconds (enc),
           export_wide_seconds (plain), "s");
      row ("funders' tables, exact (CSV)", aggregates_seconds (enc), aggregates_seconds (plain), "s");
      row ("funders' tables, geometric noise (CSV)", aggregates_noise_seconds (enc),
           aggregates_noise_seconds (plain), "s");
    }

  vita_store_lock (enc);
  vita_store_lock (plain);
}

int
main (int argc, char *argv[])
{
  g_autoptr(GOptionContext) ctx = g_option_context_new ("— VITA store benchmark");
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_auto(GStrv) sizes = NULL;
  struct rusage usage;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || !vita_secure_init (&error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  dir = opt_dir ? g_strdup (opt_dir) : g_dir_make_tmp ("vita-bench-XXXXXX", &error);
  sizes = g_strsplit (opt_sizes ? opt_sizes : "10000,100000", ",", -1);
  g_print ("# vita-bench: %s, %d queries per size\n", dir, opt_queries);
  for (guint i = 0; sizes[i]; i++)
    run_size (dir, (guint) g_ascii_strtoull (sizes[i], NULL, 10));

  /* Notice rendering does not touch the store; its baseline is the
   * English notice, so the ratio shows what Hangul shaping costs. */
  if (wanted ("notice"))
  {
    g_autoptr(VitaNotice) notice = vita_notice_load (NULL, &error);
    g_autofree char *pdf = g_build_filename (dir, "notice.pdf", NULL);
    VitaNoticeSite site = { .site_name = "Bench site", .site_contact = "555-0100", .legal_referral = "Legal aid",
                            .retention_days = 120, .issue_date = "2026-11-23" };
    double t_ko, t_en, t0;

    if (notice == NULL)
      g_error ("notice: %s", error->message);
    t0 = now_s ();
    vita_notice_render_pdf (notice, "en", NULL, &site, pdf, NULL);
    t_en = (now_s () - t0) * 1000;
    t0 = now_s ();
    vita_notice_render_pdf (notice, "ko", "en", &site, pdf, NULL);
    t_ko = (now_s () - t0) * 1000;
    g_print ("\n| %-44s | %12.3f %-3s | %12.3f %-3s | %6.2f |\n",
             "notice PDF: bilingual ko+en vs English only", t_ko, "ms", t_en, "ms", t_ko / t_en);
  }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("\npeak resident memory of the whole run: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
