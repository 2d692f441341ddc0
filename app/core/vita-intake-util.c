/* vita-intake-util.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-ids.h"
#include "vita-intake-util.h"

static guint
member_ordinal (VitaHousehold *household,
                int            person)
{
  g_autoptr(GArray) persons = vita_household_list_persons (household);
  guint ordinal = 0;

  for (guint i = 0; i < persons->len; i++)
    {
      int slot = g_array_index (persons, int, i);

      if (slot >= VITA_PERSON_FIRST_DEPENDENT)
        ordinal++;
      if (slot == person)
        break;
    }
  return ordinal;
}

/**
 * vita_intake_dup_person_name:
 *
 * Returns: (transfer full): the person's first and last names for the
 *   volunteer's screen, or their place in the household while no name is
 *   entered yet
 */
char *
vita_intake_dup_person_name (VitaHousehold *household,
                             int            person)
{
  const char *first = vita_household_get (household, person, VITA_FID_FIRST_NAME);
  const char *last = vita_household_get (household, person, VITA_FID_LAST_NAME);

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);

  if (first != NULL || last != NULL)
    return g_strstrip (g_strjoin (" ", first != NULL ? first : "", last != NULL ? last : "", NULL));
  if (person == VITA_PERSON_TAXPAYER)
    return g_strdup (_("The taxpayer"));
  if (person == VITA_PERSON_SPOUSE)
    return g_strdup (_("The spouse"));
  /* Translators: %u counts the people listed in the household, from 1. */
  return g_strdup_printf (_("Household member %u"), member_ordinal (household, person));
}

