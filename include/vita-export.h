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
  VITA_EXPORT_ERROR_COLUMNS,   /* an unknown, disallowed or too long column list */
  VITA_EXPORT_ERROR_REFUSED,   /* a bound of the risk report is not met */
} VitaExportError;

typedef enum
{
  VITA_EXPORT_FORMAT_CSV,
  VITA_EXPORT_FORMAT_JSON,
} VitaExportFormat;

/* What the export is for decides what leaves (docs/export.md,
 * "Purposes").  The default is the funders' tables: no row-level file. */
typedef enum
{
  VITA_EXPORT_PURPOSE_AGGREGATE,  /* one-way tables with small-cell suppression */
  VITA_EXPORT_PURPOSE_EXTRACT,    /* a row per household, of a few columns only */
} VitaExportPurpose;

typedef struct
{
  /* Every row written is shared by at least k rows on the whole tuple of
   * columns it carries; for the tables, the smallest count shown.
   * 0: the site's "k-anonymity" setting (vita_export_get_site_k()). */
  guint    k;
  /* Also purged households: their safe answers and the generalised values
   * the purge kept ("dob@age_band", "address.zip@zip3", "…@year"). */
  gboolean include_purged;
  /* Only for vita_export_prepare_for_purpose(); vita_export_prepare() is
   * always an extract and vita_export_prepare_aggregates() the tables. */
  VitaExportPurpose purpose;
  /* Extract: a named column set ("site-volume", "income-types",
   * "credits") or a comma-separated list of column names from
   * vita_export_get_column_names(); NULL for "site-volume". */
  const char *columns;
  /* Tables: noise for the published counts.  0: the site's
   * "export-noise-epsilon" setting (none when unset); < 0: none;
   * > 0: this epsilon per published count. */
  double   epsilon;
  /* The language of the headers, the labels and the data dictionary
   * ("en", "es", …); NULL for the user's interface language. */
  const char *language;
  /* Extract: the column ids ("taxpayer.dob@age_band") as headers instead
   * of the readable ones, for scripts; the dictionary maps one to the
   * other either way. */
  gboolean id_headers;
} VitaExportOptions;

#define VITA_EXPORT_OPTIONS_INIT { 0, FALSE, VITA_EXPORT_PURPOSE_AGGREGATE, NULL, 0.0, NULL, FALSE }
#define VITA_EXPORT_DEFAULT_K 5
/* The one place k's bounds live: the core, the GUI and the command line
 * all read these. */
#define VITA_EXPORT_MIN_K 2
#define VITA_EXPORT_MAX_K 50
/* An extract carries at most this many columns: a wider tuple cannot be
 * shared by k households of one site without suppressing most rows. */
#define VITA_EXPORT_MAX_COLUMNS 12
/* More suppressed than this share of rows and the extract is refused:
 * what is left would misrepresent the site. */
#define VITA_EXPORT_MAX_SUPPRESSED_PERCENT 50
/* The noise setting's bounds and the default when noise is asked for. */
#define VITA_EXPORT_MIN_EPSILON 0.05
#define VITA_EXPORT_MAX_EPSILON 10.0
#define VITA_EXPORT_DEFAULT_EPSILON 1.0
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

guint                       vita_export_get_site_k             (VitaStore                *store);
gboolean                    vita_export_parse_k                (const char               *text,
                                                                guint                    *k,
                                                                GError                  **error);
double                      vita_export_get_site_epsilon       (VitaStore                *store);
gboolean                    vita_export_parse_epsilon          (const char               *text,
                                                                double                   *epsilon,
                                                                GError                  **error);
/* The export's own site settings ("export-noise-epsilon"), checked
 * before the store keeps them; TRUE for any other key. */
gboolean                    vita_export_check_setting          (const char               *key,
                                                                const char               *value,
                                                                GError                  **error);
gboolean                    vita_export_purpose_from_string    (const char               *text,
                                                                VitaExportPurpose        *purpose,
                                                                const char              **columns);
const char * const         *vita_export_get_named_extracts     (void);
GStrv                       vita_export_get_column_names       (void);
/* The readable header of each column of vita_export_get_column_names(),
 * in @language (NULL: the interface language); unique and stable. */
GStrv                       vita_export_get_column_labels      (const char               *language,
                                                                GError                  **error);
/* Two-sided geometric noise with alpha = e^-epsilon (libsodium's CSPRNG). */
gint64                      vita_export_geometric_noise        (double                    epsilon);

VitaExportTable            *vita_export_prepare_for_purpose    (VitaStore                *store,
                                                                const VitaExportOptions  *opts,
                                                                GError                  **error);
VitaExportTable            *vita_export_prepare_aggregates_full (VitaStore               *store,
                                                                const VitaExportOptions  *opts,
                                                                GError                  **error);

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
/* The data dictionary (CSV): per column its header, id, question, type,
 * how it was made coarser and the values it may hold.  Written beside the
 * export, as NAME.dictionary.csv by the GUI and the command line. */
gboolean                    vita_export_table_write_dictionary (VitaExportTable          *table,
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
/* The risk figures, in the manner of ARX and sdcMicro, over the rows
 * written and the whole tuple each carries. */
guint                       vita_export_report_get_n_written   (const VitaExportReport   *report);
guint                       vita_export_report_get_n_suppressed (const VitaExportReport  *report);
guint                       vita_export_report_get_n_cells_generalised (const VitaExportReport *report);
guint                       vita_export_report_get_n_cells_withheld (const VitaExportReport *report);
guint                       vita_export_report_get_n_groups    (const VitaExportReport   *report);
guint                       vita_export_report_get_n_below_2k  (const VitaExportReport   *report);
double                      vita_export_report_get_max_risk    (const VitaExportReport   *report);
double                      vita_export_report_get_epsilon     (const VitaExportReport   *report);
const char                 *vita_export_report_get_columns     (const VitaExportReport   *report);
char                       *vita_export_report_to_json         (const VitaExportReport   *report);
char                       *vita_export_report_to_text         (const VitaExportReport   *report);
VitaExportReport           *vita_export_report_copy            (const VitaExportReport   *report);
void                        vita_export_report_free            (VitaExportReport         *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaExportTable, vita_export_table_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaExportReport, vita_export_report_free)

G_END_DECLS
