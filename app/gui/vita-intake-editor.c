/* vita-intake-editor.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The intake interview a volunteer runs all day: the sections of Form
 * 13614-C in the form's order, a Form W-7 page for each person who needs
 * a new or renewed ITIN, the documents checklist and the review.  The pages
 * are generated from the field catalogue; this widget ties them together:
 * after every accepted answer it re-evaluates every gate, adds or removes
 * W-7 pages, re-runs the W-7 rules and restarts the autosave timer
 * (vita-intake-editor-jobs.c). */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field.h"
#include "vita-intake-editor-private.h"
#include "vita-intake-section.h"
#include "vita-intake-util.h"
#include "vita-minimum-data.h"
#include "vita-intake-w7-page.h"
#include "vita-w7.h"

G_DEFINE_ENUM_TYPE (VitaIntakeSaveState, vita_intake_save_state,
                    G_DEFINE_ENUM_VALUE (VITA_INTAKE_SAVE_STATE_SAVED, "saved"),
                    G_DEFINE_ENUM_VALUE (VITA_INTAKE_SAVE_STATE_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (VITA_INTAKE_SAVE_STATE_SAVING, "saving"),
                    G_DEFINE_ENUM_VALUE (VITA_INTAKE_SAVE_STATE_FAILED, "failed"))

G_DEFINE_FINAL_TYPE (VitaIntakeEditor, vita_intake_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HOUSEHOLD,
  PROP_SAVE_STATE,
  N_PROPS
};

enum {
  DONE,
  LOCK_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
page_changed_cb (VitaIntakeEditor *self,
                 const char       *field_id,
                 int               person)
{
  _vita_intake_editor_changed (self);
}

static GtkWidget *
make_sidebar_row (const char *name,
                  const char *title)
{
  g_autofree char *widget_name = g_strconcat ("sidebar-", name, NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (title);
  GtkWidget *attention = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  gtk_widget_set_name (row, widget_name);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_visible (attention, FALSE);
  gtk_widget_set_tooltip_text (attention, _("Something on this page still needs fixing"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), attention);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "page", g_strdup (name), g_free);
  g_object_set_data (G_OBJECT (row), "label", label);
  g_object_set_data (G_OBJECT (row), "attention", attention);
  return row;
}

static void
add_page (VitaIntakeEditor *self,
          GtkWidget        *page,
          const char       *name,
          const char       *title)
{
  GtkWidget *row = make_sidebar_row (name, title);

  gtk_widget_set_name (page, name);
  gtk_stack_add_named (self->stack, page, name);
  gtk_list_box_append (self->sidebar, row);
  g_hash_table_insert (self->sidebar_rows, g_strdup (name), row);
}

static GtkWidget *
make_scrolled_page (GtkWidget **box)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();

  *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (*box, 24);
  gtk_widget_set_margin_bottom (*box, 24);
  gtk_widget_set_margin_start (*box, 12);
  gtk_widget_set_margin_end (*box, 12);
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), 560);
  adw_clamp_set_child (ADW_CLAMP (clamp), *box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static void
add_section (VitaIntakeEditor *self,
             GtkWidget        *box,
             VitaFieldSection  field_section,
             int               person,
             const char       *title,
             const char       *description)
{
  const char *page_name = vita_field_section_get_id (field_section);
  g_autofree char *name = NULL;
  GtkWidget *section;

  section = vita_intake_section_new (self->household, VITA_SECTION_BIT (field_section), person,
                                     title, description);
  name = person == VITA_PERSON_HOUSEHOLD ? g_strconcat ("section-", page_name, NULL)
                                         : g_strdup_printf ("section-%s-%d", page_name, person);
  gtk_widget_set_name (section, name);
  g_object_set_data_full (G_OBJECT (section), "page", g_strdup (page_name), g_free);
  g_signal_connect_object (section, "changed", G_CALLBACK (page_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), section);
  g_ptr_array_add (self->sections, section);
}

static GtkWidget *
make_notice (const char *icon_name,
             const char *heading,
             const char *body)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *text = gtk_label_new (body);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "vita-reminder");
  gtk_image_set_pixel_size (GTK_IMAGE (icon), 32);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), title);
  gtk_box_append (GTK_BOX (texts), text);
  gtk_box_append (GTK_BOX (card), icon);
  gtk_box_append (GTK_BOX (card), texts);
  return card;
}

