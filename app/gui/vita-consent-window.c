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
#include "vita-field-ids.h"
#include "vita-gui-util.h"
#include "vita-i18n.h"
#include "vita-member-text.h"
#include "vita-notice.h"
#include "vita-receipt-print.h"
#include "vita-member-check.h"
#include "vita-site-info.h"
#include "vita-store-records.h"

/* The consent screen: Form 15080's consent to disclose and the consent to
 * use, in the member's language.  Each consent is a separate document
 * (Treas. Reg. 301.7216-3(c)(1); Rev. Proc. 2013-14): a page of its own
 * that pertains solely to it, with its own duration, revocation and TIGTA
 * text, its own "Record" button, its own record in the store and its own
 * printed copy.  The text names the person consenting and the site.
 *
 * Both boxes start empty, because a consent under §7216 must be an
 * affirmative act; "Record" records the box as it is, so saying no is
 * exactly as easy as saying yes, and a refusal is recorded like a consent.
 *
 * The language recorded is the one the member read: "ko", or "ko+en" when
 * some paragraphs had no current Korean translation and were shown in
 * English. */

#define TEXT_VERSION_PREFIX "consent-"

/* What one consent's page holds. */
typedef struct
{
  char           *kind;
  GtkWidget      *scroller;
  GtkBox         *box;
  GtkCheckButton *choice;
  GtkWidget      *duration_box;
  GtkCheckButton *year_button;
  GtkCheckButton *longest_button;  /* NULL unless the form limits the consent */
  GtkCheckButton *shorter_button;
  GtkSpinButton  *months_spin;
  GtkLabel       *beyond_label;
  GtkButton      *record_button;
  GtkLabel       *result_label;
  GtkButton      *print_button;

  /* Once recorded */
  char           *recorded_at;     /* YYYY-MM-DD */
  char           *recorded_until;  /* NULL for a refusal */
  char           *recorded_language;
  gboolean        granted;
} Page;

struct _VitaConsentWindow
{
  VitaMemberWindow   parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkDropDown       *language_dropdown;
  GtkRevealer       *warning_revealer;
  GtkImage          *warning_icon;
  GtkLabel          *warning_label;
  GtkWidget         *content_box;
  GtkStack          *stack;

  /* Owned references */
  VitaConsentText   *text;
  VitaNotice        *notice;       /* for writing dates in the member's language */
  VitaSiteInfo      *site_info;
  GHashTable        *checks;       /* language code -> VitaLangCheck */
  GPtrArray         *pages;        /* Page *, in the file's order */
  char              *names[2];     /* taxpayer's and spouse's names, or NULL */

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
  char       *kind;
  gboolean    granted;
  char       *text_version;
  char       *language;
  char       *valid_until;
} RecordData;

static void update_actions (VitaConsentWindow *self);

/* The language the member chose, a static string. */
static const char *
member_language (VitaConsentWindow *self)
{
  return vita_member_window_get_language (MEMBER (self));
}

