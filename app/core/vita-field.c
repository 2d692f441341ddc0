/* vita-field.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the core does with a catalogue entry: look it up, decide whether it
 * is asked of a person (scope and gates), normalise and validate a value by
 * its type.  The entries themselves are data, in vita-field-catalogue.c. */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "vita-clock.h"
#include "vita-field.h"
#include "vita-field-ids.h"
#include "vita-field-private.h"
#include "vita-validate.h"

/* Defaults when an entry leaves max_chars at 0. */
#define DEFAULT_TEXT_CHARS   200
#define DEFAULT_NAME_CHARS   35
#define DEFAULT_NOTES_CHARS  4000
#define DEFAULT_COUNT_DIGITS 3
#define DEFAULT_AMOUNT_DIGITS 9
#define DEFAULT_COUNTRY_CHARS 60

/* Gate chains are short; a longer one can only be a loop in the table. */
#define MAX_GATE_DEPTH 8


static const char *class_names[] = {
  "direct_id", "quasi_id", "sensitive", "free_text", "safe",
};

static const char *export_rule_names[] = {
  "drop", "keep", "age_band", "year_only", "zip3", "aggregate_only",
};

G_STATIC_ASSERT (G_N_ELEMENTS (class_names) == VITA_FIELD_CLASS_SAFE + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (export_rule_names) == VITA_EXPORT_AGGREGATE_ONLY + 1);

static const char *yes_no_ids[] = { "yes", "no", NULL };
static const char *yes_no_na_ids[] = { "yes", "no", "na", NULL };
static const char *you_spouse_ids[] = { "you", "spouse", "both", "no", NULL };

static GHashTable *
get_index (void)
{
  static GHashTable *index = NULL;

  if (g_once_init_enter (&index))
    {
      GHashTable *table = g_hash_table_new (g_str_hash, g_str_equal);

      guint n_fields;
      const VitaField *fields = _vita_field_catalogue (&n_fields);

      for (guint i = 0; i < n_fields; i++)
        g_hash_table_insert (table, (gpointer) fields[i].id, (gpointer) &fields[i]);
      g_once_init_leave (&index, table);
    }

  return index;
}

static gboolean
in_scope (const VitaField *field,
          VitaHousehold   *household,
          int              person)
{
  g_assert (field != NULL);

  if (person != VITA_PERSON_HOUSEHOLD && !vita_household_has_person (household, person))
    return FALSE;

  switch (field->scope)
    {
    case VITA_SCOPE_HOUSEHOLD:
      return person == VITA_PERSON_HOUSEHOLD;

    case VITA_SCOPE_PERSON:
      return person == VITA_PERSON_TAXPAYER || person == VITA_PERSON_SPOUSE;

    case VITA_SCOPE_EVERY_PERSON:
      return person >= VITA_PERSON_TAXPAYER;

    case VITA_SCOPE_DEPENDENT:
      return person >= VITA_PERSON_FIRST_DEPENDENT;

    case VITA_SCOPE_W7:
      return vita_household_person_needs_itin (household, person);

    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_visible_at_depth (const VitaField *field,
                     VitaHousehold   *household,
                     int              person,
                     guint            depth)
{
  const VitaField *gate;
  int gate_person;

  g_assert (field != NULL);

  if (!in_scope (field, household, person))
    return FALSE;
  if (field->gate_field == NULL)
    return TRUE;

  gate = vita_field_lookup (field->gate_field);
  if (gate == NULL || depth >= MAX_GATE_DEPTH)
    {
      g_critical ("Field catalogue: bad gate on %s", field->id);
      return FALSE;
    }

  /* A household-wide question gates the same question for every person. */
  gate_person = gate->scope == VITA_SCOPE_HOUSEHOLD ? VITA_PERSON_HOUSEHOLD : person;
  if (!is_visible_at_depth (gate, household, gate_person, depth + 1))
    return FALSE;

  return vita_field_value_matches (gate,
                                   vita_household_get (household, gate_person, gate->id),
                                   field->gate_value);
}

static guint
max_chars_for (const VitaField *field,
               guint            fallback)
{
  return field->max_chars > 0 ? field->max_chars : fallback;
}

static gboolean
check_text (const char  *text,
            guint        max_chars,
            gboolean     multi_line,
            GError     **error)
{
  g_assert (text != NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (multi_line && (c == '\n' || c == '\t'))
        continue;
      if (g_unichar_iscntrl (c) || c == 0x2028 || c == 0x2029)
        {
          g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                               multi_line
                               ? _("Remove the control characters from the text.")
                               : _("Write this on one line, without line breaks or control "
                                   "characters."));
          return FALSE;
        }
    }

  if (g_utf8_strlen (text, -1) > (glong) max_chars)
    {
      g_set_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "Use at most %u character.",
                                "Use at most %u characters.", max_chars),
                   max_chars);
      return FALSE;
    }

  return TRUE;
}

