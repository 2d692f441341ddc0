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
  g_string_append_printf (text,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "Every combination of age bands, ZIP area, years and household "
                                       "size in the file is shared by at least %u row.",
                                       "Every combination of age bands, ZIP area, years and household "
                                       "size in the file is shared by at least %u rows.",
                                       report->min_group_size),
                          report->min_group_size);
  g_string_append_c (text, '\n');
  g_string_append (text, _("Removed entirely: names in every script and spelling, addresses, "
                           "identification numbers and whether a number is an SSN or an ITIN, "
                           "dates of birth, phone numbers, e-mail addresses, bank and employer "
                           "details, identity documents, countries, visas, every W-7 answer, all "
                           "notes and every record number. Rows are in a new random order each "
                           "time."));
  g_string_append_c (text, '\n');
  g_string_append_printf (text,
                          _("ZIP areas shared by fewer than %u households in this export, and the "
                            "sparsely populated areas that the HIPAA Safe Harbor rule lists, are "
                            "always withheld."),
                          report->k);
  g_string_append_c (text, '\n');

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
                              item->name, item->n_generalised, item->n_suppressed);
      g_string_append_c (text, '\n');
    }
  if (!any_change)
    {
      g_string_append (text, _("No value needed changing."));
      g_string_append_c (text, '\n');
    }
  if (report->n_rows_all_withheld > 0)
    {
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u row has all of these withheld.",
                                           "%u rows have all of these withheld.",
                                           report->n_rows_all_withheld),
                              report->n_rows_all_withheld);
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
