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

/* The copy's file, empty and private to this user before a page is
 * written.  Whatever was at @dest_path goes: both callers pass a temporary
 * name of their own (".partial" for a backup, ".rekey" for a rekey). */
static gboolean
make_empty_private_file (const char  *dest_path,
                         GError     **error)
{
  int fd;

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
  return TRUE;
}

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

  /* The connection was opened without SQLITE_OPEN_CREATE (unlock must
   * never create a store), and ATTACH inherits that; so make the empty
   * file here, private to this user. */
  if (!make_empty_private_file (dest_path, error))
    return FALSE;

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

/* What a backup keeps of the names: none in the clear.  The search words
 * and list names, kept in the live store for speed, are dropped from the
 * copy with secure_delete on (their pages are overwritten, not left free)
 * and rebuilt from the sealed answers if the backup is ever restored with
 * this site's keys, so purging later leaves nothing behind. */
static gboolean
scrub_backup (sqlite3  *dest,
              GError  **error)
{
  g_autofree char *index_sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  /* The list index is dropped and made again rather than updated entry by
   * entry: all its pages are zeroed once (secure_delete) instead of each
   * entry being moved across the tree. */
  rc = sqlite3_prepare_v2 (dest, "SELECT sql FROM sqlite_schema WHERE type = 'index'"
                                 " AND name = 'households_list'", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    index_sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  /* Foreign keys off on this connection only: deleting every search word
   * can break no reference, and with them off SQLite clears the table's
   * pages at once instead of deleting row by row. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest,
                       "PRAGMA foreign_keys = OFF;"
                       "PRAGMA secure_delete = ON;"
                       "BEGIN IMMEDIATE;"
                       "DELETE FROM search_terms;",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK && index_sql != NULL)
    rc = sqlite3_exec (dest, "DROP INDEX households_list;", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "UPDATE households SET sort_name = '' WHERE sort_name <> '';",
                       NULL, NULL, NULL);
  if (rc == SQLITE_OK && index_sql != NULL)
    rc = sqlite3_exec (dest, index_sql, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "COMMIT;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _vita_store_sqlite_error (error, dest, rc);
  return TRUE;
}

/* The page format of the open store, as SQLCipher reports it. */
static gboolean
store_has_page_format (VitaStore  *self,
                       const char *hmac)
{
  g_auto(sqlite3_stmt_ptr) stmt = _vita_store_prepare (self, "PRAGMA cipher_hmac_algorithm;", NULL);

  return stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW
         && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), hmac) == 0;
}

/* A backup under the store's own key is a copy of its pages: SQLite's
 * online backup between this connection and a new file keyed with the same
 * key and page settings copies them in one read transaction, each page
 * decrypted and encrypted once (sqlcipher_export, by contrast, rebuilds
 * every table and index row by row).  No plaintext page is written: both
 * ends are keyed before the first page moves.  The copy is synced before it
 * is used.  A store still in the older page format goes through
 * export_encrypted(), which writes the current one. */
static gboolean
backup_pages (VitaStore   *self,
              const char  *dest_path,
              GError     **error)
{
  sqlite3 *dest;
  sqlite3_backup *copy = NULL;
  int rc;

  if (!make_empty_private_file (dest_path, error))
    return FALSE;

  dest = _vita_store_open_encrypted (dest_path, self->master, TRUE, error);
  if (dest == NULL)
    {
      g_unlink (dest_path);
      return FALSE;
    }
  /* The copy is not the backup until it is complete, synced and renamed:
   * until then it needs no journal (a failed copy is deleted) and no sync
   * per step; without WAL every page is written once, not twice. */
  rc = sqlite3_exec (dest, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    copy = sqlite3_backup_init (dest, "main", self->db, "main");
  if (rc != SQLITE_OK || copy == NULL)
    rc = sqlite3_errcode (dest);
  else
    {
      rc = sqlite3_backup_step (copy, -1);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      if (sqlite3_backup_finish (copy) != SQLITE_OK && rc == SQLITE_OK)
        rc = sqlite3_errcode (dest);
    }
  /* The copied first page says WAL, like the store's: back to a rollback
   * journal (a header write, nothing to fold in) and on without one. */
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE; PRAGMA journal_mode = OFF;", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    _vita_store_sqlite_error (error, dest, rc);
  if (rc == SQLITE_OK && !scrub_backup (dest, error))
    rc = SQLITE_ERROR;
  _vita_store_drop_statements (dest);
  sqlite3_close_v2 (dest);
  if (rc != SQLITE_OK)
    {
      g_unlink (dest_path);
      return FALSE;
    }

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
      || !(store_has_page_format (self, PAGE_HMAC)
           ? backup_pages (self, partial, error)
           : export_encrypted (self, partial, self->master, TRUE, error))
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