/* Country names are written out ("United Kingdom", "Côte d'Ivoire"); a
 * dual citizen's two countries are separated by a comma. */
static gboolean
check_country (const char  *text,
               guint        max_chars,
               GError     **error)
{
  g_assert (text != NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalpha (c) || g_unichar_ismark (c) || c == ' ' || c == '-' ||
          c == '\'' || c == 0x2019 || c == '.' || c == ',' || c == '(' || c == ')')
        continue;

      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("Write the country name in letters."));
      return FALSE;
    }

  return check_text (text, max_chars, FALSE, error);
}

static gboolean
normalize_keyword (const char  *text,
                   const char **ids,
                   char       **out,
                   GError     **error)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, ids[i]) == 0)
        {
          *out = g_strdup (ids[i]);
          return TRUE;
        }
    }

  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                       _("Pick one of the offered answers."));
  return FALSE;
}

static int
find_choice (const VitaField *field,
             const char      *text)
{
  if (field->choices == NULL)
    return -1;
  for (guint i = 0; field->choices[i].id != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, field->choices[i].id) == 0)
        return (int) i;
    }
  return -1;
}

static gboolean
normalize_choice (const VitaField  *field,
                  const char       *text,
                  char            **out,
                  GError          **error)
{
  int i = find_choice (field, text);

  if (i < 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("Pick one of the offered answers."));
      return FALSE;
    }

  *out = g_strdup (field->choices[i].id);
  return TRUE;
}

/* The canonical form lists the selected ids in catalogue order, so two
 * equal answers are equal strings. */
static gboolean
normalize_multi_choice (const VitaField  *field,
                        const char       *text,
                        char            **out,
                        GError          **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GString) str = g_string_new (NULL);
  guint64 selected = 0;
  guint n_choices = 0;

  while (field->choices != NULL && field->choices[n_choices].id != NULL)
    n_choices++;
  g_assert (n_choices <= 64);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      int c = find_choice (field, g_strstrip (parts[i]));

      if (c < 0 || (selected & (G_GUINT64_CONSTANT (1) << c)) != 0)
        {
          g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                               _("Pick each answer at most once, from the offered answers."));
          return FALSE;
        }
      selected |= G_GUINT64_CONSTANT (1) << c;
    }

  for (guint i = 0; i < n_choices; i++)
    {
      if ((selected & (G_GUINT64_CONSTANT (1) << i)) == 0)
        continue;
      if (str->len > 0)
        g_string_append_c (str, ',');
      g_string_append (str, field->choices[i].id);
    }

  *out = g_string_free (g_steal_pointer (&str), FALSE);
  return TRUE;
}

static gboolean
normalize_year (const char  *text,
                char       **out,
                GError     **error)
{
  guint64 year;

  if (strlen (text) != 4 || !g_ascii_string_to_unsigned (text, 10, 0, 9999, &year, NULL))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("Enter a four-digit year."));
      return FALSE;
    }
  if (year < 1900 || year > 2100)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                           _("Enter a year between 1900 and 2100."));
      return FALSE;
    }

  *out = g_strdup (text);
  return TRUE;
}

/* A return is for a year that is over (the current year cannot be filed
 * yet), and late returns go back ten years at most: a tax year outside
 * that is a typing slip. */
static gboolean
check_tax_year (const char  *text,
                GError     **error)
{
  GDate today;
  int year = atoi (text);
  int latest;

  vita_clock_get_today (&today);
  latest = g_date_get_year (&today) - 1;
  if (year < latest - 10 || year > latest)
    {
      g_set_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                   _("Enter a tax year from %d to %d."), latest - 10, latest);
      return FALSE;
    }
  return TRUE;
}

