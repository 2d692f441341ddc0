/* vita-export-policy.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What may leave the site: the allow-list a privacy reviewer reads.
 * The field catalogue is the only allow-list; this file adds the fields
 * that never leave whatever the catalogue says, the closed types, and
 * the generalisations (age bands, ZIP3 with the HIPAA Safe Harbor list,
 * years).  See docs/export.md, "Row-level export".
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vita-field-ids.h"
#include "vita-export-private.h"

/* Kept even when the catalogue says otherwise: anything from an ITIN
 * application, its documents or the TIN type tells who needed an ITIN, and
 * free text can hold anything. */
gboolean
_vita_export_field_is_never_exported (const VitaField *field)
{
  return field->scope == VITA_SCOPE_W7
         || g_str_has_prefix (field->id, "w7.")
         || g_str_has_prefix (field->id, "doc.")
         || field->section == VITA_SECTION_W7
         || field->section == VITA_SECTION_DOCUMENTS
         || field->klass == VITA_FIELD_CLASS_FREE_TEXT
         || field->klass == VITA_FIELD_CLASS_SENSITIVE
         || g_str_equal (field->id, VITA_FID_TIN)
         || g_str_equal (field->id, VITA_FID_TIN_TYPE);
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

FieldUse
_vita_export_field_use (const VitaField *field)
{
  gboolean identifying = field->klass == VITA_FIELD_CLASS_QUASI_ID
                         || field->klass == VITA_FIELD_CLASS_DIRECT_ID;
  gboolean dated = field->type == VITA_FIELD_DATE || field->type == VITA_FIELD_YEAR;

  if (_vita_export_field_is_never_exported (field))
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
const char *
_vita_export_use_suffix (FieldUse use)
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

int
_vita_export_age_band_index (const char *band)
{
  for (guint i = 0; i < G_N_ELEMENTS (age_bands); i++)
    if (g_strcmp0 (band, age_bands[i]) == 0)
      return i;
  return -1;
}

gboolean
_vita_export_all_digits (const char *s,
                         gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* A leading YYYY, as in a YYYY-MM-DD date or a YYYY year. */
int
_vita_export_leading_year (const char *value)
{
  int year;

  if (value == NULL || strlen (value) < 4 || !_vita_export_all_digits (value, 4)
      || (value[4] != '\0' && value[4] != '-'))
    return -1;
  year = (value[0] - '0') * 1000 + (value[1] - '0') * 100 + (value[2] - '0') * 10 + (value[3] - '0');
  return year >= 1850 && year <= 2200 ? year : -1;
}

/* Age on 31 December of the tax year: by then the birthday has passed. */
const char *
_vita_export_age_band_for_date (const char *date,
                                int         tax_year)
{
  int year = _vita_export_leading_year (date);
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

gboolean
_vita_export_zip3_is_restricted (const char *zip3)
{
  for (guint i = 0; i < G_N_ELEMENTS (restricted_zip3); i++)
    if (g_str_equal (zip3, restricted_zip3[i]))
      return TRUE;
  return FALSE;
}

/* ZIP or ZIP+4 as the validator stores it; anything else is not trusted. */
gboolean
_vita_export_zip3_for_zip (const char *zip,
                           char        zip3[4])
{
  gsize len = zip != NULL ? strlen (zip) : 0;

  if (len < 5 || !_vita_export_all_digits (zip, 5))
    return FALSE;
  if (len != 5 && !(len == 10 && zip[5] == '-' && _vita_export_all_digits (zip + 6, 4))
      && !(len == 9 && _vita_export_all_digits (zip, 9)))
    return FALSE;
  memcpy (zip3, zip, 3);
  zip3[3] = '\0';
  return TRUE;
}
