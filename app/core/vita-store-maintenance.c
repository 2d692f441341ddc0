/* vita-store-maintenance.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: whole-store operations, a rekey to a new
 * master key and an encrypted backup copy.  Both run alone (the lock file,
 * vita-store-integrity.c) and never write a plaintext page.
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
#include "vita-keyfile.h"
#include "vita-schema.h"
#include "vita-store-private.h"

/* ------------------------------------------------------------------ */
/* Rekey, backup, verify                                               */
/* ------------------------------------------------------------------ */

/* Writes a complete encrypted copy of the open database to @dest_path under
 * @key: never a plaintext step, and the copy is synced before it is used. */
static gboolean
export_encrypted (VitaStore            *self,
                  const char           *dest_path,
                  const VitaSecretKey  *key,
                  gboolean              for_backup,
                  GError              **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  char *raw_key;
  int rc;

  int fd;

  /* The connection was opened without SQLITE_OPEN_CREATE (unlock must
   * never create a store), and ATTACH inherits that; so make the empty
   * file here, private to this user. */
  g_unlink (dest_path);
  fd = open (dest_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_set_error (error, VITA_STORE_ERROR, errno == ENOSPC ? VITA_STORE_ERROR_NO_SPACE : VITA_STORE_ERROR_IO,
                   _("The copy could not be written: %s"), g_strerror (errno));
      return FALSE;
    }
  fchmod (fd, 0600);
  close (fd);

  stmt = _vita_store_prepare (self, "ATTACH DATABASE ?1 AS vita_export KEY ?2", error);
  if (stmt == NULL)
    return FALSE;
  raw_key = vita_secret_key_dup_sqlcipher (key);
  sqlite3_bind_text (stmt, 1, dest_path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, raw_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_clear_bindings (stmt);
  vita_secure_free_string (raw_key);
  if (rc != SQLITE_DONE)
    return _vita_store_sqlite_error (error, self->db, rc);
  /* Backups and rekeyed stores are written in the current page format,
   * whatever the format of the store they come from. */
  rc = sqlite3_exec (self->db, "PRAGMA vita_export.cipher_hmac_algorithm = " PAGE_HMAC ";", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _vita_store_sqlite_error (error, self->db, rc);
      sqlite3_exec (self->db, "DETACH DATABASE vita_export;", NULL, NULL, NULL);
      g_unlink (dest_path);
      return FALSE;
    }

  rc = sqlite3_exec (self->db, "SELECT sqlcipher_export ('vita_export');", NULL, NULL, NULL);
  /* A backup keeps names only sealed under household keys.  The search
   * words and list names, kept in the live store for speed, are dropped
   * (and rebuilt from the sealed answers if the backup is ever restored
   * with this site's keys), so purging later leaves nothing behind. */
  if (rc == SQLITE_OK && for_backup)
    rc = sqlite3_exec (self->db,
                       "PRAGMA vita_export.secure_delete = ON;"
                       "DELETE FROM vita_export.search_terms;"
                       "UPDATE vita_export.households SET sort_name = '';",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      g_autofree char *version = g_strdup_printf ("PRAGMA vita_export.user_version = %d;",
                                                  vita_schema_get_version (self->db));
      rc = sqlite3_exec (self->db, version, NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      _vita_store_sqlite_error (error, self->db, rc);
      sqlite3_exec (self->db, "DETACH DATABASE vita_export;", NULL, NULL, NULL);
      g_unlink (dest_path);
      return FALSE;
    }
  sqlite3_exec (self->db, "DETACH DATABASE vita_export;", NULL, NULL, NULL);

  if (!_vita_fsync_path (dest_path, FALSE))
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The copy could not be written: %s"), g_strerror (errno));
      g_unlink (dest_path);
      return FALSE;
    }
  return TRUE;
}

/**
 * vita_store_rekey:
 *
 * Moves the store to a new master key.  The records are copied, encrypted
 * under the new key, to a side file; the new key is sealed for every user
 * beside the old one; the copy replaces the store; then the old key is
 * dropped.  A crash at any step leaves a key that opens what is on disk,
 * and the next unlock completes or undoes the change.
 */
gboolean
vita_store_rekey (VitaStore  *self,
                  GError    **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_autoptr(VitaSecretKey) new_master = NULL;
  g_autofree char *tmp_path = _vita_store_rekey_temp_path (self);
  gboolean exclusive = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "rekey", error))
    goto out;
  /* Every other process holding the store open would go on writing pages
   * under the old key into the new store: refuse while any does. */
  if (!_vita_store_guard_exclusive (self, error))
    goto out;
  exclusive = TRUE;
  if (!vita_store_audit (self, "rekey", 0, NULL, error))
    goto out;

  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL)
    goto out;
  new_master = vita_secret_key_new_random ();

  if (!_vita_store_exec (self, "PRAGMA wal_checkpoint(TRUNCATE);", error)
      || !export_encrypted (self, tmp_path, new_master, FALSE, error)
      || !vita_keyfile_seal_pending (keyfile, new_master, error)
      || !vita_keyfile_save (keyfile, self->keys_path, error))
    {
      g_unlink (tmp_path);
      goto out;
    }

  _vita_store_list_clear (self);
  _vita_store_drop_statements (self->db);
  sqlite3_close_v2 (self->db);
  self->db = NULL;
  if (g_rename (tmp_path, self->path) != 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The store file could not be replaced: %s"), g_strerror (errno));
      /* The old file is still in place and the old key still opens it. */
      vita_keyfile_drop_pending (keyfile);
      vita_keyfile_save (keyfile, self->keys_path, NULL);
      self->db = _vita_store_open_encrypted (self->path, self->master, FALSE, NULL);
      if (self->db != NULL)
        _vita_store_connection_ready (self);
      goto out;
    }
  _vita_fsync_parent (self->path);

  /* Before the keys file forgets the old key: a crash from here on still
   * finds a mark it can read (see open_with_keys). */
  _vita_store_state_rekey (self, new_master);
  vita_keyfile_commit_pending (keyfile);
  vita_keyfile_save (keyfile, self->keys_path, NULL);

  g_clear_pointer (&self->master, vita_secret_key_free);
  self->master = g_steal_pointer (&new_master);
  self->db = _vita_store_open_encrypted (self->path, self->master, FALSE, error);
  ok = self->db != NULL;
  if (ok)
    _vita_store_connection_ready (self);

