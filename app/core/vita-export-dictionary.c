/* vita-export-dictionary.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the columns of an export mean, for the person who opens it: the
 * readable header of each column in the export's language (not the
 * internal field id), and the data dictionary written beside the file.
 *
 * Headers must be unique and stable: the same column gets the same header
 * in every export of that language, whichever other columns are chosen,
 * so a funder's spreadsheet keeps working.  That is why they are worked
 * out over the whole column catalogue, not over the columns of one export.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vita-catalog.h"
#include "vita-export-private.h"
#include "vita-store-records.h"

/* In @catalog's language, or the interface language when there is none. */
const char *
_vita_export_tr (VitaCatalog *catalog,
                 const char  *msgid)
{
  const char *translated;

  if (msgid == NULL || *msgid == '\0')
    return msgid;
  if (catalog == NULL)
    return g_dgettext (GETTEXT_PACKAGE, msgid);
  translated = vita_catalog_lookup (catalog, NULL, msgid);
  return translated != NULL ? translated : msgid;
}

/* NULL with no error for the interface language. */
gboolean
_vita_export_open_catalog (const char   *language,
                           VitaCatalog **catalog,
                           GError      **error)
{
  g_autoptr(GError) local = NULL;

  *catalog = NULL;
  if (language == NULL || *language == '\0')
    return TRUE;
  *catalog = vita_catalog_open (language, &local);
  if (*catalog != NULL)
    return TRUE;
  g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID,
               _("There is no translation for the language “%s”. Choose en, es, ht or ko."),
               language);
  return FALSE;
}

static const char *
use_note (FieldUse use)
{
  switch (use)
    {
    case USE_AGE_BAND: return N_("age band");
    case USE_ZIP3: return N_("first 3 digits");
    case USE_YEAR: return N_("year only");
    case USE_NONE:
    case USE_KEEP:
    default:
      return NULL;
    }
}

static char *
column_label (const Column *col,
              VitaCatalog  *catalog)
{
  g_autofree char *who = NULL;
  g_autofree char *what = NULL;
  const char *note;

  switch (col->kind)
    {
    case COL_STATUS:
      return g_strdup (_vita_export_tr (catalog, N_("Return status")));
    case COL_HOUSEHOLD_SIZE:
      return g_strdup (_vita_export_tr (catalog, N_("Household size")));
    case COL_DEPENDENTS_COUNT:
      return g_strdup (_vita_export_tr (catalog, N_("Number of dependents")));
    case COL_FIELD:
    default:
      break;
    }

  note = use_note (col->use);
  what = note != NULL ? g_strdup_printf ("%s (%s)", _vita_export_tr (catalog, col->field->label),
                                         _vita_export_tr (catalog, note))
                      : g_strdup (_vita_export_tr (catalog, col->field->label));
  if (col->who == WHO_HOUSEHOLD)
    return g_steal_pointer (&what);
  if (col->who == WHO_TAXPAYER)
    who = g_strdup (_vita_export_tr (catalog, N_("Taxpayer")));
  else if (col->who == WHO_SPOUSE)
    who = g_strdup (_vita_export_tr (catalog, N_("Spouse")));
  else
    /* Translators: a household member after the taxpayer and spouse, in
     * the order of their age; %d is 1, 2, 3 or 4. */
    who = g_strdup_printf (_vita_export_tr (catalog, N_("Dependent %d")),
                           col->who - WHO_DEPENDENT + 1);
  return g_strdup_printf ("%s: %s", who, what);
}

/* The header of every column of @all, in order.  Two columns whose labels
 * read the same (two questions worded alike) both get their id added, so
 * a header never depends on which other columns an export carries. */
GStrv
_vita_export_headers (GPtrArray   *all,
                      VitaCatalog *catalog)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char **labels = g_new0 (char *, all->len + 1);

  for (guint c = 0; c < all->len; c++)
    {
      char *label = column_label (g_ptr_array_index (all, c), catalog);

      /* One line, no stray spaces: a header is a single cell. */
      g_strdelimit (label, "\r\n\t", ' ');
      labels[c] = g_strstrip (label);
      g_hash_table_insert (seen, g_strdup (labels[c]),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, labels[c])) + 1));
    }
  for (guint c = 0; c < all->len; c++)
    if (GPOINTER_TO_UINT (g_hash_table_lookup (seen, labels[c])) > 1)
      {
        const Column *col = g_ptr_array_index (all, c);
        char *unique = g_strdup_printf ("%s [%s]", labels[c], col->name);

        g_free (labels[c]);
        labels[c] = unique;
      }
  return labels;
}

