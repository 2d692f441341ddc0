/* test-access.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Need-to-know (issue 13): a household belongs to the volunteers working
 * on it; opening someone else's takes a reason, recorded with who and
 * when, for this session only; the member's access report lists it.
 */

#include "config.h"

#include <string.h>

#include "vita-clock.h"
#include "vita-review.h"
#include "vita-store-access.h"
#include "vita-store-households.h"
#include "vita-store-private.h"
#include "vita-store-records.h"
#include "vita-store-users.h"
#include "vita-test-utils.h"

#define ANA_PASSPHRASE "ana walks the long river road 11"
#define BEN_PASSPHRASE "ben paints seven blue lanterns 22"
#define REV_PASSPHRASE "rev counts quiet autumn ferries 33"
#define REASON "Member came back to add a new dependent; Ana is not here today"

typedef struct
{
  char      *dir;
  char      *path;
  VitaStore *store;
  gint64     ana_household;
} Fixture;

static void
add_user (VitaStore  *store,
          const char *name,
          VitaRole    role,
          const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_add_user (store, name, name, role, passphrase, &params, &error);
  g_assert_no_error (error);
  vita_store_set_user_cert_level (store, name, "advanced", &error);
  g_assert_no_error (error);
}

static void
sign_in (VitaStore  *store,
         const char *user,
         const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  vita_store_lock (store);
  vita_store_unlock (store, user, passphrase, &error);
  g_assert_no_error (error);
}

static gint64
save_new (VitaStore  *store,
          const char *first_name)
{
  g_autoptr(VitaHousehold) household = vita_household_new ();
  g_autoptr(GError) error = NULL;

  vita_household_set (household, VITA_PERSON_TAXPAYER, "first_name", first_name);
  vita_household_set (household, VITA_PERSON_TAXPAYER, "last_name", "Synthetic");
  vita_store_save_household (store, household, &error);
  g_assert_no_error (error);
  return vita_household_get_id (household);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = vita_test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "site.vita", NULL);
  vita_test_set_now ("2027-02-01T09:00:00Z");
  f->store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
  add_user (f->store, "ana", VITA_ROLE_VOLUNTEER, ANA_PASSPHRASE);
  add_user (f->store, "ben", VITA_ROLE_VOLUNTEER, BEN_PASSPHRASE);
  add_user (f->store, "rev", VITA_ROLE_REVIEWER, REV_PASSPHRASE);

  sign_in (f->store, "ana", ANA_PASSPHRASE);
  f->ana_household = save_new (f->store, "Lucia");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  vita_store_lock (f->store);
  g_assert_finalize_object (f->store);
  vita_clock_set_for_testing (NULL);
  vita_test_rm_rf (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static VitaHouseholdAccess
access_of (VitaStore *store,
           gint64     id)
{
  g_autoptr(GError) error = NULL;
  VitaHouseholdAccess access = vita_store_household_access (store, id, &error);

  g_assert_no_error (error);
  return access;
}

static void
assert_load_refused (VitaStore *store,
                     gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = vita_store_load_household (store, id, &error);

  g_assert_null (household);
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEEDS_REASON);
  /* The refusal names no one and nothing from the record. */
  g_assert_null (strstr (error->message, "Lucia"));
}

static void
assert_load_allowed (VitaStore *store,
                     gint64     id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = vita_store_load_household (store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (household);
}

static guint
count_actions (VitaStore  *store,
               gint64      id,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = vita_store_list_audit (store, id, 0, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((VitaAuditEntry *)entries->pdata[i])->action, action) == 0)
      n++;
  return n;
}

/* The volunteer who did the intake is in charge of it; another volunteer
 * is not, and may not load or save it. */
static void
test_intake_owner (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) copy = NULL;

  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_MINE);
  assert_load_allowed (f->store, f->ana_household);
  copy = vita_store_load_household (f->store, f->ana_household, &error);
  g_assert_no_error (error);

  sign_in (f->store, "ben", BEN_PASSPHRASE);
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_OTHERS);
  g_assert_true (vita_store_access_needs_reason (f->store, VITA_HOUSEHOLD_ACCESS_OTHERS));
  assert_load_refused (f->store, f->ana_household);
  /* Writing it back is refused too, and taking it over as preparer. */
  g_assert_false (vita_store_save_household (f->store, copy, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEEDS_REASON);
  g_clear_error (&error);
  g_assert_false (vita_review_claim_preparer (f->store, f->ana_household, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEEDS_REASON);
  g_clear_error (&error);

  /* Intake is recorded even when someone else prepares it: once Ben takes
   * it over (after giving a reason), both are in charge. */
  g_assert_true (vita_store_open_household_for (f->store, f->ana_household, REASON, &error));
  g_assert_no_error (error);
  g_assert_true (vita_review_claim_preparer (f->store, f->ana_household, &error));
  g_assert_no_error (error);
  sign_in (f->store, "ben", BEN_PASSPHRASE);
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_MINE);
  assert_load_allowed (f->store, f->ana_household);
  sign_in (f->store, "ana", ANA_PASSPHRASE);
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_MINE);
}

