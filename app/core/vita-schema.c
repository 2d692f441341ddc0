/* vita-schema.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-schema.h"
#include "vita-store.h"

/* Each entry moves the schema from version i to i + 1 inside one
 * transaction, recorded in PRAGMA user_version.  Never edit a released
 * migration: add a new one. */
static const char *migrations[] = {
  /* 0 -> 1 */
  "CREATE TABLE settings ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE users ("
  "  id INTEGER PRIMARY KEY,"
  "  name TEXT NOT NULL UNIQUE,"
  "  display_name TEXT NOT NULL,"
  "  role TEXT NOT NULL CHECK (role IN ('volunteer', 'reviewer', 'coordinator')),"
  "  cert_level TEXT NOT NULL DEFAULT 'none',"
  "  created TEXT NOT NULL,"
  "  removed TEXT"
  ");"
  "CREATE TABLE households ("
  "  id INTEGER PRIMARY KEY,"
  "  status TEXT NOT NULL DEFAULT 'intake',"
  "  language TEXT NOT NULL DEFAULT 'en',"
  "  tax_year INTEGER NOT NULL,"
  "  needs_itin INTEGER NOT NULL DEFAULT 0,"
  "  sort_name TEXT NOT NULL DEFAULT '',"
  "  created TEXT NOT NULL,"
  "  updated TEXT NOT NULL,"
  "  preparer_id INTEGER REFERENCES users (id),"
  "  reviewer_id INTEGER REFERENCES users (id),"
  "  reviewed_at TEXT,"
  "  retention TEXT,"
  "  purge_after TEXT,"
  "  purged_at TEXT"
  ");"
  "CREATE INDEX households_sort ON households (sort_name, id);"
  "CREATE INDEX households_status ON households (status);"
  /* One row per answer; the field catalogue gives each its meaning and
   * classification, so export and masking are derived, not hand-written. */
  "CREATE TABLE answers ("
  "  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,"
  "  person INTEGER NOT NULL,"
  "  field TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  PRIMARY KEY (household_id, person, field)"
  ") WITHOUT ROWID;"
  "CREATE TABLE search_terms ("
  "  term TEXT NOT NULL,"
  "  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (term, household_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX search_terms_household ON search_terms (household_id);"
  "CREATE TABLE consents ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,"
  "  person INTEGER NOT NULL,"
  "  kind TEXT NOT NULL,"
  "  granted INTEGER NOT NULL,"
  "  text_version TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  valid_until TEXT,"
  "  recorded_at TEXT NOT NULL,"
  "  recorded_by INTEGER REFERENCES users (id),"
  "  revoked_at TEXT"
  ");"
  "CREATE TABLE notices_issued ("
  "  id INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,"
  "  notice_version TEXT NOT NULL,"
  "  language TEXT NOT NULL,"
  "  second_language TEXT,"
  "  medium TEXT NOT NULL,"
  "  issued_at TEXT NOT NULL,"
  "  issued_by INTEGER REFERENCES users (id)"
  ");"
  /* The audit log keeps the ids of households, never their values, and is
   * hash-chained; the triggers make it append-only for the app itself. */
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  user_id INTEGER,"
  "  action TEXT NOT NULL,"
  "  household_id INTEGER,"
  "  detail TEXT NOT NULL DEFAULT '',"
  "  hash BLOB NOT NULL"
  ");"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;",

  /* 1 -> 2: crypto-shredding.  Every answer that is not classified safe is
   * sealed under its household's own key; that key is wrapped under the
   * retention key of the household's purge date, and retention keys live
   * only in the live keys file.  Destroying one makes the sealed answers
   * unreadable in the store and in every earlier backup. */
  "ALTER TABLE answers ADD COLUMN sealed BLOB;"
  "CREATE TABLE household_keys ("
  "  household_id INTEGER PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,"
  "  bucket TEXT NOT NULL,"
  "  key_id TEXT NOT NULL,"
  "  wrapped BLOB NOT NULL"
  ");"
  "CREATE INDEX household_keys_key ON household_keys (key_id);"
  "CREATE TABLE retention_buckets ("
  "  bucket TEXT PRIMARY KEY,"
  "  key_id TEXT NOT NULL"
  ");"
  "CREATE INDEX households_purge ON households (purge_after) WHERE purged_at IS NULL;",

  /* 2 -> 3: one sealed blob per household instead of one per answer: a
   * nonce and a tag per household rather than per value halves the file,
   * and a save or a load is one AEAD operation.  Rows sealed one by one
   * under version 2 are still read, and rewritten this way on next save.
   * The list index covers what the households list shows, so scrolling
   * 100k households never touches the table itself. */
  "CREATE TABLE sealed_answers ("
  "  household_id INTEGER PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,"
  "  blob BLOB NOT NULL"
  ");"
  "CREATE INDEX households_list ON households (sort_name, id, status, language, needs_itin)"
  "  WHERE purged_at IS NULL;",

  /* 3 -> 4: each search word carries its household's list name, so a
   * keystroke is answered from one index range without visiting the
   * households table (which is what made p95 grow with the store). */
  "ALTER TABLE search_terms ADD COLUMN sort_name TEXT NOT NULL DEFAULT '';"
  "UPDATE search_terms SET sort_name ="
  "  (SELECT h.sort_name FROM households h WHERE h.id = search_terms.household_id);"
  "CREATE INDEX search_terms_sorted ON search_terms (term, sort_name, household_id);",

  /* 4 -> 5: a quality-review sign-off is bound to a keyed digest of the
   * answers it reviewed; a later save that changes them withdraws it. */
  "ALTER TABLE households ADD COLUMN reviewed_digest BLOB;",

  /* 5 -> 6: the list order is kept in memory (vita-store-list.c), so the
   * search words no longer carry a copy of the list name: one index less
   * to write for every word of every save, and one copy of every name
   * less in the file.  Status filters are answered from that order too,
   * and households_list covers what households_sort gave, so both of
   * those go: every index is a page written per save.  So does the index
   * of household keys by retention key: only a purge asks that, once per
   * retention key. */
  "DROP INDEX search_terms_sorted;"
  "ALTER TABLE search_terms DROP COLUMN sort_name;"
  "DROP INDEX households_sort;"
  "DROP INDEX households_status;"
  "DROP INDEX household_keys_key;",

  /* 6 -> 7: the IRS form templates a coordinator loads once a season
   * (vita-store-forms.c).  They hold no personal data; the SHA-256 lets a
   * site compare its copy with irs.gov's.  IF NOT EXISTS: a store rebuilt
   * at an older version by a test (or a lead renumbering migrations) may
   * already have it. */
  "CREATE TABLE IF NOT EXISTS form_templates ("
  "  form TEXT NOT NULL,"
  "  revision TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL,"
  "  pdf BLOB NOT NULL,"
  "  imported_at TEXT NOT NULL,"
  "  imported_by INTEGER REFERENCES users (id),"
  "  PRIMARY KEY (form, revision)"
  ");",

  /* 7 -> 8: search terms are now the rest of a name from each word on,
   * spaces removed ("delacruz", "minjun").  The names are sealed, so SQL
   * cannot rebuild them: clearing the list name makes the next unlock's
   * _vita_store_reindex_missing() rebuild both for every household whose
   * key is here. */
  "UPDATE households SET sort_name = '' WHERE purged_at IS NULL"
  "  AND id IN (SELECT household_id FROM household_keys);",
  /* 8 -> 9: each audit entry signed by the acting user's Ed25519 key
   * (vita-store-audit.c): the signer's public key and the signature over
   * the entry's chain hash, beside the entry (a table of its own so the
   * step can run twice, like 6 -> 7).  Entries written before stay
   * unsigned. */
  "CREATE TABLE IF NOT EXISTS audit_sig ("
  "  seq INTEGER PRIMARY KEY,"
  "  signer BLOB NOT NULL,"
  "  sig BLOB NOT NULL"
  ");"
  "CREATE TRIGGER IF NOT EXISTS audit_sig_no_update BEFORE UPDATE ON audit_sig"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_sig_no_delete BEFORE DELETE ON audit_sig"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;",
  /* 9 -> 10: the signer's 32-byte public key was repeated in every
   * signature row, and unlock's page check costs time in proportion to the
   * file (issue 13's unlock budget).  Each distinct key is now kept once in
   * audit_signer and a signature row names it by number; the 64-byte
   * signature stays a BLOB.  Still a table beside the audit rows, not
   * columns of them: ADD COLUMN cannot run twice, and a store rebuilt at
   * an older version (a test, or the lead renumbering steps) runs this
   * step again; then audit_sig is the empty one 8 -> 9 made. */
  "CREATE TABLE IF NOT EXISTS audit_signer ("
  "  id INTEGER PRIMARY KEY,"
  "  key BLOB NOT NULL UNIQUE"
  ");"
  "CREATE TABLE IF NOT EXISTS audit_signature ("
  "  seq INTEGER PRIMARY KEY,"
  "  signer INTEGER NOT NULL REFERENCES audit_signer (id),"
  "  sig BLOB NOT NULL"
  ");"
  "INSERT OR IGNORE INTO audit_signer (key) SELECT signer FROM audit_sig ORDER BY seq;"
  "INSERT OR IGNORE INTO audit_signature (seq, signer, sig)"
  "  SELECT s.seq, k.id, s.sig FROM audit_sig s JOIN audit_signer k ON k.key = s.signer;"
  "DROP TABLE audit_sig;"
  "CREATE TRIGGER IF NOT EXISTS audit_signer_no_update BEFORE UPDATE ON audit_signer"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_signer_no_delete BEFORE DELETE ON audit_signer"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_signature_no_update BEFORE UPDATE ON audit_signature"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;"
  "CREATE TRIGGER IF NOT EXISTS audit_signature_no_delete BEFORE DELETE ON audit_signature"
  "  BEGIN SELECT RAISE (ABORT, 'audit log is append-only'); END;",
  /* 10 -> 11: minimum-data mode (vita-store-minimum-data.c): when a
   * household's forms were last printed as a complete set, from when its
   * contact answers are erased (and when they were), and when its TINs
   * were last erased.  Dates only; no answer.  The site setting itself is
   * not written here: a store without it stays in the mode it had (off). */
  "CREATE TABLE IF NOT EXISTS minimum_data ("
  "  household_id INTEGER PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,"
  "  printed_at TEXT,"
  "  contact_purge_after TEXT,"
  "  contact_purged_at TEXT,"
  "  tins_erased_at TEXT"
  ");",
  /* 11 -> 12: need-to-know (vita-store-access.c).  Who did the intake is
   * one of the people a household belongs to (a table of its own, so the
   * step can run twice, like 6 -> 7); for households saved before, it is
   * who the audit log says created them, if it says (one pass over the log,
   * not one per household).  A reason given for opening someone else's
   * household is sealed under that household's key, beside the
   * "open-other-household" audit entry it explains. */
  "CREATE TABLE IF NOT EXISTS household_intake ("
  "  household_id INTEGER PRIMARY KEY REFERENCES households (id) ON DELETE CASCADE,"
  "  user_id INTEGER NOT NULL REFERENCES users (id)"
  ");"
  "INSERT OR IGNORE INTO household_intake (household_id, user_id)"
  "  SELECT c.household_id, c.user_id"
  "  FROM (SELECT household_id, user_id, min (seq) FROM audit"
  "        WHERE action = 'create-household' AND household_id IS NOT NULL"
  "        AND user_id IS NOT NULL GROUP BY household_id) AS c"
  "  WHERE c.household_id IN (SELECT id FROM households);"
  "CREATE TABLE IF NOT EXISTS access_reasons ("
  "  seq INTEGER PRIMARY KEY,"
  "  household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,"
  "  sealed BLOB NOT NULL"
  ");",
  /* 12 -> 13: the signatures leave the database for the signature file
   * beside it (site.vita.sig, vita-store-audit.c), so that unlock's page
   * check no longer reads them (issue 13's unlock budget).  Writing a file
   * needs the store's path and audit key, which SQL does not have: the
   * rows are moved, and the table dropped, by
   * _vita_store_audit_sigfile_migrate() right after the migrations, at
   * every unlock where the table is still there (so a move killed half
   * way is finished next time).  This step only lifts the table's
   * append-only guards; IF EXISTS, as the step may run twice. */
  "DROP TRIGGER IF EXISTS audit_signature_no_update;"
  "DROP TRIGGER IF EXISTS audit_signature_no_delete;",
};

