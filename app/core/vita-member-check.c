/* vita-member-check.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The per-language check a member window runs before the member picks a
 * language: is the text there, is it current, and does it (or the site's
 * own settings) make a promise nobody can keep.  Blocking: the windows
 * call it from their workers.
 */

#include "config.h"

#include "vita-i18n.h"
#include "vita-member-check.h"

void
vita_lang_check_free (VitaLangCheck *check)
{
  if (check == NULL)
    return;
  g_free (check->error);
  g_clear_pointer (&check->translation, g_ptr_array_unref);
  g_clear_pointer (&check->promises, g_ptr_array_unref);
  g_free (check);
}

/**
 * vita_member_check_notice:
 * @notice: the privacy notice
 * @info: the site's settings the notice names
 * @language: the member language to check
 *
 * Returns: (transfer full): whether the notice can be shown in @language,
 *   and what the volunteer must be told first
 */
VitaLangCheck *
vita_member_check_notice (VitaNotice         *notice,
                          const VitaSiteInfo *info,
                          const char         *language)
{
  VitaLangCheck *check = g_new0 (VitaLangCheck, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *retention = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) found = NULL;
  VitaNoticeSite site;

  g_return_val_if_fail (VITA_IS_NOTICE (notice), check);
  g_return_val_if_fail (info != NULL, check);
  g_return_val_if_fail (language != NULL, check);

  vita_notice_check (notice, language, &check->translation);
  check->promises = g_ptr_array_new_with_free_func (g_free);
  retention = vita_site_info_fill (info, notice, language, FALSE, &site);

  /* The promise check runs on the text as the member will read it, with
   * English in place of missing translations.  The site's own settings,
   * which a coordinator may have worded rashly, are checked one by one so
   * the volunteer can be told where the promise is. */
  text = vita_notice_dup_text (notice, language,
                               &(VitaNoticeSite) { .retention = site.retention }, &error);
  if (text == NULL)
    {
      check->error = g_strdup (error->message);
      return check;
    }
  check->available = TRUE;
  if (!vita_notice_check_text (language, text, &found))
    g_ptr_array_extend_and_steal (check->promises, g_steal_pointer (&found));
  vita_site_info_check_promises (info, language, TRUE, check->promises);

  return check;
}

/**
 * vita_member_check_consent:
 * @text: the consent text
 * @info: the site's settings the consent names
 * @language: the member language to check
 *
 * Returns: (transfer full): whether the consent can be shown in @language,
 *   and what the volunteer must be told first
 */
VitaLangCheck *
vita_member_check_consent (VitaConsentText    *text,
                           const VitaSiteInfo *info,
                           const char         *language)
{
  VitaLangCheck *check = g_new0 (VitaLangCheck, 1);
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (text), check);
  g_return_val_if_fail (info != NULL, check);
  g_return_val_if_fail (language != NULL, check);

  vita_consent_text_check (text, language, &check->translation, &check->promises);
  /* The site's name and contact are part of what the member reads here
   * too; the consent does not name the legal help. */
  vita_site_info_check_promises (info, language, FALSE, check->promises);
  check->n_untranslated = vita_consent_text_count_untranslated (text, language, &error);
  check->available = error == NULL;
  if (error != NULL)
    check->error = g_strdup (error->message);

  return check;
}

/* One of @notice and @consent is set. */
static GHashTable *
check_every_language (VitaNotice         *notice,
                      VitaConsentText    *consent,
                      const VitaSiteInfo *info)
{
  /* Keys are the static codes from vita_i18n_get_languages(). */
  GHashTable *checks = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) vita_lang_check_free);
  const VitaLanguage *languages;
  guint n_languages;

  languages = vita_i18n_get_languages (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    g_hash_table_insert (checks, (gpointer) languages[i].code,
                         notice != NULL
                         ? vita_member_check_notice (notice, info, languages[i].code)
                         : vita_member_check_consent (consent, info, languages[i].code));

  return checks;
}

/**
 * vita_member_check_notice_languages:
 *
 * Returns: (transfer full): every member language's code -> #VitaLangCheck
 *   for the notice
 */
GHashTable *
vita_member_check_notice_languages (VitaNotice         *notice,
                                    const VitaSiteInfo *info)
{
  g_return_val_if_fail (VITA_IS_NOTICE (notice), NULL);

  return check_every_language (notice, NULL, info);
}

/**
 * vita_member_check_consent_languages:
 *
 * Returns: (transfer full): every member language's code -> #VitaLangCheck
 *   for the consent text
 */
GHashTable *
vita_member_check_consent_languages (VitaConsentText    *text,
                                     const VitaSiteInfo *info)
{
  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (text), NULL);

  return check_every_language (NULL, text, info);
}
