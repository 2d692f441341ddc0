/* vita-notice-layout.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lays the notice out on US letter pages with Pango, in one language or
 * two side by side; shared by the PDF writer and printing.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "vita-notice-private.h"
#include "vita-text.h"

/* Noto Sans for Latin text, its CJK sibling for Hangul. */
#define FONT_FAMILIES   "Noto Sans, Noto Sans CJK KR, sans"

/* Type sizes in points.  Body text is 12 pt, the size Rev. Proc. 2013-14
 * asks of printed consent forms; nothing a member must read is smaller
 * except the page furniture, which repeats what page 1 says. */
#define TITLE_SIZE      19.0
#define HEADING_SIZE    15.0
#define BODY_SIZE       12.0
#define FOOTER_SIZE     11.0
#define LINE_SPACING    1.3

#define SPACE_AFTER_TITLE      12.0
#define SPACE_BEFORE_HEADING   16.0
#define SPACE_AFTER_HEADING     5.0
#define SPACE_AFTER_PARAGRAPH   9.0
#define COLUMN_GAP             24.0
#define FOOTER_GAP             14.0
#define FOOTER_SPACING          3.0

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
} BlockKind;

typedef struct
{
  PangoLayout *layout;
  int          n_lines;
  /* Per line, in points from the top of the layout. */
  double      *top;
  double      *bottom;
  double      *baseline;
  double      *x;
} Cell;

typedef struct
{
  BlockKind  kind;
  char      *text[2];
  Cell       cell[2];
} Block;

/* The lines [first, end) of each column of one block, placed @y points
 * below the top of the page's text area. */
typedef struct
{
  guint  block;
  int    first[2];
  int    end[2];
  double y;
} Slice;

struct _VitaNoticeLayout
{
  gatomicrefcount  ref_count;

  guint            n_columns;
  char            *language[2];
  char            *title;
  char            *footer_version[2];
  char            *footer_issued[2];
  char            *footer_approval[2];  /* the site's approval date, or that it has none */
  char            *page_template[2];
  GPtrArray       *blocks;        /* Block * */

  /* Filled by vita_notice_layout_paginate(). */
  PangoContext    *context[2];
  GArray          *slices;        /* Slice, page after page */
  GArray          *page_starts;   /* guint: index of each page's first slice */
  double           width;
  double           height;
  double           margin;
  double           column_width;
  double           body_bottom;
};

G_DEFINE_BOXED_TYPE (VitaNoticeLayout, vita_notice_layout,
                     vita_notice_layout_ref, vita_notice_layout_unref)

static void
cell_clear (Cell *cell)
{
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->top, g_free);
  g_clear_pointer (&cell->bottom, g_free);
  g_clear_pointer (&cell->baseline, g_free);
  g_clear_pointer (&cell->x, g_free);
  cell->n_lines = 0;
}

static void
block_free (Block *block)
{
  for (guint c = 0; c < 2; c++)
    {
      g_free (block->text[c]);
      cell_clear (&block->cell[c]);
    }
  g_free (block);
}

static void
layout_clear_pages (VitaNoticeLayout *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      cell_clear (&block->cell[0]);
      cell_clear (&block->cell[1]);
    }
  for (guint c = 0; c < 2; c++)
    g_clear_object (&self->context[c]);
  g_array_set_size (self->slices, 0);
  g_array_set_size (self->page_starts, 0);
}

VitaNoticeLayout *
vita_notice_layout_ref (VitaNoticeLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
vita_notice_layout_unref (VitaNoticeLayout *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  layout_clear_pages (self);
  for (guint c = 0; c < 2; c++)
    {
      g_free (self->language[c]);
      g_free (self->footer_version[c]);
      g_free (self->footer_issued[c]);
      g_free (self->footer_approval[c]);
      g_free (self->page_template[c]);
    }
  g_free (self->title);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->slices);
  g_array_unref (self->page_starts);
  g_free (self);
}

static void
add_block (VitaNoticeLayout *self,
           BlockKind         kind,
           Lang             *langs,
           Unit             *unit)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  for (guint c = 0; c < self->n_columns; c++)
    block->text[c] = _vita_notice_lang_render (&langs[c], unit);
  g_ptr_array_add (self->blocks, block);
}

