/* vita-w7-documents.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-w7.c: the supporting documents of a W-7 (the
 * instructions' "Supporting Documentation Requirements"): which of the 13
 * kinds prove identity and foreign status, originals or certified copies,
 * expiry, and what a dependent or an applicant without a passport needs.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vita-field.h"
#include "vita-field-ids.h"
#include "vita-validate.h"
#include "vita-w7.h"
#include "vita-w7-private.h"

typedef enum
{
  FOREIGN_STATUS_NEVER,
  FOREIGN_STATUS_ALWAYS,
  FOREIGN_STATUS_IF_ABROAD, /* birth, medical and school records */
} ForeignStatus;

/* The 13 documents of the W-7 instructions, with what each proves. */
typedef struct
{
  const char    *kind;
  ForeignStatus  foreign_status;
  gboolean       has_photo;
  gboolean       must_be_current; /* passports and national ID cards */
} DocKind;

static const DocKind doc_kinds[] = {
  { "passport", FOREIGN_STATUS_ALWAYS, TRUE, TRUE },
  { "uscis_photo_id", FOREIGN_STATUS_ALWAYS, TRUE, FALSE },
  { "us_visa", FOREIGN_STATUS_ALWAYS, TRUE, FALSE },
  { "us_drivers_license", FOREIGN_STATUS_NEVER, TRUE, FALSE },
  { "us_military_id", FOREIGN_STATUS_NEVER, TRUE, FALSE },
  { "foreign_drivers_license", FOREIGN_STATUS_NEVER, TRUE, FALSE },
  { "foreign_military_id", FOREIGN_STATUS_ALWAYS, TRUE, FALSE },
  { "national_id", FOREIGN_STATUS_ALWAYS, TRUE, TRUE },
  { "us_state_id", FOREIGN_STATUS_NEVER, TRUE, FALSE },
  { "foreign_voter_card", FOREIGN_STATUS_ALWAYS, TRUE, FALSE },
  { "birth_certificate", FOREIGN_STATUS_IF_ABROAD, FALSE, FALSE },
  { "medical_records", FOREIGN_STATUS_IF_ABROAD, FALSE, FALSE },
  { "school_records", FOREIGN_STATUS_IF_ABROAD, FALSE, FALSE },
};

static const char *
doc_label (const DocKind *kind)
{
  g_autofree char *id = g_strconcat ("doc.", kind->kind, NULL);

  return _(vita_field_lookup (id)->label);
}

static const char *
doc_value (Check         *c,
           const DocKind *kind,
           const char    *detail)
{
  g_autofree char *id = g_strconcat ("doc.", kind->kind, ".", detail, NULL);

  return _vita_w7_get (c, id);
}

static gboolean
doc_present (Check         *c,
             const DocKind *kind)
{
  g_autofree char *id = g_strconcat ("doc.", kind->kind, NULL);

  return _vita_w7_is_yes (c, id);
}

static const DocKind *
find_kind (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (doc_kinds); i++)
    {
      if (g_str_equal (doc_kinds[i].kind, name))
        return &doc_kinds[i];
    }
  g_assert_not_reached ();
}

/* Notarized copies are the exception: box a with h, or a service
 * member's spouse or dependent (boxes d and e). */
static gboolean
notarized_allowed (Check *c)
{
  if (_vita_w7_has_reason (c, 'a') && _vita_w7_has_reason (c, 'h'))
    return TRUE;
  return (_vita_w7_has_reason (c, 'd') || _vita_w7_has_reason (c, 'e')) && _vita_w7_is_yes (c, VITA_FID_W7_MILITARY_FAMILY);
}

