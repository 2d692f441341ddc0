/* test-gui-coordinator.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "vita-audit-item.h"
#include "vita-audit-page.h"
#include "vita-audit-print.h"
#include "vita-clock.h"
#include "vita-coordinator-window.h"
#include "vita-export.h"
#include "vita-export-page.h"
#include "vita-notice-review-page.h"
#include "vita-minimum-data.h"
#include "vita-retention-page.h"
#include "vita-retention.h"
#include "vita-store-households.h"
#include "vita-store-private.h"
#include "vita-store-records.h"
#include "vita-store-users.h"
#include "vita-synthetic.h"
#include "vita-i18n.h"
#include "vita-keyfile.h"
#include "vita-gui-test-utils.h"
#include "vita-test-utils.h"
#include "vita-user-item.h"
#include "vita-users-page.h"

/* Drives the coordinator workspace through its widgets and actions, under
 * Xvfb, against a temporary store of synthetic households, and checks the
 * result in the store itself.  Each test runs in its own process. */

#define COORD         "coord"
#define NEW_USER      "maria.v"
#define NEW_FULL_NAME "Maria Volunteer"
#define NEW_PASS      "orbit lantern maple cactus 42"
#define MARKER        "QXSYNTHMARK"
#define N_HOUSEHOLDS  24
/* Households with this tax year are saved and filed with the core's clock
 * in early 2021, so they are long past their purge date and due whatever
 * the test machine's clock says; the others never get there. */
#define OLD_TAX_YEAR  2020
#define NEW_TAX_YEAR  2100

typedef struct
{
  char                  *dir;
  VitaStore             *store;
  VitaNotifier          *notifier;
  VitaCoordinatorWindow *window;
  GArray                *ids;        /* gint64 household ids */
  GPtrArray             *surnames;   /* taxpayers' last names, as saved */
  guint                  n_old;
} Fixture;

/* The action of the first (newest) entry shown; the list keeps the item. */
static const char *
newest_action (GListModel *shown)
{
  g_autoptr(VitaAuditItem) item = NULL;

  if (g_list_model_get_n_items (shown) == 0)
    return NULL;
  item = g_list_model_get_item (shown, 0);
  return vita_audit_item_get_entry (item)->action;
}

static gpointer
page (Fixture    *f,
      const char *name)
{
  return child (f->window, VITA_TYPE_COORDINATOR_WINDOW, name);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* Without a portal, GtkFileChooserNative shows GTK's own dialog. */
static GtkDialog *
find_file_chooser (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER (window) && GTK_IS_DIALOG (window)
          && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_DIALOG (window);
    }
  return NULL;
}

static void
fixture_setup (Fixture *f)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7216);

  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, COORD, VITA_TEST_PASSPHRASE);
  f->notifier = vita_notifier_new ();
  /* No notification daemon here: the reminder falls back to a toast. */
  vita_notifier_set_enabled (f->notifier, FALSE);
  f->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  f->surnames = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_HOUSEHOLDS; i++)
    {
      g_autoptr(VitaHousehold) hh = vita_synthetic_household (rand, i, MARKER);
      g_autoptr(GError) error = NULL;
      gint64 id;

      gboolean old = i % 3 == 0;

      if (old)
        {
          g_autoptr(GDateTime) then = g_date_time_new_local (OLD_TAX_YEAR + 1, 1, 15, 10, 0, 0);

          vita_clock_set_for_testing (then);
        }
      vita_household_set_tax_year (hh, old ? OLD_TAX_YEAR : NEW_TAX_YEAR);
      f->n_old += old;
      vita_store_save_household (f->store, hh, &error);
      g_assert_no_error (error);
      id = vita_household_get_id (hh);
      if (old)
        {
          vita_store_set_status (f->store, id, VITA_RETURN_STATUS_FILED, &error);
          g_assert_no_error (error);
          vita_clock_set_for_testing (NULL);
        }
      g_assert_cmpint (id, >, 0);
      g_array_append_val (f->ids, id);
      g_ptr_array_add (f->surnames, g_strdup (vita_household_get (hh, VITA_PERSON_TAXPAYER, "last_name")));
    }
}

