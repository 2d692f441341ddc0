/* vita-store.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "vita-keyfile.h"
#include "vita-schema.h"
#include "vita-store.h"
#include "vita-store-private.h"

struct _VitaStore
{
  GObject         parent_instance;

  char           *path;
  char           *keys_path;

  /* One connection, used from the GTask worker threads as well as the main
   * thread; the mutex keeps transactions whole. */
  GRecMutex       lock;
  sqlite3        *db;
  VitaSecretKey  *master;
  VitaSecretKey  *audit_key;

  char           *user_name;
  gint64          user_id;
  VitaRole        role;
};

G_DEFINE_FINAL_TYPE (VitaStore, vita_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (vita-store-error-quark, vita_store_error)

typedef struct
{
  const char *action;
  VitaRole    min_role;
} Permission;

/* What each role may do.  The GUI hides what a role may not do, but the
 * refusal lives here, so no other caller can get around it. */
static const Permission permissions[] = {
  { "edit-household", VITA_ROLE_VOLUNTEER },
  { "review", VITA_ROLE_REVIEWER },
  { "manage-users", VITA_ROLE_COORDINATOR },
  { "export", VITA_ROLE_COORDINATOR },
  { "purge", VITA_ROLE_COORDINATOR },
  { "rekey", VITA_ROLE_COORDINATOR },
  { "backup", VITA_ROLE_COORDINATOR },
  { "read-audit", VITA_ROLE_COORDINATOR },
  { "settings", VITA_ROLE_COORDINATOR },
  { "delete-household", VITA_ROLE_COORDINATOR },
};

static const char *role_ids[] = { "volunteer", "reviewer", "coordinator" };
static const char *role_labels[] = { N_("Volunteer"), N_("Quality reviewer"), N_("Site coordinator") };

/* Fields whose folded words go into the search index. */
static const char *search_fields[] = {
  "first_name", "middle_name", "last_name", "native_name", "alt_romanization",
};

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

static gboolean
set_sqlite_error (GError  **error,
                  sqlite3  *db,
                  int       rc)
{
  int code = rc & 0xff;
  VitaStoreError kind;
  const char *message;

  switch (code)
    {
    case SQLITE_FULL:
      kind = VITA_STORE_ERROR_NO_SPACE;
      message = _("The disk is full. The last change was not saved; everything saved before is safe.");
      break;
    case SQLITE_NOTADB:
      kind = VITA_STORE_ERROR_TAMPERED;
      message = _("The store file is damaged or was altered, so it cannot be opened. Restore it from a backup.");
      break;
    case SQLITE_CORRUPT:
      kind = VITA_STORE_ERROR_CORRUPT;
      message = _("Part of the store file is damaged. Restore it from a backup.");
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
      kind = VITA_STORE_ERROR_IO;
      message = _("The store file could not be read or written. Check the disk.");
      break;
    case SQLITE_CONSTRAINT:
      kind = VITA_STORE_ERROR_INVALID;
      message = _("The change conflicts with what is already saved.");
      break;
    default:
      kind = VITA_STORE_ERROR_FAILED;
      message = _("The store reported an error.");
      break;
    }

  /* The SQLite message says which table or step failed; it never holds the
   * values of a record, so it is safe to keep for the coordinator. */
  g_set_error (error, VITA_STORE_ERROR, kind, "%s (%s)", message,
               db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

static gboolean
exec_sql (VitaStore   *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, self->db, rc);
  return TRUE;
}

static sqlite3_stmt *
prepare (VitaStore   *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return stmt;
}

typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, sqlite3_finalize, NULL)

static gboolean
step_done (VitaStore     *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return set_sqlite_error (error, self->db, rc);
  return TRUE;
}

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format_iso8601 (now);
}

static gboolean
require_unlocked (VitaStore  *self,
                  GError    **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED,
                           _("The store is locked. Sign in first."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
require (VitaStore   *self,
         const char  *action,
         GError     **error)
{
  if (!require_unlocked (self, error))
    return FALSE;
  if (!vita_store_can (self, action))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
fsync_path (const char *path,
            gboolean    directory)
{
  int fd = open (path, (directory ? O_DIRECTORY : 0) | O_RDONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
fsync_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return fsync_path (dir, TRUE);
}

/* Opens @path with @key and sets the pragmas every connection needs.
 * Never creates a file unless @create. */
static sqlite3 *
open_encrypted (const char           *path,
                const VitaSecretKey  *key,
                gboolean              create,
                GError              **error)
{
  sqlite3 *db = NULL;
  char *raw_key;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc);
      sqlite3_close_v2 (db);
      return NULL;
    }

  raw_key = vita_secret_key_dup_sqlcipher (key);
  rc = sqlite3_key (db, raw_key, strlen (raw_key));
  vita_secure_free_string (raw_key);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc);
      sqlite3_close_v2 (db);
      return NULL;
    }

  /* A wrong key or a damaged first page only shows on the first read. */
  rc = sqlite3_exec (db, "SELECT count(*) FROM sqlite_master;", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      /* temp_store=MEMORY: SQLCipher does not encrypt temp files, and sorts
       * and temp tables spill plaintext to disk otherwise.
       * secure_delete: deleted records are overwritten, not left in free
       * pages.  WAL + synchronous=FULL: a commit that returned survives a
       * killed process or a power cut. */
      rc = sqlite3_exec (db,
                         "PRAGMA temp_store = MEMORY;"
                         "PRAGMA secure_delete = ON;"
                         "PRAGMA foreign_keys = ON;"
                         "PRAGMA journal_mode = WAL;"
                         "PRAGMA synchronous = FULL;"
                         "PRAGMA busy_timeout = 5000;",
                         NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, rc);
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static gboolean
run_integrity_checks (sqlite3    *db,
                      GPtrArray  *report,
                      GError    **error)
{
  static const char *checks[] = { "PRAGMA cipher_integrity_check;", "PRAGMA quick_check;" };
  gboolean ok = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (db, checks[i], -1, &stmt, NULL);

      if (rc == SQLITE_OK)
        {
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              const char *row = (const char *)sqlite3_column_text (stmt, 0);

              if (g_strcmp0 (row, "ok") == 0)
                continue;
              ok = FALSE;
              if (report)
                g_ptr_array_add (report, g_strdup (row));
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          ok = FALSE;
          if (report)
            g_ptr_array_add (report, g_strdup (sqlite3_errstr (rc)));
        }
    }

  if (!ok)
    g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                         _("The store file is damaged or was altered. Restore it from a backup."));
  return ok;
}

