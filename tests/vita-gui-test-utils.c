/* vita-gui-test-utils.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-gui-test-utils.h"

/* What the GUI tests share: waiting on the main loop and finding widgets.
 * The tests drive real windows, so they wait for conditions rather than
 * for fixed times wherever they can. */

static gboolean
tick_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* A source that wakes the main loop every 10 ms; WAIT_FOR removes it. */
guint
vita_gui_test_add_tick (void)
{
  return g_timeout_add (10, tick_cb, NULL);
}

/* Runs the main loop for @ms, for the few checks that need time to pass
 * (a timer that must not fire, a window kept on screen). */
void
vita_gui_test_spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + (gint64)ms * 1000;

  WAIT_FOR (g_get_monotonic_time () >= end, ms + 1000);
}

/* The first widget under @root, depth first, whose name is @name, or NULL.
 * The generated intake rows and member windows name their widgets. */
GtkWidget *
vita_gui_test_find_named (GtkWidget  *root,
                          const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = vita_gui_test_find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The template child @name of @widget, whose template belongs to @type. */
gpointer
vita_gui_test_child (gpointer    widget,
                     GType       type,
                     const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

/* Types @text into the template child @name, as a volunteer would. */
void
vita_gui_test_set_text (gpointer    widget,
                        GType       type,
                        const char *name,
                        const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (vita_gui_test_child (widget, type, name)), text);
}
