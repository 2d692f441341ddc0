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
#include "vita-export.h"
#include "vita-keyfile.h"
#include "vita-notice-review.h"
#include "vita-store-private.h"
#include "vita-store-settings.h"
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

/* ------------------------------------------------------------------ */
/* Whole-number settings                                               */
/* ------------------------------------------------------------------ */

typedef enum
{
  UNIT_MINUTES,
  UNIT_DAYS,
} NumberUnit;

typedef struct
{
  const char *key;
  gint64      fallback;
  gint64      min;
  gint64      max;
  NumberUnit  unit;
} NumberSetting;

/* Every whole-number setting's bounds and default: the check before a
 * value is stored and every reader take them from here. */
static const NumberSetting number_settings[] = {
  { VITA_SETTING_IDLE_LOCK_MINUTES, VITA_IDLE_LOCK_MINUTES_DEFAULT,
    VITA_IDLE_LOCK_MINUTES_MIN, VITA_IDLE_LOCK_MINUTES_MAX, UNIT_MINUTES },
  { VITA_SETTING_RETENTION_MIN_DAYS, VITA_RETENTION_MIN_DAYS_DEFAULT,
    VITA_RETENTION_MIN_DAYS_MIN, VITA_RETENTION_MIN_DAYS_MAX, UNIT_DAYS },
  { VITA_SETTING_RETENTION_MAX_DAYS, VITA_RETENTION_MAX_DAYS_DEFAULT,
    VITA_RETENTION_MAX_DAYS_MIN, VITA_RETENTION_MAX_DAYS_MAX, UNIT_DAYS },
};

static const NumberSetting *
find_number_setting (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (number_settings); i++)
    if (g_strcmp0 (key, number_settings[i].key) == 0)
      return &number_settings[i];
  return NULL;
}

static gboolean
parse_number (const NumberSetting  *setting,
              const char           *text,
              gint64               *value,
              GError              **error)
{
  if (text != NULL
      && g_ascii_string_to_signed (text, 10, setting->min, setting->max, value, NULL))
    return TRUE;

  *value = setting->fallback;
  if (setting->unit == UNIT_MINUTES)
    g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                 _("Enter a number of minutes from %d to %d."),
                 (int) setting->min, (int) setting->max);
  else
    g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                 _("Enter a number of days from %d to %d."),
                 (int) setting->min, (int) setting->max);
  return FALSE;
}

/**
 * vita_setting_parse_number:
 * @key: a whole-number setting, e.g. %VITA_SETTING_IDLE_LOCK_MINUTES
 * @text: (nullable): its text, as stored or typed
 * @value: (out): the number; the setting's default when @text is not one
 *   within the setting's bounds
 *
 * Returns: %TRUE if @text is a number within the bounds
 */
gboolean
vita_setting_parse_number (const char  *key,
                           const char  *text,
                           gint64      *value,
                           GError     **error)
{
  const NumberSetting *setting = find_number_setting (key);

  g_return_val_if_fail (setting != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  return parse_number (setting, text, value, error);
}

/**
 * vita_store_get_setting_number:
 * @key: a whole-number setting, e.g. %VITA_SETTING_RETENTION_MIN_DAYS
 * @value: (out): the site's value, or the default when it is not set or
 *   not usable (a store written by an older version, or by hand)
 *
 * Returns: %TRUE unless the store cannot be read (locked, or the role may
 *   not), which sets @error
 */
gboolean
vita_store_get_setting_number (VitaStore   *self,
                               const char  *key,
                               gint64      *value,
                               GError     **error)
{
  const NumberSetting *setting = find_number_setting (key);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (setting != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  *value = setting->fallback;
  text = vita_store_dup_setting (self, key, &local_error);
  if (text == NULL)
    {
      if (g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  parse_number (setting, text, value, NULL);
  return TRUE;
}

/* The retention settings decide when identity is destroyed, and the
 * export's how much leaves: a typing slip there must not reach the store.
 * Other settings are free text. */
static gboolean
check_setting (const char  *key,
               const char  *value,
               GError     **error)
{
  static const char *policies[] = { "end-of-season", "end-of-extensions", "one-year", "three-years" };
  const NumberSetting *number_setting = find_number_setting (key);
  GDate today;
  guint64 number;
  gint64 ignored;

  if (number_setting != NULL)
    return parse_number (number_setting, value, &ignored, error);
  if (g_str_equal (key, VITA_SETTING_RETENTION))
    {
      if (g_strv_contains (policies, value))
        return TRUE;
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("Choose one of the retention policies."));
      return FALSE;
    }
  if (g_str_equal (key, VITA_SETTING_SEASON_TAX_YEAR))
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
  /* minimum-data mode (vita-store-minimum-data.c) */
  if (_vita_minimum_data_is_setting (key))
    return _vita_minimum_data_check_setting (key, value, error);
  /* end minimum-data */
  return vita_export_check_setting (key, value, error)
         && vita_notice_review_check_setting (key, value, error);
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
      if (ok && g_str_equal (key, VITA_SETTING_RETENTION))
        {
          g_free (self->retention_policy);
          self->retention_policy = g_strdup (value);
        }
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

