/* test-forms.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The IRS forms: maps, template import, filling and what comes out.
 * The official PDFs are read from ../shared/forms (VITA_FORMS_DIR); the
 * tests that need them skip only when that folder is absent.
 */

#define _GNU_SOURCE
#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>

#include "vita-clock.h"
#include "vita-field.h"
#include "vita-form-fill.h"
#include "vita-form-map.h"
#include "vita-form-print-set.h"
#include "vita-form-sheets.h"
#include "vita-form-template.h"
#include "vita-retention.h"
#include "vita-store-forms.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-test-forms.h"
#include "vita-test-utils.h"
#include "vita-w7.h"

typedef PopplerDocument TestPdf;
typedef PopplerPage TestPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdfPage, g_object_unref)

#define SHA256_13614C_2025 "160507ac6daa8cc5e3126ad51ba5c2050c786337048f434f8336b48d92992c9d"

static char *test_tmpdir;

static gboolean
need_forms (void)
{
  if (vita_test_forms_dir () != NULL)
    return TRUE;
  g_test_skip ("../shared/forms (VITA_FORMS_DIR) is absent: the IRS PDFs are not here");
  return FALSE;
}

static GHashTable *
caa_settings (void)
{
  GHashTable *settings = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (settings, "caa-enabled", "yes");
  g_hash_table_insert (settings, "caa-company", "Test CAA Site");
  g_hash_table_insert (settings, "caa-name-title", "Pat Doe, Coordinator");
  g_hash_table_insert (settings, "caa-phone", "(617) 555-0100");
  g_hash_table_insert (settings, "caa-ein", "12-3456789");
  g_hash_table_insert (settings, "caa-office-code", "12345678");
  return settings;
}

/* ------------------------------------------------------------------ */
/* Maps                                                                */
/* ------------------------------------------------------------------ */

static void
assert_covers (const VitaFormMap *map,
               const char *const *sections)
{
  const VitaField *fields;
  guint n;

  fields = vita_fields_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      if (!g_strv_contains (sections, vita_field_section_get_id (fields[i].section)))
        continue;
      if (vita_form_map_uses_field (map, fields[i].id)
          || vita_form_map_is_unmapped (map, fields[i].id))
        continue;
      g_test_message ("%s: answer %s has no box and no @unmapped line",
                      vita_form_map_get_title (map), fields[i].id);
      g_test_fail ();
    }
}

static void
test_maps (void)
{
  static const char *intake[] = { "identity", "personal", "marital", "household", "income",
                                  "expenses", "events", "optional", "notes", NULL };
  static const char *w7[] = { "w7", NULL };
  const VitaFormMap *c = vita_form_maps_lookup (VITA_FORM_13614C, "Rev. 10-2025");
  const VitaFormMap *w = vita_form_maps_lookup (VITA_FORM_W7, "Rev. 12-2024");
  g_autofree char *known = vita_form_maps_dup_known (NULL);

  g_assert_nonnull (c);
  g_assert_nonnull (w);
  g_assert_null (vita_form_maps_lookup (VITA_FORM_13614C, "Rev. 11-2024"));
  /* Every field of the 2025 form but the six left for ink and links. */
  g_assert_cmpuint (vita_form_map_get_n_entries (c), ==, 297 - 6);
  g_assert_cmpuint (vita_form_map_get_n_entries (w), ==, 69);
  g_assert_nonnull (strstr (known, "Form 13614-C (Rev. 10-2025)"));
  g_assert_nonnull (strstr (known, "Form W-7 (Rev. 12-2024)"));
  assert_covers (c, intake);
  assert_covers (w, w7);
}

static void
test_map_errors (void)
{
  static const char *bad[] = {
    "@form\t13614-C\n@revision\tRev. 1-2000\n@title\tx\nfoo\ttext\thh\tno.such.field\tplain\t-\n",
    "@form\t13614-C\n@revision\tRev. 1-2000\n@title\tx\nfoo\tradio\thh\tnotes\tplain\t-\n",
    "@form\t13614-C\n@revision\tRev. 1-2000\n@title\tx\nfoo\ttext\tnobody\tnotes\tplain\t-\n",
    "@form\t13614-C\n@revision\tRev. 1-2000\n@title\tx\nfoo\ttext\thh\tnotes\tfancy\t-\n",
    "@form\t13614-C\n@revision\tRev. 1-2000\n@title\tx\nfoo\ttext\thh\tnotes\n",
    "@form\t13614-C\nfoo\ttext\thh\tnotes\tplain\t-\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VitaFormMap) map = vita_form_map_parse (bad[i], strlen (bad[i]), "bad.map", &error);

      g_assert_null (map);
      g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_MAP);
      g_assert_nonnull (strstr (error->message, "bad.map"));
    }
}

/* ------------------------------------------------------------------ */
/* Import                                                              */
/* ------------------------------------------------------------------ */

static void
test_inspect_2025 (void)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaFormTemplate) tmpl = NULL;

  if (!need_forms ())
    return;
  pdf = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  tmpl = vita_form_template_inspect (pdf, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tmpl->form, ==, "13614-C");
  g_assert_cmpstr (tmpl->revision, ==, "Rev. 10-2025");
  g_assert_cmpstr (tmpl->title, ==, "Form 13614-C (Rev. 10-2025)");
  g_assert_cmpstr (tmpl->sha256, ==, SHA256_13614C_2025);
  g_assert_cmpuint (tmpl->n_fields, ==, 297);
}

