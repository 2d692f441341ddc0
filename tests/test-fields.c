/* test-fields.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "vita-field.h"
#include "vita-field-private.h"
#include "vita-household.h"
#include "vita-retention.h"
#include "vita-validate.h"

/* The catalogue is data; these tests are its schema.  A new entry that
 * forgets a label, gates on a typo or leaks an identifier into the export
 * fails here.  All names and numbers are made up. */

/* The section ids are page names and stable: the GUI and the tests name
 * pages by them. */
static const char *sections[] = {
  "identity", "personal", "marital", "household", "income", "expenses", "events",
  "optional", "notes", "w7", "documents", NULL
};

static gboolean
is_choice_type (VitaFieldType type)
{
  return type == VITA_FIELD_CHOICE || type == VITA_FIELD_MULTI_CHOICE;
}

static void
test_ids_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  g_assert_cmpuint (n, >, 300);
  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (fields[i].id);
      if (!g_hash_table_add (seen, (gpointer) fields[i].id))
        g_error ("duplicate field id %s", fields[i].id);
      g_assert_true (vita_field_lookup (fields[i].id) == &fields[i]);
    }
  g_assert_null (vita_field_lookup ("no.such.field"));
  g_assert_null (vita_field_lookup (""));
}

static void
test_ids_well_formed (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const char *id = fields[i].id;

      for (const char *p = id; *p != '\0'; p++)
        {
          if (!(g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_' || *p == '.'))
            g_error ("field id %s has character '%c'", id, *p);
        }
      g_assert_false (g_str_has_prefix (id, "."));
      g_assert_false (g_str_has_suffix (id, "."));
      g_assert_null (strstr (id, ".."));

      /* The prefix tells the store and the export what a key is. */
      if (fields[i].section == VITA_SECTION_W7)
        g_assert_true (g_str_has_prefix (id, "w7."));
      if (g_str_has_prefix (id, "w7."))
        g_assert_cmpint (fields[i].section, ==, VITA_SECTION_W7);
      if (g_str_has_prefix (id, "doc."))
        g_assert_cmpint (fields[i].section, ==, VITA_SECTION_DOCUMENTS);
    }
}

static void
test_labels (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      if (fields[i].label == NULL || *fields[i].label == '\0')
        g_error ("field %s has no label", fields[i].id);
      g_assert_true (g_utf8_validate (fields[i].label, -1, NULL));
      /* Labels are shown as they are; a format directive would print raw. */
      g_assert_null (strstr (fields[i].label, "%s"));
      g_assert_null (strstr (fields[i].label, "%d"));
      g_assert_null (strstr (fields[i].label, "%u"));
      if (fields[i].help != NULL)
        {
          g_assert_cmpuint (strlen (fields[i].help), >, 0);
          g_assert_null (strstr (fields[i].help, "%s"));
        }
    }
}

static void
test_sections (void)
{
  guint counts[VITA_N_SECTIONS] = { 0 };
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      if ((guint) fields[i].section >= VITA_N_SECTIONS)
        g_error ("field %s has unknown section %d", fields[i].id, fields[i].section);
      counts[fields[i].section]++;
    }

  g_assert_cmpuint (g_strv_length ((char **) sections), ==, VITA_N_SECTIONS);
  for (guint i = 0; i < VITA_N_SECTIONS; i++)
    {
      const char *title = vita_field_section_get_title (i);

      g_test_message ("section %s: %u fields", sections[i], counts[i]);
      g_assert_cmpstr (vita_field_section_get_id (i), ==, sections[i]);
      g_assert_nonnull (title);
      g_assert_cmpuint (strlen (title), >, 0);
      g_assert_cmpuint (counts[i], >, 0);
    }
}

/* Every block heading belongs to a field that exists, so a renamed or
 * mistyped id cannot drop a heading from the interview unnoticed. */
static void
test_group_headings (void)
{
  guint n, n_groups, n_headed = 0;
  const VitaField *fields = vita_fields_get_all (&n);
  const VitaFieldGroup *groups = _vita_field_groups (&n_groups);

  for (guint i = 0; i < n_groups; i++)
    g_assert_nonnull (vita_field_lookup (groups[i].field_id));

  for (guint i = 0; i < n; i++)
    {
      const char *title = NULL;
      const char *description = NULL;

      if (!vita_field_get_group_heading (&fields[i], &title, &description))
        continue;
      n_headed++;
      g_assert_nonnull (title);
      g_assert_cmpuint (strlen (title), >, 0);
    }
  g_assert_cmpuint (n_headed, ==, n_groups);
}

