/* vita-w7.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The completeness rules of Form W-7 (Rev. 12-2024) and its supporting
 * documents, from domain-rules.md sections 2.2-2.7.  A W-7 the IRS finds
 * incomplete costs the applicant months, and often their original
 * passport is in the IRS's hands meanwhile, so the site checks before it
 * mails.  Blocking problems must be fixed before the W-7 is printed;
 * reminders are shown but do not stop it.
 *
 * Choices made where the sources leave room:
 *  - Box f alone is valid: the form says f needs h only "if claiming an
 *    exception"; a student filing a return checks f alone.  Box a always
 *    needs h.
 *  - "Never entered the United States" is refused for c, d and g, which
 *    need a date of entry; it is accepted for the other boxes.
 *  - A CAA may certify only passports and civil birth certificates, for
 *    every applicant (the IRS newsroom text), not only for dependents.
 *  - A foreign voter's card is counted as a photo document, as the
 *    common ones (Mexico's INE card among them) carry a photo. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vita-clock.h"
#include "vita-field.h"
#include "vita-field-ids.h"
#include "vita-retention.h"
#include "vita-validate.h"
#include "vita-w7.h"
#include "vita-w7-private.h"

/* An answer behind a closed gate (a treaty country kept after box a was
 * unchecked) is stale and must not raise or silence a problem. */
const char *
_vita_w7_get (Check      *c,
              const char *field_id)
{
  const VitaField *field = vita_field_lookup (field_id);
  const char *value;

  g_assert (field != NULL);

  if (!vita_field_is_visible (field, c->hh, c->person))
    return NULL;
  value = vita_household_get (c->hh, c->person, field_id);
  return value != NULL && *value != '\0' ? value : NULL;
}

gboolean
_vita_w7_is_yes (Check      *c,
                 const char *field_id)
{
  return g_strcmp0 (_vita_w7_get (c, field_id), "yes") == 0;
}

gboolean
_vita_w7_has_reason (Check *c,
                     char   letter)
{
  return (c->reasons & REASON (letter)) != 0;
}

void
_vita_w7_add_take (Check      *c,
                   const char *field_id,
                   gboolean    blocking,
                   char       *message)
{
  VitaW7Problem *problem = g_new0 (VitaW7Problem, 1);

  g_assert (vita_field_lookup (field_id) != NULL);

  problem->field_id = vita_field_lookup (field_id)->id;
  problem->message = message;
  problem->blocking = blocking;
  g_ptr_array_add (c->problems, problem);
}

void
_vita_w7_add (Check      *c,
              const char *field_id,
              gboolean    blocking,
              const char *message)
{
  _vita_w7_add_take (c, field_id, blocking, g_strdup (message));
}

/* Adds @message for the first of the NULL-terminated field ids that is
 * empty, so one missing line gives one message. */
static void require (Check      *c,
                     const char *message,
                     ...) G_GNUC_NULL_TERMINATED;

static void
require (Check      *c,
         const char *message,
         ...)
{
  va_list args;
  const char *field_id;

  va_start (args, message);
  while ((field_id = va_arg (args, const char *)) != NULL)
    {
      if (_vita_w7_get (c, field_id) == NULL)
        {
          _vita_w7_add (c, field_id, TRUE, message);
          break;
        }
    }
  va_end (args);
}

gboolean
_vita_w7_parse_date (const char *text,
                     GDate      *out)
{
  g_date_clear (out, 1);
  return text != NULL && vita_validate_date (text, out, NULL);
}

static int
age_on (const GDate *born,
        const GDate *day)
{
  int age = (int) g_date_get_year (day) - (int) g_date_get_year (born);

  if (g_date_get_month (day) < g_date_get_month (born) ||
      (g_date_get_month (day) == g_date_get_month (born) &&
       g_date_get_day (day) < g_date_get_day (born)))
    age--;
  return age;
}

