/* test-consent-text.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "vita-clock.h"
#include "vita-consent-text.h"
#include "vita-i18n.h"
#include "vita-test-utils.h"

/* The consent screen's text as data: the shipped file loads and asks for
 * the two consents, the runtime builds exactly the gettext contexts and
 * msgids xgettext extracts with po/its/vita-consent.its, and the check
 * tells stale translations from promises. */

#define CONSENT_PATH SOURCE_DATADIR "/notices/vita-consent.xml"
#define SOURCE_PODIR SOURCE_DATADIR "/../po"

static char *tmpdir;

static VitaConsentText *
load_shipped (void)
{
  g_autoptr(GError) error = NULL;
  VitaConsentText *text = vita_consent_text_load (CONSENT_PATH, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  g_autoptr(GString) out = g_string_new (text);

  g_assert_cmpuint (g_string_replace (out, from, to, 1), ==, 1);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
mentions (GPtrArray  *problems,
          const char *a,
          const char *b)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);

      if (strstr (problem, a) != NULL && (b == NULL || strstr (problem, b) != NULL))
        return TRUE;
    }
  return FALSE;
}

/* A catalog for the made-up language "xx" in its own locale directory. */
static void
use_catalog (const char *mo_source)
{
  g_autofree char *dir = g_build_filename (tmpdir, "locale", "xx", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (dir, "vita-intake.mo", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (g_rename (mo_source, mo), ==, 0);
}

static gboolean
run (const char * const *argv,
     const char         *datadirs)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  int status = 0;

  if (datadirs != NULL)
    env = g_environ_setenv (env, "GETTEXTDATADIRS", datadirs, TRUE);
  if (!g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error))
    g_error ("%s: %s", argv[0], error->message);
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_load_shipped (void)
{
  g_autoptr(VitaConsentText) text = load_shipped ();
  g_auto(GStrv) kinds = vita_consent_text_dup_kinds (text);
  g_auto(GStrv) ids = vita_consent_text_dup_screen_ids (text);
  guint n_choices = 0;

  g_assert_cmpstr (vita_consent_text_get_version (text), ==, "2026.1");
  /* Form 15080 (Rev. 10-2025) lasts through November 30, 2027 at most. */
  g_assert_cmpstr (vita_consent_text_get_valid_through (text), ==, "2027-11-30");
  g_assert_cmpstr (vita_consent_text_get_form (text), ==, "15080 (Rev. 10-2025)");

  /* Two separate consents, the store's kinds, each with its own box. */
  g_assert_cmpuint (g_strv_length (kinds), ==, 2);
  g_assert_cmpstr (kinds[0], ==, "15080-disclose");
  g_assert_cmpstr (kinds[1], ==, "use");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (vita_consent_text_get_unit_kind (text, ids[i]) != VITA_CONSENT_UNIT_CHOICE)
        continue;
      n_choices++;
      g_assert_nonnull (vita_consent_text_get_consent_kind (text, ids[i]));
    }
  g_assert_cmpuint (n_choices, ==, 2);
  g_assert_cmpint (vita_consent_text_get_unit_kind (text, ids[0]), ==, VITA_CONSENT_UNIT_TITLE);
  g_assert_cmpstr (vita_consent_text_get_section (text, "tigta.1"), ==, "tigta");
}

