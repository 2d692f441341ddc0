/* vita-consent-window.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "vita-clock.h"
#include "vita-consent-text.h"
#include "vita-consent-window.h"
#include "vita-gui-util.h"
#include "vita-i18n.h"
#include "vita-member-text.h"
#include "vita-notice.h"
#include "vita-receipt-print.h"
#include "vita-member-check.h"
#include "vita-site-info.h"
#include "vita-store-records.h"

/* The consent screen: Form 15080 and the consent to use, in the member's
 * language, with nothing else on it.  Both boxes start empty, because a
 * consent under §7216 must be an affirmative act; "Record" records the
 * boxes as they are, so saying no is exactly as easy as saying yes, and a
 * refusal is recorded like a consent.  Each consent kind gets its own
 * record (a use consent and a disclosure consent are separate documents).
 *
 * The language recorded is the one the member read: "ko", or "ko+en" when
 * some paragraphs had no current Korean translation and were shown in
 * English. */

#define TEXT_VERSION_PREFIX "consent-"

struct _VitaConsentWindow
{
  VitaMemberWindow   parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkDropDown       *language_dropdown;
  GtkRevealer       *warning_revealer;
  GtkImage          *warning_icon;
  GtkLabel          *warning_label;
  GtkScrolledWindow *scroller;
  GtkWidget         *content_box;
  GtkBox            *before_box;
  GtkWidget         *duration_box;
  GtkCheckButton    *year_button;
  GtkCheckButton    *longest_button;
  GtkCheckButton    *shorter_button;
  GtkLabel          *months_label;
  GtkSpinButton     *months_spin;
  GtkBox            *after_box;
  GtkButton         *record_button;
  GtkLabel          *result_label;
  GtkButton         *print_button;

  /* Owned references */
  VitaConsentText   *text;
  VitaNotice        *notice;       /* for writing dates in the member's language */
  VitaSiteInfo      *site_info;
  GHashTable        *checks;       /* language code -> VitaLangCheck */
  GHashTable        *choices;      /* consent kind -> GtkCheckButton */
  char              *recorded_at;  /* YYYY-MM-DD once recorded */
  char              *recorded_until;
  char              *recorded_language;
  GHashTable        *recorded;     /* consent kind -> "yes"/"no" */

  int                person;
  gboolean           busy;
};

G_DEFINE_FINAL_TYPE (VitaConsentWindow, vita_consent_window, VITA_TYPE_MEMBER_WINDOW)

#define MEMBER(self) VITA_MEMBER_WINDOW (self)

enum {
  PROP_0,
  PROP_PERSON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  VitaStore       *store;
  gint64           household_id;
  VitaConsentText *text;
  VitaNotice      *notice;
  VitaSiteInfo    *site_info;
  GHashTable      *checks;
} LoadData;

typedef struct
{
  VitaStore  *store;
  gint64      household_id;
  int         person;
  char       *text_version;
  char       *language;
  char       *valid_until;
  char      **kinds;
  gboolean   *granted;
} RecordData;

/* The language the member chose, a static string. */
static const char *
member_language (VitaConsentWindow *self)
{
  return vita_member_window_get_language (MEMBER (self));
}

static void
load_data_free (LoadData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->text);
  g_clear_object (&data->notice);
  g_clear_pointer (&data->site_info, vita_site_info_free);
  g_clear_pointer (&data->checks, g_hash_table_unref);
  g_free (data);
}

static void
record_data_free (RecordData *data)
{
  g_clear_object (&data->store);
  g_free (data->text_version);
  g_free (data->language);
  g_free (data->valid_until);
  g_strfreev (data->kinds);
  g_free (data->granted);
  g_free (data);
}

