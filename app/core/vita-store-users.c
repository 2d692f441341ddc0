/* vita-store-users.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: users and their keyslots.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-passphrase.h"
#include "vita-store-private.h"

/* ------------------------------------------------------------------ */
/* Users                                                               */
/* ------------------------------------------------------------------ */

gboolean
vita_store_add_user (VitaStore            *self,
                     const char           *user_name,
                     const char           *display_name,
                     VitaRole              role,
                     const char           *passphrase,
                     const VitaKdfParams  *params,
                     GError              **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  VitaKdfParams calibrated;
  g_autoptr(VitaKeyfile) original = NULL;
  gboolean in_transaction = FALSE;
  gboolean keys_saved = FALSE;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (role <= VITA_ROLE_COORDINATOR, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "manage-users", error)
      || !vita_passphrase_validate (passphrase, user_name, error))
    goto out;
  /* No setting given: measure this machine, as every new keyslot should. */
  if (params == NULL)
    {
      vita_kdf_calibrate (VITA_KDF_TARGET_SECONDS, &calibrated);
      params = &calibrated;
    }

  keyfile = vita_keyfile_load (self->keys_path, error);
  original = vita_keyfile_load (self->keys_path, NULL);
  if (keyfile == NULL
      || !vita_keyfile_add_user (keyfile, user_name, passphrase, params, self->master, NULL, error)
      || !_vita_store_grants_sign (self, keyfile, "add", user_name, role, error))
    goto out;

  /* The row, the keys file and the audit entry together: the row is
   * rolled back if the keys file (slot and signed grant) cannot be
   * written, or the table would list a user no signature backs. */
  if (!_vita_store_begin_write (self, error))
    goto out;
  in_transaction = TRUE;
  stmt = _vita_store_prepare (self,
                  "INSERT INTO users (name, display_name, role, created) VALUES (?1, ?2, ?3, ?4)"
                  " ON CONFLICT (name) DO UPDATE SET display_name = ?2, role = ?3, removed = NULL",
                  error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, display_name ? display_name : user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, vita_role_to_string (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!_vita_store_step (self, stmt, error)
      || !vita_keyfile_save (keyfile, self->keys_path, error))
    goto out;

  keys_saved = TRUE;
  ok = vita_store_audit (self, "add-user", 0, user_name, error)
       && _vita_store_exec (self, "COMMIT;", error);

out:
  g_clear_pointer (&stmt, _vita_stmt_release);
  if (!ok && in_transaction)
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  /* The row is gone again: so must the slot and the grant be (best
   * effort; the file was just written, so its old size fits). */
  if (!ok && keys_saved && original != NULL)
    vita_keyfile_save (original, self->keys_path, NULL);
  /* The session's roles as the keys file on disk has them. */
  if (!ok)
    _vita_store_grants_reload (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_remove_user (VitaStore   *self,
                        const char  *user_name,
                        GError     **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "manage-users", error))
    goto out;
  if (g_strcmp0 (user_name, self->user_name) == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("You cannot remove yourself. Ask another coordinator."));
      goto out;
    }

  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL
      || !_vita_store_grants_sign (self, keyfile, "remove", user_name, VITA_ROLE_VOLUNTEER, error)
      || !vita_keyfile_remove_user (keyfile, user_name, error))
    goto out;

  /* The keyslot goes first: once it is gone the passphrase opens nothing.
   * The row stays, marked removed, so the audit log keeps naming them. */
  if (!vita_keyfile_save (keyfile, self->keys_path, error))
    goto out;
  stmt = _vita_store_prepare (self, "UPDATE users SET removed = ?2 WHERE name = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  ok = _vita_store_step (self, stmt, error)
       && vita_store_audit (self, "remove-user", 0, user_name, error);

out:
  if (!ok)
    _vita_store_grants_reload (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_set_user_cert_level (VitaStore   *self,
                                const char  *user_name,
                                const char  *cert_level,
                                GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "manage-users", error)
      && (stmt = _vita_store_prepare (self, "UPDATE users SET cert_level = ?2 WHERE name = ?1", error)) != NULL)
    {
      sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, cert_level, -1, SQLITE_TRANSIENT);
      ok = _vita_store_step (self, stmt, error);
      if (ok && sqlite3_changes (self->db) == 0)
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                               _("There is no user with this name."));
          ok = FALSE;
        }
      ok = ok && vita_store_audit (self, "change-user", 0, user_name, error);
    }
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

