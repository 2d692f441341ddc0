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
 * Row-level export: one row per household
 * ---------------------------------------
 * The field catalogue is the only allow-list.  A value leaves only when
 *  - its field is SAFE with rule KEEP, is of a closed type (yes/no,
 *    choice, count, year) and passes the catalogue's own normalisation,
 *    so a value typed into the wrong field can never ride along; or
 *  - its field has a generalising rule (AGE_BAND, YEAR_ONLY, ZIP3) and is
 *    a QUASI_ID or DIRECT_ID (the catalogue marks the date of birth
 *    DIRECT_ID with AGE_BAND: only the band leaves, never the date); or
 *  - it is the generalised value a purge kept ("<field>@age_band",
 *    "<field>@zip3", "<field>@year") for such a field, checked against the
 *    band list or digit pattern.
 * Unknown field ids, DROP and AGGREGATE_ONLY fields, every SENSITIVE and
 * FREE_TEXT field, tin and tin_type, and anything in the W-7 and document
 * sections or with the W-7 scope never leave, even if a later catalogue
 * edit marked one KEEP.  Household and person ids are never read.
 *
 * Columns (the same for every row, in this order):
 *   row                       1..n, local to this file, after a shuffle
 *   return_status             workflow state id (intake … not_filing)
 *   household_size            persons in the household, "6+" above five  [QI]
 *   dependents_count          household members, "4+" above three        [QI]
 *   generalised fields, catalogue order, named "<who>.<field>@<rule>":  [QI]
 *     taxpayer.dob@age_band, spouse.dob@age_band,
 *     dependent1.dob@age_band … dependent4.dob@age_band,
 *     address.zip@zip3, spouse_death_year@year
 *   household SAFE/KEEP answers, catalogue order, by field id
 *   taxpayer./spouse. SAFE/KEEP person answers (none in the catalogue yet)
 *   dependent1. … dependent4. SAFE/KEEP member answers (dep.student …)
 * Household members are ordered oldest band first, not by slot, so the
 * order of entry says nothing and equal households look equal.  Interview
 * language is left out of rows: it stands in for national origin and only
 * appears in the aggregates.
 *
 * Age bands are the age on 31 December of the tax year: 0-17, 18-24,
 * 25-34, 35-44, 45-54, 55-64, 65+.  ZIP3 is the first three digits; it is
 * withheld ("*") when fewer than k households of this export share it,
 * and always for "000" and the 17 three-digit areas of under 20,000
 * people that the HIPAA Safe Harbor rule (45 CFR 164.514(b)(2)(i)(B),
 * 2000 Census list, 67 FR 53182) requires to be replaced by 000:
 * 036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893.
 *
 * k-anonymity (computed before anything is written)
 * -------------------------------------------------
 * Rows are grouped by their tuple of quasi-identifier cells as printed.
 * While some group has fewer than k rows, every row of such a group takes
 * the next step of one fixed generalisation schedule (local recoding):
 *   zip3 withheld; years to decades; members' bands, household size and
 *   member count, spouse's then taxpayer's band to coarse bands
 *   (0-17, 18-34, 35-54, 55+); years withheld; bands to 0-17/18+;
 *   members' bands, household size and member count withheld; spouse's
 *   and taxpayer's bands withheld.
 * A withheld cell is "*", whether or not there was a value, so "*" does
 * not tell an absent spouse from a suppressed one.  A row at the end of
 * the schedule has "*" in every quasi-identifier; if fewer than k rows end
 * there, rows from groups larger than k (then, if needed, the smallest
 * whole group) are withheld the same way until that group has k rows.
 * The result is then checked again and the export refused if any group is
 * below k.  SAFE answers are not quasi-identifiers: the catalogue has
 * judged them not to identify.
 *
 * No stable identifier: rows are shuffled with libsodium's CSPRNG for every
 * export, get only their position in this file, and nothing is hashed.
 *
 * Every cell is held as a 16-bit token, one per distinct value of the
 * export, and groups are told apart by their tokens themselves, never by
 * a hash of them.  An export that would need more than 65,535 distinct
 * values is refused rather than let two of them share a token.
 *
 * Aggregates for funders
 * ----------------------
 * One-way tables only, each summing to the number of households:
 * interview language, return status, filing outcome, marital status, and
 * for every SAFE yes/no question of the income, expenses and events
 * sections the "yes" and "no or blank" counts; plus one number, the ITIN
 * applications (W-7) in live households (the TIN type does not survive a
 * purge).  The W-7 number is never broken down and the TIN type never
 * appears, so no table can list or count ITIN filers by anything.
 *
 * Every count below the minimum cell size (zero included) is shown as
 * "<k".  Complementary suppression: the tables' additive relations
 * (table = sum of its rows, "not yet filed" = the three open statuses, the
 * filing outcome rows = the matching statuses) form a linear system in the
 * withheld cells.  A withheld cell can be worked out exactly when its unit
 * vector lies in the row space of that system, which the reduced row
 * echelon form shows.  While some withheld cell can be, the smallest
 * published count that shares a relation with it (rows before totals) is
 * withheld too, shown as "*".  Purged households count in every table.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vita-export.h"
#include "vita-field.h"
#include "vita-i18n.h"

G_DEFINE_QUARK (vita-export-error-quark, vita_export_error)

/* ------------------------------------------------------------------ */
/* Report                                                              */
/* ------------------------------------------------------------------ */

struct _VitaExportReport
{
  VitaExportReportKind kind;
  guint                k;
  guint                n_rows;
  guint                min_group_size;
  guint                n_rows_all_withheld;
  GArray              *items;   /* VitaExportReportItem, names owned by @names */
  GPtrArray           *names;
};

static VitaExportReport *
report_new (VitaExportReportKind kind,
            guint                k)
{
  VitaExportReport *report = g_new0 (VitaExportReport, 1);

  report->kind = kind;
  report->k = k;
  report->items = g_array_new (FALSE, TRUE, sizeof (VitaExportReportItem));
  report->names = g_ptr_array_new_with_free_func (g_free);
  return report;
}

