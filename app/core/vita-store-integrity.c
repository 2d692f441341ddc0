/* vita-store-integrity.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: what keeps two processes and the files
 * beside the store from losing records without anyone noticing.
 *
 * - The lock file (site.vita.lock): every process holding the store
 *   unlocked holds a shared lock on it; rekey and backup take it
 *   exclusively, so they never run while another process has the store
 *   open (a rekey under an open process once made the store unreadable).
 * - The owner check: before a write, the store file must still be the one
 *   this process opened and the keys file must still seal our master key.
 *   A process that finds otherwise refuses every further write.
 * - The high-water mark (site.vita.state, in vita-store-state.c): the
 *   newest audit entry this site has committed, sealed under a key derived
 *   from the master key.
 * - The WAL header check: SQLite silently treats a write-ahead log with a
 *   damaged header as empty (and deletes it at close), which loses every
 *   commit since the last checkpoint.  We read the header first and refuse
 *   to open, leaving the file for recovery.
 */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vita-store-private.h"

/* Bytes of the lock file, each locked on its own. */
#define GUARD_BYTE 0        /* OFD lock: shared while unlocked, exclusive for rekey/backup */
#define STATE_MUTEX_BYTE 1  /* OFD lock: one process at a time updates the state file */
#define PID_BYTE 2          /* POSIX read lock: only so others can name us (F_GETLK gives a pid) */

/* ------------------------------------------------------------------ */
/* Lock file                                                           */
/* ------------------------------------------------------------------ */

static int
lock_byte (int   fd,
           int   cmd,
           short type,
           off_t start)
{
  struct flock fl = { 0 };

  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = start;
  fl.l_len = 1;
  return fcntl (fd, cmd, &fl);
}

/* "vita-admin, process 4711", or NULL when no other process says who it
 * is.  OFD locks carry no pid, so each holder also keeps a classic POSIX
 * read lock on PID_BYTE, which F_GETLK reports with its owner. */
static char *
describe_holder (int fd)
{
  struct flock fl = { 0 };
  g_autofree char *comm_path = NULL;
  g_autofree char *comm = NULL;

  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = PID_BYTE;
  fl.l_len = 1;
  if (fcntl (fd, F_GETLK, &fl) != 0 || fl.l_type == F_UNLCK || fl.l_pid <= 0)
    return NULL;
  comm_path = g_strdup_printf ("/proc/%d/comm", (int) fl.l_pid);
  if (g_file_get_contents (comm_path, &comm, NULL, NULL))
    g_strstrip (comm);
  /* Translators: names the program that holds the store and its process
   * number, for example "vita-admin, process 4711". */
  return g_strdup_printf (_("%s, process %d"), comm != NULL && *comm != '\0' ? comm : "?",
                          (int) fl.l_pid);
}

static void
set_busy_error (GError  **error,
                int       fd,
                gboolean  wanted_exclusive)
{
  g_autofree char *holder = describe_holder (fd);

  if (wanted_exclusive && holder != NULL)
    /* Translators: %s names the program and its process number. */
    g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_BUSY,
                 _("Another program has this store open (%s). Sign out and close it there, then try again."),
                 holder);
  else if (wanted_exclusive)
    g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_BUSY,
                         _("Another program has this store open. Sign out of the VITA Intake app "
                           "and stop vita-admin everywhere else, then try again."));
  else if (holder != NULL)
    /* Translators: %s names the program and its process number. */
    g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_BUSY,
                 _("Another program is rekeying or backing up this store (%s). Try again when it has finished."),
                 holder);
  else
    g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_BUSY,
                         _("Another program is rekeying or backing up this store. Try again when it has finished."));
}

/**
 * _vita_store_guard_open:
 *
 * Takes the shared lock every process holds while the store is unlocked.
 * Fails with %VITA_STORE_ERROR_BUSY while another process rekeys or backs
 * up the store.
 */
gboolean
_vita_store_guard_open (VitaStore  *self,
                        GError    **error)
{
  g_autofree char *lock_path = g_strconcat (self->path, ".lock", NULL);
  int fd;

  if (self->lock_fd >= 0)
    return TRUE;
  fd = open (lock_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The lock file beside the store could not be opened: %s"), g_strerror (errno));
      return FALSE;
    }
  if (lock_byte (fd, F_OFD_SETLK, F_RDLCK, GUARD_BYTE) != 0)
    {
      set_busy_error (error, fd, FALSE);
      close (fd);
      return FALSE;
    }
  /* Best effort: only names this process to others. */
  lock_byte (fd, F_SETLK, F_RDLCK, PID_BYTE);
  self->lock_fd = fd;
  return TRUE;
}

