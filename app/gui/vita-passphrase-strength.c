/* vita-passphrase-strength.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-gui-util.h"
#include "vita-passphrase-strength.h"

/* Live feedback under a new passphrase: a level bar and one plain
 * sentence.  The rules and the sentences are the core's
 * (vita-passphrase.c), so every front end refuses the same passphrases. */
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
