/* test-roles.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 13's attack: a volunteer who can unlock the store holds its key and
 * can run any SQL.  Editing the users table must change nobody's role (the
 * signed grants in the keys file decide), and the edit must be reported at
 * unlock and by verify.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>

#include "vita-schema.h"
#include "vita-store-private.h"
#include "vita-store-records.h"
#include "vita-store-users.h"
#include "vita-test-utils.h"

#define VOL_PASSPHRASE "volunteer passphrase long enough 7"

typedef struct
{
  char      *dir;
  VitaStore *store;
} Fixture;

static void
unlock_as (Fixture    *f,
           const char *user,
           const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  vita_store_unlock (f->store, user, passphrase, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, "vol", "Volunteer", VITA_ROLE_VOLUNTEER, VOL_PASSPHRASE, &params, &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_get_roles_signed (f->store));
  vita_store_lock (f->store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  vita_store_lock (f->store);
  g_clear_object (&f->store);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* The attacker's one statement, through the test-only raw path. */
static void
raw_sql (VitaStore  *store,
         const char *sql)
{
  char *msg = NULL;
  int rc = sqlite3_exec (_vita_store_get_db (store), sql, NULL, NULL, &msg);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, msg);
}

/* Writes @kf as the keys file, with the plain checksum line anyone can
 * compute (it only tells damage from a wrong passphrase). */
static void
write_keys (const char *path,
            GKeyFile   *kf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *data = NULL;
  guint8 sum[32];
  char hex[65];
  gsize len = 0;

  body = g_key_file_to_data (kf, &len, NULL);
  crypto_generichash (sum, sizeof sum, (const guint8 *)body, len, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, sum, sizeof sum);
  data = g_strconcat (body, "\n# blake2b ", hex, "\n", NULL);
  g_file_set_contents (path, data, -1, &error);
  g_assert_no_error (error);
}

static gboolean
strv_mentions (char       **lines,
               const char  *word)
{
  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    if (strstr (lines[i], word) != NULL)
      return TRUE;
  return FALSE;
}

