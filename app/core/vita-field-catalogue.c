/* vita-field-catalogue.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The field catalogue: every question of Form 13614-C (Rev. 10-2025) pages
 * 1-5, the per-person identity fields, every line of Form W-7 (Rev.
 * 12-2024) and the W-7 supporting-document checklist.  The GUI builds its
 * pages from this table, the store and the export read the classification
 * from it, and the interview rules (vita-w7.c, vita-certification.c) use
 * its ids.  Field ids are stored on disk: never rename one.
 *
 * Wording: the form prints the tax year ("in 2025"); the labels say "last
 * year" (as Rev. 10-2023 did) so one catalogue serves every season. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-private.h"

/* Choice lists.  Ids are stored; labels are shown. */

static const VitaChoice suffix_choices[] = {
  { "jr", N_("Jr.") },
  { "sr", N_("Sr.") },
  { "ii", N_("II") },
  { "iii", N_("III") },
  { "iv", N_("IV") },
  { "v", N_("V") },
  { NULL, NULL }
};

/* Used for the dependents table and for W-7 reason d, which asks the same
 * question about the U.S. citizen or resident the applicant depends on. */
static const VitaChoice relationship_choices[] = {
  { "child", N_("Son or daughter") },
  { "stepchild", N_("Stepchild") },
  { "foster_child", N_("Foster child") },
  { "grandchild", N_("Grandchild") },
  { "sibling", N_("Brother or sister") },
  { "half_sibling", N_("Half brother or half sister") },
  { "step_sibling", N_("Stepbrother or stepsister") },
  { "niece_nephew", N_("Niece or nephew") },
  { "parent", N_("Parent") },
  { "grandparent", N_("Grandparent") },
  { "aunt_uncle", N_("Aunt or uncle") },
  { "in_law", N_("In-law") },
  { "other_relative", N_("Other relative") },
  { "none", N_("None (not related)") },
  { NULL, NULL }
};

static const VitaChoice tin_type_choices[] = {
  { "ssn", N_("Social Security number (SSN)") },
  { "itin", N_("Individual taxpayer identification number (ITIN)") },
  { "atin", N_("Adoption taxpayer identification number (ATIN)") },
  { "needs_itin", N_("Needs a new ITIN") },
  { "renew_itin", N_("Has an ITIN that must be renewed") },
  { "none", N_("None") },
  { NULL, NULL }
};