static void
toast (VitaConsentWindow *self,
       const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = vita_clock_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* @iso is YYYY-MM-DD: today, or a date the consent file's loader checked. */
static GDate *
parse_date (const char *iso)
{
  return g_date_new_dmy ((GDateDay) g_ascii_strtoull (iso + 8, NULL, 10),
                         (GDateMonth) g_ascii_strtoull (iso + 5, NULL, 10),
                         (GDateYear) g_ascii_strtoull (iso, NULL, 10));
}

static char *
format_iso (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* ------------------------------------------------------------------ */
/* Loading and checking, in a worker                                   */
/* ------------------------------------------------------------------ */

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  g_autoptr(GError) error = NULL;

  data->text = vita_consent_text_load (NULL, &error);
  if (data->text != NULL)
    data->notice = vita_notice_load (NULL, &error);
  if (data->notice != NULL)
    data->site_info = vita_site_info_load (data->store, data->household_id, 0, &error);
  if (data->site_info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data->checks = vita_member_check_consent_languages (data->text, data->site_info);

  g_task_return_boolean (task, TRUE);
}

/* ------------------------------------------------------------------ */
/* Member-facing text                                                  */
/* ------------------------------------------------------------------ */

static char *
format_date (VitaConsentWindow *self,
             const char        *language,
             const char        *iso)
{
  char *text = vita_notice_format_date (self->notice, language, iso, NULL);

  return text != NULL ? text : g_strdup (iso);
}

/* Placeholder values in @language; @date and @answer are for the lines
 * that have them. */
static GHashTable *
make_vars (VitaConsentWindow *self,
           const char        *language,
           const char        *date,
           const char        *answer)
{
  GHashTable *vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *blank = vita_consent_text_dup (self->text, "blank", language, NULL, NULL, NULL);
  const VitaSiteInfo *info = self->site_info;

  g_hash_table_insert (vars, "site_name", g_strdup (info->site_name ? info->site_name : blank));
  g_hash_table_insert (vars, "site_contact", g_strdup (info->site_contact ? info->site_contact : blank));
  g_hash_table_insert (vars, "valid_through",
                       format_date (self, language, vita_consent_text_get_valid_through (self->text)));
  g_hash_table_insert (vars, "version", g_strdup (vita_consent_text_get_version (self->text)));
  g_hash_table_insert (vars, "language", g_strdup (vita_i18n_language_name (language)));
  if (date != NULL)
    g_hash_table_insert (vars, "date", format_date (self, language, date));
  if (answer != NULL)
    g_hash_table_insert (vars, "answer", g_strdup (answer));

  return vars;
}

static char *
dup_text (VitaConsentWindow *self,
          const char        *id,
          const char        *date,
          const char        *answer)
{
  g_autoptr(GHashTable) vars = make_vars (self, member_language (self), date, answer);
  char *text = vita_consent_text_dup (self->text, id, member_language (self), vars, NULL, NULL);

  /* Missing only if the file changed under us; an id is better than a
   * crash, and vita_consent_text_check() reports it. */
  return text != NULL ? text : g_strdup (id);
}

static GtkWidget *
make_label (const char *text,
            const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  vita_member_text_keep_words (GTK_LABEL (label));
  if (style != NULL)
    gtk_widget_add_css_class (label, style);

  return label;
}

static void
choice_toggled_cb (VitaConsentWindow *self);

static GtkWidget *
make_choice (VitaConsentWindow *self,
             const char        *id)
{
  const char *kind = vita_consent_text_get_consent_kind (self->text, id);
  g_autofree char *text = dup_text (self, id, NULL, NULL);
  g_autofree char *name = g_strconcat ("choice-", kind, NULL);
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *label = make_label (text, NULL);

  /* Unchecked, whatever was chosen before the language was changed: the
   * member ticks the box after reading the text in their own language. */
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label);
  gtk_widget_set_name (check, name);
  gtk_widget_add_css_class (check, "consent-choice");
  gtk_widget_set_margin_top (check, 6);
  gtk_widget_set_margin_bottom (check, 12);
  g_signal_connect_object (check, "toggled", G_CALLBACK (choice_toggled_cb), self,
                           G_CONNECT_SWAPPED);
  g_hash_table_insert (self->choices, g_strdup (kind), check);

  return check;
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

/* Where the duration choices go: after the section that explains them,
 * or else after the last consent. */
static const char *
duration_section (VitaConsentWindow *self,
                  char             **ids)
{
  const char *last_choice = NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *section = vita_consent_text_get_section (self->text, ids[i]);

      if (g_strcmp0 (section, "duration") == 0)
        return "duration";
      if (vita_consent_text_get_unit_kind (self->text, ids[i]) == VITA_CONSENT_UNIT_CHOICE)
        last_choice = section;
    }

  return last_choice;
}

static void
update_duration_labels (VitaConsentWindow *self);

static void
build_screen (VitaConsentWindow *self)
{
  g_auto(GStrv) ids = vita_consent_text_dup_screen_ids (self->text);
  const char *chooser_after = duration_section (self, ids);
  const char *previous = NULL;
  GtkBox *box = self->before_box;
  g_autofree char *label = NULL;

  clear_box (self->before_box);
  clear_box (self->after_box);
  g_hash_table_remove_all (self->choices);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      const char *section = vita_consent_text_get_section (self->text, ids[i]);
      g_autofree char *text = NULL;

      /* Sections after the one the duration choices follow go below them. */
      if (chooser_after != NULL && g_strcmp0 (previous, chooser_after) == 0
          && g_strcmp0 (section, chooser_after) != 0)
        box = self->after_box;
      previous = section;

      switch (vita_consent_text_get_unit_kind (self->text, ids[i]))
        {
        case VITA_CONSENT_UNIT_TITLE:
          text = dup_text (self, ids[i], NULL, NULL);
          gtk_box_append (box, make_label (text, "consent-title"));
          break;
        case VITA_CONSENT_UNIT_HEADING:
          text = dup_text (self, ids[i], NULL, NULL);
          gtk_box_append (box, make_label (text, "consent-heading"));
          gtk_widget_set_margin_top (gtk_widget_get_last_child (GTK_WIDGET (box)), 18);
          break;
        case VITA_CONSENT_UNIT_PARAGRAPH:
          text = dup_text (self, ids[i], NULL, NULL);
          gtk_box_append (box, make_label (text, NULL));
          break;
        case VITA_CONSENT_UNIT_CHOICE:
          gtk_box_append (box, make_choice (self, ids[i]));
          break;
        case VITA_CONSENT_UNIT_LABEL:
        default:
          break;
        }
    }

  label = dup_text (self, "record", NULL, NULL);
  gtk_button_set_label (self->record_button, label);
  g_free (g_steal_pointer (&label));
  label = dup_text (self, "print", NULL, NULL);
  gtk_button_set_label (self->print_button, label);
  g_free (g_steal_pointer (&label));
  label = dup_text (self, "duration.months", NULL, NULL);
  gtk_label_set_text (self->months_label, label);
  vita_member_text_keep_words (self->months_label);

  update_duration_labels (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

/* ------------------------------------------------------------------ */
/* Duration                                                            */
/* ------------------------------------------------------------------ */

/* The last day of the permission for one duration choice, never after the
 * form's own limit. */
static char *
dup_until (VitaConsentWindow *self,
           GtkCheckButton    *choice)
{
  g_autofree char *today = today_iso ();
  g_autoptr(GDate) date = parse_date (today);
  g_autoptr(GDate) limit = parse_date (vita_consent_text_get_valid_through (self->text));

  if (choice == self->longest_button)
    return format_iso (limit);
  if (choice == self->shorter_button)
    g_date_add_months (date, gtk_spin_button_get_value_as_int (self->months_spin));
  else
    g_date_add_years (date, 1);
  if (g_date_compare (date, limit) > 0)
    *date = *limit;

  return format_iso (date);
}

static GtkCheckButton *
chosen_duration (VitaConsentWindow *self)
{
  if (gtk_check_button_get_active (self->longest_button))
    return self->longest_button;
  if (gtk_check_button_get_active (self->shorter_button))
    return self->shorter_button;
  return self->year_button;
}

static void
update_duration_labels (VitaConsentWindow *self)
{
  GtkCheckButton *buttons[] = { self->year_button, self->longest_button, self->shorter_button };
  const char *ids[] = { "duration.year", "duration.longest", "duration.shorter" };
  g_autofree char *year = dup_until (self, self->year_button);
  g_autofree char *longest = dup_until (self, self->longest_button);

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      g_autofree char *until = dup_until (self, buttons[i]);
      g_autofree char *text = dup_text (self, ids[i], until, NULL);
      GtkWidget *label = gtk_check_button_get_child (buttons[i]);

      if (label == NULL)
        {
          label = make_label (NULL, NULL);
          gtk_check_button_set_child (buttons[i], label);
        }
      gtk_label_set_text (GTK_LABEL (label), text);
      vita_member_text_keep_words (GTK_LABEL (label));
    }

  /* Late in the form's life one year reaches past its limit, and the two
   * first choices are the same date; one is enough. */
  gtk_widget_set_visible (GTK_WIDGET (self->longest_button), g_strcmp0 (year, longest) != 0);
}

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

static gboolean
any_granted (VitaConsentWindow *self)
{
  GHashTableIter iter;
  gpointer check;

  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    {
      if (gtk_check_button_get_active (check))
        return TRUE;
    }

  return FALSE;
}

static void
show_warning (VitaConsentWindow *self,
              const char        *message,
              gboolean           error)
{
  gtk_label_set_text (self->warning_label, message ? message : "");
  gtk_image_set_from_icon_name (self->warning_icon,
                                error ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->warning_icon), error ? "warning" : "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->warning_icon), error ? "error" : "warning");
  gtk_revealer_set_reveal_child (self->warning_revealer, message != NULL);
}

/* Returns: why nothing may be recorded on this screen, or %NULL */
static char *
dup_block_reason (VitaConsentWindow *self)
{
  VitaLangCheck *check = g_hash_table_lookup (self->checks, member_language (self));
  g_autofree char *today = today_iso ();

  if (!check->available)
    return g_strdup (check->error);
  if (check->promises->len > 0)
    return g_strdup_printf (_("This consent text cannot be used: it makes a promise nobody can "
                              "keep (%s). Ask the site coordinator to have it corrected."),
                            (char *) g_ptr_array_index (check->promises, 0));
  if (strcmp (today, vita_consent_text_get_valid_through (self->text)) > 0)
    /* Translators: %s is a form revision, then a YYYY-MM-DD date. */
    return g_strdup_printf (_("This consent text follows Form %s, which may not be used after %s. "
                              "A newer version of the app’s consent text is needed."),
                            vita_consent_text_get_form (self->text),
                            vita_consent_text_get_valid_through (self->text));
  if (vita_member_window_get_household_id (MEMBER (self)) == 0)
    return g_strdup (_("Save the household before recording consent."));

  return NULL;
}

static void
update_actions (VitaConsentWindow *self)
{
  g_autofree char *blocked = NULL;
  gboolean ready = self->checks != NULL;
  gboolean recorded = self->recorded_at != NULL;

  if (ready)
    blocked = dup_block_reason (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.record",
                                 ready && blocked == NULL && !recorded && !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.print-receipt",
                                 recorded && !self->busy);
  gtk_widget_set_sensitive (self->duration_box, ready && !recorded && any_granted (self));
  gtk_widget_set_sensitive (GTK_WIDGET (self->months_spin),
                            gtk_check_button_get_active (self->shorter_button));
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), !recorded && !self->busy);
}

