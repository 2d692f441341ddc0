/* test-gui-notice.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <poppler.h>

#include "vita-consent-text.h"
#include "vita-consent-window.h"
#include "vita-notice.h"
#include "vita-notice-dialog.h"
#include "vita-notice-review.h"
#include "vita-clock.h"
#include "vita-privacy-window.h"
#include "vita-receipt-print.h"
#include "vita-retention.h"
#include "vita-site-info.h"
#include "vita-i18n.h"
#include "vita-gui-test-utils.h"
#include "vita-audit-item.h"
#include "vita-audit-print.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-test-utils.h"

/* The notice dialog, the consent screen and the privacy screen, in real
 * windows under Xvfb against a fresh store.  What counts is what the store
 * holds afterwards and what a member can see, so the tests read the store
 * and walk the widget tree rather than trusting the windows' own state.
 *
 * VITA_SCREENSHOT_DIR, when set, makes /gui-notice/screenshots keep every
 * window on screen for a while and write PNGs of them there. */

#define FIRST_NAME   "Minji"
#define LAST_NAME    "Kimberley"
#define NATIVE_NAME  "김민지"
#define TIN          "912701234"

typedef struct
{
  char          *dir;
  VitaStore     *store;
  VitaHousehold *household;
  GtkWindow     *window;
} Fixture;

/* Every text a label in the window shows, visible or not, and the title. */
static void
collect_text (GtkWidget *root,
              GString   *out)
{
  if (GTK_IS_LABEL (root))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (root)));
  if (GTK_IS_WINDOW (root) && gtk_window_get_title (GTK_WINDOW (root)) != NULL)
    g_string_append_printf (out, "%s\n", gtk_window_get_title (GTK_WINDOW (root)));
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static void
assert_no_member_data (GtkWidget *root)
{
  g_autoptr(GString) text = g_string_new (NULL);

  collect_text (root, text);
  g_assert_null (strstr (text->str, FIRST_NAME));
  g_assert_null (strstr (text->str, LAST_NAME));
  g_assert_null (strstr (text->str, NATIVE_NAME));
  g_assert_null (strstr (text->str, TIN));
  g_assert_null (strstr (text->str, "912-70-1234"));
}

static void assert_large (GtkWidget *member_text,
                          GtkWidget *control);
static gboolean recorded_on_screen (Fixture    *f,
                                    const char *language);
static guint n_consents (Fixture *f);

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "alice", VITA_TEST_PASSPHRASE);

  f->household = vita_household_new ();
  vita_household_set_language (f->household, "ko");
  vita_household_set_tax_year (f->household, 2025);
  vita_household_set (f->household, VITA_PERSON_TAXPAYER, "first_name", FIRST_NAME);
  vita_household_set (f->household, VITA_PERSON_TAXPAYER, "last_name", LAST_NAME);
  vita_household_set (f->household, VITA_PERSON_TAXPAYER, "native_name", NATIVE_NAME);
  vita_household_set (f->household, VITA_PERSON_TAXPAYER, "tin_type", "itin");
  vita_household_set (f->household, VITA_PERSON_TAXPAYER, "tin", TIN);
  g_assert_true (vita_store_save_household (f->store, f->household, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vita_household_get_id (f->household), >, 0);
}