/* Counts and whole-dollar amounts.  People type "$1,200"; the stored form
 * is "1200". */
static gboolean
normalize_number (const VitaField  *field,
                  const char       *text,
                  char            **out,
                  GError          **error)
{
  gboolean amount = field->type == VITA_FIELD_AMOUNT;
  guint max_digits = max_chars_for (field, amount ? DEFAULT_AMOUNT_DIGITS : DEFAULT_COUNT_DIGITS);
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;

  if (amount && *p == '$')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          /* Leading zeros carry nothing and would make "007" != "7". */
          if (!(digits->len == 1 && digits->str[0] == '0'))
            g_string_append_c (digits, *p);
          else
            digits->str[0] = *p;
        }
      else if (!(amount && *p == ',' && digits->len > 0))
        {
          g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                               amount
                               ? _("Enter whole dollars, with digits only.")
                               : _("Enter a whole number, with digits only."));
          return FALSE;
        }
    }

  if (digits->len == 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("Enter a whole number, with digits only."));
      return FALSE;
    }
  if (digits->len > max_digits)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG,
                           _("The number is too large."));
      return FALSE;
    }
  /* The one count with a natural upper bound. */
  if (g_str_equal (field->id, VITA_FID_DEP_MONTHS_IN_HOME) &&
      g_ascii_strtoull (digits->str, NULL, 10) > 12)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                           _("Enter a number of months from 0 to 12."));
      return FALSE;
    }

  *out = g_string_free (g_steal_pointer (&digits), FALSE);
  return TRUE;
}

static gboolean
normalize_date (const VitaField  *field,
                const char       *text,
                char            **out,
                GError          **error)
{
  GDate date;
  gboolean ok;

  g_date_clear (&date, 1);

  /* A birth date in the future is a typo, whatever form it is on. */
  if (field->export_rule == VITA_EXPORT_AGE_BAND || g_str_has_suffix (field->id, "dob"))
    {
      GDate today;

      vita_clock_get_today (&today);
      ok = vita_validate_birth_date (text, &today, &date, error);
    }
  else
    ok = vita_validate_date (text, &date, error);

  if (!ok)
    return FALSE;

  *out = g_strdup_printf ("%04u-%02u-%02u",
                          g_date_get_year (&date),
                          g_date_get_month (&date),
                          g_date_get_day (&date));
  return TRUE;
}

static gboolean
normalize_tin (const VitaField  *field,
               const char       *text,
               char            **out,
               GError          **error)
{
  /* Line 6f asks for an IRSN, which vita_validate_tin() rightly refuses:
   * it can never be used on a return. */
  if (g_str_has_suffix (field->id, ".irsn"))
    {
      g_autofree char *digits = vita_tin_normalize (text);

      if (digits == NULL || vita_tin_classify (digits) != VITA_TIN_KIND_IRSN)
        {
          g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                               _("An IRS number (IRSN) has nine digits, starts with 9 and has one "
                                 "of the IRS campus numbers in the middle."));
          return FALSE;
        }
      *out = g_steal_pointer (&digits);
      return TRUE;
    }

  return vita_validate_tin (text, NULL, out, error);
}

/**
 * vita_field_lookup:
 * @id: a field id
 *
 * Returns: (transfer none) (nullable): the catalogue entry, or %NULL if no
 *   field has that id
 */
const VitaField *
vita_field_lookup (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (get_index (), id);
}

/**
 * vita_field_section_get_id:
 *
 * Returns: the section's stable id, such as "income"; the interview uses
 *   it as the page name
 */
const char *
vita_field_section_get_id (VitaFieldSection section)
{
  g_return_val_if_fail ((guint) section < VITA_N_SECTIONS, NULL);
  return _vita_field_section_info (section)->id;
}

/**
 * vita_field_section_get_title:
 *
 * Returns: the section's title, translated
 */
const char *
vita_field_section_get_title (VitaFieldSection section)
{
  g_return_val_if_fail ((guint) section < VITA_N_SECTIONS, NULL);
  return _(_vita_field_section_info (section)->title);
}

