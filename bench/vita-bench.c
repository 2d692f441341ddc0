/* vita-bench.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Measures the real encrypted store against an unencrypted copy built by
 * the same code in the same process, so the ratios hold on a noisy machine.
 *
 *   vita-bench [--sizes 10000,100000[,300000]] [--queries 2000] [--dir DIR] [--reuse]
 *
 * --reuse opens the stores an earlier run left in DIR instead of building
 * them again, so one change can be measured at 100k in seconds.  Every
 * household a run adds is deleted again at its end, from both stores, so
 * the pair stays at the size it was built with, however many runs reuse
 * it.  A measurement that fails prints "failed", never a ratio.
 *
 * A quarter of the households are named Kim (the hard search case: a
 * volunteer typing "kim m" at a Korean site), the rest come from the
 * synthetic generator.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "vita-export.h"
#include "vita-field-ids.h"
#include "vita-keyfile.h"
#include "vita-notice.h"
#include "vita-store-households.h"
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
  { "only", 0, 0, G_OPTION_ARG_STRING, &opt_only,
    "Measure only these: search,hard,open,insert,list,export,backup,notice (or none)", "LIST" },
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

/* This thread's CPU time: on a machine shared with other jobs it moves
 * far less than the wall clock, so the ratios are also given in it. */
static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The households a run adds, per store, deleted at its end. */
static GArray *added_enc, *added_plain;

static void
remember_added (VitaStore     *store,
                VitaStore     *enc,
                VitaHousehold *hh)
{
  gint64 id = vita_household_get_id (hh);

  g_array_append_val (store == enc ? added_enc : added_plain, id);
}

static void
delete_added (VitaStore *store,
              GArray    *ids)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ids->len; i++)
    if (!vita_store_delete_household (store, g_array_index (ids, gint64, i), &error))
      g_error ("delete: %s", error->message);
  g_array_set_size (ids, 0);
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

/* @enc or @plain NAN: that measurement failed; @plain 0: no baseline. */
static void
row (const char *what,
     double      enc,
     double      plain,
     const char *unit)
{
  if (isnan (enc) || isnan (plain))
    {
      char e[32], p[32];

      g_snprintf (e, sizeof e, isnan (enc) ? "failed" : "%.3f %s", enc, unit);
      g_snprintf (p, sizeof p, isnan (plain) ? "failed" : plain == 0 ? "n/a" : "%.3f %s", plain, unit);
      g_print ("| %-44s | %16s | %16s | %6s |\n", what, e, p, "failed");
    }
  else if (plain > 0)
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
        {
          VitaHousehold *hh = vita_synthetic_household (rand, j, NULL);

          if (j % 4 == 0)
            vita_household_set (hh, VITA_PERSON_TAXPAYER, VITA_FID_LAST_NAME, "Kim");
          g_ptr_array_add (batch, hh);
        }
      if (!vita_store_save_households (store, batch, &error))
        g_error ("fill: %s", error->message);
    }
}

/* One keystroke's work for the list: the search plus the summaries of the
 * first screenful of rows. */
static double
search_once_cpu (VitaStore  *store,
                 const char *query,
                 double     *cpu_ms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  double t0 = now_s (), c0 = cpu_s ();

  ids = vita_store_search (store, query, NULL, &error);
  if (ids != NULL)
    rows = vita_store_get_summaries (store, (gint64 *)ids->data, MIN (ids->len, 50), &error);
  if (rows == NULL)
    {
      g_printerr ("search: %s\n", error->message);
      return NAN;
    }
  if (cpu_ms)
    *cpu_ms = (cpu_s () - c0) * 1000.0;
  return (now_s () - t0) * 1000.0;
}

