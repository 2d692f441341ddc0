/* vita-store-review.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: the quality-review sign-off and the return
 * status workflow.  The households table has always had preparer_id,
 * reviewer_id and reviewed_at columns but no API to read or write them;
 * this file is that API.  It works under the store's own lock so a
 * sign-off never lands in the middle of a save from another thread.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-ids.h"
#include "vita-clock.h"
#include "vita-certification.h"
#include "vita-review.h"
#include "vita-store-private.h"
#include "vita-w7.h"

G_DEFINE_QUARK (vita-review-error-quark, vita_review_error)

/* Allowed moves of the return status.  Filing needs a quality-review
 * sign-off (QSR #2: every return is quality reviewed); that part is
 * checked separately because it depends on the stored review. */
static const struct
{
  VitaReturnStatus from;
  VitaReturnStatus to;
} transitions[] = {
  { VITA_RETURN_STATUS_INTAKE, VITA_RETURN_STATUS_PREPARING },
  { VITA_RETURN_STATUS_INTAKE, VITA_RETURN_STATUS_NOT_FILING },
  { VITA_RETURN_STATUS_PREPARING, VITA_RETURN_STATUS_INTAKE },
  { VITA_RETURN_STATUS_PREPARING, VITA_RETURN_STATUS_QUALITY_REVIEW },
  { VITA_RETURN_STATUS_PREPARING, VITA_RETURN_STATUS_NOT_FILING },
  { VITA_RETURN_STATUS_QUALITY_REVIEW, VITA_RETURN_STATUS_PREPARING },
  { VITA_RETURN_STATUS_QUALITY_REVIEW, VITA_RETURN_STATUS_FILED },
  { VITA_RETURN_STATUS_FILED, VITA_RETURN_STATUS_ACCEPTED },
  { VITA_RETURN_STATUS_FILED, VITA_RETURN_STATUS_REJECTED },
  { VITA_RETURN_STATUS_REJECTED, VITA_RETURN_STATUS_PREPARING },
  { VITA_RETURN_STATUS_NOT_FILING, VITA_RETURN_STATUS_INTAKE },
};

/* Going back to before quality review means the answers may change, so a
 * sign-off given earlier no longer vouches for them. */
static gboolean
status_clears_review (VitaReturnStatus status)
{
  return status == VITA_RETURN_STATUS_INTAKE ||
         status == VITA_RETURN_STATUS_PREPARING ||
         status == VITA_RETURN_STATUS_NOT_FILING;
}

