/* vita-field-editor.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One question of the interview for one person: builds the row for the
 * field's type, validates what is typed, and writes only valid, canonical
 * values into the household.  An invalid text stays in the widget with the
 * message under it, so the volunteer can fix it, and the answer stored
 * before is kept.
 *
 * Every row and widget it makes carries a widget name: the row is named
 * after the field id, toggles and check buttons after their choice ids, so
 * tests and screen readers can find them. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <adwaita.h>

#include "vita-field-ids.h"
#include "vita-field-editor-private.h"
#include "vita-retention.h"
#include "vita-validate.h"
#include "vita-w7.h"

G_DEFINE_FINAL_TYPE (VitaFieldEditor, vita_field_editor, G_TYPE_OBJECT)

enum {
  CHANGED,
  ERROR_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  const char *id;
  const char *label;
} Answer;

/* The catalogue words person questions for the taxpayer ("Your job
 * title"); the form prints its own wording on the spouse's line. */
static const Answer spouse_labels[] = {
  { "job_title", N_("Spouse's job title") },
  { "phone", N_("Spouse's telephone number") },
  { VITA_FID_OPT_RACE_ETHNICITY, N_("What is your spouse's race and/or ethnicity? Select all that apply") },
  { NULL, NULL }
};

static void
set_css (GtkWidget  *widget,
         const char *css_class,
         gboolean    on)
{
  if (on)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

const char *
_vita_field_editor_get_label (VitaFieldEditor *self)
{
  if (self->person == VITA_PERSON_SPOUSE)
    {
      for (guint i = 0; spouse_labels[i].id != NULL; i++)
        {
          if (g_str_equal (spouse_labels[i].id, self->field->id))
            return _(spouse_labels[i].label);
        }
    }
  return _(self->field->label);
}

const char *
_vita_field_editor_get_value (VitaFieldEditor *self)
{
  return vita_household_get (self->household, self->person, self->field->id);
}

/* Dates are stored as YYYY-MM-DD and shown the way U.S. forms write them. */
static char *
display_value (VitaFieldEditor *self,
               const char      *value)
{
  if (value == NULL)
    return g_strdup ("");
  if (self->field->type == VITA_FIELD_DATE && strlen (value) == 10 && value[4] == '-')
    return g_strdup_printf ("%.2s/%.2s/%.4s", value + 5, value + 8, value);
  return g_strdup (value);
}

static void
update_message (VitaFieldEditor *self)
{
  const char *text = self->error != NULL ? self->error : self->problem;
  gboolean shown = text != NULL && gtk_widget_get_visible (self->row);

  gtk_label_set_text (GTK_LABEL (self->message_label), text != NULL ? text : "");
  set_css (self->message_label, "error", self->error != NULL);
  set_css (self->message_label, "warning", self->error == NULL && self->problem_blocking);
  set_css (self->message_label, "dim-label", self->error == NULL && !self->problem_blocking);
  set_css (self->row, "error", self->error != NULL);
  gtk_widget_set_visible (self->message_row, shown);
}

void
_vita_field_editor_set_error (VitaFieldEditor *self,
           const char      *message)
{
  if (g_strcmp0 (self->error, message) == 0)
    return;
  g_free (self->error);
  self->error = g_strdup (message);
  update_message (self);
  g_signal_emit (self, signals[ERROR_CHANGED], 0);
}

void
_vita_field_editor_store_value (VitaFieldEditor *self,
             const char      *value)
{
  const char *old = _vita_field_editor_get_value (self);

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (old, value) == 0)
    return;

  vita_household_set (self->household, self->person, self->field->id, value);
  g_signal_emit (self, signals[CHANGED], 0);
}

static VitaTinKind
kind_for_tin_type (const char *tin_type)
{
  if (g_strcmp0 (tin_type, "ssn") == 0)
    return VITA_TIN_KIND_SSN;
  if (g_strcmp0 (tin_type, "itin") == 0 || g_strcmp0 (tin_type, "renew_itin") == 0)
    return VITA_TIN_KIND_ITIN;
  if (g_strcmp0 (tin_type, "atin") == 0)
    return VITA_TIN_KIND_ATIN;
  return VITA_TIN_KIND_UNKNOWN;
}

/* The type answer says which card or letter the person brought; a number
 * of another kind means one of the two answers is wrong. */
static gboolean
check_tin_kind (VitaFieldEditor  *self,
                const char       *value,
                GError          **error)
{
  const char *tin_type;
  VitaTinKind wanted;

  if (value == NULL || !g_str_equal (self->field->id, VITA_FID_TIN))
    return TRUE;

  tin_type = vita_household_get (self->household, self->person, VITA_FID_TIN_TYPE);
  wanted = kind_for_tin_type (tin_type);
  if (wanted == VITA_TIN_KIND_UNKNOWN || vita_tin_classify (value) == wanted)
    return TRUE;

  g_set_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_FORMAT,
               /* Translators: %s is an answer such as "Social Security number (SSN)". */
               _("This is not the kind of number chosen above (%s). Check the card or letter and the answer above."),
               vita_field_get_choice_label (vita_field_lookup (VITA_FID_TIN_TYPE), tin_type));
  return FALSE;
}

