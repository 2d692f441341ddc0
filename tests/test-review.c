/* test-review.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-retention.h"
#include "vita-review.h"
#include "vita-store-access.h"
#include "vita-store-households.h"
#include "vita-store-users.h"
#include "vita-test-utils.h"

/* Quality review rules: self-review is never allowed, only reviewers and
 * coordinators sign off, certifications must cover the answers, and a
 * return is filed only after a sign-off. */

#define BOB_PASSPHRASE   "quiet harbor violet engine 17"
#define CAROL_PASSPHRASE "amber canyon pickle thunder 88"

typedef struct
{
  char      *dir;
  VitaStore *store;
  gint64     household_id;
} Fixture;

static void
add_user (VitaStore  *store,
          const char *name,
          VitaRole    role,
          const char *passphrase,
          const char *cert)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_add_user (store, name, name, role, passphrase, &params, &error);
  g_assert_no_error (error);
  vita_store_set_user_cert_level (store, name, cert, &error);
  g_assert_no_error (error);
}

static void
sign_in (Fixture    *f,
         const char *user,
         const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  vita_store_lock (f->store);
  vita_store_unlock (f->store, user, passphrase, &error);
  g_assert_no_error (error);
}

static VitaHousehold *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  VitaHousehold *household = vita_store_load_household (f->store, f->household_id, &error);

  g_assert_no_error (error);
  return household;
}

/* Need-to-know: the step before opening someone else's household. */
static void
open_for (Fixture *f)
{
  g_autoptr(GError) error = NULL;

  vita_store_open_household_for (f->store, f->household_id, "taking over from Alice", &error);
  g_assert_no_error (error);
}

