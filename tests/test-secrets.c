/* test-secrets.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the store writes and what it accepts: file modes, files it must not
 * touch, the passphrase policy every front end shares, the delay after
 * wrong passphrases, the cost of an unknown name, and the Argon2id setting
 * a keyslot gets.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "vita-clock.h"
#include "vita-keyfile.h"
#include "vita-passphrase.h"
#include "vita-store-households.h"
#include "vita-store-private.h"
#include "vita-store-users.h"
#include "vita-synthetic.h"
#include "vita-test-utils.h"

#define STRONG_PASSPHRASE "orbit lantern maple cactus 42"

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
  vita_clock_set_for_testing (NULL);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* ---- item 5: file modes and existing files ---------------------------- */

static void
assert_private (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("%s: %o", path, (unsigned) (st.st_mode & 0777));
  g_assert_cmpuint (st.st_mode & 077, ==, 0);
}

static void
test_files_private_under_open_umask (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autofree char *backup = g_build_filename (dir, "backup.vita", NULL);
  g_autofree char *backup_keys = g_strconcat (backup, ".keys", NULL);
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, 0, NULL);
  g_autoptr(GPtrArray) files = NULL;
  mode_t old_umask = umask (022);

  /* A front end that forgot its umask(077) must still get private files:
   * the modes are the core's own, not the process's. */
  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);
  vita_store_backup (store, backup, &error);
  g_assert_no_error (error);

  files = vita_test_list_dir (dir);
  g_assert_cmpuint (files->len, >=, 5);  /* store, keys, -wal, -shm, backup (+ keys) */
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *p = g_build_filename (dir, g_ptr_array_index (files, i), NULL);
      assert_private (p);
    }
  assert_private (backup_keys);

  umask (old_umask);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

static void
test_existing_store_made_private (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  vita_store_lock (f->store);
  g_chmod (f->path, 0644);
  vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  assert_private (f->path);
}

static void
test_empty_store_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);
  GStatBuf st;

  vita_store_lock (f->store);
  g_unlink (wal);
  g_unlink (shm);
  g_file_set_contents (f->path, "", 0, &error);
  g_assert_no_error (error);

  g_assert_false (vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT);
  g_assert_false (vita_store_is_unlocked (f->store));
  /* Left exactly as found: still empty, nothing written beside it. */
  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_backup_keeps_existing_keys_file (Fixture *f, gconstpointer data)
{
  g_autofree char *dest = g_build_filename (f->dir, "b.vita", NULL);
  g_autofree char *dest_keys = g_strconcat (dest, ".keys", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;

  g_file_set_contents (dest_keys, "the keys of another backup\n", -1, &error);
  g_assert_no_error (error);

  g_assert_false (vita_store_backup (f->store, dest, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (g_file_test (dest, G_FILE_TEST_EXISTS));
  g_file_get_contents (dest_keys, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "the keys of another backup\n");

  /* Asked for: replaced, and the copy opens. */
  vita_store_backup_full (f->store, dest, VITA_BACKUP_OVERWRITE, &error);
  g_assert_no_error (error);
  {
    g_autoptr(VitaStore) copy = vita_store_new (dest);

    vita_store_unlock (copy, "coord", VITA_TEST_PASSPHRASE, &error);
    g_assert_no_error (error);
    vita_store_lock (copy);
  }
}

/* ---- item 6: the passphrase policy is the core's ---------------------- */

static void
test_policy_in_core (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "site.vita", NULL);
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GString) long_pass = g_string_new (STRONG_PASSPHRASE);
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;
  static const char *weak[] = { "", "short", "password1234", "coord coord coord" };

  vita_kdf_params_minimum (&params);
  while (long_pass->len <= VITA_PASSPHRASE_MAX_BYTES)
    g_string_append (long_pass, " and one more word");

  for (guint i = 0; i < G_N_ELEMENTS (weak); i++)
    {
      g_assert_false (vita_store_create (store, "Site", "maria", NULL, weak[i], &params, &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (vita_store_add_user (f->store, "joe", NULL, VITA_ROLE_VOLUNTEER, weak[i], &params, &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (vita_store_change_passphrase (f->store, VITA_TEST_PASSPHRASE, weak[i], &params, &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Too long is refused, never cut to a passphrase nobody typed. */
  g_assert_false (vita_store_create (store, "Site", "maria", NULL, long_pass->str, &params, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "too long"));
  g_clear_error (&error);
  g_assert_false (vita_passphrase_validate (long_pass->str, NULL, NULL));
  g_string_truncate (long_pass, VITA_PASSPHRASE_MAX_BYTES);
  g_assert_true (vita_passphrase_validate (long_pass->str, NULL, NULL));

  vita_store_add_user (f->store, "joe", NULL, VITA_ROLE_VOLUNTEER, STRONG_PASSPHRASE, &params, &error);
  g_assert_no_error (error);
  vita_test_rm_rf (dir);
}

/* ---- item 7: wrong passphrases --------------------------------------- */

static void
test_delay_schedule (void)
{
  g_assert_cmpuint (vita_unlock_delay_for_failures (0), ==, 0);
  g_assert_cmpuint (vita_unlock_delay_for_failures (2), ==, 0);
  g_assert_cmpuint (vita_unlock_delay_for_failures (3), ==, 1);
  g_assert_cmpuint (vita_unlock_delay_for_failures (4), ==, 2);
  g_assert_cmpuint (vita_unlock_delay_for_failures (5), ==, 4);
  g_assert_cmpuint (vita_unlock_delay_for_failures (7), ==, 16);
  g_assert_cmpuint (vita_unlock_delay_for_failures (8), ==, 30);
  g_assert_cmpuint (vita_unlock_delay_for_failures (1000), ==, 30);
}

static guint
failures_on_disk (Fixture    *f,
                  const char *user)
{
  g_autofree char *keys = vita_store_dup_keys_path (f->store);
  g_autoptr(VitaKeyfile) kf = vita_keyfile_load (keys, NULL);
  gint64 last;

  g_assert_nonnull (kf);
  return vita_keyfile_get_failures (kf, user, &last);
}

/* The core's clock, set to @t seconds after a fixed moment. */
static void
set_clock (gint64 t)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_unix_utc (1800000000 + t);

  vita_clock_set_for_testing (now);
}

static void
test_delay_after_failures (Fixture *f, gconstpointer data)
{
  static const char *names[] = { "coord", "nobody" };

  vita_store_lock (f->store);
  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      const char *name = names[n];

      set_clock (0);
      for (guint i = 0; i < 3; i++)
        {
          g_autoptr(GError) error = NULL;

          g_assert_false (vita_store_unlock (f->store, name, "not the passphrase 1", &error));
          g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS);
        }
      g_assert_cmpuint (failures_on_disk (f, name), ==, 3);

      /* Too soon: refused without trying, even the right passphrase, and
       * the same for a name nobody has. */
      set_clock (0);
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (vita_store_unlock (f->store, name, VITA_TEST_PASSPHRASE, &error));
        g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_RETRY_LATER);
        g_assert_nonnull (strstr (error->message, "Try again in"));
      }
      g_assert_cmpuint (failures_on_disk (f, name), ==, 3);

      /* After the wait, one more wrong passphrase doubles the next wait. */
      set_clock (60);
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (vita_store_unlock (f->store, name, "not the passphrase 2", &error));
        g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS);
      }
      g_assert_cmpuint (failures_on_disk (f, name), ==, 4);
      g_assert_cmpuint (vita_unlock_delay_for_failures (4), ==, 2);
      set_clock (61);
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (vita_store_unlock (f->store, name, VITA_TEST_PASSPHRASE, &error));
        g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_RETRY_LATER);
      }
    }

  /* A clock set back does not shorten the wait. */
  set_clock (-3600);
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error));
    g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_RETRY_LATER);
  }

  /* The right passphrase after the wait opens the store and clears the
   * counter. */
  set_clock (120);
  {
    g_autoptr(GError) error = NULL;

    vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (failures_on_disk (f, "coord"), ==, 0);
  g_assert_cmpuint (failures_on_disk (f, "nobody"), ==, 4);
}

