/* test-certification.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "vita-certification.h"
#include "vita-field.h"
#include "vita-household.h"
#include "vita-retention.h"

/* Returns described by their page 2-3 answers, and the certification each
 * needs, with the items that set it. */

typedef struct
{
  const char *field;
  const char *value;
} Answer;

typedef struct
{
  const char    *name;
  Answer         answers[6];
  VitaCertLevel  level;
  const char    *reasons; /* comma-separated, any order */
} CertCase;

#define NONE VITA_CERT_NONE
#define BASIC VITA_CERT_BASIC
#define ADVANCED VITA_CERT_ADVANCED
#define MILITARY VITA_CERT_MILITARY

static const CertCase cert_cases[] = {
  { "empty", { { 0 } }, NONE, "" },
  { "wages", { { "inc.wages", "yes" } }, BASIC, "inc.wages" },
  { "wages-no", { { "inc.wages", "no" } }, NONE, "" },
  { "wages-and-w2", { { "inc.wages", "yes" }, { "vinc.w2", "yes" }, { "vinc.w2.count", "2" } },
    BASIC, "inc.wages,vinc.w2" },
  { "uncoded-items", { { "inc.personal_property_rental", "yes" }, { "evt.irs_letter", "yes" },
                       { "inc.other", "yes" }, { "vevt.litc_referral", "yes" } },
    NONE, "" },
  { "stock-sale", { { "inc.wages", "yes" }, { "inc.sale_assets", "yes" } },
    ADVANCED, "inc.sale_assets" },
  { "self-employment", { { "inc.self_employment", "yes" }, { "vinc.schedule_c", "yes" } },
    ADVANCED, "inc.self_employment,vinc.schedule_c" },
  { "hsa", { { "evt.hsa", "yes" } }, ADVANCED, "evt.hsa" },
  { "itemized", { { "vexp.itemized_deduction", "yes" } }, ADVANCED, "vexp.itemized_deduction" },
  { "standard", { { "vexp.standard_deduction", "yes" } }, BASIC, "vexp.standard_deduction" },
  { "mortgage-interest", { { "exp.mortgage_interest", "yes" } }, ADVANCED,
    "exp.mortgage_interest" },
  { "education", { { "evt.education", "yes" }, { "vevt.1098t", "yes" } }, BASIC,
    "evt.education,vevt.1098t" },

  /* (A/M) rental income. */
  { "rental", { { "inc.rental", "yes" } }, MILITARY, "inc.rental" },
  { "rental-under-15-days", { { "inc.rental", "yes" }, { "inc.rental.personal_under_15", "yes" } },
    ADVANCED, "inc.rental" },
  { "rental-not-under-15-days",
    { { "inc.rental", "yes" }, { "inc.rental.personal_under_15", "no" } },
    MILITARY, "inc.rental" },
  { "rental-volunteer-side",
    { { "inc.rental", "yes" }, { "inc.rental.personal_under_15", "yes" },
      { "vinc.rental", "yes" } },
    ADVANCED, "inc.rental,vinc.rental" },
  /* A follow-up behind a "no" is stale and counts for nothing. */
  { "rental-stale-detail", { { "inc.rental", "no" }, { "inc.rental.personal_under_15", "yes" } },
    NONE, "" },
  { "rental-and-stocks", { { "inc.rental", "yes" }, { "inc.sale_assets", "yes" },
                           { "inc.wages", "yes" } },
    MILITARY, "inc.rental,inc.sale_assets" },

  /* (B/A) items stay Basic unless the volunteer detail says otherwise. */
  { "tips", { { "inc.tips", "yes" } }, BASIC, "inc.tips" },
  { "tips-on-w2", { { "inc.tips", "yes" }, { "vinc.tips", "yes" }, { "vinc.tips.on_w2", "yes" } },
    BASIC, "inc.tips,vinc.tips" },
  { "tips-not-on-w2",
    { { "inc.tips", "yes" }, { "vinc.tips", "yes" }, { "vinc.tips.on_w2", "no" } },
    ADVANCED, "inc.tips,vinc.tips" },
  { "tips-stale-detail",
    { { "inc.tips", "yes" }, { "vinc.tips", "no" }, { "vinc.tips.on_w2", "no" } },
    BASIC, "inc.tips" },
  { "pension-taxable-reported",
    { { "inc.retirement", "yes" }, { "vinc.1099r", "yes" },
      { "vinc.1099r.taxable_reported", "yes" } },
    BASIC, "inc.retirement,vinc.1099r" },
  { "pension-taxable-not-reported",
    { { "inc.retirement", "yes" }, { "vinc.1099r", "yes" },
      { "vinc.1099r.taxable_reported", "no" } },
    ADVANCED, "inc.retirement,vinc.1099r" },
  { "ira-roth", { { "exp.retirement_contributions", "yes" }, { "vexp.ira", "yes" },
                  { "vexp.ira.kind", "roth" } },
    BASIC, "exp.retirement_contributions,vexp.ira" },
  { "ira-401k", { { "exp.retirement_contributions", "yes" }, { "vexp.ira", "yes" },
                  { "vexp.ira.kind", "401k" } },
    BASIC, "exp.retirement_contributions,vexp.ira" },
  { "ira-traditional", { { "exp.retirement_contributions", "yes" }, { "vexp.ira", "yes" },
                         { "vexp.ira.kind", "traditional" } },
    ADVANCED, "exp.retirement_contributions,vexp.ira" },
  { "qcd", { { "inc.retirement", "yes" }, { "vinc.qcd", "yes" } }, ADVANCED, "vinc.qcd" },
};

