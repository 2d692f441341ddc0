/* vita-gui-util.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <epoxy/gl.h>
#include <sodium.h>
#include <string.h>

#include "vita-gui-util.h"
#include "vita-store.h"

/**
 * vita_gui_dup_secret:
 * @text: a passphrase taken from an entry
 *
 * Copies a passphrase into locked memory, so the copy handed to a worker
 * thread is never swapped out and is wiped when freed.
 *
 * Returns: (transfer full): free with vita_secure_free_string()
 */
char *
vita_gui_dup_secret (const char *text)
{
  gsize len;
  char *copy;

  /* sodium_malloc() aborts before sodium_init(); the store only calls it
   * when it first needs it, which can be after the first passphrase. */
  if (!vita_secure_init (NULL))
    g_error ("The encryption library could not start");

  if (text == NULL)
    text = "";
  len = strlen (text);
  copy = sodium_malloc (len + 1);
  if (copy == NULL)
    g_error ("Out of locked memory for a passphrase");
  memcpy (copy, text, len + 1);
  return copy;
}

/**
 * vita_gui_clear_editable:
 *
 * Empties an entry.  Password entries keep their text in a secure buffer
 * that is wiped when the text is replaced, so this is how a passphrase
 * leaves the widget tree.
 */
void
vita_gui_clear_editable (GtkEditable *editable)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));

  gtk_editable_set_text (editable, "");
}

/**
 * vita_gui_error_is_silent:
 *
 * A cancelled operation, or one that failed because the app locked while it
 * ran, is expected: the user asked for it, so nothing is shown.
 */
gboolean
vita_gui_error_is_silent (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)
         || g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED);
}

/**
 * vita_gui_release_focus:
 * @within: a widget about to become insensitive or be destroyed
 *
 * Moves the focus out of @within first.  GTK 4.8 does not send a focus-out
 * to an entry made insensitive while it has the focus; its cursor then
 * keeps blinking and GTK warns.
 */
void
vita_gui_release_focus (GtkWidget *within)
{
  GtkRoot *root;
  GtkWidget *focus;

  g_return_if_fail (GTK_IS_WIDGET (within));

  root = gtk_widget_get_root (within);
  if (root == NULL)
    return;
  focus = gtk_root_get_focus (root);
  if (focus != NULL && (focus == within || gtk_widget_is_ancestor (focus, within)))
    gtk_root_set_focus (root, NULL);
}

/**
 * vita_gui_unparent_children:
 *
 * For the dispose of a widget whose template has an unnamed top child:
 * gtk_widget_dispose_template() only clears the named ones.
 */
void
vita_gui_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}

/* The coordinator workspace's pages report through their window's
 * "coordinator." actions, so a permission refusal from the core switches
 * the whole window to its refusal page instead of showing a toast. */
void
vita_gui_coordinator_toast (GtkWidget  *page,
                            const char *message)
{
  gtk_widget_activate_action (page, "coordinator.toast", "s", message);
}

void
vita_gui_coordinator_report_error (GtkWidget    *page,
                                   const GError *error)
{
  if (vita_gui_error_is_silent (error))
    return;
  if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION))
    gtk_widget_activate_action (page, "coordinator.refuse", NULL);
  else
    vita_gui_coordinator_toast (page, error->message);
}

/**
 * vita_gui_choose_renderer:
 *
 * Chooses GTK's cairo renderer when OpenGL is drawn in software (Mesa's
 * llvmpipe, softpipe or swrast: Xvfb, virtual machines, remote desktops,
 * old site laptops without a GPU driver).  There GTK 4.8's GL renderer
 * drops the bottom of Hangul glyphs at UI size -- final consonants go
 * missing, 한국어 reads 하국어 (reviews/hangul-ui-size.md) -- while cairo
 * draws exactly what Pango draws (tests/test-gui-hangul.c).  On a software
 * rasteriser cairo is not slower either.  A GSK_RENDERER set by the user
 * or the packager wins.  Must run after GTK is initialised and before the
 * first window is realised: GTK reads GSK_RENDERER once.
 *
 * Returns: whether the cairo renderer was chosen
 */
gboolean
vita_gui_choose_renderer (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GdkGLContext) context = NULL;
  const char *renderer;
  gboolean software;

  if (g_getenv ("GSK_RENDERER") != NULL || display == NULL)
    return FALSE;
  context = gdk_display_create_gl_context (display, NULL);
  if (context == NULL || !gdk_gl_context_realize (context, NULL))
    return FALSE;
  gdk_gl_context_make_current (context);
  renderer = (const char *) glGetString (GL_RENDERER);
  software = renderer != NULL && (strstr (renderer, "llvmpipe") != NULL
                                  || strstr (renderer, "softpipe") != NULL
                                  || strstr (renderer, "swrast") != NULL
                                  || strstr (renderer, "Software Rasterizer") != NULL);
  gdk_gl_context_clear_current ();
  if (software)
    g_setenv ("GSK_RENDERER", "cairo", FALSE);
  return software;
}