/**
 * vita_export_get_column_labels:
 * @language: (nullable): "en", "es", …; %NULL for the interface language
 *
 * Returns: (transfer full): the readable header of each column of
 *   vita_export_get_column_names(), in the same order, or %NULL with
 *   @error set when there is no translation for @language
 */
GStrv
vita_export_get_column_labels (const char  *language,
                               GError     **error)
{
  g_autoptr(GPtrArray) all = _vita_export_build_columns ();
  g_autoptr(VitaCatalog) catalog = NULL;

  if (!_vita_export_open_catalog (language, &catalog, error))
    return NULL;
  return _vita_export_headers (all, catalog);
}

/* The headers of @table's columns, looked up by name in the catalogue's. */
GStrv
_vita_export_table_headers (GPtrArray   *columns,
                            VitaCatalog *catalog)
{
  g_autoptr(GPtrArray) all = _vita_export_build_columns ();
  g_auto(GStrv) labels = _vita_export_headers (all, catalog);
  char **headers = g_new0 (char *, columns->len + 1);

  for (guint c = 0; c < columns->len; c++)
    {
      const Column *col = g_ptr_array_index (columns, c);

      for (guint a = 0; a < all->len && headers[c] == NULL; a++)
        if (g_str_equal (((Column *) g_ptr_array_index (all, a))->name, col->name))
          headers[c] = g_strdup (labels[a]);
      if (headers[c] == NULL)
        headers[c] = g_strdup (col->name);
    }
  return headers;
}

/* ------------------------------------------------------------------ */
/* The dictionary                                                      */
/* ------------------------------------------------------------------ */

static const char *
type_name (const Column *col)
{
  switch (col->hier)
    {
    case HIER_AGE: return N_("Age band");
    case HIER_ZIP3: return N_("ZIP area");
    case HIER_YEAR: return N_("Year");
    case HIER_HOUSEHOLD_SIZE:
    case HIER_DEPENDENTS:
    case HIER_COUNT:
      return N_("Count");
    case HIER_STATUS: return N_("Return status");
    case HIER_YES_NO: return N_("Yes or no");
    case HIER_CHOICE:
      return col->field != NULL && col->field->type == VITA_FIELD_MULTI_CHOICE
             ? N_("Choices (several may be listed)") : N_("Choice");
    case HIER_NONE:
    default:
      return N_("Text");
    }
}

/* What the k-anonymity check may do to the column: its hierarchy in
 * words, from finest to withheld (vita-export-kanon.c, render_qi()). */
static const char *
coarsening (Hierarchy hier)
{
  switch (hier)
    {
    case HIER_AGE:
      return N_("Where rare: wider age bands, then only under or over 18, then withheld (*).");
    case HIER_ZIP3:
      return N_("Where rare: withheld (*).");
    case HIER_YEAR:
      return N_("Where rare: the decade (for example 2010-2019), then withheld (*).");
    case HIER_HOUSEHOLD_SIZE:
      return N_("Where rare: 1, 2, 3-4 or 5+, then withheld (*).");
    case HIER_DEPENDENTS:
      return N_("Where rare: 0, 1-2 or 3+, then withheld (*).");
    case HIER_STATUS:
      return N_("Where rare: only not_yet_filed, filed or not_filing, then withheld (*).");
    case HIER_YES_NO:
      return N_("Where rare: withheld (*).");
    case HIER_COUNT:
      return N_("Where rare: top-coded to 0, 1, 2 or 3+, then 0 or 1+, then withheld (*).");
    case HIER_CHOICE:
      return N_("Where rare: the answer is grouped into “other”, then withheld (*).");
    case HIER_NONE:
    default:
      return NULL;
    }
}