int
vita_schema_get_latest_version (void)
{
  return G_N_ELEMENTS (migrations);
}

int
vita_schema_get_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
exec (sqlite3     *db,
      const char  *sql,
      GError     **error)
{
  char *msg = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &msg) != SQLITE_OK)
    {
      int code = sqlite3_errcode (db);

      g_set_error (error, VITA_STORE_ERROR,
                   code == SQLITE_FULL ? VITA_STORE_ERROR_NO_SPACE : VITA_STORE_ERROR_FAILED,
                   _("Could not update the store format: %s"), msg ? msg : sqlite3_errstr (code));
      sqlite3_free (msg);
      return FALSE;
    }
  return TRUE;
}

/**
 * vita_schema_migrate:
 *
 * Brings the schema to the latest version.  Refuses a store made by a newer
 * version rather than guessing at its tables.
 */
gboolean
vita_schema_migrate (sqlite3  *db,
                     GError  **error)
{
  int version = vita_schema_get_version (db);
  int latest = vita_schema_get_latest_version ();

  if (version < 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CORRUPT,
                           _("The store could not be read."));
      return FALSE;
    }
  if (version > latest)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEWER_FORMAT,
                           _("This store was made by a newer version of the app."));
      return FALSE;
    }

  for (int v = version; v < latest; v++)
    {
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d;", v + 1);

      if (!exec (db, "BEGIN IMMEDIATE;", error))
        return FALSE;
      if (!exec (db, migrations[v], error) || !exec (db, bump, error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }
      if (!exec (db, "COMMIT;", error))
        {
          sqlite3_exec (db, "ROLLBACK;", NULL, NULL, NULL);
          return FALSE;
        }
    }
  return TRUE;
}
