/* vita-field-editor-rows.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-field-editor.c: the row for each field type.
 * Entries, dates and numbers typed as text are AdwEntryRows; choices are
 * AdwComboRows; yes/no questions are toggle pairs; several-answer choices
 * are check buttons in an AdwExpanderRow; counts and amounts are spin
 * buttons; notes are text views.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-ids.h"
#include "vita-certification.h"
#include "vita-field-editor-private.h"

typedef struct
{
  const char *id;
  const char *label;
} Answer;

static const Answer yes_no_answers[] = {
  { "yes", N_("Yes") }, { "no", N_("No") }, { NULL, NULL }
};

static const Answer yes_no_na_answers[] = {
  { "yes", N_("Yes") }, { "no", N_("No") }, { "na", N_("N/A") }, { NULL, NULL }
};

static const Answer you_spouse_answers[] = {
  { "you", N_("You") }, { "spouse", N_("Spouse") }, { "both", N_("Both") }, { "no", N_("No") },
  { NULL, NULL }
};

static void
entry_changed_cb (VitaFieldEditor *self,
                  GtkEditable     *editable)
{
  if (!self->updating)
    _vita_field_editor_take_text (self, gtk_editable_get_text (editable));
}

static void
clear_clicked_cb (VitaFieldEditor *self,
                  GtkButton       *button)
{
  _vita_field_editor_set_error (self, NULL);
  _vita_field_editor_set_editable_text (self, "");
  _vita_field_editor_store_value (self, NULL);
  _vita_field_editor_update_secret (self);
}

static void
toggle_toggled_cb (VitaFieldEditor *self,
                   GtkToggleButton *button)
{
  if (!self->updating && gtk_toggle_button_get_active (button))
    _vita_field_editor_take_text (self, gtk_widget_get_name (GTK_WIDGET (button)));
}

static void
check_toggled_cb (VitaFieldEditor *self,
                  GtkCheckButton  *button)
{
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  text = _vita_field_editor_collect_checked (self);
  _vita_field_editor_take_text (self, text);
  _vita_field_editor_update_reason_sensitivity (self);
}

static void
combo_selected_cb (VitaFieldEditor *self,
                   GParamSpec      *pspec,
                   AdwComboRow     *row)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->updating)
    return;
  _vita_field_editor_take_text (self, selected == 0 || selected == GTK_INVALID_LIST_POSITION
                   ? NULL : self->field->choices[selected - 1].id);
}

static void
spin_value_changed_cb (VitaFieldEditor *self,
                       GtkSpinButton   *spin)
{
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  text = g_strdup_printf ("%d", gtk_spin_button_get_value_as_int (spin));
  _vita_field_editor_take_text (self, text);
}

static void
buffer_changed_cb (VitaFieldEditor *self,
                   GtkTextBuffer   *buffer)
{
  GtkTextIter start, end;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  _vita_field_editor_take_text (self, text);
}

static gboolean
show_hint_cb (GtkWidget *row,
              GVariant  *args,
              gpointer   user_data)
{
  gtk_menu_button_popup (GTK_MENU_BUTTON (user_data));
  return TRUE;
}

/* F1 (the GNOME key for help) and Ctrl+H open the hint of the focused
 * field; the button itself is out of the Tab order. */
static void
add_hint_shortcut (GtkWidget *row,
                   GtkWidget *button)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutAction *action = gtk_callback_action_new (show_hint_cb, button, NULL);

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_F1, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_h, GDK_CONTROL_MASK)),
                                                          action));
  gtk_widget_add_controller (row, controller);
}

static GtkWidget *
make_help_button (const char *help)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *label = gtk_label_new (help);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), label);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "dialog-information-symbolic");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* Out of the Tab order: otherwise every field takes two Tab presses.
   * F1 or Ctrl+H on the field opens the same hint (show_hint_cb). */
  gtk_widget_set_can_focus (button, FALSE);
  gtk_widget_set_name (button, "hint");
  gtk_widget_set_tooltip_text (button, _("What to write here (F1)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What to write here"),
                                  -1);
  return button;
}

