/* test-integrity.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two processes and one store: rekey and backup while another process has
 * the store open, a key changed under an open process, older copies and
 * lost commits, a damaged write-ahead log, writes before the page check,
 * and sign-ins during a long write.  The other process is always a real
 * one: vita-admin, or this test binary started again as a child.
 */

#include "config.h"

#include <fcntl.h>
#include <gio/gio.h>
#include <stdarg.h>
#include <sys/wait.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "vita-store-households.h"
#include "vita-store-private.h"
#include "vita-store-records.h"
#include "vita-synthetic.h"
#include "vita-test-utils.h"

static const char *self_exe;

static VitaHousehold *
household (guint index)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7000 + index);

  return vita_synthetic_household (rand, index, NULL);
}

static gint64
save_one (VitaStore *store,
          guint      index)
{
  g_autoptr(VitaHousehold) hh = household (index);
  g_autoptr(GError) error = NULL;

  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);
  return vita_household_get_id (hh);
}

static guint
count_households (VitaStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 n = vita_store_count_households (store, &error);

  g_assert_no_error (error);
  return (guint) n;
}

/* Runs vita-admin with the passphrase on standard input; returns its exit
 * status and what it printed on both streams. */
static int
run_admin (char       **output,
           const char  *env_name,
           const char  *env_value,
           const char  *first,
           ...)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                                                       | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *admin = g_getenv ("VITA_ADMIN");
  va_list ap;

  g_assert_nonnull (admin);
  g_ptr_array_add (argv, (char *)admin);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *)arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  if (env_name != NULL)
    g_subprocess_launcher_setenv (launcher, env_name, env_value, TRUE);
  /* Messages in English whatever the machine's locale. */
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *)argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, VITA_TEST_PASSPHRASE "\n", NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_test_message ("vita-admin %s: %s", first, out);
  if (output != NULL)
    *output = g_steal_pointer (&out);
  return g_subprocess_get_exit_status (proc);
}

/* ---- item 2: rekey and backup while another process has it open ---- */

static void
test_rekey_refused_while_open (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autofree char *backup = g_build_filename (dir, "copy.vita", NULL);
  g_autofree char *out = NULL;
  g_autofree char *pid = g_strdup_printf ("process %d", (int) getpid ());
  g_autoptr(GError) error = NULL;
  int status;

  for (guint i = 0; i < 5; i++)
    save_one (store, i);

  /* This process holds the store unlocked: vita-admin must refuse, and
   * say which process holds it. */
  status = run_admin (&out, NULL, NULL, "rekey", "--store", path, "--user", "coord", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "Another program has this store open"));
  g_assert_nonnull (strstr (out, pid));
  g_clear_pointer (&out, g_free);
  status = run_admin (&out, NULL, NULL, "backup", "--store", path, "--user", "coord",
                      "--to", backup, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "Another program has this store open"));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);

  /* Still ours, under the key we hold: the next save works. */
  save_one (store, 5);
  g_assert_cmpuint (count_households (store), ==, 6);

  /* Signed out here, the rekey runs, and the store opens with the same
   * passphrase and everything in it. */
  vita_store_lock (store);
  status = run_admin (&out, NULL, NULL, "rekey", "--store", path, "--user", "coord", NULL);
  g_assert_cmpint (status, ==, 0);
  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_households (store), ==, 6);
  g_assert_true (vita_store_verify (store, NULL, &error));
  g_assert_no_error (error);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

/* If the lock is bypassed (here: the lock file deleted under us), the open
 * process finds the key changed, refuses to write and nothing is lost. */