static void
test_choices (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GHashTable) seen = NULL;
      guint n_choices = 0;

      if (!is_choice_type (fields[i].type))
        {
          if (fields[i].choices != NULL)
            g_error ("field %s has choices but is not a choice field", fields[i].id);
          continue;
        }

      if (fields[i].choices == NULL || fields[i].choices[0].id == NULL)
        g_error ("choice field %s has no choices", fields[i].id);

      seen = g_hash_table_new (g_str_hash, g_str_equal);
      for (const VitaChoice *c = fields[i].choices; c->id != NULL; c++)
        {
          g_assert_true (g_hash_table_add (seen, (gpointer) c->id));
          g_assert_nonnull (c->label);
          g_assert_cmpuint (strlen (c->label), >, 0);
          g_assert_null (strchr (c->id, ','));
          g_assert_nonnull (vita_field_get_choice_label (&fields[i], c->id));
          n_choices++;
        }
      /* A multi-choice value is a bit set of at most 64. */
      g_assert_cmpuint (n_choices, <=, 64);
      if (fields[i].type == VITA_FIELD_CHOICE)
        g_assert_cmpuint (n_choices, >=, 2);
    }
}

static gboolean
gate_has_cycle (const VitaField *field)
{
  for (guint depth = 0; depth < 8; depth++)
    {
      if (field->gate_field == NULL)
        return FALSE;
      field = vita_field_lookup (field->gate_field);
      g_assert_nonnull (field);
    }
  return TRUE;
}

static void
test_gates (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const VitaField *gate;
      g_auto(GStrv) values = NULL;

      if (fields[i].gate_field == NULL)
        {
          g_assert_null (fields[i].gate_value);
          continue;
        }

      gate = vita_field_lookup (fields[i].gate_field);
      if (gate == NULL)
        g_error ("field %s gates on missing field %s", fields[i].id, fields[i].gate_field);
      g_assert_true (gate != &fields[i]);
      g_assert_nonnull (fields[i].gate_value);
      g_assert_false (gate_has_cycle (&fields[i]));

      /* The gate is read from the household slot or the same person. */
      g_assert_true (gate->scope == VITA_SCOPE_HOUSEHOLD || gate->scope == fields[i].scope);

      /* Every accepted value must be a value the gate can hold, so a typo
       * in a gate ("Yes", "maried") cannot hide a question for ever. */
      values = g_strsplit (fields[i].gate_value, ",", -1);
      for (guint v = 0; values[v] != NULL; v++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *normalized = NULL;

          if (!vita_field_normalize_value (gate, values[v], &normalized, &error))
            g_error ("gate value %s of %s is not valid for %s: %s",
                     values[v], fields[i].id, gate->id, error->message);
          g_assert_cmpstr (normalized, ==, values[v]);
        }
    }
}

static void
test_never_keep_unless_safe (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      if (fields[i].export_rule == VITA_EXPORT_KEEP && fields[i].klass != VITA_FIELD_CLASS_SAFE)
        g_error ("field %s is %s but exported as is", fields[i].id,
                 vita_field_class_to_string (fields[i].klass));
    }
}

/* Rules by type or by prefix that hold over the whole table. */
static void
test_classification_by_type (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      const VitaField *f = &fields[i];

      switch ((int) f->type)
        {
        case VITA_FIELD_TIN:
        case VITA_FIELD_EIN:
        case VITA_FIELD_PHONE:
        case VITA_FIELD_EMAIL:
        case VITA_FIELD_NAME:
          g_assert_cmpint (f->klass, ==, VITA_FIELD_CLASS_DIRECT_ID);
          g_assert_cmpint (f->export_rule, ==, VITA_EXPORT_DROP);
          break;
        case VITA_FIELD_NOTES:
          g_assert_cmpint (f->klass, ==, VITA_FIELD_CLASS_FREE_TEXT);
          g_assert_cmpint (f->export_rule, ==, VITA_EXPORT_DROP);
          break;
        case VITA_FIELD_COUNTRY:
          g_assert_cmpint (f->export_rule, ==, VITA_EXPORT_DROP);
          break;
        case VITA_FIELD_TEXT:
          /* Typed text can hold anything; it never leaves as typed. */
          g_assert_cmpint (f->export_rule, ==, VITA_EXPORT_DROP);
          break;
        case VITA_FIELD_ZIP:
          g_assert_cmpint (f->export_rule, ==, VITA_EXPORT_ZIP3);
          break;
        case VITA_FIELD_DATE:
          g_assert_true (f->export_rule == VITA_EXPORT_DROP ||
                         f->export_rule == VITA_EXPORT_AGE_BAND);
          break;
        default:
          break;
        }

      if (f->klass == VITA_FIELD_CLASS_FREE_TEXT || f->klass == VITA_FIELD_CLASS_DIRECT_ID)
        g_assert_true (f->export_rule == VITA_EXPORT_DROP ||
                       f->export_rule == VITA_EXPORT_AGE_BAND);
      if (f->export_rule == VITA_EXPORT_AGE_BAND)
        g_assert_cmpint (f->type, ==, VITA_FIELD_DATE);
      if (f->scope == VITA_SCOPE_W7 || g_str_has_prefix (f->id, "w7.") ||
          g_str_has_prefix (f->id, "doc."))
        {
          g_assert_cmpint (f->scope, ==, VITA_SCOPE_W7);
          g_assert_cmpint (f->export_rule, ==, VITA_EXPORT_DROP);
        }
      if (f->klass == VITA_FIELD_CLASS_SAFE)
        g_assert_cmpint (f->export_rule, ==, VITA_EXPORT_KEEP);
    }
}