static double
search_once (VitaStore  *store,
             const char *query)
{
  return search_once_cpu (store, query, NULL);
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
                Stats     *unsealed_stats,
                Stats     *cpu_stats)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GArray *samples[3] = {
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
    g_array_new (FALSE, FALSE, sizeof (double)),
  };
  GArray *cpu[3] = {
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
      double t0, c0, ms, cms;

      /* The same household for all three: generated once per round. */
      if (which == 0)
        {
          g_clear_object (&hh);
          hh = vita_synthetic_household (rand, 900000 + i / 3, NULL);
        }
      vita_household_set_id (hh, 0);
      _vita_store_set_no_seal_for_bench (enc, which == 2);
      t0 = now_s ();
      c0 = cpu_s ();
      if (!vita_store_save_household (store, hh, &error))
        g_error ("insert: %s", error->message);
      cms = (cpu_s () - c0) * 1000.0;
      ms = (now_s () - t0) * 1000.0;
      g_array_append_val (samples[which], ms);
      g_array_append_val (cpu[which], cms);
      remember_added (store, enc, hh);
    }
  _vita_store_set_no_seal_for_bench (enc, FALSE);
  *enc_stats = summarize (samples[0]);
  *plain_stats = summarize (samples[1]);
  *unsealed_stats = summarize (samples[2]);
  for (guint i = 0; i < 3; i++)
    {
      cpu_stats[i] = summarize (cpu[i]);
      g_array_unref (samples[i]);
      g_array_unref (cpu[i]);
    }
}

static VitaStore *search_after_enc;

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
      remember_added (store, search_after_enc, hh);
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
  if (ids != NULL)
    rows = vita_store_get_summaries (store, (gint64 *)ids->data, MIN (ids->len, 100), &error);
  if (rows == NULL)
    {
      g_printerr ("list: %s\n", error->message);
      return NAN;
    }
  return (now_s () - t0) * 1000.0;
}

/* The hard search case: a quarter of the store is named Kim and the
 * volunteer types "kim m" one key at a time.  Each keystroke is measured
 * on its own, alternately in both stores. */
static void
hard_search (VitaStore *enc,
             VitaStore *plain,
             guint      reps)
{
  static const char *keys[] = { "k", "ki", "kim", "kim ", "kim m" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      GArray *wall[2] = { g_array_new (FALSE, FALSE, sizeof (double)),
                          g_array_new (FALSE, FALSE, sizeof (double)) };
      GArray *cpu[2] = { g_array_new (FALSE, FALSE, sizeof (double)),
                         g_array_new (FALSE, FALSE, sizeof (double)) };
      g_autofree char *what = NULL;
      gboolean failed = FALSE;
      Stats w[2], c[2];

      for (guint i = 0; i < 2 * reps; i++)
        {
          double cms = 0, ms = search_once_cpu (i % 2 ? plain : enc, keys[k], &cms);

          failed |= isnan (ms);
          g_array_append_val (wall[i % 2], ms);
          g_array_append_val (cpu[i % 2], cms);
        }
      for (guint j = 0; j < 2; j++)
        {
          w[j] = summarize (wall[j]);
          c[j] = summarize (cpu[j]);
          g_array_unref (wall[j]);
          g_array_unref (cpu[j]);
        }
      what = g_strdup_printf ("25%% Kim, keystroke \"%s\" p95", keys[k]);
      row (what, failed ? NAN : w[0].p95, w[1].p95, "ms");
      row ("  same, CPU time p95", failed ? NAN : c[0].p95, c[1].p95, "ms");
    }
}

/* Opening a household (what a click on a row waits for) and saving it
 * again after an edit: random households, alternately in both stores. */