static void
test_inspect_2024_refused (void)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaFormTemplate) tmpl = NULL;

  if (!need_forms ())
    return;
  pdf = vita_test_forms_read ("f13614c-rev-10-2024.pdf");
  tmpl = vita_form_template_inspect (pdf, &error);
  g_assert_null (tmpl);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_UNKNOWN_REVISION);
  /* That copy has no title: the revision comes from its footer, which
   * says November 2024. */
  g_assert_nonnull (strstr (error->message, "Form 13614-C (Rev. 11-2024)"));
  g_assert_nonnull (strstr (error->message, "Form 13614-C (Rev. 10-2025)"));
}

static void
test_inspect_not_a_form (void)
{
  g_autoptr(GBytes) junk = g_bytes_new_static ("hello", 5);
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaFormTemplate) tmpl = vita_form_template_inspect (junk, &error);

  g_assert_null (tmpl);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NOT_A_FORM);
  g_assert_nonnull (strstr (error->message, "Form 13614-C (Rev. 10-2025)"));
}

static void
test_inspect_missing_field (void)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaFormTemplate) tmpl = NULL;
  gsize size;
  char *data;
  char *at;

  if (!need_forms ())
    return;
  /* Rename one field of the fixture, keeping the length. */
  pdf = vita_test_w7_fixture ();
  {
    const void *orig = g_bytes_get_data (pdf, &size);
    data = g_memdup2 (orig, size);
  }
  at = g_strstr_len (data, size, "(f1_09[0])");
  g_assert_nonnull (at);
  memcpy (at, "(f1_99[0])", 10);
  broken = g_bytes_new_take (data, size);
  tmpl = vita_form_template_inspect (broken, &error);
  g_assert_null (tmpl);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FIELDS);
  g_assert_nonnull (strstr (error->message, "f1_09[0]"));
}

static void
test_store_import (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(GBytes) c2025 = NULL;
  g_autoptr(GBytes) c2024 = NULL;
  g_autoptr(GBytes) w7 = NULL;
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autofree char *revision = NULL;
  gboolean audited = FALSE;

  if (!need_forms ())
    return;
  dir = vita_test_make_tmpdir ();
  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);

  /* Nothing loaded yet. */
  loaded = vita_store_load_form_template (store, VITA_FORM_13614C, NULL, &error);
  g_assert_null (loaded);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_TEMPLATE);
  g_clear_error (&error);

  c2025 = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  {
    g_autoptr(VitaFormTemplate) tmpl = vita_form_template_import (store, c2025, &error);
    g_assert_no_error (error);
    g_assert_nonnull (tmpl);
  }
  w7 = vita_test_w7_fixture ();
  {
    g_autoptr(VitaFormTemplate) tmpl = vita_form_template_import (store, w7, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (tmpl->title, ==, "Form W-7 (Rev. 12-2024)");
  }

  /* A refused import changes nothing. */
  c2024 = vita_test_forms_read ("f13614c-rev-10-2024.pdf");
  {
    g_autoptr(VitaFormTemplate) tmpl = vita_form_template_import (store, c2024, &error);
    g_assert_null (tmpl);
    g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_UNKNOWN_REVISION);
    g_clear_error (&error);
  }

  list = vita_store_list_form_templates (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  {
    VitaFormTemplateInfo *info = g_ptr_array_index (list, 0);
    g_assert_cmpstr (info->form, ==, "13614-C");
    g_assert_cmpstr (info->revision, ==, "Rev. 10-2025");
    g_assert_cmpstr (info->sha256, ==, SHA256_13614C_2025);
    g_assert_cmpuint (info->size, ==, g_bytes_get_size (c2025));
  }

  loaded = vita_store_load_form_template (store, VITA_FORM_13614C, &revision, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (revision, ==, "Rev. 10-2025");
  g_assert_true (g_bytes_equal (loaded, c2025));

  audit = vita_store_list_audit (store, 0, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      VitaAuditEntry *entry = g_ptr_array_index (audit, i);

      if (g_str_equal (entry->action, "import-form")
          && g_str_equal (entry->detail, "13614-C Rev. 10-2025"))
        audited = TRUE;
    }
  g_assert_true (audited);

  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

/* ------------------------------------------------------------------ */
/* Filling                                                             */
/* ------------------------------------------------------------------ */

static GHashTable *
fields_of (PopplerDocument *document)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(TestPdfPage) page = poppler_document_get_page (document, i);
      GList *mappings = poppler_page_get_form_field_mapping (page);

      for (GList *l = mappings; l; l = l->next)
        {
          PopplerFormFieldMapping *m = l->data;
          char *name = poppler_form_field_get_name (m->field);

          if (!g_hash_table_contains (fields, name))
            g_hash_table_insert (fields, name, g_object_ref (m->field));
          else
            g_free (name);
        }
      poppler_page_free_form_field_mapping (mappings);
    }
  return fields;
}

static char *
text_of (GHashTable *fields,
         const char *name)
{
  PopplerFormField *field = g_hash_table_lookup (fields, name);

  g_assert_nonnull (field);
  return poppler_form_field_text_get_text (field);
}