static gboolean
report_mentions (GPtrArray  *report,
                 const char *word)
{
  for (guint i = 0; report != NULL && i < report->len; i++)
    if (strstr (report->pdata[i], word) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_forged_role_ignored (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_auto(GStrv) problems = NULL;
  VitaKdfParams params;

  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_VOLUNTEER);
  raw_sql (f->store, "UPDATE users SET role = 'coordinator' WHERE name = 'vol'");
  vita_store_lock (f->store);

  /* Signed in again: the table says coordinator, the grants do not. */
  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_VOLUNTEER);
  g_assert_false (vita_store_can (f->store, "purge"));
  g_assert_false (vita_store_can (f->store, "export"));
  g_assert_false (vita_store_can (f->store, "manage-users"));
  problems = vita_store_dup_role_problems (f->store);
  g_assert_true (strv_mentions (problems, "vol"));

  vita_kdf_params_minimum (&params);
  g_assert_false (vita_store_add_user (f->store, "mallory", NULL, VITA_ROLE_COORDINATOR,
                                       VOL_PASSPHRASE, &params, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (vita_store_set_user_role (f->store, "vol", VITA_ROLE_COORDINATOR, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (vita_store_list_audit (f->store, 0, 0, 10, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_false (vita_store_verify (f->store, &report, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_true (report_mentions (report, "vol"));
  vita_store_lock (f->store);

  /* The coordinator sees it too, and the forged role in their user list
   * is the signed one. */
  g_clear_error (&error);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  {
    g_auto(GStrv) coord_problems = vita_store_dup_role_problems (f->store);
    g_autoptr(GPtrArray) users = vita_store_list_users (f->store, &error);

    g_assert_no_error (error);
    g_assert_true (strv_mentions (coord_problems, "vol"));
    for (guint i = 0; i < users->len; i++)
      {
        VitaUserInfo *u = users->pdata[i];
        if (g_str_equal (u->name, "vol"))
          g_assert_cmpint (u->role, ==, VITA_ROLE_VOLUNTEER);
      }
  }
}

static void
test_deleted_coordinator_reported (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_auto(GStrv) problems = NULL;

  unlock_as (f, "vol", VOL_PASSPHRASE);
  raw_sql (f->store, "PRAGMA foreign_keys = OFF");
  raw_sql (f->store, "DELETE FROM users WHERE name = 'coord'");
  vita_store_lock (f->store);

  unlock_as (f, "vol", VOL_PASSPHRASE);
  problems = vita_store_dup_role_problems (f->store);
  g_assert_true (strv_mentions (problems, "coord"));
  g_assert_false (vita_store_verify (f->store, &report, &error));
  g_assert_true (report_mentions (report, "coord"));
}

static void
test_legitimate_changes_signed (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_auto(GStrv) problems = NULL;

  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  vita_store_set_user_role (f->store, "vol", VITA_ROLE_REVIEWER, &error);
  g_assert_no_error (error);
  vita_store_lock (f->store);

  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_REVIEWER);
  problems = vita_store_dup_role_problems (f->store);
  g_assert_cmpuint (g_strv_length (problems), ==, 0);
  g_assert_true (vita_store_verify (f->store, &report, &error));
  g_assert_no_error (error);
  vita_store_lock (f->store);

  /* Removed: the slot and the grant go, the user cannot sign in. */
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  vita_store_remove_user (f->store, "vol", &error);
  g_assert_no_error (error);
  vita_store_lock (f->store);
  g_assert_false (vita_store_unlock (f->store, "vol", VOL_PASSPHRASE, &error));
  g_assert_nonnull (error);
}

/* A statement in the keys file changed by hand breaks its signature. */
static void
test_edited_grant_ignored (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *keys_path = vita_store_dup_keys_path (f->store);
  g_autofree char *text = NULL;
  g_autofree guchar *raw = NULL;
  g_autofree char *edited = NULL;
  gsize len = 0;

  g_key_file_load_from_file (kf, keys_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  text = g_key_file_get_string (kf, "grants", "2", &error);
  g_assert_no_error (error);
  raw = g_base64_decode (text, &len);
  /* The role byte sits before the action byte, time and three keys and
   * the signature: 1 + 8 + 96 + 64 bytes from the end. */
  raw[len - (1 + 1 + 8 + 96 + 64)] = VITA_ROLE_COORDINATOR;
  edited = g_base64_encode (raw, len);
  g_key_file_set_string (kf, "grants", "2", edited);
  write_keys (keys_path, kf);

  /* The volunteer's own grant no longer verifies: no role, no sign-in. */
  g_assert_false (vita_store_unlock (f->store, "vol", VOL_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
}

/* A store from before signed roles: the table's roles hold until a
 * coordinator signs in, who signs them then. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) kf = g_key_file_new ();
  g_autofree char *keys_path = vita_store_dup_keys_path (f->store);
  g_autofree char *status = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  gboolean seen = FALSE;

  g_key_file_load_from_file (kf, keys_path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  g_key_file_remove_group (kf, "grants", NULL);
  g_key_file_remove_key (kf, "user coord", "sign-public-key", NULL);
  g_key_file_remove_key (kf, "user coord", "sign-nonce", NULL);
  g_key_file_remove_key (kf, "user coord", "wrapped-sign-seed", NULL);
  write_keys (keys_path, kf);

  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_false (vita_store_get_roles_signed (f->store));
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_VOLUNTEER);
  status = vita_store_dup_roles_status (f->store);
  g_assert_nonnull (strstr (status, "not signed"));
  vita_store_lock (f->store);

  /* The coordinator's older slot gets a signing key and signs the roles. */
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  g_assert_true (vita_store_get_roles_signed (f->store));
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_COORDINATOR);
  audit = vita_store_list_audit (f->store, 0, 0, 5, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    if (g_str_equal (((VitaAuditEntry *) audit->pdata[i])->action, "sign-roles"))
      seen = TRUE;
  g_assert_true (seen);
  vita_store_lock (f->store);

  /* From now on the table is only a cache. */
  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_true (vita_store_get_roles_signed (f->store));
  raw_sql (f->store, "UPDATE users SET role = 'coordinator' WHERE name = 'vol'");
  vita_store_lock (f->store);
  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_VOLUNTEER);
  g_assert_false (vita_store_can (f->store, "purge"));
}

/* A copy of vita-store-audit.c's chain hash: what an attacker holding the
 * audit key (every session has it) would compute to re-chain the log. */
static void
attacker_hash (const VitaSecretKey *key,
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

/* Deletes every audit entry of @user_id (and the whole signature file if
 * @drop_all_sigs), renumbers and re-chains the rest, and raises
 * the sealed high-water mark to the new head, as a key holder can. */
static void
delete_and_rechain (VitaStore *store,
                    gint64     user_id,
                    gboolean   drop_all_sigs)
{
  sqlite3 *db = _vita_store_get_db (store);
  sqlite3_stmt *sel = NULL, *ins = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  guint8 prev[32] = { 0 };
  gint64 seq = 0;

  raw_sql (store, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT at, ifnull (user_id, 0), action, ifnull (household_id, 0),"
                                           " detail FROM audit WHERE ifnull (user_id, 0) != ?1 ORDER BY seq",
                                       -1, &sel, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (sel, 1, user_id);
  while (sqlite3_step (sel) == SQLITE_ROW)
    {
      char **row = g_new0 (char *, 6);
      for (int i = 0; i < 5; i++)
        row[i] = g_strdup ((const char *)sqlite3_column_text (sel, i));
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (sel);
  raw_sql (store, "BEGIN; DELETE FROM audit;");
  if (drop_all_sigs)
    {
      g_autofree char *sig_path = _vita_store_audit_sigfile_path (store);
      g_assert_cmpint (g_unlink (sig_path), ==, 0);
    }
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO audit (seq, at, user_id, action, household_id, detail, hash)"
                                           " VALUES (?1, ?2, ?3, ?4, nullif (?5, 0), ?6, ?7)",
                                       -1, &ins, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < rows->len; i++)
    {
      char **row = rows->pdata[i];
      guint8 hash[32];

      seq++;
      attacker_hash (store->audit_key, prev, seq, row[0], g_ascii_strtoll (row[1], NULL, 10), row[2],
                     g_ascii_strtoll (row[3], NULL, 10), row[4], hash);
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, seq);
      sqlite3_bind_text (ins, 2, row[0], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (ins, 3, g_ascii_strtoll (row[1], NULL, 10));
      sqlite3_bind_text (ins, 4, row[2], -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (ins, 5, g_ascii_strtoll (row[3], NULL, 10));
      sqlite3_bind_text (ins, 6, row[4], -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (ins, 7, hash, 32, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (ins), ==, SQLITE_DONE);
      memcpy (prev, hash, 32);
    }
  sqlite3_finalize (ins);
  raw_sql (store, "COMMIT;");
  /* The mark every session can seal agrees with the doctored log. */
  _vita_store_state_publish (store, seq, prev, TRUE);
}

static void
sign_in_and_out (Fixture    *f,
                 const char *user,
                 const char *passphrase)
{
  unlock_as (f, user, passphrase);
  vita_store_lock (f->store);
}

/* The volunteer removes their own entries, re-chains the log with the
 * audit key and even deletes the signature file: verify reports the
 * signatures missing (the roles are signed, so the log must be), and the
 * coordinator's countersignature no longer matches at the next unlock. */
static void
test_rechained_audit_detected (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autofree char *status = NULL;
  gint64 vol_id;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  /* The coordinator's sign-in countersigns the log, vol's entries in it. */
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  g_assert_true (vita_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  status = vita_store_dup_audit_status (f->store);
  g_assert_nonnull (strstr (status, "countersigned the log up to entry"));
  vita_store_lock (f->store);

  unlock_as (f, "vol", VOL_PASSPHRASE);
  vol_id = vita_store_get_user_id (f->store);
  delete_and_rechain (f->store, vol_id, TRUE);
  g_assert_false (vita_store_verify (f->store, &report, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_true (report_mentions (report, "signature file is missing"));
  g_clear_error (&error);
  vita_store_lock (f->store);

  g_assert_false (vita_store_unlock (f->store, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
}

/* Re-chained with the signatures kept: each later entry's signature no
 * longer matches its hash. */
static void
test_rechained_signatures_break (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 vol_id;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  sign_in_and_out (f, "coord", VITA_TEST_PASSPHRASE);
  unlock_as (f, "vol", VOL_PASSPHRASE);
  vol_id = vita_store_get_user_id (f->store);
  delete_and_rechain (f->store, vol_id, FALSE);
  g_assert_false (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "signature"));
}

/* An older copy of the store put in place of the current one. */
static void
test_rolled_back_store_detected (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_copy = g_build_filename (f->dir, "old.vita", NULL);
  g_autoptr(GBytes) old_bytes = NULL;

  sign_in_and_out (f, "coord", VITA_TEST_PASSPHRASE);
  old_bytes = vita_test_read_file (vita_store_get_path (f->store));
  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  sign_in_and_out (f, "coord", VITA_TEST_PASSPHRASE);
  g_file_set_contents (vita_store_get_path (f->store), g_bytes_get_data (old_bytes, NULL),
                       g_bytes_get_size (old_bytes), &error);
  g_assert_no_error (error);
  g_assert_false (vita_store_unlock (f->store, "vol", VOL_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
}

static gint64
count_rows (VitaStore  *store,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

#define SIG_RECORD 80

/* A copy of vita-store-audit.c's mask over a signature record's signer
 * number, to rebuild an older store's table from the file. */
static guint64
record_mask (VitaStore    *store,
             const guint8  hash[32])
{
  static const char domain[] = "vita-audit-sig";
  crypto_generichash_state st;
  guint8 out[8];
  guint64 mask;

  crypto_generichash_init (&st, vita_secret_key_get_data (store->audit_key), VITA_KEY_BYTES, sizeof out);
  crypto_generichash_update (&st, (const guint8 *)domain, sizeof domain);
  crypto_generichash_update (&st, hash, 32);
  crypto_generichash_final (&st, out, sizeof out);
  memcpy (&mask, out, sizeof mask);
  return GUINT64_FROM_LE (mask);
}

static GBytes *
read_sigfile (VitaStore *store)
{
  g_autofree char *path = _vita_store_audit_sigfile_path (store);

  return vita_test_read_file (path);
}

static void
write_sigfile (VitaStore    *store,
               const guint8 *data,
               gsize         len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = _vita_store_audit_sigfile_path (store);

  g_file_set_contents (path, (const char *)data, len, &error);
  g_assert_no_error (error);
}

/* Puts back schema 10 (the version before the step that moved the
 * signatures to the file; the lead may renumber it): the signatures in
 * audit_signature, no signature file. */
static void
put_back_schema_10 (VitaStore *store)
{
  sqlite3 *db = _vita_store_get_db (store);
  g_autoptr(GBytes) file = read_sigfile (store);
  g_autofree char *path = _vita_store_audit_sigfile_path (store);
  const guint8 *data = g_bytes_get_data (file, NULL);
  gsize len = g_bytes_get_size (file);
  sqlite3_stmt *hash_stmt = NULL, *ins = NULL;

  raw_sql (store, "BEGIN;"
                  "CREATE TABLE audit_signature ("
                  "  seq INTEGER PRIMARY KEY,"
                  "  signer INTEGER NOT NULL REFERENCES audit_signer (id),"
                  "  sig BLOB NOT NULL);");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT hash FROM audit WHERE seq = ?1", -1, &hash_stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO audit_signature (seq, signer, sig) VALUES (?1, ?2, ?3)",
                                       -1, &ins, NULL), ==, SQLITE_OK);
  g_assert_cmpint (len % SIG_RECORD, ==, 0);
  for (gsize off = 0; off < len; off += SIG_RECORD)
    {
      guint64 seq, signer;

      memcpy (&seq, data + off, 8);
      memcpy (&signer, data + off + 8, 8);
      seq = GUINT64_FROM_LE (seq);
      sqlite3_reset (hash_stmt);
      sqlite3_bind_int64 (hash_stmt, 1, (gint64) seq);
      g_assert_cmpint (sqlite3_step (hash_stmt), ==, SQLITE_ROW);
      signer = GUINT64_FROM_LE (signer) ^ record_mask (store, sqlite3_column_blob (hash_stmt, 0));
      sqlite3_reset (ins);
      sqlite3_bind_int64 (ins, 1, (gint64) seq);
      sqlite3_bind_int64 (ins, 2, (gint64) signer);
      sqlite3_bind_blob (ins, 3, data + off + 16, 64, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (ins), ==, SQLITE_DONE);
    }
  sqlite3_finalize (hash_stmt);
  sqlite3_finalize (ins);
  raw_sql (store, "CREATE TRIGGER audit_signature_no_update BEFORE UPDATE ON audit_signature"
                  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
                  "CREATE TRIGGER audit_signature_no_delete BEFORE DELETE ON audit_signature"
                  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
                  "PRAGMA user_version = 10;"
                  "COMMIT;");
  g_assert_cmpint (g_unlink (path), ==, 0);
}

/* Checks that the store open in @f has moved its signatures to the file,
 * that every entry verifies as signed, and that a re-chained log is still
 * caught. */
static void
assert_signatures_in_file (Fixture *f,
                           gint64   n_before,
                           const char *before)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GBytes) file = NULL;
  gint64 n_after = 0;
  gint64 vol_id;

  g_assert_cmpint (vita_schema_get_version (_vita_store_get_db (f->store)), ==, vita_schema_get_latest_version ());
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM sqlite_master WHERE name IN"
                                         " ('audit_sig', 'audit_signature')"), ==, 0);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_signer"), ==, 2);
  g_assert_true (vita_store_audit_verify (f->store, &n_after, &error));
  g_assert_no_error (error);
  /* The same entries signed, plus this sign-in's own. */
  g_assert_cmpint (n_after, >, n_before);
  file = read_sigfile (f->store);
  g_assert_cmpint (g_bytes_get_size (file), ==, n_after * SIG_RECORD);
  after = vita_store_dup_audit_status (f->store);
  g_assert_nonnull (strstr (after, "0 older entries unsigned"));
  g_assert_nonnull (strstr (before, "0 older entries unsigned"));
  vita_store_lock (f->store);

  /* The moved signatures still catch a re-chained log. */
  unlock_as (f, "vol", VOL_PASSPHRASE);
  vol_id = vita_store_get_user_id (f->store);
  delete_and_rechain (f->store, vol_id, FALSE);
  g_assert_false (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "signature"));
}

/* Two users' entries, verified; returns the entry count and status. */
static gint64
sign_some (Fixture  *f,
           char    **status)
{
  g_autoptr(GError) error = NULL;
  gint64 n = 0;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  g_assert_true (vita_store_audit_verify (f->store, &n, &error));
  g_assert_no_error (error);
  *status = vita_store_dup_audit_status (f->store);
  return n;
}

/* A store of schema 10 kept the signatures in audit_signature.  Unlock
 * moves them to the signature file and drops the table; every entry
 * still verifies as signed. */
static void
test_audit_signatures_moved_to_file (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *before = NULL;
  gint64 n_before = sign_some (f, &before);

  put_back_schema_10 (f->store);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_signature"), ==, n_before);
  vita_store_lock (f->store);

  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  assert_signatures_in_file (f, n_before, before);
}

/* A store of schema 9 kept the signer's whole key in every signature row
 * (audit_sig): it goes through both steps. */
static void
test_audit_signatures_migrated (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *before = NULL;
  gint64 n_before = sign_some (f, &before);

  put_back_schema_10 (f->store);
  raw_sql (f->store,
           "BEGIN;"
           "CREATE TABLE audit_sig (seq INTEGER PRIMARY KEY, signer BLOB NOT NULL, sig BLOB NOT NULL);"
           "INSERT INTO audit_sig SELECT s.seq, k.key, s.sig FROM audit_signature s"
           "  JOIN audit_signer k ON k.id = s.signer;"
           "DROP TABLE audit_signature; DROP TABLE audit_signer;"
           "CREATE TRIGGER audit_sig_no_update BEFORE UPDATE ON audit_sig"
           "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
           "CREATE TRIGGER audit_sig_no_delete BEFORE DELETE ON audit_sig"
           "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
           "PRAGMA user_version = 9;"
           "COMMIT;");
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_sig"), ==, n_before);
  vita_store_lock (f->store);

  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  assert_signatures_in_file (f, n_before, before);
}

/* A signature record pointed at another user's key (the key table is
 * shared, so an attacker might try to re-point a record): the signature
 * no longer verifies.  The coordinator's key is number 1, the
 * volunteer's 2: XOR 3 swaps them under any mask. */
static void
test_signer_index_edit_detected (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autofree guint8 *copy = NULL;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  g_assert_true (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f->store, "SELECT count(*) FROM audit_signer"), ==, 2);
  file = read_sigfile (f->store);
  copy = g_memdup2 (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  copy[8] ^= 3;   /* entry 1's signer number, little-endian */
  write_sigfile (f->store, copy, g_bytes_get_size (file));
  g_assert_false (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "signature of entry 1 "));
}

/* One byte of a record's signature changed: that entry is reported. */
static void
test_signature_record_altered (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) file = NULL;
  g_autofree guint8 *copy = NULL;
  gsize len;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  file = read_sigfile (f->store);
  len = g_bytes_get_size (file);
  g_assert_cmpint (len, >=, 3 * SIG_RECORD);
  copy = g_memdup2 (g_bytes_get_data (file, NULL), len);
  copy[2 * SIG_RECORD + 40] ^= 0x01;   /* entry 3's signature */
  write_sigfile (f->store, copy, len);
  g_assert_false (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "signature of entry 3 "));
}

/* The signature file deleted, or emptied: the roles are signed, so the
 * log must be; verify says the signatures are missing, not OK. */
static void
test_signature_file_deleted (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) report = NULL;
  g_autofree char *path = NULL;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  path = _vita_store_audit_sigfile_path (f->store);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_false (vita_store_verify (f->store, &report, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_true (report_mentions (report, "signature file is missing"));
  g_clear_error (&error);

  write_sigfile (f->store, (const guint8 *)"", 0);
  g_assert_false (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  g_assert_nonnull (strstr (error->message, "entry 1 has no signature"));
}

/* A process killed between appending an entry's record and committing
 * it: the record stays, the entry does not.  Verify ignores it, and the
 * entry that later takes that number verifies with its own record. */
static void
test_uncommitted_record_ignored (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autofree char *status = NULL;
  gint64 n = 0, n2 = 0;

  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_true (vita_store_audit_verify (f->store, &n, &error));
  g_assert_no_error (error);
  before = read_sigfile (f->store);
  g_assert_true (_vita_store_begin_write (f->store, &error));
  g_assert_true (vita_store_audit (f->store, "bench", 0, NULL, &error));
  g_assert_no_error (error);
  raw_sql (f->store, "ROLLBACK;");
  after = read_sigfile (f->store);
  g_assert_cmpint (g_bytes_get_size (after), ==, g_bytes_get_size (before) + SIG_RECORD);

  /* The record beyond the chain is ignored. */
  g_assert_true (vita_store_audit_verify (f->store, &n2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n2, ==, n);
  /* The next entry takes that number; two records for it now, one holds. */
  g_assert_true (vita_store_audit (f->store, "bench", 0, NULL, &error));
  g_assert_true (vita_store_audit (f->store, "bench", 0, NULL, &error));
  g_assert_true (vita_store_audit_verify (f->store, &n2, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n2, ==, n + 2);
  status = vita_store_dup_audit_status (f->store);
  g_assert_nonnull (strstr (status, "0 older entries unsigned"));
  vita_store_lock (f->store);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  g_assert_true (vita_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* A backup carries the signature file; restored (the three files copied
 * in place), it verifies with every entry signed.  Without its .sig the
 * copy does not verify. */
static void
test_backup_keeps_signatures (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "backup.vita", NULL);
  g_autofree char *dest_sig = g_strconcat (dest, ".sig", NULL);
  g_autofree char *restored = g_build_filename (f->dir, "restored", NULL);
  g_autofree char *restored_path = g_build_filename (restored, "site.vita", NULL);
  g_autoptr(VitaStore) copy = NULL;
  g_autofree char *status = NULL;
  static const char *suffixes[] = { "", ".keys", ".sig" };
  GStatBuf st;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  g_assert_true (vita_store_backup (f->store, dest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (dest_sig, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  vita_store_lock (f->store);

  g_assert_cmpint (g_mkdir (restored, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (dest, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (restored_path, suffixes[i], NULL);
      g_autoptr(GBytes) bytes = vita_test_read_file (from);

      g_file_set_contents (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
    }
  copy = vita_store_new (restored_path);
  g_assert_true (vita_store_unlock (copy, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_true (vita_store_verify (copy, NULL, &error));
  g_assert_no_error (error);
  status = vita_store_dup_audit_status (copy);
  g_assert_nonnull (strstr (status, "0 older entries unsigned"));
  vita_store_lock (copy);

  /* The same copy without its signature file. */
  {
    g_autofree char *sig = g_strconcat (restored_path, ".sig", NULL);
    g_assert_cmpint (g_unlink (sig), ==, 0);
  }
  g_assert_true (vita_store_unlock (copy, "coord", VITA_TEST_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_assert_false (vita_store_verify (copy, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED);
  vita_store_lock (copy);
}

/* A rekey leaves the signature file valid: its mask is keyed with the
 * audit key, which stays. */
static void
test_rekey_keeps_signatures (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  gint64 n = 0, n2 = 0;

  sign_in_and_out (f, "vol", VOL_PASSPHRASE);
  unlock_as (f, "coord", VITA_TEST_PASSPHRASE);
  g_assert_true (vita_store_audit_verify (f->store, &n, &error));
  g_assert_true (vita_store_rekey (f->store, &error));
  g_assert_no_error (error);
  vita_store_lock (f->store);
  unlock_as (f, "vol", VOL_PASSPHRASE);
  g_assert_true (vita_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vita_store_audit_verify (f->store, &n2, &error));
  g_assert_cmpint (n2, >, n);
  status = vita_store_dup_audit_status (f->store);
  g_assert_nonnull (strstr (status, "0 older entries unsigned"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/roles/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("forged-role-ignored", test_forged_role_ignored);
  ADD ("deleted-coordinator-reported", test_deleted_coordinator_reported);
  ADD ("legitimate-changes-signed", test_legitimate_changes_signed);
  ADD ("edited-grant-ignored", test_edited_grant_ignored);
  ADD ("migration", test_migration);
  ADD ("rechained-audit-detected", test_rechained_audit_detected);
  ADD ("rechained-signatures-break", test_rechained_signatures_break);
  ADD ("rolled-back-store-detected", test_rolled_back_store_detected);
  ADD ("audit-signatures-migrated", test_audit_signatures_migrated);
  ADD ("signer-index-edit-detected", test_signer_index_edit_detected);
  ADD ("audit-signatures-moved-to-file", test_audit_signatures_moved_to_file);
  ADD ("signature-record-altered", test_signature_record_altered);
  ADD ("signature-file-deleted", test_signature_file_deleted);
  ADD ("uncommitted-record-ignored", test_uncommitted_record_ignored);
  ADD ("backup-keeps-signatures", test_backup_keeps_signatures);
  ADD ("rekey-keeps-signatures", test_rekey_keeps_signatures);
#undef ADD
  return g_test_run ();
}
