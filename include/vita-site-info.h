/* vita-site-info.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-notice.h"
#include "vita-store.h"

G_BEGIN_DECLS

/* The site settings a member-facing text names (the site, how to reach it,
 * independent legal help) and the household's real purge date, read once
 * from the store for the notice dialog, the privacy screen and the consent
 * screen, so all three say the same thing. */
typedef struct
{
  char      *site_name;
  char      *site_contact;
  char      *legal_referral;
  char      *purge_date;  /* YYYY-MM-DD: when this household's file is deleted, never past */
  gboolean   purge_pending; /* the return is not finished: the date is the earliest */
  GPtrArray *missing;     /* setting keys that are not set, in display order */
  char      *notice_approved;     /* the notice-approved setting, or NULL */
  char      *notice_review_days;  /* the notice-review-days setting, or NULL */
  char      *approved_date;       /* YYYY-MM-DD part of notice_approved */
  char      *approved_version;    /* the version part of notice_approved */
  char      *data_mode;           /* "on" in minimum-data mode, else "off" */
  guint      contact_days;        /* minimum-data-contact-days */
} VitaSiteInfo;

VitaSiteInfo *vita_site_info_load                (VitaStore           *store,
                                                  gint64               household_id,
                                                  int                  tax_year,
                                                  GError             **error);
void          vita_site_info_free                (VitaSiteInfo        *info);
char         *vita_site_info_fill                (const VitaSiteInfo  *info,
                                                  VitaNotice          *notice,
                                                  const char          *language,
                                                  gboolean             bilingual,
                                                  VitaNoticeSite      *site);
char         *vita_site_info_dup_missing_message (const VitaSiteInfo  *info);

void          vita_site_info_check_promises      (const VitaSiteInfo  *info,
                                                  const char          *language,
                                                  gboolean             with_legal_referral,
                                                  GPtrArray           *promises);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaSiteInfo, vita_site_info_free)

G_END_DECLS
