/* vita-store-notices.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: which notice each household was given, in
 * which languages and on what medium (the record the member's access
 * report and the coordinator's review of the notice rely on).
 */

#include "config.h"

#include "vita-clock.h"
#include "vita-store-private.h"

gboolean
vita_store_record_notice (VitaStore   *self,
                          gint64       household_id,
                          const char  *notice_version,
                          const char  *language,
                          const char  *second_language,
                          const char  *medium,
                          GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autofree char *detail = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (notice_version != NULL && language != NULL && medium != NULL, FALSE);

  detail = g_strdup_printf ("%s %s%s%s %s", notice_version, language,
                            second_language ? "+" : "", second_language ? second_language : "",
                            medium);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self,
                          "INSERT INTO notices_issued (household_id, notice_version, language,"
                          " second_language, medium, issued_at, issued_by)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error)) != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, household_id);
      sqlite3_bind_text (stmt, 2, notice_version, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, language, -1, SQLITE_STATIC);
      if (second_language)
        sqlite3_bind_text (stmt, 4, second_language, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, medium, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, self->user_id);
      ok = _vita_store_step (self, stmt, error)
           && vita_store_audit (self, "issue-notice", household_id, detail, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_list_notices:
 *
 * Returns: (transfer full) (element-type utf8): "version language medium
 *   issued-at" per notice given to the household, oldest first.
 */
GPtrArray *
vita_store_list_notices (VitaStore   *self,
                         gint64       household_id,
                         GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && (stmt = _vita_store_prepare (self,
                          "SELECT notice_version, language, ifnull (second_language, ''), medium,"
                          " issued_at FROM notices_issued WHERE household_id = ?1 ORDER BY id",
                          error)) != NULL)
    {
      ret = g_ptr_array_new_with_free_func (g_free);
      sqlite3_bind_int64 (stmt, 1, household_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_ptr_array_add (ret, g_strdup_printf ("%s %s%s%s %s %s",
                                               sqlite3_column_text (stmt, 0),
                                               sqlite3_column_text (stmt, 1),
                                               *sqlite3_column_text (stmt, 2) ? "+" : "",
                                               sqlite3_column_text (stmt, 2),
                                               sqlite3_column_text (stmt, 3),
                                               sqlite3_column_text (stmt, 4)));
    }
  g_rec_mutex_unlock (&self->lock);
  return ret;
}
