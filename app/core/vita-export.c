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
#include "vita-store-settings.h"

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
  g_free (table->suppressed);
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
  g_clear_pointer (&table->catalog, vita_catalog_unref);
  g_strfreev (table->headers);
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

/**
 * vita_export_parse_k:
 * @text: what the coordinator typed
 * @k: (out): the value
 *
 * The one parser of k, with the one pair of bounds
 * (%VITA_EXPORT_MIN_K … %VITA_EXPORT_MAX_K): the site setting, the
 * command line and the GUI all come here.
 */
gboolean
vita_export_parse_k (const char  *text,
                     guint       *k,
                     GError     **error)
{
  guint64 value = 0;

  if (text == NULL
      || !g_ascii_string_to_unsigned (text, 10, VITA_EXPORT_MIN_K, VITA_EXPORT_MAX_K, &value, NULL))
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID,
                   _("k must be a whole number from %u to %u: each group must have at least 2 "
                     "households, and more than %u would withhold almost everything at one site."),
                   VITA_EXPORT_MIN_K, VITA_EXPORT_MAX_K, VITA_EXPORT_MAX_K);
      return FALSE;
    }
  *k = (guint) value;
  return TRUE;
}

/**
 * vita_export_get_site_k:
 *
 * Returns: the site's "k-anonymity" setting, or %VITA_EXPORT_DEFAULT_K
 *   when it is unset or out of bounds
 */
guint
vita_export_get_site_k (VitaStore *store)
{
  g_autofree char *setting = NULL;
  guint k = VITA_EXPORT_DEFAULT_K;

  g_return_val_if_fail (VITA_IS_STORE (store), VITA_EXPORT_DEFAULT_K);

  setting = vita_store_dup_setting (store, VITA_SETTING_K_ANONYMITY, NULL);
  if (setting == NULL || !vita_export_parse_k (setting, &k, NULL))
    return VITA_EXPORT_DEFAULT_K;
  return k;
}

/**
 * vita_export_get_site_epsilon:
 *
 * Returns: the site's "export-noise-epsilon" setting, or 0 (no noise)
 *   when it is unset or outside %VITA_EXPORT_MIN_EPSILON …
 *   %VITA_EXPORT_MAX_EPSILON
 */
double
vita_export_get_site_epsilon (VitaStore *store)
{
  g_autofree char *setting = NULL;
  double value = 0.0;

  g_return_val_if_fail (VITA_IS_STORE (store), 0.0);

  setting = vita_store_dup_setting (store, VITA_SETTING_EXPORT_NOISE_EPSILON, NULL);
  if (setting == NULL || !vita_export_parse_epsilon (setting, &value, NULL))
    return 0.0;
  return value;
}

/**
 * vita_export_parse_epsilon:
 * @text: what the coordinator typed: a number, or empty or "off"
 * @epsilon: (out) (optional): the value, 0 for no noise
 *
 * The one parser of the noise setting, with the one pair of bounds
 * (%VITA_EXPORT_MIN_EPSILON … %VITA_EXPORT_MAX_EPSILON): the site
 * setting, the command line and the GUI all come here.  A decimal comma
 * is taken as a point, as a coordinator in Spanish would type it.
 */
gboolean
vita_export_parse_epsilon (const char  *text,
                           double      *epsilon,
                           GError     **error)
{
  g_autofree char *copy = NULL;
  char *end = NULL;
  double value;

  if (epsilon != NULL)
    *epsilon = 0.0;
  if (text == NULL)
    text = "";
  copy = g_strstrip (g_strdup (text));
  if (*copy == '\0' || g_ascii_strcasecmp (copy, "off") == 0)
    return TRUE;
  g_strdelimit (copy, ",", '.');
  value = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0' || !(value >= VITA_EXPORT_MIN_EPSILON)
      || !(value <= VITA_EXPORT_MAX_EPSILON))
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID,
                   /* Translators: epsilon is the noise setting's name; keep “off” as it is. */
                   _("Enter a noise level (epsilon) from %.2f to %.0f, or “off” for no noise. "
                     "Smaller numbers add more noise."),
                   VITA_EXPORT_MIN_EPSILON, VITA_EXPORT_MAX_EPSILON);
      return FALSE;
    }
  if (epsilon != NULL)
    *epsilon = value;
  return TRUE;
}

