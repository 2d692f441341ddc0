/* vita-test-forms.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fixtures for the form tests: the IRS PDFs in ../shared/forms (never
 * copied into the repository), a Form W-7 built here with the official
 * field names and kinds (no clean W-7 PDF is available), and a household
 * with every answer of both forms set.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "vita-field.h"
#include "vita-retention.h"
#include "vita-test-forms.h"

/**
 * vita_test_forms_dir:
 *
 * Returns: (nullable): the folder of the IRS PDFs (VITA_FORMS_DIR, set by
 *   tests/meson.build to ../shared/forms), or %NULL when it is absent
 */
const char *
vita_test_forms_dir (void)
{
  const char *dir = g_getenv ("VITA_FORMS_DIR");

  if (dir == NULL || !g_file_test (dir, G_FILE_TEST_IS_DIR))
    return NULL;
  return dir;
}

GBytes *
vita_test_forms_read (const char *name)
{
  g_autofree char *path = g_build_filename (vita_test_forms_dir (), name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* ------------------------------------------------------------------ */
/* A W-7 fixture: a tiny PDF writer                                    */
/* ------------------------------------------------------------------ */

typedef struct
{
  GPtrArray *objects; /* GString, object n at index n - 1 */
} Pdf;

static void
string_free (gpointer string)
{
  g_string_free (string, TRUE);
}

static int
pdf_reserve (Pdf *pdf)
{
  g_ptr_array_add (pdf->objects, g_string_new (NULL));
  return pdf->objects->len;
}

static void
pdf_set (Pdf        *pdf,
         int         n,
         const char *body)
{
  g_string_assign (g_ptr_array_index (pdf->objects, n - 1), body);
}

static int
pdf_add (Pdf        *pdf,
         const char *body)
{
  int n = pdf_reserve (pdf);

  pdf_set (pdf, n, body);
  return n;
}

static int
pdf_add_stream (Pdf        *pdf,
                const char *dict,
                const char *data)
{
  g_autofree char *body = g_strdup_printf ("<< %s /Length %zu >>\nstream\n%s\nendstream",
                                           dict, strlen (data), data);
  return pdf_add (pdf, body);
}

static GBytes *
pdf_finish (Pdf *pdf,
            int  root,
            int  info)
{
  GString *out = g_string_new ("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n");
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  gsize xref;

  for (guint i = 0; i < pdf->objects->len; i++)
    {
      GString *body = g_ptr_array_index (pdf->objects, i);

      g_array_append_val (offsets, out->len);
      g_string_append_printf (out, "%u 0 obj\n%s\nendobj\n", i + 1, body->str);
    }
  xref = out->len;
  g_string_append_printf (out, "xref\n0 %u\n0000000000 65535 f \n", pdf->objects->len + 1);
  for (guint i = 0; i < offsets->len; i++)
    g_string_append_printf (out, "%010zu 00000 n \n", g_array_index (offsets, gsize, i));
  g_string_append_printf (out, "trailer\n<< /Size %u /Root %d 0 R /Info %d 0 R >>\n"
                          "startxref\n%zu\n%%%%EOF\n",
                          pdf->objects->len + 1, root, info, xref);
  g_ptr_array_unref (pdf->objects);
  return g_string_free_to_bytes (out);
}

/* Groups the official names nest under, below topmostSubform[0].Page1[0]. */
typedef struct
{
  char    *name;
  int      obj;
  GString *kids;
} Group;

/**
 * vita_test_w7_fixture:
 *
 * A one-page Form W-7 (Rev. 12-2024) stand-in built from
 * fw7-rev-12-2024-fields.tsv: every field with its official full name,
 * kind and position; check boxes whose "on" look is a ZapfDingbats
 * glyph the PDF does not embed, as on the real form; an XFA packet; and
 * the title the IRS PDF carries.  The first-name box takes 25
 * characters, so a longer name must be reported.
 */
GBytes *
vita_test_w7_fixture (void)
{
  Pdf pdf = { g_ptr_array_new_with_free_func (string_free) };
  g_autofree char *tsv_path = g_build_filename (vita_test_forms_dir (), "fw7-rev-12-2024-fields.tsv",
                                                NULL);
  g_autofree char *tsv = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) annots = g_string_new (NULL);
  g_autoptr(GString) page1_kids = g_string_new (NULL);
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  int catalog, pages, acroform, page, top, page1, helv, zadb, on, off, xfa, info, contents;
  GBytes *bytes;

  g_assert_true (g_file_get_contents (tsv_path, &tsv, NULL, NULL));
  lines = g_strsplit (tsv, "\n", -1);

  catalog = pdf_reserve (&pdf);
  pages = pdf_reserve (&pdf);
  acroform = pdf_reserve (&pdf);
  page = pdf_reserve (&pdf);
  top = pdf_reserve (&pdf);
  page1 = pdf_reserve (&pdf);
  helv = pdf_add (&pdf, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica "
                        "/Encoding /WinAnsiEncoding >>");
  zadb = pdf_add (&pdf, "<< /Type /Font /Subtype /Type1 /BaseFont /ZapfDingbats >>");
  {
    g_autofree char *dict = g_strdup_printf ("/Type /XObject /Subtype /Form /BBox [0 0 10 10] "
                                             "/Resources << /Font << /ZaDb %d 0 R >> >>", zadb);
    on = pdf_add_stream (&pdf, dict, "q 0 g BT /ZaDb 9 Tf 1 1.5 Td (4) Tj ET Q");
    off = pdf_add_stream (&pdf, "/Type /XObject /Subtype /Form /BBox [0 0 10 10]", "");
  }
  xfa = pdf_add_stream (&pdf, "", "<xdp:xdp xmlns:xdp=\"http://ns.adobe.com/xdp/\"></xdp:xdp>");
  info = pdf_add (&pdf, "<< /Title (Form W-7 \\(Rev. 12-2024\\)) /Subject (Test fixture) >>");
  contents = pdf_add_stream (&pdf, "", "BT /Helv 14 Tf 36 750 Td (Form W-7 test fixture) Tj ET");

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit (lines[i], "\t", -1);
      g_auto(GStrv) parts = NULL;
      g_autofree char *body = NULL;
      const char *leaf;
      int parent = page1, obj, x, y;
      GString *kids = page1_kids;

      if (g_strv_length (cols) < 4)
        continue;
      g_assert_cmpint (sscanf (cols[2], "%d,%d", &x, &y), ==, 2);
      g_assert_true (g_str_has_prefix (cols[3], "topmostSubform[0].Page1[0]."));
      parts = g_strsplit (cols[3] + strlen ("topmostSubform[0].Page1[0]."), ".", -1);
      leaf = parts[g_strv_length (parts) - 1];
      if (g_strv_length (parts) == 2)
        {
          Group *group = NULL;

          for (guint g = 0; g < groups->len; g++)
            if (g_str_equal (((Group *) g_ptr_array_index (groups, g))->name, parts[0]))
              group = g_ptr_array_index (groups, g);
          if (group == NULL)
            {
              group = g_new0 (Group, 1);
              group->name = g_strdup (parts[0]);
              group->obj = pdf_reserve (&pdf);
              group->kids = g_string_new (NULL);
              g_ptr_array_add (groups, group);
              g_string_append_printf (page1_kids, "%d 0 R ", group->obj);
            }
          parent = group->obj;
          kids = group->kids;
        }

      if (g_str_equal (cols[1], "button"))
        body = g_strdup_printf ("<< /Type /Annot /Subtype /Widget /FT /Btn /T (%s) /Parent %d 0 R "
                                "/P %d 0 R /F 4 /Rect [%d %d %d %d] /V /Off /AS /Off "
                                "/MK << /CA (4) >> /DA (/ZaDb 0 Tf 0 g) "
                                "/AP << /N << /1 %d 0 R /Off %d 0 R >> >> >>",
                                leaf, parent, page, x, 792 - y - 10, x + 10, 792 - y, on, off);
      else
        {
          g_autofree char *extra = NULL;
          int width = 150;

          if (strstr (leaf, "f1_17") != NULL)
            extra = g_strdup ("/MaxLen 8 /Ff 25165824"), width = 96; /* comb + no scroll */
          else if (strstr (leaf, "f1_28") || strstr (leaf, "f1_31"))
            extra = g_strdup ("/MaxLen 3"), width = 40;
          else if (strstr (leaf, "f1_29") || strstr (leaf, "f1_32"))
            extra = g_strdup ("/MaxLen 2"), width = 30;
          else if (strstr (leaf, "f1_30") || strstr (leaf, "f1_33"))
            extra = g_strdup ("/MaxLen 4"), width = 50;
          else if (strstr (leaf, "f1_07") != NULL)
            extra = g_strdup ("/MaxLen 25");
          body = g_strdup_printf ("<< /Type /Annot /Subtype /Widget /FT /Tx /T (%s) /Parent %d 0 R "
                                  "/P %d 0 R /F 4 /Rect [%d %d %d %d] /DA (/Helv 8 Tf 0 g) %s >>",
                                  leaf, parent, page, x, 792 - y - 11, x + width, 792 - y,
                                  extra ? extra : "");
        }
      obj = pdf_add (&pdf, body);
      g_string_append_printf (kids, "%d 0 R ", obj);
      g_string_append_printf (annots, "%d 0 R ", obj);
    }

  for (guint g = 0; g < groups->len; g++)
    {
      Group *group = g_ptr_array_index (groups, g);
      g_autofree char *body = g_strdup_printf ("<< /T (%s) /Parent %d 0 R /Kids [%s] >>",
                                               group->name, page1, group->kids->str);
      pdf_set (&pdf, group->obj, body);
      g_string_free (group->kids, TRUE);
      g_free (group->name);
      g_free (group);
    }

  {
    g_autofree char *s_catalog = g_strdup_printf ("<< /Type /Catalog /Pages %d 0 R "
                                                  "/AcroForm %d 0 R >>", pages, acroform);
    g_autofree char *s_pages = g_strdup_printf ("<< /Type /Pages /Kids [%d 0 R] /Count 1 >>", page);
    g_autofree char *s_acro = g_strdup_printf ("<< /Fields [%d 0 R] /DA (/Helv 0 Tf 0 g) "
                                               "/DR << /Font << /Helv %d 0 R /ZaDb %d 0 R >> >> "
                                               "/XFA %d 0 R >>", top, helv, zadb, xfa);
    g_autofree char *s_page = g_strdup_printf ("<< /Type /Page /Parent %d 0 R "
                                               "/MediaBox [0 0 612 792] /Contents %d 0 R "
                                               "/Resources << /Font << /Helv %d 0 R >> >> "
                                               "/Annots [%s] >>",
                                               pages, contents, helv, annots->str);
    g_autofree char *s_top = g_strdup_printf ("<< /T (topmostSubform[0]) /Kids [%d 0 R] >>", page1);
    g_autofree char *s_page1 = g_strdup_printf ("<< /T (Page1[0]) /Parent %d 0 R /Kids [%s] >>",
                                                top, page1_kids->str);
    pdf_set (&pdf, catalog, s_catalog);
    pdf_set (&pdf, pages, s_pages);
    pdf_set (&pdf, acroform, s_acro);
    pdf_set (&pdf, page, s_page);
    pdf_set (&pdf, top, s_top);
    pdf_set (&pdf, page1, s_page1);
  }

  bytes = pdf_finish (&pdf, catalog, info);
  return bytes;
}

