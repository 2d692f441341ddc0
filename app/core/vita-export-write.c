/* vita-export-write.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writing a prepared table as CSV or JSON (the only step that writes
 * and audits), and the one-call wrappers.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vita-export-private.h"
#include "vita-store-records.h"
#include "vita-store-private.h"

typedef struct
{
  GOutputStream *out;
  GCancellable  *cancellable;
  GString       *buf;
} Writer;

static gboolean
writer_flush (Writer    *w,
              gboolean   all,
              GError   **error)
{
  gboolean ok;

  if (w->buf->len == 0 || (!all && w->buf->len < 64 * 1024))
    return TRUE;
  ok = g_output_stream_write_all (w->out, w->buf->str, w->buf->len, NULL, w->cancellable, error);
  g_string_truncate (w->buf, 0);
  return ok;
}

/* RFC 4180 quoting, and a leading quote mark for what a spreadsheet
 * would run as a formula. */
void
_vita_export_csv_append (GString    *s,
                         const char *value)
{
  gboolean formula, quote;

  if (value == NULL || *value == '\0')
    return;
  formula = strchr ("=+-@\t\r", value[0]) != NULL;
  quote = formula || strpbrk (value, ",\"\r\n") != NULL;
  if (!quote)
    {
      g_string_append (s, value);
      return;
    }
  g_string_append_c (s, '"');
  if (formula)
    g_string_append_c (s, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (s, '"');
      g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

static void
json_append_string (GString    *s,
                    const char *value)
{
  if (value == NULL)
    {
      g_string_append (s, "null");
      return;
    }
  g_string_append_c (s, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      guchar ch = (guchar) *p;

      if (ch == '"' || ch == '\\')
        {
          g_string_append_c (s, '\\');
          g_string_append_c (s, ch);
        }
      else if (ch < 0x20)
        g_string_append_printf (s, "\\u%04x", ch);
      else
        g_string_append_c (s, ch);
    }
  g_string_append_c (s, '"');
}

/* Every distinct value as it is written, once, rather than quoted again
 * for each of its cells.  Token 0, the empty cell, is "" or null. */
static char **
encode_tokens (VitaExportTable   *table,
               VitaExportFormat   format,
               gsize            **lengths)
{
  guint n = table->tokens.strings->len;
  char **encoded = g_new0 (char *, n + 1);

  *lengths = g_new (gsize, n);
  for (guint t = 0; t < n; t++)
    {
      GString *s = g_string_new (NULL);
      const char *v = _vita_export_tokens_get (&table->tokens, t);

      if (format == VITA_EXPORT_FORMAT_CSV)
        _vita_export_csv_append (s, v);
      else
        json_append_string (s, v != NULL && *v != '\0' ? v : NULL);
      (*lengths)[t] = s->len;
      encoded[t] = g_string_free (s, FALSE);
    }
  return encoded;
}

/* Row @r's cells as printed, into @out. */
static void
row_tokens (VitaExportTable *table,
            const int       *qi_of,
            guint            r,
            Token           *out)
{
  const Token *row = table_row (table, r);

  for (guint c = 0; c < table->n_columns; c++)
    out[c] = qi_of[c] < 0 ? row[c] : table_shown (table, r, qi_of[c]);
}

/* The readable header, or the id when the caller asked for ids. */
static const char *
column_header (VitaExportTable *table,
               guint            c)
{
  if (table->id_headers || table->headers == NULL)
    return ((Column *) g_ptr_array_index (table->columns, c))->name;
  return table->headers[c];
}

static gboolean
write_rows (VitaExportTable   *table,
            VitaExportFormat   format,
            Writer            *w,
            GError           **error)
{
  GString *s = w->buf;
  g_autofree gsize *lengths = NULL;
  g_auto(GStrv) encoded = encode_tokens (table, format, &lengths);
  g_autofree int *qi_of = g_new (int, MAX (table->n_columns, 1));
  g_autofree Token *cells = g_new (Token, MAX (table->n_columns, 1));
  const char *row_header = table->id_headers ? "row" : _vita_export_tr (table->catalog, N_("Row"));

  for (guint c = 0; c < table->n_columns; c++)
    qi_of[c] = -1;
  for (guint q = 0; q < table->n_qi; q++)
    qi_of[table->qi[q]] = q;

  if (format == VITA_EXPORT_FORMAT_CSV)
    {
      _vita_export_csv_append (s, row_header);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append_c (s, ',');
          _vita_export_csv_append (s, column_header (table, c));
        }
      g_string_append (s, "\r\n");
      for (guint p = 0, written = 0; p < table->n_rows; p++)
        {
          if (table->suppressed[table->order[p]])
            continue;
          g_string_append_printf (s, "%u", ++written);
          row_tokens (table, qi_of, table->order[p], cells);
          for (guint c = 0; c < table->n_columns; c++)
            {
              g_string_append_c (s, ',');
              if (lengths[cells[c]] > 0)
                g_string_append_len (s, encoded[cells[c]], lengths[cells[c]]);
            }
          g_string_append (s, "\r\n");
          if (!writer_flush (w, FALSE, error))
            return FALSE;
        }
      return writer_flush (w, TRUE, error);
    }

  /* Version 2: "columns" are the readable headers, "column_ids" the
   * stable ids the data dictionary also gives. */
  g_string_append_printf (s, "{\n  \"format\": \"vita-deidentified-households\",\n"
                             "  \"version\": 2,\n  \"k\": %u,\n  \"columns\": [",
                          table->k);
  json_append_string (s, row_header);
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_string_append (s, ", ");
      json_append_string (s, column_header (table, c));
    }
  g_string_append (s, "],\n  \"column_ids\": [\"row\"");
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_string_append (s, ", ");
      json_append_string (s, ((Column *) g_ptr_array_index (table->columns, c))->name);
    }
  g_string_append (s, "],\n  \"rows\": [");
  for (guint p = 0, written = 0; p < table->n_rows; p++)
    {
      if (table->suppressed[table->order[p]])
        continue;
      written++;
      g_string_append_printf (s, "%s\n    [\"%u\"", written == 1 ? "" : ",", written);
      row_tokens (table, qi_of, table->order[p], cells);
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append (s, ", ");
          g_string_append_len (s, encoded[cells[c]], lengths[cells[c]]);
        }
      g_string_append_c (s, ']');
      if (!writer_flush (w, FALSE, error))
        return FALSE;
    }
  g_string_append (s, "\n  ]\n}\n");
  return writer_flush (w, TRUE, error);
}

