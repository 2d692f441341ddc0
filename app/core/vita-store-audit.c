/* vita-store-audit.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the hash-chained audit log.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include <sodium.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-store-private.h"

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


/* ------------------------------------------------------------------ */
/* Signature file (site.vita.sig)                                      */
/* ------------------------------------------------------------------ */

/* Each entry's Ed25519 signature lives in a file of its own beside the
 * store, not in the database: unlock authenticates every page of a store
 * under 32 MiB, and the 64-byte signatures nearly doubled the file, so
 * unlock's page check took a quarter longer (issue 13's budget is 10 %).
 * A record needs no page MAC: it authenticates itself, since its
 * signature must verify over the entry's chain hash (kept in the
 * page-checked database) under the signer's key (audit_signer, also in
 * the database).  A changed byte makes the signature fail; a removed
 * record leaves its entry unsigned, which verify reports.
 *
 * Format: fixed 80-byte records, append-only, no header:
 *   seq     8 bytes, little-endian: the audit entry's number
 *   signer  8 bytes: audit_signer.id, little-endian, XORed with the first
 *           8 bytes of keyed BLAKE2b (audit key; "vita-audit-sig" and the
 *           entry's chain hash)
 *   sig     64 bytes: Ed25519 over the entry's 32-byte chain hash
 *
 * Why the signer number is masked: in the clear it would say who acted
 * at which point of the log to anyone who can read the file, without any
 * key.  Masked, the file shows only how many entries there are.  The
 * mask is keyed with the audit key (inside the encrypted store), not the
 * master key, so a rekey leaves the file valid and need not rewrite it;
 * the price is that someone holding an old master key and an old copy of
 * the store can unmask the signer numbers of later records too (not what
 * the entries say: that needs the current store).  The signature itself
 * tells nothing without the chain hash, which is keyed too.  The mask
 * takes the chain hash, so two records for the same number (see below)
 * never share a mask.
 *
 * When it is written: the record is appended while the entry's
 * transaction is still open, BEFORE the commit, and a failed append
 * aborts the entry.  A process killed in between leaves a record whose
 * entry never committed; verify ignores a record whose number is beyond
 * the chain or whose signature does not hold for the entry of that number
 * when another record for it does.  Not fsynced (like site.vita.state):
 * after a power cut the last committed entries may lack their records,
 * and verify then reports them as unsigned — a false alarm only in that
 * case, which the coordinator can tell from the power cut.  A torn last
 * record (short write) is cut off before the next append.
 *
 * The file is made 0600 with the store, carried by backups
 * (<backup>.sig), left alone by rekey and by purges (they never touch
 * audit entries).  Stores of schema 10 had the signatures in the table
 * audit_signature; _vita_store_audit_sigfile_migrate() moves them. */

#define SIG_RECORD_BYTES (8 + 8 + crypto_sign_BYTES)

typedef struct
{
  gint64  seq;
  guint   index;       /* position in the file, to keep file order */
  guint64 signer_masked;
  guint8  sig[crypto_sign_BYTES];
} SigRecord;

char *
_vita_store_audit_sigfile_path (VitaStore *self)
{
  return g_strconcat (self->path, ".sig", NULL);
}

static guint64
sigfile_mask (VitaStore    *self,
              const guint8  hash[32])
{
  static const char domain[] = "vita-audit-sig";
  crypto_generichash_state st;
  guint8 out[8];
  guint64 mask;

  crypto_generichash_init (&st, vita_secret_key_get_data (self->audit_key), VITA_KEY_BYTES, sizeof out);
  crypto_generichash_update (&st, (const guint8 *)domain, sizeof domain);
  crypto_generichash_update (&st, hash, 32);
  crypto_generichash_final (&st, out, sizeof out);
  memcpy (&mask, out, sizeof mask);
  return GUINT64_FROM_LE (mask);
}

static void
sigfile_encode (VitaStore    *self,
                gint64        seq,
                gint64        signer,
                const guint8  hash[32],
                const guint8  sig[crypto_sign_BYTES],
                guint8        out[SIG_RECORD_BYTES])
{
  guint64 le_seq = GUINT64_TO_LE ((guint64) seq);
  guint64 le_signer = GUINT64_TO_LE ((guint64) signer ^ sigfile_mask (self, hash));

  memcpy (out, &le_seq, 8);
  memcpy (out + 8, &le_signer, 8);
  memcpy (out + 16, sig, crypto_sign_BYTES);
}

