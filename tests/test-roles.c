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

#include "vita-store-private.h"
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
#undef ADD
  return g_test_run ();
}
