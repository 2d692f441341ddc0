/* test-gui-forms.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The coordinator's Forms page and printing a household's forms through
 * the print operation (exported to a PDF, the path the dialog's "Print to
 * File" takes).
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "vita-coordinator-window.h"
#include "vita-form-print.h"
#include "vita-forms-page.h"
#include "vita-i18n.h"
#include "vita-minimum-data.h"
#include "vita-store-forms.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-test-forms.h"
#include "vita-test-utils.h"

typedef PopplerDocument TestPdf;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

#define WAIT_FOR(cond, ms)                                                  \
  G_STMT_START {                                                            \
    gint64 _end = g_get_monotonic_time () + (gint64)(ms) * 1000;            \
    guint _tick = g_timeout_add (10, tick_cb, NULL);                        \
    while (!(cond) && g_get_monotonic_time () < _end)                       \
      g_main_context_iteration (NULL, TRUE);                                \
    g_source_remove (_tick);                                                \
    if (!(cond))                                                            \
      g_error ("Timed out after %d ms waiting for: %s", (int)(ms), #cond);  \
  } G_STMT_END

static gboolean
need_forms (void)
{
  if (vita_test_forms_dir () != NULL)
    return TRUE;
  g_test_skip ("../shared/forms (VITA_FORMS_DIR) is absent: the IRS PDFs are not here");
  return FALSE;
}


/* With VITA_SCREENSHOT_DIR set, a PNG of @window as GTK draws it. */
static void
screenshot (GtkWindow  *window,
            const char *name)
{
  const char *dir = g_getenv ("VITA_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  w = gtk_widget_get_width (GTK_WIDGET (window));
  h = gtk_widget_get_height (GTK_WIDGET (window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (window));
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
import_and_wait (VitaFormsPage *page,
                 const char    *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  vita_forms_page_import_file (page, file);
  g_assert_true (vita_forms_page_get_busy (page));
  /* Generous: the machine is shared; this is not a timing test. */
  WAIT_FOR (!vita_forms_page_get_busy (page), 60000);
}

static void
test_forms_page (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(VitaStore) store = NULL;
  g_autofree char *c2025 = NULL;
  g_autofree char *c2024 = NULL;
  GtkWindow *window;
  VitaFormsPage *page;

  if (!need_forms ())
    return;
  dir = vita_test_make_tmpdir ();
  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  window = vita_coordinator_window_new (NULL, store);
  gtk_window_present (window);
  page = VITA_FORMS_PAGE (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                         VITA_TYPE_COORDINATOR_WINDOW,
                                                         "forms_page"));
  g_assert_nonnull (page);
  g_assert_cmpuint (vita_forms_page_get_n_templates (page), ==, 0);

  c2025 = g_build_filename (vita_test_forms_dir (), "f13614c-rev-10-2025.pdf", NULL);
  c2024 = g_build_filename (vita_test_forms_dir (), "f13614c-rev-10-2024.pdf", NULL);

  import_and_wait (page, c2025);
  g_assert_cmpuint (vita_forms_page_get_n_templates (page), ==, 1);
  g_assert_nonnull (strstr (vita_forms_page_get_message (page), "Form 13614-C (Rev. 10-2025)"));

  /* Refused, both revisions named, nothing changed. */
  import_and_wait (page, c2024);
  g_assert_cmpuint (vita_forms_page_get_n_templates (page), ==, 1);
  g_assert_nonnull (strstr (vita_forms_page_get_message (page), "Rev. 11-2024"));
  g_assert_nonnull (strstr (vita_forms_page_get_message (page), "Rev. 10-2025"));

  /* The site's CAA switch is a setting the W-7 reads. */
  {
    GtkSwitch *caa = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (page),
                                                                VITA_TYPE_FORMS_PAGE,
                                                                "caa_switch"));
    g_autofree char *enabled = NULL;

    g_assert_false (gtk_switch_get_active (caa));
    gtk_switch_set_active (caa, TRUE);
    enabled = vita_store_dup_setting (store, "caa-enabled", NULL);
    g_assert_cmpstr (enabled, ==, "yes");
  }

  if (g_getenv ("VITA_SCREENSHOT_DIR") != NULL)
    {
      AdwViewStack *stack = ADW_VIEW_STACK (gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                            VITA_TYPE_COORDINATOR_WINDOW,
                                                                            "view_stack"));

      adw_view_stack_set_visible_child_name (stack, "forms");
      gtk_window_set_default_size (window, 900, 1000);
      WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (page)), 5000);
      {
        gint64 end = g_get_monotonic_time () + 500 * 1000;
        WAIT_FOR (g_get_monotonic_time () >= end, 2000);
      }
      screenshot (window, "gui-forms-page.png");
    }

  gtk_window_destroy (window);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

