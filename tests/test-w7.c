/* test-w7.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "vita-field.h"
#include "vita-household.h"
#include "vita-itin-expiry.h"
#include "vita-retention.h"
#include "vita-w7.h"

/* Each case starts from a complete W-7 that has no blocking problem,
 * changes a few answers and says what must (or must not) be reported.
 * The application date is fixed, so ages and expiry dates do not drift.
 * All names and numbers are made up. */

#define TODAY_YEAR  2026
#define TODAY_MONTH 3
#define TODAY_DAY   15

static const char *doc_kinds[] = {
  "passport", "uscis_photo_id", "us_visa", "us_drivers_license", "us_military_id",
  "foreign_drivers_license", "foreign_military_id", "national_id", "us_state_id",
  "foreign_voter_card", "birth_certificate", "medical_records", "school_records", NULL
};

typedef enum
{
  WHO_TAXPAYER,
  WHO_DEPENDENT,
} Who;

typedef enum
{
  EXPECT_BLOCKING,     /* a blocking problem on the field */
  EXPECT_NO_BLOCKING,  /* no blocking problem on the field (or anywhere, for NULL) */
  EXPECT_REMINDER,     /* a reminder on the field, and nothing blocking there */
  EXPECT_NOTHING,      /* no problem at all on the field */
} Expect;

typedef struct
{
  const char *field;
  const char *value; /* NULL: cleared after the base is built */
} Edit;

typedef struct
{
  const char *name;
  Who         who;
  int         age;
  gboolean    no_passport;
  Edit        edits[12];
  const char *field;
  Expect      expect;
  const char *contains; /* English message text, or NULL */
} W7Case;

static void
get_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, TODAY_DAY, TODAY_MONTH, TODAY_YEAR);
}

/* Born on the application date @age years earlier: exactly @age today. */
static char *
dob_for_age (int age)
{
  return g_strdup_printf ("%04d-%02d-%02d", TODAY_YEAR - age, TODAY_MONTH, TODAY_DAY);
}

static int
build_base (VitaHousehold *hh,
            Who            who,
            int            age,
            gboolean       no_passport)
{
  g_autofree char *dob = dob_for_age (age);
  int p = VITA_PERSON_TAXPAYER;

  if (who == WHO_DEPENDENT)
    {
      p = vita_household_add_dependent (hh);
      vita_household_set (hh, p, "relationship", "child");
      vita_household_set (hh, p, "dep.student", "no");
      vita_household_set (hh, p, "w7.reasons", "d");
      vita_household_set (hh, p, "w7.d_relationship", "child");
      vita_household_set (hh, p, "w7.us_person_name", "Juan García");
      vita_household_set (hh, p, "w7.us_person_tin", "212345678");
      if (age < 18)
        {
          vita_household_set (hh, p, "w7.signer", "delegate");
          vita_household_set (hh, p, "w7.delegate.name", "Juan García");
          vita_household_set (hh, p, "w7.delegate.relationship", "parent");
        }
      else
        vita_household_set (hh, p, "w7.signer", "applicant");
    }
  else
    {
      vita_household_set (hh, p, "w7.reasons", "b");
      vita_household_set (hh, p, "w7.signer", "applicant");
    }

  vita_household_set (hh, p, "tin_type", "needs_itin");
  vita_household_set (hh, p, "first_name", "Ana");
  vita_household_set (hh, p, "last_name", "García López");
  vita_household_set (hh, p, "dob", dob);
  vita_household_set (hh, p, "w7.application_type", "new");
  vita_household_set (hh, p, "w7.name.first", "Ana");
  vita_household_set (hh, p, "w7.name.last", "García López");
  vita_household_set (hh, p, "w7.mail.street", "123 Main St Apt 4");
  vita_household_set (hh, p, "w7.mail.city", "Springfield");
  vita_household_set (hh, p, "w7.mail.country", "United States");
  vita_household_set (hh, p, "w7.foreign.street", "4a Avenida 12-30 Zona 1");
  vita_household_set (hh, p, "w7.foreign.city", "Quetzaltenango");
  vita_household_set (hh, p, "w7.foreign.country", "Guatemala");
  vita_household_set (hh, p, "w7.dob", dob);
  vita_household_set (hh, p, "w7.birth_country", "Guatemala");
  vita_household_set (hh, p, "w7.gender", "female");
  vita_household_set (hh, p, "w7.citizenship", "Guatemala");
  vita_household_set (hh, p, "w7.entry_date", "2025-06-01");
  vita_household_set (hh, p, "w7.prev_tin", "no");
  vita_household_set (hh, p, "w7.doc_verification", "mailed");

  if (no_passport)
    vita_household_set (hh, p, "w7.id_doc.type", "other");
  else
    {
      vita_household_set (hh, p, "w7.id_doc.type", "passport");
      vita_household_set (hh, p, "doc.passport", "yes");
      vita_household_set (hh, p, "doc.passport.issuer", "Guatemala");
      vita_household_set (hh, p, "doc.passport.expiry", "2030-01-01");
      vita_household_set (hh, p, "doc.passport.entry_stamp", "yes");
    }

  return p;
}

/* Household-wide answers (such as full_time_student) live in slot -1. */
static int
slot_for (const char *field_id,
          int         person)
{
  const VitaField *field = vita_field_lookup (field_id);

  g_assert_nonnull (field);
  return field->scope == VITA_SCOPE_HOUSEHOLD ? VITA_PERSON_HOUSEHOLD : person;
}

static void
apply_edits (VitaHousehold *hh,
             int            p,
             const Edit    *edits,
             guint          n_edits)
{
  for (guint i = 0; i < n_edits && edits[i].field != NULL; i++)
    {
      if (edits[i].value != NULL)
        vita_household_set (hh, slot_for (edits[i].field, p), edits[i].field, edits[i].value);
    }

  /* Documents a case adds are originals unless it says otherwise. */
  for (guint i = 0; doc_kinds[i] != NULL; i++)
    {
      g_autofree char *id = g_strconcat ("doc.", doc_kinds[i], NULL);
      g_autofree char *copy = g_strconcat (id, ".copy", NULL);

      if (vita_household_get_boolean (hh, p, id) && vita_household_get (hh, p, copy) == NULL)
        vita_household_set (hh, p, copy, "original");
    }

  for (guint i = 0; i < n_edits && edits[i].field != NULL; i++)
    {
      if (edits[i].value == NULL)
        vita_household_set (hh, slot_for (edits[i].field, p), edits[i].field, NULL);
    }
}

static void
assert_well_formed (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const VitaW7Problem *problem = g_ptr_array_index (problems, i);

      if (vita_field_lookup (problem->field_id) == NULL)
        g_error ("problem names unknown field %s", problem->field_id);
      g_assert_nonnull (problem->message);
      g_assert_cmpuint (strlen (problem->message), >, 10);
      g_assert_true (g_utf8_validate (problem->message, -1, NULL));
      /* Messages never carry identifiers. */
      g_assert_null (strstr (problem->message, "212345678"));
      g_assert_null (strstr (problem->message, "García"));
    }
}

