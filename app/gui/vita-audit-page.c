/* vita-audit-page.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-audit-item.h"
#include "vita-audit-page.h"
#include "vita-audit-print.h"
#include "vita-store-access.h"
#include "vita-gui-util.h"
#include "vita-store-job.h"
#include "vita-store-records.h"
#include "vita-store-settings.h"

/* The audit log browser: newest first, a page at a time (the log of a busy
 * season runs to tens of thousands of entries), optionally only one
 * household's entries.  From here the coordinator checks the log's hash
 * chain and prints the "who opened my file" page a member may ask for.
 * The log holds codes and never a value from a record, so nothing shown
 * here can reveal what is in a household. */
struct _VitaAuditPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkEntry          *household_entry;
  GtkBox            *verify_box;
  GtkImage          *verify_icon;
  GtkLabel          *verify_label;
  GtkColumnView     *column_view;
  GtkLabel          *status_label;
  GtkSpinner        *spinner;

  /* Owned references */
  VitaStore         *store;
  VitaStoreJob      *job;
  GListStore        *entries;
  GtkPrintOperation *print_op;

  gint64             filter_id;    /* 0: every entry */
  gint64             oldest_seq;   /* of the last entry shown, for paging */
  gboolean           has_more;
  guint              poll_source;
};

G_DEFINE_FINAL_TYPE (VitaAuditPage, vita_audit_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef enum
{
  OP_LOAD,
  OP_VERIFY,
  OP_PRINT,
} AuditOp;

typedef struct
{
  AuditOp    op;
  VitaStore *store;
  gint64     household_id;
  gint64     before_seq;
  gboolean   reset;
  GPtrArray *entries;       /* VitaAuditEntry */
  GPtrArray *openings;      /* VitaHouseholdOpening, for the member's report */
  gint64     n_verified;
  char      *site_name;
  char      *site_contact;
} AuditTask;

static void
audit_task_free (AuditTask *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->entries, g_ptr_array_unref);
  g_clear_pointer (&data->openings, g_ptr_array_unref);
  g_clear_pointer (&data->site_name, g_free);
  g_clear_pointer (&data->site_contact, g_free);
  g_free (data);
}

static void run_task (VitaAuditPage *self,
                      AuditTask     *data);

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */



/* Returns 0 when the entry does not hold a household number. */
static gint64
parse_household (VitaAuditPage *self)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->household_entry))));
  const char *digits = text;
  gint64 id = 0;

  /* "#12" and "No. 12" are how people write it on paper. */
  while (*digits != '\0' && !g_ascii_isdigit (*digits))
    digits++;
  if (!g_ascii_string_to_signed (digits, 10, 1, G_MAXINT64, &id, NULL))
    return 0;
  return id;
}

static void
update_actions (VitaAuditPage *self)
{
  gboolean ready = self->store != NULL;
  gint64 typed = parse_household (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.filter", ready && typed > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.clear-filter", ready && self->filter_id > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.older",
                                 ready && self->has_more && !vita_store_job_get_running (self->job));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.verify", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.print",
                                 ready && typed > 0 && self->print_op == NULL);
}

static void
update_status (VitaAuditPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->filter_id);
  g_autofree char *text = NULL;

  if (self->store == NULL)
    text = g_strdup ("");
  else if (n == 0 && self->filter_id > 0)
    text = g_strdup_printf (_("No entries about household %s. Check the number."), number);
  else if (n == 0)
    text = g_strdup (_("The log is empty."));
  else if (self->filter_id > 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u entry about household %s, newest first.",
                                         "%u entries about household %s, newest first.",
                                         n),
                            n, number);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%u entry, newest first. Double-click one to see all "
                                         "entries about its household.",
                                         "%u entries, newest first. Double-click one to see all "
                                         "entries about its household.",
                                         n),
                            n);
  gtk_label_set_text (self->status_label, text);
}

static void
running_changed_cb (VitaAuditPage *self)
{
  gboolean running = vita_store_job_get_running (self->job);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), running);
  gtk_spinner_set_spinning (self->spinner, running);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static AuditTask *