/**
 * vita_notice_layout_new:
 * @notice: a notice
 * @language: the member's language
 * @second_language: (nullable): a second language to print beside it, one
 *   column each on every sheet (usually "en"), or %NULL
 * @site: (nullable): site settings for the placeholders
 * @error: return location for a #GError
 *
 * Prepares the notice's text.  Call vita_notice_layout_paginate() with the
 * cairo context that will be drawn on before drawing pages.
 *
 * Returns: (transfer full): the layout, or %NULL if a language has no
 *   catalog
 */
VitaNoticeLayout *
vita_notice_layout_new (VitaNotice            *notice,
                        const char            *language,
                        const char            *second_language,
                        const VitaNoticeSite  *site,
                        GError               **error)
{
  g_auto(Lang) first = { 0 };
  g_auto(Lang) second = { 0 };
  Lang langs[2];
  VitaNoticeLayout *self;
  GString *title;

  g_return_val_if_fail (VITA_IS_NOTICE (notice), NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_vita_notice_lang_init (notice, &first, language, error))
    return NULL;
  _vita_notice_lang_set_site (notice, &first, site);

  if (second_language != NULL && g_strcmp0 (second_language, language) != 0)
    {
      if (!_vita_notice_lang_init (notice, &second, second_language, error))
        return NULL;
      _vita_notice_lang_set_site (notice, &second, site);
    }

  self = g_new0 (VitaNoticeLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_columns = second.code != NULL ? 2 : 1;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->slices = g_array_new (FALSE, TRUE, sizeof (Slice));
  self->page_starts = g_array_new (FALSE, TRUE, sizeof (guint));

  langs[0] = first;
  langs[1] = second;

  title = g_string_new (NULL);
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autofree char *text = _vita_notice_lang_render (&langs[c], notice->title);

      self->language[c] = g_strdup (langs[c].code);
      self->footer_version[c] = _vita_notice_lang_render (&langs[c], g_hash_table_lookup (notice->by_id, "label.version"));
      self->footer_issued[c] = _vita_notice_lang_render (&langs[c], g_hash_table_lookup (notice->by_id, "label.issued"));
      self->footer_approval[c] = g_strdup (g_hash_table_lookup (langs[c].vars, "approval"));
      /* {page} and {pages} are only known when drawing. */
      self->page_template[c] = _vita_notice_lang_translate_id (notice, &langs[c], "label.page");
      g_string_append_printf (title, "%s%s", c > 0 ? " / " : "", text);
    }
  self->title = g_string_free (title, FALSE);

  add_block (self, BLOCK_TITLE, langs, notice->title);
  for (guint i = 0; i < notice->sections->len; i++)
    {
      Section *section = g_ptr_array_index (notice->sections, i);

      add_block (self, BLOCK_HEADING, langs, section->heading);
      for (guint j = 0; j < section->paragraphs->len; j++)
        add_block (self, BLOCK_PARAGRAPH, langs, g_ptr_array_index (section->paragraphs, j));
    }

  return self;
}

/* Returns: the notice title, both languages' when there are two */
const char *
vita_notice_layout_get_title (VitaNoticeLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *text,
             const char   *weight,
             double        size,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autofree char *font = g_strdup_printf ("%s %s %g", FONT_FAMILIES, weight, size);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Word wrap, but a phone number or web address longer than a column still
   * breaks instead of running off the page. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, LINE_SPACING);

  /* A hyphen added at such a break would read as part of the number or,
   * in "ITIN-은", as part of the word. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  vita_text_keep_hangul_words (attrs, text);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
cell_measure (Cell *cell)
{
  PangoLayoutIter *iter;
  int i = 0;

  cell->n_lines = pango_layout_get_line_count (cell->layout);
  cell->top = g_new0 (double, cell->n_lines);
  cell->bottom = g_new0 (double, cell->n_lines);
  cell->baseline = g_new0 (double, cell->n_lines);
  cell->x = g_new0 (double, cell->n_lines);

  iter = pango_layout_get_iter (cell->layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      if (i >= cell->n_lines)
        break;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cell->top[i] = (double) y0 / PANGO_SCALE;
      cell->bottom[i] = (double) y1 / PANGO_SCALE;
      cell->baseline[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      cell->x[i] = (double) logical.x / PANGO_SCALE;
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  cell->n_lines = i;
}

static double
cell_span (const Cell *cell,
           int         first,
           int         end)
{
  if (end <= first)
    return 0.0;

  return cell->bottom[end - 1] - cell->top[first];
}

/* How many lines from @first fit in @space points. */
static int
cell_fitting (const Cell *cell,
              int         first,
              double      space)
{
  int end = first;

  while (end < cell->n_lines && cell_span (cell, first, end + 1) <= space)
    end++;

  return end - first;
}