static void
open_window (Fixture *f)
{
  f->window = g_object_new (VITA_TYPE_COORDINATOR_WINDOW,
                            "store", f->store,
                            "notifier", f->notifier,
                            NULL);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_teardown (Fixture *f)
{
  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  spin (100);
  vita_store_lock (f->store);
  g_assert_finalize_object (g_steal_pointer (&f->store));
  g_assert_finalize_object (g_steal_pointer (&f->notifier));
  g_array_unref (f->ids);
  g_ptr_array_unref (f->surnames);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

static VitaUserInfo *
find_user (VitaStore  *store,
           const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) users = vita_store_list_users (store, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < users->len; i++)
    {
      VitaUserInfo *info = g_ptr_array_index (users, i);

      if (g_strcmp0 (info->name, name) == 0)
        return g_ptr_array_steal_index (users, i);
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* People                                                              */
/* ------------------------------------------------------------------ */

static void
fill_add_form (VitaUsersPage *users,
               const char    *user_name,
               const char    *passphrase,
               const char    *confirm)
{
  set_text (users, VITA_TYPE_USERS_PAGE, "user_name_row", user_name);
  set_text (users, VITA_TYPE_USERS_PAGE, "full_name_row", NEW_FULL_NAME);
  set_text (users, VITA_TYPE_USERS_PAGE, "passphrase_row", passphrase);
  set_text (users, VITA_TYPE_USERS_PAGE, "confirm_row", confirm);
}

/* The role combo of one user's row in the list. */
static AdwComboRow *
find_role_combo (GtkWidget  *widget,
                 const char *user_name)
{
  if (ADW_IS_COMBO_ROW (widget)
      && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "user-name"), user_name) == 0
      && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "Role") == 0)
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      AdwComboRow *found = find_role_combo (c, user_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
user_has_role (VitaStore  *store,
               const char *name,
               VitaRole    role)
{
  g_autoptr(VitaUserInfo) info = find_user (store, name);

  return info != NULL && info->role == role;
}

static void
test_add_user (Fixture *f)
{
  VitaUsersPage *users;
  GtkLabel *error_label;
  g_autoptr(VitaUserInfo) info = NULL;
  AdwComboRow *role;

  open_window (f);
  users = page (f, "users_page");
  error_label = child (users, VITA_TYPE_USERS_PAGE, "add_error_label");
  WAIT_FOR (g_list_model_get_n_items (vita_users_page_get_users (users)) == 1, 10000);

  /* A user name the keys file would refuse is caught in the form. */
  fill_add_form (users, "Maria V", NEW_PASS, NEW_PASS);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  gtk_widget_activate_action (GTK_WIDGET (users), "users.add", NULL);
  g_assert_false (vita_users_page_get_busy (users));
  g_assert_null (find_user (f->store, "Maria V"));

  /* Two different passphrases are caught too. */
  fill_add_form (users, NEW_USER, NEW_PASS, NEW_PASS "x");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  gtk_widget_activate_action (GTK_WIDGET (users), "users.add", NULL);
  g_assert_false (vita_users_page_get_busy (users));

  fill_add_form (users, NEW_USER, NEW_PASS, NEW_PASS);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (error_label)));
  adw_combo_row_set_selected (child (users, VITA_TYPE_USERS_PAGE, "role_row"), VITA_ROLE_REVIEWER);
  adw_combo_row_set_selected (child (users, VITA_TYPE_USERS_PAGE, "cert_row"), 2 /* advanced */);
  gtk_widget_activate_action (GTK_WIDGET (users), "users.add", NULL);
  g_assert_true (vita_users_page_get_busy (users));
  WAIT_FOR (!vita_users_page_get_busy (users)
            && g_list_model_get_n_items (vita_users_page_get_users (users)) == 2, 60000);

  info = find_user (f->store, NEW_USER);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->display_name, ==, NEW_FULL_NAME);
  g_assert_cmpint (info->role, ==, VITA_ROLE_REVIEWER);
  g_assert_cmpstr (info->cert_level, ==, "advanced");
  g_assert_true (info->has_keyslot);
  /* The passphrase does not stay in the form. */
  g_assert_cmpstr (gtk_editable_get_text (child (users, VITA_TYPE_USERS_PAGE, "passphrase_row")), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (child (users, VITA_TYPE_USERS_PAGE, "confirm_row")), ==, "");

  /* The new person's role changes through their row. */
  role = find_role_combo (GTK_WIDGET (users), NEW_USER);
  g_assert_nonnull (role);
  adw_combo_row_set_selected (role, VITA_ROLE_COORDINATOR);
  WAIT_FOR (!vita_users_page_get_busy (users)
            && user_has_role (f->store, NEW_USER, VITA_ROLE_COORDINATOR), 10000);

  /* The coordinator's own role cannot be changed from here. */
  role = find_role_combo (GTK_WIDGET (users), COORD);
  g_assert_nonnull (role);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (role)));
}

/* ------------------------------------------------------------------ */
/* Retention                                                           */
/* ------------------------------------------------------------------ */

static gboolean
setting_is (VitaStore  *store,
            const char *key,
            const char *value)
{
  g_autofree char *current = vita_store_dup_setting (store, key, NULL);

  return g_strcmp0 (current, value) == 0;
}

static void
test_retention_setting (Fixture *f)
{
  VitaRetentionPage *retention;
  AdwComboRow *combo;

  open_window (f);
  retention = page (f, "retention_page");
  WAIT_FOR (!vita_retention_page_get_busy (retention), 10000);
  combo = child (retention, VITA_TYPE_RETENTION_PAGE, "retention_row");
  g_assert_false (setting_is (f->store, "retention", "one-year"));

  adw_combo_row_set_selected (combo, 2);
  WAIT_FOR (!vita_retention_page_get_busy (retention)
            && setting_is (f->store, "retention", "one-year"), 10000);
  adw_combo_row_set_selected (combo, 3);
  WAIT_FOR (!vita_retention_page_get_busy (retention)
            && setting_is (f->store, "retention", "three-years"), 10000);

  gtk_spin_button_set_value (child (retention, VITA_TYPE_RETENTION_PAGE, "k_spin"), 7);
  WAIT_FOR (setting_is (f->store, "k-anonymity", "7"), 10000);

  /* The season's tax year and the minimum after a last change. */
  g_assert_true (setting_is (f->store, "retention-min-days", "90"));
  gtk_spin_button_set_value (child (retention, VITA_TYPE_RETENTION_PAGE, "min_days_spin"), 120);
  WAIT_FOR (setting_is (f->store, "retention-min-days", "120"), 10000);
  set_text (retention, VITA_TYPE_RETENTION_PAGE, "season_row", "2024");
  g_signal_emit_by_name (child (retention, VITA_TYPE_RETENTION_PAGE, "season_row"), "apply");
  WAIT_FOR (!vita_retention_page_get_busy (retention)
            && setting_is (f->store, "season-tax-year", "2024"), 10000);
  g_assert_cmpint (vita_store_get_default_tax_year (f->store), ==, 2024);
  /* A year that is not over yet is refused; the setting stays. */
  set_text (retention, VITA_TYPE_RETENTION_PAGE, "season_row", "2999");
  g_signal_emit_by_name (child (retention, VITA_TYPE_RETENTION_PAGE, "season_row"), "apply");
  spin (300);
  WAIT_FOR (!vita_retention_page_get_busy (retention), 10000);
  g_assert_true (setting_is (f->store, "season-tax-year", "2024"));
}