static double
cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/* Median CPU time of three wrong attempts for @name.  CPU time, not wall
 * time: the machine running the tests is shared, and what must match is
 * the work done for a name, which load does not change. */
static double
attempt_cost (VitaStore  *store,
              const char *name)
{
  double t[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      double begin = cpu_seconds ();

      g_assert_false (vita_store_unlock (store, name, "not the passphrase 3", &error));
      t[i] = cpu_seconds () - begin;
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS);
    }
  qsort (t, 3, sizeof t[0], compare_doubles);
  return t[1];
}

static void
test_unknown_name_costs_the_same (void)
{
  g_autofree char *dir = vita_test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "site.vita", NULL);
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;
  double known, unknown;

  /* A slot several times dearer than the minimum, as calibrated ones are. */
  vita_kdf_params_minimum (&params);
  params.opslimit = 8;
  vita_store_create (store, "Site", "coord", NULL, VITA_TEST_PASSPHRASE, &params, &error);
  g_assert_no_error (error);
  vita_store_lock (store);

  known = attempt_cost (store, "coord");
  unknown = attempt_cost (store, "nobody");
  g_test_message ("wrong passphrase: %.3f s CPU for a known name, %.3f s for an unknown one",
                  known, unknown);
  g_assert_cmpfloat (unknown, >, known * 0.7);
  g_assert_cmpfloat (unknown, <, known * 1.4);
  vita_test_rm_rf (dir);
}

/* ---- item 8: the Argon2id setting of a keyslot ------------------------ */

static void
test_new_passphrase_recalibrates (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;
  double t;

  vita_store_get_kdf_params (f->store, &params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (params.opslimit, ==, VITA_KDF_MIN_OPSLIMIT);
  g_assert_cmpuint (params.memlimit, ==, VITA_KDF_MIN_MEMLIMIT);

  /* No setting given: the slot gets one measured now, not its old one. */
  vita_store_change_passphrase (f->store, VITA_TEST_PASSPHRASE, STRONG_PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  vita_store_get_kdf_params (f->store, &params, &error);
  g_assert_no_error (error);
  t = vita_kdf_measure_median (&params, 3);
  g_test_message ("recalibrated: %u passes, %.3f s CPU", (guint) params.opslimit, t);
  g_assert_cmpuint (params.opslimit, >, VITA_KDF_MIN_OPSLIMIT);
  g_assert_cmpfloat (t, >=, 0.35);
  g_assert_cmpfloat (t, <=, 0.8);

  vita_store_lock (f->store);
  vita_store_unlock (f->store, "coord", STRONG_PASSPHRASE, &error);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/secrets/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/secrets/files-private-under-open-umask", test_files_private_under_open_umask);
  ADD ("existing-store-made-private", test_existing_store_made_private);
  ADD ("empty-store-refused", test_empty_store_refused);
  ADD ("backup-keeps-existing-keys-file", test_backup_keeps_existing_keys_file);
  ADD ("passphrase-policy-in-core", test_policy_in_core);
  g_test_add_func ("/secrets/delay-schedule", test_delay_schedule);
  ADD ("delay-after-failures", test_delay_after_failures);
  g_test_add_func ("/secrets/unknown-name-costs-the-same", test_unknown_name_costs_the_same);
  ADD ("new-passphrase-recalibrates", test_new_passphrase_recalibrates);
  return g_test_run ();
}
