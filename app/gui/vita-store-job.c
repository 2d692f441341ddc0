/* vita-store-job.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "vita-store-job.h"

/* Runs a page's store calls in a worker thread, one GTask each, and hands
 * the result back to the page in the main thread.  A page keeps one of
 * these for as long as it shows a store; what it adds over a bare GTask is
 * what every page needs and each used to write out itself:
 *
 *  - a result that no longer applies is dropped: the page was given
 *    another store (or none) meanwhile, or it is going away;
 *  - "running" says whether any job whose result still applies is under
 *    way, for the page's spinner and actions;
 *  - a refusal from the core (VITA_STORE_ERROR_PERMISSION: the signed-in
 *    user's role changed under us) activates the owner's refusal action,
 *    so the window closes the whole workspace instead of leaving every
 *    page failing one call at a time.  The page still gets the error, to
 *    put its own widgets right (wipe a passphrase, say); passing it on to
 *    vita_gui_coordinator_report_error() is harmless, as refusing twice
 *    changes nothing.
 *
 * The worker keeps its own reference to the store it started with, so
 * dropping the store from the page never pulls it from under a thread; a
 * change the store already began is completed there, only its result is
 * no longer shown. */
struct _VitaStoreJob
{
  GObject       parent_instance;

  GtkWidget    *owner;          /* unowned: the owner owns the job */
  char         *refuse_action;
  VitaStore    *store;
  GCancellable *cancellable;
  guint         generation;     /* bumped when every running job goes stale */
  guint         n_running;      /* of this generation */
};

G_DEFINE_FINAL_TYPE (VitaStoreJob, vita_store_job, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RUNNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_n_running (VitaStoreJob *self,
               guint         n_running)
{
  gboolean was_running = self->n_running > 0;

  self->n_running = n_running;
  if (was_running != (n_running > 0))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

typedef struct
{
  VitaStoreJob         *job;
  VitaStore            *store;
  VitaStoreJobFlags     flags;
  VitaStoreJobFunc      func;
  VitaStoreJobDoneFunc  done;
  gpointer              data;
  GDestroyNotify        data_free;
  guint                 generation;
} JobRun;

static void
job_run_free (JobRun *run)
{
  if (run->data_free != NULL)
    g_clear_pointer (&run->data, run->data_free);
  g_clear_object (&run->store);
  g_clear_object (&run->job);
  g_free (run);
}

static gboolean
job_run_is_stale (JobRun       *run,
                  const GError *error)
{
  /* GTask already reports a task whose cancellable was cancelled as
   * cancelled, even when its worker got to the end; the generation says
   * so without relying on that. */
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || run->generation != run->job->generation;
}

static void
job_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  JobRun *run = task_data;
  g_autoptr(GError) error = NULL;

  if (run->func (run->store, run->data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
job_done_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobRun *run = g_task_get_task_data (G_TASK (result));
  VitaStoreJob *self = run->job;
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  /* A job that went stale stopped counting then. */
  if (run->generation == self->generation)
    set_n_running (self, self->n_running - 1);

  if (job_run_is_stale (run, error))
    {
      if ((run->flags & VITA_STORE_JOB_REPORT_STALE) != 0 && run->done != NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_clear_error (&error);
              /* GIO's own wording for a cancelled operation. */
              g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   g_dgettext ("glib20", "Operation was cancelled"));
            }
          run->done (GTK_WIDGET (object), run->data, error);
        }
      return;
    }

  /* Before the page sees the result, so the window takes the store back
   * from every page first (and this one finds it gone). */
  if (self->refuse_action != NULL
      && g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION))
    gtk_widget_activate_action (GTK_WIDGET (object), self->refuse_action, NULL);

  if (run->done != NULL)
    run->done (GTK_WIDGET (object), run->data, error);
}

static void
vita_store_job_dispose (GObject *object)
{
  VitaStoreJob *self = (VitaStoreJob *)object;

  vita_store_job_cancel (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vita_store_job_parent_class)->dispose (object);
}

static void
vita_store_job_finalize (GObject *object)
{
  VitaStoreJob *self = (VitaStoreJob *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->refuse_action, g_free);

  G_OBJECT_CLASS (vita_store_job_parent_class)->finalize (object);
}