void
_vita_store_guard_close (VitaStore *self)
{
  if (self->lock_fd >= 0)
    close (self->lock_fd);
  self->lock_fd = -1;
}

/**
 * _vita_store_guard_exclusive:
 *
 * For rekey and backup: succeeds only when no other process holds the
 * store unlocked, and keeps every other process from unlocking it until
 * _vita_store_guard_shared().  Never waits: the other process may be a
 * volunteer's open session, so the coordinator is told instead.
 */
gboolean
_vita_store_guard_exclusive (VitaStore  *self,
                             GError    **error)
{
  if (self->lock_fd < 0 && !_vita_store_guard_open (self, error))
    return FALSE;
  if (lock_byte (self->lock_fd, F_OFD_SETLK, F_WRLCK, GUARD_BYTE) != 0)
    {
      set_busy_error (error, self->lock_fd, TRUE);
      return FALSE;
    }
  return TRUE;
}

void
_vita_store_guard_shared (VitaStore *self)
{
  /* A downgrade never conflicts. */
  if (self->lock_fd >= 0)
    lock_byte (self->lock_fd, F_OFD_SETLK, F_RDLCK, GUARD_BYTE);
}

/* ------------------------------------------------------------------ */
/* Owner check                                                         */
/* ------------------------------------------------------------------ */

static void
stamp_keys (VitaStore   *self,
            struct stat *st)
{
  self->keys_stamp[0] = (guint64) st->st_ino;
  self->keys_stamp[1] = (guint64) st->st_size;
  self->keys_stamp[2] = (guint64) st->st_mtim.tv_sec;
  self->keys_stamp[3] = (guint64) st->st_mtim.tv_nsec;
}

/**
 * _vita_store_owner_remember:
 *
 * Records which store file and keys file this connection belongs to.  Call
 * whenever self->db is (re)opened.
 */
void
_vita_store_owner_remember (VitaStore *self)
{
  struct stat st;

  if (stat (self->path, &st) == 0)
    {
      self->store_dev = st.st_dev;
      self->store_ino = st.st_ino;
    }
  if (stat (self->keys_path, &st) == 0)
    stamp_keys (self, &st);
}

/**
 * _vita_store_owner_ok:
 *
 * Whether the file at the store's path is still the one this connection
 * opened, and the keys file still seals our master key.  Two stats per
 * write; the keys file is read only when it changed.
 */
gboolean
_vita_store_owner_ok (VitaStore *self)
{
  struct stat st;
  guint64 stamp[4];

  if (self->bench_plain)
    return TRUE;
  if (stat (self->path, &st) != 0 || st.st_dev != self->store_dev || st.st_ino != self->store_ino)
    return FALSE;
  if (stat (self->keys_path, &st) != 0)
    return FALSE;
  stamp[0] = st.st_ino;
  stamp[1] = st.st_size;
  stamp[2] = st.st_mtim.tv_sec;
  stamp[3] = st.st_mtim.tv_nsec;
  if (memcmp (stamp, self->keys_stamp, sizeof stamp) != 0 && self->master != NULL)
    {
      g_autoptr(VitaKeyfile) keyfile = vita_keyfile_load (self->keys_path, NULL);

      /* An unreadable keys file is reported at the next unlock; it says
       * nothing about the key this connection writes with. */
      if (keyfile != NULL && !vita_keyfile_check_master (keyfile, self->master))
        return FALSE;
      if (keyfile != NULL)
        stamp_keys (self, &st);
    }
  return TRUE;
}

void
_vita_store_set_key_changed_error (GError **error)
{
  g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_KEY_CHANGED,
                       _("Another program rekeyed or replaced this store while it was open here. "
                         "The last change was not saved, and nothing more is saved from here. "
                         "Sign in again to continue with the current store."));
}

/* Holds (or lets go of) the byte of the lock file that lets one process
 * at a time update the state file, so two writers never interleave their
 * slots.  Without a lock file (a store being created) there is no one to
 * wait for. */
void
_vita_store_state_mutex (VitaStore *self,
                         gboolean   hold)
{
  if (self->lock_fd < 0)
    return;
  if (hold)
    lock_byte (self->lock_fd, F_OFD_SETLKW, F_WRLCK, STATE_MUTEX_BYTE);
  else
    lock_byte (self->lock_fd, F_OFD_SETLK, F_UNLCK, STATE_MUTEX_BYTE);
}

/* ------------------------------------------------------------------ */
/* Connection hooks                                                    */
/* ------------------------------------------------------------------ */

/* Before every commit, whoever started the transaction: the last line of
 * defence against writing old-key pages into a rekeyed store, or into one
 * whose page check has not passed.  Non-zero turns the commit into a
 * rollback. */