/* Builds the page of one household-wide part of the form, with the
 * taxpayer's and spouse's own questions of that part first. */
static GtkWidget *
make_form_page (VitaIntakeEditor *self,
                VitaFieldSection  name,
                const char       *title,
                const char       *description,
                gboolean          per_person)
{
  GtkWidget *box;
  GtkWidget *page = make_scrolled_page (&box);

  if (name == VITA_SECTION_OPTIONAL)
    {
      GtkWidget *notice = make_notice ("dialog-information-symbolic",
                                       _("Optional: for statistics only"),
                                       _("The following information is for statistical purposes only. Your responses to these questions are not a part of your tax return and are not transmitted to the IRS with your tax return. You are not required to answer these questions."));

      gtk_widget_set_name (notice, "optional-notice");
      gtk_box_append (GTK_BOX (box), notice);
    }

  /* Page 1 asks the job title and phone in the names block, before the
   * address; page 4 asks race and ethnicity last. */
  if (per_person && name == VITA_SECTION_PERSONAL)
    {
      add_section (self, box, name, VITA_PERSON_TAXPAYER, _("You"), NULL);
      add_section (self, box, name, VITA_PERSON_SPOUSE, _("Your spouse"), NULL);
    }
  add_section (self, box, name, VITA_PERSON_HOUSEHOLD, title, description);
  if (per_person && name != VITA_SECTION_PERSONAL)
    {
      add_section (self, box, name, VITA_PERSON_TAXPAYER, NULL, NULL);
      add_section (self, box, name, VITA_PERSON_SPOUSE, NULL, NULL);
    }
  return page;
}

/* A page of the paper form, titled in the sidebar as the catalogue titles
 * its section. */
static void
add_form_page (VitaIntakeEditor *self,
               VitaFieldSection  section,
               const char       *title,
               gboolean          per_person)
{
  add_page (self, make_form_page (self, section, title, NULL, per_person),
            vita_field_section_get_id (section), vita_field_section_get_title (section));
}

static void
build_pages (VitaIntakeEditor *self)
{
  GtkWidget *page;

  page = vita_intake_people_page_new (self->household);
  self->people_page = VITA_INTAKE_PEOPLE_PAGE (page);
  g_signal_connect_object (page, "changed", G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  add_page (self, page, "people", _("People"));

  add_form_page (self, VITA_SECTION_PERSONAL, NULL, TRUE);
  add_form_page (self, VITA_SECTION_MARITAL, _("Marital status"), FALSE);
  add_form_page (self, VITA_SECTION_INCOME, NULL, FALSE);
  add_form_page (self, VITA_SECTION_EXPENSES, NULL, FALSE);
  add_form_page (self, VITA_SECTION_EVENTS, NULL, FALSE);
  add_form_page (self, VITA_SECTION_OPTIONAL, NULL, TRUE);
  add_form_page (self, VITA_SECTION_NOTES, NULL, FALSE);

  page = vita_intake_documents_page_new (self->household);
  self->documents_page = VITA_INTAKE_DOCUMENTS_PAGE (page);
  g_signal_connect_object (page, "changed", G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  add_page (self, page, vita_field_section_get_id (VITA_SECTION_DOCUMENTS),
            vita_field_section_get_title (VITA_SECTION_DOCUMENTS));

  page = vita_intake_review_page_new ();
  self->review_page = VITA_INTAKE_REVIEW_PAGE (page);
  add_page (self, page, "review", _("Review & status"));
}

/* W-7 rows sit between the notes and the documents checklist, in slot
 * order. */
static int
w7_row_position (VitaIntakeEditor *self,
                 int               person)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->sidebar, i)) != NULL; i++)
    {
      const char *page = g_object_get_data (G_OBJECT (row), "page");

      if (g_str_equal (page, "documents") ||
          (g_str_has_prefix (page, "w7-") &&
           GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "person")) > person))
        return i;
    }
  return -1;
}