static gboolean
state_of (GHashTable *fields,
          const char *name)
{
  PopplerFormField *field = g_hash_table_lookup (fields, name);

  g_assert_nonnull (field);
  return poppler_form_field_button_get_state (field);
}

/* Every value of the map, read back with poppler, against the map's own
 * reading of the household; returns how many boxes hold something. */
static guint
assert_round_trip (const VitaFormMap *map,
                   GHashTable        *fields,
                   VitaHousehold     *hh,
                   int                applicant,
                   GHashTable        *settings)
{
  guint filled = 0;

  for (guint i = 0; i < vita_form_map_get_n_entries (map); i++)
    {
      const VitaFormMapEntry *entry = vita_form_map_get_entry (map, i);
      gboolean checked;
      g_autofree char *want = vita_form_map_entry_value (entry, hh, applicant, settings, &checked);

      if (entry->kind == VITA_FORM_FIELD_CHECK)
        {
          if (state_of (fields, entry->pdf_name) != checked)
            g_error ("%s: ticked %d, expected %d", entry->pdf_name,
                     state_of (fields, entry->pdf_name), checked);
          filled += checked;
        }
      else
        {
          g_autofree char *got = text_of (fields, entry->pdf_name);

          if (want == NULL)
            g_assert_true (got == NULL || *got == '\0');
          else
            {
              if (g_strcmp0 (got, want) != 0)
                g_error ("%s: got '%s', expected '%s'", entry->pdf_name, got, want);
              filled++;
            }
        }
    }
  return filled;
}

static cairo_surface_t *
render_page (PopplerDocument *document,
             int              index,
             double           scale)
{
  g_autoptr(TestPdfPage) page = poppler_document_get_page (document, index);
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  poppler_page_get_size (page, &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) ceil (w * scale),
                                        (int) ceil (h * scale));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  /* Printing renders the widgets' appearances too. */
  poppler_page_render_for_printing (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* Dark pixels inside the middle half of a widget: the box's own border
 * (drawn by the page) stays outside it. */
static guint
ink_in_widget (PopplerDocument *document,
               const char      *name,
               double           scale)
{
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(TestPdfPage) page = poppler_document_get_page (document, i);
      GList *mappings = poppler_page_get_form_field_mapping (page);
      double w, h;
      guint dark = 0;
      gboolean found = FALSE;

      poppler_page_get_size (page, &w, &h);
      for (GList *l = mappings; l && !found; l = l->next)
        {
          PopplerFormFieldMapping *m = l->data;
          g_autofree char *fname = poppler_form_field_get_name (m->field);
          cairo_surface_t *surface;
          double x1, x2, y1, y2, mx, my;
          int stride;
          guint8 *px;

          if (!g_str_equal (fname, name))
            continue;
          found = TRUE;
          surface = render_page (document, i, scale);
          stride = cairo_image_surface_get_stride (surface);
          px = cairo_image_surface_get_data (surface);
          /* Mapping areas are in PDF space (origin bottom left). */
          mx = (m->area.x2 - m->area.x1) / 4;
          my = (m->area.y2 - m->area.y1) / 4;
          x1 = (m->area.x1 + mx) * scale;
          x2 = (m->area.x2 - mx) * scale;
          y1 = (h - m->area.y2 + my) * scale;
          y2 = (h - m->area.y1 - my) * scale;
          for (int y = (int) y1; y < (int) y2; y++)
            for (int x = (int) x1; x < (int) x2; x++)
              {
                guint32 p = *(guint32 *) (px + y * stride + x * 4);
                int lum = (((p >> 16) & 0xff) + ((p >> 8) & 0xff) + (p & 0xff)) / 3;

                if (lum < 128)
                  dark++;
              }
          cairo_surface_destroy (surface);
        }
      poppler_page_free_form_field_mapping (mappings);
      if (found)
        return dark;
    }
  g_error ("no widget %s", name);
}

static void
screenshot (PopplerDocument *document,
            const char      *name)
{
  const char *dir = g_getenv ("VITA_SCREENSHOT_DIR");
  g_autofree char *path = NULL;
  cairo_surface_t *surface;

  if (dir == NULL)
    return;
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  surface = render_page (document, 0, 1.5);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return memmem (data, size, needle, strlen (needle)) != NULL;
}

/* Asks qpdf, since the IRS PDFs keep their dictionaries in compressed
 * object streams where a byte search would not see them. */
static gboolean
has_xfa (GBytes *pdf)
{
  qpdf_data qpdf = qpdf_init ();
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  gboolean found;
  qpdf_oh acroform;

  qpdf_silence_errors (qpdf);
  g_assert_false (qpdf_read_memory (qpdf, "test", data, size, NULL) & QPDF_ERRORS);
  acroform = qpdf_oh_get_key (qpdf, qpdf_get_root (qpdf), "/AcroForm");
  g_assert_true (qpdf_oh_is_dictionary (qpdf, acroform));
  found = qpdf_oh_has_key (qpdf, acroform, "/XFA");
  qpdf_cleanup (&qpdf);
  return found;
}

static void
assert_tmpdir_empty (void)
{
  g_autoptr(GPtrArray) left = vita_test_list_dir (test_tmpdir);

  g_assert_cmpuint (left->len, ==, 0);
}

