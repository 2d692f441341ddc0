/* vita-validate-contact.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-validate.c: addresses and contact details (ZIP,
 * phone, e-mail, state) and the IP PIN.
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

  _vita_validate_set_normalized (normalized, NULL);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the ZIP code."));
      return FALSE;
    }

  _vita_validate_trim_ascii (text, &p, &len);

  if (!(len == 5 && _vita_validate_all_digits (p, 5)) &&
      !(len == 9 && _vita_validate_all_digits (p, 9)) &&
      !(len == 10 && _vita_validate_all_digits (p, 5) && (p[5] == '-' || p[5] == ' ') &&
        _vita_validate_all_digits (p + 6, 4)))
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
    _vita_validate_set_normalized (normalized, g_strndup (p, 5));
  else
    _vita_validate_set_normalized (normalized,
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

  _vita_validate_set_normalized (normalized, NULL);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the phone number."));
      return FALSE;
    }

  _vita_validate_trim_ascii (text, &p, &len);

  for (gsize i = 0; i < len; i++)
    {
      char c = p[i];

      if (_vita_validate_is_digit (c))
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

  _vita_validate_set_normalized (normalized, g_strdup (number));
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

  _vita_validate_set_normalized (normalized, NULL);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the email address."));
      return FALSE;
    }

  _vita_validate_trim_ascii (text, &p, &len);

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

  _vita_validate_set_normalized (normalized, g_steal_pointer (&result));
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

  _vita_validate_set_normalized (normalized, NULL);

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the state."));
      return FALSE;
    }

  _vita_validate_trim_ascii (text, &p, &len);

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

  _vita_validate_set_normalized (normalized, g_strdup (code));
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

  if (_vita_validate_is_blank (text))
    {
      g_set_error_literal (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY,
                           _("Enter the Identity Protection PIN."));
      return FALSE;
    }

  _vita_validate_trim_ascii (text, &p, &len);

  if (len != 6 || !_vita_validate_all_digits (p, 6))
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