static void
update_status (VitaConsentWindow *self)
{
  g_autofree char *blocked = NULL;
  g_autofree char *message = NULL;
  VitaLangCheck *check;

  if (self->checks == NULL)
    return;

  check = g_hash_table_lookup (self->checks, member_language (self));
  blocked = dup_block_reason (self);
  /* A text that cannot be shown in this language, or that promises what
   * nobody can keep, is not put in front of the member at all. */
  gtk_widget_set_visible (self->content_box, check->available && check->promises->len == 0);
  if (blocked != NULL)
    show_warning (self, blocked, TRUE);
  else if (check->n_untranslated > 0)
    {
      /* Translators: %s is a language's own name, such as 한국어.  Shown to
       * the volunteer above the consent. */
      message = g_strdup_printf (_("Parts of this consent have no up-to-date translation into %s "
                                   "and are shown in English. Read them with the member, with "
                                   "an interpreter if needed, before the member decides."),
                                 vita_i18n_language_name (member_language (self)));
      show_warning (self, message, FALSE);
    }
  else
    show_warning (self, NULL, FALSE);

  update_actions (self);
}

static void
load_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  VitaConsentWindow *self = VITA_CONSENT_WINDOW (object);
  LoadData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!vita_gui_error_is_silent (error))
        show_warning (self, error->message, TRUE);
      return;
    }

  self->text = g_steal_pointer (&data->text);
  self->notice = g_steal_pointer (&data->notice);
  self->site_info = g_steal_pointer (&data->site_info);
  self->checks = g_steal_pointer (&data->checks);

  build_screen (self);
  update_status (self);
}