static int
commit_hook (void *data)
{
  VitaStore *self = data;

  if (self->replaced || !self->pages_verified)
    return 1;
  if (!_vita_store_owner_ok (self))
    {
      _vita_store_mark_replaced (self);
      return 1;
    }
  return 0;
}

static void
rollback_hook (void *data)
{
  VitaStore *self = data;

  self->pending_seq = 0;
}

/* After every commit (the commit is durable by now): raise the mark.
 * Setting a WAL hook replaces SQLite's automatic checkpoint, so it is done
 * here, at SQLite's default size. */
static int
wal_hook (void       *data,
          sqlite3    *db,
          const char *name,
          int         n_frames)
{
  VitaStore *self = data;

  if (self->pending_seq > 0)
    {
      _vita_store_state_publish (self, self->pending_seq, self->pending_head, FALSE);
      self->pending_seq = 0;
    }
  if (n_frames >= 1000)
    sqlite3_wal_checkpoint_v2 (db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  return SQLITE_OK;
}

/**
 * _vita_store_connection_ready:
 *
 * For the store's own connection, whenever it is (re)opened on the real
 * store file: remember whose it is and install the hooks.
 */
void
_vita_store_connection_ready (VitaStore *self)
{
  _vita_store_owner_remember (self);
  sqlite3_commit_hook (self->db, commit_hook, self);
  sqlite3_rollback_hook (self->db, rollback_hook, self);
  sqlite3_wal_hook (self->db, wal_hook, self);
}

/**
 * _vita_store_leave_files:
 *
 * Before closing a connection whose store was replaced under it: no
 * checkpoint and no deleting the write-ahead log at close, which now
 * belongs to the store that replaced ours.
 */
void
_vita_store_leave_files (sqlite3 *db)
{
  int on = 1;

  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_PERSIST_WAL, &on);
}

/* ------------------------------------------------------------------ */
/* Write-ahead log header                                              */
/* ------------------------------------------------------------------ */

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* SQLite's WAL checksum (wal.c walChecksumBytes): the words are read in
 * the byte order the magic number names. */
static void
wal_checksum (gboolean      big_endian,
              const guint8 *data,
              gsize         len,
              guint32       out[2])
{
  guint32 s1 = 0, s2 = 0;

  for (gsize i = 0; i + 8 <= len; i += 8)
    {
      guint32 x0, x1;

      if (big_endian)
        {
          x0 = be32 (data + i);
          x1 = be32 (data + i + 4);
        }
      else
        {
          x0 = (guint32) data[i] | ((guint32) data[i + 1] << 8) | ((guint32) data[i + 2] << 16)
               | ((guint32) data[i + 3] << 24);
          x1 = (guint32) data[i + 4] | ((guint32) data[i + 5] << 8) | ((guint32) data[i + 6] << 16)
               | ((guint32) data[i + 7] << 24);
        }
      s1 += x0 + s2;
      s2 += x1 + s1;
    }
  out[0] = s1;
  out[1] = s2;
}

/**
 * _vita_store_check_wal:
 *
 * Before SQLite opens the store: a write-ahead log that holds frames but
 * whose header does not verify would be taken as empty, dropping every
 * commit in it, and deleted at close.  Report it and open nothing.
 */
gboolean
_vita_store_check_wal (VitaStore  *self,
                       GError    **error)
{
  g_autofree char *wal_path = g_strconcat (self->path, "-wal", NULL);
  g_autofree char *wal_name = NULL;
  guint8 header[32];
  guint32 magic, sum[2];
  struct stat st;
  int fd;
  gboolean ok;

  fd = open (wal_path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
  if (fd < 0)
    return TRUE;
  /* Only a log with at least one frame header can lose commits. */
  if (fstat (fd, &st) != 0 || st.st_size < 32 + 24)
    {
      close (fd);
      return TRUE;
    }
  ok = pread (fd, header, sizeof header, 0) == sizeof header;
  close (fd);

  magic = be32 (header);
  ok = ok && (magic == 0x377f0682 || magic == 0x377f0683) && be32 (header + 4) == 3007000;
  if (ok)
    {
      wal_checksum (magic & 1, header, 24, sum);
      ok = sum[0] == be32 (header + 24) && sum[1] == be32 (header + 28);
    }
  if (ok)
    return TRUE;

  wal_name = g_path_get_basename (wal_path);
  g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT,
               /* Translators: %s is a file name such as site.vita-wal. */
               _("The file of recent changes beside the store (%s) is damaged, so the changes "
                 "saved since the last checkpoint cannot be read. Nothing was opened and nothing "
                 "was deleted: keep that file, and ask the site coordinator to restore the "
                 "latest backup."),
               wal_name);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The page check before any write                                     */
/* ------------------------------------------------------------------ */

gboolean
vita_store_get_pages_verified (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  return self->pages_verified;
}

/* The full page check on a second connection, with check_lock held.
 * Records the outcome only if the store was not relocked meanwhile. */
static gboolean
check_pages (VitaStore            *self,
             const char           *path,
             const VitaSecretKey  *key,
             gint                  session,
             GError              **error)
{
  sqlite3 *db;
  gboolean ok;

  if (g_atomic_int_get (&self->session) == session)
    {
      if (g_atomic_int_get (&self->pages_verified))
        return TRUE;
      if (g_atomic_int_get (&self->pages_failed))
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                               _("The store file is damaged or was altered. Restore it from a backup."));
          return FALSE;
        }
    }

  db = _vita_store_open_encrypted (path, key, FALSE, error);
  ok = db != NULL && _vita_store_run_integrity_checks (db, NULL, error);
  if (db != NULL)
    sqlite3_close_v2 (db);

  if (g_atomic_int_get (&self->session) == session)
    g_atomic_int_set (ok ? &self->pages_verified : &self->pages_failed, TRUE);
  return ok;
}

