/* vita-notice-review.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A notice ages: its facts are "as of" a date, and courts and agencies
 * move on.  The site sets how many days a notice may go unreviewed; past
 * that the volunteer is warned before printing and the coordinator is
 * asked to review the paragraphs marked `review` and approve the version.
 * The approval date is printed on every notice, so a member (or a legal
 * aid lawyer) can see how fresh the site's check was.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-clock.h"
#include "vita-member-xml-private.h"
#include "vita-notice-review.h"
#include "vita-store-private.h"
#include "vita-store-records.h"

void
vita_notice_review_free (VitaNoticeReview *review)
{
  if (review == NULL)
    return;

  g_free (review->approved);
  g_free (review->since);
  g_free (review);
}

static gboolean
parse_date (const char *iso,
            GDate      *date)
{
  int y, m, d;

  g_date_clear (date, 1);
  if (iso == NULL || !vita_notice_parse_iso_date (iso, &y, &m, &d))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return g_date_valid (date);
}

/* Returns: the date of a "YYYY-MM-DD VERSION" approval when it is for
 * @version, else %NULL: approving one version says nothing of the next. */
static char *
approved_date_for (const char *setting,
                   const char *version)
{
  g_auto(GStrv) parts = NULL;
  GDate date;

  if (setting == NULL)
    return NULL;
  parts = g_strsplit (setting, " ", 2);
  if (g_strv_length (parts) != 2 || !g_str_equal (parts[1], version) || !parse_date (parts[0], &date))
    return NULL;
  return g_strdup (parts[0]);
}

/**
 * vita_notice_review_compute:
 * @notice: the notice
 * @approved_setting: (nullable): the `notice-approved` setting
 * @limit_setting: (nullable): the `notice-review-days` setting
 *
 * The notice's age is today (vita-clock) minus the site's approval date of
 * this version, or minus the text's as-of date if the site never approved
 * it.
 *
 * Returns: (transfer full): the review state
 */
VitaNoticeReview *
vita_notice_review_compute (VitaNotice *notice,
                            const char *approved_setting,
                            const char *limit_setting)
{
  VitaNoticeReview *review = g_new0 (VitaNoticeReview, 1);
  guint64 limit = VITA_NOTICE_REVIEW_DAYS_DEFAULT;
  GDate today, since;

  g_return_val_if_fail (VITA_IS_NOTICE (notice), NULL);

  if (limit_setting != NULL
      && !g_ascii_string_to_unsigned (limit_setting, 10, VITA_NOTICE_REVIEW_DAYS_MIN,
                                      VITA_NOTICE_REVIEW_DAYS_MAX, &limit, NULL))
    limit = VITA_NOTICE_REVIEW_DAYS_DEFAULT;
  review->limit_days = (guint) limit;

  review->approved = approved_date_for (approved_setting, vita_notice_get_version (notice));
  review->since = g_strdup (review->approved != NULL ? review->approved : vita_notice_get_as_of (notice));

  vita_clock_get_today (&today);
  if (parse_date (review->since, &since))
    review->age_days = g_date_days_between (&since, &today);
  review->overdue = review->age_days > (int) review->limit_days;

  return review;
}

static char *
dup_setting (VitaStore   *store,
             const char  *key,
             GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  char *value = vita_store_dup_setting (store, key, &local_error);

  if (value == NULL && !g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND))
    g_propagate_error (error, g_steal_pointer (&local_error));
  return value;
}

/**
 * vita_notice_review_load:
 *
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): the review state from the store's settings, or
 *   %NULL with @error set
 */
