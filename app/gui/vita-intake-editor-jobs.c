/* vita-intake-editor-jobs.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-intake-editor.c: everything the editor asks of the
 * store, run one job at a time through a VitaStoreJob.  The editor never
 * drops its store, so every result comes back, even after a lock.
 *
 * Autosave: half a second after the last accepted answer the editor saves
 * a copy of the household, so an app that is closed or killed loses at
 * most that half second.  Jobs run in order, and each takes its copy of
 * the answers when it starts, so a status change or a sign-off always
 * follows the save queued before it.  A generation count, checked under a
 * mutex shared with the worker, keeps an older copy from ever overwriting
 * a newer one when vita_intake_editor_save_now() saves on the main thread
 * while a worker is still busy.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-gui-util.h"
#include "vita-intake-editor-private.h"
#include "vita-intake-section.h"
#include "vita-minimum-data.h"
#include "vita-retention.h"
#include "vita-store-households.h"

#define AUTOSAVE_DELAY_MS 500

struct _VitaSaveGuard
{
  GMutex  mutex;
  guint64 saved_generation;
  gint64  id;
};

typedef struct
{
  VitaIntakeJobKind  kind;
  VitaReturnStatus   status;
  gint64             id;
  guint64            generation;
  VitaHousehold     *snapshot;
  VitaSaveGuard     *guard;
  VitaReviewInfo    *info;
} Job;

static void
save_guard_clear (gpointer data)
{
  VitaSaveGuard *guard = data;

  g_mutex_clear (&guard->mutex);
}

static void
job_free (gpointer data)
{
  Job *job = data;

  g_clear_object (&job->snapshot);
  g_clear_pointer (&job->info, vita_review_info_free);
  g_atomic_rc_box_release_full (job->guard, save_guard_clear);
  g_free (job);
}

/* Saves @snapshot unless a newer generation is already stored.  A new
 * household gets its id from the first save; a later snapshot taken before
 * that id was known must update that row, not insert another. */
static gboolean
guarded_save (VitaStore      *store,
              VitaHousehold  *snapshot,
              VitaSaveGuard  *guard,
              guint64         generation,
              GError        **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&guard->mutex);
  if (generation > guard->saved_generation)
    {
      if (vita_household_get_id (snapshot) == 0 && guard->id != 0)
        vita_household_set_id (snapshot, guard->id);
      ok = vita_store_save_household (store, snapshot, error);
      if (ok)
        {
          guard->saved_generation = generation;
          guard->id = vita_household_get_id (snapshot);
        }
    }
  g_mutex_unlock (&guard->mutex);
  return ok;
}

static gboolean
run_job (VitaStore     *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *job = data;

  switch (job->kind)
    {
    case VITA_INTAKE_JOB_SAVE:
      return guarded_save (store, job->snapshot, job->guard, job->generation, error);
    case VITA_INTAKE_JOB_SET_STATUS:
      return vita_review_set_status (store, job->id, job->status, error);
    case VITA_INTAKE_JOB_SIGN_OFF:
      return vita_review_sign_off (store, job->snapshot, error);
    case VITA_INTAKE_JOB_CLAIM:
      return vita_review_claim_preparer (store, job->id, error);
    case VITA_INTAKE_JOB_REVIEW_INFO:
      job->info = vita_review_get_info (store, job->id, error);
      return job->info != NULL;
    default:
      g_assert_not_reached ();
    }
}

static Job *
job_new (VitaIntakeEditor  *self,
         VitaIntakeJobKind  kind,
         VitaReturnStatus   status)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->status = status;
  job->guard = g_atomic_rc_box_acquire (self->guard);
  job->generation = self->edit_generation;
  job->id = _vita_intake_editor_saved_id (self);
  if (kind == VITA_INTAKE_JOB_SAVE || kind == VITA_INTAKE_JOB_SIGN_OFF)
    {
      job->snapshot = vita_household_copy (self->household);
      if (vita_household_get_id (job->snapshot) == 0)
        vita_household_set_id (job->snapshot, job->id);
    }
  return job;
}

gint64
_vita_intake_editor_saved_id (VitaIntakeEditor *self)
{
  gint64 id;

  if (vita_household_get_id (self->household) != 0)
    return vita_household_get_id (self->household);
  g_mutex_lock (&self->guard->mutex);
  id = self->guard->id;
  g_mutex_unlock (&self->guard->mutex);
  return id;
}

gboolean
_vita_intake_editor_needs_save (VitaIntakeEditor *self)
{
  gboolean needs;

  g_mutex_lock (&self->guard->mutex);
  needs = self->edit_generation > self->guard->saved_generation;
  g_mutex_unlock (&self->guard->mutex);
  return needs;
}

