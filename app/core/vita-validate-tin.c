/* vita-validate-tin.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-validate.c: taxpayer identification numbers (SSN,
 * ITIN, ATIN, the IRS numbers a W-7 must refuse) and EINs.
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

  _vita_validate_trim_ascii (text, &p, &len);

  for (gsize i = 0; i < len; i++)
    {
      char c = p[i];

      if (_vita_validate_is_digit (c))
        {
          if (n == TIN_DIGITS)
            return FALSE;
          digits[n++] = c;
        }
      else if (c == '-' || c == ' ')
        {
          /* Only straight after the area (3) or group (5) digits, once. */
          if ((n != 3 && n != 5) || !_vita_validate_is_digit (p[i - 1]))
            return FALSE;
        }
      else
        return FALSE;
    }

  if (n != TIN_DIGITS || !_vita_validate_is_digit (p[len - 1]))
    return FALSE;

  digits[TIN_DIGITS] = '\0';
  return TRUE;
}

static guint
tin_middle (const char *digits)
{
  return _vita_validate_digits_value (digits + 3, 2);
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
  guint area = _vita_validate_digits_value (digits, 3);

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

  if (_vita_validate_digits_value (digits + 5, 4) == 0)
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

  _vita_validate_set_normalized (normalized, NULL);

  if (_vita_validate_is_blank (text))
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

  _vita_validate_set_normalized (normalized, g_strdup (digits));
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

  _vita_validate_set_normalized (normalized, NULL);
  if (kind != NULL)
    *kind = VITA_TIN_KIND_UNKNOWN;

  if (_vita_validate_is_blank (text))
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
      _vita_validate_set_normalized (normalized, g_strdup (digits));
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

  _vita_validate_set_normalized (normalized, NULL);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the EIN."));
      return FALSE;
    }

  _vita_validate_trim_ascii (text, &p, &len);

  for (gsize i = 0; i < len; i++)
    {
      if (_vita_validate_is_digit (p[i]) && n < TIN_DIGITS)
        digits[n++] = p[i];
      else if ((p[i] == '-' || p[i] == ' ') && n == 2 && _vita_validate_is_digit (p[i - 1]))
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

  if (!ein_prefix_ok (_vita_validate_digits_value (digits, 2)))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED,
                           _("The IRS never gives out an EIN that starts with these "
                             "two digits. Check the number on the form."));
      return FALSE;
    }

  _vita_validate_set_normalized (normalized, g_strdup (digits));
  return TRUE;
}

