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

/* Nothing in this file may log or quote the text it is given: the values
 * are SSNs, ITINs, birth dates and addresses.  Error messages explain the
 * rule instead of repeating the value. */

G_DEFINE_QUARK (vita-validate-error-quark, vita_validate_error)

#define TIN_DIGITS 9
#define EMAIL_MAX 254
#define EMAIL_LOCAL_MAX 64
#define DNS_NAME_MAX 253
#define DNS_LABEL_MAX 63

/* Volunteers paste from spreadsheets and PDFs, which bring stray tabs and
 * line ends along; they are never part of the value. */
static void
trim_ascii (const char  *text,
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

static gboolean
is_digit (char c)
{
  /* Only the ten ASCII digits.  Fullwidth or Arabic-Indic digits look
   * right on screen but are not what the IRS systems take, so they are
   * refused rather than stored. */
  return c >= '0' && c <= '9';
}

static guint
digits_value (const char *p,
              gsize       n)
{
  guint value = 0;

  for (gsize i = 0; i < n; i++)
    value = value * 10 + (guint) (p[i] - '0');

  return value;
}

static void
set_normalized (char **normalized,
                char  *value)
{
  if (normalized != NULL)
    *normalized = value;
  else
    g_free (value);
}

/* TINs */

/* Accepts the three ways people write a 9-digit TIN: 123456789,
 * 123-45-6789 and 123 45 6789.  A separator anywhere else means the digits
 * were probably mistyped, so it is not silently dropped. */
static gboolean
parse_tin (const char *text,
           char        digits[TIN_DIGITS + 1])
{
  const char *p;
  gsize len;
  gsize n = 0;

  if (text == NULL)
    return FALSE;

  trim_ascii (text, &p, &len);

  for (gsize i = 0; i < len; i++)
    {
      char c = p[i];

      if (is_digit (c))
        {
          if (n == TIN_DIGITS)
            return FALSE;
          digits[n++] = c;
        }
      else if (c == '-' || c == ' ')
        {
          /* Only straight after the area (3) or group (5) digits, once. */
          if ((n != 3 && n != 5) || !is_digit (p[i - 1]))
            return FALSE;
        }
      else
        return FALSE;
    }

  if (n != TIN_DIGITS || !is_digit (p[len - 1]))
    return FALSE;

  digits[TIN_DIGITS] = '\0';
  return TRUE;
}

static guint
tin_middle (const char *digits)
{
  return digits_value (digits + 3, 2);
}

/* 987-65-4320 to 987-65-4329 are the numbers printed in advertisements and
 * examples.  Their middle digits fall in the ITIN range, so without this
 * check a sample number from a flyer would pass as an ITIN. */
static gboolean
tin_is_advertising (const char *digits)
{
  return memcmp (digits, "98765432", 8) == 0;
}

/* Numbers the SSA voided or that are printed as samples, which many
 * people copied onto their own papers:
 * - 078-05-1120: printed on the sample card in Woolworth wallets (1938); the
 *   SSA voided it (SSA, "Social Security Numbers: Misuse of the Woolworth
 *   number", Social Security History, ssa.gov/history/ssn/misused.html);
 * - 219-09-9999: the sample number on the SSA's own 1940 pamphlet (same page);
 * - 123-45-6789: never issued; the SSA lists it with the advertising
 *   numbers it will not assign (SSA POMS RM 10201.035, "Invalid SSNs"). */
static gboolean
ssn_is_known_sample (const char *digits)
{
  static const char *samples[] = { "078051120", "219099999", "123456789" };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    if (memcmp (digits, samples[i], 9) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
itin_middle_ok (guint middle)
{
  return (middle >= 50 && middle <= 65) ||
         (middle >= 70 && middle <= 88) ||
         (middle >= 90 && middle <= 92) ||
         (middle >= 94 && middle <= 99);
}

static gboolean
irsn_middle (guint middle)
{
  return (middle >= 1 && middle <= 10) ||
         (middle >= 17 && middle <= 19) ||
         middle == 28 || middle == 29 ||
         (middle >= 37 && middle <= 39) ||
         middle == 49 || middle == 66 || middle == 89;
}

static void
set_advertising_error (GError **error)
{
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                       _("This number is one used in advertisements and examples. "
                         "It does not belong to anyone."));
}

static void
set_irsn_error (GError **error)
{
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                       _("This is an IRSN, a temporary number the IRS gives out. "
                         "It cannot be used on a tax return: the person needs an "
                         "SSN or an ITIN."));
}

/* The SSN rules on already parsed digits, shared with the TIN validator so
 * both report the same reason. */
static gboolean
check_ssn_digits (const char  *digits,
                  GError     **error)
{
  guint area = digits_value (digits, 3);

  if (tin_is_advertising (digits))
    {
      set_advertising_error (error);
      return FALSE;
    }

  if (ssn_is_known_sample (digits))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("This is a well-known sample Social Security number (from a "
                             "wallet card or an advertisement). It does not belong to this "
                             "person: copy the number from the person's own card."));
      return FALSE;
    }

  if (digits[0] == '9')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("A Social Security number never starts with 9. "
                             "A number that starts with 9 is an ITIN or an ATIN."));
      return FALSE;
    }

  if (area == 0 || area == 666)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("A Social Security number never starts with 000 or 666."));
      return FALSE;
    }

  if (tin_middle (digits) == 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("The middle two digits of a Social Security number "
                             "are never 00."));
      return FALSE;
    }

  if (digits_value (digits + 5, 4) == 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("The last four digits of a Social Security number "
                             "are never 0000."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_itin_digits (const char  *digits,
                   GError     **error)
{
  guint middle = tin_middle (digits);

  if (digits[0] != '9')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("An ITIN always starts with 9. A number that does not "
                             "start with 9 may be a Social Security number."));
      return FALSE;
    }

  if (tin_is_advertising (digits))
    {
      set_advertising_error (error);
      return FALSE;
    }

  if (middle == 93)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("Middle digits 93 mean this is an ATIN (a number for a "
                             "child being adopted), not an ITIN."));
      return FALSE;
    }

  if (irsn_middle (middle))
    {
      set_irsn_error (error);
      return FALSE;
    }

  if (!itin_middle_ok (middle))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           /* Translators: the ranges are of the 4th and 5th digits. */
                           _("An ITIN starts with 9 and its middle two digits are "
                             "50–65, 70–88, 90–92 or 94–99."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_atin_digits (const char  *digits,
                   GError     **error)
{
  if (digits[0] != '9' || tin_middle (digits) != 93)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("An ATIN starts with 9 and its middle two digits are 93."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_blank (const char *text)
{
  const char *p;
  gsize len;

  if (text == NULL)
    return TRUE;

  trim_ascii (text, &p, &len);
  return len == 0;
}

/**
 * vita_tin_normalize:
 * @text: (nullable): what was typed
 *
 * Returns: (transfer full) (nullable): the 9 digits of an SSN-shaped
 *   number (123456789, 123-45-6789 or 123 45 6789, surrounding white space
 *   ignored), or %NULL if @text does not have that shape.  No issuing rule
 *   is checked.
 */
char *
vita_tin_normalize (const char *text)
{
  char digits[TIN_DIGITS + 1];

  if (!parse_tin (text, digits))
    return NULL;

  return g_strdup (digits);
}

/**
 * vita_tin_classify:
 * @text: (nullable): what was typed
 *
 * Returns: the kind of number whose rules @text satisfies, so that a
 *   result of SSN, ITIN or ATIN means the matching vita_validate_*()
 *   accepts it.  %VITA_TIN_KIND_IRSN for an IRSN, which no validator
 *   accepts, and %VITA_TIN_KIND_UNKNOWN for anything else.
 */
VitaTinKind
vita_tin_classify (const char *text)
{
  char digits[TIN_DIGITS + 1];
  guint middle;

  if (!parse_tin (text, digits))
    return VITA_TIN_KIND_UNKNOWN;

  if (digits[0] != '9')
    return check_ssn_digits (digits, NULL) ? VITA_TIN_KIND_SSN : VITA_TIN_KIND_UNKNOWN;

  middle = tin_middle (digits);
  if (middle == 93)
    return VITA_TIN_KIND_ATIN;
  if (irsn_middle (middle))
    return VITA_TIN_KIND_IRSN;
  if (check_itin_digits (digits, NULL))
    return VITA_TIN_KIND_ITIN;

  return VITA_TIN_KIND_UNKNOWN;
}

/* The shared steps of the three number validators: blank, shape, then the
 * kind's own digit rules.  The messages come from the caller so each kind
 * keeps its own wording (and xgettext sees every string where it is). */
static gboolean
validate_tin_kind (const char   *text,
                   char        **normalized,
                   GError      **error,
                   const char   *empty_message,
                   const char   *format_message,
                   gboolean    (*check_digits) (const char *digits,
                                                GError    **error))
{
  char digits[TIN_DIGITS + 1];

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_normalized (normalized, NULL);

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY, empty_message);
      return FALSE;
    }
  if (!parse_tin (text, digits))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT, format_message);
      return FALSE;
    }
  if (!check_digits (digits, error))
    return FALSE;

  set_normalized (normalized, g_strdup (digits));
  return TRUE;
}