static void
test_fill_13614c (void)
{
  const VitaFormMap *map = vita_form_maps_lookup (VITA_FORM_13614C, "Rev. 10-2025");
  g_autoptr(VitaHousehold) hh = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) filled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(TestPdf) document = NULL;
  g_autoptr(GHashTable) fields = NULL;
  guint n;

  if (!need_forms ())
    return;
  pdf = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  hh = vita_test_every_answer_household ();

  filled = vita_form_fill (map, pdf, hh, -1, NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (filled);
  assert_tmpdir_empty ();

  /* The XFA packet is gone; Adobe Reader would show it instead. */
  g_assert_true (has_xfa (pdf));
  g_assert_false (has_xfa (filled));
  g_assert_false (bytes_contain (filled, "/XFA"));

  document = poppler_document_new_from_bytes (filled, NULL, &error);
  g_assert_no_error (error);
  fields = fields_of (document);
  n = assert_round_trip (map, fields, hh, -1, NULL);
  g_test_message ("13614-C: %u boxes filled", n);
  g_assert_cmpuint (n, >, 200);

  /* The same, written out by hand, so a wrong map cannot agree with
   * itself. */
#define F(x) "form1[0]." x
  {
    g_autofree char *first = text_of (fields, F ("page1[0].yourFirstName[0]"));
    g_autofree char *mi = text_of (fields, F ("page1[0].yourMiddleInitial[0]"));
    g_autofree char *dob = text_of (fields, F ("page1[0].yourDateOfBirth[0]"));
    g_autofree char *phone = text_of (fields, F ("page1[0].yourTelephoneNumber[0]"));
    g_autofree char *row1 = text_of (fields, F ("page1[0].namesOf[0].Row1[0].nameFirstLast[0]"));
    g_autofree char *row1_dob = text_of (fields, F ("page1[0].namesOf[0].Row1[0].dateOfBirth[0]"));
    g_autofree char *row1_cit = text_of (fields, F ("page1[0].namesOf[0].Row1[0].usCitizen[0]"));
    g_autofree char *row1_sm = text_of (fields, F ("page1[0].namesOf[0].Row1[0].singleMarried[0]"));
    g_autofree char *row4_home = text_of (fields,
                                          F ("page1[0].namesOf[0].Row4[0].costMaintainingHome[0]"));
    g_autofree char *row4_sup = text_of (fields,
                                         F ("page1[0].namesOf[0].Row4[0].supportForPerson[0]"));
    g_autofree char *rel = text_of (fields, F ("page1[0].namesOf[0].Row2[0].relationshipToYou[0]"));
    g_autofree char *lang = text_of (fields, F ("page1[0].writtenCommunicationLanguage[0].whatLanguage[0]"));
    g_autofree char *notes = text_of (fields, F ("page5[0].AdditionalComments[0].AdditionalNotesComments[0]"));
    g_autofree char *sign = text_of (fields, F ("page6[0].primaryTaxpayer[0]"));

    g_assert_cmpstr (first, ==, "Ana");
    g_assert_cmpstr (mi, ==, "M");
    g_assert_cmpstr (dob, ==, "04/05/1980");
    g_assert_cmpstr (phone, ==, "(617) 555-0123");
    g_assert_cmpstr (row1, ==, "Sofia Garcia Lopez");
    g_assert_cmpstr (row1_dob, ==, "03/12/12"); /* 2012-03-12 */
    g_assert_cmpstr (row1_cit, ==, "Y");
    g_assert_cmpstr (row1_sm, ==, "S");
    g_assert_cmpstr (row4_home, ==, "N/A");
    g_assert_cmpstr (row4_sup, ==, "Yes");
    g_assert_cmpstr (rel, ==, "Child");
    g_assert_cmpstr (lang, ==, "Korean");
    g_assert_cmpstr (notes, ==, vita_household_get (hh, -1, "notes"));
    /* Signature lines stay for ink. */
    g_assert_true (sign == NULL || *sign == '\0');
  }
  g_assert_true (state_of (fields, F ("page1[0].maritalStatus[0].statusMarried[0]")));
  g_assert_false (state_of (fields, F ("page1[0].maritalStatus[0].statusNeverMarried[0]")));
  g_assert_true (state_of (fields, F ("page1[0].youSpouseWereIn[0].column1[0].usCitizen[0].usCitizenYou[0]")));
  g_assert_true (state_of (fields, F ("page1[0].youSpouseWereIn[0].column1[0].usCitizen[0].usCitizenSpouse[0]")));
  g_assert_false (state_of (fields, F ("page1[0].youSpouseWereIn[0].column1[0].usCitizen[0].usCitizenNo[0]")));
  g_assert_true (state_of (fields, F ("page1[0].dueARefund[0].refundOther[0]")));
  g_assert_true (state_of (fields, F ("page4[0].yourRaceEthnicity[0].asian[0]")));
  g_assert_true (state_of (fields, F ("page4[0].yourRaceEthnicity[0].white[0]")));
  g_assert_false (state_of (fields, F ("page4[0].yourRaceEthnicity[0].hispanicLatino[0]")));
  g_assert_true (state_of (fields, F ("page4[0].yourSpousesRaceEthnicity[0].hispanicLatino[0]")));
  g_assert_true (state_of (fields, F ("page4[0].optionalQuestions[0].youSpouseVeteran[0].notAnswer[0]")));
  g_assert_true (state_of (fields, F ("page2[0].receivedMoneyFrom[0].wagesPartFull[0]")));

  /* A ticked box has ink; an empty one has none. */
  g_assert_cmpuint (ink_in_widget (document, F ("page1[0].maritalStatus[0].statusMarried[0]"), 3), >, 10);
  g_assert_cmpuint (ink_in_widget (document, F ("page1[0].maritalStatus[0].statusNeverMarried[0]"), 3), <, 3);
#undef F

  screenshot (document, "forms-13614c-page1.png");
  assert_tmpdir_empty ();
}