static void
dump (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const VitaW7Problem *problem = g_ptr_array_index (problems, i);

      g_test_message ("%s %s: %s", problem->blocking ? "BLOCKING" : "reminder",
                      problem->field_id, problem->message);
    }
}

static gboolean
matches (const VitaW7Problem *problem,
         const char          *field,
         const char          *contains)
{
  if (field != NULL && !g_str_equal (problem->field_id, field))
    return FALSE;
  return contains == NULL || strstr (problem->message, contains) != NULL;
}

static void
assert_expectation (GPtrArray  *problems,
                    const char *field,
                    Expect      expect,
                    const char *contains)
{
  guint n_blocking = 0, n_reminders = 0;

  for (guint i = 0; i < problems->len; i++)
    {
      const VitaW7Problem *problem = g_ptr_array_index (problems, i);

      if (!matches (problem, field, contains))
        continue;
      if (problem->blocking)
        n_blocking++;
      else
        n_reminders++;
    }

  if ((expect == EXPECT_BLOCKING && n_blocking == 0) ||
      (expect != EXPECT_BLOCKING && n_blocking > 0) ||
      (expect == EXPECT_REMINDER && n_reminders == 0) ||
      (expect == EXPECT_NOTHING && n_reminders > 0))
    {
      dump (problems);
      g_error ("expected %s on %s (%s): %u blocking, %u reminders",
               expect == EXPECT_BLOCKING ? "a blocking problem" :
               expect == EXPECT_REMINDER ? "a reminder" :
               expect == EXPECT_NOTHING ? "nothing" : "nothing blocking",
               field ? field : "any field", contains ? contains : "any message",
               n_blocking, n_reminders);
    }
}

static void
test_case (gconstpointer data)
{
  const W7Case *c = data;
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GPtrArray) problems = NULL;
  GDate today;
  int p;

  get_today (&today);
  p = build_base (hh, c->who, c->age, c->no_passport);
  apply_edits (hh, p, c->edits, G_N_ELEMENTS (c->edits));

  problems = vita_w7_check (hh, p, &today);
  assert_well_formed (problems);
  assert_expectation (problems, c->field, c->expect, c->contains);
  if (c->field == NULL && c->expect == EXPECT_NO_BLOCKING)
    g_assert_false (vita_w7_has_blocking (problems));
}

#define TP WHO_TAXPAYER
#define DEP WHO_DEPENDENT
#define BLOCK EXPECT_BLOCKING
#define OK EXPECT_NO_BLOCKING
#define REMIND EXPECT_REMINDER

/* Edits that make a complete box f application. */
#define F_COMPLETE \
  { "w7.reasons", "f" }, { "w7.visa.type", "F-1" }, { "w7.visa.number", "12345678" }, \
  { "w7.visa.expiry", "2028-05-01" }, { "w7.college.name", "State University" }, \
  { "w7.college.city_state", "Austin, TX" }, { "w7.college.length_of_stay", "4 years" }

#define A_H_COMPLETE \
  { "w7.reasons", "a,h" }, { "w7.reason_h_text", "Exception 1d-Pension Income" }, \
  { "w7.treaty_country", "Guatemala" }, { "w7.treaty_article", "20" }

