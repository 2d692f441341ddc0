/* vita-test-utils.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define _GNU_SOURCE
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "vita-clock.h"
#include "vita-keyfile.h"
#include "vita-store-private.h"
#include "vita-test-utils.h"

char *
vita_test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vita-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

/**
 * vita_test_set_now:
 * @iso: "YYYY-MM-DD" (that day at 10:00 local time) or an ISO 8601 date
 *   and time (local time unless it names its offset)
 *
 * Sets the core's injected clock (vita-clock.h), so date rules run on the
 * days a test names.
 */
void
vita_test_set_now (const char *iso)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autofree char *at = strlen (iso) == 10 ? g_strconcat (iso, "T10:00:00", NULL) : g_strdup (iso);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (at, zone);

  g_assert_nonnull (now);
  vita_clock_set_for_testing (now);
}

void
vita_test_rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          vita_test_rm_rf (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/* The smallest Argon2id cost the store accepts keeps tests quick. */
VitaStore *
vita_test_create_store (const char *dir,
                        const char *user,
                        const char *passphrase)
{
  g_autofree char *path = g_build_filename (dir, "site.vita", NULL);
  g_autoptr(GError) error = NULL;
  VitaStore *store = vita_store_new (path);
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_create (store, "Test Site", user, "Test Coordinator", passphrase, &params, &error);
  g_assert_no_error (error);
  return store;
}

GBytes *
vita_test_read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

gboolean
vita_test_files_equal (const char *a,
                       const char *b)
{
  g_autoptr(GBytes) ba = vita_test_read_file (a);
  g_autoptr(GBytes) bb = vita_test_read_file (b);

  return g_bytes_equal (ba, bb);
}

gboolean
vita_test_file_contains (const char *path,
                         const char *needle,
                         gsize       needle_len)
{
  g_autoptr(GBytes) bytes = vita_test_read_file (path);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  if (needle_len == 0 || needle_len > len)
    return FALSE;
  return memmem (data, len, needle, needle_len) != NULL;
}

/**
 * vita_test_list_dir:
 *
 * Returns: (transfer full): sorted names of the entries in @dir
 */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

GPtrArray *
vita_test_list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

/* Inserts an answer sealed on its own, as schema version 2 stored them. */
void
vita_test_insert_legacy_answer (VitaStore  *store,
                                gint64      id,
                                int         person,
                                const char *field,
                                const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaSecretKey) key = _vita_store_household_key (store, id, FALSE, &error);
  g_autoptr(GBytes) sealed = NULL;
  sqlite3_stmt *stmt;

  g_assert_no_error (error);
  sealed = _vita_store_seal (key, id, person, field, value, strlen (value));
  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (store),
                                       "INSERT OR REPLACE INTO answers (household_id, person, field, value, sealed)"
                                       " VALUES (?1, ?2, ?3, '', ?4)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int (stmt, 2, person);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

/* What README tells a coordinator who restores a backup beside the live
 * keys file: remove the state file and the keys file's [state] group. */
void
vita_test_forget_high_water_mark (const char *path)
{
  g_autofree char *state = g_strconcat (path, ".state", NULL);
  g_autofree char *keys_path = g_strconcat (path, ".keys", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaKeyfile) keyfile = vita_keyfile_load (keys_path, &error);

  g_assert_no_error (error);
  vita_keyfile_set_state_tracked (keyfile, FALSE);
  vita_keyfile_save (keyfile, keys_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_unlink (state), ==, 0);
}

/**
 * vita_test_count_in_memory:
 * @masked: the bytes to look for, each XOR-ed with @mask (so this copy of
 *   the needle is never itself found)
 *
 * Counts occurrences in every readable mapping of this process.  Each
 * mapping is copied into a buffer mapped for it alone and unmapped after,
 * so the scan leaves no copies of what it saw in the heap.
 */
guint
vita_test_count_in_memory (const guint8 *masked,
                           gsize         len,
                           guint8        mask)
{
  g_autofree char *maps = NULL;
  g_auto(GStrv) lines = NULL;
  int mem = open ("/proc/self/mem", O_RDONLY);
  guint found = 0;

  g_assert_cmpint (mem, >=, 0);
  g_assert_cmpuint (len, >, 0);
  g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL);
  lines = g_strsplit (maps, "\n", -1);

  for (guint l = 0; lines[l]; l++)
    {
      unsigned long start, end;
      char perms[5];
      guint8 *buf;
      gsize size;

      if (sscanf (lines[l], "%lx-%lx %4s", &start, &end, perms) != 3 || perms[0] != 'r')
        continue;
      if (strstr (lines[l], "[vvar]") || strstr (lines[l], "[vsyscall]"))
        continue;
      size = end - start;
      if (size > 512u * 1024 * 1024)
        continue;
      buf = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      g_assert_true (buf != MAP_FAILED);
      if (pread (mem, buf, size, start) == (ssize_t) size)
        {
          guint8 first = masked[0] ^ mask;

          for (gsize i = 0; i + len <= size; i++)
            {
              gsize j = 1;

              if (buf[i] != first)
                continue;
              while (j < len && buf[i + j] == (masked[j] ^ mask))
                j++;
              if (j == len)
                {
                  found++;
                  g_test_message ("found in %s at +%zx", lines[l], i);
                }
            }
        }
      munmap (buf, size);
    }
  close (mem);
  return found;
}

/* RFC 4180 with CRLF line ends, as the export writes it.
 * Shared by the export tests, which read files back.
 * Returns: (transfer full) (element-type GStrv): header first */
GPtrArray *
vita_test_parse_csv (const char *text)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GPtrArray *row = g_ptr_array_new ();
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, was_quoted = FALSE;

  for (const char *p = text; *p != '\0';)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p += 2;
            }
          else if (*p == '"')
            {
              quoted = FALSE;
              p++;
            }
          else
            g_string_append_c (field, *p++);
          continue;
        }
      if (*p == '"' && field->len == 0 && !was_quoted)
        {
          quoted = was_quoted = TRUE;
          p++;
        }
      else if (*p == ',' || (*p == '\r' && p[1] == '\n'))
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          was_quoted = FALSE;
          if (*p == '\r')
            {
              g_ptr_array_add (row, NULL);
              g_ptr_array_add (rows, g_ptr_array_free (row, FALSE));
              row = g_ptr_array_new ();
              p++;
            }
          p++;
        }
      else
        {
          g_assert_cmpint (*p, !=, '\n');
          g_string_append_c (field, *p++);
        }
    }
  g_assert_false (quoted);
  /* Every line, the last included, ends in CRLF. */
  g_assert_cmpuint (row->len, ==, 0);
  g_assert_cmpuint (field->len, ==, 0);
  g_ptr_array_free (row, TRUE);
  g_string_free (field, TRUE);
  return rows;
}