/* ------------------------------------------------------------------ */
/* A household with every answer of both forms                         */
/* ------------------------------------------------------------------ */

static const char *
sample_value (const VitaField *field,
              int              person)
{
  static char buf[256];
  guint max = field->max_chars ? field->max_chars : 40;

  switch (field->type)
    {
    case VITA_FIELD_DATE:
      return person == VITA_PERSON_TAXPAYER ? "1980-04-05" : "2019-02-28";
    case VITA_FIELD_YEAR:
      return "2021";
    case VITA_FIELD_YES_NO:
      return "yes";
    case VITA_FIELD_YES_NO_NA:
      return "na";
    case VITA_FIELD_YOU_SPOUSE:
      return "both";
    case VITA_FIELD_COUNT:
      return "2";
    case VITA_FIELD_AMOUNT:
      return "1250";
    case VITA_FIELD_TIN:
      return "900701234";
    case VITA_FIELD_EIN:
      return "123456789";
    case VITA_FIELD_PHONE:
      return "6175550123";
    case VITA_FIELD_EMAIL:
      return "member@example.org";
    case VITA_FIELD_ZIP:
      return "02139";
    case VITA_FIELD_STATE:
      return "MA";
    case VITA_FIELD_COUNTRY:
      return "Mexico";
    case VITA_FIELD_CHOICE:
      return field->choices[0].id;
    case VITA_FIELD_MULTI_CHOICE:
      g_snprintf (buf, sizeof buf, "%s,%s", field->choices[0].id, field->choices[1].id);
      return buf;
    case VITA_FIELD_NAME:
      return "Ana";
    default:
      /* Short enough for any box, and telling which answer it is. */
      g_snprintf (buf, MIN (sizeof buf, max + 1), "T %s", field->id);
      return buf;
    }
}