static const W7Case cases[] = {
  /* The bases themselves. */
  { "base/taxpayer", TP, 35, FALSE, { { 0 } }, NULL, OK, NULL },
  { "base/dependent-10", DEP, 10, FALSE, { { 0 } }, NULL, OK, NULL },
  { "base/dependent-20", DEP, 20, FALSE, { { 0 } }, NULL, OK, NULL },
  { "base/reminder-paper", TP, 35, FALSE, { { 0 } }, "w7.reasons", REMIND, "e-filed" },
  { "base/no-gender-reminder", TP, 35, FALSE, { { 0 } }, "w7.gender", EXPECT_NOTHING, NULL },
  { "a+h/country-same", TP, 35, FALSE, { A_H_COMPLETE }, "w7.treaty_country", EXPECT_NOTHING,
    NULL },

  /* Application type and reasons. */
  { "type/missing", TP, 35, FALSE, { { "w7.application_type", NULL } },
    "w7.application_type", BLOCK, NULL },
  { "type/disagrees-with-tin-type", TP, 35, FALSE, { { "tin_type", "renew_itin" } },
    "w7.application_type", REMIND, NULL },
  { "reasons/missing", TP, 35, FALSE, { { "w7.reasons", NULL } }, "w7.reasons", BLOCK, NULL },
  { "reasons/a-alone", TP, 35, FALSE,
    { { "w7.reasons", "a" }, { "w7.treaty_country", "Guatemala" }, { "w7.treaty_article", "20" } },
    "w7.reasons", BLOCK, "box h" },
  { "reasons/h-needs-text", TP, 35, FALSE, { { "w7.reasons", "h" } },
    "w7.reason_h_text", BLOCK, NULL },
  { "reasons/h-with-text", TP, 35, FALSE,
    { { "w7.reasons", "h" }, { "w7.reason_h_text", "Exception 4" } }, NULL, OK, NULL },
  { "reasons/h-reminder", TP, 35, FALSE,
    { { "w7.reasons", "h" }, { "w7.reason_h_text", "Exception 4" } },
    "w7.reasons", REMIND, "exception" },

  /* Renewal: lines 6e and 6f. */
  { "renew/needs-6e-yes", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" } },
    "w7.prev_tin", BLOCK, NULL },
  { "renew/needs-itin", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" }, { "w7.prev_tin", "yes" },
      { "w7.prev.first", "Ana" }, { "w7.prev.last", "García López" } },
    "w7.prev.itin", BLOCK, NULL },
  { "renew/atin-is-not-itin", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" }, { "w7.prev_tin", "yes" },
      { "w7.prev.itin", "912931234" }, { "w7.prev.first", "Ana" },
      { "w7.prev.last", "García López" } },
    "w7.prev.itin", BLOCK, "not a valid ITIN" },
  { "renew/ssn-is-not-itin", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" }, { "w7.prev_tin", "yes" },
      { "w7.prev.itin", "212345678" }, { "w7.prev.first", "Ana" },
      { "w7.prev.last", "García López" } },
    "w7.prev.itin", BLOCK, "not a valid ITIN" },
  { "renew/bad-middle-digits", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" }, { "w7.prev_tin", "yes" },
      { "w7.prev.itin", "912891234" }, { "w7.prev.first", "Ana" },
      { "w7.prev.last", "García López" } },
    "w7.prev.itin", BLOCK, "not a valid ITIN" },
  { "renew/needs-name", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" }, { "w7.prev_tin", "yes" },
      { "w7.prev.itin", "912701234" } },
    "w7.prev.first", BLOCK, NULL },
  { "renew/needs-last-name", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" }, { "w7.prev_tin", "yes" },
      { "w7.prev.itin", "912701234" }, { "w7.prev.first", "Ana" } },
    "w7.prev.last", BLOCK, NULL },
  { "renew/complete", TP, 35, FALSE,
    { { "w7.application_type", "renew" }, { "tin_type", "renew_itin" }, { "w7.prev_tin", "yes" },
      { "w7.prev.itin", "912701234" }, { "w7.prev.first", "Ana" }, { "w7.prev.last", "García" } },
    NULL, OK, NULL },
  { "new/previous-irsn", TP, 35, FALSE,
    { { "w7.prev_tin", "yes" }, { "w7.prev.irsn", "912061234" }, { "w7.prev.first", "Ana" },
      { "w7.prev.last", "García López" } },
    NULL, OK, NULL },
  { "new/previous-irsn-invalid", TP, 35, FALSE,
    { { "w7.prev_tin", "yes" }, { "w7.prev.irsn", "912701234" }, { "w7.prev.first", "Ana" },
      { "w7.prev.last", "García López" } },
    "w7.prev.irsn", BLOCK, NULL },
  { "new/previous-none-listed", TP, 35, FALSE,
    { { "w7.prev_tin", "yes" }, { "w7.prev.first", "Ana" }, { "w7.prev.last", "García López" } },
    "w7.prev.itin", BLOCK, NULL },

  /* Line 3 and box b. */
  { "b/missing-street", TP, 35, FALSE, { { "w7.foreign.street", NULL } },
    "w7.foreign.street", BLOCK, NULL },
  { "b/missing-city", TP, 35, FALSE, { { "w7.foreign.city", NULL } },
    "w7.foreign.city", BLOCK, NULL },
  { "b/missing-country", TP, 35, FALSE, { { "w7.foreign.country", NULL } },
    "w7.foreign.country", BLOCK, NULL },
  { "b/po-box", TP, 35, FALSE, { { "w7.foreign.street", "P.O. Box 45" } },
    "w7.foreign.street", BLOCK, NULL },
  { "b/po-box-caps", TP, 35, FALSE, { { "w7.foreign.street", "PO BOX 45" } },
    "w7.foreign.street", BLOCK, NULL },
  { "b/apartado", TP, 35, FALSE, { { "w7.foreign.street", "Apartado Postal 12" } },
    "w7.foreign.street", BLOCK, NULL },
  { "b/care-of", TP, 35, FALSE, { { "w7.foreign.street", "c/o María Pérez, Calle 3" } },
    "w7.foreign.street", BLOCK, NULL },
  { "b/in-care-of", TP, 35, FALSE, { { "w7.foreign.street", "In care of Luis, Calle 3" } },
    "w7.foreign.street", BLOCK, NULL },
  { "b/street-ok", TP, 35, FALSE, { { "w7.foreign.street", "Calle Boxeadores 4" } },
    "w7.foreign.street", OK, NULL },
  { "b/slash-in-street-ok", TP, 35, FALSE, { { "w7.foreign.street", "Calle Tepic/Oaxaca 12" } },
    "w7.foreign.street", OK, NULL },
  { "b/care-of-caps", TP, 35, FALSE, { { "w7.foreign.street", "C/O Luis, Calle 3" } },
    "w7.foreign.street", BLOCK, NULL },
  { "c/po-box-still-refused", TP, 35, FALSE,
    { { "w7.reasons", "c" }, { "w7.foreign.street", "P.O. Box 45" } },
    "w7.foreign.street", BLOCK, NULL },
  { "c/country-is-enough", TP, 35, FALSE,
    { { "w7.reasons", "c" }, { "w7.foreign.street", NULL }, { "w7.foreign.city", NULL } },
    NULL, OK, NULL },
  { "c/needs-country", TP, 35, FALSE,
    { { "w7.reasons", "c" }, { "w7.foreign.country", NULL } },
    "w7.foreign.country", BLOCK, NULL },

  /* Line 6d, date of entry. */
  { "c/needs-entry", TP, 35, FALSE, { { "w7.reasons", "c" }, { "w7.entry_date", NULL } },
    "w7.entry_date", BLOCK, NULL },
  { "c/never-entered", TP, 35, FALSE,
    { { "w7.reasons", "c" }, { "w7.entry_date", NULL }, { "w7.never_entered", "yes" } },
    "w7.never_entered", BLOCK, NULL },
  { "d/needs-entry", DEP, 10, FALSE, { { "w7.entry_date", NULL } },
    "w7.entry_date", BLOCK, NULL },
  { "d/never-entered", DEP, 10, FALSE,
    { { "w7.entry_date", NULL }, { "w7.never_entered", "yes" } },
    "w7.never_entered", BLOCK, NULL },
  { "g/needs-entry", TP, 35, FALSE,
    { { "w7.reasons", "g" }, { "doc.us_visa", "yes" }, { "w7.entry_date", NULL } },
    "w7.entry_date", BLOCK, NULL },
  { "g/never-entered", TP, 35, FALSE,
    { { "w7.reasons", "g" }, { "doc.us_visa", "yes" }, { "w7.entry_date", NULL },
      { "w7.never_entered", "yes" } },
    "w7.never_entered", BLOCK, NULL },
  { "b/never-entered-ok", TP, 35, FALSE,
    { { "w7.entry_date", NULL }, { "w7.never_entered", "yes" } }, NULL, OK, NULL },
  { "a+h/never-entered-ok", TP, 35, FALSE,
    { A_H_COMPLETE, { "w7.entry_date", NULL }, { "w7.never_entered", "yes" } },
    NULL, OK, NULL },
  { "f/never-entered-ok", TP, 25, FALSE,
    { F_COMPLETE, { "w7.entry_date", NULL }, { "w7.never_entered", "yes" } },
    NULL, OK, NULL },
  { "h/never-entered-ok", TP, 35, FALSE,
    { { "w7.reasons", "h" }, { "w7.reason_h_text", "Exception 4" }, { "w7.entry_date", NULL },
      { "w7.never_entered", "yes" } },
    NULL, OK, NULL },
  { "b/no-entry-answer-reminds", TP, 35, FALSE, { { "w7.entry_date", NULL } },
    "w7.entry_date", REMIND, NULL },
  { "entry/and-never", TP, 35, FALSE, { { "w7.never_entered", "yes" } },
    "w7.never_entered", BLOCK, NULL },
  { "entry/future", TP, 35, FALSE, { { "w7.entry_date", "2026-03-16" } },
    "w7.entry_date", BLOCK, "future" },
  { "entry/today", TP, 35, FALSE, { { "w7.entry_date", "2026-03-15" } },
    "w7.entry_date", OK, NULL },
  { "entry/before-birth", TP, 35, FALSE, { { "w7.entry_date", "1985-01-01" } },
    "w7.entry_date", BLOCK, "before the date of birth" },

  /* Boxes d and e. */
  { "d/needs-relationship", DEP, 10, FALSE, { { "w7.d_relationship", NULL } },
    "w7.d_relationship", BLOCK, NULL },
  { "d/needs-us-name", DEP, 10, FALSE, { { "w7.us_person_name", NULL } },
    "w7.us_person_name", BLOCK, NULL },
  { "d/needs-us-tin", DEP, 10, FALSE, { { "w7.us_person_tin", NULL } },
    "w7.us_person_tin", BLOCK, NULL },
  { "d/us-tin-invalid", DEP, 10, FALSE, { { "w7.us_person_tin", "000000000" } },
    "w7.us_person_tin", BLOCK, NULL },
  /* Well-known sample SSNs are no one's number (vita-validate.c). */
  { "d/us-tin-woolworth", DEP, 10, FALSE, { { "w7.us_person_tin", "078051120" } },
    "w7.us_person_tin", BLOCK, NULL },
  { "d/us-tin-pamphlet", DEP, 10, FALSE, { { "w7.us_person_tin", "219-09-9999" } },
    "w7.us_person_tin", BLOCK, NULL },
  { "e/us-tin-advertising", TP, 35, FALSE,
    { { "w7.reasons", "e" }, { "w7.us_person_name", "Juan García" }, { "w7.us_person_tin", "123-45-6789" } },
    "w7.us_person_tin", BLOCK, NULL },
  { "d/us-name-one-letter", DEP, 10, FALSE, { { "w7.us_person_name", "J" } },
    "w7.us_person_name", BLOCK, "initial" },
  { "d/us-name-two-letters", DEP, 10, FALSE, { { "w7.us_person_name", "Bo Li" } },
    "w7.us_person_name", EXPECT_NOTHING, NULL },
  { "reasons/unknown-letter", TP, 35, FALSE, { { "w7.reasons", "b,z" } },
    "w7.reasons", BLOCK, "not on the form" },
  { "entry/unparseable", DEP, 10, FALSE, { { "w7.entry_date", "sometime in 2019" } },
    "w7.entry_date", BLOCK, "not a date" },
  { "f/treaty-needs-h", TP, 25, FALSE,
    { F_COMPLETE, { "w7.treaty_claim", "yes" }, { "w7.treaty_country", "Guatemala" },
      { "w7.treaty_article", "20" } },
    "w7.reasons", BLOCK, "box h" },
  { "f+h/treaty-complete", TP, 25, FALSE,
    { F_COMPLETE, { "w7.reasons", "f,h" }, { "w7.reason_h_text", "Exception 2(b)" },
      { "w7.treaty_claim", "yes" }, { "w7.treaty_country", "Guatemala" }, { "w7.treaty_article", "20" } },
    NULL, OK, NULL },
  { "f+h/treaty-not-exception-2", TP, 25, FALSE,
    { F_COMPLETE, { "w7.reasons", "f,h" }, { "w7.reason_h_text", "Exception 4" },
      { "w7.treaty_claim", "yes" }, { "w7.treaty_country", "Guatemala" }, { "w7.treaty_article", "20" } },
    "w7.reason_h_text", REMIND, "Exception 2" },
  { "f/canadian-needs-no-visa", TP, 25, FALSE,
    { F_COMPLETE, { "w7.visa.type", NULL }, { "w7.visa.number", NULL }, { "w7.visa.expiry", NULL },
      { "w7.citizenship", "Canada" }, { "w7.foreign.country", "Canada" } },
    NULL, OK, NULL },
  { "f/mexican-needs-no-visa", TP, 25, FALSE,
    { F_COMPLETE, { "w7.visa.type", NULL }, { "w7.visa.number", NULL }, { "w7.visa.expiry", NULL },
      { "w7.citizenship", "Mexico" }, { "w7.foreign.country", "México" } },
    "w7.visa.type", EXPECT_NOTHING, NULL },
  { "f/canadian-living-in-guatemala-needs-visa", TP, 25, FALSE,
    { F_COMPLETE, { "w7.visa.type", NULL }, { "w7.citizenship", "Canada" } },
    "w7.visa.type", BLOCK, NULL },
  { "d/us-tin-atin", DEP, 10, FALSE, { { "w7.us_person_tin", "912931234" } },
    "w7.us_person_tin", BLOCK, NULL },
  { "d/us-tin-itin", DEP, 10, FALSE, { { "w7.us_person_tin", "912701234" } },
    NULL, OK, NULL },
  { "e/needs-us-tin", TP, 35, FALSE,
    { { "w7.reasons", "e" }, { "w7.us_person_name", "Juan García" } },
    "w7.us_person_tin", BLOCK, NULL },
  { "e/needs-us-name", TP, 35, FALSE,
    { { "w7.reasons", "e" }, { "w7.us_person_tin", "212345678" } },
    "w7.us_person_name", BLOCK, NULL },
  { "e/complete", TP, 35, FALSE,
    { { "w7.reasons", "e" }, { "w7.us_person_name", "Juan García" },
      { "w7.us_person_tin", "212345678" } },
    NULL, OK, NULL },
  { "e/never-entered-allowed", TP, 35, FALSE,
    { { "w7.reasons", "e" }, { "w7.us_person_name", "Juan García" },
      { "w7.us_person_tin", "212345678" }, { "w7.entry_date", NULL },
      { "w7.never_entered", "yes" } },
    NULL, OK, NULL },

  /* Treaty lines for a and f. */
  { "a+h/complete", TP, 35, FALSE, { A_H_COMPLETE }, NULL, OK, NULL },
  { "a+h/reminder-exception", TP, 35, FALSE, { A_H_COMPLETE }, "w7.reasons", REMIND,
    "exception" },
  { "a+h/needs-country", TP, 35, FALSE, { A_H_COMPLETE, { "w7.treaty_country", NULL } },
    "w7.treaty_country", BLOCK, NULL },
  { "a+h/needs-article", TP, 35, FALSE, { A_H_COMPLETE, { "w7.treaty_article", NULL } },
    "w7.treaty_article", BLOCK, NULL },
  { "a+h/country-differs", TP, 35, FALSE, { A_H_COMPLETE, { "w7.treaty_country", "Spain" } },
    "w7.treaty_country", REMIND, NULL },
  { "f+h/treaty-needs-country", TP, 25, FALSE,
    { F_COMPLETE, { "w7.reasons", "f,h" }, { "w7.reason_h_text", "Exception 2" },
      { "w7.treaty_claim", "yes" }, { "w7.treaty_article", "21" } },
    "w7.treaty_country", BLOCK, NULL },
  { "f/treaty-needs-article", TP, 25, FALSE,
    { F_COMPLETE, { "w7.treaty_claim", "yes" }, { "w7.treaty_country", "Guatemala" } },
    "w7.treaty_article", BLOCK, NULL },
  { "f/no-treaty", TP, 25, FALSE, { F_COMPLETE, { "w7.treaty_claim", "no" } },
    "w7.treaty_country", OK, NULL },
  /* Answers behind a closed gate are stale and ignored. */
  { "stale/treaty-country", TP, 35, FALSE, { { "w7.treaty_country", "Spain" } },
    "w7.treaty_country", EXPECT_NOTHING, NULL },
  { "stale/previous-itin", TP, 35, FALSE, { { "w7.prev.itin", "123" } }, NULL, OK, NULL },
  { "stale/notarized-needs-military", DEP, 10, FALSE,
    { { "w7.reasons", "c" }, { "w7.military_family", "yes" },
      { "doc.passport.copy", "notarized_copy" } },
    "doc.passport.copy", BLOCK, NULL },

  /* Box f: lines 6a, 6c, 6g. */
  { "f/complete", TP, 25, FALSE, { F_COMPLETE }, NULL, OK, NULL },
  { "f/needs-citizenship", TP, 25, FALSE, { F_COMPLETE, { "w7.citizenship", NULL } },
    "w7.citizenship", BLOCK, NULL },
  { "f/needs-visa-type", TP, 25, FALSE, { F_COMPLETE, { "w7.visa.type", NULL } },
    "w7.visa.type", BLOCK, NULL },
  { "f/needs-visa-number", TP, 25, FALSE, { F_COMPLETE, { "w7.visa.number", NULL } },
    "w7.visa.number", BLOCK, NULL },
  { "f/needs-visa-expiry", TP, 25, FALSE, { F_COMPLETE, { "w7.visa.expiry", NULL } },
    "w7.visa.expiry", BLOCK, NULL },
  { "f/duration-of-status", TP, 25, FALSE,
    { F_COMPLETE, { "w7.visa.duration_of_status", "yes" }, { "w7.visa.expiry", NULL } },
    NULL, OK, NULL },
  { "f/needs-college", TP, 25, FALSE, { F_COMPLETE, { "w7.college.name", NULL } },
    "w7.college.name", BLOCK, NULL },
  { "f/needs-college-city", TP, 25, FALSE, { F_COMPLETE, { "w7.college.city_state", NULL } },
    "w7.college.city_state", BLOCK, NULL },
  { "f/needs-length-of-stay", TP, 25, FALSE,
    { F_COMPLETE, { "w7.college.length_of_stay", NULL } },
    "w7.college.length_of_stay", BLOCK, NULL },
  { "b/no-6g-needed", TP, 35, FALSE, { { "w7.citizenship", NULL } }, NULL, OK, NULL },

  /* Box g. */
  { "g/needs-visa-document", TP, 35, FALSE, { { "w7.reasons", "g" } },
    "doc.us_visa", BLOCK, NULL },
  { "g/with-visa-document", TP, 35, FALSE, { { "w7.reasons", "g" }, { "doc.us_visa", "yes" } },
    NULL, OK, NULL },

  /* Lines 1a, 2, 4, 5 and 6d type. */
  { "name/missing-first", TP, 35, FALSE, { { "w7.name.first", NULL } },
    "w7.name.first", BLOCK, NULL },
  { "name/missing-last", TP, 35, FALSE, { { "w7.name.last", NULL } },
    "w7.name.last", BLOCK, NULL },
  { "name/differs-from-return", TP, 35, FALSE, { { "w7.name.last", "Garcia Lopez" } },
    "w7.name.last", BLOCK, NULL },
  { "name/middle-only-on-w7", TP, 35, FALSE, { { "w7.name.middle", "Lucía" } },
    "w7.name.middle", BLOCK, NULL },
  { "name/case-does-not-matter", TP, 35, FALSE, { { "w7.name.last", "GARCÍA LÓPEZ" } },
    NULL, OK, NULL },
  { "mail/missing-street", TP, 35, FALSE, { { "w7.mail.street", NULL } },
    "w7.mail.street", BLOCK, NULL },
  { "birth/missing-dob", TP, 35, FALSE, { { "w7.dob", NULL } }, "w7.dob", BLOCK, NULL },
  { "birth/dob-differs", TP, 35, FALSE, { { "w7.dob", "1990-01-01" } }, "w7.dob", BLOCK, NULL },
  { "birth/missing-country", TP, 35, FALSE, { { "w7.birth_country", NULL } },
    "w7.birth_country", BLOCK, NULL },
  { "gender/missing", TP, 35, FALSE, { { "w7.gender", NULL } }, "w7.gender", REMIND, NULL },
  { "id-line/missing", TP, 35, FALSE, { { "w7.id_doc.type", NULL } },
    "w7.id_doc.type", BLOCK, NULL },

  /* Signature. */
  { "sign/delegate-needs-name", TP, 35, FALSE,
    { { "w7.signer", "delegate" }, { "w7.delegate.relationship", "guardian" } },
    "w7.delegate.name", BLOCK, NULL },
  { "sign/parent-for-17", DEP, 17, FALSE, { { 0 } }, "w7.delegate.relationship", OK, NULL },
  { "sign/parent-for-18", DEP, 18, FALSE,
    { { "w7.signer", "delegate" }, { "w7.delegate.name", "Juan García" },
      { "w7.delegate.relationship", "parent" } },
    "w7.delegate.relationship", BLOCK, "2848" },
  { "sign/power-of-attorney", TP, 35, FALSE,
    { { "w7.signer", "delegate" }, { "w7.delegate.name", "Luis Pérez" },
      { "w7.delegate.relationship", "poa" } },
    "w7.delegate.relationship", REMIND, "2848" },

  /* Passport rules. */
  { "docs/none", TP, 35, TRUE, { { 0 } }, "doc.passport", BLOCK, "Add the supporting" },
  { "passport/expired", TP, 35, FALSE, { { "doc.passport.expiry", "2026-03-14" } },
    "doc.passport.expiry", BLOCK, "expired" },
  { "passport/expires-today", TP, 35, FALSE, { { "doc.passport.expiry", "2026-03-15" } },
    NULL, OK, NULL },
  { "passport/no-expiry", TP, 35, FALSE, { { "doc.passport.expiry", NULL } },
    "doc.passport.expiry", BLOCK, NULL },
  { "passport/copy-unanswered", TP, 35, FALSE, { { "doc.passport.copy", NULL } },
    "doc.passport.copy", BLOCK, NULL },
  { "passport/certified-copy", TP, 35, FALSE, { { "doc.passport.copy", "certified_copy" } },
    NULL, OK, NULL },
  { "passport/notarized-b", TP, 35, FALSE, { { "doc.passport.copy", "notarized_copy" } },
    "doc.passport.copy", BLOCK, NULL },
  { "passport/notarized-a+h", TP, 35, FALSE,
    { A_H_COMPLETE, { "doc.passport.copy", "notarized_copy" } }, NULL, OK, NULL },
  { "passport/notarized-d-military", DEP, 10, FALSE,
    { { "w7.military_family", "yes" }, { "doc.passport.copy", "notarized_copy" } },
    NULL, OK, NULL },
  { "passport/notarized-d-civilian", DEP, 10, FALSE,
    { { "w7.military_family", "no" }, { "doc.passport.copy", "notarized_copy" } },
    "doc.passport.copy", BLOCK, NULL },
  { "passport/notarized-e-military", TP, 35, FALSE,
    { { "w7.reasons", "e" }, { "w7.us_person_name", "Juan García" },
      { "w7.us_person_tin", "212345678" }, { "w7.military_family", "yes" },
      { "doc.passport.copy", "notarized_copy" } },
    NULL, OK, NULL },
  { "passport/caa", TP, 35, FALSE, { { "doc.passport.verified_by", "caa" } }, NULL, OK, NULL },
  { "passport/nobody-verified", TP, 35, FALSE, { { "w7.doc_verification", NULL } },
    "doc.passport.verified_by", BLOCK, NULL },

  /* CAA limits. */
  { "caa/drivers-license", TP, 35, TRUE,
    { { "doc.national_id", "yes" }, { "doc.national_id.expiry", "2030-01-01" },
      { "doc.us_drivers_license", "yes" }, { "doc.us_drivers_license.verified_by", "caa" } },
    "doc.us_drivers_license.verified_by", BLOCK, "Certifying Acceptance Agent" },
  { "caa/drivers-license-inherited", TP, 35, TRUE,
    { { "w7.doc_verification", "caa" }, { "doc.national_id", "yes" },
      { "doc.national_id.expiry", "2030-01-01" }, { "doc.national_id.verified_by", "mailed" },
      { "doc.us_drivers_license", "yes" } },
    "doc.us_drivers_license.verified_by", BLOCK, NULL },
  { "caa/national-id", TP, 35, TRUE,
    { { "doc.national_id", "yes" }, { "doc.national_id.expiry", "2030-01-01" },
      { "doc.national_id.verified_by", "caa" }, { "doc.foreign_drivers_license", "yes" } },
    "doc.national_id.verified_by", BLOCK, NULL },
  { "caa/birth-certificate", DEP, 10, TRUE,
    { { "doc.birth_certificate", "yes" }, { "doc.birth_certificate.foreign", "yes" },
      { "doc.birth_certificate.verified_by", "caa" }, { "doc.school_records", "yes" },
      { "doc.school_records.foreign", "no" } },
    NULL, OK, NULL },

  /* Two documents without a passport. */
  { "two/only-one", TP, 35, TRUE,
    { { "doc.national_id", "yes" }, { "doc.national_id.expiry", "2030-01-01" } },
    "doc.passport", BLOCK, "at least two" },
  { "two/adult-ok", TP, 35, TRUE,
    { { "doc.national_id", "yes" }, { "doc.national_id.expiry", "2030-01-01" },
      { "doc.foreign_drivers_license", "yes" } },
    NULL, OK, NULL },
  { "two/no-foreign-status", TP, 35, TRUE,
    { { "doc.us_drivers_license", "yes" }, { "doc.us_state_id", "yes" } },
    NULL, BLOCK, "foreign status" },
  { "two/us-birth-certificate", TP, 35, TRUE,
    { { "doc.us_drivers_license", "yes" }, { "doc.birth_certificate", "yes" },
      { "doc.birth_certificate.foreign", "no" } },
    NULL, BLOCK, "foreign status" },
  { "two/foreign-birth-certificate", TP, 35, TRUE,
    { { "doc.us_drivers_license", "yes" }, { "doc.birth_certificate", "yes" },
      { "doc.birth_certificate.foreign", "yes" } },
    NULL, OK, NULL },
  { "two/birth-certificate-origin-unanswered", TP, 35, TRUE,
    { { "doc.us_drivers_license", "yes" }, { "doc.birth_certificate", "yes" } },
    "doc.birth_certificate.foreign", BLOCK, NULL },
  { "two/adult-no-photo", TP, 35, TRUE,
    { { "doc.birth_certificate", "yes" }, { "doc.birth_certificate.foreign", "yes" },
      { "doc.medical_records", "yes" }, { "doc.medical_records.foreign", "yes" } },
    NULL, BLOCK, "photo" },
  { "two/voter-card-photo", TP, 35, TRUE,
    { { "doc.birth_certificate", "yes" }, { "doc.birth_certificate.foreign", "yes" },
      { "doc.foreign_voter_card", "yes" } },
    NULL, OK, NULL },
  { "national-id/expired", TP, 35, TRUE,
    { { "doc.national_id", "yes" }, { "doc.national_id.expiry", "2026-01-01" },
      { "doc.foreign_drivers_license", "yes" } },
    "doc.national_id.expiry", BLOCK, "expired" },
  { "national-id/no-expiry", TP, 35, TRUE,
    { { "doc.national_id", "yes" }, { "doc.foreign_drivers_license", "yes" } },
    "doc.national_id.expiry", BLOCK, NULL },
  { "drivers-license/expiry-not-checked", TP, 35, TRUE,
    { { "doc.national_id", "yes" }, { "doc.national_id.expiry", "2030-01-01" },
      { "doc.foreign_drivers_license", "yes" },
      { "doc.foreign_drivers_license.expiry", "2020-01-01" } },
    NULL, OK, NULL },

  /* Photo: dependents under 14, or under 18 if a student, need none. */