static void
close_window (Fixture *f)
{
  if (f->window == NULL)
    return;
  gtk_window_destroy (f->window);
  f->window = NULL;
  /* Lets the windows' workers finish and drop their store references. */
  spin (200);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_window (f);
  g_unsetenv ("VITA_DATADIR");
  g_clear_object (&f->household);
  vita_store_lock (f->store);
  g_assert_finalize_object (f->store);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* Screenshots fill the whole 1280×900 screen. */
static int window_width = 1000;
static int window_height = 800;

static void
present (Fixture   *f,
         GtkWindow *window)
{
  f->window = window;
  gtk_window_set_default_size (window, window_width, window_height);
  gtk_window_present (window);
}

static gboolean
sensitive (Fixture    *f,
           const char *name)
{
  GtkWidget *widget = find_named (GTK_WIDGET (f->window), name);

  return widget != NULL && gtk_widget_is_sensitive (widget);
}

static GPtrArray *
list_notices (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *notices = vita_store_list_notices (f->store, vita_household_get_id (f->household), &error);

  g_assert_no_error (error);
  return notices;
}

static GPtrArray *
list_consents (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *consents = vita_store_list_consents (f->store, vita_household_get_id (f->household), &error);

  g_assert_no_error (error);
  return consents;
}

/* ------------------------------------------------------------------ */
/* The notice dialog                                                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean  done;
  GError   *error;
} SaveResult;

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  SaveResult *save = user_data;

  vita_notice_dialog_save_pdf_finish (VITA_NOTICE_DIALOG (object), result, &save->error);
  save->done = TRUE;
}

static void
save_pdf (Fixture    *f,
          const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) bytes = NULL;
  SaveResult save = { FALSE, NULL };

  vita_notice_dialog_save_pdf_async (VITA_NOTICE_DIALOG (f->window), file, NULL, save_cb, &save);
  WAIT_FOR (save.done, 30000);
  g_assert_no_error (save.error);

  bytes = vita_test_read_file (path);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 1000);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), 5, "%PDF-", 5);
}

static void
test_dialog_pdf (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(VitaNotice) notice = vita_notice_load (NULL, NULL);
  g_autofree char *path = g_build_filename (f->dir, "notice.pdf", NULL);
  g_autofree char *bilingual_path = g_build_filename (f->dir, "notice-bilingual.pdf", NULL);
  g_autofree char *expect = NULL;
  g_autofree char *expect_bilingual = NULL;
  g_autoptr(GPtrArray) notices = NULL;

  g_assert_nonnull (notice);
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  /* The household's language is the default. */
  g_assert_cmpstr (vita_notice_dialog_get_language (VITA_NOTICE_DIALOG (f->window)), ==, "ko");
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  g_assert_true (sensitive (f, "print-button"));
  assert_no_member_data (GTK_WIDGET (f->window));

  /* Nothing is recorded until a copy is really given. */
  notices = list_notices (f);
  g_assert_cmpuint (notices->len, ==, 0);
  g_clear_pointer (&notices, g_ptr_array_unref);

  save_pdf (f, path);
  notices = list_notices (f);
  g_assert_cmpuint (notices->len, ==, 1);
  expect = g_strdup_printf ("%s ko pdf ", vita_notice_get_version (notice));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (notices, 0), expect));
  g_clear_pointer (&notices, g_ptr_array_unref);

  /* With English beside it the second language is recorded too. */
  gtk_switch_set_active (GTK_SWITCH (find_named (GTK_WIDGET (f->window), "bilingual-switch")), TRUE);
  save_pdf (f, bilingual_path);
  notices = list_notices (f);
  g_assert_cmpuint (notices->len, ==, 2);
  expect_bilingual = g_strdup_printf ("%s ko+en pdf ", vita_notice_get_version (notice));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (notices, 1), expect_bilingual));

  /* The dialog shows what was given, and still nothing about the member. */
  WAIT_FOR (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (find_named (GTK_WIDGET (f->window), "given-row"))),
                    "한국어 + English") != NULL, 5000);
  assert_no_member_data (GTK_WIDGET (f->window));
}

static void
test_dialog_language_default (Fixture       *f,
                              gconstpointer  data)
{
  /* A language the site does not serve falls back to English rather than
   * failing. */
  vita_household_set_language (f->household, "fr");
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  g_assert_cmpstr (vita_notice_dialog_get_language (VITA_NOTICE_DIALOG (f->window)), ==, "en");
  vita_notice_dialog_set_language (VITA_NOTICE_DIALOG (f->window), "es");
  g_assert_cmpstr (vita_notice_dialog_get_language (VITA_NOTICE_DIALOG (f->window)), ==, "es");
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  /* Bilingual makes no sense for an English notice. */
  vita_notice_dialog_set_language (VITA_NOTICE_DIALOG (f->window), "en");
  g_assert_false (gtk_widget_is_sensitive (find_named (GTK_WIDGET (f->window), "bilingual-row")));
  vita_notice_dialog_set_language (VITA_NOTICE_DIALOG (f->window), "ht");
  g_assert_true (gtk_widget_is_sensitive (find_named (GTK_WIDGET (f->window), "bilingual-row")));
}

/* A copy of the shipped notice with one change, found through
 * $VITA_DATADIR the way a site would run a newer notice. */
static void
use_changed_notice (Fixture    *f,
                    const char *from,
                    const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *datadir = g_build_filename (f->dir, "data", NULL);
  g_autofree char *notices = g_build_filename (datadir, "notices", NULL);
  g_autofree char *path = g_build_filename (notices, "vita-notice.xml", NULL);
  g_autoptr(GString) changed = NULL;

  g_file_get_contents (SOURCE_DATADIR "/notices/vita-notice.xml", &contents, NULL, &error);
  g_assert_no_error (error);
  changed = g_string_new (contents);
  g_assert_cmpuint (g_string_replace (changed, from, to, 1), ==, 1);
  g_assert_cmpint (g_mkdir_with_parents (notices, 0700), ==, 0);
  g_file_set_contents (path, changed->str, changed->len, &error);
  g_assert_no_error (error);
  g_setenv ("VITA_DATADIR", datadir, TRUE);
}

static const char *
status_text (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (f->window), "status-label")));
}

