/* vita-coordinator-window.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-application.h"
#include "vita-audit-page.h"
#include "vita-coordinator-window.h"
#include "vita-export-page.h"
#include "vita-forms-page.h"
#include "vita-notice-review-page.h"
#include "vita-retention-page.h"
#include "vita-users-page.h"

/* The site coordinator's workspace: people, the audit log, retention and
 * exports, one page each.  The window checks the role once when it opens
 * and hands the store to its pages only if the role allows; the store
 * still refuses every call on its own, and a page that meets that refusal
 * (the role was changed by another coordinator meanwhile) sends
 * "coordinator.refuse", which takes the store back from every page. */
struct _VitaCoordinatorWindow
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *switcher_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *content_stack;
  AdwViewStack         *view_stack;
  AdwStatusPage        *refused_page;
  VitaUsersPage        *users_page;
  VitaAuditPage        *audit_page;
  VitaRetentionPage    *retention_page;
  VitaExportPage       *export_page;
  VitaFormsPage        *forms_page;
  VitaNoticeReviewPage *notice_review_page;
  AdwViewStackPage     *notice_review_stack_page;
  GtkRevealer          *roles_banner;
  GtkLabel             *roles_banner_label;

  /* Owned references */
  VitaStore            *store;
  VitaNotifier         *notifier;

  gboolean              allowed;
};

G_DEFINE_FINAL_TYPE (VitaCoordinatorWindow, vita_coordinator_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_NOTIFIER,
  PROP_ALLOWED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
give_pages_store (VitaCoordinatorWindow *self,
                  VitaStore             *store)
{
  vita_retention_page_set_notifier (self->retention_page, store ? self->notifier : NULL);
  vita_export_page_set_notifier (self->export_page, store ? self->notifier : NULL);
  vita_users_page_set_store (self->users_page, store);
  vita_audit_page_set_store (self->audit_page, store);
  vita_retention_page_set_store (self->retention_page, store);
  vita_export_page_set_store (self->export_page, store);
  vita_forms_page_set_store (self->forms_page, store);
  vita_notice_review_page_set_store (self->notice_review_page, store);
}

static void
show_refused (VitaCoordinatorWindow *self)
{
  /* Whatever the pages showed goes with the store. */
  give_pages_store (self, NULL);
  adw_view_switcher_title_set_stack (self->switcher_title, NULL);
  adw_view_switcher_bar_set_stack (self->switcher_bar, NULL);
  gtk_stack_set_visible_child_name (self->content_stack, "refused");

  if (self->allowed)
    {
      self->allowed = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ALLOWED]);
    }
}

static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *param)
{
  vita_coordinator_window_add_toast (VITA_COORDINATOR_WINDOW (widget),
                                     g_variant_get_string (param, NULL));
}

static void
refuse_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  VitaCoordinatorWindow *self = VITA_COORDINATOR_WINDOW (widget);

  adw_status_page_set_description (self->refused_page,
                                   _("Your role no longer allows this. Another coordinator may have "
                                     "changed it. Lock the app and sign in again to see your current "
                                     "role."));
  show_refused (self);
}

static void
vita_coordinator_window_constructed (GObject *object)
{
  VitaCoordinatorWindow *self = (VitaCoordinatorWindow *)object;

  G_OBJECT_CLASS (vita_coordinator_window_parent_class)->constructed (object);

  /* Checked here, not only in the core, so a volunteer sees a plain
   * explanation instead of four pages of errors. */
  self->allowed = self->store != NULL && vita_store_can (self->store, "manage-users");
  if (self->allowed)
    {
      g_auto(GStrv) problems = vita_store_dup_role_problems (self->store);
      const char *banner = NULL;

      give_pages_store (self, self->store);
      /* Signing happens at a coordinator's sign-in; this says when it
       * could not (and what unlock found wrong with the users list). */
      if (!vita_store_get_roles_signed (self->store))
        banner = _("Roles are not signed yet, so the list of people is not protected against "
                   "changes made outside the app. A site coordinator’s sign-in signs them: sign out "
                   "and sign in again.");
      else if (problems != NULL && problems[0] != NULL)
        banner = _("The list of people was changed outside the app. The roles coordinators "
                   "signed still apply; run “vita-admin verify” for details.");
      if (banner != NULL)
        {
          gtk_label_set_text (self->roles_banner_label, banner);
          gtk_revealer_set_reveal_child (self->roles_banner, TRUE);
        }
    }
  else
    {
      /* One sentence and a button need no workspace-sized window. */
      gtk_window_set_default_size (GTK_WINDOW (self), 560, 460);
      show_refused (self);
    }
}