/* What unlock held back on a big store until its pages were checked. */
static gboolean
finish_deferred (VitaStore  *self,
                 GError    **error)
{
  if (!self->deferred_unlock)
    return TRUE;
  self->deferred_unlock = FALSE;
  return _vita_store_reindex_missing (self, error)
         && vita_store_audit (self, "unlock", 0, NULL, error)
         && _vita_store_audit_role_events (self, error);
}

/**
 * _vita_store_ensure_pages_verified:
 *
 * Nothing is written into a store before every page has been checked: on a
 * big store whose check still runs in the background, a write waits for it
 * (or runs it here); after a failed check every write is refused.  Called
 * with self->lock held.
 */
gboolean
_vita_store_ensure_pages_verified (VitaStore  *self,
                                   GError    **error)
{
  gint session = g_atomic_int_get (&self->session);
  gboolean ok;

  if (self->bench_plain || g_atomic_int_get (&self->pages_verified))
    return TRUE;
  g_mutex_lock (&self->check_lock);
  ok = check_pages (self, self->path, self->master, session, error);
  g_mutex_unlock (&self->check_lock);
  return ok && finish_deferred (self, error);
}

/**
 * _vita_store_begin_write:
 *
 * Starts every write transaction: refuses once the store was rekeyed or
 * replaced under this process, and before the page check has passed; then
 * takes SQLite's write lock, waiting for another process's write.
 */
gboolean
_vita_store_begin_write (VitaStore  *self,
                         GError    **error)
{
  if (!_vita_store_require_unlocked (self, error))
    return FALSE;
  if (!_vita_store_owner_ok (self))
    {
      _vita_store_mark_replaced (self);
      _vita_store_set_key_changed_error (error);
      return FALSE;
    }
  if (!_vita_store_ensure_pages_verified (self, error))
    return FALSE;
  return _vita_store_exec (self, "BEGIN IMMEDIATE;", error);
}

/**
 * vita_store_verify_pages:
 *
 * Checks every page's authentication code and the SQLite structure on a
 * connection of its own, so it can run in a worker thread while the
 * volunteer already works.  Call after an unlock that left
 * vita_store_get_pages_verified() %FALSE; on failure the caller should lock
 * and show the error.
 */
gboolean
vita_store_verify_pages (VitaStore  *self,
                         GError    **error)
{
  g_autoptr(VitaSecretKey) key = NULL;
  g_autofree char *path = NULL;
  gint session = 0;
  gboolean ok;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require_unlocked (self, error))
    {
      key = vita_secret_key_new_from_bytes (vita_secret_key_get_data (self->master), VITA_KEY_BYTES);
      path = g_strdup (self->path);
      session = g_atomic_int_get (&self->session);
    }
  g_rec_mutex_unlock (&self->lock);
  if (key == NULL)
    return FALSE;

  /* Not under self->lock: the volunteer works meanwhile.  A write that
   * comes first waits on check_lock (see ensure_pages_verified). */
  g_mutex_lock (&self->check_lock);
  ok = check_pages (self, path, key, session, error);
  g_mutex_unlock (&self->check_lock);

  if (ok)
    {
      g_rec_mutex_lock (&self->lock);
      if (g_atomic_int_get (&self->session) == session && self->db != NULL)
        ok = finish_deferred (self, error);
      g_rec_mutex_unlock (&self->lock);
    }
  return ok;
}

void
_vita_store_set_full_check_limit (VitaStore *self,
                                  gint64     bytes)
{
  g_return_if_fail (VITA_IS_STORE (self));
  self->full_check_limit = bytes;
}
