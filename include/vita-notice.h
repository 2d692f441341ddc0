/* vita-notice.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "vita-promise-check.h"

G_BEGIN_DECLS

/* The member privacy notice: what the site keeps, what goes to the IRS, what
 * the law says, what has happened, the member's choices and contacts.
 *
 * The text is data (data/notices/vita-notice.xml), translated through the
 * ordinary gettext catalogs.  Each paragraph's gettext context holds its id
 * and revised date, so a translation of an older English text is never
 * shown: the current English is shown instead and vita_notice_check()
 * reports the paragraph as stale. */

#define VITA_NOTICE_ERROR (vita_notice_error_quark ())

typedef enum
{
  VITA_NOTICE_ERROR_INVALID,         /* the notice file is malformed */
  VITA_NOTICE_ERROR_NO_TRANSLATION,  /* no catalog for the language */
  VITA_NOTICE_ERROR_RENDER,          /* cairo could not draw the PDF */
  VITA_NOTICE_ERROR_IO,              /* the PDF could not be written */
} VitaNoticeError;

/* Site settings that fill the notice's placeholders.  Every field may be
 * NULL: the notice then says "(ask a volunteer)" in the member's language so
 * a printed copy is never silently incomplete. */
typedef struct
{
  const char *site_name;       /* {site_name} */
  const char *site_contact;    /* {site_contact}: phone, e-mail, address */
  const char *legal_referral;  /* {legal_referral}: independent legal help */
  /* {retention}.  Free text is used as is, so give it in the member's
   * language; when it is NULL and retention_days is not 0 the notice says
   * "N days after we finish your tax return" in the member's language. */
  const char *retention;
  guint       retention_days;
  /* Set when {retention} is a date the file is kept at least until, and
   * longer if the tax return is not finished by then: the notice then says
   * so in the member's language ("label.retention.pending"). */
  gboolean    retention_pending;
  const char *issue_date;      /* YYYY-MM-DD; NULL means today */
  /* YYYY-MM-DD the site approved this notice version (vita-notice-review.h);
   * NULL: every page says the site has not approved it. */
  const char *approved_date;
  /* {data_mode}: "on" when the site uses minimum-data mode
   * (vita-minimum-data.h), "off" when it does not, NULL when not known
   * (the notice then says "(ask a volunteer)"); contact_days is the
   * "minimum-data-contact-days" setting. */
  const char *data_mode;
  guint       contact_days;
} VitaNoticeSite;

#define VITA_TYPE_NOTICE (vita_notice_get_type ())

G_DECLARE_FINAL_TYPE (VitaNotice, vita_notice, VITA, NOTICE, GObject)

GQuark       vita_notice_error_quark      (void);

VitaNotice  *vita_notice_load             (const char            *path,
                                           GError               **error);
VitaNotice  *vita_notice_load_from_data   (const char            *data,
                                           gssize                 length,
                                           GError               **error);

const char  *vita_notice_get_version      (VitaNotice            *self);
const char  *vita_notice_get_as_of        (VitaNotice            *self);
const char  *vita_notice_get_path         (VitaNotice            *self);
char       **vita_notice_dup_section_ids  (VitaNotice            *self);
char       **vita_notice_dup_review_ids   (VitaNotice            *self);
const char  *vita_notice_get_english      (VitaNotice            *self,
                                           const char            *id);
const char  *vita_notice_get_review_note  (VitaNotice            *self,
                                           const char            *id);

char        *vita_notice_dup_heading      (VitaNotice            *self,
                                           const char            *section_id,
                                           const char            *language,
                                           GError               **error);
char        *vita_notice_dup_text         (VitaNotice            *self,
                                           const char            *language,
                                           const VitaNoticeSite  *site,
                                           GError               **error);
char        *vita_notice_format_date      (VitaNotice            *self,
                                           const char            *language,
                                           const char            *iso_date,
                                           GError               **error);

gboolean     vita_notice_check            (VitaNotice            *self,
                                           const char            *language,
                                           GPtrArray            **problems);

gboolean     vita_notice_render_pdf       (VitaNotice            *self,
                                           const char            *language,
                                           const char            *second_language,
                                           const VitaNoticeSite  *site,
                                           const char            *pdf_path,
                                           GError               **error);

/* Page layout shared by the PDF writer and printing.  With a
 * GtkPrintOperation whose unit is GTK_UNIT_POINTS:
 *
 *   begin-print:
 *     layout = vita_notice_layout_new (notice, "ko", NULL, &site, &error);
 *     n = vita_notice_layout_paginate (layout,
 *                                      gtk_print_context_get_cairo_context (ctx),
 *                                      gtk_print_context_get_width (ctx),
 *                                      gtk_print_context_get_height (ctx),
 *                                      VITA_NOTICE_PRINT_MARGIN);
 *     gtk_print_operation_set_n_pages (operation, n);
 *   draw-page:
 *     vita_notice_layout_draw_page (layout,
 *                                   gtk_print_context_get_cairo_context (ctx),
 *                                   page_nr);
 *
 * The cairo context's user unit must be one point (1/72 inch); the layout
 * sets its own font resolution to match. */

#define VITA_NOTICE_PDF_MARGIN   54.0  /* 3/4 inch on a bare PDF page */
#define VITA_NOTICE_PRINT_MARGIN 36.0  /* inside the printer's own margins */

#define VITA_TYPE_NOTICE_LAYOUT (vita_notice_layout_get_type ())

typedef struct _VitaNoticeLayout VitaNoticeLayout;

GType              vita_notice_layout_get_type     (void) G_GNUC_CONST;
VitaNoticeLayout  *vita_notice_layout_new          (VitaNotice            *notice,
                                                    const char            *language,
                                                    const char            *second_language,
                                                    const VitaNoticeSite  *site,
                                                    GError               **error);
VitaNoticeLayout  *vita_notice_layout_ref          (VitaNoticeLayout      *self);
void               vita_notice_layout_unref        (VitaNoticeLayout      *self);
guint              vita_notice_layout_paginate     (VitaNoticeLayout      *self,
                                                    cairo_t               *cr,
                                                    double                 width,
                                                    double                 height,
                                                    double                 margin);
guint              vita_notice_layout_get_n_pages  (VitaNoticeLayout      *self);
void               vita_notice_layout_draw_page    (VitaNoticeLayout      *self,
                                                    cairo_t               *cr,
                                                    guint                  page);
const char        *vita_notice_layout_get_title    (VitaNoticeLayout      *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaNoticeLayout, vita_notice_layout_unref)

G_END_DECLS