static char *
dup_current_text (VitaFieldEditor *self)
{
  GtkTextIter start, end;

  if (self->buffer == NULL)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->row)));
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  return gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
}

static gboolean
clear_idle_cb (gpointer user_data)
{
  VitaFieldEditor *self = user_data;
  g_autofree char *text = dup_current_text (self);

  self->clear_source = 0;
  if (*g_strstrip (text) == '\0')
    _vita_field_editor_store_value (self, NULL);
  return G_SOURCE_REMOVE;
}

/* A clear still waiting for idle is done now: a refresh (the volunteer
 * moved to another page at once) would otherwise load the old answer back
 * into the emptied field, and the clear would then find text and keep it. */
static void
settle_pending_clear (VitaFieldEditor *self)
{
  if (self->clear_source == 0)
    return;
  g_clear_handle_id (&self->clear_source, g_source_remove);
  clear_idle_cb (self);
}

void
_vita_field_editor_take_text (VitaFieldEditor *self,
           const char      *text)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_clear_handle_id (&self->clear_source, g_source_remove);
  if (!vita_field_validate_value (self->field, text, &error) ||
      !vita_field_normalize_value (self->field, text, &value, &error) ||
      !check_tin_kind (self, value, &error))
    {
      _vita_field_editor_set_error (self, error->message);
      return;
    }

  _vita_field_editor_set_error (self, NULL);
  if (value != NULL)
    {
      _vita_field_editor_store_value (self, value);
      return;
    }
  /* An empty TIN entry keeps the saved number: the entry is emptied after
   * every save, and the clear button removes the number. */
  if (self->field->type == VITA_FIELD_TIN)
    return;
  /* Replacing a text passes through an empty one (delete, then insert).
   * Clearing the answer waits until the text is still empty once the main
   * loop is idle, so a replacement that turns out invalid does not lose
   * the answer stored before. */
  if (self->row != NULL && (GTK_IS_EDITABLE (self->row) || self->buffer != NULL))
    self->clear_source = g_idle_add (clear_idle_cb, self);
  else
    _vita_field_editor_store_value (self, NULL);
}

void
_vita_field_editor_set_editable_text (VitaFieldEditor *self,
                   const char      *text)
{
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->row), text);
  self->updating = FALSE;
}

void
_vita_field_editor_update_secret (VitaFieldEditor *self)
{
  const char *value = _vita_field_editor_get_value (self);
  gsize len = value != NULL ? strlen (value) : 0;
  g_autofree char *text = NULL;

  /* Only the last four digits ever reach a label (docs/security-design.md):
   * any process of the user can read widget text over AT-SPI. */
  if (len >= 4)
    text = g_strdup_printf (_("Saved, ends in %s"), value + len - 4);
  gtk_label_set_text (GTK_LABEL (self->secret_label), text != NULL ? text : "");
  gtk_widget_set_visible (self->secret_label, text != NULL);
  gtk_widget_set_visible (self->clear_button, text != NULL);
}

static void
load_entry (VitaFieldEditor *self,
            const char      *value)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->row));
  g_autofree char *current = NULL;
  g_autofree char *shown = NULL;

  if (self->field->type == VITA_FIELD_TIN)
    {
      _vita_field_editor_update_secret (self);
      return;
    }

  /* Leave the text alone while it means the stored value: rewriting it
   * would move the cursor under the volunteer's fingers. */
  if (vita_field_normalize_value (self->field, text, &current, NULL) &&
      g_strcmp0 (current, value) == 0)
    return;

  shown = display_value (self, value);
  _vita_field_editor_set_editable_text (self, shown);
}

char *
_vita_field_editor_collect_checked (VitaFieldEditor *self)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < self->choices->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->choices, i);

      if (!gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
        continue;
      if (str->len > 0)
        g_string_append_c (str, ',');
      g_string_append (str, gtk_widget_get_name (check));
    }
  return g_string_free (g_steal_pointer (&str), FALSE);
}

/* Form W-7 allows one reason box alone, a with h, or f with h (a alone
 * only on the way to a with h); boxes that would make another mix are
 * disabled, since a wrong mix is the IRS's most common W-7 error. */
static gboolean
reason_allowed (const char *selected,
                const char *extra)
{
  g_autofree char *candidate = NULL;
  g_autofree char *with_h = NULL;

  candidate = *selected != '\0' ? g_strconcat (selected, ",", extra, NULL) : g_strdup (extra);
  with_h = g_strconcat (candidate, ",h", NULL);
  return vita_w7_reasons_valid (candidate) || vita_w7_reasons_valid (with_h);
}