/* Issue 14, item 8: the coordinator's minimum-data switch and days.  A
 * new store starts with the mode on. */
static void
test_minimum_data_switch (Fixture *f)
{
  VitaRetentionPage *retention;
  GtkSwitch *toggle;

  open_window (f);
  retention = page (f, "retention_page");
  WAIT_FOR (!vita_retention_page_get_busy (retention), 10000);
  toggle = child (retention, VITA_TYPE_RETENTION_PAGE, "minimum_switch");
  g_assert_true (gtk_switch_get_active (toggle));
  g_assert_true (setting_is (f->store, VITA_MINIMUM_DATA_KEY, "on"));

  gtk_switch_set_active (toggle, FALSE);
  WAIT_FOR (!vita_retention_page_get_busy (retention)
            && setting_is (f->store, VITA_MINIMUM_DATA_KEY, "off"), 10000);
  g_assert_false (vita_store_get_minimum_data (f->store));
  /* Nothing to erase with the mode off. */
  g_assert_false (gtk_widget_get_sensitive (find_named (GTK_WIDGET (retention), "erase_button")));

  gtk_switch_set_active (toggle, TRUE);
  WAIT_FOR (!vita_retention_page_get_busy (retention)
            && setting_is (f->store, VITA_MINIMUM_DATA_KEY, "on"), 10000);
  g_assert_true (vita_store_get_minimum_data (f->store));

  gtk_spin_button_set_value (child (retention, VITA_TYPE_RETENTION_PAGE, "contact_days_spin"), 14);
  WAIT_FOR (setting_is (f->store, VITA_MINIMUM_DATA_CONTACT_DAYS_KEY, "14"), 10000);
  g_assert_cmpuint (vita_store_get_minimum_data_contact_days (f->store), ==, 14);
  WAIT_FOR (!vita_retention_page_get_busy (retention), 10000);
  g_assert_true (gtk_widget_get_sensitive (find_named (GTK_WIDGET (retention), "erase_button")));
}

/* Issue 14, item 1: a notice past the site's review limit marks the
 * Notice tab, lists the paragraphs marked `review`, and the approve step
 * is recorded (setting and audit log) and clears the request. */
static void
test_notice_review (Fixture *f)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2026, 12, 7, 10, 0, 0);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *approved = NULL;
  VitaNoticeReviewPage *review;
  GtkListBox *list;
  AdwViewStackPage *stack_page;
  guint n_rows = 0;
  gboolean logged = FALSE;

  vita_clock_set_for_testing (now);
  open_window (f);
  review = page (f, "notice_review_page");
  stack_page = page (f, "notice_review_stack_page");
  WAIT_FOR (vita_notice_review_page_get_needs_review (review), 10000);
  g_assert_true (adw_view_stack_page_get_needs_attention (stack_page));
  g_assert_nonnull (strstr (gtk_label_get_text (child (review, VITA_TYPE_NOTICE_REVIEW_PAGE, "status_label")),
                            "Review needed"));

  /* The shipped notice marks four paragraphs for review. */
  list = child (review, VITA_TYPE_NOTICE_REVIEW_PAGE, "review_list");
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n_rows++;
  g_assert_cmpuint (n_rows, ==, 4);

  gtk_widget_activate_action (GTK_WIDGET (review), "notice-review.approve", NULL);
  WAIT_FOR (!vita_notice_review_page_get_busy (review)
            && !vita_notice_review_page_get_needs_review (review), 10000);
  g_assert_false (adw_view_stack_page_get_needs_attention (stack_page));
  approved = vita_store_dup_setting (f->store, "notice-approved", NULL);
  g_assert_nonnull (approved);
  g_assert_true (g_str_has_prefix (approved, "2026-12-07 "));
  g_assert_nonnull (strstr (gtk_label_get_text (child (review, VITA_TYPE_NOTICE_REVIEW_PAGE, "status_label")),
                            "approved by this site on 2026-12-07"));

  entries = vita_store_list_audit (f->store, 0, 0, 100, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_str_equal (((VitaAuditEntry *) g_ptr_array_index (entries, i))->action, "approve-notice"))
      logged = TRUE;
  g_assert_true (logged);

  /* The review limit is a site setting. */
  gtk_spin_button_set_value (child (review, VITA_TYPE_NOTICE_REVIEW_PAGE, "days_spin"), 30);
  WAIT_FOR (setting_is (f->store, "notice-review-days", "30"), 10000);

  vita_clock_set_for_testing (NULL);
}

static void
test_purge_reminder (Fixture *f)
{
  VitaRetentionPage *retention;
  g_autofree char *count = g_strdup_printf ("%u", f->n_old);
  const char *text;

  open_window (f);
  retention = page (f, "retention_page");
  WAIT_FOR (!vita_retention_page_get_busy (retention), 10000);
  g_assert_cmpint (vita_retention_page_get_n_due (retention), ==, f->n_old);

  /* A count and nothing else: no name, no household number. */
  text = vita_notifier_get_last_text (f->notifier);
  g_assert_nonnull (text);
  g_assert_nonnull (strstr (text, count));
  g_assert_null (strstr (text, MARKER));
  for (guint i = 0; i < f->surnames->len; i++)
    g_assert_null (strstr (text, g_ptr_array_index (f->surnames, i)));
}