static gboolean
save_queued (VitaIntakeEditor *self)
{
  for (GList *l = self->jobs->head; l != NULL; l = l->next)
    {
      if (((Job *)l->data)->kind == VITA_INTAKE_JOB_SAVE)
        return TRUE;
    }
  return FALSE;
}

static void
finish_waiters (VitaIntakeEditor *self,
                const GError     *error)
{
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&self->flush_waiters);

  self->flush_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
close_window_if_asked (VitaIntakeEditor *self)
{
  if (!self->close_after_save || self->save_state == VITA_INTAKE_SAVE_STATE_PENDING ||
      self->save_state == VITA_INTAKE_SAVE_STATE_SAVING)
    return;
  self->close_after_save = FALSE;
  /* A failed save keeps the window open, with the error shown. */
  if (self->save_state == VITA_INTAKE_SAVE_STATE_SAVED && self->window != NULL)
    gtk_window_close (self->window);
}

static void
save_done (VitaIntakeEditor *self,
           gboolean          ok,
           const GError     *error)
{
  gboolean first = vita_household_get_id (self->household) == 0;

  if (!ok)
    {
      _vita_intake_editor_set_save_state (self, VITA_INTAKE_SAVE_STATE_FAILED);
      if (!vita_gui_error_is_silent (error))
        {
          /* Translators: %s is the reason, from the store. */
          g_autofree char *message = g_strdup_printf (_("The intake could not be saved: %s"),
                                                      error->message);

          _vita_intake_editor_show_error (self, message);
        }
      finish_waiters (self, error);
      close_window_if_asked (self);
      return;
    }

  _vita_intake_editor_after_save (self);
  if (first && vita_household_get_id (self->household) != 0)
    _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_REVIEW_INFO, 0);

  if (_vita_intake_editor_needs_save (self))
    {
      _vita_intake_editor_set_save_state (self, VITA_INTAKE_SAVE_STATE_PENDING);
      if (self->save_source == 0 && !save_queued (self))
        _vita_intake_editor_schedule_save (self);
      return;
    }
  _vita_intake_editor_set_save_state (self, VITA_INTAKE_SAVE_STATE_SAVED);
  finish_waiters (self, NULL);
  close_window_if_asked (self);
}

static void
review_job_done (VitaIntakeEditor *self,
                 Job              *job,
                 gboolean          ok,
                 const GError     *error)
{
  if (!ok)
    {
      if (!vita_gui_error_is_silent (error))
        _vita_intake_editor_show_error (self, error->message);
      if (job->kind != VITA_INTAKE_JOB_REVIEW_INFO)
        _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_REVIEW_INFO, 0);
      return;
    }

  switch (job->kind)
    {
    case VITA_INTAKE_JOB_REVIEW_INFO:
      g_clear_pointer (&self->review_info, vita_review_info_free);
      self->review_info = g_steal_pointer (&job->info);
      _vita_intake_editor_refresh_all (self);
      return;
    case VITA_INTAKE_JOB_SET_STATUS:
      vita_household_set_status (self->household, job->status);
      /* minimum-data mode (the note is set only then): the store erased the
       * TINs of a finished return; so does the interview's copy, or its
       * next save would write them back. */
      if (vita_retention_status_is_final (job->status)
          && g_object_get_data (G_OBJECT (self->household), VITA_INTAKE_TIN_NOTE_DATA) != NULL
          && vita_minimum_data_strip_tins (self->household) > 0)
        _vita_intake_editor_refresh_all (self);
      break;
    case VITA_INTAKE_JOB_SIGN_OFF:
      _vita_intake_editor_toast (self, _("Quality review signed off"));
      break;
    default:
      break;
    }
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_REVIEW_INFO, 0);
}

static void run_next (VitaIntakeEditor *self);

static void
job_done (GtkWidget    *owner,
          gpointer      data,
          const GError *error)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (owner);
  Job *job = data;
  gboolean ok = error == NULL;

  self->job_running = FALSE;
  if (job->kind == VITA_INTAKE_JOB_SAVE)
    save_done (self, ok, error);
  else
    review_job_done (self, job, ok, error);
  run_next (self);
}

static void
run_next (VitaIntakeEditor *self)
{
  Job *request;
  Job *job;

  if (self->job_running || g_queue_is_empty (self->jobs))
    return;

  request = g_queue_pop_head (self->jobs);
  job = job_new (self, request->kind, request->status);
  g_free (request);

  self->job_running = TRUE;
  if (job->kind == VITA_INTAKE_JOB_SAVE)
    _vita_intake_editor_set_save_state (self, VITA_INTAKE_SAVE_STATE_SAVING);
  /* The store is construct-only: this hands it over on the first job. */
  vita_store_job_set_store (self->store_job, self->store);
  vita_store_job_run (self->store_job, VITA_STORE_JOB_DEFAULT, run_job, job, job_free, job_done);
}