static void
append_pair (GString     *s,
             const char  *id,
             const char  *label)
{
  if (s->len > 0)
    g_string_append (s, "; ");
  if (label != NULL)
    g_string_append_printf (s, "%s = %s", id, label);
  else
    g_string_append (s, id);
}

static char *
allowed_values (const Column *col,
                VitaCatalog  *catalog)
{
  g_autoptr(GString) s = g_string_new (NULL);

  switch (col->hier)
    {
    case HIER_AGE:
      g_string_append (s, "0-17; 18-24; 25-34; 35-44; 45-54; 55-64; 65+");
      break;
    case HIER_ZIP3:
      g_string_append (s, _vita_export_tr (catalog, N_("Three digits, for example 100")));
      break;
    case HIER_YEAR:
      g_string_append (s, _vita_export_tr (catalog, N_("A year, for example 2019")));
      break;
    case HIER_HOUSEHOLD_SIZE:
      g_string_append (s, "1; 2; 3; 4; 5; 6+");
      break;
    case HIER_DEPENDENTS:
      g_string_append (s, "0; 1; 2; 3; 4+");
      break;
    case HIER_COUNT:
      g_string_append (s, _vita_export_tr (catalog, N_("A whole number, for example 2")));
      break;
    case HIER_STATUS:
      for (guint st = 0; st <= VITA_RETURN_STATUS_LAST; st++)
        append_pair (s, vita_return_status_to_string (st), NULL);
      break;
    case HIER_YES_NO:
      append_pair (s, "yes", _vita_export_tr (catalog, N_("Yes")));
      append_pair (s, "no", _vita_export_tr (catalog, N_("No")));
      if (col->field->type == VITA_FIELD_YES_NO_NA)
        append_pair (s, "na", _vita_export_tr (catalog, N_("Does not apply")));
      break;
    case HIER_CHOICE:
      if (col->field->type == VITA_FIELD_YOU_SPOUSE)
        {
          append_pair (s, "you", _vita_export_tr (catalog, N_("Taxpayer")));
          append_pair (s, "spouse", _vita_export_tr (catalog, N_("Spouse")));
          append_pair (s, "both", _vita_export_tr (catalog, N_("Both")));
          append_pair (s, "no", _vita_export_tr (catalog, N_("No")));
        }
      for (guint i = 0; col->field->choices != NULL && col->field->choices[i].id != NULL; i++)
        append_pair (s, col->field->choices[i].id,
                     _vita_export_tr (catalog, col->field->choices[i].label));
      append_pair (s, "other", _vita_export_tr (catalog, N_("a rare answer")));
      break;
    case HIER_NONE:
    default:
      break;
    }
  append_pair (s, "*", _vita_export_tr (catalog, N_("withheld")));
  g_string_append_printf (s, "; %s", _vita_export_tr (catalog, N_("empty = not answered or not asked")));
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
dictionary_row (GString    *s,
                const char *header,
                const char *id,
                const char *question,
                const char *type,
                const char *coarser,
                const char *values)
{
  const char *cells[] = { header, id, question, type, coarser, values };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      if (i > 0)
        g_string_append_c (s, ',');
      _vita_export_csv_append (s, cells[i]);
    }
  g_string_append (s, "\r\n");
}