static void
test_purge_household (Fixture *f)
{
  VitaRetentionPage *retention;
  AdwMessageDialog *dialog;
  gint64 victim = g_array_index (f->ids, gint64, 1);
  gint64 bystander = g_array_index (f->ids, gint64, 2);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, victim);
  g_autoptr(VitaHousehold) kept = NULL;
  g_autoptr(VitaHousehold) gone = NULL;
  g_autoptr(GError) error = NULL;

  open_window (f);
  retention = page (f, "retention_page");
  WAIT_FOR (!vita_retention_page_get_busy (retention), 10000);

  set_text (retention, VITA_TYPE_RETENTION_PAGE, "household_row", number);
  gtk_widget_activate_action (GTK_WIDGET (retention), "retention.purge-household", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL, 5000);

  /* Cancelling purges nothing. */
  adw_message_dialog_response (dialog, "cancel");
  spin (200);
  g_assert_false (vita_retention_page_get_busy (retention));
  gone = vita_store_load_household (f->store, victim, &error);
  g_assert_no_error (error);
  g_clear_object (&gone);

  gtk_widget_activate_action (GTK_WIDGET (retention), "retention.purge-household", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL, 5000);
  adw_message_dialog_response (dialog, "purge");
  WAIT_FOR (!vita_retention_page_get_busy (retention), 30000);

  gone = vita_store_load_household (f->store, victim, &error);
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND);
  g_assert_null (gone);
  g_clear_error (&error);

  /* Only that household. */
  kept = vita_store_load_household (f->store, bystander, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
}

static void
test_purge_due (Fixture *f)
{
  VitaRetentionPage *retention;
  AdwMessageDialog *dialog;
  g_autofree char *today = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  open_window (f);
  retention = page (f, "retention_page");
  WAIT_FOR (!vita_retention_page_get_busy (retention), 10000);
  g_assert_cmpint (vita_retention_page_get_n_due (retention), ==, f->n_old);

  gtk_widget_activate_action (GTK_WIDGET (retention), "retention.purge-due", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL, 5000);
  /* The confirmation says what it destroys, by status. */
  expected = g_strdup_printf ("Filed: %u", f->n_old);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), expected));
  adw_message_dialog_response (dialog, "purge");
  WAIT_FOR (!vita_retention_page_get_busy (retention)
            && vita_retention_page_get_n_due (retention) == 0, 30000);

  today = g_date_time_format (now, "%Y-%m-%d");
  g_assert_cmpint (vita_store_count_purge_due (f->store, today, NULL), ==, 0);
  g_assert_cmpint (vita_store_count_households (f->store, NULL), ==, N_HOUSEHOLDS - f->n_old);
}