static void
add_w7_page (VitaIntakeEditor *self,
             int               person)
{
  g_autofree char *name = g_strdup_printf ("w7-%d", person);
  GtkWidget *page = vita_intake_w7_page_new (self->household, person);
  GtkWidget *row = make_sidebar_row (name, "");

  gtk_widget_set_name (page, name);
  g_signal_connect_object (page, "changed", G_CALLBACK (page_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, page, name);
  g_object_set_data (G_OBJECT (row), "person", GINT_TO_POINTER (person));
  gtk_list_box_insert (self->sidebar, row, w7_row_position (self, person));
  g_hash_table_insert (self->sidebar_rows, g_strdup (name), row);
  g_hash_table_insert (self->w7_pages, GINT_TO_POINTER (person), page);
  vita_intake_documents_page_add (self->documents_page, person);
}

static void
remove_w7_page (VitaIntakeEditor *self,
                int               person)
{
  g_autofree char *name = g_strdup_printf ("w7-%d", person);
  GtkWidget *page = g_hash_table_lookup (self->w7_pages, GINT_TO_POINTER (person));
  GtkWidget *row = g_hash_table_lookup (self->sidebar_rows, name);

  if (gtk_stack_get_visible_child (self->stack) == page)
    vita_intake_editor_show_section (self, "people");
  gtk_list_box_remove (self->sidebar, row);
  g_hash_table_remove (self->sidebar_rows, name);
  gtk_stack_remove (self->stack, page);
  g_hash_table_remove (self->w7_pages, GINT_TO_POINTER (person));
  vita_intake_documents_page_remove (self->documents_page, person);
}

/* A W-7 page exists exactly for the people whose answer says they need a
 * new ITIN or a renewal; a page that goes away keeps its answers stored. */
static void
sync_w7_pages (VitaIntakeEditor *self)
{
  g_autoptr(GArray) persons = vita_household_list_persons (self->household);
  g_autoptr(GList) slots = g_hash_table_get_keys (self->w7_pages);

  for (GList *l = slots; l != NULL; l = l->next)
    {
      int person = GPOINTER_TO_INT (l->data);

      if (!vita_household_person_needs_itin (self->household, person))
        remove_w7_page (self, person);
    }

  for (guint i = 0; i < persons->len; i++)
    {
      int person = g_array_index (persons, int, i);

      if (vita_household_person_needs_itin (self->household, person) &&
          !g_hash_table_contains (self->w7_pages, GINT_TO_POINTER (person)))
        add_w7_page (self, person);
    }
}

static void
set_sidebar_label (VitaIntakeEditor *self,
                   const char       *name,
                   const char       *text)
{
  GtkWidget *row = g_hash_table_lookup (self->sidebar_rows, name);

  gtk_label_set_text (g_object_get_data (G_OBJECT (row), "label"), text);
}

static void
set_sidebar_attention (VitaIntakeEditor *self,
                       const char       *name,
                       gboolean          attention)
{
  GtkWidget *row = g_hash_table_lookup (self->sidebar_rows, name);

  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row), "attention"), attention);
}

static void
update_w7_titles (VitaIntakeEditor *self,
                  int               person,
                  VitaIntakeW7Page *page)
{
  g_autofree char *who = vita_intake_dup_person_name (self->household, person);
  g_autofree char *name = g_strdup_printf ("w7-%d", person);
  g_autofree char *page_title = NULL;
  g_autofree char *row_title = NULL;
  g_autofree char *documents_title = NULL;

  /* Translators: %s is the applicant's name. */
  page_title = g_strdup_printf (_("Form W-7 for %s"), who);
  /* Translators: a sidebar entry; %s is the applicant's name. */
  row_title = g_strdup_printf (_("W-7: %s"), who);
  /* Translators: %s is the applicant's name. */
  documents_title = g_strdup_printf (_("Documents for %s"), who);

  vita_intake_w7_page_set_title (page, page_title);
  set_sidebar_label (self, name, row_title);
  vita_intake_section_set_title (vita_intake_documents_page_get_section (self->documents_page,
                                                                         person),
                                 documents_title);
}