static VitaExportReportItem *
report_add_item (VitaExportReport *report,
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

  copy = report_new (report->kind, report->k);
  copy->n_rows = report->n_rows;
  copy->min_group_size = report->min_group_size;
  copy->n_rows_all_withheld = report->n_rows_all_withheld;
  for (guint i = 0; i < report->items->len; i++)
    {
      const VitaExportReportItem *src = &g_array_index (report->items, VitaExportReportItem, i);
      VitaExportReportItem *dst = report_add_item (copy, src->name);

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

/* ------------------------------------------------------------------ */
/* What may leave                                                      */
/* ------------------------------------------------------------------ */

typedef enum
{
  USE_NONE,
  USE_KEEP,
  USE_AGE_BAND,
  USE_ZIP3,
  USE_YEAR,
} FieldUse;

/* Kept even when the catalogue says otherwise: anything from an ITIN
 * application, its documents or the TIN type tells who needed an ITIN, and
 * free text can hold anything. */
static gboolean
field_is_never_exported (const VitaField *field)
{
  return field->scope == VITA_SCOPE_W7
         || g_str_has_prefix (field->id, "w7.")
         || g_str_has_prefix (field->id, "doc.")
         || field->section == VITA_SECTION_W7
         || field->section == VITA_SECTION_DOCUMENTS
         || field->klass == VITA_FIELD_CLASS_FREE_TEXT
         || field->klass == VITA_FIELD_CLASS_SENSITIVE
         || g_str_equal (field->id, "tin")
         || g_str_equal (field->id, "tin_type");
}

/* Closed types only: their canonical values are ids and small numbers,
 * never something a person typed. */
static gboolean
type_is_closed (VitaFieldType type)
{
  switch (type)
    {
    case VITA_FIELD_YES_NO:
    case VITA_FIELD_YES_NO_NA:
    case VITA_FIELD_YOU_SPOUSE:
    case VITA_FIELD_CHOICE:
    case VITA_FIELD_MULTI_CHOICE:
    case VITA_FIELD_COUNT:
    case VITA_FIELD_YEAR:
      return TRUE;
    default:
      return FALSE;
    }
}

static FieldUse
field_use (const VitaField *field)
{
  gboolean identifying = field->klass == VITA_FIELD_CLASS_QUASI_ID
                         || field->klass == VITA_FIELD_CLASS_DIRECT_ID;
  gboolean dated = field->type == VITA_FIELD_DATE || field->type == VITA_FIELD_YEAR;

  if (field_is_never_exported (field))
    return USE_NONE;
  switch (field->export_rule)
    {
    case VITA_EXPORT_KEEP:
      return field->klass == VITA_FIELD_CLASS_SAFE && type_is_closed (field->type) ? USE_KEEP : USE_NONE;
    case VITA_EXPORT_AGE_BAND:
      return identifying && dated ? USE_AGE_BAND : USE_NONE;
    case VITA_EXPORT_YEAR_ONLY:
      return identifying && dated ? USE_YEAR : USE_NONE;
    case VITA_EXPORT_ZIP3:
      return identifying && field->type == VITA_FIELD_ZIP ? USE_ZIP3 : USE_NONE;
    case VITA_EXPORT_DROP:
    case VITA_EXPORT_AGGREGATE_ONLY:
    default:
      return USE_NONE;
    }
}

/* The same suffixes the purge writes (vita-store-retention.c). */
static const char *
use_suffix (FieldUse use)
{
  switch (use)
    {
    case USE_AGE_BAND: return "@age_band";
    case USE_ZIP3: return "@zip3";
    case USE_YEAR: return "@year";
    case USE_NONE:
    case USE_KEEP:
    default:
      return "";
    }
}

static const char *age_bands[] = { "0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+" };

static int
age_band_index (const char *band)
{
  for (guint i = 0; i < G_N_ELEMENTS (age_bands); i++)
    if (g_strcmp0 (band, age_bands[i]) == 0)
      return i;
  return -1;
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* A leading YYYY, as in a YYYY-MM-DD date or a YYYY year. */
static int
leading_year (const char *value)
{
  int year;

  if (value == NULL || strlen (value) < 4 || !all_digits (value, 4)
      || (value[4] != '\0' && value[4] != '-'))
    return -1;
  year = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + (value[3] - '0');
  return year >= 1850 && year <= 2200 ? year : -1;
}

/* Age on 31 December of the tax year: by then the birthday has passed. */
static const char *
age_band_for_date (const char *date,
                   int         tax_year)
{
  int year = leading_year (date);
  int age;

  if (year < 0 || tax_year <= 0)
    return NULL;
  age = tax_year - year;
  if (age < 0 || age > 125)
    return NULL;
  if (age < 18) return age_bands[0];
  if (age < 25) return age_bands[1];
  if (age < 35) return age_bands[2];
  if (age < 45) return age_bands[3];
  if (age < 55) return age_bands[4];
  if (age < 65) return age_bands[5];
  return age_bands[6];
}

/* HIPAA Safe Harbor, 2000 Census: three-digit areas of 20,000 people or
 * fewer, which must be reported as 000.  "000" itself is no area. */
static const char *restricted_zip3[] = {
  "000", "036", "059", "063", "102", "203", "556", "692", "790", "821",
  "823", "830", "831", "878", "879", "884", "890", "893",
};

static gboolean
zip3_is_restricted (const char *zip3)
{
  for (guint i = 0; i < G_N_ELEMENTS (restricted_zip3); i++)
    if (g_str_equal (zip3, restricted_zip3[i]))
      return TRUE;
  return FALSE;
}

/* ZIP or ZIP+4 as the validator stores it; anything else is not trusted. */
static gboolean
zip3_for_zip (const char *zip,
              char        zip3[4])
{
  gsize len = zip != NULL ? strlen (zip) : 0;

  if (len < 5 || !all_digits (zip, 5))
    return FALSE;
  if (len != 5 && !(len == 10 && zip[5] == '-' && all_digits (zip + 6, 4))
      && !(len == 9 && all_digits (zip, 9)))
    return FALSE;
  memcpy (zip3, zip, 3);
  zip3[3] = '\0';
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Columns                                                             */
/* ------------------------------------------------------------------ */

typedef enum
{
  HIER_NONE,           /* not a quasi-identifier */
  HIER_AGE,
  HIER_ZIP3,
  HIER_YEAR,
  HIER_HOUSEHOLD_SIZE,
  HIER_DEPENDENTS,
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

static void
column_free (Column *col)
{
  g_free (col->name);
  g_free (col);
}

static guint8
hierarchy_max_level (Hierarchy hier)
{
  switch (hier)
    {
    case HIER_AGE: return 3;
    case HIER_ZIP3: return 1;
    case HIER_YEAR: return 2;
    case HIER_HOUSEHOLD_SIZE: return 2;
    case HIER_DEPENDENTS: return 2;
    case HIER_NONE:
    default:
      return 0;
    }
}

static Hierarchy
use_hierarchy (FieldUse use)
{
  switch (use)
    {
    case USE_AGE_BAND: return HIER_AGE;
    case USE_ZIP3: return HIER_ZIP3;
    case USE_YEAR: return HIER_YEAR;
    case USE_NONE:
    case USE_KEEP:
    default:
      return HIER_NONE;
    }
}

static void
add_column (GPtrArray       *columns,
            ColumnKind       kind,
            const char      *name,
            Hierarchy        hier,
            const VitaField *field,
            FieldUse         use,
            int              who)
{
  Column *col = g_new0 (Column, 1);

  col->kind = kind;
  col->hier = hier;
  col->field = field;
  col->use = use;
  col->who = who;
  if (field == NULL)
    col->name = g_strdup (name);
  else if (who == WHO_HOUSEHOLD)
    col->name = g_strconcat (field->id, use_suffix (use), NULL);
  else if (who == WHO_TAXPAYER)
    col->name = g_strconcat ("taxpayer.", field->id, use_suffix (use), NULL);
  else if (who == WHO_SPOUSE)
    col->name = g_strconcat ("spouse.", field->id, use_suffix (use), NULL);
  else
    col->name = g_strdup_printf ("dependent%d.%s%s", who - WHO_DEPENDENT + 1, field->id,
                                 use_suffix (use));
  g_ptr_array_add (columns, col);
}

/* The person slots a field of @scope gets columns for. */
static void
add_field_columns (GPtrArray       *columns,
                   const VitaField *field,
                   FieldUse         use)
{
  Hierarchy hier = use_hierarchy (use);
  gboolean adults = field->scope == VITA_SCOPE_PERSON || field->scope == VITA_SCOPE_EVERY_PERSON;
  gboolean members = field->scope == VITA_SCOPE_DEPENDENT || field->scope == VITA_SCOPE_EVERY_PERSON;

  if (field->scope == VITA_SCOPE_HOUSEHOLD)
    add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_HOUSEHOLD);
  if (adults)
    {
      add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_TAXPAYER);
      add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_SPOUSE);
    }
  if (members)
    for (int n = 0; n < VITA_EXPORT_MAX_DEPENDENTS; n++)
      add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_DEPENDENT + n);
}

static GPtrArray *
build_columns (void)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  const VitaField *fields;
  guint n_fields = 0;

  fields = vita_fields_get_all (&n_fields);

  add_column (columns, COL_STATUS, "return_status", HIER_NONE, NULL, USE_NONE, WHO_HOUSEHOLD);
  add_column (columns, COL_HOUSEHOLD_SIZE, "household_size", HIER_HOUSEHOLD_SIZE, NULL, USE_NONE,
              WHO_HOUSEHOLD);
  add_column (columns, COL_DEPENDENTS_COUNT, "dependents_count", HIER_DEPENDENTS, NULL, USE_NONE,
              WHO_HOUSEHOLD);

  /* Quasi-identifiers first, then the kept answers: household, adults,
   * members, so related columns sit together. */
  for (guint i = 0; i < n_fields; i++)
    {
      FieldUse use = field_use (&fields[i]);

      if (use != USE_NONE && use != USE_KEEP)
        add_field_columns (columns, &fields[i], use);
    }
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].scope == VITA_SCOPE_HOUSEHOLD && field_use (&fields[i]) == USE_KEEP)
      add_column (columns, COL_FIELD, NULL, HIER_NONE, &fields[i], USE_KEEP, WHO_HOUSEHOLD);
  for (int who = WHO_TAXPAYER; who <= WHO_SPOUSE; who++)
    for (guint i = 0; i < n_fields; i++)
      if ((fields[i].scope == VITA_SCOPE_PERSON || fields[i].scope == VITA_SCOPE_EVERY_PERSON)
          && field_use (&fields[i]) == USE_KEEP)
        add_column (columns, COL_FIELD, NULL, HIER_NONE, &fields[i], USE_KEEP, who);
  for (int n = 0; n < VITA_EXPORT_MAX_DEPENDENTS; n++)
    for (guint i = 0; i < n_fields; i++)
      if ((fields[i].scope == VITA_SCOPE_DEPENDENT || fields[i].scope == VITA_SCOPE_EVERY_PERSON)
          && field_use (&fields[i]) == USE_KEEP)
        add_column (columns, COL_FIELD, NULL, HIER_NONE, &fields[i], USE_KEEP, WHO_DEPENDENT + n);

  return columns;
}

