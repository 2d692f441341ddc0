/* vita-export.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vita-store.h"

G_BEGIN_DECLS

/* De-identified exports for coordinators: one row per household with no
 * identity in it, and aggregate statistics for funders.  The core never
 * writes a file: the caller hands over a stream (the GUI a
 * GFileOutputStream from a file chooser).  See vita-export.c for the
 * column list and the k-anonymity and cell-suppression methods. */

#define VITA_EXPORT_ERROR (vita_export_error_quark ())

typedef enum
{
  VITA_EXPORT_ERROR_INVALID,   /* k or the minimum cell size below 2 */
  VITA_EXPORT_ERROR_TOO_FEW,   /* fewer households than k: no row can be released */
  VITA_EXPORT_ERROR_CHECK,     /* the table failed its own k-anonymity check */
} VitaExportError;

typedef enum
{
  VITA_EXPORT_FORMAT_CSV,
  VITA_EXPORT_FORMAT_JSON,
} VitaExportFormat;

typedef struct
{
  /* Every combination of quasi-identifiers is shared by at least k rows.
   * 0: the site's "k-anonymity" setting, VITA_EXPORT_DEFAULT_K when unset. */
  guint    k;
  /* Also purged households: their safe answers and the generalised values
   * the purge kept ("dob@age_band", "address.zip@zip3", "…@year"). */
  gboolean include_purged;
} VitaExportOptions;

#define VITA_EXPORT_OPTIONS_INIT { 0, FALSE }
#define VITA_EXPORT_DEFAULT_K 5
/* Household members beyond this many get no columns of their own; they
 * are still counted in household_size and dependents_count. */
#define VITA_EXPORT_MAX_DEPENDENTS 4

typedef enum
{
  VITA_EXPORT_REPORT_ROWS,
  VITA_EXPORT_REPORT_AGGREGATES,
} VitaExportReportKind;

typedef struct
{
  /* A quasi-identifier column of the row export, or a table of the
   * aggregates report. */
  const char *name;
  guint       n_generalised;   /* rows: cells made coarser */
  guint       n_suppressed;    /* cells withheld: "*" in rows, "<k" or "*" in aggregates */
  guint       n_complementary; /* aggregates: of those, withheld only to protect another */
} VitaExportReportItem;

typedef struct _VitaExportReport VitaExportReport;
typedef struct _VitaExportTable  VitaExportTable;

GQuark                      vita_export_error_quark            (void);

/* Two steps, so the coordinator sees what the check changed before
 * anything leaves: prepare (reads, de-identifies, checks; writes
 * nothing), show the report, then write. */
VitaExportTable            *vita_export_prepare                (VitaStore                *store,
                                                                const VitaExportOptions  *opts,
                                                                GError                  **error);
VitaExportTable            *vita_export_prepare_aggregates     (VitaStore                *store,
                                                                guint                     min_cell,
                                                                GError                  **error);
const VitaExportReport     *vita_export_table_get_report       (VitaExportTable          *table);
gboolean                    vita_export_table_write            (VitaExportTable          *table,
                                                                VitaExportFormat          format,
                                                                GOutputStream            *out,
                                                                GCancellable             *cancellable,
                                                                GError                  **error);
void                        vita_export_table_free             (VitaExportTable          *table);

/* One-call forms of the above. */
gboolean                    vita_export_deidentified           (VitaStore                *store,
                                                                VitaExportFormat          format,
                                                                GOutputStream            *out,
                                                                const VitaExportOptions  *opts,
                                                                VitaExportReport        **report,
                                                                GError                  **error);
gboolean                    vita_export_aggregates             (VitaStore                *store,
                                                                GOutputStream            *out,
                                                                guint                     min_cell,
                                                                VitaExportReport        **report,
                                                                GError                  **error);

VitaExportReportKind        vita_export_report_get_kind        (const VitaExportReport   *report);
guint                       vita_export_report_get_k           (const VitaExportReport   *report);
guint                       vita_export_report_get_n_rows      (const VitaExportReport   *report);
guint                       vita_export_report_get_min_group_size (const VitaExportReport *report);
guint                       vita_export_report_get_n_items     (const VitaExportReport   *report);
const VitaExportReportItem *vita_export_report_get_item        (const VitaExportReport   *report,
                                                                guint                     index);
char                       *vita_export_report_to_text         (const VitaExportReport   *report);
VitaExportReport           *vita_export_report_copy            (const VitaExportReport   *report);
void                        vita_export_report_free            (VitaExportReport         *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaExportTable, vita_export_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaExportReport, vita_export_report_free)

G_END_DECLS