/**
 * vita_validate_ssn:
 * @text: (nullable): what was typed
 * @normalized: (out) (optional) (transfer full): the 9 digits
 * @error: return location for a #GError
 *
 * SSA never assigns area 000, 666 or 900–999, group 00 or serial 0000;
 * 987-65-4320 to 4329 are advertising numbers.
 */
gboolean
vita_validate_ssn (const char  *text,
                   char       **normalized,
                   GError     **error)
{
  return validate_tin_kind (text, normalized, error,
                            _("Enter the Social Security number."),
                            /* Translators: each X stands for a digit; keep the pattern. */
                            _("A Social Security number has 9 digits, written like "
                              "XXX-XX-XXXX."),
                            check_ssn_digits);
}

/**
 * vita_validate_itin:
 * @text: (nullable): what was typed
 * @normalized: (out) (optional) (transfer full): the 9 digits
 * @error: return location for a #GError
 *
 * An ITIN is 9XX-XX-XXXX with middle digits 50–65, 70–88, 90–92 or 94–99.
 * An ATIN or IRSN is rejected with a message that says which it is.
 */
gboolean
vita_validate_itin (const char  *text,
                    char       **normalized,
                    GError     **error)
{
  return validate_tin_kind (text, normalized, error,
                            _("Enter the ITIN."),
                            /* Translators: each X stands for a digit; keep the pattern. */
                            _("An ITIN has 9 digits, written like 9XX-XX-XXXX."),
                            check_itin_digits);
}