static gboolean
sigfile_io_error (GError **error,
                  int      saved_errno)
{
  g_set_error (error, VITA_STORE_ERROR,
               saved_errno == ENOSPC ? VITA_STORE_ERROR_NO_SPACE : VITA_STORE_ERROR_IO,
               _("The audit signature file could not be written: %s"), g_strerror (saved_errno));
  return FALSE;
}

/* Appends @len bytes of whole records to @path (made 0600 if missing),
 * first cutting off a torn record a killed writer may have left. */
static gboolean
sigfile_append_bytes (const char    *path,
                      const guint8  *data,
                      gsize          len,
                      gboolean       sync,
                      GError       **error)
{
  struct stat st;
  gsize done = 0;
  int fd;

  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (fd < 0)
    return sigfile_io_error (error, errno);
  if (fstat (fd, &st) == 0 && st.st_size % SIG_RECORD_BYTES != 0
      && ftruncate (fd, st.st_size - st.st_size % SIG_RECORD_BYTES) != 0)
    {
      int e = errno;
      close (fd);
      return sigfile_io_error (error, e);
    }
  while (done < len)
    {
      ssize_t n = write (fd, data + done, len - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int e = n < 0 ? errno : ENOSPC;
          close (fd);
          return sigfile_io_error (error, e);
        }
      done += n;
    }
  if (sync && fdatasync (fd) != 0)
    {
      int e = errno;
      close (fd);
      return sigfile_io_error (error, e);
    }
  if (close (fd) != 0)
    return sigfile_io_error (error, errno);
  return TRUE;
}

static gint
sig_record_compare (gconstpointer a,
                    gconstpointer b)
{
  const SigRecord *x = a, *y = b;

  if (x->seq != y->seq)
    return x->seq < y->seq ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

/* Every whole record of the file, by entry number (file order within a
 * number), or NULL with *missing set when there is no file. */
static GArray *
sigfile_load (VitaStore *self,
              gboolean  *missing)
{
  g_autofree char *path = _vita_store_audit_sigfile_path (self);
  g_autofree char *data = NULL;
  gsize len = 0;
  GArray *records;

  *missing = FALSE;
  if (!g_file_get_contents (path, &data, &len, NULL))
    {
      *missing = TRUE;
      return NULL;
    }
  records = g_array_sized_new (FALSE, FALSE, sizeof (SigRecord), len / SIG_RECORD_BYTES);
  for (gsize off = 0; off + SIG_RECORD_BYTES <= len; off += SIG_RECORD_BYTES)
    {
      SigRecord r;
      guint64 v;

      memcpy (&v, data + off, 8);
      r.seq = (gint64) GUINT64_FROM_LE (v);
      memcpy (&v, data + off + 8, 8);
      r.signer_masked = GUINT64_FROM_LE (v);
      memcpy (r.sig, data + off + 16, crypto_sign_BYTES);
      r.index = records->len;
      g_array_append_val (records, r);
    }
  g_array_sort (records, sig_record_compare);
  return records;
}

/* audit_signer.id -> 32-byte key (a handful of rows). */
static GHashTable *
load_signers (VitaStore  *self,
              GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GHashTable *keys;

  stmt = _vita_store_prepare (self, "SELECT id, key FROM audit_signer", error);
  if (stmt == NULL)
    return NULL;
  keys = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    if (sqlite3_column_bytes (stmt, 1) == crypto_sign_PUBLICKEYBYTES)
      g_hash_table_insert (keys, g_memdup2 (&(gint64) { sqlite3_column_int64 (stmt, 0) }, sizeof (gint64)),
                           g_memdup2 (sqlite3_column_blob (stmt, 1), crypto_sign_PUBLICKEYBYTES));
  return keys;
}

/**
 * _vita_store_audit_sigfile_migrate:
 *
 * Makes sure the signature file exists (0600), and moves the rows of a
 * schema-10 audit_signature table into it, then drops the table.  SQL
 * migrations cannot write a file, so this follows vita_schema_migrate() at
 * create and unlock; it keys on the table being there, not on a version
 * number.  Killed between writing the file and dropping the table, the
 * next unlock writes the rows again: duplicate records for an entry are
 * harmless (any one that holds signs it).
 */
gboolean
_vita_store_audit_sigfile_migrate (VitaStore  *self,
                                   GError    **error)
{
  g_autofree char *path = _vita_store_audit_sigfile_path (self);
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GByteArray) out = NULL;
  gboolean has_table;

  stmt = _vita_store_prepare (self, "SELECT count(*) FROM sqlite_master"
                                    " WHERE type = 'table' AND name = 'audit_signature'", error);
  if (stmt == NULL)
    return FALSE;
  has_table = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) > 0;
  g_clear_pointer (&stmt, _vita_stmt_release);
  if (!has_table)
    return sigfile_append_bytes (path, NULL, 0, FALSE, error);

  /* Dropping the table writes: a big store's page check comes first. */
  if (!_vita_store_ensure_pages_verified (self, error))
    return FALSE;
  stmt = _vita_store_prepare (self, "SELECT s.seq, s.signer, a.hash, s.sig FROM audit_signature s"
                                    " JOIN audit a ON a.seq = s.seq ORDER BY s.seq", error);
  if (stmt == NULL)
    return FALSE;
  out = g_byte_array_new ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint8 rec[SIG_RECORD_BYTES];

      /* A row that could never verify is moved as it is anyway: verify
       * reports it, as it reported the row. */
      if (sqlite3_column_bytes (stmt, 2) != 32 || sqlite3_column_bytes (stmt, 3) != crypto_sign_BYTES)
        continue;
      sigfile_encode (self, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                      sqlite3_column_blob (stmt, 2), sqlite3_column_blob (stmt, 3), rec);
      g_byte_array_append (out, rec, sizeof rec);
    }
  g_clear_pointer (&stmt, _vita_stmt_release);
  /* Synced: these records are the only copy once the table is gone. */
  if (!sigfile_append_bytes (path, out->data, out->len, TRUE, error))
    return FALSE;
  _vita_fsync_parent (path);
  /* secure_delete is on for the store, so the dropped pages are zeroed. */
  return _vita_store_exec (self, "DROP TABLE audit_signature;", error);
}

