/* vita-store-settings.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the site settings, read and written here
 * and checked before they are stored.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vita-clock.h"
#include "vita-keyfile.h"
#include "vita-notice-review.h"
#include "vita-store-private.h"
#include "vita-minimum-data-private.h"

/* ------------------------------------------------------------------ */
/* Settings                                                            */
/* ------------------------------------------------------------------ */

char *
vita_store_dup_setting (VitaStore   *self,
                        const char  *key,
                        GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  char *value = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  /* The audit key is never handed out. */
  if (g_strcmp0 (key, "audit-key") == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return NULL;
    }

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require_unlocked (self, error)
      && (stmt = _vita_store_prepare (self, "SELECT value FROM settings WHERE key = ?1", error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        value = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      else
        g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                             _("This setting is not set."));
    }
  g_rec_mutex_unlock (&self->lock);
  return value;
}

/* The retention settings decide when identity is destroyed: a typing slip
 * there must not reach the store.  Other settings are free text. */
static gboolean
check_setting (const char  *key,
               const char  *value,
               GError     **error)
{
  static const char *policies[] = { "end-of-season", "end-of-extensions", "one-year", "three-years" };
  GDate today;
  guint64 number;

  if (g_str_equal (key, "retention"))
    {
      if (g_strv_contains (policies, value))
        return TRUE;
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("Choose one of the retention policies."));
      return FALSE;
    }
  if (g_str_equal (key, "season-tax-year"))
    {
      vita_clock_get_today (&today);
      /* Empty: follow the calendar. */
      if (*value == '\0'
          || g_ascii_string_to_unsigned (value, 10, 2000, g_date_get_year (&today) - 1, &number, NULL))
        return TRUE;
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   _("Enter a tax year from 2000 to %d, or leave it empty."), g_date_get_year (&today) - 1);
      return FALSE;
    }
  if (g_str_equal (key, "retention-min-days"))
    {
      if (g_ascii_string_to_unsigned (value, 10, 30, 730, &number, NULL))
        return TRUE;
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("Enter a number of days from 30 to 730."));
      return FALSE;
    }
  if (g_str_equal (key, "retention-max-days"))
    {
      if (g_ascii_string_to_unsigned (value, 10, 0, 3650, &number, NULL))
        return TRUE;
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("Enter a number of days from 0 to 3650."));
      return FALSE;
    }
  /* minimum-data mode (vita-store-minimum-data.c) */
  if (_vita_minimum_data_is_setting (key))
    return _vita_minimum_data_check_setting (key, value, error);
  /* end minimum-data */
  return vita_notice_review_check_setting (key, value, error);
}

gboolean
vita_store_set_setting (VitaStore   *self,
                        const char  *key,
                        const char  *value,
                        GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (g_strcmp0 (key, "audit-key") == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return FALSE;
    }
  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "settings", error)
      && check_setting (key, value, error)
      && (stmt = _vita_store_prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)", error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      ok = _vita_store_step (self, stmt, error)
           && vita_store_audit (self, "change-setting", 0, key, error);
      if (ok && g_str_equal (key, "retention"))
        {
          g_free (self->retention_policy);
          self->retention_policy = g_strdup (value);
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

