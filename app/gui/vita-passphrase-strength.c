/* vita-passphrase-strength.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <pwquality.h>

#include "vita-gui-util.h"
#include "vita-passphrase-strength.h"

/* Live feedback under a new passphrase: a level bar and one plain
 * sentence.  pwquality's own messages are English and technical, so its
 * error codes are mapped to sentences a volunteer can act on, in their
 * language. */
struct _VitaPassphraseStrength
{
  GtkWidget    parent_instance;

  /* Template widgets */
  GtkLevelBar *level_bar;
  GtkLabel    *label;

  gboolean     acceptable;
};

G_DEFINE_FINAL_TYPE (VitaPassphraseStrength, vita_passphrase_strength, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_ACCEPTABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The settings are read once: pwquality.conf does not change while the
 * app runs.  Where the cracklib dictionary is not installed every check
 * fails with "error loading dictionary", which would refuse every
 * passphrase; the dictionary check is then switched off and the length
 * and score rules still apply. */
static pwquality_settings_t *
get_settings (void)
{
  static gsize settings;

  if (g_once_init_enter (&settings))
    {
      pwquality_settings_t *s = pwquality_default_settings ();
      void *auxerror = NULL;

      pwquality_read_config (s, NULL, &auxerror);
      pwquality_set_int_value (s, PWQ_SETTING_MIN_LENGTH, VITA_PASSPHRASE_MIN_LENGTH);
      /* Random characters: only a missing dictionary can fail this. */
      if (pwquality_check (s, "xQ7#vZ2!mK9$wR4&", NULL, NULL, &auxerror)
          == PWQ_ERROR_CRACKLIB_CHECK)
        pwquality_set_int_value (s, PWQ_SETTING_DICT_CHECK, 0);
      g_once_init_leave (&settings, (gsize)s);
    }
  return (pwquality_settings_t *)settings;
}

static const char *
message_for_error (int code)
{
  switch (code)
    {
    case PWQ_ERROR_EMPTY_PASSWORD:
      return _("Enter a passphrase.");
    case PWQ_ERROR_MIN_LENGTH:
      G_STATIC_ASSERT (VITA_PASSPHRASE_MIN_LENGTH == 12);  /* the number in the message */
      return _("Too short. Use at least 12 characters — three or four unrelated words work well.");
    case PWQ_ERROR_USER_CHECK:
    case PWQ_ERROR_GECOS_CHECK:
      return _("Do not use your user name or your real name in the passphrase.");
    case PWQ_ERROR_BAD_WORDS:
      return _("The passphrase contains a word this site does not allow.");
    case PWQ_ERROR_CRACKLIB_CHECK:
    case PWQ_ERROR_PALINDROME:
    case PWQ_ERROR_CASE_CHANGES_ONLY:
    case PWQ_ERROR_TOO_SIMILAR:
    case PWQ_ERROR_ROTATED:
      return _("This is a common word or pattern that is easy to guess. Add unrelated words.");
    case PWQ_ERROR_MAX_CONSECUTIVE:
    case PWQ_ERROR_MAX_SEQUENCE:
    case PWQ_ERROR_MAX_CLASS_REPEAT:
      return _("Avoid repeated characters and runs like “1234” or “abcd”.");
    case PWQ_ERROR_MIN_DIGITS:
    case PWQ_ERROR_MIN_UPPERS:
    case PWQ_ERROR_MIN_LOWERS:
    case PWQ_ERROR_MIN_OTHERS:
    case PWQ_ERROR_MIN_CLASSES:
      return _("Mix in other kinds of characters, or add another word.");
    default:
      return _("This passphrase is too easy to guess. Add another word.");
    }
}

static const char *
message_for_score (int score)
{
  if (score < VITA_PASSPHRASE_MIN_SCORE)
    return _("Too easy to guess. Add another word.");
  if (score < 70)
    return _("Acceptable. Another word would make it stronger.");
  if (score < 90)
    return _("Good passphrase.");
  return _("Strong passphrase.");
}

static void
vita_passphrase_strength_dispose (GObject *object)
{
  vita_gui_unparent_children (GTK_WIDGET (object));
  gtk_widget_dispose_template (GTK_WIDGET (object), VITA_TYPE_PASSPHRASE_STRENGTH);

  G_OBJECT_CLASS (vita_passphrase_strength_parent_class)->dispose (object);
}

static void
vita_passphrase_strength_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VitaPassphraseStrength *self = VITA_PASSPHRASE_STRENGTH (object);

  switch (prop_id)
    {
    case PROP_ACCEPTABLE:
      g_value_set_boolean (value, self->acceptable);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_passphrase_strength_class_init (VitaPassphraseStrengthClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_passphrase_strength_dispose;
  object_class->get_property = vita_passphrase_strength_get_property;

  properties[PROP_ACCEPTABLE] =
    g_param_spec_boolean ("acceptable", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-passphrase-strength.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaPassphraseStrength, level_bar);
  gtk_widget_class_bind_template_child (widget_class, VitaPassphraseStrength, label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
vita_passphrase_strength_init (VitaPassphraseStrength *self)
{
  GtkLayoutManager *layout;

  gtk_widget_init_template (GTK_WIDGET (self));

  layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));
  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 6);

  /* Named offsets become style classes; style.css colours them. */
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (self->level_bar, GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (self->level_bar, "strength-weak", 1);
  gtk_level_bar_add_offset_value (self->level_bar, "strength-fair", 2);
  gtk_level_bar_add_offset_value (self->level_bar, "strength-good", 3);
  gtk_level_bar_add_offset_value (self->level_bar, "strength-strong", 4);

  vita_passphrase_strength_update (self, "", NULL);
}

GtkWidget *
vita_passphrase_strength_new (void)
{
  return g_object_new (VITA_TYPE_PASSPHRASE_STRENGTH, NULL);
}

/**
 * vita_passphrase_check:
 * @user_name: (nullable): the account the passphrase is for
 * @message: (out) (optional) (transfer full): one translated sentence
 *
 * Returns: pwquality's score (0–100), or a negative pwquality error code
 */
int
vita_passphrase_check (const char  *passphrase,
                       const char  *user_name,
                       char       **message)
{
  void *auxerror = NULL;
  int score;

  if (passphrase == NULL || *passphrase == '\0')
    score = PWQ_ERROR_EMPTY_PASSWORD;
  else
    score = pwquality_check (get_settings (), passphrase, NULL,
                             user_name && *user_name ? user_name : NULL, &auxerror);
  if (message != NULL)
    *message = g_strdup (score < 0 ? message_for_error (score) : message_for_score (score));
  return score;
}

/**
 * vita_passphrase_strength_update:
 *
 * Checks @passphrase and shows the result.  An empty passphrase shows a
 * hint rather than an error: nothing was typed wrong yet.
 */
void
vita_passphrase_strength_update (VitaPassphraseStrength *self,
                                 const char             *passphrase,
                                 const char             *user_name)
{
  g_autofree char *message = NULL;
  gboolean acceptable;
  double level;
  int score;

  g_return_if_fail (VITA_IS_PASSPHRASE_STRENGTH (self));

  score = vita_passphrase_check (passphrase, user_name, &message);
  acceptable = score >= VITA_PASSPHRASE_MIN_SCORE;

  if (passphrase == NULL || *passphrase == '\0')
    {
      level = 0;
      gtk_label_set_text (self->label, _("Use three or four unrelated words. Longer is stronger."));
    }
  else
    {
      level = score < VITA_PASSPHRASE_MIN_SCORE ? 1 : score < 70 ? 2 : score < 90 ? 3 : 4;
      gtk_label_set_text (self->label, message);
    }
  gtk_level_bar_set_value (self->level_bar, level);

  if (acceptable != self->acceptable)
    {
      self->acceptable = acceptable;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACCEPTABLE]);
    }
}

gboolean
vita_passphrase_strength_get_acceptable (VitaPassphraseStrength *self)
{
  g_return_val_if_fail (VITA_IS_PASSPHRASE_STRENGTH (self), FALSE);
  return self->acceptable;
}

const char *
vita_passphrase_strength_get_message (VitaPassphraseStrength *self)
{
  g_return_val_if_fail (VITA_IS_PASSPHRASE_STRENGTH (self), NULL);
  return gtk_label_get_text (self->label);
}
