/* vita-site-info.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site settings a member-facing text names, read once for the notice
 * dialog, the privacy screen and the consent screen.  No GTK: the GUI's
 * windows call it from their workers.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-clock.h"
#include "vita-notice-review.h"
#include "vita-promise-check.h"
#include "vita-retention.h"
#include "vita-site-info.h"
#include "vita-store-settings.h"
#include "vita-minimum-data.h"

/* The store settings a member-facing text needs, in the order the
 * volunteer is told about them. */
static const struct
{
  const char *key;
  gsize       offset;
} site_settings[] = {
  { VITA_SETTING_SITE_NAME, G_STRUCT_OFFSET (VitaSiteInfo, site_name) },
  { VITA_SETTING_SITE_CONTACT, G_STRUCT_OFFSET (VitaSiteInfo, site_contact) },
  { VITA_SETTING_LEGAL_REFERRAL, G_STRUCT_OFFSET (VitaSiteInfo, legal_referral) },
};

void
vita_site_info_free (VitaSiteInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->site_name);
  g_free (info->site_contact);
  g_free (info->legal_referral);
  g_free (info->purge_date);
  g_free (info->notice_approved);
  g_free (info->notice_review_days);
  g_free (info->approved_date);
  g_free (info->approved_version);
  g_free (info->data_mode);
  g_clear_pointer (&info->missing, g_ptr_array_unref);
  g_free (info);
}

/**
 * vita_site_info_load:
 * @store: an unlocked store
 * @household_id: the household, or 0 if it is not saved yet
 * @tax_year: its tax year, for an unsaved household's purge date
 * @error: return location for a #GError
 *
 * Blocking: call it from a worker thread.
 *
 * Returns: (transfer full): the site information, or %NULL
 */
VitaSiteInfo *
vita_site_info_load (VitaStore  *store,
                     gint64      household_id,
                     int         tax_year,
                     GError    **error)
{
  g_autoptr(VitaSiteInfo) info = g_new0 (VitaSiteInfo, 1);

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);

  info->missing = g_ptr_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (site_settings); i++)
    {
      g_autoptr(GError) local_error = NULL;
      char *value = vita_store_dup_setting (store, site_settings[i].key, &local_error);

      if (value != NULL)
        g_strstrip (value);
      if (value == NULL
          && !g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (value == NULL || *value == '\0')
        {
          g_clear_pointer (&value, g_free);
          g_ptr_array_add (info->missing, (gpointer) site_settings[i].key);
        }
      G_STRUCT_MEMBER (char *, info, site_settings[i].offset) = value;
    }

  /* The notice review settings: optional, so "not found" is no error. */
  {
    const char *keys[] = { VITA_NOTICE_APPROVED_KEY, VITA_NOTICE_REVIEW_DAYS_KEY };
    char **slots[] = { &info->notice_approved, &info->notice_review_days };

    for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
      {
        g_autoptr(GError) local_error = NULL;

        *slots[i] = vita_store_dup_setting (store, keys[i], &local_error);
        if (*slots[i] == NULL
            && !g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND))
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return NULL;
          }
      }
    if (info->notice_approved != NULL)
      {
        g_auto(GStrv) parts = g_strsplit (info->notice_approved, " ", 2);

        if (g_strv_length (parts) == 2)
          {
            info->approved_date = g_strdup (parts[0]);
            info->approved_version = g_strdup (parts[1]);
          }
      }
  }

  /* minimum-data mode: the notice says which mode the site uses. */
  info->data_mode = g_strdup (vita_store_get_minimum_data (store) ? "on" : "off");
  info->contact_days = vita_store_get_minimum_data_contact_days (store);

  /* The household's own date, as a member may be told it: never in the
   * past, and only "at the earliest" while the return is not finished
   * (the store keeps it until then). */
  if (household_id != 0)
    info->purge_date = vita_store_dup_member_purge_date (store, household_id, tax_year,
                                                         &info->purge_pending, NULL);
  if (info->purge_date == NULL)
    info->purge_date = vita_store_dup_member_purge_date (store, 0, tax_year, &info->purge_pending, NULL);

  return g_steal_pointer (&info);
}

