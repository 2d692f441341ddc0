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
#include <sys/stat.h>
#include <unistd.h>

#include "vita-clock.h"
#include "vita-keyfile.h"
#include "vita-passphrase.h"
#include "vita-schema.h"
#include "vita-store.h"
#include "vita-store-private.h"

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

gboolean
_vita_store_require_unlocked (VitaStore  *self,
                  GError    **error)
{
  if (self->db == NULL)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED,
                           _("The store is locked. Sign in first."));
      return FALSE;
    }
  /* Once another process rekeyed or replaced the store under us, nothing
   * this connection reads or writes is the site's store any more. */
  if (self->replaced)
    {
      _vita_store_set_key_changed_error (error);
      return FALSE;
    }
  return TRUE;
}

gboolean
_vita_store_require (VitaStore   *self,
         const char  *action,
         GError     **error)
{
  if (!_vita_store_require_unlocked (self, error))
    return FALSE;
  if (!vita_store_can (self, action))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return FALSE;
    }
  return TRUE;
}

/* Longer than any single write transaction this app makes. */
#define VITA_BUSY_TIMEOUT_MS (10 * 60 * 1000)

/* Creates an empty file only this user can read, failing if it exists. */
gboolean
_vita_store_create_private_file (const char  *path,
                                 GError     **error)
{
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      g_set_error (error, VITA_STORE_ERROR, errno == ENOSPC ? VITA_STORE_ERROR_NO_SPACE : VITA_STORE_ERROR_IO,
                   _("The store file could not be written: %s"), g_strerror (errno));
      return FALSE;
    }
  /* The mode given to open() is cut by the umask, never widened; this
   * makes it exactly 0600 whatever the umask. */
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

/* Opens @path with @key and @hmac (NULL: SQLCipher's default) and sets the
 * pragmas every connection needs.  Never creates a file unless @create. */