static GtkWidget *
make_cert_badge (VitaCertLevel level)
{
  /* An en dash where the form prints no code. */
  static const char *codes[] = { "–", "B", "A", "M" };
  GtkWidget *label = gtk_label_new (codes[level]);
  g_autofree char *tip = NULL;

  gtk_widget_add_css_class (label, "vita-cert-badge");
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  /* An item without a code keeps the slot, so the items of a block line
   * up as on the paper form and are not taken for follow-ups. */
  if (level == VITA_CERT_NONE)
    {
      gtk_widget_add_css_class (label, "empty");
      gtk_widget_set_tooltip_text (label, _("The form gives no certification code for this item"));
      gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
      return label;
    }

  /* Translators: %s is a certification level such as "Advanced". */
  tip = g_strdup_printf (_("Certification needed: %s"), vita_cert_level_get_label (level));
  gtk_widget_set_tooltip_text (label, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
  return label;
}

/* The checkbox items of pages 2 and 3, which carry the B/A/M codes. */
static gboolean
is_coded_item (const VitaField *field)
{
  return field->gate_field == NULL && field->type == VITA_FIELD_YES_NO &&
         vita_field_section_has_coded_items (field->section);
}

/* Follow-ups are indented under the question that opens them. */
static GtkWidget *
make_indent (void)
{
  GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_set_size_request (spacer, 24, -1);
  return spacer;
}

static void
add_follow_up_indent (VitaFieldEditor *self)
{
  if (ADW_IS_ACTION_ROW (self->row))
    adw_action_row_add_prefix (ADW_ACTION_ROW (self->row), make_indent ());
  else if (ADW_IS_ENTRY_ROW (self->row))
    adw_entry_row_add_prefix (ADW_ENTRY_ROW (self->row), make_indent ());
}

static GtkInputPurpose
input_purpose (VitaFieldType type)
{
  switch (type)
    {
    case VITA_FIELD_NAME:
      return GTK_INPUT_PURPOSE_NAME;
    case VITA_FIELD_PHONE:
      return GTK_INPUT_PURPOSE_PHONE;
    case VITA_FIELD_EMAIL:
      return GTK_INPUT_PURPOSE_EMAIL;
    case VITA_FIELD_TIN:
    case VITA_FIELD_EIN:
    case VITA_FIELD_YEAR:
      return GTK_INPUT_PURPOSE_DIGITS;
    default:
      return GTK_INPUT_PURPOSE_FREE_FORM;
    }
}

static void
add_secret_widgets (VitaFieldEditor *self)
{
  self->secret_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->secret_label, "secret");
  gtk_widget_add_css_class (self->secret_label, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), self->secret_label);

  self->clear_button = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_name (self->clear_button, "clear");
  gtk_widget_set_valign (self->clear_button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->clear_button, "flat");
  gtk_widget_set_tooltip_text (self->clear_button, _("Remove the saved number"));
  g_signal_connect_object (self->clear_button, "clicked", G_CALLBACK (clear_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), self->clear_button);
}

static void
build_entry (VitaFieldEditor *self)
{
  self->row = adw_entry_row_new ();
  adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (self->row), input_purpose (self->field->type));

  if (self->field->type == VITA_FIELD_DATE)
    {
      /* Translators: the date format the field expects; month first. */
      GtkWidget *hint = gtk_label_new (_("MM/DD/YYYY"));

      gtk_widget_add_css_class (hint, "dim-label");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), hint);
    }
  if (self->field->type == VITA_FIELD_TIN)
    add_secret_widgets (self);
  if (self->field->help != NULL)
    {
      GtkWidget *button = make_help_button (_(self->field->help));

      adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->row), button);
      add_hint_shortcut (self->row, button);
    }

  g_signal_connect_object (self->row, "changed", G_CALLBACK (entry_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static const Answer *
answers_for (VitaFieldType type)
{
  switch (type)
    {
    case VITA_FIELD_YES_NO:
      return yes_no_answers;
    case VITA_FIELD_YES_NO_NA:
      return yes_no_na_answers;
    case VITA_FIELD_YOU_SPOUSE:
      return you_spouse_answers;
    default:
      g_assert_not_reached ();
    }
}

/* Yes and no are two toggles rather than a switch: "not answered yet"
 * must look different from "no". */
static void
build_toggles (VitaFieldEditor *self)
{
  const Answer *answers = answers_for (self->field->type);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkToggleButton *first = NULL;

  self->row = adw_action_row_new ();
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);

  for (guint i = 0; answers[i].id != NULL; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (_(answers[i].label));

      gtk_widget_set_name (button, answers[i].id);
      if (first != NULL)
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), first);
      else
        first = GTK_TOGGLE_BUTTON (button);
      g_signal_connect_object (button, "toggled", G_CALLBACK (toggle_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);
      g_ptr_array_add (self->choices, button);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->row), box);
}

