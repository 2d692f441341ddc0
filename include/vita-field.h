/* vita-field.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-household.h"

G_BEGIN_DECLS

/* How identifying a field is.  The store encrypts everything; the class
 * decides what the de-identified export may do with a value and how the
 * audit log talks about it. */
typedef enum
{
  VITA_FIELD_CLASS_DIRECT_ID,
  VITA_FIELD_CLASS_QUASI_ID,
  VITA_FIELD_CLASS_SENSITIVE,
  VITA_FIELD_CLASS_FREE_TEXT,
  VITA_FIELD_CLASS_SAFE,
} VitaFieldClass;

/* What the de-identified export does with a value.  Only SAFE fields may
 * be KEEP; the zero value is DROP so a table entry that forgets its rule
 * is never exported. */
typedef enum
{
  VITA_EXPORT_DROP,
  VITA_EXPORT_KEEP,
  VITA_EXPORT_AGE_BAND,
  VITA_EXPORT_YEAR_ONLY,
  VITA_EXPORT_ZIP3,
  VITA_EXPORT_AGGREGATE_ONLY,
} VitaExportRule;

typedef enum
{
  VITA_FIELD_TEXT,
  VITA_FIELD_NAME,
  VITA_FIELD_DATE,
  VITA_FIELD_YEAR,
  VITA_FIELD_YES_NO,
  VITA_FIELD_YES_NO_NA,
  VITA_FIELD_YOU_SPOUSE,
  VITA_FIELD_CHOICE,
  VITA_FIELD_MULTI_CHOICE,
  VITA_FIELD_COUNT,
  VITA_FIELD_AMOUNT,
  VITA_FIELD_TIN,
  VITA_FIELD_EIN,
  VITA_FIELD_PHONE,
  VITA_FIELD_EMAIL,
  VITA_FIELD_ZIP,
  VITA_FIELD_STATE,
  VITA_FIELD_COUNTRY,
  VITA_FIELD_NOTES,
} VitaFieldType;

/* The B/A/M codes of Form 13614-C pages 2-3.  The numeric order is only
 * used to pick the "highest" need: Military is a specialty certification
 * and does not cover Advanced (see vita_cert_level_covers()).  A (B/A) item
 * is entered as BASIC and a (A/M) item as the level it needs when its
 * detail question is unanswered; vita-certification.c holds the rules that
 * change them from the answers. */
typedef enum
{
  VITA_CERT_NONE,
  VITA_CERT_BASIC,
  VITA_CERT_ADVANCED,
  VITA_CERT_MILITARY,
} VitaCertLevel;

/* Which person slots a field is asked for. */
typedef enum
{
  VITA_SCOPE_HOUSEHOLD,    /* slot -1 only */
  VITA_SCOPE_PERSON,       /* taxpayer and spouse */
  VITA_SCOPE_EVERY_PERSON, /* taxpayer, spouse and every household member */
  VITA_SCOPE_DEPENDENT,    /* household members (slot 2 and up) */
  VITA_SCOPE_W7,           /* anyone whose tin_type is needs_itin or renew_itin */
} VitaFieldScope;

typedef struct
{
  const char *id;
  const char *label; /* N_() */
} VitaChoice;

/* The interview's sections, in the order of the paper form.  Each has a
 * stable id (also the interview page's name) and a title. */
typedef enum
{
  VITA_SECTION_IDENTITY,
  VITA_SECTION_PERSONAL,
  VITA_SECTION_MARITAL,
  VITA_SECTION_HOUSEHOLD,
  VITA_SECTION_INCOME,
  VITA_SECTION_EXPENSES,
  VITA_SECTION_EVENTS,
  VITA_SECTION_OPTIONAL,
  VITA_SECTION_NOTES,
  VITA_SECTION_W7,
  VITA_SECTION_DOCUMENTS,
} VitaFieldSection;

#define VITA_N_SECTIONS (VITA_SECTION_DOCUMENTS + 1)
#define VITA_SECTION_BIT(section) (1u << (section))

typedef struct
{
  const char     *id;
  VitaFieldSection section;
  const char     *label;  /* N_(): the form's wording where there is one */
  const char     *help;   /* N_() or NULL: a plain-language hint */
  VitaFieldType   type;
  VitaFieldClass  klass;
  VitaExportRule  export_rule;
  VitaFieldScope  scope;
  VitaCertLevel   cert;
  gboolean        volunteer_only;
  /* Shown only while @gate_field (same person, or the household slot when
   * the gate field is household-wide) has one of the comma-separated
   * @gate_value ids.  For a multi-choice gate field any selected id
   * counts.  A hidden gate field hides everything behind it. */
  const char     *gate_field;
  const char     *gate_value;
  const VitaChoice *choices; /* terminated by { NULL, NULL } */
  guint           max_chars; /* 0: the type's default */
} VitaField;

const VitaField  *vita_field_lookup               (const char      *id);
const char       *vita_field_section_get_id       (VitaFieldSection section);
const char       *vita_field_section_get_title    (VitaFieldSection section);
gboolean          vita_field_section_has_coded_items (VitaFieldSection section);
gboolean          vita_field_get_group_heading    (const VitaField *field,
                                                   const char     **title,
                                                   const char     **description);
const VitaField  *vita_fields_get_all             (guint           *n_fields);
const char       *vita_field_class_to_string      (VitaFieldClass   klass);
const char       *vita_export_rule_to_string      (VitaExportRule   rule);
const char       *vita_field_get_choice_label     (const VitaField *field,
                                                   const char      *choice_id);
gboolean          vita_field_value_matches        (const VitaField *field,
                                                   const char      *value,
                                                   const char      *accepted);
gboolean          vita_field_is_visible           (const VitaField *field,
                                                   VitaHousehold   *household,
                                                   int              person);
gboolean          vita_field_normalize_value      (const VitaField *field,
                                                   const char      *value,
                                                   char           **normalized,
                                                   GError         **error);
gboolean          vita_field_validate_value       (const VitaField *field,
                                                   const char      *value,
                                                   GError         **error);

G_END_DECLS
