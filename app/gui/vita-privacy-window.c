/* vita-privacy-window.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-gui-util.h"
#include "vita-i18n.h"
#include "vita-member-text.h"
#include "vita-notice.h"
#include "vita-privacy-window.h"
#include "vita-site-info.h"
#include "vita-store-households.h"

/* The privacy notice on screen, for a volunteer to turn toward the member.
 * It shows the notice in one language in large type and nothing from the
 * member's file, not even the household's name: people waiting nearby can
 * see the screen too.  The household is used only to record, by its id,
 * which notice version the member was shown and in which language.
 * Escape, or closing, returns to the volunteer's window. */

struct _VitaPrivacyWindow
{
  VitaMemberWindow   parent_instance;

  /* Template widgets */
  GtkDropDown       *language_dropdown;
  GtkToggleButton   *fullscreen_button;
  GtkScrolledWindow *scroller;
  GtkLabel          *text_label;

  /* Owned references */
  VitaNotice        *notice;
  VitaSiteInfo      *site_info;
  GHashTable        *recorded;      /* languages already recorded as shown */

  gboolean           constructed;   /* renders wait for all properties */
};

G_DEFINE_FINAL_TYPE (VitaPrivacyWindow, vita_privacy_window, VITA_TYPE_MEMBER_WINDOW)

#define MEMBER(self) VITA_MEMBER_WINDOW (self)

typedef struct
{
  VitaStore    *store;
  gint64        household_id;
  int           tax_year;
  VitaNotice   *notice;
  VitaSiteInfo *site_info;
  char         *language;
  char         *version;
  char         *text;      /* the notice as vita_notice_dup_text() gives it */
  GHashTable   *headings;  /* the texts of its headings, to set them in bold */
} ScreenData;

static void
screen_data_free (ScreenData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->notice);
  g_clear_pointer (&data->site_info, vita_site_info_free);
  g_free (data->language);
  g_free (data->version);
  g_free (data->text);
  g_clear_pointer (&data->headings, g_hash_table_unref);
  g_free (data);
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