static gboolean
read_user (VitaStore      *self,
           gint64          user_id,
           char          **name,
           VitaCertLevel  *cert,
           GError        **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  g_assert (VITA_IS_STORE (self));

  *cert = VITA_CERT_NONE;
  stmt = _vita_store_prepare (self, "SELECT display_name, cert_level FROM users WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, user_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;

  if (name != NULL)
    *name = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  *cert = vita_review_parse_cert_level ((const char *)sqlite3_column_text (stmt, 1));
  return TRUE;
}

static char *
dup_column (sqlite3_stmt *stmt,
            int           column)
{
  const char *text = (const char *)sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup (text) : NULL;
}

static gboolean
read_household_review (VitaStore       *self,
                       gint64           household_id,
                       VitaReviewInfo  *info,
                       GError         **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  g_assert (VITA_IS_STORE (self));

  stmt = _vita_store_prepare (self,
                              "SELECT h.preparer_id, p.display_name, p.cert_level,"
                              " h.reviewer_id, r.display_name, h.reviewed_at"
                              " FROM households h"
                              " LEFT JOIN users p ON p.id = h.preparer_id"
                              " LEFT JOIN users r ON r.id = h.reviewer_id"
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

  info->preparer_id = sqlite3_column_int64 (stmt, 0);
  info->preparer_name = dup_column (stmt, 1);
  info->preparer_cert = vita_review_parse_cert_level ((const char *)sqlite3_column_text (stmt, 2));
  info->reviewer_id = sqlite3_column_int64 (stmt, 3);
  info->reviewer_name = dup_column (stmt, 4);
  info->reviewed_at = dup_column (stmt, 5);
  return TRUE;
}

static VitaReviewInfo *
read_info_locked (VitaStore  *self,
                  gint64      household_id,
                  GError    **error)
{
  g_autoptr(VitaReviewInfo) info = g_new0 (VitaReviewInfo, 1);

  g_assert (VITA_IS_STORE (self));

  info->user_id = self->user_id;
  if (household_id == 0)
    {
      /* The store records whoever saves a household first as its preparer. */
      info->preparer_id = self->user_id;
      if (!read_user (self, self->user_id, &info->preparer_name, &info->user_cert, error))
        return NULL;
      info->preparer_cert = info->user_cert;
      return g_steal_pointer (&info);
    }

  if (!read_user (self, self->user_id, NULL, &info->user_cert, error) ||
      !read_household_review (self, household_id, info, error))
    return NULL;
  return g_steal_pointer (&info);
}

static gboolean
w7s_complete (VitaHousehold *household)
{
  g_autoptr(GArray) persons = vita_household_list_persons (household);

  for (guint i = 0; i < persons->len; i++)
    {
      int person = g_array_index (persons, int, i);
      const char *tin_type = vita_household_get (household, person, VITA_FID_TIN_TYPE);
      g_autoptr(GPtrArray) problems = NULL;

      if (g_strcmp0 (tin_type, "needs_itin") != 0 && g_strcmp0 (tin_type, "renew_itin") != 0)
        continue;
      problems = vita_w7_check (household, person, NULL);
      if (vita_w7_has_blocking (problems))
        return FALSE;
    }
  return TRUE;
}

static gboolean
set_cert_error (GError        **error,
                VitaReviewError code,
                VitaCertLevel   needed,
                VitaCertLevel   held)
{
  if (held == VITA_CERT_NONE)
    g_set_error (error, VITA_REVIEW_ERROR, code,
                 code == VITA_REVIEW_ERROR_PREPARER_CERT
                 /* Translators: %s is a certification level such as "Advanced". */
                 ? _("The answers need %s certification, but the preparer has no certification recorded. The site coordinator records it, or a certified volunteer takes the return.")
                 /* Translators: %s is a certification level such as "Advanced". */
                 : _("The answers need %s certification, but you have no certification recorded. Ask the site coordinator to record it, or ask a certified reviewer."),
                 vita_cert_level_get_label (needed));
  else if (code == VITA_REVIEW_ERROR_PREPARER_CERT)
    g_set_error (error, VITA_REVIEW_ERROR, code,
                 /* Translators: both %s are certification levels such as "Advanced". */
                 _("The answers need %s certification, but the preparer holds %s. Give the return to a volunteer certified for it."),
                 vita_cert_level_get_label (needed), vita_cert_level_get_label (held));
  else
    g_set_error (error, VITA_REVIEW_ERROR, code,
                 /* Translators: both %s are certification levels such as "Advanced". */
                 _("The answers need %s certification, but you hold %s. Ask a reviewer certified for it."),
                 vita_cert_level_get_label (needed), vita_cert_level_get_label (held));
  return FALSE;
}

static gboolean
check_people (VitaStore            *store,
              const VitaReviewInfo *info,
              GError              **error)
{
  if (!vita_store_can (store, "review"))
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_ROLE,
                           _("Only a quality reviewer or the site coordinator can sign off a review."));
      return FALSE;
    }
  if (info->reviewer_id != 0)
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_ALREADY_SIGNED,
                           _("The quality review is already signed off."));
      return FALSE;
    }
  if (info->preparer_id == 0)
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_NO_PREPARER,
                           _("No preparer is recorded for this return. The preparer must take it first."));
      return FALSE;
    }
  if (info->preparer_id == info->user_id)
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_SELF_REVIEW,
                           _("You prepared this return, and nobody may review their own return. Ask another certified volunteer to review it."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_certification (VitaHousehold        *household,
                     const VitaReviewInfo *info,
                     GError              **error)
{
  VitaCertLevel needed = vita_household_required_cert (household, NULL);

  if (!vita_cert_level_covers (info->preparer_cert, needed))
    return set_cert_error (error, VITA_REVIEW_ERROR_PREPARER_CERT, needed, info->preparer_cert);
  if (!vita_cert_level_covers (info->user_cert, needed))
    return set_cert_error (error, VITA_REVIEW_ERROR_REVIEWER_CERT, needed, info->user_cert);
  return TRUE;
}

static gboolean
write_sign_off (VitaStore  *self,
                gint64      household_id,
                GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  g_autoptr(VitaHousehold) reviewed = NULL;
  g_autoptr(GBytes) digest = NULL;

  /* The sign-off is bound to the answers as stored now, which is what the
   * reviewer reviewed; changing them later withdraws it. */
  reviewed = _vita_store_read_household (self, household_id, error);
  if (reviewed == NULL)
    return FALSE;
  digest = _vita_store_answers_digest (self, reviewed);

  stmt = _vita_store_prepare (self,
                              "UPDATE households SET reviewer_id = ?2, reviewed_at = ?3,"
                              " reviewed_digest = ?4"
                              " WHERE id = ?1 AND reviewer_id IS NULL AND status = 'quality_review'"
                              " AND purged_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_int64 (stmt, 2, self->user_id);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_blob (stmt, 4, g_bytes_get_data (digest, NULL), g_bytes_get_size (digest),
                     SQLITE_TRANSIENT);
  if (!_vita_store_step (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_STATUS,
                           _("Move the return to quality review before signing off."));
      return FALSE;
    }
  return vita_store_audit (self, "review-sign-off", household_id, NULL, error);
}

/* Runs @write inside one transaction, so the change and its audit entry
 * are stored together or not at all. */
static gboolean
in_transaction (VitaStore  *self,
                gboolean  (*write) (VitaStore *, gint64, gpointer, GError **),
                gint64      household_id,
                gpointer    data,
                GError    **error)
{
  if (!_vita_store_begin_write (self, error))
    return FALSE;
  if (write (self, household_id, data, error) && _vita_store_exec (self, "COMMIT;", error))
    return TRUE;
  sqlite3_exec (self->db, "ROLLBACK;", NULL, NULL, NULL);
  return FALSE;
}

static gboolean
sign_off_cb (VitaStore  *self,
             gint64      household_id,
             gpointer    data,
             GError    **error)
{
  return write_sign_off (self, household_id, error);
}

static gboolean
claim_cb (VitaStore  *self,
          gint64      household_id,
          gpointer    data,
          GError    **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = _vita_store_prepare (self,
                              "UPDATE households SET preparer_id = ?2"
                              " WHERE id = ?1 AND reviewer_id IS NULL"
                              " AND status IN ('intake', 'preparing') AND purged_at IS NULL",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_int64 (stmt, 2, self->user_id);
  if (!_vita_store_step (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_TRANSITION,
                           _("The preparer can only change before the return goes to quality review."));
      return FALSE;
    }
  return vita_store_audit (self, "claim-preparer", household_id, NULL, error);
}

static gboolean
read_status (VitaStore         *self,
             gint64             household_id,
             VitaReturnStatus  *status,
             gboolean          *signed_off,
             GError           **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  stmt = _vita_store_prepare (self, "SELECT status, reviewer_id FROM households"
                                    " WHERE id = ?1 AND purged_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("This household is no longer in the store."));
      return FALSE;
    }
  *status = VITA_RETURN_STATUS_INTAKE;
  vita_return_status_from_string ((const char *)sqlite3_column_text (stmt, 0), status);
  *signed_off = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
  return TRUE;
}

static gboolean
status_cb (VitaStore  *self,
           gint64      household_id,
           gpointer    data,
           GError    **error)
{
  VitaReturnStatus to = GPOINTER_TO_UINT (data);
  VitaReturnStatus from;
  g_auto(sqlite3_stmt_ptr) stmt = NULL;
  g_autofree char *now = vita_clock_now_iso8601 ();
  gboolean signed_off;

  if (!read_status (self, household_id, &from, &signed_off, error))
    return FALSE;
  if (!vita_review_status_allowed (from, to, signed_off))
    {
      g_set_error (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_TRANSITION,
                   /* Translators: both %s are return statuses such as "Quality review". */
                   _("A return can't go from “%s” to “%s”."),
                   vita_return_status_get_label (from), vita_return_status_get_label (to));
      return FALSE;
    }

  stmt = _vita_store_prepare (self,
                              "UPDATE households SET status = ?2, updated = ?3,"
                              " reviewer_id = CASE WHEN ?4 THEN NULL ELSE reviewer_id END,"
                              " reviewed_at = CASE WHEN ?4 THEN NULL ELSE reviewed_at END"
                              " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, household_id);
  sqlite3_bind_text (stmt, 2, vita_return_status_to_string (to), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 4, status_clears_review (to));
  /* A status change is a change: the purge date keeps the site minimum
   * after it (vita-store-retention.c). */
  return _vita_store_step (self, stmt, error)
         && _vita_store_refresh_purge_date (self, household_id, error)
         && vita_store_audit (self, "change-status", household_id,
                              vita_return_status_to_string (to), error);
}

/**
 * vita_review_parse_cert_level:
 * @text: (nullable): a stored level such as "advanced"
 *
 * Returns: the level, or %VITA_CERT_NONE for anything unknown
 */
VitaCertLevel
vita_review_parse_cert_level (const char *text)
{
  for (guint level = VITA_CERT_NONE; level <= VITA_CERT_MILITARY; level++)
    {
      if (g_strcmp0 (text, vita_cert_level_to_string (level)) == 0)
        return level;
    }
  return VITA_CERT_NONE;
}

/**
 * vita_review_get_info:
 * @store: an unlocked store
 * @household_id: a saved household, or 0 for one not saved yet
 *
 * Returns: (transfer full) (nullable): who prepared and who reviewed the
 *   return, and the signed-in user's certification
 */
VitaReviewInfo *
vita_review_get_info (VitaStore  *store,
                      gint64      household_id,
                      GError    **error)
{
  VitaReviewInfo *info = NULL;

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_rec_mutex_lock (&store->lock);
  if (_vita_store_require (store, "edit-household", error))
    info = read_info_locked (store, household_id, error);
  g_rec_mutex_unlock (&store->lock);
  return info;
}

void
vita_review_info_free (VitaReviewInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->preparer_name);
  g_free (info->reviewer_name);
  g_free (info->reviewed_at);
  g_free (info);
}

/**
 * vita_review_check_sign_off:
 * @store: the store, for the signed-in user's role
 * @household: the answers as they will be reviewed
 * @info: from vita_review_get_info()
 * @error: a #VITA_REVIEW_ERROR with a message to show the reviewer
 *
 * Whether the signed-in user may sign off the quality review now.  Reads
 * nothing from the database, so the GUI may call it on every change.
 */
gboolean
vita_review_check_sign_off (VitaStore            *store,
                            VitaHousehold        *household,
                            const VitaReviewInfo *info,
                            GError              **error)
{
  g_return_val_if_fail (VITA_IS_STORE (store), FALSE);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (vita_household_get_id (household) == 0)
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_NOT_SAVED,
                           _("The intake has not been saved yet."));
      return FALSE;
    }
  if (!check_people (store, info, error))
    return FALSE;
  if (vita_household_get_status (household) != VITA_RETURN_STATUS_QUALITY_REVIEW)
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_STATUS,
                           _("Move the return to quality review before signing off."));
      return FALSE;
    }
  if (!check_certification (household, info, error))
    return FALSE;
  if (!w7s_complete (household))
    {
      g_set_error_literal (error, VITA_REVIEW_ERROR, VITA_REVIEW_ERROR_W7_INCOMPLETE,
                           _("A W-7 in this household still has problems to fix. See the W-7 pages."));
      return FALSE;
    }
  return TRUE;
}