static sqlite3 *
open_with_hmac (const char           *path,
                const VitaSecretKey  *key,
                const char           *hmac,
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
      _vita_store_sqlite_error (error, db, rc);
      sqlite3_close_v2 (db);
      return NULL;
    }
  /* Set before the first read: a reader can meet a writer's lock while
   * the WAL index is rebuilt, and every sign-in writes its audit entry.
   * Another process's longest write (a bulk import of thousands of
   * households) must end before anyone here gets "database is locked". */
  sqlite3_busy_timeout (db, VITA_BUSY_TIMEOUT_MS);

  /* No key: the benchmark's unencrypted baseline, never the app. */
  if (key != NULL)
    {
      raw_key = vita_secret_key_dup_sqlcipher (key);
      rc = sqlite3_key (db, raw_key, strlen (raw_key));
      vita_secure_free_string (raw_key);
      /* SQLCipher prints its own errors on stderr (it only takes the
       * setting once keyed).  A store in the older page format fails the
       * first try by design, and every real failure reaches the user
       * through our own error, in their language. */
      if (rc == SQLITE_OK)
        sqlite3_exec (db, "PRAGMA cipher_log_level = NONE;", NULL, NULL, NULL);
      if (rc == SQLITE_OK && hmac != NULL)
        {
          g_autofree char *sql = g_strdup_printf ("PRAGMA cipher_hmac_algorithm = %s;", hmac);
          rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
        }
    }
  if (rc != SQLITE_OK)
    {
      _vita_store_sqlite_error (error, db, rc);
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
                         /* 32 MiB of page cache: the search index and the
                          * household list of a 100k store stay decrypted in
                          * memory instead of being decrypted per keystroke. */
                         "PRAGMA cache_size = -32768;",
                         NULL, NULL, NULL);
    }
  if (rc != SQLITE_OK)
    {
      _vita_store_sqlite_error (error, db, rc);
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

/* A page MAC that does not verify under the current algorithm may be a
 * store written before it: only then is the legacy one tried. */
sqlite3 *
_vita_store_open_encrypted (const char           *path,
                            const VitaSecretKey  *key,
                            gboolean              create,
                            GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3 *db;

  if (key == NULL)
    return open_with_hmac (path, NULL, NULL, create, error);
  db = open_with_hmac (path, key, PAGE_HMAC, create, &local_error);
  if (db == NULL && !create && g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED))
    {
      db = open_with_hmac (path, key, PAGE_HMAC_LEGACY, FALSE, NULL);
      if (db != NULL)
        return db;
    }
  if (db == NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return db;
}

gboolean
_vita_store_run_integrity_checks (sqlite3    *db,
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

/* Object                                                              */
/* ------------------------------------------------------------------ */

static void
vita_store_finalize (GObject *object)
{
  VitaStore *self = (VitaStore *)object;

  vita_store_lock (self);
  g_clear_pointer (&self->retention_keys, g_hash_table_unref);
  g_clear_pointer (&self->bucket_keys, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->keys_path, g_free);
  g_rec_mutex_clear (&self->lock);
  g_mutex_clear (&self->check_lock);

  G_OBJECT_CLASS (vita_store_parent_class)->finalize (object);
}

static guint replaced_signal;

static void
vita_store_class_init (VitaStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_store_finalize;

  /**
   * VitaStore::replaced:
   *
   * Another process rekeyed or replaced the store while it was open here;
   * every further read and write fails with
   * %VITA_STORE_ERROR_KEY_CHANGED.  Emitted in the main context, once.
   * The front end should lock and say why.
   */
  replaced_signal = g_signal_new ("replaced", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  _vita_store_install_wiping_allocator ();
}

static gboolean
emit_replaced (gpointer data)
{
  g_autoptr(VitaStore) self = g_weak_ref_get (data);

  if (self != NULL)
    g_signal_emit (self, replaced_signal, 0);
  return G_SOURCE_REMOVE;
}

static void
free_weak_ref (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/**
 * _vita_store_mark_replaced:
 *
 * From here on this connection refuses everything; tells the front end
 * once, in the main context (this may run in a worker thread).
 */
void
_vita_store_mark_replaced (VitaStore *self)
{
  GWeakRef *ref;

  if (self->replaced)
    return;
  self->replaced = TRUE;
  ref = g_new0 (GWeakRef, 1);
  g_weak_ref_init (ref, self);
  g_idle_add_full (G_PRIORITY_DEFAULT, emit_replaced, ref, free_weak_ref);
}

static void
vita_store_init (VitaStore *self)
{
  const char *limit = g_getenv ("VITA_TEST_FULL_CHECK_LIMIT");

  g_rec_mutex_init (&self->lock);
  g_mutex_init (&self->check_lock);
  self->lock_fd = -1;
  self->state_fd = -1;
  /* About 20,000 households: checked at unlock in well under a second.
   * Bigger stores are checked in the background, and nothing is written
   * before that check has passed.  Tests set a small limit to see that
   * through vita-admin. */
  self->full_check_limit = 32 * 1024 * 1024;
  if (limit != NULL && *limit != '\0')
    self->full_check_limit = g_ascii_strtoll (limit, NULL, 10);
  self->retention_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify)vita_secret_key_free);
  self->bucket_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
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
  _vita_store_list_clear (self);
  if (self->db != NULL)
    {
      _vita_store_drop_statements (self->db);
      if (self->replaced)
        _vita_store_leave_files (self->db);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  _vita_store_state_close (self);
  _vita_store_guard_close (self);
  self->replaced = FALSE;
  self->pending_seq = 0;
  g_atomic_int_inc (&self->session);
  g_atomic_int_set (&self->pages_failed, FALSE);
  self->deferred_unlock = FALSE;
  g_clear_pointer (&self->master, vita_secret_key_free);
  g_clear_pointer (&self->previous_master, vita_secret_key_free);
  g_clear_pointer (&self->audit_key, vita_secret_key_free);
  g_clear_pointer (&self->wrap_key, vita_secret_key_free);
  if (self->retention_keys != NULL)
    g_hash_table_remove_all (self->retention_keys);
  if (self->bucket_keys != NULL)
    g_hash_table_remove_all (self->bucket_keys);
  g_clear_pointer (&self->retention_policy, g_free);
  g_clear_pointer (&self->user_name, g_free);
  /* Need-to-know: a household opened with a reason is opened for this
   * session only. */
  g_clear_pointer (&self->opened_households, g_hash_table_unref);
  self->bench_plain = FALSE;
  self->bench_no_seal = FALSE;
  g_atomic_int_set (&self->pages_verified, FALSE);
  self->user_id = 0;
  self->role = VITA_ROLE_VOLUNTEER;
  _vita_store_grants_clear (self);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * vita_store_get_kdf_params:
 *
 * The Argon2id setting of the signed-in user's keyslot, for `vita-admin
 * verify`: a slot calibrated on a slower machine, or badly, shows here.
 */
gboolean
vita_store_get_kdf_params (VitaStore      *self,
                           VitaKdfParams  *params,
                           GError        **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (params != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require_unlocked (self, error)
      && (keyfile = vita_keyfile_load (self->keys_path, error)) != NULL)
    {
      ok = vita_keyfile_get_params (keyfile, self->user_name, params);
      if (!ok)
        g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                             _("The keys file of this store is damaged or was altered."));
    }
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
  if (!_vita_store_require_unlocked (self, error))
    goto out;

  ok = _vita_store_run_integrity_checks (self->db, lines, &local_error);
  if (ok && !vita_store_audit_verify (self, &n_audit, &local_error))
    {
      g_ptr_array_add (lines, g_strdup (local_error->message));
      ok = FALSE;
    }
  /* Unlock refuses a store behind its mark; this catches one that fell
   * behind while open (its last audit entries deleted, for example). */
  if (ok && !_vita_store_state_verify (self, lines, &local_error))
    ok = FALSE;
  /* Roles: the chain in the keys file against the users table, reported
   * whatever else failed. */
  if (!_vita_store_grants_verify (self, lines) && local_error == NULL)
    {
      g_set_error_literal (&local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The roles were changed outside the app: the signed roles apply, "
                             "see the lines above."));
      ok = FALSE;
    }
  if (ok)
    g_atomic_int_set (&self->pages_verified, TRUE);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&local_error));

out:
  g_rec_mutex_unlock (&self->lock);
  if (report != NULL)
    *report = g_steal_pointer (&lines);
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

/**
 * _vita_store_set_no_seal_for_bench:
 *
 * Saves from now on leave identifying answers unsealed (still inside the
 * encrypted file), so the benchmark can tell the cost of SQLCipher's page
 * encryption from the cost of sealing.  Never used by the app.
 */
void
_vita_store_set_no_seal_for_bench (VitaStore *self,
                                   gboolean   no_seal)
{
  g_return_if_fail (VITA_IS_STORE (self));
  self->bench_no_seal = no_seal;
}

/**
 * _vita_store_create_plain_for_bench:
 *
 * Creates an UNENCRYPTED store with the same schema and code paths, with
 * neither SQLCipher nor answer sealing, as the baseline the benchmark
 * compares against in the same run.  With @reuse, opens the one an earlier
 * run left instead.  Never used by the app.
 */
gboolean
_vita_store_create_plain_for_bench (VitaStore  *self,
                                    gboolean    reuse,
                                    GError    **error)
{
  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  vita_store_lock (self);
  self->bench_plain = TRUE;
  self->db = _vita_store_open_encrypted (self->path, NULL, TRUE, error);
  if (self->db == NULL
      || !vita_schema_migrate (self->db, error)
      || (!reuse && !_vita_store_initialize_contents (self, "Benchmark baseline", "bench", "Bench", error))
      || !_vita_store_load_audit_key (self, error)
      || !_vita_store_load_user (self, "bench", error))
    {
      vita_store_lock (self);
      return FALSE;
    }
  return TRUE;
}

/**
 * _vita_store_dup_keys_for_test:
 *
 * Copies of every long-lived key the unlocked store holds, each XOR-ed
 * with 0x5a so the copies themselves never match in a memory scan.  For
 * the test that checks the keys are gone from memory after lock.
 *
 * Returns: (transfer full) (element-type GBytes)
 */
GPtrArray *
_vita_store_dup_keys_for_test (VitaStore *self)
{
  GPtrArray *keys = g_ptr_array_new_with_free_func ((GDestroyNotify)g_bytes_unref);
  VitaSecretKey *list[] = { self->master, self->audit_key, self->wrap_key, self->state_key };
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < G_N_ELEMENTS (list); i++)
    {
      guint8 masked[VITA_KEY_BYTES];

      if (list[i] == NULL)
        continue;
      for (guint j = 0; j < VITA_KEY_BYTES; j++)
        masked[j] = vita_secret_key_get_data (list[i])[j] ^ 0x5a;
      g_ptr_array_add (keys, g_bytes_new (masked, sizeof masked));
    }
  g_hash_table_iter_init (&iter, self->retention_keys);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint8 masked[VITA_KEY_BYTES];

      for (guint j = 0; j < VITA_KEY_BYTES; j++)
        masked[j] = vita_secret_key_get_data (value)[j] ^ 0x5a;
      g_ptr_array_add (keys, g_bytes_new (masked, sizeof masked));
    }
  return keys;
}