static void
page_free (Page *page)
{
  g_free (page->kind);
  g_free (page->recorded_at);
  g_free (page->recorded_until);
  g_free (page->recorded_language);
  g_free (page);
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
  g_free (data->kind);
  g_free (data->text_version);
  g_free (data->language);
  g_free (data->valid_until);
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

static Page *
find_page (VitaConsentWindow *self,
           const char        *kind)
{
  for (guint i = 0; self->pages != NULL && i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      if (g_strcmp0 (page->kind, kind) == 0)
        return page;
    }
  return NULL;
}

static gboolean
any_recorded (VitaConsentWindow *self)
{
  for (guint i = 0; self->pages != NULL && i < self->pages->len; i++)
    {
      if (((Page *) g_ptr_array_index (self->pages, i))->recorded_at != NULL)
        return TRUE;
    }
  return FALSE;
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

/* The name of the person consenting, as entered, or the "ask a volunteer"
 * blank: never a placeholder left in the text. */
static const char *
person_name (VitaConsentWindow *self,
             int                person)
{
  return person >= 0 && person < (int) G_N_ELEMENTS (self->names) ? self->names[person] : NULL;
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
  const char *name = person_name (self, self->person);

  g_hash_table_insert (vars, "site_name", g_strdup (info->site_name ? info->site_name : blank));
  g_hash_table_insert (vars, "site_contact", g_strdup (info->site_contact ? info->site_contact : blank));
  g_hash_table_insert (vars, "taxpayer_name", g_strdup (name != NULL ? name : blank));
  g_hash_table_insert (vars, "valid_through",
                       format_date (self, language, vita_consent_text_get_valid_through (self->text)));
  g_hash_table_insert (vars, "version", g_strdup (vita_consent_text_get_version (self->text)));
  /* The language the member read, also in the English beside it. */
  g_hash_table_insert (vars, "language", g_strdup (vita_i18n_language_name (member_language (self))));
  if (date != NULL)
    g_hash_table_insert (vars, "date", format_date (self, language, date));
  if (answer != NULL)
    g_hash_table_insert (vars, "answer", g_strdup (answer));

  return vars;
}

static char *
dup_text_in (VitaConsentWindow *self,
             const char        *language,
             const char        *id,
             const char        *date,
             const char        *answer)
{
  g_autoptr(GHashTable) vars = make_vars (self, language, date, answer);
  char *text = vita_consent_text_dup (self->text, id, language, vars, NULL, NULL);

  /* Missing only if the file changed under us; an id is better than a
   * crash, and vita_consent_text_check() reports it. */
  return text != NULL ? text : g_strdup (id);
}

static char *
dup_text (VitaConsentWindow *self,
          const char        *id,
          const char        *date,
          const char        *answer)
{
  return dup_text_in (self, member_language (self), id, date, answer);
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
set_button_text (GtkCheckButton *button,
                 const char     *text)
{
  GtkWidget *label = gtk_check_button_get_child (button);

  if (label == NULL)
    {
      label = make_label (NULL, NULL);
      gtk_check_button_set_child (button, label);
    }
  gtk_label_set_text (GTK_LABEL (label), text);
  vita_member_text_keep_words (GTK_LABEL (label));
}

/* The consent kind of each section that asks for one. */
static GHashTable *
dup_section_kinds (VitaConsentText *text,
                   char           **ids)
{
  GHashTable *kinds = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; ids[i] != NULL; i++)
    {
      if (vita_consent_text_get_unit_kind (text, ids[i]) == VITA_CONSENT_UNIT_CHOICE)
        g_hash_table_insert (kinds, (gpointer) vita_consent_text_get_section (text, ids[i]),
                             (gpointer) vita_consent_text_get_consent_kind (text, ids[i]));
    }

  return kinds;
}

/* Whether the unit @id belongs on the page of @kind, and if so whether it
 * comes before the consent's own text (the shared sections above the
 * first consent) or after it. */
typedef enum { PLACE_NONE, PLACE_HEAD, PLACE_OWN, PLACE_TAIL } Place;

static Place
unit_place (VitaConsentText *text,
            GHashTable      *section_kinds,
            const char      *id,
            const char      *kind,
            gboolean         after_first_consent)
{
  const char *section = vita_consent_text_get_section (text, id);
  const char *section_kind;

  if (section == NULL)
    return PLACE_NONE;  /* the title: the window's, not a page's */
  section_kind = g_hash_table_lookup (section_kinds, section);
  if (section_kind != NULL)
    return g_str_equal (section_kind, kind) ? PLACE_OWN : PLACE_NONE;

  return after_first_consent ? PLACE_TAIL : PLACE_HEAD;
}

static void
append_unit (VitaConsentWindow *self,
             GtkBox            *box,
             const char        *id)
{
  g_autofree char *text = NULL;

  switch (vita_consent_text_get_unit_kind (self->text, id))
    {
    case VITA_CONSENT_UNIT_HEADING:
      text = dup_text (self, id, NULL, NULL);
      gtk_box_append (box, make_label (text, "consent-heading"));
      gtk_widget_set_margin_top (gtk_widget_get_last_child (GTK_WIDGET (box)), 18);
      break;
    case VITA_CONSENT_UNIT_PARAGRAPH:
      text = dup_text (self, id, NULL, NULL);
      gtk_box_append (box, make_label (text, NULL));
      break;
    case VITA_CONSENT_UNIT_TITLE:
    case VITA_CONSENT_UNIT_CHOICE:
    case VITA_CONSENT_UNIT_LABEL:
    default:
      break;
    }
}

static void choice_toggled_cb (VitaConsentWindow *self);
static void duration_changed_cb (VitaConsentWindow *self);
static void months_changed_cb (VitaConsentWindow *self);
static void update_durations (VitaConsentWindow *self, Page *page);

static GtkWidget *
named (GtkWidget  *widget,
       const char *prefix,
       const char *kind)
{
  g_autofree char *name = g_strconcat (prefix, kind, NULL);

  gtk_widget_set_name (widget, name);
  return widget;
}

static GtkCheckButton *
make_radio (Page           *page,
            const char     *prefix,
            GtkCheckButton *group,
            gpointer        self)
{
  GtkCheckButton *button = GTK_CHECK_BUTTON (gtk_check_button_new ());

  named (GTK_WIDGET (button), prefix, page->kind);
  if (group != NULL)
    gtk_check_button_set_group (button, group);
  g_signal_connect_object (button, "toggled", G_CALLBACK (duration_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (page->duration_box), GTK_WIDGET (button));

  return button;
}

static void
build_duration (VitaConsentWindow *self,
                Page              *page)
{
  GtkWidget *row;
  GtkWidget *months_label;
  g_autofree char *text = dup_text (self, "duration.months", NULL, NULL);

  page->duration_box = named (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8), "duration-box-", page->kind);
  gtk_widget_set_margin_start (page->duration_box, 12);
  gtk_box_append (page->box, page->duration_box);

  page->year_button = make_radio (page, "duration-year-", NULL, self);
  if (vita_consent_text_is_limited (self->text, page->kind))
    page->longest_button = make_radio (page, "duration-longest-", page->year_button, self);
  page->shorter_button = make_radio (page, "duration-shorter-", page->year_button, self);
  gtk_check_button_set_active (page->year_button, TRUE);

  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (row, 36);
  months_label = make_label (text, NULL);
  page->months_spin = GTK_SPIN_BUTTON (gtk_spin_button_new_with_range (1, 11, 1));
  named (GTK_WIDGET (page->months_spin), "duration-months-", page->kind);
  gtk_spin_button_set_value (page->months_spin, 6);
  gtk_label_set_mnemonic_widget (GTK_LABEL (months_label), GTK_WIDGET (page->months_spin));
  g_signal_connect_object (page->months_spin, "value-changed", G_CALLBACK (months_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (row), months_label);
  gtk_box_append (GTK_BOX (row), GTK_WIDGET (page->months_spin));
  gtk_box_append (GTK_BOX (page->duration_box), row);

  page->beyond_label = GTK_LABEL (make_label (NULL, NULL));
  named (GTK_WIDGET (page->beyond_label), "duration-beyond-", page->kind);
  gtk_box_append (GTK_BOX (page->duration_box), GTK_WIDGET (page->beyond_label));
}

static void
build_buttons (VitaConsentWindow *self,
               Page              *page)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  g_autofree char *record = dup_text (self, "record", NULL, NULL);
  g_autofree char *print = dup_text (self, "print", NULL, NULL);

  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);

  page->record_button = GTK_BUTTON (gtk_button_new_with_label (record));
  named (GTK_WIDGET (page->record_button), "record-button-", page->kind);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (page->record_button), "consent.record");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (page->record_button), "s", page->kind);
  gtk_widget_add_css_class (GTK_WIDGET (page->record_button), "pill");
  gtk_widget_add_css_class (GTK_WIDGET (page->record_button), "suggested-action");
  gtk_widget_set_halign (GTK_WIDGET (page->record_button), GTK_ALIGN_CENTER);

  page->result_label = GTK_LABEL (gtk_label_new (NULL));
  named (GTK_WIDGET (page->result_label), "result-label-", page->kind);
  gtk_label_set_wrap (page->result_label, TRUE);
  gtk_label_set_justify (page->result_label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (page->result_label), FALSE);

  page->print_button = GTK_BUTTON (gtk_button_new_with_label (print));
  named (GTK_WIDGET (page->print_button), "print-button-", page->kind);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (page->print_button), "consent.print-receipt");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (page->print_button), "s", page->kind);
  gtk_widget_add_css_class (GTK_WIDGET (page->print_button), "pill");
  gtk_widget_set_halign (GTK_WIDGET (page->print_button), GTK_ALIGN_CENTER);
  gtk_widget_set_visible (GTK_WIDGET (page->print_button), FALSE);

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page->record_button));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page->result_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (page->print_button));
  gtk_box_append (page->box, box);
}