static void
test_fill_hidden_answers (void)
{
  const VitaFormMap *map = vita_form_maps_lookup (VITA_FORM_13614C, "Rev. 10-2025");
  g_autoptr(VitaHousehold) hh = vita_household_new ();
  const VitaFormMapEntry *decree = NULL;

  /* A divorce date kept from before the status became married is not
   * printed: the interview hides it too. */
  vita_household_set (hh, -1, "marital_status", "married");
  vita_household_set (hh, -1, "divorce_decree_date", "2020-01-02");
  for (guint i = 0; i < vita_form_map_get_n_entries (map); i++)
    if (strstr (vita_form_map_get_entry (map, i)->pdf_name, "dateFinalDecree"))
      decree = vita_form_map_get_entry (map, i);
  g_assert_nonnull (decree);
  g_assert_null (vita_form_map_entry_value (decree, hh, -1, NULL, NULL));
  vita_household_set (hh, -1, "marital_status", "divorced");
  {
    g_autofree char *v = vita_form_map_entry_value (decree, hh, -1, NULL, NULL);
    g_assert_cmpstr (v, ==, "01/02/2020");
  }
}

static void
test_fill_w7 (void)
{
  const VitaFormMap *map = vita_form_maps_lookup (VITA_FORM_W7, "Rev. 12-2024");
  g_autoptr(VitaHousehold) hh = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) filled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TestPdf) document = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GHashTable) settings = caa_settings ();
  guint n;

  if (!need_forms ())
    return;
  pdf = vita_test_w7_fixture ();
  hh = vita_test_every_answer_household ();

  filled = vita_form_fill (map, pdf, hh, 2, settings, NULL, &error);
  g_assert_no_error (error);
  assert_tmpdir_empty ();
  g_assert_true (has_xfa (pdf));
  g_assert_false (has_xfa (filled));
  g_assert_false (bytes_contain (filled, "/XFA"));

  document = poppler_document_new_from_bytes (filled, NULL, &error);
  g_assert_no_error (error);
  fields = fields_of (document);
  n = assert_round_trip (map, fields, hh, 2, settings);
  g_assert_cmpuint (n, >, 40);

#define W(x) "topmostSubform[0].Page1[0]." x
  {
    g_autofree char *dob = text_of (fields, W ("Line4_ReadOrder[0].f1_17[0]"));
    g_autofree char *itin1 = text_of (fields, W ("ITIN[0].f1_28[0]"));
    g_autofree char *itin2 = text_of (fields, W ("ITIN[0].f1_29[0]"));
    g_autofree char *itin3 = text_of (fields, W ("ITIN[0].f1_30[0]"));
    g_autofree char *irsn1 = text_of (fields, W ("IRSN[0].f1_31[0]"));
    g_autofree char *us_tin = text_of (fields, W ("f1_03[0]"));
    g_autofree char *rel = text_of (fields, W ("f1_01[0]"));
    g_autofree char *caa = text_of (fields, W ("f1_45[0]"));
    g_autofree char *office = text_of (fields, W ("f1_48[0]"));
    g_autofree char *entry = text_of (fields, W ("f1_27[0]"));

    g_assert_cmpstr (dob, ==, "02282019");
    g_assert_cmpstr (itin1, ==, "912");
    g_assert_cmpstr (itin2, ==, "78");
    g_assert_cmpstr (itin3, ==, "1234");
    g_assert_cmpstr (irsn1, ==, "987");
    g_assert_cmpstr (us_tin, ==, "900-70-1234");
    g_assert_cmpstr (rel, ==, "Child");
    g_assert_cmpstr (caa, ==, "Test CAA Site");
    g_assert_cmpstr (office, ==, "12345678");
    g_assert_cmpstr (entry, ==, "02/28/2019");
  }
  g_assert_true (state_of (fields, W ("c1_1[0]")));   /* new */
  g_assert_false (state_of (fields, W ("c1_1[1]")));  /* renew */
  g_assert_true (state_of (fields, W ("c1_5[0]")));   /* d */
  g_assert_true (state_of (fields, W ("c1_9[0]")));   /* h */
  g_assert_false (state_of (fields, W ("c1_2[0]")));  /* a */
  g_assert_true (state_of (fields, W ("c1_10[1]")));  /* female */
  g_assert_true (state_of (fields, W ("c1_13[0]")));  /* delegate: parent */

  /* The check mark is a ZapfDingbats glyph the PDF does not embed: it
   * prints only with a substitute font (fonts-urw-base35). */
  g_assert_cmpuint (ink_in_widget (document, W ("c1_1[0]"), 4), >, 20);
  g_assert_cmpuint (ink_in_widget (document, W ("c1_1[1]"), 4), ==, 0);
