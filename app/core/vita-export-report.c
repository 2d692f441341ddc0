/* vita-export-report.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What an export did: the report a coordinator reads before writing
 * the file, and its text form.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vita-export-private.h"

VitaExportReport *
_vita_export_report_new (VitaExportReportKind kind,
                         guint                k)
{
  VitaExportReport *report = g_new0 (VitaExportReport, 1);

  report->kind = kind;
  report->k = k;
  report->items = g_array_new (FALSE, TRUE, sizeof (VitaExportReportItem));
  report->names = g_ptr_array_new_with_free_func (g_free);
  return report;
}

VitaExportReportItem *
_vita_export_report_add_item (VitaExportReport *report,
                              const char       *name)
{
  VitaExportReportItem item = { 0 };
  char *owned = g_strdup (name);

  g_ptr_array_add (report->names, owned);
  item.name = owned;
  g_array_append_val (report->items, item);
  return &g_array_index (report->items, VitaExportReportItem, report->items->len - 1);
}

void
vita_export_report_free (VitaExportReport *report)
{
  if (report == NULL)
    return;
  g_array_unref (report->items);
  g_ptr_array_unref (report->names);
  g_free (report->columns);
  g_strfreev (report->headers);
  g_free (report);
}

VitaExportReport *
vita_export_report_copy (const VitaExportReport *report)
{
  VitaExportReport *copy;

  g_return_val_if_fail (report != NULL, NULL);

  copy = _vita_export_report_new (report->kind, report->k);
  copy->n_rows = report->n_rows;
  copy->min_group_size = report->min_group_size;
  copy->n_rows_all_withheld = report->n_rows_all_withheld;
  copy->n_written = report->n_written;
  copy->n_suppressed = report->n_suppressed;
  copy->n_cells_generalised = report->n_cells_generalised;
  copy->n_cells_withheld = report->n_cells_withheld;
  copy->n_groups = report->n_groups;
  copy->n_below_2k = report->n_below_2k;
  copy->epsilon = report->epsilon;
  copy->columns = g_strdup (report->columns);
  copy->headers = g_strdupv (report->headers);
  for (guint i = 0; i < report->items->len; i++)
    {
      const VitaExportReportItem *src = &g_array_index (report->items, VitaExportReportItem, i);
      VitaExportReportItem *dst = _vita_export_report_add_item (copy, src->name);

      dst->n_generalised = src->n_generalised;
      dst->n_suppressed = src->n_suppressed;
      dst->n_complementary = src->n_complementary;
    }
  return copy;
}

VitaExportReportKind
vita_export_report_get_kind (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, VITA_EXPORT_REPORT_ROWS);
  return report->kind;
}

/**
 * vita_export_report_get_k:
 *
 * Returns: k of a row export, the minimum cell size of an aggregates report
 */
guint
vita_export_report_get_k (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->k;
}

/**
 * vita_export_report_get_n_rows:
 *
 * Returns: the households in the export (rows, or households counted)
 */
guint
vita_export_report_get_n_rows (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_rows;
}

/**
 * vita_export_report_get_min_group_size:
 *
 * Returns: the smallest group of rows sharing their quasi-identifiers, or
 *   for aggregates the smallest published count; 0 when there is none
 */
guint
vita_export_report_get_min_group_size (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->min_group_size;
}

guint
vita_export_report_get_n_items (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->items->len;
}

const VitaExportReportItem *
vita_export_report_get_item (const VitaExportReport *report,
                             guint                   index)
{
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (index < report->items->len, NULL);
  return &g_array_index (report->items, VitaExportReportItem, index);
}

/* The risk figures.  For the tables only the noise applies. */

guint
vita_export_report_get_n_written (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_written;
}

guint
vita_export_report_get_n_suppressed (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_suppressed;
}

guint
vita_export_report_get_n_cells_generalised (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_cells_generalised;
}

guint
vita_export_report_get_n_cells_withheld (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_cells_withheld;
}

/**
 * vita_export_report_get_n_groups:
 *
 * Returns: the equivalence classes of the rows written (sdcMicro's
 *   expected re-identifications under the prosecutor model)
 */
guint
vita_export_report_get_n_groups (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_groups;
}

/**
 * vita_export_report_get_n_below_2k:
 *
 * Returns: the rows written that are in groups smaller than 2k
 */
guint
vita_export_report_get_n_below_2k (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->n_below_2k;
}

/**
 * vita_export_report_get_max_risk:
 *
 * Returns: the highest prosecutor risk, 1 / the smallest group; 0 when
 *   no row is written
 */
double
vita_export_report_get_max_risk (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  if (report->kind != VITA_EXPORT_REPORT_ROWS || report->min_group_size == 0)
    return 0;
  return 1.0 / report->min_group_size;
}

double
vita_export_report_get_epsilon (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, 0);
  return report->epsilon;
}