/* One consent's page: the shared introduction, the consent's own text, the
 * shared revocation, TIGTA and acknowledgment, then its box, its duration
 * and its button. */
static Page *
build_page (VitaConsentWindow *self,
            char             **ids,
            GHashTable        *section_kinds,
            const char        *kind)
{
  Page *page = g_new0 (Page, 1);
  GtkWidget *clamp = adw_clamp_new ();
  g_autofree char *title = NULL;
  g_autofree char *page_id = g_strconcat ("page.", kind, NULL);
  const char *choice_id = NULL;
  gboolean after_first_consent = FALSE;
  Place places[] = { PLACE_HEAD, PLACE_OWN, PLACE_TAIL };

  page->kind = g_strdup (kind);
  page->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 14));
  gtk_widget_set_margin_top (GTK_WIDGET (page->box), 12);
  gtk_widget_set_margin_bottom (GTK_WIDGET (page->box), 48);
  gtk_widget_set_margin_start (GTK_WIDGET (page->box), 24);
  gtk_widget_set_margin_end (GTK_WIDGET (page->box), 24);
  gtk_widget_add_css_class (GTK_WIDGET (page->box), "consent-screen");
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 900);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 700);
  adw_clamp_set_child (ADW_CLAMP (clamp), GTK_WIDGET (page->box));
  page->scroller = named (gtk_scrolled_window_new (), "member-scroller-", kind);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (page->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (page->scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (page->scroller), clamp);

  for (guint p = 0; p < G_N_ELEMENTS (places); p++)
    {
      after_first_consent = FALSE;
      for (guint i = 0; ids[i] != NULL; i++)
        {
          const char *section = vita_consent_text_get_section (self->text, ids[i]);
          Place place;

          if (section != NULL && g_hash_table_contains (section_kinds, section))
            after_first_consent = TRUE;
          place = unit_place (self->text, section_kinds, ids[i], kind, after_first_consent);
          if (place != places[p])
            continue;
          if (vita_consent_text_get_unit_kind (self->text, ids[i]) == VITA_CONSENT_UNIT_CHOICE)
            choice_id = ids[i];
          else
            append_unit (self, page->box, ids[i]);
        }
    }

  /* The box after everything the member must read first, and unchecked,
   * whatever was chosen before the language was changed. */
  if (choice_id != NULL)
    {
      g_autofree char *text = dup_text (self, choice_id, NULL, NULL);

      page->choice = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_check_button_set_child (page->choice, make_label (text, NULL));
      named (GTK_WIDGET (page->choice), "choice-", kind);
      gtk_widget_add_css_class (GTK_WIDGET (page->choice), "consent-choice");
      gtk_widget_set_margin_top (GTK_WIDGET (page->choice), 6);
      gtk_widget_set_margin_bottom (GTK_WIDGET (page->choice), 12);
      g_signal_connect_object (page->choice, "toggled", G_CALLBACK (choice_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (page->box, GTK_WIDGET (page->choice));
    }

  build_duration (self, page);
  build_buttons (self, page);

  title = dup_text (self, page_id, NULL, NULL);
  gtk_stack_add_titled (self->stack, page->scroller, kind, title);

  return page;
}

static void
build_screen (VitaConsentWindow *self)
{
  g_auto(GStrv) ids = vita_consent_text_dup_screen_ids (self->text);
  g_auto(GStrv) kinds = vita_consent_text_dup_kinds (self->text);
  g_autoptr(GHashTable) section_kinds = dup_section_kinds (self->text, ids);
  g_autofree char *title = dup_text (self, "title", NULL, NULL);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stack))) != NULL)
    gtk_stack_remove (self->stack, child);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) page_free);

  gtk_window_set_title (GTK_WINDOW (self), title);
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      Page *page = build_page (self, ids, section_kinds, kinds[i]);

      g_ptr_array_add (self->pages, page);
      update_durations (self, page);
    }
  gtk_stack_set_visible_child_name (self->stack, kinds[0]);
}

