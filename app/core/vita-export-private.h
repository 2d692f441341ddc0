/* vita-export-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the export's partner files share: the prepared table, its columns
 * and tokens, and the rules each file provides to the others.  Not
 * installed and not on the public include path.  The design is in
 * docs/export.md.
 */

#pragma once

#include <glib.h>

#include "vita-catalog.h"
#include "vita-export.h"
#include "vita-field.h"
#include "vita-i18n.h"

G_BEGIN_DECLS

/* The report (vita-export-report.c) */

struct _VitaExportReport
{
  VitaExportReportKind kind;
  guint                k;
  guint                n_rows;
  guint                min_group_size;
  guint                n_rows_all_withheld;
  /* Risk figures of a row extract: over the rows written only. */
  guint                n_written;
  guint                n_suppressed;
  guint                n_cells_generalised;
  guint                n_cells_withheld;
  guint                n_groups;
  guint                n_below_2k;
  /* Tables: the epsilon of the noise added, 0 for none. */
  double               epsilon;
  char                *columns;  /* extract: the columns, comma-separated */
  char               **headers;  /* extract: their readable headers, one per item */
  GArray              *items;   /* VitaExportReportItem, names owned by @names */
  GPtrArray           *names;
};

VitaExportReport     *_vita_export_report_new      (VitaExportReportKind  kind,
                                                    guint                 k);
VitaExportReportItem *_vita_export_report_add_item (VitaExportReport     *report,
                                                    const char           *name);

/* What may leave (vita-export-policy.c) */

typedef enum
{
  USE_NONE,
  USE_KEEP,
  USE_AGE_BAND,
  USE_ZIP3,
  USE_YEAR,
} FieldUse;

gboolean    _vita_export_field_is_never_exported (const VitaField *field);
FieldUse    _vita_export_field_use               (const VitaField *field);
const char *_vita_export_use_suffix              (FieldUse         use);
int         _vita_export_age_band_index          (const char      *band);
gboolean    _vita_export_all_digits              (const char      *s,
                                                  gsize            n);
int         _vita_export_leading_year            (const char      *value);
const char *_vita_export_age_band_for_date       (const char      *date,
                                                  int              tax_year);
gboolean    _vita_export_zip3_is_restricted      (const char      *zip3);
gboolean    _vita_export_zip3_for_zip            (const char      *zip,
                                                  char             zip3[4]);

/* Columns (vita-export-rows.c) */

typedef enum
{
  HIER_NONE,           /* not a quasi-identifier */
  HIER_AGE,
  HIER_ZIP3,
  HIER_YEAR,
  HIER_HOUSEHOLD_SIZE,
  HIER_DEPENDENTS,
  HIER_STATUS,         /* status, then open / filed / not filing */
  HIER_YES_NO,         /* the answer, then withheld */
  HIER_COUNT,          /* top-coded 3+, then 1+ */
  HIER_CHOICE,         /* rare answers grouped into "other" */
} Hierarchy;

typedef enum
{
  COL_STATUS,
  COL_HOUSEHOLD_SIZE,
  COL_DEPENDENTS_COUNT,
  COL_FIELD,
} ColumnKind;

#define WHO_HOUSEHOLD (-1)
#define WHO_TAXPAYER  0
#define WHO_SPOUSE    1
#define WHO_DEPENDENT 2   /* WHO_DEPENDENT + n for the (n+1)th member */

typedef struct
{
  char            *name;
  ColumnKind       kind;
  Hierarchy        hier;
  const VitaField *field;
  FieldUse         use;
  int              who;
} Column;

guint8     _vita_export_hierarchy_max_level (Hierarchy hier);
GPtrArray *_vita_export_build_columns       (void);
GPtrArray *_vita_export_select_columns      (const char  *request,
                                             GError     **error);

/* Cell values (vita-export-rows.c) */

/* Every cell is a token: a number for each distinct string in the export,
 * 0 for empty.  A row of 150 columns is then 300 bytes, not 150 strings,
 * and comparing a cell or a quasi-identifier tuple is comparing numbers. */
typedef guint16 Token;

#define TOKEN_EMPTY 0

typedef struct
{
  GHashTable *ids;      /* string -> GUINT_TO_POINTER (token) */
  GPtrArray  *strings;  /* token -> string; [TOKEN_EMPTY] is NULL */
  gboolean    full;     /* a value found no token: the export fails */
} Tokens;

void        _vita_export_tokens_init   (Tokens           *tokens);
void        _vita_export_tokens_clear  (Tokens           *tokens);
Token       _vita_export_tokens_intern (Tokens           *tokens,
                                        const char       *value);
