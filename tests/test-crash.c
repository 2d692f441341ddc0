/* test-crash.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Kills a writer process with SIGKILL at random moments, again and again,
 * and checks that every household whose save had returned is still there,
 * unchanged, that the store passes its integrity checks, and that nothing
 * readable was left next to it.  The same binary is the writer when run
 * with --child.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>

#include "vita-minimum-data.h"
#include "vita-retention.h"
#include "vita-store-households.h"
#include "vita-synthetic.h"
#include "vita-test-utils.h"

#define MARKER_PREFIX "QZXMARK"
#define CYCLES 30
#define REKEY_CYCLES 12

static const char *self_exe;

static VitaHousehold *
household_for_index (guint index)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1000 + index);
  g_autofree char *marker = g_strdup_printf (MARKER_PREFIX "%u", index);

  return vita_synthetic_household (rand, index, marker);
}

/* ---- child side ---------------------------------------------------- */

static int
child_write (const char *path,
             guint       start)
{
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;

  if (!vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error))
    {
      g_printerr ("child: %s\n", error->message);
      return 1;
    }
  printf ("ready\n");
  fflush (stdout);
  for (guint i = start; ; i++)
    {
      g_autoptr(VitaHousehold) hh = household_for_index (i);

      if (!vita_store_save_household (store, hh, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
      /* Only now is the household committed; report it. */
      printf ("%" G_GINT64_FORMAT " %u\n", vita_household_get_id (hh), i);
      fflush (stdout);

      /* Rewrite an earlier one too, so kills also land inside updates. */
      if (i % 3 == 0)
        {
          vita_household_set_status (hh, VITA_RETURN_STATUS_PREPARING);
          if (!vita_store_save_household (store, hh, &error))
            return 1;
          printf ("%" G_GINT64_FORMAT " %u u\n", vita_household_get_id (hh), i);
          fflush (stdout);
        }
    }
  return 0;
}

static int
child_rekey (const char *path)
{
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;

  if (!vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error))
    return 1;
  printf ("ready\n");
  fflush (stdout);
  for (;;)
    {
      if (!vita_store_rekey (store, &error))
        {
          g_printerr ("child: %s\n", error->message);
          return 1;
        }
      printf ("rekeyed\n");
      fflush (stdout);
    }
  return 0;
}

/* ---- parent side --------------------------------------------------- */

typedef struct
{
  gint64   id;
  guint    index;
  gboolean updated;
} Committed;

static GPid
spawn_child (const char *mode,
             const char *path,
             guint       start,
             int        *out_fd)
{
  g_autofree char *start_str = g_strdup_printf ("%u", start);
  const char *argv[] = { self_exe, mode, path, start_str, NULL };
  g_autoptr(GError) error = NULL;
  GPid pid;

  g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &pid, NULL, out_fd, NULL, &error);
  g_assert_no_error (error);
  return pid;
}

static void
kill_and_reap (GPid pid)
{
  int status = 0;

  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
}

/* Blocks until the child has unlocked, so the kill lands in its writes
 * however slow the machine is. */
static void
wait_ready (int fd)
{
  char c;
  GString *line = g_string_new (NULL);

  while (read (fd, &c, 1) == 1 && c != '\n')
    g_string_append_c (line, c);
  g_assert_cmpstr (line->str, ==, "ready");
  g_string_free (line, TRUE);
}

static void
read_reports (int         fd,
              GHashTable *committed)
{
  g_autoptr(GIOChannel) ch = g_io_channel_unix_new (fd);
  char *line = NULL;

  g_io_channel_set_close_on_unref (ch, TRUE);
  while (g_io_channel_read_line (ch, &line, NULL, NULL, NULL) == G_IO_STATUS_NORMAL)
    {
      Committed *c = g_new0 (Committed, 1);
      char upd = 0;

      if (sscanf (line, "%" G_GINT64_FORMAT " %u %c", &c->id, &c->index, &upd) >= 2)
        {
          Committed *prev = g_hash_table_lookup (committed, &c->id);

          c->updated = upd == 'u' || (prev && prev->updated);
          g_hash_table_replace (committed, &c->id, c);
        }
      else
        g_free (c);
      g_free (line);
    }
}

