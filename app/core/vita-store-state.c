/* vita-store-state.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store-integrity.c: the high-water mark
 * (site.vita.state).  It holds the newest audit entry this site has
 * committed, sealed under a key derived from the master key, and the
 * checkpoint a coordinator countersigns at sign-in.  A store whose audit
 * log does not reach the mark is an older copy, lost its last commits, or
 * had its last audit entries deleted.
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

/* ------------------------------------------------------------------ */
/* High-water mark                                                     */
/* ------------------------------------------------------------------ */

/* Two slots, written in turn, so a torn write leaves the other one. */
#define STATE_MAGIC "VITAHWM1"
#define STATE_SLOTS 2

typedef struct
{
  guint8 magic[8];
  guint8 seq[8];      /* little-endian */
  guint8 head[32];    /* the audit entry's hash */
  guint8 mac[32];     /* keyed BLAKE2b of the above */
} StateSlot;

G_STATIC_ASSERT (sizeof (StateSlot) == 80);

static void
slot_mac (const VitaSecretKey *key,
          const StateSlot     *slot,
          guint8               out[32])
{
  crypto_generichash (out, 32, (const guint8 *)slot, G_STRUCT_OFFSET (StateSlot, mac),
                      vita_secret_key_get_data (key), VITA_KEY_BYTES);
}

/* Reads both slots; returns the index of the valid one with the higher
 * sequence number, or -1 when neither is valid. */
static int
state_read (VitaStore *self,
            gint64    *seq,
            guint8     head[32])
{
  int best = -1;
  gint64 best_seq = -1;

  for (int i = 0; i < STATE_SLOTS; i++)
    {
      StateSlot slot;
      guint8 mac[32];
      guint64 le;
      gint64 s;

      if (pread (self->state_fd, &slot, sizeof slot, i * sizeof slot) != sizeof slot
          || memcmp (slot.magic, STATE_MAGIC, 8) != 0)
        continue;
      slot_mac (self->state_key, &slot, mac);
      if (sodium_memcmp (mac, slot.mac, sizeof mac) != 0)
        continue;
      memcpy (&le, slot.seq, sizeof le);
      s = (gint64) GUINT64_FROM_LE (le);
      if (s > best_seq)
        {
          best = i;
          best_seq = s;
          memcpy (head, slot.head, 32);
        }
    }
  *seq = best_seq;
  return best;
}

static gboolean
state_write (VitaStore    *self,
             int           index,
             gint64        seq,
             const guint8  head[32],
             gboolean      sync)
{
  StateSlot slot;
  guint64 le = GUINT64_TO_LE ((guint64) seq);

  memcpy (slot.magic, STATE_MAGIC, 8);
  memcpy (slot.seq, &le, sizeof le);
  memcpy (slot.head, head, 32);
  slot_mac (self->state_key, &slot, slot.mac);
  return pwrite (self->state_fd, &slot, sizeof slot, index * sizeof slot) == sizeof slot
         && (!sync || fdatasync (self->state_fd) == 0);
}

/**
 * _vita_store_state_publish:
 * @force: write both slots, whatever they hold (a new key or a new start)
 *
 * Raises the high-water mark to the audit entry @seq with hash @head.  Runs
 * after the commit is durable, so the mark never gets ahead of the store:
 * a crash in between leaves it behind, never in front.  Under the lock
 * file's mutex byte, so two processes only ever raise it.
 */
void
_vita_store_state_publish (VitaStore    *self,
                           gint64        seq,
                           const guint8  head[32],
                           gboolean      force)
{
  guint8 cur_head[32];
  gint64 cur_seq;
  int best;

  if (self->state_fd < 0 || self->state_key == NULL)
    return;
  _vita_store_state_mutex (self, TRUE);
  if (force)
    {
      state_write (self, 0, seq, head, FALSE);
      state_write (self, 1, seq, head, TRUE);
    }
  else
    {
      /* Not synced: that would double the cost of a save (one more
       * fdatasync after SQLite's own).  The slots already exist on disk,
       * so an overwrite the kernel had not yet flushed at a power cut only
       * leaves the mark a few seconds behind the store, never ahead of it;
       * a killed process loses nothing. */
      best = state_read (self, &cur_seq, cur_head);
      if (best < 0 || cur_seq < seq)
        state_write (self, best == 0 ? 1 : 0, seq, head, best < 0);
    }
  sodium_memzero (cur_head, sizeof cur_head);
  _vita_store_state_mutex (self, FALSE);
}