/**
 * _vita_store_audit_sigfile_copy:
 *
 * Writes the signature file beside a backup at @dest_path (as
 * @dest_path.sig, 0600, synced).  Records beyond the copy's chain (the
 * file is read after the copy was made) are ignored by verify.
 */
gboolean
_vita_store_audit_sigfile_copy (VitaStore   *self,
                                const char  *dest_path,
                                GError     **error)
{
  g_autofree char *path = _vita_store_audit_sigfile_path (self);
  g_autofree char *dest = g_strconcat (dest_path, ".sig", NULL);
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    len = 0;
  g_unlink (dest);
  return sigfile_append_bytes (dest, (const guint8 *)data, len - len % SIG_RECORD_BYTES, TRUE, error);
}

/* ------------------------------------------------------------------ */
/* End of the signature file                                           */
/* ------------------------------------------------------------------ */

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
  g_autofree char *at = vita_clock_now_iso8601 ();
  guint8 prev[32] = { 0 };
  guint8 hash[32];
  gint64 seq = 1;
  gboolean own_transaction = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (action != NULL, FALSE);

  if (detail == NULL)
    detail = "";

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require_unlocked (self, error))
    goto out;
  /* Reading the last entry and appending the next must be one write
   * transaction, or two processes signing in together pick the same
   * sequence number. */
  if (sqlite3_get_autocommit (self->db))
    {
      if (!_vita_store_begin_write (self, error))
        goto out;
      own_transaction = TRUE;
    }
  if ((last = _vita_store_prepare (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error)) == NULL)
    goto out;
  if (sqlite3_step (last) == SQLITE_ROW && sqlite3_column_bytes (last, 1) == 32)
    {
      seq = sqlite3_column_int64 (last, 0) + 1;
      memcpy (prev, sqlite3_column_blob (last, 1), 32);
    }

  audit_hash (self->audit_key, prev, seq, at, self->user_id, action, household_id, detail, hash);
  ins = _vita_store_prepare (self, "INSERT INTO audit (seq, at, user_id, action, household_id, detail, hash)"
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
  ok = _vita_store_step (self, ins, error);
  /* Signed by the acting user's own key: the audit key every session
   * holds can re-chain entries, but cannot sign them as someone else. */
  if (ok && self->sign_key != NULL)
    {
      g_auto(sqlite3_stmt_ptr) signer_ins = NULL;
      g_auto(sqlite3_stmt_ptr) signer_sel = NULL;
      guint8 pk[crypto_sign_PUBLICKEYBYTES];
      guint8 sig[crypto_sign_BYTES];
      guint8 *sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);

      crypto_sign_seed_keypair (pk, sk, vita_secret_key_get_data (self->sign_key));
      crypto_sign_detached (sig, NULL, hash, sizeof hash, sk);
      sodium_free (sk);
      /* The key once in audit_signer (schema 10); the signature goes to
       * the signature file, before the commit (see above). */
      signer_ins = _vita_store_prepare (self, "INSERT OR IGNORE INTO audit_signer (key) VALUES (?1)", error);
      ok = signer_ins != NULL;
      if (ok)
        {
          sqlite3_bind_blob (signer_ins, 1, pk, sizeof pk, SQLITE_TRANSIENT);
          ok = _vita_store_step (self, signer_ins, error);
        }
      if (ok)
        signer_sel = _vita_store_prepare (self, "SELECT id FROM audit_signer WHERE key = ?1", error);
      ok = ok && signer_sel != NULL;
      if (ok)
        {
          g_autofree char *sig_path = _vita_store_audit_sigfile_path (self);
          guint8 rec[SIG_RECORD_BYTES];

          sqlite3_bind_blob (signer_sel, 1, pk, sizeof pk, SQLITE_TRANSIENT);
          ok = sqlite3_step (signer_sel) == SQLITE_ROW;
          if (!ok)
            _vita_store_sqlite_error (error, self->db, sqlite3_errcode (self->db));
          if (ok)
            {
              sigfile_encode (self, seq, sqlite3_column_int64 (signer_sel, 0), hash, sig, rec);
              ok = sigfile_append_bytes (sig_path, rec, sizeof rec, FALSE, error);
            }
        }
    }
  if (ok)
    {
      /* Raised to this entry once the transaction commits (the WAL hook
       * in vita-store-integrity.c). */
      self->pending_seq = seq;
      memcpy (self->pending_head, hash, sizeof hash);
    }

