/* vita-store-sqlite.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the SQLite plumbing every store file uses
 * (errors in our words, statements cached per connection, fsync of files
 * and folders) and the allocator that clears what SQLite frees.
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
#include "vita-store-private.h"

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

gboolean
_vita_store_sqlite_error (GError  **error,
                  sqlite3  *db,
                  int       rc)
{
  int code = rc & 0xff;
  VitaStoreError kind;
  const char *message;

  /* A file size limit (EFBIG) is a full disk to the user; SQLite may report
   * either as a plain I/O error. */
  if (db != NULL && (code == SQLITE_IOERR || code == SQLITE_FULL)
      && (sqlite3_system_errno (db) == ENOSPC || sqlite3_system_errno (db) == EFBIG))
    code = SQLITE_FULL;

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

/* A commit our commit hook refused says why in our words, not SQLite's. */
static gboolean
store_error (VitaStore  *self,
             GError    **error,
             int         rc)
{
  if (self->replaced)
    {
      _vita_store_set_key_changed_error (error);
      return FALSE;
    }
  if (rc == SQLITE_CONSTRAINT_COMMITHOOK && !self->pages_verified)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The store file is damaged or was altered. Restore it from a backup."));
      return FALSE;
    }
  return _vita_store_sqlite_error (error, self->db, rc);
}

gboolean
_vita_store_exec (VitaStore   *self,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return store_error (self, error, sqlite3_extended_errcode (self->db));
  return TRUE;
}

/* Prepared statements are kept per connection and SQL text and handed out
 * again: preparing costs more than running the small queries a household
 * load makes.  A statement is borrowed by one caller at a time (taken out
 * of the cache) and comes back through the sqlite3_stmt_ptr cleanup. */
#define STATEMENTS_PER_SQL 4
#define SQL_PER_CONNECTION 96

static GMutex statement_lock;
static GHashTable *statement_cache; /* sqlite3* -> (sql -> GPtrArray of stmt) */

static sqlite3_stmt *
cache_take (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  GHashTable *by_sql;
  GPtrArray *list;

  g_mutex_lock (&statement_lock);
  if (statement_cache != NULL
      && (by_sql = g_hash_table_lookup (statement_cache, db)) != NULL
      && (list = g_hash_table_lookup (by_sql, sql)) != NULL && list->len > 0)
    stmt = g_ptr_array_steal_index_fast (list, list->len - 1);
  g_mutex_unlock (&statement_lock);
  return stmt;
}

void
_vita_stmt_release (sqlite3_stmt *stmt)
{
  sqlite3 *db;
  GHashTable *by_sql;
  GPtrArray *list;
  gboolean kept = FALSE;

  if (stmt == NULL)
    return;
  /* Reset and unbind first: a cached statement holds no values. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  db = sqlite3_db_handle (stmt);

  g_mutex_lock (&statement_lock);
  if (statement_cache == NULL)
    statement_cache = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)g_hash_table_unref);
  by_sql = g_hash_table_lookup (statement_cache, db);
  if (by_sql == NULL)
    {
      by_sql = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
      g_hash_table_insert (statement_cache, db, by_sql);
    }
  list = g_hash_table_lookup (by_sql, sqlite3_sql (stmt));
  if (list == NULL && g_hash_table_size (by_sql) < SQL_PER_CONNECTION)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (by_sql, g_strdup (sqlite3_sql (stmt)), list);
    }
  if (list != NULL && list->len < STATEMENTS_PER_SQL)
    {
      g_ptr_array_add (list, stmt);
      kept = TRUE;
    }
  g_mutex_unlock (&statement_lock);

  if (!kept)
    sqlite3_finalize (stmt);
}

/* Must run before a connection is closed: a connection with statements
 * left only becomes a zombie, and its keys would stay in memory. */
void
_vita_store_drop_statements (sqlite3 *db)
{
  GHashTable *by_sql;

  g_mutex_lock (&statement_lock);
  by_sql = statement_cache ? g_hash_table_lookup (statement_cache, db) : NULL;
  if (by_sql != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, by_sql);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          GPtrArray *list = value;

          for (guint i = 0; i < list->len; i++)
            sqlite3_finalize (g_ptr_array_index (list, i));
          g_ptr_array_set_size (list, 0);
        }
      g_hash_table_remove (statement_cache, db);
    }
  g_mutex_unlock (&statement_lock);
}

sqlite3_stmt *
_vita_store_prepare (VitaStore   *self,
                     const char  *sql,
                     GError     **error)
{
  sqlite3_stmt *stmt = cache_take (self->db, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _vita_store_sqlite_error (error, self->db, rc);
      return NULL;
    }
  return stmt;
}


gboolean
_vita_store_step (VitaStore     *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return store_error (self, error, sqlite3_extended_errcode (self->db));
  return TRUE;
}

gboolean
_vita_fsync_path (const char *path,
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

gboolean
_vita_fsync_parent (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  return _vita_fsync_path (dir, TRUE);
}

/* ------------------------------------------------------------------ */
/* SQLite's memory                                                     */
/* ------------------------------------------------------------------ */

/* Decrypted pages sit in SQLite's page cache, and values in its own
 * buffers: the settings page holds the audit key and the retention-wrap
 * key in hex, and the household pages hold names.  SQLite frees that
 * memory without clearing it, so after lock it stayed readable in the
 * heap until reused (under AddressSanitizer, which does not reuse freed
 * memory at once, the keys-wiped test found a dozen copies).  Every block
 * SQLite frees is therefore zeroed first.  SQLCipher's own
 * cipher_memory_security does this too, but also mlock()s every
 * allocation: ten times slower on saves here.  Clearing alone costs about
 * what copying the data once does. */
static sqlite3_mem_methods sqlite_mem;

static void
wiping_free (void *p)
{
  if (p != NULL)
    sodium_memzero (p, sqlite_mem.xSize (p));
  sqlite_mem.xFree (p);
}

static void *
wiping_realloc (void *p,
                int   n)
{
  void *q;
  int old;

  if (p == NULL)
    return sqlite_mem.xMalloc (n);
  /* Never let the allocator move the block and free the old copy
   * uncleared: allocate, copy, clear, free. */
  old = sqlite_mem.xSize (p);
  if (n <= old)
    return p;
  q = sqlite_mem.xMalloc (n);
  if (q == NULL)
    return NULL;
  memcpy (q, p, old);
  wiping_free (p);
  return q;
}

void
_vita_store_install_wiping_allocator (void)
{
  static gsize done;

  if (g_once_init_enter (&done))
    {
      sqlite3_mem_methods wiping;

      /* Only possible before SQLite initialises, which is why this runs
       * when the store type is first used, before any connection. */
      if (sqlite3_config (SQLITE_CONFIG_GETMALLOC, &sqlite_mem) == SQLITE_OK)
        {
          wiping = sqlite_mem;
          wiping.xFree = wiping_free;
          wiping.xRealloc = wiping_realloc;
          if (sqlite3_config (SQLITE_CONFIG_MALLOC, &wiping) != SQLITE_OK)
            g_warning ("SQLite was initialised before the store: freed records are not cleared");
        }
      else
        g_warning ("SQLite was initialised before the store: freed records are not cleared");
      g_once_init_leave (&done, 1);
    }
}