/**
 * vita_validate_atin:
 * @text: (nullable): what was typed
 * @normalized: (out) (optional) (transfer full): the 9 digits
 * @error: return location for a #GError
 *
 * An ATIN (adoption number, Form W-7A) is 9XX-93-XXXX.
 */
gboolean
vita_validate_atin (const char  *text,
                    char       **normalized,
                    GError     **error)
{
  return validate_tin_kind (text, normalized, error,
                            _("Enter the ATIN."),
                            /* Translators: each X stands for a digit; keep the pattern. */
                            _("An ATIN has 9 digits, written like 9XX-93-XXXX."),
                            check_atin_digits);
}

/**
 * vita_validate_tin:
 * @text: (nullable): what was typed
 * @kind: (out) (optional): the kind detected, set even on failure (IRSN
 *   for an IRSN, UNKNOWN when the number fits no kind)
 * @normalized: (out) (optional) (transfer full): the 9 digits
 * @error: return location for a #GError
 *
 * Accepts any number that can identify a person on a return: an SSN, an
 * ITIN or an ATIN.  An IRSN is refused because it cannot be used to file.
 */
gboolean
vita_validate_tin (const char   *text,
                   VitaTinKind  *kind,
                   char        **normalized,
                   GError      **error)
{
  char digits[TIN_DIGITS + 1];
  VitaTinKind found;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_normalized (normalized, NULL);
  if (kind != NULL)
    *kind = VITA_TIN_KIND_UNKNOWN;

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the SSN, ITIN or ATIN."));
      return FALSE;
    }

  if (!parse_tin (text, digits))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           /* Translators: each X stands for a digit; keep the pattern. */
                           _("An SSN, ITIN or ATIN has 9 digits, written like "
                             "XXX-XX-XXXX."));
      return FALSE;
    }

  found = vita_tin_classify (text);
  if (kind != NULL)
    *kind = found;

  switch (found)
    {
    case VITA_TIN_KIND_SSN:
    case VITA_TIN_KIND_ITIN:
    case VITA_TIN_KIND_ATIN:
      set_normalized (normalized, g_strdup (digits));
      return TRUE;

    case VITA_TIN_KIND_IRSN:
      set_irsn_error (error);
      return FALSE;

    case VITA_TIN_KIND_UNKNOWN:
    default:
      break;
    }

  /* Explain with the rules of the kind the number looks like. */
  if (digits[0] != '9' || tin_is_advertising (digits))
    {
      check_ssn_digits (digits, error);
      return FALSE;
    }

  /* Starts with 9 but is no ITIN, ATIN or IRSN: the middle digits are in
   * none of their ranges. */
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                       /* Translators: the ranges are of the 4th and 5th digits. */
                       _("A number that starts with 9 is an ITIN, whose middle two "
                         "digits are 50–65, 70–88, 90–92 or 94–99, or an ATIN, "
                         "whose middle two digits are 93."));
  return FALSE;
}