static guint
parse_reasons (const char *value)
{
  g_auto(GStrv) parts = NULL;
  guint mask = 0;

  if (value == NULL)
    return 0;

  parts = g_strsplit (value, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (strlen (p) == 1 && p[0] >= 'a' && p[0] <= 'h')
        mask |= REASON (p[0]);
    }
  return mask;
}

/* Whether @value holds anything that is not one of the letters a to h:
 * "b,z" must not pass as box b alone. */
static gboolean
reasons_have_unknown (const char *value)
{
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return FALSE;
  parts = g_strsplit (value, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *p = g_strstrip (parts[i]);

      if (!(strlen (p) == 1 && p[0] >= 'a' && p[0] <= 'h'))
        return TRUE;
    }
  return FALSE;
}

static gboolean
reason_mask_valid (guint mask)
{
  /* One box alone, except a which always needs h; or a+h; or f+h. */
  if (mask == (REASON ('a') | REASON ('h')) || mask == (REASON ('f') | REASON ('h')))
    return TRUE;
  return mask != 0 && (mask & (mask - 1)) == 0 && mask != REASON ('a');
}

/* Compares two names the way a person reading both forms would. */
static gboolean
same_text (const char *a,
           const char *b)
{
  g_autofree char *fa = NULL;
  g_autofree char *fb = NULL;

  if (a == NULL || b == NULL)
    return a == b;

  fa = g_utf8_casefold (a, -1);
  fb = g_utf8_casefold (b, -1);
  return g_strcmp0 (g_strstrip (fa), g_strstrip (fb)) == 0;
}

/* Whether @text (one or more comma-separated country names or codes)
 * names Canada or Mexico, whose dependents are exempt from the U.S.
 * residency proof. */
gboolean
_vita_w7_names_canada_or_mexico (const char *text)
{
  static const char *names[] = {
    "canada", "ca", "can", "mexico", "méxico", "mx", "mex", NULL
  };
  g_auto(GStrv) parts = NULL;

  if (text == NULL)
    return FALSE;

  parts = g_strsplit (text, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *folded = g_utf8_casefold (g_strstrip (parts[i]), -1);

      if (g_strv_contains (names, folded))
        return TRUE;
    }
  return FALSE;
}

/* Line 3 must be a home: no post office box and no "in care of".  The
 * box check squeezes out spaces and dots so "P. O. Box" and "PO BOX"
 * match; "c/o" must stand alone so "Tepic/Oaxaca" does not. */