/* ------------------------------------------------------------------ */
/* Recording                                                           */
/* ------------------------------------------------------------------ */

static void
record_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  RecordData *data = task_data;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; data->kinds[i] != NULL; i++)
    {
      /* A refusal has no duration: there is nothing to last. */
      if (vita_store_record_consent (data->store, data->household_id, data->person,
                                     data->kinds[i], data->granted[i], data->text_version,
                                     data->language, data->granted[i] ? data->valid_until : NULL,
                                     &error) == 0)
        {
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  g_task_return_boolean (task, TRUE);
}

static void
record_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VitaConsentWindow *self = VITA_CONSENT_WINDOW (object);
  RecordData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer check;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!vita_gui_error_is_silent (error))
        toast (self, error->message);
      update_actions (self);
      return;
    }

  self->recorded_at = today_iso ();
  self->recorded_language = g_strdup (member_language (self));
  for (guint i = 0; data->kinds[i] != NULL; i++)
    g_hash_table_insert (self->recorded, g_strdup (data->kinds[i]),
                         GINT_TO_POINTER (data->granted[i]));
  for (guint i = 0; data->kinds[i] != NULL; i++)
    if (data->granted[i])
      self->recorded_until = g_strdup (data->valid_until);

  /* What was recorded can no longer be changed here: taking a consent back
   * is a revocation, which the store keeps as its own record. */
  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, NULL, &check))
    gtk_widget_set_sensitive (check, FALSE);

  text = dup_text (self, "recorded", self->recorded_at, NULL);
  gtk_label_set_text (self->result_label, text);
  vita_member_text_keep_words (self->result_label);
  gtk_widget_set_visible (GTK_WIDGET (self->result_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->print_button), TRUE);
  update_actions (self);
}

