/* vita-form-print-set.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "vita-household.h"
#include "vita-store.h"

G_BEGIN_DECLS

/* One document of a household's print set, made in memory. */
typedef struct
{
  char     *name;    /* translated, for the print job and the list */
  char     *form;    /* "13614-C", "W-7", "W-7-cover", "preparer", "summary" */
  int       person;  /* the W-7 applicant, or -1 */
  GBytes   *pdf;
  gboolean  draft;   /* a W-7 with a blocking problem: print marked, never mail */
} VitaFormDocument;

void        vita_form_document_free      (VitaFormDocument *doc);
GHashTable *vita_form_dup_site_settings  (VitaStore        *store);
GBytes     *vita_form_fill_from_store    (VitaStore        *store,
                                          const char       *form,
                                          VitaHousehold    *household,
                                          int               applicant,
                                          GHashTable       *settings,
                                          char            **revision,
                                          GPtrArray       **problems,
                                          GError          **error);
GPtrArray  *vita_form_make_print_set     (VitaStore        *store,
                                          VitaHousehold    *household,
                                          GPtrArray       **notes,
                                          GError          **error);
gboolean    vita_form_record_printed     (VitaStore        *store,
                                          VitaHousehold    *household,
                                          GPtrArray        *documents,
                                          GError          **error);
GBytes     *vita_form_flatten_documents  (GPtrArray        *documents,
                                          GError          **error);
void        vita_form_draw_draft_mark    (cairo_t          *cr,
                                          double            width,
                                          double            height);
gboolean    vita_form_save_printed       (VitaStore        *store,
                                          gint64            household_id,
                                          const char       *form,
                                          const char       *revision,
                                          int               applicant,
                                          GBytes           *pdf,
                                          const char       *path,
                                          GError          **error);
gboolean    vita_form_write_private_file (const char       *path,
                                          GBytes           *pdf,
                                          GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaFormDocument, vita_form_document_free)

G_END_DECLS