/**
 * vita_export_check_setting:
 *
 * The store calls this before keeping a setting, so a typing slip in the
 * noise level never reaches it (it would silently mean no noise).
 */
gboolean
vita_export_check_setting (const char  *key,
                           const char  *value,
                           GError     **error)
{
  g_return_val_if_fail (key != NULL, FALSE);

  if (g_str_equal (key, VITA_SETTING_EXPORT_NOISE_EPSILON))
    return vita_export_parse_epsilon (value, NULL, error);
  return TRUE;
}

/**
 * vita_export_purpose_from_string:
 * @columns: (out) (optional): for a named extract, its name
 *
 * "aggregate", "extract", or a named extract ("site-volume", …), which
 * is an extract of that column set.
 */
gboolean
vita_export_purpose_from_string (const char         *text,
                                 VitaExportPurpose  *purpose,
                                 const char        **columns)
{
  const char * const *named = vita_export_get_named_extracts ();

  if (columns != NULL)
    *columns = NULL;
  if (g_strcmp0 (text, "aggregate") == 0)
    {
      *purpose = VITA_EXPORT_PURPOSE_AGGREGATE;
      return TRUE;
    }
  if (g_strcmp0 (text, "extract") == 0)
    {
      *purpose = VITA_EXPORT_PURPOSE_EXTRACT;
      return TRUE;
    }
  for (guint i = 0; text != NULL && named[i] != NULL; i++)
    if (g_str_equal (text, named[i]))
      {
        *purpose = VITA_EXPORT_PURPOSE_EXTRACT;
        if (columns != NULL)
          *columns = named[i];
        return TRUE;
      }
  return FALSE;
}

