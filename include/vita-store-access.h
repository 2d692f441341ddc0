/* vita-store-access.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"

G_BEGIN_DECLS

/* Need-to-know (issue 13, Pub 4299): a household belongs to the volunteers
 * working on it.  Opening someone else's is a deliberate step with a
 * reason, recorded in the audit log and shown on the member's access
 * report (vita-store-access.c). */

typedef enum
{
  VITA_HOUSEHOLD_ACCESS_MINE = 0,  /* the user did its intake, prepares it or reviewed it */
  VITA_HOUSEHOLD_ACCESS_QUEUE,     /* unassigned, waiting in a queue the user's role works */
  VITA_HOUSEHOLD_ACCESS_OPENED,    /* someone else's, opened with a reason this session */
  VITA_HOUSEHOLD_ACCESS_OTHERS,    /* someone else's: opening it needs a reason */
} VitaHouseholdAccess;

/* A reason shorter than this says nothing ("ok", "x"). */
#define VITA_ACCESS_REASON_MIN_CHARS 5
#define VITA_ACCESS_REASON_MAX_CHARS 500

typedef struct
{
  gint64    seq;                /* the audit entry */
  char     *at;                 /* ISO 8601, UTC */
  char     *user_display_name;
  VitaRole  role;               /* the opener's role at the time */
  char     *reason;             /* NULL: none given (a coordinator) or no longer readable */
  gboolean  reason_lost;        /* a reason was given but its household key is gone */
} VitaHouseholdOpening;

VitaHouseholdAccess vita_store_household_access       (VitaStore   *self,
                                                       gint64       household_id,
                                                       GError     **error);
gboolean            vita_store_access_needs_reason    (VitaStore   *self,
                                                       VitaHouseholdAccess access);
gboolean            vita_access_reason_check          (const char  *reason,
                                                       GError     **error);
gboolean            vita_store_open_household_for     (VitaStore   *self,
                                                       gint64       household_id,
                                                       const char  *reason,
                                                       GError     **error);
GPtrArray          *vita_store_list_household_openings (VitaStore  *self,
                                                       gint64       household_id,
                                                       GError     **error);
void                vita_household_opening_free       (VitaHouseholdOpening *opening);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaHouseholdOpening, vita_household_opening_free)

G_END_DECLS
