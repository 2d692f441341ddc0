/* vita-audit-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_AUDIT_PAGE (vita_audit_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaAuditPage, vita_audit_page, VITA, AUDIT_PAGE, AdwBin)

/* How many entries one page of the log browser reads at a time. */
#define VITA_AUDIT_PAGE_SIZE 100

void        vita_audit_page_set_store   (VitaAuditPage *self,
                                         VitaStore     *store);
GListModel *vita_audit_page_get_entries (VitaAuditPage *self);
gboolean    vita_audit_page_get_loading (VitaAuditPage *self);
gboolean    vita_audit_page_get_has_more (VitaAuditPage *self);

G_END_DECLS
