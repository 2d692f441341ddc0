/* vita-notifier.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>

#include "vita-notifier.h"

/* The only file that talks to libnotify, so tests can switch it off and
 * nothing else has to know whether a notification daemon is running.
 *
 * A desktop notification is seen by anyone near the screen and may be kept
 * in the shell's history, so it says only that the app will lock: never a
 * name, a household or a user. */
struct _VitaNotifier
{
  GObject             parent_instance;

  /* Owned references */
  NotifyNotification *lock_warning;

  char               *last_text;
  guint               n_sent;
  gboolean            initialized;
  gboolean            enabled;
};

G_DEFINE_FINAL_TYPE (VitaNotifier, vita_notifier, G_TYPE_OBJECT)

static char *
dup_warning_text (guint seconds_left)
{
  if (seconds_left >= 60)
    return g_strdup (_("The app will lock in one minute"));
  /* Translators: shown when the idle lock is set shorter than two minutes. */
  return g_strdup (_("The app will lock in less than a minute"));
}

static void
vita_notifier_finalize (GObject *object)
{
  VitaNotifier *self = (VitaNotifier *)object;

  vita_notifier_shutdown (self);
  g_clear_pointer (&self->last_text, g_free);

  G_OBJECT_CLASS (vita_notifier_parent_class)->finalize (object);
}

static void
vita_notifier_class_init (VitaNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_notifier_finalize;
}

static void
vita_notifier_init (VitaNotifier *self)
{
  self->enabled = TRUE;
}

VitaNotifier *
vita_notifier_new (void)
{
  return g_object_new (VITA_TYPE_NOTIFIER, NULL);
}

/**
 * vita_notifier_startup:
 *
 * Called from the application's startup.  libnotify only records the name
 * here; it does not contact the daemon, so this cannot fail.
 */
void
vita_notifier_startup (VitaNotifier *self,
                       const char   *app_name)
{
  g_return_if_fail (VITA_IS_NOTIFIER (self));

  if (!self->initialized)
    self->initialized = notify_init (app_name);
}

/**
 * vita_notifier_shutdown:
 *
 * Called from the application's shutdown.  Closes a warning still on
 * screen, since the app that gave it is gone.
 */
void
vita_notifier_shutdown (VitaNotifier *self)
{
  g_return_if_fail (VITA_IS_NOTIFIER (self));

  vita_notifier_withdraw (self);
  if (self->initialized)
    {
      notify_uninit ();
      self->initialized = FALSE;
    }
}

/**
 * vita_notifier_warn_lock:
 * @seconds_left: how long until the app locks
 *
 * Tells the volunteer the app is about to lock.  There may be no
 * notification daemon (a kiosk session, the tests): then this returns
 * %FALSE and the caller shows the warning inside the window instead.
 *
 * Returns: whether the desktop showed the warning
 */
gboolean
vita_notifier_warn_lock (VitaNotifier  *self,
                         guint          seconds_left,
                         GError       **error)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (VITA_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text = dup_warning_text (seconds_left);
  g_free (self->last_text);
  self->last_text = g_strdup (text);

  if (!self->enabled || !self->initialized)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Desktop notifications are switched off");
      return FALSE;
    }

  if (self->lock_warning == NULL)
    {
      self->lock_warning = notify_notification_new (text,
                                                    _("Touch the keyboard or the mouse to keep working."),
                                                    NULL);
      /* Transient: the shell does not keep it in its message list. */
      notify_notification_set_hint (self->lock_warning, "transient", g_variant_new_boolean (TRUE));
      notify_notification_set_hint (self->lock_warning, "desktop-entry",
                                    g_variant_new_string (APP_ID));
      notify_notification_set_urgency (self->lock_warning, NOTIFY_URGENCY_NORMAL);
    }
  else
    notify_notification_update (self->lock_warning, text,
                                _("Touch the keyboard or the mouse to keep working."), NULL);

  if (!notify_notification_show (self->lock_warning, error))
    {
      g_clear_object (&self->lock_warning);
      return FALSE;
    }
  self->n_sent++;
  return TRUE;
}

