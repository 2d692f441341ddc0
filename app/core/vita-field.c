/* vita-field.c
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

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vita-clock.h"
#include "vita-field.h"
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
  { .id = item_id, .section = "household", .label = item_label, \
    .type = VITA_FIELD_YES_NO_NA, .klass = VITA_FIELD_CLASS_SAFE, \
    .export_rule = VITA_EXPORT_KEEP, .scope = VITA_SCOPE_DEPENDENT, \
    .volunteer_only = TRUE }

/* Anything on a W-7 or in its document checklist tells that the person
 * needs an ITIN, which tin_type already keeps out of the export, so none
 * of these is ever KEEP. */
#define W7_FIELD(item_id, item_label, item_help, item_type, item_class, item_choices, item_max) \
  { .id = item_id, .section = "w7", .label = item_label, .help = item_help, \
    .type = item_type, .klass = item_class, .export_rule = VITA_EXPORT_DROP, \
    .scope = VITA_SCOPE_W7, .choices = item_choices, .max_chars = item_max }

#define W7_GATED(item_id, item_label, item_help, item_type, item_class, item_choices, \
                 item_max, item_gate, item_value) \
  { .id = item_id, .section = "w7", .label = item_label, .help = item_help, \
    .type = item_type, .klass = item_class, .export_rule = VITA_EXPORT_DROP, \
    .scope = VITA_SCOPE_W7, .choices = item_choices, .max_chars = item_max, \
    .gate_field = item_gate, .gate_value = item_value }

/* One of the 13 documents the IRS accepts, and its details. */
#define DOC_ITEM(kind, doc_label, doc_help) \
  { .id = "doc." kind, .section = "documents", .label = doc_label, .help = doc_help, \
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE, \
    .export_rule = VITA_EXPORT_DROP, .scope = VITA_SCOPE_W7 }

