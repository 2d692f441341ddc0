/* vita-form-map.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-household.h"

G_BEGIN_DECLS

#define VITA_FORM_ERROR (vita_form_error_quark ())

typedef enum
{
  VITA_FORM_ERROR_FAILED,
  VITA_FORM_ERROR_NOT_A_FORM,        /* not a PDF, or not an IRS form we know */
  VITA_FORM_ERROR_UNKNOWN_REVISION,  /* a form we know, in a revision we do not */
  VITA_FORM_ERROR_FIELDS,            /* the template lacks fields of its map */
  VITA_FORM_ERROR_NO_TEMPLATE,       /* nothing imported for this form */
  VITA_FORM_ERROR_NO_APPLICANT,      /* the person needs no W-7 */
  VITA_FORM_ERROR_TOO_LONG,          /* a value does not fit its box */
  VITA_FORM_ERROR_MAP,               /* a broken map file (a bug) */
} VitaFormError;

#define VITA_FORM_13614C "13614-C"
#define VITA_FORM_W7     "W-7"

typedef enum
{
  VITA_FORM_FIELD_TEXT,
  VITA_FORM_FIELD_COMB,
  VITA_FORM_FIELD_CHECK,
} VitaFormFieldKind;

typedef struct
{
  char              *pdf_name;  /* the full name, prefix included */
  VitaFormFieldKind  kind;
  char              *person;    /* hh, tp, sp, dep1.., app or caa */
  char             **sources;   /* catalogue field ids, or a setting key */
  char              *arg;       /* text: the format; check: the answers that tick it */
  int                max_chars; /* -1: the PDF's MaxLen */
  guint              line;
  GHashTable        *words;     /* borrowed from the map: "field:choice" -> wording */
} VitaFormMapEntry;

typedef struct _VitaFormMap VitaFormMap;

GQuark             vita_form_error_quark          (void);

VitaFormMap       *vita_form_map_parse            (const char        *text,
                                                   gsize              length,
                                                   const char        *origin,
                                                   GError           **error);
void               vita_form_map_free             (VitaFormMap       *map);
const char        *vita_form_map_get_form         (const VitaFormMap *map);
const char        *vita_form_map_get_revision     (const VitaFormMap *map);
const char        *vita_form_map_get_title        (const VitaFormMap *map);
guint              vita_form_map_get_n_entries    (const VitaFormMap *map);
const VitaFormMapEntry *vita_form_map_get_entry   (const VitaFormMap *map,
                                                   guint              index);
gboolean           vita_form_map_is_unmapped      (const VitaFormMap *map,
                                                   const char        *field_id);
gboolean           vita_form_map_uses_field       (const VitaFormMap *map,
                                                   const char        *field_id);

/* The maps built into the app (data/forms/ as a GResource). */
GPtrArray         *vita_form_maps_get_all         (void);
const VitaFormMap *vita_form_maps_lookup          (const char        *form,
                                                   const char        *revision);
char              *vita_form_maps_dup_known       (const char        *form);

int                vita_form_map_resolve_person   (const VitaFormMapEntry *entry,
                                                   VitaHousehold     *household,
                                                   int                applicant);
char              *vita_form_map_entry_value      (const VitaFormMapEntry *entry,
                                                   VitaHousehold     *household,
                                                   int                applicant,
                                                   GHashTable        *settings,
                                                   gboolean          *checked);
const char        *vita_form_map_entry_label      (const VitaFormMapEntry *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaFormMap, vita_form_map_free)

G_END_DECLS
