/* vita-retention.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"
#include "vita-store-households.h"

G_BEGIN_DECLS

/* Retention dates and crypto-shredding (vita-store-retention.c).  Purging
 * is for coordinators. */

/* Retention and crypto-shredding: purge is for coordinators. */
typedef gboolean (*VitaStoreHouseholdFunc) (VitaHousehold *household,
                                            gpointer       user_data,
                                            GError       **error);

/* One answer of a household, as vita_store_foreach_answers() hands it out:
 * @value is never empty, and both strings live only until the callback
 * returns (they are wiped then). */
typedef struct
{
  int         person;   /* VITA_PERSON_HOUSEHOLD, _TAXPAYER, _SPOUSE or a member slot */
  const char *field;    /* a catalogue id, or a kept generalisation ("dob@age_band") */
  const char *value;
} VitaAnswer;

typedef struct
{
  gint64            id;         /* the record id: never to be exported */
  VitaReturnStatus  status;
  const char       *language;
  int               tax_year;
  /* Sealed answers first, then the plain ones.  The same person and field
   * can come twice only in a damaged or hand-edited store; the later one
   * wins, as in vita_household_set(). */
  const VitaAnswer *answers;
  guint             n_answers;
} VitaHouseholdAnswers;

typedef gboolean (*VitaStoreAnswersFunc)   (const VitaHouseholdAnswers *household,
                                            gpointer                    user_data,
                                            GError                    **error);

char          *vita_retention_purge_date        (const char            *policy,
                                                 int                    tax_year);
gboolean       vita_retention_parse_date        (const char            *text,
                                                 GDate                 *date,
                                                 GError               **error);
gboolean       vita_retention_status_is_final   (VitaReturnStatus       status);
int            vita_store_get_default_tax_year  (VitaStore             *self);
char          *vita_store_dup_purge_date        (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);
char          *vita_store_dup_member_purge_date (VitaStore             *self,
                                                 gint64                 household_id,
                                                 int                    tax_year,
                                                 gboolean              *pending,
                                                 GError               **error);
gboolean       vita_store_count_past_date       (VitaStore             *self,
                                                 const char            *today,
                                                 gint64                 counts[VITA_RETURN_STATUS_LAST + 1],
                                                 GError               **error);
gboolean       vita_store_set_household_retention (VitaStore           *self,
                                                 gint64                 household_id,
                                                 const char            *purge_after,
                                                 GError               **error);
gboolean       vita_store_purge_household       (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);
gboolean       vita_store_purge_due             (VitaStore             *self,
                                                 const char            *today,
                                                 guint                 *n_purged,
                                                 GError               **error);
gint64         vita_store_count_purge_due       (VitaStore             *self,
                                                 const char            *today,
                                                 GError               **error);
gboolean       vita_store_foreach_household     (VitaStore             *self,
                                                 gboolean               include_purged,
                                                 VitaStoreHouseholdFunc func,
                                                 gpointer               user_data,
                                                 GError               **error);
gboolean       vita_store_foreach_answers       (VitaStore             *self,
                                                 gboolean               include_purged,
                                                 VitaStoreAnswersFunc   func,
                                                 gpointer               user_data,
                                                 GError               **error);

G_END_DECLS