static void
render_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ScreenData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) sections = NULL;
  g_autofree char *retention = NULL;
  VitaNoticeSite site;

  /* The notice and the site settings are read once, on the first render. */
  if (data->notice == NULL)
    data->notice = vita_notice_load (NULL, &error);
  if (data->notice != NULL && data->site_info == NULL)
    data->site_info = vita_site_info_load (data->store, data->household_id, data->tax_year, &error);
  if (data->site_info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  retention = vita_site_info_fill (data->site_info, data->notice, data->language, FALSE, &site);
  data->text = vita_notice_dup_text (data->notice, data->language, &site, &error);
  if (data->text == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  /* The same rule as for printing: text that promises what nobody can
   * keep is not put in front of a member. */
  if (!vita_notice_check_text (data->language, data->text, NULL))
    {
      g_task_return_new_error (task, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_INVALID, "%s",
                               _("This notice cannot be shown: its text or the site’s settings "
                                 "make a promise nobody can keep. Open the privacy notice dialog "
                                 "to see where, and ask the site coordinator to correct it."));
      return;
    }

  data->headings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sections = vita_notice_dup_section_ids (data->notice);
  for (guint i = 0; sections[i] != NULL; i++)
    {
      char *heading = vita_notice_dup_heading (data->notice, sections[i], data->language, NULL);

      if (heading != NULL)
        g_hash_table_add (data->headings, heading);
    }

  g_task_return_boolean (task, TRUE);
}

static void
record_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ScreenData *data = task_data;
  g_autoptr(GError) error = NULL;

  if (vita_store_record_notice (data->store, data->household_id, data->version, data->language,
                                NULL, "screen", &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VitaPrivacyWindow *self = VITA_PRIVACY_WINDOW (object);
  ScreenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    return;

  /* Let the language be recorded again the next time it is chosen.  The
   * member's screen is no place for an error; the log has it. */
  g_hash_table_remove (self->recorded, data->language);
  if (!vita_gui_error_is_silent (error))
    g_warning ("The notice shown on screen was not recorded: %s", error->message);
}

static void
record_shown (VitaPrivacyWindow *self)
{
  const char *language = vita_member_window_get_language (MEMBER (self));
  g_autoptr(GTask) task = NULL;
  ScreenData *data;

  if (vita_member_window_get_household_id (MEMBER (self)) == 0
      || g_hash_table_contains (self->recorded, language))
    return;
  g_hash_table_add (self->recorded, (gpointer) language);

  data = g_new0 (ScreenData, 1);
  data->store = g_object_ref (vita_member_window_get_store (MEMBER (self)));
  data->household_id = vita_member_window_get_household_id (MEMBER (self));
  data->language = g_strdup (language);
  data->version = g_strdup (vita_notice_get_version (self->notice));

  task = g_task_new (self, vita_member_window_get_cancellable (MEMBER (self)), record_cb, NULL);
  g_task_set_source_tag (task, record_shown);
  g_task_set_task_data (task, data, (GDestroyNotify) screen_data_free);
  g_task_run_in_thread (task, record_worker);
}

/* ------------------------------------------------------------------ */
/* Showing the text                                                    */
/* ------------------------------------------------------------------ */

/* The notice's blocks in markup: the title and headings in bold.  The
 * label's plain text stays exactly the notice text. */
static char *
dup_markup (const char *text,
            GHashTable *headings)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  g_auto(GStrv) blocks = g_strsplit (trimmed, "\n\n", -1);

  for (guint i = 0; blocks[i] != NULL; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (blocks[i], -1);

      if (i > 0)
        g_string_append (markup, "\n\n");
      if (i == 0)
        g_string_append_printf (markup, "<span size=\"x-large\" weight=\"bold\">%s</span>", escaped);
      else if (g_hash_table_contains (headings, blocks[i]))
        g_string_append_printf (markup, "<span size=\"larger\" weight=\"bold\">%s</span>", escaped);
      else
        g_string_append (markup, escaped);
    }

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
render_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VitaPrivacyWindow *self = VITA_PRIVACY_WINDOW (object);
  ScreenData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (vita_gui_error_is_silent (error))
        return;
      /* Said in the volunteer's language: the member sees an empty screen
       * rather than a notice that is silently in another language. */
      gtk_label_set_text (self->text_label, error->message);
      return;
    }

  if (self->notice == NULL)
    self->notice = g_steal_pointer (&data->notice);
  if (self->site_info == NULL)
    self->site_info = g_steal_pointer (&data->site_info);

  /* A late result for a language the volunteer has already moved away
   * from is dropped; the newer one is on its way. */
  if (g_strcmp0 (data->language, vita_member_window_get_language (MEMBER (self))) != 0)
    return;

  markup = dup_markup (data->text, data->headings);
  gtk_label_set_markup (self->text_label, markup);
  vita_member_text_keep_words (self->text_label);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);

  /* The window title is what a task switcher shows: the notice's title. */
  lines = g_strsplit (data->text, "\n", 2);
  gtk_window_set_title (GTK_WINDOW (self), lines[0]);

  record_shown (self);
}

static void
render (VitaPrivacyWindow *self)
{
  g_autoptr(GTask) task = NULL;
  ScreenData *data = g_new0 (ScreenData, 1);

  data->store = g_object_ref (vita_member_window_get_store (MEMBER (self)));
  data->household_id = vita_member_window_get_household_id (MEMBER (self));
  data->tax_year = vita_member_window_get_tax_year (MEMBER (self));
  data->notice = self->notice ? g_object_ref (self->notice) : NULL;
  data->language = g_strdup (vita_member_window_get_language (MEMBER (self)));
  if (self->site_info != NULL)
    {
      /* The worker needs its own copy; the window keeps the original. */
      data->site_info = g_new0 (VitaSiteInfo, 1);
      data->site_info->site_name = g_strdup (self->site_info->site_name);
      data->site_info->site_contact = g_strdup (self->site_info->site_contact);
      data->site_info->legal_referral = g_strdup (self->site_info->legal_referral);
      data->site_info->purge_date = g_strdup (self->site_info->purge_date);
      data->site_info->purge_pending = self->site_info->purge_pending;
      data->site_info->data_mode = g_strdup (self->site_info->data_mode);
      data->site_info->contact_days = self->site_info->contact_days;
      data->site_info->missing = g_ptr_array_copy (self->site_info->missing, NULL, NULL);
    }

  task = g_task_new (self, vita_member_window_get_cancellable (MEMBER (self)), render_cb, NULL);
  g_task_set_source_tag (task, render);
  g_task_set_task_data (task, data, (GDestroyNotify) screen_data_free);
  g_task_run_in_thread (task, render_worker);
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */
/* ------------------------------------------------------------------ */

static void
language_changed_cb (VitaPrivacyWindow *self)
{
  if (vita_member_window_language_chosen (MEMBER (self)) && self->constructed)
    render (self);
}

static void
fullscreen_toggled_cb (VitaPrivacyWindow *self)
{
  if (gtk_toggle_button_get_active (self->fullscreen_button))
    gtk_window_fullscreen (GTK_WINDOW (self));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
}

static void
fullscreened_cb (VitaPrivacyWindow *self)
{
  gboolean fullscreen = gtk_window_is_fullscreen (GTK_WINDOW (self));

  /* The window manager may leave full screen on its own (F11, a
   * shortcut); the button follows. */
  if (gtk_toggle_button_get_active (self->fullscreen_button) != fullscreen)
    gtk_toggle_button_set_active (self->fullscreen_button, fullscreen);
  gtk_button_set_icon_name (GTK_BUTTON (self->fullscreen_button),
                            fullscreen ? "view-restore-symbolic" : "view-fullscreen-symbolic");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->fullscreen_button),
                               fullscreen ? _("Leave Full Screen") : _("Full Screen"));
}