/* ------------------------------------------------------------------ */
/* Cell values                                                         */
/* ------------------------------------------------------------------ */

/* Every cell is a token: a number for each distinct string in the export,
 * 0 for empty.  A row of 150 columns is then 300 bytes, not 150 strings,
 * and comparing a cell or a quasi-identifier tuple is comparing numbers. */
typedef guint16 Token;

#define TOKEN_EMPTY 0

/* Lowered by the tests to reach the limit without 65,536 households. */
static guint token_limit = G_MAXUINT16;

void _vita_export_set_token_limit_for_test (guint limit);

void
_vita_export_set_token_limit_for_test (guint limit)
{
  token_limit = limit == 0 ? G_MAXUINT16 : MIN (limit, G_MAXUINT16);
}

typedef struct
{
  GHashTable *ids;      /* string -> GUINT_TO_POINTER (token) */
  GPtrArray  *strings;  /* token -> string; [TOKEN_EMPTY] is NULL */
  gboolean    full;     /* a value found no token: the export fails */
} Tokens;

static void
tokens_init (Tokens *tokens)
{
  tokens->ids = g_hash_table_new (g_str_hash, g_str_equal);
  tokens->strings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (tokens->strings, NULL);
  tokens->full = FALSE;
}

static void
tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->ids, g_hash_table_unref);
  g_clear_pointer (&tokens->strings, g_ptr_array_unref);
}

/* Never wraps: a token shared by two values would merge them in the file
 * and in the groups the check counts. */
static Token
tokens_intern (Tokens     *tokens,
               const char *value)
{
  gpointer id;
  char *copy;

  if (value == NULL || *value == '\0')
    return TOKEN_EMPTY;
  if (g_hash_table_lookup_extended (tokens->ids, value, NULL, &id))
    return GPOINTER_TO_UINT (id);
  if (tokens->strings->len > token_limit)
    {
      tokens->full = TRUE;
      return TOKEN_EMPTY;
    }
  copy = g_strdup (value);
  g_ptr_array_add (tokens->strings, copy);
  g_hash_table_insert (tokens->ids, copy, GUINT_TO_POINTER (tokens->strings->len - 1));
  return tokens->strings->len - 1;
}

static const char *
tokens_get (Tokens *tokens,
            Token   token)
{
  return g_ptr_array_index (tokens->strings, token);
}

static gboolean
tokens_check (Tokens  *tokens,
              GError **error)
{
  if (!tokens->full)
    return TRUE;
  g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK,
               /* Translators: %u is 65535, the most the export can tell apart. */
               _("This export has more than %u different values, more than the privacy check can "
                 "handle. Nothing was written."),
               token_limit);
  return FALSE;
}

/* Only ids, digits and the separators of canonical values: a last check
 * that nothing free-form got through normalisation. */
static gboolean
is_plain_token (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > 200)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != ',' && *p != '-')
      return FALSE;
  return TRUE;
}

static char *
kept_value (const VitaField *field,
            const char      *raw)
{
  g_autofree char *normalized = NULL;

  if (raw == NULL || !vita_field_normalize_value (field, raw, &normalized, NULL) || normalized == NULL)
    return NULL;
  /* A count is a few digits; longer ones could be an identifying number
   * entered in the wrong box. */
  if (field->type == VITA_FIELD_COUNT && strlen (normalized) > MAX (field->max_chars, 3u))
    return NULL;
  if (!is_plain_token (normalized))
    return NULL;
  return g_steal_pointer (&normalized);
}

/* The cell of a generalised column: from the answer itself when there is
 * one (an invalid answer gives an empty cell, never the kept value), else
 * from what a purge kept, checked against the band list or pattern. */
static const char *
generalised_value (FieldUse    use,
                   const char *raw,
                   const char *kept,
                   int         tax_year,
                   char        buf[16])
{
  int year = -1;

  switch (use)
    {
    case USE_AGE_BAND:
      if (raw != NULL)
        return age_band_for_date (raw, tax_year);
      return age_band_index (kept) >= 0 ? kept : NULL;

    case USE_ZIP3:
      if (raw != NULL)
        return zip3_for_zip (raw, buf) ? buf : NULL;
      return kept != NULL && strlen (kept) == 3 && all_digits (kept, 3) ? kept : NULL;

    case USE_YEAR:
      if (raw != NULL)
        year = leading_year (raw);
      else if (kept != NULL && strlen (kept) == 4)
        year = leading_year (kept);
      if (year <= 0)
        return NULL;
      g_snprintf (buf, 16, "%04d", year);
      return buf;

    case USE_NONE:
    case USE_KEEP:
    default:
      return NULL;
    }
}

/* ------------------------------------------------------------------ */
/* The prepared table                                                  */
/* ------------------------------------------------------------------ */

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

static void
relation_free (Relation *rel)
{
  g_array_unref (rel->parts);
  g_free (rel);
}

