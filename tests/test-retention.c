/* test-retention.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Retention dates across the year (issue 10, items 1 and 11): the core runs
 * with its clock set to dates before, at and after the end of the filing
 * season.  GTest makes every GLib critical and warning fatal, so a date that
 * used to raise a GLib-CRITICAL fails these tests by aborting.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-field.h"
#include "vita-retention.h"
#include "vita-review.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-store-users.h"
#include "vita-store.h"
#include "vita-test-utils.h"

#define COORD      "coord"
#define VOLUNTEER  "vol"
#define VOL_PASS   "ember canyon violet harbor 73"
#define MIN_DAYS   90

/* Dates of one year, of which "the year" is 2027 (tax year 2026). */
static const char *dates[] = { "2027-01-15", "2027-04-29", "2027-05-01", "2027-08-01", "2027-12-31" };

typedef struct
{
  char      *dir;
  VitaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  /* Every store is made "now" in the test's own calendar. */
  vita_test_set_now (data != NULL ? data : "2027-01-15");
  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, COORD, VITA_TEST_PASSPHRASE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
  vita_clock_set_for_testing (NULL);
}

static char *
iso_plus_days (const char *iso,
               int         days)
{
  GDate date;

  g_assert_true (vita_retention_parse_date (iso, &date, NULL));
  g_date_add_days (&date, days);
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gint64
new_household (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = vita_household_new ();

  vita_household_set_tax_year (hh, vita_store_get_default_tax_year (f->store));
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "Retention");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "Fixture");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  return vita_household_get_id (hh);
}