/* ------------------------------------------------------------------ */
/* Duration                                                            */
/* ------------------------------------------------------------------ */

/* The last day of the permission for the page's chosen duration; on a
 * consent Form 15080 limits, @past_limit says the date is past the form's
 * limit and may not be recorded. */
static char *
dup_chosen_until (VitaConsentWindow *self,
                  Page              *page,
                  gboolean          *past_limit)
{
  guint months = 12;

  if (page->longest_button != NULL && gtk_check_button_get_active (page->longest_button))
    months = 0;
  else if (gtk_check_button_get_active (page->shorter_button))
    months = gtk_spin_button_get_value_as_int (page->months_spin);

  return vita_consent_text_dup_until (self->text, page->kind, months, past_limit);
}

static void
update_durations (VitaConsentWindow *self,
                  Page              *page)
{
  gboolean year_past = FALSE, shorter_past = FALSE, chosen_past = FALSE;
  g_autofree char *year = vita_consent_text_dup_until (self->text, page->kind, 12, &year_past);
  g_autofree char *shorter = vita_consent_text_dup_until (self->text, page->kind,
                                                           gtk_spin_button_get_value_as_int (page->months_spin),
                                                           &shorter_past);
  g_autofree char *year_text = dup_text (self, "duration.year", year, NULL);
  g_autofree char *shorter_text = dup_text (self, "duration.shorter", shorter, NULL);
  g_autofree char *beyond = dup_text (self, "duration.beyond", NULL, NULL);
  g_autofree char *chosen = NULL;

  set_button_text (page->year_button, year_text);
  set_button_text (page->shorter_button, shorter_text);
  if (page->longest_button != NULL)
    {
      g_autofree char *longest = vita_consent_text_dup_until (self->text, page->kind, 0, NULL);
      g_autofree char *longest_text = dup_text (self, "duration.longest", longest, NULL);

      set_button_text (page->longest_button, longest_text);
      /* One year past the form's limit is not offered, and not quietly cut
       * short either: the longest the form allows is, under its own words. */
      gtk_widget_set_visible (GTK_WIDGET (page->year_button), !year_past);
      if (year_past && gtk_check_button_get_active (page->year_button))
        gtk_check_button_set_active (page->longest_button, TRUE);
    }

  chosen = dup_chosen_until (self, page, &chosen_past);
  gtk_label_set_text (page->beyond_label, beyond);
  vita_member_text_keep_words (page->beyond_label);
  gtk_widget_set_visible (GTK_WIDGET (page->beyond_label), chosen_past);
}