static void
check_document_copy (Check         *c,
                     const DocKind *kind)
{
  g_autofree char *copy_id = g_strconcat ("doc.", kind->kind, ".copy", NULL);
  g_autofree char *verify_id = g_strconcat ("doc.", kind->kind, ".verified_by", NULL);
  const char *copy = _vita_w7_get (c, copy_id);
  const char *verified = doc_value (c, kind, "verified_by");

  if (verified == NULL)
    verified = _vita_w7_get (c, VITA_FID_W7_DOC_VERIFICATION);

  if (copy == NULL)
    _vita_w7_add_take (c, copy_id, TRUE,
                       /* Translators: %s is a document name such as "Passport". */
                       g_strdup_printf (_("%s: say whether it is the original or a certified copy."),
                                        doc_label (kind)));
  else if (g_str_equal (copy, "notarized_copy") && !notarized_allowed (c))
    _vita_w7_add_take (c, copy_id, TRUE,
                       /* Translators: %s is a document name such as "Passport". */
                       g_strdup_printf (_("%s: a notarized copy is accepted only for box a with h, or for "
                                          "the spouse or dependent of a U.S. service member. Use the "
                                          "original or a copy certified by the agency that issued it."),
                                        doc_label (kind)));

  if (verified == NULL)
    _vita_w7_add_take (c, verify_id, TRUE,
                       /* Translators: %s is a document name such as "Passport". */
                       g_strdup_printf (_("%s: say who verified it."), doc_label (kind)));
  else if (g_str_equal (verified, "caa") &&
           !g_str_equal (kind->kind, "passport") && !g_str_equal (kind->kind, "birth_certificate"))
    _vita_w7_add_take (c, verify_id, TRUE,
                       /* Translators: %s is a document name such as "Passport". */
                       g_strdup_printf (_("%s: a Certifying Acceptance Agent can certify only passports and "
                                          "civil birth certificates. Send this document to the IRS as the "
                                          "original or a copy certified by the agency that issued it."),
                                        doc_label (kind)));
}

static void
check_document_dates (Check         *c,
                      const DocKind *kind)
{
  g_autofree char *expiry_id = g_strconcat ("doc.", kind->kind, ".expiry", NULL);
  g_autofree char *foreign_id = g_strconcat ("doc.", kind->kind, ".foreign", NULL);
  /* Birth, medical and school records have no expiration date. */
  const char *expiry = kind->foreign_status == FOREIGN_STATUS_IF_ABROAD ? NULL : _vita_w7_get (c, expiry_id);
  GDate date;

  if (kind->must_be_current && expiry == NULL)
    _vita_w7_add_take (c, expiry_id, TRUE,
                       /* Translators: %s is a document name such as "Passport". */
                       g_strdup_printf (_("%s: enter the expiration date."), doc_label (kind)));
  else if (kind->must_be_current && _vita_w7_parse_date (expiry, &date) &&
           g_date_compare (&date, &c->today) < 0)
    _vita_w7_add_take (c, expiry_id, TRUE,
                       /* Translators: %s is a document name such as "Passport". */
                       g_strdup_printf (_("%s has expired. The IRS accepts it only if it has not expired on "
                                          "the day the W-7 is sent."),
                                        doc_label (kind)));

  if (kind->foreign_status == FOREIGN_STATUS_IF_ABROAD && _vita_w7_get (c, foreign_id) == NULL)
    _vita_w7_add_take (c, foreign_id, TRUE,
                       /* Translators: %s is a document name such as "Passport". */
                       g_strdup_printf (_("%s: say whether it was issued in the United States or in another "
                                          "country."),
                                        doc_label (kind)));
}

static void
check_document_age (Check         *c,
                    const DocKind *kind)
{
  g_autofree char *id = g_strconcat ("doc.", kind->kind, NULL);

  if (g_str_equal (kind->kind, "medical_records") && (!c->dependent || (c->age >= 6)))
    _vita_w7_add (c, id, TRUE, _("Medical records are accepted only for dependents under 6."));
  else if (g_str_equal (kind->kind, "school_records") &&
           (!c->dependent || (c->age >= 18 && !(c->student && c->age < 24))))
    _vita_w7_add (c, id, TRUE,
                  _("School records are accepted only for dependents under 18, or under 24 if a full-time "
                    "student."));
}

static gboolean
us_record (Check      *c,
           const char *kind)
{
  g_autofree char *id = g_strconcat ("doc.", kind, NULL);
  g_autofree char *foreign_id = g_strconcat ("doc.", kind, ".foreign", NULL);

  return _vita_w7_is_yes (c, id) && g_strcmp0 (_vita_w7_get (c, foreign_id), "no") == 0;
}