/* Answers chosen so every gate is open: a married couple, every reason
 * box that has lines of its own, a delegate, a previous ITIN. */
static const struct
{
  int         person;  /* -1 household, -2 the applicant, -3 every person */
  const char *field;
  const char *value;
} overrides[] = {
  { -1, "marital_status", "married" },
  { -1, "refund_method", "other" },
  { -1, "balance_due_method", "installment" },
  { -1, "irs_language_which", "ko" },
  { -1, "opt.english_conversation", "well" },
  { -1, "opt.english_reading", "not_well" },
  { -1, "opt.household_disability", "no" },
  { -1, "opt.veteran", "prefer_not" },
  { 0, "opt.race_ethnicity", "asian,white" },
  { 1, "opt.race_ethnicity", "hispanic" },
  { -3, "dep.marital_status", "single" },
  { -3, "dep.qualifying_other", "no" },
  { -3, "dep.home_cost", "na" },
  { -3, "dep.taxpayer_support", "yes" },
  { -3, "relationship", "child" },
  { -2, "w7.application_type", "new" },
  { -2, "w7.reasons", "d,h" },
  { -2, "w7.signer", "delegate" },
  { -2, "w7.delegate.relationship", "parent" },
  { -2, "w7.id_doc.type", "passport" },
  { -2, "w7.gender", "female" },
  { -2, "w7.d_relationship", "child" },
  { -2, "w7.doc_verification", "caa" },
  { -2, "w7.dob", "2019-02-28" },
  { -2, "w7.prev.itin", "912781234" },
  { -2, "w7.prev.irsn", "987654321" },
};