static void
vita_coordinator_window_dispose (GObject *object)
{
  VitaCoordinatorWindow *self = (VitaCoordinatorWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), VITA_TYPE_COORDINATOR_WINDOW);
  g_clear_object (&self->store);
  g_clear_object (&self->notifier);

  G_OBJECT_CLASS (vita_coordinator_window_parent_class)->dispose (object);
}

static void
vita_coordinator_window_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VitaCoordinatorWindow *self = VITA_COORDINATOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_NOTIFIER:
      g_value_set_object (value, self->notifier);
      break;
    case PROP_ALLOWED:
      g_value_set_boolean (value, self->allowed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_coordinator_window_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VitaCoordinatorWindow *self = VITA_COORDINATOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_NOTIFIER:
      self->notifier = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_coordinator_window_class_init (VitaCoordinatorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vita_coordinator_window_constructed;
  object_class->dispose = vita_coordinator_window_dispose;
  object_class->get_property = vita_coordinator_window_get_property;
  object_class->set_property = vita_coordinator_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NOTIFIER] =
    g_param_spec_object ("notifier", NULL, NULL, VITA_TYPE_NOTIFIER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ALLOWED] =
    g_param_spec_boolean ("allowed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Pages report through these, so they need not know the window. */
  gtk_widget_class_install_action (widget_class, "coordinator.toast", "s", toast_action);
  gtk_widget_class_install_action (widget_class, "coordinator.refuse", NULL, refuse_action);

  g_type_ensure (VITA_TYPE_USERS_PAGE);
  g_type_ensure (VITA_TYPE_AUDIT_PAGE);
  g_type_ensure (VITA_TYPE_RETENTION_PAGE);
  g_type_ensure (VITA_TYPE_EXPORT_PAGE);
  g_type_ensure (VITA_TYPE_FORMS_PAGE);
  g_type_ensure (VITA_TYPE_NOTICE_REVIEW_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/vitasites/Intake/ui/vita-coordinator-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, refused_page);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, users_page);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, roles_banner);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, roles_banner_label);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, audit_page);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, retention_page);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, export_page);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, forms_page);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, notice_review_page);
  gtk_widget_class_bind_template_child (widget_class, VitaCoordinatorWindow, notice_review_stack_page);
}

static void
vita_coordinator_window_init (VitaCoordinatorWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* A notice past the site's review limit marks its tab: the workspace
   * asks for the review without a dialog in the way. */
  g_object_bind_property (self->notice_review_page, "needs-review",
                          self->notice_review_stack_page, "needs-attention",
                          G_BINDING_SYNC_CREATE);
}

/**
 * vita_coordinator_window_new:
 * @parent: (nullable): the main window; the workspace closes with it
 * @store: the unlocked site store
 *
 * Opens the workspace for the signed-in user.  For anyone but a site
 * coordinator the window shows only why it cannot be used; it never loads
 * a page.  The desktop notifier comes from @parent's application.
 *
 * Returns: (transfer none): a new window, not yet shown
 */
GtkWindow *
vita_coordinator_window_new (GtkWindow *parent,
                             VitaStore *store)
{
  GtkApplication *app = NULL;
  VitaNotifier *notifier = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);

  if (parent != NULL)
    app = gtk_window_get_application (parent);
  if (VITA_IS_APPLICATION (app))
    notifier = vita_application_get_notifier (VITA_APPLICATION (app));

  return g_object_new (VITA_TYPE_COORDINATOR_WINDOW,
                       "store", store,
                       "notifier", notifier,
                       "transient-for", parent,
                       "application", app,
                       NULL);
}

/**
 * vita_coordinator_window_get_allowed:
 *
 * Returns: whether the workspace is open for use, that is the signed-in
 *   user is a site coordinator and the store has not refused since
 */
gboolean
vita_coordinator_window_get_allowed (VitaCoordinatorWindow *self)
{
  g_return_val_if_fail (VITA_IS_COORDINATOR_WINDOW (self), FALSE);
  return self->allowed;
}

/**
 * vita_coordinator_window_add_toast:
 *
 * Shows a short message.  Like every message of the app it never names a
 * household member.
 */
void
vita_coordinator_window_add_toast (VitaCoordinatorWindow *self,
                                   const char            *message)
{
  g_return_if_fail (VITA_IS_COORDINATOR_WINDOW (self));
  g_return_if_fail (message != NULL);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}
