/* vita-store-create.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: a new store, its first contents and its
 * founding coordinator.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vita-clock.h"
#include "vita-export.h"
#include "vita-keyfile.h"
#include "vita-passphrase.h"
#include "vita-schema.h"
#include "vita-store.h"
#include "vita-store-private.h"
#include "vita-minimum-data.h"
#include "vita-store-settings.h"


/* First-time contents: settings, the audit key and the first coordinator.
 * Also finishes a creation that was interrupted after the keys file was
 * written, which is why it checks before inserting. */
gboolean
_vita_store_initialize_contents (VitaStore   *self,
                                 const char  *site_name,
                                 const char  *user_name,
                                 const char  *display_name,
                                 GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  guint8 raw[VITA_KEY_BYTES];
  char hex[VITA_KEY_BYTES * 2 + 1];

  if (!_vita_store_exec (self, "BEGIN IMMEDIATE;", error))
    return FALSE;

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  sodium_memzero (raw, sizeof raw);

  stmt = _vita_store_prepare (self,
                  /* The defaults from the headers, so a new store holds
                   * what a reader assumes when a setting is missing. */
                  "INSERT OR IGNORE INTO settings (key, value) VALUES"
                  " ('audit-key', ?1), ('" VITA_SETTING_SITE_NAME "', ?2),"
                  " ('" VITA_SETTING_CREATED "', ?3),"
                  " ('" VITA_SETTING_IDLE_LOCK_MINUTES "', '" G_STRINGIFY (VITA_IDLE_LOCK_MINUTES_DEFAULT) "'),"
                  " ('" VITA_SETTING_RETENTION "', 'end-of-season'),"
                  " ('" VITA_SETTING_RETENTION_MIN_DAYS "', '" G_STRINGIFY (VITA_RETENTION_MIN_DAYS_DEFAULT) "'),"
                  " ('" VITA_SETTING_RETENTION_MAX_DAYS "', '" G_STRINGIFY (VITA_RETENTION_MAX_DAYS_DEFAULT) "'),"
                  " ('" VITA_SETTING_K_ANONYMITY "', '" G_STRINGIFY (VITA_EXPORT_DEFAULT_K) "'),"
                  /* New sites start in minimum-data mode (issue 14 item 8);
                   * stores made before keep it off until a coordinator
                   * turns it on (vita-store-minimum-data.c). */
                  " ('" VITA_SETTING_MINIMUM_DATA "', 'on'),"
                  " ('" VITA_SETTING_MINIMUM_DATA_CONTACT_DAYS "', '"
                  G_STRINGIFY (VITA_MINIMUM_DATA_DEFAULT_CONTACT_DAYS) "')", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, site_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sodium_memzero (hex, sizeof hex);
  if (!_vita_store_step (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, _vita_stmt_release);

  stmt = _vita_store_prepare (self,
                  "INSERT OR IGNORE INTO users (name, display_name, role, created)"
                  " VALUES (?1, ?2, 'coordinator', ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!_vita_store_step (self, stmt, error))
    goto fail;

  return _vita_store_exec (self, "COMMIT;", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}


/**
 * vita_store_create:
 *
 * Creates a new site store with its first coordinator and leaves it
 * unlocked.  The keys file is written first and the database is built under
 * a temporary name and renamed into place when complete, so a crash at any
 * point leaves either no store or a whole one.
 */
gboolean
vita_store_create (VitaStore            *self,
                   const char           *site_name,
                   const char           *user_name,
                   const char           *display_name,
                   const char           *passphrase,
                   const VitaKdfParams  *params,
                   GError              **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_autoptr(VitaSecretKey) master = NULL;
  g_autoptr(VitaSecretKey) sign_key = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  VitaKdfParams calibrated;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (site_name != NULL && user_name != NULL, FALSE);

  if (!vita_secure_init (error)
      || !vita_passphrase_validate (passphrase, user_name, error))
    return FALSE;
  if (vita_store_exists (self))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_EXISTS,
                           _("A store already exists here."));
      return FALSE;
    }

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The folder for the store could not be made: %s"), g_strerror (errno));
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  vita_store_lock (self);
  if (!_vita_store_guard_open (self, error))
    goto out;

  if (params == NULL)
    {
      vita_kdf_calibrate (VITA_KDF_TARGET_SECONDS, &calibrated);
      params = &calibrated;
    }

  tmp_path = g_strconcat (self->path, ".creating", NULL);
  g_unlink (tmp_path);
  /* SQLite would create the file 0644 less the umask; made here 0600 first,
   * and SQLite gives its -wal and -shm files the mode of the database. */
  if (!_vita_store_create_private_file (tmp_path, error))
    goto out;

  master = vita_secret_key_new_random ();
  keyfile = vita_keyfile_new ();
  if (!vita_keyfile_add_user (keyfile, user_name, passphrase, params, master, &sign_key, error))
    goto out;
  /* The founding coordinator's key is pinned with the site id before the
   * keys file is first written. */
  self->sign_key = g_steal_pointer (&sign_key);
  if (!_vita_store_grants_found (self, keyfile, user_name)
      || !vita_keyfile_save (keyfile, self->keys_path, error))
    goto out;

  self->db = _vita_store_open_encrypted (tmp_path, master, TRUE, error);
  if (self->db == NULL
      || !vita_schema_migrate (self->db, error)
      || !_vita_store_initialize_contents (self, site_name, user_name,
                               display_name ? display_name : user_name, error))
    goto out;
  _vita_store_drop_statements (self->db);
  sqlite3_close_v2 (self->db);
  self->db = NULL;

  if (!_vita_fsync_path (tmp_path, FALSE) || g_rename (tmp_path, self->path) != 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The store file could not be written: %s"), g_strerror (errno));
      goto out;
    }
  _vita_fsync_parent (self->path);
  {
    /* A signature file left by an earlier store of this name holds
     * nothing of this one. */
    g_autofree char *sig_path = _vita_store_audit_sigfile_path (self);
    g_unlink (sig_path);
  }

  self->db = _vita_store_open_encrypted (self->path, master, FALSE, error);
  if (self->db == NULL)
    goto out;
  self->master = g_steal_pointer (&master);
  _vita_store_connection_ready (self);
  /* Written by us a moment ago. */
  g_atomic_int_set (&self->pages_verified, TRUE);
  if (!_vita_store_load_audit_key (self, error)
      || !_vita_store_audit_sigfile_migrate (self, error)
      || !_vita_store_load_user (self, user_name, error)
      || !_vita_store_load_retention_keys (self, keyfile, error)
      || !_vita_store_state_check (self, keyfile, error))
    goto out;

  ok = vita_store_audit (self, "create-store", 0, NULL, error);

out:
  if (!ok)
    {
      gboolean complete = g_file_test (self->path, G_FILE_TEST_EXISTS);

      vita_store_lock (self);
      g_unlink (tmp_path);
      if (!complete)
        g_unlink (self->keys_path);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

