/* test-clock.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-clock.h"

/* The injected day is the one every date rule sees, on any day of the year,
 * and time keeps moving from it. */
static void
test_set_for_testing (void)
{
  const char *days[] = { "2027-01-15", "2027-04-29", "2027-05-01", "2027-08-01", "2027-12-31" };

  for (guint i = 0; i < G_N_ELEMENTS (days); i++)
    {
      g_autofree char *iso = g_strdup_printf ("%sT12:00:00", days[i]);
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, tz);
      g_autoptr(GDateTime) local = NULL;
      g_autoptr(GDateTime) later = NULL;
      g_autofree char *utc_iso = NULL;
      char buf[16];
      GDate today;

      vita_clock_set_for_testing (when);
      vita_clock_get_today (&today);
      g_date_strftime (buf, sizeof buf, "%Y-%m-%d", &today);
      g_assert_cmpstr (buf, ==, days[i]);

      local = vita_clock_now_local ();
      g_assert_cmpint (g_date_time_difference (local, when), >=, 0);
      g_assert_cmpint (g_date_time_difference (local, when), <, 5 * G_USEC_PER_SEC);

      utc_iso = vita_clock_now_iso8601 ();
      g_assert_true (g_str_has_suffix (utc_iso, "Z"));

      g_usleep (2000);
      later = vita_clock_now_utc ();
      g_assert_cmpint (g_date_time_difference (later, local), >, 0);
    }
}

static void
test_reset (void)
{
  g_autoptr(GDateTime) past = g_date_time_new_utc (2001, 2, 3, 4, 5, 6);
  g_autoptr(GDateTime) real = NULL;
  g_autoptr(GDateTime) seen = NULL;

  vita_clock_set_for_testing (past);
  vita_clock_set_for_testing (NULL);
  real = g_date_time_new_now_utc ();
  seen = vita_clock_now_utc ();
  g_assert_cmpint (ABS (g_date_time_difference (seen, real)), <, 5 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/clock/set-for-testing", test_set_for_testing);
  g_test_add_func ("/clock/reset", test_reset);
  return g_test_run ();
}