/* ------------------------------------------------------------------ */
/* Object                                                              */
/* ------------------------------------------------------------------ */

static void
vita_store_finalize (GObject *object)
{
  VitaStore *self = (VitaStore *)object;

  vita_store_lock (self);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->keys_path, g_free);
  g_rec_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vita_store_parent_class)->finalize (object);
}

static void
vita_store_class_init (VitaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_store_finalize;
}

static void
vita_store_init (VitaStore *self)
{
  g_rec_mutex_init (&self->lock);
}

/**
 * vita_store_default_path:
 *
 * Returns: (transfer full): the site store in the user's data directory.
 */
char *
vita_store_default_path (void)
{
  const char *override = g_getenv ("VITA_STORE_PATH");

  if (override != NULL && *override != '\0')
    return g_strdup (override);
  return g_build_filename (g_get_user_data_dir (), "vita-intake", "site.vita", NULL);
}

VitaStore *
vita_store_new (const char *path)
{
  VitaStore *self;

  g_return_val_if_fail (path != NULL, NULL);

  self = g_object_new (VITA_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->keys_path = g_strconcat (path, ".keys", NULL);
  return self;
}

const char *
vita_store_get_path (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  return self->path;
}

char *
vita_store_dup_keys_path (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  return g_strdup (self->keys_path);
}

/* The database file is renamed into place only once it is complete, so its
 * presence is what says a store exists.  A keys file alone is what an
 * interrupted creation leaves, and opens nothing. */
gboolean
vita_store_exists (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  return g_file_test (self->path, G_FILE_TEST_EXISTS);
}

gboolean
vita_store_is_unlocked (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  return self->db != NULL;
}

const char *
vita_store_get_user_name (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  return self->user_name;
}

gint64
vita_store_get_user_id (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), 0);
  return self->user_id;
}

VitaRole
vita_store_get_role (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), VITA_ROLE_VOLUNTEER);
  return self->role;
}

gboolean
vita_store_can (VitaStore  *self,
                const char *action)
{
  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  if (self->db == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (permissions); i++)
    {
      if (g_strcmp0 (permissions[i].action, action) == 0)
        return self->role >= permissions[i].min_role;
    }
  g_critical ("Unknown permission %s", action);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Lock, unlock, create                                                */
/* ------------------------------------------------------------------ */

/**
 * vita_store_lock:
 *
 * Closes the database and wipes every key from memory.  Safe to call when
 * already locked.
 */
void
vita_store_lock (VitaStore *self)
{
  g_return_if_fail (VITA_IS_STORE (self));

  g_rec_mutex_lock (&self->lock);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->master, vita_secret_key_free);
  g_clear_pointer (&self->audit_key, vita_secret_key_free);
  g_clear_pointer (&self->user_name, g_free);
  self->user_id = 0;
  self->role = VITA_ROLE_VOLUNTEER;
  g_rec_mutex_unlock (&self->lock);
}