const char *
vita_export_report_get_columns (const VitaExportReport *report)
{
  g_return_val_if_fail (report != NULL, NULL);
  return report->columns;
}

static void
json_string (GString    *s,
             const char *value)
{
  g_string_append_c (s, '"');
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (s, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (s, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (s, *p);
    }
  g_string_append_c (s, '"');
}

/**
 * vita_export_report_to_json:
 *
 * The risk report written beside the export: figures, column names and
 * the text shown before writing; never a value from a record.
 *
 * Returns: (transfer full): JSON text
 */
char *
vita_export_report_to_json (const VitaExportReport *report)
{
  GString *s;
  g_autofree char *text = NULL;
  char num[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (report != NULL, NULL);

  s = g_string_new ("{\n  \"format\": \"vita-export-risk\",\n  \"version\": 1,\n");
  g_string_append_printf (s, "  \"purpose\": \"%s\",\n",
                          report->kind == VITA_EXPORT_REPORT_ROWS ? "extract" : "aggregate");
  g_string_append_printf (s, "  \"k\": %u,\n  \"households\": %u,\n", report->k, report->n_rows);
  if (report->kind == VITA_EXPORT_REPORT_ROWS)
    {
      g_string_append (s, "  \"columns\": ");
      json_string (s, report->columns);
      g_string_append (s, ",\n  \"column_headers\": [");
      for (guint i = 0; report->headers != NULL && report->headers[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append (s, ", ");
          json_string (s, report->headers[i]);
        }
      g_string_append_c (s, ']');
      g_string_append_printf (s, ",\n  \"rows_written\": %u,\n  \"rows_suppressed\": %u,\n"
                                 "  \"cells_generalised\": %u,\n  \"cells_withheld\": %u,\n"
                                 "  \"groups\": %u,\n  \"smallest_group\": %u,\n"
                                 "  \"rows_in_groups_below_2k\": %u,\n",
                              report->n_written, report->n_suppressed, report->n_cells_generalised,
                              report->n_cells_withheld, report->n_groups, report->min_group_size,
                              report->n_below_2k);
      g_string_append_printf (s, "  \"share_below_2k\": %s,\n",
                              g_ascii_formatd (num, sizeof num, "%.6f",
                                               report->n_written > 0
                                               ? (double) report->n_below_2k / report->n_written : 0));
      g_string_append_printf (s, "  \"max_prosecutor_risk\": %s,\n",
                              g_ascii_formatd (num, sizeof num, "%.6f",
                                               vita_export_report_get_max_risk (report)));
      g_string_append (s, "  \"noise\": \"none\",\n");
    }
  else
    {
      guint withheld = 0, complementary = 0;

      for (guint i = 0; i < report->items->len; i++)
        {
          const VitaExportReportItem *item = &g_array_index (report->items, VitaExportReportItem, i);

          withheld += item->n_suppressed;
          complementary += item->n_complementary;
        }
      g_string_append_printf (s, "  \"min_cell\": %u,\n  \"cells_withheld\": %u,\n"
                                 "  \"cells_withheld_complementary\": %u,\n"
                                 "  \"smallest_count_shown\": %u,\n",
                              report->k, withheld, complementary, report->min_group_size);
      if (report->epsilon > 0)
        g_string_append_printf (s, "  \"noise\": \"two-sided geometric\",\n  \"epsilon\": %s,\n",
                                g_ascii_formatd (num, sizeof num, "%.4g", report->epsilon));
      else
        g_string_append (s, "  \"noise\": \"none\",\n");
    }
  text = vita_export_report_to_text (report);
  g_string_append (s, "  \"text\": ");
  json_string (s, text);
  g_string_append (s, "\n}\n");
  return g_string_free (s, FALSE);
}

static void
rows_report_text (const VitaExportReport *report,
                  GString                *text)
{
  gboolean any_change = FALSE;

  if (report->n_rows == 0)
    {
      g_string_append (text, _("There are no households to export."));
      g_string_append_c (text, '\n');
      return;
    }

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "De-identified export of %u household, k = %u.",
                                       "De-identified export of %u households, k = %u.",
                                       report->n_rows),
                          report->n_rows, report->k);
  g_string_append_c (text, '\n');
  if (report->headers != NULL)
    {
      g_autofree char *headers = g_strjoinv ("; ", report->headers);

      /* Translators: %s is the list of the export's column headers. */
      g_string_append_printf (text, _("Columns: %s."), headers);
    }
  else
    g_string_append_printf (text, _("Columns: %s."), report->columns != NULL ? report->columns : "");
  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          _("Rows written: %u. Rows left out because they could not be made to look "
                            "like %u others: %u."),
                          report->n_written, report->k, report->n_suppressed);
  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Every row written looks exactly like at least %u row, "
                                       "across all of its columns.",
                                       "Every row written looks exactly like at least %u rows, "
                                       "across all of its columns.",
                                       report->min_group_size),
                          report->min_group_size);
  g_string_append_c (text, '\n');
  {
    char risk[G_ASCII_DTOSTR_BUF_SIZE];
    char share[G_ASCII_DTOSTR_BUF_SIZE];

    g_ascii_formatd (risk, sizeof risk, "%.3f", vita_export_report_get_max_risk (report));
    g_ascii_formatd (share, sizeof share, "%.1f",
                     report->n_written > 0 ? 100.0 * report->n_below_2k / report->n_written : 0.0);
    g_string_append_printf (text,
                            _("Groups of identical rows: %u; smallest group: %u; rows in groups "
                              "smaller than %u: %s%%. Highest chance of picking out one household "
                              "by its row (prosecutor risk, 1 / smallest group): %s."),
                            report->n_groups, report->min_group_size, 2 * report->k, share, risk);
    g_string_append_c (text, '\n');
  }
  g_string_append_printf (text, _("Cells made coarser: %u; cells withheld (*): %u. No noise is "
                                  "added to rows."),
                          report->n_cells_generalised, report->n_cells_withheld);
  g_string_append_c (text, '\n');
  g_string_append (text, _("Removed entirely: names in every script and spelling, addresses, "
                           "identification numbers and whether a number is an SSN or an ITIN, "
                           "dates of birth, phone numbers, e-mail addresses, bank and employer "
                           "details, identity documents, countries, visas, every W-7 answer, all "
                           "notes and every record number. Rows are in a new random order each "
                           "time."));
  g_string_append_c (text, '\n');
  if (report->columns != NULL && strstr (report->columns, "@zip3") != NULL)
    {
      g_string_append_printf (text,
                              _("ZIP areas shared by fewer than %u households in this export, and the "
                                "sparsely populated areas that the HIPAA Safe Harbor rule lists, are "
                                "always withheld."),
                              report->k);
      g_string_append_c (text, '\n');
    }

  for (guint i = 0; i < report->items->len; i++)
    {
      const VitaExportReportItem *item = &g_array_index (report->items, VitaExportReportItem, i);

      if (item->n_generalised == 0 && item->n_suppressed == 0)
        continue;
      if (!any_change)
        {
          g_string_append (text, _("Changed so that no household stands out:"));
          g_string_append_c (text, '\n');
          any_change = TRUE;
        }
      g_string_append (text, "  ");
      /* Translators: a column name, then how many of its cells were made
       * coarser (for example 25-34 became 18-34) and how many withheld. */
      g_string_append_printf (text, _("%s: %u made coarser, %u withheld (*)"),
                              report->headers != NULL && i < g_strv_length (report->headers)
                              ? report->headers[i] : item->name,
                              item->n_generalised, item->n_suppressed);
      g_string_append_c (text, '\n');
    }
  if (!any_change)
    {
      g_string_append (text, _("No value needed changing."));
      g_string_append_c (text, '\n');
    }
}