/**
 * vita_review_sign_off:
 * @store: an unlocked store
 * @household: the saved household, with the answers that were reviewed
 *
 * Records the signed-in user as the quality reviewer, after checking again
 * everything vita_review_check_sign_off() checks against the stored
 * preparer.
 */
gboolean
vita_review_sign_off (VitaStore      *store,
                      VitaHousehold  *household,
                      GError        **error)
{
  g_autoptr(VitaReviewInfo) info = NULL;
  gint64 id;
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (store), FALSE);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), FALSE);

  id = vita_household_get_id (household);
  g_rec_mutex_lock (&store->lock);
  if (_vita_store_require (store, "review", error)
      && _vita_store_access_check (store, id, FALSE, error)
      && (info = read_info_locked (store, id, error)) != NULL
      && vita_review_check_sign_off (store, household, info, error))
    ok = in_transaction (store, sign_off_cb, id, NULL, error);
  g_rec_mutex_unlock (&store->lock);
  return ok;
}

/**
 * vita_review_claim_preparer:
 *
 * Records the signed-in user as the preparer: the greeter who opened the
 * intake is often not the one who prepares the return.  Only before
 * quality review.
 */
gboolean
vita_review_claim_preparer (VitaStore  *store,
                            gint64      household_id,
                            GError    **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (store), FALSE);
  g_return_val_if_fail (household_id > 0, FALSE);

  g_rec_mutex_lock (&store->lock);
  /* Taking over someone else's household is opening it: the reason comes
   * first (vita-store-access.c); from the claim on it is the user's. */
  if (_vita_store_require (store, "edit-household", error)
      && _vita_store_access_check (store, household_id, FALSE, error))
    ok = in_transaction (store, claim_cb, household_id, NULL, error);
  g_rec_mutex_unlock (&store->lock);
  return ok;
}