#undef W

  screenshot (document, "forms-w7-page1.png");
}

static void
test_w7_caa_only_at_caa_site (void)
{
  const VitaFormMap *map = vita_form_maps_lookup (VITA_FORM_W7, "Rev. 12-2024");
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GHashTable) settings = caa_settings ();

  for (guint i = 0; i < vita_form_map_get_n_entries (map); i++)
    {
      const VitaFormMapEntry *entry = vita_form_map_get_entry (map, i);
      g_autofree char *at_caa = NULL;
      g_autofree char *not_caa = NULL;

      if (!g_str_equal (entry->person, "caa"))
        continue;
      g_hash_table_insert (settings, "caa-enabled", "yes");
      vita_household_set (hh, 2, "w7.doc_verification", "mailed");
      not_caa = vita_form_map_entry_value (entry, hh, 2, settings, NULL);
      g_assert_null (not_caa);
      g_hash_table_insert (settings, "caa-enabled", "no");
      vita_household_set (hh, 2, "w7.doc_verification", "caa");
      g_clear_pointer (&not_caa, g_free);
      not_caa = vita_form_map_entry_value (entry, hh, 2, settings, NULL);
      g_assert_null (not_caa);
      g_hash_table_insert (settings, "caa-enabled", "yes");
      at_caa = vita_form_map_entry_value (entry, hh, 2, settings, NULL);
      if (g_str_equal (entry->sources[0], "caa-company"))
        g_assert_cmpstr (at_caa, ==, "Test CAA Site");
    }
}

static void
test_fill_too_long (void)
{
  const VitaFormMap *map = vita_form_maps_lookup (VITA_FORM_W7, "Rev. 12-2024");
  g_autoptr(VitaHousehold) hh = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) filled = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) checked = NULL;
  gboolean found = FALSE;

  if (!need_forms ())
    return;
  pdf = vita_test_w7_fixture ();
  hh = vita_test_every_answer_household ();
  /* 30 characters; the fixture's first-name box takes 25. */
  vita_household_set (hh, 2, "w7.name.first", "Maria de los Angeles Guadalupe");

  checked = vita_form_check (map, pdf, hh, 2, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < checked->len; i++)
    {
      VitaFormProblem *p = g_ptr_array_index (checked, i);

      if (g_str_equal (p->field_id, "w7.name.first"))
        {
          found = TRUE;
          g_assert_true (p->blocking);
          g_assert_nonnull (strstr (p->message, "1a First name"));
          /* It names the box, never the value. */
          g_assert_null (strstr (p->message, "Guadalupe"));
        }
    }
  g_assert_true (found);

  filled = vita_form_fill (map, pdf, hh, 2, NULL, &problems, &error);
  g_assert_null (filled);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "1a First name"));
  g_assert_nonnull (problems);
  g_assert_cmpuint (problems->len, >=, 1);
}

static void
test_fill_no_applicant (void)
{
  const VitaFormMap *map = vita_form_maps_lookup (VITA_FORM_W7, "Rev. 12-2024");
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) filled = NULL;
  g_autoptr(GError) error = NULL;

  if (!need_forms ())
    return;
  pdf = vita_test_w7_fixture ();
  /* Slot 3 has an SSN; slot 9 does not exist. */
  filled = vita_form_fill (map, pdf, hh, 3, NULL, NULL, &error);
  g_assert_null (filled);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_APPLICANT);
  g_clear_error (&error);
  filled = vita_form_fill (map, pdf, hh, 9, NULL, NULL, &error);
  g_assert_null (filled);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_APPLICANT);
}

static void
test_fifth_member_reported (void)
{
  const VitaFormMap *map = vita_form_maps_lookup (VITA_FORM_13614C, "Rev. 10-2025");
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  gboolean found = FALSE;

  if (!need_forms ())
    return;
  pdf = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  g_assert_cmpint (vita_household_add_dependent (hh), ==, 6);
  vita_household_set (hh, 6, "first_name", "Elena");
  vita_household_set (hh, 6, "last_name", "Garcia");
  vita_household_set (hh, 6, "dob", "2020-07-09");
  vita_household_set (hh, 6, "relationship", "grandchild");
  vita_household_set (hh, 6, "dep.months_in_home", "12");
  problems = vita_form_check (map, pdf, hh, -1, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < problems->len; i++)
    {
      VitaFormProblem *p = g_ptr_array_index (problems, i);

      if (!p->blocking && strstr (p->message, "4") != NULL)
        found = TRUE;
    }
  g_assert_true (found);

  /* The fifth goes on page 5, after the household's notes, with the
   * grid's columns. */
  {
    g_autoptr(GBytes) filled = vita_form_fill (map, pdf, hh, -1, NULL, NULL, &error);
    g_autoptr(TestPdf) document = NULL;
    g_autoptr(GHashTable) fields = NULL;
    g_autofree char *notes = NULL;

    g_assert_no_error (error);
    document = poppler_document_new_from_bytes (filled, NULL, &error);
    g_assert_no_error (error);
    fields = fields_of (document);
    notes = text_of (fields, "form1[0].page5[0].AdditionalComments[0].AdditionalNotesComments[0]");
    g_assert_true (g_str_has_prefix (notes, vita_household_get (hh, -1, "notes")));
    g_assert_nonnull (strstr (notes, "Household member 5: Name: Elena Garcia; "
                                     "Date of birth: 07/09/20; "
                                     "Relationship to you (child, parent, none, etc.): Grandchild"));
    g_assert_nonnull (strstr (notes, ": 12"));
  }
}