static void
assert_blocked (Fixture *f)
{
  g_autofree char *path = g_build_filename (f->dir, "blocked.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) notices = NULL;
  SaveResult save = { FALSE, NULL };

  /* The check runs in a worker; once it is done the status says so. */
  WAIT_FOR (strstr (status_text (f), "…") == NULL, 20000);
  spin (200);
  g_assert_false (sensitive (f, "save-button"));
  g_assert_false (sensitive (f, "print-button"));
  g_assert_nonnull (strstr (status_text (f), "blocked"));

  /* Not even the function behind the button writes it. */
  vita_notice_dialog_save_pdf_async (VITA_NOTICE_DIALOG (f->window), file, NULL, save_cb, &save);
  WAIT_FOR (save.done, 5000);
  g_assert_nonnull (save.error);
  g_clear_error (&save.error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  notices = list_notices (f);
  g_assert_cmpuint (notices->len, ==, 0);
}

static const char *
age_warning (Fixture *f)
{
  GtkWidget *label = find_named (GTK_WIDGET (f->window), "age-label");

  /* The label's box is what is shown or hidden. */
  if (!gtk_widget_get_visible (gtk_widget_get_parent (label)))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (label));
}

/* Issue 14, item 1: past the site's review limit the volunteer is warned
 * before printing; the site's approval of the version resets the age; the
 * status says what the wording check checked. */
static void
test_dialog_age_warns (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(VitaNotice) notice = vita_notice_load (NULL, NULL);
  g_autoptr(GError) error = NULL;
  const char *warning;
  const char *version;

  g_assert_nonnull (notice);

  /* Within 90 days of the as-of date, never approved: no warning. */
  vita_test_set_now ("2026-03-01T10:00:00");
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  g_assert_null (age_warning (f));
  close_window (f);

  /* Printed on 7 Dec 2026 with facts as of 5 Feb 2026. */
  vita_test_set_now ("2026-12-07T10:00:00");
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  warning = age_warning (f);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "305"));
  g_assert_nonnull (strstr (warning, "90"));
  /* A warning, not a block: the member still gets a copy. */
  g_assert_true (sensitive (f, "print-button"));
  g_assert_null (strstr (status_text (f), "passed the wording check"));
  g_assert_nonnull (strstr (status_text (f), "ICE cannot get your data"));
  g_assert_nonnull (strstr (status_text (f), "not whether the facts are still current"));
  version = adw_action_row_get_subtitle (ADW_ACTION_ROW (find_named (GTK_WIDGET (f->window), "version-row")));
  g_assert_nonnull (strstr (version, "not yet approved"));
  close_window (f);

  /* The coordinator approves: the age starts again from today. */
  g_assert_true (vita_notice_review_approve (f->store, notice, &error));
  g_assert_no_error (error);
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  g_assert_null (age_warning (f));
  version = adw_action_row_get_subtitle (ADW_ACTION_ROW (find_named (GTK_WIDGET (f->window), "version-row")));
  g_assert_nonnull (strstr (version, "approved by the site on 2026-12-07"));

  /* 91 days after the approval the warning is back. */
  close_window (f);
  vita_test_set_now ("2027-03-08T10:00:00");
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  warning = age_warning (f);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "91"));
  close_window (f);

  vita_clock_set_for_testing (NULL);
}

static void
test_dialog_promise_blocks (Fixture       *f,
                            gconstpointer  data)
{
  /* The changed paragraph has no Korean translation, so its English is
   * what the member would read: the promise in it must block. */
  use_changed_notice (f, "<p id=\"keeps.1\" revised=\"2026-02-05\">",
                      "<p id=\"keeps.1\" revised=\"2026-02-05\">Your information will never be shared. ");
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  assert_blocked (f);
}

static void
test_dialog_site_promise_blocks (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  /* The site's own settings are part of what the member reads. */
  vita_store_set_setting (f->store, "site-contact", "617-555-0100. Your data is 100% safe with us.", &error);
  g_assert_no_error (error);
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  assert_blocked (f);
  /* The volunteer is told where the promise is. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (find_named (GTK_WIDGET (f->window), "problems-expander"))))),
                            "In the site’s settings: "));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_expander_get_child (GTK_EXPANDER (find_named (GTK_WIDGET (f->window), "problems-expander"))))),
                            "100% safe"));
  close_window (f);

  /* The privacy screen will not show it, nor the consent screen take a
   * consent under it. */
  present (f, vita_privacy_window_new (NULL, f->store, f->household, "ko"));
  WAIT_FOR (strstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (f->window), "notice-text"))),
                    "cannot be shown") != NULL, 20000);
  spin (300);
  g_assert_false (recorded_on_screen (f, "ko"));
  close_window (f);
  present (f, vita_consent_window_new (NULL, f->store, f->household, VITA_PERSON_TAXPAYER, NULL));
  WAIT_FOR (strstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (f->window), "warning-label"))),
                    "cannot be used") != NULL, 20000);
  /* Here too, where the promise is. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find_named (GTK_WIDGET (f->window), "warning-label"))),
                            "In the site’s settings: "));
  spin (300);
  g_assert_false (sensitive (f, "record-button-use"));
  g_assert_false (sensitive (f, "record-button-15080-disclose"));
  g_assert_false (gtk_widget_is_visible (find_named (GTK_WIDGET (f->window), "choice-use")));
  gtk_widget_activate_action (GTK_WIDGET (f->window), "consent.record", "s", "use");
  spin (300);
  g_assert_cmpuint (n_consents (f), ==, 0);
}

static void
test_dialog_stale_warns (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "stale.pdf", NULL);
  GtkWidget *problems;

  /* A revised English paragraph: the Korean translation is out of date. */
  use_changed_notice (f, "<p id=\"keeps.2\" revised=\"2026-02-05\">",
                      "<p id=\"keeps.2\" revised=\"2026-03-01\">");
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  g_assert_nonnull (strstr (status_text (f), "English"));
  /* A collapsed expander keeps its child out of the widget tree. */
  problems = gtk_expander_get_child (GTK_EXPANDER (find_named (GTK_WIDGET (f->window), "problems-expander")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problems)), "keeps.2"));

  /* A warning, not a block: the notice can still be given. */
  save_pdf (f, path);
}