static gboolean
looks_like_po_box_or_care_of (const char *street)
{
  static const char *box_markers[] = {
    "pobox", "postofficebox", "postbox", "apartadopostal", "apdo", "caixapostal",
    "boitepostale", "postfach", NULL
  };
  g_autofree char *folded = NULL;
  g_autoptr(GString) squeezed = g_string_new (NULL);

  if (street == NULL)
    return FALSE;

  if (g_regex_match_simple ("(^|[^\\pL])c\\s*/\\s*o($|[^\\pL])|\\bin\\s+care\\s+of\\b",
                            street, G_REGEX_CASELESS, 0))
    return TRUE;

  folded = g_utf8_casefold (street, -1);
  for (const char *p = folded; *p != '\0'; p++)
    {
      if (*p != ' ' && *p != '.' && *p != '-' && *p != '_')
        g_string_append_c (squeezed, *p);
    }

  for (guint i = 0; box_markers[i] != NULL; i++)
    {
      if (strstr (squeezed->str, box_markers[i]) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_student (Check *c)
{
  const char *status;

  if (c->person >= VITA_PERSON_FIRST_DEPENDENT)
    return _vita_w7_is_yes (c, VITA_FID_DEP_STUDENT);

  status = vita_household_get (c->hh, VITA_PERSON_HOUSEHOLD, VITA_FID_FULL_TIME_STUDENT);
  if (g_strcmp0 (status, "both") == 0)
    return TRUE;
  return g_strcmp0 (status, c->person == VITA_PERSON_TAXPAYER ? "you" : "spouse") == 0;
}

static void
check_application_type (Check *c)
{
  const char *type = _vita_w7_get (c, VITA_FID_W7_APPLICATION_TYPE);
  const char *tin_type = vita_household_get (c->hh, c->person, VITA_FID_TIN_TYPE);

  if (type == NULL)
    {
      _vita_w7_add (c, VITA_FID_W7_APPLICATION_TYPE, TRUE,
                    _("Choose whether this W-7 applies for a new ITIN or renews an existing one."));
      return;
    }

  if ((g_str_equal (type, "new") && g_strcmp0 (tin_type, "renew_itin") == 0) ||
      (g_str_equal (type, "renew") && g_strcmp0 (tin_type, "needs_itin") == 0))
    _vita_w7_add (c, VITA_FID_W7_APPLICATION_TYPE, FALSE,
                  _("The application type does not agree with the person's taxpayer ID answer. Check which "
                    "one is right."));
}

static void
check_reasons (Check *c)
{
  /* Form W-7 (Rev. 12-2024), "Reason you're submitting Form W-7": the
   * boxes are a to h; any other letter is a damaged or mistyped answer. */
  if (c->unknown_reason)
    _vita_w7_add (c, VITA_FID_W7_REASONS, TRUE,
                  _("The reason answer holds a box that is not on the form. Check again only the boxes "
                    "a to h that apply."));

  /* Instructions for Form W-7 (Rev. 12-2024), "Reason box f": "If you
   * check box f and are claiming an exception [a tax treaty benefit], you
   * must also check box h" and enter Exception 2 there.  The form's own box f
   * text says the same ("you must also check and complete box h"). */
  if (_vita_w7_has_reason (c, 'f') && _vita_w7_is_yes (c, VITA_FID_W7_TREATY_CLAIM) && !_vita_w7_has_reason (c, 'h'))
    _vita_w7_add (c, VITA_FID_W7_REASONS, TRUE,
                  _("Box f with a tax treaty claim also needs box h, with Exception 2 written next to "
                    "it."));
  else if (_vita_w7_has_reason (c, 'f') && _vita_w7_has_reason (c, 'h') && _vita_w7_is_yes (c, VITA_FID_W7_TREATY_CLAIM)
           && _vita_w7_get (c, VITA_FID_W7_REASON_H_TEXT) != NULL
           && strchr (_vita_w7_get (c, VITA_FID_W7_REASON_H_TEXT), '2') == NULL)
    _vita_w7_add (c, VITA_FID_W7_REASON_H_TEXT, FALSE,
                  _("A student's, professor's or researcher's treaty claim is Exception 2 (for example "
                    "\"Exception 2(b)\"). Check the text next to box h."));

  if (c->reasons == 0)
    {
      _vita_w7_add (c, VITA_FID_W7_REASONS, TRUE,
                    _("Check the reason for submitting the W-7 (one of the boxes a to h)."));
      return;
    }

  if (c->reasons == REASON ('a'))
    _vita_w7_add (c, VITA_FID_W7_REASONS, TRUE,
                  _("Box a also needs box h, with the treaty exception written next to it."));
  else if (!reason_mask_valid (c->reasons))
    _vita_w7_add (c, VITA_FID_W7_REASONS, TRUE,
                  _("These reason boxes can't be checked together. Check only one box, or a with h, or f "
                    "with h."));

  if (_vita_w7_has_reason (c, 'h'))
    require (c, _("Write the reason or the exception next to box h."),
             VITA_FID_W7_REASON_H_TEXT, NULL);
}

static void
check_previous_numbers (Check *c)
{
  gboolean renew = g_strcmp0 (_vita_w7_get (c, VITA_FID_W7_APPLICATION_TYPE), "renew") == 0;
  const char *itin = _vita_w7_get (c, VITA_FID_W7_PREV_ITIN);
  const char *irsn = _vita_w7_get (c, VITA_FID_W7_PREV_IRSN);

  if (renew && !_vita_w7_is_yes (c, VITA_FID_W7_PREV_TIN))
    {
      _vita_w7_add (c, VITA_FID_W7_PREV_TIN, TRUE,
                    _("A renewal must answer Yes on line 6e and give the ITIN being renewed on line 6f."));
      return;
    }
  if (!_vita_w7_is_yes (c, VITA_FID_W7_PREV_TIN))
    return;

  if (renew && itin == NULL)
    _vita_w7_add (c, VITA_FID_W7_PREV_ITIN, TRUE, _("Line 6f: enter the ITIN being renewed."));
  else if (!renew && itin == NULL && irsn == NULL)
    _vita_w7_add (c, VITA_FID_W7_PREV_ITIN, TRUE,
                  _("Line 6f: enter the ITIN or IRS number the person received before."));

  if (itin != NULL && !vita_validate_itin (itin, NULL, NULL))
    _vita_w7_add (c, VITA_FID_W7_PREV_ITIN, TRUE,
                  _("Line 6f: this is not a valid ITIN. An ITIN has nine digits, starts with 9, and its 4th "
                    "and 5th digits are 50 to 65, 70 to 88, 90 to 92 or 94 to 99."));
  if (irsn != NULL && vita_tin_classify (irsn) != VITA_TIN_KIND_IRSN)
    _vita_w7_add (c, VITA_FID_W7_PREV_IRSN, TRUE, _("Line 6f: this is not a valid IRS number (IRSN)."));

  require (c, _("Line 6f: enter the name the number was issued under."),
           VITA_FID_W7_PREV_FIRST, VITA_FID_W7_PREV_LAST, NULL);
}

static void
check_name (Check *c)
{
  static const char *pairs[][2] = {
    { VITA_FID_W7_NAME_FIRST, "first_name" },
    { VITA_FID_W7_NAME_MIDDLE, "middle_name" },
    { VITA_FID_W7_NAME_LAST, "last_name" },
  };

  require (c, _("Line 1a: enter the applicant's name as it is on the documents."),
           VITA_FID_W7_NAME_FIRST, VITA_FID_W7_NAME_LAST, NULL);

  /* The IRS suspends a W-7 whose name differs from the return's.  Only
   * compared once both forms have a name. */
  if (_vita_w7_get (c, VITA_FID_W7_NAME_FIRST) == NULL || _vita_w7_get (c, VITA_FID_FIRST_NAME) == NULL ||
      _vita_w7_get (c, VITA_FID_LAST_NAME) == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *on_w7 = _vita_w7_get (c, pairs[i][0]);
      const char *on_return = _vita_w7_get (c, pairs[i][1]);

      if (!same_text (on_w7, on_return))
        {
          _vita_w7_add (c, pairs[i][0], TRUE,
                        _("Line 1a must be exactly the name on the tax return. Compare it with the person's "
                          "name page."));
          break;
        }
    }
}

static void
check_addresses (Check *c)
{
  require (c, _("Line 2: enter the mailing address, where the IRS will send the ITIN letter and "
                "the original documents."),
           VITA_FID_W7_MAIL_STREET, VITA_FID_W7_MAIL_CITY, VITA_FID_W7_MAIL_COUNTRY, NULL);

  if (_vita_w7_has_reason (c, 'b'))
    require (c, _("Box b needs a complete foreign address on line 3: street, city and country."),
             VITA_FID_W7_FOREIGN_STREET, VITA_FID_W7_FOREIGN_CITY, VITA_FID_W7_FOREIGN_COUNTRY, NULL);
  else
    require (c, _("Line 3: enter the foreign address, or at least the country where the person "
                  "last lived."),
             VITA_FID_W7_FOREIGN_COUNTRY, NULL);

  if (looks_like_po_box_or_care_of (_vita_w7_get (c, VITA_FID_W7_FOREIGN_STREET)))
    _vita_w7_add (c, VITA_FID_W7_FOREIGN_STREET, TRUE,
                  _("Line 3 must be where the person lives abroad: not a P.O. box and not \"in care of\" "
                    "someone."));
}

static void
check_birth (Check *c)
{
  const char *w7_dob = _vita_w7_get (c, VITA_FID_W7_DOB);
  const char *dob = _vita_w7_get (c, VITA_FID_DOB);
  GDate born;

  if (w7_dob == NULL)
    _vita_w7_add (c, VITA_FID_W7_DOB, TRUE, _("Line 4: enter the date of birth."));
  else if (dob != NULL && !g_str_equal (w7_dob, dob))
    _vita_w7_add (c, VITA_FID_W7_DOB, TRUE,
                  _("Line 4: the date of birth is not the same as on the tax return. Check both against the "
                    "documents."));

  if (_vita_w7_parse_date (w7_dob != NULL ? w7_dob : dob, &born))
    {
      if (g_date_compare (&born, &c->today) > 0)
        _vita_w7_add (c, w7_dob != NULL ? VITA_FID_W7_DOB : "dob", TRUE,
                      _("The date of birth is in the future."));
      else
        c->age = age_on (&born, &c->today);
    }

  require (c, _("Line 4: enter the country of birth."), VITA_FID_W7_BIRTH_COUNTRY, NULL);

  if (_vita_w7_get (c, VITA_FID_W7_GENDER) == NULL)
    _vita_w7_add (c, VITA_FID_W7_GENDER, FALSE, _("Line 5: check the gender box."));
}

static void
check_entry_date (Check *c)
{
  const char *entry = _vita_w7_get (c, VITA_FID_W7_ENTRY_DATE);
  gboolean never = _vita_w7_is_yes (c, VITA_FID_W7_NEVER_ENTERED);
  gboolean needs_entry = _vita_w7_has_reason (c, 'c') || _vita_w7_has_reason (c, 'd') || _vita_w7_has_reason (c, 'g');
  GDate date, born;

  if (entry != NULL && never)
    _vita_w7_add (c, VITA_FID_W7_NEVER_ENTERED, TRUE,
                  _("Line 6d has both a date of entry and \"never entered the United States\". Keep only "
                    "the right one."));
  else if (needs_entry && never)
    _vita_w7_add (c, VITA_FID_W7_NEVER_ENTERED, TRUE,
                  _("Boxes c, d and g are only for people who have entered the United States: enter the "
                    "date of entry on line 6d."));
  else if (needs_entry && entry == NULL)
    _vita_w7_add (c, VITA_FID_W7_ENTRY_DATE, TRUE,
                  _("Boxes c, d and g need the date of entry into the United States on line 6d. Leaving it "
                    "out is a common reason the IRS sends a W-7 back."));
  else if (entry == NULL && !never)
    _vita_w7_add (c, VITA_FID_W7_ENTRY_DATE, FALSE,
                  _("Line 6d: enter the date of entry into the United States, or mark that the person never "
                    "entered."));

  /* Instructions for Form W-7, line 6d: "Enter the date [you entered the
   * United States] in month/day/year format".  A stored answer that is not
   * a date (an old import, a damaged value) must not pass as filled in. */
  if (entry != NULL && !_vita_w7_parse_date (entry, &date))
    {
      _vita_w7_add (c, VITA_FID_W7_ENTRY_DATE, TRUE,
                    _("Line 6d: the date of entry is not a date. Enter it as month/day/year."));
      return;
    }
  if (!_vita_w7_parse_date (entry, &date))
    return;
  if (g_date_compare (&date, &c->today) > 0)
    _vita_w7_add (c, VITA_FID_W7_ENTRY_DATE, TRUE, _("The date of entry is in the future."));
  else if (_vita_w7_parse_date (_vita_w7_get (c, VITA_FID_W7_DOB) ? _vita_w7_get (c, VITA_FID_W7_DOB) : _vita_w7_get (c, VITA_FID_DOB), &born) &&
           g_date_compare (&date, &born) < 0)
    _vita_w7_add (c, VITA_FID_W7_ENTRY_DATE, TRUE, _("The date of entry is before the date of birth."));
}

static void
check_us_person (Check *c)
{
  const char *tin = _vita_w7_get (c, VITA_FID_W7_US_PERSON_TIN);
  VitaTinKind kind = VITA_TIN_KIND_UNKNOWN;

  if (!_vita_w7_has_reason (c, 'd') && !_vita_w7_has_reason (c, 'e'))
    return;

  if (_vita_w7_has_reason (c, 'd'))
    require (c,
             _("Box d: enter how the applicant is related to the U.S. citizen or resident alien."),
             VITA_FID_W7_D_RELATIONSHIP, NULL);

  require (c, _("Boxes d and e: enter the full name of the U.S. citizen or resident alien."),
           VITA_FID_W7_US_PERSON_NAME, NULL);
  /* Form W-7, boxes d and e: "enter name and SSN/ITIN of U.S.
   * citizen/resident alien" -- the full name as on that person's return;
   * a single letter (an initial) cannot be matched to it. */
  if (_vita_w7_get (c, VITA_FID_W7_US_PERSON_NAME) != NULL)
    {
      guint letters = 0;

      for (const char *p = _vita_w7_get (c, VITA_FID_W7_US_PERSON_NAME); *p; p = g_utf8_next_char (p))
        letters += g_unichar_isalpha (g_utf8_get_char (p)) ? 1 : 0;
      if (letters < 2)
        _vita_w7_add (c, VITA_FID_W7_US_PERSON_NAME, TRUE,
                      _("Boxes d and e: enter the full name of the U.S. citizen or resident alien, not "
                        "an initial."));
    }

  if (tin == NULL)
    _vita_w7_add (c, VITA_FID_W7_US_PERSON_TIN, TRUE,
                  _("Boxes d and e: enter the SSN or ITIN of the U.S. citizen or resident alien."));
  else if (!vita_validate_tin (tin, &kind, NULL, NULL) ||
           (kind != VITA_TIN_KIND_SSN && kind != VITA_TIN_KIND_ITIN))
    _vita_w7_add (c, VITA_FID_W7_US_PERSON_TIN, TRUE,
                  _("The U.S. citizen's or resident alien's number must be a valid SSN or ITIN."));
}

static void
check_treaty (Check *c)
{
  const char *country = _vita_w7_get (c, VITA_FID_W7_TREATY_COUNTRY);
  const char *home = _vita_w7_get (c, VITA_FID_W7_FOREIGN_COUNTRY);

  if (_vita_w7_has_reason (c, 'a') || (_vita_w7_has_reason (c, 'f') && _vita_w7_is_yes (c, VITA_FID_W7_TREATY_CLAIM)))
    require (c, _("Enter the treaty country and the treaty article number for the treaty benefit."),
             VITA_FID_W7_TREATY_COUNTRY, VITA_FID_W7_TREATY_ARTICLE, NULL);

  if (country != NULL && home != NULL && !same_text (country, home))
    _vita_w7_add (c, VITA_FID_W7_TREATY_COUNTRY, FALSE,
                  _("The treaty country is usually the same as the country of the foreign address on line "
                    "3. Check both."));
}

static void
check_student (Check *c)
{
  gboolean visa_exempt;

  if (!_vita_w7_has_reason (c, 'f'))
    return;

  require (c, _("Box f: enter the country of citizenship on line 6a."), VITA_FID_W7_CITIZENSHIP, NULL);

  /* Instructions for Form W-7 (Rev. 12-2024), "Reason box f": the
   * applicant shows a passport with a valid U.S. visa, except a citizen and
   * resident of Canada or Mexico (line 6a and line 3 both), who enters the
   * United States without a visa; line 6c then stays blank. */
  visa_exempt = _vita_w7_names_canada_or_mexico (_vita_w7_get (c, VITA_FID_W7_CITIZENSHIP))
                && _vita_w7_names_canada_or_mexico (_vita_w7_get (c, VITA_FID_W7_FOREIGN_COUNTRY))
                && _vita_w7_get (c, VITA_FID_W7_VISA_TYPE) == NULL;

  if (!visa_exempt)
    {
      require (c, _("Box f: enter the U.S. visa type and number on line 6c."),
               VITA_FID_W7_VISA_TYPE, VITA_FID_W7_VISA_NUMBER, NULL);
      if (_vita_w7_get (c, VITA_FID_W7_VISA_EXPIRY) == NULL && !_vita_w7_is_yes (c, VITA_FID_W7_VISA_DURATION_OF_STATUS))
        _vita_w7_add (c, VITA_FID_W7_VISA_EXPIRY, TRUE,
                      _("Box f: enter the visa expiration date on line 6c, or mark it as duration of "
                        "status (D/S)."));
    }
  require (c, _("Box f: enter the college, university or company, its city and state, and the "
                "length of stay on line 6g."),
           VITA_FID_W7_COLLEGE_NAME, VITA_FID_W7_COLLEGE_CITY_STATE, VITA_FID_W7_COLLEGE_LENGTH_OF_STAY, NULL);
}

static void
check_id_line (Check *c)
{
  const char *type = _vita_w7_get (c, VITA_FID_W7_ID_DOC_TYPE);

  if (type == NULL)
    _vita_w7_add (c, VITA_FID_W7_ID_DOC_TYPE, TRUE,
                  _("Line 6d: choose the identification document that goes on the W-7."));
  else if (g_str_equal (type, "passport") && !_vita_w7_is_yes (c, VITA_FID_DOC_PASSPORT))
    _vita_w7_add (c, VITA_FID_W7_ID_DOC_TYPE, FALSE,
                  _("Line 6d names a passport, but no passport is in the document list."));

  if (_vita_w7_has_reason (c, 'g') && !_vita_w7_is_yes (c, VITA_FID_DOC_US_VISA))
    _vita_w7_add (c, VITA_FID_DOC_US_VISA, TRUE,
                  _("Box g needs a copy of the U.S. visa. Add the visa to the documents."));
}

static void
check_signature (Check *c)
{
  const char *signer = _vita_w7_get (c, VITA_FID_W7_SIGNER);
  const char *relationship = _vita_w7_get (c, VITA_FID_W7_DELEGATE_RELATIONSHIP);

  if (signer == NULL)
    {
      _vita_w7_add (c, VITA_FID_W7_SIGNER, FALSE, _("Choose who will sign the W-7."));
      return;
    }
  if (!g_str_equal (signer, "delegate"))
    return;

  require (c, _("Enter the delegate's name and relationship to the applicant."),
           VITA_FID_W7_DELEGATE_NAME, VITA_FID_W7_DELEGATE_RELATIONSHIP, NULL);

  if (g_strcmp0 (relationship, "parent") == 0 && c->age >= 18)
    _vita_w7_add (c, VITA_FID_W7_DELEGATE_RELATIONSHIP, TRUE,
                  _("For an applicant 18 or older a parent can sign only with a Form 2848 power of "
                    "attorney. Choose Power of Attorney and attach Form 2848."));
  else if (g_strcmp0 (relationship, "poa") == 0)
    _vita_w7_add (c, VITA_FID_W7_DELEGATE_RELATIONSHIP, FALSE,
                  _("Attach the Form 2848 power of attorney, in English or with a certified English "
                    "translation."));
  else if (g_strcmp0 (relationship, "guardian") == 0)
    _vita_w7_add (c, VITA_FID_W7_DELEGATE_RELATIONSHIP, FALSE,
                  _("Attach the court papers that appoint the guardian."));
}

static void
add_filing_reminder (Check *c)
{
  if (c->reasons == 0)
    return;

  if (_vita_w7_has_reason (c, 'h'))
    _vita_w7_add (c, VITA_FID_W7_REASONS, FALSE,
                  _("If an exception to filing a return applies, send the documents that prove the "
                    "exception instead of a return. Otherwise print the tax return, attach the W-7 to it "
                    "and mail them together: a return with a W-7 can't be e-filed."));
  else
    _vita_w7_add (c, VITA_FID_W7_REASONS, FALSE,
                  _("Print the tax return, attach the W-7 to it and mail them together to the IRS: a return "
                    "with a W-7 can't be e-filed."));
}

/**
 * vita_w7_problem_free:
 */
void
vita_w7_problem_free (VitaW7Problem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->message);
  g_free (problem);
}

/**
 * vita_w7_reasons_valid:
 * @reasons: (nullable): the canonical w7.reasons value, such as "a,h"
 *
 * Returns: %TRUE for one box alone (but not a alone), a with h, or f
 *   with h
 */
gboolean
vita_w7_reasons_valid (const char *reasons)
{
  return reason_mask_valid (parse_reasons (reasons));
}

/**
 * vita_w7_has_blocking:
 * @problems: (element-type VitaW7Problem): from vita_w7_check()
 */
gboolean
vita_w7_has_blocking (GPtrArray *problems)
{
  g_return_val_if_fail (problems != NULL, FALSE);

  for (guint i = 0; i < problems->len; i++)
    {
      const VitaW7Problem *problem = g_ptr_array_index (problems, i);

      if (problem->blocking)
        return TRUE;
    }
  return FALSE;
}

/**
 * vita_w7_check:
 * @hh: a household
 * @person: the slot of the person applying
 * @today: (nullable): the date the W-7 will be sent, for expiry and age;
 *   %NULL for today
 *
 * Returns: (transfer full) (element-type VitaW7Problem): the problems in
 *   the order of the form, empty when the W-7 is complete
 */
GPtrArray *
vita_w7_check (VitaHousehold *hh,
               int            person,
               const GDate   *today)
{
  Check c = { 0 };

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (hh), NULL);
  g_return_val_if_fail (person >= VITA_PERSON_TAXPAYER, NULL);
  g_return_val_if_fail (today == NULL || g_date_valid (today), NULL);

  c.hh = hh;
  c.person = person;
  c.problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vita_w7_problem_free);
  c.age = -1;
  g_date_clear (&c.today, 1);
  if (today != NULL)
    c.today = *today;
  else
    vita_clock_get_today (&c.today);
  c.reasons = parse_reasons (_vita_w7_get (&c, VITA_FID_W7_REASONS));
  c.unknown_reason = reasons_have_unknown (_vita_w7_get (&c, VITA_FID_W7_REASONS));
  c.dependent = person >= VITA_PERSON_FIRST_DEPENDENT || _vita_w7_has_reason (&c, 'd');
  c.student = is_student (&c);

  check_application_type (&c);
  check_reasons (&c);
  check_treaty (&c);
  check_us_person (&c);
  check_name (&c);
  check_addresses (&c);
  check_birth (&c);
  check_student (&c);
  check_id_line (&c);
  check_entry_date (&c);
  check_previous_numbers (&c);
  check_signature (&c);
  _vita_w7_check_documents (&c);
  add_filing_reminder (&c);

  return c.problems;
}

