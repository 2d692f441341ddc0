/* vita-forms-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_FORMS_PAGE (vita_forms_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaFormsPage, vita_forms_page, VITA, FORMS_PAGE, AdwBin)

void        vita_forms_page_set_store          (VitaFormsPage       *self,
                                                VitaStore           *store);
void        vita_forms_page_import_file        (VitaFormsPage       *self,
                                                GFile               *file);
gboolean    vita_forms_page_get_busy           (VitaFormsPage       *self);
const char *vita_forms_page_get_message        (VitaFormsPage       *self);
guint       vita_forms_page_get_n_templates    (VitaFormsPage       *self);

G_END_DECLS