void
vita_export_table_free (VitaExportTable *table)
{
  if (table == NULL)
    return;
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_free (table->qi);
  tokens_clear (&table->tokens);
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

/* ------------------------------------------------------------------ */
/* Reading households                                                  */
/* ------------------------------------------------------------------ */

#define NO_COLUMN G_MAXUINT

/* A KEEP field's raw answers repeat (yes, no, a few counts): each is
 * normalised once.  Bounded, since a field could hold anything. */
#define KEEP_CACHE_MAX 4096

/* The columns of one catalogue field, by who answered it. */
typedef struct
{
  guint household;
  guint taxpayer;
  guint spouse;
  guint dependent[VITA_EXPORT_MAX_DEPENDENTS];
} FieldColumns;

typedef struct
{
  int         slot;
  int         band;
  const char *dob;       /* the answer; the last one wins, as in a household */
  const char *dob_kept;  /* what a purge kept of it */
} Member;

typedef struct
{
  VitaExportTable  *table;
  const VitaField  *fields;       /* the catalogue */
  guint             n_fields;
  FieldUse         *use;          /* per catalogue field */
  FieldColumns     *columns;      /* per catalogue field */
  /* Answer field id -> 1 + 2 × catalogue index + 1 for a kept
   * generalisation ("dob@age_band"); only fields that can leave. */
  GHashTable       *lookup;
  GHashTable      **keep_cache;   /* per catalogue field: raw -> token */
  int               dob;          /* catalogue index, or -1 if no bands */
  guint            *generalised;  /* columns filled by generalised_value() */
  guint             n_generalised;
  guint             status_column;
  guint             size_column;
  guint             count_column;
  Token             status[VITA_RETURN_STATUS_LAST + 1];
  Token             size[7];      /* household_size 1 … 5, "6+" */
  Token             count[5];     /* dependents_count 0 … 3, "4+" */

  /* Per household. */
  GArray           *codes;        /* guint per answer, its lookup code */
  GArray           *members;      /* Member */
  const char      **raw;          /* per column: the answer to generalise */
  const char      **kept;         /* per column: what a purge kept */
} Collect;

static void
wipe_string (gpointer data)
{
  char *s = data;

  sodium_memzero (s, strlen (s));
  g_free (s);
}

static void
collect_init (Collect         *c,
              VitaExportTable *table)
{
  GArray *generalised = g_array_new (FALSE, FALSE, sizeof (guint));
  const VitaField *dob;

  memset (c, 0, sizeof *c);
  c->table = table;
  c->fields = vita_fields_get_all (&c->n_fields);
  c->use = g_new0 (FieldUse, c->n_fields);
  c->columns = g_new (FieldColumns, c->n_fields);
  c->lookup = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  c->keep_cache = g_new0 (GHashTable *, c->n_fields);
  c->codes = g_array_new (FALSE, FALSE, sizeof (guint));
  c->members = g_array_new (FALSE, FALSE, sizeof (Member));
  c->raw = g_new0 (const char *, table->n_columns);
  c->kept = g_new0 (const char *, table->n_columns);

  for (guint f = 0; f < c->n_fields; f++)
    {
      FieldColumns *fc = &c->columns[f];

      c->use[f] = field_use (&c->fields[f]);
      fc->household = fc->taxpayer = fc->spouse = NO_COLUMN;
      for (guint n = 0; n < VITA_EXPORT_MAX_DEPENDENTS; n++)
        fc->dependent[n] = NO_COLUMN;
      if (c->use[f] != USE_NONE)
        g_hash_table_insert (c->lookup, (gpointer) c->fields[f].id, GUINT_TO_POINTER (1 + 2 * f));
      /* And what a purge kept of it, under the name the purge gives it. */
      if (c->use[f] != USE_NONE && c->use[f] != USE_KEEP)
        g_hash_table_insert (c->lookup, g_strconcat (c->fields[f].id, use_suffix (c->use[f]), NULL),
                             GUINT_TO_POINTER (2 + 2 * f));
    }

  c->status_column = c->size_column = c->count_column = NO_COLUMN;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const Column *col = g_ptr_array_index (table->columns, i);
      FieldColumns *fc;

      if (col->kind == COL_STATUS)
        c->status_column = i;
      else if (col->kind == COL_HOUSEHOLD_SIZE)
        c->size_column = i;
      else if (col->kind == COL_DEPENDENTS_COUNT)
        c->count_column = i;
      if (col->kind != COL_FIELD)
        continue;
      fc = &c->columns[col->field - c->fields];
      if (col->who == WHO_HOUSEHOLD)
        fc->household = i;
      else if (col->who == WHO_TAXPAYER)
        fc->taxpayer = i;
      else if (col->who == WHO_SPOUSE)
        fc->spouse = i;
      else
        fc->dependent[col->who - WHO_DEPENDENT] = i;
      if (col->use != USE_KEEP)
        g_array_append_val (generalised, i);
    }
  c->n_generalised = generalised->len;
  c->generalised = (guint *) g_array_free (generalised, FALSE);

  dob = vita_field_lookup ("dob");
  c->dob = dob != NULL && field_use (dob) == USE_AGE_BAND ? dob - c->fields : -1;

  for (guint s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
    c->status[s] = tokens_intern (&table->tokens, vita_return_status_to_string (s));
  for (guint n = 1; n <= 6; n++)
    {
      g_autofree char *text = n >= 6 ? g_strdup ("6+") : g_strdup_printf ("%u", n);
      c->size[n] = tokens_intern (&table->tokens, text);
    }
  for (guint n = 0; n <= 4; n++)
    {
      g_autofree char *text = n >= 4 ? g_strdup ("4+") : g_strdup_printf ("%u", n);
      c->count[n] = tokens_intern (&table->tokens, text);
    }
}

static void
collect_clear (Collect *c)
{
  GHashTableIter iter;
  gpointer key, value;

  /* The kept generalisations' names are ours; catalogue ids are not. */
  g_hash_table_iter_init (&iter, c->lookup);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) % 2 == 0)
      g_free (key);
  g_clear_pointer (&c->lookup, g_hash_table_unref);
  for (guint f = 0; f < c->n_fields; f++)
    g_clear_pointer (&c->keep_cache[f], g_hash_table_unref);
  g_clear_pointer (&c->keep_cache, g_free);
  g_clear_pointer (&c->use, g_free);
  g_clear_pointer (&c->columns, g_free);
  g_clear_pointer (&c->generalised, g_free);
  g_clear_pointer (&c->codes, g_array_unref);
  g_clear_pointer (&c->members, g_array_unref);
  g_clear_pointer (&c->raw, g_free);
  g_clear_pointer (&c->kept, g_free);
}

static Token
keep_token (Collect    *c,
            guint       f,
            const char *raw)
{
  GHashTable *cache = c->keep_cache[f];
  g_autofree char *value = NULL;
  gpointer hit;
  Token token;

  if (cache == NULL)
    cache = c->keep_cache[f] = g_hash_table_new_full (g_str_hash, g_str_equal, wipe_string, NULL);
  else if (g_hash_table_lookup_extended (cache, raw, NULL, &hit))
    return GPOINTER_TO_UINT (hit);

  value = kept_value (&c->fields[f], raw);
  token = tokens_intern (&c->table->tokens, value);
  if (g_hash_table_size (cache) < KEEP_CACHE_MAX)
    g_hash_table_insert (cache, g_strdup (raw), GUINT_TO_POINTER (token));
  return token;
}

/* Oldest band first, unknown last; slot order only breaks ties. */
static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a, *mb = b;

  if (ma->band != mb->band)
    return mb->band - ma->band;
  return ma->slot - mb->slot;
}

static Member *
find_member (GArray *members,
             int     slot)
{
  for (guint i = 0; i < members->len; i++)
    if (g_array_index (members, Member, i).slot == slot)
      return &g_array_index (members, Member, i);
  return NULL;
}

/* The column of catalogue field @f answered for @person. */
static guint
answer_column (Collect *c,
               guint    f,
               int      person)
{
  const FieldColumns *fc = &c->columns[f];

  if (person == VITA_PERSON_HOUSEHOLD)
    return fc->household;
  if (person == VITA_PERSON_TAXPAYER)
    return fc->taxpayer;
  if (person == VITA_PERSON_SPOUSE)
    return fc->spouse;
  /* Members sit in band order, not slot order. */
  for (guint n = 0; n < c->members->len && n < VITA_EXPORT_MAX_DEPENDENTS; n++)
    if (g_array_index (c->members, Member, n).slot == person)
      return fc->dependent[n];
  return NO_COLUMN;
}

/* One row from one household's answers: a first pass finds who is in the
 * household and the members' order, a second places the values. */
static gboolean
collect_answers (const VitaHouseholdAnswers  *hh,
                 gpointer                     user_data,
                 GError                     **error)
{
  Collect *c = user_data;
  VitaExportTable *table = c->table;
  gboolean has_spouse = FALSE;
  guint size, n_members;
  Token *row;

  g_array_set_size (c->codes, hh->n_answers);
  g_array_set_size (c->members, 0);
  for (guint i = 0; i < hh->n_answers; i++)
    {
      const VitaAnswer *answer = &hh->answers[i];
      guint code = GPOINTER_TO_UINT (g_hash_table_lookup (c->lookup, answer->field));

      g_array_index (c->codes, guint, i) = code;
      if (answer->person == VITA_PERSON_SPOUSE)
        has_spouse = TRUE;
      else if (answer->person >= VITA_PERSON_FIRST_DEPENDENT)
        {
          Member *m = find_member (c->members, answer->person);

          if (m == NULL)
            {
              Member fresh = { answer->person, -1, NULL, NULL };

              g_array_append_val (c->members, fresh);
              m = &g_array_index (c->members, Member, c->members->len - 1);
            }
          if (c->dob >= 0 && code != 0 && (code - 1) / 2 == (guint) c->dob)
            {
              if ((code - 1) % 2 == 0)
                m->dob = answer->value;
              else
                m->dob_kept = answer->value;
            }
        }
    }
  n_members = c->members->len;
  for (guint i = 0; c->dob >= 0 && i < n_members; i++)
    {
      Member *m = &g_array_index (c->members, Member, i);

      m->band = age_band_index (m->dob != NULL ? age_band_for_date (m->dob, hh->tax_year) : m->dob_kept);
    }
  g_array_sort (c->members, compare_members);

  g_array_set_size (table->cells, (gsize) (table->n_rows + 1) * table->n_columns);
  row = table_row (table, table->n_rows);
  memset (row, 0, table->n_columns * sizeof (Token));
  for (guint i = 0; i < c->n_generalised; i++)
    c->raw[c->generalised[i]] = c->kept[c->generalised[i]] = NULL;

  for (guint i = 0; i < hh->n_answers; i++)
    {
      const VitaAnswer *answer = &hh->answers[i];
      guint code = g_array_index (c->codes, guint, i);
      guint f, col;

      if (code == 0)
        continue;
      f = (code - 1) / 2;
      col = answer_column (c, f, answer->person);
      if (col == NO_COLUMN)
        continue;
      if (c->use[f] == USE_KEEP)
        row[col] = keep_token (c, f, answer->value);
      else if ((code - 1) % 2 == 0)
        c->raw[col] = answer->value;
      else
        c->kept[col] = answer->value;
    }

  for (guint i = 0; i < c->n_generalised; i++)
    {
      guint col = c->generalised[i];
      const Column *column = g_ptr_array_index (table->columns, col);
      char buf[16];

      row[col] = tokens_intern (&table->tokens, generalised_value (column->use, c->raw[col], c->kept[col],
                                                                   hh->tax_year, buf));
    }

  size = 1 + (has_spouse ? 1 : 0) + n_members;
  if (c->status_column != NO_COLUMN)
    row[c->status_column] = (guint) hh->status <= VITA_RETURN_STATUS_LAST
                            ? c->status[hh->status]
                            : tokens_intern (&table->tokens, vita_return_status_to_string (hh->status));
  if (c->size_column != NO_COLUMN)
    row[c->size_column] = c->size[MIN (size, 6)];
  if (c->count_column != NO_COLUMN)
    row[c->count_column] = c->count[MIN (n_members, 4)];

  table->n_rows++;
  return tokens_check (&table->tokens, error);
}