/**
 * _vita_intake_editor_queue_job:
 *
 * Queues store work behind what is queued already.  Saves are merged:
 * the copy is taken when the job starts, so one queued save carries every
 * answer given until then.
 */
void
_vita_intake_editor_queue_job (VitaIntakeEditor  *self,
                               VitaIntakeJobKind  kind,
                               VitaReturnStatus   status)
{
  Job *request;

  g_assert (VITA_IS_INTAKE_EDITOR (self));

  if (kind == VITA_INTAKE_JOB_SAVE && save_queued (self))
    return;
  if (kind == VITA_INTAKE_JOB_SAVE)
    g_clear_handle_id (&self->save_source, g_source_remove);

  request = g_new0 (Job, 1);
  request->kind = kind;
  request->status = status;
  g_queue_push_tail (self->jobs, request);
  run_next (self);
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  VitaIntakeEditor *self = user_data;

  self->save_source = 0;
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_SAVE, 0);
  return G_SOURCE_REMOVE;
}

/**
 * _vita_intake_editor_schedule_save:
 *
 * Restarts the half-second autosave timer after an accepted answer.
 */
void
_vita_intake_editor_schedule_save (VitaIntakeEditor *self)
{
  g_assert (VITA_IS_INTAKE_EDITOR (self));

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (AUTOSAVE_DELAY_MS, save_timeout_cb, self);
  if (self->save_state != VITA_INTAKE_SAVE_STATE_SAVING)
    _vita_intake_editor_set_save_state (self, VITA_INTAKE_SAVE_STATE_PENDING);
}

void
_vita_intake_editor_jobs_init (VitaIntakeEditor *self)
{
  self->jobs = g_queue_new ();
  /* No refusal action: a refusal here is the volunteer's own, shown in
   * the editor. */
  self->store_job = vita_store_job_new (GTK_WIDGET (self), NULL);
  self->flush_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  self->guard = g_atomic_rc_box_new0 (VitaSaveGuard);
  g_mutex_init (&self->guard->mutex);
}

/* A running job holds a reference on the editor, so by now none runs;
 * what the timer had not saved yet is saved here, as a last chance. */
void
_vita_intake_editor_jobs_dispose (VitaIntakeEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->guard != NULL && self->store != NULL && self->household != NULL &&
      _vita_intake_editor_needs_save (self) && vita_store_is_unlocked (self->store) &&
      !vita_intake_editor_save_now (self, &error))
    g_warning ("The intake could not be saved when its editor closed: %s", error->message);

  if (self->jobs != NULL)
    g_queue_free_full (g_steal_pointer (&self->jobs), g_free);
  g_clear_pointer (&self->flush_waiters, g_ptr_array_unref);
  /* Not cancelled: a save under way still reports to the editor.  The
   * running job keeps the runner alive until then. */
  g_clear_object (&self->store_job);
  if (self->guard != NULL)
    g_atomic_rc_box_release_full (g_steal_pointer (&self->guard), save_guard_clear);
}

/**
 * vita_intake_editor_save_async:
 *
 * Saves every accepted answer now instead of after the autosave delay, for
 * "Done", closing the window or locking the app.  Completes at once when
 * nothing is waiting to be saved.
 */
void
vita_intake_editor_save_async (VitaIntakeEditor    *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VITA_IS_INTAKE_EDITOR (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vita_intake_editor_save_async);

  if (!_vita_intake_editor_needs_save (self) && !save_queued (self))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  g_ptr_array_add (self->flush_waiters, g_steal_pointer (&task));
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_SAVE, 0);
}

gboolean
vita_intake_editor_save_finish (VitaIntakeEditor  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (VITA_IS_INTAKE_EDITOR (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vita_intake_editor_save_now:
 *
 * Saves every accepted answer before returning, on the calling thread.
 * Only for the moments the main loop cannot wait for a worker: just
 * before the store is locked or the process quits.  Everywhere else use
 * vita_intake_editor_save_async().
 */
gboolean
vita_intake_editor_save_now (VitaIntakeEditor  *self,
                             GError           **error)
{
  g_autoptr(VitaHousehold) snapshot = NULL;

  g_return_val_if_fail (VITA_IS_INTAKE_EDITOR (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (!_vita_intake_editor_needs_save (self))
    return TRUE;

  snapshot = vita_household_copy (self->household);
  if (!guarded_save (self->store, snapshot, self->guard, self->edit_generation, error))
    {
      _vita_intake_editor_set_save_state (self, VITA_INTAKE_SAVE_STATE_FAILED);
      return FALSE;
    }
  _vita_intake_editor_after_save (self);
  if (!self->job_running)
    _vita_intake_editor_set_save_state (self, VITA_INTAKE_SAVE_STATE_SAVED);
  return TRUE;
}