/* ------------------------------------------------------------------ */
/* State                                                               */
/* ------------------------------------------------------------------ */

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

/* Whether @page's answer may be recorded now. */
static gboolean
page_can_record (VitaConsentWindow *self,
                 Page              *page,
                 gboolean           blocked)
{
  gboolean past = FALSE;
  g_autofree char *until = NULL;

  if (blocked || self->busy || page->recorded_at != NULL)
    return FALSE;
  /* A refusal has no duration; a consent may not last past the form. */
  if (gtk_check_button_get_active (page->choice))
    until = dup_chosen_until (self, page, &past);

  return !past;
}

static void
update_actions (VitaConsentWindow *self)
{
  g_autofree char *blocked = NULL;
  gboolean ready = self->checks != NULL && self->pages != NULL;
  gboolean can_record = FALSE, can_print = FALSE;

  if (ready)
    blocked = dup_block_reason (self);

  for (guint i = 0; ready && i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);
      gboolean recorded = page->recorded_at != NULL;
      gboolean record = page_can_record (self, page, blocked != NULL);

      can_record |= record;
      can_print |= recorded;
      gtk_widget_set_sensitive (GTK_WIDGET (page->record_button), record);
      gtk_widget_set_sensitive (GTK_WIDGET (page->print_button), recorded && !self->busy);
      gtk_widget_set_sensitive (GTK_WIDGET (page->choice), !recorded);
      gtk_widget_set_sensitive (page->duration_box,
                                !recorded && gtk_check_button_get_active (page->choice));
      gtk_widget_set_sensitive (GTK_WIDGET (page->months_spin),
                                gtk_check_button_get_active (page->shorter_button));
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.record", can_record);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "consent.print-receipt", can_print && !self->busy);
  /* Once one answer is recorded in a language, the other is given in the
   * same one. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->language_dropdown), !any_recorded (self) && !self->busy);
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

  /* A refusal has no duration: there is nothing to last. */
  if (vita_store_record_consent (data->store, data->household_id, data->person,
                                 data->kind, data->granted, data->text_version,
                                 data->language, data->granted ? data->valid_until : NULL,
                                 &error) == 0)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
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
  Page *page;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!vita_gui_error_is_silent (error))
        toast (self, error->message);
      update_actions (self);
      return;
    }

  /* The pages are only rebuilt before anything is recorded. */
  page = find_page (self, data->kind);
  g_return_if_fail (page != NULL);
  page->recorded_at = today_iso ();
  page->recorded_language = g_strdup (member_language (self));
  page->granted = data->granted;
  page->recorded_until = data->granted ? g_strdup (data->valid_until) : NULL;

  /* What was recorded can no longer be changed here: taking a consent back
   * is a revocation, which the store keeps as its own record. */
  text = dup_text (self, "recorded", page->recorded_at, NULL);
  gtk_label_set_text (page->result_label, text);
  vita_member_text_keep_words (page->result_label);
  gtk_widget_set_visible (GTK_WIDGET (page->result_label), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (page->record_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (page->print_button), TRUE);
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
  Page *page;

  if (self->checks == NULL || self->busy
      || (page = find_page (self, g_variant_get_string (param, NULL))) == NULL
      || (blocked = dup_block_reason (self)) != NULL
      || !page_can_record (self, page, FALSE))
    return;

  check = g_hash_table_lookup (self->checks, member_language (self));
  data = g_new0 (RecordData, 1);
  data->store = g_object_ref (vita_member_window_get_store (MEMBER (self)));
  data->household_id = vita_member_window_get_household_id (MEMBER (self));
  data->person = self->person;
  data->kind = g_strdup (page->kind);
  data->granted = gtk_check_button_get_active (page->choice);
  data->text_version = g_strconcat (TEXT_VERSION_PREFIX, vita_consent_text_get_version (self->text), NULL);
  data->language = g_strconcat (member_language (self), check->n_untranslated > 0 && !g_str_equal (member_language (self), "en")
                                ? "+en" : "", NULL);
  data->valid_until = dup_chosen_until (self, page, NULL);

  self->busy = TRUE;
  update_actions (self);
  task = g_task_new (self, vita_member_window_get_cancellable (MEMBER (self)), record_cb, NULL);
  g_task_set_source_tag (task, record_action);
  g_task_set_task_data (task, data, (GDestroyNotify) record_data_free);
  g_task_run_in_thread (task, record_worker);
}