static guint
red_pixels (PopplerPage *page)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint red = 0;
  int stride;
  guint8 *px;

  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) w, (int) h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  px = cairo_image_surface_get_data (surface);
  for (int y = 0; y < (int) h; y++)
    for (int x = 0; x < (int) w; x++)
      {
        guint32 p = *(guint32 *) (px + y * stride + x * 4);

        if (((p >> 16) & 0xff) > 150 && ((p >> 8) & 0xff) < 140 && (p & 0xff) < 140)
          red++;
      }
  cairo_surface_destroy (surface);
  return red;
}

typedef struct
{
  gboolean finished;
  gboolean printed;
  char    *message;
} PrintResult;

static void
print_done (gboolean    printed,
            const char *message,
            gpointer    user_data)
{
  PrintResult *r = user_data;

  r->finished = TRUE;
  r->printed = printed;
  r->message = g_strdup (message);
}

static void
test_print_household (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) c2025 = NULL;
  g_autoptr(GBytes) w7 = NULL;
  g_autoptr(TestPdf) doc = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  PrintResult result = { 0 };
  GtkWindow *window;
  guint printed = 0;

  if (!need_forms ())
    return;
  dir = vita_test_make_tmpdir ();
  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);
  c2025 = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  w7 = vita_test_w7_fixture ();
  g_assert_true (vita_store_save_form_template (store, "13614-C", "Rev. 10-2025", "x", c2025,
                                                &error));
  g_assert_true (vita_store_save_form_template (store, "W-7", "Rev. 12-2024", "x", w7, &error));
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (window);
  out = g_build_filename (dir, "printed.pdf", NULL);
  vita_form_print_household (window, store, hh, out, print_done, &result);
  WAIT_FOR (result.finished, 120000);
  g_assert_true (result.printed);
  /* Its W-7 printed as a draft, so it is printed again: minimum-data mode
   * (a new store's) keeps the TINs, in the caller's copy too. */
  {
    g_autoptr(VitaHousehold) copy = vita_household_copy (hh);

    g_assert_cmpuint (vita_minimum_data_strip_tins (copy), >, 0);
  }

  uri = g_filename_to_uri (out, NULL, NULL);
  doc = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  /* 6 pages of 13614-C, 1 of W-7, then the package and preparer's sheets. */
  g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 9);
  for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (doc, i);
      g_autofree char *t = poppler_page_get_text (page);

      g_string_append (text, t);
      g_object_unref (page);
    }
  g_assert_nonnull (strstr (text->str, "Intake/Interview and Quality Review Sheet"));
  g_assert_nonnull (strstr (text->str, "What goes in the envelope"));
  g_assert_nonnull (strstr (text->str, "Needs attention"));
  /* The synthetic applicant's W-7 has blocking problems: it prints as a
   * draft, with the red mark across it (poppler does not extract rotated
   * text reliably, so look for the ink). */
  g_assert_nonnull (result.message);
  g_assert_nonnull (strstr (result.message, "DRAFT"));
  {
    guint red = 0;

    for (int i = 0; i < poppler_document_get_n_pages (doc); i++)
      {
        PopplerPage *page = poppler_document_get_page (doc, i);
        g_autofree char *t = poppler_page_get_text (page);

        if (t != NULL && strstr (t, "Form W-7 test fixture") != NULL)
          red = red_pixels (page);
        g_object_unref (page);
      }
    g_assert_cmpuint (red, >, 500);
  }
  {
    guint red_13614 = 0;
    PopplerPage *page = poppler_document_get_page (doc, 0);

    red_13614 = red_pixels (page);
    g_object_unref (page);
    g_assert_cmpuint (red_13614, <, 50);
  }

  audit = vita_store_list_audit (store, vita_household_get_id (hh), 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    if (g_str_equal (((VitaAuditEntry *) audit->pdata[i])->action, "print-form"))
      printed++;
  g_assert_cmpuint (printed, ==, 4);

  g_free (result.message);
  gtk_window_destroy (window);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}