/* ------------------------------------------------------------------ */
/* Export                                                              */
/* ------------------------------------------------------------------ */

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  GError **error = user_data;

  if (!vita_export_page_save_to_file_finish (VITA_EXPORT_PAGE (object), result, error))
    g_assert_nonnull (*error);
  else
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
save_export (VitaExportPage *export,
             const char     *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GError *result = NULL;

  /* saved_cb leaves "done" behind on success, so both ends are seen. */
  vita_export_page_save_to_file (export, file, NULL, saved_cb, &result);
  WAIT_FOR (result != NULL, 30000);
  g_assert_error (result, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_error_free (result);
}

static void
assert_no_identity (Fixture    *f,
                    const char *path)
{
  g_assert_false (vita_test_file_contains (path, MARKER, strlen (MARKER)));
  for (guint i = 0; i < f->surnames->len; i++)
    {
      const char *surname = g_ptr_array_index (f->surnames, i);
      /* The marker was appended to every identifying value. */
      g_autofree char *bare = g_strndup (surname, strlen (surname) - strlen (" " MARKER));

      g_assert_true (g_str_has_suffix (surname, MARKER));
      g_assert_false (vita_test_file_contains (path, bare, strlen (bare)));
    }
}

static void
test_export_csv (Fixture *f)
{
  VitaExportPage *export;
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *early = g_build_filename (f->dir, "too-early.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  GtkDialog *chooser;
  GError *error = NULL;

  open_window (f);
  export = page (f, "export_page");
  WAIT_FOR (!vita_export_page_get_busy (export), 10000);

  /* Nothing is written before the check. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (early);

    vita_export_page_save_to_file (export, file, NULL, saved_cb, &error);
    WAIT_FOR (error != NULL, 5000);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
    g_clear_error (&error);
    g_assert_false (g_file_test (early, G_FILE_TEST_EXISTS));
  }

  /* The default purpose is the statistics; pick the site-volume rows. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (export, VITA_TYPE_EXPORT_PAGE, "contents_row")), ==, 0);
  adw_combo_row_set_selected (child (export, VITA_TYPE_EXPORT_PAGE, "contents_row"), 1);
  gtk_widget_activate_action (GTK_WIDGET (export), "export.check", NULL);
  WAIT_FOR (!vita_export_page_get_busy (export) && vita_export_page_get_checked (export), 30000);
  g_assert_nonnull (vita_export_page_get_report_text (export));
  g_assert_nonnull (strstr (vita_export_page_get_report_text (export), "prosecutor risk"));
  g_assert_true (gtk_widget_get_visible (child (export, VITA_TYPE_EXPORT_PAGE, "report_box")));

  /* Save is offered once the check is done: it opens the file chooser,
   * which is cancelled here; the write itself goes through the page's
   * save function below. */
  gtk_widget_activate_action (GTK_WIDGET (export), "export.save", NULL);
  WAIT_FOR ((chooser = find_file_chooser ()) != NULL, 5000);
  gtk_dialog_response (chooser, GTK_RESPONSE_CANCEL);
  WAIT_FOR (find_file_chooser () == NULL, 5000);

  save_export (export, path);
  /* The desktop notification too (switched off here, so only its text). */
  g_assert_cmpstr (vita_notifier_get_last_text (f->notifier), ==, "Export finished");
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* Readable headers, in the interface language (English here). */
  g_assert_true (g_str_has_prefix (contents, "Row,Return status,Household size,"));
  g_assert_null (strstr (contents, "return_status"));
  g_assert_null (strstr (contents, "@age_band"));
  lines = g_strsplit (contents, "\n", -1);
  /* Rows that cannot share their whole tuple with k others are left out. */
  g_assert_cmpuint (g_strv_length (lines), >=, N_HOUSEHOLDS / 2);
  assert_no_identity (f, path);
  {
    g_autofree char *risk = g_strconcat (path, ".risk.json", NULL);
    g_autofree char *risk_text = NULL;

    g_assert_true (g_file_get_contents (risk, &risk_text, NULL, NULL));
    g_assert_nonnull (strstr (risk_text, "\"smallest_group\""));
    assert_no_identity (f, risk);
  }
  {
    g_autofree char *dict = g_strconcat (path, ".dictionary.csv", NULL);
    g_autofree char *dict_text = NULL;
    g_autoptr(GPtrArray) entries = NULL;
    g_autoptr(GPtrArray) rows = vita_test_parse_csv (contents);
    char **header = rows->pdata[0];
    GStatBuf st;

    g_assert_true (g_file_get_contents (dict, &dict_text, NULL, NULL));
    g_assert_cmpint (g_stat (dict, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    entries = vita_test_parse_csv (dict_text);
    /* Its own header, then every column of the export, in order. */
    g_assert_cmpuint (entries->len, ==, g_strv_length (header) + 1);
    for (guint c = 0; header[c] != NULL; c++)
      g_assert_cmpstr (((char **) entries->pdata[c + 1])[0], ==, header[c]);
    g_assert_cmpstr (((char **) entries->pdata[2])[1], ==, "return_status");
    assert_no_identity (f, dict);
  }

  /* Changing what goes in drops the checked table. */
  gtk_spin_button_set_value (child (export, VITA_TYPE_EXPORT_PAGE, "k_spin"), 9);
  g_assert_false (vita_export_page_get_checked (export));
}

/* With VITA_SCREENSHOT_DIR set, a PNG of @widget's window showing the
 * page @widget (for the screenshots folder; nothing is asserted on it). */
static void
screenshot_page (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("VITA_SCREENSHOT_DIR");
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autofree char *path = NULL;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int w, h;

  if (dir == NULL)
    return;
  for (GtkWidget *w2 = widget; w2 != NULL; w2 = gtk_widget_get_parent (w2))
    {
      GtkWidget *parent = gtk_widget_get_parent (w2);

      if (ADW_IS_VIEW_STACK (parent))
        adw_view_stack_set_visible_child (ADW_VIEW_STACK (parent), w2);
      else if (GTK_IS_STACK (parent))
        gtk_stack_set_visible_child (GTK_STACK (parent), w2);
    }
  vita_gui_test_spin (300);
  g_mkdir_with_parents (dir, 0700);
  path = g_build_filename (dir, name, NULL);
  w = gtk_widget_get_width (window);
  h = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), w, h);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, w, h));
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Issue 17: the coordinator picks the columns of a row extract; the
 * core's whole-row k applies to them, and the file carries only them. */
static void
test_export_chosen_columns (Fixture *f)
{
  static const char *chosen[] = { "household_size", "inc.wages", "taxpayer.dob@age_band" };
  VitaExportPage *export;
  AdwComboRow *contents;
  g_autofree char *path = g_build_filename (f->dir, "chosen.csv", NULL);
  g_autofree char *dict_path = g_strconcat (path, ".dictionary.csv", NULL);
  g_autofree char *contents_text = NULL;
  g_autofree char *dict_text = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) ids = vita_export_get_column_names ();
  g_auto(GStrv) labels = vita_export_get_column_labels ("en", NULL);
  const char *report;
  char **header;
  GHashTableIter iter;
  gpointer size;

  open_window (f);
  export = page (f, "export_page");
  WAIT_FOR (!vita_export_page_get_busy (export), 10000);
  contents = child (export, VITA_TYPE_EXPORT_PAGE, "contents_row");
  g_assert_false (gtk_widget_get_visible (child (export, VITA_TYPE_EXPORT_PAGE, "columns_row")));
  adw_combo_row_set_selected (contents, 4);
  g_assert_true (gtk_widget_get_visible (child (export, VITA_TYPE_EXPORT_PAGE, "columns_row")));

  /* Nothing ticked: nothing to check. */
  gtk_widget_activate_action (GTK_WIDGET (export), "export.check", NULL);
  g_assert_false (vita_export_page_get_busy (export));
  g_assert_false (vita_export_page_get_checked (export));

  for (guint i = 0; i < G_N_ELEMENTS (chosen); i++)
    {
      GtkWidget *check = find_named (GTK_WIDGET (export), chosen[i]);

      g_assert_nonnull (check);
      g_assert_true (GTK_IS_CHECK_BUTTON (check));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
    }
  gtk_widget_activate_action (GTK_WIDGET (export), "export.check", NULL);
  WAIT_FOR (!vita_export_page_get_busy (export) && vita_export_page_get_checked (export), 30000);
  screenshot_page (GTK_WIDGET (export), "export-chosen-columns.png");
  /* The risk report names the chosen columns by their headers. */
  report = vita_export_page_get_report_text (export);
  g_assert_nonnull (strstr (report, "Taxpayer: Date of birth (age band)"));
  g_assert_nonnull (strstr (report, "prosecutor risk"));
  save_export (export, path);

  g_assert_true (g_file_get_contents (path, &contents_text, NULL, NULL));
  rows = vita_test_parse_csv (contents_text);
  header = rows->pdata[0];
  /* Only those columns, in the catalogue's order, under their headers. */
  g_assert_cmpuint (g_strv_length (header), ==, 1 + G_N_ELEMENTS (chosen));
  g_assert_cmpstr (header[0], ==, "Row");
  for (guint c = 0; ids[c] != NULL; c++)
    {
      gboolean wanted = g_strv_contains (chosen, ids[c]);

      g_assert_cmpint (g_strv_contains ((const char * const *) header, labels[c]), ==, wanted);
    }
  /* Every row written shares its whole tuple with at least k - 1 others. */
  g_assert_cmpuint (rows->len, >, 1);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      char *tuple;
      guint n;

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
      tuple = g_strjoinv ("\x1f", row + 1);
      n = GPOINTER_TO_UINT (g_hash_table_lookup (groups, tuple));
      g_hash_table_replace (groups, tuple, GUINT_TO_POINTER (n + 1));
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &size))
    g_assert_cmpuint (GPOINTER_TO_UINT (size), >=, VITA_EXPORT_DEFAULT_K);

  /* The dictionary beside it: one entry per column, header to id. */
  g_assert_true (g_file_get_contents (dict_path, &dict_text, NULL, NULL));
  entries = vita_test_parse_csv (dict_text);
  g_assert_cmpuint (entries->len, ==, 2 + G_N_ELEMENTS (chosen));
  for (guint c = 1; header[c] != NULL; c++)
    {
      char **entry = entries->pdata[c + 1];

      g_assert_cmpstr (entry[0], ==, header[c]);
      g_assert_true (g_strv_contains (chosen, entry[1]));
    }

  /* Untick one: the checked table is dropped. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (export), chosen[0])), FALSE);
  g_assert_false (vita_export_page_get_checked (export));

  /* At the core's limit the other columns cannot be ticked. */
  {
    guint n = G_N_ELEMENTS (chosen) - 1;
    GtkWidget *spare = NULL;

    for (guint c = 0; ids[c] != NULL; c++)
      {
        GtkWidget *check = find_named (GTK_WIDGET (export), ids[c]);

        if (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)))
          continue;
        if (n < VITA_EXPORT_MAX_COLUMNS)
          {
            gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
            n++;
          }
        else if (spare == NULL)
          spare = check;
      }
    g_assert_nonnull (spare);
    g_assert_false (gtk_widget_is_sensitive (spare));
    gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (export), chosen[1])), FALSE);
    g_assert_true (gtk_widget_is_sensitive (spare));
  }
}

