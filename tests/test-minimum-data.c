/* test-minimum-data.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Minimum-data mode (issue 14, item 8): TINs are kept while the forms are
 * being prepared and erased once they are printed or the return is
 * finished; the contact answers go at the first purge run some days after
 * the print; nothing changes with the mode off; new stores start with it
 * on, older stores keep it off.  The clock is injected.
 */

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-form-print-set.h"
#include "vita-minimum-data.h"
#include "vita-retention.h"
#include "vita-schema.h"
#include "vita-store-households.h"
#include "vita-store-private.h"
#include "vita-store-records.h"
#include "vita-store.h"
#include "vita-test-utils.h"

#define COORD "coord"
/* Synthetic numbers: 9XX-7X is an ITIN shape, 000 an impossible SSN area,
 * so neither is anyone's. */
#define TAXPAYER_TIN  "900701234"
#define US_PERSON_TIN "900781111"
#define STREET        "17 Synthetic Lane"
#define PHONE         "6175550134"

typedef struct
{
  char      *dir;
  VitaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  vita_test_set_now ("2027-02-01");
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

static void
set_mode (Fixture    *f,
          const char *value)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vita_store_set_setting (f->store, VITA_MINIMUM_DATA_KEY, value, &error));
  g_assert_no_error (error);
}

/* A household with a TIN for the taxpayer, a dependent applying for an
 * ITIN as the dependent of a U.S. person (W-7 box d: that person's TIN),
 * and an address, phone and e-mail. */
static gint64
new_household (Fixture          *f,
               VitaReturnStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  int child;

  vita_household_set_tax_year (hh, 2026);
  vita_household_set_status (hh, status);
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "Minimum");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "Fixture");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "tin_type", "itin");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "tin", TAXPAYER_TIN);
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "phone", PHONE);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.street", STREET);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.city", "Boston");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.zip", "02134");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "email", "fixture@example.org");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  child = vita_household_add_dependent (hh);
  vita_household_set (hh, child, "first_name", "Child");
  vita_household_set (hh, child, "last_name", "Fixture");
  vita_household_set (hh, child, "tin_type", "needs_itin");
  vita_household_set (hh, child, "w7.reasons", "d");
  vita_household_set (hh, child, "w7.us_person_tin", US_PERSON_TIN);
  vita_household_set (hh, child, "w7.prev_tin", "yes");
  vita_household_set (hh, child, "w7.prev.irsn", "900791212");
  vita_store_save_household (f->store, hh, &error);
  g_assert_no_error (error);
  return vita_household_get_id (hh);
}

static VitaHousehold *
load (Fixture *f,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  VitaHousehold *hh = vita_store_load_household (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hh);
  return hh;
}

static guint
count_tins (VitaHousehold *hh)
{
  guint n = 0;

  for (int p = VITA_PERSON_HOUSEHOLD; p < 4; p++)
    {
      static const char *ids[] = { "tin", "w7.us_person_tin", "w7.prev.itin", "w7.prev.irsn" };

      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        n += vita_household_get (hh, p, ids[i]) != NULL;
    }
  return n;
}

static void
assert_names_kept (VitaHousehold *hh)
{
  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_TAXPAYER, "last_name"), ==, "Fixture");
  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_TAXPAYER, "tin_type"), ==, "itin");
  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "inc.wages"), ==, "yes");
}

/* How many audit entries of @action the household has; every entry's
 * detail is checked for the planted values on the way. */
static guint
count_audit (Fixture    *f,
             gint64      id,
             const char *action,
             const char *detail)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = vita_store_list_audit (f->store, id, 0, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      VitaAuditEntry *e = g_ptr_array_index (entries, i);

      g_assert_null (strstr (e->detail, TAXPAYER_TIN));
      g_assert_null (strstr (e->detail, US_PERSON_TIN));
      g_assert_null (strstr (e->detail, STREET));
      if (g_str_equal (e->action, action) && (detail == NULL || g_strcmp0 (e->detail, detail) == 0))
        n++;
    }
  return n;
}

static GBytes *
wrapped_key (Fixture *f,
             gint64   id)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *out;

  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (f->store),
                                       "SELECT wrapped FROM household_keys WHERE household_id = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  out = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