static void
open_and_save (VitaStore *enc,
               VitaStore *plain,
               guint      reps)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  GArray *ids[2] = { NULL, NULL };
  GArray *open_w[2], *open_c[2], *save_w[2], *save_c[2];
  gboolean failed = FALSE;
  VitaStore *stores[2] = { enc, plain };

  for (guint j = 0; j < 2; j++)
    {
      ids[j] = vita_store_search (stores[j], "", NULL, NULL);
      open_w[j] = g_array_new (FALSE, FALSE, sizeof (double));
      open_c[j] = g_array_new (FALSE, FALSE, sizeof (double));
      save_w[j] = g_array_new (FALSE, FALSE, sizeof (double));
      save_c[j] = g_array_new (FALSE, FALSE, sizeof (double));
      failed |= ids[j] == NULL || ids[j]->len == 0;
    }
  for (guint i = 0; !failed && i < 2 * reps; i++)
    {
      guint j = i % 2;
      /* The same position in both lists: the same synthetic household. */
      guint pos = j == 0 ? g_rand_int_range (rand, 0, MIN (ids[0]->len, ids[1]->len)) : 0;
      static guint last_pos;
      g_autoptr(VitaHousehold) hh = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *phone = NULL;
      double t0, c0, ms, cms;

      if (j == 0)
        last_pos = pos;
      pos = last_pos;
      t0 = now_s ();
      c0 = cpu_s ();
      hh = vita_store_load_household (stores[j], g_array_index (ids[j], gint64, pos), &error);
      cms = (cpu_s () - c0) * 1000.0;
      ms = (now_s () - t0) * 1000.0;
      if (hh == NULL)
        {
          g_printerr ("open: %s\n", error->message);
          failed = TRUE;
          break;
        }
      g_array_append_val (open_w[j], ms);
      g_array_append_val (open_c[j], cms);

      phone = g_strdup_printf ("555-01%02u", i % 100);
      vita_household_set (hh, VITA_PERSON_TAXPAYER, VITA_FID_PHONE, phone);
      t0 = now_s ();
      c0 = cpu_s ();
      if (!vita_store_save_household (stores[j], hh, &error))
        {
          g_printerr ("save: %s\n", error->message);
          failed = TRUE;
          break;
        }
      cms = (cpu_s () - c0) * 1000.0;
      ms = (now_s () - t0) * 1000.0;
      g_array_append_val (save_w[j], ms);
      g_array_append_val (save_c[j], cms);
    }
  {
    Stats ow[2], oc[2], sw[2], sc[2];

    for (guint j = 0; j < 2; j++)
      {
        ow[j] = summarize (open_w[j]);
        oc[j] = summarize (open_c[j]);
        sw[j] = summarize (save_w[j]);
        sc[j] = summarize (save_c[j]);
      }
    row ("open a household, median", failed ? NAN : ow[0].median, ow[1].median, "ms");
    row ("open a household, p95", failed ? NAN : ow[0].p95, ow[1].p95, "ms");
    row ("  same, CPU time p95", failed ? NAN : oc[0].p95, oc[1].p95, "ms");
    row ("save an edited household, median", failed ? NAN : sw[0].median, sw[1].median, "ms");
    row ("save an edited household, p95", failed ? NAN : sw[0].p95, sw[1].p95, "ms");
    row ("  same, CPU time median", failed ? NAN : sc[0].median, sc[1].median, "ms");
    row ("  same, CPU time p95", failed ? NAN : sc[0].p95, sc[1].p95, "ms");
  }
  for (guint j = 0; j < 2; j++)
    {
      g_array_unref (open_w[j]);
      g_array_unref (open_c[j]);
      g_array_unref (save_w[j]);
      g_array_unref (save_c[j]);
      g_clear_pointer (&ids[j], g_array_unref);
    }
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

/* The floor an export is compared with: every page of the store read and
 * authenticated once (SQLCipher's cipher_integrity_check, on a connection
 * of its own; the page MAC costs about what decrypting the page does). */
static double floor_cpu;