/* A reason is required, checked, and recorded with who and when; the
 * reason itself is sealed, not in the audit detail. */
static void
test_reason_recorded (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) openings = NULL;
  const VitaHouseholdOpening *opening;
  const VitaAuditEntry *entry = NULL;
  gint64 ben_id;

  sign_in (f->store, "ben", BEN_PASSPHRASE);
  ben_id = vita_store_get_user_id (f->store);
  g_assert_false (vita_store_open_household_for (f->store, f->ana_household, "", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vita_store_open_household_for (f->store, f->ana_household, "  ok  ", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  assert_load_refused (f->store, f->ana_household);

  vita_test_set_now ("2027-02-03T14:30:00Z");
  g_assert_true (vita_store_open_household_for (f->store, f->ana_household, REASON, &error));
  g_assert_no_error (error);
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_OPENED);
  assert_load_allowed (f->store, f->ana_household);
  assert_load_allowed (f->store, f->ana_household);

  /* The coordinator reads who, when and why. */
  sign_in (f->store, "coord", VITA_TEST_PASSPHRASE);
  entries = vita_store_list_audit (f->store, f->ana_household, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const VitaAuditEntry *e = entries->pdata[i];

      g_assert_null (strstr (e->detail, "dependent"));
      if (g_strcmp0 (e->action, "open-other-household") == 0)
        {
          g_assert_null (entry);
          entry = e;
        }
    }
  g_assert_nonnull (entry);
  g_assert_cmpstr (entry->user_name, ==, "ben");
  g_assert_cmpstr (entry->detail, ==, "volunteer");
  g_assert_true (g_str_has_prefix (entry->at, "2027-02-03T14:30:00"));

  openings = vita_store_list_household_openings (f->store, f->ana_household, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (openings->len, ==, 1);
  opening = openings->pdata[0];
  g_assert_cmpint (opening->seq, ==, entry->seq);
  g_assert_cmpstr (opening->user_display_name, ==, "ben");
  g_assert_cmpint (opening->role, ==, VITA_ROLE_VOLUNTEER);
  g_assert_cmpstr (opening->reason, ==, REASON);
  g_assert_false (opening->reason_lost);
  g_assert_true (g_str_has_prefix (opening->at, "2027-02-03T14:30:00"));
  g_assert_cmpint (ben_id, !=, 0);

  /* The reason is not stored in the clear anywhere in the file. */
  vita_store_lock (f->store);
  g_assert_false (vita_test_file_contains (f->path, REASON, strlen (REASON)));

  /* Only coordinators read the openings, like the log. */
  sign_in (f->store, "ben", BEN_PASSPHRASE);
  g_assert_null (vita_store_list_household_openings (f->store, f->ana_household, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
}

/* The permission lasts one session: signing in again, or another process
 * on the same file, asks for the reason again. */
static void
test_session_only (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaStore) other = vita_store_new (f->path);

  sign_in (f->store, "ben", BEN_PASSPHRASE);
  g_assert_true (vita_store_open_household_for (f->store, f->ana_household, REASON, &error));
  g_assert_no_error (error);
  assert_load_allowed (f->store, f->ana_household);

  vita_store_unlock (other, "ben", BEN_PASSPHRASE, &error);
  g_assert_no_error (error);
  assert_load_refused (other, f->ana_household);
  vita_store_lock (other);

  sign_in (f->store, "ben", BEN_PASSPHRASE);
  assert_load_refused (f->store, f->ana_household);
}

/* Unassigned households wait in queues: without a preparer for anyone who
 * prepares, in quality review without a reviewer for reviewers. */
static void
test_queues (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = NULL;
  gint64 unassigned;
  char *msg = NULL;

  /* An older household nobody is recorded on. */
  unassigned = save_new (f->store, "Marta");
  if (sqlite3_exec (_vita_store_get_db (f->store),
                    "UPDATE households SET preparer_id = NULL WHERE id = (SELECT max (id) FROM households);"
                    "DELETE FROM household_intake WHERE household_id = (SELECT max (id) FROM households);",
                    NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);

  /* Ana sends hers to quality review. */
  vita_review_set_status (f->store, f->ana_household, VITA_RETURN_STATUS_PREPARING, &error);
  g_assert_no_error (error);
  vita_review_set_status (f->store, f->ana_household, VITA_RETURN_STATUS_QUALITY_REVIEW, &error);
  g_assert_no_error (error);

  sign_in (f->store, "ben", BEN_PASSPHRASE);
  g_assert_cmpint (access_of (f->store, unassigned), ==, VITA_HOUSEHOLD_ACCESS_QUEUE);
  assert_load_allowed (f->store, unassigned);
  /* A volunteer does not review: Ana's return is not in Ben's queue. */
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_OTHERS);
  assert_load_refused (f->store, f->ana_household);

  sign_in (f->store, "rev", REV_PASSPHRASE);
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_QUEUE);
  household = vita_store_load_household (f->store, f->ana_household, &error);
  g_assert_no_error (error);
  g_assert_true (vita_review_sign_off (f->store, household, &error));
  g_assert_no_error (error);
  /* Signed off: the reviewer is one of the people in charge. */
  sign_in (f->store, "rev", REV_PASSPHRASE);
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_MINE);

  /* The list marks whose each household is. */
  sign_in (f->store, "ben", BEN_PASSPHRASE);
  {
    gint64 ids[2] = { f->ana_household, unassigned };
    g_autoptr(GPtrArray) summaries = vita_store_get_summaries (f->store, ids, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpint (((VitaHouseholdSummary *)summaries->pdata[0])->access, ==,
                     VITA_HOUSEHOLD_ACCESS_OTHERS);
    g_assert_cmpint (((VitaHouseholdSummary *)summaries->pdata[1])->access, ==,
                     VITA_HOUSEHOLD_ACCESS_QUEUE);
    /* Names stay visible, so the front desk finds a returning member. */
    g_assert_cmpstr (((VitaHouseholdSummary *)summaries->pdata[0])->display_name, !=, "");
  }

  /* Opening from a queue needs no reason and records no "other" opening. */
  sign_in (f->store, "coord", VITA_TEST_PASSPHRASE);
  g_assert_cmpint (count_actions (f->store, unassigned, "open-other-household"), ==, 0);
  g_assert_cmpint (count_actions (f->store, unassigned, "open-household"), ==, 1);
}

/* The coordinator opens every household without a reason; the first
 * opening in a session of one they do not work on is recorded and shown
 * to the member. */
static void
test_coordinator (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) openings = NULL;
  const VitaHouseholdOpening *opening;

  sign_in (f->store, "coord", VITA_TEST_PASSPHRASE);
  g_assert_cmpint (access_of (f->store, f->ana_household), ==, VITA_HOUSEHOLD_ACCESS_OTHERS);
  g_assert_false (vita_store_access_needs_reason (f->store, VITA_HOUSEHOLD_ACCESS_OTHERS));
  vita_test_set_now ("2027-02-04T08:15:00Z");
  assert_load_allowed (f->store, f->ana_household);
  assert_load_allowed (f->store, f->ana_household);
  g_assert_cmpint (count_actions (f->store, f->ana_household, "open-other-household"), ==, 1);
  g_assert_cmpint (count_actions (f->store, f->ana_household, "open-household"), ==, 2);

  openings = vita_store_list_household_openings (f->store, f->ana_household, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (openings->len, ==, 1);
  opening = openings->pdata[0];
  g_assert_cmpint (opening->role, ==, VITA_ROLE_COORDINATOR);
  g_assert_null (opening->reason);
  g_assert_false (opening->reason_lost);
  g_assert_true (g_str_has_prefix (opening->at, "2027-02-04T08:15:00"));

  /* The audit log still verifies with the new entries in it. */
  g_assert_true (vita_store_audit_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

/* Stores from before: whoever the log says created a household did its
 * intake. */
static void
test_migration (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ana_id = vita_store_get_user_id (f->store);
  sqlite3 *db = _vita_store_get_db (f->store);
  sqlite3_stmt *stmt = NULL;
  char *msg = NULL;

  /* Back to version 11, before the need-to-know step (11 -> 12): no
   * household_intake, no access_reasons. */
  if (sqlite3_exec (db,
                    "DROP TABLE household_intake;"
                    "DROP TABLE access_reasons;"
                    "PRAGMA user_version = 11;", NULL, NULL, &msg) != SQLITE_OK)
    g_error ("%s", msg);

  sign_in (f->store, "ana", ANA_PASSPHRASE);
  db = _vita_store_get_db (f->store);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT user_id FROM household_intake WHERE household_id = ?1", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, f->ana_household);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, ana_id);
  sqlite3_finalize (stmt);

  sign_in (f->store, "ben", BEN_PASSPHRASE);
  g_assert_true (vita_store_open_household_for (f->store, f->ana_household, REASON, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/access/intake-owner", test_intake_owner);
  ADD ("/access/reason-recorded", test_reason_recorded);
  ADD ("/access/session-only", test_session_only);
  ADD ("/access/queues", test_queues);
  ADD ("/access/coordinator", test_coordinator);
  ADD ("/access/migration", test_migration);
#undef ADD

  return g_test_run ();
}