/* What the brief and Form 15080 require the member to be told. */
static void
test_english_says (void)
{
  g_autoptr(VitaConsentText) text = load_shipped ();
  g_auto(GStrv) ids = vita_consent_text_dup_screen_ids (text);
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GHashTable) vars = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) translation = NULL;
  g_autoptr(GPtrArray) promises = NULL;

  g_hash_table_insert (vars, "valid_through", "November 30, 2027");
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = vita_consent_text_dup (text, ids[i], "en", vars, NULL, &error);

      g_assert_no_error (error);
      g_string_append_printf (all, "%s\n", line);
    }

  g_assert_nonnull (strstr (all->str, "Federal law requires this consent form be provided to you."));
  g_assert_nonnull (strstr (all->str, "You are not required to complete this form to engage our tax "
                                      "return preparation services."));
  g_assert_nonnull (strstr (all->str, "we cannot use your tax return information"));
  g_assert_nonnull (strstr (all->str, "one year"));
  g_assert_nonnull (strstr (all->str, "November 30, 2027"));
  g_assert_nonnull (strstr (all->str, "take back this permission"));
  /* Form 15080's limitation and acknowledgment (review finding C5). */
  g_assert_nonnull (strstr (all->str, "Limitation on the scope of disclosure: I/we do not wish to limit"));
  g_assert_nonnull (strstr (all->str, "I/we, the taxpayer, have read the above information."));
  /* "One year" said as the day before the anniversary (C4). */
  g_assert_nonnull (strstr (all->str, "to the day before the same date next year"));
  g_assert_nonnull (strstr (all->str, "1-800-366-4484"));
  g_assert_nonnull (strstr (all->str, "we still prepare your tax return"));

  /* English is the source: complete, and no promise. */
  g_assert_true (vita_consent_text_check (text, "en", &translation, &promises));
  g_assert_cmpuint (translation->len, ==, 0);
  g_assert_cmpuint (promises->len, ==, 0);
}

/* xgettext with our ITS rules, msgen and msgfmt make a catalog for "xx"
 * whose every translation is its English.  Returns FALSE when the gettext
 * tools are missing. */
static gboolean
make_english_catalog (void)
{
  static gboolean made;
  g_autofree char *pot = g_build_filename (tmpdir, "consent.pot", NULL);
  g_autofree char *po = g_build_filename (tmpdir, "consent.po", NULL);
  g_autofree char *mo = g_build_filename (tmpdir, "consent.mo", NULL);
  g_autofree char *xgettext_path = g_find_program_in_path ("xgettext");
  g_autofree char *msgen_path = g_find_program_in_path ("msgen");
  const char *xgettext[] = { "xgettext", "--from-code=UTF-8", "-o", pot, CONSENT_PATH, NULL };
  const char *msgen[] = { "msgen", "-o", po, pot, NULL };
  const char *msgfmt[] = { "msgfmt", "-o", mo, po, NULL };
  const char *context = "msgctxt \"consent:disclose.choice@2026-11-23\"";

  if (xgettext_path == NULL || msgen_path == NULL)
    return FALSE;
  if (made)
    return TRUE;

  g_assert_true (run (xgettext, SOURCE_PODIR));
  g_assert_true (vita_test_file_contains (pot, context, strlen (context)));
  g_assert_true (run (msgen, NULL));
  g_assert_true (run (msgfmt, NULL));
  use_catalog (mo);
  made = TRUE;

  return TRUE;
}

/* If the runtime built any context or msgid differently from the
 * extraction, that text would count as untranslated in the English
 * catalog. */
static void
test_matches_xgettext (void)
{
  g_autoptr(VitaConsentText) text = load_shipped ();
  g_autoptr(GError) error = NULL;
  g_autofree char *localedir = g_build_filename (tmpdir, "locale", NULL);

  if (!make_english_catalog ())
    {
      g_test_skip ("gettext tools are not installed");
      return;
    }

  g_setenv ("VITA_LOCALEDIR", localedir, TRUE);
  g_assert_cmpuint (vita_consent_text_count_untranslated (text, "xx", &error), ==, 0);
  g_assert_no_error (error);
  g_unsetenv ("VITA_LOCALEDIR");
}

/* Revising one English paragraph (a new revised date) makes every
 * translation of it stale: the member sees the current English and the
 * check names the paragraph. */