static gboolean
db_head (VitaStore *self,
         gint64    *seq,
         guint8     head[32])
{
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  *seq = 0;
  memset (head, 0, 32);
  if (sqlite3_prepare_v2 (self->db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
                          -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_bytes (stmt, 1) == 32)
    {
      *seq = sqlite3_column_int64 (stmt, 0);
      memcpy (head, sqlite3_column_blob (stmt, 1), 32);
      found = TRUE;
    }
  sqlite3_finalize (stmt);
  return found;
}

/* Compares the store with the mark: FALSE and a translated error when the
 * store's audit log does not reach it or reaches it by another path. */
static gboolean
state_compare (VitaStore  *self,
               GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  guint8 mark_head[32];
  gint64 mark_seq;
  int rc;
  gboolean ok = FALSE;

  if (state_read (self, &mark_seq, mark_head) < 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK,
                           _("The sealed record of the last change saved to this store "
                             "(site.vita.state) is missing or damaged, so an older copy of the "
                             "store cannot be ruled out. Ask the site coordinator to check the "
                             "records and restore the latest backup if any are missing."));
      return FALSE;
    }
  if (sqlite3_prepare_v2 (self->db, "SELECT hash FROM audit WHERE seq = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return _vita_store_sqlite_error (error, self->db, sqlite3_errcode (self->db));
  sqlite3_bind_int64 (stmt, 1, mark_seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 32
      && sodium_memcmp (sqlite3_column_blob (stmt, 0), mark_head, 32) == 0)
    ok = TRUE;
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK,
                 /* Translators: %lld is the number of the last audit entry saved. */
                 _("This store is older than the last change saved to it (audit entry %lld is "
                   "missing or different): an older copy was put in its place, recent changes "
                   "were lost, or audit entries were deleted. Do not enter new records; ask the "
                   "site coordinator to restore the latest backup and report what happened."),
                 (long long) mark_seq);
  else
    _vita_store_sqlite_error (error, self->db, rc);
  sqlite3_finalize (stmt);
  sodium_memzero (mark_head, sizeof mark_head);
  return ok;
}

static VitaSecretKey *
derive_state_key (const VitaSecretKey *master)
{
  static const char context[] = "vita-store high-water mark v1";
  guint8 derived[VITA_KEY_BYTES];
  VitaSecretKey *key;

  crypto_generichash (derived, sizeof derived, (const guint8 *)context, sizeof context - 1,
                      vita_secret_key_get_data (master), VITA_KEY_BYTES);
  key = vita_secret_key_new_from_bytes (derived, sizeof derived);
  sodium_memzero (derived, sizeof derived);
  return key;
}

static gboolean
state_open (VitaStore  *self,
            GError    **error)
{
  g_autofree char *state_path = g_strconcat (self->path, ".state", NULL);

  if (self->state_fd < 0)
    self->state_fd = open (state_path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (self->state_fd < 0)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                   _("The state file beside the store could not be opened: %s"), g_strerror (errno));
      return FALSE;
    }
  g_clear_pointer (&self->state_key, vita_secret_key_free);
  self->state_key = derive_state_key (self->master);
  return TRUE;
}