const char *_vita_export_tokens_get    (Tokens           *tokens,
                                        Token             token);
gboolean    _vita_export_tokens_check  (Tokens           *tokens,
                                        GError          **error);
char       *_vita_export_kept_value    (const VitaField  *field,
                                        const char       *raw);

/* The prepared table */

/* Generalisation levels are 0 (as collected) to hierarchy_max_level(). */
#define N_LEVELS 4

typedef struct
{
  const char *table;     /* static id */
  char       *category;
  char       *label;
  guint       count;
  gboolean    suppressed;
  gboolean    complementary;
  gboolean    is_total;
} Cell;

typedef struct
{
  guint   total;
  GArray *parts;  /* guint cell indexes */
} Relation;

struct _VitaExportTable
{
  VitaStore        *store;
  VitaExportReport *report;
  gboolean          aggregates;
  guint             k;

  /* Row export.  Rows are stored in the order they were read and written
   * in @order, the shuffle; every pass over the rows whose result depends
   * on their order goes through @order. */
  GPtrArray        *columns;
  guint             n_columns;
  guint            *qi;          /* column of each quasi-identifier */
  guint             n_qi;
  Tokens            tokens;
  GArray           *cells;       /* Token, n_rows × n_columns, level 0 */
  guint             n_rows;
  guint32          *order;       /* n_rows: the row at each position of the file */
  guint8           *levels;      /* n_rows × n_qi */
  guint            *steps;       /* n_rows: next step of the schedule */
  /* The token a quasi-identifier's token is shown as at each level:
   * [(qi × N_LEVELS + level) × n_rendered + token]. */
  Token            *rendered;
  guint             n_rendered;
  Token             star;
  guint8           *suppressed;  /* n_rows: 1 when the row is not written */
  Token             other;       /* "other": rare choices grouped */

  /* The export's language (NULL: the interface language's gettext) and
   * the headers in it, one per column. */
  VitaCatalog      *catalog;
  char            **headers;
  gboolean          id_headers;

  /* Aggregates */
  GArray           *cells_agg;  /* Cell */
  GPtrArray        *relations;  /* Relation */
};

static inline Token *
table_row (VitaExportTable *table,
           guint            row)
{
  return &g_array_index (table->cells, Token, (gsize) row * table->n_columns);
}

static inline guint8 *
table_levels (VitaExportTable *table,
              guint            row)
{
  return table->levels + (gsize) row * table->n_qi;
}

/* Quasi-identifier @i of @row as it would be printed now. */
static inline Token
table_shown (VitaExportTable *table,
             guint            row,
             guint            i)
{
  Token value = table_row (table, row)[table->qi[i]];
  guint8 level = table_levels (table, row)[i];

  return table->rendered[((gsize) i * N_LEVELS + level) * table->n_rendered + value];
}

/* Reading households (vita-export-rows.c) */

gboolean _vita_export_collect_rows (VitaExportTable  *table,
                                    VitaStore        *store,
                                    gboolean          include_purged,
                                    GError          **error);

/* k-anonymity (vita-export-kanon.c) */

gboolean _vita_export_render_levels    (VitaExportTable  *table,
                                        GError          **error);
guint    _vita_export_anonymise        (VitaExportTable  *table,
                                        guint             k);
gboolean _vita_export_row_all_withheld (VitaExportTable  *table,
                                        guint             row);
/* Recounts the groups of the rows written, on their whole tuple. */
void     _vita_export_count_written    (VitaExportTable  *table,
                                        guint            *n_groups,
                                        guint            *min_group,
                                        guint            *n_below_2k);

/* Headers and the dictionary (vita-export-dictionary.c) */

const char *_vita_export_tr            (VitaCatalog   *catalog,
                                        const char    *msgid) G_GNUC_FORMAT (2);
gboolean    _vita_export_open_catalog  (const char    *language,
                                        VitaCatalog  **catalog,
                                        GError       **error);
GStrv       _vita_export_headers       (GPtrArray     *all,
                                        VitaCatalog   *catalog);
GStrv       _vita_export_table_headers (GPtrArray     *columns,
                                        VitaCatalog   *catalog);

/* Writing (vita-export-write.c) */

void        _vita_export_csv_append    (GString       *s,
                                        const char    *value);

/* Access and settings (vita-export.c) */

gboolean _vita_export_require   (VitaStore  *store,
                                 GError    **error);
gboolean _vita_export_resolve_k (VitaStore  *store,
                                 guint       requested,
                                 guint      *k,
                                 GError    **error);

G_END_DECLS