/* ------------------------------------------------------------------ */
/* The printed copy                                                    */
/* ------------------------------------------------------------------ */

/* @style is "b", "i", "bi" or "" */
static void
append_line (GString    *markup,
             const char *text,
             const char *style)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  gboolean bold = strchr (style, 'b') != NULL;
  gboolean italic = strchr (style, 'i') != NULL;

  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  g_string_append_printf (markup, "%s%s%s%s%s", bold ? "<b>" : "", italic ? "<i>" : "", escaped,
                          italic ? "</i>" : "", bold ? "</b>" : "");
}

/* @id in the member's language and, under it, in English, the language the
 * consent was written in: the member keeps both. */
static void
append_pair (VitaConsentWindow *self,
             GString           *markup,
             const char        *language,
             const char        *id,
             const char        *date,
             const char        *answer,
             gboolean           bold)
{
  g_autofree char *text = dup_text_in (self, language, id, date, answer);

  append_line (markup, text, bold ? "b" : "");
  if (!g_str_equal (language, "en"))
    {
      g_autofree char *english = dup_text_in (self, "en", id, date, answer);

      append_line (markup, english, bold ? "bi" : "i");
    }
}

static void
append_signature (VitaConsentWindow *self,
                  GString           *markup,
                  const char        *language,
                  const char        *id,
                  const char        *name)
{
  g_autofree char *label = dup_text_in (self, language, id, NULL, NULL);
  g_autofree char *english = dup_text_in (self, "en", id, NULL, NULL);
  g_autofree char *date = dup_text_in (self, language, "sign.date", NULL, NULL);
  g_autofree char *date_en = dup_text_in (self, "en", "sign.date", NULL, NULL);
  g_autofree char *line = NULL;

  if (g_str_equal (language, "en"))
    line = g_strdup_printf ("%s%s%s%s", label, name ? " (" : "", name ? name : "", name ? ")" : "");
  else
    line = g_strdup_printf ("%s / %s%s%s%s", label, english, name ? " (" : "", name ? name : "",
                            name ? ")" : "");
  g_string_append_c (markup, '\n');
  append_line (markup, line, "");
  append_line (markup, "\n________________________________________", "");
  g_free (line);
  line = g_str_equal (language, "en") ? g_strdup (date) : g_strdup_printf ("%s / %s", date, date_en);
  {
    g_autofree char *escaped = g_markup_escape_text (line, -1);

    g_string_append_printf (markup, "\n%s: ____________________", escaped);
  }
}