typedef struct
{
  const char     *id;
  VitaFieldClass  klass;
  VitaExportRule  rule;
} ClassCase;

#define DIRECT VITA_FIELD_CLASS_DIRECT_ID
#define QUASI VITA_FIELD_CLASS_QUASI_ID
#define SENSITIVE VITA_FIELD_CLASS_SENSITIVE
#define FREE VITA_FIELD_CLASS_FREE_TEXT
#define SAFE VITA_FIELD_CLASS_SAFE
#define DROP VITA_EXPORT_DROP
#define KEEP VITA_EXPORT_KEEP
#define AGGREGATE VITA_EXPORT_AGGREGATE_ONLY

static const ClassCase class_cases[] = {
  { "first_name", DIRECT, DROP },
  { "middle_name", DIRECT, DROP },
  { "last_name", DIRECT, DROP },
  { "native_name", DIRECT, DROP },
  { "alt_romanization", DIRECT, DROP },
  { "dob", DIRECT, VITA_EXPORT_AGE_BAND },
  { "tin", DIRECT, DROP },
  { "tin_type", SENSITIVE, DROP },
  { "relationship", QUASI, DROP },
  { "address.street", DIRECT, DROP },
  { "address.apt", DIRECT, DROP },
  { "address.city", QUASI, DROP },
  { "address.state", QUASI, DROP },
  { "address.zip", QUASI, VITA_EXPORT_ZIP3 },
  { "phone", DIRECT, DROP },
  { "email", DIRECT, DROP },
  { "job_title", QUASI, DROP },
  { "us_citizen", SENSITIVE, DROP },
  { "on_visa", SENSITIVE, DROP },
  { "legally_blind", SENSITIVE, AGGREGATE },
  { "disabled", SENSITIVE, AGGREGATE },
  { "ippin", SENSITIVE, AGGREGATE },
  { "irs_language", SENSITIVE, AGGREGATE },
  { "irs_language_which", SENSITIVE, AGGREGATE },
  { "refund_other_explain", FREE, DROP },
  { "divorce_decree_date", QUASI, DROP },
  { "separation_decree_date", QUASI, DROP },
  { "dep.us_citizen", SENSITIVE, DROP },
  { "dep.disabled", SENSITIVE, AGGREGATE },
  { "dep.ippin", SENSITIVE, AGGREGATE },
  { "opt.english_conversation", SENSITIVE, AGGREGATE },
  { "opt.english_reading", SENSITIVE, AGGREGATE },
  { "opt.household_disability", SENSITIVE, AGGREGATE },
  { "opt.veteran", SENSITIVE, AGGREGATE },
  { "opt.race_ethnicity", SENSITIVE, AGGREGATE },
  { "notes", FREE, DROP },
  { "vinc.notes", FREE, DROP },
  { "vevt.disallowed.reason", FREE, DROP },
  { "vevt.vin", DIRECT, DROP },
  { "w7.reason_h_text", FREE, DROP },
  { "w7.id_doc.other", FREE, DROP },
  { "w7.us_person_tin", DIRECT, DROP },
  { "w7.us_person_name", DIRECT, DROP },
  { "w7.prev.itin", DIRECT, DROP },
  { "w7.prev.irsn", DIRECT, DROP },
  { "w7.foreign_tax_id", DIRECT, DROP },
  { "w7.visa.number", DIRECT, DROP },
  { "w7.visa.type", SENSITIVE, DROP },
  { "w7.citizenship", SENSITIVE, DROP },
  { "w7.birth_country", QUASI, DROP },
  { "w7.id_doc.number", DIRECT, DROP },
  { "w7.college.name", DIRECT, DROP },
  { "doc.passport.number", DIRECT, DROP },
  { "doc.national_id.number", DIRECT, DROP },
  { "multi_state", SAFE, KEEP },
  { "marital_status", SAFE, KEEP },
  { "inc.wages", SAFE, KEEP },
  { "inc.wages.jobs", SAFE, KEEP },
  { "vinc.w2.count", SAFE, KEEP },
  { "exp.child_care", SAFE, KEEP },
  { "evt.hsa", SAFE, KEEP },
  { "refund_method", SAFE, KEEP },
  { "dep.qualifying_other", SAFE, KEEP },
};

static void
test_classification_case (gconstpointer data)
{
  const ClassCase *c = data;
  const VitaField *f = vita_field_lookup (c->id);

  g_assert_nonnull (f);
  g_assert_cmpstr (vita_field_class_to_string (f->klass), ==,
                   vita_field_class_to_string (c->klass));
  g_assert_cmpstr (vita_export_rule_to_string (f->export_rule), ==,
                   vita_export_rule_to_string (c->rule));
}

