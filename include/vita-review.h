/* vita-review.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-field.h"
#include "vita-household.h"
#include "vita-store.h"

G_BEGIN_DECLS

/* Quality review of a return (Form 13614-C, domain-rules.md sections 1.8
 * and 1.12): who prepared it, who reviewed it, and whether the reviewer may
 * sign off.  Self-review is never allowed, and a return may only be
 * prepared and reviewed by volunteers whose certification covers every
 * checked item. */

#define VITA_REVIEW_ERROR (vita_review_error_quark ())

typedef enum
{
  VITA_REVIEW_ERROR_NOT_SAVED,       /* the household has no id yet */
  VITA_REVIEW_ERROR_ROLE,            /* the user may not review */
  VITA_REVIEW_ERROR_STATUS,          /* the return is not in quality review */
  VITA_REVIEW_ERROR_NO_PREPARER,     /* nobody is recorded as preparer */
  VITA_REVIEW_ERROR_SELF_REVIEW,     /* reviewer and preparer are the same */
  VITA_REVIEW_ERROR_PREPARER_CERT,   /* preparer not certified for the answers */
  VITA_REVIEW_ERROR_REVIEWER_CERT,   /* reviewer not certified for the answers */
  VITA_REVIEW_ERROR_W7_INCOMPLETE,   /* a W-7 still has blocking problems */
  VITA_REVIEW_ERROR_ALREADY_SIGNED,
  VITA_REVIEW_ERROR_TRANSITION,      /* a status change that is not allowed */
} VitaReviewError;

typedef struct
{
  gint64         preparer_id;    /* 0 if none is recorded */
  char          *preparer_name;  /* display name, or NULL */
  VitaCertLevel  preparer_cert;
  gint64         reviewer_id;    /* 0 while not signed off */
  char          *reviewer_name;
  char          *reviewed_at;    /* ISO 8601, or NULL */
  gint64         user_id;        /* the signed-in user */
  VitaCertLevel  user_cert;
} VitaReviewInfo;

GQuark          vita_review_error_quark      (void);
VitaCertLevel   vita_review_parse_cert_level (const char       *text);
VitaReviewInfo *vita_review_get_info         (VitaStore        *store,
                                              gint64            household_id,
                                              GError          **error);
void            vita_review_info_free        (VitaReviewInfo   *info);
gboolean        vita_review_check_sign_off   (VitaStore        *store,
                                              VitaHousehold    *household,
                                              const VitaReviewInfo *info,
                                              GError          **error);
gboolean        vita_review_sign_off         (VitaStore        *store,
                                              VitaHousehold    *household,
                                              GError          **error);
gboolean        vita_review_claim_preparer   (VitaStore        *store,
                                              gint64            household_id,
                                              GError          **error);
gboolean        vita_review_status_allowed   (VitaReturnStatus  from,
                                              VitaReturnStatus  to,
                                              gboolean          signed_off);
gboolean        vita_review_set_status       (VitaStore        *store,
                                              gint64            household_id,
                                              VitaReturnStatus  status,
                                              GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaReviewInfo, vita_review_info_free)

G_END_DECLS
