/* test-member-check.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The domain rules the member windows and the interview use, tested
 * without GTK: the site settings a member text names, the per-language
 * check before a member picks a language, and the interview's person
 * helpers.
 */

#include "config.h"

#include <string.h>

#include "vita-clock.h"
#include "vita-i18n.h"
#include "vita-intake-util.h"
#include "vita-member-check.h"
#include "vita-retention.h"
#include "vita-notice-review.h"
#include "vita-site-info.h"
#include "vita-store-records.h"
#include "vita-test-utils.h"

#define PROMISE "Your information will never be shared."

static char *tmpdir;

static VitaStore *
make_store (const char *name)
{
  g_autofree char *dir = g_build_filename (tmpdir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
}

static void
set_site (VitaStore  *store,
          const char *name,
          const char *contact,
          const char *legal)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vita_store_set_setting (store, "site-name", name, &error));
  g_assert_no_error (error);
  g_assert_true (vita_store_set_setting (store, "site-contact", contact, &error));
  g_assert_no_error (error);
  g_assert_true (vita_store_set_setting (store, "legal-referral", legal, &error));
  g_assert_no_error (error);
}

static VitaSiteInfo *
load_info (VitaStore *store)
{
  g_autoptr(GError) error = NULL;
  VitaSiteInfo *info = vita_site_info_load (store, 0, 2025, &error);

  g_assert_no_error (error);
  g_assert_nonnull (info);
  return info;
}

static void
test_site_info_load (void)
{
  g_autoptr(VitaStore) store = make_store ("load");
  g_autoptr(VitaSiteInfo) info = NULL;
  g_autofree char *message = NULL;

  /* Blank and white-space-only settings count as not filled in. */
  set_site (store, "  Casa Comunitaria  ", "   ", "");
  info = load_info (store);

  g_assert_cmpstr (info->site_name, ==, "Casa Comunitaria");
  g_assert_null (info->site_contact);
  g_assert_null (info->legal_referral);
  g_assert_cmpuint (info->missing->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (info->missing, 0), ==, "site-contact");
  g_assert_cmpstr (g_ptr_array_index (info->missing, 1), ==, "legal-referral");
  /* An unsaved household gets a date for its tax year, never a past one. */
  g_assert_nonnull (info->purge_date);
  {
    GDate today, date;

    vita_clock_get_today (&today);
    g_assert_true (vita_retention_parse_date (info->purge_date, &date, NULL));
    g_assert_cmpint (g_date_compare (&date, &today), >, 0);
  }

  message = vita_site_info_dup_missing_message (info);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "how to reach the site; independent legal help"));
}

static void
test_site_info_complete (void)
{
  g_autoptr(VitaStore) store = make_store ("complete");
  g_autoptr(VitaSiteInfo) info = NULL;
  g_autoptr(VitaNotice) notice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *bilingual = NULL;
  VitaNoticeSite site;

  set_site (store, "Casa Comunitaria", "617-555-0100", "Legal Aid Example");
  info = load_info (store);
  g_assert_cmpuint (info->missing->len, ==, 0);
  g_assert_null (vita_site_info_dup_missing_message (info));

  notice = vita_notice_load (NULL, &error);
  g_assert_no_error (error);

  retention = vita_site_info_fill (info, notice, "en", FALSE, &site);
  g_assert_cmpstr (site.site_name, ==, "Casa Comunitaria");
  g_assert_cmpstr (site.site_contact, ==, "617-555-0100");
  g_assert_cmpstr (site.legal_referral, ==, "Legal Aid Example");
  g_assert_true (site.retention == retention);
  /* One language: the date written out, not YYYY-MM-DD. */
  g_assert_nonnull (retention);
  g_assert_cmpstr (retention, !=, info->purge_date);

  /* Two languages share one retention text: the ISO date reads the same
   * in both. */
  bilingual = vita_site_info_fill (info, notice, "ko", TRUE, &site);
  g_assert_cmpstr (bilingual, ==, info->purge_date);
}

