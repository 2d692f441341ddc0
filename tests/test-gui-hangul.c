/* test-gui-hangul.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "vita-gui-test-utils.h"
#include "vita-gui-util.h"

/* Hangul at UI size (issue 15, reviews/hangul-ui-size.md): under the GL
 * renderer on llvmpipe the dim caption lost final consonants (기록을 drawn
 * as 기록읔).  Each label is rendered by the window's own renderer and
 * compared with the same layout drawn by Pango and cairo directly: the
 * column ink profiles must agree, and so must the ink in the bottom part of
 * the line, where the final consonants are. */

static const char *texts[] = {
  "한국어 개인 칸",
  "기록을 안전한 곳에 보관하고 복구할 수 없으니",
  "이것으로 모든 기록을 엽니다",
};

typedef struct
{
  int     width, height;
  double *columns;   /* ink per column */
  double  bottom;    /* ink in the lower third of the inked rows */
  double  total;
} Ink;

static void
ink_free (Ink *ink)
{
  g_free (ink->columns);
}

/* Ink = darkness against the background, from premultiplied ARGB32. */
static void
measure (const guchar *data,
         gsize         stride,
         int           width,
         int           height,
         Ink          *ink)
{
  int top = height, bottom = -1;
  double *rows = g_new0 (double, height);

  ink->width = width;
  ink->height = height;
  ink->columns = g_new0 (double, width);
  ink->total = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = data + y * stride + x * 4;
        double a = p[3] / 255.0;

        ink->columns[x] += a;
        rows[y] += a;
        ink->total += a;
      }
  for (int y = 0; y < height; y++)
    if (rows[y] > 0.5)
      {
        top = MIN (top, y);
        bottom = MAX (bottom, y);
      }
  ink->bottom = 0;
  for (int y = bottom - (bottom - top) / 3; y <= bottom && bottom >= 0; y++)
    ink->bottom += rows[y];
  g_free (rows);
}

static void
render_widget (GtkWidget *label,
               Ink       *ink)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (label));
  int w = gtk_widget_get_width (label), h = gtk_widget_get_height (label);
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (label);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guchar *data = NULL;

  gdk_paintable_snapshot (paintable, snapshot, w, h);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, w, h));
  data = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (texture, data, (gsize) w * 4);
  measure (data, (gsize) w * 4, w, h, ink);
}

static void
render_pango (GtkWidget  *label,
              Ink        *ink)
{
  int w = gtk_widget_get_width (label), h = gtk_widget_get_height (label);
  PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (label));
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (surface);
  int lx, ly;
  GdkRGBA color;

  gtk_label_get_layout_offsets (GTK_LABEL (label), &lx, &ly);
  gtk_style_context_get_color (gtk_widget_get_style_context (label), &color);
  /* Same colour and opacity as the widget, so the ink is comparable. */
  cairo_set_source_rgba (cr, color.red, color.green, color.blue,
                         color.alpha * gtk_widget_get_opacity (label));
  cairo_move_to (cr, lx, ly);
  pango_cairo_show_layout (cr, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  measure (cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface), w, h, ink);
  cairo_surface_destroy (surface);
}

/* Correlation of two column profiles, shifted by up to 2 px (the renderers
 * may place glyphs a pixel apart). */
static double
best_correlation (const Ink *a,
                  const Ink *b)
{
  double best = -1;

  for (int shift = -2; shift <= 2; shift++)
    {
      double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
      int n = 0;

      for (int x = 2; x < a->width - 2 && x < b->width - 2; x++)
        {
          double va = a->columns[x], vb = b->columns[x + shift];

          sa += va; sb += vb; saa += va * va; sbb += vb * vb; sab += va * vb;
          n++;
        }
      if (n > 0)
        {
          double cov = sab - sa * sb / n;
          double den = sqrt ((saa - sa * sa / n) * (sbb - sb * sb / n));

          if (den > 0)
            best = MAX (best, cov / den);
        }
    }
  return best;
}

static void
check_classes (const char *const *classes)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *labels[G_N_ELEMENTS (texts)];

  gtk_window_set_child (GTK_WINDOW (window), box);
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      labels[i] = gtk_label_new (texts[i]);
      for (guint c = 0; classes[c] != NULL; c++)
        gtk_widget_add_css_class (labels[i], classes[c]);
      gtk_box_append (GTK_BOX (box), labels[i]);
    }
  gtk_window_present (GTK_WINDOW (window));
  WAIT_FOR (gtk_widget_get_mapped (labels[0]) && gtk_widget_get_width (labels[0]) > 0, 5000);
  spin (100);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      Ink drawn, reference;
      double corr;

      render_widget (labels[i], &drawn);
      render_pango (labels[i], &reference);
      corr = best_correlation (&drawn, &reference);
      g_test_message ("%s [%s]: corr %.3f, bottom %.1f/%.1f, total %.1f/%.1f",
                      G_OBJECT_TYPE_NAME (gtk_native_get_renderer (gtk_widget_get_native (labels[i]))),
                      classes[0] ? classes[0] : "", corr, drawn.bottom, reference.bottom,
                      drawn.total, reference.total);
      g_assert_cmpfloat (reference.total, >, 10);
      g_assert_cmpfloat (drawn.total, >, 10);
      g_assert_cmpfloat (corr, >, 0.95);
      /* The final consonants sit in the bottom third of the line: its
       * share of the ink (independent of the CSS opacity of dim-label)
       * must be what Pango draws. */
      g_assert_cmpfloat (drawn.bottom / drawn.total, >, 0.9 * reference.bottom / reference.total);
      ink_free (&drawn);
      ink_free (&reference);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_body (void)
{
  check_classes ((const char *[]) { NULL });
}

static void
test_dim_caption (void)
{
  check_classes ((const char *[]) { "dim-label", "caption", NULL });
}

static void
test_dim_body (void)
{
  check_classes ((const char *[]) { "dim-label", NULL });
}

int
main (int   argc,
      char *argv[])
{
  /* What the app does at startup, before its first window. */
  gtk_test_init (&argc, &argv, NULL);
  vita_gui_choose_renderer ();
  adw_init ();

  g_test_add_func ("/hangul/body", test_body);
  g_test_add_func ("/hangul/dim-caption", test_dim_caption);
  g_test_add_func ("/hangul/dim-body", test_dim_body);
  return g_test_run ();
}