static void
test_key_changed_under_open_store (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autofree char *lock_path = g_strconcat (path, ".lock", NULL);
  g_autoptr(VitaHousehold) late = household (99);
  g_autoptr(GError) error = NULL;
  int status;

  for (guint i = 0; i < 5; i++)
    save_one (store, i);

  g_assert_cmpint (g_unlink (lock_path), ==, 0);
  status = run_admin (NULL, NULL, NULL, "rekey", "--store", path, "--user", "coord", NULL);
  g_assert_cmpint (status, ==, 0);

  /* Before: this save said "Saved" and wrote old-key pages into the new
   * store, which then opened for no one. */
  g_assert_false (vita_store_save_household (store, late, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_KEY_CHANGED);
  g_clear_error (&error);
  g_assert_cmpint (vita_household_get_id (late), ==, 0);
  /* And every later step, reads included, says the same. */
  g_assert_cmpint (vita_store_count_households (store, &error), <=, 0);
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_KEY_CHANGED);
  g_clear_error (&error);
  vita_store_lock (store);

  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_households (store), ==, 5);
  g_assert_true (vita_store_verify (store, NULL, &error));
  g_assert_no_error (error);
  save_one (store, 6);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

/* ---- item 3: older copies, deleted audit entries, damaged WAL ------- */

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GBytes) bytes = vita_test_read_file (from);

  g_assert_true (g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
}

static void
test_older_copy_refused (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autofree char *older = g_build_filename (dir, "older.vita", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  for (guint i = 0; i < 3; i++)
    save_one (store, i);
  vita_store_lock (store);
  copy_file (path, older);

  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  for (guint i = 3; i < 5; i++)
    save_one (store, i);
  vita_store_lock (store);

  /* The older copy, put back with the live keys: refused at unlock, and
   * verify says so too. */
  copy_file (older, path);
  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
  g_clear_error (&error);
  g_assert_false (vita_store_is_unlocked (store));
  status = run_admin (&out, NULL, NULL, "verify", "--store", path, "--user", "coord", NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (out, "older than the last change saved"));
  g_clear_pointer (&out, g_free);

  /* Refusing wrote nothing: the copy is still the older one, so the
   * newer file (if the coordinator finds it) still opens. */
  g_assert_true (vita_test_files_equal (older, path));
  vita_test_rm_rf (dir);
}

static void
test_deleted_audit_entries (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  for (guint i = 0; i < 3; i++)
    save_one (store, i);
  /* An attacker with the key drops the append-only triggers and deletes
   * the newest entries: the chain that is left still verifies. */
  db = _vita_store_get_db (store);
  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER IF EXISTS audit_no_delete;"
                                     "DROP TRIGGER IF EXISTS audit_no_update;", NULL, NULL, NULL), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GString) drop = g_string_new (NULL);

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'trigger'"
                                             " AND tbl_name = 'audit'", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (drop, "DROP TRIGGER \"%s\";", sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    g_assert_cmpint (sqlite3_exec (db, drop->str, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE seq > (SELECT max (seq) - 2 FROM audit);",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (vita_store_audit_verify (store, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (vita_store_verify (store, &report, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
  g_clear_error (&error);
  g_assert_cmpuint (report->len, >=, 1);
  vita_store_lock (store);

  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
  vita_test_rm_rf (dir);
}

/* Child: saves @n households one by one, reports, and exits without
 * closing the store, as a power cut would: the commits are in the WAL. */
static int
child_save_and_vanish (const char *path,
                       const char *n)
{
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;

  if (!vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error))
    return 3;
  for (guint i = 0; i < g_ascii_strtoull (n, NULL, 10); i++)
    {
      g_autoptr(VitaHousehold) hh = household (i);

      if (!vita_store_save_household (store, hh, &error))
        return 4;
    }
  printf ("saved\n");
  fflush (stdout);
  _exit (0);
}

static void
test_damaged_wal_reported_and_kept (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_exe, "--child-save", path, "15", NULL };
  int status = 0;
  int fd;
  guint8 byte;

  vita_store_lock (store);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "saved\n");
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* One flipped byte in the WAL header (a salt): SQLite would take the
   * log as empty and lose all 15 households, then delete it at close. */
  fd = open (wal, O_RDWR);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, &byte, 1, 16), ==, 1);
  byte ^= 0x01;
  g_assert_cmpint (pwrite (fd, &byte, 1, 16), ==, 1);
  close (fd);
  before = vita_test_read_file (wal);

  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "site.vita-wal"));
  g_clear_error (&error);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (run_admin (&out, NULL, NULL, "verify", "--store", path, "--user", "coord", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "site.vita-wal"));

  /* Reported, not discarded: the log is still there, byte for byte. */
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = vita_test_read_file (wal);
  g_assert_true (g_bytes_equal (before, after));

  /* Mended (here: the byte flipped back), every household is there. */
  fd = open (wal, O_RDWR);
  byte ^= 0x01;
  g_assert_cmpint (pwrite (fd, &byte, 1, 16), ==, 1);
  close (fd);
  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_households (store), ==, 15);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

