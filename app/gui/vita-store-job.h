/* vita-store-job.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_STORE_JOB (vita_store_job_get_type ())
G_DECLARE_FINAL_TYPE (VitaStoreJob, vita_store_job, VITA, STORE_JOB, GObject)

typedef enum
{
  VITA_STORE_JOB_DEFAULT      = 0,
  /* @done is called even for a stale result, with G_IO_ERROR_CANCELLED:
   * for a job whose data holds a caller's task that must be answered. */
  VITA_STORE_JOB_REPORT_STALE = 1 << 0,
} VitaStoreJobFlags;

/* Runs in a worker thread: no widget may be touched here. */
typedef gboolean (*VitaStoreJobFunc)     (VitaStore     *store,
                                          gpointer       data,
                                          GCancellable  *cancellable,
                                          GError       **error);
/* Runs in the main thread with the owner widget given to
 * vita_store_job_new(); @error is %NULL when @func succeeded. */
typedef void     (*VitaStoreJobDoneFunc) (GtkWidget     *owner,
                                          gpointer       data,
                                          const GError  *error);

VitaStoreJob *vita_store_job_new       (GtkWidget            *owner,
                                        const char           *refuse_action);
VitaStore    *vita_store_job_get_store (VitaStoreJob         *self);
gboolean      vita_store_job_set_store (VitaStoreJob         *self,
                                        VitaStore            *store);
gboolean      vita_store_job_get_running (VitaStoreJob       *self);
void          vita_store_job_run       (VitaStoreJob         *self,
                                        VitaStoreJobFlags     flags,
                                        VitaStoreJobFunc      func,
                                        gpointer              data,
                                        GDestroyNotify        data_free,
                                        VitaStoreJobDoneFunc  done);
void          vita_store_job_cancel    (VitaStoreJob         *self);

G_END_DECLS