/* ------------------------------------------------------------------ */
/* k-anonymity                                                         */
/* ------------------------------------------------------------------ */

static const char *
coarse_age (const char *band)
{
  switch (age_band_index (band))
    {
    case 0: return "0-17";
    case 1: case 2: return "18-34";
    case 3: case 4: return "35-54";
    case 5: case 6: return "55+";
    default: return NULL;
    }
}

/* The cell as printed at @level; "*" at the top level whatever the value,
 * so an empty cell and a withheld one look the same there. */
static const char *
render_qi (Hierarchy   hier,
           const char *value,
           guint8      level,
           char        buf[32])
{
  int n;

  if (level >= hierarchy_max_level (hier))
    return "*";
  if (value == NULL || level == 0)
    return value;

  switch (hier)
    {
    case HIER_AGE:
      if (level == 1)
        return coarse_age (value);
      return g_str_equal (value, "0-17") ? "0-17" : "18+";

    case HIER_YEAR:
      n = atoi (value);
      g_snprintf (buf, 32, "%d-%d", n - n % 10, n - n % 10 + 9);
      return buf;

    case HIER_HOUSEHOLD_SIZE:
      n = atoi (value);
      return n <= 1 ? "1" : n == 2 ? "2" : n <= 4 ? "3-4" : "5+";

    case HIER_DEPENDENTS:
      n = atoi (value);
      return n == 0 ? "0" : n <= 2 ? "1-2" : "3+";

    case HIER_ZIP3:
    case HIER_NONE:
    default:
      return value;
    }
}

/* Renders, once, every value each quasi-identifier holds at every level,
 * so the rounds below only look tokens up. */
static gboolean
render_levels (VitaExportTable  *table,
               GError          **error)
{
  g_autofree gboolean *seen = NULL;
  guint n = table->tokens.strings->len;

  table->star = tokens_intern (&table->tokens, "*");
  table->n_rendered = n;
  table->rendered = g_new0 (Token, (gsize) table->n_qi * N_LEVELS * n);
  seen = g_new (gboolean, n);
  for (guint i = 0; i < table->n_qi; i++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[i]);

      memset (seen, 0, n * sizeof (gboolean));
      seen[TOKEN_EMPTY] = TRUE;
      for (guint r = 0; r < table->n_rows; r++)
        seen[table_row (table, r)[table->qi[i]]] = TRUE;
      for (guint level = 0; level < N_LEVELS; level++)
        for (guint t = 0; t < n; t++)
          {
            char buf[32];

            if (seen[t])
              table->rendered[((gsize) i * N_LEVELS + level) * n + t]
                = tokens_intern (&table->tokens,
                                 render_qi (col->hier, tokens_get (&table->tokens, t), level, buf));
          }
    }
  return tokens_check (&table->tokens, error);
}

typedef struct
{
  guint  qi;      /* index into table->qi */
  guint8 level;
} Step;

typedef struct
{
  VitaExportTable *table;
  GArray          *schedule;  /* Step */
  guint            k;
  /* count_groups(): each row's tuple as printed, its group, and the
   * groups' sizes.  A group is the exact tuple; the hash only finds it. */
  Token           *keys;      /* n_rows × n_qi */
  guint32         *group;     /* n_rows */
  GArray          *sizes;     /* guint per group */
  GArray          *first;     /* guint32 per group: a row with its tuple */
  guint32         *slots;     /* open addressing: group + 1, 0 when free */
  gsize            n_slots;
} Anonymise;

static void
anonymise_clear (Anonymise *a)
{
  g_clear_pointer (&a->keys, g_free);
  g_clear_pointer (&a->group, g_free);
  g_clear_pointer (&a->sizes, g_array_unref);
  g_clear_pointer (&a->first, g_array_unref);
  g_clear_pointer (&a->slots, g_free);
}

static guint64
hash_key (const Token *key,
          guint        n)
{
  guint64 h = 0xcbf29ce484222325ull;

  for (guint i = 0; i < n; i++)
    h = (h ^ key[i]) * 0x100000001b3ull;
  return h ^ (h >> 29);
}

/* Groups the rows by their quasi-identifiers as printed now. */
static void
count_groups (Anonymise *a)
{
  VitaExportTable *table = a->table;
  guint n_qi = table->n_qi;
  gsize mask;

  if (a->keys == NULL)
    {
      a->keys = g_new (Token, MAX ((gsize) table->n_rows * n_qi, 1));
      a->group = g_new (guint32, MAX (table->n_rows, 1));
      a->sizes = g_array_new (FALSE, FALSE, sizeof (guint));
      a->first = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (a->n_slots = 16; a->n_slots < (gsize) table->n_rows * 2; a->n_slots *= 2)
        ;
      a->slots = g_new (guint32, a->n_slots);
    }
  mask = a->n_slots - 1;
  memset (a->slots, 0, a->n_slots * sizeof (guint32));
  g_array_set_size (a->sizes, 0);
  g_array_set_size (a->first, 0);

  for (guint r = 0; r < table->n_rows; r++)
    {
      Token *key = a->keys + (gsize) r * n_qi;
      gsize slot;

      for (guint i = 0; i < n_qi; i++)
        key[i] = table_shown (table, r, i);
      for (slot = hash_key (key, n_qi) & mask;; slot = (slot + 1) & mask)
        {
          guint32 g = a->slots[slot];

          if (g == 0)
            {
              guint one = 1;
              guint32 first = r;

              g_array_append_val (a->sizes, one);
              g_array_append_val (a->first, first);
              a->slots[slot] = a->sizes->len;
              a->group[r] = a->sizes->len - 1;
              break;
            }
          if (memcmp (a->keys + (gsize) g_array_index (a->first, guint32, g - 1) * n_qi, key,
                      n_qi * sizeof (Token)) == 0)
            {
              g_array_index (a->sizes, guint, g - 1)++;
              a->group[r] = g - 1;
              break;
            }
        }
    }
}

static inline guint
group_size (Anonymise *a,
            guint      row)
{
  return g_array_index (a->sizes, guint, a->group[row]);
}

static void
schedule_add (Anonymise *a,
              GArray    *qis,
              guint8     level)
{
  for (guint i = 0; i < qis->len; i++)
    {
      guint q = g_array_index (qis, guint, i);
      const Column *col = g_ptr_array_index (a->table->columns, a->table->qi[q]);
      Step step = { q, MIN (level, hierarchy_max_level (col->hier)) };

      g_array_append_val (a->schedule, step);
    }
}

/* Least useful and most identifying first: the ZIP area, then years, then
 * members' ages, household shape, and the adults' ages last. */
static void
build_schedule (Anonymise *a)
{
  g_autoptr(GArray) zip = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) member_ages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) shape = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) adult_ages = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint q = 0; q < a->table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (a->table->columns, a->table->qi[q]);

      switch (col->hier)
        {
        case HIER_ZIP3:
          g_array_append_val (zip, q);
          break;
        case HIER_YEAR:
          g_array_append_val (years, q);
          break;
        case HIER_HOUSEHOLD_SIZE:
        case HIER_DEPENDENTS:
          g_array_append_val (shape, q);
          break;
        case HIER_AGE:
          /* Spouse before taxpayer, youngest member slot first. */
          if (col->who == WHO_TAXPAYER || col->who == WHO_SPOUSE)
            g_array_prepend_val (adult_ages, q);
          else
            g_array_prepend_val (member_ages, q);
          break;
        case HIER_NONE:
        default:
          break;
        }
    }

  schedule_add (a, zip, 1);
  schedule_add (a, years, 1);
  schedule_add (a, member_ages, 1);
  schedule_add (a, shape, 1);
  schedule_add (a, adult_ages, 1);
  schedule_add (a, years, 2);
  schedule_add (a, member_ages, 2);
  schedule_add (a, adult_ages, 2);
  schedule_add (a, member_ages, 3);
  schedule_add (a, shape, 2);
  schedule_add (a, adult_ages, 3);
  /* Whatever a future catalogue adds ends withheld too, so every row that
   * runs out of steps has the same all-"*" tuple. */
  for (guint q = 0; q < a->table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (a->table->columns, a->table->qi[q]);
      Step step = { q, hierarchy_max_level (col->hier) };

      g_array_append_val (a->schedule, step);
    }
}