static char *
purge_date (Fixture *f,
            gint64   id)
{
  g_autoptr(GError) error = NULL;
  char *date = vita_store_dup_purge_date (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (date);
  return date;
}

static gboolean
has_identity (Fixture *f,
              gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = vita_store_load_household (f->store, id, &error);

  return hh != NULL && g_strcmp0 (vita_household_get (hh, VITA_PERSON_TAXPAYER, "last_name"), "Fixture") == 0;
}

/* A household saved on any day of the year is not due, its date is in the
 * future and at least the site minimum after the save, and it is not due
 * after that date either while its return is not finished. */
static void
test_new_household_never_due (Fixture       *f,
                              gconstpointer  data)
{
  const char *today = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *minimum = iso_plus_days (today, MIN_DAYS);
  g_autofree char *after = NULL;
  g_autofree char *later = NULL;
  g_autofree char *refiled = NULL;
  gint64 counts[VITA_RETURN_STATUS_LAST + 1];
  gint64 id;
  guint n = 99;

  /* Tax year from the filing season of the date. */
  g_assert_cmpint (vita_store_get_default_tax_year (f->store), ==, 2026);
  id = new_household (f);
  date = purge_date (f, id);
  g_assert_cmpstr (date, >, today);
  g_assert_cmpstr (date, >=, minimum);
  g_assert_cmpstr (date, >=, "2027-04-30");
  g_assert_cmpint (vita_store_count_purge_due (f->store, today, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_true (vita_store_count_past_date (f->store, today, counts, &error));
  for (int i = 0; i <= VITA_RETURN_STATUS_LAST; i++)
    g_assert_cmpint (counts[i], ==, 0);

  /* Past its date, in preparation: held, not due, not purged. */
  vita_store_set_status (f->store, id, VITA_RETURN_STATUS_PREPARING, &error);
  g_assert_no_error (error);
  g_free (date);
  date = purge_date (f, id);
  after = iso_plus_days (date, 1);
  vita_test_set_now (after);
  g_assert_cmpint (vita_store_count_purge_due (f->store, after, &error), ==, 0);
  g_assert_true (vita_store_count_past_date (f->store, after, counts, &error));
  g_assert_cmpint (counts[VITA_RETURN_STATUS_PREPARING], ==, 1);
  g_assert_true (vita_store_purge_due (f->store, after, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (has_identity (f, id));

  /* Filed now: a change, so its date moves the minimum beyond it... */
  vita_store_set_status (f->store, id, VITA_RETURN_STATUS_FILED, &error);
  g_assert_no_error (error);
  g_free (minimum);
  minimum = iso_plus_days (after, MIN_DAYS);
  refiled = purge_date (f, id);
  g_assert_cmpstr (refiled, >=, minimum);
  g_assert_cmpint (vita_store_count_purge_due (f->store, after, &error), ==, 0);

  /* ...and once that has passed it is due, and purged. */
  later = iso_plus_days (refiled, 1);
  vita_test_set_now (later);
  g_assert_cmpint (vita_store_count_purge_due (f->store, later, &error), ==, 1);
  g_assert_true (vita_store_purge_due (f->store, later, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (has_identity (f, id));
}

/* Closing a return through the review workflow is a change too: a late
 * "not filing" does not make the household due on the spot. */
static void
test_workflow_status_moves_date (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  gint64 id = new_household (f);

  vita_test_set_now ("2027-06-01");
  g_assert_true (vita_review_set_status (f->store, id, VITA_RETURN_STATUS_NOT_FILING, &error));
  g_assert_no_error (error);
  date = purge_date (f, id);
  g_assert_cmpstr (date, ==, "2027-08-31");
  g_assert_cmpint (vita_store_count_purge_due (f->store, "2027-06-01", &error), ==, 0);
  vita_test_set_now ("2027-09-01");
  g_assert_cmpint (vita_store_count_purge_due (f->store, "2027-09-01", &error), ==, 1);
}

/* What a member is told is never a past date. */
static void
test_member_date_never_past (Fixture       *f,
                             gconstpointer  data)
{
  const char *today = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *unsaved = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *stale = NULL;
  g_autofree char *year_on = iso_plus_days (today, 400);
  gboolean pending = FALSE;
  gint64 id;

  unsaved = vita_store_dup_member_purge_date (f->store, 0, 0, &pending, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (unsaved, >, today);
  g_assert_true (pending);

  id = new_household (f);
  saved = vita_store_dup_member_purge_date (f->store, id, 0, &pending, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved, >, today);
  g_assert_true (pending);

  /* A year on, still not filed: the date told is still ahead. */
  vita_test_set_now (year_on);
  stale = vita_store_dup_member_purge_date (f->store, id, 0, &pending, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stale, >, year_on);
  g_assert_true (pending);
}

/* The confirmation names how many of each status it destroys: the count
 * by status matches what the purge does, and only finished returns go. */
static void
test_purge_counts_by_status (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 ids[VITA_RETURN_STATUS_LAST + 1];
  gint64 counts[VITA_RETURN_STATUS_LAST + 1];
  guint n = 0;

  for (int s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
    {
      ids[s] = new_household (f);
      vita_store_set_status (f->store, ids[s], s, &error);
      g_assert_no_error (error);
    }

  vita_test_set_now ("2028-01-02");
  g_assert_true (vita_store_count_past_date (f->store, "2028-01-02", counts, &error));
  g_assert_no_error (error);
  for (int s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
    g_assert_cmpint (counts[s], ==, 1);
  g_assert_cmpint (vita_store_count_purge_due (f->store, "2028-01-02", &error), ==, 3);

  g_assert_true (vita_store_purge_due (f->store, "2028-01-02", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  for (int s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
    g_assert_cmpint (has_identity (f, ids[s]), ==, !vita_retention_status_is_final (s));

  /* A purge "today" later than the clock's would run ahead of the dates. */
  g_assert_false (vita_store_purge_due (f->store, "2029-01-01", &n, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
}

/* Households that were not due shared a retention key with purged ones:
 * an earlier backup put back beside the live keys reveals neither the
 * purged identity, while the live store still opens the others. */
static void
test_partial_bucket_purge (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "site.vita", NULL);
  g_autofree char *dest = g_build_filename (f->dir, "before.vita", NULL);
  g_autofree char *date_a = NULL;
  g_autofree char *date_b = NULL;
  gint64 a, b;
  guint n = 0;

  a = new_household (f);
  b = new_household (f);
  vita_store_set_status (f->store, a, VITA_RETURN_STATUS_ACCEPTED, &error);
  g_assert_no_error (error);
  vita_store_set_status (f->store, b, VITA_RETURN_STATUS_QUALITY_REVIEW, &error);
  g_assert_no_error (error);
  date_a = purge_date (f, a);
  date_b = purge_date (f, b);
  g_assert_cmpstr (date_a, ==, date_b);
  vita_store_backup (f->store, dest, &error);
  g_assert_no_error (error);

  vita_test_set_now ("2027-06-01");
  g_assert_true (vita_store_purge_due (f->store, "2027-06-01", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (has_identity (f, a));
  g_assert_true (has_identity (f, b));

  vita_store_lock (f->store);
  g_assert_cmpint (g_rename (dest, path), ==, 0);
  /* The older copy is refused as such until the coordinator says the
   * restore is deliberate (README: restoring a backup). */
  g_assert_false (vita_store_unlock (f->store, COORD, VITA_TEST_PASSPHRASE, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_ROLLED_BACK);
  g_clear_error (&error);
  vita_test_forget_high_water_mark (path);
  vita_store_unlock (f->store, COORD, VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_false (has_identity (f, a));
}

/* Dates from the public API are checked: no GLib-CRITICAL (which GTest
 * would make fatal), a translated GError instead. */
static void
test_invalid_dates (Fixture       *f,
                    gconstpointer  data)
{
  static const char *bad[] = { "2026-02-30", "9999-12-31", "1999-01-01", "2027-4-30", "2027-13-01",
                               "abcd-ef-gh", "", "2027-04-30x" };
  gint64 counts[VITA_RETURN_STATUS_LAST + 1];
  gint64 id = new_household (f);
  g_autofree char *before = purge_date (f, id);
  g_autofree char *after = NULL;
  GDate date;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("date %s", bad[i]);
      g_assert_false (vita_store_set_household_retention (f->store, id, bad[i], &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
      g_assert_cmpstr (error->message, !=, "");
      g_clear_error (&error);
      g_assert_false (vita_retention_parse_date (bad[i], &date, &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (vita_store_count_past_date (f->store, bad[i], counts, &error));
      g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
      g_assert_null (vita_retention_purge_date (bad[i], 2026));
    }
  after = purge_date (f, id);
  g_assert_cmpstr (after, ==, before);

  /* Real dates, but before what the policy allows for this household. */
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (vita_store_set_household_retention (f->store, id, "2027-03-01", &error));
    g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  }

  /* Settings that decide dates are checked too. */
  {
    static const struct { const char *key, *value; } bad_settings[] = {
      { "retention", "forever" }, { "retention", "2026-02-30" }, { "season-tax-year", "2031" },
      { "season-tax-year", "1999" }, { "season-tax-year", "x" }, { "retention-min-days", "0" },
      { "retention-min-days", "9999" }, { "retention-max-days", "-1" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (bad_settings); i++)
      {
        g_autoptr(GError) error = NULL;

        g_assert_false (vita_store_set_setting (f->store, bad_settings[i].key, bad_settings[i].value, &error));
        g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
      }
  }
}

static gboolean
audit_has (Fixture    *f,
           gint64      id,
           const char *action,
           const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = vita_store_list_audit (f->store, id, 0, 0, &error);
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      VitaAuditEntry *e = g_ptr_array_index (audit, i);

      /* A code, never the date. */
      g_assert_null (strstr (e->detail, "2029"));
      if (g_strcmp0 (e->action, action) == 0 && g_strcmp0 (e->detail, detail) == 0)
        found = TRUE;
    }
  return found;
}

/* Within the policy's reach a volunteer may move a date; beyond it only a
 * coordinator, audited as such; nobody past the hard limit. */
static void
test_beyond_policy_is_coordinators (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  VitaKdfParams params;
  gint64 id = new_household (f);

  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, VOLUNTEER, "A Volunteer", VITA_ROLE_VOLUNTEER, VOL_PASS, &params, &error);
  g_assert_no_error (error);

  vita_store_lock (f->store);
  vita_store_unlock (f->store, VOLUNTEER, VOL_PASS, &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_set_household_retention (f->store, id, "2027-10-31", &error));
  g_assert_no_error (error);
  date = purge_date (f, id);
  g_assert_cmpstr (date, ==, "2027-10-31");
  g_clear_pointer (&date, g_free);
  g_assert_false (vita_store_set_household_retention (f->store, id, "2029-04-30", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  date = purge_date (f, id);
  g_assert_cmpstr (date, ==, "2027-10-31");
  g_clear_pointer (&date, g_free);

  vita_store_lock (f->store);
  vita_store_unlock (f->store, COORD, VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (audit_has (f, id, "change-retention", "within-policy"));
  g_assert_false (audit_has (f, id, "change-retention", "beyond-policy"));
  g_assert_true (vita_store_set_household_retention (f->store, id, "2029-04-30", &error));
  g_assert_no_error (error);
  date = purge_date (f, id);
  g_assert_cmpstr (date, ==, "2029-04-30");
  g_assert_true (audit_has (f, id, "change-retention", "beyond-policy"));

  /* Not even a coordinator keeps identity for decades. */
  g_assert_false (vita_store_set_household_retention (f->store, id, "2099-04-30", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
}

static gboolean
find_tax_year (const VitaHouseholdAnswers  *household,
               gpointer                     user_data,
               GError                     **error)
{
  for (guint i = 0; i < household->n_answers; i++)
    if (household->answers[i].person == VITA_PERSON_HOUSEHOLD
        && g_strcmp0 (household->answers[i].field, "tax_year") == 0)
      *(char **) user_data = g_strdup (household->answers[i].value);
  return TRUE;
}

/* The tax year is an interview field, defaulting from the site's season
 * setting, and prior years can be chosen. */
static void
test_tax_year_field (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(VitaHousehold) loaded = NULL;
  const VitaField *field = vita_field_lookup ("tax_year");
  g_autofree char *value = NULL;
  g_autofree char *date = NULL;
  g_autofree char *exported = NULL;

  g_assert_nonnull (field);
  g_assert_cmpint (field->scope, ==, VITA_SCOPE_HOUSEHOLD);
  g_assert_cmpint (field->klass, ==, VITA_FIELD_CLASS_SAFE);
  g_assert_true (vita_field_is_visible (field, hh, VITA_PERSON_HOUSEHOLD));

  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "tax_year"), ==, "2026");
  g_assert_true (vita_field_normalize_value (field, "2023", &value, &error));
  g_assert_no_error (error);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "tax_year", value);
  g_assert_cmpint (vita_household_get_tax_year (hh), ==, 2023);
  g_clear_pointer (&value, g_free);
  g_assert_false (vita_field_normalize_value (field, "2027", &value, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* A late return: its date still follows the minimum after the save. */
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  loaded = vita_store_load_household (f->store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (loaded, VITA_PERSON_HOUSEHOLD, "tax_year"), ==, "2023");
  date = purge_date (f, vita_household_get_id (hh));
  g_assert_cmpstr (date, >=, "2027-04-15");

  /* The export sees it as the household's tax_year answer. */
  g_assert_true (vita_store_foreach_answers (f->store, FALSE, find_tax_year, &exported, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (exported, ==, "2023");

  /* The site's season setting, when set, wins over the calendar. */
  vita_store_set_setting (f->store, "season-tax-year", "2025", &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_store_get_default_tax_year (f->store), ==, 2025);
  vita_store_set_setting (f->store, "season-tax-year", "", &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_store_get_default_tax_year (f->store), ==, 2026);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *never_due = g_strdup_printf ("/retention/new-household-never-due/%s", dates[i]);
      g_autofree char *member = g_strdup_printf ("/retention/member-date-never-past/%s", dates[i]);

      g_test_add (never_due, Fixture, dates[i], fixture_setup, test_new_household_never_due,
                  fixture_teardown);
      g_test_add (member, Fixture, dates[i], fixture_setup, test_member_date_never_past,
                  fixture_teardown);
    }
  g_test_add ("/retention/purge-counts-by-status", Fixture, "2027-01-15", fixture_setup,
              test_purge_counts_by_status, fixture_teardown);
  g_test_add ("/retention/workflow-status-moves-date", Fixture, "2027-01-15", fixture_setup,
              test_workflow_status_moves_date, fixture_teardown);
  g_test_add ("/retention/partial-bucket-purge", Fixture, "2027-01-15", fixture_setup,
              test_partial_bucket_purge, fixture_teardown);
  g_test_add ("/retention/invalid-dates", Fixture, "2027-01-15", fixture_setup, test_invalid_dates,
              fixture_teardown);
  g_test_add ("/retention/beyond-policy", Fixture, "2027-01-15", fixture_setup,
              test_beyond_policy_is_coordinators, fixture_teardown);
  g_test_add ("/retention/tax-year-field", Fixture, "2027-01-15", fixture_setup, test_tax_year_field,
              fixture_teardown);
  return g_test_run ();
}