#define NO_PHOTO_DOCS \
  { "doc.birth_certificate", "yes" }, { "doc.birth_certificate.foreign", "yes" }, \
  { "doc.school_records", "yes" }, { "doc.school_records.foreign", "no" }
  { "photo/13", DEP, 13, TRUE, { NO_PHOTO_DOCS }, NULL, OK, NULL },
  { "photo/14", DEP, 14, TRUE, { NO_PHOTO_DOCS }, NULL, BLOCK, "photo" },
  { "photo/17-student", DEP, 17, TRUE, { NO_PHOTO_DOCS, { "dep.student", "yes" } },
    NULL, OK, NULL },
  { "photo/17-not-student", DEP, 17, TRUE, { NO_PHOTO_DOCS }, NULL, BLOCK, "photo" },
  { "photo/18-student", DEP, 18, TRUE,
    { NO_PHOTO_DOCS, { "dep.student", "yes" }, { "w7.signer", "applicant" } },
    NULL, BLOCK, "photo" },

  /* Medical records: dependents under 6. */
#define MEDICAL_DOCS \
  { "doc.birth_certificate", "yes" }, { "doc.birth_certificate.foreign", "yes" }, \
  { "doc.medical_records", "yes" }, { "doc.medical_records.foreign", "no" }
  { "medical/5", DEP, 5, TRUE, { MEDICAL_DOCS }, NULL, OK, NULL },
  { "medical/6", DEP, 6, TRUE, { MEDICAL_DOCS }, "doc.medical_records", BLOCK, NULL },
  { "medical/taxpayer", TP, 35, TRUE,
    { MEDICAL_DOCS, { "doc.foreign_drivers_license", "yes" } },
    "doc.medical_records", BLOCK, NULL },

  /* School records: dependents under 18, or under 24 if a student. */
