/* vita-member-window.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-i18n.h"
#include "vita-member-window.h"

/* What the windows a member reads share: the privacy notice dialog, the
 * consent screen and the privacy notice on screen.  Each is built for one
 * store and one household, and shows its text in a language the member
 * picks from a list of every member language under its own name.
 *
 * Of the household only the id and the tax year are kept: nothing else
 * from the member's file is within these windows' reach.  (The notice
 * dialog keeps the household itself, to open the screen window.)
 *
 * No template here: each window has its own, and hands this class the
 * widget it uses to choose the language (a GtkDropDown or an AdwComboRow;
 * both have a "model" and a "selected" property).  Its template connects
 * the chooser's notify::selected to a handler that calls
 * vita_member_window_language_chosen(). */

typedef struct
{
  VitaStore    *store;
  GCancellable *cancellable;   /* cancelled when the window goes away */
  GtkWidget    *chooser;       /* unowned: a template child */

  const char   *language;      /* static, from vita_i18n_get_languages() */
  gint64        household_id;
  int           tax_year;
} VitaMemberWindowPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VitaMemberWindow, vita_member_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_HOUSEHOLD,
  PROP_LANGUAGE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
vita_member_window_dispose (GObject *object)
{
  VitaMemberWindow *self = (VitaMemberWindow *)object;
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  priv->chooser = NULL;

  G_OBJECT_CLASS (vita_member_window_parent_class)->dispose (object);
}

static void
vita_member_window_finalize (GObject *object)
{
  VitaMemberWindow *self = (VitaMemberWindow *)object;
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_clear_object (&priv->cancellable);
  g_clear_object (&priv->store);

  G_OBJECT_CLASS (vita_member_window_parent_class)->finalize (object);
}

static void
vita_member_window_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VitaMemberWindow *self = VITA_MEMBER_WINDOW (object);
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    case PROP_LANGUAGE:
      g_value_set_string (value, priv->language);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_member_window_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VitaMemberWindow *self = VITA_MEMBER_WINDOW (object);
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    case PROP_HOUSEHOLD:
      vita_member_window_set_household (self, g_value_get_object (value));
      break;
    case PROP_LANGUAGE:
      vita_member_window_set_language (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_member_window_class_init (VitaMemberWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vita_member_window_dispose;
  object_class->finalize = vita_member_window_finalize;
  object_class->get_property = vita_member_window_get_property;
  object_class->set_property = vita_member_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOUSEHOLD] =
    g_param_spec_object ("household", NULL, NULL, VITA_TYPE_HOUSEHOLD,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, "en",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY
                         | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vita_member_window_init (VitaMemberWindow *self)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);
  const VitaLanguage *languages = vita_i18n_get_languages (NULL);

  priv->cancellable = g_cancellable_new ();
  priv->language = languages[0].code;
}

VitaStore *
vita_member_window_get_store (VitaMemberWindow *self)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_return_val_if_fail (VITA_IS_MEMBER_WINDOW (self), NULL);
  return priv->store;
}

gint64
vita_member_window_get_household_id (VitaMemberWindow *self)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_return_val_if_fail (VITA_IS_MEMBER_WINDOW (self), 0);
  return priv->household_id;
}

int
vita_member_window_get_tax_year (VitaMemberWindow *self)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_return_val_if_fail (VITA_IS_MEMBER_WINDOW (self), 0);
  return priv->tax_year;
}

/**
 * vita_member_window_get_cancellable:
 *
 * Returns: (transfer none): for the window's workers; cancelled when the
 *   window is disposed, so a late result is dropped
 */
GCancellable *
vita_member_window_get_cancellable (VitaMemberWindow *self)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_return_val_if_fail (VITA_IS_MEMBER_WINDOW (self), NULL);
  return priv->cancellable;
}

/* Returns: the member's language chosen in the window */
const char *
vita_member_window_get_language (VitaMemberWindow *self)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_return_val_if_fail (VITA_IS_MEMBER_WINDOW (self), NULL);
  return priv->language;
}

/**
 * vita_member_window_set_language:
 * @language: a language code; one that is not a member language is ignored
 *
 * Chooses @language in the window's chooser, as if the volunteer had.
 */
void
vita_member_window_set_language (VitaMemberWindow *self,
                                 const char       *language)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);
  const VitaLanguage *languages;
  guint n_languages;

  g_return_if_fail (VITA_IS_MEMBER_WINDOW (self));

  if (priv->chooser == NULL)
    return;
  languages = vita_i18n_get_languages (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    {
      if (g_strcmp0 (languages[i].code, language) == 0)
        g_object_set (priv->chooser, "selected", i, NULL);
    }
}

/**
 * vita_member_window_set_household:
 * @household: (nullable): the household the window is for
 *
 * For a subclass that overrides the "household" property.
 */
void
vita_member_window_set_household (VitaMemberWindow *self,
                                  VitaHousehold    *household)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);

  g_return_if_fail (VITA_IS_MEMBER_WINDOW (self));
  g_return_if_fail (household == NULL || VITA_IS_HOUSEHOLD (household));

  priv->household_id = household ? vita_household_get_id (household) : 0;
  priv->tax_year = household ? vita_household_get_tax_year (household) : 0;
}

/**
 * vita_member_window_set_language_chooser:
 * @chooser: a #GtkDropDown or #AdwComboRow from the subclass's template
 *
 * Fills @chooser with every member language, each under its own name so
 * the member can find theirs, and shows the first.  Call it from the
 * subclass's init, after gtk_widget_init_template().
 */
void
vita_member_window_set_language_chooser (VitaMemberWindow *self,
                                         GtkWidget        *chooser)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const VitaLanguage *languages;
  guint n_languages;

  g_return_if_fail (VITA_IS_MEMBER_WINDOW (self));
  g_return_if_fail (GTK_IS_DROP_DOWN (chooser) || ADW_IS_COMBO_ROW (chooser));

  priv->chooser = chooser;
  languages = vita_i18n_get_languages (&n_languages);
  for (guint i = 0; i < n_languages; i++)
    gtk_string_list_append (names, languages[i].native_name);
  priv->language = languages[0].code;
  g_object_set (chooser, "model", names, "selected", 0, NULL);
}

/**
 * vita_member_window_language_chosen:
 *
 * For the subclass's handler of the chooser's notify::selected: takes the
 * chosen language and notifies "language".
 *
 * Returns: %TRUE if the language changed, so the window shows it
 */
gboolean
vita_member_window_language_chosen (VitaMemberWindow *self)
{
  VitaMemberWindowPrivate *priv = vita_member_window_get_instance_private (self);
  const VitaLanguage *languages;
  guint n_languages;
  guint selected = 0;

  g_return_val_if_fail (VITA_IS_MEMBER_WINDOW (self), FALSE);

  if (priv->chooser == NULL)
    return FALSE;
  g_object_get (priv->chooser, "selected", &selected, NULL);
  languages = vita_i18n_get_languages (&n_languages);
  if (selected >= n_languages || g_strcmp0 (languages[selected].code, priv->language) == 0)
    return FALSE;

  priv->language = languages[selected].code;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LANGUAGE]);
  return TRUE;
}