/* A damaged frame in the middle of the WAL: SQLite keeps the commits
 * before it and silently drops the rest.  The high-water mark sees the
 * loss, and the log is kept for recovery. */
static void
test_damaged_wal_frame_loses_nothing_silently (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *out = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { self_exe, "--child-save", path, "15", NULL };
  int status = 0;
  gsize size;
  int fd;
  guint8 byte;

  vita_store_lock (store);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==, "saved\n");

  before = vita_test_read_file (wal);
  size = g_bytes_get_size (before);
  g_clear_pointer (&before, g_bytes_unref);
  fd = open (wal, O_RDWR);
  g_assert_cmpint (pread (fd, &byte, 1, size / 2), ==, 1);
  byte ^= 0x01;
  g_assert_cmpint (pwrite (fd, &byte, 1, size / 2), ==, 1);
  close (fd);
  before = vita_test_read_file (wal);

  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
  g_clear_error (&error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  after = vita_test_read_file (wal);
  g_assert_true (g_bytes_equal (before, after));
  vita_test_rm_rf (dir);
}

/* ---- item 4: nothing written before the page check ------------------ */

static void
test_no_write_before_page_check (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GBytes) damaged = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(VitaHousehold) late = household (999);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  gint64 size;
  int fd;
  guint8 byte;

  for (guint i = 0; i < 200; i++)
    g_ptr_array_add (batch, household (i));
  vita_store_save_households (store, batch, &error);
  g_assert_no_error (error);
  vita_store_lock (store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  /* Damage one page in the middle of the household records, which the
   * quick check at unlock does not read. */
  size = g_bytes_get_size (damaged = vita_test_read_file (path));
  g_clear_pointer (&damaged, g_bytes_unref);
  fd = open (path, O_RDWR);
  g_assert_cmpint (pread (fd, &byte, 1, (size / 2 / 4096) * 4096 + 2000), ==, 1);
  byte ^= 0x40;
  g_assert_cmpint (pwrite (fd, &byte, 1, (size / 2 / 4096) * 4096 + 2000), ==, 1);
  close (fd);
  damaged = vita_test_read_file (path);

  /* As a big store: unlock checks the first pages only. */
  _vita_store_set_full_check_limit (store, 1);
  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_false (vita_store_get_pages_verified (store));
  /* The first write waits for the full check, which fails: refused. */
  g_assert_false (vita_store_save_household (store, late, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_false (vita_store_save_household (store, late, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_clear_error (&error);
  vita_store_lock (store);
  after = vita_test_read_file (path);
  g_assert_true (g_bytes_equal (damaged, after));
  g_clear_pointer (&after, g_bytes_unref);

  /* The same through vita-admin generate on a "big" store. */
  g_assert_cmpint (run_admin (&out, "VITA_TEST_FULL_CHECK_LIMIT", "1", "generate", "--store", path,
                              "--user", "coord", "--count", "5", NULL), ==, 1);
  g_assert_nonnull (strstr (out, "damaged"));
  after = vita_test_read_file (path);
  g_assert_true (g_bytes_equal (damaged, after));
  /* Not even a WAL frame. */
  if (g_file_test (wal, G_FILE_TEST_EXISTS))
    {
      g_autoptr(GBytes) log = vita_test_read_file (wal);
      g_assert_cmpuint (g_bytes_get_size (log), ==, 0);
    }
  vita_test_rm_rf (dir);
}

/* ---- item 10: sign-ins during a long write -------------------------- */

/* Child: holds a write transaction for @seconds (appending audit entries
 * all along, as a bulk import would), then commits. */
static int
child_long_write (const char *path,
                  const char *seconds)
{
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;
  gint64 end;

  if (!vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error)
      || !_vita_store_begin_write (store, &error))
    return 3;
  printf ("writing\n");
  fflush (stdout);
  end = g_get_monotonic_time () + g_ascii_strtoll (seconds, NULL, 10) * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < end)
    {
      if (!vita_store_audit (store, "bulk-test", 0, NULL, &error))
        return 4;
      g_usleep (10000);
    }
  if (!_vita_store_exec (store, "COMMIT;", &error))
    return 5;
  vita_store_lock (store);
  return 0;
}

static int
child_sign_in (const char *path)
{
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;

  if (!vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error))
    {
      printf ("error %s\n", error->message);
      return 1;
    }
  printf ("ok\n");
  vita_store_lock (store);
  return 0;
}

static void
test_sign_ins_during_long_write (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autoptr(VitaStore) store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  g_autofree char *path = g_strdup (vita_store_get_path (store));
  /* Longer than the 5 s busy timeout the store used to have. */
  const char *writer_argv[] = { self_exe, "--child-long-write", path, "7", NULL };
  const char *sign_in_argv[] = { self_exe, "--child-sign-in", path, NULL };
  GPid writer, sign_ins[15];
  int outs[15];
  int writer_out;
  char line[64] = { 0 };
  g_autoptr(GError) error = NULL;
  int status;
  gint64 audit_before, audit_after;

  vita_store_lock (store);
  g_spawn_async_with_pipes (NULL, (char **)writer_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &writer, NULL, &writer_out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (read (writer_out, line, sizeof line - 1), >, 0);
  g_assert_cmpstr (line, ==, "writing\n");

  for (guint i = 0; i < G_N_ELEMENTS (sign_ins); i++)
    {
      g_spawn_async_with_pipes (NULL, (char **)sign_in_argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &sign_ins[i], NULL, &outs[i], NULL, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (sign_ins); i++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GIOChannel) ch = g_io_channel_unix_new (outs[i]);

      g_io_channel_set_close_on_unref (ch, TRUE);
      g_io_channel_read_to_end (ch, &text, NULL, NULL);
      g_assert_cmpint (waitpid (sign_ins[i], &status, 0), ==, sign_ins[i]);
      g_test_message ("sign-in %u: %s", i, text);
      g_assert_cmpstr (text, ==, "ok\n");
      g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
    }
  g_assert_cmpint (waitpid (writer, &status, 0), ==, writer);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  close (writer_out);

  /* Every sign-in and the whole write are in one unbroken audit chain. */
  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_audit_verify (store, &audit_before, &error));
  g_assert_no_error (error);
  g_assert_true (vita_store_verify (store, NULL, &error));
  g_assert_no_error (error);
  vita_store_audit_verify (store, &audit_after, NULL);
  g_assert_cmpint (audit_after, >=, 15 + 2);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  self_exe = argv[0];
  if (argc >= 4 && g_str_equal (argv[1], "--child-save"))
    return child_save_and_vanish (argv[2], argv[3]);
  if (argc >= 4 && g_str_equal (argv[1], "--child-long-write"))
    return child_long_write (argv[2], argv[3]);
  if (argc >= 3 && g_str_equal (argv[1], "--child-sign-in"))
    return child_sign_in (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/integrity/rekey-refused-while-open", test_rekey_refused_while_open);
  g_test_add_func ("/integrity/key-changed-under-open-store", test_key_changed_under_open_store);
  g_test_add_func ("/integrity/older-copy-refused", test_older_copy_refused);
  g_test_add_func ("/integrity/deleted-audit-entries", test_deleted_audit_entries);
  g_test_add_func ("/integrity/damaged-wal-reported-and-kept", test_damaged_wal_reported_and_kept);
  g_test_add_func ("/integrity/damaged-wal-frame-reported", test_damaged_wal_frame_loses_nothing_silently);
  g_test_add_func ("/integrity/no-write-before-page-check", test_no_write_before_page_check);
  g_test_add_func ("/integrity/sign-ins-during-long-write", test_sign_ins_during_long_write);
  return g_test_run ();
}
