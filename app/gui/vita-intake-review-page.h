/* vita-intake-review-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-household.h"
#include "vita-review.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_INTAKE_REVIEW_PAGE (vita_intake_review_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaIntakeReviewPage, vita_intake_review_page, VITA, INTAKE_REVIEW_PAGE, AdwBin)

GtkWidget *vita_intake_review_page_new    (void);
void       vita_intake_review_page_update (VitaIntakeReviewPage *self,
                                           VitaStore            *store,
                                           VitaHousehold        *household,
                                           const VitaReviewInfo *info);

G_END_DECLS