/* ------------------------------------------------------------------ */
/* The consent screen                                                  */
/* ------------------------------------------------------------------ */

static GtkCheckButton *
choice (Fixture    *f,
        const char *kind)
{
  g_autofree char *name = g_strconcat ("choice-", kind, NULL);
  GtkWidget *check = find_named (GTK_WIDGET (f->window), name);

  g_assert_true (GTK_IS_CHECK_BUTTON (check));
  return GTK_CHECK_BUTTON (check);
}

static GtkWidget *
page_widget (Fixture    *f,
             const char *prefix,
             const char *kind)
{
  g_autofree char *name = g_strconcat (prefix, kind, NULL);
  GtkWidget *widget = find_named (GTK_WIDGET (f->window), name);

  g_assert_nonnull (widget);
  return widget;
}

static VitaConsent *
find_consent (GPtrArray  *consents,
              const char *kind)
{
  for (guint i = 0; i < consents->len; i++)
    {
      VitaConsent *consent = g_ptr_array_index (consents, i);

      if (g_str_equal (consent->kind, kind))
        return consent;
    }
  g_error ("No %s consent was recorded", kind);
}

static guint
n_consents (Fixture *f)
{
  g_autoptr(GPtrArray) consents = list_consents (f);

  return consents->len;
}

static void
open_consent (Fixture    *f,
              const char *language)
{
  present (f, vita_consent_window_new (NULL, f->store, f->household, VITA_PERSON_TAXPAYER, language));
  WAIT_FOR (find_named (GTK_WIDGET (f->window), "choice-use") != NULL
            && sensitive (f, "record-button-use"), 20000);
}

static void
record (Fixture    *f,
        const char *kind)
{
  guint before = n_consents (f);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "consent.record", "s", kind));
  WAIT_FOR (n_consents (f) == before + 1, 10000);
  WAIT_FOR (gtk_widget_get_visible (page_widget (f, "print-button-", kind)), 5000);
}

/* Every label text inside @root, visible or not. */
static char *
text_of (GtkWidget *root)
{
  GString *text = g_string_new (NULL);

  collect_text (root, text);
  return g_string_free (text, FALSE);
}

static void
test_consent_refusal (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) consents = NULL;
  const char *kinds[] = { "15080-disclose", "use" };
  g_autofree char *disclose_page = NULL;
  g_autofree char *use_page = NULL;

  open_consent (f, NULL);
  g_assert_cmpstr (vita_consent_window_get_language (VITA_CONSENT_WINDOW (f->window)), ==, "ko");

  /* Nothing is ticked for the member. */
  g_assert_false (gtk_check_button_get_active (choice (f, "15080-disclose")));
  g_assert_false (gtk_check_button_get_active (choice (f, "use")));
  assert_large (gtk_check_button_get_child (choice (f, "use")),
                find_named (GTK_WIDGET (f->window), "language-dropdown"));

  /* Two pages, each its own document: it names the taxpayer and the site,
   * and has only its own consent's text. */
  disclose_page = text_of (page_widget (f, "member-scroller-", "15080-disclose"));
  use_page = text_of (page_widget (f, "member-scroller-", "use"));
  g_assert_nonnull (strstr (disclose_page, FIRST_NAME " " LAST_NAME));
  g_assert_nonnull (strstr (disclose_page, "Test Site"));
  g_assert_nonnull (strstr (use_page, FIRST_NAME " " LAST_NAME));
  g_assert_null (strstr (use_page, "TaxSlayer"));
  g_assert_nonnull (strstr (disclose_page, "TaxSlayer"));
  g_assert_nonnull (strstr (disclose_page, "1-800-366-4484"));
  g_assert_nonnull (strstr (use_page, "1-800-366-4484"));
  g_assert_null (strstr (disclose_page, TIN));
  g_assert_null (strstr (use_page, TIN));

  /* Saying no is one click, the same click as saying yes, and it records
   * that consent alone. */
  record (f, "15080-disclose");
  g_assert_cmpuint (n_consents (f), ==, 1);
  g_assert_true (sensitive (f, "record-button-use"));
  record (f, "use");

  consents = list_consents (f);
  g_assert_cmpuint (consents->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      VitaConsent *consent = find_consent (consents, kinds[i]);

      g_assert_false (consent->granted);
      g_assert_null (consent->valid_until);
      g_assert_null (consent->revoked_at);
      g_assert_cmpint (consent->person, ==, VITA_PERSON_TAXPAYER);
      g_assert_cmpstr (consent->text_version, ==, "consent-2026.1");
      /* The member's language; "+en" if some of it had to be shown in
       * English. */
      g_assert_true (g_str_equal (consent->language, "ko") || g_str_equal (consent->language, "ko+en"));
    }

  /* Recorded once: the page now offers the copy, not a second record. */
  gtk_widget_activate_action (GTK_WIDGET (f->window), "consent.record", "s", "use");
  spin (300);
  g_assert_cmpuint (n_consents (f), ==, 2);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (choice (f, "use"))));
}

static void
receipt_done_cb (gboolean      printed,
                 const GError *error,
                 gpointer      user_data)
{
  g_assert_no_error (error);
  *(int *) user_data = printed ? 1 : -1;
}