static void
rows_dictionary (VitaExportTable *table,
                 GString         *s)
{
  VitaCatalog *catalog = table->catalog;

  dictionary_row (s, table->id_headers ? "row" : _vita_export_tr (catalog, N_("Row")), "row",
                  _vita_export_tr (catalog, N_("Row number in this file")),
                  _vita_export_tr (catalog, N_("Count")),
                  _vita_export_tr (catalog, N_("The rows are in a random order; the number links to "
                                               "nothing in the store.")),
                  "1; 2; 3; …");
  for (guint c = 0; c < table->n_columns; c++)
    {
      const Column *col = g_ptr_array_index (table->columns, c);
      const VitaExportReportItem *item = c < table->report->items->len
                                         ? &g_array_index (table->report->items, VitaExportReportItem, c)
                                         : NULL;
      g_autofree char *question = NULL;
      g_autofree char *coarser = NULL;
      g_autofree char *values = allowed_values (col, catalog);
      g_autoptr(GString) how = g_string_new (NULL);

      if (col->field != NULL)
        question = g_strdup (_vita_export_tr (catalog, col->field->label));
      else
        question = g_strdup (table->headers[c]);
      if (coarsening (col->hier) != NULL)
        g_string_append (how, _vita_export_tr (catalog, coarsening (col->hier)));
      if (item != NULL)
        {
          g_string_append_c (how, ' ');
          g_string_append_printf (how,
                                  /* Translators: counts of cells of this column in this export. */
                                  _vita_export_tr (catalog, N_("In this export: %u made coarser, %u withheld.")),
                                  item->n_generalised, item->n_suppressed);
        }
      coarser = g_strstrip (g_string_free (g_steal_pointer (&how), FALSE));
      dictionary_row (s, table->id_headers ? col->name : table->headers[c], col->name, question,
                      _vita_export_tr (catalog, type_name (col)), coarser, values);
    }
}

static void
aggregates_dictionary (VitaExportTable *table,
                       GString         *s)
{
  VitaCatalog *catalog = table->catalog;
  gboolean ids = table->id_headers;
  g_autofree char *count_note = NULL;

  dictionary_row (s, ids ? "table" : _vita_export_tr (catalog, N_("Table")), "table",
                  _vita_export_tr (catalog, N_("Which table the count belongs to")),
                  _vita_export_tr (catalog, N_("Text")), NULL,
                  "households; language; return_status; filing_outcome; marital_status; "
                  "answered_yes; answered_no_or_blank; itin_applications");
  dictionary_row (s, ids ? "category" : _vita_export_tr (catalog, N_("Category")), "category",
                  _vita_export_tr (catalog, N_("What is counted within the table (a field id or a "
                                               "category id)")),
                  _vita_export_tr (catalog, N_("Text")), NULL,
                  _vita_export_tr (catalog, N_("An id: all, a language code, a return status, a "
                                               "marital status or a question’s field id")));
  dictionary_row (s, ids ? "label" : _vita_export_tr (catalog, N_("Label")), "label",
                  _vita_export_tr (catalog, N_("The category in words")),
                  _vita_export_tr (catalog, N_("Text")), NULL,
                  _vita_export_tr (catalog, N_("Words in the language of the export")));
  count_note = table->report->epsilon > 0
               ? g_strdup (_vita_export_tr (catalog, N_("Random noise was added to every count; see "
                                                        "the risk report.")))
               : NULL;
  dictionary_row (s, ids ? "count" : _vita_export_tr (catalog, N_("Count")), "count",
                  _vita_export_tr (catalog, N_("Number of households")),
                  _vita_export_tr (catalog, N_("Count")), count_note,
                  _vita_export_tr (catalog, N_("A whole number; <k = too few to show; * = withheld "
                                               "so that a small count cannot be worked out")));
}

/**
 * vita_export_table_write_dictionary:
 * @out: where the dictionary goes (the caller closes it)
 *
 * The data dictionary of the prepared @table as CSV, in the export's
 * language: one row per column of the export.  It holds no value of any
 * household, only what the columns mean, so it needs no audit entry of
 * its own; the export's entry covers it.
 */
gboolean
vita_export_table_write_dictionary (VitaExportTable  *table,
                                    GOutputStream    *out,
                                    GCancellable     *cancellable,
                                    GError          **error)
{
  VitaCatalog *catalog;
  g_autoptr(GString) s = g_string_new (NULL);

  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  catalog = table->catalog;
  dictionary_row (s, _vita_export_tr (catalog, N_("Column")), _vita_export_tr (catalog, N_("Field id")),
                  _vita_export_tr (catalog, N_("Question")), _vita_export_tr (catalog, N_("Type")),
                  _vita_export_tr (catalog, N_("How it was made coarser")),
                  _vita_export_tr (catalog, N_("Values")));
  if (table->aggregates)
    aggregates_dictionary (table, s);
  else
    rows_dictionary (table, s);
  return g_output_stream_write_all (out, s->str, s->len, NULL, cancellable, error);
}