/* @requested 0 means the site setting, then the default. */
gboolean
_vita_export_resolve_k (VitaStore   *store,
                        guint        requested,
                        guint       *k,
                        GError     **error)
{
  if (requested == 0)
    {
      *k = vita_export_get_site_k (store);
      return TRUE;
    }
  if (requested < VITA_EXPORT_MIN_K || requested > VITA_EXPORT_MAX_K)
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID,
                   _("k must be from %u to %u; %u was asked for. Each group must have at least 2 "
                     "households."),
                   VITA_EXPORT_MIN_K, VITA_EXPORT_MAX_K, requested);
      return FALSE;
    }
  *k = requested;
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
 * A row-level extract (coordinators only): one row per household of the
 * columns @opts asks for (the "site-volume" set by default), generalised
 * and suppressed until every row written is shared by at least k rows on
 * the whole tuple it carries.  Answers behind a closed gate are left out.
 * Writes nothing and leaves no audit entry; vita_export_table_write()
 * does both.  Refuses, with what to change, when a bound of the risk
 * report is not met.
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
  g_autoptr(GString) names = g_string_new (NULL);
  guint k = 0;
  guint min_group, n_groups = 0, n_below_2k = 0;

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (opts == NULL)
    opts = &defaults;
  if (!_vita_export_require (store, error) || !_vita_export_resolve_k (store, opts->k, &k, error))
    return NULL;

  table = g_new0 (VitaExportTable, 1);
  table->store = g_object_ref (store);
  table->k = k;
  table->columns = _vita_export_select_columns (opts->columns, error);
  if (table->columns == NULL)
    return NULL;
  table->n_columns = table->columns->len;
  if (!_vita_export_open_catalog (opts->language, &table->catalog, error))
    return NULL;
  table->headers = _vita_export_table_headers (table->columns, table->catalog);
  table->id_headers = opts->id_headers;
  qi = g_array_new (FALSE, FALSE, sizeof (guint));
  /* The whole row is the tuple: every column written is a
   * quasi-identifier, since anyone may know any answer of a household. */
  for (guint c = 0; c < table->n_columns; c++)
    {
      const Column *col = g_ptr_array_index (table->columns, c);

      g_assert (col->hier != HIER_NONE);
      g_array_append_val (qi, c);
      g_string_append_printf (names, "%s%s", c == 0 ? "" : ",", col->name);
    }
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
  table->suppressed = g_new0 (guint8, MAX (table->n_rows, 1));
  if (!_vita_export_render_levels (table, error))
    return NULL;

  min_group = _vita_export_anonymise (table, k);

  table->report = _vita_export_report_new (VITA_EXPORT_REPORT_ROWS, k);
  table->report->columns = g_string_free (g_steal_pointer (&names), FALSE);
  table->report->headers = g_strdupv (table->headers);
  table->report->n_rows = table->n_rows;
  for (guint r = 0; r < table->n_rows; r++)
    {
      if (table->suppressed[r])
        table->report->n_suppressed++;
      if (_vita_export_row_all_withheld (table, r))
        table->report->n_rows_all_withheld++;
    }
  table->report->n_written = table->n_rows - table->report->n_suppressed;
  for (guint q = 0; q < table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[q]);
      VitaExportReportItem *item = _vita_export_report_add_item (table->report, col->name);

      for (guint r = 0; r < table->n_rows; r++)
        {
          Token shown;

          if (table->suppressed[r])
            continue;
          shown = table_shown (table, r, q);
          if (shown == table->star)
            item->n_suppressed++;
          else if (shown != table_row (table, r)[table->qi[q]])
            item->n_generalised++;
        }
      table->report->n_cells_generalised += item->n_generalised;
      table->report->n_cells_withheld += item->n_suppressed;
    }

  /* The gate: nothing is written unless this holds, on a recount of the
   * rows as they would be written that shares nothing with the search. */
  _vita_export_count_written (table, &n_groups, &min_group, &n_below_2k);
  table->report->min_group_size = min_group;
  table->report->n_groups = n_groups;
  table->report->n_below_2k = n_below_2k;
  if (table->report->n_written > 0 && min_group < k)
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK,
                   _("The export could not be made safe: a group of %u households remains below %u."),
                   min_group, k);
      return NULL;
    }
  if (table->n_rows > 0
      && (table->report->n_written == 0
          || (guint64) table->report->n_suppressed * 100
             > (guint64) table->n_rows * VITA_EXPORT_MAX_SUPPRESSED_PERCENT))
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_REFUSED,
                   _("Nothing was written: %u of %u households would have to be left out to keep "
                     "every row shared by %u households, more than %u%%. Choose fewer columns, a "
                     "named purpose, or a smaller k, or export the statistics instead."),
                   table->report->n_suppressed, table->n_rows, k,
                   VITA_EXPORT_MAX_SUPPRESSED_PERCENT);
      return NULL;
    }

  return g_steal_pointer (&table);
}

/**
 * vita_export_prepare_for_purpose:
 * @opts: (nullable): %NULL for the default, the funders' tables
 *
 * The purpose decides what leaves: the tables
 * (vita_export_prepare_aggregates_full()) or an extract
 * (vita_export_prepare()).
 *
 * Returns: (transfer full): the table, or %NULL with @error set
 */
VitaExportTable *
vita_export_prepare_for_purpose (VitaStore                *store,
                                 const VitaExportOptions  *opts,
                                 GError                  **error)
{
  static const VitaExportOptions defaults = VITA_EXPORT_OPTIONS_INIT;

  if (opts == NULL)
    opts = &defaults;
  if (opts->purpose == VITA_EXPORT_PURPOSE_EXTRACT)
    return vita_export_prepare (store, opts, error);
  return vita_export_prepare_aggregates_full (store, opts, error);
}