static const VitaChoice refund_choices[] = {
  { "direct_deposit", N_("Direct deposit") },
  { "check", N_("Check by mail") },
  { "split", N_("Split refund between accounts") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const VitaChoice balance_due_choices[] = {
  { "bank_account", N_("Bank account") },
  { "direct_pay", N_("IRS.gov Direct Pay") },
  { "installment", N_("Set up installment agreement") },
  { "mail", N_("Mail payment to IRS") },
  { NULL, NULL }
};

/* Schedule LEP languages, by their BCP-47 tag; the e-file LEP code is
 * derived from the tag where the return is prepared. */
static const VitaChoice lep_language_choices[] = {
  { "es", N_("Spanish") },
  { "ko", N_("Korean") },
  { "vi", N_("Vietnamese") },
  { "ru", N_("Russian") },
  { "ar", N_("Arabic") },
  { "ht", N_("Haitian Creole") },
  { "tl", N_("Tagalog") },
  { "pt", N_("Portuguese") },
  { "pl", N_("Polish") },
  { "fa", N_("Farsi") },
  { "fr", N_("French") },
  { "ja", N_("Japanese") },
  { "gu", N_("Gujarati") },
  { "pa", N_("Punjabi") },
  { "km", N_("Khmer") },
  { "ur", N_("Urdu") },
  { "bn", N_("Bengali") },
  { "it", N_("Italian") },
  { "zh-Hant", N_("Chinese (Traditional)") },
  { "zh-Hans", N_("Chinese (Simplified)") },
  { NULL, NULL }
};

static const VitaChoice marital_choices[] = {
  { "never_married", N_("Never Married") },
  { "married", N_("Married") },
  { "divorced", N_("Divorced") },
  { "separated", N_("Legally Separated but not Divorced") },
  { "widowed", N_("Widowed") },
  { NULL, NULL }
};

static const VitaChoice single_married_choices[] = {
  { "single", N_("Single (S)") },
  { "married", N_("Married (M)") },
  { NULL, NULL }
};

static const VitaChoice english_choices[] = {
  { "very_well", N_("Very well") },
  { "well", N_("Well") },
  { "not_well", N_("Not well") },
  { "not_at_all", N_("Not at all") },
  { "prefer_not", N_("Prefer not to answer") },
  { NULL, NULL }
};

static const VitaChoice yes_no_prefer_choices[] = {
  { "yes", N_("Yes") },
  { "no", N_("No") },
  { "prefer_not", N_("Prefer not to answer") },
  { NULL, NULL }
};

/* OMB SPD-15 (2024) combined question, as printed on page 4.  There is no
 * "prefer not to answer" box: leaving it empty is the opt-out. */
static const VitaChoice race_choices[] = {
  { "american_indian", N_("American Indian or Alaska Native") },
  { "asian", N_("Asian") },
  { "black", N_("Black or African American") },
  { "hispanic", N_("Hispanic or Latino") },
  { "mena", N_("Middle Eastern or North African") },
  { "nhpi", N_("Native Hawaiian or Pacific Islander") },
  { "white", N_("White") },
  { NULL, NULL }
};

static const VitaChoice ira_kind_choices[] = {
  { "roth", N_("Roth IRA") },
  { "401k", N_("401(k)") },
  { "traditional", N_("Traditional IRA") },
  { "other", N_("Other retirement plan") },
  { NULL, NULL }
};

static const VitaChoice w7_application_choices[] = {
  { "new", N_("Apply for a new ITIN") },
  { "renew", N_("Renew an existing ITIN") },
  { NULL, NULL }
};

static const VitaChoice w7_reason_choices[] = {
  { "a", N_("a Nonresident alien required to get an ITIN to claim tax treaty benefit") },
  { "b", N_("b Nonresident alien filing a U.S. federal tax return") },
  { "c", N_("c U.S. resident alien (based on days present in the United States) filing a U.S. "
            "federal tax return") },
  { "d", N_("d Dependent of U.S. citizen/resident alien") },
  { "e", N_("e Spouse of U.S. citizen/resident alien") },
  { "f", N_("f Nonresident alien student, professor, or researcher filing a U.S. federal tax "
            "return or claiming an exception") },
  { "g", N_("g Dependent/spouse of a nonresident alien holding a U.S. visa") },
  { "h", N_("h Other (see instructions)") },
  { NULL, NULL }
};

/* Rev. 12-2024 line 5 is documented as Male/Female; whether it added
 * "Other" is unverified (domain-rules.md section 7), so only these two. */
static const VitaChoice w7_gender_choices[] = {
  { "male", N_("Male") },
  { "female", N_("Female") },
  { NULL, NULL }
};

static const VitaChoice w7_id_doc_choices[] = {
  { "passport", N_("Passport") },
  { "drivers_license", N_("Driver's license/State I.D.") },
  { "uscis", N_("USCIS documentation") },
  { "other", N_("Other") },
  { NULL, NULL }
};

static const VitaChoice w7_signer_choices[] = {
  { "applicant", N_("The applicant") },
  { "delegate", N_("A delegate") },
  { NULL, NULL }
};

static const VitaChoice w7_delegate_choices[] = {
  { "parent", N_("Parent") },
  { "guardian", N_("Court-appointed guardian") },
  { "poa", N_("Power of Attorney") },
  { NULL, NULL }
};

/* The TAC route is not on the W-7 but is how many applicants without a
 * CAA nearby get documents verified, so it is offered too. */
static const VitaChoice doc_verify_choices[] = {
  { "caa", N_("Certified by a Certifying Acceptance Agent (CAA)") },
  { "mailed", N_("Original or certified copy mailed to the IRS") },
  { "tac", N_("Shown at an IRS Taxpayer Assistance Center") },
  { NULL, NULL }
};

static const VitaChoice doc_copy_choices[] = {
  { "original", N_("Original") },
  { "certified_copy", N_("Copy certified by the issuing agency") },
  { "notarized_copy", N_("Notarized copy") },
  { NULL, NULL }
};

static const VitaChoice residency_doc_choices[] = {
  { "rental", N_("Rental statement") },
  { "bank", N_("Bank statement") },
  { "utility", N_("Utility bill") },
  { NULL, NULL }
};

/* Taxpayer checkboxes of pages 2-3 ("Check only the boxes that apply to
 * you and/or your spouse"): household-wide yes/no carrying the page's
 * B/A/M code. */
#define CLIENT_ITEM(item_id, item_section, item_label, item_cert) \
  { .id = item_id, .section = item_section, .label = item_label, \
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE, \
    .export_rule = VITA_EXPORT_KEEP, .cert = item_cert }

/* A follow-up question of a taxpayer checkbox. */
#define CLIENT_FOLLOW_UP(item_id, item_section, item_label, item_type, item_gate) \
  { .id = item_id, .section = item_section, .label = item_label, \
    .type = item_type, .klass = VITA_FIELD_CLASS_SAFE, \
    .export_rule = VITA_EXPORT_KEEP, .gate_field = item_gate, .gate_value = "yes", \
    .max_chars = 2 }

/* The shaded "To be completed by certified volunteer" side. */
#define VOLUNTEER_ITEM(item_id, item_section, item_label, item_cert) \
  { .id = item_id, .section = item_section, .label = item_label, \
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE, \
    .export_rule = VITA_EXPORT_KEEP, .cert = item_cert, .volunteer_only = TRUE }

#define VOLUNTEER_YES_NO(item_id, item_section, item_label, item_gate) \
  { .id = item_id, .section = item_section, .label = item_label, \
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE, \
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE, \
    .gate_field = item_gate, .gate_value = "yes" }

#define VOLUNTEER_COUNT(item_id, item_section, item_label, item_gate) \
  { .id = item_id, .section = item_section, .label = item_label, \
    .type = VITA_FIELD_COUNT, .klass = VITA_FIELD_CLASS_SAFE, \
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE, \
    .gate_field = item_gate, .gate_value = "yes", .max_chars = 2 }

/* Exact dollar amounts can single a household out, so they only go out
 * as aggregates. */
#define VOLUNTEER_AMOUNT(item_id, item_section, item_label, item_gate) \
  { .id = item_id, .section = item_section, .label = item_label, \
    .type = VITA_FIELD_AMOUNT, .klass = VITA_FIELD_CLASS_QUASI_ID, \
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .volunteer_only = TRUE, \
    .gate_field = item_gate, .gate_value = "yes" }

#define VOLUNTEER_NOTES(item_id, item_section) \
  { .id = item_id, .section = item_section, .label = N_("Notes/Comments"), \
    .type = VITA_FIELD_NOTES, .klass = VITA_FIELD_CLASS_FREE_TEXT, \
    .export_rule = VITA_EXPORT_DROP, .volunteer_only = TRUE, .max_chars = 2000 }

/* Page 1 volunteer columns of the household table. */
#define DEPENDENT_CHECK(item_id, item_label) \
  { .id = item_id, .section = VITA_SECTION_HOUSEHOLD, .label = item_label, \
    .type = VITA_FIELD_YES_NO_NA, .klass = VITA_FIELD_CLASS_SAFE, \
    .export_rule = VITA_EXPORT_KEEP, .scope = VITA_SCOPE_DEPENDENT, \
    .volunteer_only = TRUE }

/* Anything on a W-7 or in its document checklist tells that the person
 * needs an ITIN, which tin_type already keeps out of the export, so none
 * of these is ever KEEP. */
#define W7_FIELD(item_id, item_label, item_help, item_type, item_class, item_choices, item_max) \
  { .id = item_id, .section = VITA_SECTION_W7, .label = item_label, .help = item_help, \
    .type = item_type, .klass = item_class, .export_rule = VITA_EXPORT_DROP, \
    .scope = VITA_SCOPE_W7, .choices = item_choices, .max_chars = item_max }

#define W7_GATED(item_id, item_label, item_help, item_type, item_class, item_choices, \
                 item_max, item_gate, item_value) \
  { .id = item_id, .section = VITA_SECTION_W7, .label = item_label, .help = item_help, \
    .type = item_type, .klass = item_class, .export_rule = VITA_EXPORT_DROP, \
    .scope = VITA_SCOPE_W7, .choices = item_choices, .max_chars = item_max, \
    .gate_field = item_gate, .gate_value = item_value }

/* One of the 13 documents the IRS accepts, and its details. */
#define DOC_ITEM(kind, doc_label, doc_help) \
  { .id = "doc." kind, .section = VITA_SECTION_DOCUMENTS, .label = doc_label, .help = doc_help, \
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE, \
    .export_rule = VITA_EXPORT_DROP, .scope = VITA_SCOPE_W7 }

#define DOC_DETAIL(kind, suffix, d_label, d_type, d_class, d_choices, d_max) \
  { .id = "doc." kind "." suffix, .section = VITA_SECTION_DOCUMENTS, .label = d_label, \
    .type = d_type, .klass = d_class, .export_rule = VITA_EXPORT_DROP, \
    .scope = VITA_SCOPE_W7, .gate_field = "doc." kind, .gate_value = "yes", \
    .choices = d_choices, .max_chars = d_max }

#define DOC_COMMON(kind) \
  DOC_DETAIL (kind, "issuer", N_("Issued by"), VITA_FIELD_TEXT, \
              VITA_FIELD_CLASS_QUASI_ID, NULL, 60), \
  DOC_DETAIL (kind, "number", N_("Document number"), VITA_FIELD_TEXT, \
              VITA_FIELD_CLASS_DIRECT_ID, NULL, 40), \
  DOC_DETAIL (kind, "copy", N_("Original or certified copy"), VITA_FIELD_CHOICE, \
              VITA_FIELD_CLASS_SENSITIVE, doc_copy_choices, 0), \
  DOC_DETAIL (kind, "verified_by", N_("Who verified it"), VITA_FIELD_CHOICE, \
              VITA_FIELD_CLASS_SENSITIVE, doc_verify_choices, 0)

#define DOC_EXPIRY(kind) \
  DOC_DETAIL (kind, "expiry", N_("Expiration date"), VITA_FIELD_DATE, \
              VITA_FIELD_CLASS_QUASI_ID, NULL, 0)

/* Birth, medical and school records prove foreign status only when they
 * were issued abroad; U.S. ones prove U.S. residency instead. */
#define DOC_ABROAD(kind) \
  DOC_DETAIL (kind, "foreign", N_("Issued outside the United States"), VITA_FIELD_YES_NO, \
              VITA_FIELD_CLASS_SENSITIVE, NULL, 0)

static const VitaField fields[] = {
  /* Identity: asked for every person on the return. */
  { .id = "first_name", .section = VITA_SECTION_IDENTITY, .label = N_("First name"),
    .help = N_("Exactly as on the Social Security card, ITIN letter or passport."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 35 },
  { .id = "middle_name", .section = VITA_SECTION_IDENTITY, .label = N_("Middle name"),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 35 },
  { .id = "last_name", .section = VITA_SECTION_IDENTITY, .label = N_("Last name"),
    .help = N_("All last names, whole, as on the document, with any hyphens and apostrophes."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 35 },
  { .id = "suffix", .section = VITA_SECTION_IDENTITY, .label = N_("Suffix"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .choices = suffix_choices },
  { .id = "native_name", .section = VITA_SECTION_IDENTITY, .label = N_("Name in the person's own script"),
    .help = N_("For example in Arabic, Chinese or Korean writing. It helps match documents; it is "
               "not sent to the IRS."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 100 },
  { .id = "alt_romanization", .section = VITA_SECTION_IDENTITY, .label = N_("Other spelling of the name"),
    .help = N_("Another spelling in Latin letters found on the person's documents."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 100 },
  { .id = "dob", .section = VITA_SECTION_IDENTITY, .label = N_("Date of birth"),
    .type = VITA_FIELD_DATE, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .export_rule = VITA_EXPORT_AGE_BAND, .scope = VITA_SCOPE_EVERY_PERSON },
  { .id = "relationship", .section = VITA_SECTION_IDENTITY,
    .label = N_("Relationship to you (child, parent, none, etc.)"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .scope = VITA_SCOPE_DEPENDENT, .choices = relationship_choices },
  { .id = "tin_type", .section = VITA_SECTION_IDENTITY, .label = N_("Taxpayer identification number"),
    .help = N_("Look at the Social Security card or ITIN letter the person brought."),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .scope = VITA_SCOPE_EVERY_PERSON, .choices = tin_type_choices },
  { .id = "tin", .section = VITA_SECTION_IDENTITY, .label = N_("SSN, ITIN or ATIN"),
    .help = N_("Nine digits. Copy it from the card or letter, not from memory."),
    .type = VITA_FIELD_TIN, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON,
    .gate_field = "tin_type", .gate_value = "ssn,itin,atin,renew_itin" },

  /* Page 1: personal information. */
  /* The return's tax year, asked first: it decides the return and the
   * purge date.  Kept in the households table, not as an answer (see
   * vita_household_get()). */
  { .id = "tax_year", .section = VITA_SECTION_PERSONAL, .label = N_("Tax year of this return"),
    .help = N_("The year the income was earned. Change it for a prior-year or late return."),
    .type = VITA_FIELD_YEAR, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE, .max_chars = 4 },
  { .id = "job_title", .section = VITA_SECTION_PERSONAL, .label = N_("Your job title"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .scope = VITA_SCOPE_PERSON, .max_chars = 60 },
  { .id = "phone", .section = VITA_SECTION_PERSONAL, .label = N_("Your telephone number"),
    .type = VITA_FIELD_PHONE, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_PERSON },
  { .id = "address.street", .section = VITA_SECTION_PERSONAL, .label = N_("Mailing address"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_DIRECT_ID, .max_chars = 80 },
  { .id = "address.apt", .section = VITA_SECTION_PERSONAL, .label = N_("Apt #"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_DIRECT_ID, .max_chars = 10 },
  { .id = "address.city", .section = VITA_SECTION_PERSONAL, .label = N_("City"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_QUASI_ID, .max_chars = 40 },
  { .id = "address.state", .section = VITA_SECTION_PERSONAL, .label = N_("State"),
    .type = VITA_FIELD_STATE, .klass = VITA_FIELD_CLASS_QUASI_ID },
  { .id = "address.zip", .section = VITA_SECTION_PERSONAL, .label = N_("ZIP code"),
    .type = VITA_FIELD_ZIP, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .export_rule = VITA_EXPORT_ZIP3 },
  { .id = "email", .section = VITA_SECTION_PERSONAL, .label = N_("Email address (optional)"),
    .type = VITA_FIELD_EMAIL, .klass = VITA_FIELD_CLASS_DIRECT_ID, .max_chars = 254 },
  { .id = "multi_state", .section = VITA_SECTION_PERSONAL,
    .label = N_("Did you live or work in two or more states last year"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "claimed_by_other", .section = VITA_SECTION_PERSONAL,
    .label = N_("Can anyone else claim you or your spouse on their tax return"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "us_citizen", .section = VITA_SECTION_PERSONAL, .label = N_("A U.S. citizen"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE },
  { .id = "on_visa", .section = VITA_SECTION_PERSONAL, .label = N_("In the U.S. on a visa"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE },
  { .id = "full_time_student", .section = VITA_SECTION_PERSONAL, .label = N_("A full-time student"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "legally_blind", .section = VITA_SECTION_PERSONAL, .label = N_("Legally blind"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "disabled", .section = VITA_SECTION_PERSONAL, .label = N_("Totally and permanently disabled"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "ippin", .section = VITA_SECTION_PERSONAL,
    .label = N_("Issued an identity protection PIN (IPPIN)"),
    .help = N_("Only whether one was issued. Do not write the PIN here."),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "digital_assets", .section = VITA_SECTION_PERSONAL,
    .label = N_("Owners or holders of any digital assets"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "refund_method", .section = VITA_SECTION_PERSONAL,
    .label = N_("If due a refund, how would you like your refund"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .choices = refund_choices },
  { .id = "refund_other_explain", .section = VITA_SECTION_PERSONAL, .label = N_("Other (explain)"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_FREE_TEXT,
    .gate_field = "refund_method", .gate_value = "other", .max_chars = 200 },
  { .id = "balance_due_method", .section = VITA_SECTION_PERSONAL,
    .label = N_("If you have a balance due, how would you like to make your payment"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .choices = balance_due_choices },
  { .id = "irs_language", .section = VITA_SECTION_PERSONAL,
    .label = N_("Would you like to receive written communications from the IRS in a language other "
                "than English"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "irs_language_which", .section = VITA_SECTION_PERSONAL, .label = N_("What language"),
    .help = N_("The languages the IRS offers on Schedule LEP."),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = lep_language_choices,
    .gate_field = "irs_language", .gate_value = "you,spouse,both" },
  { .id = "pecf", .section = VITA_SECTION_PERSONAL,
    .label = N_("Would you, or your spouse if married filing jointly, like $3 to go to the "
                "Presidential Election Campaign Fund"),
    .help = N_("Checking this does not change your tax or your refund."),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },

  /* Page 1: marital status. */
  { .id = "marital_status", .section = VITA_SECTION_MARITAL,
    .label = N_("As of December 31, what was your marital status"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .choices = marital_choices },
  { .id = "married_last_day", .section = VITA_SECTION_MARITAL,
    .label = N_("Were you married on the last day of the year"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP,
    .gate_field = "marital_status", .gate_value = "married" },
  { .id = "lived_apart", .section = VITA_SECTION_MARITAL,
    .label = N_("Did you and your spouse live apart all of the last 6 months of the year"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP,
    .gate_field = "marital_status", .gate_value = "married" },
  { .id = "divorce_decree_date", .section = VITA_SECTION_MARITAL, .label = N_("Date of final decree"),
    .type = VITA_FIELD_DATE, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .gate_field = "marital_status", .gate_value = "divorced" },
  { .id = "separation_decree_date", .section = VITA_SECTION_MARITAL,
    .label = N_("Date of separate maintenance decree"),
    .type = VITA_FIELD_DATE, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .gate_field = "marital_status", .gate_value = "separated" },
  { .id = "spouse_death_year", .section = VITA_SECTION_MARITAL, .label = N_("Year of spouse's death"),
    .type = VITA_FIELD_YEAR, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .export_rule = VITA_EXPORT_YEAR_ONLY,
    .gate_field = "marital_status", .gate_value = "widowed" },

  /* Page 1: everyone who lived with the taxpayer or was supported by
   * them.  Name, date of birth and relationship are identity fields. */
  { .id = "dep.months_in_home", .section = VITA_SECTION_HOUSEHOLD,
    .label = N_("Number of months lived in your home last year"),
    .help = N_("From 0 to 12. A child born or a person who died during the year counts as 12."),
    .type = VITA_FIELD_COUNT, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .scope = VITA_SCOPE_DEPENDENT,
    .max_chars = 2 },
  { .id = "dep.marital_status", .section = VITA_SECTION_HOUSEHOLD,
    .label = N_("Single or Married as of 12/31 (S/M)"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .scope = VITA_SCOPE_DEPENDENT,
    .choices = single_married_choices },
  { .id = "dep.us_citizen", .section = VITA_SECTION_HOUSEHOLD, .label = N_("U.S. Citizen"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.resident_us_ca_mx", .section = VITA_SECTION_HOUSEHOLD,
    .label = N_("Resident of U.S., Canada or Mexico"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.student", .section = VITA_SECTION_HOUSEHOLD, .label = N_("Full-time student"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.disabled", .section = VITA_SECTION_HOUSEHOLD,
    .label = N_("Totally and permanently disabled"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.ippin", .section = VITA_SECTION_HOUSEHOLD, .label = N_("Issued IPPIN"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .scope = VITA_SCOPE_DEPENDENT },
  DEPENDENT_CHECK ("dep.qualifying_other",
                   N_("Qualifying child or relative of any other person")),
  DEPENDENT_CHECK ("dep.own_support",
                   /* xgettext:no-c-format */
                   N_("This person provided more than 50% of their own support")),
  /* The limit is the qualifying-relative gross income test and changes
   * every tax year ($5,200 for 2025, $5,050 for 2024), so the label does
   * not print it. */
  { .id = "dep.income_under_limit", .section = VITA_SECTION_HOUSEHOLD,
    .label = N_("This person had less than the qualifying-relative income limit"),
    .help = N_("$5,200 for tax year 2025; the limit changes every year."),
    .type = VITA_FIELD_YES_NO_NA, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .scope = VITA_SCOPE_DEPENDENT,
    .volunteer_only = TRUE },
  DEPENDENT_CHECK ("dep.taxpayer_support",
                   /* xgettext:no-c-format */
                   N_("Taxpayer(s) provided more than 50% of support for this person")),
  DEPENDENT_CHECK ("dep.home_cost",
                   N_("Taxpayer(s) paid more than half the cost of maintaining a home for this "
                      "person")),

  /* Page 2: income, taxpayer side ("Received money from any of the
   * following"). */
  CLIENT_ITEM ("inc.wages", VITA_SECTION_INCOME,
               N_("Wages as a part-time or full-time employee"), VITA_CERT_BASIC),
  CLIENT_FOLLOW_UP ("inc.wages.jobs", VITA_SECTION_INCOME, N_("How many jobs"),
                    VITA_FIELD_COUNT, "inc.wages"),
  CLIENT_ITEM ("inc.tips", VITA_SECTION_INCOME, N_("Tips"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.retirement", VITA_SECTION_INCOME,
               N_("Retirement account, pension or annuity proceeds"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.disability", VITA_SECTION_INCOME,
               N_("Disability benefits (such as payments from insurance and worker's "
                  "compensation)"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.social_security", VITA_SECTION_INCOME,
               N_("Social Security or Railroad Retirement Benefits"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.unemployment", VITA_SECTION_INCOME, N_("Unemployment benefits"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.state_refund", VITA_SECTION_INCOME,
               N_("Refund of state or local income tax"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.interest_dividends", VITA_SECTION_INCOME,
               N_("Interest or dividends (bank account, bonds, etc.)"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.sale_assets", VITA_SECTION_INCOME,
               N_("Sale of stocks, bonds or real estate"), VITA_CERT_ADVANCED),
  CLIENT_FOLLOW_UP ("inc.sale_assets.loss_last_year", VITA_SECTION_INCOME,
                    N_("Did you report a loss on last year's return"),
                    VITA_FIELD_YES_NO, "inc.sale_assets"),
  CLIENT_ITEM ("inc.alimony", VITA_SECTION_INCOME, N_("Alimony"), VITA_CERT_BASIC),
  /* (A/M): Military unless the follow-up says it is a personal residence
   * rented for fewer than 15 days (vita-certification.c). */
  CLIENT_ITEM ("inc.rental", VITA_SECTION_INCOME,
               N_("Income from renting out your house or a room in your house"),
               VITA_CERT_MILITARY),
  CLIENT_FOLLOW_UP ("inc.rental.personal_under_15", VITA_SECTION_INCOME,
                    N_("Did you use the dwelling unit as a personal residence and rent it for "
                       "fewer than 15 days"),
                    VITA_FIELD_YES_NO, "inc.rental"),
  CLIENT_ITEM ("inc.personal_property_rental", VITA_SECTION_INCOME,
               N_("Income from renting personal property such as a vehicle"), VITA_CERT_NONE),
  CLIENT_ITEM ("inc.gambling", VITA_SECTION_INCOME,
               N_("Gambling winnings, including lottery"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.self_employment", VITA_SECTION_INCOME,
               N_("Payments for contract or self-employment work"), VITA_CERT_ADVANCED),
  CLIENT_FOLLOW_UP ("inc.self_employment.loss_last_year", VITA_SECTION_INCOME,
                    N_("Did you report a loss on last year's return"),
                    VITA_FIELD_YES_NO, "inc.self_employment"),
  CLIENT_ITEM ("inc.other", VITA_SECTION_INCOME,
               N_("Any other money received during the year? (example: cash payments, jury duty, "
                  "awards, digital assets, royalties, union strike benefits)"),
               VITA_CERT_NONE),

  /* Page 2: "Income to be included", certified volunteer side. */
  VOLUNTEER_ITEM ("vinc.w2", VITA_SECTION_INCOME, N_("W-2s"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.w2.count", VITA_SECTION_INCOME, N_("Number of W-2s"), "vinc.w2"),
  /* (B/A) items start Basic; the detail question below them is what makes
   * them Advanced (see vita-certification.c). */
  VOLUNTEER_ITEM ("vinc.tips", VITA_SECTION_INCOME, N_("Tips (Basic when reported on W2)"),
                  VITA_CERT_BASIC),
  VOLUNTEER_YES_NO ("vinc.tips.on_w2", VITA_SECTION_INCOME, N_("All tips are reported on Form W-2"),
                    "vinc.tips"),
  VOLUNTEER_ITEM ("vinc.1099r", VITA_SECTION_INCOME,
                  N_("1099-R (Basic when taxable amount is reported)"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099r.count", VITA_SECTION_INCOME, N_("Number of 1099-Rs"), "vinc.1099r"),
  VOLUNTEER_YES_NO ("vinc.1099r.taxable_reported", VITA_SECTION_INCOME,
                    N_("The taxable amount is reported on every 1099-R"), "vinc.1099r"),
  VOLUNTEER_ITEM ("vinc.qcd", VITA_SECTION_INCOME,
                  N_("Qualified Charitable Distribution From 1099-R"), VITA_CERT_ADVANCED),
  VOLUNTEER_AMOUNT ("vinc.qcd.amount", VITA_SECTION_INCOME,
                    N_("Qualified Charitable Distribution amount"), "vinc.qcd"),
  VOLUNTEER_ITEM ("vinc.disability", VITA_SECTION_INCOME, N_("Disability benefits on 1099-R or W-2"),
                  VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.disability.count", VITA_SECTION_INCOME,
                   N_("Number of disability benefit forms"), "vinc.disability"),
  VOLUNTEER_ITEM ("vinc.ssa", VITA_SECTION_INCOME, N_("SSA-1099, RRB-1099"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.ssa.count", VITA_SECTION_INCOME, N_("Number of SSA-1099s and RRB-1099s"),
                   "vinc.ssa"),
  VOLUNTEER_ITEM ("vinc.1099g", VITA_SECTION_INCOME, N_("1099-G"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099g.count", VITA_SECTION_INCOME, N_("Number of 1099-Gs"), "vinc.1099g"),
  VOLUNTEER_ITEM ("vinc.refund", VITA_SECTION_INCOME, N_("Refund"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vinc.refund.amount", VITA_SECTION_INCOME, N_("Refund amount"), "vinc.refund"),
  VOLUNTEER_ITEM ("vinc.itemized_last_year", VITA_SECTION_INCOME, N_("Itemized last year"),
                  VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vinc.1099int", VITA_SECTION_INCOME, N_("1099-INT"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099int.count", VITA_SECTION_INCOME, N_("Number of 1099-INTs"), "vinc.1099int"),
  VOLUNTEER_ITEM ("vinc.1099div", VITA_SECTION_INCOME, N_("1099-DIV"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099div.count", VITA_SECTION_INCOME, N_("Number of 1099-DIVs"), "vinc.1099div"),
  VOLUNTEER_ITEM ("vinc.1099b", VITA_SECTION_INCOME, N_("1099-B (include brokerage statement)"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_COUNT ("vinc.1099b.count", VITA_SECTION_INCOME, N_("Number of 1099-Bs"), "vinc.1099b"),
  VOLUNTEER_ITEM ("vinc.capital_loss_carryover", VITA_SECTION_INCOME, N_("Capital loss carryover"),
                  VITA_CERT_NONE),
  VOLUNTEER_ITEM ("vinc.alimony", VITA_SECTION_INCOME, N_("Alimony"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vinc.alimony.amount", VITA_SECTION_INCOME, N_("Alimony amount"), "vinc.alimony"),
  VOLUNTEER_YES_NO ("vinc.alimony.excluded", VITA_SECTION_INCOME, N_("Excluded from income"),
                    "vinc.alimony"),
  VOLUNTEER_ITEM ("vinc.rental", VITA_SECTION_INCOME,
                  N_("Rental income (Advanced when the dwelling is a personal residence and rented "
                     "for fewer than 15 days)"),
                  VITA_CERT_MILITARY),
  VOLUNTEER_AMOUNT ("vinc.rental.expense_amount", VITA_SECTION_INCOME, N_("Rental expense"),
                    "vinc.rental"),
  VOLUNTEER_ITEM ("vinc.w2g", VITA_SECTION_INCOME,
                  N_("W-2G or other gambling winnings (list losses below if taxpayer can itemize "
                     "deductions)"),
                  VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.w2g.count", VITA_SECTION_INCOME, N_("Number of W-2Gs"), "vinc.w2g"),
  VOLUNTEER_ITEM ("vinc.schedule_c", VITA_SECTION_INCOME, N_("Schedule C"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vinc.1099misc", VITA_SECTION_INCOME, N_("1099-MISC"), VITA_CERT_NONE),
  VOLUNTEER_COUNT ("vinc.1099misc.count", VITA_SECTION_INCOME, N_("Number of 1099-MISCs"),
                   "vinc.1099misc"),
  VOLUNTEER_ITEM ("vinc.1099nec", VITA_SECTION_INCOME, N_("1099-NEC"), VITA_CERT_NONE),
  VOLUNTEER_COUNT ("vinc.1099nec.count", VITA_SECTION_INCOME, N_("Number of 1099-NECs"), "vinc.1099nec"),
  VOLUNTEER_ITEM ("vinc.1099k", VITA_SECTION_INCOME, N_("1099-K"), VITA_CERT_NONE),
  VOLUNTEER_COUNT ("vinc.1099k.count", VITA_SECTION_INCOME, N_("Number of 1099-Ks"), "vinc.1099k"),
  VOLUNTEER_ITEM ("vinc.other_reported", VITA_SECTION_INCOME, N_("Other income reported elsewhere"),
                  VITA_CERT_NONE),
  VOLUNTEER_AMOUNT ("vinc.schedule_c.expenses", VITA_SECTION_INCOME, N_("Schedule C expenses"),
                    "vinc.schedule_c"),
  VOLUNTEER_ITEM ("vinc.other_income", VITA_SECTION_INCOME,
                  N_("Other income (see Pub 4012 for guidance on other income, i.e., scope of "
                     "service chart)"),
                  VITA_CERT_NONE),
  VOLUNTEER_NOTES ("vinc.notes", VITA_SECTION_INCOME),

  /* Page 3, block A: "Paid any of the following expenses to itemize". */
  CLIENT_ITEM ("exp.mortgage_interest", VITA_SECTION_EXPENSES, N_("Mortgage Interest"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("exp.taxes", VITA_SECTION_EXPENSES, N_("Taxes: state, local, real estate, sales, etc."),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("exp.medical", VITA_SECTION_EXPENSES, N_("Medical, dental, prescription expenses"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("exp.charitable", VITA_SECTION_EXPENSES, N_("Charitable contributions"),
               VITA_CERT_ADVANCED),
  /* Volunteer side: "Standard or Itemized Deductions". */
  VOLUNTEER_ITEM ("vexp.1098", VITA_SECTION_EXPENSES, N_("1098"), VITA_CERT_ADVANCED),
  VOLUNTEER_COUNT ("vexp.1098.count", VITA_SECTION_EXPENSES, N_("Number of 1098s"), "vexp.1098"),
  VOLUNTEER_ITEM ("vexp.standard_deduction", VITA_SECTION_EXPENSES, N_("Standard deduction"),
                  VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vexp.itemized_deduction", VITA_SECTION_EXPENSES, N_("Itemized deduction"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_NOTES ("vexp.itemized_notes", VITA_SECTION_EXPENSES),

  /* Page 3, block B: "Paid any of these expenses". */
  CLIENT_ITEM ("exp.student_loan_interest", VITA_SECTION_EXPENSES, N_("Student loan interest"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.child_care", VITA_SECTION_EXPENSES, N_("Child and dependent care"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.retirement_contributions", VITA_SECTION_EXPENSES,
               N_("Contributions to a retirement account"), VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.educator", VITA_SECTION_EXPENSES,
               N_("School supplies by a teacher, teacher's aide or other educator"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.alimony_paid", VITA_SECTION_EXPENSES,
               N_("Alimony payments (do not include child support)"), VITA_CERT_BASIC),
  /* Volunteer side: "Expenses to report". */
  VOLUNTEER_ITEM ("vexp.1098e", VITA_SECTION_EXPENSES, N_("1098-E"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vexp.child_care_credit", VITA_SECTION_EXPENSES,
                  N_("Child and dependent care credit"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vexp.ira", VITA_SECTION_EXPENSES, N_("IRA (Basic if a Roth IRA or 401K)"),
                  VITA_CERT_BASIC),
  { .id = "vexp.ira.kind", .section = VITA_SECTION_EXPENSES, .label = N_("Kind of retirement account"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE,
    .gate_field = "vexp.ira", .gate_value = "yes", .choices = ira_kind_choices },
  VOLUNTEER_ITEM ("vexp.educator", VITA_SECTION_EXPENSES, N_("Educator expenses deduction"),
                  VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vexp.educator.amount", VITA_SECTION_EXPENSES, N_("Educator expenses amount"),
                    "vexp.educator"),
  VOLUNTEER_ITEM ("vexp.alimony_paid", VITA_SECTION_EXPENSES,
                  N_("Alimony payments with spouse's SSN"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vexp.alimony_paid.amount", VITA_SECTION_EXPENSES, N_("Alimony paid amount"),
                    "vexp.alimony_paid"),
  VOLUNTEER_YES_NO ("vexp.alimony_paid.adjustment", VITA_SECTION_EXPENSES, N_("Adjustment to income"),
                    "vexp.alimony_paid"),
  VOLUNTEER_NOTES ("vexp.notes", VITA_SECTION_EXPENSES),

  /* Page 3, block C: "Did any of the following happen". */
  CLIENT_ITEM ("evt.education", VITA_SECTION_EVENTS,
               N_("You or someone in your family took educational classes (technical school, "
                  "college, job related, etc.)"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("evt.home_sale", VITA_SECTION_EVENTS, N_("Sell a home"), VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.hsa", VITA_SECTION_EVENTS, N_("Have a health savings account (HSA)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.marketplace", VITA_SECTION_EVENTS,
               N_("Purchase health insurance through the Marketplace (Exchange)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.energy", VITA_SECTION_EVENTS,
               N_("Purchase and install energy-efficient home items (example: windows, furnace, "
                  "insulation, etc.)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.other", VITA_SECTION_EVENTS, N_("Other (example: purchased a new vehicle, etc.)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.debt_forgiven", VITA_SECTION_EVENTS,
               N_("Have credit card, mortgage, or other debt cancelled/forgiven by a lender"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.disaster_loss", VITA_SECTION_EVENTS,
               N_("Have a loss related to a declared Federal disaster area"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.credit_disallowed", VITA_SECTION_EVENTS,
               N_("Have a tax credit disallowed (example: earned income credit, child tax credit, "
                  "or American opportunity credit)"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("evt.irs_letter", VITA_SECTION_EVENTS, N_("Receive any letter or bill from the IRS"),
               VITA_CERT_NONE),
  CLIENT_ITEM ("evt.estimated_payments", VITA_SECTION_EVENTS,
               N_("Make estimated tax payments or apply last year's refund to this year's taxes"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("evt.brought_last_return", VITA_SECTION_EVENTS, N_("Brought last year's return"),
               VITA_CERT_NONE),
  /* Volunteer side: "Information to report". */
  VOLUNTEER_ITEM ("vevt.scholarship", VITA_SECTION_EVENTS, N_("Taxable scholarship income"),
                  VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vevt.1098t", VITA_SECTION_EVENTS,
                  N_("1098-T (itemized statement from school, invoice, etc.)"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vevt.education_credit", VITA_SECTION_EVENTS,
                  N_("Education credit or tuition and fees deduction"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vevt.home_sale", VITA_SECTION_EVENTS, N_("Sale of home (1099-S)"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.hsa_contributions", VITA_SECTION_EVENTS, N_("HSA contributions"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.hsa_distributions", VITA_SECTION_EVENTS, N_("HSA distributions"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.1095a", VITA_SECTION_EVENTS, N_("1095-A"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.energy_credit", VITA_SECTION_EVENTS,
                  N_("Energy efficient home improvement credit (Form 5695, Part II only)"),
                  VITA_CERT_ADVANCED),
  { .id = "vevt.vin", .section = VITA_SECTION_EVENTS, .label = N_("VIN #"),
    .help = N_("The 17-character vehicle identification number."),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .volunteer_only = TRUE, .gate_field = "evt.other", .gate_value = "yes",
    .max_chars = 17 },
  VOLUNTEER_ITEM ("vevt.1099c", VITA_SECTION_EVENTS, N_("1099-C"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.1099a", VITA_SECTION_EVENTS, N_("1099-A"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.disaster_relief", VITA_SECTION_EVENTS, N_("Disaster relief impacts return"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.disallowed", VITA_SECTION_EVENTS,
                  N_("EITC, CTC, AOTC or HOH disallowed in a previous year"), VITA_CERT_BASIC),
  { .id = "vevt.disallowed.year", .section = VITA_SECTION_EVENTS, .label = N_("Year disallowed"),
    .type = VITA_FIELD_YEAR, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE,
    .gate_field = "vevt.disallowed", .gate_value = "yes" },
  { .id = "vevt.disallowed.reason", .section = VITA_SECTION_EVENTS, .label = N_("Reason"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_FREE_TEXT,
    .volunteer_only = TRUE, .gate_field = "vevt.disallowed", .gate_value = "yes",
    .max_chars = 200 },
  VOLUNTEER_ITEM ("vevt.litc_referral", VITA_SECTION_EVENTS,
                  N_("Eligible for Low Income Taxpayer Clinic referral"), VITA_CERT_NONE),
  VOLUNTEER_ITEM ("vevt.estimated_payments", VITA_SECTION_EVENTS, N_("Estimated tax payments"),
                  VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vevt.estimated_payments.amount", VITA_SECTION_EVENTS,
                    N_("Estimated tax payments amount"), "vevt.estimated_payments"),
  VOLUNTEER_ITEM ("vevt.refund_applied", VITA_SECTION_EVENTS,
                  N_("Last year's refund applied to this year"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vevt.refund_applied.amount", VITA_SECTION_EVENTS,
                    N_("Refund applied amount"), "vevt.refund_applied"),
  VOLUNTEER_ITEM ("vevt.last_return_available", VITA_SECTION_EVENTS, N_("Last year's return available"),
                  VITA_CERT_NONE),
  VOLUNTEER_NOTES ("vevt.notes", VITA_SECTION_EVENTS),

  /* Page 4: optional statistics.  Not part of the return and never sent
   * to the IRS; the export only ever counts them. */
  { .id = "opt.english_conversation", .section = VITA_SECTION_OPTIONAL,
    .label = N_("Would you say you can carry on a conversation in English"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = english_choices },
  { .id = "opt.english_reading", .section = VITA_SECTION_OPTIONAL,
    .label = N_("Would you say you can read a newspaper in English"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = english_choices },
  { .id = "opt.household_disability", .section = VITA_SECTION_OPTIONAL,
    .label = N_("Do you or any member of your household have a disability"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = yes_no_prefer_choices },
  { .id = "opt.veteran", .section = VITA_SECTION_OPTIONAL,
    .label = N_("Are you or your spouse a Veteran of the U.S. Armed Forces"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = yes_no_prefer_choices },
  /* Asked of the taxpayer and, on its own line, of the spouse. */
  { .id = "opt.race_ethnicity", .section = VITA_SECTION_OPTIONAL,
    .label = N_("What is your race and/or ethnicity? Select all that apply"),
    .help = N_("Leave it empty if you prefer not to answer."),
    .type = VITA_FIELD_MULTI_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .scope = VITA_SCOPE_PERSON,
    .choices = race_choices },

  /* Page 5. */
  { .id = "notes", .section = VITA_SECTION_NOTES, .label = N_("Additional Notes/Comments"),
    .type = VITA_FIELD_NOTES, .klass = VITA_FIELD_CLASS_FREE_TEXT },

  /* Form W-7 (Rev. 12-2024): one per person who needs an ITIN.  Labels
   * start with the line number so volunteers can find them on paper. */
  W7_FIELD ("w7.application_type", N_("Application type"), NULL,
            VITA_FIELD_CHOICE, VITA_FIELD_CLASS_SENSITIVE, w7_application_choices, 0),
  W7_FIELD ("w7.reasons", N_("Reason you're submitting Form W-7"),
            N_("Check one box. Box a always needs box h too; box f needs box h only when claiming "
               "an exception instead of filing a return."),
            VITA_FIELD_MULTI_CHOICE, VITA_FIELD_CLASS_SENSITIVE, w7_reason_choices, 0),
  W7_GATED ("w7.reason_h_text", N_("h Other: reason or exception"),
            N_("For an exception write it as the instructions do, for example \"Exception "
               "1d-Pension Income\"."),
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_FREE_TEXT, NULL, 100, "w7.reasons", "h"),
  W7_GATED ("w7.treaty_claim", N_("Claiming a tax treaty benefit"), NULL,
            VITA_FIELD_YES_NO, VITA_FIELD_CLASS_SENSITIVE, NULL, 0, "w7.reasons", "f"),
  W7_GATED ("w7.treaty_country", N_("Additional information for a and f: treaty country"),
            N_("It must be the same country as the foreign address on line 3."),
            VITA_FIELD_COUNTRY, VITA_FIELD_CLASS_QUASI_ID, NULL, 0, "w7.reasons", "a,f"),
  W7_GATED ("w7.treaty_article", N_("Additional information for a and f: treaty article number"),
            NULL, VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 20, "w7.reasons", "a,f"),
  W7_GATED ("w7.d_relationship", N_("If d, enter relationship to U.S. citizen/resident alien"),
            NULL, VITA_FIELD_CHOICE, VITA_FIELD_CLASS_QUASI_ID, relationship_choices, 0,
            "w7.reasons", "d"),
  W7_GATED ("w7.us_person_name", N_("If d or e, enter name of U.S. citizen/resident alien"),
            N_("The full name, as on that person's return."),
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 70, "w7.reasons", "d,e"),
  W7_GATED ("w7.us_person_tin", N_("If d or e, enter SSN/ITIN of U.S. citizen/resident alien"),
            NULL, VITA_FIELD_TIN, VITA_FIELD_CLASS_DIRECT_ID, NULL, 0, "w7.reasons", "d,e"),
  W7_GATED ("w7.military_family", N_("Spouse or dependent of a U.S. service member"),
            N_("With an APO/FPO address or the service member's U.S. military ID, notarized copies "
               "of documents are accepted."),
            VITA_FIELD_YES_NO, VITA_FIELD_CLASS_SENSITIVE, NULL, 0, "w7.reasons", "d,e"),
  W7_GATED ("w7.military_overseas", N_("The service member is stationed overseas"), NULL,
            VITA_FIELD_YES_NO, VITA_FIELD_CLASS_SENSITIVE, NULL, 0,
            "w7.military_family", "yes"),

  W7_FIELD ("w7.name.first", N_("1a First name"),
            N_("Exactly as on the documents and on the tax return."),
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35),
  W7_FIELD ("w7.name.middle", N_("1a Middle name"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35),
  W7_FIELD ("w7.name.last", N_("1a Last name"),
            N_("Keep every last name, hyphen and apostrophe."),
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35),
  W7_FIELD ("w7.birth_name.first", N_("1b Name at birth if different: first name"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35),
  W7_FIELD ("w7.birth_name.middle", N_("1b Name at birth if different: middle name"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35),
  W7_FIELD ("w7.birth_name.last", N_("1b Name at birth if different: last name"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35),

  W7_FIELD ("w7.mail.street",
            N_("2 Mailing address: street address, apartment number, or rural route number"),
            N_("The IRS sends the ITIN letter and returns original documents here. Use a P.O. box "
               "only if the post office does not deliver to the home; never a private mailbox."),
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_DIRECT_ID, NULL, 80),
  W7_FIELD ("w7.mail.city", N_("2 Mailing address: city or town"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 40),
  W7_FIELD ("w7.mail.state", N_("2 Mailing address: state or province"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 40),
  W7_FIELD ("w7.mail.postal_code", N_("2 Mailing address: ZIP code or postal code"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 12),
  W7_FIELD ("w7.mail.country", N_("2 Mailing address: country"), NULL,
            VITA_FIELD_COUNTRY, VITA_FIELD_CLASS_QUASI_ID, NULL, 0),

  W7_FIELD ("w7.foreign.street",
            N_("3 Foreign (non-U.S.) address: street address, apartment number, or rural route "
               "number"),
            N_("Do not use a P.O. box number or \"in care of\". Write it even if it is the same as "
               "line 2."),
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_DIRECT_ID, NULL, 80),
  W7_FIELD ("w7.foreign.city", N_("3 Foreign address: city or town"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 40),
  W7_FIELD ("w7.foreign.province", N_("3 Foreign address: province"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 40),
  W7_FIELD ("w7.foreign.postal_code", N_("3 Foreign address: postal code"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 12),
  W7_FIELD ("w7.foreign.country", N_("3 Foreign address: country"),
            N_("If the person moved to the United States and has no home abroad, give only the "
               "country where they last lived."),
            VITA_FIELD_COUNTRY, VITA_FIELD_CLASS_QUASI_ID, NULL, 0),

  W7_FIELD ("w7.dob", N_("4 Date of birth"), NULL,
            VITA_FIELD_DATE, VITA_FIELD_CLASS_DIRECT_ID, NULL, 0),
  W7_FIELD ("w7.birth_country", N_("4 Country of birth"), NULL,
            VITA_FIELD_COUNTRY, VITA_FIELD_CLASS_QUASI_ID, NULL, 0),
  W7_FIELD ("w7.birth_city", N_("4 City and state or province (optional)"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 60),
  W7_FIELD ("w7.gender", N_("5 Gender"), NULL,
            VITA_FIELD_CHOICE, VITA_FIELD_CLASS_QUASI_ID, w7_gender_choices, 0),
  W7_FIELD ("w7.citizenship", N_("6a Country(ies) of citizenship"),
            N_("Write the complete country name; don't abbreviate. A dual citizen lists both."),
            VITA_FIELD_COUNTRY, VITA_FIELD_CLASS_SENSITIVE, NULL, 120),
  W7_FIELD ("w7.foreign_tax_id", N_("6b Foreign tax I.D. number (if any)"),
            N_("Only if the country of residence issued one, for example a Canadian SIN."),
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_DIRECT_ID, NULL, 30),
  W7_FIELD ("w7.visa.type", N_("6c Type of U.S. visa (if any)"),
            N_("The USCIS classification, for example F-1 or J-1/J-2."),
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_SENSITIVE, NULL, 20),
  W7_FIELD ("w7.visa.number", N_("6c Visa number"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_DIRECT_ID, NULL, 20),
  W7_FIELD ("w7.visa.expiry", N_("6c Visa expiration date"), NULL,
            VITA_FIELD_DATE, VITA_FIELD_CLASS_SENSITIVE, NULL, 0),
  W7_FIELD ("w7.visa.duration_of_status", N_("6c Visa valid for duration of status (D/S)"), NULL,
            VITA_FIELD_YES_NO, VITA_FIELD_CLASS_SENSITIVE, NULL, 0),
  W7_FIELD ("w7.id_doc.type", N_("6d Identification document(s) submitted"),
            N_("Only the first document goes on this line; the document checklist keeps all of "
               "them."),
            VITA_FIELD_CHOICE, VITA_FIELD_CLASS_SENSITIVE, w7_id_doc_choices, 0),
  W7_GATED ("w7.id_doc.other", N_("6d Other document"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_FREE_TEXT, NULL, 60, "w7.id_doc.type", "other"),
  W7_FIELD ("w7.id_doc.issuer", N_("6d Issued by"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 60),
  W7_FIELD ("w7.id_doc.number", N_("6d No."), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_DIRECT_ID, NULL, 40),
  W7_FIELD ("w7.id_doc.expiry", N_("6d Exp. date"), NULL,
            VITA_FIELD_DATE, VITA_FIELD_CLASS_QUASI_ID, NULL, 0),
  W7_FIELD ("w7.entry_date", N_("6d Date of entry into the United States"),
            N_("Needed for boxes c, d and g. Leaving it out is a common reason the IRS sends a W-7 "
               "back."),
            VITA_FIELD_DATE, VITA_FIELD_CLASS_SENSITIVE, NULL, 0),
  W7_FIELD ("w7.never_entered", N_("6d Never entered the United States"), NULL,
            VITA_FIELD_YES_NO, VITA_FIELD_CLASS_SENSITIVE, NULL, 0),
  W7_FIELD ("w7.prev_tin",
            N_("6e Have you previously received an ITIN or an IRS Number (IRSN)?"),
            N_("Answer No if you don't know. A renewal is always Yes."),
            VITA_FIELD_YES_NO, VITA_FIELD_CLASS_SENSITIVE, NULL, 0),
  W7_GATED ("w7.prev.itin", N_("6f ITIN"), NULL,
            VITA_FIELD_TIN, VITA_FIELD_CLASS_DIRECT_ID, NULL, 0, "w7.prev_tin", "yes"),
  W7_GATED ("w7.prev.irsn", N_("6f IRSN"),
            N_("A temporary number the IRS assigned. List more than one on a separate sheet."),
            VITA_FIELD_TIN, VITA_FIELD_CLASS_DIRECT_ID, NULL, 0, "w7.prev_tin", "yes"),
  W7_GATED ("w7.prev.first", N_("6f Name under which it was issued: first name"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35, "w7.prev_tin", "yes"),
  W7_GATED ("w7.prev.middle", N_("6f Name under which it was issued: middle name"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35, "w7.prev_tin", "yes"),
  W7_GATED ("w7.prev.last", N_("6f Name under which it was issued: last name"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 35, "w7.prev_tin", "yes"),
  W7_FIELD ("w7.college.name", N_("6g Name of college/university or company"),
            N_("For box f, or for a temporary business visitor."),
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_DIRECT_ID, NULL, 80),
  W7_FIELD ("w7.college.city_state", N_("6g City and state"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 60),
  W7_FIELD ("w7.college.length_of_stay", N_("6g Length of stay"), NULL,
            VITA_FIELD_TEXT, VITA_FIELD_CLASS_QUASI_ID, NULL, 30),
  W7_FIELD ("w7.signer", N_("Who signs the W-7"),
            N_("A parent or court-appointed guardian signs for a child who cannot. A spouse can't "
               "sign for a spouse without a Form 2848 power of attorney."),
            VITA_FIELD_CHOICE, VITA_FIELD_CLASS_QUASI_ID, w7_signer_choices, 0),
  W7_GATED ("w7.delegate.name", N_("Name of delegate, if applicable"), NULL,
            VITA_FIELD_NAME, VITA_FIELD_CLASS_DIRECT_ID, NULL, 70, "w7.signer", "delegate"),
  W7_GATED ("w7.delegate.relationship", N_("Delegate's relationship to applicant"), NULL,
            VITA_FIELD_CHOICE, VITA_FIELD_CLASS_QUASI_ID, w7_delegate_choices, 0,
            "w7.signer", "delegate"),
  W7_FIELD ("w7.doc_verification", N_("Who verified the documents"),
            N_("A CAA may certify only passports and civil birth certificates; other documents go "
               "to the IRS as originals or certified copies."),
            VITA_FIELD_CHOICE, VITA_FIELD_CLASS_SENSITIVE, doc_verify_choices, 0),

  /* W-7 supporting documents: the 13 the IRS accepts.  A "who verified
   * it" left empty means the W-7's own doc_verification answer. */
  DOC_ITEM ("passport", N_("Passport"),
            N_("The only document that is enough on its own.")),
  DOC_COMMON ("passport"),
  DOC_EXPIRY ("passport"),
  DOC_DETAIL ("passport", "entry_stamp", N_("Shows a date of entry into the United States"),
              VITA_FIELD_YES_NO, VITA_FIELD_CLASS_SENSITIVE, NULL, 0),
  DOC_ITEM ("uscis_photo_id",
            N_("U.S. Citizenship and Immigration Services (USCIS) photo identification"), NULL),
  DOC_COMMON ("uscis_photo_id"),
  DOC_EXPIRY ("uscis_photo_id"),
  DOC_ITEM ("us_visa", N_("Visa issued by the U.S. Department of State"), NULL),
  DOC_COMMON ("us_visa"),
  DOC_EXPIRY ("us_visa"),
  DOC_ITEM ("us_drivers_license", N_("U.S. driver's license"), NULL),
  DOC_COMMON ("us_drivers_license"),
  DOC_EXPIRY ("us_drivers_license"),
  DOC_ITEM ("us_military_id", N_("U.S. military identification card"), NULL),
  DOC_COMMON ("us_military_id"),
  DOC_EXPIRY ("us_military_id"),
  DOC_ITEM ("foreign_drivers_license", N_("Foreign driver's license"), NULL),
  DOC_COMMON ("foreign_drivers_license"),
  DOC_EXPIRY ("foreign_drivers_license"),
  DOC_ITEM ("foreign_military_id", N_("Foreign military identification card"), NULL),
  DOC_COMMON ("foreign_military_id"),
  DOC_EXPIRY ("foreign_military_id"),
  DOC_ITEM ("national_id", N_("National identification card"),
            N_("It must show the name, photograph, address, date of birth and expiration date.")),
  DOC_COMMON ("national_id"),
  DOC_EXPIRY ("national_id"),
  DOC_ITEM ("us_state_id", N_("U.S. state identification card"), NULL),
  DOC_COMMON ("us_state_id"),
  DOC_EXPIRY ("us_state_id"),
  DOC_ITEM ("foreign_voter_card", N_("Foreign voter's registration card"), NULL),
  DOC_COMMON ("foreign_voter_card"),
  DOC_EXPIRY ("foreign_voter_card"),
  DOC_ITEM ("birth_certificate", N_("Civil birth certificate"),
            N_("Needed for a child under 18 who has no passport. It never expires.")),
  DOC_COMMON ("birth_certificate"),
  DOC_ABROAD ("birth_certificate"),
  DOC_ITEM ("medical_records", N_("Medical records"),
            N_("Only for dependents under 6: a shot or immunization record with the child's name, "
               "date of birth and address.")),
  DOC_COMMON ("medical_records"),
  DOC_ABROAD ("medical_records"),
  DOC_ITEM ("school_records", N_("School records"),
            N_("Only for dependents under 18, or under 24 if a student.")),
  DOC_COMMON ("school_records"),
  DOC_ABROAD ("school_records"),
  /* Not one of the 13: the proof of U.S. residency a dependent of 18 or
   * more adds to a passport that has no U.S. date of entry. */
  DOC_ITEM ("us_residency",
            N_("Proof of U.S. residency (rental statement, bank statement or utility bill)"),
            N_("For a dependent 18 or older whose passport has no U.S. date of entry. It must show "
               "the dependent's name and U.S. address.")),
  DOC_DETAIL ("us_residency", "kind", N_("Kind of document"), VITA_FIELD_CHOICE,
              VITA_FIELD_CLASS_SENSITIVE, residency_doc_choices, 0),
};

/* The interview's sections, in the order of the paper form. */
static const VitaFieldSectionInfo sections[] = {
  { "identity", N_("People") },
  { "personal", N_("Personal info & contact") },
  { "marital", N_("Marital status") },
  { "household", N_("Household") },
  { "income", N_("Income") },
  { "expenses", N_("Expenses") },
  { "events", N_("Life events") },
  { "optional", N_("Optional statistics") },
  { "notes", N_("Notes") },
  { "w7", N_("Form W-7") },
  { "documents", N_("Documents checklist") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (sections) == VITA_N_SECTIONS);

/* Where the paper form starts a new block, with the block's heading. */
static const VitaFieldGroup groups[] = {
  { "address.street", N_("Address and contact"), NULL },
  { "multi_state", N_("Questions"), NULL },
  { "us_citizen", N_("Check if you or your spouse were, last year"), NULL },
  { "refund_method", N_("Refund, payment and language"), NULL },
  { "dep.qualifying_other", N_("Support and income tests"),
    N_("Answer Yes, No or N/A for this person.") },
  { "inc.wages", N_("Received money from any of the following last year?"),
    N_("Check only the boxes that apply to you and/or your spouse.") },
  { "vinc.w2", N_("Income to be included"), NULL },
  { "exp.mortgage_interest", N_("Paid any of the following expenses to itemize last year?"),
    N_("Check only the boxes that apply to you and/or your spouse.") },
  { "vexp.1098", N_("Standard or itemized deductions"), NULL },
  { "exp.student_loan_interest", N_("Paid any of these expenses last year?"), NULL },
  { "vexp.1098e", N_("Expenses to report"), NULL },
  { "evt.education", N_("Did any of the following happen last year?"),
    N_("Check only the boxes that apply to you and/or your spouse.") },
  { "vevt.scholarship", N_("Information to report"), NULL },
  { "w7.application_type", N_("Application type and reason"), NULL },
  { "w7.name.first", N_("Line 1: name"), NULL },
  { "w7.mail.street", N_("Line 2: mailing address"), NULL },
  { "w7.foreign.street", N_("Line 3: foreign (non-U.S.) address"), NULL },
  { "w7.dob", N_("Lines 4 and 5: birth and gender"), NULL },
  { "w7.citizenship", N_("Line 6: citizenship, visa and identification"), NULL },
  { "w7.prev_tin", N_("Lines 6e and 6f: earlier ITIN or IRS number"), NULL },
  { "w7.college.name", N_("Line 6g: college, university or company"), NULL },
  { "w7.signer", N_("Signature and document verification"), NULL },
};

/* (transfer none): the whole table; vita_fields_get_all() is the public
 * way in.  Kept apart from the code so that the field-id header can be
 * generated from this file alone (see gen-field-ids.c). */
const VitaField *
_vita_field_catalogue (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (fields);
  return fields;
}

const VitaFieldSectionInfo *
_vita_field_section_info (VitaFieldSection section)
{
  g_assert ((guint) section < G_N_ELEMENTS (sections));
  return &sections[section];
}

const VitaFieldGroup *
_vita_field_groups (guint *n_groups)
{
  *n_groups = G_N_ELEMENTS (groups);
  return groups;
}