static void
test_class_names (void)
{
  g_assert_cmpstr (vita_field_class_to_string (VITA_FIELD_CLASS_DIRECT_ID), ==, "direct_id");
  g_assert_cmpstr (vita_field_class_to_string (VITA_FIELD_CLASS_QUASI_ID), ==, "quasi_id");
  g_assert_cmpstr (vita_field_class_to_string (VITA_FIELD_CLASS_SENSITIVE), ==, "sensitive");
  g_assert_cmpstr (vita_field_class_to_string (VITA_FIELD_CLASS_FREE_TEXT), ==, "free_text");
  g_assert_cmpstr (vita_field_class_to_string (VITA_FIELD_CLASS_SAFE), ==, "safe");
  g_assert_cmpstr (vita_export_rule_to_string (VITA_EXPORT_ZIP3), ==, "zip3");
  g_assert_cmpstr (vita_export_rule_to_string (VITA_EXPORT_AGGREGATE_ONLY), ==, "aggregate_only");
}

/* The B/A/M codes sit only on household-wide checkboxes. */
static void
test_cert_fields (void)
{
  guint n, n_coded = 0;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      if (fields[i].cert == VITA_CERT_NONE)
        continue;
      n_coded++;
      g_assert_cmpint (fields[i].type, ==, VITA_FIELD_YES_NO);
      g_assert_cmpint (fields[i].scope, ==, VITA_SCOPE_HOUSEHOLD);
      g_assert_cmpint (fields[i].klass, ==, VITA_FIELD_CLASS_SAFE);
      g_assert_true (vita_field_section_has_coded_items (fields[i].section));
    }
  g_assert_cmpuint (n_coded, >=, 60);
  g_assert_cmpint (vita_field_lookup ("inc.wages")->cert, ==, VITA_CERT_BASIC);
  g_assert_cmpint (vita_field_lookup ("inc.sale_assets")->cert, ==, VITA_CERT_ADVANCED);
  g_assert_cmpint (vita_field_lookup ("inc.rental")->cert, ==, VITA_CERT_MILITARY);
  g_assert_true (vita_field_lookup ("vinc.w2")->volunteer_only);
  g_assert_false (vita_field_lookup ("inc.wages")->volunteer_only);
  g_assert_true (vita_field_lookup ("dep.home_cost")->volunteer_only);
}

/* Ids other parts of the program (HACKING.md, the store, the rules) rely on. */
static const char *required_ids[] = {
  "first_name", "middle_name", "last_name", "suffix", "native_name", "alt_romanization",
  "dob", "relationship", "tin_type", "tin",
  "job_title", "phone", "address.street", "address.apt", "address.city", "address.state",
  "address.zip", "email", "multi_state", "claimed_by_other", "us_citizen", "on_visa",
  "full_time_student", "legally_blind", "disabled", "ippin", "digital_assets",
  "refund_method", "balance_due_method", "irs_language", "irs_language_which", "pecf",
  "marital_status", "married_last_day", "lived_apart", "divorce_decree_date",
  "separation_decree_date", "spouse_death_year",
  "dep.months_in_home", "dep.marital_status", "dep.us_citizen", "dep.resident_us_ca_mx",
  "dep.student", "dep.disabled", "dep.ippin", "dep.qualifying_other", "dep.own_support",
  "dep.income_under_limit", "dep.taxpayer_support", "dep.home_cost",
  "opt.english_conversation", "opt.english_reading", "opt.household_disability",
  "opt.veteran", "opt.race_ethnicity", "notes",
  "w7.application_type", "w7.reasons", "w7.treaty_country", "w7.treaty_article",
  "w7.reason_h_text", "w7.d_relationship", "w7.us_person_name", "w7.us_person_tin",
  "w7.name.first", "w7.name.middle", "w7.name.last", "w7.birth_name.first",
  "w7.birth_name.last", "w7.mail.street", "w7.mail.city", "w7.mail.country",
  "w7.foreign.street", "w7.foreign.city", "w7.foreign.country", "w7.dob",
  "w7.birth_country", "w7.birth_city", "w7.gender", "w7.citizenship", "w7.foreign_tax_id",
  "w7.visa.type", "w7.visa.number", "w7.visa.expiry", "w7.id_doc.type", "w7.id_doc.issuer",
  "w7.id_doc.number", "w7.id_doc.expiry", "w7.entry_date", "w7.prev_tin", "w7.prev.itin",
  "w7.prev.irsn", "w7.prev.first", "w7.prev.last", "w7.college.name",
  "w7.college.city_state", "w7.college.length_of_stay", "w7.signer", "w7.delegate.name",
  "w7.delegate.relationship", "w7.doc_verification",
  "doc.passport", "doc.passport.issuer", "doc.passport.number", "doc.passport.expiry",
  "doc.passport.copy", "doc.passport.verified_by", "doc.uscis_photo_id", "doc.us_visa",
  "doc.us_drivers_license", "doc.us_military_id", "doc.foreign_drivers_license",
  "doc.foreign_military_id", "doc.national_id", "doc.us_state_id",
  "doc.foreign_voter_card", "doc.birth_certificate", "doc.medical_records",
  "doc.school_records",
};