/* Issue 17: the noise setting from the export page: saved through the
 * core (a site setting, audited), and the statistics then carry noise
 * and say so. */
static void
test_export_noise (Fixture *f)
{
  VitaExportPage *export;
  AdwExpanderRow *noise;
  GtkSpinButton *epsilon;
  g_autofree char *path = g_build_filename (f->dir, "stats.csv", NULL);
  g_autofree char *risk_path = g_strconcat (path, ".risk.json", NULL);
  g_autofree char *risk = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;

  g_assert_true (vita_store_set_setting (f->store, "export-noise-epsilon", "off", NULL));
  open_window (f);
  export = page (f, "export_page");
  WAIT_FOR (!vita_export_page_get_busy (export), 10000);
  noise = child (export, VITA_TYPE_EXPORT_PAGE, "noise_row");
  epsilon = child (export, VITA_TYPE_EXPORT_PAGE, "epsilon_spin");
  g_assert_false (adw_expander_row_get_enable_expansion (noise));
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (noise), "exact"));

  adw_expander_row_set_enable_expansion (noise, TRUE);
  gtk_spin_button_set_value (epsilon, 0.5);
  WAIT_FOR (setting_is (f->store, "export-noise-epsilon", "0.50"), 10000);
  WAIT_FOR (!vita_export_page_get_busy (export), 10000);
  g_assert_nonnull (strstr (adw_expander_row_get_subtitle (noise), "0.50"));
  screenshot_page (GTK_WIDGET (export), "export-noise.png");
  g_assert_cmpfloat (vita_export_get_site_epsilon (f->store), ==, 0.5);
  /* Audited as a site setting. */
  entries = vita_store_list_audit (f->store, 0, 0, 500, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const VitaAuditEntry *entry = g_ptr_array_index (entries, i);

      if (g_str_equal (entry->action, "change-setting")
          && g_strcmp0 (entry->detail, "export-noise-epsilon") == 0)
        n_changes++;
    }
  g_assert_cmpuint (n_changes, >=, 1);

  /* The statistics (the default contents) now carry noise, and say so. */
  g_assert_cmpuint (adw_combo_row_get_selected (child (export, VITA_TYPE_EXPORT_PAGE, "contents_row")), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (export), "export.check", NULL);
  WAIT_FOR (!vita_export_page_get_busy (export) && vita_export_page_get_checked (export), 30000);
  g_assert_nonnull (strstr (vita_export_page_get_report_text (export), "epsilon = 0.50"));
  save_export (export, path);
  g_assert_true (g_file_get_contents (risk_path, &risk, NULL, NULL));
  g_assert_nonnull (strstr (risk, "\"noise\": \"two-sided geometric\""));
  g_assert_nonnull (strstr (risk, "\"epsilon\": 0.5"));

  /* Switched off again: the setting says so, and a new check is needed. */
  adw_expander_row_set_enable_expansion (noise, FALSE);
  g_assert_false (vita_export_page_get_checked (export));
  WAIT_FOR (setting_is (f->store, "export-noise-epsilon", "off"), 10000);
  WAIT_FOR (!vita_export_page_get_busy (export), 10000);
  g_assert_cmpfloat (vita_export_get_site_epsilon (f->store), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Audit                                                               */
/* ------------------------------------------------------------------ */

static void
test_audit (Fixture *f)
{
  VitaAuditPage *audit;
  gint64 id = g_array_index (f->ids, gint64, 3);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_autofree char *pdf = g_build_filename (f->dir, "report.pdf", NULL);
  g_autoptr(VitaHousehold) hh = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(VitaAuditPrint) print = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GListModel *shown;
  GtkLabel *verify_label;

  /* Someone opened the household: the member's report must say so. */
  hh = vita_store_load_household (f->store, id, &error);
  g_assert_no_error (error);

  open_window (f);
  audit = page (f, "audit_page");
  shown = vita_audit_page_get_entries (audit);
  WAIT_FOR (!vita_audit_page_get_loading (audit) && g_list_model_get_n_items (shown) > 0, 10000);
  {
    g_autoptr(VitaAuditItem) newest = g_list_model_get_item (shown, 0);

    g_assert_cmpstr (vita_audit_item_get_entry (newest)->action, ==, "open-household");
    g_assert_cmpstr (vita_audit_item_get_what (newest), ==, "Opened a household");
  }

  set_text (audit, VITA_TYPE_AUDIT_PAGE, "household_entry", number);
  gtk_widget_activate_action (GTK_WIDGET (audit), "audit.filter", NULL);
  WAIT_FOR (!vita_audit_page_get_loading (audit) && g_list_model_get_n_items (shown) > 0, 10000);
  for (guint i = 0; i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr(VitaAuditItem) item = g_list_model_get_item (shown, i);

      g_assert_cmpint (vita_audit_item_get_entry (item)->household_id, ==, id);
    }

  verify_label = child (audit, VITA_TYPE_AUDIT_PAGE, "verify_label");
  gtk_widget_activate_action (GTK_WIDGET (audit), "audit.verify", NULL);
  WAIT_FOR (!vita_audit_page_get_loading (audit)
            && gtk_widget_get_visible (child (audit, VITA_TYPE_AUDIT_PAGE, "verify_box")), 10000);
  g_assert_nonnull (strstr (gtk_label_get_text (verify_label), "intact"));

  /* A new entry shows up while the page is open, without reopening it. */
  set_text (audit, VITA_TYPE_AUDIT_PAGE, "household_entry", "");
  gtk_widget_activate_action (GTK_WIDGET (audit), "audit.clear-filter", NULL);
  WAIT_FOR (!vita_audit_page_get_loading (audit) && g_list_model_get_n_items (shown) > 0, 10000);
  {
    GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (audit), ADW_TYPE_VIEW_STACK);

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "audit");
    WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (audit)), 5000);
  }
  g_assert_true (vita_store_audit (f->store, "lock", 0, NULL, &error));
  g_assert_no_error (error);
  WAIT_FOR (g_strcmp0 (newest_action (shown), "lock") == 0, 10000);

  /* The member's page: plain words, no identity. */
  entries = vita_store_list_audit (f->store, id, 0, 0, &error);
  g_assert_no_error (error);
  print = vita_audit_print_new (id, "Eastside Library", "(555) 010-0000", entries);
  text = vita_audit_print_dup_text (print);
  g_assert_nonnull (strstr (text, "Who has opened your tax file"));
  g_assert_nonnull (strstr (text, "Opened your file"));
  g_assert_nonnull (strstr (text, "Test Coordinator"));
  g_assert_null (strstr (text, MARKER));
  for (guint i = 0; i < f->surnames->len; i++)
    {
      const char *surname = g_ptr_array_index (f->surnames, i);
      g_autofree char *bare = g_strndup (surname, strlen (surname) - strlen (" " MARKER));

      g_assert_null (strstr (text, bare));
    }

  /* And it really prints, through cairo and pango. */
  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (print), pdf);
  g_assert_cmpint (gtk_print_operation_run (GTK_PRINT_OPERATION (print),
                                            GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error),
                   ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  g_assert_true (vita_test_file_contains (pdf, "%PDF", 4));
}