/**
 * vita_test_every_answer_household:
 *
 * A taxpayer (ITIN), a spouse (SSN) and four household members; the
 * first member (slot 2) needs a new ITIN.  Every catalogue answer in scope
 * is set.
 */
VitaHousehold *
vita_test_every_answer_household (void)
{
  VitaHousehold *hh = vita_household_new ();
  g_autoptr(GArray) persons = NULL;
  const VitaField *fields;
  guint n_fields;

  vita_household_set_language (hh, "es");
  vita_household_set_tax_year (hh, 2025);
  vita_household_add_spouse (hh);
  for (int i = 0; i < 4; i++)
    g_assert_cmpint (vita_household_add_dependent (hh), ==, 2 + i);
  persons = vita_household_list_persons (hh);

  fields = vita_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const VitaField *f = &fields[i];

      for (int j = -1; j < (int) persons->len; j++)
        {
          int p = j < 0 ? VITA_PERSON_HOUSEHOLD : g_array_index (persons, int, j);
          gboolean in = FALSE;

          switch (f->scope)
            {
            case VITA_SCOPE_HOUSEHOLD: in = p == VITA_PERSON_HOUSEHOLD; break;
            case VITA_SCOPE_PERSON: in = p == 0 || p == 1; break;
            case VITA_SCOPE_EVERY_PERSON: in = p >= 0; break;
            case VITA_SCOPE_DEPENDENT: in = p >= 2; break;
            case VITA_SCOPE_W7: in = p >= 0; break;
            default: break;
            }
          if (in)
            vita_household_set (hh, p, f->id, sample_value (f, p));
        }
    }

  /* Names that tell the persons apart on the page. */
  for (guint j = 0; j < persons->len; j++)
    {
      int p = g_array_index (persons, int, j);
      static const char *firsts[] = { "Ana", "Luis", "Sofia", "Mateo", "Lucia", "Diego" };
      g_autofree char *dob = g_strdup_printf ("20%02u-0%u-1%u", 10 + j, 1 + j % 9, j % 9);

      vita_household_set (hh, p, "first_name", firsts[j % G_N_ELEMENTS (firsts)]);
      vita_household_set (hh, p, "middle_name", "Maria");
      vita_household_set (hh, p, "last_name", "Garcia Lopez");
      if (p >= 2)
        vita_household_set (hh, p, "dob", dob);
    }
  vita_household_set (hh, 0, "dob", "1980-04-05");
  vita_household_set (hh, 0, "tin_type", "itin");
  vita_household_set (hh, 1, "tin_type", "ssn");
  vita_household_set (hh, 2, "tin_type", "needs_itin");
  vita_household_set (hh, 3, "tin_type", "ssn");
  vita_household_set (hh, 4, "tin_type", "ssn");
  vita_household_set (hh, 5, "tin_type", "ssn");

  for (guint i = 0; i < G_N_ELEMENTS (overrides); i++)
    {
      if (overrides[i].person == -3)
        {
          for (int p = 2; p <= 5; p++)
            vita_household_set (hh, p, overrides[i].field, overrides[i].value);
        }
      else
        vita_household_set (hh, overrides[i].person == -2 ? 2 : overrides[i].person,
                            overrides[i].field, overrides[i].value);
    }
  return hh;
}
