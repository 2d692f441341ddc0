/* vita-households-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "vita-access-dialog.h"
#include "vita-gui-util.h"
#include "vita-household-item.h"
#include "vita-household-row.h"
#include "vita-households-page.h"
#include "vita-i18n.h"
#include "vita-store-households.h"
#include "vita-store-job.h"

/* The list every session starts from: search by any name, narrow by status,
 * language or ITIN need, open a household, or start a new one.  The window
 * creates the page on unlock and destroys it on lock, so no name outlives
 * the session in a widget. */
struct _VitaHouseholdsPage
{
  GtkWidget           parent_instance;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkWidget          *filter_bar;
  GtkSearchEntry     *search_entry;
  GtkWidget          *filter_box;
  GtkDropDown        *status_dropdown;
  GtkDropDown        *language_dropdown;
  GtkToggleButton    *itin_toggle;
  GtkStack           *content_stack;
  GtkListView        *list_view;

  /* Owned references */
  VitaStore          *store;
  VitaHouseholdModel *model;
  VitaStoreJob       *job;
  GtkWidget          *access_dialog;  /* unowned: the open reason dialog */
};

G_DEFINE_FINAL_TYPE (VitaHouseholdsPage, vita_households_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_visible_state (VitaHouseholdsPage *self)
{
  const char *name = "list";

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0
      && !vita_household_model_get_loading (self->model))
    name = vita_household_model_is_filtered (self->model) ? "no-results" : "empty";
  gtk_stack_set_visible_child_name (self->content_stack, name);
  /* Nothing to search or filter in an empty store; "empty" is only shown
   * when no search or filter is set, so hiding the bar hides nothing. */
  gtk_widget_set_visible (self->filter_bar, g_strcmp0 (name, "empty") != 0);
}

static void
fill_dropdowns (VitaHouseholdsPage *self)
{
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) languages = gtk_string_list_new (NULL);
  const VitaLanguage *langs;
  guint n_langs;

  gtk_string_list_append (statuses, _("All statuses"));
  for (int s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
    gtk_string_list_append (statuses, vita_return_status_get_label (s));

  /* Languages by their own names, so a member's language is found by the
   * volunteer who speaks it. */
  gtk_string_list_append (languages, _("All languages"));
  langs = vita_i18n_get_languages (&n_langs);
  for (guint i = 0; i < n_langs; i++)
    gtk_string_list_append (languages, langs[i].native_name);

  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->language_dropdown, G_LIST_MODEL (languages));
}

static void
search_changed_cb (VitaHouseholdsPage *self)
{
  vita_household_model_set_query (self->model,
                                  gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
stop_search_cb (VitaHouseholdsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
filter_changed_cb (VitaHouseholdsPage *self)
{
  VitaSearchFilter filter = VITA_SEARCH_FILTER_INIT;
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint language = gtk_drop_down_get_selected (self->language_dropdown);
  const VitaLanguage *langs;
  guint n_langs;

  /* Entry 0 of each dropdown is "all". */
  langs = vita_i18n_get_languages (&n_langs);
  if (status != GTK_INVALID_LIST_POSITION && status > 0)
    filter.status = (int)status - 1;
  if (language != GTK_INVALID_LIST_POSITION && language > 0 && language <= n_langs)
    filter.language = langs[language - 1].code;
  if (gtk_toggle_button_get_active (self->itin_toggle))
    filter.needs_itin = 1;

  if (self->model != NULL)
    vita_household_model_set_filter (self->model, &filter);
}

/* ------------------------------------------------------------------ */
/* Need-to-know: opening another volunteer's household                 */
/* ------------------------------------------------------------------ */

typedef struct
{
  gint64  id;
  char   *reason;
} OpenFor;

static void
open_for_free (OpenFor *data)
{
  if (data->reason != NULL)
    {
      /* Typed free text that may name the member. */
      memset (data->reason, 0, strlen (data->reason));
      g_free (data->reason);
    }
  g_free (data);
}

static gboolean
open_for_run (VitaStore     *store,
              gpointer       task_data,
              GCancellable  *cancellable,
              GError       **error)
{
  OpenFor *data = task_data;

  return vita_store_open_household_for (store, data->id, data->reason, error);
}

static void
open_for_done (GtkWidget    *owner,
               gpointer      task_data,
               const GError *error)
{
  OpenFor *data = task_data;

  if (error != NULL)
    {
      if (!vita_gui_error_is_silent (error))
        gtk_widget_activate_action (owner, "win.show-toast", "s", error->message);
      return;
    }
  gtk_widget_activate_action (owner, "win.open-household", "x", data->id);
}

static void
access_response_cb (VitaHouseholdsPage *self,
                    const char         *response,
                    AdwMessageDialog   *dialog)
{
  OpenFor *data;

  if (g_strcmp0 (response, "open") != 0)
    return;
  data = g_new0 (OpenFor, 1);
  data->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "household-id"));
  data->reason = g_strdup (vita_access_dialog_get_reason (VITA_ACCESS_DIALOG (dialog)));
  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, open_for_run, data,
                      (GDestroyNotify)open_for_free, open_for_done);
}