VitaNoticeReview *
vita_notice_review_load (VitaStore   *store,
                         VitaNotice  *notice,
                         GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *approved = NULL;
  g_autofree char *limit = NULL;

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (VITA_IS_NOTICE (notice), NULL);

  approved = dup_setting (store, VITA_NOTICE_APPROVED_KEY, &local_error);
  if (local_error == NULL)
    limit = dup_setting (store, VITA_NOTICE_REVIEW_DAYS_KEY, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return vita_notice_review_compute (notice, approved, limit);
}

/**
 * vita_notice_review_dup_warning:
 *
 * Returns: (transfer full) (nullable): the warning a volunteer sees before
 *   printing an overdue notice, or %NULL if the notice is within its limit
 */
char *
vita_notice_review_dup_warning (const VitaNoticeReview *review)
{
  g_return_val_if_fail (review != NULL, NULL);

  if (!review->overdue)
    return NULL;

  if (review->approved != NULL)
    /* Translators: %d is a number of days, %s a YYYY-MM-DD date, %u the
     * site's limit in days. */
    return g_strdup_printf (_("This notice was last approved by the site %d days ago (%s); the site "
                              "asks for a review every %u days. Courts and agencies may have acted "
                              "since. Tell the member the facts may be out of date, and ask the site "
                              "coordinator to review the notice."),
                            review->age_days, review->approved, review->limit_days);

  /* Translators: %d is a number of days, %s a YYYY-MM-DD date, %u the
   * site's limit in days. */
  return g_strdup_printf (_("This notice’s facts are %d days old (as of %s) and the site has not "
                            "approved this version; the site asks for a review every %u days. Tell "
                            "the member the facts may be out of date, and ask the site coordinator "
                            "to review the notice."),
                          review->age_days, review->since, review->limit_days);
}

/**
 * vita_notice_review_approve:
 * @store: an unlocked store, signed in as a coordinator
 * @notice: the notice version being approved
 *
 * Records that the coordinator checked the paragraphs marked `review`
 * (vita_notice_dup_review_ids()) and approves this version today: the
 * setting, and an "approve-notice" audit entry naming the version (no
 * household, no identity data).  Blocking.
 *
 * Returns: %TRUE on success
 */
gboolean
vita_notice_review_approve (VitaStore   *store,
                            VitaNotice  *notice,
                            GError     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *today = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (VITA_IS_STORE (store), FALSE);
  g_return_val_if_fail (VITA_IS_NOTICE (notice), FALSE);

  if (!vita_store_can (store, "settings"))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return FALSE;
    }

  now = vita_clock_now_local ();
  today = g_date_time_format (now, "%Y-%m-%d");
  value = g_strdup_printf ("%s %s", today, vita_notice_get_version (notice));

  return vita_store_set_setting (store, VITA_NOTICE_APPROVED_KEY, value, error)
         && vita_store_audit (store, "approve-notice", 0, vita_notice_get_version (notice), error);
}

/**
 * vita_notice_review_check_setting:
 *
 * Validates the review settings before the store saves them.
 *
 * Returns: %TRUE if @key is not a review setting or @value is valid
 */
gboolean
vita_notice_review_check_setting (const char  *key,
                                  const char  *value,
                                  GError     **error)
{
  guint64 number;

  if (g_str_equal (key, VITA_NOTICE_REVIEW_DAYS_KEY))
    {
      if (g_ascii_string_to_unsigned (value, 10, VITA_NOTICE_REVIEW_DAYS_MIN,
                                      VITA_NOTICE_REVIEW_DAYS_MAX, &number, NULL))
        return TRUE;
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   _("Enter a number of days from %d to %d."),
                   VITA_NOTICE_REVIEW_DAYS_MIN, VITA_NOTICE_REVIEW_DAYS_MAX);
      return FALSE;
    }
  if (g_str_equal (key, VITA_NOTICE_APPROVED_KEY))
    {
      g_auto(GStrv) parts = g_strsplit (value, " ", 2);
      GDate date, today;

      vita_clock_get_today (&today);
      if (g_strv_length (parts) == 2 && *parts[1] != '\0' && parse_date (parts[0], &date)
          && g_date_compare (&date, &today) <= 0)
        return TRUE;
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("A notice approval needs a date that is not in the future and a version."));
      return FALSE;
    }
  return TRUE;
}
