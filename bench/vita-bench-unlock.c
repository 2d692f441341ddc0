/* vita-bench-unlock.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Unlock time of a store with 50 users and 100,000 audit entries (issue
 * 13: signed roles and the countersigned audit head must not slow sign-in
 * by more than 10 %).  The keyslots use the minimum Argon2id setting, so
 * what is timed is the store's own work, not the KDF.
 *
 *   vita-bench-unlock [--dir DIR] [--runs 15] [--entries 100000] [--reuse]
 *
 * With --reuse and a store already in DIR (made by an earlier run), only
 * the unlocks are timed: for perf, or to time one store with two builds.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "vita-store-private.h"
#include "vita-store-users.h"

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

/* This process's CPU time (all threads: the page check runs in this one
 * for a store this size): on a machine shared with other builds the wall
 * time varies with the load, the CPU time much less. */
static double
cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static void
print_spread (const char *label,
              const char *what,
              GArray     *times)
{
  guint n = times->len;

  g_array_sort (times, compare_double);
  g_print ("unlock, %s, %s (%u runs): min %.1f ms, median %.1f ms, max %.1f ms\n", label, what, n,
           1000 * g_array_index (times, double, 0),
           1000 * g_array_index (times, double, n / 2),
           1000 * g_array_index (times, double, n - 1));
}

/* Prints min / median / max of @runs unlocks in milliseconds, wall and
 * CPU time. */
static void
time_unlock (VitaStore  *store,
             const char *label,
             const char *user,
             const char *passphrase,
             int         runs)
{
  g_autoptr(GArray) wall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  for (int i = 0; i < runs; i++)
    {
      double t0 = now_s (), c0 = cpu_s (), t, c;

      if (!vita_store_unlock (store, user, passphrase, &error))
        g_error ("unlock: %s", error->message);
      t = now_s () - t0;
      c = cpu_s () - c0;
      g_array_append_val (wall, t);
      g_array_append_val (cpu, c);
      vita_store_lock (store);
    }
  print_spread (label, "wall", wall);
  print_spread (label, "CPU", cpu);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GOptionContext) ctx = g_option_context_new (NULL);
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;
  int runs = 15, entries = 100000;
  gboolean reuse = FALSE;
  GOptionEntry options[] = {
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Directory for the store", "DIR" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Unlocks to time", "N" },
    { "entries", 0, 0, G_OPTION_ARG_INT, &entries, "Audit entries", "N" },
    { "reuse", 0, 0, G_OPTION_ARG_NONE, &reuse, "Time the store already in DIR", NULL },
    { NULL }
  };
  GStatBuf st;
  double t0;
  double load[3] = { 0 };

  g_option_context_add_main_entries (ctx, options, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || !vita_secure_init (&error))
    g_error ("%s", error->message);
  if (dir == NULL)
    dir = g_dir_make_tmp ("vita-bench-unlock-XXXXXX", &error);
  path = g_build_filename (dir, "site.vita", NULL);

  vita_kdf_params_minimum (&params);
  store = vita_store_new (path);
  if (reuse && g_file_test (path, G_FILE_TEST_EXISTS))
    goto timing;
  if (!vita_store_create (store, "Bench Site", "coord", "Coordinator", "bench passphrase 1", &params, &error))
    g_error ("create: %s", error->message);
  for (int i = 1; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("user%02d", i);

      if (!vita_store_add_user (store, name, NULL, i % 10 == 0 ? VITA_ROLE_REVIEWER : VITA_ROLE_VOLUNTEER,
                                "bench passphrase 1", &params, &error))
        g_error ("add user: %s", error->message);
    }
  t0 = now_s ();
  if (!_vita_store_exec (store, "BEGIN IMMEDIATE;", &error))
    g_error ("%s", error->message);
  for (int i = 0; i < entries; i++)
    if (!vita_store_audit (store, "bench", i % 500 + 1, NULL, &error))
      g_error ("audit: %s", error->message);
  if (!_vita_store_exec (store, "COMMIT;", &error))
    g_error ("%s", error->message);
  g_print ("wrote %d audit entries in %.1f s\n", entries, now_s () - t0);
  vita_store_lock (store);

timing:
  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  g_print ("load average before timing: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  if (g_stat (path, &st) == 0)
    g_print ("store file: %.1f MB\n", st.st_size / 1e6);
  {
    /* The entries' signatures, beside the store since the signature file. */
    g_autofree char *sig_path = g_strconcat (path, ".sig", NULL);

    if (g_stat (sig_path, &st) == 0)
      g_print ("signature file: %.1f MB\n", st.st_size / 1e6);
  }
  time_unlock (store, "coordinator", "coord", "bench passphrase 1", runs);
  time_unlock (store, "volunteer", "user01", "bench passphrase 1", runs);
  if (getloadavg (load, 3) < 0)
    load[0] = -1;
  g_print ("load average after timing: %.2f %.2f %.2f\n", load[0], load[1], load[2]);
  return 0;
}
