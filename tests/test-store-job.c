/* test-store-job.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "vita-gui-test-utils.h"
#include "vita-store-job.h"
#include "vita-test-utils.h"

/* VitaStoreJob, the coordinator pages' worker runner: a result reaches
 * the page only while it still applies, and a refusal from the core
 * reaches the window before the page sees it.  The workers here wait on a
 * gate the test opens, so "still running" is a fact, not a race. */

typedef struct
{
  char         *dir;
  VitaStore    *store;
  GtkWidget    *owner;
  VitaStoreJob *job;
  GString      *events;     /* what happened, in order, one letter each */

  GMutex        lock;
  GCond         cond;
  gboolean      open;

  guint         n_done;
  guint         n_freed;
  GError       *done_error;
  GThread      *done_thread;
} Fixture;

typedef struct
{
  Fixture  *f;
  VitaStore *store_seen;
  GQuark    domain;         /* 0: the worker succeeds */
  int       code;
} JobData;

static void
refuse_cb (GSimpleAction *action,
           GVariant      *param,
           gpointer       user_data)
{
  Fixture *f = user_data;

  g_string_append_c (f->events, 'r');
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  unused)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) refuse = g_simple_action_new ("refuse", NULL);
  g_autofree char *path = NULL;

  f->dir = vita_test_make_tmpdir ();
  path = g_build_filename (f->dir, "site.vita", NULL);
  /* Never opened: the workers below do not call the store. */
  f->store = vita_store_new (path);
  f->owner = g_object_ref_sink (gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  g_signal_connect (refuse, "activate", G_CALLBACK (refuse_cb), f);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (refuse));
  gtk_widget_insert_action_group (f->owner, "test", G_ACTION_GROUP (group));
  f->job = vita_store_job_new (f->owner, "test.refuse");
  g_assert_true (vita_store_job_set_store (f->job, f->store));
  g_assert_false (vita_store_job_set_store (f->job, f->store));
  f->events = g_string_new (NULL);
  g_mutex_init (&f->lock);
  g_cond_init (&f->cond);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  unused)
{
  g_assert_finalize_object (g_steal_pointer (&f->job));
  g_assert_finalize_object (g_steal_pointer (&f->owner));
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_clear_error (&f->done_error);
  g_string_free (f->events, TRUE);
  g_mutex_clear (&f->lock);
  g_cond_clear (&f->cond);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
open_gate (Fixture *f)
{
  g_mutex_lock (&f->lock);
  f->open = TRUE;
  g_cond_broadcast (&f->cond);
  g_mutex_unlock (&f->lock);
}

static gboolean
gated_worker (VitaStore     *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  JobData *data = task_data;
  Fixture *f = data->f;

  g_mutex_lock (&f->lock);
  while (!f->open)
    g_cond_wait (&f->cond, &f->lock);
  g_mutex_unlock (&f->lock);

  data->store_seen = store;
  if (data->domain == 0)
    return TRUE;
  g_set_error_literal (error, data->domain, data->code, "refused for the test");
  return FALSE;
}

static void
done (GtkWidget    *owner,
      gpointer      task_data,
      const GError *error)
{
  JobData *data = task_data;
  Fixture *f = data->f;

  g_assert_true (owner == f->owner);
  g_string_append_c (f->events, 'd');
  f->n_done++;
  f->done_thread = g_thread_self ();
  g_clear_error (&f->done_error);
  if (error != NULL)
    f->done_error = g_error_copy (error);
}

static void
job_data_free (JobData *data)
{
  data->f->n_freed++;
  g_free (data);
}

static void
run (Fixture           *f,
     VitaStoreJobFlags  flags,
     GQuark             domain,
     int                code)
{
  JobData *data = g_new0 (JobData, 1);

  data->f = f;
  data->domain = domain;
  data->code = code;
  vita_store_job_run (f->job, flags, gated_worker, data, (GDestroyNotify)job_data_free, done);
}

static void
running_cb (Fixture *f)
{
  g_string_append_c (f->events, vita_store_job_get_running (f->job) ? '+' : '-');
}

static void
test_result (Fixture       *f,
             gconstpointer  unused)
{
  g_signal_connect_swapped (f->job, "notify::running", G_CALLBACK (running_cb), f);
  g_assert_false (vita_store_job_get_running (f->job));
  run (f, VITA_STORE_JOB_DEFAULT, 0, 0);
  run (f, VITA_STORE_JOB_DEFAULT, 0, 0);
  g_assert_true (vita_store_job_get_running (f->job));
  open_gate (f);
  WAIT_FOR (f->n_freed == 2, 10000);
  g_assert_false (vita_store_job_get_running (f->job));
  g_assert_cmpuint (f->n_done, ==, 2);
  g_assert_no_error (f->done_error);
  /* Results come back in the main thread, where widgets may be touched. */
  g_assert_true (f->done_thread == g_thread_self ());
  /* Running from the first start until the last result is handed over,
   * and the page sees it has stopped before it sees that result. */
  g_assert_cmpstr (f->events->str, ==, "+d-d");
  g_signal_handlers_disconnect_by_func (f->job, running_cb, f);
}

static void
test_error (Fixture       *f,
            gconstpointer  unused)
{
  run (f, VITA_STORE_JOB_DEFAULT, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED);
  open_gate (f);
  WAIT_FOR (f->n_freed == 1, 10000);
  g_assert_error (f->done_error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED);
  /* Only a refusal closes the workspace. */
  g_assert_cmpstr (f->events->str, ==, "d");
}

static void
test_permission (Fixture       *f,
                 gconstpointer  unused)
{
  run (f, VITA_STORE_JOB_DEFAULT, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  open_gate (f);
  WAIT_FOR (f->n_freed == 1, 10000);
  /* The window is told first, then the page, which still gets the error
   * to put its own widgets right. */
  g_assert_cmpstr (f->events->str, ==, "rd");
  g_assert_error (f->done_error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
}

static void
test_permission_without_action (Fixture       *f,
                                gconstpointer  unused)
{
  g_autoptr(VitaStoreJob) job = vita_store_job_new (f->owner, NULL);
  JobData *data = g_new0 (JobData, 1);

  vita_store_job_set_store (job, f->store);
  data->f = f;
  data->domain = VITA_STORE_ERROR;
  data->code = VITA_STORE_ERROR_PERMISSION;
  vita_store_job_run (job, VITA_STORE_JOB_DEFAULT, gated_worker, data,
                      (GDestroyNotify)job_data_free, done);
  open_gate (f);
  WAIT_FOR (f->n_freed == 1, 10000);
  g_assert_cmpstr (f->events->str, ==, "d");
}

static void
test_stale_after_set_store (Fixture       *f,
                            gconstpointer  unused)
{
  run (f, VITA_STORE_JOB_DEFAULT, 0, 0);
  g_assert_true (vita_store_job_set_store (f->job, NULL));
  g_assert_null (vita_store_job_get_store (f->job));
  /* What still runs is no longer the page's business. */
  g_assert_false (vita_store_job_get_running (f->job));
  open_gate (f);
  WAIT_FOR (f->n_freed == 1, 10000);
  /* The result belonged to the store the page no longer shows. */
  g_assert_cmpuint (f->n_done, ==, 0);
  g_assert_cmpstr (f->events->str, ==, "");
}

static void
test_stale_after_cancel (Fixture       *f,
                         gconstpointer  unused)
{
  run (f, VITA_STORE_JOB_DEFAULT, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  vita_store_job_cancel (f->job);
  g_assert_true (vita_store_job_get_store (f->job) == f->store);
  open_gate (f);
  WAIT_FOR (f->n_freed == 1, 10000);
  /* Not even a refusal is acted on for a page that has gone. */
  g_assert_cmpuint (f->n_done, ==, 0);
  g_assert_cmpstr (f->events->str, ==, "");

  /* The job still runs new work against the same store. */
  run (f, VITA_STORE_JOB_DEFAULT, 0, 0);
  WAIT_FOR (f->n_freed == 2, 10000);
  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_no_error (f->done_error);
}

static void
test_report_stale (Fixture       *f,
                   gconstpointer  unused)
{
  JobData *data;

  run (f, VITA_STORE_JOB_REPORT_STALE, 0, 0);
  vita_store_job_set_store (f->job, NULL);
  open_gate (f);
  WAIT_FOR (f->n_freed == 1, 10000);
  /* Told, so a caller waiting on it can be answered. */
  g_assert_cmpuint (f->n_done, ==, 1);
  g_assert_error (f->done_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  /* The worker had the store it started with. */
  vita_store_job_set_store (f->job, f->store);
  data = g_new0 (JobData, 1);
  data->f = f;
  vita_store_job_run (f->job, VITA_STORE_JOB_REPORT_STALE, gated_worker, data,
                      (GDestroyNotify)job_data_free, done);
  WAIT_FOR (f->n_freed == 2, 10000);
  g_assert_no_error (f->done_error);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/store-job/result", test_result);
  ADD ("/store-job/error", test_error);
  ADD ("/store-job/permission", test_permission);
  ADD ("/store-job/permission-without-action", test_permission_without_action);
  ADD ("/store-job/stale-after-set-store", test_stale_after_set_store);
  ADD ("/store-job/stale-after-cancel", test_stale_after_cancel);
  ADD ("/store-job/report-stale", test_report_stale);

  return g_test_run ();
}