static void
test_site_info_promises (void)
{
  g_autoptr(VitaStore) store = make_store ("promises");
  g_autoptr(VitaSiteInfo) info = NULL;
  g_autoptr(GPtrArray) with_legal = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) without_legal = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) clean = g_ptr_array_new_with_free_func (g_free);

  set_site (store, "Casa Comunitaria", "617-555-0100", PROMISE);
  info = load_info (store);

  vita_site_info_check_promises (info, "en", TRUE, with_legal);
  g_assert_cmpuint (with_legal->len, >, 0);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (with_legal, 0), "In the site’s settings: "));

  /* The consent screen does not show the legal help, so it is not checked. */
  vita_site_info_check_promises (info, "en", FALSE, without_legal);
  g_assert_cmpuint (without_legal->len, ==, 0);

  g_clear_pointer (&info, vita_site_info_free);
  set_site (store, "Casa Comunitaria", "617-555-0100", "Legal Aid Example");
  info = load_info (store);
  vita_site_info_check_promises (info, "en", TRUE, clean);
  g_assert_cmpuint (clean->len, ==, 0);
}

/* The coordinator's approval of the notice (issue 14, item 1): a setting
 * for this version, an "approve-notice" audit entry naming the version,
 * and the date every member text prints. */
static void
test_notice_review_approve (void)
{
  g_autoptr(VitaStore) store = make_store ("approve");
  g_autoptr(VitaNotice) notice = NULL;
  g_autoptr(VitaNoticeReview) before = NULL;
  g_autoptr(VitaNoticeReview) after = NULL;
  g_autoptr(VitaSiteInfo) info = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 ("2026-12-07T10:00:00", tz);
  g_autofree char *retention = NULL;
  VitaNoticeSite site;
  gboolean found = FALSE;

  vita_clock_set_for_testing (now);
  notice = vita_notice_load (NULL, &error);
  g_assert_no_error (error);

  before = vita_notice_review_load (store, notice, &error);
  g_assert_no_error (error);
  g_assert_true (before->overdue);
  g_assert_null (before->approved);

  /* The review limit is validated where it is saved. */
  g_assert_false (vita_store_set_setting (store, VITA_NOTICE_REVIEW_DAYS_KEY, "3", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vita_store_set_setting (store, VITA_NOTICE_APPROVED_KEY, "2030-01-01 2026.1", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (vita_store_set_setting (store, VITA_NOTICE_REVIEW_DAYS_KEY, "30", &error));
  g_assert_no_error (error);

  g_assert_true (vita_notice_review_approve (store, notice, &error));
  g_assert_no_error (error);

  after = vita_notice_review_load (store, notice, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (after->approved, ==, "2026-12-07");
  g_assert_cmpint (after->age_days, ==, 0);
  g_assert_cmpuint (after->limit_days, ==, 30);
  g_assert_false (after->overdue);

  entries = vita_store_list_audit (store, 0, 0, 50, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      VitaAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->action, "approve-notice"))
        {
          g_assert_cmpstr (entry->detail, ==, vita_notice_get_version (notice));
          g_assert_cmpint (entry->household_id, ==, 0);
          found = TRUE;
        }
    }
  g_assert_true (found);

  /* Every member text gets the date from the site's settings. */
  info = load_info (store);
  retention = vita_site_info_fill (info, notice, "en", FALSE, &site);
  g_assert_cmpstr (site.approved_date, ==, "2026-12-07");

  vita_clock_set_for_testing (NULL);
}

static void
test_member_check_notice (void)
{
  g_autoptr(VitaStore) store = make_store ("notice");
  g_autoptr(VitaSiteInfo) info = NULL;
  g_autoptr(VitaNotice) notice = NULL;
  g_autoptr(GHashTable) checks = NULL;
  g_autoptr(GHashTable) rash = NULL;
  g_autoptr(GError) error = NULL;
  const VitaLanguage *languages;
  guint n_languages;

  set_site (store, "Casa Comunitaria", "617-555-0100", "Legal Aid Example");
  info = load_info (store);
  notice = vita_notice_load (NULL, &error);
  g_assert_no_error (error);

  /* The shipped notice is current and clean in every member language. */
  languages = vita_i18n_get_languages (&n_languages);
  checks = vita_member_check_notice_languages (notice, info);
  g_assert_cmpuint (g_hash_table_size (checks), ==, n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      VitaLangCheck *check = g_hash_table_lookup (checks, languages[i].code);

      g_assert_nonnull (check);
      g_assert_true (check->available);
      g_assert_null (check->error);
      g_assert_cmpuint (check->translation->len, ==, 0);
      g_assert_cmpuint (check->promises->len, ==, 0);
    }

  /* A rash site setting is reported in every language, since the member
   * reads it whatever language they pick. */
  g_clear_pointer (&info, vita_site_info_free);
  set_site (store, "Casa Comunitaria", PROMISE, "Legal Aid Example");
  info = load_info (store);
  rash = vita_member_check_notice_languages (notice, info);
  for (guint i = 0; i < n_languages; i++)
    {
      VitaLangCheck *check = g_hash_table_lookup (rash, languages[i].code);

      g_assert_true (check->available);
      g_assert_cmpuint (check->promises->len, >, 0);
    }
}

static void
test_member_check_consent (void)
{
  g_autoptr(VitaStore) store = make_store ("consent");
  g_autoptr(VitaSiteInfo) info = NULL;
  g_autoptr(VitaConsentText) text = NULL;
  g_autoptr(VitaLangCheck) check = NULL;
  g_autoptr(VitaLangCheck) rash = NULL;
  g_autoptr(GHashTable) checks = NULL;
  g_autoptr(GError) error = NULL;
  const VitaLanguage *languages;
  guint n_languages;

  set_site (store, "Casa Comunitaria", "617-555-0100", PROMISE);
  info = load_info (store);
  text = vita_consent_text_load (NULL, &error);
  g_assert_no_error (error);

  /* The consent does not show the legal help, so its promise is not the
   * consent's problem. */
  check = vita_member_check_consent (text, info, "es");
  g_assert_true (check->available);
  g_assert_null (check->error);
  g_assert_cmpuint (check->n_untranslated, ==, 0);
  g_assert_cmpuint (check->promises->len, ==, 0);

  g_clear_pointer (&info, vita_site_info_free);
  set_site (store, PROMISE, "617-555-0100", "Legal Aid Example");
  info = load_info (store);
  rash = vita_member_check_consent (text, info, "ko");
  g_assert_cmpuint (rash->promises->len, >, 0);

  /* With clean settings the shipped consent is complete in every member
   * language: a language added without its translation fails here. */
  g_clear_pointer (&info, vita_site_info_free);
  set_site (store, "Casa Comunitaria", "617-555-0100", "Legal Aid Example");
  info = load_info (store);
  languages = vita_i18n_get_languages (&n_languages);
  checks = vita_member_check_consent_languages (text, info);
  g_assert_cmpuint (g_hash_table_size (checks), ==, n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      VitaLangCheck *each = g_hash_table_lookup (checks, languages[i].code);

      g_assert_nonnull (each);
      for (guint k = 0; k < each->promises->len; k++)
        g_test_message ("%s: %s", languages[i].code, (char *) g_ptr_array_index (each->promises, k));
      g_assert_true (each->available);
      g_assert_cmpuint (each->n_untranslated, ==, 0);
      g_assert_cmpuint (each->translation->len, ==, 0);
      g_assert_cmpuint (each->promises->len, ==, 0);
    }
}

static void
test_person_name (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autofree char *taxpayer = NULL;
  g_autofree char *spouse = NULL;
  g_autofree char *named = NULL;
  g_autofree char *first_only = NULL;
  g_autofree char *member = NULL;
  int first, second;

  vita_household_add_spouse (hh);
  first = vita_household_add_dependent (hh);
  second = vita_household_add_dependent (hh);

  taxpayer = vita_intake_dup_person_name (hh, VITA_PERSON_TAXPAYER);
  spouse = vita_intake_dup_person_name (hh, VITA_PERSON_SPOUSE);
  member = vita_intake_dup_person_name (hh, second);
  g_assert_cmpstr (taxpayer, ==, "The taxpayer");
  g_assert_cmpstr (spouse, ==, "The spouse");
  /* Counted among the household members, from 1. */
  g_assert_cmpstr (member, ==, "Household member 2");

  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "Ana María");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "García López");
  vita_household_set (hh, first, "first_name", "Min-jun");
  named = vita_intake_dup_person_name (hh, VITA_PERSON_TAXPAYER);
  first_only = vita_intake_dup_person_name (hh, first);
  g_assert_cmpstr (named, ==, "Ana María García López");
  g_assert_cmpstr (first_only, ==, "Min-jun");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = vita_test_make_tmpdir ();

  g_test_add_func ("/site-info/load", test_site_info_load);
  g_test_add_func ("/site-info/complete", test_site_info_complete);
  g_test_add_func ("/site-info/promises", test_site_info_promises);
  g_test_add_func ("/member-check/notice", test_member_check_notice);
  g_test_add_func ("/notice-review/approve", test_notice_review_approve);
  g_test_add_func ("/member-check/consent", test_member_check_consent);
  g_test_add_func ("/intake-util/person-name", test_person_name);

  ret = g_test_run ();
  vita_test_rm_rf (tmpdir);
  g_free (tmpdir);
  return ret;
}