audit_task_new (VitaAuditPage *self,
                AuditOp        op)
{
  AuditTask *data = g_new0 (AuditTask, 1);

  data->op = op;
  data->store = g_object_ref (self->store);
  return data;
}

static void
load (VitaAuditPage *self,
      gboolean       reset)
{
  AuditTask *data;

  if (self->store == NULL)
    return;
  data = audit_task_new (self, OP_LOAD);
  data->household_id = self->filter_id;
  data->before_seq = reset ? 0 : self->oldest_seq;
  data->reset = reset;
  run_task (self, data);
}

static void
show_verify_result (VitaAuditPage *self,
                    gboolean       ok,
                    const char    *text)
{
  gtk_image_set_from_icon_name (self->verify_icon, ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  gtk_label_set_text (self->verify_label, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->verify_icon), ok ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->verify_icon), ok ? "success" : "error");
  /* A warning must not be skimmed over; good news need not shout. */
  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->verify_label), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->verify_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->verify_box), TRUE);
}

/* ------------------------------------------------------------------ */
/* Store calls                                                         */
/* ------------------------------------------------------------------ */

/* The member's page is only worth handing over if the log is intact, and
 * it lists every entry about the household, not just one page. */
static gboolean
collect_for_print (AuditTask  *data,
                   GError    **error)
{
  gint64 before = 0;

  if (!vita_store_audit_verify (data->store, NULL, error))
    return FALSE;
  data->entries = g_ptr_array_new_with_free_func ((GDestroyNotify)vita_audit_entry_free);
  for (;;)
    {
      g_autoptr(GPtrArray) chunk = vita_store_list_audit (data->store, data->household_id, before,
                                                          500, error);
      if (chunk == NULL)
        return FALSE;
      if (chunk->len == 0)
        break;
      before = ((VitaAuditEntry *)g_ptr_array_index (chunk, chunk->len - 1))->seq;
      g_ptr_array_extend_and_steal (data->entries, g_steal_pointer (&chunk));
    }
  /* Who opened the file without working on the return, and why. */
  data->openings = vita_store_list_household_openings (data->store, data->household_id, error);
  if (data->openings == NULL)
    return FALSE;
  data->site_name = vita_store_dup_setting (data->store, VITA_SETTING_SITE_NAME, NULL);
  data->site_contact = vita_store_dup_setting (data->store, VITA_SETTING_SITE_CONTACT, NULL);
  return TRUE;
}

static gboolean
run_op (VitaStore     *store,
        gpointer       task_data,
        GCancellable  *cancellable,
        GError       **error)
{
  AuditTask *data = task_data;

  switch (data->op)
    {
    case OP_LOAD:
      /* One more than a page, to know whether there are older ones. */
      data->entries = vita_store_list_audit (data->store, data->household_id, data->before_seq,
                                             VITA_AUDIT_PAGE_SIZE + 1, error);
      return data->entries != NULL;
    case OP_VERIFY:
      return vita_store_audit_verify (data->store, &data->n_verified, error);
    case OP_PRINT:
      return collect_for_print (data, error);
    default:
      g_assert_not_reached ();
    }
}

static void
show_entries (VitaAuditPage *self,
              AuditTask     *data)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = MIN (data->entries->len, VITA_AUDIT_PAGE_SIZE);
  guint old_n = g_list_model_get_n_items (G_LIST_MODEL (self->entries));

  /* A refresh that found nothing new leaves the list (and its scroll
   * position) alone. */
  if (data->reset && n > 0 && old_n == n)
    {
      g_autoptr(VitaAuditItem) first = g_list_model_get_item (G_LIST_MODEL (self->entries), 0);

      if (vita_audit_item_get_entry (first)->seq
          == ((VitaAuditEntry *) g_ptr_array_index (data->entries, 0))->seq)
        return;
    }

  /* Ownership of each entry moves to its item. */
  for (guint i = 0; i < n; i++)
    {
      VitaAuditEntry *entry = g_ptr_array_index (data->entries, i);

      data->entries->pdata[i] = NULL;
      g_ptr_array_add (items, vita_audit_item_new (entry));
      self->oldest_seq = entry->seq;
    }
  self->has_more = data->entries->len > VITA_AUDIT_PAGE_SIZE;
  if (data->reset)
    g_list_store_splice (self->entries, 0, old_n, items->pdata, items->len);
  else
    g_list_store_splice (self->entries, old_n, 0, items->pdata, items->len);
  update_status (self);
}

