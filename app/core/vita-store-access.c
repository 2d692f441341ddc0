/* vita-store-access.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: need-to-know (issue 13, Pub 4299).
 *
 * A household belongs to the volunteers working on it: whoever did its
 * intake (household_intake, recorded when it is first saved), its
 * preparer and its quality reviewer.  A household nobody has taken yet is
 * in a queue: before quality review without a preparer, anyone who
 * prepares returns may open it; in quality review without a reviewer, a
 * reviewer may.  Everything else is someone else's: opening it takes
 * vita_store_open_household_for() with a reason first, which writes an
 * "open-other-household" audit entry (the opener's role as its detail) and
 * keeps the reason sealed under the household's own key in
 * access_reasons, next to the entry's sequence number.  Sealed because a
 * reason is free text a volunteer types and may name the member; under
 * the household key so a purge shreds it with the rest of the record; and
 * out of every log and error message for the same reason.
 *
 * The permission lasts for this session only (it lives in memory and goes
 * on lock): a new sign-in asks again.  Coordinators see every household:
 * they open any without a reason, and the first time in a session that
 * they open one they are not working on, an "open-other-household" entry
 * with no reason is written, so the member's report shows that too.
 *
 * What this cannot prevent: every session holds the store's key, so a
 * user who reads the database outside the app reads every household.  The
 * check binds users of the app, and the audit log shows who used it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "vita-store-access.h"
#include "vita-store-private.h"

/* Field name in the sealing's associated data: binds a reason to its
 * household and to its audit entry, so it cannot be moved to another. */
static char *
reason_field (gint64 seq)
{
  return g_strdup_printf ("access-reason:%" PRId64, (int64_t) seq);
}

VitaHouseholdAccess
_vita_store_access_classify (VitaStore        *self,
                             gint64            household_id,
                             VitaReturnStatus  status,
                             gint64            intake_by,
                             gint64            preparer_id,
                             gint64            reviewer_id)
{
  gint64 me = self->user_id;

  if (me != 0 && (me == intake_by || me == preparer_id || me == reviewer_id))
    return VITA_HOUSEHOLD_ACCESS_MINE;
  if (preparer_id == 0
      && (status == VITA_RETURN_STATUS_INTAKE || status == VITA_RETURN_STATUS_PREPARING))
    return VITA_HOUSEHOLD_ACCESS_QUEUE;
  if (status == VITA_RETURN_STATUS_QUALITY_REVIEW && reviewer_id == 0
      && self->role >= VITA_ROLE_REVIEWER)
    return VITA_HOUSEHOLD_ACCESS_QUEUE;
  if (self->opened_households != NULL
      && g_hash_table_contains (self->opened_households, &household_id))
    return VITA_HOUSEHOLD_ACCESS_OPENED;
  return VITA_HOUSEHOLD_ACCESS_OTHERS;
}

/* Under self->lock.  FALSE with NOT_FOUND when there is no such live
 * household. */
static gboolean
read_access (VitaStore            *self,
             gint64                household_id,
             VitaHouseholdAccess  *access,
             GError              **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  VitaReturnStatus status = VITA_RETURN_STATUS_INTAKE;

  stmt = _vita_store_prepare (self,
                              "SELECT h.status, ifnull (i.user_id, 0), ifnull (h.preparer_id, 0),"
                              " ifnull (h.reviewer_id, 0) FROM households h"
                              " LEFT JOIN household_intake i ON i.household_id = h.id"
                              " WHERE h.id = ?1 AND h.purged_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      return FALSE;
    }
  vita_return_status_from_string ((const char *)sqlite3_column_text (stmt, 0), &status);
  *access = _vita_store_access_classify (self, household_id, status,
                                         sqlite3_column_int64 (stmt, 1),
                                         sqlite3_column_int64 (stmt, 2),
                                         sqlite3_column_int64 (stmt, 3));
  return TRUE;
}

