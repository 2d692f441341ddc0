/* vita-gui-test-utils.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Iterates the main loop until @cond holds or @ms pass, and fails the test
 * (naming @cond) if it never does.  A ticking source wakes the loop up, so
 * a condition changed by a worker thread's result is seen promptly.  A
 * macro because @cond must be evaluated afresh on every turn. */
#define WAIT_FOR(cond, ms)                                                  \
  G_STMT_START {                                                            \
    gint64 _end = g_get_monotonic_time () + (gint64)(ms) * 1000;            \
    guint _tick = vita_gui_test_add_tick ();                                \
    while (!(cond) && g_get_monotonic_time () < _end)                       \
      g_main_context_iteration (NULL, TRUE);                                \
    g_source_remove (_tick);                                                \
    if (!(cond))                                                            \
      g_error ("Timed out after %d ms waiting for: %s", (int)(ms), #cond);  \
  } G_STMT_END

guint      vita_gui_test_add_tick   (void);
void       vita_gui_test_spin       (guint       ms);
GtkWidget *vita_gui_test_find_named (GtkWidget  *root,
                                     const char *name);
gpointer   vita_gui_test_child      (gpointer    widget,
                                     GType       type,
                                     const char *name);
void       vita_gui_test_set_text   (gpointer    widget,
                                     GType       type,
                                     const char *name,
                                     const char *text);

/* The short names the GUI tests call these by.  Function-like, so they
 * only stand for a call: a variable named child is left alone. */
#define spin(ms)                           vita_gui_test_spin (ms)
#define find_named(root, name)             vita_gui_test_find_named (root, name)
#define child(widget, type, name)          vita_gui_test_child (widget, type, name)
#define set_text(widget, type, name, text) vita_gui_test_set_text (widget, type, name, text)

G_END_DECLS