static void
aggregates_report_text (const VitaExportReport *report,
                        GString                *text)
{
  guint primary = 0, complementary = 0;

  for (guint i = 0; i < report->items->len; i++)
    {
      const VitaExportReportItem *item = &g_array_index (report->items, VitaExportReportItem, i);

      primary += item->n_suppressed - item->n_complementary;
      complementary += item->n_complementary;
    }

  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Statistics for %u household.",
                                       "Statistics for %u households.",
                                       report->n_rows),
                          report->n_rows);
  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u count below %u is shown as “<%u”.",
                                       "%u counts below %u are shown as “<%u”.",
                                       primary),
                          primary, report->k, report->k);
  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u further count is withheld (“*”) so that a small count "
                                       "cannot be worked out from the totals.",
                                       "%u further counts are withheld (“*”) so that a small count "
                                       "cannot be worked out from the totals.",
                                       complementary),
                          complementary);
  g_string_append_c (text, '\n');
  g_string_append (text, _("No table is broken down by identification number type: ITIN "
                           "applications (W-7) appear only as one total."));
  g_string_append_c (text, '\n');
  if (report->epsilon > 0)
    {
      char eps[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (eps, sizeof eps, "%.2f", report->epsilon);
      g_string_append_printf (text,
                              _("Noise: every count has random noise added (two-sided geometric, "
                                "epsilon = %s), so that comparing two exports does not show one "
                                "household's change. Counts may be off by a few; the total too."),
                              eps);
    }
  else
    g_string_append (text, _("Noise: none. The counts are exact."));
  g_string_append_c (text, '\n');
}

/**
 * vita_export_report_to_text:
 *
 * Returns: (transfer full): what the check changed, in the user's
 *   language, to show before the file is written
 */
char *
vita_export_report_to_text (const VitaExportReport *report)
{
  GString *text;

  g_return_val_if_fail (report != NULL, NULL);

  text = g_string_new (NULL);
  if (report->kind == VITA_EXPORT_REPORT_ROWS)
    rows_report_text (report, text);
  else
    aggregates_report_text (report, text);
  return g_string_free (text, FALSE);
}
