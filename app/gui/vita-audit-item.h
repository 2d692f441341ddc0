/* vita-audit-item.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vita-store-records.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_AUDIT_ITEM (vita_audit_item_get_type ())
G_DECLARE_FINAL_TYPE (VitaAuditItem, vita_audit_item, VITA, AUDIT_ITEM, GObject)

VitaAuditItem        *vita_audit_item_new              (VitaAuditEntry *entry);
const VitaAuditEntry *vita_audit_item_get_entry        (VitaAuditItem  *self);
char                 *vita_audit_item_dup_time         (VitaAuditItem  *self);
const char           *vita_audit_item_get_who          (VitaAuditItem  *self);
const char           *vita_audit_item_get_what         (VitaAuditItem  *self);

char                 *vita_audit_format_time           (const char     *iso_utc);
const char           *vita_audit_action_get_label      (const char     *action);
const char           *vita_audit_action_get_member_text (const char    *action);
const char           *vita_audit_entry_get_member_text  (const char    *action,
                                                         const char    *detail);

G_END_DECLS
