/* test-gui-access.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <adwaita.h>
#include <string.h>

#include "vita-access-dialog.h"
#include "vita-audit-print.h"
#include "vita-gui-test-utils.h"
#include "vita-household-item.h"
#include "vita-households-page.h"
#include "vita-i18n.h"
#include "vita-store-access.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-store-users.h"
#include "vita-test-utils.h"

/* Need-to-know in the households list: a volunteer opening another
 * volunteer's household is asked why; with a reason it opens and the
 * reason is recorded (and reaches the member's access report); Cancel
 * leaves it closed.  The page sits in a plain window whose "win" actions
 * only record what the page asked the window to do. */

#define BEN_PASSPHRASE "ben paints seven blue lanterns 22"
#define ANA_PASSPHRASE "ana walks the long river road 11"
#define REASON "Member returned with a corrected W-2; her volunteer is away"

typedef struct
{
  char      *dir;
  VitaStore *store;
  GtkWidget *window;
  GtkWidget *page;
  gint64     household;
  gint64     opened;     /* what win.open-household was asked for */
  char      *toast;
} Fixture;

static void
open_household_cb (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  Fixture *f = user_data;

  f->opened = g_variant_get_int64 (param);
}

static void
show_toast_cb (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  Fixture *f = user_data;

  g_free (f->toast);
  f->toast = g_variant_dup_string (param, NULL);
}

static void
add_user (VitaStore  *store,
          const char *name,
          const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_add_user (store, name, name, VITA_ROLE_VOLUNTEER, passphrase, &params, &error);
  g_assert_no_error (error);
}

static void
sign_in (VitaStore  *store,
         const char *user,
         const char *passphrase)
{
  g_autoptr(GError) error = NULL;

  vita_store_lock (store);
  vita_store_unlock (store, user, passphrase, &error);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  static const GActionEntry entries[] = {
    { "open-household", open_household_cb, "x" },
    { "show-toast", show_toast_cb, "s" },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(VitaHousehold) household = vita_household_new ();
  g_autoptr(GError) error = NULL;

  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
  add_user (f->store, "ana", ANA_PASSPHRASE);
  add_user (f->store, "ben", BEN_PASSPHRASE);
  sign_in (f->store, "ana", ANA_PASSPHRASE);
  vita_household_set (household, VITA_PERSON_TAXPAYER, "first_name", "Lucia");
  vita_household_set (household, VITA_PERSON_TAXPAYER, "last_name", "Synthetic");
  vita_store_save_household (f->store, household, &error);
  g_assert_no_error (error);
  f->household = vita_household_get_id (household);
  sign_in (f->store, "ben", BEN_PASSPHRASE);

  f->window = gtk_window_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), f);
  gtk_widget_insert_action_group (f->window, "win", G_ACTION_GROUP (group));
  f->page = vita_households_page_new (f->store);
  gtk_window_set_child (GTK_WINDOW (f->window), f->page);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 800, 600);
  gtk_window_present (GTK_WINDOW (f->window));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  spin (50);
  vita_store_lock (f->store);
  g_clear_object (&f->store);
  g_clear_pointer (&f->toast, g_free);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

static VitaHouseholdItem *
wait_for_item (Fixture *f)
{
  GListModel *model = G_LIST_MODEL (vita_households_page_get_model (VITA_HOUSEHOLDS_PAGE (f->page)));
  g_autoptr(VitaHouseholdItem) item = NULL;

  WAIT_FOR (g_list_model_get_n_items (model) == 1, 10000);
  item = g_list_model_get_item (model, 0);
  WAIT_FOR (vita_household_item_get_loaded (item), 10000);
  return g_steal_pointer (&item);
}