/**
 * vita_site_info_fill:
 * @info: the site information
 * @notice: the notice, for writing the purge date in @language
 * @language: the member's language
 * @bilingual: whether a second language is printed beside it
 * @site: (out caller-allocates): the notice's site settings
 *
 * Fills @site with pointers into @info.  Settings that are not set stay
 * %NULL, which the notice prints as "(ask a volunteer)" in the member's
 * language.  A bilingual notice has one retention text for both columns, so
 * it gets the date as YYYY-MM-DD, which reads the same in both.
 *
 * Returns: (transfer full) (nullable): the retention text @site points to;
 *   keep it alive as long as @site
 */
char *
vita_site_info_fill (const VitaSiteInfo *info,
                     VitaNotice         *notice,
                     const char         *language,
                     gboolean            bilingual,
                     VitaNoticeSite     *site)
{
  char *retention = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (VITA_IS_NOTICE (notice), NULL);
  g_return_val_if_fail (site != NULL, NULL);

  *site = (VitaNoticeSite) { 0 };
  site->site_name = info->site_name;
  site->site_contact = info->site_contact;
  site->legal_referral = info->legal_referral;

  if (info->purge_date != NULL && !bilingual)
    retention = vita_notice_format_date (notice, language, info->purge_date, NULL);
  if (retention == NULL)
    retention = g_strdup (info->purge_date);
  site->retention = retention;
  site->retention_pending = info->purge_pending;
  /* An approval is of one version: a new notice file is not approved. */
  if (info->approved_version != NULL
      && g_str_equal (info->approved_version, vita_notice_get_version (notice)))
    site->approved_date = info->approved_date;
  site->data_mode = info->data_mode;
  site->contact_days = info->contact_days;

  return retention;
}

static const char *
setting_label (const char *key)
{
  if (g_str_equal (key, VITA_SETTING_SITE_NAME))
    return _("the site’s name");
  if (g_str_equal (key, VITA_SETTING_SITE_CONTACT))
    return _("how to reach the site");
  if (g_str_equal (key, VITA_SETTING_LEGAL_REFERRAL))
    return _("independent legal help");
  return key;
}

/**
 * vita_site_info_dup_missing_message:
 *
 * Returns: (transfer full) (nullable): a message for the volunteer naming
 *   the settings the member's text leaves blank, or %NULL
 */
char *
vita_site_info_dup_missing_message (const VitaSiteInfo *info)
{
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (info != NULL, NULL);

  if (info->missing->len == 0)
    return NULL;

  for (guint i = 0; i < info->missing->len; i++)
    {
      /* Translators: separates the names of settings in a list. */
      g_string_append_printf (names, "%s%s", i > 0 ? _("; ") : "",
                              setting_label (g_ptr_array_index (info->missing, i)));
    }

  /* Translators: %s is a list such as "how to reach the site; independent
   * legal help". */
  return g_strdup_printf (_("Not filled in by the site coordinator: %s. The member’s text says "
                            "“ask a volunteer” in their place, in the member’s language. Ask the "
                            "coordinator to fill them in."),
                          names->str);
}

/**
 * vita_site_info_check_promises:
 * @with_legal_referral: whether the text names the legal help setting
 * @promises: (element-type utf8): where each problem found is added
 *
 * Checks the site's own settings, which a coordinator may have worded
 * rashly, one by one, so the volunteer is told the promise is there and
 * not in the text the project wrote.
 */
void
vita_site_info_check_promises (const VitaSiteInfo *info,
                               const char         *language,
                               gboolean            with_legal_referral,
                               GPtrArray          *promises)
{
  const char *values[] = { info->site_name, info->site_contact,
                           with_legal_referral ? info->legal_referral : NULL };

  g_return_if_fail (info != NULL);
  g_return_if_fail (promises != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(GPtrArray) found = NULL;

      if (values[i] == NULL || vita_notice_check_text (language, values[i], &found))
        continue;
      for (guint j = 0; j < found->len; j++)
        {
          /* Translators: %s says which words make a promise. */
          g_ptr_array_add (promises, g_strdup_printf (_("In the site’s settings: %s"),
                                                      (const char *) g_ptr_array_index (found, j)));
        }
    }
}
