/* vita-notice-review.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How old the notice's facts are, and the site's approval of a notice
 * version (issue 14, item 1; seed digest §6 requirements 2 and 15).
 */

#pragma once

#include <glib.h>

#include "vita-notice.h"
#include "vita-store.h"

G_BEGIN_DECLS

/* Store settings (coordinators only, like every setting). */
#define VITA_NOTICE_REVIEW_DAYS_KEY     "notice-review-days"  /* whole days */
#define VITA_NOTICE_APPROVED_KEY        "notice-approved"     /* "YYYY-MM-DD VERSION" */
#define VITA_NOTICE_REVIEW_DAYS_DEFAULT 90
#define VITA_NOTICE_REVIEW_DAYS_MIN     7
#define VITA_NOTICE_REVIEW_DAYS_MAX     365

typedef struct
{
  char     *approved;    /* YYYY-MM-DD the site approved this version; NULL if never */
  char     *since;       /* YYYY-MM-DD the age counts from: approved, else the as-of date */
  guint     limit_days;  /* the site's review limit */
  int       age_days;    /* today minus @since (vita-clock) */
  gboolean  overdue;     /* age_days > limit_days */
} VitaNoticeReview;

VitaNoticeReview *vita_notice_review_compute  (VitaNotice        *notice,
                                               const char        *approved_setting,
                                               const char        *limit_setting);
VitaNoticeReview *vita_notice_review_load     (VitaStore         *store,
                                               VitaNotice        *notice,
                                               GError           **error);
void              vita_notice_review_free     (VitaNoticeReview  *review);
char             *vita_notice_review_dup_warning (const VitaNoticeReview *review);

gboolean          vita_notice_review_approve  (VitaStore         *store,
                                               VitaNotice        *notice,
                                               GError           **error);
gboolean          vita_notice_review_check_setting (const char   *key,
                                                    const char   *value,
                                                    GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaNoticeReview, vita_notice_review_free)

G_END_DECLS