static void
toggle_fullscreen_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *param)
{
  VitaPrivacyWindow *self = VITA_PRIVACY_WINDOW (widget);

  gtk_toggle_button_set_active (self->fullscreen_button,
                                !gtk_toggle_button_get_active (self->fullscreen_button));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vita_privacy_window_constructed (GObject *object)
{
  VitaPrivacyWindow *self = (VitaPrivacyWindow *)object;

  G_OBJECT_CLASS (vita_privacy_window_parent_class)->constructed (object);

  g_signal_connect_object (self, "notify::fullscreened", G_CALLBACK (fullscreened_cb), self,
                           G_CONNECT_SWAPPED);
  self->constructed = TRUE;
  render (self);
}

static void
vita_privacy_window_dispose (GObject *object)
{
  VitaPrivacyWindow *self = (VitaPrivacyWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_PRIVACY_WINDOW);

  G_OBJECT_CLASS (vita_privacy_window_parent_class)->dispose (object);
}

static void
vita_privacy_window_finalize (GObject *object)
{
  VitaPrivacyWindow *self = (VitaPrivacyWindow *)object;

  g_clear_object (&self->notice);
  g_clear_pointer (&self->site_info, vita_site_info_free);
  g_clear_pointer (&self->recorded, g_hash_table_unref);

  G_OBJECT_CLASS (vita_privacy_window_parent_class)->finalize (object);
}

static void
vita_privacy_window_class_init (VitaPrivacyWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vita_privacy_window_constructed;
  object_class->dispose = vita_privacy_window_dispose;
  object_class->finalize = vita_privacy_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/vitasites/Intake/ui/vita-privacy-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaPrivacyWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VitaPrivacyWindow, fullscreen_button);
  gtk_widget_class_bind_template_child (widget_class, VitaPrivacyWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, VitaPrivacyWindow, text_label);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, fullscreen_toggled_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "privacy.toggle-fullscreen", NULL,
                                   toggle_fullscreen_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "privacy.toggle-fullscreen", NULL);
}

static void
vita_privacy_window_init (VitaPrivacyWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->recorded = g_hash_table_new (g_str_hash, g_str_equal);
  vita_member_window_set_language_chooser (MEMBER (self), GTK_WIDGET (self->language_dropdown));
}

/**
 * vita_privacy_window_new:
 * @parent: (nullable): the volunteer's window, which it returns to
 * @store: an unlocked store
 * @household: the household whose member is shown the notice; only its id
 *   (for the record) and tax year (for the deletion date) are read
 * @language: (nullable): the member's language, or %NULL for the
 *   household's
 *
 * Returns: (transfer none): a new window; present it
 */
GtkWindow *
vita_privacy_window_new (GtkWindow     *parent,
                         VitaStore     *store,
                         VitaHousehold *household,
                         const char    *language)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);

  if (language == NULL)
    language = vita_household_get_language (household);

  return g_object_new (VITA_TYPE_PRIVACY_WINDOW,
                       "transient-for", parent,
                       "household", household,
                       "language", language,
                       "store", store,
                       NULL);
}

const char *
vita_privacy_window_get_language (VitaPrivacyWindow *self)
{
  g_return_val_if_fail (VITA_IS_PRIVACY_WINDOW (self), NULL);

  return vita_member_window_get_language (MEMBER (self));
}

void
vita_privacy_window_set_language (VitaPrivacyWindow *self,
                                  const char        *language)
{
  g_return_if_fail (VITA_IS_PRIVACY_WINDOW (self));

  vita_member_window_set_language (MEMBER (self), language);
}
