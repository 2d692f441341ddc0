/* vita-i18n.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

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
