/* test-tamper.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Flips bytes in the store and in its keys file and checks every case gives
 * a clear error, never a crash and never silently wrong data.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "vita-store-households.h"
#include "vita-store-private.h"
#include "vita-synthetic.h"
#include "vita-test-utils.h"

static char *
make_populated_store (char **dir_out)
{
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (11);
  g_autoptr(GError) error = NULL;
  char *dir = vita_test_make_tmpdir ();

  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  for (guint i = 0; i < 300; i++)
    {
      g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, i, NULL);
      vita_store_save_household (store, hh, &error);
      g_assert_no_error (error);
    }
  vita_store_lock (store);
  *dir_out = dir;
  return g_strdup (vita_store_get_path (store));
}

static void
flip_byte (const char *path,
           gsize       offset)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset, <, len);
  data[offset] ^= 0x01;
  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

/* Flips one bit at many offsets across every page and expects unlock to
 * refuse with a tampering error each time. */
static void
test_flipped_byte_in_store (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_populated_store (&dir);
  g_autofree char *pristine = g_strconcat (path, ".pristine", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  gsize size = file_size (path);
  guint detected = 0, trials = 40;

  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rename (path, pristine), ==, 0);

  for (guint t = 0; t < trials; t++)
    {
      g_autoptr(GBytes) orig = vita_test_read_file (pristine);
      g_autoptr(VitaStore) store = vita_store_new (path);
      g_autoptr(GError) error = NULL;
      /* Spread over the whole file, including page 1's header and the
       * per-page HMACs at each page's end. */
      gsize offset = t == 0 ? 0 : t == 1 ? 20 : (gsize) g_rand_int_range (rand, 0, size);

      g_file_set_contents (path, g_bytes_get_data (orig, NULL), g_bytes_get_size (orig), NULL);
      flip_byte (path, offset);

      if (!vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error))
        {
          g_assert_true (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED)
                         || g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT));
          g_assert_true (strstr (error->message, "damaged") != NULL);
          detected++;
        }
      else
        g_test_message ("flip at %" G_GSIZE_FORMAT " not detected", offset);
      vita_store_lock (store);
    }
  /* SQLCipher authenticates every byte of every page except the reserved
   * salt area in page 1 (first 16 bytes), which changes the key and so is
   * also detected. */
  g_assert_cmpuint (detected, ==, trials);
  vita_test_rm_rf (dir);
}

/* A big store is opened on its first pages and checked in full on a second
 * connection; damage anywhere must still be caught there. */
static void
test_deferred_page_check (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_populated_store (&dir);
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  gsize size = file_size (path);
  g_autoptr(GBytes) orig = vita_test_read_file (path);
  guint caught = 0, trials = 20;

  for (guint t = 0; t < trials; t++)
    {
      g_autoptr(VitaStore) store = vita_store_new (path);
      g_autoptr(GError) error = NULL;
      /* Past the first pages, which the quick check itself reads. */
      gsize offset = (gsize) g_rand_int_range (rand, size / 2, size);

      g_file_set_contents (path, g_bytes_get_data (orig, NULL), size, NULL);
      flip_byte (path, offset);
      _vita_store_set_full_check_limit (store, 0);
      if (!vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error))
        {
          caught++;
          continue;
        }
      g_assert_false (vita_store_get_pages_verified (store));
      g_assert_false (vita_store_verify_pages (store, &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
      caught++;
      vita_store_lock (store);
    }
  g_assert_cmpuint (caught, ==, trials);

  /* Undamaged: the background check passes and says so. */
  {
    g_autoptr(VitaStore) store = vita_store_new (path);
    g_autoptr(GError) error = NULL;

    g_file_set_contents (path, g_bytes_get_data (orig, NULL), size, NULL);
    _vita_store_set_full_check_limit (store, 0);
    vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
    g_assert_no_error (error);
    g_assert_true (vita_store_verify_pages (store, &error));
    g_assert_true (vita_store_get_pages_verified (store));
  }
  vita_test_rm_rf (dir);
}

static void
test_flipped_byte_in_keys (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_populated_store (&dir);
  g_autofree char *keys = g_strconcat (path, ".keys", NULL);
  g_autoptr(GBytes) orig = vita_test_read_file (keys);
  gsize size = g_bytes_get_size (orig);

  for (gsize offset = 0; offset < size; offset += 1 + size / 60)
    {
      g_autoptr(VitaStore) store = vita_store_new (path);
      g_autoptr(GError) error = NULL;

      g_file_set_contents (keys, g_bytes_get_data (orig, NULL), size, NULL);
      flip_byte (keys, offset);
      g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
      g_assert_nonnull (error);
      /* The checksum catches accidental damage before any key is tried. */
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
    }

  /* Restored, it opens again: nothing was changed by the failed attempts. */
  {
    g_autoptr(VitaStore) store = vita_store_new (path);
    g_autoptr(GError) error = NULL;

    g_file_set_contents (keys, g_bytes_get_data (orig, NULL), size, NULL);
    vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
    g_assert_no_error (error);
    g_assert_true (vita_store_verify (store, NULL, &error));
  }
  vita_test_rm_rf (dir);
}

static void
test_truncated_store (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_populated_store (&dir);
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (truncate (path, file_size (path) / 2), ==, 0);
  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_true (error->domain == VITA_STORE_ERROR);
  g_assert_true (error->code == VITA_STORE_ERROR_TAMPERED || error->code == VITA_STORE_ERROR_CORRUPT);
  vita_test_rm_rf (dir);
}

static void
test_missing_files (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = make_populated_store (&dir);
  g_autofree char *keys = g_strconcat (path, ".keys", NULL);
  g_autofree char *moved = g_strconcat (keys, ".moved", NULL);
  g_autoptr(VitaStore) store = vita_store_new (path);
  g_autoptr(GError) error = NULL;

  g_rename (keys, moved);
  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_rename (moved, keys);
  g_unlink (path);
  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND);
  vita_test_rm_rf (dir);
}

/* A keys file from another store must not open this one. */
static void
test_swapped_keys_file (void)
{
  g_autofree char *dir1 = NULL;
  g_autofree char *dir2 = NULL;
  g_autofree char *path1 = make_populated_store (&dir1);
  g_autofree char *path2 = make_populated_store (&dir2);
  g_autofree char *keys1 = g_strconcat (path1, ".keys", NULL);
  g_autofree char *keys2 = g_strconcat (path2, ".keys", NULL);
  g_autoptr(GBytes) other = vita_test_read_file (keys2);
  g_autoptr(VitaStore) store = vita_store_new (path1);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (keys1, g_bytes_get_data (other, NULL), g_bytes_get_size (other), NULL);
  g_assert_false (vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  vita_test_rm_rf (dir1);
  vita_test_rm_rf (dir2);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/tamper/flipped-byte-in-store", test_flipped_byte_in_store);
  g_test_add_func ("/tamper/flipped-byte-in-keys", test_flipped_byte_in_keys);
  g_test_add_func ("/tamper/deferred-page-check", test_deferred_page_check);
  g_test_add_func ("/tamper/truncated-store", test_truncated_store);
  g_test_add_func ("/tamper/missing-files", test_missing_files);
  g_test_add_func ("/tamper/swapped-keys-file", test_swapped_keys_file);
  return g_test_run ();
}