/**
 * vita_notifier_withdraw:
 *
 * Closes the warning once the volunteer is back or the app has locked.
 */
void
vita_notifier_withdraw (VitaNotifier *self)
{
  g_return_if_fail (VITA_IS_NOTIFIER (self));

  if (self->lock_warning != NULL)
    {
      /* Failing to close means the daemon is gone, and the warning with it. */
      notify_notification_close (self->lock_warning, NULL);
      g_clear_object (&self->lock_warning);
    }
}

/**
 * vita_notifier_set_enabled:
 *
 * Tests switch desktop notifications off so no daemon is needed.
 */
void
vita_notifier_set_enabled (VitaNotifier *self,
                           gboolean      enabled)
{
  g_return_if_fail (VITA_IS_NOTIFIER (self));

  self->enabled = !!enabled;
}

guint
vita_notifier_get_n_sent (VitaNotifier *self)
{
  g_return_val_if_fail (VITA_IS_NOTIFIER (self), 0);
  return self->n_sent;
}

/**
 * vita_notifier_get_last_text:
 *
 * Returns: (nullable): the last warning's headline, for tests that check it
 *   names no one
 */
const char *
vita_notifier_get_last_text (VitaNotifier *self)
{
  g_return_val_if_fail (VITA_IS_NOTIFIER (self), NULL);
  return self->last_text;
}

/* Added for the coordinator workspace (vita-retention-page.c): a reminder
 * that households are past their retention date.  Like the lock warning it
 * says only how many, never which: the text may sit in the shell's
 * notification history where anyone at the computer can read it. */

/**
 * vita_notifier_remind_purge:
 * @n_due: how many households are past their retention date
 *
 * Returns: whether the desktop showed the reminder; when it did not (no
 *   daemon, notifications off) the caller shows the text in its window
 */
gboolean
vita_notifier_remind_purge (VitaNotifier  *self,
                            guint          n_due,
                            GError       **error)
{
  g_autoptr(GObject) notification = NULL;

  g_return_val_if_fail (VITA_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_free (self->last_text);
  self->last_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u household is due to be purged",
                                                  "%u households are due to be purged",
                                                  n_due),
                                     n_due);
  if (!self->enabled || !self->initialized)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Desktop notifications are switched off");
      return FALSE;
    }

  /* libnotify 0.8 declares no autoptr cleanup for its own type. */
  notification = G_OBJECT (notify_notification_new (self->last_text,
                                                    _("Open the coordinator workspace to purge them."),
                                                    NULL));
  notify_notification_set_hint (NOTIFY_NOTIFICATION (notification), "desktop-entry",
                                g_variant_new_string (APP_ID));
  if (!notify_notification_show (NOTIFY_NOTIFICATION (notification), error))
    return FALSE;
  self->n_sent++;
  return TRUE;
}

/**
 * vita_notifier_export_done:
 *
 * Tells the coordinator, even in another window or workspace, that an
 * export finished: writing a large one takes a while.  The text names
 * neither the file nor anything in it.
 *
 * Returns: whether the notification was shown
 */
gboolean
vita_notifier_export_done (VitaNotifier  *self,
                           GError       **error)
{
  g_autoptr(GObject) notification = NULL;

  g_return_val_if_fail (VITA_IS_NOTIFIER (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_free (self->last_text);
  self->last_text = g_strdup (_("Export finished"));
  if (!self->enabled || !self->initialized)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Desktop notifications are switched off");
      return FALSE;
    }

  /* libnotify 0.8 declares no autoptr cleanup for its own type. */
  notification = G_OBJECT (notify_notification_new (self->last_text,
                                                    _("The de-identified export and its risk "
                                                      "report were saved."),
                                                    NULL));
  notify_notification_set_hint (NOTIFY_NOTIFICATION (notification), "desktop-entry",
                                g_variant_new_string (APP_ID));
  if (!notify_notification_show (NOTIFY_NOTIFICATION (notification), error))
    return FALSE;
  self->n_sent++;
  return TRUE;
}
