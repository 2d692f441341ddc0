/* vita-synthetic.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-field-ids.h"
#include "vita-retention.h"
#include "vita-synthetic.h"

/* Names drawn from the communities the sites serve, so search, folding and
 * two-surname handling are exercised the way real intake would. */
static const char *latin_first[] = {
  "José", "María", "Ana", "Luis", "Carmen", "Jesús", "Lucía", "Andrés", "Sofía", "Raúl",
  "Jean", "Marie", "Wideline", "Jean-Baptiste", "Fabiola", "Dieuseul", "Nadège",
  "Oluwaseun", "Amara", "Chinedu", "Thanh", "Minh", "Sokha", "Nguyễn", "Zoë",
};
static const char *latin_last[] = {
  "García", "López", "Hernández", "Martínez", "Pérez", "Rodríguez", "Núñez", "Peña",
  "de la Cruz", "Ibáñez", "Jean-Louis", "Pierre", "Joseph", "Toussaint", "Saint-Fleur",
  "Okafor", "Adeyemi", "Tran", "Pham", "Chea", "O'Brien", "Muñoz", "Álvarez", "Castañeda",
};
static const char *korean_family[] = { "김", "이", "박", "최", "정", "강", "조", "윤" };
static const char *korean_family_roman[] = { "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon" };
static const char *korean_given[] = { "민준", "서연", "지호", "하은", "도윤", "수아", "예준", "지우" };
static const char *korean_given_roman[] = { "Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yoon", "Su-a", "Ye-jun", "Ji-woo" };
static const char *languages[] = { "es", "es", "es", "ko", "ht", "en", "ht", "ko" };
static const char *states[] = { "MA", "IL", "NY", "CA", "TX", "FL", "NJ", "GA" };

static const char *
pick (GRand        *rand,
      const char  **list,
      guint         n)
{
  return list[g_rand_int_range (rand, 0, n)];
}

#define PICK(rand, list) pick (rand, list, G_N_ELEMENTS (list))