static void
combo_item_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *item,
                     gpointer                  in_row)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 28);
  gtk_label_set_xalign (GTK_LABEL (label), in_row != NULL ? 1 : 0);
  gtk_list_item_set_child (item, label);
}

static void
combo_item_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  in_row)
{
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));

  gtk_label_set_text (label, text);
  /* Beside a long title and help text the answer would otherwise be
   * squeezed to a word per line. */
  if (in_row != NULL)
    gtk_label_set_width_chars (label, MIN (g_utf8_strlen (text, -1), 16));
}

/* The default factory cuts long answers ("Individual taxpayer
 * identification number (ITIN)") to a few words; these wrap instead. */
static GtkListItemFactory *
make_combo_factory (gboolean in_row)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (combo_item_setup_cb),
                    GINT_TO_POINTER (in_row));
  g_signal_connect (factory, "bind", G_CALLBACK (combo_item_bind_cb),
                    GINT_TO_POINTER (in_row));
  return factory;
}

static void
build_combo (VitaFieldEditor *self)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = make_combo_factory (TRUE);
  g_autoptr(GtkListItemFactory) list_factory = make_combo_factory (FALSE);

  gtk_string_list_append (model, _("Not answered"));
  for (guint i = 0; self->field->choices[i].id != NULL; i++)
    gtk_string_list_append (model, _(self->field->choices[i].label));

  self->row = adw_combo_row_new ();
  adw_combo_row_set_factory (ADW_COMBO_ROW (self->row), factory);
  adw_combo_row_set_list_factory (ADW_COMBO_ROW (self->row), list_factory);
  adw_combo_row_set_model (ADW_COMBO_ROW (self->row), G_LIST_MODEL (model));
  g_signal_connect_object (self->row, "notify::selected", G_CALLBACK (combo_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
build_multi (VitaFieldEditor *self)
{
  self->row = adw_expander_row_new ();
  /* Open when answered, and always for the W-7 reason: the optional
   * questions stay out of the way until the client wants them. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (self->row),
                                 _vita_field_editor_get_value (self) != NULL ||
                                 g_str_equal (self->field->id, VITA_FID_W7_REASONS));

  for (guint i = 0; self->field->choices[i].id != NULL; i++)
    {
      GtkWidget *choice_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_name (check, self->field->choices[i].id);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (choice_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (choice_row),
                                     _(self->field->choices[i].label));
      adw_action_row_add_prefix (ADW_ACTION_ROW (choice_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (choice_row), check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                               G_CONNECT_SWAPPED);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->row), choice_row);
      g_ptr_array_add (self->choices, check);
    }
}

static guint64
number_limit (const VitaField *field)
{
  guint digits = field->max_chars > 0 ? field->max_chars
                 : field->type == VITA_FIELD_AMOUNT ? 9 : 3;
  guint64 limit = 1;

  /* The one count with a natural bound (vita-field.c checks it too). */
  if (g_str_equal (field->id, VITA_FID_DEP_MONTHS_IN_HOME))
    return 12;
  while (digits-- > 0)
    limit *= 10;
  return limit - 1;
}

static void
build_number (VitaFieldEditor *self)
{
  gboolean amount = self->field->type == VITA_FIELD_AMOUNT;

  self->row = adw_action_row_new ();
  self->spin = gtk_spin_button_new_with_range (0, (double) number_limit (self->field), 1);
  gtk_widget_set_name (self->spin, "value");
  gtk_widget_set_valign (self->spin, GTK_ALIGN_CENTER);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (self->spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (self->spin), amount ? 10 : 3);
  if (amount)
    {
      GtkWidget *dollar = gtk_label_new ("$");

      gtk_widget_add_css_class (dollar, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (self->row), dollar);
    }
  adw_action_row_add_suffix (ADW_ACTION_ROW (self->row), self->spin);
  g_signal_connect_object (self->spin, "value-changed", G_CALLBACK (spin_value_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
build_notes (VitaFieldEditor *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (_vita_field_editor_get_label (self));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  self->row = adw_preferences_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->row), FALSE);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);

  gtk_widget_set_name (view, "text");
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 6);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 6);
  gtk_widget_set_size_request (view, -1, 120);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL, -1);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->row), box);

  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
