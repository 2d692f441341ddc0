/* vita-validate.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vita-clock.h"
#include "vita-validate.h"
#include "vita-validate-private.h"

/* Nothing in this file may log or quote the text it is given: the values
 * are SSNs, ITINs, birth dates and addresses.  Error messages explain the
 * rule instead of repeating the value. */

G_DEFINE_QUARK (vita-validate-error-quark, vita_validate_error)

/* Volunteers paste from spreadsheets and PDFs, which bring stray tabs and
 * line ends along; they are never part of the value. */
void
_vita_validate_trim_ascii (const char  *text,
                           const char **start,
                           gsize       *len)
{
  const char *end = text + strlen (text);

  while (text < end && g_ascii_isspace (*text))
    text++;
  while (end > text && g_ascii_isspace (end[-1]))
    end--;

  *start = text;
  *len = end - text;
}

gboolean
_vita_validate_is_digit (char c)
{
  /* Only the ten ASCII digits.  Fullwidth or Arabic-Indic digits look
   * right on screen but are not what the IRS systems take, so they are
   * refused rather than stored. */
  return c >= '0' && c <= '9';
}

guint
_vita_validate_digits_value (const char *p,
                             gsize       n)
{
  guint value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (guint) (p[i] - '0');

  return value;
}

void
_vita_validate_set_normalized (char **normalized,
                               char  *value)
{
  if (normalized != NULL)
    *normalized = value;
  else
    g_free (value);
}

gboolean
_vita_validate_is_blank (const char *text)
{
  const char *p;
  gsize len;

  if (text == NULL)
    return TRUE;

  _vita_validate_trim_ascii (text, &p, &len);
  return len == 0;
}

/* Dates */

gboolean
_vita_validate_all_digits (const char *p,
                           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!_vita_validate_is_digit (p[i]))
      return FALSE;

  return TRUE;
}

/* Splits M/D/YYYY (one or two digit month and day, as people write them)
 * or YYYY-MM-DD. */
static gboolean
parse_date_parts (const char *p,
                  gsize       len,
                  guint      *year,
                  guint      *month,
                  guint      *day)
{
  const char *slash1;
  const char *slash2;
  gsize mlen, dlen, ylen;

  if (len == 10 && p[4] == '-' && p[7] == '-')
    {
      if (!_vita_validate_all_digits (p, 4) || !_vita_validate_all_digits (p + 5, 2) || !_vita_validate_all_digits (p + 8, 2))
        return FALSE;

      *year = _vita_validate_digits_value (p, 4);
      *month = _vita_validate_digits_value (p + 5, 2);
      *day = _vita_validate_digits_value (p + 8, 2);
      return TRUE;
    }

  if (len > 10)
    return FALSE;

  slash1 = memchr (p, '/', len);
  if (slash1 == NULL)
    return FALSE;
  slash2 = memchr (slash1 + 1, '/', len - (gsize) (slash1 + 1 - p));
  if (slash2 == NULL)
    return FALSE;

  mlen = slash1 - p;
  dlen = slash2 - (slash1 + 1);
  ylen = len - (gsize) (slash2 + 1 - p);

  if (mlen < 1 || mlen > 2 || dlen < 1 || dlen > 2 || ylen != 4)
    return FALSE;
  if (!_vita_validate_all_digits (p, mlen) || !_vita_validate_all_digits (slash1 + 1, dlen) ||
      !_vita_validate_all_digits (slash2 + 1, ylen))
    return FALSE;

  *month = _vita_validate_digits_value (p, mlen);
  *day = _vita_validate_digits_value (slash1 + 1, dlen);
  *year = _vita_validate_digits_value (slash2 + 1, ylen);
  return TRUE;
}

/**
 * vita_validate_date:
 * @text: (nullable): YYYY-MM-DD or MM/DD/YYYY (M/D/YYYY also accepted)
 * @out: (out) (optional): the date, written on success only
 * @error: return location for a #GError
 *
 * Only dates that exist in the calendar are accepted.  Day-first dates
 * such as 25/03/1990, common among clients from abroad, fail with a
 * message that dates are written month first.
 */
gboolean
vita_validate_date (const char  *text,
                    GDate       *out,
                    GError     **error)
{
  const char *p;
  gsize len;
  guint year, month, day;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter a date."));
      return FALSE;
    }

  _vita_validate_trim_ascii (text, &p, &len);

  if (!parse_date_parts (p, len, &year, &month, &day))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           /* Translators: US forms write dates month/day/year; keep the
                              order and the example. */
                           _("Write the date as month/day/year with a four-digit "
                             "year, for example 03/25/1990."));
      return FALSE;
    }

  if (month < 1 || month > 12)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                           /* Translators: US forms write dates month/day/year; keep the
                              order and the example. */
                           _("The month must be 1 to 12. Dates are written "
                             "month/day/year, for example 03/25/1990."));
      return FALSE;
    }

  if (year < 1)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                           _("Check the year."));
      return FALSE;
    }

  if (day < 1 || day > g_date_get_days_in_month (month, year))
    {
      if (month == 2 && day == 29)
        g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                             _("February 29 exists only in leap years, and this "
                               "year is not one."));
      else
        g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                             /* Translators: US forms write dates month/day/year; keep the
                                order and the example. */
                             _("That month does not have this day. Dates are "
                               "written month/day/year, for example 03/25/1990."));
      return FALSE;
    }

  if (out != NULL)
    {
      g_date_clear (out, 1);
      g_date_set_dmy (out, day, month, year);
    }

  return TRUE;
}