static char *
cell_text (VitaExportTable *table,
           const Cell      *cell)
{
  if (cell->complementary)
    return g_strdup ("*");
  if (cell->suppressed)
    return g_strdup_printf ("<%u", table->k);
  return g_strdup_printf ("%u", cell->count);
}

static gboolean
write_aggregates (VitaExportTable   *table,
                  VitaExportFormat   format,
                  Writer            *w,
                  GError           **error)
{
  GString *s = w->buf;
  const char *open_table = NULL;

  if (format == VITA_EXPORT_FORMAT_CSV)
    {
      if (table->id_headers)
        g_string_append (s, "table,category,label,count\r\n");
      else
        {
          /* Readable, in the export's language; the dictionary maps each
           * back to the id above. */
          _vita_export_csv_append (s, _vita_export_tr (table->catalog, N_("Table")));
          g_string_append_c (s, ',');
          _vita_export_csv_append (s, _vita_export_tr (table->catalog, N_("Category")));
          g_string_append_c (s, ',');
          _vita_export_csv_append (s, _vita_export_tr (table->catalog, N_("Label")));
          g_string_append_c (s, ',');
          _vita_export_csv_append (s, _vita_export_tr (table->catalog, N_("Count")));
          g_string_append (s, "\r\n");
        }
      for (guint i = 0; i < table->cells_agg->len; i++)
        {
          const Cell *cell = &g_array_index (table->cells_agg, Cell, i);
          g_autofree char *count = cell_text (table, cell);

          _vita_export_csv_append (s, cell->table);
          g_string_append_c (s, ',');
          _vita_export_csv_append (s, cell->category);
          g_string_append_c (s, ',');
          _vita_export_csv_append (s, cell->label);
          g_string_append_c (s, ',');
          _vita_export_csv_append (s, count);
          g_string_append (s, "\r\n");
        }
      return writer_flush (w, TRUE, error);
    }

  g_string_append_printf (s, "{\n  \"format\": \"vita-aggregates\",\n  \"version\": 1,\n"
                             "  \"min_cell\": %u,\n  \"tables\": [", table->k);
  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      const Cell *cell = &g_array_index (table->cells_agg, Cell, i);

      if (open_table == NULL || !g_str_equal (open_table, cell->table))
        {
          g_string_append (s, open_table == NULL ? "\n    {\"table\": " : "\n    ]},\n    {\"table\": ");
          json_append_string (s, cell->table);
          g_string_append (s, ", \"cells\": [");
          open_table = cell->table;
        }
      else
        g_string_append_c (s, ',');
      g_string_append (s, "\n      {\"category\": ");
      json_append_string (s, cell->category);
      g_string_append (s, ", \"label\": ");
      json_append_string (s, cell->label);
      g_string_append (s, ", \"count\": ");
      if (cell->suppressed)
        {
          g_autofree char *count = cell_text (table, cell);
          json_append_string (s, count);
        }
      else
        g_string_append_printf (s, "%u", cell->count);
      g_string_append_c (s, '}');
    }
  g_string_append (s, open_table != NULL ? "\n    ]}\n  ]\n}\n" : "]\n}\n");
  return writer_flush (w, TRUE, error);
}

