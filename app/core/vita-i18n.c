/* vita-i18n.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "vita-i18n.h"

/* The member languages the site serves.  Names are written in the language
 * itself so a member can find their own. */
static const VitaLanguage languages[] = {
  { "en", "English" },
  { "ko", "한국어" },
  { "es", "Español" },
  { "ht", "Kreyòl ayisyen" },
};

/**
 * vita_i18n_get_localedir:
 *
 * The catalogs of an uninstalled build live in the build tree; an installed
 * app uses LOCALEDIR.  VITA_LOCALEDIR overrides both (tests).
 */
const char *
vita_i18n_get_localedir (void)
{
  static gsize dir;

  if (g_once_init_enter (&dir))
    {
      const char *env = g_getenv ("VITA_LOCALEDIR");
      char *chosen;

      if (env != NULL && *env != '\0')
        chosen = g_strdup (env);
      else if (g_file_test (BUILD_LOCALEDIR, G_FILE_TEST_IS_DIR)
               && !g_file_test (LOCALEDIR "/ko/LC_MESSAGES/" GETTEXT_PACKAGE ".mo", G_FILE_TEST_EXISTS))
        chosen = g_strdup (BUILD_LOCALEDIR);
      else
        chosen = g_strdup (LOCALEDIR);
      g_once_init_leave (&dir, (gsize) chosen);
    }
  return (const char *) dir;
}

/**
 * vita_i18n_init:
 *
 * Binds the text domain for the process locale.  Call once at startup.
 *
 * Returns: the locale directory in use
 */
const char *
vita_i18n_init (void)
{
  const char *dir = vita_i18n_get_localedir ();

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  return dir;
}

const VitaLanguage *
vita_i18n_get_languages (guint *n_languages)
{
  if (n_languages)
    *n_languages = G_N_ELEMENTS (languages);
  return languages;
}

const char *
vita_i18n_language_name (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    if (g_strcmp0 (languages[i].code, code) == 0)
      return languages[i].native_name;
  return code;
}

/* Month names from the app's own catalogs: g_date_time_format()'s %B
 * comes from the system locale, and a machine without ht_HT would print
 * English months inside Haitian Creole text. */
static const char *month_names[] = {
  NC_("month name", "January"), NC_("month name", "February"), NC_("month name", "March"),
  NC_("month name", "April"), NC_("month name", "May"), NC_("month name", "June"),
  NC_("month name", "July"), NC_("month name", "August"), NC_("month name", "September"),
  NC_("month name", "October"), NC_("month name", "November"), NC_("month name", "December"),
};

/**
 * vita_i18n_format_date:
 * @date: a valid date
 *
 * Writes @date for the volunteer, in the interface's language, whatever
 * locales the system has installed.
 *
 * Returns: (transfer full): the date, such as "30 avril 2027"
 */
char *
vita_i18n_format_date (const GDate *date)
{
  g_autoptr(GDateTime) time = NULL;
  g_autoptr(GString) pattern = NULL;
  const char *month;

  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  month = g_dpgettext2 (GETTEXT_PACKAGE, "month name", month_names[g_date_get_month (date) - 1]);
  /* Translators: a date in g_date_time_format() notation; put day, month
   * and year in the order your readers expect.  %B is replaced by the
   * month's name as translated with the context "month name"; other
   * names (%b, %A) would come from the system and may be in English. */
  pattern = g_string_new (_("%-d %B %Y"));
  for (char *at = strstr (pattern->str, "%B"); at != NULL; at = strstr (pattern->str, "%B"))
    {
      gssize pos = at - pattern->str;

      g_string_erase (pattern, pos, 2);
      g_string_insert (pattern, pos, month);
    }

  time = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 12, 0, 0);
  return g_date_time_format (time, pattern->str);
}
