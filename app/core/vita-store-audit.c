/* vita-store-audit.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the hash-chained audit log.
 */

#include "config.h"

#include <inttypes.h>
#include <glib/gi18n-lib.h>
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
      g_auto(sqlite3_stmt_ptr) sig_ins = NULL;
      guint8 pk[crypto_sign_PUBLICKEYBYTES];
      guint8 sig[crypto_sign_BYTES];
      guint8 *sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);

      crypto_sign_seed_keypair (pk, sk, vita_secret_key_get_data (self->sign_key));
      crypto_sign_detached (sig, NULL, hash, sizeof hash, sk);
      sodium_free (sk);
      /* The key once in audit_signer, each row only its number: a
       * 32-byte key in every row made the file, and so unlock's page
       * check, a third bigger (schema 10). */
      signer_ins = _vita_store_prepare (self, "INSERT OR IGNORE INTO audit_signer (key) VALUES (?1)", error);
      ok = signer_ins != NULL;
      if (ok)
        {
          sqlite3_bind_blob (signer_ins, 1, pk, sizeof pk, SQLITE_TRANSIENT);
          ok = _vita_store_step (self, signer_ins, error);
        }
      if (ok)
        sig_ins = _vita_store_prepare (self, "INSERT INTO audit_signature (seq, signer, sig)"
                                       " VALUES (?1, (SELECT id FROM audit_signer WHERE key = ?2), ?3)",
                                       error);
      ok = ok && sig_ins != NULL;
      if (ok)
        {
          sqlite3_bind_int64 (sig_ins, 1, seq);
          sqlite3_bind_blob (sig_ins, 2, pk, sizeof pk, SQLITE_TRANSIENT);
          sqlite3_bind_blob (sig_ins, 3, sig, sizeof sig, SQLITE_TRANSIENT);
          ok = _vita_store_step (self, sig_ins, error);
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
 * when it does.  Entries
 * from the first signed "create-store" or "sign-roles" on must be signed;
 * before that they come from a version without signatures. */
static char *
check_signature (VitaStore    *self,
                 gint64        seq,
                 sqlite3_stmt *stmt,
                 const guint8  hash[32],
                 gboolean      required)
{
  const char *name = (const char *)sqlite3_column_text (stmt, 7);
  const guint8 *signer = sqlite3_column_blob (stmt, 8);
  const guint8 *sig = sqlite3_column_blob (stmt, 9);
  const char *owner;

  if (sqlite3_column_type (stmt, 9) == SQLITE_NULL)
    {
      if (required)
        /* Translators: %lld is an audit entry number. */
        return g_strdup_printf (_("The audit log was altered: entry %lld has no signature, although "
                                  "the entries before it are signed. It was written or rewritten "
                                  "outside the app."), (long long) seq);
      self->audit_unsigned++;
      return NULL;
    }
  if (sqlite3_column_bytes (stmt, 8) != crypto_sign_PUBLICKEYBYTES
      || sqlite3_column_bytes (stmt, 9) != crypto_sign_BYTES
      || crypto_sign_verify_detached (sig, hash, 32, signer) != 0)
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
  return NULL;
}

gboolean
vita_store_audit_verify (VitaStore  *self,
                         gint64     *n_entries,
                         GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  guint8 prev[32] = { 0 };
  gint64 expected_seq = 1;
  gboolean required = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  self->audit_signed = 0;
  self->audit_unsigned = 0;
  if (!_vita_store_require_unlocked (self, error)
      || (stmt = _vita_store_prepare (self, "SELECT a.seq, a.at, ifnull (a.user_id, 0), a.action,"
                                " ifnull (a.household_id, 0), a.detail, a.hash, u.name, k.key, s.sig"
                                " FROM audit a LEFT JOIN audit_signature s ON s.seq = a.seq"
                                " LEFT JOIN audit_signer k ON k.id = s.signer"
                                " LEFT JOIN users u ON u.id = a.user_id ORDER BY a.seq",
                          error)) == NULL)
    goto out;

  ok = TRUE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      guint8 hash[32];
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      const char *action = (const char *)sqlite3_column_text (stmt, 3);
      g_autofree char *why = NULL;

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
      why = check_signature (self, seq, stmt, hash, required);
      /* From a signed start (a new store, or the roles just signed) on,
       * every entry is signed. */
      if (why == NULL && sqlite3_column_type (stmt, 9) != SQLITE_NULL
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