/* EIN */

static gboolean
ein_prefix_ok (guint prefix)
{
  /* The union of the prefixes the IRS campuses and the Internet/SBA
   * systems assign; 00, 07–09, 17–19, 28, 29, 49, 69, 70, 78, 79, 89, 96
   * and 97 have never been used. */
  return (prefix >= 1 && prefix <= 6) ||
         (prefix >= 10 && prefix <= 16) ||
         (prefix >= 20 && prefix <= 27) ||
         (prefix >= 30 && prefix <= 48) ||
         (prefix >= 50 && prefix <= 68) ||
         (prefix >= 71 && prefix <= 77) ||
         (prefix >= 80 && prefix <= 88) ||
         (prefix >= 90 && prefix <= 95) ||
         prefix == 98 || prefix == 99;
}

/**
 * vita_validate_ein:
 * @text: (nullable): what was typed: 12-3456789, 12 3456789 or 123456789
 * @normalized: (out) (optional) (transfer full): the 9 digits, like every
 *   other TIN in the store
 * @error: return location for a #GError
 */
gboolean
vita_validate_ein (const char  *text,
                   char       **normalized,
                   GError     **error)
{
  char digits[TIN_DIGITS + 1];
  const char *p;
  gsize len;
  gsize n = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_normalized (normalized, NULL);

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the EIN."));
      return FALSE;
    }

  trim_ascii (text, &p, &len);

  for (gsize i = 0; i < len; i++)
    {
      if (is_digit (p[i]) && n < TIN_DIGITS)
        digits[n++] = p[i];
      else if ((p[i] == '-' || p[i] == ' ') && n == 2 && is_digit (p[i - 1]))
        continue;
      else
        {
          n = 0;
          break;
        }
    }

  if (n != TIN_DIGITS)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           /* Translators: each X stands for a digit; keep the pattern. */
                           _("An EIN has 9 digits, written like XX-XXXXXXX."));
      return FALSE;
    }
  digits[TIN_DIGITS] = '\0';

  if (!ein_prefix_ok (digits_value (digits, 2)))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("The IRS never gives out an EIN that starts with these "
                             "two digits. Check the number on the form."));
      return FALSE;
    }

  set_normalized (normalized, g_strdup (digits));
  return TRUE;
}

/* Dates */

static gboolean
all_digits (const char *p,
            gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!is_digit (p[i]))
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
      if (!all_digits (p, 4) || !all_digits (p + 5, 2) || !all_digits (p + 8, 2))
        return FALSE;

      *year = digits_value (p, 4);
      *month = digits_value (p + 5, 2);
      *day = digits_value (p + 8, 2);
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
  if (!all_digits (p, mlen) || !all_digits (slash1 + 1, dlen) ||
      !all_digits (slash2 + 1, ylen))
    return FALSE;

  *month = digits_value (p, mlen);
  *day = digits_value (slash1 + 1, dlen);
  *year = digits_value (slash2 + 1, ylen);
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

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter a date."));
      return FALSE;
    }

  trim_ascii (text, &p, &len);

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

  if (is_blank (text))
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

