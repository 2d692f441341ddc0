/* vita-intake-documents-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-household.h"
#include "vita-intake-section.h"

G_BEGIN_DECLS

#define VITA_TYPE_INTAKE_DOCUMENTS_PAGE (vita_intake_documents_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaIntakeDocumentsPage, vita_intake_documents_page, VITA, INTAKE_DOCUMENTS_PAGE, AdwBin)

GtkWidget         *vita_intake_documents_page_new         (VitaHousehold           *household);
void               vita_intake_documents_page_add         (VitaIntakeDocumentsPage *self,
                                                           int                      person);
void               vita_intake_documents_page_remove      (VitaIntakeDocumentsPage *self,
                                                           int                      person);
VitaIntakeSection *vita_intake_documents_page_get_section (VitaIntakeDocumentsPage *self,
                                                           int                      person);
void               vita_intake_documents_page_refresh     (VitaIntakeDocumentsPage *self);
void               vita_intake_documents_page_forget_secrets (VitaIntakeDocumentsPage *self);

G_END_DECLS