#define SCHOOL_DOCS \
  { "doc.birth_certificate", "yes" }, { "doc.birth_certificate.foreign", "yes" }, \
  { "doc.school_records", "yes" }, { "doc.school_records.foreign", "no" }, \
  { "doc.foreign_drivers_license", "yes" }, { "w7.signer", "applicant" }
  { "school/17", DEP, 17, TRUE, { SCHOOL_DOCS }, NULL, OK, NULL },
  { "school/18", DEP, 18, TRUE, { SCHOOL_DOCS }, "doc.school_records", BLOCK, NULL },
  { "school/18-student", DEP, 18, TRUE, { SCHOOL_DOCS, { "dep.student", "yes" } },
    NULL, OK, NULL },
  { "school/23-student", DEP, 23, TRUE, { SCHOOL_DOCS, { "dep.student", "yes" } },
    NULL, OK, NULL },
  { "school/23-not-student", DEP, 23, TRUE, { SCHOOL_DOCS },
    "doc.school_records", BLOCK, NULL },
  { "school/24-student", DEP, 24, TRUE, { SCHOOL_DOCS, { "dep.student", "yes" } },
    "doc.school_records", BLOCK, NULL },
  { "school/taxpayer-student", TP, 20, TRUE,
    { SCHOOL_DOCS, { "full_time_student", "you" } },
    "doc.school_records", BLOCK, NULL },

  /* Civil birth certificate: under 18 without a passport. */
