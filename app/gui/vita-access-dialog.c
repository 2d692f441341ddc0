/* vita-access-dialog.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vita-access-dialog.h"
#include "vita-store-access.h"

/* Asks why a volunteer opens a household other volunteers work on
 * (need-to-know, vita-store-access.c).  "open" stays disabled until the
 * reason says something; pressing Enter with too short a reason shows the
 * core's translated error under the field instead of closing.  The reason
 * is wiped from the entry when the dialog goes: it is typed free text and
 * may name the member. */
struct _VitaAccessDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkEntry         *reason_entry;
  GtkLabel         *error_label;
};

G_DEFINE_FINAL_TYPE (VitaAccessDialog, vita_access_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
reason_ok (VitaAccessDialog  *self,
           GError           **error)
{
  return vita_access_reason_check (gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)), error);
}

static void
reason_changed_cb (VitaAccessDialog *self)
{
  gboolean ok = reason_ok (self, NULL);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "open", ok);
  if (ok)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
}

static void
reason_activate_cb (VitaAccessDialog *self)
{
  vita_access_dialog_submit (self);
}

static void
vita_access_dialog_dispose (GObject *object)
{
  VitaAccessDialog *self = (VitaAccessDialog *)object;

  if (self->reason_entry != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_ACCESS_DIALOG);

  G_OBJECT_CLASS (vita_access_dialog_parent_class)->dispose (object);
}

static void
vita_access_dialog_class_init (VitaAccessDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_access_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-access-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaAccessDialog, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, VitaAccessDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_activate_cb);
}

static void
vita_access_dialog_init (VitaAccessDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
}

GtkWidget *
vita_access_dialog_new (GtkWindow *parent)
{
  return g_object_new (VITA_TYPE_ACCESS_DIALOG, "transient-for", parent, NULL);
}

/**
 * vita_access_dialog_get_reason:
 *
 * Returns: (transfer none): the reason as typed, valid while the dialog is
 */
const char *
vita_access_dialog_get_reason (VitaAccessDialog *self)
{
  g_return_val_if_fail (VITA_IS_ACCESS_DIALOG (self), NULL);
  return gtk_editable_get_text (GTK_EDITABLE (self->reason_entry));
}

/**
 * vita_access_dialog_submit:
 *
 * What Enter in the reason field does: answers "open" and closes when the
 * reason says something, or shows why not under the field.
 *
 * Returns: whether the dialog answered "open"
 */
gboolean
vita_access_dialog_submit (VitaAccessDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VITA_IS_ACCESS_DIALOG (self), FALSE);

  if (!reason_ok (self, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_entry));
      return FALSE;
    }
  g_object_ref (self);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "open");
  /* Destroyed, not closed: closing would answer the close response too. */
  gtk_window_destroy (GTK_WINDOW (self));
  g_object_unref (self);
  return TRUE;
}

/**
 * vita_access_dialog_get_error:
 *
 * Returns: (nullable): the error shown under the reason, or %NULL; for tests
 */
const char *
vita_access_dialog_get_error (VitaAccessDialog *self)
{
  g_return_val_if_fail (VITA_IS_ACCESS_DIALOG (self), NULL);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->error_label)))
    return NULL;
  return gtk_label_get_text (self->error_label);
}