out:
  g_clear_pointer (&last, _vita_stmt_release);
  g_clear_pointer (&ins, _vita_stmt_release);
  if (own_transaction)
    {
      ok = ok && _vita_store_exec (self, "COMMIT;", error);
      if (!ok)
        sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/* Why entry @seq's signature does not hold, as a whole sentence, or NULL
 * when it does.  @recs/@n_recs are the signature file's records for this
 * entry's number (more than one only after a crash: see the signature
 * file above); one that verifies signs the entry.  Entries from the first
 * signed "create-store" or "sign-roles" on must be signed (and, once the
 * roles are signed, from the entry where signing began: see
 * vita_store_audit_verify); before that they come from a version without
 * signatures.  *@is_signed says whether a record held. */
static char *
check_signature (VitaStore       *self,
                 gint64           seq,
                 const char      *name,
                 const SigRecord *recs,
                 guint            n_recs,
                 GHashTable      *signers,
                 const guint8     hash[32],
                 gboolean         required,
                 gboolean        *is_signed)
{
  const guint8 *signer = NULL;
  const char *owner;
  guint64 mask;

  *is_signed = FALSE;
  if (n_recs == 0)
    {
      if (required)
        /* Translators: %lld is an audit entry number. */
        return g_strdup_printf (_("The audit log was altered: entry %lld has no signature, although "
                                  "the entries before it are signed. It was written or rewritten "
                                  "outside the app."), (long long) seq);
      self->audit_unsigned++;
      return NULL;
    }
  mask = sigfile_mask (self, hash);
  for (guint i = 0; i < n_recs && signer == NULL; i++)
    {
      gint64 number = (gint64) (recs[i].signer_masked ^ mask);
      const guint8 *key = g_hash_table_lookup (signers, &number);

      if (key != NULL && crypto_sign_verify_detached (recs[i].sig, hash, 32, key) == 0)
        signer = key;
    }
  if (signer == NULL)
    /* Translators: %lld is an audit entry number. */
    return g_strdup_printf (_("The audit log was altered: the signature of entry %lld does not match "
                              "it. It or an entry before it was changed and the log re-chained."),
                            (long long) seq);
  /* Whose key: the signed roles say; a user whose key no coordinator has
   * signed yet (an older store) is taken at the key's word. */
  owner = _vita_store_grants_key_owner (self, signer, NULL);
  /* A users row deleted outside the app is reported with the roles; the
   * entry itself is still signed by a known key. */
  if (self->roles_signed && g_strcmp0 (owner, name) != 0 && (name != NULL || owner == NULL)
      && (owner != NULL || _vita_store_grants_user_has_key (self, name)))
    /* Translators: %lld is an audit entry number. */
    return g_strdup_printf (_("The audit log was altered: entry %lld is signed by someone other "
                              "than the user it names."), (long long) seq);
  self->audit_signed++;
  *is_signed = TRUE;
  return NULL;
}

gboolean
vita_store_audit_verify (VitaStore  *self,
                         gint64     *n_entries,
                         GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_auto(sqlite3_stmt_ptr) start = NULL;
  g_autoptr(GArray) recs = NULL;
  g_autoptr(GHashTable) signers = NULL;
  guint8 prev[32] = { 0 };
  gint64 expected_seq = 1;
  gint64 signed_from = G_MAXINT64;
  gboolean required = FALSE;
  gboolean missing = FALSE;
  gboolean ok = FALSE;
  guint cursor = 0;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  self->audit_signed = 0;
  self->audit_unsigned = 0;
  if (!_vita_store_require_unlocked (self, error)
      || (signers = load_signers (self, error)) == NULL
      || (stmt = _vita_store_prepare (self, "SELECT a.seq, a.at, ifnull (a.user_id, 0), a.action,"
                                " ifnull (a.household_id, 0), a.detail, a.hash, u.name"
                                " FROM audit a LEFT JOIN users u ON u.id = a.user_id ORDER BY a.seq",
                          error)) == NULL)
    goto out;
  /* Once the roles are signed (the keys file, checked at unlock back to
   * the founding key), signing began at the roles' first signing or, in
   * a store made signed, at its creation: from there on every entry must
   * have a record, so a deleted or emptied signature file is reported,
   * not taken for an older store. */
  if (self->roles_signed)
    {
      start = _vita_store_prepare (self, "SELECT coalesce ((SELECT min (seq) FROM audit WHERE action = 'sign-roles'),"
                                         " (SELECT min (seq) FROM audit WHERE action = 'create-store'))", error);
      if (start == NULL)
        goto out;
      if (sqlite3_step (start) == SQLITE_ROW && sqlite3_column_type (start, 0) != SQLITE_NULL)
        signed_from = sqlite3_column_int64 (start, 0);
    }
  recs = sigfile_load (self, &missing);
  if (recs == NULL)
    recs = g_array_new (FALSE, FALSE, sizeof (SigRecord));

  ok = TRUE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint8 hash[32];
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *action = (const char *)sqlite3_column_text (stmt, 3);
      g_autofree char *why = NULL;
      gboolean is_signed = FALSE;
      guint first;

      audit_hash (self->audit_key, prev, seq,
                  (const char *)sqlite3_column_text (stmt, 1),
                  sqlite3_column_int64 (stmt, 2),
                  action,
                  sqlite3_column_int64 (stmt, 4),
                  (const char *)sqlite3_column_text (stmt, 5),
                  hash);
      if (seq != expected_seq || sqlite3_column_bytes (stmt, 6) != 32
          || sodium_memcmp (hash, sqlite3_column_blob (stmt, 6), 32) != 0)
        {
          g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                       _("The audit log was altered at entry %" PRId64 "."), (int64_t) expected_seq);
          ok = FALSE;
          break;
        }
      if (seq >= signed_from)
        required = TRUE;
      /* The records are sorted by number; this entry's are the run at
       * the cursor.  Records of numbers the chain skips cannot exist
       * (the chain has no gaps) except before entry 1. */
      while (cursor < recs->len && g_array_index (recs, SigRecord, cursor).seq < seq)
        cursor++;
      first = cursor;
      while (cursor < recs->len && g_array_index (recs, SigRecord, cursor).seq == seq)
        cursor++;
      if (missing && required)
        why = g_strdup (_("The audit log's signature file is missing: its signed entries cannot be "
                          "checked. Put back the file that belongs beside the store."));
      else
        why = check_signature (self, seq, (const char *)sqlite3_column_text (stmt, 7),
                               recs->len > 0 ? &g_array_index (recs, SigRecord, first) : NULL,
                               cursor - first, signers, hash, required, &is_signed);
      /* From a signed start (a new store, or the roles just signed) on,
       * every entry is signed. */
      if (why == NULL && is_signed
          && (g_strcmp0 (action, "create-store") == 0 || g_strcmp0 (action, "sign-roles") == 0))
        required = TRUE;
      if (why != NULL)
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED, why);
          ok = FALSE;
          break;
        }
      memcpy (prev, hash, 32);
      expected_seq++;
    }
  /* Records beyond the chain are of entries whose transaction never
   * committed (a process killed between the append and the commit):
   * ignored. */
  if (n_entries)
    *n_entries = expected_seq - 1;

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_dup_audit_status:
 *
 * One translated line for verify, after vita_store_verify(): how many audit
 * entries are signed, and up to which entry a coordinator countersigned.
 */