/* Someone with the key deletes an entry behind the app's back: the chain
 * check says so plainly, and the member's page is not printed from a log
 * that cannot be trusted. */
static void
test_audit_tampered (Fixture *f)
{
  VitaAuditPage *audit;
  GtkLabel *verify_label;
  sqlite3 *db = _vita_store_get_db (f->store);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (f->ids, gint64, 0));

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  open_window (f);
  audit = page (f, "audit_page");
  verify_label = child (audit, VITA_TYPE_AUDIT_PAGE, "verify_label");
  WAIT_FOR (!vita_audit_page_get_loading (audit), 10000);

  gtk_widget_activate_action (GTK_WIDGET (audit), "audit.verify", NULL);
  WAIT_FOR (!vita_audit_page_get_loading (audit)
            && gtk_widget_get_visible (child (audit, VITA_TYPE_AUDIT_PAGE, "verify_box")), 10000);
  g_assert_nonnull (strstr (gtk_label_get_text (verify_label), "Tampering found"));
  g_assert_nonnull (strstr (gtk_label_get_text (verify_label), "entry 2"));

  gtk_label_set_text (verify_label, "");
  set_text (audit, VITA_TYPE_AUDIT_PAGE, "household_entry", number);
  gtk_widget_activate_action (GTK_WIDGET (audit), "audit.print", NULL);
  WAIT_FOR (!vita_audit_page_get_loading (audit)
            && strstr (gtk_label_get_text (verify_label), "Tampering found") != NULL, 10000);
}

/* ------------------------------------------------------------------ */
/* Refusals                                                            */
/* ------------------------------------------------------------------ */

static void
add_volunteer_and_sign_in (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, "vol", "A Volunteer", VITA_ROLE_VOLUNTEER, NEW_PASS, &params, &error);
  g_assert_no_error (error);
  vita_store_lock (f->store);
  vita_store_unlock (f->store, "vol", NEW_PASS, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vita_store_get_role (f->store), ==, VITA_ROLE_VOLUNTEER);
}

