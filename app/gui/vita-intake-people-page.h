/* vita-intake-people-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-household.h"
#include "vita-intake-section.h"

G_BEGIN_DECLS

#define VITA_TYPE_INTAKE_PEOPLE_PAGE (vita_intake_people_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaIntakePeoplePage, vita_intake_people_page, VITA, INTAKE_PEOPLE_PAGE, AdwBin)

GtkWidget         *vita_intake_people_page_new     (VitaHousehold        *household);
void               vita_intake_people_page_sync    (VitaIntakePeoplePage *self);
void               vita_intake_people_page_refresh (VitaIntakePeoplePage *self);
void               vita_intake_people_page_forget_secrets (VitaIntakePeoplePage *self);
VitaIntakeSection *vita_intake_people_page_get_section (VitaIntakePeoplePage *self,
                                                        int                   person);

G_END_DECLS