static gboolean
load_audit_key (VitaStore  *self,
                GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = prepare (self, "SELECT value FROM settings WHERE key = 'audit-key'", error);
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

/* First-time contents: settings, the audit key and the first coordinator.
 * Also finishes a creation that was interrupted after the keys file was
 * written, which is why it checks before inserting. */
static gboolean
initialize_contents (VitaStore   *self,
                     const char  *site_name,
                     const char  *user_name,
                     const char  *display_name,
                     GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = now_iso ();
  guint8 raw[VITA_KEY_BYTES];
  char hex[VITA_KEY_BYTES * 2 + 1];

  if (!exec_sql (self, "BEGIN IMMEDIATE;", error))
    return FALSE;

  randombytes_buf (raw, sizeof raw);
  sodium_bin2hex (hex, sizeof hex, raw, sizeof raw);
  sodium_memzero (raw, sizeof raw);

  stmt = prepare (self,
                  "INSERT OR IGNORE INTO settings (key, value) VALUES"
                  " ('audit-key', ?1), ('site-name', ?2), ('created', ?3),"
                  " ('idle-lock-minutes', '10'), ('retention', 'end-of-season'),"
                  " ('k-anonymity', '5')", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, hex, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, site_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sodium_memzero (hex, sizeof hex);
  if (!step_done (self, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, sqlite3_finalize);

  stmt = prepare (self,
                  "INSERT OR IGNORE INTO users (name, display_name, role, created)"
                  " VALUES (?1, ?2, 'coordinator', ?3)", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error))
    goto fail;

  return exec_sql (self, "COMMIT;", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
load_user (VitaStore   *self,
           const char  *user_name,
           GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = prepare (self, "SELECT id, role FROM users WHERE name = ?1 AND removed IS NULL", error);
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

static char *
rekey_temp_path (VitaStore *self)
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

  db = open_encrypted (self->path, *master, FALSE, &first_error);
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
      db = open_encrypted (self->path, *pending, FALSE, NULL);
      if (db != NULL)
        {
          vita_keyfile_commit_pending (keyfile);
          if (!vita_keyfile_save (keyfile, self->keys_path, error))
            {
              sqlite3_close_v2 (db);
              return NULL;
            }
          vita_secret_key_free (*master);
          *master = g_steal_pointer (pending);
          remove_leftovers (self);
          return db;
        }
    }

  g_propagate_error (error, g_steal_pointer (&first_error));
  return NULL;
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
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (user_name != NULL && passphrase != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  vita_store_lock (self);

  if (!vita_secure_init (error))
    goto out;
  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL)
    goto out;
  master = vita_keyfile_unlock (keyfile, user_name, passphrase, &pending, error);
  if (master == NULL)
    goto out;

  if (!g_file_test (self->path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("The store file is missing. Restore it from a backup."));
      goto out;
    }

  self->db = open_with_keys (self, keyfile, &master, &pending, error);
  if (self->db == NULL)
    goto out;

  if (!run_integrity_checks (self->db, NULL, error)
      || !vita_schema_migrate (self->db, error)
      || !load_audit_key (self, error)
      || !load_user (self, user_name, error))
    goto out;

  self->master = g_steal_pointer (&master);
  ok = vita_store_audit (self, "unlock", 0, NULL, error);

out:
  if (!ok)
    vita_store_lock (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
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
  g_autofree char *dir = NULL;
  g_autofree char *tmp_path = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (site_name != NULL && user_name != NULL && passphrase != NULL, FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  if (!vita_secure_init (error))
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

  tmp_path = g_strconcat (self->path, ".creating", NULL);
  g_unlink (tmp_path);

  master = vita_secret_key_new_random ();
  keyfile = vita_keyfile_new ();
  if (!vita_keyfile_add_user (keyfile, user_name, passphrase, params, master, error)
      || !vita_keyfile_save (keyfile, self->keys_path, error))
    goto out;

  self->db = open_encrypted (tmp_path, master, TRUE, error);
  if (self->db == NULL
      || !vita_schema_migrate (self->db, error)
      || !initialize_contents (self, site_name, user_name,
                               display_name ? display_name : user_name, error))
    goto out;
  sqlite3_close_v2 (self->db);
  self->db = NULL;

  if (!fsync_path (tmp_path, FALSE) || g_rename (tmp_path, self->path) != 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The store file could not be written: %s"), g_strerror (errno));
      goto out;
    }
  fsync_parent (self->path);

  self->db = open_encrypted (self->path, master, FALSE, error);
  if (self->db == NULL
      || !load_audit_key (self, error)
      || !load_user (self, user_name, error))
    goto out;

  self->master = g_steal_pointer (&master);
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

/* ------------------------------------------------------------------ */
/* Settings                                                            */
/* ------------------------------------------------------------------ */

char *
vita_store_dup_setting (VitaStore   *self,
                        const char  *key,
                        GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  /* The audit key is never handed out. */
  if (g_strcmp0 (key, "audit-key") == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return NULL;
    }

  g_rec_mutex_lock (&self->lock);
  if (require_unlocked (self, error)
      && (stmt = prepare (self, "SELECT value FROM settings WHERE key = ?1", error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      else
        g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                             _("This setting is not set."));
    }
  g_rec_mutex_unlock (&self->lock);
  return value;
}

gboolean
vita_store_set_setting (VitaStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (g_strcmp0 (key, "audit-key") == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return FALSE;
    }

  g_rec_mutex_lock (&self->lock);
  if (require (self, "settings", error)
      && (stmt = prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      ok = step_done (self, stmt, error)
           && vita_store_audit (self, "change-setting", 0, key, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Users                                                               */
/* ------------------------------------------------------------------ */

gboolean
vita_store_add_user (VitaStore            *self,
                     const char           *user_name,
                     const char           *display_name,
                     VitaRole              role,
                     const char           *passphrase,
                     const VitaKdfParams  *params,
                     GError              **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = now_iso ();
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (role <= VITA_ROLE_COORDINATOR, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "manage-users", error))
    goto out;

  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL
      || !vita_keyfile_add_user (keyfile, user_name, passphrase, params, self->master, error))
    goto out;

  /* The database row first: if writing the keys file then fails, the user
   * simply cannot sign in, and adding them again replaces the row. */
  stmt = prepare (self,
                  "INSERT INTO users (name, display_name, role, created) VALUES (?1, ?2, ?3, ?4)"
                  " ON CONFLICT (name) DO UPDATE SET display_name = ?2, role = ?3, removed = NULL",
                  error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name ? display_name : user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, vita_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!step_done (self, stmt, error)
      || !vita_keyfile_save (keyfile, self->keys_path, error))
    goto out;

  ok = vita_store_audit (self, "add-user", 0, user_name, error);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_remove_user (VitaStore   *self,
                        const char  *user_name,
                        GError     **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = now_iso ();
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "manage-users", error))
    goto out;
  if (g_strcmp0 (user_name, self->user_name) == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("You cannot remove yourself. Ask another coordinator."));
      goto out;
    }

  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL || !vita_keyfile_remove_user (keyfile, user_name, error))
    goto out;

  /* The keyslot goes first: once it is gone the passphrase opens nothing.
   * The row stays, marked removed, so the audit log keeps naming them. */
  if (!vita_keyfile_save (keyfile, self->keys_path, error))
    goto out;
  stmt = prepare (self, "UPDATE users SET removed = ?2 WHERE name = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  ok = step_done (self, stmt, error)
       && vita_store_audit (self, "remove-user", 0, user_name, error);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_set_user_cert_level (VitaStore   *self,
                                const char  *user_name,
                                const char  *cert_level,
                                GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (require (self, "manage-users", error)
      && (stmt = prepare (self, "UPDATE users SET cert_level = ?2 WHERE name = ?1", error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, cert_level, -1, SQLITE_TRANSIENT);
      ok = step_done (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                               _("There is no user with this name."));
          ok = FALSE;
        }
      ok = ok && vita_store_audit (self, "change-user", 0, user_name, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_change_passphrase (VitaStore            *self,
                              const char           *old_passphrase,
                              const char           *new_passphrase,
                              const VitaKdfParams  *params,
                              GError              **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require_unlocked (self, error))
    goto out;
  keyfile = vita_keyfile_load (self->keys_path, error);
  ok = keyfile != NULL
       && vita_keyfile_change_passphrase (keyfile, self->user_name, old_passphrase,
                                          new_passphrase, params, error)
       && vita_keyfile_save (keyfile, self->keys_path, error)
       && vita_store_audit (self, "change-passphrase", 0, NULL, error);
out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_list_users:
 *
 * Returns: (transfer full) (element-type VitaUserInfo): every user who may
 *   sign in, coordinators only.
 */
GPtrArray *
vita_store_list_users (VitaStore  *self,
                       GError    **error)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "manage-users", error)
      || (keyfile = vita_keyfile_load (self->keys_path, error)) == NULL
      || (stmt = prepare (self,
                          "SELECT id, name, display_name, role, cert_level FROM users"
                          " WHERE removed IS NULL ORDER BY name", error)) == NULL)
    goto out;

  users = g_ptr_array_new_with_free_func ((GDestroyNotify)vita_user_info_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VitaUserInfo *info = g_new0 (VitaUserInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      info->display_name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      vita_role_from_string ((const char *)sqlite3_column_text (stmt, 3), &info->role);
      info->cert_level = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      info->has_keyslot = vita_keyfile_has_user (keyfile, info->name);
      g_ptr_array_add (users, info);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return g_steal_pointer (&users);
}

/* ------------------------------------------------------------------ */
/* Rekey, backup, verify                                               */
/* ------------------------------------------------------------------ */

/* Writes a complete encrypted copy of the open database to @dest_path under
 * @key: never a plaintext step, and the copy is synced before it is used. */
static gboolean
export_encrypted (VitaStore            *self,
                  const char           *dest_path,
                  const VitaSecretKey  *key,
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
  close (fd);

  stmt = prepare (self, "ATTACH DATABASE ?1 AS vita_export KEY ?2", error);
  if (stmt == NULL)
    return FALSE;
  raw_key = vita_secret_key_dup_sqlcipher (key);
  sqlite3_bind_text (stmt, 1, dest_path, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, raw_key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  sqlite3_clear_bindings (stmt);
  vita_secure_free_string (raw_key);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, self->db, rc);

  rc = sqlite3_exec (self->db, "SELECT sqlcipher_export ('vita_export');", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    {
      g_autofree char *version = g_strdup_printf ("PRAGMA vita_export.user_version = %d;",
                                                  vita_schema_get_version (self->db));
      rc = sqlite3_exec (self->db, version, NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, self->db, rc);
      sqlite3_exec (self->db, "DETACH DATABASE vita_export;", NULL, NULL, NULL);
      g_unlink (dest_path);
      return FALSE;
    }
  sqlite3_exec (self->db, "DETACH DATABASE vita_export;", NULL, NULL, NULL);

  if (!fsync_path (dest_path, FALSE))
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
  g_autofree char *tmp_path = rekey_temp_path (self);
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "rekey", error))
    goto out;
  if (!vita_store_audit (self, "rekey", 0, NULL, error))
    goto out;

  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL)
    goto out;
  new_master = vita_secret_key_new_random ();

  if (!exec_sql (self, "PRAGMA wal_checkpoint(TRUNCATE);", error)
      || !export_encrypted (self, tmp_path, new_master, error)
      || !vita_keyfile_seal_pending (keyfile, new_master, error)
      || !vita_keyfile_save (keyfile, self->keys_path, error))
    {
      g_unlink (tmp_path);
      goto out;
    }

  sqlite3_close_v2 (self->db);
  self->db = NULL;
  if (g_rename (tmp_path, self->path) != 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The store file could not be replaced: %s"), g_strerror (errno));
      /* The old file is still in place and the old key still opens it. */
      vita_keyfile_drop_pending (keyfile);
      vita_keyfile_save (keyfile, self->keys_path, NULL);
      self->db = open_encrypted (self->path, self->master, FALSE, NULL);
      goto out;
    }
  fsync_parent (self->path);

  vita_keyfile_commit_pending (keyfile);
  vita_keyfile_save (keyfile, self->keys_path, NULL);

  g_clear_pointer (&self->master, vita_secret_key_free);
  self->master = g_steal_pointer (&new_master);
  self->db = open_encrypted (self->path, self->master, FALSE, error);
  ok = self->db != NULL;

out:
  if (self->db == NULL)
    {
      /* Never leave a half-open store: sign out; the keys are consistent
       * with the file on disk and the next unlock works. */
      vita_store_lock (self);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_backup:
 *
 * Writes an encrypted copy of the store and its keys file to @dest_path and
 * @dest_path.keys.  The copy opens with the same user names and passphrases.
 */
gboolean
vita_store_backup (VitaStore   *self,
                   const char  *dest_path,
                   GError     **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_autofree char *partial = NULL;
  g_autofree char *dest_keys = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "backup", error))
    goto out;
  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_EXISTS,
                           _("A file with this name already exists. Choose another name."));
      goto out;
    }

  partial = g_strconcat (dest_path, ".partial", NULL);
  dest_keys = g_strconcat (dest_path, ".keys", NULL);
  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL
      || !vita_store_audit (self, "backup", 0, NULL, error)
      || !export_encrypted (self, partial, self->master, error)
      || !vita_keyfile_save (keyfile, dest_keys, error))
    {
      g_unlink (partial);
      goto out;
    }
  if (g_rename (partial, dest_path) != 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The copy could not be written: %s"), g_strerror (errno));
      g_unlink (partial);
      g_unlink (dest_keys);
      goto out;
    }
  fsync_parent (dest_path);
  ok = TRUE;

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_verify:
 * @report: (out) (optional) (transfer full): one line per problem found
 *
 * Checks every page's authentication code, the SQLite structure, foreign
 * keys and the audit chain.
 */
gboolean
vita_store_verify (VitaStore   *self,
                   GPtrArray  **report,
                   GError     **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  gint64 n_audit = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require_unlocked (self, error))
    goto out;

  ok = run_integrity_checks (self->db, lines, &local_error);
  if (ok && !vita_store_audit_verify (self, &n_audit, &local_error))
    {
      g_ptr_array_add (lines, g_strdup (local_error->message));
      ok = FALSE;
    }
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

out:
  g_rec_mutex_unlock (&self->lock);
  if (report != NULL)
    *report = g_steal_pointer (&lines);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Search index                                                        */
/* ------------------------------------------------------------------ */

static gboolean
is_syllabic (gunichar c)
{
  /* Hangul syllables and CJK ideographs: folded as they are, since a
   * decomposed syllable would no longer match what a volunteer types. */
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x4E00 && c <= 0x9FFF)
         || (c >= 0x3040 && c <= 0x30FF);
}

/**
 * vita_fold_for_search:
 *
 * Folds text so that "José", "JOSE" and "jose" compare equal: accents are
 * dropped (NFKD without combining marks), case is folded, and everything
 * that is not a letter or digit becomes a single space.
 *
 * Returns: (transfer full): the folded words separated by single spaces.
 */
char *
vita_fold_for_search (const char *text)
{
  GString *out;
  gboolean space = TRUE;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (is_syllabic (c))
        {
          g_string_append_unichar (out, c);
          space = FALSE;
          continue;
        }

      n = g_unichar_fully_decompose (c, TRUE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        {
          gunichar d = decomposed[i];

          if (g_unichar_ismark (d))
            continue;
          if (g_unichar_isalnum (d))
            {
              g_string_append_unichar (out, g_unichar_tolower (d));
              space = FALSE;
            }
          else if (!space)
            {
              g_string_append_c (out, ' ');
              space = TRUE;
            }
        }
    }
  if (out->len > 0 && out->str[out->len - 1] == ' ')
    g_string_truncate (out, out->len - 1);
  return g_string_free (out, FALSE);
}

static void
add_terms (GHashTable *terms,
           const char *value)
{
  g_autofree char *folded = vita_fold_for_search (value);
  g_auto(GStrv) words = g_strsplit (folded, " ", -1);

  for (guint i = 0; words[i]; i++)
    {
      const char *w = words[i];

      if (*w == '\0')
        continue;
      g_hash_table_add (terms, g_strdup (w));
      /* In Korean, Chinese and Japanese the given name follows the family
       * name inside one word, so index every tail too. */
      if (is_syllabic (g_utf8_get_char (w)))
        for (const char *p = g_utf8_next_char (w); *p; p = g_utf8_next_char (p))
          g_hash_table_add (terms, g_strdup (p));
    }
}

static void
collect_search_value (int         person,
                      const char *field_id,
                      const char *value,
                      gpointer    user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (search_fields); i++)
    {
      if (g_strcmp0 (field_id, search_fields[i]) == 0)
        {
          add_terms (user_data, value);
          return;
        }
    }
}

/* ------------------------------------------------------------------ */
/* Households                                                          */
/* ------------------------------------------------------------------ */

typedef struct
{
  VitaStore     *self;
  sqlite3_stmt  *stmt;
  GError       **error;
  gboolean       ok;
} InsertAnswers;

static void
insert_answer (int         person,
               const char *field_id,
               const char *value,
               gpointer    user_data)
{
  InsertAnswers *ctx = user_data;

  if (!ctx->ok)
    return;
  sqlite3_reset (ctx->stmt);
  sqlite3_bind_int (ctx->stmt, 2, person);
  sqlite3_bind_text (ctx->stmt, 3, field_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (ctx->stmt, 4, value, -1, SQLITE_STATIC);
  ctx->ok = step_done (ctx->self, ctx->stmt, ctx->error);
}

static gboolean
write_household_row (VitaStore      *self,
                     VitaHousehold  *household,
                     const char     *now,
                     GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *sort_name = vita_household_dup_display_name (household);
  gint64 id = vita_household_get_id (household);

  if (id == 0)
    stmt = prepare (self,
                    "INSERT INTO households (status, language, tax_year, needs_itin, sort_name,"
                    " created, updated, preparer_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
                    error);
  else
    stmt = prepare (self,
                    "UPDATE households SET status = ?1, language = ?2, tax_year = ?3,"
                    " needs_itin = ?4, sort_name = ?5, updated = ?6 WHERE id = ?8"
                    " AND purged_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, vita_return_status_to_string (vita_household_get_status (household)),
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, vita_household_get_language (household), -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 3, vita_household_get_tax_year (household));
  sqlite3_bind_int (stmt, 4, vita_household_get_needs_itin (household));
  sqlite3_bind_text (stmt, 5, sort_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (id == 0)
    sqlite3_bind_int64 (stmt, 7, self->user_id);
  else
    sqlite3_bind_int64 (stmt, 8, id);

  if (!step_done (self, stmt, error))
    return FALSE;
  if (id == 0)
    vita_household_set_id (household, sqlite3_last_insert_rowid (self->db));
  else if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_answers (VitaStore      *self,
               VitaHousehold  *household,
               GError        **error)
{
  g_auto(sqlite3_stmt_ptr) del = NULL;
  g_auto(sqlite3_stmt_ptr) ins = NULL;
  gint64 id = vita_household_get_id (household);
  InsertAnswers ctx = { self, NULL, error, TRUE };

  del = prepare (self, "DELETE FROM answers WHERE household_id = ?1", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!step_done (self, del, error))
    return FALSE;

  ins = prepare (self, "INSERT INTO answers (household_id, person, field, value)"
                       " VALUES (?1, ?2, ?3, ?4)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, id);
  ctx.stmt = ins;
  vita_household_foreach (household, insert_answer, &ctx);
  return ctx.ok;
}

static gboolean
write_search_terms (VitaStore      *self,
                    VitaHousehold  *household,
                    GError        **error)
{
  g_autoptr(GHashTable) terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(sqlite3_stmt_ptr) del = NULL;
  g_auto(sqlite3_stmt_ptr) ins = NULL;
  gint64 id = vita_household_get_id (household);
  GHashTableIter iter;
  gpointer term;

  del = prepare (self, "DELETE FROM search_terms WHERE household_id = ?1", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!step_done (self, del, error))
    return FALSE;

  vita_household_foreach (household, collect_search_value, terms);
  ins = prepare (self, "INSERT OR IGNORE INTO search_terms (term, household_id) VALUES (?1, ?2)",
                 error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 2, id);
  g_hash_table_iter_init (&iter, terms);
  while (g_hash_table_iter_next (&iter, &term, NULL))
    {
      sqlite3_reset (ins);
      sqlite3_bind_text (ins, 1, term, -1, SQLITE_STATIC);
      if (!step_done (self, ins, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * vita_store_save_household:
 *
 * Saves the whole household in one transaction: after a crash the store
 * holds either the previous save or this one.  A new household gets its id
 * here.
 */
gboolean
vita_store_save_household (VitaStore      *self,
                           VitaHousehold  *household,
                           GError        **error)
{
  g_autofree char *now = now_iso ();
  gint64 old_id;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), FALSE);

  old_id = vita_household_get_id (household);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "edit-household", error) || !exec_sql (self, "BEGIN IMMEDIATE;", error))
    goto out;

  ok = write_household_row (self, household, now, error)
       && write_answers (self, household, error)
       && write_search_terms (self, household, error)
       && vita_store_audit (self, old_id == 0 ? "create-household" : "change-household",
                            vita_household_get_id (household), NULL, error)
       && exec_sql (self, "COMMIT;", error);
  if (!ok)
    {
      sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
      vita_household_set_id (household, old_id);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

VitaHousehold *
vita_store_load_household (VitaStore   *self,
                           gint64       id,
                           GError     **error)
{
  g_autoptr(VitaHousehold) household = NULL;
  g_auto(sqlite3_stmt_ptr) row = NULL;
  g_auto(sqlite3_stmt_ptr) answers = NULL;
  VitaReturnStatus status = VITA_RETURN_STATUS_INTAKE;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "edit-household", error))
    goto out;

  row = prepare (self, "SELECT status, language, tax_year FROM households"
                       " WHERE id = ?1 AND purged_at IS NULL", error);
  if (row == NULL)
    goto out;
  sqlite3_bind_int64 (row, 1, id);
  if (sqlite3_step (row) != SQLITE_ROW)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      goto out;
    }

  household = vita_household_new ();
  vita_household_set_id (household, id);
  vita_return_status_from_string ((const char *)sqlite3_column_text (row, 0), &status);
  vita_household_set_status (household, status);
  vita_household_set_language (household, (const char *)sqlite3_column_text (row, 1));
  vita_household_set_tax_year (household, sqlite3_column_int (row, 2));

  answers = prepare (self, "SELECT person, field, value FROM answers WHERE household_id = ?1",
                     error);
  if (answers == NULL)
    {
      g_clear_object (&household);
      goto out;
    }
  sqlite3_bind_int64 (answers, 1, id);
  while (sqlite3_step (answers) == SQLITE_ROW)
    vita_household_set (household, sqlite3_column_int (answers, 0),
                        (const char *)sqlite3_column_text (answers, 1),
                        (const char *)sqlite3_column_text (answers, 2));

  if (!vita_store_audit (self, "open-household", id, NULL, error))
    g_clear_object (&household);

out:
  g_rec_mutex_unlock (&self->lock);
  return g_steal_pointer (&household);
}

gboolean
vita_store_delete_household (VitaStore   *self,
                             gint64       id,
                             GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "delete-household", error) || !exec_sql (self, "BEGIN IMMEDIATE;", error))
    goto out;
  stmt = prepare (self, "DELETE FROM households WHERE id = ?1", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = step_done (self, stmt, error)
           && vita_store_audit (self, "delete-household", id, NULL, error)
           && exec_sql (self, "COMMIT;", error);
    }
  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gint64
vita_store_count_households (VitaStore  *self,
                             GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gint64 count = -1;

  g_return_val_if_fail (VITA_IS_STORE (self), -1);

  g_rec_mutex_lock (&self->lock);
  if (require_unlocked (self, error)
      && (stmt = prepare (self, "SELECT count(*) FROM households WHERE purged_at IS NULL", error)) != NULL
      && sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  g_rec_mutex_unlock (&self->lock);
  return count;
}

/* The smallest string greater than every string with this prefix. */
static char *
prefix_upper_bound (const char *prefix)
{
  return g_strconcat (prefix, "\xf4\x8f\xbf\xbf", NULL);
}

static void
bind_filter (sqlite3_stmt           *stmt,
             const VitaSearchFilter *filter)
{
  if (filter->status >= 0)
    sqlite3_bind_text (stmt, 1, vita_return_status_to_string (filter->status), -1, SQLITE_STATIC);
  if (filter->language != NULL)
    sqlite3_bind_text (stmt, 2, filter->language, -1, SQLITE_STATIC);
  if (filter->needs_itin >= 0)
    sqlite3_bind_int (stmt, 3, filter->needs_itin);
}

static GString *
filter_sql (const VitaSearchFilter *filter)
{
  GString *sql = g_string_new ("SELECT h.id FROM households h WHERE h.purged_at IS NULL");

  if (filter->status >= 0)
    g_string_append (sql, " AND h.status = ?1");
  if (filter->language != NULL)
    g_string_append (sql, " AND h.language = ?2");
  if (filter->needs_itin >= 0)
    g_string_append (sql, " AND h.needs_itin = ?3");
  return sql;
}

/**
 * vita_store_search:
 * @query: (nullable): words typed by the volunteer; each must start a word
 *   of some name in the household (any surname, native script or romanised
 *   form), ignoring accents and case
 *
 * Returns: (transfer full) (element-type gint64): matching household ids in
 *   list order (by name).
 */
GArray *
vita_store_search (VitaStore               *self,
                   const char              *query,
                   const VitaSearchFilter  *filter,
                   GError                 **error)
{
  VitaSearchFilter any = VITA_SEARCH_FILTER_INIT;
  g_autofree char *folded = vita_fold_for_search (query);
  g_auto(GStrv) words = NULL;
  g_autoptr(GString) sql = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GPtrArray) bounds = g_ptr_array_new_with_free_func (g_free);
  GArray *ids = NULL;
  guint n_words;
  int rc;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  if (filter == NULL)
    filter = &any;
  words = g_strsplit (folded, " ", 8);
  n_words = *folded ? g_strv_length (words) : 0;

  sql = filter_sql (filter);
  for (guint i = 0; i < n_words; i++)
    g_string_append_printf (sql,
                            " AND EXISTS (SELECT 1 FROM search_terms t WHERE t.household_id = h.id"
                            " AND t.term >= ?%u AND t.term < ?%u)", 10 + 2 * i, 11 + 2 * i);
  if (n_words > 0)
    {
      /* Drive the query from the rarest-looking word's index range rather
       * than scanning every household. */
      g_string_append_printf (sql,
                              " AND h.id IN (SELECT household_id FROM search_terms"
                              " WHERE term >= ?10 AND term < ?11)");
    }
  g_string_append (sql, " ORDER BY h.sort_name, h.id");

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "edit-household", error)
      || (stmt = prepare (self, sql->str, error)) == NULL)
    goto out;

  bind_filter (stmt, filter);
  for (guint i = 0; i < n_words; i++)
    {
      char *upper = prefix_upper_bound (words[i]);

      g_ptr_array_add (bounds, upper);
      sqlite3_bind_text (stmt, 10 + 2 * i, words[i], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 11 + 2 * i, upper, -1, SQLITE_STATIC);
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, rc);
      g_clear_pointer (&ids, g_array_unref);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ids;
}

/**
 * vita_store_get_summaries:
 *
 * Returns: (transfer full) (element-type VitaHouseholdSummary): one summary
 *   per id, in the same order; a purged or deleted id gives a summary with
 *   an empty name so list positions stay stable.
 */
GPtrArray *
vita_store_get_summaries (VitaStore     *self,
                          const gint64  *ids,
                          guint          n_ids,
                          GError       **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!require (self, "edit-household", error)
      || (stmt = prepare (self,
                          "SELECT sort_name, status, language, needs_itin, updated"
                          " FROM households WHERE id = ?1 AND purged_at IS NULL", error)) == NULL)
    goto out;

  ret = g_ptr_array_new_full (n_ids, (GDestroyNotify)vita_household_summary_free);
  for (guint i = 0; i < n_ids; i++)
    {
      VitaHouseholdSummary *s = g_new0 (VitaHouseholdSummary, 1);

      s->id = ids[i];
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, ids[i]);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          s->display_name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
          vita_return_status_from_string ((const char *)sqlite3_column_text (stmt, 1), &s->status);
          s->language = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
          s->needs_itin = sqlite3_column_int (stmt, 3);
          s->updated = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
        }
      else
        {
          s->display_name = g_strdup ("");
          s->language = g_strdup ("");
          s->updated = g_strdup ("");
        }
      g_ptr_array_add (ret, s);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

gboolean
vita_store_set_status (VitaStore         *self,
                       gint64             household_id,
                       VitaReturnStatus   status,
                       GError           **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = now_iso ();
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (require (self, "edit-household", error)
      && (stmt = prepare (self, "UPDATE households SET status = ?2, updated = ?3"
                                " WHERE id = ?1 AND purged_at IS NULL", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, household_id);
      sqlite3_bind_text (stmt, 2, vita_return_status_to_string (status), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, now, -1, SQLITE_STATIC);
      ok = step_done (self, stmt, error)
           && vita_store_audit (self, "change-status", household_id,
                                vita_return_status_to_string (status), error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_record_notice (VitaStore   *self,
                          gint64       household_id,
                          const char  *notice_version,
                          const char  *language,
                          const char  *second_language,
                          const char  *medium,
                          GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = now_iso ();
  g_autofree char *detail = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (notice_version != NULL && language != NULL && medium != NULL, FALSE);

  detail = g_strdup_printf ("%s %s%s%s %s", notice_version, language,
                            second_language ? "+" : "", second_language ? second_language : "",
                            medium);

  g_rec_mutex_lock (&self->lock);
  if (require (self, "edit-household", error)
      && (stmt = prepare (self,
                          "INSERT INTO notices_issued (household_id, notice_version, language,"
                          " second_language, medium, issued_at, issued_by)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, household_id);
      sqlite3_bind_text (stmt, 2, notice_version, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, language, -1, SQLITE_STATIC);
      if (second_language)
        sqlite3_bind_text (stmt, 4, second_language, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, medium, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, self->user_id);
      ok = step_done (self, stmt, error)
           && vita_store_audit (self, "issue-notice", household_id, detail, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_list_notices:
 *
 * Returns: (transfer full) (element-type utf8): "version language medium
 *   issued-at" per notice given to the household, oldest first.
 */
GPtrArray *
vita_store_list_notices (VitaStore   *self,
                         gint64       household_id,
                         GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (require (self, "edit-household", error)
      && (stmt = prepare (self,
                          "SELECT notice_version, language, ifnull (second_language, ''), medium,"
                          " issued_at FROM notices_issued WHERE household_id = ?1 ORDER BY id",
                          error)) != NULL)
    {
      ret = g_ptr_array_new_with_free_func (g_free);
      sqlite3_bind_int64 (stmt, 1, household_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ret, g_strdup_printf ("%s %s%s%s %s %s",
                                               sqlite3_column_text (stmt, 0),
                                               sqlite3_column_text (stmt, 1),
                                               *sqlite3_column_text (stmt, 2) ? "+" : "",
                                               sqlite3_column_text (stmt, 2),
                                               sqlite3_column_text (stmt, 3),
                                               sqlite3_column_text (stmt, 4)));
    }
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

/* ------------------------------------------------------------------ */
/* Audit                                                               */
/* ------------------------------------------------------------------ */

static void
audit_hash (const VitaSecretKey *key,
            const guint8        *prev,
            gint64               seq,
            const char          *at,
            gint64               user_id,
            const char          *action,
            gint64               household_id,
            const char          *detail,
            guint8               out[32])
{
  crypto_generichash_state st;
  gint64 le_seq = GINT64_TO_LE (seq);
  gint64 le_user = GINT64_TO_LE (user_id);
  gint64 le_hh = GINT64_TO_LE (household_id);

  crypto_generichash_init (&st, vita_secret_key_get_data (key), VITA_KEY_BYTES, 32);
  crypto_generichash_update (&st, prev, 32);
  crypto_generichash_update (&st, (const guint8 *)&le_seq, sizeof le_seq);
  crypto_generichash_update (&st, (const guint8 *)at, strlen (at) + 1);
  crypto_generichash_update (&st, (const guint8 *)&le_user, sizeof le_user);
  crypto_generichash_update (&st, (const guint8 *)action, strlen (action) + 1);
  crypto_generichash_update (&st, (const guint8 *)&le_hh, sizeof le_hh);
  crypto_generichash_update (&st, (const guint8 *)detail, strlen (detail) + 1);
  crypto_generichash_final (&st, out, 32);
}

/**
 * vita_store_audit:
 * @household_id: the household concerned, or 0
 * @detail: (nullable): a short code such as a status or a setting name;
 *   never a value from a record
 *
 * Appends to the hash-chained audit log.  Each entry's hash covers the
 * previous one under a key kept inside the encrypted store, so editing,
 * deleting or reordering entries breaks the chain that verify walks.
 */
gboolean
vita_store_audit (VitaStore   *self,
                  const char  *action,
                  gint64       household_id,
                  const char  *detail,
                  GError     **error)
{
  g_auto(sqlite3_stmt_ptr) last = NULL;
  g_auto(sqlite3_stmt_ptr) ins = NULL;
  g_autofree char *at = now_iso ();
  guint8 prev[32] = { 0 };
  guint8 hash[32];
  gint64 seq = 1;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (detail == NULL)
    detail = "";

  g_rec_mutex_lock (&self->lock);
  if (!require_unlocked (self, error)
      || (last = prepare (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error)) == NULL)
    goto out;
  if (sqlite3_step (last) == SQLITE_ROW && sqlite3_column_bytes (last, 1) == 32)
    {
      seq = sqlite3_column_int64 (last, 0) + 1;
      memcpy (prev, sqlite3_column_blob (last, 1), 32);
    }

  audit_hash (self->audit_key, prev, seq, at, self->user_id, action, household_id, detail, hash);
  ins = prepare (self, "INSERT INTO audit (seq, at, user_id, action, household_id, detail, hash)"
                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (ins == NULL)
    goto out;
  sqlite3_bind_int64 (ins, 1, seq);
  sqlite3_bind_text (ins, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (ins, 3, self->user_id);
  sqlite3_bind_text (ins, 4, action, -1, SQLITE_STATIC);
  if (household_id != 0)
    sqlite3_bind_int64 (ins, 5, household_id);
  sqlite3_bind_text (ins, 6, detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (ins, 7, hash, sizeof hash, SQLITE_STATIC);
  ok = step_done (self, ins, error);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_audit_verify (VitaStore  *self,
                         gint64     *n_entries,
                         GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  guint8 prev[32] = { 0 };
  gint64 expected_seq = 1;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!require_unlocked (self, error)
      || (stmt = prepare (self, "SELECT seq, at, ifnull (user_id, 0), action,"
                                " ifnull (household_id, 0), detail, hash FROM audit ORDER BY seq",
                          error)) == NULL)
    goto out;

  ok = TRUE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint8 hash[32];
      gint64 seq = sqlite3_column_int64 (stmt, 0);

      audit_hash (self->audit_key, prev, seq,
                  (const char *)sqlite3_column_text (stmt, 1),
                  sqlite3_column_int64 (stmt, 2),
                  (const char *)sqlite3_column_text (stmt, 3),
                  sqlite3_column_int64 (stmt, 4),
                  (const char *)sqlite3_column_text (stmt, 5),
                  hash);
      if (seq != expected_seq || sqlite3_column_bytes (stmt, 6) != 32
          || sodium_memcmp (hash, sqlite3_column_blob (stmt, 6), 32) != 0)
        {
          g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                       _("The audit log was altered at entry %" G_GINT64_FORMAT "."), expected_seq);
          ok = FALSE;
          break;
        }
      memcpy (prev, hash, 32);
      expected_seq++;
    }
  if (n_entries)
    *n_entries = expected_seq - 1;

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* ------------------------------------------------------------------ */
/* Small types                                                         */
/* ------------------------------------------------------------------ */

const char *
vita_role_to_string (VitaRole role)
{
  g_return_val_if_fail (role <= VITA_ROLE_COORDINATOR, NULL);
  return role_ids[role];
}

gboolean
vita_role_from_string (const char *str,
                       VitaRole   *role)
{
  for (guint i = 0; i < G_N_ELEMENTS (role_ids); i++)
    {
      if (g_strcmp0 (str, role_ids[i]) == 0)
        {
          *role = i;
          return TRUE;
        }
    }
  return FALSE;
}

const char *
vita_role_get_label (VitaRole role)
{
  g_return_val_if_fail (role <= VITA_ROLE_COORDINATOR, NULL);
  return _(role_labels[role]);
}

void
vita_user_info_free (VitaUserInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->name);
  g_free (info->display_name);
  g_free (info->cert_level);
  g_free (info);
}

void
vita_household_summary_free (VitaHouseholdSummary *summary)
{
  if (summary == NULL)
    return;
  g_free (summary->display_name);
  g_free (summary->language);
  g_free (summary->updated);
  g_free (summary);
}

sqlite3 *
_vita_store_get_db (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  return self->db;
}