/* Addresses and contact details */

/**
 * vita_validate_zip:
 * @text: (nullable): 12345, 12345-6789 (or 123456789, 12345 6789)
 * @normalized: (out) (optional) (transfer full): 12345 or 12345-6789
 * @error: return location for a #GError
 */
gboolean
vita_validate_zip (const char  *text,
                   char       **normalized,
                   GError     **error)
{
  const char *p;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_normalized (normalized, NULL);

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the ZIP code."));
      return FALSE;
    }

  trim_ascii (text, &p, &len);

  if (!(len == 5 && all_digits (p, 5)) &&
      !(len == 9 && all_digits (p, 9)) &&
      !(len == 10 && all_digits (p, 5) && (p[5] == '-' || p[5] == ' ') &&
        all_digits (p + 6, 4)))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("A ZIP code has 5 digits, or 5 digits, a dash and "
                             "4 more digits."));
      return FALSE;
    }

  if (memcmp (p, "00000", 5) == 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("A ZIP code cannot be all zeros."));
      return FALSE;
    }

  if (len == 5)
    set_normalized (normalized, g_strndup (p, 5));
  else
    set_normalized (normalized,
                    g_strdup_printf ("%.5s-%.4s", p, p + len - 4));

  return TRUE;
}

/**
 * vita_validate_phone:
 * @text: (nullable): a North American number, with any of ( ) - . and
 *   spaces, optionally starting with 1 or +1
 * @normalized: (out) (optional) (transfer full): the 10 digits
 * @error: return location for a #GError
 *
 * Area code and exchange must start with 2–9, and N11 service codes (411,
 * 911…) are not area codes.
 */
gboolean
vita_validate_phone (const char  *text,
                     char       **normalized,
                     GError     **error)
{
  const char *p;
  gsize len;
  char digits[12];
  gsize n = 0;
  gboolean plus = FALSE;
  const char *number;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_normalized (normalized, NULL);

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the phone number."));
      return FALSE;
    }

  trim_ascii (text, &p, &len);

  for (gsize i = 0; i < len; i++)
    {
      char c = p[i];

      if (is_digit (c))
        {
          if (n == 11)
            goto bad_format;
          digits[n++] = c;
        }
      else if (c == '+' && i == 0)
        plus = TRUE;
      else if (c != '(' && c != ')' && c != '-' && c != '.' && c != ' ')
        goto bad_format;
    }
  digits[n] = '\0';

  /* Clients often give a number from their home country; say so rather
   * than complain about the digit count. */
  if (plus && n > 0 && digits[0] != '1')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("Only US numbers (and others starting with +1) can be "
                             "entered here."));
      return FALSE;
    }

  if (n == 11 && digits[0] == '1')
    number = digits + 1;
  else if (n == 10 && !plus)
    number = digits;
  else
    goto bad_format;

  if (number[0] < '2')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("An area code (the first three digits) never starts "
                             "with 0 or 1."));
      return FALSE;
    }

  if (number[1] == '1' && number[2] == '1')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("The area code cannot be a service number such as 411 "
                             "or 911."));
      return FALSE;
    }

  if (number[3] < '2')
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("The three digits after the area code never start "
                             "with 0 or 1."));
      return FALSE;
    }

  set_normalized (normalized, g_strdup (number));
  return TRUE;

bad_format:
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                       _("A US phone number has 10 digits: a 3-digit area code "
                         "and 7 more digits."));
  return FALSE;
}

static gboolean
is_atext (char c)
{
  /* RFC 5322 atext, the characters allowed unquoted before the '@'. */
  return g_ascii_isalnum (c) || (c != '\0' && strchr ("!#$%&'*+-/=?^_`{|}~", c) != NULL);
}