static void
test_stale (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *revised = NULL;
  g_autoptr(VitaConsentText) text = NULL;
  g_autoptr(GPtrArray) translation = NULL;
  g_autoptr(GPtrArray) promises = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *localedir = g_build_filename (tmpdir, "locale", NULL);
  gboolean translated = TRUE;

  if (!make_english_catalog ())
    {
      g_test_skip ("gettext tools are not installed");
      return;
    }

  g_file_get_contents (CONSENT_PATH, &xml, NULL, &error);
  g_assert_no_error (error);
  revised = replace_once (xml, "id=\"use.revoke\" revised=\"2026-12-07\"",
                          "id=\"use.revoke\" revised=\"2027-01-10\"");
  text = vita_consent_text_load_from_data (revised, -1, &error);
  g_assert_no_error (error);

  g_setenv ("VITA_LOCALEDIR", localedir, TRUE);
  g_assert_false (vita_consent_text_check (text, "xx", &translation, &promises));
  g_assert_cmpuint (translation->len, ==, 1);
  g_assert_true (mentions (translation, "use.revoke", "2027-01-10"));
  g_assert_cmpuint (promises->len, ==, 0);
  g_assert_cmpuint (vita_consent_text_count_untranslated (text, "xx", NULL), ==, 1);

  shown = vita_consent_text_dup (text, "use.revoke", "xx", NULL, &translated, &error);
  g_assert_no_error (error);
  g_assert_false (translated);
  g_assert_true (g_str_has_prefix (shown, "If you take back this permission"));
  g_unsetenv ("VITA_LOCALEDIR");
}

/* A promise in the English, or one a translation slips in, is reported
 * apart from translation gaps: it must block the screen. */
static void
test_promise (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(VitaConsentText) text = NULL;
  g_autoptr(GPtrArray) translation = NULL;
  g_autoptr(GPtrArray) promises = NULL;

  g_file_get_contents (CONSENT_PATH, &xml, NULL, &error);
  g_assert_no_error (error);
  bad = replace_once (xml, "This permission is only for that use.",
                      "This permission is only for that use, and your data will never be shared.");
  text = vita_consent_text_load_from_data (bad, -1, &error);
  g_assert_no_error (error);

  g_assert_false (vita_consent_text_check (text, "en", &translation, &promises));
  g_assert_cmpuint (translation->len, ==, 0);
  g_assert_true (mentions (promises, "use.4", "never be shared"));
}