void
_vita_field_editor_update_reason_sensitivity (VitaFieldEditor *self)
{
  g_autofree char *selected = NULL;

  if (!g_str_equal (self->field->id, VITA_FID_W7_REASONS))
    return;

  selected = _vita_field_editor_collect_checked (self);

  for (guint i = 0; i < self->choices->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->choices, i);
      gboolean active = gtk_check_button_get_active (GTK_CHECK_BUTTON (check));

      gtk_widget_set_sensitive (gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW),
                                active || reason_allowed (selected, gtk_widget_get_name (check)));
    }
}

static void
load_choices (VitaFieldEditor *self,
              const char      *value)
{
  g_auto(GStrv) ids = g_strsplit (value != NULL ? value : "", ",", -1);
  gboolean has_spouse = vita_household_has_person (self->household, VITA_PERSON_SPOUSE);

  self->updating = TRUE;
  for (guint i = 0; i < self->choices->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->choices, i);
      const char *id = gtk_widget_get_name (button);
      gboolean active = g_strv_contains ((const char * const *)ids, id);

      if (GTK_IS_CHECK_BUTTON (button))
        gtk_check_button_set_active (GTK_CHECK_BUTTON (button), active);
      else
        gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), active);

      /* "Spouse" and "Both" mean nothing on a return without a spouse. */
      if (self->field->type == VITA_FIELD_YOU_SPOUSE &&
          (g_str_equal (id, "spouse") || g_str_equal (id, "both")))
        gtk_widget_set_visible (button, has_spouse || active);
    }
  self->updating = FALSE;
  _vita_field_editor_update_reason_sensitivity (self);
}

static void
load_combo (VitaFieldEditor *self,
            const char      *value)
{
  guint selected = 0;

  for (guint i = 0; value != NULL && self->field->choices[i].id != NULL; i++)
    {
      if (g_str_equal (self->field->choices[i].id, value))
        selected = i + 1;
    }
  self->updating = TRUE;
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->row), selected);
  self->updating = FALSE;
}

static void
load_number (VitaFieldEditor *self,
             const char      *value)
{
  double number = value != NULL ? g_ascii_strtod (value, NULL) : 0;

  self->updating = TRUE;
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (self->spin), number);
  self->updating = FALSE;
}

static void
load_notes (VitaFieldEditor *self,
            const char      *value)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  text = gtk_text_buffer_get_text (self->buffer, &start, &end, FALSE);
  if (g_strcmp0 (g_strstrip (text), value != NULL ? value : "") == 0)
    return;

  self->updating = TRUE;
  gtk_text_buffer_set_text (self->buffer, value != NULL ? value : "", -1);
  self->updating = FALSE;
}

static void
load_value (VitaFieldEditor *self)
{
  const char *value = _vita_field_editor_get_value (self);

  switch (self->field->type)
    {
    case VITA_FIELD_YES_NO:
    case VITA_FIELD_YES_NO_NA:
    case VITA_FIELD_YOU_SPOUSE:
    case VITA_FIELD_MULTI_CHOICE:
      load_choices (self, value);
      break;
    case VITA_FIELD_CHOICE:
      load_combo (self, value);
      break;
    case VITA_FIELD_COUNT:
    case VITA_FIELD_AMOUNT:
      load_number (self, value);
      break;
    case VITA_FIELD_NOTES:
      load_notes (self, value);
      break;
    default:
      load_entry (self, value);
      break;
    }
}

static void
vita_field_editor_dispose (GObject *object)
{
  VitaFieldEditor *self = (VitaFieldEditor *)object;

  g_clear_handle_id (&self->clear_source, g_source_remove);
  g_clear_pointer (&self->choices, g_ptr_array_unref);
  g_clear_object (&self->row);
  g_clear_object (&self->message_row);
  g_clear_object (&self->household);

  G_OBJECT_CLASS (vita_field_editor_parent_class)->dispose (object);
}

