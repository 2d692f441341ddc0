/* test-forms-cli.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * vita-admin forms import / fill / list, driven as a script would: the
 * passphrase on standard input, exit codes and files checked.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "vita-store-forms.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-test-forms.h"
#include "vita-test-utils.h"

typedef PopplerDocument TestPdf;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)

typedef struct
{
  char   *dir;
  char   *store_path;
  char   *tmpdir;   /* the children's TMPDIR, which must stay empty */
  gint64  household;
} Fixture;

static int
run_admin (Fixture     *f,
           char       **output,
           const char  *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("VITA_ADMIN"));
  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, "--store");
  g_ptr_array_add (argv, f->store_path);
  g_ptr_array_add (argv, "--user");
  g_ptr_array_add (argv, "coord");
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE
                                        | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                        | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "TMPDIR", f->tmpdir, TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  child = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (child, VITA_TEST_PASSPHRASE "\n", NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (output != NULL)
    *output = g_strconcat (out, err, NULL);
  return g_subprocess_get_exit_status (child);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(VitaHousehold) hh = vita_test_every_answer_household ();
  g_autoptr(GError) error = NULL;

  f->dir = vita_test_make_tmpdir ();
  f->tmpdir = g_build_filename (f->dir, "tmp", NULL);
  g_mkdir (f->tmpdir, 0700);
  store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
  f->store_path = g_strdup (vita_store_get_path (store));
  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);
  f->household = vita_household_get_id (hh);
  g_assert_cmpint (f->household, >, 0);
  vita_store_lock (store);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->tmpdir);
  g_free (f->store_path);
}

static char *
write_w7_fixture (Fixture *f)
{
  g_autoptr(GBytes) pdf = vita_test_w7_fixture ();
  char *path = g_build_filename (f->dir, "fw7.pdf", NULL);

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (pdf, NULL),
                                      g_bytes_get_size (pdf), NULL));
  return path;
}

static char *
field_text (const char *pdf_path,
            const char *name)
{
  g_autofree char *uri = g_filename_to_uri (pdf_path, NULL, NULL);
  g_autoptr(TestPdf) doc = poppler_document_new_from_file (uri, NULL, NULL);
  GList *mappings;
  char *text = NULL;

  g_assert_nonnull (doc);
  for (int i = 0; i < poppler_document_get_n_pages (doc) && text == NULL; i++)
    {
      PopplerPage *p = poppler_document_get_page (doc, i);

      mappings = poppler_page_get_form_field_mapping (p);
      for (GList *l = mappings; l && text == NULL; l = l->next)
        {
          PopplerFormFieldMapping *m = l->data;
          g_autofree char *fname = poppler_form_field_get_name (m->field);

          if (g_str_equal (fname, name))
            text = poppler_form_field_text_get_text (m->field);
        }
      poppler_page_free_form_field_mapping (mappings);
      g_object_unref (p);
    }
  return text;
}

static void
assert_tmpdir_empty (Fixture *f)
{
  g_autoptr(GPtrArray) left = vita_test_list_dir (f->tmpdir);
  g_assert_cmpuint (left->len, ==, 0);
}

