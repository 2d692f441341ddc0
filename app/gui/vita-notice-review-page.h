/* vita-notice-review-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_NOTICE_REVIEW_PAGE (vita_notice_review_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaNoticeReviewPage, vita_notice_review_page, VITA, NOTICE_REVIEW_PAGE, AdwBin)

void        vita_notice_review_page_set_store        (VitaNoticeReviewPage *self,
                                                      VitaStore            *store);
gboolean    vita_notice_review_page_get_busy         (VitaNoticeReviewPage *self);
gboolean    vita_notice_review_page_get_needs_review (VitaNoticeReviewPage *self);

G_END_DECLS