#define PHOTO_DOCS \
  { "doc.national_id", "yes" }, { "doc.national_id.expiry", "2030-01-01" }, \
  { "doc.foreign_voter_card", "yes" }, { "w7.signer", "applicant" }
  { "birth-certificate/17", DEP, 17, TRUE, { PHOTO_DOCS }, "doc.birth_certificate", BLOCK, NULL },
  { "birth-certificate/18", DEP, 18, TRUE, { PHOTO_DOCS }, NULL, OK, NULL },
  { "birth-certificate/5", DEP, 5, TRUE, { MEDICAL_DOCS }, "doc.birth_certificate", OK, NULL },

  /* A dependent's passport without a U.S. date of entry. */
#define NO_STAMP { "doc.passport.entry_stamp", "no" }
  { "residency/5-us-medical", DEP, 5, FALSE,
    { NO_STAMP, { "doc.medical_records", "yes" }, { "doc.medical_records.foreign", "no" } },
    NULL, OK, NULL },
  { "residency/5-us-school", DEP, 5, FALSE,
    { NO_STAMP, { "doc.school_records", "yes" }, { "doc.school_records.foreign", "no" } },
    NULL, OK, NULL },
  { "residency/5-nothing", DEP, 5, FALSE, { NO_STAMP },
    "doc.passport.entry_stamp", BLOCK, NULL },
  { "residency/5-foreign-medical", DEP, 5, FALSE,
    { NO_STAMP, { "doc.medical_records", "yes" }, { "doc.medical_records.foreign", "yes" } },
    "doc.passport.entry_stamp", BLOCK, NULL },
  { "residency/6-us-medical", DEP, 6, FALSE,
    { NO_STAMP, { "doc.medical_records", "yes" }, { "doc.medical_records.foreign", "no" } },
    "doc.passport.entry_stamp", BLOCK, NULL },
  { "residency/6-us-school", DEP, 6, FALSE,
    { NO_STAMP, { "doc.school_records", "yes" }, { "doc.school_records.foreign", "no" } },
    NULL, OK, NULL },
  { "residency/17-us-school", DEP, 17, FALSE,
    { NO_STAMP, { "doc.school_records", "yes" }, { "doc.school_records.foreign", "no" } },
    NULL, OK, NULL },
  { "residency/17-bank", DEP, 17, FALSE,
    { NO_STAMP, { "doc.us_residency", "yes" }, { "doc.us_residency.kind", "bank" } },
    "doc.passport.entry_stamp", BLOCK, NULL },
  { "residency/18-us-school", DEP, 18, FALSE,
    { NO_STAMP, { "doc.school_records", "yes" }, { "doc.school_records.foreign", "no" } },
    "doc.passport.entry_stamp", BLOCK, NULL },
  { "residency/18-utility-bill", DEP, 18, FALSE,
    { NO_STAMP, { "doc.us_residency", "yes" }, { "doc.us_residency.kind", "utility" } },
    NULL, OK, NULL },
  { "residency/canada", DEP, 10, FALSE, { NO_STAMP, { "w7.citizenship", "Canada" } },
    NULL, OK, NULL },
  { "residency/mexico-passport", DEP, 10, FALSE,
    { NO_STAMP, { "doc.passport.issuer", "México" } }, NULL, OK, NULL },
  { "residency/military-overseas", DEP, 10, FALSE,
    { NO_STAMP, { "w7.military_family", "yes" }, { "w7.military_overseas", "yes" } },
    NULL, OK, NULL },
  { "residency/military-at-home", DEP, 10, FALSE,
    { NO_STAMP, { "w7.military_family", "yes" }, { "w7.military_overseas", "no" } },
    "doc.passport.entry_stamp", BLOCK, NULL },
  { "residency/taxpayer", TP, 35, FALSE, { NO_STAMP }, NULL, OK, NULL },
};