static char *
consent_text (const char *id,
              const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaConsentText) text = vita_consent_text_load (NULL, &error);
  g_autoptr(GHashTable) vars = g_hash_table_new (g_str_hash, g_str_equal);
  char *found;

  g_assert_no_error (error);
  g_hash_table_insert (vars, "site_name", "Test Site");
  g_hash_table_insert (vars, "taxpayer_name", FIRST_NAME " " LAST_NAME);
  found = vita_consent_text_dup (text, id, language, vars, NULL, &error);
  g_assert_no_error (error);
  return found;
}

/* Whitespace collapsed to single spaces: lines break differently on
 * paper. */
static char *
squeeze (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \n\t\r", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The text of every page of a PDF, as poppler reads it back. */
static char *
pdf_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document = poppler_document_new_from_file (uri, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      PopplerPage *page = poppler_document_get_page (document, i);
      g_autofree char *page_text = poppler_page_get_text (page);

      g_string_append_printf (text, "%s\n", page_text);
      g_object_unref (page);
    }
  g_object_unref (document);
  return g_string_free (text, FALSE);
}

static gboolean
has_hangul (const char *word)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xAC00 && c <= 0xD7A3)
        return TRUE;
    }
  return FALSE;
}

/* Prints @kind's copy to a PDF and reads it back: the full text agreed
 * to, in @language and in English, the answer, and the signature and
 * date lines. */
static char *
print_copy (Fixture    *f,
            const char *kind,
            const char *language,
            const char *path)
{
  g_autofree char *markup = vita_consent_window_dup_receipt (VITA_CONSENT_WINDOW (f->window), kind);
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = NULL;
  int printed = 0;
  char *text;

  g_assert_nonnull (markup);
  g_assert_true (pango_parse_markup (markup, -1, 0, NULL, &plain, NULL, &error));
  g_assert_no_error (error);
  vita_receipt_print (f->window, "receipt", language, markup, path, receipt_done_cb, &printed);
  WAIT_FOR (printed != 0, 20000);
  g_assert_cmpint (printed, ==, 1);

  text = pdf_text (path);
  /* Korean breaks at spaces on paper: every Hangul word read back is a
   * whole word of the copy, never "있" and "습니다" apart. */
  if (g_str_equal (language, "ko"))
    {
      g_autofree char *squeezed = squeeze (plain);
      g_auto(GStrv) expected = g_strsplit (squeezed, " ", -1);
      g_autoptr(GHashTable) words = g_hash_table_new (g_str_hash, g_str_equal);
      g_autofree char *read = squeeze (text);
      g_auto(GStrv) got = g_strsplit (read, " ", -1);

      for (guint i = 0; expected[i] != NULL; i++)
        g_hash_table_add (words, expected[i]);
      for (guint i = 0; got[i] != NULL; i++)
        {
          if (has_hangul (got[i]) && !g_hash_table_contains (words, got[i]))
            g_error ("The printed copy breaks the Korean word “%s”", got[i]);
        }
    }
  return text;
}

static void
assert_printed (const char *pdf,
                const char *id,
                const char *language)
{
  g_autofree char *expected = consent_text (id, language);
  g_autofree char *want = squeeze (expected);
  g_autofree char *have = squeeze (pdf);

  if (strstr (have, want) == NULL)
    g_error ("The printed copy lacks %s in %s: “%s”", id, language, want);
}

/* The two pages record two separate consents with their own durations,
 * and taking one back leaves the other; each prints its own copy. */