static gboolean
is_word_char (gunichar ch)
{
  switch (g_unichar_type (ch))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Quoted local parts and comments are legal but no client has one; refusing
 * them keeps the rule explainable. */
static gboolean
email_local_ok (const char *p,
                gsize       len)
{
  const char *end = p + len;

  if (p[0] == '.' || end[-1] == '.')
    return FALSE;

  while (p < end)
    {
      if ((guchar) *p < 0x80)
        {
          if (*p == '.' && p[1] == '.')
            return FALSE;
          if (*p != '.' && !is_atext (*p))
            return FALSE;
          p++;
        }
      else
        {
          /* Internationalized mailboxes (RFC 6531) use letters of any
           * script; the text was validated as UTF-8 by the caller. */
          if (!is_word_char (g_utf8_get_char (p)))
            return FALSE;
          p = g_utf8_next_char (p);
        }
    }

  return TRUE;
}

/* Checks the labels of an already lowercased domain.  Non-ASCII labels are
 * checked again by IDNA conversion, which also gives the real label
 * lengths. */
static gboolean
email_domain_ok (const char  *domain,
                 GError     **error)
{
  const char *p = domain;
  const char *label = domain;
  gboolean label_has_letter = FALSE;
  gsize labels = 0;
  g_autofree char *ascii = NULL;
  char **parts;

  for (;; p = g_utf8_next_char (p))
    {
      if (*p == '.' || *p == '\0')
        {
          if (p == label || label[0] == '-' || p[-1] == '-')
            goto bad_domain;
          labels++;
          if (*p == '\0')
            break;
          label = p + 1;
          label_has_letter = FALSE;
          continue;
        }

      if ((guchar) *p < 0x80)
        {
          if (!g_ascii_isalnum (*p) && *p != '-')
            goto bad_domain;
          if (g_ascii_isalpha (*p))
            label_has_letter = TRUE;
        }
      else
        {
          gunichar ch = g_utf8_get_char (p);

          if (!is_word_char (ch))
            goto bad_domain;
          if (g_unichar_type (ch) != G_UNICODE_DECIMAL_NUMBER)
            label_has_letter = TRUE;
        }
    }

  /* A dotless host, or a numeric last label as in an IP address, is never
   * a client's real mail domain. */
  if (labels < 2 || !label_has_letter)
    goto bad_domain;

  ascii = g_hostname_to_ascii (domain);
  if (ascii == NULL)
    goto bad_domain;

  if (strlen (ascii) > DNS_NAME_MAX)
    goto too_long;

  parts = g_strsplit (ascii, ".", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (strlen (parts[i]) > DNS_LABEL_MAX)
        {
          g_strfreev (parts);
          goto too_long;
        }
    }
  g_strfreev (parts);

  return TRUE;

bad_domain:
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                       _("The part after the @ must be a domain such as "
                         "example.com, with only letters, digits, hyphens and "
                         "dots."));
  return FALSE;

too_long:
  g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG,
                       _("The part after the @ is too long to be a real domain."));
  return FALSE;
}

/**
 * vita_validate_email:
 * @text: (nullable): what was typed
 * @normalized: (out) (optional) (transfer full): the address with its
 *   domain in lower case; the part before the @ is kept as typed, because
 *   mail servers may treat its case as meaningful
 * @error: return location for a #GError
 *
 * A pragmatic check, not RFC 5322: one @, a part before it of at most 64
 * bytes, and a domain with a dot whose labels are letters (any script),
 * digits and inner hyphens.  At most 254 bytes in all.
 */