/**
 * vita_validate_birth_date:
 * @text: (nullable): as for vita_validate_date()
 * @today: (nullable): the date to compare with, or %NULL for today's local
 *   date (tests pass a fixed date)
 * @out: (out) (optional): the date, written on success only
 * @error: return location for a #GError
 *
 * A date of birth must not be in the future or before 1900.
 */
gboolean
vita_validate_birth_date (const char   *text,
                          const GDate  *today,
                          GDate        *out,
                          GError      **error)
{
  GDate date;
  GDate now;
  GDate earliest;

  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the date of birth."));
      return FALSE;
    }

  if (!vita_validate_date (text, &date, error))
    return FALSE;

  if (today == NULL)
    {
      vita_clock_get_today (&now);
      today = &now;
    }

  if (g_date_compare (&date, today) > 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                           _("A date of birth cannot be in the future."));
      return FALSE;
    }

  g_date_clear (&earliest, 1);
  g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, 1900);
  if (g_date_compare (&date, &earliest) < 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE,
                           _("A date of birth cannot be before 1900. Check the year."));
      return FALSE;
    }

  if (out != NULL)
    *out = date;

  return TRUE;
}

/* Names */

typedef enum
{
  NAME_CHAR_LETTER,
  NAME_CHAR_MARK,
  NAME_CHAR_JOINER,
  NAME_CHAR_PUNCT,
  NAME_CHAR_SPACE,
  NAME_CHAR_DIGIT,
  NAME_CHAR_HIDDEN,
  NAME_CHAR_OTHER,
} NameChar;

static NameChar
classify_name_char (gunichar ch)
{
  /* U+2019 is the apostrophe phones and word processors put in O’Brien. */
  if (ch == '-' || ch == '\'' || ch == '.' || ch == 0x2019)
    return NAME_CHAR_PUNCT;
  if (ch == ' ')
    return NAME_CHAR_SPACE;
  /* Persian and Indic names need zero-width (non-)joiners between
   * letters to be spelled correctly. */
  if (ch == 0x200C || ch == 0x200D)
    return NAME_CHAR_JOINER;

  switch (g_unichar_type (ch))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
      return NAME_CHAR_LETTER;

    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
      return NAME_CHAR_MARK;

    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
      return NAME_CHAR_DIGIT;

    /* Bidi overrides and other format characters can make a name display
     * differently from what is stored. */
    case G_UNICODE_CONTROL:
    case G_UNICODE_FORMAT:
    case G_UNICODE_SURROGATE:
    case G_UNICODE_PRIVATE_USE:
    case G_UNICODE_UNASSIGNED:
      return NAME_CHAR_HIDDEN;

    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_MODIFIER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_LINE_SEPARATOR:
    case G_UNICODE_PARAGRAPH_SEPARATOR:
    case G_UNICODE_SPACE_SEPARATOR:
    default:
      return NAME_CHAR_OTHER;
    }
}

/**
 * vita_validate_name_part:
 * @text: (nullable): one name field (first, middle, last, native name…)
 * @max_chars: the most characters (not bytes) allowed, or 0 for no limit
 * @error: return location for a #GError
 *
 * Letters of any script (with their combining marks), spaces, hyphens,
 * apostrophes and periods.  Nothing is trimmed, since the caller stores
 * @text as it is: a name may not start or end with a space or hyphen.
 */
gboolean
vita_validate_name_part (const char  *text,
                         gsize        max_chars,
                         GError     **error)
{
  gsize chars = 0;
  gboolean has_letter = FALSE;
  NameChar prev = NAME_CHAR_SPACE;
  gunichar first = 0, last = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the name."));
      return FALSE;
    }

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("The name contains characters that could not be read. "
                             "Type it again."));
      return FALSE;
    }

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);
      NameChar kind = classify_name_char (ch);

      switch (kind)
        {
        case NAME_CHAR_LETTER:
          has_letter = TRUE;
          break;

        case NAME_CHAR_MARK:
          /* A mark belongs to the letter before it; alone it is junk
           * that renders as a dotted circle. */
          if (prev != NAME_CHAR_LETTER && prev != NAME_CHAR_MARK)
            goto bad_char;
          break;

        case NAME_CHAR_JOINER:
          if (prev != NAME_CHAR_LETTER && prev != NAME_CHAR_MARK)
            goto hidden_char;
          break;

        case NAME_CHAR_PUNCT:
        case NAME_CHAR_SPACE:
          if (prev == NAME_CHAR_JOINER)
            goto hidden_char;
          break;

        case NAME_CHAR_DIGIT:
          g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                               _("A name cannot contain digits."));
          return FALSE;

        case NAME_CHAR_HIDDEN:
          goto hidden_char;

        case NAME_CHAR_OTHER:
        default:
          goto bad_char;
        }

      if (chars == 0)
        first = ch;
      last = ch;
      prev = kind;
      chars++;
    }

  if (prev == NAME_CHAR_JOINER)
    goto hidden_char;

  if (!has_letter)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("A name must have at least one letter."));
      return FALSE;
    }

  if (first == ' ' || last == ' ')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("A name cannot start or end with a space."));
      return FALSE;
    }

  if (first == '-' || last == '-')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("A name cannot start or end with a hyphen (-)."));
      return FALSE;
    }

  if (max_chars > 0 && chars > max_chars)
    {
      g_set_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This name can be at most %lu character long.",
                                "This name can be at most %lu characters long.",
                                (gulong) max_chars),
                   (gulong) max_chars);
      return FALSE;
    }

  return TRUE;

hidden_char:
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                       _("The name contains a hidden character, such as a tab or "
                         "line break. Type it again."));
  return FALSE;

bad_char:
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                       _("A name can have only letters, spaces, hyphens (-), "
                         "apostrophes (') and periods (.)."));
  return FALSE;
}