char *
vita_store_dup_audit_status (VitaStore *self)
{
  g_autofree char *anchor = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  if (self->checkpoint_seq > 0)
    /* Translators: %lld is an audit entry number. */
    anchor = g_strdup_printf (_("anchored: a coordinator countersigned the log up to entry %lld"),
                              (long long) self->checkpoint_seq);
  else
    anchor = g_strdup (_("not yet countersigned by a coordinator"));
  /* Translators: the numbers count audit entries; the last %s is the
   * anchor's state, for example "not yet countersigned by a coordinator". */
  return g_strdup_printf (_("Audit signatures: %lld signed, %lld older entries unsigned; %s"),
                          (long long) self->audit_signed, (long long) self->audit_unsigned, anchor);
}

/**
 * vita_store_list_audit:
 * @household_id: only entries about this household, or 0 for all
 * @before_seq: entries older than this sequence number, or 0 for the newest
 *
 * The coordinator's audit browser and the member's "who opened your file"
 * report.  Coordinators only.
 *
 * Returns: (transfer full) (element-type VitaAuditEntry): newest first
 */
GPtrArray *
vita_store_list_audit (VitaStore   *self,
                       gint64       household_id,
                       gint64       before_seq,
                       guint        limit,
                       GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "read-audit", error)
      || (stmt = _vita_store_prepare (self,
                                      "SELECT a.seq, a.at, ifnull (u.name, ''), ifnull (u.display_name, ''),"
                                      " a.action, ifnull (a.household_id, 0), a.detail"
                                      " FROM audit a LEFT JOIN users u ON u.id = a.user_id"
                                      " WHERE (?1 = 0 OR a.household_id = ?1) AND (?2 = 0 OR a.seq < ?2)"
                                      " ORDER BY a.seq DESC LIMIT ?3", error)) == NULL)
    goto out;

  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_int64 (stmt, 2, before_seq);
  sqlite3_bind_int (stmt, 3, limit ? (int) limit : -1);
  ret = g_ptr_array_new_with_free_func ((GDestroyNotify)vita_audit_entry_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VitaAuditEntry *e = g_new0 (VitaAuditEntry, 1);

      e->seq = sqlite3_column_int64 (stmt, 0);
      e->at = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      e->user_name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      e->user_display_name = g_strdup ((const char *)sqlite3_column_text (stmt, 3));
      e->action = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      e->household_id = sqlite3_column_int64 (stmt, 5);
      e->detail = g_strdup ((const char *)sqlite3_column_text (stmt, 6));
      g_ptr_array_add (ret, e);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

void
vita_audit_entry_free (VitaAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->user_name);
  g_free (entry->user_display_name);
  g_free (entry->action);
  g_free (entry->detail);
  g_free (entry);
}
