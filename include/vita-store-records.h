/* vita-store-records.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"

G_BEGIN_DECLS

/* What the store records about households: consents given and revoked, and
 * the audit log (vita-store-households.c, vita-store-audit.c). */

typedef struct
{
  gint64  seq;
  char   *at;            /* ISO 8601, UTC */
  char   *user_name;
  char   *user_display_name;
  char   *action;        /* e.g. "open-household", "issue-notice", "export" */
  gint64  household_id;  /* 0 when not about one household */
  char   *detail;        /* a code, never a value from a record */
} VitaAuditEntry;

typedef struct
{
  gint64    id;
  gint64    household_id;
  int       person;
  char     *kind;          /* "15080-disclose", "use", "disclose" */
  gboolean  granted;
  char     *text_version;
  char     *language;
  char     *valid_until;   /* YYYY-MM-DD or NULL */
  char     *recorded_at;
  char     *revoked_at;    /* NULL while in force */
} VitaConsent;

/* Consents (§7216, Form 15080): optional, never a condition of service. */
gint64         vita_store_record_consent        (VitaStore             *self,
                                                 gint64                 household_id,
                                                 int                    person,
                                                 const char            *kind,
                                                 gboolean               granted,
                                                 const char            *text_version,
                                                 const char            *language,
                                                 const char            *valid_until,
                                                 GError               **error);
gboolean       vita_store_revoke_consent        (VitaStore             *self,
                                                 gint64                 consent_id,
                                                 GError               **error);
GPtrArray     *vita_store_list_consents         (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);

/* Audit log: who did what to which household, never the values. */
gboolean       vita_store_audit_verify          (VitaStore             *self,
                                                 gint64                *n_entries,
                                                 GError               **error);
GPtrArray     *vita_store_list_audit            (VitaStore             *self,
                                                 gint64                 household_id,
                                                 gint64                 before_seq,
                                                 guint                  limit,
                                                 GError               **error);

void           vita_audit_entry_free            (VitaAuditEntry        *entry);
void           vita_consent_free                (VitaConsent           *consent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaAuditEntry, vita_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaConsent, vita_consent_free)

G_END_DECLS
