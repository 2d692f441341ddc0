/* vita-notice-pdf.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the laid-out notice to a PDF file.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vita-notice-private.h"

typedef struct
{
  int fd;
  int saved_errno;
} PdfWriter;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfWriter *writer = closure;

  while (length > 0)
    {
      ssize_t n = write (writer->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          writer->saved_errno = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

/**
 * vita_notice_render_pdf:
 * @self: a notice
 * @language: the member's language: "en", "ko", "es", "ht" …
 * @second_language: (nullable): another language to print beside it, or
 *   %NULL for one language
 * @site: (nullable): site settings for the placeholders
 * @pdf_path: where to write the PDF
 * @error: return location for a #GError
 *
 * Writes the notice as a US-letter PDF straight to @pdf_path; no temporary
 * file is made, and a half-written file is removed on failure.  Paragraphs
 * with no current translation are printed in English; run
 * vita_notice_check() first to warn staff.
 *
 * Returns: %TRUE on success
 */
gboolean
vita_notice_render_pdf (VitaNotice            *self,
                        const char            *language,
                        const char            *second_language,
                        const VitaNoticeSite  *site,
                        const char            *pdf_path,
                        GError               **error)
{
  g_autoptr(VitaNoticeLayout) layout = NULL;
  g_autofree char *display = NULL;
  PdfWriter writer = { -1, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (VITA_IS_NOTICE (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layout = vita_notice_layout_new (self, language, second_language, site, error);
  if (layout == NULL)
    return FALSE;

  display = g_filename_display_name (pdf_path);

  /* A notice names the member's site and, once filled, the member: only
   * this user may read it, even where it replaces an older file. */
  writer.fd = g_open (pdf_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (writer.fd >= 0)
    fchmod (writer.fd, 0600);
  if (writer.fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_IO,
                   _("Could not write the notice to “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (pdf_write, &writer, LETTER_WIDTH, LETTER_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  vita_notice_layout_get_title (layout));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "VITA Intake Assistant " PACKAGE_VERSION);

  cr = cairo_create (surface);
  n_pages = vita_notice_layout_paginate (layout, cr, LETTER_WIDTH, LETTER_HEIGHT,
                                         VITA_NOTICE_PDF_MARGIN);
  for (guint page = 0; page < n_pages; page++)
    {
      vita_notice_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (close (writer.fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    {
      writer.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* A truncated PDF handed to a member is worse than none. */
      g_unlink (pdf_path);
      if (status == CAIRO_STATUS_WRITE_ERROR && writer.saved_errno != 0)
        g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_IO,
                     _("Could not write the notice to “%s”: %s"),
                     display, g_strerror (writer.saved_errno));
      else
        g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_RENDER,
                     _("Could not draw the notice: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