static void
withhold_row (Anonymise *a,
              guint      row)
{
  guint8 *levels = table_levels (a->table, row);

  for (guint q = 0; q < a->table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (a->table->columns, a->table->qi[q]);

      levels[q] = hierarchy_max_level (col->hier);
    }
  a->table->steps[row] = a->schedule->len;
}

static gboolean
row_all_withheld (VitaExportTable *table,
                  guint            row)
{
  const guint8 *levels = table_levels (table, row);

  for (guint q = 0; q < table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[q]);

      if (levels[q] < hierarchy_max_level (col->hier))
        return FALSE;
    }
  return TRUE;
}

/* ZIP areas too small in this export, or sparsely populated, never show. */
static void
withhold_small_zip_areas (Anonymise *a)
{
  VitaExportTable *table = a->table;

  for (guint q = 0; q < table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[q]);
      g_autofree guint *counts = NULL;

      if (col->hier != HIER_ZIP3)
        continue;
      counts = g_new0 (guint, table->n_rendered);
      for (guint r = 0; r < table->n_rows; r++)
        counts[table_row (table, r)[table->qi[q]]]++;
      for (guint r = 0; r < table->n_rows; r++)
        {
          Token v = table_row (table, r)[table->qi[q]];

          if (v != TOKEN_EMPTY && (counts[v] < a->k || zip3_is_restricted (tokens_get (&table->tokens, v))))
            table_levels (table, r)[q] = hierarchy_max_level (col->hier);
        }
    }
}

/* Gives the all-"*" group k rows: first rows that groups larger than k
 * can spare, then whole groups, smallest first, in the file's order. */
static void
fill_withheld_group (Anonymise *a)
{
  VitaExportTable *table = a->table;
  guint n_withheld = 0;
  guint smallest = G_MAXUINT;

  count_groups (a);
  for (guint r = 0; r < table->n_rows; r++)
    if (row_all_withheld (table, r))
      n_withheld++;
  if (n_withheld == 0 || n_withheld >= a->k)
    return;

  for (guint p = 0; p < table->n_rows && n_withheld < a->k; p++)
    {
      guint r = table->order[p];

      if (row_all_withheld (table, r) || group_size (a, r) <= a->k)
        continue;
      withhold_row (a, r);
      /* The row keeps its group here: only the count says it left. */
      g_array_index (a->sizes, guint, a->group[r])--;
      n_withheld++;
    }
  if (n_withheld >= a->k)
    return;

  for (guint p = 0; p < table->n_rows; p++)
    {
      guint r = table->order[p];

      if (!row_all_withheld (table, r)
          && (smallest == G_MAXUINT || group_size (a, r) < g_array_index (a->sizes, guint, smallest)))
        smallest = a->group[r];
    }
  for (guint r = 0; smallest != G_MAXUINT && r < table->n_rows; r++)
    if (a->group[r] == smallest)
      withhold_row (a, r);
}

/* Returns: the smallest group, which the caller checks against k. */
static guint
anonymise (Anonymise *a)
{
  VitaExportTable *table = a->table;
  guint min_group = G_MAXUINT;

  withhold_small_zip_areas (a);
  for (;;)
    {
      gboolean any_small = FALSE, advanced = FALSE;

      count_groups (a);
      for (guint p = 0; p < table->n_rows; p++)
        {
          guint r = table->order[p];
          guint8 *levels = table_levels (table, r);

          if (group_size (a, r) >= a->k)
            continue;
          any_small = TRUE;
          /* Steps that would not change this row are skipped, so each
           * round changes every row still standing out. */
          while (table->steps[r] < a->schedule->len)
            {
              const Step *step = &g_array_index (a->schedule, Step, table->steps[r]++);

              if (levels[step->qi] < step->level)
                {
                  levels[step->qi] = step->level;
                  advanced = TRUE;
                  break;
                }
            }
        }
      if (!any_small || !advanced)
        break;
    }

  fill_withheld_group (a);

  count_groups (a);
  for (guint g = 0; g < a->sizes->len; g++)
    min_group = MIN (min_group, g_array_index (a->sizes, guint, g));
  return min_group == G_MAXUINT ? 0 : min_group;
}

/* ------------------------------------------------------------------ */
/* Preparing                                                           */
/* ------------------------------------------------------------------ */

static gboolean
require_export (VitaStore  *store,
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
static gboolean
resolve_k (VitaStore   *store,
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
  g_autoptr(GArray) schedule = NULL;
  Collect collect;
  Anonymise a = { 0 };
  guint k = 0;
  guint min_group;
  gboolean ok;

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (opts == NULL)
    opts = &defaults;
  if (!require_export (store, error) || !resolve_k (store, opts->k, &k, error))
    return NULL;

  table = g_new0 (VitaExportTable, 1);
  table->store = g_object_ref (store);
  table->k = k;
  table->columns = build_columns ();
  table->n_columns = table->columns->len;
  qi = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint c = 0; c < table->n_columns; c++)
    if (((Column *) g_ptr_array_index (table->columns, c))->hier != HIER_NONE)
      g_array_append_val (qi, c);
  table->n_qi = qi->len;
  table->qi = (guint *) g_array_free (g_steal_pointer (&qi), FALSE);
  tokens_init (&table->tokens);
  table->cells = g_array_new (FALSE, FALSE, sizeof (Token));

  collect_init (&collect, table);
  ok = vita_store_foreach_answers (store, opts->include_purged, collect_answers, &collect, error);
  collect_clear (&collect);
  if (!ok)
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
  if (!render_levels (table, error))
    return NULL;

  schedule = g_array_new (FALSE, FALSE, sizeof (Step));
  a.table = table;
  a.schedule = schedule;
  a.k = k;
  build_schedule (&a);
  min_group = anonymise (&a);
  anonymise_clear (&a);

  /* The gate: nothing is written unless this holds. */
  if (table->n_rows > 0 && min_group < k)
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK,
                   _("The export could not be made safe: a group of %u households remains below %u."),
                   min_group, k);
      return NULL;
    }

  table->report = report_new (VITA_EXPORT_REPORT_ROWS, k);
  table->report->n_rows = table->n_rows;
  table->report->min_group_size = min_group;
  for (guint r = 0; r < table->n_rows; r++)
    if (row_all_withheld (table, r))
      table->report->n_rows_all_withheld++;
  for (guint q = 0; q < table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[q]);
      VitaExportReportItem *item = report_add_item (table->report, col->name);

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

/* ------------------------------------------------------------------ */
/* Aggregates                                                          */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint       n;
  guint       n_languages;
  const VitaLanguage *languages;
  guint      *language;     /* n_languages + 1 ("other") */
  guint       status[VITA_RETURN_STATUS_LAST + 1];
  const VitaField *marital;
  guint       n_marital;
  guint      *marital_counts; /* n_marital + 1 ("not answered") */
  GPtrArray  *yes_fields;   /* const VitaField* */
  guint      *yes;
  guint       w7;
} AggCollect;

static gboolean
is_yes_no_question (const VitaField *field)
{
  return field->klass == VITA_FIELD_CLASS_SAFE
         && field->export_rule == VITA_EXPORT_KEEP
         && field->type == VITA_FIELD_YES_NO
         && field->scope == VITA_SCOPE_HOUSEHOLD
         && !field_is_never_exported (field)
         && vita_field_section_has_coded_items (field->section);
}

