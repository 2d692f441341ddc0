/* vita-bench-forms.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One household's forms end to end: check both templates (as an import
 * does, without the store), fill the 13614-C and a W-7, and render every
 * page of both as printing does.  Target: under 300 ms.
 *
 *   meson compile -C _build vita-bench-forms && _build/bench/vita-bench-forms
 */

#include "config.h"

#include <cairo.h>
#include <poppler.h>

#include "vita-form-fill.h"
#include "vita-form-template.h"
#include "vita-test-forms.h"

static int opt_rounds = 20;

static const GOptionEntry entries[] = {
  { "rounds", 'n', 0, G_OPTION_ARG_INT, &opt_rounds, "Rounds to time", "N" },
  { NULL }
};

static void
render_all (GBytes *pdf)
{
  PopplerDocument *doc = poppler_document_new_from_bytes (pdf, NULL, NULL);

  g_assert_nonnull (doc);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      double w, h;
      cairo_surface_t *surface;
      cairo_t *cr;

      poppler_page_get_size (page, &w, &h);
      surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
      cr = cairo_create (surface);
      poppler_page_render_for_printing (page, cr);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      g_object_unref (page);
    }
  g_object_unref (doc);
}

static int
compare (gconstpointer a,
         gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) c13614 = NULL;
  g_autoptr(GBytes) w7 = NULL;
  g_autoptr(VitaHousehold) hh = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (g_getenv ("VITA_FORMS_DIR") == NULL)
    g_setenv ("VITA_FORMS_DIR", FORMS_DIR, TRUE);
  if (vita_test_forms_dir () == NULL)
    {
      g_printerr ("The IRS PDFs are not at %s\n", g_getenv ("VITA_FORMS_DIR"));
      return 1;
    }
  c13614 = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  w7 = vita_test_w7_fixture ();
  hh = vita_test_every_answer_household ();

  for (int round = 0; round <= opt_rounds; round++)
    {
      gint64 begin = g_get_monotonic_time ();
      g_autoptr(VitaFormTemplate) t1 = vita_form_template_inspect (c13614, &error);
      g_autoptr(VitaFormTemplate) t2 = NULL;
      g_autoptr(GBytes) f1 = NULL;
      g_autoptr(GBytes) f2 = NULL;
      double ms;
      gint64 t_inspect, t_fill;

      g_assert_no_error (error);
      t2 = vita_form_template_inspect (w7, &error);
      g_assert_no_error (error);
      t_inspect = g_get_monotonic_time ();
      f1 = vita_form_fill (t1->map, c13614, hh, -1, NULL, NULL, &error);
      g_assert_no_error (error);
      f2 = vita_form_fill (t2->map, w7, hh, 2, NULL, NULL, &error);
      g_assert_no_error (error);
      t_fill = g_get_monotonic_time ();
      render_all (f1);
      render_all (f2);
      ms = (g_get_monotonic_time () - begin) / 1000.0;
      if (round == opt_rounds)
        g_print ("last round: inspect %.1f ms, fill %.1f ms, render %.1f ms\n",
                 (t_inspect - begin) / 1000.0, (t_fill - t_inspect) / 1000.0,
                 (g_get_monotonic_time () - t_fill) / 1000.0);
      if (round > 0)  /* the first round warms fonts and caches */
        g_array_append_val (times, ms);
    }
  g_array_sort (times, compare);
  g_print ("| forms: import + fill + render 13614-C and W-7 | median %8.1f ms | p95 %8.1f ms | "
           "target < 300 ms |\n",
           g_array_index (times, double, times->len / 2),
           g_array_index (times, double, MIN (times->len - 1, (times->len * 95) / 100)));
  return 0;
}