static void
vita_field_editor_finalize (GObject *object)
{
  VitaFieldEditor *self = (VitaFieldEditor *)object;

  g_clear_pointer (&self->error, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (vita_field_editor_parent_class)->finalize (object);
}

static void
vita_field_editor_class_init (VitaFieldEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vita_field_editor_dispose;
  object_class->finalize = vita_field_editor_finalize;

  /**
   * VitaFieldEditor::changed:
   *
   * A new valid value was written into the household.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * VitaFieldEditor::error-changed:
   *
   * A text was refused (so it is not saved) or a refused text was fixed
   * or dropped: the interview's count of fields not saved changes.
   */
  signals[ERROR_CHANGED] = g_signal_new ("error-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vita_field_editor_init (VitaFieldEditor *self)
{
  self->choices = g_ptr_array_new ();
}

/**
 * vita_field_editor_new:
 * @field: a catalogue entry
 * @household: the household the answers go into
 * @person: a person slot, or %VITA_PERSON_HOUSEHOLD
 *
 * Returns: (transfer full): an editor whose rows the caller adds to a
 *   preferences group, the row first and the message row right after it
 */
VitaFieldEditor *
vita_field_editor_new (const VitaField *field,
                       VitaHousehold   *household,
                       int              person)
{
  VitaFieldEditor *self;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (VITA_IS_HOUSEHOLD (household), NULL);

  self = g_object_new (VITA_TYPE_FIELD_EDITOR, NULL);
  self->field = field;
  self->person = person;
  self->household = g_object_ref (household);

  _vita_field_editor_build_row (self);
  g_object_ref_sink (self->row);
  _vita_field_editor_decorate_row (self);
  _vita_field_editor_build_message_row (self);
  g_object_ref_sink (self->message_row);
  vita_field_editor_refresh (self);
  return self;
}

const VitaField *
vita_field_editor_get_field (VitaFieldEditor *self)
{
  g_return_val_if_fail (VITA_IS_FIELD_EDITOR (self), NULL);
  return self->field;
}

int
vita_field_editor_get_person (VitaFieldEditor *self)
{
  g_return_val_if_fail (VITA_IS_FIELD_EDITOR (self), VITA_PERSON_HOUSEHOLD);
  return self->person;
}

/**
 * vita_field_editor_get_row:
 *
 * Returns: (transfer none): the row, named after the field id
 */
GtkWidget *
vita_field_editor_get_row (VitaFieldEditor *self)
{
  g_return_val_if_fail (VITA_IS_FIELD_EDITOR (self), NULL);
  return self->row;
}

/**
 * vita_field_editor_get_message_row:
 *
 * Returns: (transfer none): the row under the field that shows what is
 *   wrong with it; hidden while nothing is
 */
GtkWidget *
vita_field_editor_get_message_row (VitaFieldEditor *self)
{
  g_return_val_if_fail (VITA_IS_FIELD_EDITOR (self), NULL);
  return self->message_row;
}

/**
 * vita_field_editor_refresh:
 *
 * Shows or hides the row from the gates in the current answers and shows
 * the stored value, unless the volunteer is fixing an invalid text.
 *
 * Returns: whether the row is shown
 */
gboolean
vita_field_editor_refresh (VitaFieldEditor *self)
{
  gboolean shown;

  g_return_val_if_fail (VITA_IS_FIELD_EDITOR (self), FALSE);

  settle_pending_clear (self);
  shown = vita_field_is_visible (self->field, self->household, self->person);
  gtk_widget_set_visible (self->row, shown);
  if (self->error == NULL)
    load_value (self);
  update_message (self);
  return shown;
}

gboolean
vita_field_editor_get_shown (VitaFieldEditor *self)
{
  g_return_val_if_fail (VITA_IS_FIELD_EDITOR (self), FALSE);
  return gtk_widget_get_visible (self->row);
}

gboolean
vita_field_editor_has_error (VitaFieldEditor *self)
{
  g_return_val_if_fail (VITA_IS_FIELD_EDITOR (self), FALSE);
  return self->error != NULL;
}

/**
 * vita_field_editor_set_problem:
 * @message: (nullable): a rule the answer breaks, such as a W-7 check
 * @blocking: whether it must be fixed, rather than a reminder
 *
 * Shown under the field while there is no validation error.
 */
void
vita_field_editor_set_problem (VitaFieldEditor *self,
                               const char      *message,
                               gboolean         blocking)
{
  g_return_if_fail (VITA_IS_FIELD_EDITOR (self));

  if (g_strcmp0 (self->problem, message) == 0 && self->problem_blocking == blocking)
    return;
  g_free (self->problem);
  self->problem = g_strdup (message);
  self->problem_blocking = message != NULL && blocking;
  update_message (self);
}

/**
 * vita_field_editor_forget_secret:
 *
 * Empties a TIN entry once its number is stored, so the full number does
 * not stay readable in the widget tree.  A number that was not accepted
 * stays, so it can be corrected.
 */
void
vita_field_editor_forget_secret (VitaFieldEditor *self)
{
  const char *text;
  g_autofree char *typed = NULL;

  g_return_if_fail (VITA_IS_FIELD_EDITOR (self));

  if (self->field->type != VITA_FIELD_TIN)
    return;

  text = gtk_editable_get_text (GTK_EDITABLE (self->row));
  if (self->error == NULL && *text != '\0' &&
      vita_field_normalize_value (self->field, text, &typed, NULL) &&
      g_strcmp0 (typed, _vita_field_editor_get_value (self)) == 0)
    _vita_field_editor_set_editable_text (self, "");
  _vita_field_editor_update_secret (self);
}