gboolean
vita_validate_email (const char  *text,
                     char       **normalized,
                     GError     **error)
{
  const char *p;
  gsize len;
  const char *at;
  gsize local_len;
  g_autofree char *domain = NULL;
  g_autofree char *result = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_normalized (normalized, NULL);

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the email address."));
      return FALSE;
    }

  trim_ascii (text, &p, &len);

  /* Bound the work before looking at the characters. */
  if (len > EMAIL_MAX)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG,
                           _("An email address can be at most 254 characters long."));
      return FALSE;
    }

  if (!g_utf8_validate_len (p, len, NULL))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("The email address contains characters that could not "
                             "be read. Type it again."));
      return FALSE;
    }

  at = memchr (p, '@', len);
  if (at == NULL || memchr (at + 1, '@', len - (gsize) (at + 1 - p)) != NULL)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("An email address has exactly one @, like "
                             "name@example.com."));
      return FALSE;
    }

  local_len = at - p;
  if (local_len == 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("The part before the @ is missing."));
      return FALSE;
    }
  if (local_len > EMAIL_LOCAL_MAX)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG,
                           _("The part before the @ can be at most 64 characters "
                             "long."));
      return FALSE;
    }
  if (!email_local_ok (p, local_len))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           /* Translators: keep the list of signs exactly as it is. */
                           _("The part before the @ can have letters, digits, dots "
                             "and the signs ! # $ % & ' * + - / = ? ^ _ ` { | } ~, "
                             "but no spaces, and cannot start or end with a dot or "
                             "have two dots in a row."));
      return FALSE;
    }

  /* Lower-case first and check what will be stored, so the normalized
   * address always validates to itself. */
  domain = g_utf8_strdown (at + 1, len - local_len - 1);
  if (!email_domain_ok (domain, error))
    return FALSE;

  result = g_malloc (local_len + 1 + strlen (domain) + 1);
  memcpy (result, p, local_len);
  result[local_len] = '@';
  strcpy (result + local_len + 1, domain);

  /* Lower-casing can lengthen some letters (İ becomes i and a dot). */
  if (strlen (result) > EMAIL_MAX)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG,
                           _("An email address can be at most 254 characters long."));
      return FALSE;
    }

  set_normalized (normalized, g_steal_pointer (&result));
  return TRUE;
}

/* USPS codes: the states, DC, the territories, the freely associated
 * states that use US mail, and the military mail codes.  Sorted for
 * bsearch. */
static const char * const usps_codes[] = {
  "AA", "AE", "AK", "AL", "AP", "AR", "AS", "AZ", "CA", "CO", "CT", "DC",
  "DE", "FL", "FM", "GA", "GU", "HI", "IA", "ID", "IL", "IN", "KS", "KY",
  "LA", "MA", "MD", "ME", "MH", "MI", "MN", "MO", "MP", "MS", "MT", "NC",
  "ND", "NE", "NH", "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "PR",
  "PW", "RI", "SC", "SD", "TN", "TX", "UT", "VA", "VI", "VT", "WA", "WI",
  "WV", "WY",
};

static int
compare_code (const void *key,
              const void *member)
{
  return strcmp (key, *(const char * const *) member);
}

/**
 * vita_validate_state:
 * @text: (nullable): a two-letter USPS code, in any case
 * @normalized: (out) (optional) (transfer full): the code in upper case
 * @error: return location for a #GError
 */
gboolean
vita_validate_state (const char  *text,
                     char       **normalized,
                     GError     **error)
{
  const char *p;
  gsize len;
  char code[3];

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  set_normalized (normalized, NULL);

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the state."));
      return FALSE;
    }

  trim_ascii (text, &p, &len);

  if (len != 2 || !g_ascii_isalpha (p[0]) || !g_ascii_isalpha (p[1]))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("Use the two-letter postal code of the state, for "
                             "example TX."));
      return FALSE;
    }

  code[0] = g_ascii_toupper (p[0]);
  code[1] = g_ascii_toupper (p[1]);
  code[2] = '\0';

  if (bsearch (code, usps_codes, G_N_ELEMENTS (usps_codes), sizeof usps_codes[0],
               compare_code) == NULL)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("This is not a US postal code for a state or "
                             "territory. Use the two-letter code, for example TX, "
                             "PR or AE."));
      return FALSE;
    }

  set_normalized (normalized, g_strdup (code));
  return TRUE;
}

/**
 * vita_validate_ip_pin:
 * @text: (nullable): the 6-digit Identity Protection PIN
 * @error: return location for a #GError
 */
gboolean
vita_validate_ip_pin (const char  *text,
                      GError     **error)
{
  const char *p;
  gsize len;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the Identity Protection PIN."));
      return FALSE;
    }

  trim_ascii (text, &p, &len);

  if (len != 6 || !all_digits (p, 6))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
                           _("An Identity Protection PIN has 6 digits."));
      return FALSE;
    }

  if (memcmp (p, "000000", 6) == 0)
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("An Identity Protection PIN cannot be all zeros."));
      return FALSE;
    }

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

  if (is_blank (text))
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