static double
decrypt_floor_seconds (VitaStore *store)
{
  sqlite3 *db = _vita_store_open_encrypted (store->path, store->master, FALSE, NULL);
  double t0 = now_s (), c0 = cpu_s (), t;
  int rc;

  if (db == NULL)
    return NAN;
  rc = sqlite3_exec (db, "PRAGMA cipher_integrity_check;", NULL, NULL, NULL);
  t = now_s () - t0;
  floor_cpu = cpu_s () - c0;
  sqlite3_close_v2 (db);
  return rc == SQLITE_OK ? t : NAN;
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

/* Copies @from to @to (a restore is a file copy). */
static gboolean
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dest = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (src, dest, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_printerr ("copy: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

/* The CPU time of the last unlock_seconds() (the unlocking thread). */
static double last_unlock_cpu;

/* Unlock of @path as "coord", then the first list; NAN if it failed.
 * @deferred_s: then the check of every page and what unlock defers on a
 * big store until it is done (the search words of a restored backup are
 * rebuilt there). */
static double
unlock_seconds (const char *path,
                double     *first_list_ms,
                double     *deferred_s)
{
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;
  double t0 = now_s (), c0 = cpu_s (), t;

  if (!vita_store_unlock (store, "coord", "bench passphrase 1", &error))
    {
      g_printerr ("unlock %s: %s\n", path, error->message);
      return NAN;
    }
  t = now_s () - t0;
  last_unlock_cpu = cpu_s () - c0;
  if (first_list_ms)
    *first_list_ms = list_load (store);
  if (deferred_s)
    {
      t0 = now_s ();
      *deferred_s = vita_store_verify_pages (store, &error) ? now_s () - t0 : NAN;
      if (isnan (*deferred_s))
        g_printerr ("page check %s: %s\n", path, error->message);
    }
  vita_store_lock (store);
  return t;
}

/* A backup of the encrypted store, then the two ways it comes back: opened
 * with its own keys file (a copy kept off site), and put in place of the
 * store beside the site's keys file (README: restoring a backup), which
 * rebuilds the list names and search words once. */
static void
backup_and_restore (const char *dir,
                    guint       n,
                    VitaStore  *enc)
{
  g_autofree char *backup = g_strdup_printf ("%s/backup-%u.vita", dir, n);
  g_autofree char *restored = g_strdup_printf ("%s/restored-%u.vita", dir, n);
  g_autofree char *restored_keys = g_strconcat (restored, ".keys", NULL);
  g_autofree char *restored_state = g_strconcat (restored, ".state", NULL);
  g_autofree char *enc_keys = g_strdup_printf ("%s/enc-%u.vita.keys", dir, n);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaKeyfile) keyfile = NULL;
  double t0, c0, backup_s, backup_cpu, own[2], site[2], copy_s = NAN, list_ms = NAN, deferred = NAN;
  GStatBuf st;

  t0 = now_s ();
  c0 = cpu_s ();
  backup_s = vita_store_backup_full (enc, backup, VITA_BACKUP_OVERWRITE, &error) ? now_s () - t0 : NAN;
  backup_cpu = cpu_s () - c0;
  if (isnan (backup_s))
    g_printerr ("backup: %s\n", error->message);
  row ("backup (encrypted copy + keys file)", backup_s, 0, "s");
  if (isnan (backup_s))
    return;
  row ("  same, CPU time", backup_cpu, 0, "s");
  if (g_stat (backup, &st) == 0)
    g_print ("| %-44s | %12.1f MB  | %16s | %6s |\n", "  size of the backup", st.st_size / 1e6, "", "");

  own[0] = unlock_seconds (backup, &list_ms, &deferred);
  row ("backup opened with its own keys: unlock", own[0], 0, "s");
  row ("  same, CPU time", isnan (own[0]) ? NAN : last_unlock_cpu, 0, "s");
  row ("  first list after that unlock", list_ms, 0, "ms");
  row ("  then page check + deferred unlock work", deferred, 0, "s");
  own[1] = unlock_seconds (backup, NULL, &deferred);
  row ("  its second unlock", own[1], 0, "s");
  row ("  same, CPU time", isnan (own[1]) ? NAN : last_unlock_cpu, 0, "s");
  row ("  then page check + deferred unlock work", deferred, 0, "s");

  /* Restored in place of a store, beside that store's keys file, without
   * the high-water mark the live store keeps (a restore starts its own). */
  g_unlink (restored_state);
  t0 = now_s ();
  if (!copy_file (backup, restored) || !copy_file (enc_keys, restored_keys))
    site[0] = NAN;
  else
    {
      keyfile = vita_keyfile_load (restored_keys, &error);
      if (keyfile != NULL)
        {
          vita_keyfile_set_state_tracked (keyfile, FALSE);
          vita_keyfile_save (keyfile, restored_keys, NULL);
        }
      copy_s = now_s () - t0;
      site[0] = unlock_seconds (restored, NULL, &deferred);
    }
  row ("restore beside the site keys: copy", isnan (site[0]) ? NAN : copy_s, 0, "s");
  row ("  its first unlock", site[0], 0, "s");
  row ("  same, CPU time", isnan (site[0]) ? NAN : last_unlock_cpu, 0, "s");
  row ("  then page check + rebuilding names/words", deferred, 0, "s");
  site[1] = isnan (site[0]) ? NAN : unlock_seconds (restored, &list_ms, &deferred);
  row ("  its second unlock", site[1], 0, "s");
  row ("  same, CPU time", isnan (site[1]) ? NAN : last_unlock_cpu, 0, "s");
  row ("  first list after that unlock", isnan (site[1]) ? NAN : list_ms, 0, "ms");
  row ("  then page check + deferred unlock work", deferred, 0, "s");
}

static gint64
count (VitaStore *store)
{
  return vita_store_count_households (store, NULL);
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
  VitaKdfParams params, store_params = { 0 };
  double t0, fill_enc = 0, fill_plain = 0, unlock_s, kdf_s, open_plain;
  double first_enc, first_plain, list_enc, list_plain, c0, unlock_cpu;
  double load[3] = { -1, -1, -1 };
  Stats s_enc = { 0 }, s_plain = { 0 }, i_enc = { 0 }, i_plain = { 0 }, i_unsealed = { 0 };
  Stats i_cpu[3] = { { 0 } };
  struct rusage usage;

  gboolean reuse = opt_reuse && vita_store_exists (enc) && g_file_test (plain_path, G_FILE_TEST_EXISTS);

  added_enc = g_array_new (FALSE, FALSE, sizeof (gint64));
  added_plain = g_array_new (FALSE, FALSE, sizeof (gint64));
  search_after_enc = enc;
  vita_kdf_calibrate (0.5, &params);
  if (reuse)
    {
      if (!_vita_store_create_plain_for_bench (plain, TRUE, &error))
        g_error ("open: %s", error->message);
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
  getloadavg (load, 3);
  t0 = now_s ();
  c0 = cpu_s ();
  if (!vita_store_unlock (enc, "coord", "bench passphrase 1", &error))
    g_error ("unlock: %s", error->message);
  unlock_s = now_s () - t0;
  unlock_cpu = cpu_s () - c0;
  vita_store_get_kdf_params (enc, &store_params, NULL);
  /* Open + first list and query: the first screen after unlock pays for
   * cold pages and for reading the list order.  The baseline is opened
   * again (no key to derive) for the same cold start. */
  list_enc = list_load (enc);
  first_enc = search_once (enc, "ga");
  vita_store_lock (plain);
  t0 = now_s ();
  if (!_vita_store_create_plain_for_bench (plain, TRUE, &error))
    g_error ("open: %s", error->message);
  open_plain = now_s () - t0;
  list_plain = list_load (plain);
  first_plain = search_once (plain, "ga");

  g_print ("\n### %u households\n\n", n);
  g_print ("households in the stores: encrypted %" G_GINT64_FORMAT ", plain %" G_GINT64_FORMAT
           "; load average %.2f %.2f %.2f; store's Argon2id: %" G_GUINT64_FORMAT " passes, %zu MiB\n\n",
           count (enc), count (plain), load[0], load[1], load[2], store_params.opslimit,
           store_params.memlimit >> 20);
  g_print ("| %-44s | %16s | %16s | %6s |\n", "operation", "encrypted", "plain SQLite", "ratio");
  g_print ("|%s|%s|%s|%s|\n", "----------------------------------------------", "------------------",
           "------------------", "--------");
  /* vita_kdf_measure() returns CPU time already. */
  row ("Argon2id key derivation, CPU (calibrated now)", kdf_s, 0, "s");
  row ("unlock: KDF + page checks (see docs)", unlock_s, 0, "s");
  row ("  same, CPU time (the unlocking thread)", unlock_cpu, 0, "s");
  row ("open (unlock / plain open) + first list", unlock_s + list_enc / 1000, open_plain + list_plain / 1000, "s");
  row ("  of which the first list, cold", list_enc, list_plain, "ms");
  row ("  then the first query", first_enc, first_plain, "ms");
  if (!reuse)
    row ("bulk load (1000 per transaction)", fill_enc, fill_plain, "s");

  /* Warm both page caches the same way before timing searches. */
  search_latency (enc, 50);
  search_latency (plain, 50);
  if (wanted ("search"))
    {
      s_enc = search_latency (enc, opt_queries);
      s_plain = search_latency (plain, opt_queries);
      row ("search-as-you-type median", s_enc.median, s_plain.median, "ms");
      row ("search-as-you-type p95", s_enc.p95, s_plain.p95, "ms");
    }
  if (wanted ("hard"))
    hard_search (enc, plain, 200);
  if (wanted ("open"))
    open_and_save (enc, plain, 200);
  if (wanted ("insert"))
    {
      insert_latency (enc, plain, 500, &i_enc, &i_plain, &i_unsealed, i_cpu);
      row ("insert one household (own transaction) median", i_enc.median, i_plain.median, "ms");
      row ("insert one household p95", i_enc.p95, i_plain.p95, "ms");
      row ("  same, keyed but unsealed (SQLCipher alone)", i_unsealed.median, i_plain.median, "ms");
      row ("  CPU time median", i_cpu[0].median, i_cpu[1].median, "ms");
      row ("  CPU time median, keyed but unsealed", i_cpu[2].median, i_cpu[1].median, "ms");
    }
  if (wanted ("search"))
    {
      s_enc = search_after_save (enc, 50);
      s_plain = search_after_save (plain, 50);
      row ("first search after a save, median", s_enc.median, s_plain.median, "ms");
      row ("first search after a save, p95", s_enc.p95, s_plain.p95, "ms");
    }
  if (wanted ("list"))
    row ("households list: all ids + first 100 rows", list_load (enc), list_load (plain), "ms");
  if (wanted ("export"))
    {
      row ("read + authenticate every page once (floor)", decrypt_floor_seconds (enc), 0, "s");
      row ("  same, CPU time", floor_cpu, 0, "s");
      row ("extract site-volume, whole-row k = 5 (CSV)", export_seconds (enc), export_seconds (plain), "s");
      row ("extract of 12 columns, whole-row k = 5 (CSV)", export_wide_seconds (enc),
           export_wide_seconds (plain), "s");
      row ("funders' tables, exact (CSV)", aggregates_seconds (enc), aggregates_seconds (plain), "s");
      row ("funders' tables, geometric noise (CSV)", aggregates_noise_seconds (enc),
           aggregates_noise_seconds (plain), "s");
    }

  /* What this run added goes again: the next --reuse measures the same
   * sizes. */
  delete_added (enc, added_enc);
  delete_added (plain, added_plain);
  if (count (enc) != count (plain))
    g_error ("the stores differ: %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT, count (enc), count (plain));

  if (wanted ("backup"))
    backup_and_restore (dir, n, enc);

  getrusage (RUSAGE_SELF, &usage);
  g_print ("\npeak resident memory so far (every store of this run): %.1f MiB\n", usage.ru_maxrss / 1024.0);
  vita_store_lock (enc);
  vita_store_lock (plain);
  g_clear_pointer (&added_enc, g_array_unref);
  g_clear_pointer (&added_plain, g_array_unref);
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
    VitaNoticeSite site = { .site_name = "Bench site", .site_contact = "555-0100",
                            .legal_referral = "Legal aid", .retention_days = 120,
                            .issue_date = "2026-11-23" };
    double t_ko = NAN, t_en = NAN, t0;

    if (notice == NULL)
      g_printerr ("notice: %s\n", error->message);
    else
      {
        t0 = now_s ();
        if (vita_notice_render_pdf (notice, "en", NULL, &site, pdf, &error))
          t_en = (now_s () - t0) * 1000;
        else
          g_printerr ("notice (en): %s\n", error->message);
        g_clear_error (&error);
        t0 = now_s ();
        if (vita_notice_render_pdf (notice, "ko", "en", &site, pdf, &error))
          t_ko = (now_s () - t0) * 1000;
        else
          g_printerr ("notice (ko+en): %s\n", error->message);
      }
    g_print ("\n");
    row ("notice PDF: bilingual ko+en vs English only", t_ko, t_en, "ms");
  }

  getrusage (RUSAGE_SELF, &usage);
  g_print ("\npeak resident memory of the whole run: %.1f MiB\n", usage.ru_maxrss / 1024.0);
  return 0;
}