/* All 256 combinations of boxes a-h, against the rule written out as a
 * list rather than recomputed. */
static const char *valid_reason_sets[] = {
  "b", "c", "d", "e", "f", "g", "h", "a,h", "f,h", NULL
};

static char *
mask_to_reasons (guint mask)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < 8; i++)
    {
      if ((mask & (1u << i)) == 0)
        continue;
      if (str->len > 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, (char) ('a' + i));
    }
  return g_string_free (str, FALSE);
}

static void
test_reason_subset (gconstpointer data)
{
  guint mask = GPOINTER_TO_UINT (data);
  g_autofree char *reasons = mask_to_reasons (mask);
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GPtrArray) problems = NULL;
  gboolean expected = g_strv_contains (valid_reason_sets, reasons);
  gboolean reported = FALSE;
  GDate today;
  int p;

  get_today (&today);
  p = build_base (hh, WHO_TAXPAYER, 35, FALSE);
  vita_household_set (hh, p, "w7.reasons", reasons);

  g_assert_cmpint (vita_w7_reasons_valid (reasons), ==, expected);

  problems = vita_w7_check (hh, p, &today);
  assert_well_formed (problems);
  for (guint i = 0; i < problems->len; i++)
    {
      const VitaW7Problem *problem = g_ptr_array_index (problems, i);

      if (problem->blocking && g_str_equal (problem->field_id, "w7.reasons"))
        reported = TRUE;
    }
  g_assert_cmpint (reported, ==, !expected);
}

static void
test_reasons_unparsable (void)
{
  g_assert_false (vita_w7_reasons_valid (NULL));
  g_assert_false (vita_w7_reasons_valid (""));
  g_assert_false (vita_w7_reasons_valid ("i"));
  g_assert_true (vita_w7_reasons_valid (" b "));
  g_assert_true (vita_w7_reasons_valid ("h,f"));
}

/* Without a date the check uses the current one and still works. */
static void
test_default_today (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GPtrArray) problems = NULL;
  int p = build_base (hh, WHO_TAXPAYER, 35, FALSE);

  vita_household_set (hh, p, "doc.passport.expiry", "2000-01-01");
  problems = vita_w7_check (hh, p, NULL);
  assert_expectation (problems, "doc.passport.expiry", EXPECT_BLOCKING, "expired");
}