static void
verify_done (VitaAuditPage *self,
             AuditTask     *data,
             const GError  *error)
{
  g_autofree char *text = NULL;
  guint n_verified = (guint)CLAMP (data->n_verified, 0, G_MAXUINT);

  if (error == NULL)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The audit log is intact: its %u entry "
                                         "checks out and has not been changed.",
                                         "The audit log is intact: all %u entries "
                                         "check out, none was changed and none is missing in between.",
                                         n_verified),
                            n_verified);
  else if (g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED))
    /* Translators: %s is the store's sentence naming the first bad entry. */
    text = g_strdup_printf (_("Tampering found. %s Entries were changed or deleted outside this "
                              "app, so the log cannot be trusted from that entry on. Stop using this "
                              "computer for returns and report it to your VITA program contact."),
                            error->message);
  else
    return;
  show_verify_result (self, error == NULL, text);
}

static void
print_done_cb (VitaAuditPage           *self,
               GtkPrintOperationResult  result,
               GtkPrintOperation       *op)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (op, &error);
      vita_gui_coordinator_toast (GTK_WIDGET (self), error != NULL ? error->message : _("The page could not be printed."));
    }
  g_clear_object (&self->print_op);
  update_actions (self);
}

static void
start_print (VitaAuditPage *self,
             AuditTask     *data)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;

  if (data->entries->len == 0)
    {
      vita_gui_coordinator_toast (GTK_WIDGET (self), _("The log has no entry about this household number. Check the number."));
      return;
    }

  self->print_op = GTK_PRINT_OPERATION (vita_audit_print_new (data->household_id, data->site_name,
                                                             data->site_contact, data->entries));
  vita_audit_print_set_openings (VITA_AUDIT_PRINT (self->print_op), data->openings);
  gtk_print_operation_set_allow_async (self->print_op, TRUE);
  g_signal_connect_object (self->print_op, "done", G_CALLBACK (print_done_cb), self,
                           G_CONNECT_SWAPPED);
  result = gtk_print_operation_run (self->print_op, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                                    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      vita_gui_coordinator_toast (GTK_WIDGET (self), error->message);
      g_clear_object (&self->print_op);
    }
  else if (result != GTK_PRINT_OPERATION_RESULT_IN_PROGRESS)
    g_clear_object (&self->print_op);
  update_actions (self);
}

static void
audit_task_done (GtkWidget    *owner,
                 gpointer      task_data,
                 const GError *error)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (owner);
  AuditTask *data = task_data;
  gboolean ok = error == NULL;

  update_actions (self);

  if (data->op == OP_VERIFY || (data->op == OP_PRINT && !ok
                                && g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED)))
    {
      verify_done (self, data, error);
      if (error == NULL || g_error_matches (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED))
        return;
    }
  if (!ok)
    {
      vita_gui_coordinator_report_error (GTK_WIDGET (self), error);
      return;
    }
  if (data->op == OP_LOAD)
    show_entries (self, data);
  else if (data->op == OP_PRINT)
    start_print (self, data);
  update_actions (self);
}

static void
run_task (VitaAuditPage *self,
          AuditTask     *data)
{
  g_assert (VITA_IS_AUDIT_PAGE (self));

  vita_store_job_run (self->job, VITA_STORE_JOB_DEFAULT, run_op,
                      data, (GDestroyNotify)audit_task_free, audit_task_done);
}