static void
test_consent_separate (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 12, 7, 10, 0, 0);
  g_autoptr(GPtrArray) consents = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *disclose_pdf = g_build_filename (f->dir, "copy-disclose.pdf", NULL);
  g_autofree char *use_pdf = g_build_filename (f->dir, "copy-use.pdf", NULL);
  g_autofree char *disclose_text = NULL;
  g_autofree char *use_text = NULL;
  const char *disclose_ids[] = { "disclose.heading", "disclose.who", "disclose.1", "disclose.2",
                                 "disclose.3", "disclose.4", "disclose.limit", "disclose.revoke",
                                 "acknowledge.1", "disclose.choice", "sign.taxpayer",
                                 "sign.spouse", "sign.date" };
  const char *use_ids[] = { "use.heading", "use.who", "use.1", "use.2", "use.3", "use.revoke",
                            "use.duration", "acknowledge.1", "tigta.1", "receipt.none",
                            "sign.taxpayer", "sign.spouse" };
  VitaConsent *use, *disclose;
  gboolean use_in_report = FALSE, disclose_in_report = FALSE, revoke_in_report = FALSE;

  vita_clock_set_for_testing (now);
  open_consent (f, "es");
  g_assert_cmpstr (vita_consent_window_get_language (VITA_CONSENT_WINDOW (f->window)), ==, "es");

  /* On 7 Dec 2026 one year reaches past Form 15080's 30 Nov 2027: the
   * disclosure page does not offer it, and offers the form's limit under
   * its own words; the use consent, not Form 15080, keeps its full year. */
  g_assert_false (gtk_widget_get_visible (page_widget (f, "duration-year-", "15080-disclose")));
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (page_widget (f, "duration-longest-", "15080-disclose"))));
  g_assert_true (gtk_widget_get_visible (page_widget (f, "duration-year-", "use")));
  g_assert_null (find_named (GTK_WIDGET (f->window), "duration-longest-use"));

  /* The duration only matters once something is agreed to. */
  g_assert_false (gtk_widget_is_sensitive (page_widget (f, "duration-year-", "use")));
  gtk_check_button_set_active (choice (f, "15080-disclose"), TRUE);
  g_assert_false (gtk_widget_is_sensitive (page_widget (f, "duration-year-", "use")));
  vita_consent_window_show_consent (VITA_CONSENT_WINDOW (f->window), "15080-disclose");
  record (f, "15080-disclose");
  g_assert_cmpuint (n_consents (f), ==, 1);
  g_assert_true (sensitive (f, "record-button-use"));

  /* A different duration on the other page: three months. */
  vita_consent_window_show_consent (VITA_CONSENT_WINDOW (f->window), "use");
  gtk_check_button_set_active (choice (f, "use"), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (page_widget (f, "duration-shorter-", "use")), TRUE);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_widget (f, "duration-months-", "use")), 3);
  record (f, "use");

  consents = list_consents (f);
  g_assert_cmpuint (consents->len, ==, 2);
  use = find_consent (consents, "use");
  disclose = find_consent (consents, "15080-disclose");
  g_assert_true (use->granted);
  g_assert_true (disclose->granted);
  g_assert_cmpint (use->id, !=, disclose->id);
  g_assert_cmpstr (disclose->valid_until, ==, "2027-11-30");
  g_assert_cmpstr (use->valid_until, ==, "2027-03-06");
  g_assert_true (g_str_has_prefix (use->language, "es"));

  /* The copies: the whole text in Spanish and in English, signature and
   * date lines, and the taxpayer's name. */
  disclose_text = print_copy (f, "15080-disclose", "es", disclose_pdf);
  for (guint i = 0; i < G_N_ELEMENTS (disclose_ids); i++)
    {
      assert_printed (disclose_text, disclose_ids[i], "es");
      assert_printed (disclose_text, disclose_ids[i], "en");
    }
  g_assert_nonnull (strstr (disclose_text, FIRST_NAME " " LAST_NAME));
  g_assert_nonnull (strstr (disclose_text, "________"));
  /* Its own copy: nothing of the other consent. */
  {
    g_autofree char *use_heading = consent_text ("use.heading", "en");

    g_assert_null (strstr (disclose_text, use_heading));
  }

  /* Taking back the disclosure leaves the use consent in force. */
  g_assert_true (vita_store_revoke_consent (f->store, disclose->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&consents, g_ptr_array_unref);
  consents = list_consents (f);
  g_assert_nonnull (find_consent (consents, "15080-disclose")->revoked_at);
  g_assert_null (find_consent (consents, "use")->revoked_at);
  g_assert_cmpstr (find_consent (consents, "use")->valid_until, ==, "2027-03-06");

  /* The member's report names which consent, and says "use" for the use
   * consent. */
  audit = vita_store_list_audit (f->store, vita_household_get_id (f->household), 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      VitaAuditEntry *entry = g_ptr_array_index (audit, i);
      const char *words = vita_audit_entry_get_member_text (entry->action, entry->detail);

      if (g_str_equal (entry->action, "consent-granted") && g_strcmp0 (entry->detail, "use") == 0)
        {
          use_in_report = TRUE;
          g_assert_nonnull (strstr (words, "use your tax information"));
          g_assert_null (strstr (words, "share"));
        }
      if (g_str_equal (entry->action, "consent-granted") && g_strcmp0 (entry->detail, "15080-disclose") == 0)
        {
          disclose_in_report = TRUE;
          g_assert_nonnull (strstr (words, "Form 15080"));
        }
      if (g_str_equal (entry->action, "consent-revoked"))
        {
          revoke_in_report = TRUE;
          g_assert_cmpstr (entry->detail, ==, "15080-disclose");
          g_assert_nonnull (strstr (words, "Form 15080"));
        }
    }
  g_assert_true (use_in_report && disclose_in_report && revoke_in_report);

  /* The member's printed access report says the same. */
  {
    g_autoptr(VitaAuditPrint) print = NULL;
    g_autofree char *report = NULL;

    print = vita_audit_print_new (vita_household_get_id (f->household), "Test Site", "617-555-0100",
                                  audit);
    report = vita_audit_print_dup_text (print);
    g_assert_nonnull (strstr (report, "let the site use your tax information for reports"));
    g_assert_nonnull (strstr (report, "took back your agreement to let your tax information be shared"));
    g_assert_null (strstr (report, "agreed to share your information"));
  }

  close_window (f);

  /* A refusal's copy in Korean, read back: Korean beside English, whole
   * Korean words, and the signature lines. */
  present (f, vita_consent_window_new (NULL, f->store, f->household, VITA_PERSON_TAXPAYER, "ko"));
  WAIT_FOR (find_named (GTK_WIDGET (f->window), "choice-use") != NULL
            && sensitive (f, "record-button-use"), 20000);
  record (f, "use");
  use_text = print_copy (f, "use", "ko", use_pdf);
  for (guint i = 0; i < G_N_ELEMENTS (use_ids); i++)
    {
      assert_printed (use_text, use_ids[i], "ko");
      assert_printed (use_text, use_ids[i], "en");
    }
  vita_clock_set_for_testing (NULL);
}

