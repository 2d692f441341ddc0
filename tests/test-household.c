/* test-household.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-household.h"
#include "vita-retention.h"

static void
test_persons_and_values (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(GArray) persons = NULL;
  int d1, d2;

  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "María");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "García López");
  vita_household_add_spouse (hh);
  d1 = vita_household_add_dependent (hh);
  d2 = vita_household_add_dependent (hh);
  g_assert_cmpint (d1, ==, VITA_PERSON_FIRST_DEPENDENT);
  g_assert_cmpint (d2, ==, d1 + 1);
  vita_household_set (hh, d1, "first_name", "Ana");
  vita_household_set (hh, d2, "tin_type", "needs_itin");
  g_assert_true (vita_household_get_needs_itin (hh));

  /* Removing a dependent removes their answers and never reuses the slot. */
  vita_household_remove_person (hh, d2);
  g_assert_false (vita_household_get_needs_itin (hh));
  g_assert_null (vita_household_get (hh, d2, "tin_type"));
  g_assert_cmpint (vita_household_add_dependent (hh), ==, d2 + 1);

  persons = vita_household_list_persons (hh);
  g_assert_cmpuint (persons->len, ==, 4);
  g_assert_cmpint (g_array_index (persons, int, 0), ==, VITA_PERSON_TAXPAYER);
  g_assert_cmpint (g_array_index (persons, int, 1), ==, VITA_PERSON_SPOUSE);

  /* Clearing a value with "" removes it. */
  vita_household_set (hh, d1, "first_name", "");
  g_assert_null (vita_household_get (hh, d1, "first_name"));

  g_autofree char *name = vita_household_dup_display_name (hh);
  g_assert_cmpstr (name, ==, "García López, María");
}

/* Who gets a W-7: a new ITIN or a renewal, for a person on the return. */
static void
test_person_needs_itin (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  int d1 = vita_household_add_dependent (hh);
  struct { const char *tin_type; gboolean needs; } cases[] = {
    { "needs_itin", TRUE }, { "renew_itin", TRUE }, { "itin", FALSE },
    { "ssn", FALSE }, { "atin", FALSE }, { NULL, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      vita_household_set (hh, d1, "tin_type", cases[i].tin_type != NULL ? cases[i].tin_type : "");
      g_assert_cmpint (vita_household_person_needs_itin (hh, d1), ==, cases[i].needs);
      g_assert_false (vita_household_person_needs_itin (hh, VITA_PERSON_TAXPAYER));
    }

  /* A slot that is not (or no longer) on the return never needs one. */
  vita_household_set (hh, d1, "tin_type", "needs_itin");
  vita_household_remove_person (hh, d1);
  g_assert_false (vita_household_person_needs_itin (hh, d1));
  g_assert_false (vita_household_person_needs_itin (hh, VITA_PERSON_HOUSEHOLD));
}

static void
test_copy_is_deep (void)
{
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  g_autoptr(VitaHousehold) copy = NULL;

  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "zip", "02101");
  vita_household_set_language (hh, "ht");
  copy = vita_household_copy (hh);
  vita_household_set (copy, VITA_PERSON_HOUSEHOLD, "zip", "60601");
  g_assert_cmpstr (vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "zip"), ==, "02101");
  g_assert_cmpstr (vita_household_get_language (copy), ==, "ht");
  g_assert_finalize_object (g_steal_pointer (&copy));
}

static void
test_status_strings (void)
{
  for (int s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
    {
      VitaReturnStatus back = -1;

      g_assert_true (vita_return_status_from_string (vita_return_status_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (vita_return_status_get_label (s));
    }
  VitaReturnStatus st = VITA_RETURN_STATUS_FILED;
  g_assert_false (vita_return_status_from_string ("bogus", &st));
  g_assert_cmpint (st, ==, VITA_RETURN_STATUS_FILED);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/household/persons-and-values", test_persons_and_values);
  g_test_add_func ("/household/person-needs-itin", test_person_needs_itin);
  g_test_add_func ("/household/copy-is-deep", test_copy_is_deep);
  g_test_add_func ("/household/status-strings", test_status_strings);
  return g_test_run ();
}
