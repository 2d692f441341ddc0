/* vita-export.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * De-identified exports.  Since 2025 the IRS has handed taxpayer addresses
 * to immigration enforcement, and a list of ITIN filers is exactly what was
 * asked for, so nothing here may let a file be linked back to a member or
 * single out who needed an ITIN.
 *
 * The design, and the rules a privacy reviewer checks, are in
 * docs/export.md.  The work is split by job: vita-export-policy.c (what
 * may leave), -rows.c (columns, tokens, reading households), -kanon.c
 * (k-anonymity), -aggregates.c (funders' tables and cell suppression),
 * -write.c (CSV/JSON) and -report.c.  This file checks access, reads k
 * and prepares the row export.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vita-export-private.h"

G_DEFINE_QUARK (vita-export-error-quark, vita_export_error)

void
vita_export_table_free (VitaExportTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_free (table->qi);
  _vita_export_tokens_clear (&table->tokens);
  g_clear_pointer (&table->cells, g_array_unref);
  g_free (table->order);
  g_free (table->levels);
  g_free (table->steps);
  g_free (table->rendered);
  if (table->cells_agg != NULL)
    {
      for (guint i = 0; i < table->cells_agg->len; i++)
        {
          Cell *cell = &g_array_index (table->cells_agg, Cell, i);
          g_free (cell->category);
          g_free (cell->label);
        }
      g_array_unref (table->cells_agg);
    }
  g_clear_pointer (&table->relations, g_ptr_array_unref);
  g_clear_pointer (&table->report, vita_export_report_free);
  g_clear_object (&table->store);
  g_free (table);
}

const VitaExportReport *
vita_export_table_get_report (VitaExportTable *table)
{
  g_return_val_if_fail (table != NULL, NULL);
  return table->report;
}

gboolean
_vita_export_require (VitaStore  *store,
                      GError    **error)
{
  if (!vita_store_is_unlocked (store))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED,
                           _("The store is locked. Sign in first."));
      return FALSE;
    }
  if (!vita_store_can (store, "export"))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Only a site coordinator can export records or statistics."));
      return FALSE;
    }
  return TRUE;
}

/* @requested 0 means the site setting, then the default. */
gboolean
_vita_export_resolve_k (VitaStore   *store,
                        guint        requested,
                        guint       *k,
                        GError     **error)
{
  g_autofree char *setting = NULL;
  guint64 value = VITA_EXPORT_DEFAULT_K;

  if (requested == 0)
    {
      setting = vita_store_dup_setting (store, "k-anonymity", NULL);
      if (setting != NULL && !g_ascii_string_to_unsigned (setting, 10, 0, 1000000, &value, NULL))
        value = VITA_EXPORT_DEFAULT_K;
    }
  else
    value = requested;

  if (value < 2)
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID,
                   _("Each group must have at least 2 households; %u would not protect anyone."),
                   (guint) value);
      return FALSE;
    }
  *k = (guint) value;
  return TRUE;
}

/* Fisher-Yates with the CSPRNG: a seeded or predictable order could give
 * back the order of the store, which follows the record ids.  The rows
 * stay where they are; only the order they are visited and written in
 * is shuffled. */
static void
shuffle_rows (VitaExportTable *table)
{
  if (sodium_init () < 0)
    g_error ("libsodium could not start");
  table->order = g_new (guint32, MAX (table->n_rows, 1));
  for (guint i = 0; i < table->n_rows; i++)
    table->order[i] = i;
  for (guint i = table->n_rows; i > 1; i--)
    {
      guint j = randombytes_uniform (i);
      guint32 tmp = table->order[i - 1];

      table->order[i - 1] = table->order[j];
      table->order[j] = tmp;
    }
}

/**
 * vita_export_prepare:
 * @opts: (nullable): %NULL for the defaults
 *
 * Reads every household (coordinators only), keeps what the catalogue
 * allows, and generalises and withholds cells until every combination of
 * quasi-identifiers is shared by at least k rows.  Writes nothing and
 * leaves no audit entry; vita_export_table_write() does both.
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
VitaExportTable *
vita_export_prepare (VitaStore                *store,
                     const VitaExportOptions  *opts,
                     GError                  **error)
{
  static const VitaExportOptions defaults = VITA_EXPORT_OPTIONS_INIT;
  g_autoptr(VitaExportTable) table = NULL;
  g_autoptr(GArray) qi = NULL;
  guint k = 0;
  guint min_group;

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (opts == NULL)
    opts = &defaults;
  if (!_vita_export_require (store, error) || !_vita_export_resolve_k (store, opts->k, &k, error))
    return NULL;

  table = g_new0 (VitaExportTable, 1);
  table->store = g_object_ref (store);
  table->k = k;
  table->columns = _vita_export_build_columns ();
  table->n_columns = table->columns->len;
  qi = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < table->n_columns; c++)
    if (((Column *) g_ptr_array_index (table->columns, c))->hier != HIER_NONE)
      g_array_append_val (qi, c);
  table->n_qi = qi->len;
  table->qi = (guint *) g_array_free (g_steal_pointer (&qi), FALSE);
  _vita_export_tokens_init (&table->tokens);
  table->cells = g_array_new (FALSE, FALSE, sizeof (Token));

  if (!_vita_export_collect_rows (table, store, opts->include_purged, error))
    return NULL;

  if (table->n_rows > 0 && table->n_rows < k)
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_TOO_FEW,
                   g_dngettext (GETTEXT_PACKAGE,
                                "There is only %u household; a de-identified export needs at least %u.",
                                "There are only %u households; a de-identified export needs at least %u.",
                                table->n_rows),
                   table->n_rows, k);
      return NULL;
    }

  shuffle_rows (table);
  table->levels = g_new0 (guint8, MAX ((gsize) table->n_rows * table->n_qi, 1));
  table->steps = g_new0 (guint, MAX (table->n_rows, 1));
  if (!_vita_export_render_levels (table, error))
    return NULL;

  min_group = _vita_export_anonymise (table, k);

  /* The gate: nothing is written unless this holds. */
  if (table->n_rows > 0 && min_group < k)
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK,
                   _("The export could not be made safe: a group of %u households remains below %u."),
                   min_group, k);
      return NULL;
    }

  table->report = _vita_export_report_new (VITA_EXPORT_REPORT_ROWS, k);
  table->report->n_rows = table->n_rows;
  table->report->min_group_size = min_group;
  for (guint r = 0; r < table->n_rows; r++)
    if (_vita_export_row_all_withheld (table, r))
      table->report->n_rows_all_withheld++;
  for (guint q = 0; q < table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[q]);
      VitaExportReportItem *item = _vita_export_report_add_item (table->report, col->name);

      for (guint r = 0; r < table->n_rows; r++)
        {
          Token shown = table_shown (table, r, q);

          if (shown == table->star)
            item->n_suppressed++;
          else if (shown != table_row (table, r)[table->qi[q]])
            item->n_generalised++;
        }
    }

  return g_steal_pointer (&table);
}