/**
 * vita_export_table_write:
 *
 * Checks the permission again (the store may have changed hands since
 * the table was prepared), records one "export" audit entry with the kind,
 * format and row count, never a value, and writes.  The audit entry comes
 * first: a disclosure must never go unrecorded, even a failed one.  The
 * caller closes @out.
 */
gboolean
vita_export_table_write (VitaExportTable   *table,
                         VitaExportFormat   format,
                         GOutputStream     *out,
                         GCancellable      *cancellable,
                         GError           **error)
{
  g_autofree char *detail = NULL;
  g_autoptr(GString) buf = NULL;
  Writer w;
  const char *format_id;

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (format == VITA_EXPORT_FORMAT_CSV || format == VITA_EXPORT_FORMAT_JSON, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_vita_export_require (table->store, error))
    return FALSE;

  format_id = format == VITA_EXPORT_FORMAT_CSV ? "csv" : "json";
  detail = g_strdup_printf ("%s %s rows=%u", table->aggregates ? "aggregates" : "deidentified",
                            format_id,
                            table->aggregates ? table->report->n_rows : table->report->n_written);
  if (!vita_store_audit (table->store, "export", 0, detail, error))
    return FALSE;

  buf = g_string_sized_new (64 * 1024 + 4096);
  w.out = out;
  w.cancellable = cancellable;
  w.buf = buf;
  if (table->aggregates)
    return write_aggregates (table, format, &w, error);
  return write_rows (table, format, &w, error);
}

/**
 * vita_export_deidentified:
 * @format: CSV or JSON
 * @out: where the rows go; nothing is written unless the k-anonymity
 *   check passes
 * @opts: (nullable): k (0: the site setting) and whether to include
 *   purged households
 * @report: (out) (optional): what the check changed
 *
 * vita_export_prepare() and vita_export_table_write() in one call, for
 * callers that show the report afterwards (the GUI uses the two steps).
 */
gboolean
vita_export_deidentified (VitaStore                *store,
                          VitaExportFormat          format,
                          GOutputStream            *out,
                          const VitaExportOptions  *opts,
                          VitaExportReport        **report,
                          GError                  **error)
{
  g_autoptr(VitaExportTable) table = NULL;

  if (report != NULL)
    *report = NULL;
  table = vita_export_prepare (store, opts, error);
  if (table == NULL || !vita_export_table_write (table, format, out, NULL, error))
    return FALSE;
  if (report != NULL)
    *report = vita_export_report_copy (table->report);
  return TRUE;
}

/**
 * vita_export_aggregates:
 * @min_cell: the smallest count shown; 0 for the site's k
 * @report: (out) (optional): how many counts were withheld
 *
 * Writes the funders' statistics as CSV, with the headers
 * table,category,label,count (the ids, whatever the language).
 * vita_export_prepare_aggregates() gives JSON and the report first.
 */
gboolean
vita_export_aggregates (VitaStore         *store,
                        GOutputStream     *out,
                        guint              min_cell,
                        VitaExportReport **report,
                        GError           **error)
{
  g_autoptr(VitaExportTable) table = NULL;

  if (report != NULL)
    *report = NULL;
  table = vita_export_prepare_aggregates (store, min_cell, error);
  /* This call has always written these headers: callers parse them. */
  if (table != NULL)
    table->id_headers = TRUE;
  if (table == NULL || !vita_export_table_write (table, VITA_EXPORT_FORMAT_CSV, out, NULL, error))
    return FALSE;
  if (report != NULL)
    *report = vita_export_report_copy (table->report);
  return TRUE;
}