static gboolean
state_check_tracked (VitaStore  *self,
                     guint8     *head,
                     GError    **error)
{
  gint64 seq = 0;
  gboolean ok;

  /* A rekey finished at this unlock may have left the mark under the
   * old key: read it with that one, then seal it under ours. */
  if (self->previous_master != NULL && state_read (self, &seq, head) < 0)
    {
      g_autoptr(VitaSecretKey) current = g_steal_pointer (&self->state_key);

      self->state_key = derive_state_key (self->previous_master);
      ok = state_compare (self, error);
      if (ok)
        state_read (self, &seq, head);
      g_clear_pointer (&self->state_key, vita_secret_key_free);
      self->state_key = g_steal_pointer (&current);
      if (ok)
        _vita_store_state_publish (self, seq, head, TRUE);
    }
  else
    ok = state_compare (self, error);
  g_clear_pointer (&self->previous_master, vita_secret_key_free);
  return ok;
}

/**
 * _vita_store_state_check:
 *
 * At unlock, before anything is written: a store behind its mark is
 * refused.  A store whose keys file does not yet track a mark (made by an
 * older version, or a restored backup) starts one now at its current
 * audit head.
 */
gboolean
_vita_store_state_check (VitaStore    *self,
                         VitaKeyfile  *keyfile,
                         GError      **error)
{
  guint8 head[32];
  gint64 seq;

  if (!state_open (self, error))
    return FALSE;
  if (vita_keyfile_get_state_tracked (keyfile))
    {
      gboolean ok = state_check_tracked (self, head, error);

      /* Refused: closing must not checkpoint or delete the WAL, which may
       * hold the lost commits behind a damaged frame. */
      if (!ok)
        _vita_store_leave_files (self->db);
      sodium_memzero (head, sizeof head);
      return ok;
    }

  db_head (self, &seq, head);
  if (ftruncate (self->state_fd, 0) != 0)
    return TRUE;
  _vita_store_state_publish (self, seq, head, TRUE);
  sodium_memzero (head, sizeof head);
  vita_keyfile_set_state_tracked (keyfile, TRUE);
  /* If this fails, tracking simply starts at the next unlock. */
  vita_keyfile_save (keyfile, self->keys_path, NULL);
  return TRUE;
}

/**
 * _vita_store_state_rekey:
 *
 * During a rekey, once the store file is under @new_master: the mark,
 * sealed under the new key.
 */
void
_vita_store_state_rekey (VitaStore           *self,
                         const VitaSecretKey *new_master)
{
  guint8 head[32];
  gint64 seq;
  gboolean have;

  if (self->state_fd < 0 || self->state_key == NULL)
    return;
  have = state_read (self, &seq, head) >= 0;
  g_clear_pointer (&self->state_key, vita_secret_key_free);
  self->state_key = derive_state_key (new_master);
  if (have)
    _vita_store_state_publish (self, seq, head, TRUE);
  sodium_memzero (head, sizeof head);
}

/* The coordinator's countersignature, after the two slots of the mark:
 * the audit head (count and hash) when a coordinator last signed in,
 * signed with their Ed25519 key.  The mark above is sealed under a key
 * every session can derive, so a user holding the store's key could lower
 * it after deleting entries; this one only a coordinator's passphrase can
 * write.  Older versions read only the two slots. */
#define CHECKPOINT_MAGIC "VITACKP1"

typedef struct
{
  guint8 magic[8];
  guint8 seq[8];      /* little-endian */
  guint8 head[32];
  guint8 signer[32];
  guint8 sig[64];     /* Ed25519 over magic, seq and head */
} Checkpoint;

G_STATIC_ASSERT (sizeof (Checkpoint) == 144);
#define CHECKPOINT_OFFSET (STATE_SLOTS * sizeof (StateSlot))

/**
 * _vita_store_checkpoint_countersign:
 *
 * At a coordinator's sign-in, after unlock's audit entry is committed.
 * Best effort: a failed write leaves the previous checkpoint, which still
 * holds.
 */
