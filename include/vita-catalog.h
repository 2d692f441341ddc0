/* vita-catalog.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* A message catalog for one explicit language, read straight from the
 * vita-intake.mo file.  Unlike gettext() it does not depend on the process
 * locale or on which system locales are installed: a volunteer whose desktop
 * is in English must be able to print the notice in Korean for a member.
 *
 * The file is looked up as <dir>/<lang>/LC_MESSAGES/vita-intake.mo in, in
 * order, $VITA_LOCALEDIR, the build tree (BUILD_LOCALEDIR) and the installed
 * LOCALEDIR.  "en" is the source language and needs no file: its catalog is
 * empty and every lookup returns NULL.
 *
 * A catalog is immutable once opened and may be shared between threads. */

#define VITA_CATALOG_ERROR (vita_catalog_error_quark ())

typedef enum
{
  VITA_CATALOG_ERROR_NOT_FOUND,         /* no catalog for this language */
  VITA_CATALOG_ERROR_INVALID_LANGUAGE,  /* not a language code */
  VITA_CATALOG_ERROR_CORRUPT,           /* not a well-formed .mo file */
  VITA_CATALOG_ERROR_UNSUPPORTED,       /* newer format or not UTF-8 */
} VitaCatalogError;

#define VITA_TYPE_CATALOG (vita_catalog_get_type ())

typedef struct _VitaCatalog VitaCatalog;

GType        vita_catalog_get_type            (void) G_GNUC_CONST;
GQuark       vita_catalog_error_quark         (void);

VitaCatalog *vita_catalog_open                (const char   *language,
                                               GError      **error);
VitaCatalog *vita_catalog_new_from_file       (const char   *path,
                                               const char   *language,
                                               GError      **error);
VitaCatalog *vita_catalog_new_from_bytes      (GBytes       *bytes,
                                               const char   *language,
                                               GError      **error);
VitaCatalog *vita_catalog_ref                 (VitaCatalog  *self);
void         vita_catalog_unref               (VitaCatalog  *self);

const char  *vita_catalog_get_language        (VitaCatalog  *self);
const char  *vita_catalog_get_path            (VitaCatalog  *self);
guint        vita_catalog_get_n_messages      (VitaCatalog  *self);
const char  *vita_catalog_lookup              (VitaCatalog  *self,
                                               const char   *context,
                                               const char   *msgid);
gboolean     vita_catalog_has_context_prefix  (VitaCatalog  *self,
                                               const char   *prefix);
gboolean     vita_catalog_language_is_source  (const char   *language);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaCatalog, vita_catalog_unref)

G_END_DECLS