/* An empty W-7 reports the missing lines, all of them real fields. */
static void
test_empty_w7 (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GPtrArray) problems = NULL;
  GDate today;

  get_today (&today);
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "tin_type", "needs_itin");
  problems = vita_w7_check (hh, VITA_PERSON_TAXPAYER, &today);
  assert_well_formed (problems);
  g_assert_true (vita_w7_has_blocking (problems));
  assert_expectation (problems, "w7.application_type", EXPECT_BLOCKING, NULL);
  assert_expectation (problems, "w7.reasons", EXPECT_BLOCKING, NULL);
  assert_expectation (problems, "w7.name.first", EXPECT_BLOCKING, NULL);
  assert_expectation (problems, "w7.dob", EXPECT_BLOCKING, NULL);
  assert_expectation (problems, "doc.passport", EXPECT_BLOCKING, NULL);
}

/* ITIN expiry */

typedef struct
{
  int last_used;
  int year;
  int month;
  int day;
  gboolean expired;
} ExpiryCase;

static const ExpiryCase expiry_cases[] = {
  /* The worked example: used for TY2020, not for 2021–2023. */
  { 2020, 2024, 12, 30, FALSE },
  { 2020, 2024, 12, 31, FALSE },
  { 2020, 2025, 1, 1, TRUE },
  { 2020, 2026, 4, 15, TRUE },
  { 2020, 2021, 4, 15, FALSE },
  { 2020, 2020, 1, 1, FALSE },
  { 2021, 2025, 12, 31, FALSE },
  { 2021, 2026, 1, 1, TRUE },
  { 2022, 2026, 12, 31, FALSE },
  { 2022, 2027, 1, 1, TRUE },
  { 2023, 2026, 3, 1, FALSE },
  { 2013, 2017, 12, 31, FALSE },
  { 2013, 2018, 1, 1, TRUE },
  { 2025, 2029, 12, 31, FALSE },
  { 2025, 2030, 1, 1, TRUE },
};

static void
test_expiry_case (gconstpointer data)
{
  const ExpiryCase *c = data;
  GDate on;

  g_date_clear (&on, 1);
  g_date_set_dmy (&on, c->day, c->month, c->year);
  g_assert_cmpint (vita_itin_is_expired (c->last_used, &on), ==, c->expired);
}

static void
test_expiry_date (void)
{
  static const struct { int last_used, expires; } cases[] = {
    { 2020, 2024 }, { 2021, 2025 }, { 2013, 2017 }, { 2016, 2020 }, { 2025, 2029 },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate out;

      vita_itin_expiry_date (cases[i].last_used, &out);
      g_assert_true (g_date_valid (&out));
      g_assert_cmpint (g_date_get_year (&out), ==, cases[i].expires);
      g_assert_cmpint (g_date_get_month (&out), ==, G_DATE_DECEMBER);
      g_assert_cmpint (g_date_get_day (&out), ==, 31);
    }
}

typedef struct
{
  int last_used;
  int filing_year;
  gboolean renew;
} RenewalCase;

static const RenewalCase renewal_cases[] = {
  { 2020, 2019, FALSE },
  { 2020, 2020, FALSE },
  { 2020, 2021, FALSE },
  { 2020, 2022, FALSE },
  { 2020, 2023, FALSE },
  { 2020, 2024, TRUE },
  { 2020, 2025, TRUE },
  { 2021, 2024, FALSE },
  { 2021, 2025, TRUE },
  { 2022, 2025, FALSE },
  { 2025, 2025, FALSE },
  { 2015, 2025, TRUE },
};

static void
test_renewal_case (gconstpointer data)
{
  const RenewalCase *c = data;

  g_assert_cmpint (vita_itin_needs_renewal_for (c->last_used, c->filing_year), ==,
                   c->renew);
}

static void
test_renewal_matches_expiry (void)
{
  /* A return for tax year Y is filed in Y + 1; renewal is needed exactly
   * when the ITIN has expired by the filing season. */
  for (int last = 2000; last <= 2030; last++)
    for (int ty = last - 2; ty <= last + 8; ty++)
      {
        GDate april15;

        g_date_clear (&april15, 1);
        g_date_set_dmy (&april15, 15, G_DATE_APRIL, ty + 1);
        g_assert_cmpint (vita_itin_needs_renewal_for (last, ty), ==,
                         vita_itin_is_expired (last, &april15));
      }
}

/* The W-7 starts from the person's own name and birth date, once. */
static void
test_prefill (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();

  vita_household_set (hh, 0, "first_name", "Min-jun");
  vita_household_set (hh, 0, "last_name", "Kim");
  vita_household_set (hh, 0, "dob", "1990-03-25");
  g_assert_true (vita_w7_prefill (hh, 0));
  g_assert_cmpstr (vita_household_get (hh, 0, "w7.name.first"), ==, "Min-jun");
  g_assert_cmpstr (vita_household_get (hh, 0, "w7.name.last"), ==, "Kim");
  g_assert_null (vita_household_get (hh, 0, "w7.name.middle"));
  g_assert_cmpstr (vita_household_get (hh, 0, "w7.dob"), ==, "1990-03-25");

  /* Once the W-7 has any of them, it is left as the volunteer made it. */
  vita_household_set (hh, 0, "w7.name.first", "Minjun");
  vita_household_set (hh, 0, "w7.dob", NULL);
  g_assert_false (vita_w7_prefill (hh, 0));
  g_assert_cmpstr (vita_household_get (hh, 0, "w7.name.first"), ==, "Minjun");
  g_assert_null (vita_household_get (hh, 0, "w7.dob"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/w7/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  for (guint mask = 0; mask < 256; mask++)
    {
      g_autofree char *reasons = mask_to_reasons (mask);
      g_autofree char *path = NULL;

      g_strdelimit (reasons, ",", '+');
      path = g_strdup_printf ("/w7/reasons/%s", mask == 0 ? "none" : reasons);
      g_test_add_data_func (path, GUINT_TO_POINTER (mask), test_reason_subset);
    }

  g_test_add_func ("/w7/reasons-unparsable", test_reasons_unparsable);
  g_test_add_func ("/w7/default-today", test_default_today);
  g_test_add_func ("/w7/empty", test_empty_w7);
  g_test_add_func ("/w7/prefill", test_prefill);

  /* The ITIN expiry rules, which decide when a W-7 renewal is needed. */
  for (guint i = 0; i < G_N_ELEMENTS (expiry_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/w7/itin-expired/%03u", i);

      g_test_add_data_func (path, &expiry_cases[i], test_expiry_case);
    }
  for (guint i = 0; i < G_N_ELEMENTS (renewal_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/w7/itin-renewal/%03u", i);

      g_test_add_data_func (path, &renewal_cases[i], test_renewal_case);
    }
  g_test_add_func ("/w7/itin-expiry/date", test_expiry_date);
  g_test_add_func ("/w7/itin-renewal/matches-expiry", test_renewal_matches_expiry);

  return g_test_run ();
}