void
_vita_store_checkpoint_countersign (VitaStore *self)
{
  Checkpoint cp;
  guint64 le;
  gint64 seq;
  guint8 *sk;

  if (self->state_fd < 0 || self->sign_key == NULL || !self->roles_signed
      || self->role != VITA_ROLE_COORDINATOR || !db_head (self, &seq, cp.head))
    return;
  memcpy (cp.magic, CHECKPOINT_MAGIC, 8);
  le = GUINT64_TO_LE ((guint64) seq);
  memcpy (cp.seq, &le, sizeof le);
  sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  crypto_sign_seed_keypair (cp.signer, sk, vita_secret_key_get_data (self->sign_key));
  crypto_sign_detached (cp.sig, NULL, (const guint8 *)&cp, G_STRUCT_OFFSET (Checkpoint, signer), sk);
  sodium_free (sk);
  _vita_store_state_mutex (self, TRUE);
  if (pwrite (self->state_fd, &cp, sizeof cp, CHECKPOINT_OFFSET) == sizeof cp)
    fdatasync (self->state_fd);
  _vita_store_state_mutex (self, FALSE);
  self->checkpoint_seq = seq;
}

/**
 * _vita_store_checkpoint_check:
 *
 * At unlock (once the signed roles are known) and at verify: the store's
 * audit log must still hold, unchanged, the entry a coordinator last
 * countersigned.  No checkpoint yet is not an error.
 */
gboolean
_vita_store_checkpoint_check (VitaStore  *self,
                              GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean is_coordinator = FALSE;
  Checkpoint cp;
  guint64 le;
  gint64 seq;
  int rc;
  gboolean ok = FALSE;

  self->checkpoint_seq = 0;
  if (self->state_fd < 0
      || pread (self->state_fd, &cp, sizeof cp, CHECKPOINT_OFFSET) != sizeof cp
      || memcmp (cp.magic, CHECKPOINT_MAGIC, 8) != 0)
    return TRUE;
  memcpy (&le, cp.seq, sizeof le);
  seq = (gint64) GUINT64_FROM_LE (le);
  if (crypto_sign_verify_detached (cp.sig, (const guint8 *)&cp, G_STRUCT_OFFSET (Checkpoint, signer),
                                   cp.signer) != 0
      || (self->roles_signed
          && (_vita_store_grants_key_owner (self, cp.signer, &is_coordinator) == NULL || !is_coordinator)))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The coordinator's countersignature of the audit log (in site.vita.state) "
                             "is not validly signed by a coordinator: it was changed outside the app. "
                             "Ask the site coordinator to check the records."));
      return FALSE;
    }
  if (sqlite3_prepare_v2 (self->db, "SELECT hash FROM audit WHERE seq = ?1", -1, &stmt, NULL) != SQLITE_OK)
    return _vita_store_sqlite_error (error, self->db, sqlite3_errcode (self->db));
  sqlite3_bind_int64 (stmt, 1, seq);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_bytes (stmt, 0) == 32
      && sodium_memcmp (sqlite3_column_blob (stmt, 0), cp.head, 32) == 0)
    ok = TRUE;
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK,
                 /* Translators: %lld is the number of an audit entry. */
                 _("The audit log no longer holds entry %lld as a coordinator countersigned it: "
                   "entries were deleted or re-chained, or an older copy of the store was put in "
                   "place. Do not enter new records; ask the site coordinator to restore the latest "
                   "backup and report what happened."),
                 (long long) seq);
  else
    _vita_store_sqlite_error (error, self->db, rc);
  sqlite3_finalize (stmt);
  if (ok)
    self->checkpoint_seq = seq;
  return ok;
}

/**
 * _vita_store_state_verify:
 *
 * For vita_store_verify(): adds a line to @report when the store is behind
 * its mark.
 */
gboolean
_vita_store_state_verify (VitaStore  *self,
                          GPtrArray  *report,
                          GError    **error)
{
  g_autoptr(GError) local_error = NULL;

  if (self->state_fd < 0 || self->state_key == NULL)
    return TRUE;
  if (state_compare (self, &local_error) && _vita_store_checkpoint_check (self, &local_error))
    return TRUE;
  if (report != NULL)
    g_ptr_array_add (report, g_strdup (local_error->message));
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

void
_vita_store_state_close (VitaStore *self)
{
  if (self->state_fd >= 0)
    close (self->state_fd);
  self->state_fd = -1;
  g_clear_pointer (&self->state_key, vita_secret_key_free);
}