static void
vita_store_job_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VitaStoreJob *self = VITA_STORE_JOB (object);

  switch (prop_id)
    {
    case PROP_RUNNING:
      g_value_set_boolean (value, vita_store_job_get_running (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_store_job_class_init (VitaStoreJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vita_store_job_dispose;
  object_class->finalize = vita_store_job_finalize;
  object_class->get_property = vita_store_job_get_property;

  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vita_store_job_init (VitaStoreJob *self)
{
  self->cancellable = g_cancellable_new ();
}

/**
 * vita_store_job_new:
 * @owner: the widget that owns the job; it is each task's source object,
 *   so it stays alive until its results are in, and it gets them
 * @refuse_action: (nullable): the action to activate on @owner when the
 *   core refuses a call (%VITA_STORE_ERROR_PERMISSION), e.g.
 *   "coordinator.refuse"
 *
 * Returns: (transfer full): a job runner with no store yet
 */
VitaStoreJob *
vita_store_job_new (GtkWidget  *owner,
                    const char *refuse_action)
{
  VitaStoreJob *self;

  g_return_val_if_fail (GTK_IS_WIDGET (owner), NULL);

  self = g_object_new (VITA_TYPE_STORE_JOB, NULL);
  self->owner = owner;
  self->refuse_action = g_strdup (refuse_action);
  return self;
}

/**
 * vita_store_job_get_store:
 *
 * Returns: (transfer none) (nullable): the store new jobs run against
 */
VitaStore *
vita_store_job_get_store (VitaStoreJob *self)
{
  g_return_val_if_fail (VITA_IS_STORE_JOB (self), NULL);
  return self->store;
}

/**
 * vita_store_job_set_store:
 * @store: (nullable): the store to run against from now on
 *
 * Every job still running goes stale and is cancelled; its result is
 * dropped (see %VITA_STORE_JOB_REPORT_STALE).
 *
 * Returns: %TRUE if the store changed, so the owner resets what it shows
 */
gboolean
vita_store_job_set_store (VitaStoreJob *self,
                          VitaStore    *store)
{
  g_return_val_if_fail (VITA_IS_STORE_JOB (self), FALSE);
  g_return_val_if_fail (store == NULL || VITA_IS_STORE (store), FALSE);

  if (self->store == store)
    return FALSE;
  vita_store_job_cancel (self);
  g_set_object (&self->store, store);
  return TRUE;
}

/**
 * vita_store_job_run:
 * @flags: see #VitaStoreJobFlags
 * @func: the worker, called in a thread with the current store
 * @data: (transfer full): what @func and @done share
 * @data_free: (nullable): frees @data once the job is over
 * @done: (nullable): called in the main thread with the result, unless it
 *   went stale meanwhile
 *
 * Starts @func against the current store, which must be set.
 */
void
vita_store_job_run (VitaStoreJob         *self,
                    VitaStoreJobFlags     flags,
                    VitaStoreJobFunc      func,
                    gpointer              data,
                    GDestroyNotify        data_free,
                    VitaStoreJobDoneFunc  done)
{
  g_autoptr(GTask) task = NULL;
  JobRun *run;

  g_return_if_fail (VITA_IS_STORE_JOB (self));
  g_return_if_fail (self->store != NULL);
  g_return_if_fail (func != NULL);

  run = g_new0 (JobRun, 1);
  run->job = g_object_ref (self);
  run->store = g_object_ref (self->store);
  run->flags = flags;
  run->func = func;
  run->done = done;
  run->data = data;
  run->data_free = data_free;
  run->generation = self->generation;

  task = g_task_new (self->owner, self->cancellable, job_done_cb, NULL);
  g_task_set_source_tag (task, vita_store_job_run);
  g_task_set_task_data (task, run, (GDestroyNotify)job_run_free);
  set_n_running (self, self->n_running + 1);
  g_task_run_in_thread (task, job_worker);
}

/**
 * vita_store_job_get_running:
 *
 * Returns: whether a job whose result still applies is under way
 */
gboolean
vita_store_job_get_running (VitaStoreJob *self)
{
  g_return_val_if_fail (VITA_IS_STORE_JOB (self), FALSE);
  return self->n_running > 0;
}

/**
 * vita_store_job_cancel:
 *
 * Cancels every running job and drops its result; the store stays.  For
 * the owner's dispose.
 */
void
vita_store_job_cancel (VitaStoreJob *self)
{
  g_return_if_fail (VITA_IS_STORE_JOB (self));

  self->generation++;
  set_n_running (self, 0);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}