static double
space_before (BlockKind kind)
{
  return kind == BLOCK_HEADING ? SPACE_BEFORE_HEADING : 0.0;
}

static double
space_after (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_TITLE: return SPACE_AFTER_TITLE;
    case BLOCK_HEADING: return SPACE_AFTER_HEADING;
    case BLOCK_PARAGRAPH:
    default: return SPACE_AFTER_PARAGRAPH;
    }
}

static char *
page_label (VitaNoticeLayout *self,
            guint             column,
            guint             page,
            guint             n_pages)
{
  g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (vars, "page", g_strdup_printf ("%u", page));
  g_hash_table_insert (vars, "pages", g_strdup_printf ("%u", n_pages));

  return vita_notice_substitute (self->page_template[column], vars);
}

static double
text_width (PangoContext *context,
            const char   *text)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, "", FOOTER_SIZE, -1);
  int width;

  pango_layout_get_size (layout, &width, NULL);

  return (double) width / PANGO_SCALE;
}

/* The foot of the page in one language: version and as-of date, issue date
 * and page number, joined with " · " on as few full-width lines as they fit
 * on, and never broken in the middle of one of them. */
static PangoLayout *
footer_layout (VitaNoticeLayout *self,
               guint             column,
               guint             page,
               guint             n_pages)
{
  g_autofree char *label = page_label (self, column, page, n_pages);
  const char *pieces[] = { self->footer_version[column], self->footer_issued[column],
                           self->footer_approval[column] != NULL ? self->footer_approval[column] : "",
                           label };
  double full = self->width - 2 * self->margin;
  g_autoptr(GString) text = g_string_new (pieces[0]);
  g_autoptr(GString) line = g_string_new (pieces[0]);
  PangoLayout *layout;

  for (guint i = 1; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autofree char *longer = NULL;

      if (*pieces[i] == '\0')
        continue;
      longer = g_strconcat (line->str, " · ", pieces[i], NULL);

      if (text_width (self->context[column], longer) <= full)
        {
          g_string_append_printf (text, " · %s", pieces[i]);
          g_string_assign (line, longer);
        }
      else
        {
          g_string_append_printf (text, "\n%s", pieces[i]);
          g_string_assign (line, pieces[i]);
        }
    }

  layout = make_layout (self->context[column], text->str, "", FOOTER_SIZE, full);
  pango_layout_set_line_spacing (layout, 1.15);

  return layout;
}

static void
start_page (VitaNoticeLayout *self,
            double           *y)
{
  guint index = self->slices->len;

  g_array_append_val (self->page_starts, index);
  *y = 0.0;
}

static void
add_slice (VitaNoticeLayout *self,
           guint             block,
           const int        *first,
           const int        *end,
           double            y)
{
  Slice slice = { block, { first[0], first[1] }, { end[0], end[1] }, y };

  g_array_append_val (self->slices, slice);
}

/**
 * vita_notice_layout_paginate:
 * @self: a layout
 * @cr: the cairo context pages will be drawn on, in points
 * @width: the page width in points
 * @height: the page height in points
 * @margin: the margin on every side, in points
 *
 * Breaks the notice into pages.  Headings stay with the start of their
 * paragraph, paragraphs split only between lines and never leave a single
 * line behind or ahead, and in two columns each paragraph starts level with
 * its translation.
 *
 * Returns: the number of pages
 */