out:
  if (self->db == NULL)
    {
      /* Never leave a half-open store: sign out; the keys are consistent
       * with the file on disk and the next unlock works. */
      vita_store_lock (self);
    }
  else if (exclusive)
    _vita_store_guard_shared (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_backup:
 *
 * Writes an encrypted copy of the store and its keys file to @dest_path and
 * @dest_path.keys.  The copy opens with the same user names and passphrases.
 * Refuses if either file exists: see vita_store_backup_full().
 */
gboolean
vita_store_backup (VitaStore   *self,
                   const char  *dest_path,
                   GError     **error)
{
  return vita_store_backup_full (self, dest_path, 0, error);
}

/**
 * vita_store_backup_full:
 * @flags: %VITA_BACKUP_OVERWRITE to replace an earlier backup at @dest_path
 *
 * Without %VITA_BACKUP_OVERWRITE an existing @dest_path or @dest_path.keys
 * is an error and stays untouched: a stray .keys file may be the only one
 * that opens another backup.
 */
gboolean
vita_store_backup_full (VitaStore        *self,
                        const char       *dest_path,
                        VitaBackupFlags   flags,
                        GError          **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *dest_keys = NULL;
  gboolean exclusive = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  dest_keys = g_strconcat (dest_path, ".keys", NULL);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "backup", error))
    goto out;
  if (!(flags & VITA_BACKUP_OVERWRITE)
      && (g_file_test (dest_path, G_FILE_TEST_EXISTS) || g_file_test (dest_keys, G_FILE_TEST_EXISTS)))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_EXISTS,
                           _("A file with this name already exists. Choose another name."));
      goto out;
    }

  /* A copy made while another process writes would be consistent (one
   * read transaction), but its keys file could come from either side of a
   * rekey there; so backups, like rekeys, run alone. */
  if (!_vita_store_guard_exclusive (self, error))
    goto out;
  exclusive = TRUE;

  partial = g_strconcat (dest_path, ".partial", NULL);
  keyfile = vita_keyfile_load (self->keys_path, error);
  /* Retention keys never leave the live keys file: see
   * vita-store-retention.c for why.  Nor does the high-water mark: a
   * backup restored later starts its own. */
  if (keyfile != NULL)
    {
      vita_keyfile_strip_retention (keyfile);
      vita_keyfile_set_state_tracked (keyfile, FALSE);
      vita_keyfile_strip_failures (keyfile);
    }
  if (keyfile == NULL
      || !vita_store_audit (self, "backup", 0, NULL, error)
      || !export_encrypted (self, partial, self->master, TRUE, error)
      /* The entries' signatures are not in the database: a backup
       * without them would verify as unsigned. */
      || !_vita_store_audit_sigfile_copy (self, dest_path, error)
      || !vita_keyfile_save (keyfile, dest_keys, error))
    {
      g_autofree char *dest_sig = g_strconcat (dest_path, ".sig", NULL);

      g_unlink (partial);
      g_unlink (dest_sig);
      goto out;
    }
  if (g_rename (partial, dest_path) != 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The copy could not be written: %s"), g_strerror (errno));
      g_unlink (partial);
      g_unlink (dest_keys);
      {
        g_autofree char *dest_sig = g_strconcat (dest_path, ".sig", NULL);
        g_unlink (dest_sig);
      }
      goto out;
    }
  _vita_fsync_parent (dest_path);
  ok = TRUE;

out:
  if (exclusive)
    _vita_store_guard_shared (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