static void
test_cert_case (gconstpointer data)
{
  const CertCase *c = data;
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GPtrArray) reasons = g_ptr_array_new ();
  g_auto(GStrv) expected = NULL;
  VitaCertLevel level;

  for (guint i = 0; i < G_N_ELEMENTS (c->answers) && c->answers[i].field != NULL; i++)
    {
      g_assert_nonnull (vita_field_lookup (c->answers[i].field));
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, c->answers[i].field, c->answers[i].value);
    }

  level = vita_household_required_cert (hh, reasons);
  g_assert_cmpstr (vita_cert_level_to_string (level), ==, vita_cert_level_to_string (c->level));
  g_assert_cmpint (level, ==, vita_household_required_cert (hh, NULL));

  expected = *c->reasons ? g_strsplit (c->reasons, ",", -1) : g_new0 (char *, 1);
  g_assert_cmpuint (reasons->len, ==, g_strv_length (expected));
  for (guint i = 0; i < reasons->len; i++)
    {
      const char *id = g_ptr_array_index (reasons, i);

      if (!g_strv_contains ((const char * const *) expected, id))
        g_error ("unexpected reason %s", id);
      g_assert_nonnull (vita_field_lookup (id));
    }
}

/* Answers for other people or other fields never change the level. */
static void
test_person_answers_ignored (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();

  vita_household_set (hh, VITA_PERSON_TAXPAYER, "inc.rental", "yes");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "inc.sale_assets", "yes");
  g_assert_cmpint (vita_household_required_cert (hh, NULL), ==, VITA_CERT_NONE);
}

typedef struct
{
  VitaCertLevel held;
  VitaCertLevel needed;
  gboolean      covers;
} CoverCase;

static const CoverCase cover_cases[] = {
  { NONE, NONE, TRUE },
  { NONE, BASIC, FALSE },
  { NONE, ADVANCED, FALSE },
  { NONE, MILITARY, FALSE },
  { BASIC, NONE, TRUE },
  { BASIC, BASIC, TRUE },
  { BASIC, ADVANCED, FALSE },
  { BASIC, MILITARY, FALSE },
  { ADVANCED, NONE, TRUE },
  { ADVANCED, BASIC, TRUE },
  { ADVANCED, ADVANCED, TRUE },
  { ADVANCED, MILITARY, FALSE },
  { MILITARY, NONE, TRUE },
  { MILITARY, BASIC, TRUE },
  { MILITARY, ADVANCED, FALSE },
  { MILITARY, MILITARY, TRUE },
};

static void
test_cover_case (gconstpointer data)
{
  const CoverCase *c = data;

  g_assert_cmpint (vita_cert_level_covers (c->held, c->needed), ==, c->covers);
}

static void
test_level_names (void)
{
  g_assert_cmpstr (vita_cert_level_to_string (VITA_CERT_NONE), ==, "none");
  g_assert_cmpstr (vita_cert_level_to_string (VITA_CERT_BASIC), ==, "basic");
  g_assert_cmpstr (vita_cert_level_to_string (VITA_CERT_ADVANCED), ==, "advanced");
  g_assert_cmpstr (vita_cert_level_to_string (VITA_CERT_MILITARY), ==, "military");
  g_assert_cmpstr (vita_cert_level_get_label (VITA_CERT_ADVANCED), ==, "Advanced");
}

static const char *
level_path (VitaCertLevel level)
{
  return vita_cert_level_to_string (level);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cert_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/certification/required/%s", cert_cases[i].name);

      g_test_add_data_func (path, &cert_cases[i], test_cert_case);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cover_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/certification/covers/%s-%s",
                                               level_path (cover_cases[i].held),
                                               level_path (cover_cases[i].needed));

      g_test_add_data_func (path, &cover_cases[i], test_cover_case);
    }

  g_test_add_func ("/certification/person-answers-ignored", test_person_answers_ignored);
  g_test_add_func ("/certification/level-names", test_level_names);

  return g_test_run ();
}
