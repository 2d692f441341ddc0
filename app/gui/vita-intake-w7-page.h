/* vita-intake-w7-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-household.h"
#include "vita-intake-section.h"

G_BEGIN_DECLS

#define VITA_TYPE_INTAKE_W7_PAGE (vita_intake_w7_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaIntakeW7Page, vita_intake_w7_page, VITA, INTAKE_W7_PAGE, AdwBin)

GtkWidget         *vita_intake_w7_page_new            (VitaHousehold    *household,
                                                       int               person);
int                vita_intake_w7_page_get_person     (VitaIntakeW7Page *self);
VitaIntakeSection *vita_intake_w7_page_get_section    (VitaIntakeW7Page *self);
void               vita_intake_w7_page_set_title      (VitaIntakeW7Page *self,
                                                       const char       *title);
void               vita_intake_w7_page_refresh        (VitaIntakeW7Page *self,
                                                       GPtrArray        *problems);

G_END_DECLS