/* The member's copy of one consent: the whole text agreed to (or refused),
 * in the member's language with the English under each paragraph, the
 * answer and its duration, and signature and date lines for the taxpayer
 * and the spouse, as on Form 15080.  It names the person consenting, as
 * the consent itself must. */
static char *
dup_receipt_markup (VitaConsentWindow *self,
                    Page              *page)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_auto(GStrv) ids = vita_consent_text_dup_screen_ids (self->text);
  g_autoptr(GHashTable) section_kinds = dup_section_kinds (self->text, ids);
  const char *language = page->recorded_language;
  g_autofree char *title = dup_text_in (self, language, "receipt.title", NULL, NULL);
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *yes = dup_text_in (self, language, "answer.yes", NULL, NULL);
  g_autofree char *no = dup_text_in (self, language, "answer.no", NULL, NULL);
  g_autofree char *yes_en = dup_text_in (self, "en", "answer.yes", NULL, NULL);
  g_autofree char *no_en = dup_text_in (self, "en", "answer.no", NULL, NULL);
  g_autofree char *answer_id = g_strconcat ("receipt.", page->kind, NULL);
  gboolean after_first_consent = FALSE;

  g_string_append_printf (markup, "<span size=\"x-large\" weight=\"bold\">%s</span>", escaped);
  if (!g_str_equal (language, "en"))
    {
      g_autofree char *english = dup_text_in (self, "en", "receipt.title", NULL, NULL);

      append_line (markup, english, "i");
    }
  append_pair (self, markup, language, "receipt.site", NULL, NULL, FALSE);
  append_pair (self, markup, language, "receipt.taxpayer", NULL, NULL, FALSE);
  append_pair (self, markup, language, "receipt.recorded", page->recorded_at, NULL, FALSE);
  if (!g_str_equal (language, "en"))
    append_pair (self, markup, language, "receipt.english", NULL, NULL, FALSE);

  /* The consent's own text, then the shared sections that follow it on
   * its page (revocation, TIGTA, acknowledgment); the introduction is
   * about the screen, not the consent. */
  for (int pass = 0; pass < 2; pass++)
    {
      after_first_consent = FALSE;
      for (guint i = 0; ids[i] != NULL; i++)
        {
          const char *section = vita_consent_text_get_section (self->text, ids[i]);
          VitaConsentUnitKind unit = vita_consent_text_get_unit_kind (self->text, ids[i]);
          Place place;

          if (section != NULL && g_hash_table_contains (section_kinds, section))
            after_first_consent = TRUE;
          place = unit_place (self->text, section_kinds, ids[i], page->kind, after_first_consent);
          if (place != (pass == 0 ? PLACE_OWN : PLACE_TAIL) || unit == VITA_CONSENT_UNIT_CHOICE)
            continue;
          /* A blank line between paragraphs, each with its English. */
          g_string_append_c (markup, '\n');
          append_pair (self, markup, language, ids[i], NULL, NULL, unit == VITA_CONSENT_UNIT_HEADING);
        }
    }

  g_string_append_c (markup, '\n');
  {
    g_autofree char *line = dup_text_in (self, language, answer_id, NULL, page->granted ? yes : no);

    append_line (markup, line, "b");
    if (!g_str_equal (language, "en"))
      {
        g_autofree char *english = dup_text_in (self, "en", answer_id, NULL, page->granted ? yes_en : no_en);

        append_line (markup, english, "bi");
      }
  }
  if (page->granted)
    {
      const char *choice = NULL;

      for (guint i = 0; ids[i] != NULL && choice == NULL; i++)
        {
          if (g_strcmp0 (vita_consent_text_get_consent_kind (self->text, ids[i]), page->kind) == 0)
            choice = ids[i];
        }
      if (choice != NULL)
        append_pair (self, markup, language, choice, NULL, NULL, FALSE);
      append_pair (self, markup, language, "receipt.until", page->recorded_until, NULL, FALSE);
    }
  else
    append_pair (self, markup, language, "receipt.none", NULL, NULL, FALSE);

  append_signature (self, markup, language, "sign.taxpayer", person_name (self, VITA_PERSON_TAXPAYER));
  append_signature (self, markup, language, "sign.spouse", person_name (self, VITA_PERSON_SPOUSE));

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
  Page *page = find_page (self, g_variant_get_string (param, NULL));

  if (page == NULL || page->recorded_at == NULL || self->busy)
    return;

  markup = dup_receipt_markup (self, page);
  /* The print queue shows this; never the member's name. */
  title = dup_text_in (self, page->recorded_language, "receipt.title", NULL, NULL);
  self->busy = TRUE;
  update_actions (self);
  vita_receipt_print (GTK_WINDOW (self), title, page->recorded_language, markup, NULL,
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

  if (self->checks != NULL && !any_recorded (self))
    {
      build_screen (self);
      update_status (self);
    }
}