static void
test_required_ids (void)
{
  const VitaField *reasons;

  for (guint i = 0; i < G_N_ELEMENTS (required_ids); i++)
    {
      if (vita_field_lookup (required_ids[i]) == NULL)
        g_error ("missing field %s", required_ids[i]);
    }

  reasons = vita_field_lookup ("w7.reasons");
  g_assert_cmpint (reasons->type, ==, VITA_FIELD_MULTI_CHOICE);
  for (char box = 'a'; box <= 'h'; box++)
    {
      char id[2] = { box, '\0' };

      g_assert_nonnull (vita_field_get_choice_label (reasons, id));
    }
  g_assert_null (vita_field_get_choice_label (reasons, "i"));
  g_assert_cmpint (vita_field_lookup ("tin_type")->scope, ==, VITA_SCOPE_EVERY_PERSON);
  g_assert_cmpint (vita_field_lookup ("relationship")->scope, ==, VITA_SCOPE_DEPENDENT);
  g_assert_cmpint (vita_field_lookup ("job_title")->scope, ==, VITA_SCOPE_PERSON);
}

/* Value checks and canonical forms. */
typedef struct
{
  const char *id;
  const char *input;
  gboolean    ok;
  const char *normalized; /* checked when ok; NULL: not compared */
} ValueCase;

static const ValueCase value_cases[] = {
  { "first_name", "María José", TRUE, "María José" },
  { "first_name", "  Ana  ", TRUE, "Ana" },
  { "first_name", "J0hn", FALSE, NULL },
  { "last_name", "García-López", TRUE, "García-López" },
  { "native_name", "김민준", TRUE, "김민준" },
  { "first_name", "", TRUE, NULL },
  { "first_name", "   ", TRUE, NULL },
  { "first_name", "Abcdefghijabcdefghijabcdefghijabcdef", FALSE, NULL },
  { "suffix", "JR", TRUE, "jr" },
  { "suffix", "esq", FALSE, NULL },
  { "dob", "03/25/1990", TRUE, "1990-03-25" },
  { "dob", "1990-03-25", TRUE, "1990-03-25" },
  { "dob", "25/03/1990", FALSE, NULL },
  { "dob", "2999-01-01", FALSE, NULL },
  { "w7.dob", "2999-01-01", FALSE, NULL },
  { "divorce_decree_date", "2024-02-29", TRUE, "2024-02-29" },
  { "divorce_decree_date", "2023-02-29", FALSE, NULL },
  { "w7.entry_date", "1/5/2019", TRUE, "2019-01-05" },
  { "spouse_death_year", "2023", TRUE, "2023" },
  { "spouse_death_year", "23", FALSE, NULL },
  { "spouse_death_year", "1899", FALSE, NULL },
  { "spouse_death_year", "20x3", FALSE, NULL },
  { "multi_state", "yes", TRUE, "yes" },
  { "multi_state", "YES", TRUE, "yes" },
  { "multi_state", "na", FALSE, NULL },
  { "multi_state", "maybe", FALSE, NULL },
  { "dep.qualifying_other", "na", TRUE, "na" },
  { "dep.qualifying_other", "unsure", FALSE, NULL },
  { "us_citizen", "both", TRUE, "both" },
  { "us_citizen", "spouse", TRUE, "spouse" },
  { "us_citizen", "yes", FALSE, NULL },
  { "marital_status", "Married", TRUE, "married" },
  { "marital_status", "single", FALSE, NULL },
  { "irs_language_which", "zh-hant", TRUE, "zh-Hant" },
  { "irs_language_which", "en", FALSE, NULL },
  { "w7.reasons", "h,a", TRUE, "a,h" },
  { "w7.reasons", " f , h ", TRUE, "f,h" },
  { "w7.reasons", "a,a", FALSE, NULL },
  { "w7.reasons", "i", FALSE, NULL },
  { "w7.reasons", "a,,h", FALSE, NULL },
  { "opt.race_ethnicity", "white,asian,hispanic", TRUE, "asian,hispanic,white" },
  { "inc.wages.jobs", "2", TRUE, "2" },
  { "inc.wages.jobs", "02", TRUE, "2" },
  { "inc.wages.jobs", "0", TRUE, "0" },
  { "inc.wages.jobs", "-1", FALSE, NULL },
  { "inc.wages.jobs", "1.5", FALSE, NULL },
  { "inc.wages.jobs", "100", FALSE, NULL },
  { "dep.months_in_home", "12", TRUE, "12" },
  { "dep.months_in_home", "13", FALSE, NULL },
  { "dep.months_in_home", "00", TRUE, "0" },
  { "vinc.qcd.amount", "$1,200", TRUE, "1200" },
  { "vinc.qcd.amount", "1200", TRUE, "1200" },
  { "vinc.qcd.amount", "12.50", FALSE, NULL },
  { "vinc.qcd.amount", "$", FALSE, NULL },
  { "vinc.qcd.amount", "1000000000", FALSE, NULL },
  { "vinc.qcd.amount", "abc", FALSE, NULL },
  { "tin", "212-34-5678", TRUE, "212345678" },
  { "tin", "912-70-1234", TRUE, "912701234" },
  { "tin", "912-93-1234", TRUE, "912931234" },
  { "tin", "666-12-3456", FALSE, NULL },
  { "tin", "912-06-1234", FALSE, NULL },
  { "tin", "12345", FALSE, NULL },
  { "w7.prev.irsn", "912-06-1234", TRUE, "912061234" },
  { "w7.prev.irsn", "912-70-1234", FALSE, NULL },
  { "w7.prev.itin", "912-70-1234", TRUE, "912701234" },
  { "email", "ana@example.org", TRUE, NULL },
  { "email", "not an email", FALSE, NULL },
  { "phone", "(555) 555-0100", TRUE, "5555550100" },
  { "phone", "call me", FALSE, NULL },
  { "address.zip", "12345", TRUE, NULL },
  { "address.zip", "1234", FALSE, NULL },
  { "address.state", "ca", TRUE, "CA" },
  { "address.state", "ZZ", FALSE, NULL },
  { "w7.citizenship", "Mexico, Canada", TRUE, "Mexico, Canada" },
  { "w7.citizenship", "Côte d'Ivoire", TRUE, "Côte d'Ivoire" },
  { "w7.citizenship", "Mex1co", FALSE, NULL },
  { "w7.treaty_country", "<script>", FALSE, NULL },
  { "refund_other_explain", "Put it on a card", TRUE, "Put it on a card" },
  { "refund_other_explain", "line one\nline two", FALSE, NULL },
  { "notes", "line one\nline two", TRUE, "line one\nline two" },
  { "vevt.vin", "1HGCM82633A004352", TRUE, "1HGCM82633A004352" },
  { "vevt.vin", "1HGCM82633A0043521", FALSE, NULL },
  { "w7.us_person_name", "Juan García López", TRUE, "Juan García López" },
  { "doc.passport.copy", "certified_copy", TRUE, "certified_copy" },
  { "doc.passport.copy", "photocopy", FALSE, NULL },
};

