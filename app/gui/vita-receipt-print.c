/* vita-receipt-print.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-notice.h"
#include "vita-receipt-print.h"
#include "vita-text.h"

/* Prints a short member-facing text, such as the consent receipt, on US
 * letter.  The type is 13 pt, above the 12 pt Rev. Proc. 2013-14 asks of
 * printed consents, with the notice's fonts so Hangul prints. */

#define RECEIPT_FONT  "Noto Sans, Noto Sans CJK KR, sans 13"

typedef struct
{
  char                 *language;
  char                 *markup;
  PangoLayout          *layout;
  GArray               *page_starts;  /* int: first line of each page */
  VitaReceiptPrintDone  done;
  gpointer              user_data;
} ReceiptJob;

static void
receipt_job_free (ReceiptJob *job)
{
  g_free (job->language);
  g_free (job->markup);
  g_clear_object (&job->layout);
  g_clear_pointer (&job->page_starts, g_array_unref);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                ReceiptJob        *job)
{
  double width = gtk_print_context_get_width (context) - 2 * VITA_NOTICE_PRINT_MARGIN;
  double height = gtk_print_context_get_height (context) - 2 * VITA_NOTICE_PRINT_MARGIN;
  PangoFontDescription *font = pango_font_description_from_string (RECEIPT_FONT);
  PangoLayoutIter *iter;
  double page_top = 0;
  int line = 0;

  job->layout = gtk_print_context_create_pango_layout (context);
  /* The language picks Korean glyph forms and line breaking. */
  pango_context_set_language (pango_layout_get_context (job->layout),
                              pango_language_from_string (job->language));
  pango_layout_context_changed (job->layout);
  pango_layout_set_font_description (job->layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (job->layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (job->layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (job->layout, 1.3);
  pango_layout_set_markup (job->layout, job->markup, -1);
  /* Korean breaks at spaces, as on the printed notice: never "있 / 습니다"
   * across two lines of the member's receipt. */
  {
    PangoAttrList *attrs = pango_layout_get_attributes (job->layout);
    PangoAttrList *copy = attrs != NULL ? pango_attr_list_copy (attrs) : pango_attr_list_new ();

    vita_text_keep_hangul_words (copy, pango_layout_get_text (job->layout));
    pango_layout_set_attributes (job->layout, copy);
    pango_attr_list_unref (copy);
  }

  /* Break between lines wherever the next line would cross the margin. */
  g_array_set_size (job->page_starts, 0);
  g_array_append_val (job->page_starts, line);
  iter = pango_layout_get_iter (job->layout);
  do
    {
      int y0, y1;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if ((double) y1 / PANGO_SCALE - page_top > height && line > 0)
        {
          g_array_append_val (job->page_starts, line);
          page_top = (double) y0 / PANGO_SCALE;
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  gtk_print_operation_set_n_pages (operation, job->page_starts->len);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              ReceiptJob        *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  int first = g_array_index (job->page_starts, int, page_nr);
  int end = (guint) page_nr + 1 < job->page_starts->len
            ? g_array_index (job->page_starts, int, page_nr + 1)
            : pango_layout_get_line_count (job->layout);
  PangoLayoutIter *iter = pango_layout_get_iter (job->layout);
  double top = -1;
  int line = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  do
    {
      int y0, y1;

      if (line >= end)
        break;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      if (line >= first)
        {
          PangoRectangle logical;

          if (top < 0)
            top = (double) y0 / PANGO_SCALE;
          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, VITA_NOTICE_PRINT_MARGIN + (double) logical.x / PANGO_SCALE,
                         VITA_NOTICE_PRINT_MARGIN - top
                         + (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         ReceiptJob              *job)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  if (job->done != NULL)
    job->done (result == GTK_PRINT_OPERATION_RESULT_APPLY, error, job->user_data);
}

/**
 * vita_receipt_print:
 * @parent: (nullable): the window for the print dialog
 * @job_name: the name print queues show; never a member's name
 * @language: the language of @markup
 * @markup: the text, as Pango markup
 * @export_pdf: (nullable): write a PDF here without a dialog, or %NULL to
 *   show the print dialog
 * @done: (nullable): called when printing is over
 * @user_data: data for @done, which must stay valid until then
 *
 * Prints @markup on US letter, through the print dialog or, the same
 * pages, straight to a PDF file.
 */
void
vita_receipt_print (GtkWindow            *parent,
                    const char           *job_name,
                    const char           *language,
                    const char           *markup,
                    const char           *export_pdf,
                    VitaReceiptPrintDone  done,
                    gpointer              user_data)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  GtkPaperSize *letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  ReceiptJob *job = g_new0 (ReceiptJob, 1);

  g_return_if_fail (markup != NULL);

  job->language = g_strdup (language);
  job->markup = g_strdup (markup);
  job->page_starts = g_array_new (FALSE, FALSE, sizeof (int));
  job->done = done;
  job->user_data = user_data;

  gtk_page_setup_set_paper_size_and_default_margins (page_setup, letter);
  gtk_paper_size_free (letter);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect_data (operation, "done", G_CALLBACK (done_cb), job,
                         (GClosureNotify) (void (*) (void)) receipt_job_free, 0);

  if (export_pdf != NULL)
    gtk_print_operation_set_export_filename (operation, export_pdf);

  /* Every outcome arrives through "done". */
  gtk_print_operation_run (operation,
                           export_pdf ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                      : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           parent, NULL);
}