/**
 * vita_field_section_has_coded_items:
 *
 * Returns: whether the section holds the checkbox items of pages 2 and 3
 *   of the form, the ones that carry the B/A/M certification codes
 */
gboolean
vita_field_section_has_coded_items (VitaFieldSection section)
{
  return section == VITA_SECTION_INCOME
         || section == VITA_SECTION_EXPENSES
         || section == VITA_SECTION_EVENTS;
}

/**
 * vita_field_get_group_heading:
 * @field: a catalogue entry
 * @title: (out) (optional): the block's heading, translated
 * @description: (out) (optional) (nullable): the text under it, translated
 *
 * Returns: whether @field starts a block of the paper form that has a
 *   heading of its own
 */
gboolean
vita_field_get_group_heading (const VitaField *field,
                              const char     **title,
                              const char     **description)
{
  const VitaFieldGroup *groups;
  guint n_groups;

  g_return_val_if_fail (field != NULL, FALSE);

  groups = _vita_field_groups (&n_groups);
  for (guint i = 0; i < n_groups; i++)
    {
      if (!g_str_equal (groups[i].field_id, field->id))
        continue;
      if (title != NULL)
        *title = _(groups[i].title);
      if (description != NULL)
        *description = groups[i].description != NULL ? _(groups[i].description) : NULL;
      return TRUE;
    }
  return FALSE;
}

/**
 * vita_fields_get_all:
 * @n_fields: (out): the number of entries
 *
 * Returns: (transfer none) (array length=n_fields): the whole catalogue, in
 *   the order the interview asks it
 */
const VitaField *
vita_fields_get_all (guint *n_fields)
{
  g_return_val_if_fail (n_fields != NULL, NULL);

  return _vita_field_catalogue (n_fields);
}

/**
 * vita_field_class_to_string:
 *
 * Returns: a stable, untranslated name such as "direct_id", for the audit
 *   log and the export manifest
 */
const char *
vita_field_class_to_string (VitaFieldClass klass)
{
  g_return_val_if_fail (klass <= VITA_FIELD_CLASS_SAFE, NULL);

  return class_names[klass];
}

/**
 * vita_export_rule_to_string:
 *
 * Returns: a stable, untranslated name such as "zip3"
 */
const char *
vita_export_rule_to_string (VitaExportRule rule)
{
  g_return_val_if_fail (rule <= VITA_EXPORT_AGGREGATE_ONLY, NULL);

  return export_rule_names[rule];
}

/**
 * vita_field_get_choice_label:
 *
 * Returns: (nullable): the translated label of @choice_id, or %NULL if the
 *   field has no such choice
 */
const char *
vita_field_get_choice_label (const VitaField *field,
                             const char      *choice_id)
{
  int i;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (choice_id != NULL, NULL);

  i = find_choice (field, choice_id);
  return i < 0 ? NULL : _(field->choices[i].label);
}

/**
 * vita_field_value_matches:
 * @field: the field @value belongs to
 * @value: (nullable): a canonical value of @field
 * @accepted: comma-separated accepted ids
 *
 * Returns: %TRUE if @value is one of @accepted; for a multi-choice field,
 *   if any selected id is
 */
gboolean
vita_field_value_matches (const VitaField *field,
                          const char      *value,
                          const char      *accepted)
{
  g_auto(GStrv) wanted = NULL;
  g_auto(GStrv) have = NULL;

  g_return_val_if_fail (field != NULL, FALSE);

  if (value == NULL || *value == '\0' || accepted == NULL)
    return FALSE;

  wanted = g_strsplit (accepted, ",", -1);
  if (field->type != VITA_FIELD_MULTI_CHOICE)
    return g_strv_contains ((const char * const *) wanted, value);

  have = g_strsplit (value, ",", -1);
  for (guint i = 0; have[i] != NULL; i++)
    {
      if (g_strv_contains ((const char * const *) wanted, have[i]))
        return TRUE;
    }
  return FALSE;
}

/**
 * vita_field_is_visible:
 * @field: a catalogue entry
 * @household: the household being interviewed
 * @person: a person slot, or %VITA_PERSON_HOUSEHOLD
 *
 * Whether the interview asks @field for @person now: the slot must be in
 * the field's scope and every gate on the way must be open.  Answers
 * behind a closed gate stay stored but count for nothing.
 */