static void
test_value_case (gconstpointer data)
{
  const ValueCase *c = data;
  const VitaField *field = vita_field_lookup (c->id);
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  gboolean ok;

  g_assert_nonnull (field);
  ok = vita_field_normalize_value (field, c->input, &normalized, &error);

  if (c->ok)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      if (c->normalized != NULL)
        g_assert_cmpstr (normalized, ==, c->normalized);
      /* The canonical form is itself valid and stable. */
      if (normalized != NULL)
        {
          g_autofree char *again = NULL;

          g_assert_true (vita_field_normalize_value (field, normalized, &again, NULL));
          g_assert_cmpstr (again, ==, normalized);
        }
      g_assert_true (vita_field_validate_value (field, c->input, NULL));
    }
  else
    {
      g_assert_false (ok);
      g_assert_nonnull (error);
      g_assert_true (error->domain == VITA_VALIDATE_ERROR);
      g_assert_null (normalized);
      g_assert_cmpuint (strlen (error->message), >, 0);
      /* Messages never repeat what was typed. */
      if (strlen (c->input) >= 4)
        g_assert_null (strstr (error->message, c->input));
      g_assert_false (vita_field_validate_value (field, c->input, NULL));
    }
}

static void
test_value_null (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      char *normalized = (char *) "sentinel";

      g_assert_true (vita_field_normalize_value (&fields[i], NULL, &normalized, NULL));
      g_assert_null (normalized);
      g_assert_true (vita_field_validate_value (&fields[i], "", NULL));
    }
}

static void
test_value_not_utf8 (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (vita_field_validate_value (vita_field_lookup ("notes"), "\xff\xfe", &error));
  g_assert_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT);
}

/* Every choice of every choice field is accepted as its own id. */
static void
test_choice_ids_valid (void)
{
  guint n;
  const VitaField *fields = vita_fields_get_all (&n);

  for (guint i = 0; i < n; i++)
    {
      if (!is_choice_type (fields[i].type))
        continue;
      for (const VitaChoice *c = fields[i].choices; c->id != NULL; c++)
        {
          g_autofree char *normalized = NULL;

          g_assert_true (vita_field_normalize_value (&fields[i], c->id, &normalized, NULL));
          g_assert_cmpstr (normalized, ==, c->id);
        }
    }
}

/* Visibility: scope and gates. */
typedef struct
{
  int         person;
  const char *field;
  const char *value;
} Answer;

typedef struct
{
  const char *name;
  gboolean    spouse;
  guint       n_dependents;
  Answer      answers[6];
  const char *field;
  int         person;
  gboolean    visible;
} VisibleCase;

#define HH VITA_PERSON_HOUSEHOLD
#define TP VITA_PERSON_TAXPAYER
#define SP VITA_PERSON_SPOUSE
#define D1 VITA_PERSON_FIRST_DEPENDENT

