/* vita-intake-editor-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by vita-intake-editor.c and its partner files -actions.c (the
 * "intake." actions) and -jobs.c (autosave and the other store work).
 */

#pragma once

#include "vita-intake-documents-page.h"
#include "vita-intake-editor.h"
#include "vita-intake-people-page.h"
#include "vita-intake-review-page.h"
#include "vita-review.h"
#include "vita-store-job.h"

G_BEGIN_DECLS

typedef enum
{
  VITA_INTAKE_JOB_SAVE,
  VITA_INTAKE_JOB_SET_STATUS,
  VITA_INTAKE_JOB_SIGN_OFF,
  VITA_INTAKE_JOB_CLAIM,
  VITA_INTAKE_JOB_REVIEW_INFO,
} VitaIntakeJobKind;

typedef struct _VitaSaveGuard VitaSaveGuard;

struct _VitaIntakeEditor
{
  AdwBin                   parent_instance;

  /* Template widgets */
  AdwToastOverlay         *toast_overlay;
  AdwWindowTitle          *window_title;
  GtkListBox              *sidebar;
  AdwFlap                 *flap;
  GtkStack                *stack;
  GtkLabel                *save_label;

  /* Pages, children of the stack */
  VitaIntakePeoplePage    *people_page;
  VitaIntakeDocumentsPage *documents_page;
  VitaIntakeReviewPage    *review_page;

  /* Owned references */
  VitaStore               *store;
  VitaHousehold           *household;
  VitaReviewInfo          *review_info;
  VitaSaveGuard           *guard;
  GQueue                  *jobs;
  VitaStoreJob            *store_job;
  GPtrArray               *flush_waiters;
  GPtrArray               *sections;     /* VitaIntakeSection on the household pages */
  GHashTable              *w7_pages;     /* slot -> VitaIntakeW7Page */
  GHashTable              *sidebar_rows; /* page name -> GtkListBoxRow */

  GtkWindow               *window;       /* weak */
  gulong                   close_request_id;

  guint64                  edit_generation;
  guint                    save_source;
  VitaIntakeSaveState      save_state;
  gboolean                 job_running;
  gboolean                 close_after_save;
};

/* vita-intake-editor.c */
void      _vita_intake_editor_refresh_all         (VitaIntakeEditor   *self);
void      _vita_intake_editor_set_save_state      (VitaIntakeEditor   *self,
                                                   VitaIntakeSaveState state);
void      _vita_intake_editor_after_save          (VitaIntakeEditor   *self);
void      _vita_intake_editor_show_error          (VitaIntakeEditor   *self,
                                                   const char         *message);
void      _vita_intake_editor_emit_done           (VitaIntakeEditor   *self);
void      _vita_intake_editor_toast               (VitaIntakeEditor   *self,
                                                   const char         *text);
void      _vita_intake_editor_changed             (VitaIntakeEditor   *self);
GtkWidget *_vita_intake_editor_find_field_row     (VitaIntakeEditor   *self,
                                                   int                 person,
                                                   const char         *field_id,
                                                   const char        **page_name);

guint     _vita_intake_editor_count_errors        (VitaIntakeEditor   *self);
char     *_vita_intake_editor_dup_unfinished_w7   (VitaIntakeEditor   *self);
void      _vita_intake_editor_update_save_label   (VitaIntakeEditor   *self);

/* vita-intake-editor-actions.c */
void      _vita_intake_editor_class_install_actions (GtkWidgetClass   *widget_class);
void      _vita_intake_editor_update_actions      (VitaIntakeEditor   *self);

/* vita-intake-editor-jobs.c */
void      _vita_intake_editor_jobs_init           (VitaIntakeEditor   *self);
void      _vita_intake_editor_jobs_dispose        (VitaIntakeEditor   *self);
void      _vita_intake_editor_schedule_save       (VitaIntakeEditor   *self);
void      _vita_intake_editor_queue_job           (VitaIntakeEditor   *self,
                                                   VitaIntakeJobKind   kind,
                                                   VitaReturnStatus    status);
gboolean  _vita_intake_editor_needs_save          (VitaIntakeEditor   *self);
gint64    _vita_intake_editor_saved_id            (VitaIntakeEditor   *self);

G_END_DECLS