static void
set_status (Fixture          *f,
            VitaReturnStatus  status)
{
  g_autoptr(GError) error = NULL;

  vita_review_set_status (f->store, f->household_id, status, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(VitaHousehold) household = vita_household_new ();
  g_autoptr(GError) error = NULL;

  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "alice", VITA_TEST_PASSPHRASE);
  vita_store_set_user_cert_level (f->store, "alice", "basic", &error);
  g_assert_no_error (error);
  add_user (f->store, "bob", VITA_ROLE_REVIEWER, BOB_PASSPHRASE, "advanced");
  add_user (f->store, "carol", VITA_ROLE_VOLUNTEER, CAROL_PASSPHRASE, "advanced");

  /* The sale of stocks needs Advanced certification. */
  vita_household_set (household, VITA_PERSON_TAXPAYER, "first_name", "Ana");
  vita_household_set (household, VITA_PERSON_HOUSEHOLD, "inc.sale_assets", "yes");
  vita_store_save_household (f->store, household, &error);
  g_assert_no_error (error);
  f->household_id = vita_household_get_id (household);
  set_status (f, VITA_RETURN_STATUS_PREPARING);
  set_status (f, VITA_RETURN_STATUS_QUALITY_REVIEW);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  vita_store_lock (f->store);
  g_assert_finalize_object (f->store);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
check_refused (Fixture         *f,
               VitaReviewError  expected)
{
  g_autoptr(VitaHousehold) household = load (f);
  g_autoptr(VitaReviewInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  info = vita_review_get_info (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_false (vita_review_check_sign_off (f->store, household, info, &error));
  g_assert_error (error, VITA_REVIEW_ERROR, (gint) expected);
  g_clear_error (&error);

  g_assert_false (vita_review_sign_off (f->store, household, &error));
  g_assert_nonnull (error);
}

static void
test_transitions (void)
{
  g_assert_true (vita_review_status_allowed (VITA_RETURN_STATUS_INTAKE,
                                             VITA_RETURN_STATUS_PREPARING, FALSE));
  g_assert_true (vita_review_status_allowed (VITA_RETURN_STATUS_PREPARING,
                                             VITA_RETURN_STATUS_QUALITY_REVIEW, FALSE));
  g_assert_false (vita_review_status_allowed (VITA_RETURN_STATUS_INTAKE,
                                              VITA_RETURN_STATUS_FILED, TRUE));
  g_assert_false (vita_review_status_allowed (VITA_RETURN_STATUS_QUALITY_REVIEW,
                                              VITA_RETURN_STATUS_FILED, FALSE));
  g_assert_true (vita_review_status_allowed (VITA_RETURN_STATUS_QUALITY_REVIEW,
                                             VITA_RETURN_STATUS_FILED, TRUE));
  g_assert_true (vita_review_status_allowed (VITA_RETURN_STATUS_FILED,
                                             VITA_RETURN_STATUS_REJECTED, TRUE));
  g_assert_false (vita_review_status_allowed (VITA_RETURN_STATUS_ACCEPTED,
                                              VITA_RETURN_STATUS_PREPARING, TRUE));
  g_assert_true (vita_review_status_allowed (VITA_RETURN_STATUS_REJECTED,
                                             VITA_RETURN_STATUS_PREPARING, TRUE));
}

static void
test_parse_cert (void)
{
  g_assert_cmpint (vita_review_parse_cert_level ("advanced"), ==, VITA_CERT_ADVANCED);
  g_assert_cmpint (vita_review_parse_cert_level ("military"), ==, VITA_CERT_MILITARY);
  g_assert_cmpint (vita_review_parse_cert_level ("expert"), ==, VITA_CERT_NONE);
  g_assert_cmpint (vita_review_parse_cert_level (NULL), ==, VITA_CERT_NONE);
}

static void
test_no_self_review (Fixture       *f,
                     gconstpointer  data)
{
  /* Alice, a coordinator, created the household and so prepared it. */
  check_refused (f, VITA_REVIEW_ERROR_SELF_REVIEW);
}

static void
test_volunteer_cannot_review (Fixture       *f,
                              gconstpointer  data)
{
  sign_in (f, "carol", CAROL_PASSPHRASE);
  /* Alice's household: Carol gives a reason to open it (need-to-know),
   * and still may not review it. */
  open_for (f);
  check_refused (f, VITA_REVIEW_ERROR_ROLE);
}

static void
test_preparer_cert_must_cover (Fixture       *f,
                               gconstpointer  data)
{
  sign_in (f, "bob", BOB_PASSPHRASE);
  check_refused (f, VITA_REVIEW_ERROR_PREPARER_CERT);
}

static void
test_reviewer_cert_must_cover (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  vita_store_set_user_cert_level (f->store, "alice", "advanced", &error);
  g_assert_no_error (error);
  vita_store_set_user_cert_level (f->store, "bob", "basic", &error);
  g_assert_no_error (error);
  sign_in (f, "bob", BOB_PASSPHRASE);
  check_refused (f, VITA_REVIEW_ERROR_REVIEWER_CERT);
}

static void
test_sign_off_and_file (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = NULL;
  g_autoptr(VitaReviewInfo) info = NULL;
  gint64 alice_id = vita_store_get_user_id (f->store);

  /* Filing before review is refused by the store. */
  g_assert_false (vita_review_set_status (f->store, f->household_id,
                                          VITA_RETURN_STATUS_FILED, &error));
  g_assert_error (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_TRANSITION);
  g_clear_error (&error);

  vita_store_set_user_cert_level (f->store, "alice", "advanced", &error);
  g_assert_no_error (error);
  sign_in (f, "bob", BOB_PASSPHRASE);
  household = load (f);
  g_assert_true (vita_review_sign_off (f->store, household, &error));
  g_assert_no_error (error);

  info = vita_review_get_info (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->preparer_id, ==, alice_id);
  g_assert_cmpint (info->reviewer_id, ==, vita_store_get_user_id (f->store));
  g_assert_nonnull (info->reviewed_at);

  g_assert_false (vita_review_sign_off (f->store, household, &error));
  g_assert_error (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_ALREADY_SIGNED);
  g_clear_error (&error);

  set_status (f, VITA_RETURN_STATUS_FILED);
}

static void
test_sending_back_withdraws_sign_off (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = NULL;
  g_autoptr(VitaReviewInfo) info = NULL;

  vita_store_set_user_cert_level (f->store, "alice", "advanced", &error);
  g_assert_no_error (error);
  sign_in (f, "bob", BOB_PASSPHRASE);
  household = load (f);
  g_assert_true (vita_review_sign_off (f->store, household, &error));
  g_assert_no_error (error);

  set_status (f, VITA_RETURN_STATUS_PREPARING);
  info = vita_review_get_info (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->reviewer_id, ==, 0);
  g_assert_null (info->reviewed_at);
}

/* The sign-off covers the answers the reviewer saw: saving them unchanged
 * keeps it, changing one withdraws it (and the audit log says why). */
static void
test_changed_answers_withdraw_sign_off (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = NULL;
  g_autoptr(VitaReviewInfo) kept = NULL;
  g_autoptr(VitaReviewInfo) withdrawn = NULL;

  vita_store_set_user_cert_level (f->store, "alice", "advanced", &error);
  g_assert_no_error (error);
  sign_in (f, "bob", BOB_PASSPHRASE);
  household = load (f);
  g_assert_true (vita_review_sign_off (f->store, household, &error));
  g_assert_no_error (error);

  vita_store_save_household (f->store, household, &error);
  g_assert_no_error (error);
  kept = vita_review_get_info (f->store, f->household_id, &error);
  g_assert_cmpint (kept->reviewer_id, ==, vita_store_get_user_id (f->store));

  vita_household_set (household, VITA_PERSON_HOUSEHOLD, "inc.tips", "yes");
  vita_store_save_household (f->store, household, &error);
  g_assert_no_error (error);
  withdrawn = vita_review_get_info (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (withdrawn->reviewer_id, ==, 0);
  g_assert_null (withdrawn->reviewed_at);
}

static void
test_claim_preparer (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaReviewInfo) info = NULL;

  /* Too late in quality review. */
  sign_in (f, "carol", CAROL_PASSPHRASE);
  open_for (f);
  g_assert_false (vita_review_claim_preparer (f->store, f->household_id, &error));
  g_assert_error (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_TRANSITION);
  g_clear_error (&error);

  set_status (f, VITA_RETURN_STATUS_PREPARING);
  g_assert_true (vita_review_claim_preparer (f->store, f->household_id, &error));
  g_assert_no_error (error);
  info = vita_review_get_info (f->store, f->household_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->preparer_id, ==, vita_store_get_user_id (f->store));
  g_assert_cmpint (info->preparer_cert, ==, VITA_CERT_ADVANCED);
}

static void
test_incomplete_w7_blocks (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = NULL;

  household = load (f);
  vita_household_set (household, 2, "tin_type", "needs_itin");
  vita_store_save_household (f->store, household, &error);
  g_assert_no_error (error);
  vita_store_set_user_cert_level (f->store, "alice", "advanced", &error);
  g_assert_no_error (error);

  sign_in (f, "bob", BOB_PASSPHRASE);
  check_refused (f, VITA_REVIEW_ERROR_W7_INCOMPLETE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/review/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/review/transitions", test_transitions);
  g_test_add_func ("/review/parse-cert", test_parse_cert);
  ADD ("no-self-review", test_no_self_review);
  ADD ("volunteer-cannot-review", test_volunteer_cannot_review);
  ADD ("preparer-cert-must-cover", test_preparer_cert_must_cover);
  ADD ("reviewer-cert-must-cover", test_reviewer_cert_must_cover);
  ADD ("sign-off-and-file", test_sign_off_and_file);
  ADD ("sending-back-withdraws-sign-off", test_sending_back_withdraws_sign_off);
  ADD ("changed-answers-withdraw-sign-off", test_changed_answers_withdraw_sign_off);
  ADD ("claim-preparer", test_claim_preparer);
  ADD ("incomplete-w7-blocks", test_incomplete_w7_blocks);

  return g_test_run ();
}
