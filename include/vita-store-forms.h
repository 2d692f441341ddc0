/* vita-store-forms.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"

G_BEGIN_DECLS

/* A form template kept in the store (the IRS's blank PDF). */
typedef struct
{
  char *form;         /* "13614-C", "W-7" */
  char *revision;     /* "Rev. 10-2025" */
  char *sha256;       /* hex */
  char *imported_at;  /* ISO 8601, UTC */
  gsize size;
} VitaFormTemplateInfo;

void        vita_form_template_info_free      (VitaFormTemplateInfo *info);

gboolean    vita_store_save_form_template     (VitaStore   *self,
                                               const char  *form,
                                               const char  *revision,
                                               const char  *sha256,
                                               GBytes      *pdf,
                                               GError     **error);
GBytes     *vita_store_load_form_template     (VitaStore   *self,
                                               const char  *form,
                                               char       **revision,
                                               GError     **error);
GPtrArray  *vita_store_list_form_templates    (VitaStore   *self,
                                               GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaFormTemplateInfo, vita_form_template_info_free)

G_END_DECLS