static void
test_volunteer_refused (Fixture *f)
{
  VitaStore *page_store = NULL;
  VitaUsersPage *users;

  add_volunteer_and_sign_in (f);
  open_window (f);

  g_assert_false (vita_coordinator_window_get_allowed (f->window));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page (f, "content_stack")), ==, "refused");
  users = page (f, "users_page");
  spin (200);
  /* No page was given the store, so none asked it for anything. */
  g_object_get (users, "store", &page_store, NULL);
  g_assert_null (page_store);
  g_assert_cmpuint (g_list_model_get_n_items (vita_users_page_get_users (users)), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (vita_audit_page_get_entries (page (f, "audit_page"))), ==, 0);
}

/* The role changes under an open window (here: the same store signed in
 * again as a volunteer): the core refuses, and the window closes the
 * workspace instead of failing page by page. */
static void
test_permission_from_core (Fixture *f)
{
  VitaExportPage *export;

  open_window (f);
  export = page (f, "export_page");
  WAIT_FOR (!vita_export_page_get_busy (export), 10000);
  g_assert_true (vita_coordinator_window_get_allowed (f->window));

  add_volunteer_and_sign_in (f);
  gtk_widget_activate_action (GTK_WIDGET (export), "export.check", NULL);
  WAIT_FOR (!vita_coordinator_window_get_allowed (f->window), 10000);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (page (f, "content_stack")), ==, "refused");
  g_assert_false (vita_export_page_get_checked (export));
  g_assert_cmpuint (g_list_model_get_n_items (vita_users_page_get_users (page (f, "users_page"))), ==, 0);
}

/* ------------------------------------------------------------------ */
/* Roles not signed yet                                                */
/* ------------------------------------------------------------------ */

static gboolean
banner_shown (Fixture *f)
{
  return gtk_revealer_get_reveal_child (page (f, "roles_banner"));
}

/* A store from before signed roles: the workspace says the roles are not
 * signed yet until the founding coordinator's sign-in signs them, and
 * then no longer. */
static void
test_roles_unsigned_banner (Fixture *f)
{
  g_autofree char *keys_path = vita_store_dup_keys_path (f->store);
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *founder = NULL;
  GtkLabel *label;

  /* The keys file as a version before signed roles wrote it: no
   * [grants] group. */
  keyfile = vita_keyfile_load (keys_path, &error);
  g_assert_no_error (error);
  vita_keyfile_strip_grants (keyfile);
  vita_keyfile_save (keyfile, keys_path, &error);
  g_assert_no_error (error);
  /* A coordinator's own sign-in signs the roles, so a coordinator's
   * session only sees them unsigned when it reads such a keys file after
   * signing in: verify (the audit page's button, or here directly) reads
   * the roles again from the file. */
  g_assert_true (vita_store_verify (f->store, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (vita_store_get_roles_signed (f->store));

  open_window (f);
  g_assert_true (vita_coordinator_window_get_allowed (f->window));
  g_assert_true (banner_shown (f));
  label = page (f, "roles_banner_label");
  g_assert_nonnull (strstr (gtk_label_get_text (label), "not signed yet"));
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  spin (100);

  /* The founding coordinator signs in: the sign-in signs the roles. */
  vita_store_lock (f->store);
  vita_store_unlock (f->store, COORD, VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (vita_store_get_roles_signed (f->store));
  g_clear_pointer (&keyfile, vita_keyfile_free);
  keyfile = vita_keyfile_load (keys_path, &error);
  g_assert_no_error (error);
  founder = vita_keyfile_get_grants_value (keyfile, "founder");
  g_assert_nonnull (founder);

  open_window (f);
  g_assert_true (vita_coordinator_window_get_allowed (f->window));
  g_assert_false (banner_shown (f));
}

/* ------------------------------------------------------------------ */
/* Each test in its own process                                        */
/* ------------------------------------------------------------------ */

typedef void (*FixtureTest) (Fixture *f);

static void
run_isolated (gconstpointer data)
{
  FixtureTest test = (FixtureTest)data;

  if (g_test_subprocess ())
    {
      Fixture f = { 0 };

      fixture_setup (&f);
      test (&f);
      fixture_teardown (&f);
      return;
    }
  g_test_trap_subprocess (NULL, 300 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int   argc,
      char *argv[])
{
  /* The app's catalogs, so a run with LANGUAGE set (screenshots in each
   * member language) shows the translated UI; plain runs stay English. */
  bindtextdomain (GETTEXT_PACKAGE, vita_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_data_func ("/gui/coordinator/add-user", test_add_user, run_isolated);
  g_test_add_data_func ("/gui/coordinator/retention-setting", test_retention_setting, run_isolated);
  g_test_add_data_func ("/gui/coordinator/minimum-data-switch", test_minimum_data_switch, run_isolated);
  g_test_add_data_func ("/gui/coordinator/notice-review", test_notice_review, run_isolated);
  g_test_add_data_func ("/gui/coordinator/purge-reminder", test_purge_reminder, run_isolated);
  g_test_add_data_func ("/gui/coordinator/purge-household", test_purge_household, run_isolated);
  g_test_add_data_func ("/gui/coordinator/purge-due", test_purge_due, run_isolated);
  g_test_add_data_func ("/gui/coordinator/export-csv", test_export_csv, run_isolated);
  g_test_add_data_func ("/gui/coordinator/export-chosen-columns", test_export_chosen_columns,
                        run_isolated);
  g_test_add_data_func ("/gui/coordinator/export-noise", test_export_noise, run_isolated);
  g_test_add_data_func ("/gui/coordinator/audit", test_audit, run_isolated);
  g_test_add_data_func ("/gui/coordinator/audit-tampered", test_audit_tampered, run_isolated);
  g_test_add_data_func ("/gui/coordinator/volunteer-refused", test_volunteer_refused, run_isolated);
  g_test_add_data_func ("/gui/coordinator/permission-from-core", test_permission_from_core,
                        run_isolated);
  g_test_add_data_func ("/gui/coordinator/roles-unsigned-banner", test_roles_unsigned_banner,
                        run_isolated);

  return g_test_run ();
}
