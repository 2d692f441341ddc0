/* vita-bench-memory.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Peak memory of one process working on one store, step by step:
 *   echo PASSPHRASE | vita-bench-memory STORE USER
 * (for example a store made by vita-bench --dir, user "coord").
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "vita-export.h"
#include "vita-store-households.h"
#include "vita-store.h"

static const char *queries[] = { "ga", "kim", "lo", "jean", "김", "park", "nu", "tran", "min", "jos" };

static double
peak_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GOutputStream) out = NULL;
  VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;
  VitaExportReport *report = NULL;
  char passphrase[1024] = "";
  gint64 t0;

  if (argc != 3 || fgets (passphrase, sizeof passphrase, stdin) == NULL)
    {
      g_printerr ("usage: echo PASSPHRASE | %s STORE USER\n", argv[0]);
      return 2;
    }
  passphrase[strcspn (passphrase, "\n")] = '\0';

  store = vita_store_new (argv[1]);
  if (!vita_secure_init (&error) || !vita_store_unlock (store, argv[2], passphrase, &error)
      || !vita_store_verify_pages (store, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_print ("after unlock and the check of every page: %.1f MiB\n", peak_mib ());

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GArray) ids = vita_store_search (store, queries[i % G_N_ELEMENTS (queries)], NULL, NULL);
      g_autoptr(GPtrArray) rows = vita_store_get_summaries (store, (gint64 *)ids->data,
                                                           MIN (ids->len, 50), NULL);
    }
  all = vita_store_search (store, "", NULL, NULL);
  g_print ("after 200 searches and the full list (%u households): %.1f MiB\n", all->len, peak_mib ());

  /* Written where the app writes it, to a file, not kept in memory: the
   * figure is the export's own working set. */
  {
    g_autoptr(GFile) null = g_file_new_for_path ("/dev/null");

    out = G_OUTPUT_STREAM (g_file_append_to (null, G_FILE_CREATE_NONE, NULL, &error));
    if (out == NULL)
      {
        g_printerr ("%s\n", error->message);
        return 1;
      }
  }
  t0 = g_get_monotonic_time ();
  if (!vita_export_deidentified (store, VITA_EXPORT_FORMAT_CSV, out, &opts, &report, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  g_clear_pointer (&report, vita_export_report_free);
  /* The export holds every row in memory (compactly): k-anonymity needs
   * them all. */
  g_print ("after the de-identified export (%.1f s): %.1f MiB\n",
           (g_get_monotonic_time () - t0) / 1e6, peak_mib ());
  vita_store_lock (store);
  return 0;
}