static void
refresh_w7 (VitaIntakeEditor *self)
{
  GHashTableIter iter;
  gpointer key, page;

  g_hash_table_iter_init (&iter, self->w7_pages);
  while (g_hash_table_iter_next (&iter, &key, &page))
    {
      int person = GPOINTER_TO_INT (key);
      g_autoptr(GPtrArray) problems = vita_w7_check (self->household, person, NULL);
      g_autofree char *name = g_strdup_printf ("w7-%d", person);
      VitaIntakeSection *documents =
        vita_intake_documents_page_get_section (self->documents_page, person);

      vita_intake_w7_page_refresh (page, problems);
      vita_intake_section_set_problems (documents, problems);
      set_sidebar_attention (self, name, vita_w7_has_blocking (problems));
      update_w7_titles (self, person, page);
    }
}

static void
update_window_title (VitaIntakeEditor *self)
{
  g_autofree char *name = vita_household_dup_display_name (self->household);

  int tax_year = vita_household_get_tax_year (self->household);
  g_autofree char *subtitle = NULL;

  /* The tax year decides which form and which rules apply: it is always
   * in sight while the interview is open. */
  if (tax_year > 0)
    /* Translators: interview header subtitle: the household's name, then
     * the tax year the return is for. */
    subtitle = g_strdup_printf (_("%s · Tax year %d"), *name != '\0' ? name : _("New household"),
                                tax_year);
  else
    subtitle = g_strdup (*name != '\0' ? name : _("New household"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static guint
count_tree_errors (GtkWidget *widget)
{
  guint n = 0;

  if (VITA_IS_INTAKE_SECTION (widget))
    return vita_intake_section_count_errors (VITA_INTAKE_SECTION (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_tree_errors (child);
  return n;
}

/**
 * _vita_intake_editor_count_errors:
 *
 * Returns: how many shown fields hold a text that was refused, which is
 *   therefore not in the household and not saved
 */
guint
_vita_intake_editor_count_errors (VitaIntakeEditor *self)
{
  return count_tree_errors (GTK_WIDGET (self->stack));
}

/**
 * _vita_intake_editor_dup_unfinished_w7:
 *
 * Returns: (transfer full) (nullable): the names of the applicants whose
 *   W-7 still has a blocking problem, comma-separated, or %NULL
 */
char *
_vita_intake_editor_dup_unfinished_w7 (VitaIntakeEditor *self)
{
  g_autoptr(GString) names = NULL;
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->w7_pages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      int person = GPOINTER_TO_INT (key);
      g_autoptr(GPtrArray) problems = vita_w7_check (self->household, person, NULL);
      g_autofree char *who = NULL;

      if (!vita_w7_has_blocking (problems))
        continue;
      who = vita_intake_dup_person_name (self->household, person);
      if (names == NULL)
        names = g_string_new (who);
      else
        /* Translators: joins two names in a list, "Ana, Luis". */
        g_string_append_printf (names, _(", %s"), who);
    }
  return names != NULL ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

/* "Saved" must not be shown while a field holds a refused text: that text
 * is not in the household, so it was not saved.  The count says so. */
static void
update_save_label (VitaIntakeEditor *self)
{
  g_autofree char *owned = NULL;
  const char *text = "";
  guint errors = _vita_intake_editor_count_errors (self);
  gboolean alarm = self->save_state == VITA_INTAKE_SAVE_STATE_FAILED;

  switch (self->save_state)
    {
    case VITA_INTAKE_SAVE_STATE_SAVED:
      text = vita_household_get_id (self->household) != 0 ? _("Saved") : "";
      break;
    case VITA_INTAKE_SAVE_STATE_PENDING:
      text = _("Unsaved changes");
      break;
    case VITA_INTAKE_SAVE_STATE_SAVING:
      text = _("Saving…");
      break;
    case VITA_INTAKE_SAVE_STATE_FAILED:
      text = _("Not saved");
      break;
    default:
      g_assert_not_reached ();
    }
  if (errors > 0 && !alarm)
    {
      text = owned = g_strdup_printf (ngettext ("%u field not saved", "%u fields not saved", errors),
                                      errors);
      alarm = TRUE;
    }
  gtk_label_set_text (self->save_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_label),
                               errors > 0 ? _("Fields with a message in red hold text that was not "
                                              "accepted, so it was not saved. Fix them to save them.")
                                          : NULL);
  if (alarm)
    gtk_widget_add_css_class (GTK_WIDGET (self->save_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->save_label), "error");
}

/**
 * _vita_intake_editor_update_save_label:
 *
 * Called when a field's refused text appears or goes away.
 */
void
_vita_intake_editor_update_save_label (VitaIntakeEditor *self)
{
  update_save_label (self);
}

static void
sidebar_row_selected_cb (VitaIntakeEditor *self,
                         GtkListBoxRow    *row,
                         GtkListBox       *sidebar)
{
  const char *page;

  if (row == NULL)
    return;
  page = g_object_get_data (G_OBJECT (row), "page");
  /* A fresh W-7 starts with the name and date of birth from the People
   * page; they stay editable and the W-7 rules flag a difference. */
  if (g_str_has_prefix (page, "w7-")
      && vita_w7_prefill (self->household, (int) g_ascii_strtoll (page + 3, NULL, 10)))
    _vita_intake_editor_changed (self);
  gtk_stack_set_visible_child_name (self->stack, page);
  /* Folded (narrow window): the chosen section takes the whole width. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

/* The window emits this right before it locks the store or closes, and
 * locks as soon as it returns: no worker could finish in time, so the
 * draft is written here, on the main thread. */
static void
vita_intake_editor_lock_requested (VitaIntakeEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (!vita_intake_editor_save_now (self, &error))
    g_warning ("The intake could not be saved before locking: %s", error->message);
}

static gboolean
close_request_cb (VitaIntakeEditor *self,
                  GtkWindow        *window)
{
  /* After a failed save the window may close: the error was shown, and
   * keeping it open would not make the disk any less full. */
  if (self->save_state == VITA_INTAKE_SAVE_STATE_FAILED ||
      (!_vita_intake_editor_needs_save (self) && !self->job_running))
    return FALSE;

  self->close_after_save = TRUE;
  _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_SAVE, 0);
  return TRUE;
}

static void
vita_intake_editor_root (GtkWidget *widget)
{
  VitaIntakeEditor *self = (VitaIntakeEditor *)widget;
  GtkRoot *root;

  GTK_WIDGET_CLASS (vita_intake_editor_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (!GTK_IS_WINDOW (root))
    return;
  self->window = GTK_WINDOW (root);
  g_object_add_weak_pointer (G_OBJECT (root), (gpointer *)&self->window);
  self->close_request_id = g_signal_connect_swapped (root, "close-request",
                                                     G_CALLBACK (close_request_cb), self);
}

static void
vita_intake_editor_unroot (GtkWidget *widget)
{
  VitaIntakeEditor *self = (VitaIntakeEditor *)widget;

  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->close_request_id, self->window);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *)&self->window);
      self->window = NULL;
    }

  GTK_WIDGET_CLASS (vita_intake_editor_parent_class)->unroot (widget);
}

/* minimum-data mode: whether the site uses it is a store read, so it is
 * asked in a worker; the note then goes on every section with a TIN. */
static void
minimum_data_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_task_return_boolean (task, vita_store_get_minimum_data (task_data));
}