/**
 * vita_w7_prefill:
 * @person: the applicant's slot
 *
 * Copies the name and date of birth from the person's own answers (the
 * People page) into line 1a and line 4 of a W-7 that has none of them yet,
 * so the volunteer does not type them twice.  They stay editable: a W-7
 * must carry the name exactly as on the documents, and check_name() and
 * check_birth() flag any difference from the return.  A W-7 with any of
 * them already given is left alone, so a middle name removed on purpose
 * does not come back.
 *
 * Returns: whether anything was copied
 */
gboolean
vita_w7_prefill (VitaHousehold *hh,
                 int            person)
{
  static const char *pairs[][2] = {
    { VITA_FID_W7_NAME_FIRST, VITA_FID_FIRST_NAME },
    { VITA_FID_W7_NAME_MIDDLE, VITA_FID_MIDDLE_NAME },
    { VITA_FID_W7_NAME_LAST, VITA_FID_LAST_NAME },
    { VITA_FID_W7_DOB, VITA_FID_DOB },
  };
  gboolean copied = FALSE;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (hh), FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    if (vita_household_get (hh, person, pairs[i][0]) != NULL)
      return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *value = vita_household_get (hh, person, pairs[i][1]);

      if (value != NULL)
        {
          vita_household_set (hh, person, pairs[i][0], value);
          copied = TRUE;
        }
    }
  return copied;
}