static const VisibleCase visible_cases[] = {
  { "household-field-at-household", FALSE, 0, { { 0 } }, "multi_state", HH, TRUE },
  { "household-field-at-person", FALSE, 0, { { 0 } }, "multi_state", TP, FALSE },
  { "person-field-taxpayer", FALSE, 0, { { 0 } }, "job_title", TP, TRUE },
  { "person-field-no-spouse", FALSE, 0, { { 0 } }, "job_title", SP, FALSE },
  { "person-field-spouse", TRUE, 0, { { 0 } }, "job_title", SP, TRUE },
  { "person-field-dependent", FALSE, 1, { { 0 } }, "job_title", D1, FALSE },
  { "person-field-household", FALSE, 0, { { 0 } }, "job_title", HH, FALSE },
  { "every-person-dependent", FALSE, 1, { { 0 } }, "first_name", D1, TRUE },
  { "every-person-missing", FALSE, 0, { { 0 } }, "first_name", D1, FALSE },
  { "every-person-household", FALSE, 0, { { 0 } }, "first_name", HH, FALSE },
  { "dependent-field-dependent", FALSE, 1, { { 0 } }, "dep.student", D1, TRUE },
  { "dependent-field-taxpayer", FALSE, 0, { { 0 } }, "dep.student", TP, FALSE },
  { "relationship-taxpayer", FALSE, 0, { { 0 } }, "relationship", TP, FALSE },
  { "tin-unanswered", FALSE, 0, { { 0 } }, "tin", TP, FALSE },
  { "tin-ssn", FALSE, 0, { { TP, "tin_type", "ssn" } }, "tin", TP, TRUE },
  { "tin-none", FALSE, 0, { { TP, "tin_type", "none" } }, "tin", TP, FALSE },
  { "tin-needs-itin", FALSE, 0, { { TP, "tin_type", "needs_itin" } }, "tin", TP, FALSE },
  { "tin-renew", FALSE, 0, { { TP, "tin_type", "renew_itin" } }, "tin", TP, TRUE },
  { "w7-needs-itin", FALSE, 0, { { TP, "tin_type", "needs_itin" } }, "w7.reasons", TP, TRUE },
  { "w7-renew", FALSE, 0, { { TP, "tin_type", "renew_itin" } }, "w7.reasons", TP, TRUE },
  { "w7-ssn", FALSE, 0, { { TP, "tin_type", "ssn" } }, "w7.reasons", TP, FALSE },
  { "w7-other-person", TRUE, 0, { { SP, "tin_type", "needs_itin" } }, "w7.reasons", TP, FALSE },
  { "w7-dependent", FALSE, 1, { { D1, "tin_type", "needs_itin" } }, "w7.reasons", D1, TRUE },
  { "w7-household", FALSE, 0, { { 0 } }, "w7.reasons", HH, FALSE },
  { "treaty-a", FALSE, 0,
    { { TP, "tin_type", "needs_itin" }, { TP, "w7.reasons", "a,h" } },
    "w7.treaty_country", TP, TRUE },
  { "treaty-f", FALSE, 0,
    { { TP, "tin_type", "needs_itin" }, { TP, "w7.reasons", "f" } },
    "w7.treaty_article", TP, TRUE },
  { "treaty-b", FALSE, 0,
    { { TP, "tin_type", "needs_itin" }, { TP, "w7.reasons", "b" } },
    "w7.treaty_country", TP, FALSE },
  { "treaty-claim-a", FALSE, 0,
    { { TP, "tin_type", "needs_itin" }, { TP, "w7.reasons", "a,h" } },
    "w7.treaty_claim", TP, FALSE },
  { "h-text", FALSE, 0,
    { { TP, "tin_type", "needs_itin" }, { TP, "w7.reasons", "f,h" } },
    "w7.reason_h_text", TP, TRUE },
  { "military-chain-open", FALSE, 1,
    { { D1, "tin_type", "needs_itin" }, { D1, "w7.reasons", "d" },
      { D1, "w7.military_family", "yes" } },
    "w7.military_overseas", D1, TRUE },
  { "military-chain-closed", FALSE, 1,
    { { D1, "tin_type", "needs_itin" }, { D1, "w7.reasons", "b" },
      { D1, "w7.military_family", "yes" } },
    "w7.military_overseas", D1, FALSE },
  { "military-chain-no", FALSE, 1,
    { { D1, "tin_type", "needs_itin" }, { D1, "w7.reasons", "e" },
      { D1, "w7.military_family", "no" } },
    "w7.military_overseas", D1, FALSE },
  { "prev-yes", FALSE, 0,
    { { TP, "tin_type", "renew_itin" }, { TP, "w7.prev_tin", "yes" } },
    "w7.prev.itin", TP, TRUE },
  { "prev-no", FALSE, 0,
    { { TP, "tin_type", "renew_itin" }, { TP, "w7.prev_tin", "no" } },
    "w7.prev.itin", TP, FALSE },
  { "doc-detail-yes", FALSE, 0,
    { { TP, "tin_type", "needs_itin" }, { TP, "doc.passport", "yes" } },
    "doc.passport.expiry", TP, TRUE },
  { "doc-detail-no", FALSE, 0,
    { { TP, "tin_type", "needs_itin" }, { TP, "doc.passport", "no" } },
    "doc.passport.expiry", TP, FALSE },
  { "doc-detail-not-w7", FALSE, 0,
    { { TP, "tin_type", "ssn" }, { TP, "doc.passport", "yes" } },
    "doc.passport.expiry", TP, FALSE },
  { "refund-other", FALSE, 0, { { HH, "refund_method", "other" } },
    "refund_other_explain", HH, TRUE },
  { "refund-check", FALSE, 0, { { HH, "refund_method", "check" } },
    "refund_other_explain", HH, FALSE },
  { "language-you", FALSE, 0, { { HH, "irs_language", "you" } },
    "irs_language_which", HH, TRUE },
  { "language-both", FALSE, 0, { { HH, "irs_language", "both" } },
    "irs_language_which", HH, TRUE },
  { "language-no", FALSE, 0, { { HH, "irs_language", "no" } },
    "irs_language_which", HH, FALSE },
  { "marital-married", FALSE, 0, { { HH, "marital_status", "married" } },
    "lived_apart", HH, TRUE },
  { "marital-divorced", FALSE, 0, { { HH, "marital_status", "divorced" } },
    "lived_apart", HH, FALSE },
  { "widowed-year", FALSE, 0, { { HH, "marital_status", "widowed" } },
    "spouse_death_year", HH, TRUE },
  { "w2-count-yes", FALSE, 0, { { HH, "vinc.w2", "yes" } }, "vinc.w2.count", HH, TRUE },
  { "w2-count-no", FALSE, 0, { { HH, "vinc.w2", "no" } }, "vinc.w2.count", HH, FALSE },
  { "vin-yes", FALSE, 0, { { HH, "evt.other", "yes" } }, "vevt.vin", HH, TRUE },
  { "vin-unanswered", FALSE, 0, { { 0 } }, "vevt.vin", HH, FALSE },
  { "race-spouse", TRUE, 0, { { 0 } }, "opt.race_ethnicity", SP, TRUE },
};