static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *hh = NULL;
  g_autofree char *out13614 = g_build_filename (f->dir, "13614c.pdf", NULL);
  g_autofree char *outw7 = g_build_filename (f->dir, "w7.pdf", NULL);
  g_autofree char *c2025 = NULL;
  g_autofree char *c2024 = NULL;
  g_autofree char *w7 = NULL;
  g_autofree char *output = NULL;
  struct stat st;

  if (vita_test_forms_dir () == NULL)
    {
      g_test_skip ("../shared/forms (VITA_FORMS_DIR) is absent: the IRS PDFs are not here");
      return;
    }
  hh = g_strdup_printf ("%" G_GINT64_FORMAT, f->household);
  c2025 = g_build_filename (vita_test_forms_dir (), "f13614c-rev-10-2025.pdf", NULL);
  c2024 = g_build_filename (vita_test_forms_dir (), "f13614c-rev-10-2024.pdf", NULL);
  w7 = write_w7_fixture (f);

  /* No template yet: clear error, nothing written. */
  g_assert_cmpint (run_admin (f, &output, "forms", "fill", "--household", hh, "--form", "13614-C",
                              "--out", out13614, NULL), ==, 1);
  g_assert_nonnull (strstr (output, "No Form 13614-C has been loaded"));
  g_assert_false (g_file_test (out13614, G_FILE_TEST_EXISTS));
  g_clear_pointer (&output, g_free);

  /* The older revision is refused, naming both. */
  g_assert_cmpint (run_admin (f, &output, "forms", "import", c2024, NULL), ==, 1);
  g_assert_nonnull (strstr (output, "Rev. 11-2024"));
  g_assert_nonnull (strstr (output, "Rev. 10-2025"));
  g_clear_pointer (&output, g_free);

  g_assert_cmpint (run_admin (f, &output, "forms", "import", c2025, NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Form 13614-C (Rev. 10-2025)"));
  g_assert_nonnull (strstr (output, "160507ac6daa8cc5"));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_admin (f, &output, "forms", "import", w7, NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_admin (f, &output, "forms", "list", NULL), ==, 0);
  g_assert_nonnull (strstr (output, "Form 13614-C (Rev. 10-2025)"));
  g_assert_nonnull (strstr (output, "Form W-7 (Rev. 12-2024)"));
  g_clear_pointer (&output, g_free);

  /* The 13614-C, created 0600. */
  g_assert_cmpint (run_admin (f, &output, "forms", "fill", "--household", hh, "--form", "13614-C",
                              "--out", out13614, NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (g_stat (out13614, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *first = field_text (out13614, "form1[0].page1[0].yourFirstName[0]");
    g_assert_cmpstr (first, ==, "Ana");
  }

  /* Never over an existing file. */
  g_assert_cmpint (run_admin (f, &output, "forms", "fill", "--household", hh, "--form", "13614-C",
                              "--out", out13614, NULL), ==, 1);
  g_assert_nonnull (strstr (output, "already exists"));
  g_clear_pointer (&output, g_free);

  /* Unknown household, person without a W-7: errors, nothing written. */
  g_assert_cmpint (run_admin (f, &output, "forms", "fill", "--household", "99999", "--form",
                              "13614-C", "--out", outw7, NULL), ==, 1);
  g_assert_false (g_file_test (outw7, G_FILE_TEST_EXISTS));
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (run_admin (f, &output, "forms", "fill", "--household", hh, "--form", "W-7",
                              "--person", "3", "--out", outw7, NULL), ==, 1);
  g_assert_nonnull (strstr (output, "does not need a Form W-7"));
  g_assert_false (g_file_test (outw7, G_FILE_TEST_EXISTS));
  g_clear_pointer (&output, g_free);

  /* The W-7 of the one applicant. */
  g_assert_cmpint (run_admin (f, &output, "forms", "fill", "--household", hh, "--form", "W-7",
                              "--out", outw7, NULL), ==, 0);
  g_clear_pointer (&output, g_free);
  g_assert_cmpint (g_stat (outw7, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  {
    g_autofree char *dob = field_text (outw7, "topmostSubform[0].Page1[0].Line4_ReadOrder[0].f1_17[0]");
    g_assert_cmpstr (dob, ==, "02282019");
  }
  /* The cover sheet, the preparer's sheet and the summary. */
  {
    const char *kinds[] = { "W-7-cover", "preparer", "summary" };

    for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
      {
        g_autofree char *name = g_strdup_printf ("%s.pdf", kinds[i]);
        g_autofree char *path = g_build_filename (f->dir, name, NULL);

        g_assert_cmpint (run_admin (f, &output, "forms", "fill", "--household", hh, "--form",
                                    kinds[i], "--out", path, NULL), ==, 0);
        g_clear_pointer (&output, g_free);
        g_assert_cmpint (g_stat (path, &st), ==, 0);
        g_assert_cmpint (st.st_mode & 0777, ==, 0600);
      }
  }
  assert_tmpdir_empty (f);

  /* The audit log names the forms and the household, nothing else. */
  {
    g_autoptr(VitaStore) store = vita_store_new (f->store_path);
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) audit = NULL;
    gboolean saw_13614 = FALSE, saw_w7 = FALSE;

    vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
    g_assert_no_error (error);
    audit = vita_store_list_audit (store, f->household, 0, 100, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < audit->len; i++)
      {
        VitaAuditEntry *e = g_ptr_array_index (audit, i);

        if (!g_str_equal (e->action, "print-form"))
          continue;
        g_assert_cmpint (e->household_id, ==, f->household);
        saw_13614 |= g_str_equal (e->detail, "13614-C Rev. 10-2025");
        saw_w7 |= g_str_equal (e->detail, "W-7 Rev. 12-2024 person 2");
      }
    g_assert_true (saw_13614);
    g_assert_true (saw_w7);
    vita_store_lock (store);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("VITA_ADMIN"));
  g_test_add ("/forms-cli/import-fill", Fixture, NULL, fixture_set_up, test_cli,
              fixture_tear_down);
  return g_test_run ();
}
