/* vita-store-unlock.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: signing in.  The order matters and is the
 * point of keeping it in one place: the lock file first (so a rekey cannot
 * start under us), then the keyslot and the unlock delay, then the pages
 * that must authenticate before anything is trusted, then the signed roles
 * and the high-water mark, and only then the first write (a migration or
 * an audit entry).
 */

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-keyfile.h"
#include "vita-passphrase.h"
#include "vita-schema.h"
#include "vita-store.h"
#include "vita-store-private.h"

/* A store made by an earlier version (or copied in) may be readable by
 * other users of the machine: the records are encrypted, but nothing
 * needs anyone else to read them, not even their sizes. */
static void
make_private (VitaStore *self)
{
  static const char *suffixes[] = { "", "-wal", "-shm", ".sig" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (self->path, suffixes[i], NULL);
      GStatBuf st;

      if (g_stat (p, &st) == 0 && (st.st_mode & 077) != 0)
        g_chmod (p, st.st_mode & 0700);
    }
  {
    GStatBuf st;

    if (g_stat (self->keys_path, &st) == 0 && (st.st_mode & 077) != 0)
      g_chmod (self->keys_path, st.st_mode & 0700);
  }
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : 0;
}

/* What a big store gets at unlock: the schema pages decrypt and
 * authenticate.  The full page check follows in the background. */
static gboolean
run_quick_structure_check (sqlite3  *db,
                           GError  **error)
{
  int rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master WHERE sql IS NOT NULL;",
                         NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _vita_store_sqlite_error (error, db, rc);
  return TRUE;
}

/* ------------------------------------------------------------------ */

gboolean
_vita_store_load_audit_key (VitaStore  *self,
                            GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = _vita_store_prepare (self, "SELECT value FROM settings WHERE key = 'audit-key'", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *hex = (const char *)sqlite3_column_text (stmt, 0);
      guint8 raw[VITA_KEY_BYTES];
      gsize len = 0;

      if (hex && sodium_hex2bin (raw, sizeof raw, hex, strlen (hex), NULL, &len, NULL) == 0
          && len == sizeof raw)
        {
          self->audit_key = vita_secret_key_new_from_bytes (raw, sizeof raw);
          sodium_memzero (raw, sizeof raw);
          return TRUE;
        }
    }
  g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT,
                       _("The store is missing its audit key."));
  return FALSE;
}

gboolean
_vita_store_load_user (VitaStore   *self,
                       const char  *user_name,
                       GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = _vita_store_prepare (self, "SELECT id, role FROM users WHERE name = ?1 AND removed IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW
      || !vita_role_from_string ((const char *)sqlite3_column_text (stmt, 1), &self->role))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS,
                           _("The user name or passphrase is not right."));
      return FALSE;
    }
  self->user_id = sqlite3_column_int64 (stmt, 0);
  self->user_name = g_strdup (user_name);
  return TRUE;
}

char *
_vita_store_rekey_temp_path (VitaStore *self)
{
  return g_strconcat (self->path, ".rekey", NULL);
}

/* A killed rekey or backup can leave its side files: the encrypted copy and
 * its rollback journal (which holds only encrypted pages), or a keys-file
 * temporary from GLib's atomic write.  None opens anything without keys
 * that were never committed, but they must not pile up beside the store. */
static void
remove_leftovers (VitaStore *self)
{
  static const char *suffixes[] = { ".rekey", ".rekey-journal", ".rekey-wal", ".rekey-shm",
                                    ".creating", ".creating-journal", ".creating-wal",
                                    ".creating-shm" };
  g_autofree char *dir_path = g_path_get_dirname (self->path);
  g_autofree char *keys_base = g_path_get_basename (self->keys_path);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *p = g_strconcat (self->path, suffixes[i], NULL);
      g_unlink (p);
    }

  dir = g_dir_open (dir_path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      /* g_file_set_contents() writes "<name>.XXXXXX" then renames. */
      if (g_str_has_prefix (name, keys_base) && strlen (name) == strlen (keys_base) + 7
          && name[strlen (keys_base)] == '.')
        {
          g_autofree char *p = g_build_filename (dir_path, name, NULL);
          g_unlink (p);
        }
    }
}