static gboolean
collect_aggregates (VitaHousehold  *hh,
                    gpointer        user_data,
                    GError        **error)
{
  AggCollect *c = user_data;
  const char *language = vita_household_get_language (hh);
  g_autoptr(GArray) persons = vita_household_list_persons (hh);
  guint lang = c->n_languages;
  guint marital = c->n_marital;
  VitaReturnStatus status = vita_household_get_status (hh);
  g_autofree char *marital_value = NULL;

  c->n++;

  for (guint i = 0; i < c->n_languages; i++)
    if (g_strcmp0 (language, c->languages[i].code) == 0)
      lang = i;
  c->language[lang]++;

  if (status <= VITA_RETURN_STATUS_LAST)
    c->status[status]++;

  if (c->marital != NULL)
    marital_value = kept_value (c->marital, vita_household_get (hh, VITA_PERSON_HOUSEHOLD, "marital_status"));
  for (guint i = 0; marital_value != NULL && i < c->n_marital; i++)
    if (g_str_equal (marital_value, c->marital->choices[i].id))
      marital = i;
  c->marital_counts[marital]++;

  for (guint i = 0; i < c->yes_fields->len; i++)
    {
      const VitaField *field = g_ptr_array_index (c->yes_fields, i);
      g_autofree char *v = kept_value (field, vita_household_get (hh, VITA_PERSON_HOUSEHOLD, field->id));

      if (g_strcmp0 (v, "yes") == 0)
        c->yes[i]++;
    }

  /* Only a count: the TIN type is read here and goes nowhere else. */
  for (guint i = 0; i < persons->len; i++)
    {
      const char *tin_type = vita_household_get (hh, g_array_index (persons, int, i), "tin_type");

      if (g_strcmp0 (tin_type, "needs_itin") == 0 || g_strcmp0 (tin_type, "renew_itin") == 0)
        c->w7++;
    }
  return TRUE;
}

static guint
add_cell (VitaExportTable *table,
          const char      *table_id,
          const char      *category,
          const char      *label,
          guint            count)
{
  Cell cell = { 0 };

  cell.table = table_id;
  cell.category = g_strdup (category);
  cell.label = g_strdup (label);
  cell.count = count;
  g_array_append_val (table->cells_agg, cell);
  return table->cells_agg->len - 1;
}

static void
add_relation (VitaExportTable *table,
              guint            total,
              const guint     *parts,
              guint            n_parts)
{
  Relation *rel = g_new0 (Relation, 1);

  rel->total = total;
  rel->parts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_parts);
  g_array_append_vals (rel->parts, parts, n_parts);
  g_array_index (table->cells_agg, Cell, total).is_total = TRUE;
  g_ptr_array_add (table->relations, rel);
}

/* Returns: a withheld cell whose exact value follows from the published
 * ones, or G_MAXUINT.  x_i is fixed by M x = b exactly when e_i is in the
 * row space of M, i.e. when the reduced row echelon form has a row that is
 * e_i. */
static guint
find_recoverable_cell (VitaExportTable *table)
{
  g_autoptr(GArray) vars = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree int *var_of_cell = g_new (int, table->cells_agg->len);
  g_autofree double *m = NULL;
  g_autofree guint *pivots = NULL;
  guint n_rows = table->relations->len, n_vars, rank = 0;
  const double eps = 1e-9;

  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      var_of_cell[i] = -1;
      if (g_array_index (table->cells_agg, Cell, i).suppressed)
        {
          var_of_cell[i] = vars->len;
          g_array_append_val (vars, i);
        }
    }
  n_vars = vars->len;
  if (n_vars == 0 || n_rows == 0)
    return G_MAXUINT;

  m = g_new0 (double, (gsize) n_rows * n_vars);
  pivots = g_new0 (guint, n_rows);
#define M(r, c) m[(gsize) (r) * n_vars + (c)]
  for (guint r = 0; r < n_rows; r++)
    {
      const Relation *rel = g_ptr_array_index (table->relations, r);

      if (var_of_cell[rel->total] >= 0)
        M (r, var_of_cell[rel->total]) += 1.0;
      for (guint i = 0; i < rel->parts->len; i++)
        {
          guint cell = g_array_index (rel->parts, guint, i);
          if (var_of_cell[cell] >= 0)
            M (r, var_of_cell[cell]) -= 1.0;
        }
    }

  for (guint lead = 0; lead < n_vars && rank < n_rows; lead++)
    {
      guint best = rank;

      for (guint r = rank + 1; r < n_rows; r++)
        if (ABS (M (r, lead)) > ABS (M (best, lead)))
          best = r;
      if (ABS (M (best, lead)) < eps)
        continue;
      for (guint c = 0; c < n_vars; c++)
        {
          double tmp = M (rank, c);
          M (rank, c) = M (best, c);
          M (best, c) = tmp;
        }
      {
        double div = M (rank, lead);
        for (guint c = 0; c < n_vars; c++)
          M (rank, c) /= div;
      }
      for (guint r = 0; r < n_rows; r++)
        {
          double f = M (r, lead);

          if (r == rank || ABS (f) < eps)
            continue;
          for (guint c = 0; c < n_vars; c++)
            M (r, c) -= f * M (rank, c);
        }
      pivots[rank++] = lead;
    }

  for (guint r = 0; r < rank; r++)
    {
      guint nonzero = 0;

      for (guint c = 0; c < n_vars; c++)
        if (ABS (M (r, c)) > eps)
          nonzero++;
      if (nonzero == 1)
        return g_array_index (vars, guint, pivots[r]);
    }
#undef M
  return G_MAXUINT;
}

static gboolean
better_complement (VitaExportTable *table,
                   guint            candidate,
                   guint            best)
{
  const Cell *a = &g_array_index (table->cells_agg, Cell, candidate);
  const Cell *b;

  if (best == G_MAXUINT)
    return TRUE;
  b = &g_array_index (table->cells_agg, Cell, best);
  if (a->is_total != b->is_total)
    return !a->is_total;
  if (a->count != b->count)
    return a->count < b->count;
  return candidate < best;
}

/* The published cell to withhold with @cell: the smallest row (totals
 * last) of a relation @cell is in, else of any relation reachable through
 * withheld cells, which is where its value comes from. */
static guint
choose_complement (VitaExportTable *table,
                   guint            cell)
{
  g_autofree gboolean *reached = g_new0 (gboolean, table->cells_agg->len);
  guint best = G_MAXUINT;
  gboolean grew = TRUE;

  reached[cell] = TRUE;
  while (best == G_MAXUINT && grew)
    {
      grew = FALSE;
      for (guint r = 0; r < table->relations->len; r++)
        {
          const Relation *rel = g_ptr_array_index (table->relations, r);
          gboolean touches = FALSE;

          for (guint i = 0; i <= rel->parts->len && !touches; i++)
            {
              guint c = i == 0 ? rel->total : g_array_index (rel->parts, guint, i - 1);
              touches = reached[c];
            }
          if (!touches)
            continue;
          for (guint i = 0; i <= rel->parts->len; i++)
            {
              guint c = i == 0 ? rel->total : g_array_index (rel->parts, guint, i - 1);
              const Cell *x = &g_array_index (table->cells_agg, Cell, c);

              if (!x->suppressed)
                {
                  if (better_complement (table, c, best))
                    best = c;
                }
              else if (!reached[c])
                {
                  reached[c] = TRUE;
                  grew = TRUE;
                }
            }
        }
    }
  return best;
}

static gboolean
suppress_cells (VitaExportTable  *table,
                GError          **error)
{
  guint cell;

  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      Cell *c = &g_array_index (table->cells_agg, Cell, i);
      c->suppressed = c->count < table->k;
    }

  while ((cell = find_recoverable_cell (table)) != G_MAXUINT)
    {
      guint other = choose_complement (table, cell);

      if (other == G_MAXUINT)
        {
          g_set_error_literal (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK,
                               _("A small count could be worked out from the others; the statistics were not written."));
          return FALSE;
        }
      g_array_index (table->cells_agg, Cell, other).suppressed = TRUE;
      g_array_index (table->cells_agg, Cell, other).complementary = TRUE;
    }
  return TRUE;
}

/**
 * vita_export_prepare_aggregates:
 * @min_cell: the smallest count shown; 0 for the site's k
 *
 * Counts every household, purged ones included, into one-way tables and
 * withholds small counts and their complements.  Writes nothing.
 *
 * Returns: (transfer full): the tables, or %NULL with @error set
 */