static void
test_invalid (void)
{
  static const char *bad[] = {
    "<notice version=\"1\" as-of=\"2026-01-01\"/>",
    /* no consent kinds */
    "<consent version=\"1\" as-of=\"2026-01-01\" form=\"x\" valid-through=\"2027-11-30\">"
    "<title id=\"t\" revised=\"2026-01-01\">T</title></consent>",
    /* a consent section without its box */
    "<consent version=\"1\" as-of=\"2026-01-01\" form=\"x\" valid-through=\"2027-11-30\">"
    "<title id=\"t\" revised=\"2026-01-01\">T</title>"
    "<section id=\"s\" kind=\"use\"><heading id=\"h\" revised=\"2026-01-01\">H</heading>"
    "<p id=\"p\" revised=\"2026-01-01\">P</p></section></consent>",
    /* a bad date */
    "<consent version=\"1\" as-of=\"2026-02-30\" form=\"x\" valid-through=\"2027-11-30\"/>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VitaConsentText) text = vita_consent_text_load_from_data (bad[i], -1, &error);

      g_assert_null (text);
      g_assert_error (error, VITA_CONSENT_TEXT_ERROR, VITA_CONSENT_TEXT_ERROR_INVALID);
    }

  /* The shipped file with one change: a limit other than the form's, a
   * limit on a section that asks for no consent, a consent without its
   * page label. */
  {
    static const char *changes[][2] = {
      { "kind=\"15080-disclose\" limit=\"form\"", "kind=\"15080-disclose\" limit=\"year\"" },
      { "<section id=\"revoke\">", "<section id=\"revoke\" limit=\"form\">" },
      { "<label id=\"page.use\"", "<label id=\"page.other\"" },
    };
    g_autoptr(GError) error = NULL;
    g_autofree char *xml = NULL;

    g_file_get_contents (CONSENT_PATH, &xml, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
      {
        g_autofree char *changed = replace_once (xml, changes[i][0], changes[i][1]);

        g_test_message ("%s", changes[i][1]);
        g_autoptr(VitaConsentText) text = vita_consent_text_load_from_data (changed, -1, &error);

        g_assert_null (text);
        g_assert_error (error, VITA_CONSENT_TEXT_ERROR, VITA_CONSENT_TEXT_ERROR_INVALID);
        g_clear_error (&error);
      }
  }
}


/* "One year" is one year: to the day before the anniversary, and to the
 * end of the month when the anniversary does not exist. */
static void
test_last_day (void)
{
  const struct { const char *given; guint months; const char *last; } cases[] = {
    { "2026-12-01", 12, "2027-11-30" },  /* the review's example */
    { "2026-12-07", 12, "2027-12-06" },
    { "2027-01-01", 12, "2027-12-31" },
    { "2027-12-31", 12, "2028-12-30" },
    { "2027-02-28", 12, "2028-02-27" },  /* into a leap year */
    { "2027-03-01", 12, "2028-02-29" },  /* the day before is 29 Feb */
    { "2028-02-29", 12, "2029-02-28" },  /* no 29 Feb in 2029 */
    { "2028-03-01", 12, "2029-02-28" },
    { "2028-02-28", 12, "2029-02-27" },
    { "2027-01-31", 1, "2027-02-28" },   /* no 31 Feb */
    { "2028-01-31", 1, "2028-02-29" },
    { "2028-01-30", 1, "2028-02-29" },
    { "2027-08-31", 6, "2028-02-29" },
    { "2027-06-15", 11, "2028-05-14" },
    { "2026-12-07", 6, "2027-06-06" },
    { "2027-07-31", 2, "2027-09-30" },   /* no 31 Sep */
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int y, m, d;
      g_autoptr(GDate) given = NULL;
      g_autofree char *last = NULL;

      g_assert_cmpint (sscanf (cases[i].given, "%d-%d-%d", &y, &m, &d), ==, 3);
      given = g_date_new_dmy (d, m, y);
      last = vita_consent_dup_last_day (given, cases[i].months);
      g_test_message ("%s + %u months", cases[i].given, cases[i].months);
      g_assert_cmpstr (last, ==, cases[i].last);
    }
}

/* The duration of each consent from the injected clock: the use consent
 * is never cut to Form 15080's date, and the disclosure consent is never
 * cut quietly either: a date past the form's limit is reported. */
static void
test_until_clock (void)
{
  g_autoptr(VitaConsentText) text = load_shipped ();
  const struct {
    const char *today;
    const char *kind;
    guint       months;
    const char *until;
    gboolean    past;
  } cases[] = {
    { "2026-12-01", "15080-disclose", 12, "2027-11-30", FALSE },
    { "2026-12-01", "use", 12, "2027-11-30", FALSE },
    { "2026-12-07", "15080-disclose", 12, "2027-12-06", TRUE },
    { "2026-12-07", "use", 12, "2027-12-06", FALSE },
    { "2026-12-07", "15080-disclose", 0, "2027-11-30", FALSE },
    { "2026-12-07", "use", 0, NULL, FALSE },
    { "2026-12-07", "15080-disclose", 11, "2027-11-06", FALSE },
    { "2027-03-01", "use", 12, "2028-02-29", FALSE },
    { "2027-02-28", "15080-disclose", 12, "2028-02-27", TRUE },
    { "2027-01-31", "use", 1, "2027-02-28", FALSE },
    { "2027-06-15", "15080-disclose", 6, "2027-12-14", TRUE },
    { "2027-06-15", "15080-disclose", 5, "2027-11-14", FALSE },
  };

  g_assert_true (vita_consent_text_is_limited (text, "15080-disclose"));
  g_assert_false (vita_consent_text_is_limited (text, "use"));
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gboolean past = !cases[i].past;
      g_autofree char *until = NULL;

      vita_test_set_now (cases[i].today);
      until = vita_consent_text_dup_until (text, cases[i].kind, cases[i].months, &past);
      g_test_message ("%s: %s for %u months", cases[i].today, cases[i].kind, cases[i].months);
      g_assert_cmpstr (until, ==, cases[i].until);
      g_assert_cmpint (past, ==, cases[i].past);
    }
  vita_clock_set_for_testing (NULL);
}

/* Each consent names the person consenting and the site, in every
 * language, and each has its own duration and revocation text. */