/* Opens the database with the master key, or finishes a rekey that a crash
 * interrupted: whichever key opens the file on disk wins, and the keys file
 * is brought in line with it. */
static sqlite3 *
open_with_keys (VitaStore      *self,
                VitaKeyfile    *keyfile,
                VitaSecretKey **master,
                VitaSecretKey **pending,
                GError        **error)
{
  g_autoptr(GError) first_error = NULL;
  sqlite3 *db;

  db = _vita_store_open_encrypted (self->path, *master, FALSE, &first_error);
  if (db != NULL)
    {
      if (*pending != NULL)
        {
          vita_keyfile_drop_pending (keyfile);
          if (!vita_keyfile_save (keyfile, self->keys_path, error))
            {
              sqlite3_close_v2 (db);
              return NULL;
            }
        }
      remove_leftovers (self);
      return db;
    }

  if (*pending != NULL && g_error_matches (first_error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED))
    {
      db = _vita_store_open_encrypted (self->path, *pending, FALSE, NULL);
      if (db != NULL)
        {
          vita_keyfile_commit_pending (keyfile);
          if (!vita_keyfile_save (keyfile, self->keys_path, error))
            {
              sqlite3_close_v2 (db);
              return NULL;
            }
          /* The high-water mark may still be sealed under the old key
           * (a rekey killed between replacing the file and resealing it):
           * _vita_store_state_check() reads it with this one. */
          g_clear_pointer (&self->previous_master, vita_secret_key_free);
          self->previous_master = g_steal_pointer (master);
          *master = g_steal_pointer (pending);
          remove_leftovers (self);
          return db;
        }
    }

  g_propagate_error (error, g_steal_pointer (&first_error));
  return NULL;
}

/**
 * vita_unlock_delay_for_failures:
 *
 * Seconds a user name must wait after its last wrong passphrase before the
 * next one is even tried: none for the first mistypes, then doubling up
 * to half a minute.  Together with the half second each guess costs in
 * Argon2id this limits an attacker at the keyboard to about two guesses a
 * minute per name, while a volunteer who mistypes twice never waits.
 */
guint
vita_unlock_delay_for_failures (guint failures)
{
  if (failures < 3)
    return 0;
  if (failures - 3 >= 5)
    return 30;
  return MIN (30u, 1u << (failures - 3));
}

static gint64
unix_now (void)
{
  g_autoptr(GDateTime) now = vita_clock_now_utc ();

  return g_date_time_to_unix (now);
}

/* Refuses an attempt made too soon after the last wrong passphrase for
 * this name.  Known and unknown names are counted alike, so the answer
 * does not tell which names exist.  A clock set back (a last failure in
 * the future) waits the whole delay from now. */
static gboolean
check_unlock_delay (VitaKeyfile  *keyfile,
                    const char   *user_name,
                    GError      **error)
{
  gint64 last = 0, now = unix_now (), remaining;
  guint failures = vita_keyfile_get_failures (keyfile, user_name, &last);
  guint delay = vita_unlock_delay_for_failures (failures);

  remaining = last > now ? delay : last + delay - now;
  if (remaining <= 0)
    return TRUE;
  g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_RETRY_LATER,
               g_dngettext (GETTEXT_PACKAGE,
                            "Too many wrong passphrases. Try again in %d second.",
                            "Too many wrong passphrases. Try again in %d seconds.",
                            (gulong) remaining),
               (int) remaining);
  return FALSE;
}

/* Counted in the keys file, so the delay holds across restarts and across
 * the GUI and vita-admin.  Read again right before writing, so a change
 * made meanwhile by another process is not overwritten. */
static void
record_unlock_failure (VitaStore  *self,
                       const char *user_name)
{
  g_autoptr(VitaKeyfile) fresh = vita_keyfile_load (self->keys_path, NULL);

  if (fresh == NULL)
    return;
  vita_keyfile_record_failure (fresh, user_name, unix_now ());
  vita_keyfile_save (fresh, self->keys_path, NULL);
}

/**
 * vita_store_unlock:
 *
 * Checks the passphrase against the user's keyslot before the database is
 * opened at all, so a wrong passphrase never touches the store file.  Then
 * verifies every page's authentication code, so tampering anywhere in the
 * file is reported now rather than half-way through an interview.
 */