/* ------------------------------------------------------------------ */
/* The privacy screen                                                  */
/* ------------------------------------------------------------------ */

static char *
expected_text (Fixture    *f,
               const char *language)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaNotice) notice = vita_notice_load (NULL, &error);
  g_autoptr(VitaSiteInfo) info = NULL;
  g_autofree char *retention = NULL;
  VitaNoticeSite site;
  char *text;

  g_assert_no_error (error);
  info = vita_site_info_load (f->store, vita_household_get_id (f->household),
                              vita_household_get_tax_year (f->household), &error);
  g_assert_no_error (error);
  retention = vita_site_info_fill (info, notice, language, FALSE, &site);
  text = vita_notice_dup_text (notice, language, &site, &error);
  g_assert_no_error (error);

  return g_strstrip (text);
}

static gboolean
label_shows (GtkWidget  *label,
             const char *expected)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_label_get_text (GTK_LABEL (label))));

  return g_str_equal (text, expected);
}

/* The member's text must be at least one and a half times the size of the
 * volunteer's controls. */
static void
assert_large (GtkWidget *member_text,
              GtkWidget *control)
{
  const PangoFontDescription *big = pango_context_get_font_description (gtk_widget_get_pango_context (member_text));
  const PangoFontDescription *normal = pango_context_get_font_description (gtk_widget_get_pango_context (control));

  g_assert_cmpint (pango_font_description_get_size (normal), >, 0);
  g_assert_cmpfloat ((double) pango_font_description_get_size (big), >=,
                     1.5 * pango_font_description_get_size (normal));
}

static gboolean
recorded_on_screen (Fixture    *f,
                    const char *language)
{
  g_autoptr(GPtrArray) notices = list_notices (f);
  g_autofree char *needle = g_strdup_printf (" %s screen ", language);

  for (guint i = 0; i < notices->len; i++)
    {
      if (strstr (g_ptr_array_index (notices, i), needle) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
test_privacy_ht (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *expected = expected_text (f, "ht");
  g_autofree char *korean = expected_text (f, "ko");
  GtkWidget *label;

  /* Haitian Creole for a household whose language is Korean: the window
   * shows what it is asked to, not the household's default. */
  present (f, vita_privacy_window_new (NULL, f->store, f->household, "ht"));
  label = find_named (GTK_WIDGET (f->window), "notice-text");
  g_assert_nonnull (label);
  WAIT_FOR (label_shows (label, expected), 20000);

  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "1. Sa sant sa a kenbe"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (label)), "What this site keeps"));
  g_assert_true (gtk_widget_has_css_class (label, "privacy-screen"));
  assert_large (label, find_named (GTK_WIDGET (f->window), "language-dropdown"));
  assert_no_member_data (GTK_WIDGET (f->window));
  WAIT_FOR (recorded_on_screen (f, "ht"), 10000);
  g_assert_false (recorded_on_screen (f, "ko"));

  /* Switching language shows that language only, and records it too. */
  vita_privacy_window_set_language (VITA_PRIVACY_WINDOW (f->window), "ko");
  WAIT_FOR (label_shows (label, korean), 20000);
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (label)), "Sa sant sa a kenbe"));
  WAIT_FOR (recorded_on_screen (f, "ko"), 10000);
  assert_no_member_data (GTK_WIDGET (f->window));

  /* Escape goes back to the volunteer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "window.close", NULL));
  spin (100);
  f->window = NULL;
  spin (200);
}

/* ------------------------------------------------------------------ */
/* Screenshots (only with VITA_SCREENSHOT_DIR)                         */
/* ------------------------------------------------------------------ */

static void
hold (Fixture    *f,
      const char *name)
{
  const char *dir = g_getenv ("VITA_SCREENSHOT_DIR");
  g_autofree char *marker = g_build_filename (dir, name, NULL);
  g_autofree char *done = g_strconcat (marker, ".done", NULL);

  /* An outside `import -window root` takes the picture when the marker
   * appears and answers with NAME.done. */
  spin (3000);
  g_file_set_contents (marker, "", 0, NULL);
  WAIT_FOR (g_file_test (done, G_FILE_TEST_EXISTS), 30000);
}

