/* vita-form-template.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vita-form-map.h"
#include "vita-store.h"

G_BEGIN_DECLS

/* A blank IRS form PDF, recognised and checked against its map. */
typedef struct
{
  char              *form;       /* "13614-C" */
  char              *revision;   /* "Rev. 10-2025" */
  char              *title;      /* "Form 13614-C (Rev. 10-2025)" */
  char              *sha256;     /* hex */
  guint              n_fields;   /* AcroForm fields in the PDF */
  GBytes            *pdf;
  const VitaFormMap *map;
} VitaFormTemplate;

void              vita_form_template_free     (VitaFormTemplate *tmpl);
VitaFormTemplate *vita_form_template_inspect  (GBytes           *pdf,
                                               GError          **error);
VitaFormTemplate *vita_form_template_import   (VitaStore        *store,
                                               GBytes           *pdf,
                                               GError          **error);
char             *vita_form_sha256_hex        (GBytes           *bytes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaFormTemplate, vita_form_template_free)

G_END_DECLS