static void
test_visible_case (gconstpointer data)
{
  const VisibleCase *c = data;
  g_autoptr(VitaHousehold) hh = vita_household_new ();

  if (c->spouse)
    vita_household_add_spouse (hh);
  for (guint i = 0; i < c->n_dependents; i++)
    vita_household_add_dependent (hh);
  for (guint i = 0; i < G_N_ELEMENTS (c->answers) && c->answers[i].field != NULL; i++)
    vita_household_set (hh, c->answers[i].person, c->answers[i].field, c->answers[i].value);

  g_assert_cmpint (vita_field_is_visible (vita_field_lookup (c->field), hh, c->person),
                   ==, c->visible);
}

static void
test_value_matches (void)
{
  const VitaField *reasons = vita_field_lookup ("w7.reasons");
  const VitaField *yes_no = vita_field_lookup ("multi_state");

  g_assert_true (vita_field_value_matches (reasons, "a,h", "h"));
  g_assert_true (vita_field_value_matches (reasons, "d", "d,e"));
  g_assert_false (vita_field_value_matches (reasons, "b", "a,f"));
  g_assert_true (vita_field_value_matches (yes_no, "yes", "yes"));
  g_assert_false (vita_field_value_matches (yes_no, "yes", "no"));
  g_assert_false (vita_field_value_matches (yes_no, NULL, "yes"));
  g_assert_false (vita_field_value_matches (yes_no, "", "yes"));
  /* Whole ids only: "a" must not match inside "na". */
  g_assert_false (vita_field_value_matches (vita_field_lookup ("dep.own_support"), "na", "a"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fields/ids-unique", test_ids_unique);
  g_test_add_func ("/fields/ids-well-formed", test_ids_well_formed);
  g_test_add_func ("/fields/labels", test_labels);
  g_test_add_func ("/fields/sections", test_sections);
  g_test_add_func ("/fields/group-headings", test_group_headings);
  g_test_add_func ("/fields/choices", test_choices);
  g_test_add_func ("/fields/choice-ids-valid", test_choice_ids_valid);
  g_test_add_func ("/fields/gates", test_gates);
  g_test_add_func ("/fields/never-keep-unless-safe", test_never_keep_unless_safe);
  g_test_add_func ("/fields/classification-by-type", test_classification_by_type);
  g_test_add_func ("/fields/class-names", test_class_names);
  g_test_add_func ("/fields/cert-fields", test_cert_fields);
  g_test_add_func ("/fields/required-ids", test_required_ids);
  g_test_add_func ("/fields/value-null", test_value_null);
  g_test_add_func ("/fields/value-not-utf8", test_value_not_utf8);
  g_test_add_func ("/fields/value-matches", test_value_matches);

  for (guint i = 0; i < G_N_ELEMENTS (class_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fields/class/%s", class_cases[i].id);

      g_test_add_data_func (path, &class_cases[i], test_classification_case);
    }

  for (guint i = 0; i < G_N_ELEMENTS (value_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fields/value/%u-%s", i, value_cases[i].id);

      g_test_add_data_func (path, &value_cases[i], test_value_case);
    }

  for (guint i = 0; i < G_N_ELEMENTS (visible_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fields/visible/%s", visible_cases[i].name);

      g_test_add_data_func (path, &visible_cases[i], test_visible_case);
    }

  return g_test_run ();
}