static void
set_dob (VitaHousehold *hh,
         int            person,
         GRand         *rand,
         int            min_age,
         int            max_age)
{
  char buf[16];
  int year = 2025 - g_rand_int_range (rand, min_age, max_age + 1);

  g_snprintf (buf, sizeof buf, "%04d-%02d-%02d", year,
              g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
  vita_household_set (hh, person, VITA_FID_DOB, buf);
}

/* A syntactically valid, never-issued-looking ITIN or SSN for tests. */
static void
set_tin (VitaHousehold *hh,
         int            person,
         GRand         *rand)
{
  static const char *types[] = { "ssn", "itin", "itin", "needs_itin", "renew_itin", "ssn" };
  const char *type = PICK (rand, types);
  char buf[16];

  vita_household_set (hh, person, VITA_FID_TIN_TYPE, type);
  if (g_str_equal (type, "ssn"))
    g_snprintf (buf, sizeof buf, "%03d%02d%04d", g_rand_int_range (rand, 1, 600),
                g_rand_int_range (rand, 1, 100), g_rand_int_range (rand, 1, 10000));
  else if (g_str_equal (type, "itin") || g_str_equal (type, "renew_itin"))
    g_snprintf (buf, sizeof buf, "9%02d%02d%04d", g_rand_int_range (rand, 0, 100),
                g_rand_int_range (rand, 70, 89), g_rand_int_range (rand, 0, 10000));
  else
    return;
  vita_household_set (hh, person, VITA_FID_TIN, buf);
}

static void
set_person_name (VitaHousehold *hh,
                 int            person,
                 GRand         *rand,
                 const char    *language,
                 const char    *family_last)
{
  if (g_str_equal (language, "ko"))
    {
      guint f = g_rand_int_range (rand, 0, G_N_ELEMENTS (korean_family));
      guint g = g_rand_int_range (rand, 0, G_N_ELEMENTS (korean_given));
      g_autofree char *native = g_strconcat (korean_family[f], korean_given[g], NULL);

      vita_household_set (hh, person, VITA_FID_FIRST_NAME, korean_given_roman[g]);
      vita_household_set (hh, person, VITA_FID_LAST_NAME, korean_family_roman[f]);
      vita_household_set (hh, person, VITA_FID_NATIVE_NAME, native);
    }
  else
    {
      vita_household_set (hh, person, VITA_FID_FIRST_NAME, PICK (rand, latin_first));
      if (family_last != NULL)
        vita_household_set (hh, person, VITA_FID_LAST_NAME, family_last);
      else if (g_str_equal (language, "es"))
        {
          /* Two surnames, kept whole as on the document. */
          g_autofree char *two = g_strdup_printf ("%s %s", PICK (rand, latin_last),
                                                  PICK (rand, latin_last));
          vita_household_set (hh, person, VITA_FID_LAST_NAME, two);
        }
      else
        vita_household_set (hh, person, VITA_FID_LAST_NAME, PICK (rand, latin_last));
    }
}

/**
 * vita_synthetic_household:
 * @marker: (nullable): if set, appended to every identifying value, so a
 *   test can search any output for it
 *
 * Returns: (transfer full): a made-up household
 */
VitaHousehold *
vita_synthetic_household (GRand      *rand,
                          guint       index,
                          const char *marker)
{
  VitaHousehold *hh = vita_household_new ();
  const char *language = PICK (rand, languages);
  g_autofree char *street = NULL;
  g_autofree char *zip = NULL;
  g_autofree char *phone = NULL;
  int n_dependents = g_rand_int_range (rand, 0, 4);

  vita_household_set_language (hh, language);
  vita_household_set_tax_year (hh, 2025);
  vita_household_set_status (hh, g_rand_int_range (rand, 0, VITA_RETURN_STATUS_LAST + 1));

  set_person_name (hh, VITA_PERSON_TAXPAYER, rand, language, NULL);
  set_dob (hh, VITA_PERSON_TAXPAYER, rand, 19, 80);
  set_tin (hh, VITA_PERSON_TAXPAYER, rand);

  street = g_strdup_printf ("%u %s St", 10 + index % 9000, PICK (rand, latin_last));
  zip = g_strdup_printf ("%05d", g_rand_int_range (rand, 1001, 99950));
  phone = g_strdup_printf ("617555%04u", index % 10000);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_ADDRESS_STREET, street);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_ADDRESS_CITY, "Springfield");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_ADDRESS_STATE, PICK (rand, states));
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_ADDRESS_ZIP, zip);
  vita_household_set (hh, VITA_PERSON_TAXPAYER, VITA_FID_PHONE, phone);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_INC_WAGES, g_rand_boolean (rand) ? "yes" : "no");

  if (g_rand_boolean (rand))
    {
      vita_household_add_spouse (hh);
      set_person_name (hh, VITA_PERSON_SPOUSE, rand, language, NULL);
      set_dob (hh, VITA_PERSON_SPOUSE, rand, 19, 80);
      set_tin (hh, VITA_PERSON_SPOUSE, rand);
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_MARITAL_STATUS, "married");
    }
  else
    vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_MARITAL_STATUS, "never_married");

  for (int i = 0; i < n_dependents; i++)
    {
      int p = vita_household_add_dependent (hh);

      set_person_name (hh, p, rand, language,
                       vita_household_get (hh, VITA_PERSON_TAXPAYER, VITA_FID_LAST_NAME));
      set_dob (hh, p, rand, 0, 17);
      set_tin (hh, p, rand);
      vita_household_set (hh, p, VITA_FID_RELATIONSHIP, "child");
    }

  if (marker != NULL)
    {
      static const char *identifying[] = { "first_name", "last_name", "native_name", "phone",
                                           VITA_FID_ADDRESS_STREET, VITA_FID_ADDRESS_CITY };
      g_autoptr(GArray) persons = vita_household_list_persons (hh);
      int household = VITA_PERSON_HOUSEHOLD;

      g_array_prepend_val (persons, household);
      for (guint i = 0; i < G_N_ELEMENTS (identifying); i++)
        for (guint j = 0; j < persons->len; j++)
          {
            int p = g_array_index (persons, int, j);
            const char *v = vita_household_get (hh, p, identifying[i]);

            if (v != NULL)
              {
                g_autofree char *marked = g_strdup_printf ("%s %s", v, marker);
                vita_household_set (hh, p, identifying[i], marked);
              }
          }
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, VITA_FID_NOTES, marker);
    }

  return hh;
}