guint
vita_notice_layout_paginate (VitaNoticeLayout *self,
                             cairo_t          *cr,
                             double            width,
                             double            height,
                             double            margin)
{
  cairo_font_options_t *options;
  double footer_height = 0.0;
  double body_height;
  double y;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  layout_clear_pages (self);

  self->width = width;
  self->height = height;
  self->margin = margin;
  self->column_width = MAX (72.0, (width - 2 * margin - (self->n_columns - 1) * COLUMN_GAP)
                                  / self->n_columns);

  /* Unhinted metrics: the same line breaks on screen preview, printer and
   * PDF, and cairo's user unit is a point, so 72 "dpi". */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  for (guint c = 0; c < self->n_columns; c++)
    {
      self->context[c] = pango_cairo_create_context (cr);
      pango_cairo_context_set_resolution (self->context[c], 72.0);
      pango_cairo_context_set_font_options (self->context[c], options);
      /* The language picks Korean rather than Chinese or Japanese glyph
       * forms and the right line-breaking rules. */
      pango_context_set_language (self->context[c],
                                  pango_language_from_string (self->language[c]));
      pango_context_set_base_dir (self->context[c], PANGO_DIRECTION_LTR);
    }
  cairo_font_options_destroy (options);

  /* The footers are stacked, one per language, across the whole width. */
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(PangoLayout) footer = footer_layout (self, c, 888, 888);
      int h;

      pango_layout_get_size (footer, NULL, &h);
      footer_height += (double) h / PANGO_SCALE + (c > 0 ? FOOTER_SPACING : 0.0);
    }
  self->body_bottom = height - margin - footer_height - FOOTER_GAP;
  body_height = MAX (BODY_SIZE * 4, self->body_bottom - margin);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      const char *weight = block->kind == BLOCK_PARAGRAPH ? "" : "Bold";
      double size = (block->kind == BLOCK_TITLE ? TITLE_SIZE
                     : block->kind == BLOCK_HEADING ? HEADING_SIZE : BODY_SIZE);

      for (guint c = 0; c < self->n_columns; c++)
        {
          block->cell[c].layout = make_layout (self->context[c], block->text[c], weight,
                                               size, self->column_width);
          if (block->kind != BLOCK_PARAGRAPH)
            pango_layout_set_line_spacing (block->cell[c].layout, 1.1);
          cell_measure (&block->cell[c]);
        }
    }

  start_page (self, &y);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      int pos[2] = { 0, 0 };
      int end[2] = { 0, 0 };

      if (block->kind != BLOCK_PARAGRAPH)
        {
          Block *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL;
          double need = 0.0;

          /* A heading alone at the foot of a page helps nobody: it needs
           * room for itself and two lines of what follows. */
          for (guint c = 0; c < self->n_columns; c++)
            {
              double lead = 0.0;

              if (next != NULL)
                lead = space_after (block->kind)
                       + cell_span (&next->cell[c], 0, MIN (2, next->cell[c].n_lines));
              need = MAX (need, cell_span (&block->cell[c], 0, block->cell[c].n_lines) + lead);
            }
          if (y > 0.0 && y + space_before (block->kind) + need > body_height)
            start_page (self, &y);
          if (y > 0.0)
            y += space_before (block->kind);

          need = 0.0;
          for (guint c = 0; c < self->n_columns; c++)
            {
              end[c] = block->cell[c].n_lines;
              need = MAX (need, cell_span (&block->cell[c], 0, end[c]));
            }
          add_slice (self, i, pos, end, y);
          y += need + space_after (block->kind);
          continue;
        }

      for (;;)
        {
          gboolean remaining = FALSE;
          gboolean move = FALSE;
          gboolean any = FALSE;
          double avail = body_height - y;
          double used = 0.0;
          int take[2] = { 0, 0 };

          for (guint c = 0; c < self->n_columns; c++)
            {
              int left = block->cell[c].n_lines - pos[c];

              if (left <= 0)
                continue;
              take[c] = cell_fitting (&block->cell[c], pos[c], avail);
              if (take[c] < left)
                {
                  /* No single first line at the foot of a page (orphan),
                   * no single last line at the top of the next (widow). */
                  if (left - take[c] == 1 && take[c] > 2)
                    take[c]--;
                  if (take[c] < MIN (2, left) || left - take[c] == 1)
                    move = TRUE;
                }
            }

          if (move && y > 0.0)
            {
              start_page (self, &y);
              continue;
            }

          for (guint c = 0; c < self->n_columns; c++)
            {
              int left = block->cell[c].n_lines - pos[c];

              /* Something must go on an empty page, or a line taller than
               * the page would loop forever. */
              if (left > 0 && take[c] == 0 && y == 0.0)
                take[c] = 1;
              end[c] = pos[c] + take[c];
              used = MAX (used, cell_span (&block->cell[c], pos[c], end[c]));
              any = any || take[c] > 0;
            }

          if (any)
            add_slice (self, i, pos, end, y);
          y += used;

          for (guint c = 0; c < self->n_columns; c++)
            {
              pos[c] = end[c];
              remaining = remaining || pos[c] < block->cell[c].n_lines;
            }
          if (!remaining)
            break;
          start_page (self, &y);
        }

      y += space_after (block->kind);
    }

  return self->page_starts->len;
}