static VitaAccessDialog *
activate_row (Fixture *f)
{
  GtkWidget *list_view = child (f->page, VITA_TYPE_HOUSEHOLDS_PAGE, "list_view");
  GtkWidget *dialog;

  g_signal_emit_by_name (list_view, "activate", 0);
  dialog = vita_households_page_get_access_dialog (VITA_HOUSEHOLDS_PAGE (f->page));
  g_assert_true (VITA_IS_ACCESS_DIALOG (dialog));
  WAIT_FOR (gtk_widget_get_mapped (dialog), 5000);
  return VITA_ACCESS_DIALOG (dialog);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(VitaHouseholdItem) item = wait_for_item (f);
  g_autoptr(GError) error = NULL;
  VitaAccessDialog *dialog;

  /* The row says whose it is; the name stays, so the desk finds members. */
  g_assert_true (vita_household_item_get_not_mine (item));
  g_assert_cmpstr (vita_household_item_get_display_name (item), !=, "");

  dialog = activate_row (f);
  /* What the Cancel button does. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  WAIT_FOR (vita_households_page_get_access_dialog (VITA_HOUSEHOLDS_PAGE (f->page)) == NULL, 5000);
  spin (100);
  g_assert_cmpint (f->opened, ==, 0);
  g_assert_cmpint (vita_store_household_access (f->store, f->household, &error), ==,
                   VITA_HOUSEHOLD_ACCESS_OTHERS);
  g_assert_no_error (error);
  g_assert_null (vita_store_load_household (f->store, f->household, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEEDS_REASON);
}

static void
test_reason_opens (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(VitaHouseholdItem) item = wait_for_item (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) expected = NULL;
  g_autoptr(VitaHousehold) household = NULL;
  g_autoptr(GPtrArray) openings = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(VitaAuditPrint) print = NULL;
  g_autofree char *report = NULL;
  VitaAccessDialog *dialog;

  dialog = activate_row (f);

  /* Empty: refused at the field, with the core's translated words. */
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open"));
  g_assert_false (vita_access_dialog_submit (dialog));
  vita_access_reason_check ("", &expected);
  g_assert_cmpstr (vita_access_dialog_get_error (dialog), ==, expected->message);
  g_assert_true (vita_households_page_get_access_dialog (VITA_HOUSEHOLDS_PAGE (f->page)) == GTK_WIDGET (dialog));

  set_text (dialog, VITA_TYPE_ACCESS_DIALOG, "reason_entry", REASON);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "open"));
  g_assert_null (vita_access_dialog_get_error (dialog));
  g_assert_true (vita_access_dialog_submit (dialog));
  WAIT_FOR (f->opened == f->household, 10000);
  g_assert_null (f->toast);
  g_assert_null (vita_households_page_get_access_dialog (VITA_HOUSEHOLDS_PAGE (f->page)));

  /* The window may now load it. */
  household = vita_store_load_household (f->store, f->household, &error);
  g_assert_no_error (error);
  g_assert_nonnull (household);

  /* Recorded: who, when and why; and the member's report says it. */
  sign_in (f->store, "coord", VITA_TEST_PASSPHRASE);
  openings = vita_store_list_household_openings (f->store, f->household, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (openings->len, ==, 1);
  g_assert_cmpstr (((VitaHouseholdOpening *)openings->pdata[0])->reason, ==, REASON);
  g_assert_cmpstr (((VitaHouseholdOpening *)openings->pdata[0])->user_display_name, ==, "ben");
  entries = vita_store_list_audit (f->store, f->household, 0, 0, &error);
  g_assert_no_error (error);
  print = vita_audit_print_new (f->household, "Test Site", NULL, entries);
  vita_audit_print_set_openings (print, openings);
  report = vita_audit_print_dup_text (print);
  g_assert_nonnull (strstr (report, REASON));
  g_assert_nonnull (strstr (report, "without working on your return (role: Volunteer)"));
}

int
main (int   argc,
      char *argv[])
{
  bindtextdomain (GETTEXT_PACKAGE, vita_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/access/cancel", Fixture, NULL, fixture_set_up, test_cancel, fixture_tear_down);
  g_test_add ("/gui/access/reason-opens", Fixture, NULL, fixture_set_up, test_reason_opens,
              fixture_tear_down);

  return g_test_run ();
}
