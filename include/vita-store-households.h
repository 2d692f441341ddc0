/* vita-store-households.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"
#include "vita-store-access.h"

G_BEGIN_DECLS

/* Households: save and load, search and the list, return status, notices
 * given (vita-store-households.c, vita-store-list.c). */

typedef struct
{
  gint64           id;
  char            *display_name;
  VitaReturnStatus status;
  char            *language;
  gboolean         needs_itin;
  char            *updated;
  int              tax_year;     /* 0 when not known */
  VitaHouseholdAccess access;    /* whose it is, for the signed-in user */
} VitaHouseholdSummary;

typedef struct
{
  int         status;      /* -1 for any */
  const char *language;    /* NULL for any */
  int         needs_itin;  /* -1 any, 0 no, 1 yes */
} VitaSearchFilter;

#define VITA_SEARCH_FILTER_INIT { -1, NULL, -1 }

gboolean       vita_store_save_household        (VitaStore             *self,
                                                 VitaHousehold         *household,
                                                 GError               **error);
gboolean       vita_store_save_households       (VitaStore             *self,
                                                 GPtrArray             *households,
                                                 GError               **error);
VitaHousehold *vita_store_load_household        (VitaStore             *self,
                                                 gint64                 id,
                                                 GError               **error);
gboolean       vita_store_delete_household      (VitaStore             *self,
                                                 gint64                 id,
                                                 GError               **error);
gint64         vita_store_count_households      (VitaStore             *self,
                                                 GError               **error);
GArray        *vita_store_search                (VitaStore             *self,
                                                 const char            *query,
                                                 const VitaSearchFilter *filter,
                                                 GError               **error);
GPtrArray     *vita_store_get_summaries         (VitaStore             *self,
                                                 const gint64          *ids,
                                                 guint                  n_ids,
                                                 GError               **error);
gboolean       vita_store_set_status            (VitaStore             *self,
                                                 gint64                 household_id,
                                                 VitaReturnStatus       status,
                                                 GError               **error);
gboolean       vita_store_record_notice         (VitaStore             *self,
                                                 gint64                 household_id,
                                                 const char            *notice_version,
                                                 const char            *language,
                                                 const char            *second_language,
                                                 const char            *medium,
                                                 GError               **error);
GPtrArray     *vita_store_list_notices          (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);

char          *vita_fold_for_search             (const char            *text);
void           vita_household_summary_free      (VitaHouseholdSummary  *summary);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaHouseholdSummary, vita_household_summary_free)

G_END_DECLS