static void
record_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaConsentWindow *self = VITA_CONSENT_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  g_autofree char *blocked = NULL;
  VitaLangCheck *check;
  RecordData *data;
  guint n;

  if (self->checks == NULL || self->busy || self->recorded_at != NULL
      || (blocked = dup_block_reason (self)) != NULL)
    return;

  check = g_hash_table_lookup (self->checks, member_language (self));
  data = g_new0 (RecordData, 1);
  data->store = g_object_ref (vita_member_window_get_store (MEMBER (self)));
  data->household_id = vita_member_window_get_household_id (MEMBER (self));
  data->person = self->person;
  data->text_version = g_strconcat (TEXT_VERSION_PREFIX, vita_consent_text_get_version (self->text), NULL);
  data->language = g_strconcat (member_language (self), check->n_untranslated > 0 && !g_str_equal (member_language (self), "en")
                                ? "+en" : "", NULL);
  data->valid_until = dup_until (self, chosen_duration (self));
  data->kinds = vita_consent_text_dup_kinds (self->text);
  n = g_strv_length (data->kinds);
  data->granted = g_new0 (gboolean, n);
  for (guint i = 0; i < n; i++)
    data->granted[i] = gtk_check_button_get_active (g_hash_table_lookup (self->choices, data->kinds[i]));

  self->busy = TRUE;
  update_actions (self);
  task = g_task_new (self, vita_member_window_get_cancellable (MEMBER (self)), record_cb, NULL);
  g_task_set_source_tag (task, record_action);
  g_task_set_task_data (task, data, (GDestroyNotify) record_data_free);
  g_task_run_in_thread (task, record_worker);
}

/* ------------------------------------------------------------------ */
/* The receipt                                                         */
/* ------------------------------------------------------------------ */

static void
append_line (GString    *markup,
             const char *text,
             gboolean    bold)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append_printf (markup, bold ? "<b>%s</b>" : "%s", escaped);
}

static void
append_section (VitaConsentWindow *self,
                GString           *markup,
                const char        *section)
{
  g_auto(GStrv) ids = vita_consent_text_dup_screen_ids (self->text);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *text = NULL;
      gboolean heading;

      if (g_strcmp0 (vita_consent_text_get_section (self->text, ids[i]), section) != 0)
        continue;
      heading = vita_consent_text_get_unit_kind (self->text, ids[i]) == VITA_CONSENT_UNIT_HEADING;
      text = dup_text (self, ids[i], NULL, NULL);
      if (heading)
        g_string_append_c (markup, '\n');
      append_line (markup, text, heading);
    }
}

