/* vita-member-xml-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading member-facing XML (the notice and the consent text): both files
 * are read and translated the same way and go through the same xgettext
 * ITS extraction, so one copy of these helpers keeps the msgids they build
 * in step.  Implemented in vita-member-xml.c.  Not on the public include
 * path: never include this from the GUI.
 */

#pragma once

#include <gio/gio.h>

#include "vita-catalog.h"

G_BEGIN_DECLS

char         *vita_notice_collapse_whitespace    (const char           *text);
char         *vita_notice_escape_like_xgettext   (const char           *text);
char         *vita_notice_unescape_entities      (const char           *text);
gboolean      vita_notice_parse_iso_date         (const char           *text,
                                                  int                  *year,
                                                  int                  *month,
                                                  int                  *day);
gboolean      vita_notice_id_is_valid            (const char           *id);
char         *vita_notice_placeholder_signature  (const char           *text);
char         *vita_notice_substitute             (const char           *template,
                                                  GHashTable           *vars);

gboolean      vita_notice_set_error_valist       (GError              **error,
                                                  GQuark                domain,
                                                  int                   code,
                                                  const char           *format,
                                                  va_list               args) G_GNUC_PRINTF (4, 0);
gboolean      vita_notice_collect_unit_attributes (const char          *element,
                                                   const char         **names,
                                                   const char         **values,
                                                   const char         **id,
                                                   const char         **revised,
                                                   const char         **review,
                                                   const char         **sources,
                                                   GError             **error);
gboolean      vita_notice_text_is_blank          (const char           *text,
                                                  gsize                 text_len);
gboolean      vita_notice_parse_markup           (const GMarkupParser  *parser,
                                                  gpointer              state,
                                                  const char           *data,
                                                  gssize                length,
                                                  GError              **error);
char         *vita_notice_find_data_file         (const char           *basename);

/* Which file a text unit belongs to: the shared parsing below words its
 * errors for it. */
typedef enum
{
  VITA_MEMBER_XML_NOTICE,
  VITA_MEMBER_XML_CONSENT,
} VitaMemberXmlKind;

/* A text element's attributes, checked; the strings point into the
 * parser's attribute arrays, except @context. */
typedef struct
{
  const char *id;
  const char *revised;
  const char *review;   /* what a reviewer must check, or NULL */
  const char *sources;  /* seed citations, or NULL */
  char       *context;  /* the msgctxt, "PREFIXID@REVISED": the caller's */
} VitaMemberXmlUnitStart;

gboolean      vita_member_xml_start_unit         (VitaMemberXmlKind     kind,
                                                  const char           *context_prefix,
                                                  GHashTable           *by_id,
                                                  const char           *element,
                                                  const char          **names,
                                                  const char          **values,
                                                  VitaMemberXmlUnitStart *start,
                                                  GError              **error);
gboolean      vita_member_xml_end_unit           (VitaMemberXmlKind     kind,
                                                  const char           *id,
                                                  const char           *raw_text,
                                                  char                **text,
                                                  char                **msgid,
                                                  GError              **error);
void          vita_member_xml_text               (VitaMemberXmlKind     kind,
                                                  GString              *unit_text,
                                                  const char           *text,
                                                  gsize                 text_len,
                                                  GError              **error);
gboolean      vita_member_xml_parse              (VitaMemberXmlKind     kind,
                                                  const GMarkupParser  *parser,
                                                  gpointer              state,
                                                  const char           *data,
                                                  gssize                length,
                                                  GError              **error);

/* Builds a notice or a consent text from its XML. */
typedef gpointer (*VitaMemberXmlParseFunc) (const char  *data,
                                            gssize       length,
                                            GError     **error);

gpointer      vita_member_xml_load_file          (const char           *path,
                                                  const char           *basename,
                                                  const char           *not_installed,
                                                  VitaMemberXmlParseFunc parse,
                                                  char                **loaded_path,
                                                  GError              **error);

VitaCatalog  *vita_notice_catalog_cache_get      (GMutex               *lock,
                                                  GHashTable           *catalogs,
                                                  const char           *language,
                                                  GError              **error);
char         *vita_notice_lookup                 (VitaCatalog          *catalog,
                                                  gboolean              source,
                                                  const char           *context,
                                                  const char           *msgid,
                                                  const char           *english,
                                                  gboolean             *translated);

G_END_DECLS