static void
note_sections (GtkWidget  *widget,
               const char *note)
{
  if (VITA_IS_INTAKE_SECTION (widget))
    {
      vita_intake_section_set_tin_note (VITA_INTAKE_SECTION (widget), note);
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    note_sections (child, note);
}

static void
minimum_data_done (GObject      *source_object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (source_object);
  const char *note = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), NULL) || self->household == NULL)
    return;
  note = _("This site uses minimum-data mode: identification numbers are kept only until the "
           "forms are printed, or until the return is filed or closed.");
  g_object_set_data_full (G_OBJECT (self->household), VITA_INTAKE_TIN_NOTE_DATA, g_strdup (note), g_free);
  note_sections (GTK_WIDGET (self), note);
}

static void
vita_intake_editor_constructed (GObject *object)
{
  VitaIntakeEditor *self = (VitaIntakeEditor *)object;

  G_OBJECT_CLASS (vita_intake_editor_parent_class)->constructed (object);

  g_assert (VITA_IS_STORE (self->store));
  g_assert (VITA_IS_HOUSEHOLD (self->household));

  build_pages (self);
  _vita_intake_editor_refresh_all (self);
  update_save_label (self);
  vita_intake_editor_show_section (self, "people");
  if (vita_household_get_id (self->household) != 0)
    _vita_intake_editor_queue_job (self, VITA_INTAKE_JOB_REVIEW_INFO, 0);
  {
    g_autoptr(GTask) task = g_task_new (self, NULL, minimum_data_done, NULL);

    g_task_set_task_data (task, g_object_ref (self->store), g_object_unref);
    g_task_run_in_thread (task, minimum_data_worker);
  }
}