/* The receipt in the member's language: which consents were given or
 * refused, until when, on which date, and how to take them back.  Nothing
 * from the member's file is on it (no name, number or address), so a lost
 * receipt tells a finder nothing about who it belongs to. */
static char *
dup_receipt_markup (VitaConsentWindow *self)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_auto(GStrv) kinds = vita_consent_text_dup_kinds (self->text);
  g_autofree char *title = dup_text (self, "receipt.title", NULL, NULL);
  g_autofree char *site = dup_text (self, "receipt.site", NULL, NULL);
  g_autofree char *when = dup_text (self, "receipt.recorded", self->recorded_at, NULL);
  g_autofree char *yes = dup_text (self, "answer.yes", NULL, NULL);
  g_autofree char *no = dup_text (self, "answer.no", NULL, NULL);
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  g_string_append_printf (markup, "<span size=\"x-large\" weight=\"bold\">%s</span>\n", escaped);
  append_line (markup, site, FALSE);
  append_line (markup, when, FALSE);
  g_string_append_c (markup, '\n');

  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *id = g_strconcat ("receipt.", kinds[i], NULL);
      gboolean granted = GPOINTER_TO_INT (g_hash_table_lookup (self->recorded, kinds[i]));
      g_autofree char *line = dup_text (self, id, NULL, granted ? yes : no);

      append_line (markup, line, TRUE);
    }

  if (self->recorded_until != NULL)
    {
      g_autofree char *until = dup_text (self, "receipt.until", self->recorded_until, NULL);

      append_line (markup, until, FALSE);
    }
  else
    {
      g_autofree char *none = dup_text (self, "receipt.none", NULL, NULL);

      append_line (markup, none, FALSE);
    }

  append_section (self, markup, "revoke");
  append_section (self, markup, "tigta");

  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static void
receipt_done_cb (gboolean      printed,
                 const GError *error,
                 gpointer      user_data)
{
  g_autoptr(VitaConsentWindow) self = user_data;

  self->busy = FALSE;
  update_actions (self);
  if (error != NULL)
    toast (self, error->message);
}