static void
test_save_pdf (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) c2025 = NULL;
  PrintResult result = { 0 };
  struct stat st;

  if (!need_forms ())
    return;
  dir = vita_test_make_tmpdir ();
  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);
  c2025 = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  g_assert_true (vita_store_save_form_template (store, "13614-C", "Rev. 10-2025", "x", c2025,
                                                &error));
  out = g_build_filename (dir, "saved.pdf", NULL);
  file = g_file_new_for_path (out);

  vita_form_save_household_pdf_to (store, hh, file, print_done, &result);
  WAIT_FOR (result.finished, 120000);
  g_assert_true (result.printed);
  g_assert_cmpint (g_stat (out, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *uri = g_filename_to_uri (out, NULL, NULL);
    g_autoptr(TestPdf) doc = poppler_document_new_from_file (uri, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (poppler_document_get_n_pages (doc), >=, 8);
  }
  g_clear_pointer (&result.message, g_free);

  /* Never over an existing file. */
  result.finished = FALSE;
  vita_form_save_household_pdf_to (store, hh, file, print_done, &result);
  WAIT_FOR (result.finished, 120000);
  g_assert_false (result.printed);
  g_assert_nonnull (strstr (result.message, "already exists"));
  g_free (result.message);

  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

/* Issue 14, item 8: a set printed without drafts (no W-7 in it) erases
 * the TINs in the store, and the caller's copy drops them too, so the
 * interview's next save does not bring them back. */
static void
test_print_strips_tins (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *out = NULL;
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(VitaHousehold) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) c2025 = NULL;
  PrintResult result = { 0 };
  GtkWindow *window;

  if (!need_forms ())
    return;
  for (int p = VITA_PERSON_TAXPAYER; p < 12; p++)
    if (vita_household_get (hh, p, "tin_type") != NULL)
      vita_household_set (hh, p, "tin_type", "ssn");
  {
    g_autoptr(VitaHousehold) copy = vita_household_copy (hh);

    g_assert_cmpuint (vita_minimum_data_strip_tins (copy), >, 0);
  }
  dir = vita_test_make_tmpdir ();
  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);
  c2025 = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  g_assert_true (vita_store_save_form_template (store, "13614-C", "Rev. 10-2025", "x", c2025,
                                                &error));
  g_assert_no_error (error);

  window = GTK_WINDOW (gtk_window_new ());
  gtk_window_present (window);
  out = g_build_filename (dir, "printed.pdf", NULL);
  vita_form_print_household (window, store, hh, out, print_done, &result);
  WAIT_FOR (result.finished, 120000);
  g_assert_true (result.printed);
  g_assert_cmpuint (vita_minimum_data_strip_tins (hh), ==, 0);
  loaded = vita_store_load_household (store, vita_household_get_id (hh), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (vita_minimum_data_strip_tins (loaded), ==, 0);
  g_assert_nonnull (vita_household_get (loaded, VITA_PERSON_TAXPAYER, "last_name"));

  g_free (result.message);
  gtk_window_destroy (window);
  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  bindtextdomain (GETTEXT_PACKAGE, vita_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/forms/page-import", test_forms_page);
  g_test_add_func ("/gui/forms/print-household", test_print_household);
  g_test_add_func ("/gui/forms/print-strips-tins", test_print_strips_tins);
  g_test_add_func ("/gui/forms/save-pdf", test_save_pdf);
  return g_test_run ();
}