gboolean
vita_store_unlock (VitaStore   *self,
                   const char  *user_name,
                   const char  *passphrase,
                   GError     **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_autoptr(VitaSecretKey) master = NULL;
  g_autoptr(VitaSecretKey) pending = NULL;
  g_autoptr(VitaSecretKey) sign_key = NULL;
  g_autoptr(GError) local_error = NULL;
  gboolean keyfile_changed = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (user_name != NULL && passphrase != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  vita_store_lock (self);

  if (!vita_secure_init (error))
    goto out;
  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL || !check_unlock_delay (keyfile, user_name, error))
    goto out;
  master = vita_keyfile_unlock (keyfile, user_name, passphrase, &pending, &sign_key,
                                &keyfile_changed, &local_error);
  if (master == NULL)
    {
      if (g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS))
        record_unlock_failure (self, user_name);
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  /* Also saves a signing key just made for an older slot. */
  if (vita_keyfile_clear_failures (keyfile, user_name) || keyfile_changed)
    vita_keyfile_save (keyfile, self->keys_path, NULL);
  keyfile_changed = FALSE;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("The store file is missing. Restore it from a backup."));
      goto out;
    }
  /* SQLite takes an empty file for an empty database, and the migrations
   * would then write a fresh schema into it: a store truncated by a full
   * disk or a bad copy would be silently replaced by an empty one.  A real
   * store always has at least its first page. */
  if (file_size (self->path) == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT,
                           _("The store file is empty. Nothing was changed. Restore it from a backup."));
      goto out;
    }
  make_private (self);

  /* Held until lock: rekey and backup elsewhere wait for us to sign out. */
  if (!_vita_store_guard_open (self, error))
    goto out;
  if (!_vita_store_check_wal (self, error))
    goto out;
  self->db = open_with_keys (self, keyfile, &master, &pending, error);
  if (self->db == NULL)
    goto out;
  self->master = g_steal_pointer (&master);
  _vita_store_connection_ready (self);

  if (file_size (self->path) <= self->full_check_limit)
    {
      if (!_vita_store_run_integrity_checks (self->db, NULL, error))
        goto out;
      g_atomic_int_set (&self->pages_verified, TRUE);
    }
  else if (!run_quick_structure_check (self->db, error))
    goto out;

  /* Before anything is written: is this the store as last saved? */
  if (!_vita_store_state_check (self, keyfile, error))
    goto out;
  /* A migration writes, so it waits for the full check (rare: once per
   * upgrade). */
  if (vita_schema_get_version (self->db) < vita_schema_get_latest_version ()
      && !_vita_store_ensure_pages_verified (self, error))
    goto out;

  if (!vita_schema_migrate (self->db, error)
      || !_vita_store_load_audit_key (self, error)
      || !_vita_store_audit_sigfile_migrate (self, error)
      || !_vita_store_load_user (self, user_name, error)
      || !_vita_store_load_retention_keys (self, keyfile, error))
    goto out;
  /* The role comes from the signed grants, not from the users table. */
  self->sign_key = g_steal_pointer (&sign_key);
  if (!_vita_store_grants_load (self, keyfile, &keyfile_changed, error)
      || (keyfile_changed && !vita_keyfile_save (keyfile, self->keys_path, error)))
    goto out;
  if (keyfile_changed)
    _vita_store_owner_remember (self);
  /* With the signed keys known: does the log still hold what a
   * coordinator last countersigned? */
  if (!_vita_store_checkpoint_check (self, error))
    {
      _vita_store_leave_files (self->db);
      goto out;
    }

  /* A big store's own unlock writes (search words of a restored backup,
   * the audit entry) wait for its page check, like every other write. */
  if (self->pages_verified)
    ok = _vita_store_reindex_missing (self, error)
         && vita_store_audit (self, "unlock", 0, NULL, error)
         && _vita_store_audit_role_events (self, error);
  else
    {
      self->deferred_unlock = TRUE;
      ok = TRUE;
    }

out:
  if (!ok)
    vita_store_lock (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}