static void
print_receipt_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  VitaConsentWindow *self = VITA_CONSENT_WINDOW (widget);
  g_autofree char *markup = NULL;
  g_autofree char *title = NULL;

  if (self->recorded_at == NULL || self->busy)
    return;

  markup = dup_receipt_markup (self);
  title = dup_text (self, "receipt.title", NULL, NULL);
  self->busy = TRUE;
  update_actions (self);
  vita_receipt_print (GTK_WINDOW (self), title, self->recorded_language, markup, NULL,
                      receipt_done_cb, g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* Callbacks                                                           */
/* ------------------------------------------------------------------ */

static void
language_changed_cb (VitaConsentWindow *self)
{
  if (!vita_member_window_language_chosen (MEMBER (self)))
    return;

  if (self->checks != NULL)
    {
      build_screen (self);
      update_status (self);
    }
}

static void
duration_changed_cb (VitaConsentWindow *self)
{
  update_actions (self);
}

static void
months_changed_cb (VitaConsentWindow *self)
{
  if (self->checks != NULL)
    update_duration_labels (self);
}

static void
choice_toggled_cb (VitaConsentWindow *self)
{
  update_actions (self);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vita_consent_window_constructed (GObject *object)
{
  VitaConsentWindow *self = (VitaConsentWindow *)object;
  g_autoptr(GTask) task = NULL;
  LoadData *data;

  G_OBJECT_CLASS (vita_consent_window_parent_class)->constructed (object);

  update_actions (self);

  data = g_new0 (LoadData, 1);
  data->store = g_object_ref (vita_member_window_get_store (MEMBER (self)));
  data->household_id = vita_member_window_get_household_id (MEMBER (self));
  task = g_task_new (self, vita_member_window_get_cancellable (MEMBER (self)), load_cb, NULL);
  g_task_set_source_tag (task, vita_consent_window_constructed);
  g_task_set_task_data (task, data, (GDestroyNotify) load_data_free);
  g_task_run_in_thread (task, load_worker);
}

static void
vita_consent_window_dispose (GObject *object)
{
  VitaConsentWindow *self = (VitaConsentWindow *)object;

  g_clear_pointer (&self->choices, g_hash_table_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_CONSENT_WINDOW);

  G_OBJECT_CLASS (vita_consent_window_parent_class)->dispose (object);
}

static void
vita_consent_window_finalize (GObject *object)
{
  VitaConsentWindow *self = (VitaConsentWindow *)object;

  g_clear_object (&self->text);
  g_clear_object (&self->notice);
  g_clear_pointer (&self->site_info, vita_site_info_free);
  g_clear_pointer (&self->checks, g_hash_table_unref);
  g_clear_pointer (&self->recorded, g_hash_table_unref);
  g_clear_pointer (&self->recorded_at, g_free);
  g_clear_pointer (&self->recorded_until, g_free);
  g_clear_pointer (&self->recorded_language, g_free);

  G_OBJECT_CLASS (vita_consent_window_parent_class)->finalize (object);
}

static void
vita_consent_window_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  VitaConsentWindow *self = VITA_CONSENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      g_value_set_int (value, self->person);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_consent_window_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  VitaConsentWindow *self = VITA_CONSENT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PERSON:
      self->person = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_consent_window_class_init (VitaConsentWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vita_consent_window_constructed;
  object_class->dispose = vita_consent_window_dispose;
  object_class->finalize = vita_consent_window_finalize;
  object_class->get_property = vita_consent_window_get_property;
  object_class->set_property = vita_consent_window_set_property;

  properties[PROP_PERSON] =
    g_param_spec_int ("person", NULL, NULL, VITA_PERSON_TAXPAYER, G_MAXINT, VITA_PERSON_TAXPAYER,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/vitasites/Intake/ui/vita-consent-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, warning_revealer);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, warning_icon);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, warning_label);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, scroller);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, before_box);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, duration_box);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, year_button);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, longest_button);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, shorter_button);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, months_label);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, months_spin);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, after_box);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, record_button);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, print_button);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, duration_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, months_changed_cb);

  gtk_widget_class_install_action (widget_class, "consent.record", NULL, record_action);
  gtk_widget_class_install_action (widget_class, "consent.print-receipt", NULL, print_receipt_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vita_consent_window_init (VitaConsentWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->recorded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Nothing is shown until the text is loaded and checked. */
  gtk_widget_set_visible (self->content_box, FALSE);
  vita_member_window_set_language_chooser (MEMBER (self), GTK_WIDGET (self->language_dropdown));
}

/**
 * vita_consent_window_new:
 * @parent: (nullable): the volunteer's window, which it returns to
 * @store: an unlocked store
 * @household: the household; only its id is read, and it must be saved
 * @person: whose consent: %VITA_PERSON_TAXPAYER or %VITA_PERSON_SPOUSE
 *   (each spouse consents for a joint return)
 * @language: (nullable): the member's language, or %NULL for the
 *   household's
 *
 * Returns: (transfer none): a new window; present it
 */
GtkWindow *
vita_consent_window_new (GtkWindow     *parent,
                         VitaStore     *store,
                         VitaHousehold *household,
                         int            person,
                         const char    *language)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);
  g_return_val_if_fail (person >= VITA_PERSON_TAXPAYER, NULL);

  if (language == NULL)
    language = vita_household_get_language (household);

  return g_object_new (VITA_TYPE_CONSENT_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       "household", household,
                       "person", person,
                       "language", language,
                       NULL);
}

/**
 * vita_consent_window_dup_receipt:
 * @self: the consent window
 *
 * The receipt "Print a receipt" prints, in the member's language: which
 * consents were given or refused, until when, on which date, and how to
 * take them back.
 *
 * Returns: (transfer full) (nullable): the receipt as Pango markup, or
 *   %NULL before the member's choices are recorded
 */
char *
vita_consent_window_dup_receipt (VitaConsentWindow *self)
{
  g_return_val_if_fail (VITA_IS_CONSENT_WINDOW (self), NULL);

  if (self->recorded_at == NULL)
    return NULL;

  return dup_receipt_markup (self);
}

const char *
vita_consent_window_get_language (VitaConsentWindow *self)
{
  g_return_val_if_fail (VITA_IS_CONSENT_WINDOW (self), NULL);

  return vita_member_window_get_language (MEMBER (self));
}

void
vita_consent_window_set_language (VitaConsentWindow *self,
                                  const char        *language)
{
  g_return_if_fail (VITA_IS_CONSENT_WINDOW (self));

  vita_member_window_set_language (MEMBER (self), language);
}