static void
vita_intake_editor_dispose (GObject *object)
{
  VitaIntakeEditor *self = (VitaIntakeEditor *)object;

  _vita_intake_editor_jobs_dispose (self);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->w7_pages, g_hash_table_unref);
  g_clear_pointer (&self->sidebar_rows, g_hash_table_unref);
  /* The bin's child is a bound template child: take it out of the bin
   * first, or both the bin and the template would unparent it. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_INTAKE_EDITOR);
  g_clear_pointer (&self->review_info, vita_review_info_free);
  g_clear_object (&self->household);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vita_intake_editor_parent_class)->dispose (object);
}

static void
vita_intake_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_HOUSEHOLD:
      g_value_set_object (value, self->household);
      break;
    case PROP_SAVE_STATE:
      g_value_set_enum (value, self->save_state);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_intake_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VitaIntakeEditor *self = VITA_INTAKE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_HOUSEHOLD:
      self->household = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
install_properties (GObjectClass *object_class)
{
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOUSEHOLD] =
    g_param_spec_object ("household", NULL, NULL, VITA_TYPE_HOUSEHOLD,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVE_STATE] =
    g_param_spec_enum ("save-state", NULL, NULL, VITA_TYPE_INTAKE_SAVE_STATE,
                       VITA_INTAKE_SAVE_STATE_SAVED,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
install_signals (VitaIntakeEditorClass *klass)
{
  /**
   * VitaIntakeEditor::done:
   *
   * The volunteer finished with this household and every answer is saved.
   */
  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * VitaIntakeEditor::lock-requested:
   *
   * Emitted by the window just before it locks the store; every accepted
   * answer is saved when the emission returns.
   */
  signals[LOCK_REQUESTED] =
    g_signal_new_class_handler ("lock-requested", G_TYPE_FROM_CLASS (klass),
                                G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (vita_intake_editor_lock_requested),
                                NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vita_intake_editor_class_init (VitaIntakeEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vita_intake_editor_constructed;
  object_class->dispose = vita_intake_editor_dispose;
  object_class->get_property = vita_intake_editor_get_property;
  object_class->set_property = vita_intake_editor_set_property;
  widget_class->root = vita_intake_editor_root;
  widget_class->unroot = vita_intake_editor_unroot;

  install_properties (object_class);
  install_signals (klass);

  g_type_ensure (VITA_TYPE_INTAKE_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-intake-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeEditor, sidebar);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeEditor, flap);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, VitaIntakeEditor, save_label);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_row_selected_cb);

  _vita_intake_editor_class_install_actions (widget_class);
}