/* Inside the save that creates the household. */
gboolean
_vita_store_access_record_intake (VitaStore  *self,
                                  gint64      household_id,
                                  GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = _vita_store_prepare (self, "INSERT OR REPLACE INTO household_intake (household_id, user_id)"
                                    " VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_int64 (stmt, 2, self->user_id);
  return _vita_store_step (self, stmt, error);
}

static void
remember_opened (VitaStore *self,
                 gint64     household_id)
{
  if (self->opened_households == NULL)
    self->opened_households = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_hash_table_add (self->opened_households, g_memdup2 (&household_id, sizeof household_id));
}

/* Under self->lock, inside or outside a transaction.  Writes the entry
 * and, when @reason is given, its sealed reason. */
static gboolean
record_opening (VitaStore   *self,
                gint64       household_id,
                const char  *reason,
                GError     **error)
{
  g_auto(sqlite3_stmt_ptr) last = NULL;
  g_auto(sqlite3_stmt_ptr) ins = NULL;
  g_autoptr(VitaSecretKey) key = NULL;
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *field = NULL;
  gint64 seq;

  if (!vita_store_audit (self, "open-other-household", household_id,
                         vita_role_to_string (self->role), error))
    return FALSE;
  if (reason == NULL)
    return TRUE;

  if ((last = _vita_store_prepare (self, "SELECT max (seq) FROM audit", error)) == NULL)
    return FALSE;
  if (sqlite3_step (last) != SQLITE_ROW)
    return _vita_store_sqlite_error (error, self->db, sqlite3_errcode (self->db));
  seq = sqlite3_column_int64 (last, 0);

  key = _vita_store_household_key (self, household_id, TRUE, error);
  if (key == NULL)
    return FALSE;
  field = reason_field (seq);
  sealed = _vita_store_seal (key, household_id, -1, field, reason, strlen (reason));
  ins = _vita_store_prepare (self, "INSERT INTO access_reasons (seq, household_id, sealed)"
                                   " VALUES (?1, ?2, ?3)", error);
  if (ins == NULL)
    return FALSE;
  sqlite3_bind_int64 (ins, 1, seq);
  sqlite3_bind_int64 (ins, 2, household_id);
  sqlite3_bind_blob (ins, 3, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed),
                     SQLITE_STATIC);
  return _vita_store_step (self, ins, error);
}

static void
set_needs_reason_error (GError **error)
{
  g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEEDS_REASON,
                       _("Other volunteers are working on this household. To open it, give the "
                         "reason first: it is recorded, and the member can ask to see it."));
}

/**
 * _vita_store_access_check:
 * @opening: %TRUE when the household is about to be read (a load), %FALSE
 *   for a write to it
 *
 * Under self->lock.  Whether the signed-in user may work on the
 * household now; NEEDS_REASON when it is someone else's and was not opened
 * with a reason this session.  A coordinator's first opening in a session
 * of a household they are not working on is recorded.  A household that
 * does not exist passes: the caller reports it as it always has.
 */
gboolean
_vita_store_access_check (VitaStore  *self,
                          gint64      household_id,
                          gboolean    opening,
                          GError    **error)
{
  VitaHouseholdAccess access;
  g_autoptr(GError) local_error = NULL;

  if (!read_access (self, household_id, &access, &local_error))
    {
      if (g_error_matches (local_error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (access != VITA_HOUSEHOLD_ACCESS_OTHERS)
    return TRUE;
  if (self->role != VITA_ROLE_COORDINATOR)
    {
      set_needs_reason_error (error);
      return FALSE;
    }
  if (!opening)
    return TRUE;
  if (!record_opening (self, household_id, NULL, error))
    return FALSE;
  remember_opened (self, household_id);
  return TRUE;
}

/**
 * vita_store_household_access:
 *
 * Whose the household is, for the signed-in user.  On error (locked, no
 * such household) returns %VITA_HOUSEHOLD_ACCESS_OTHERS and sets @error.
 */
VitaHouseholdAccess
vita_store_household_access (VitaStore  *self,
                             gint64      household_id,
                             GError    **error)
{
  VitaHouseholdAccess access = VITA_HOUSEHOLD_ACCESS_OTHERS;

  g_return_val_if_fail (VITA_IS_STORE (self), VITA_HOUSEHOLD_ACCESS_OTHERS);

  g_rec_mutex_lock (&self->lock);
  if (_vita_store_require (self, "edit-household", error)
      && !read_access (self, household_id, &access, error))
    access = VITA_HOUSEHOLD_ACCESS_OTHERS;
  g_rec_mutex_unlock (&self->lock);
  return access;
}

/**
 * vita_store_access_needs_reason:
 *
 * Whether opening a household of @access asks the signed-in user for a
 * reason: someone else's, for everyone but the site coordinator.
 */
gboolean
vita_store_access_needs_reason (VitaStore           *self,
                                VitaHouseholdAccess  access)
{
  g_return_val_if_fail (VITA_IS_STORE (self), TRUE);

  return access == VITA_HOUSEHOLD_ACCESS_OTHERS
         && vita_store_get_role (self) != VITA_ROLE_COORDINATOR;
}

/**
 * vita_access_reason_check:
 *
 * Whether @reason says something: at least %VITA_ACCESS_REASON_MIN_CHARS
 * characters besides spaces at either end, at most
 * %VITA_ACCESS_REASON_MAX_CHARS.  The error is for the reason field.
 */
gboolean
vita_access_reason_check (const char  *reason,
                          GError     **error)
{
  g_autofree char *text = NULL;
  glong n;

  if (reason == NULL || !g_utf8_validate (reason, -1, NULL))
    reason = "";
  text = g_strstrip (g_strdup (reason));
  n = g_utf8_strlen (text, -1);
  if (n < VITA_ACCESS_REASON_MIN_CHARS)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   /* Translators: %d is a small number of characters. */
                   ngettext ("Say in a few words why you need to open this household (at least %d character).",
                             "Say in a few words why you need to open this household (at least %d characters).",
                             VITA_ACCESS_REASON_MIN_CHARS),
                   VITA_ACCESS_REASON_MIN_CHARS);
      return FALSE;
    }
  if (n > VITA_ACCESS_REASON_MAX_CHARS)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   ngettext ("Keep the reason to at most %d character.",
                             "Keep the reason to at most %d characters.",
                             VITA_ACCESS_REASON_MAX_CHARS),
                   VITA_ACCESS_REASON_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

/**
 * vita_store_open_household_for:
 * @reason: why the user opens a household other volunteers work on
 *
 * The deliberate step before vita_store_load_household() of someone
 * else's household: records who, when (the audit entry) and why (sealed
 * beside it), and lets this session open it until the store is locked.
 * For a household the user is working on or that waits in their queue
 * there is nothing to justify and nothing is recorded.  A coordinator may
 * give a reason too; it is then recorded the same way.
 */
gboolean
vita_store_open_household_for (VitaStore   *self,
                               gint64       household_id,
                               const char  *reason,
                               GError     **error)
{
  g_autofree char *text = NULL;
  VitaHouseholdAccess access;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);

  if (!vita_access_reason_check (reason, error))
    return FALSE;
  text = g_strstrip (g_strdup (reason));

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "edit-household", error)
      || !read_access (self, household_id, &access, error))
    goto out;
  if (access == VITA_HOUSEHOLD_ACCESS_MINE || access == VITA_HOUSEHOLD_ACCESS_QUEUE)
    {
      ok = TRUE;
      goto out;
    }
  if (!_vita_store_begin_write (self, error))
    goto out;
  ok = record_opening (self, household_id, text, error)
       && _vita_store_exec (self, "COMMIT;", error);
  if (!ok)
    sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  else
    remember_opened (self, household_id);