#define DOC_DETAIL(kind, suffix, d_label, d_type, d_class, d_choices, d_max) \
  { .id = "doc." kind "." suffix, .section = "documents", .label = d_label, \
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
  { .id = "first_name", .section = "identity", .label = N_("First name"),
    .help = N_("Exactly as on the Social Security card, ITIN letter or passport."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 35 },
  { .id = "middle_name", .section = "identity", .label = N_("Middle name"),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 35 },
  { .id = "last_name", .section = "identity", .label = N_("Last name"),
    .help = N_("All last names, whole, as on the document, with any hyphens and apostrophes."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 35 },
  { .id = "suffix", .section = "identity", .label = N_("Suffix"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .choices = suffix_choices },
  { .id = "native_name", .section = "identity", .label = N_("Name in the person's own script"),
    .help = N_("For example in Arabic, Chinese or Korean writing. It helps match documents; it is "
               "not sent to the IRS."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 100 },
  { .id = "alt_romanization", .section = "identity", .label = N_("Other spelling of the name"),
    .help = N_("Another spelling in Latin letters found on the person's documents."),
    .type = VITA_FIELD_NAME, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON, .max_chars = 100 },
  { .id = "dob", .section = "identity", .label = N_("Date of birth"),
    .type = VITA_FIELD_DATE, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .export_rule = VITA_EXPORT_AGE_BAND, .scope = VITA_SCOPE_EVERY_PERSON },
  { .id = "relationship", .section = "identity",
    .label = N_("Relationship to you (child, parent, none, etc.)"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .scope = VITA_SCOPE_DEPENDENT, .choices = relationship_choices },
  { .id = "tin_type", .section = "identity", .label = N_("Taxpayer identification number"),
    .help = N_("Look at the Social Security card or ITIN letter the person brought."),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .scope = VITA_SCOPE_EVERY_PERSON, .choices = tin_type_choices },
  { .id = "tin", .section = "identity", .label = N_("SSN, ITIN or ATIN"),
    .help = N_("Nine digits. Copy it from the card or letter, not from memory."),
    .type = VITA_FIELD_TIN, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_EVERY_PERSON,
    .gate_field = "tin_type", .gate_value = "ssn,itin,atin,renew_itin" },

  /* Page 1: personal information. */
  /* The return's tax year, asked first: it decides the return and the
   * purge date.  Kept in the households table, not as an answer (see
   * vita_household_get()). */
  { .id = "tax_year", .section = "personal", .label = N_("Tax year of this return"),
    .help = N_("The year the income was earned. Change it for a prior-year or late return."),
    .type = VITA_FIELD_YEAR, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE, .max_chars = 4 },
  { .id = "job_title", .section = "personal", .label = N_("Your job title"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .scope = VITA_SCOPE_PERSON, .max_chars = 60 },
  { .id = "phone", .section = "personal", .label = N_("Your telephone number"),
    .type = VITA_FIELD_PHONE, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .scope = VITA_SCOPE_PERSON },
  { .id = "address.street", .section = "personal", .label = N_("Mailing address"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_DIRECT_ID, .max_chars = 80 },
  { .id = "address.apt", .section = "personal", .label = N_("Apt #"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_DIRECT_ID, .max_chars = 10 },
  { .id = "address.city", .section = "personal", .label = N_("City"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_QUASI_ID, .max_chars = 40 },
  { .id = "address.state", .section = "personal", .label = N_("State"),
    .type = VITA_FIELD_STATE, .klass = VITA_FIELD_CLASS_QUASI_ID },
  { .id = "address.zip", .section = "personal", .label = N_("ZIP code"),
    .type = VITA_FIELD_ZIP, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .export_rule = VITA_EXPORT_ZIP3 },
  { .id = "email", .section = "personal", .label = N_("Email address (optional)"),
    .type = VITA_FIELD_EMAIL, .klass = VITA_FIELD_CLASS_DIRECT_ID, .max_chars = 254 },
  { .id = "multi_state", .section = "personal",
    .label = N_("Did you live or work in two or more states last year"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "claimed_by_other", .section = "personal",
    .label = N_("Can anyone else claim you or your spouse on their tax return"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "us_citizen", .section = "personal", .label = N_("A U.S. citizen"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE },
  { .id = "on_visa", .section = "personal", .label = N_("In the U.S. on a visa"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE },
  { .id = "full_time_student", .section = "personal", .label = N_("A full-time student"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "legally_blind", .section = "personal", .label = N_("Legally blind"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "disabled", .section = "personal", .label = N_("Totally and permanently disabled"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "ippin", .section = "personal",
    .label = N_("Issued an identity protection PIN (IPPIN)"),
    .help = N_("Only whether one was issued. Do not write the PIN here."),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "digital_assets", .section = "personal",
    .label = N_("Owners or holders of any digital assets"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },
  { .id = "refund_method", .section = "personal",
    .label = N_("If due a refund, how would you like your refund"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .choices = refund_choices },
  { .id = "refund_other_explain", .section = "personal", .label = N_("Other (explain)"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_FREE_TEXT,
    .gate_field = "refund_method", .gate_value = "other", .max_chars = 200 },
  { .id = "balance_due_method", .section = "personal",
    .label = N_("If you have a balance due, how would you like to make your payment"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .choices = balance_due_choices },
  { .id = "irs_language", .section = "personal",
    .label = N_("Would you like to receive written communications from the IRS in a language other "
                "than English"),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY },
  { .id = "irs_language_which", .section = "personal", .label = N_("What language"),
    .help = N_("The languages the IRS offers on Schedule LEP."),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = lep_language_choices,
    .gate_field = "irs_language", .gate_value = "you,spouse,both" },
  { .id = "pecf", .section = "personal",
    .label = N_("Would you, or your spouse if married filing jointly, like $3 to go to the "
                "Presidential Election Campaign Fund"),
    .help = N_("Checking this does not change your tax or your refund."),
    .type = VITA_FIELD_YOU_SPOUSE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP },

  /* Page 1: marital status. */
  { .id = "marital_status", .section = "marital",
    .label = N_("As of December 31, what was your marital status"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .choices = marital_choices },
  { .id = "married_last_day", .section = "marital",
    .label = N_("Were you married on the last day of the year"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP,
    .gate_field = "marital_status", .gate_value = "married" },
  { .id = "lived_apart", .section = "marital",
    .label = N_("Did you and your spouse live apart all of the last 6 months of the year"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP,
    .gate_field = "marital_status", .gate_value = "married" },
  { .id = "divorce_decree_date", .section = "marital", .label = N_("Date of final decree"),
    .type = VITA_FIELD_DATE, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .gate_field = "marital_status", .gate_value = "divorced" },
  { .id = "separation_decree_date", .section = "marital",
    .label = N_("Date of separate maintenance decree"),
    .type = VITA_FIELD_DATE, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .gate_field = "marital_status", .gate_value = "separated" },
  { .id = "spouse_death_year", .section = "marital", .label = N_("Year of spouse's death"),
    .type = VITA_FIELD_YEAR, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .export_rule = VITA_EXPORT_YEAR_ONLY,
    .gate_field = "marital_status", .gate_value = "widowed" },

  /* Page 1: everyone who lived with the taxpayer or was supported by
   * them.  Name, date of birth and relationship are identity fields. */
  { .id = "dep.months_in_home", .section = "household",
    .label = N_("Number of months lived in your home last year"),
    .help = N_("From 0 to 12. A child born or a person who died during the year counts as 12."),
    .type = VITA_FIELD_COUNT, .klass = VITA_FIELD_CLASS_QUASI_ID,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .scope = VITA_SCOPE_DEPENDENT,
    .max_chars = 2 },
  { .id = "dep.marital_status", .section = "household",
    .label = N_("Single or Married as of 12/31 (S/M)"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .scope = VITA_SCOPE_DEPENDENT,
    .choices = single_married_choices },
  { .id = "dep.us_citizen", .section = "household", .label = N_("U.S. Citizen"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.resident_us_ca_mx", .section = "household",
    .label = N_("Resident of U.S., Canada or Mexico"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.student", .section = "household", .label = N_("Full-time student"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.disabled", .section = "household",
    .label = N_("Totally and permanently disabled"),
    .type = VITA_FIELD_YES_NO, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .scope = VITA_SCOPE_DEPENDENT },
  { .id = "dep.ippin", .section = "household", .label = N_("Issued IPPIN"),
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
  { .id = "dep.income_under_limit", .section = "household",
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
  CLIENT_ITEM ("inc.wages", "income",
               N_("Wages as a part-time or full-time employee"), VITA_CERT_BASIC),
  CLIENT_FOLLOW_UP ("inc.wages.jobs", "income", N_("How many jobs"),
                    VITA_FIELD_COUNT, "inc.wages"),
  CLIENT_ITEM ("inc.tips", "income", N_("Tips"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.retirement", "income",
               N_("Retirement account, pension or annuity proceeds"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.disability", "income",
               N_("Disability benefits (such as payments from insurance and worker's "
                  "compensation)"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.social_security", "income",
               N_("Social Security or Railroad Retirement Benefits"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.unemployment", "income", N_("Unemployment benefits"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.state_refund", "income",
               N_("Refund of state or local income tax"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.interest_dividends", "income",
               N_("Interest or dividends (bank account, bonds, etc.)"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.sale_assets", "income",
               N_("Sale of stocks, bonds or real estate"), VITA_CERT_ADVANCED),
  CLIENT_FOLLOW_UP ("inc.sale_assets.loss_last_year", "income",
                    N_("Did you report a loss on last year's return"),
                    VITA_FIELD_YES_NO, "inc.sale_assets"),
  CLIENT_ITEM ("inc.alimony", "income", N_("Alimony"), VITA_CERT_BASIC),
  /* (A/M): Military unless the follow-up says it is a personal residence
   * rented for fewer than 15 days (vita-certification.c). */
  CLIENT_ITEM ("inc.rental", "income",
               N_("Income from renting out your house or a room in your house"),
               VITA_CERT_MILITARY),
  CLIENT_FOLLOW_UP ("inc.rental.personal_under_15", "income",
                    N_("Did you use the dwelling unit as a personal residence and rent it for "
                       "fewer than 15 days"),
                    VITA_FIELD_YES_NO, "inc.rental"),
  CLIENT_ITEM ("inc.personal_property_rental", "income",
               N_("Income from renting personal property such as a vehicle"), VITA_CERT_NONE),
  CLIENT_ITEM ("inc.gambling", "income",
               N_("Gambling winnings, including lottery"), VITA_CERT_BASIC),
  CLIENT_ITEM ("inc.self_employment", "income",
               N_("Payments for contract or self-employment work"), VITA_CERT_ADVANCED),
  CLIENT_FOLLOW_UP ("inc.self_employment.loss_last_year", "income",
                    N_("Did you report a loss on last year's return"),
                    VITA_FIELD_YES_NO, "inc.self_employment"),
  CLIENT_ITEM ("inc.other", "income",
               N_("Any other money received during the year? (example: cash payments, jury duty, "
                  "awards, digital assets, royalties, union strike benefits)"),
               VITA_CERT_NONE),

  /* Page 2: "Income to be included", certified volunteer side. */
  VOLUNTEER_ITEM ("vinc.w2", "income", N_("W-2s"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.w2.count", "income", N_("Number of W-2s"), "vinc.w2"),
  /* (B/A) items start Basic; the detail question below them is what makes
   * them Advanced (see vita-certification.c). */
  VOLUNTEER_ITEM ("vinc.tips", "income", N_("Tips (Basic when reported on W2)"),
                  VITA_CERT_BASIC),
  VOLUNTEER_YES_NO ("vinc.tips.on_w2", "income", N_("All tips are reported on Form W-2"),
                    "vinc.tips"),
  VOLUNTEER_ITEM ("vinc.1099r", "income",
                  N_("1099-R (Basic when taxable amount is reported)"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099r.count", "income", N_("Number of 1099-Rs"), "vinc.1099r"),
  VOLUNTEER_YES_NO ("vinc.1099r.taxable_reported", "income",
                    N_("The taxable amount is reported on every 1099-R"), "vinc.1099r"),
  VOLUNTEER_ITEM ("vinc.qcd", "income",
                  N_("Qualified Charitable Distribution From 1099-R"), VITA_CERT_ADVANCED),
  VOLUNTEER_AMOUNT ("vinc.qcd.amount", "income",
                    N_("Qualified Charitable Distribution amount"), "vinc.qcd"),
  VOLUNTEER_ITEM ("vinc.disability", "income", N_("Disability benefits on 1099-R or W-2"),
                  VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.disability.count", "income",
                   N_("Number of disability benefit forms"), "vinc.disability"),
  VOLUNTEER_ITEM ("vinc.ssa", "income", N_("SSA-1099, RRB-1099"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.ssa.count", "income", N_("Number of SSA-1099s and RRB-1099s"),
                   "vinc.ssa"),
  VOLUNTEER_ITEM ("vinc.1099g", "income", N_("1099-G"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099g.count", "income", N_("Number of 1099-Gs"), "vinc.1099g"),
  VOLUNTEER_ITEM ("vinc.refund", "income", N_("Refund"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vinc.refund.amount", "income", N_("Refund amount"), "vinc.refund"),
  VOLUNTEER_ITEM ("vinc.itemized_last_year", "income", N_("Itemized last year"),
                  VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vinc.1099int", "income", N_("1099-INT"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099int.count", "income", N_("Number of 1099-INTs"), "vinc.1099int"),
  VOLUNTEER_ITEM ("vinc.1099div", "income", N_("1099-DIV"), VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.1099div.count", "income", N_("Number of 1099-DIVs"), "vinc.1099div"),
  VOLUNTEER_ITEM ("vinc.1099b", "income", N_("1099-B (include brokerage statement)"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_COUNT ("vinc.1099b.count", "income", N_("Number of 1099-Bs"), "vinc.1099b"),
  VOLUNTEER_ITEM ("vinc.capital_loss_carryover", "income", N_("Capital loss carryover"),
                  VITA_CERT_NONE),
  VOLUNTEER_ITEM ("vinc.alimony", "income", N_("Alimony"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vinc.alimony.amount", "income", N_("Alimony amount"), "vinc.alimony"),
  VOLUNTEER_YES_NO ("vinc.alimony.excluded", "income", N_("Excluded from income"),
                    "vinc.alimony"),
  VOLUNTEER_ITEM ("vinc.rental", "income",
                  N_("Rental income (Advanced when the dwelling is a personal residence and rented "
                     "for fewer than 15 days)"),
                  VITA_CERT_MILITARY),
  VOLUNTEER_AMOUNT ("vinc.rental.expense_amount", "income", N_("Rental expense"),
                    "vinc.rental"),
  VOLUNTEER_ITEM ("vinc.w2g", "income",
                  N_("W-2G or other gambling winnings (list losses below if taxpayer can itemize "
                     "deductions)"),
                  VITA_CERT_BASIC),
  VOLUNTEER_COUNT ("vinc.w2g.count", "income", N_("Number of W-2Gs"), "vinc.w2g"),
  VOLUNTEER_ITEM ("vinc.schedule_c", "income", N_("Schedule C"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vinc.1099misc", "income", N_("1099-MISC"), VITA_CERT_NONE),
  VOLUNTEER_COUNT ("vinc.1099misc.count", "income", N_("Number of 1099-MISCs"),
                   "vinc.1099misc"),
  VOLUNTEER_ITEM ("vinc.1099nec", "income", N_("1099-NEC"), VITA_CERT_NONE),
  VOLUNTEER_COUNT ("vinc.1099nec.count", "income", N_("Number of 1099-NECs"), "vinc.1099nec"),
  VOLUNTEER_ITEM ("vinc.1099k", "income", N_("1099-K"), VITA_CERT_NONE),
  VOLUNTEER_COUNT ("vinc.1099k.count", "income", N_("Number of 1099-Ks"), "vinc.1099k"),
  VOLUNTEER_ITEM ("vinc.other_reported", "income", N_("Other income reported elsewhere"),
                  VITA_CERT_NONE),
  VOLUNTEER_AMOUNT ("vinc.schedule_c.expenses", "income", N_("Schedule C expenses"),
                    "vinc.schedule_c"),
  VOLUNTEER_ITEM ("vinc.other_income", "income",
                  N_("Other income (see Pub 4012 for guidance on other income, i.e., scope of "
                     "service chart)"),
                  VITA_CERT_NONE),
  VOLUNTEER_NOTES ("vinc.notes", "income"),

  /* Page 3, block A: "Paid any of the following expenses to itemize". */
  CLIENT_ITEM ("exp.mortgage_interest", "expenses", N_("Mortgage Interest"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("exp.taxes", "expenses", N_("Taxes: state, local, real estate, sales, etc."),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("exp.medical", "expenses", N_("Medical, dental, prescription expenses"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("exp.charitable", "expenses", N_("Charitable contributions"),
               VITA_CERT_ADVANCED),
  /* Volunteer side: "Standard or Itemized Deductions". */
  VOLUNTEER_ITEM ("vexp.1098", "expenses", N_("1098"), VITA_CERT_ADVANCED),
  VOLUNTEER_COUNT ("vexp.1098.count", "expenses", N_("Number of 1098s"), "vexp.1098"),
  VOLUNTEER_ITEM ("vexp.standard_deduction", "expenses", N_("Standard deduction"),
                  VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vexp.itemized_deduction", "expenses", N_("Itemized deduction"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_NOTES ("vexp.itemized_notes", "expenses"),

  /* Page 3, block B: "Paid any of these expenses". */
  CLIENT_ITEM ("exp.student_loan_interest", "expenses", N_("Student loan interest"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.child_care", "expenses", N_("Child and dependent care"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.retirement_contributions", "expenses",
               N_("Contributions to a retirement account"), VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.educator", "expenses",
               N_("School supplies by a teacher, teacher's aide or other educator"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("exp.alimony_paid", "expenses",
               N_("Alimony payments (do not include child support)"), VITA_CERT_BASIC),
  /* Volunteer side: "Expenses to report". */
  VOLUNTEER_ITEM ("vexp.1098e", "expenses", N_("1098-E"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vexp.child_care_credit", "expenses",
                  N_("Child and dependent care credit"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vexp.ira", "expenses", N_("IRA (Basic if a Roth IRA or 401K)"),
                  VITA_CERT_BASIC),
  { .id = "vexp.ira.kind", .section = "expenses", .label = N_("Kind of retirement account"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE,
    .gate_field = "vexp.ira", .gate_value = "yes", .choices = ira_kind_choices },
  VOLUNTEER_ITEM ("vexp.educator", "expenses", N_("Educator expenses deduction"),
                  VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vexp.educator.amount", "expenses", N_("Educator expenses amount"),
                    "vexp.educator"),
  VOLUNTEER_ITEM ("vexp.alimony_paid", "expenses",
                  N_("Alimony payments with spouse's SSN"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vexp.alimony_paid.amount", "expenses", N_("Alimony paid amount"),
                    "vexp.alimony_paid"),
  VOLUNTEER_YES_NO ("vexp.alimony_paid.adjustment", "expenses", N_("Adjustment to income"),
                    "vexp.alimony_paid"),
  VOLUNTEER_NOTES ("vexp.notes", "expenses"),

  /* Page 3, block C: "Did any of the following happen". */
  CLIENT_ITEM ("evt.education", "events",
               N_("You or someone in your family took educational classes (technical school, "
                  "college, job related, etc.)"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("evt.home_sale", "events", N_("Sell a home"), VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.hsa", "events", N_("Have a health savings account (HSA)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.marketplace", "events",
               N_("Purchase health insurance through the Marketplace (Exchange)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.energy", "events",
               N_("Purchase and install energy-efficient home items (example: windows, furnace, "
                  "insulation, etc.)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.other", "events", N_("Other (example: purchased a new vehicle, etc.)"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.debt_forgiven", "events",
               N_("Have credit card, mortgage, or other debt cancelled/forgiven by a lender"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.disaster_loss", "events",
               N_("Have a loss related to a declared Federal disaster area"),
               VITA_CERT_ADVANCED),
  CLIENT_ITEM ("evt.credit_disallowed", "events",
               N_("Have a tax credit disallowed (example: earned income credit, child tax credit, "
                  "or American opportunity credit)"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("evt.irs_letter", "events", N_("Receive any letter or bill from the IRS"),
               VITA_CERT_NONE),
  CLIENT_ITEM ("evt.estimated_payments", "events",
               N_("Make estimated tax payments or apply last year's refund to this year's taxes"),
               VITA_CERT_BASIC),
  CLIENT_ITEM ("evt.brought_last_return", "events", N_("Brought last year's return"),
               VITA_CERT_NONE),
  /* Volunteer side: "Information to report". */
  VOLUNTEER_ITEM ("vevt.scholarship", "events", N_("Taxable scholarship income"),
                  VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vevt.1098t", "events",
                  N_("1098-T (itemized statement from school, invoice, etc.)"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vevt.education_credit", "events",
                  N_("Education credit or tuition and fees deduction"), VITA_CERT_BASIC),
  VOLUNTEER_ITEM ("vevt.home_sale", "events", N_("Sale of home (1099-S)"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.hsa_contributions", "events", N_("HSA contributions"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.hsa_distributions", "events", N_("HSA distributions"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.1095a", "events", N_("1095-A"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.energy_credit", "events",
                  N_("Energy efficient home improvement credit (Form 5695, Part II only)"),
                  VITA_CERT_ADVANCED),
  { .id = "vevt.vin", .section = "events", .label = N_("VIN #"),
    .help = N_("The 17-character vehicle identification number."),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_DIRECT_ID,
    .volunteer_only = TRUE, .gate_field = "evt.other", .gate_value = "yes",
    .max_chars = 17 },
  VOLUNTEER_ITEM ("vevt.1099c", "events", N_("1099-C"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.1099a", "events", N_("1099-A"), VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.disaster_relief", "events", N_("Disaster relief impacts return"),
                  VITA_CERT_ADVANCED),
  VOLUNTEER_ITEM ("vevt.disallowed", "events",
                  N_("EITC, CTC, AOTC or HOH disallowed in a previous year"), VITA_CERT_BASIC),
  { .id = "vevt.disallowed.year", .section = "events", .label = N_("Year disallowed"),
    .type = VITA_FIELD_YEAR, .klass = VITA_FIELD_CLASS_SAFE,
    .export_rule = VITA_EXPORT_KEEP, .volunteer_only = TRUE,
    .gate_field = "vevt.disallowed", .gate_value = "yes" },
  { .id = "vevt.disallowed.reason", .section = "events", .label = N_("Reason"),
    .type = VITA_FIELD_TEXT, .klass = VITA_FIELD_CLASS_FREE_TEXT,
    .volunteer_only = TRUE, .gate_field = "vevt.disallowed", .gate_value = "yes",
    .max_chars = 200 },
  VOLUNTEER_ITEM ("vevt.litc_referral", "events",
                  N_("Eligible for Low Income Taxpayer Clinic referral"), VITA_CERT_NONE),
  VOLUNTEER_ITEM ("vevt.estimated_payments", "events", N_("Estimated tax payments"),
                  VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vevt.estimated_payments.amount", "events",
                    N_("Estimated tax payments amount"), "vevt.estimated_payments"),
  VOLUNTEER_ITEM ("vevt.refund_applied", "events",
                  N_("Last year's refund applied to this year"), VITA_CERT_BASIC),
  VOLUNTEER_AMOUNT ("vevt.refund_applied.amount", "events",
                    N_("Refund applied amount"), "vevt.refund_applied"),
  VOLUNTEER_ITEM ("vevt.last_return_available", "events", N_("Last year's return available"),
                  VITA_CERT_NONE),
  VOLUNTEER_NOTES ("vevt.notes", "events"),

  /* Page 4: optional statistics.  Not part of the return and never sent
   * to the IRS; the export only ever counts them. */
  { .id = "opt.english_conversation", .section = "optional",
    .label = N_("Would you say you can carry on a conversation in English"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = english_choices },
  { .id = "opt.english_reading", .section = "optional",
    .label = N_("Would you say you can read a newspaper in English"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = english_choices },
  { .id = "opt.household_disability", .section = "optional",
    .label = N_("Do you or any member of your household have a disability"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = yes_no_prefer_choices },
  { .id = "opt.veteran", .section = "optional",
    .label = N_("Are you or your spouse a Veteran of the U.S. Armed Forces"),
    .type = VITA_FIELD_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .choices = yes_no_prefer_choices },
  /* Asked of the taxpayer and, on its own line, of the spouse. */
  { .id = "opt.race_ethnicity", .section = "optional",
    .label = N_("What is your race and/or ethnicity? Select all that apply"),
    .help = N_("Leave it empty if you prefer not to answer."),
    .type = VITA_FIELD_MULTI_CHOICE, .klass = VITA_FIELD_CLASS_SENSITIVE,
    .export_rule = VITA_EXPORT_AGGREGATE_ONLY, .scope = VITA_SCOPE_PERSON,
    .choices = race_choices },

  /* Page 5. */
  { .id = "notes", .section = "notes", .label = N_("Additional Notes/Comments"),
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

      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
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
  const char *tin_type;

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
      if (person < VITA_PERSON_TAXPAYER)
        return FALSE;
      tin_type = vita_household_get (household, person, "tin_type");
      return g_strcmp0 (tin_type, "needs_itin") == 0 || g_strcmp0 (tin_type, "renew_itin") == 0;

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
  if (g_str_equal (field->id, "dep.months_in_home") &&
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

  *n_fields = G_N_ELEMENTS (fields);
  return fields;
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
      if (ok && g_strcmp0 (field->id, "tax_year") == 0)
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