/* ------------------------------------------------------------------ */
/* Actions and callbacks                                               */
/* ------------------------------------------------------------------ */

static void
set_filter (VitaAuditPage *self,
            gint64         household_id)
{
  self->filter_id = household_id;
  self->has_more = FALSE;
  load (self, TRUE);
  update_actions (self);
}

static void
filter_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (widget);
  gint64 id = parse_household (self);

  if (id > 0)
    set_filter (self, id);
}

static void
clear_filter_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->household_entry), "");
  set_filter (self, 0);
}

static void
older_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (widget);

  if (self->has_more && !vita_store_job_get_running (self->job))
    load (self, FALSE);
}

static void
verify_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (widget);

  if (self->store != NULL)
    run_task (self, audit_task_new (self, OP_VERIFY));
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (widget);
  gint64 id = parse_household (self);
  AuditTask *data;

  if (self->store == NULL || id <= 0 || self->print_op != NULL)
    return;
  data = audit_task_new (self, OP_PRINT);
  data->household_id = id;
  run_task (self, data);
}

static void
filter_activate_cb (VitaAuditPage *self)
{
  gint64 id = parse_household (self);

  if (id > 0)
    set_filter (self, id);
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->household_entry)) == '\0' && self->filter_id > 0)
    set_filter (self, 0);
}

static void
filter_changed_cb (VitaAuditPage *self)
{
  update_actions (self);
}

static void
row_activate_cb (VitaAuditPage *self,
                 guint          position)
{
  g_autoptr(VitaAuditItem) item = g_list_model_get_item (G_LIST_MODEL (self->entries), position);
  g_autofree char *text = NULL;
  gint64 id;

  if (item == NULL || (id = vita_audit_item_get_entry (item)->household_id) <= 0)
    return;
  text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  gtk_editable_set_text (GTK_EDITABLE (self->household_entry), text);
  set_filter (self, id);
}

static void
label_setup_cb (VitaAuditPage *self,
                GtkListItem   *list_item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 3);
  gtk_widget_set_margin_bottom (label, 3);
  gtk_list_item_set_child (list_item, label);
}

static VitaAuditItem *
bound_item (GtkListItem *list_item)
{
  return VITA_AUDIT_ITEM (gtk_list_item_get_item (list_item));
}

static void
set_cell (GtkListItem *list_item,
          const char  *text)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), text ? text : "");
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (list_item), text);
}

static void
when_bind_cb (VitaAuditPage *self,
              GtkListItem   *list_item)
{
  g_autofree char *when = vita_audit_item_dup_time (bound_item (list_item));

  set_cell (list_item, when);
}

static void
who_bind_cb (VitaAuditPage *self,
             GtkListItem   *list_item)
{
  set_cell (list_item, vita_audit_item_get_who (bound_item (list_item)));
}

static void
what_bind_cb (VitaAuditPage *self,
              GtkListItem   *list_item)
{
  set_cell (list_item, vita_audit_item_get_what (bound_item (list_item)));
}

static void
household_bind_cb (VitaAuditPage *self,
                   GtkListItem   *list_item)
{
  gint64 id = vita_audit_item_get_entry (bound_item (list_item))->household_id;
  g_autofree char *text = id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, id) : NULL;

  set_cell (list_item, text);
}

static void
detail_bind_cb (VitaAuditPage *self,
                GtkListItem   *list_item)
{
  set_cell (list_item, vita_audit_item_get_entry (bound_item (list_item))->detail);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

/* The log grows while the page is open (another volunteer opens a
 * household, vita-admin runs): the newest page is read again every two
 * seconds while it is on screen and no older page was asked for. */
static gboolean
poll_cb (gpointer user_data)
{
  VitaAuditPage *self = user_data;

  if (self->store != NULL && gtk_widget_get_mapped (GTK_WIDGET (self))
      && !vita_store_job_get_running (self->job)
      && g_list_model_get_n_items (G_LIST_MODEL (self->entries)) <= VITA_AUDIT_PAGE_SIZE)
    load (self, TRUE);
  return G_SOURCE_CONTINUE;
}

static void
vita_audit_page_dispose (GObject *object)
{
  VitaAuditPage *self = (VitaAuditPage *)object;

  g_clear_handle_id (&self->poll_source, g_source_remove);
  vita_store_job_cancel (self->job);
  if (self->print_op != NULL)
    gtk_print_operation_cancel (self->print_op);
  g_clear_object (&self->print_op);
  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_AUDIT_PAGE);
  g_clear_object (&self->job);
  g_clear_object (&self->store);
  g_clear_object (&self->entries);

  G_OBJECT_CLASS (vita_audit_page_parent_class)->dispose (object);
}