static void
duration_changed_cb (VitaConsentWindow *self)
{
  for (guint i = 0; self->pages != NULL && i < self->pages->len; i++)
    {
      Page *page = g_ptr_array_index (self->pages, i);

      /* Not while the page is being built. */
      if (page->months_spin != NULL && page->beyond_label != NULL)
        update_durations (self, page);
    }
  update_actions (self);
}

static void
months_changed_cb (VitaConsentWindow *self)
{
  duration_changed_cb (self);
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

  g_clear_pointer (&self->pages, g_ptr_array_unref);
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
  g_clear_pointer (&self->names[0], g_free);
  g_clear_pointer (&self->names[1], g_free);

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
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, content_box);
  gtk_widget_class_bind_template_child (widget_class, VitaConsentWindow, stack);
  gtk_widget_class_bind_template_callback (widget_class, language_changed_cb);

  /* The parameter is the consent kind: each consent is recorded and
   * printed on its own. */
  gtk_widget_class_install_action (widget_class, "consent.record", "s", record_action);
  gtk_widget_class_install_action (widget_class, "consent.print-receipt", "s", print_receipt_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
vita_consent_window_init (VitaConsentWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

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

  VitaConsentWindow *self;

  if (language == NULL)
    language = vita_household_get_language (household);

  self = g_object_new (VITA_TYPE_CONSENT_WINDOW,
                       "transient-for", parent,
                       "store", store,
                       "household", household,
                       "person", person,
                       "language", language,
                       NULL);

  /* The consent names who gives it and the copy has their signature
   * lines; the names are read now, before the text is shown. */
  for (int i = 0; i < (int) G_N_ELEMENTS (self->names); i++)
    {
      const char *first = vita_household_get (household, i, VITA_FID_FIRST_NAME);
      const char *last = vita_household_get (household, i, VITA_FID_LAST_NAME);

      if (first != NULL || last != NULL)
        self->names[i] = g_strstrip (g_strjoin (" ", first != NULL ? first : "",
                                                last != NULL ? last : "", NULL));
    }

  return GTK_WINDOW (self);
}

/**
 * vita_consent_window_dup_receipt:
 * @self: the consent window
 *
 * @kind: a consent kind, such as "use"
 *
 * The copy "Print a copy" prints for one consent: its whole text in the
 * member's language with the English under it, the answer, until when,
 * and signature and date lines.
 *
 * Returns: (transfer full) (nullable): the copy as Pango markup, or
 *   %NULL before the answer to that consent is recorded
 */
char *
vita_consent_window_dup_receipt (VitaConsentWindow *self,
                                 const char        *kind)
{
  Page *page;

  g_return_val_if_fail (VITA_IS_CONSENT_WINDOW (self), NULL);

  page = find_page (self, kind);
  if (page == NULL || page->recorded_at == NULL)
    return NULL;

  return dup_receipt_markup (self, page);
}

/**
 * vita_consent_window_show_consent:
 * @kind: a consent kind
 *
 * Shows the page of the consent @kind.
 */
void
vita_consent_window_show_consent (VitaConsentWindow *self,
                                  const char        *kind)
{
  g_return_if_fail (VITA_IS_CONSENT_WINDOW (self));

  if (find_page (self, kind) != NULL)
    gtk_stack_set_visible_child_name (self->stack, kind);
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