static gint64
count_other_coordinators (VitaStore   *self,
                          const char  *user_name,
                          GError     **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  /* Signed roles decide; the table is only a cache of them. */
  if (self->grants != NULL)
    {
      GHashTableIter iter;
      gpointer name;
      gint64 n = 0;

      g_hash_table_iter_init (&iter, self->grants);
      while (g_hash_table_iter_next (&iter, &name, NULL))
        if (g_strcmp0 (name, user_name) != 0
            && _vita_store_grants_role (self, name) == VITA_ROLE_COORDINATOR)
          n++;
      return n;
    }
  stmt = _vita_store_prepare (self, "SELECT count(*) FROM users WHERE removed IS NULL"
                                    " AND role = 'coordinator' AND name != ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  return sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
}

/**
 * vita_store_set_user_role:
 *
 * Changes what a user may do from their next sign-in: a statement signed
 * with this coordinator's key goes into the keys file (the users table
 * only caches it), so only a coordinator's passphrase can promote anyone.
 * Nobody changes their own role (their session would keep the old one) and
 * the last coordinator cannot be demoted, or nobody could manage the site.
 */
gboolean
vita_store_set_user_role (VitaStore   *self,
                          const char  *user_name,
                          VitaRole     role,
                          GError     **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *detail = NULL;
  gboolean ok = FALSE;
  gint64 others;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  g_return_val_if_fail (role <= VITA_ROLE_COORDINATOR, FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "manage-users", error))
    goto out;
  if (g_strcmp0 (user_name, self->user_name) == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("You cannot change your own role. Ask another coordinator."));
      goto out;
    }
  if (role != VITA_ROLE_COORDINATOR)
    {
      others = count_other_coordinators (self, user_name, error);
      if (others < 0)
        goto out;
      if (others == 0)
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                               _("The site needs at least one coordinator."));
          goto out;
        }
    }

  if (self->grants != NULL && _vita_store_grants_role (self, user_name) < 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("There is no user with this name."));
      goto out;
    }
  /* The signed statement first: it is what counts at the next unlock. */
  keyfile = vita_keyfile_load (self->keys_path, error);
  if (keyfile == NULL
      || !_vita_store_grants_sign (self, keyfile, "role", user_name, role, error)
      || !vita_keyfile_save (keyfile, self->keys_path, error))
    goto out;
  stmt = _vita_store_prepare (self, "UPDATE users SET role = ?2 WHERE name = ?1 AND removed IS NULL",
                              error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, user_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, vita_role_to_string (role), -1, SQLITE_STATIC);
  if (!_vita_store_step (self, stmt, error))
    goto out;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("There is no user with this name."));
      goto out;
    }
  /* The role is a code, not a value from a record, so it may be logged. */
  detail = g_strdup_printf ("%s=%s", user_name, vita_role_to_string (role));
  ok = vita_store_audit (self, "change-role", 0, detail, error);

out:
  if (!ok)
    _vita_store_grants_reload (self);
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

gboolean
vita_store_change_passphrase (VitaStore            *self,
                              const char           *old_passphrase,
                              const char           *new_passphrase,
                              const VitaKdfParams  *params,
                              GError              **error)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  VitaKdfParams calibrated;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require_unlocked (self, error)
      || !vita_passphrase_validate (new_passphrase, self->user_name, error))
    goto out;
  /* A new passphrase gets a setting measured now, not the one its slot
   * had: that may come from a slower machine or a bad measurement, and
   * would otherwise stay with the slot for good. */
  if (params == NULL)
    {
      vita_kdf_calibrate (VITA_KDF_TARGET_SECONDS, &calibrated);
      params = &calibrated;
    }
  keyfile = vita_keyfile_load (self->keys_path, error);
  ok = keyfile != NULL
       && vita_keyfile_change_passphrase (keyfile, self->user_name, old_passphrase,
                                          new_passphrase, params, error)
       && vita_keyfile_save (keyfile, self->keys_path, error)
       && vita_store_audit (self, "change-passphrase", 0, NULL, error);
out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_list_users:
 *
 * Returns: (transfer full) (element-type VitaUserInfo): every user who may
 *   sign in, coordinators only.
 */
GPtrArray *
vita_store_list_users (VitaStore  *self,
                       GError    **error)
{
  g_autoptr(GPtrArray) users = NULL;
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "manage-users", error)
      || (keyfile = vita_keyfile_load (self->keys_path, error)) == NULL
      || (stmt = _vita_store_prepare (self,
                          "SELECT id, name, display_name, role, cert_level FROM users"
                          " WHERE removed IS NULL ORDER BY name", error)) == NULL)
    goto out;

  users = g_ptr_array_new_with_free_func ((GDestroyNotify)vita_user_info_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VitaUserInfo *info = g_new0 (VitaUserInfo, 1);

      info->id = sqlite3_column_int64 (stmt, 0);
      info->name = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      info->display_name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      vita_role_from_string ((const char *)sqlite3_column_text (stmt, 3), &info->role);
      /* What the signed grants say, not what the table says. */
      if (_vita_store_grants_role (self, info->name) >= 0)
        info->role = (VitaRole) _vita_store_grants_role (self, info->name);
      info->cert_level = g_strdup ((const char *)sqlite3_column_text (stmt, 4));
      info->has_keyslot = vita_keyfile_has_user (keyfile, info->name);
      g_ptr_array_add (users, info);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return g_steal_pointer (&users);
}
