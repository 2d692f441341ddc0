/* vita-store-forms.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the IRS form templates.  A template is the
 * blank PDF from irs.gov; it holds no personal data, so it is stored as is
 * (the whole store is encrypted anyway).  Checking that it is a revision
 * the app can fill is vita-form-template.c's job, before it gets here.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-clock.h"
#include "vita-form-map.h"
#include "vita-store-forms.h"
#include "vita-store-private.h"

void
vita_form_template_info_free (VitaFormTemplateInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->form);
  g_free (info->revision);
  g_free (info->sha256);
  g_free (info->imported_at);
  g_free (info);
}

/**
 * vita_store_save_form_template:
 *
 * Keeps a checked template, replacing an earlier import of the same
 * revision.  Coordinators only, like every site setting.
 */
gboolean
vita_store_save_form_template (VitaStore   *self,
                               const char  *form,
                               const char  *revision,
                               const char  *sha256,
                               GBytes      *pdf,
                               GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autofree char *detail = g_strdup_printf ("%s %s", form, revision);
  gboolean ok = FALSE;
  gsize size;
  const void *data;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "settings", error)
      || !_vita_store_exec (self, "BEGIN IMMEDIATE;", error))
    goto out;

  stmt = _vita_store_prepare (self,
                              "INSERT INTO form_templates"
                              " (form, revision, sha256, pdf, imported_at, imported_by)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                              " ON CONFLICT (form, revision) DO UPDATE SET"
                              " sha256 = ?3, pdf = ?4, imported_at = ?5, imported_by = ?6",
                              error);
  if (stmt == NULL)
    goto rollback;
  data = g_bytes_get_data (pdf, &size);
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, revision, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, sha256, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob64 (stmt, 4, data, size, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, self->user_id);
  if (!_vita_store_step (self, stmt, error)
      || !vita_store_audit (self, "import-form", 0, detail, error)
      || !_vita_store_exec (self, "COMMIT;", error))
    goto rollback;
  ok = TRUE;
  goto out;

rollback:
  _vita_store_exec (self, "ROLLBACK;", NULL);
out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_load_form_template:
 * @revision: (out) (optional): the revision loaded
 *
 * Returns: (transfer full): the most recently imported template of @form,
 *   or %NULL with %VITA_FORM_ERROR_NO_TEMPLATE when there is none
 */
GBytes *
vita_store_load_form_template (VitaStore   *self,
                               const char  *form,
                               char       **revision,
                               GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  GBytes *pdf = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require_unlocked (self, error))
    goto out;
  stmt = _vita_store_prepare (self,
                              "SELECT pdf, revision FROM form_templates WHERE form = ?1"
                              " ORDER BY imported_at DESC, rowid DESC LIMIT 1",
                              error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, form, -1, SQLITE_TRANSIENT);
  switch (sqlite3_step (stmt))
    {
    case SQLITE_ROW:
      pdf = g_bytes_new (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
      if (revision != NULL)
        *revision = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      break;

    case SQLITE_DONE:
      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_TEMPLATE,
                   _("No Form %s has been loaded yet. A site coordinator loads the season's "
                     "form from irs.gov on the Forms page."),
                   form);
      break;

    default:
      _vita_store_sqlite_error (error, self->db, sqlite3_errcode (self->db));
      break;
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return pdf;
}

/**
 * vita_store_list_form_templates:
 *
 * Returns: (transfer full) (element-type VitaFormTemplateInfo): every
 *   template loaded, by form and newest first
 */
GPtrArray *
vita_store_list_form_templates (VitaStore  *self,
                                GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(GPtrArray) list = NULL;
  int rc;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require_unlocked (self, error))
    goto out;
  stmt = _vita_store_prepare (self,
                              "SELECT form, revision, sha256, imported_at, length (pdf)"
                              " FROM form_templates ORDER BY form, imported_at DESC",
                              error);
  if (stmt == NULL)
    goto out;
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) vita_form_template_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      VitaFormTemplateInfo *info = g_new0 (VitaFormTemplateInfo, 1);

      info->form = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      info->revision = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      info->sha256 = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      info->imported_at = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      info->size = (gsize) sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (list, info);
    }
  if (rc != SQLITE_DONE)
    {
      _vita_store_sqlite_error (error, self->db, rc);
      g_clear_pointer (&list, g_ptr_array_unref);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return g_steal_pointer (&list);
}