static void
assert_no_plaintext_beside (const char *dir)
{
  g_autoptr(GPtrArray) names = vita_test_list_dir (dir);

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *path = g_build_filename (dir, name, NULL);

      /* Only the store, its keys, its lock, state and audit signature files and SQLite's own WAL/SHM may exist: the
       * unlock in verify_all() clears what a killed rekey left. */
      g_test_message ("file beside the store: %s", name);
      g_assert_true (g_str_equal (name, "site.vita") || g_str_equal (name, "site.vita.keys")
                     || g_str_equal (name, "site.vita-wal") || g_str_equal (name, "site.vita-shm")
                     || g_str_equal (name, "site.vita.lock") || g_str_equal (name, "site.vita.state")
                     || g_str_equal (name, "site.vita.sig"));
      g_assert_false (vita_test_file_contains (path, MARKER_PREFIX, strlen (MARKER_PREFIX)));
      g_assert_false (vita_test_file_contains (path, "SQLite format 3", 15));
    }
}

static void
verify_all (const char *path,
            GHashTable *committed)
{
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer value;

  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_verify (store, NULL, &error));
  g_assert_no_error (error);

  g_hash_table_iter_init (&iter, committed);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Committed *c = value;
      g_autoptr(VitaHousehold) expected = household_for_index (c->index);
      g_autoptr(VitaHousehold) loaded = vita_store_load_household (store, c->id, &error);

      g_assert_no_error (error);
      /* A new store is in minimum-data mode: a household last saved with
       * a finished return keeps no TIN (vita-store-minimum-data.c).  Look
       * at the status loaded: a kill may land after an update's commit and
       * before the child reported it. */
      if (vita_retention_status_is_final (vita_household_get_status (loaded)))
        vita_minimum_data_strip_tins (expected);
      g_assert_cmpuint (vita_household_get_n_values (loaded), ==,
                        vita_household_get_n_values (expected));
      g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"), ==,
                       vita_household_get (expected, VITA_PERSON_TAXPAYER, "last_name"));
      g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_HOUSEHOLD, "address.zip"), ==,
                       vita_household_get (expected, VITA_PERSON_HOUSEHOLD, "address.zip"));
      if (c->updated)
        g_assert_cmpint (vita_household_get_status (loaded), ==, VITA_RETURN_STATUS_PREPARING);
    }
  vita_store_lock (store);
}

static void
test_kill_during_writes (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autoptr(GHashTable) committed = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint next_index = 0;

  vita_store_lock (store);

  for (guint cycle = 0; cycle < CYCLES; cycle++)
    {
      int fd = -1;
      GPid pid = spawn_child ("--child", path, next_index, &fd);
      guint before = g_hash_table_size (committed);

      wait_ready (fd);
      g_usleep (g_rand_int_range (rand, 5000, 120000));
      kill_and_reap (pid);
      read_reports (fd, committed);
      next_index += 100000;

      verify_all (path, committed);
      assert_no_plaintext_beside (dir);
      g_test_message ("cycle %u: %u committed households, %u new", cycle,
                      g_hash_table_size (committed), g_hash_table_size (committed) - before);
    }

  /* The kills must have landed while writing, not only before. */
  g_assert_cmpuint (g_hash_table_size (committed), >, CYCLES);
  g_print ("# kill test: %d SIGKILLs, %u committed households, 0 lost, 0 integrity failures\n",
           CYCLES, g_hash_table_size (committed));
  vita_test_rm_rf (dir);
}

static void
test_kill_during_rekey (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autoptr(GHashTable) committed = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (43);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(VitaHousehold) hh = household_for_index (i);
      Committed *c = g_new0 (Committed, 1);

      vita_store_save_household (store, hh, &error);
      g_assert_no_error (error);
      c->id = vita_household_get_id (hh);
      c->index = i;
      g_hash_table_insert (committed, &c->id, c);
    }
  vita_store_lock (store);

  for (guint cycle = 0; cycle < REKEY_CYCLES; cycle++)
    {
      int fd = -1;
      GPid pid = spawn_child ("--child-rekey", path, 0, &fd);

      wait_ready (fd);
      g_usleep (g_rand_int_range (rand, 0, 200000));
      kill_and_reap (pid);
      close (fd);
      /* Whichever step the kill hit, one key opens what is on disk and the
       * next unlock settles the keys file. */
      verify_all (path, committed);
      assert_no_plaintext_beside (dir);
    }
  g_print ("# rekey kill test: %d SIGKILLs during rekey, all %u households intact\n",
           REKEY_CYCLES, g_hash_table_size (committed));
  vita_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  self_exe = argv[0];
  if (argc >= 4 && g_str_equal (argv[1], "--child"))
    return child_write (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));
  if (argc >= 3 && g_str_equal (argv[1], "--child-rekey"))
    return child_rekey (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crash/kill-during-writes", test_kill_during_writes);
  g_test_add_func ("/crash/kill-during-rekey", test_kill_during_rekey);
  return g_test_run ();
}