/* The stored sign-off digest, or NULL when no reviewer signed off. */
static GBytes *
reviewed_digest (Fixture *f,
                 gint64   id)
{
  sqlite3_stmt *stmt = NULL;
  GBytes *out = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (f->store),
                                       "SELECT reviewed_digest FROM households"
                                       " WHERE id = ?1 AND reviewer_id IS NOT NULL",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    out = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  return out;
}

static void
print_set (Fixture  *f,
           gint64    id,
           gboolean  with_draft)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = load (f, id);
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) vita_form_document_free);
  VitaFormDocument *doc = g_new0 (VitaFormDocument, 1);

  doc->form = g_strdup ("13614-C");
  doc->person = -1;
  doc->name = g_strdup ("13614-C");
  g_ptr_array_add (docs, doc);
  doc = g_new0 (VitaFormDocument, 1);
  doc->form = g_strdup ("W-7");
  doc->person = 2;
  doc->name = g_strdup ("W-7");
  doc->draft = with_draft;
  g_ptr_array_add (docs, doc);
  g_assert_true (vita_form_record_printed (f->store, hh, docs, &error));
  g_assert_no_error (error);
}

/* A store made now starts in the mode; the settings are checked. */
static void
test_new_store_on (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (vita_store_get_minimum_data (f->store));
  g_assert_cmpuint (vita_store_get_minimum_data_contact_days (f->store), ==, 7);
  g_assert_false (vita_store_set_setting (f->store, VITA_MINIMUM_DATA_KEY, "yes", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vita_store_set_setting (f->store, VITA_MINIMUM_DATA_CONTACT_DAYS_KEY, "91", &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (vita_store_set_setting (f->store, VITA_MINIMUM_DATA_CONTACT_DAYS_KEY, "0", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (vita_store_get_minimum_data_contact_days (f->store), ==, 0);
  set_mode (f, "off");
  g_assert_false (vita_store_get_minimum_data (f->store));

  g_assert_true (vita_minimum_data_field_is_tin ("tin"));
  g_assert_true (vita_minimum_data_field_is_tin ("w7.us_person_tin"));
  g_assert_true (vita_minimum_data_field_is_tin ("w7.prev.itin"));
  g_assert_false (vita_minimum_data_field_is_tin ("tin_type"));
  g_assert_true (vita_minimum_data_field_is_contact ("address.street"));
  g_assert_true (vita_minimum_data_field_is_contact ("w7.foreign.street"));
  g_assert_false (vita_minimum_data_field_is_contact ("w7.foreign_tax_id"));
  g_assert_false (vita_minimum_data_field_is_contact ("address.zip@zip3"));
}

/* While the return is prepared the TINs stay; a finished status erases
 * them under a new household key, audited without values. */
static void
test_erased_when_finished (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) before = NULL;
  g_autoptr(VitaHousehold) after = NULL;
  g_autoptr(GBytes) key_before = NULL;
  g_autoptr(GBytes) key_after = NULL;
  gint64 id = new_household (f, VITA_RETURN_STATUS_INTAKE);

  g_assert_true (vita_store_set_status (f->store, id, VITA_RETURN_STATUS_PREPARING, &error));
  g_assert_no_error (error);
  g_assert_true (vita_store_set_status (f->store, id, VITA_RETURN_STATUS_QUALITY_REVIEW, &error));
  g_assert_no_error (error);
  before = load (f, id);
  g_assert_cmpuint (count_tins (before), ==, 3);
  g_assert_cmpuint (count_audit (f, id, "erase-tins", NULL), ==, 0);
  key_before = wrapped_key (f, id);
  /* A quality-review sign-off of these answers (as vita-store-review.c
   * records it). */
  {
    g_autoptr(GBytes) digest = _vita_store_answers_digest (f->store, before);
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (f->store),
                                         "UPDATE households SET reviewer_id = 1, reviewed_at = '2027-02-01',"
                                         " reviewed_digest = ?2 WHERE id = ?1", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int64 (stmt, 1, id);
    sqlite3_bind_blob (stmt, 2, g_bytes_get_data (digest, NULL), g_bytes_get_size (digest), SQLITE_TRANSIENT);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
    sqlite3_finalize (stmt);
  }

  g_assert_true (vita_store_set_status (f->store, id, VITA_RETURN_STATUS_FILED, &error));
  g_assert_no_error (error);
  after = load (f, id);
  g_assert_cmpuint (count_tins (after), ==, 0);
  assert_names_kept (after);
  g_assert_cmpstr (vita_household_get (after, VITA_PERSON_HOUSEHOLD, "address.street"), ==, STREET);
  g_assert_cmpuint (count_audit (f, id, "erase-tins", "finished"), ==, 1);
  key_after = wrapped_key (f, id);
  g_assert_false (g_bytes_equal (key_before, key_after));
  /* Erasing is no change to review: the sign-off stays, bound to what is
   * left. */
  {
    g_autoptr(GBytes) stored = reviewed_digest (f, id);
    g_autoptr(GBytes) now = _vita_store_answers_digest (f->store, after);

    g_assert_nonnull (stored);
    g_assert_true (g_bytes_equal (stored, now));
  }

  /* A stale copy saved again in a finished status brings nothing back. */
  vita_household_set_status (before, VITA_RETURN_STATUS_ACCEPTED);
  g_assert_true (vita_store_save_household (f->store, before, &error));
  g_assert_no_error (error);
  g_clear_object (&after);
  after = load (f, id);
  g_assert_cmpuint (count_tins (after), ==, 0);
  g_assert_cmpuint (count_audit (f, id, "erase-tins", "finished"), ==, 2);
}

/* A complete print erases the TINs and dates the contact answers; a set
 * with a W-7 draft keeps both. */
static void
test_erased_when_printed (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = NULL;
  g_autofree char *date = NULL;
  gint64 id = new_household (f, VITA_RETURN_STATUS_PREPARING);

  print_set (f, id, TRUE);
  hh = load (f, id);
  g_assert_cmpuint (count_tins (hh), ==, 3);
  g_assert_null (vita_store_dup_contact_purge_date (f->store, id, &error));
  g_assert_no_error (error);

  print_set (f, id, FALSE);
  g_clear_object (&hh);
  hh = load (f, id);
  g_assert_cmpuint (count_tins (hh), ==, 0);
  assert_names_kept (hh);
  g_assert_cmpuint (count_audit (f, id, "erase-tins", "printed"), ==, 1);
  date = vita_store_dup_contact_purge_date (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (date, ==, "2027-02-08");

  /* A TIN typed in again to correct a form stays until the next print. */
  vita_household_set (hh, 2, "w7.us_person_tin", US_PERSON_TIN);
  g_assert_true (vita_store_save_household (f->store, hh, &error));
  g_assert_no_error (error);
  g_clear_object (&hh);
  hh = load (f, id);
  g_assert_cmpuint (count_tins (hh), ==, 1);
}

typedef struct
{
  gint64    id;
  gboolean  seen;
  char     *zip3;
  gboolean  street;
} Kept;

static gboolean
kept_answers (const VitaHouseholdAnswers *household,
              gpointer                    user_data,
              GError                    **error)
{
  Kept *k = user_data;

  if (household->id != k->id)
    return TRUE;
  k->seen = TRUE;
  for (guint i = 0; i < household->n_answers; i++)
    {
      if (g_str_equal (household->answers[i].field, "address.zip@zip3"))
        {
          g_free (k->zip3);
          k->zip3 = g_strdup (household->answers[i].value);
        }
      k->street |= g_str_equal (household->answers[i].field, "address.street");
    }
  return TRUE;
}

/* The contact answers go at the first purge run on or after the date;
 * the household itself, its names and the ZIP3 stay. */
static void
test_contact_purged_early (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = NULL;
  gint64 id = new_household (f, VITA_RETURN_STATUS_PREPARING);
  guint n = 99;

  print_set (f, id, FALSE);

  vita_test_set_now ("2027-02-07");
  g_assert_true (vita_store_purge_due (f->store, "2027-02-07", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  hh = load (f, id);
  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "address.street"), ==, STREET);

  vita_test_set_now ("2027-02-08");
  g_assert_true (vita_store_purge_due (f->store, "2027-02-08", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);  /* no household purged: only its contact answers */
  g_clear_object (&hh);
  hh = load (f, id);
  g_assert_null (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "address.street"));
  g_assert_null (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "address.zip"));
  g_assert_null (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "email"));
  g_assert_null (vita_household_get (hh, VITA_PERSON_TAXPAYER, "phone"));
  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "address.zip@zip3"), ==, "021");
  assert_names_kept (hh);
  g_assert_cmpuint (count_audit (f, id, "erase-contact", NULL), ==, 1);
  g_assert_null (vita_store_dup_contact_purge_date (f->store, id, &error));
  g_assert_no_error (error);

  /* What the statistics read, and what a full purge keeps later. */
  for (int purged = 0; purged <= 1; purged++)
    {
      Kept k = { id, FALSE, NULL, FALSE };

      g_assert_true (vita_store_foreach_answers (f->store, TRUE, kept_answers, &k, &error));
      g_assert_no_error (error);
      g_assert_true (k.seen);
      g_assert_false (k.street);
      g_assert_cmpstr (k.zip3, ==, "021");
      g_free (k.zip3);
      if (!purged)
        {
          g_assert_true (vita_store_purge_household (f->store, id, &error));
          g_assert_no_error (error);
        }
    }

  /* A second run has nothing more to do. */
  g_assert_true (vita_store_purge_minimum_data (f->store, "2027-02-08", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpuint (count_audit (f, id, "erase-contact", NULL), ==, 1);
}

/* With the mode off, nothing is erased: a finished, printed household past
 * the contact date keeps everything until its own purge date. */
static void
test_off_keeps (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = NULL;
  gint64 id;

  set_mode (f, "off");
  id = new_household (f, VITA_RETURN_STATUS_PREPARING);
  print_set (f, id, FALSE);
  g_assert_true (vita_store_set_status (f->store, id, VITA_RETURN_STATUS_FILED, &error));
  g_assert_no_error (error);
  vita_test_set_now ("2027-03-01");
  g_assert_true (vita_store_purge_due (f->store, "2027-03-01", NULL, &error));
  g_assert_no_error (error);
  hh = load (f, id);
  g_assert_cmpuint (count_tins (hh), ==, 3);
  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "address.street"), ==, STREET);
  g_assert_cmpuint (count_audit (f, id, "erase-tins", NULL), ==, 0);
  g_assert_cmpuint (count_audit (f, id, "erase-contact", NULL), ==, 0);

  /* Turned on later: the next purge run erases the TINs of returns
   * already finished. */
  set_mode (f, "on");
  g_assert_true (vita_store_purge_due (f->store, "2027-03-01", NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&hh);
  hh = load (f, id);
  g_assert_cmpuint (count_tins (hh), ==, 0);
  assert_names_kept (hh);
  g_assert_cmpuint (count_audit (f, id, "erase-tins", "finished"), ==, 1);
}

/* A store made before this version (schema 9, no setting) is migrated and
 * keeps the mode off: the notice it gives does not change by itself. */
static void
test_old_store_stays_off (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) hh = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = new_household (f, VITA_RETURN_STATUS_PREPARING);
  /* Schema 10: the version before the minimum_data step (10 -> 11). */
  const char *back = "PRAGMA user_version = 10;";

  g_assert_cmpint (sqlite3_exec (_vita_store_get_db (f->store),
                                 "DELETE FROM settings WHERE key LIKE 'minimum-data%';"
                                 "DROP TABLE minimum_data;", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (_vita_store_get_db (f->store), back, NULL, NULL, NULL), ==, SQLITE_OK);
  vita_store_lock (f->store);
  vita_store_unlock (f->store, COORD, VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_schema_get_version (_vita_store_get_db (f->store)), ==,
                   vita_schema_get_latest_version ());
  g_assert_cmpint (sqlite3_prepare_v2 (_vita_store_get_db (f->store),
                                       "SELECT count(*) FROM sqlite_master WHERE name = 'minimum_data'",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  g_assert_false (vita_store_get_minimum_data (f->store));
  print_set (f, id, FALSE);
  g_assert_true (vita_store_set_status (f->store, id, VITA_RETURN_STATUS_FILED, &error));
  g_assert_no_error (error);
  hh = load (f, id);
  g_assert_cmpuint (count_tins (hh), ==, 3);
  g_assert_true (vita_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/minimum-data/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("new-store-on", test_new_store_on);
  ADD ("erased-when-finished", test_erased_when_finished);
  ADD ("erased-when-printed", test_erased_when_printed);
  ADD ("contact-purged-early", test_contact_purged_early);
  ADD ("off-keeps", test_off_keeps);
  ADD ("old-store-stays-off", test_old_store_stays_off);
#undef ADD

  return g_test_run ();
}