static void
screenshot_bytes (GBytes     *pdf,
                  const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestPdf) document = NULL;

  if (g_getenv ("VITA_SCREENSHOT_DIR") == NULL)
    return;
  document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_assert_no_error (error);
  screenshot (document, name);
}

static char *
pdf_text (GBytes *pdf,
          guint  *n_pages)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TestPdf) document = poppler_document_new_from_bytes (pdf, NULL, &error);
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_no_error (error);
  if (n_pages != NULL)
    *n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(TestPdfPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);

      g_string_append (all, text);
      g_string_append_c (all, '\n');
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* Whitespace-insensitive search: wrapped lines break phrases. */
static gboolean
text_has (const char *text,
          const char *phrase)
{
  g_autoptr(GRegex) space = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *a = g_regex_replace_literal (space, text, -1, 0, "", 0, NULL);
  g_autofree char *b = g_regex_replace_literal (space, phrase, -1, 0, "", 0, NULL);

  return strstr (a, b) != NULL;
}

static void
test_cover_sheet (void)
{
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GHashTable) settings = caa_settings ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;

  vita_household_set_language (hh, "ko");
  vita_household_set (hh, 2, "doc.passport", "yes");
  vita_household_set (hh, 2, "doc.passport.copy", "original");
  vita_household_set (hh, 2, "doc.birth_certificate", "yes");
  vita_household_set (hh, 2, "doc.birth_certificate.copy", "certified_copy");
  vita_household_set (hh, 2, "w7.doc_verification", "mailed");

  pdf = vita_form_w7_cover_sheet (hh, 2, settings, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf, NULL);
  screenshot_bytes (pdf, "forms-w7-cover-ko.png");
  /* English beside Korean. */
  g_assert_true (text_has (text, "What goes in the envelope"));
  g_assert_true (text_has (text, "봉투에 넣을 것"));
  g_assert_true (text_has (text, "Passport"));
  g_assert_true (text_has (text, "Civil birth certificate"));
  g_assert_true (text_has (text, "Copy certified by the issuing agency"));
  g_assert_true (text_has (text, "P.O. Box 149342"));
  g_assert_true (text_has (text, "Austin, TX 78714-9342"));
  g_assert_true (text_has (text, "What you keep"));
  g_assert_false (text_has (text, "Certifying Acceptance Agent"));
  g_clear_pointer (&text, g_free);
  g_clear_pointer (&pdf, g_bytes_unref);

  /* At a CAA that verified the documents: no IRS address, the CAA text. */
  vita_household_set (hh, 2, "w7.doc_verification", "caa");
  pdf = vita_form_w7_cover_sheet (hh, 2, settings, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf, NULL);
  g_assert_true (text_has (text, "Certifying Acceptance Agent"));
  g_assert_true (text_has (text, "Test CAA Site"));
  g_assert_false (text_has (text, "P.O. Box 149342"));
  g_clear_pointer (&pdf, g_bytes_unref);

  pdf = vita_form_w7_cover_sheet (hh, 3, settings, &error);
  g_assert_null (pdf);
  g_assert_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_APPLICANT);
}

static void
test_preparer_sheet (void)
{
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *text = NULL;
  const char *order[] = { "Needs attention", "Basic information", "Filing status",
                          "Dependents and household members", "Income",
                          "Deductions, credits and events", "Refund or balance due",
                          "If due a refund, how would you like your refund" };
  const char *last = NULL;

  vita_household_set_id (hh, 42);
  vita_household_set (hh, 0, "tin", "900701234");
  vita_household_set (hh, 3, "tin_type", "renew_itin");
  vita_household_set (hh, -1, "address.city", NULL);
  pdf = vita_form_preparer_sheet (hh, &error);
  g_assert_no_error (error);
  text = pdf_text (pdf, NULL);
  screenshot_bytes (pdf, "forms-preparer-sheet.png");
  g_assert_true (text_has (text, "household 42"));
  /* Sections in the order the preparer's software asks. */
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *at = strstr (text, order[i]);

      g_assert_nonnull (at);
      g_assert_true (last == NULL || at > last);
      last = at;
    }
  g_assert_true (text_has (text, "Form W-7 needed"));
  g_assert_true (text_has (text, "renewal Form W-7"));
  g_assert_true (text_has (text, "question unanswered"));
  g_assert_true (text_has (text, "City"));
  g_assert_true (text_has (text, "***-**-1234"));
  g_assert_true (text_has (text, "Date of birth: 04/05/1980"));
  g_assert_true (text_has (text, "(617) 555-0123"));
  g_assert_false (text_has (text, "900701234"));
  g_assert_false (text_has (text, "900-70-1234"));
  g_assert_true (text_has (text, vita_household_get (hh, -1, "notes")));
}

static void
test_intake_summary (void)
{
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = vita_form_intake_summary (hh, &error);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  text = pdf_text (pdf, NULL);
  g_assert_true (g_str_has_prefix (text, "Intake summary"));
  g_assert_true (text_has (text, "It is not the IRS form"));
  g_assert_false (text_has (text, "Intake/Interview and Quality Review Sheet"));
  g_assert_false (text_has (text, "Form 13614-C (Rev"));
  g_assert_true (text_has (text, "Sofia Maria Garcia Lopez"));
  g_assert_true (text_has (text, "Mortgage Interest"));
}