static gboolean
hide_folded_flap_cb (gpointer user_data)
{
  VitaIntakeEditor *self = user_data;

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
  else
    adw_flap_set_reveal_flap (self->flap, TRUE);
  return G_SOURCE_REMOVE;
}

/* Folding happens during the flap's size allocation: the questions take
 * the width, the sections wait behind the header button.  Changed from an
 * idle, since changing widgets inside an allocation leaves the header bar
 * without one for the next frame. */
static void
flap_folded_cb (VitaIntakeEditor *self)
{
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, hide_folded_flap_cb, g_object_ref (self), g_object_unref);
}

static void
vita_intake_editor_init (VitaIntakeEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->flap, "notify::folded", G_CALLBACK (flap_folded_cb), self);

  self->sections = g_ptr_array_new ();
  self->w7_pages = g_hash_table_new (NULL, NULL);
  self->sidebar_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _vita_intake_editor_jobs_init (self);
}

/* Private API for the partner files. */

/**
 * _vita_intake_editor_refresh_all:
 *
 * Brings every page in line with the current answers: people added or
 * removed, W-7 pages for whoever needs one, every gate re-evaluated, the
 * W-7 rules re-run and the review page recomputed.
 */
void
_vita_intake_editor_refresh_all (VitaIntakeEditor *self)
{
  g_assert (VITA_IS_INTAKE_EDITOR (self));

  vita_intake_people_page_sync (self->people_page);
  sync_w7_pages (self);
  vita_intake_people_page_refresh (self->people_page);
  for (guint i = 0; i < self->sections->len; i++)
    vita_intake_section_refresh (g_ptr_array_index (self->sections, i));
  vita_intake_documents_page_refresh (self->documents_page);
  refresh_w7 (self);
  update_window_title (self);
  vita_intake_review_page_update (self->review_page, self->store, self->household,
                                  self->review_info);
  _vita_intake_editor_update_actions (self);
}

/**
 * _vita_intake_editor_changed:
 *
 * Called after every accepted answer and every person added or removed.
 */
void
_vita_intake_editor_changed (VitaIntakeEditor *self)
{
  g_assert (VITA_IS_INTAKE_EDITOR (self));

  self->edit_generation++;
  _vita_intake_editor_refresh_all (self);
  _vita_intake_editor_schedule_save (self);
}

void
_vita_intake_editor_set_save_state (VitaIntakeEditor    *self,
                                    VitaIntakeSaveState  state)
{
  g_assert (VITA_IS_INTAKE_EDITOR (self));

  if (self->save_state == state)
    return;
  self->save_state = state;
  update_save_label (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_STATE]);
}

/**
 * _vita_intake_editor_after_save:
 *
 * A save succeeded: a new household learns its id, and typed TINs leave
 * their entries now that the store has them.
 */
void
_vita_intake_editor_after_save (VitaIntakeEditor *self)
{
  GHashTableIter iter;
  gpointer page;

  g_assert (VITA_IS_INTAKE_EDITOR (self));

  if (vita_household_get_id (self->household) == 0)
    vita_household_set_id (self->household, _vita_intake_editor_saved_id (self));

  vita_intake_people_page_forget_secrets (self->people_page);
  vita_intake_documents_page_forget_secrets (self->documents_page);
  for (guint i = 0; i < self->sections->len; i++)
    vita_intake_section_forget_secrets (g_ptr_array_index (self->sections, i));
  g_hash_table_iter_init (&iter, self->w7_pages);
  while (g_hash_table_iter_next (&iter, NULL, &page))
    vita_intake_section_forget_secrets (vita_intake_w7_page_get_section (page));

  update_save_label (self);
  vita_intake_review_page_update (self->review_page, self->store, self->household,
                                  self->review_info);
  _vita_intake_editor_update_actions (self);
}