static void
test_screenshots (Fixture       *f,
                  gconstpointer  data)
{
  GtkWidget *label;

  if (g_getenv ("VITA_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("VITA_SCREENSHOT_DIR is not set");
      return;
    }

  window_width = 1280;
  window_height = 900;
  present (f, vita_privacy_window_new (NULL, f->store, f->household, "ko"));
  label = find_named (GTK_WIDGET (f->window), "notice-text");
  WAIT_FOR (*gtk_label_get_text (GTK_LABEL (label)) != '\0', 20000);
  hold (f, "privacy-ko");
  vita_privacy_window_set_language (VITA_PRIVACY_WINDOW (f->window), "ht");
  WAIT_FOR (strstr (gtk_label_get_text (GTK_LABEL (label)), "Sa sant") != NULL, 20000);
  hold (f, "privacy-ht");
  close_window (f);

  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  WAIT_FOR (sensitive (f, "save-button"), 20000);
  hold (f, "notice-dialog");
  gtk_switch_set_active (GTK_SWITCH (find_named (GTK_WIDGET (f->window), "bilingual-switch")), TRUE);
  hold (f, "notice-dialog-bilingual");
  close_window (f);

  vita_store_set_setting (f->store, "site-contact", "617-555-0100. Your data is 100% safe with us.", NULL);
  present (f, vita_notice_dialog_new (NULL, f->store, f->household));
  WAIT_FOR (strstr (status_text (f), "blocked") != NULL, 20000);
  gtk_expander_set_expanded (GTK_EXPANDER (find_named (GTK_WIDGET (f->window), "problems-expander")), TRUE);
  hold (f, "notice-dialog-blocked");
}

/* A PNG of the window as GTK draws it, into VITA_SCREENSHOT_DIR. */
static void
snapshot_png (Fixture    *f,
              const char *name)
{
  const char *dir = g_getenv ("VITA_SCREENSHOT_DIR");
  g_autofree char *file = g_strconcat (name, ".png", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;

  spin (500);
  g_mkdir_with_parents (dir, 0700);
  w = gtk_widget_get_width (GTK_WIDGET (f->window));
  h = gtk_widget_get_height (GTK_WIDGET (f->window));
  paintable = gtk_widget_paintable_new (GTK_WIDGET (f->window));
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (f->window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Scrolls the page of @kind so the widget named @name is near the top. */
static void
scroll_page_to (Fixture    *f,
                const char *kind,
                const char *name)
{
  GtkWidget *scroller = page_widget (f, "member-scroller-", kind);
  GtkWidget *content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scroller)));
  GtkWidget *widget = find_named (GTK_WIDGET (f->window), name);
  double x, y;

  g_assert_true (gtk_widget_translate_coordinates (widget, content, 0, 0, &x, &y));
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                            MAX (0, y - 300));
  spin (300);
}

/* Each consent's page, top and end, in Korean, Spanish and Haitian
 * Creole, for a person to look at (only with VITA_SCREENSHOT_DIR). */
static void
test_consent_screenshots (Fixture       *f,
                          gconstpointer  data)
{
  const char *languages[] = { "ko", "es", "ht" };
  const char *kinds[] = { "15080-disclose", "use" };
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) now = g_date_time_new (zone, 2026, 12, 7, 10, 0, 0);

  if (g_getenv ("VITA_SCREENSHOT_DIR") == NULL)
    {
      g_test_skip ("VITA_SCREENSHOT_DIR is not set");
      return;
    }

  vita_clock_set_for_testing (now);
  window_width = 1280;
  window_height = 900;
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      open_consent (f, languages[l]);
      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        {
          g_autofree char *top = g_strdup_printf ("consent-%s-%s", languages[l], kinds[k]);
          g_autofree char *end = g_strdup_printf ("consent-%s-%s-end", languages[l], kinds[k]);
          g_autofree char *choice_name = g_strconcat ("choice-", kinds[k], NULL);

          vita_consent_window_show_consent (VITA_CONSENT_WINDOW (f->window), kinds[k]);
          spin (600);
          snapshot_png (f, top);
          gtk_check_button_set_active (choice (f, kinds[k]), TRUE);
          scroll_page_to (f, kinds[k], choice_name);
          snapshot_png (f, end);
        }
      /* The printed copy of the disclosure, for reading. */
      {
        g_autofree char *name = g_strdup_printf ("consent-copy-%s.pdf", languages[l]);
        g_autofree char *pdf = g_build_filename (g_getenv ("VITA_SCREENSHOT_DIR"), name, NULL);
        g_autofree char *text = NULL;

        record (f, "15080-disclose");
        text = print_copy (f, "15080-disclose", languages[l], pdf);
        g_assert_nonnull (strstr (text, FIRST_NAME " " LAST_NAME));
      }
      close_window (f);
    }
  window_width = 1000;
  window_height = 800;
  vita_clock_set_for_testing (NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  /* The app's catalogs, so a run with LANGUAGE set (screenshots in each
   * member language) shows the translated UI; plain runs stay English. */
  bindtextdomain (GETTEXT_PACKAGE, vita_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  /* What AdwApplication does for the app: the member screens' large type
   * comes from style.css. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/vitasites/Intake/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) \
  g_test_add ("/gui-notice/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("dialog/pdf-korean", test_dialog_pdf);
  ADD ("dialog/language-default", test_dialog_language_default);
  ADD ("dialog/promise-blocks", test_dialog_promise_blocks);
  ADD ("dialog/site-promise-blocks", test_dialog_site_promise_blocks);
  ADD ("dialog/stale-warns", test_dialog_stale_warns);
  ADD ("dialog/age-warns", test_dialog_age_warns);
  ADD ("consent/refusal", test_consent_refusal);
  ADD ("consent/separate", test_consent_separate);
  ADD ("privacy/haitian-creole", test_privacy_ht);
  ADD ("screenshots", test_screenshots);
  ADD ("consent/screenshots", test_consent_screenshots);
#undef ADD

  return g_test_run ();
}