out:
  g_rec_mutex_unlock (&self->lock);
  return ok;
}

/**
 * vita_store_list_household_openings:
 *
 * Every time someone not working on the household opened it, oldest
 * first, with the reason they gave: for the member's access report.
 * Coordinators only, like the audit log it comes from.
 *
 * Returns: (transfer full) (element-type VitaHouseholdOpening)
 */
GPtrArray *
vita_store_list_household_openings (VitaStore  *self,
                                    gint64      household_id,
                                    GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autoptr(VitaSecretKey) key = NULL;
  GPtrArray *ret = NULL;

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);

  g_rec_mutex_lock (&self->lock);
  if (!_vita_store_require (self, "read-audit", error)
      || (stmt = _vita_store_prepare (self,
                                      "SELECT a.seq, a.at, ifnull (u.display_name, ''), a.detail, r.sealed"
                                      " FROM audit a LEFT JOIN users u ON u.id = a.user_id"
                                      " LEFT JOIN access_reasons r ON r.seq = a.seq"
                                      " AND r.household_id = a.household_id"
                                      " WHERE a.household_id = ?1 AND a.action = 'open-other-household'"
                                      " ORDER BY a.seq", error)) == NULL)
    goto out;

  /* No key: purged, so the reasons went with the record. */
  key = _vita_store_household_key (self, household_id, FALSE, NULL);
  sqlite3_bind_int64 (stmt, 1, household_id);
  ret = g_ptr_array_new_with_free_func ((GDestroyNotify)vita_household_opening_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      VitaHouseholdOpening *o = g_new0 (VitaHouseholdOpening, 1);

      o->seq = sqlite3_column_int64 (stmt, 0);
      o->at = g_strdup ((const char *)sqlite3_column_text (stmt, 1));
      o->user_display_name = g_strdup ((const char *)sqlite3_column_text (stmt, 2));
      if (!vita_role_from_string ((const char *)sqlite3_column_text (stmt, 3), &o->role))
        o->role = VITA_ROLE_VOLUNTEER;
      if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
        {
          g_autofree char *field = reason_field (o->seq);
          g_autoptr(GBytes) plain = NULL;

          if (key != NULL)
            plain = _vita_store_open (key, household_id, -1, field, sqlite3_column_blob (stmt, 4),
                                      sqlite3_column_bytes (stmt, 4), NULL);
          if (plain != NULL)
            o->reason = g_strndup (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
          else
            o->reason_lost = TRUE;
        }
      g_ptr_array_add (ret, o);
    }

out:
  g_rec_mutex_unlock (&self->lock);
  return ret;
}

void
vita_household_opening_free (VitaHouseholdOpening *opening)
{
  if (opening == NULL)
    return;
  g_free (opening->at);
  g_free (opening->user_display_name);
  if (opening->reason != NULL)
    {
      memset (opening->reason, 0, strlen (opening->reason));
      g_free (opening->reason);
    }
  g_free (opening);
}