static void
ask_reason (VitaHouseholdsPage *self,
            gint64              id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->access_dialog != NULL)
    return;
  dialog = vita_access_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
  /* Ids are row ids of SQLite: they fit a pointer on the 64-bit machines
   * this app is built for. */
  g_object_set_data (G_OBJECT (dialog), "household-id", GSIZE_TO_POINTER ((gsize) id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (access_response_cb), self,
                           G_CONNECT_SWAPPED);
  self->access_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&self->access_dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
activate_cb (VitaHouseholdsPage *self,
             guint               position)
{
  g_autoptr(VitaHouseholdItem) item = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (item == NULL)
    return;
  /* Someone else's household: a reason first (the list's word on whose it
   * is may be a moment old; the core checks again on load). */
  if (vita_store_access_needs_reason (self->store, vita_household_item_get_access (item)))
    ask_reason (self, vita_household_item_get_id (item));
  else
    gtk_widget_activate_action (GTK_WIDGET (self), "win.open-household", "x",
                                vita_household_item_get_id (item));
}

static void
model_failed_cb (VitaHouseholdsPage *self,
                 const GError       *error)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-toast", "s", error->message);
}

static void
vita_households_page_constructed (GObject *object)
{
  VitaHouseholdsPage *self = (VitaHouseholdsPage *)object;
  g_autoptr(GtkNoSelection) selection = NULL;

  G_OBJECT_CLASS (vita_households_page_parent_class)->constructed (object);

  self->model = vita_household_model_new (self->store);
  self->job = vita_store_job_new (GTK_WIDGET (self), NULL);
  vita_store_job_set_store (self->job, self->store);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (update_visible_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "notify::loading",
                           G_CALLBACK (update_visible_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "failed",
                           G_CALLBACK (model_failed_cb), self, G_CONNECT_SWAPPED);

  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));

  vita_household_model_reload (self->model);
}

static void
vita_households_page_dispose (GObject *object)
{
  VitaHouseholdsPage *self = (VitaHouseholdsPage *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->model != NULL)
    vita_household_model_clear (self->model);
  /* The reason dialog belongs to the session, as the list does. */
  if (self->access_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->access_dialog));
  if (self->job != NULL)
    vita_store_job_cancel (self->job);
  g_clear_object (&self->job);
  vita_gui_unparent_children (GTK_WIDGET (self));
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_HOUSEHOLDS_PAGE);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vita_households_page_parent_class)->dispose (object);
}

static void
vita_households_page_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VitaHouseholdsPage *self = VITA_HOUSEHOLDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_households_page_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VitaHouseholdsPage *self = VITA_HOUSEHOLDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_households_page_class_init (VitaHouseholdsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vita_households_page_constructed;
  object_class->dispose = vita_households_page_dispose;
  object_class->get_property = vita_households_page_get_property;
  object_class->set_property = vita_households_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VITA_TYPE_HOUSEHOLD_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-households-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, filter_box);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, language_dropdown);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, itin_toggle);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VitaHouseholdsPage, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
vita_households_page_init (VitaHouseholdsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The filters wrap in a flow box on narrow windows; its wrapper
   * children must not take a Tab stop of their own before each filter. */
  for (GtkWidget *c = gtk_widget_get_first_child (self->filter_box); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    gtk_widget_set_focusable (c, FALSE);

  fill_dropdowns (self);
  /* Typing anywhere on the page goes to the search: looking someone up is
   * what the page is for. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
}

GtkWidget *
vita_households_page_new (VitaStore *store)
{
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);

  return g_object_new (VITA_TYPE_HOUSEHOLDS_PAGE, "store", store, NULL);
}

/**
 * vita_households_page_get_model:
 *
 * Returns: (transfer none): the households shown
 */
VitaHouseholdModel *
vita_households_page_get_model (VitaHouseholdsPage *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLDS_PAGE (self), NULL);
  return self->model;
}

/**
 * vita_households_page_reload:
 *
 * Searches again, after a household was added or changed.
 */
void
vita_households_page_reload (VitaHouseholdsPage *self)
{
  g_return_if_fail (VITA_IS_HOUSEHOLDS_PAGE (self));

  vita_household_model_reload (self->model);
}

void
vita_households_page_set_site_name (VitaHouseholdsPage *self,
                                    const char         *site_name)
{
  g_return_if_fail (VITA_IS_HOUSEHOLDS_PAGE (self));

  adw_window_title_set_subtitle (self->window_title, site_name ? site_name : "");
}

void
vita_households_page_focus_search (VitaHouseholdsPage *self)
{
  g_return_if_fail (VITA_IS_HOUSEHOLDS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/**
 * vita_households_page_get_visible_state:
 *
 * Returns: "list", "empty" or "no-results"; for tests
 */
const char *
vita_households_page_get_visible_state (VitaHouseholdsPage *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLDS_PAGE (self), NULL);
  return gtk_stack_get_visible_child_name (self->content_stack);
}

/**
 * vita_households_page_get_access_dialog:
 *
 * Returns: (transfer none) (nullable): the dialog asking why another
 *   volunteer's household is opened, while it shows; for tests
 */
GtkWidget *
vita_households_page_get_access_dialog (VitaHouseholdsPage *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLDS_PAGE (self), NULL);
  return self->access_dialog;
}