void
_vita_intake_editor_toast (VitaIntakeEditor *self,
                           const char       *text)
{
  g_assert (VITA_IS_INTAKE_EDITOR (self));

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Errors stay until dismissed: a volunteer helping a client may not be
 * looking at the screen when one appears. */
void
_vita_intake_editor_show_error (VitaIntakeEditor *self,
                                const char       *message)
{
  AdwToast *toast;

  g_assert (VITA_IS_INTAKE_EDITOR (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_vita_intake_editor_emit_done (VitaIntakeEditor *self)
{
  g_signal_emit (self, signals[DONE], 0);
}

static VitaIntakeSection *
find_section (VitaIntakeEditor *self,
              int               person,
              const VitaField  *field,
              const char      **page_name)
{
  if (field->section == VITA_SECTION_W7)
    {
      VitaIntakeW7Page *page = g_hash_table_lookup (self->w7_pages, GINT_TO_POINTER (person));

      *page_name = "w7";
      return page != NULL ? vita_intake_w7_page_get_section (page) : NULL;
    }
  if (field->section == VITA_SECTION_DOCUMENTS)
    {
      *page_name = "documents";
      return vita_intake_documents_page_get_section (self->documents_page, person);
    }
  if (field->section == VITA_SECTION_IDENTITY || field->section == VITA_SECTION_HOUSEHOLD)
    {
      *page_name = "people";
      return vita_intake_people_page_get_section (self->people_page, person);
    }

  for (guint i = 0; i < self->sections->len; i++)
    {
      VitaIntakeSection *section = g_ptr_array_index (self->sections, i);

      if (vita_intake_section_get_person (section) == person &&
          vita_intake_section_get_row (section, field->id) != NULL)
        {
          *page_name = g_object_get_data (G_OBJECT (section), "page");
          return section;
        }
    }
  return NULL;
}

/**
 * _vita_intake_editor_find_field_row:
 * @page_name: (out): the stack page the row is on; "w7" for a W-7 page
 *
 * Returns: (transfer none) (nullable): the row asking @field_id of @person
 */
GtkWidget *
_vita_intake_editor_find_field_row (VitaIntakeEditor  *self,
                                    int                person,
                                    const char        *field_id,
                                    const char       **page_name)
{
  const VitaField *field = vita_field_lookup (field_id);
  VitaIntakeSection *section;

  g_assert (VITA_IS_INTAKE_EDITOR (self));

  if (field == NULL)
    return NULL;
  section = find_section (self, person, field, page_name);
  return section != NULL ? vita_intake_section_get_row (section, field_id) : NULL;
}

/* Public API */

/**
 * vita_intake_editor_new:
 * @store: an unlocked store
 * @household: the household to interview; the editor changes it in place
 *   and saves copies of it
 *
 * Returns: (transfer floating): the interview editor
 */
GtkWidget *
vita_intake_editor_new (VitaStore     *store,
                        VitaHousehold *household)
{
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);

  return g_object_new (VITA_TYPE_INTAKE_EDITOR,
                       "store", store,
                       "household", household,
                       NULL);
}

/**
 * vita_intake_editor_get_household:
 *
 * Returns: (transfer none): the household being interviewed
 */
VitaHousehold *
vita_intake_editor_get_household (VitaIntakeEditor *self)
{
  g_return_val_if_fail (VITA_IS_INTAKE_EDITOR (self), NULL);
  return self->household;
}

VitaIntakeSaveState
vita_intake_editor_get_save_state (VitaIntakeEditor *self)
{
  g_return_val_if_fail (VITA_IS_INTAKE_EDITOR (self), VITA_INTAKE_SAVE_STATE_SAVED);
  return self->save_state;
}

/**
 * vita_intake_editor_show_section:
 * @name: a page name such as "income", "w7-2" or "review"
 */
void
vita_intake_editor_show_section (VitaIntakeEditor *self,
                                 const char       *name)
{
  GtkListBoxRow *row;

  g_return_if_fail (VITA_IS_INTAKE_EDITOR (self));
  g_return_if_fail (name != NULL);

  row = g_hash_table_lookup (self->sidebar_rows, name);
  if (row != NULL)
    gtk_list_box_select_row (self->sidebar, row);
}