/* Since October 2016 a dependent's passport stands alone only with a U.S.
 * date of entry in it; otherwise it needs a U.S. residency document. */
static void
check_dependent_passport (Check *c)
{
  gboolean ok;

  if (!c->dependent || _vita_w7_is_yes (c, VITA_FID_DOC_PASSPORT_ENTRY_STAMP))
    return;
  if (_vita_w7_names_canada_or_mexico (_vita_w7_get (c, VITA_FID_W7_CITIZENSHIP)) ||
      _vita_w7_names_canada_or_mexico (_vita_w7_get (c, VITA_FID_DOC_PASSPORT_ISSUER)) ||
      _vita_w7_is_yes (c, VITA_FID_W7_MILITARY_OVERSEAS))
    return;

  if (c->age < 0)
    ok = FALSE;
  else if (c->age < 6)
    ok = us_record (c, "medical_records") || us_record (c, "school_records");
  else if (c->age < 18)
    ok = us_record (c, "school_records");
  else
    ok = _vita_w7_is_yes (c, VITA_FID_DOC_US_RESIDENCY);

  if (!ok)
    _vita_w7_add (c, VITA_FID_DOC_PASSPORT_ENTRY_STAMP, TRUE,
                  _("A dependent's passport without a U.S. date of entry also needs proof of U.S. "
                    "residency: U.S. medical records under age 6, U.S. school records under 18, or from 18 "
                    "on a rental statement, bank statement or utility bill with the dependent's name and "
                    "U.S. address."));
}

static void
check_without_passport (Check *c,
                        guint  n_docs)
{
  gboolean foreign = FALSE, photo = FALSE, photo_needed;

  for (guint i = 0; i < G_N_ELEMENTS (doc_kinds); i++)
    {
      const DocKind *kind = &doc_kinds[i];

      if (!doc_present (c, kind))
        continue;
      photo |= kind->has_photo;
      foreign |= kind->foreign_status == FOREIGN_STATUS_ALWAYS ||
                 (kind->foreign_status == FOREIGN_STATUS_IF_ABROAD &&
                  g_strcmp0 (doc_value (c, kind, "foreign"), "yes") == 0);
    }

  if (n_docs < 2)
    _vita_w7_add (c, VITA_FID_DOC_PASSPORT, TRUE,
                  _("Without a passport the IRS needs at least two documents from the list."));
  if (!foreign)
    _vita_w7_add (c, VITA_FID_DOC_NATIONAL_ID, TRUE,
                  _("One document must prove foreign status, for example a national ID card, a foreign "
                    "voter's card, a U.S. visa or a birth certificate from another country."));

  /* Young dependents rarely have a photo ID. */
  photo_needed = !(c->dependent && c->age >= 0 &&
                   (c->age < 14 || (c->student && c->age < 18)));
  if (photo_needed && !photo)
    _vita_w7_add (c, VITA_FID_DOC_NATIONAL_ID, TRUE,
                  _("One document must have a photo of the applicant (not needed for dependents under 14, "
                    "or under 18 if a student)."));

  if (c->age >= 0 && c->age < 18 && !_vita_w7_is_yes (c, VITA_FID_DOC_BIRTH_CERTIFICATE))
    _vita_w7_add (c, VITA_FID_DOC_BIRTH_CERTIFICATE, TRUE,
                  _("A child under 18 without a passport needs a civil birth certificate."));
}

void
_vita_w7_check_documents (Check *c)
{
  guint n_docs = 0;

  for (guint i = 0; i < G_N_ELEMENTS (doc_kinds); i++)
    {
      const DocKind *kind = &doc_kinds[i];

      if (!doc_present (c, kind))
        continue;
      n_docs++;
      check_document_copy (c, kind);
      check_document_dates (c, kind);
      check_document_age (c, kind);
    }

  if (n_docs == 0)
    _vita_w7_add (c, VITA_FID_DOC_PASSPORT, TRUE,
                  _("Add the supporting documents: a passport, or two other documents from the list."));
  else if (doc_present (c, find_kind ("passport")))
    check_dependent_passport (c);
  else
    check_without_passport (c, n_docs);
}