_vita_field_editor_build_row (VitaFieldEditor *self)
{
  switch (self->field->type)
    {
    case VITA_FIELD_YES_NO:
    case VITA_FIELD_YES_NO_NA:
    case VITA_FIELD_YOU_SPOUSE:
      build_toggles (self);
      break;
    case VITA_FIELD_CHOICE:
      build_combo (self);
      break;
    case VITA_FIELD_MULTI_CHOICE:
      build_multi (self);
      break;
    case VITA_FIELD_COUNT:
    case VITA_FIELD_AMOUNT:
      build_number (self);
      break;
    case VITA_FIELD_NOTES:
      build_notes (self);
      break;
    default:
      build_entry (self);
      break;
    }
}

/* A toggle says only "Yes"; a screen reader also needs the question it
 * answers.  Likewise for a spin button beside its question. */
static void
describe_controls (VitaFieldEditor *self)
{
  const char *question = _vita_field_editor_get_label (self);

  for (guint i = 0; i < self->choices->len; i++)
    {
      GtkWidget *button = g_ptr_array_index (self->choices, i);

      if (GTK_IS_TOGGLE_BUTTON (button))
        gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, question, -1);
    }
  if (self->spin != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->spin),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, question, -1);
}

/* Rows other than entry rows show the help as their subtitle. */
void
_vita_field_editor_decorate_row (VitaFieldEditor *self)
{
  const char *help = self->field->help != NULL ? _(self->field->help) : NULL;

  gtk_widget_set_name (self->row, self->field->id);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->row),
                                 _vita_field_editor_get_label (self));
  describe_controls (self);

  if (ADW_IS_ACTION_ROW (self->row))
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self->row), help);
      if (self->field->cert != VITA_CERT_NONE || is_coded_item (self->field))
        adw_action_row_add_prefix (ADW_ACTION_ROW (self->row), make_cert_badge (self->field->cert));
    }
  else if (ADW_IS_EXPANDER_ROW (self->row))
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->row), help);

  if (self->field->volunteer_only)
    gtk_widget_add_css_class (self->row, "vita-volunteer-only");
  if (self->field->gate_field != NULL && self->field->type != VITA_FIELD_NOTES)
    add_follow_up_indent (self);
}

void
_vita_field_editor_build_message_row (VitaFieldEditor *self)
{
  g_autofree char *name = g_strconcat ("message:", self->field->id, NULL);

  self->message_row = adw_preferences_row_new ();
  gtk_widget_set_name (self->message_row, name);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self->message_row), FALSE);
  gtk_widget_set_focusable (self->message_row, FALSE);
  gtk_widget_add_css_class (self->message_row, "vita-field-message");

  self->message_label = gtk_label_new (NULL);
  gtk_widget_set_name (self->message_label, "message-label");
  gtk_label_set_wrap (GTK_LABEL (self->message_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->message_label), 0);
  /* Under a follow-up the message lines up with its indented title. */
  gtk_widget_set_margin_start (self->message_label, self->field->gate_field != NULL ? 48 : 12);
  gtk_widget_set_margin_end (self->message_label, 12);
  gtk_widget_set_margin_top (self->message_label, 6);
  gtk_widget_set_margin_bottom (self->message_label, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self->message_row), self->message_label);
  gtk_widget_set_visible (self->message_row, FALSE);

  /* Screen readers announce the message with the field it is about. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY, self->message_label, NULL,
                                  -1);
}

