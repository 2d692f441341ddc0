/* vita-audit-print.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VITA_TYPE_AUDIT_PRINT (vita_audit_print_get_type ())
G_DECLARE_FINAL_TYPE (VitaAuditPrint, vita_audit_print, VITA, AUDIT_PRINT, GtkPrintOperation)

VitaAuditPrint *vita_audit_print_new      (gint64          household_id,
                                           const char     *site_name,
                                           const char     *site_contact,
                                           GPtrArray      *entries);
char           *vita_audit_print_dup_text (VitaAuditPrint *self);
void            vita_audit_print_set_openings (VitaAuditPrint *self,
                                               GPtrArray      *openings);

G_END_DECLS