static void
test_print_set (void)
{
  g_autofree char *dir = NULL;
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GBytes) c2025 = NULL;
  g_autoptr(GBytes) w7 = NULL;
  guint printed = 0;

  if (!need_forms ())
    return;
  dir = vita_test_make_tmpdir ();
  store = vita_test_create_store (dir, "coord", VITA_TEST_PASSPHRASE);
  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);

  /* Nothing loaded: the summary stands in for the 13614-C. */
  docs = vita_form_make_print_set (store, hh, &notes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 3);
  g_assert_cmpstr (((VitaFormDocument *) docs->pdata[0])->form, ==, "summary");
  g_assert_cmpstr (((VitaFormDocument *) docs->pdata[1])->form, ==, "W-7-cover");
  g_assert_cmpstr (((VitaFormDocument *) docs->pdata[2])->form, ==, "preparer");
  g_assert_cmpuint (notes->len, >=, 2);
  g_clear_pointer (&docs, g_ptr_array_unref);
  g_clear_pointer (&notes, g_ptr_array_unref);

  c2025 = vita_test_forms_read ("f13614c-rev-10-2025.pdf");
  w7 = vita_test_w7_fixture ();
  {
    g_autoptr(VitaFormTemplate) t1 = vita_form_template_import (store, c2025, &error);
    g_autoptr(VitaFormTemplate) t2 = NULL;

    g_assert_no_error (error);
    t2 = vita_form_template_import (store, w7, &error);
    g_assert_no_error (error);
  }

  docs = vita_form_make_print_set (store, hh, &notes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 4);
  g_assert_cmpstr (((VitaFormDocument *) docs->pdata[0])->form, ==, "13614-C");
  g_assert_cmpstr (((VitaFormDocument *) docs->pdata[1])->form, ==, "W-7");
  g_assert_cmpint (((VitaFormDocument *) docs->pdata[1])->person, ==, 2);
  g_assert_cmpstr (((VitaFormDocument *) docs->pdata[2])->form, ==, "W-7-cover");
  g_assert_cmpstr (((VitaFormDocument *) docs->pdata[3])->form, ==, "preparer");
  /* Whether the W-7 is a draft follows the W-7 check. */
  {
    g_autoptr(GPtrArray) problems = NULL;
    GDate today;

    vita_clock_get_today (&today);
    problems = vita_w7_check (hh, 2, &today);
    g_assert_cmpint (((VitaFormDocument *) docs->pdata[1])->draft, ==,
                     vita_w7_has_blocking (problems));
  }

  g_assert_true (vita_form_record_printed (store, hh, docs, &error));
  g_assert_no_error (error);
  audit = vita_store_list_audit (store, vita_household_get_id (hh), 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      VitaAuditEntry *e = g_ptr_array_index (audit, i);

      if (g_str_equal (e->action, "print-form"))
        {
          printed++;
          /* Form names and slots only. */
          g_assert_null (strstr (e->detail, "Ana"));
          g_assert_null (strstr (e->detail, "Garcia"));
        }
    }
  g_assert_cmpuint (printed, ==, 4);

  vita_store_lock (store);
  vita_test_rm_rf (dir);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Filling must not leave anything in a temporary folder: point every
   * library at an empty one and look at it after each fill. */
  test_tmpdir = g_dir_make_tmp ("vita-forms-XXXXXX", NULL);
  g_assert_nonnull (test_tmpdir);
  g_setenv ("TMPDIR", test_tmpdir, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/forms/maps", test_maps);
  g_test_add_func ("/forms/map-errors", test_map_errors);
  g_test_add_func ("/forms/inspect/13614c-2025", test_inspect_2025);
  g_test_add_func ("/forms/inspect/13614c-2024-refused", test_inspect_2024_refused);
  g_test_add_func ("/forms/inspect/not-a-form", test_inspect_not_a_form);
  g_test_add_func ("/forms/inspect/missing-field", test_inspect_missing_field);
  g_test_add_func ("/forms/store-import", test_store_import);
  g_test_add_func ("/forms/fill/13614c", test_fill_13614c);
  g_test_add_func ("/forms/fill/hidden-answers", test_fill_hidden_answers);
  g_test_add_func ("/forms/fill/w7", test_fill_w7);
  g_test_add_func ("/forms/fill/w7-caa-block", test_w7_caa_only_at_caa_site);
  g_test_add_func ("/forms/fill/too-long", test_fill_too_long);
  g_test_add_func ("/forms/fill/no-applicant", test_fill_no_applicant);
  g_test_add_func ("/forms/fill/fifth-member", test_fifth_member_reported);
  g_test_add_func ("/forms/sheets/w7-cover", test_cover_sheet);
  g_test_add_func ("/forms/sheets/preparer", test_preparer_sheet);
  g_test_add_func ("/forms/sheets/intake-summary", test_intake_summary);
  g_test_add_func ("/forms/print-set", test_print_set);
  ret = g_test_run ();

  g_rmdir (test_tmpdir);
  g_free (test_tmpdir);
  return ret;
}