/* Returns: the number of pages from the last vita_notice_layout_paginate() */
guint
vita_notice_layout_get_n_pages (VitaNoticeLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->page_starts->len;
}

static double
column_x (VitaNoticeLayout *self,
          guint             column)
{
  return self->margin + column * (self->column_width + COLUMN_GAP);
}

/**
 * vita_notice_layout_draw_page:
 * @self: a paginated layout
 * @cr: a cairo context in points, on the same kind of surface as was
 *   paginated for
 * @page: the page, counting from 0
 *
 * Draws one page: its text, and the version, as-of date, issue date and
 * page number at the foot in each column's language.
 */
void
vita_notice_layout_draw_page (VitaNoticeLayout *self,
                              cairo_t          *cr,
                              guint             page)
{
  guint n_pages;
  guint first, last;
  double y;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = self->page_starts->len;
  g_return_if_fail (page < n_pages);

  first = g_array_index (self->page_starts, guint, page);
  last = page + 1 < n_pages ? g_array_index (self->page_starts, guint, page + 1) : self->slices->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);

  for (guint s = first; s < last; s++)
    {
      const Slice *slice = &g_array_index (self->slices, Slice, s);
      Block *block = g_ptr_array_index (self->blocks, slice->block);

      for (guint c = 0; c < self->n_columns; c++)
        {
          Cell *cell = &block->cell[c];
          double origin;

          if (slice->end[c] <= slice->first[c])
            continue;

          /* Line by line rather than clipping the whole layout: clipped text
           * would still be in the PDF for copy, search and screen readers. */
          origin = self->margin + slice->y - cell->top[slice->first[c]];
          for (int k = slice->first[c]; k < slice->end[c]; k++)
            {
              cairo_move_to (cr, column_x (self, c) + cell->x[k], origin + cell->baseline[k]);
              pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (cell->layout, k));
            }
        }
    }

  /* A rule between the columns, and one above the footer. */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.6);
  if (self->n_columns == 2)
    {
      double x = self->margin + self->column_width + COLUMN_GAP / 2;

      cairo_move_to (cr, x, self->margin);
      cairo_line_to (cr, x, self->body_bottom);
    }
  cairo_move_to (cr, self->margin, self->body_bottom + FOOTER_GAP / 2);
  cairo_line_to (cr, self->width - self->margin, self->body_bottom + FOOTER_GAP / 2);
  cairo_stroke (cr);

  /* Dark grey: lighter than the text, still high contrast on paper. */
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  y = self->body_bottom + FOOTER_GAP;
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(PangoLayout) footer = footer_layout (self, c, page + 1, n_pages);
      int h;

      cairo_move_to (cr, self->margin, y);
      pango_cairo_show_layout (cr, footer);
      pango_layout_get_size (footer, NULL, &h);
      y += (double) h / PANGO_SCALE + FOOTER_SPACING;
    }

  cairo_restore (cr);
}
