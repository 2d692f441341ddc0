/* vita-clock.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-clock.h"

/* A shift against the real clock rather than a frozen instant: time keeps
 * moving in a test (audit order, debounced saves, idle lock), only the day
 * is a different one.  Set by tests in this process, or for a child process
 * (the admin command, the app under a GUI test) by VITA_TEST_NOW, an
 * ISO 8601 date and time. */
G_LOCK_DEFINE_STATIC (offset);
static gint64 offset_usec;
static gsize offset_initialized;

static void
ensure_offset (void)
{
  if (g_once_init_enter (&offset_initialized))
    {
      const char *env = g_getenv ("VITA_TEST_NOW");

      if (env != NULL && *env != '\0')
        {
          g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (env, NULL);

          if (when != NULL)
            offset_usec = g_date_time_to_unix (when) * G_USEC_PER_SEC
                          - g_get_real_time ();
          else
            g_warning ("VITA_TEST_NOW is not an ISO 8601 date and time; using the real clock");
        }
      g_once_init_leave (&offset_initialized, 1);
    }
}

static gint64
now_usec (void)
{
  gint64 offset;

  ensure_offset ();
  G_LOCK (offset);
  offset = offset_usec;
  G_UNLOCK (offset);
  return g_get_real_time () + offset;
}

/**
 * vita_clock_now_local:
 *
 * Returns: (transfer full): the current local date and time, as the core
 *   sees it.
 */
GDateTime *
vita_clock_now_local (void)
{
  g_autoptr(GDateTime) utc = vita_clock_now_utc ();

  return g_date_time_to_local (utc);
}

/**
 * vita_clock_now_utc:
 *
 * Returns: (transfer full): the current UTC date and time, as the core
 *   sees it.
 */
GDateTime *
vita_clock_now_utc (void)
{
  gint64 usec = now_usec ();
  g_autoptr(GDateTime) secs = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  return g_date_time_add (secs, usec % G_USEC_PER_SEC);
}

/**
 * vita_clock_get_today:
 * @today: (out caller-allocates): set to today's local date
 */
void
vita_clock_get_today (GDate *today)
{
  g_autoptr(GDateTime) now = vita_clock_now_local ();

  g_return_if_fail (today != NULL);

  g_date_clear (today, 1);
  g_date_set_dmy (today,
                  g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/**
 * vita_clock_now_iso8601:
 *
 * Returns: (transfer full): the current UTC time in ISO 8601, the form the
 *   store keeps timestamps in.
 */
char *
vita_clock_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = vita_clock_now_utc ();

  return g_date_time_format_iso8601 (now);
}

/**
 * vita_clock_set_for_testing:
 * @now: (nullable): the time the core should see now, or %NULL for the
 *   real clock
 *
 * Shifts the core's clock so that it reads @now at this moment and moves on
 * from there.  For tests only.
 */
void
vita_clock_set_for_testing (GDateTime *now)
{
  gint64 offset = 0;

  ensure_offset ();
  if (now != NULL)
    offset = g_date_time_to_unix (now) * G_USEC_PER_SEC
             + g_date_time_get_microsecond (now) - g_get_real_time ();
  G_LOCK (offset);
  offset_usec = offset;
  G_UNLOCK (offset);
}