gboolean
vita_field_is_visible (const VitaField *field,
                       VitaHousehold   *household,
                       int              person)
{
  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), FALSE);

  return is_visible_at_depth (field, household, person, 0);
}

/**
 * vita_field_normalize_value:
 * @field: a catalogue entry
 * @value: (nullable): what was typed or picked
 * @normalized: (out) (optional) (transfer full) (nullable): the canonical
 *   form to store, %NULL for an empty answer
 * @error: a #VITA_VALIDATE_ERROR; the message never repeats the value
 *
 * Checks @value against the field's type and turns it into the stored
 * form described in HACKING.md.  An empty answer is valid: whether a field
 * must be answered is an interview rule, not a type rule.
 */
gboolean
vita_field_normalize_value (const VitaField  *field,
                            const char       *value,
                            char            **normalized,
                            GError          **error)
{
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (normalized != NULL)
    *normalized = NULL;
  if (value == NULL)
    return TRUE;

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("The text contains characters that cannot be read."));
      return FALSE;
    }

  text = g_strstrip (g_strdup (value));
  if (*text == '\0')
    return TRUE;

  switch (field->type)
    {
    case VITA_FIELD_TEXT:
      ok = check_text (text, max_chars_for (field, DEFAULT_TEXT_CHARS), FALSE, error);
      out = g_steal_pointer (&text);
      break;

    case VITA_FIELD_NOTES:
      ok = check_text (text, max_chars_for (field, DEFAULT_NOTES_CHARS), TRUE, error);
      out = g_steal_pointer (&text);
      break;

    case VITA_FIELD_NAME:
      ok = vita_validate_name_part (text, max_chars_for (field, DEFAULT_NAME_CHARS), error);
      out = g_steal_pointer (&text);
      break;

    case VITA_FIELD_COUNTRY:
      ok = check_country (text, max_chars_for (field, DEFAULT_COUNTRY_CHARS), error);
      out = g_steal_pointer (&text);
      break;

    case VITA_FIELD_DATE:
      ok = normalize_date (field, text, &out, error);
      break;

    case VITA_FIELD_YEAR:
      ok = normalize_year (text, &out, error);
      if (ok && g_str_equal (field->id, VITA_FID_TAX_YEAR))
        ok = check_tax_year (out, error);
      break;

    case VITA_FIELD_YES_NO:
      ok = normalize_keyword (text, yes_no_ids, &out, error);
      break;

    case VITA_FIELD_YES_NO_NA:
      ok = normalize_keyword (text, yes_no_na_ids, &out, error);
      break;

    case VITA_FIELD_YOU_SPOUSE:
      ok = normalize_keyword (text, you_spouse_ids, &out, error);
      break;

    case VITA_FIELD_CHOICE:
      ok = normalize_choice (field, text, &out, error);
      break;

    case VITA_FIELD_MULTI_CHOICE:
      ok = normalize_multi_choice (field, text, &out, error);
      break;

    case VITA_FIELD_COUNT:
    case VITA_FIELD_AMOUNT:
      ok = normalize_number (field, text, &out, error);
      break;

    case VITA_FIELD_TIN:
      ok = normalize_tin (field, text, &out, error);
      break;

    case VITA_FIELD_EIN:
      ok = vita_validate_ein (text, &out, error);
      break;

    case VITA_FIELD_PHONE:
      ok = vita_validate_phone (text, &out, error);
      break;

    case VITA_FIELD_EMAIL:
      ok = vita_validate_email (text, &out, error) &&
           check_text (out, max_chars_for (field, 254), FALSE, error);
      break;

    case VITA_FIELD_ZIP:
      ok = vita_validate_zip (text, &out, error);
      break;

    case VITA_FIELD_STATE:
      ok = vita_validate_state (text, &out, error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (ok && normalized != NULL)
    *normalized = g_steal_pointer (&out);
  return ok;
}

/**
 * vita_field_validate_value:
 *
 * Like vita_field_normalize_value() without the canonical form.
 */
gboolean
vita_field_validate_value (const VitaField  *field,
                           const char       *value,
                           GError          **error)
{
  return vita_field_normalize_value (field, value, NULL, error);
}