VitaExportTable *
vita_export_prepare_aggregates (VitaStore  *store,
                                guint       min_cell,
                                GError    **error)
{
  g_autoptr(VitaExportTable) table = NULL;
  g_autoptr(GPtrArray) yes_fields = g_ptr_array_new ();
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (guint));
  AggCollect c = { 0 };
  const VitaField *fields;
  guint n_fields = 0, k = 0, total;
  guint status_cell[VITA_RETURN_STATUS_LAST + 1];
  gboolean ok;

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!require_export (store, error) || !resolve_k (store, min_cell, &k, error))
    return NULL;

  fields = vita_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (is_yes_no_question (&fields[i]))
      g_ptr_array_add (yes_fields, (gpointer) &fields[i]);

  c.languages = vita_i18n_get_languages (&c.n_languages);
  c.language = g_new0 (guint, c.n_languages + 1);
  c.marital = vita_field_lookup ("marital_status");
  if (c.marital != NULL && (field_use (c.marital) != USE_KEEP || c.marital->choices == NULL))
    c.marital = NULL;
  while (c.marital != NULL && c.marital->choices[c.n_marital].id != NULL)
    c.n_marital++;
  c.marital_counts = g_new0 (guint, c.n_marital + 1);
  c.yes_fields = yes_fields;
  c.yes = g_new0 (guint, yes_fields->len);

  ok = vita_store_foreach_household (store, TRUE, collect_aggregates, &c, error);
  if (ok)
    {
      table = g_new0 (VitaExportTable, 1);
      table->store = g_object_ref (store);
      table->aggregates = TRUE;
      table->k = k;
      table->cells_agg = g_array_new (FALSE, TRUE, sizeof (Cell));
      table->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) relation_free);

      total = add_cell (table, "households", "all", _("Households"), c.n);

      g_array_set_size (parts, 0);
      for (guint i = 0; i < c.n_languages; i++)
        {
          guint cell = add_cell (table, "language", c.languages[i].code,
                                 c.languages[i].native_name, c.language[i]);
          g_array_append_val (parts, cell);
        }
      {
        guint cell = add_cell (table, "language", "other", _("Other language"), c.language[c.n_languages]);
        g_array_append_val (parts, cell);
      }
      add_relation (table, total, (guint *) parts->data, parts->len);

      g_array_set_size (parts, 0);
      for (guint s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
        {
          status_cell[s] = add_cell (table, "return_status", vita_return_status_to_string (s),
                                     vita_return_status_get_label (s), c.status[s]);
          g_array_append_val (parts, status_cell[s]);
        }
      add_relation (table, total, (guint *) parts->data, parts->len);

      /* Filing outcome: the same households as the statuses, coarser, so
       * the relations tie the two tables together for the suppression. */
      {
        guint open[] = { status_cell[VITA_RETURN_STATUS_INTAKE], status_cell[VITA_RETURN_STATUS_PREPARING],
                         status_cell[VITA_RETURN_STATUS_QUALITY_REVIEW] };
        VitaReturnStatus closed[] = { VITA_RETURN_STATUS_FILED, VITA_RETURN_STATUS_ACCEPTED,
                                      VITA_RETURN_STATUS_REJECTED, VITA_RETURN_STATUS_NOT_FILING };
        const char *closed_ids[] = { "filed_pending", "accepted", "rejected", "not_filing" };
        const char *closed_labels[] = { N_("Filed, waiting for the IRS"), N_("Accepted by the IRS"),
                                        N_("Rejected by the IRS"), N_("Not filing") };
        guint not_yet;

        g_array_set_size (parts, 0);
        not_yet = add_cell (table, "filing_outcome", "not_yet_filed", _("Not filed yet"),
                            c.status[VITA_RETURN_STATUS_INTAKE] + c.status[VITA_RETURN_STATUS_PREPARING]
                            + c.status[VITA_RETURN_STATUS_QUALITY_REVIEW]);
        g_array_append_val (parts, not_yet);
        for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
          {
            guint cell = add_cell (table, "filing_outcome", closed_ids[i], _(closed_labels[i]),
                                   c.status[closed[i]]);
            g_array_append_val (parts, cell);
            add_relation (table, cell, &status_cell[closed[i]], 1);
          }
        add_relation (table, total, (guint *) parts->data, parts->len);
        add_relation (table, not_yet, open, G_N_ELEMENTS (open));
      }

      if (c.marital != NULL)
        {
          g_array_set_size (parts, 0);
          for (guint i = 0; i < c.n_marital; i++)
            {
              guint cell = add_cell (table, "marital_status", c.marital->choices[i].id,
                                     _(c.marital->choices[i].label), c.marital_counts[i]);
              g_array_append_val (parts, cell);
            }
          {
            guint cell = add_cell (table, "marital_status", "not_answered", _("Not answered"),
                                   c.marital_counts[c.n_marital]);
            g_array_append_val (parts, cell);
          }
          add_relation (table, total, (guint *) parts->data, parts->len);
        }

      for (guint i = 0; i < yes_fields->len; i++)
        {
          const VitaField *field = g_ptr_array_index (yes_fields, i);
          guint pair[2];

          pair[0] = add_cell (table, "answered_yes", field->id, _(field->label), c.yes[i]);
          pair[1] = add_cell (table, "answered_no_or_blank", field->id, _(field->label), c.n - c.yes[i]);
          add_relation (table, total, pair, 2);
        }

      /* One number, in no relation and no breakdown. */
      add_cell (table, "itin_applications", "all", _("ITIN applications (Form W-7) prepared"), c.w7);

      ok = suppress_cells (table, error);
    }

  g_free (c.language);
  g_free (c.marital_counts);
  g_free (c.yes);
  if (!ok)
    return NULL;

  table->report = report_new (VITA_EXPORT_REPORT_AGGREGATES, k);
  table->report->n_rows = c.n;
  table->report->min_group_size = G_MAXUINT;
  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      const Cell *cell = &g_array_index (table->cells_agg, Cell, i);
      VitaExportReportItem *item = NULL;
      guint n_items = table->report->items->len;

      if (n_items > 0 && g_str_equal (table->report->names->pdata[n_items - 1], cell->table))
        item = &g_array_index (table->report->items, VitaExportReportItem, n_items - 1);
      else
        item = report_add_item (table->report, cell->table);
      if (cell->suppressed)
        item->n_suppressed++;
      else
        table->report->min_group_size = MIN (table->report->min_group_size, cell->count);
      if (cell->complementary)
        item->n_complementary++;
    }
  if (table->report->min_group_size == G_MAXUINT)
    table->report->min_group_size = 0;

  return g_steal_pointer (&table);
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */
/* ------------------------------------------------------------------ */

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
static void
csv_append (GString    *s,
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
      const char *v = tokens_get (&table->tokens, t);

      if (format == VITA_EXPORT_FORMAT_CSV)
        csv_append (s, v);
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

  for (guint c = 0; c < table->n_columns; c++)
    qi_of[c] = -1;
  for (guint q = 0; q < table->n_qi; q++)
    qi_of[table->qi[q]] = q;

  if (format == VITA_EXPORT_FORMAT_CSV)
    {
      g_string_append (s, "row");
      for (guint c = 0; c < table->n_columns; c++)
        {
          g_string_append_c (s, ',');
          csv_append (s, ((Column *) g_ptr_array_index (table->columns, c))->name);
        }
      g_string_append (s, "\r\n");
      for (guint p = 0; p < table->n_rows; p++)
        {
          g_string_append_printf (s, "%u", p + 1);
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

  g_string_append_printf (s, "{\n  \"format\": \"vita-deidentified-households\",\n"
                             "  \"version\": 1,\n  \"k\": %u,\n  \"columns\": [\"row\"",
                          table->k);
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_string_append (s, ", ");
      json_append_string (s, ((Column *) g_ptr_array_index (table->columns, c))->name);
    }
  g_string_append (s, "],\n  \"rows\": [");
  for (guint p = 0; p < table->n_rows; p++)
    {
      g_string_append_printf (s, "%s\n    [\"%u\"", p == 0 ? "" : ",", p + 1);
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
      g_string_append (s, "table,category,label,count\r\n");
      for (guint i = 0; i < table->cells_agg->len; i++)
        {
          const Cell *cell = &g_array_index (table->cells_agg, Cell, i);
          g_autofree char *count = cell_text (table, cell);

          csv_append (s, cell->table);
          g_string_append_c (s, ',');
          csv_append (s, cell->category);
          g_string_append_c (s, ',');
          csv_append (s, cell->label);
          g_string_append_c (s, ',');
          csv_append (s, count);
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

  if (!require_export (table->store, error))
    return FALSE;

  format_id = format == VITA_EXPORT_FORMAT_CSV ? "csv" : "json";
  detail = g_strdup_printf ("%s %s rows=%u", table->aggregates ? "aggregates" : "deidentified",
                            format_id, table->report->n_rows);
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
 * Writes the funders' statistics as CSV (table,category,label,count).
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
  if (table == NULL || !vita_export_table_write (table, VITA_EXPORT_FORMAT_CSV, out, NULL, error))
    return FALSE;
  if (report != NULL)
    *report = vita_export_report_copy (table->report);
  return TRUE;
}
