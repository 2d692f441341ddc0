/* vita-notice-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the notice's partner files share: the loaded notice (vita-notice.c)
 * and its texts in one language, which the layout (vita-notice-layout.c)
 * and the PDF writer (vita-notice-pdf.c) render.  Not on the public
 * include path.  The XML helpers it used to declare are in
 * vita-member-xml-private.h, included here for older includers.
 */

#pragma once

#include <gio/gio.h>

#include "vita-catalog.h"
#include "vita-member-xml-private.h"
#include "vita-notice.h"

G_BEGIN_DECLS

/* Must match the contextPointer in po/its/vita-notice.its. */
#define CONTEXT_PREFIX  "notice:"

/* US letter, in points. */
#define LETTER_WIDTH    612.0
#define LETTER_HEIGHT   792.0

typedef struct
{
  char *id;
  char *revised;
  char *text;     /* the English, whitespace collapsed as xgettext does */
  char *msgid;    /* the English escaped as xgettext 0.21 extracts it */
  char *context;  /* CONTEXT_PREFIX "ID@REVISED" */
  char *review;   /* what a reviewer must check, or NULL */
  char *sources;  /* seed citations, or NULL */
} Unit;

typedef struct
{
  char      *id;
  Unit      *heading;
  GPtrArray *paragraphs;  /* Unit *, owned by VitaNotice.units */
} Section;

struct _VitaNotice
{
  GObject     parent_instance;

  char       *path;
  char       *version;
  char       *as_of;
  Unit       *title;
  GPtrArray  *units;     /* every Unit in document order; owns them */
  GHashTable *by_id;     /* id -> Unit */
  GPtrArray  *sections;  /* Section * */

  /* language -> VitaCatalog, opened on first use.  Printing may lay out
   * pages in a worker thread, hence the lock. */
  GMutex      lock;
  GHashTable *catalogs;
};

/* The notice in one language, with the values of its placeholders. */
typedef struct
{
  char        *code;
  VitaCatalog *catalog;
  gboolean     source;
  GHashTable  *vars;
} Lang;

void      _vita_notice_lang_clear        (Lang                  *lang);
gboolean  _vita_notice_lang_init         (VitaNotice            *self,
                                          Lang                  *lang,
                                          const char            *language,
                                          GError               **error);
void      _vita_notice_lang_set_site     (VitaNotice            *self,
                                          Lang                  *lang,
                                          const VitaNoticeSite  *site);
char     *_vita_notice_lang_translate_id (VitaNotice            *self,
                                          Lang                  *lang,
                                          const char            *id);
char     *_vita_notice_lang_render       (Lang                  *lang,
                                          Unit                  *unit);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lang, _vita_notice_lang_clear)

G_END_DECLS
