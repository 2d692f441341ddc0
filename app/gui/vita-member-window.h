/* vita-member-window.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-site-info.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_MEMBER_WINDOW (vita_member_window_get_type ())
G_DECLARE_DERIVABLE_TYPE (VitaMemberWindow, vita_member_window, VITA, MEMBER_WINDOW, AdwWindow)

struct _VitaMemberWindowClass
{
  AdwWindowClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

/* Checks one language of a member-facing text; runs in a worker. */

VitaStore    *vita_member_window_get_store             (VitaMemberWindow *self);
gint64        vita_member_window_get_household_id      (VitaMemberWindow *self);
int           vita_member_window_get_tax_year          (VitaMemberWindow *self);
const char   *vita_member_window_get_language          (VitaMemberWindow *self);
void          vita_member_window_set_language          (VitaMemberWindow *self,
                                                        const char       *language);
GCancellable *vita_member_window_get_cancellable       (VitaMemberWindow *self);

/* For subclasses */
void          vita_member_window_set_household         (VitaMemberWindow *self,
                                                        VitaHousehold    *household);
void          vita_member_window_set_language_chooser  (VitaMemberWindow *self,
                                                        GtkWidget        *chooser);
gboolean      vita_member_window_language_chosen       (VitaMemberWindow *self);

G_END_DECLS