/**
 * vita_review_status_allowed:
 * @from: the current status
 * @to: the wanted status
 * @signed_off: whether the quality review is signed off
 *
 * Returns: %TRUE if the workflow allows the move; staying put is allowed
 */
gboolean
vita_review_status_allowed (VitaReturnStatus from,
                            VitaReturnStatus to,
                            gboolean         signed_off)
{
  g_return_val_if_fail (from <= VITA_RETURN_STATUS_LAST, FALSE);
  g_return_val_if_fail (to <= VITA_RETURN_STATUS_LAST, FALSE);

  if (from == to)
    return TRUE;
  if (to == VITA_RETURN_STATUS_FILED && !signed_off)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (transitions); i++)
    {
      if (transitions[i].from == from && transitions[i].to == to)
        return TRUE;
    }
  return FALSE;
}

/**
 * vita_review_set_status:
 * @store: an unlocked store
 * @household_id: a saved household
 * @status: the new status
 *
 * Moves the return along the workflow, checked against the stored status.
 * Going back before quality review withdraws a sign-off.  The caller also
 * sets the status on its #VitaHousehold, since saving writes it too.
 */
gboolean
vita_review_set_status (VitaStore         *store,
                        gint64             household_id,
                        VitaReturnStatus   status,
                        GError           **error)
{
  gboolean ok = FALSE;

  g_return_val_if_fail (VITA_IS_STORE (store), FALSE);
  g_return_val_if_fail (household_id > 0, FALSE);
  g_return_val_if_fail (status <= VITA_RETURN_STATUS_LAST, FALSE);

  g_rec_mutex_lock (&store->lock);
  if (_vita_store_require (store, "edit-household", error)
      && _vita_store_access_check (store, household_id, FALSE, error))
    ok = in_transaction (store, status_cb, household_id, GUINT_TO_POINTER (status), error);
  g_rec_mutex_unlock (&store->lock);
  return ok;
}