static void
vita_audit_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, vita_store_job_get_running (self->job));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_audit_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VitaAuditPage *self = VITA_AUDIT_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      vita_audit_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_audit_page_class_init (VitaAuditPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vita_audit_page_dispose;
  object_class->get_property = vita_audit_page_get_property;
  object_class->set_property = vita_audit_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "audit.filter", NULL, filter_action);
  gtk_widget_class_install_action (widget_class, "audit.clear-filter", NULL, clear_filter_action);
  gtk_widget_class_install_action (widget_class, "audit.older", NULL, older_action);
  gtk_widget_class_install_action (widget_class, "audit.verify", NULL, verify_action);
  gtk_widget_class_install_action (widget_class, "audit.print", NULL, print_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-audit-page.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaAuditPage, household_entry);
  gtk_widget_class_bind_template_child (widget_class, VitaAuditPage, verify_box);
  gtk_widget_class_bind_template_child (widget_class, VitaAuditPage, verify_icon);
  gtk_widget_class_bind_template_child (widget_class, VitaAuditPage, verify_label);
  gtk_widget_class_bind_template_child (widget_class, VitaAuditPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, VitaAuditPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, VitaAuditPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, filter_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, label_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, when_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, who_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, what_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, household_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, detail_bind_cb);
}

static void
vita_audit_page_init (VitaAuditPage *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  /* First: template callbacks already ask whether a job is running. */
  self->job = vita_store_job_new (GTK_WIDGET (self), "coordinator.refuse");
  g_signal_connect_object (self->job, "notify::running", G_CALLBACK (running_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_list_store_new (VITA_TYPE_AUDIT_ITEM);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->entries)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  update_actions (self);
  self->poll_source = g_timeout_add_seconds (2, poll_cb, self);
}

/**
 * vita_audit_page_set_store:
 * @store: (nullable): the unlocked store, or %NULL to drop it and the list
 */
void
vita_audit_page_set_store (VitaAuditPage *self,
                           VitaStore     *store)
{
  g_return_if_fail (VITA_IS_AUDIT_PAGE (self));
  g_return_if_fail (store == NULL || VITA_IS_STORE (store));

  if (self->store == store)
    return;

  vita_store_job_set_store (self->job, store);
  g_set_object (&self->store, store);
  g_list_store_remove_all (self->entries);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_box), FALSE);
  self->filter_id = 0;
  self->has_more = FALSE;
  load (self, TRUE);
  update_status (self);
  update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/**
 * vita_audit_page_get_entries:
 *
 * Returns: (transfer none): the entries shown, as #VitaAuditItem
 */
GListModel *
vita_audit_page_get_entries (VitaAuditPage *self)
{
  g_return_val_if_fail (VITA_IS_AUDIT_PAGE (self), NULL);
  return G_LIST_MODEL (self->entries);
}

gboolean
vita_audit_page_get_loading (VitaAuditPage *self)
{
  g_return_val_if_fail (VITA_IS_AUDIT_PAGE (self), FALSE);
  return vita_store_job_get_running (self->job);
}

/**
 * vita_audit_page_get_has_more:
 *
 * Returns: whether older entries can be shown
 */
gboolean
vita_audit_page_get_has_more (VitaAuditPage *self)
{
  g_return_val_if_fail (VITA_IS_AUDIT_PAGE (self), FALSE);
  return self->has_more;
}