static void
test_names_inserted (void)
{
  g_autoptr(VitaConsentText) text = load_shipped ();
  g_autoptr(GHashTable) vars = g_hash_table_new (g_str_hash, g_str_equal);
  const char *languages[] = { "en", "ko", "es", "ht" };
  const char *ids[] = { "disclose.who", "use.who", "use.3", "receipt.taxpayer" };
  const char *own[] = { "disclose.duration", "disclose.revoke", "disclose.limit",
                        "use.duration", "use.revoke" };

  g_hash_table_insert (vars, "taxpayer_name", "Minji Kimberley");
  g_hash_table_insert (vars, "site_name", "Eastside Library");
  g_hash_table_insert (vars, "valid_through", "30/11/2027");
  g_hash_table_insert (vars, "site_contact", "617-555-0100");
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
        {
          g_autoptr(GError) error = NULL;
          gboolean translated = FALSE;
          g_autofree char *line = vita_consent_text_dup (text, ids[i], languages[l], vars,
                                                         &translated, &error);

          g_assert_no_error (error);
          g_test_message ("%s (%s): %s", ids[i], languages[l], line);
          g_assert_true (translated);
          g_assert_null (strchr (line, '{'));
          /* use.3 names the site only; receipt.taxpayer the person only. */
          if (i != 2)
            g_assert_nonnull (strstr (line, "Minji Kimberley"));
          if (i < 3)
            g_assert_nonnull (strstr (line, "Eastside Library"));
        }
      for (guint i = 0; i < G_N_ELEMENTS (own); i++)
        {
          g_autoptr(GError) error = NULL;
          gboolean translated = FALSE;
          g_autofree char *line = vita_consent_text_dup (text, own[i], languages[l], vars,
                                                         &translated, &error);

          g_assert_no_error (error);
          g_assert_true (translated);
          /* Each consent's own section: the page shows it only there. */
          g_assert_cmpstr (vita_consent_text_get_section (text, own[i]), ==,
                           g_str_has_prefix (own[i], "use.") ? "use" : "disclose");
        }
    }
  /* The taxpayer's name is inserted, in every language. */
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autofree char *who = vita_consent_text_dup (text, "disclose.who", languages[l], vars, NULL, NULL);
      g_autofree char *receipt = vita_consent_text_dup (text, "receipt.taxpayer", languages[l], vars, NULL, NULL);

      g_assert_nonnull (strstr (who, "Minji Kimberley"));
      g_assert_nonnull (strstr (receipt, "Minji Kimberley"));
    }
}

/* H6: the retention page's dates take the month from the app's catalog,
 * so Haitian Creole shows Haitian months on a machine whose system locale
 * is English (ht_HT need not be installed). */
static void
test_format_date_without_locale (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_APRIL, 2027);
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *ht = NULL;
  g_autofree char *system = NULL;

  /* An English system locale: LANGUAGE picks the catalog, and %B would
   * be English. */
  if (setlocale (LC_ALL, "en_US.UTF-8") == NULL)
    {
      g_test_skip ("en_US.UTF-8 is not installed");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, vita_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* gettext keeps what it looked up, so one interface language per
   * process: Haitian Creole, the one without a system locale in the
   * review.  The system's own month name is English here. */
  g_setenv ("LANGUAGE", "ht", TRUE);
  ht = vita_i18n_format_date (date);
  time = g_date_time_new_local (2027, 4, 30, 12, 0, 0);
  system = g_date_time_format (time, "%B");
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");

  g_test_message ("ht: %s, the system says %s", ht, system);
  g_assert_cmpstr (system, ==, "April");
  g_assert_cmpstr (ht, ==, "30 avril 2027");
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  tmpdir = vita_test_make_tmpdir ();

  g_test_add_func ("/consent-text/load-shipped", test_load_shipped);
  g_test_add_func ("/consent-text/english-says", test_english_says);
  g_test_add_func ("/consent-text/matches-xgettext", test_matches_xgettext);
  g_test_add_func ("/consent-text/stale", test_stale);
  g_test_add_func ("/consent-text/promise", test_promise);
  g_test_add_func ("/consent-text/invalid", test_invalid);
  g_test_add_func ("/consent-text/last-day", test_last_day);
  g_test_add_func ("/consent-text/until-clock", test_until_clock);
  g_test_add_func ("/consent-text/names-inserted", test_names_inserted);
  g_test_add_func ("/i18n/format-date-without-locale", test_format_date_without_locale);

  ret = g_test_run ();
  vita_test_rm_rf (tmpdir);
  g_free (tmpdir);
  return ret;
}
