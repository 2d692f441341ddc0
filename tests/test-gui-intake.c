/* test-gui-intake.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include <adwaita.h>
#include <stdlib.h>
#include <string.h>

#include "vita-field.h"
#include "vita-intake-editor.h"
#include "vita-review.h"
#include "vita-i18n.h"
#include "vita-gui-test-utils.h"
#include "vita-store-households.h"
#include "vita-store-users.h"
#include "vita-test-utils.h"
#include "vita-w7.h"

/* Drives the intake interview the way a volunteer does: through the
 * generated rows, found by their widget names (the field ids), in a real
 * window under Xvfb, against a fresh store.  What counts is what the store
 * holds afterwards, so the tests reload the household from it. */

#define REVIEWER_PASSPHRASE "quiet harbor violet engine 17"

typedef struct
{
  char          *dir;
  VitaStore     *store;
  VitaHousehold *household;
  GtkWidget     *window;
  GtkWidget     *editor;
} Fixture;

/* The row of @field_id inside the widget named @scope ("person-2",
 * "section-income", "w7-2", ...). */
static GtkWidget *
row (Fixture    *f,
     const char *scope,
     const char *field_id)
{
  GtkWidget *container = find_named (f->editor, scope);
  GtkWidget *found;

  if (container == NULL)
    g_error ("No part of the editor is named %s", scope);
  found = find_named (container, field_id);
  if (found == NULL)
    g_error ("No row %s in %s", field_id, scope);
  return found;
}

static void
type_text (Fixture    *f,
           const char *scope,
           const char *field_id,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row (f, scope, field_id)), text);
}

static void
choose (Fixture    *f,
        const char *scope,
        const char *field_id,
        const char *choice_id)
{
  const VitaField *field = vita_field_lookup (field_id);

  g_assert_nonnull (field);
  for (guint i = 0; field->choices[i].id != NULL; i++)
    {
      if (g_str_equal (field->choices[i].id, choice_id))
        {
          /* Item 0 is "Not answered". */
          adw_combo_row_set_selected (ADW_COMBO_ROW (row (f, scope, field_id)), i + 1);
          return;
        }
    }
  g_error ("%s has no choice %s", field_id, choice_id);
}

static GtkWidget *
answer_button (Fixture    *f,
               const char *scope,
               const char *field_id,
               const char *answer)
{
  GtkWidget *button = find_named (row (f, scope, field_id), answer);

  g_assert_nonnull (button);
  return button;
}

static void
answer (Fixture    *f,
        const char *scope,
        const char *field_id,
        const char *value)
{
  GtkWidget *button = answer_button (f, scope, field_id, value);

  if (GTK_IS_CHECK_BUTTON (button))
    gtk_check_button_set_active (GTK_CHECK_BUTTON (button), TRUE);
  else
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

static void
set_number (Fixture    *f,
            const char *scope,
            const char *field_id,
            double      value)
{
  GtkWidget *spin_button = find_named (row (f, scope, field_id), "value");

  g_assert_nonnull (spin_button);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin_button), value);
}

static gboolean
shown (Fixture    *f,
       const char *scope,
       const char *field_id)
{
  return gtk_widget_get_visible (row (f, scope, field_id));
}

static const char *
message (Fixture    *f,
         const char *scope,
         const char *field_id)
{
  g_autofree char *name = g_strconcat ("message:", field_id, NULL);
  GtkWidget *message_row = row (f, scope, name);

  if (!gtk_widget_get_visible (message_row))
    return NULL;
  return gtk_label_get_text (GTK_LABEL (find_named (message_row, "message-label")));
}

static gboolean
editor_saved (Fixture *f)
{
  return vita_intake_editor_get_save_state (VITA_INTAKE_EDITOR (f->editor))
         == VITA_INTAKE_SAVE_STATE_SAVED && vita_household_get_id (f->household) != 0;
}

static void
open_editor (Fixture       *f,
             VitaHousehold *household)
{
  g_set_object (&f->household, household);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  f->editor = vita_intake_editor_new (f->store, household);
  gtk_window_set_child (GTK_WINDOW (f->window), f->editor);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (50);
}

static void
close_editor (Fixture *f)
{
  if (f->window == NULL)
    return;
  gtk_window_destroy (GTK_WINDOW (f->window));
  f->window = NULL;
  f->editor = NULL;
  spin (20);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(VitaHousehold) household = vita_household_new ();

  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "alice", VITA_TEST_PASSPHRASE);
  open_editor (f, household);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  close_editor (f);
  g_clear_object (&f->household);
  vita_store_lock (f->store);
  /* An autosave started by the last keystroke may still be finishing in
   * its worker thread, which holds the store until it returns; under load
   * that outlasts the short spin above.  A reference kept for good still
   * fails here. */
  WAIT_FOR (G_OBJECT (f->store)->ref_count == 1, 10000);
  g_assert_finalize_object (f->store);
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
fill_people (Fixture *f)
{
  type_text (f, "person-0", "first_name", "María José");
  type_text (f, "person-0", "last_name", "García López");
  type_text (f, "person-0", "dob", "03/25/1985");
  choose (f, "person-0", "tin_type", "itin");
  g_assert_true (shown (f, "person-0", "tin"));
  type_text (f, "person-0", "tin", "912-70-1234");

  gtk_widget_activate_action (f->editor, "intake.add-spouse", NULL);
  type_text (f, "person-1", "first_name", "José Luis");
  type_text (f, "person-1", "last_name", "Hernández Ruiz");
  type_text (f, "person-1", "dob", "11/02/1983");
  choose (f, "person-1", "tin_type", "ssn");
  type_text (f, "person-1", "tin", "234-56-7890");

  gtk_widget_activate_action (f->editor, "intake.add-member", NULL);
  type_text (f, "person-2", "first_name", "Sofía");
  type_text (f, "person-2", "last_name", "García Hernández");
  type_text (f, "person-2", "dob", "06/15/2015");
  choose (f, "person-2", "relationship", "child");
  choose (f, "person-2", "tin_type", "needs_itin");
  /* Someone who needs an ITIN has no number to type yet. */
  g_assert_false (shown (f, "person-2", "tin"));
  set_number (f, "person-2", "dep.months_in_home", 12);
  answer (f, "person-2", "dep.us_citizen", "no");
  answer (f, "person-2", "dep.student", "yes");
}

static void
fill_marital_and_income (Fixture *f)
{
  choose (f, "section-marital", "marital_status", "married");
  g_assert_true (shown (f, "section-marital", "married_last_day"));
  g_assert_false (shown (f, "section-marital", "divorce_decree_date"));
  answer (f, "section-marital", "married_last_day", "yes");
  answer (f, "section-marital", "lived_apart", "no");

  g_assert_false (shown (f, "section-income", "inc.wages.jobs"));
  answer (f, "section-income", "inc.wages", "yes");
  g_assert_true (shown (f, "section-income", "inc.wages.jobs"));
  set_number (f, "section-income", "inc.wages.jobs", 2);

  /* A "no" hides the follow-ups; a "yes" shows them again. */
  answer (f, "section-income", "inc.sale_assets", "yes");
  g_assert_true (shown (f, "section-income", "inc.sale_assets.loss_last_year"));
  answer (f, "section-income", "inc.sale_assets", "no");
  g_assert_false (shown (f, "section-income", "inc.sale_assets.loss_last_year"));
  answer (f, "section-income", "inc.interest_dividends", "no");
}

static void
check_reason_boxes (Fixture *f)
{
  GtkWidget *reasons = row (f, "w7-2", "w7.reasons");

  answer (f, "w7-2", "w7.reasons", "d");
  /* d goes alone: the boxes that would make an invalid mix are disabled. */
  g_assert_false (gtk_widget_is_sensitive (find_named (reasons, "b")));
  g_assert_false (gtk_widget_is_sensitive (find_named (reasons, "a")));
  g_assert_false (gtk_widget_is_sensitive (find_named (reasons, "h")));
  g_assert_true (gtk_widget_is_sensitive (find_named (reasons, "d")));

  /* Box a is allowed only on its way to a with h. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (reasons, "d")), FALSE);
  g_assert_true (gtk_widget_is_sensitive (find_named (reasons, "b")));
  answer (f, "w7-2", "w7.reasons", "a");
  g_assert_true (gtk_widget_is_sensitive (find_named (reasons, "h")));
  g_assert_false (gtk_widget_is_sensitive (find_named (reasons, "f")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (reasons, "a")), FALSE);

  answer (f, "w7-2", "w7.reasons", "d");
  g_assert_cmpstr (vita_household_get (f->household, 2, "w7.reasons"), ==, "d");
}

static void
fill_w7 (Fixture *f)
{
  choose (f, "w7-2", "w7.application_type", "new");
  g_assert_false (shown (f, "w7-2", "w7.d_relationship"));
  check_reason_boxes (f);
  g_assert_true (shown (f, "w7-2", "w7.d_relationship"));
  choose (f, "w7-2", "w7.d_relationship", "child");
  type_text (f, "w7-2", "w7.us_person_name", "María José García López");
  type_text (f, "w7-2", "w7.us_person_tin", "912-70-1234");
  answer (f, "w7-2", "w7.military_family", "no");

  type_text (f, "w7-2", "w7.name.first", "Sofía");
  type_text (f, "w7-2", "w7.name.last", "García Hernández");
  type_text (f, "w7-2", "w7.mail.street", "120 Elm Street Apt 4");
  type_text (f, "w7-2", "w7.mail.city", "Lowell");
  type_text (f, "w7-2", "w7.mail.state", "MA");
  type_text (f, "w7-2", "w7.mail.postal_code", "01852");
  type_text (f, "w7-2", "w7.mail.country", "United States");
  type_text (f, "w7-2", "w7.foreign.street", "Calle Juárez 45");
  type_text (f, "w7-2", "w7.foreign.city", "Puebla");
  type_text (f, "w7-2", "w7.foreign.country", "Mexico");
  type_text (f, "w7-2", "w7.dob", "06/15/2015");
  type_text (f, "w7-2", "w7.birth_country", "Mexico");
  choose (f, "w7-2", "w7.gender", "female");
  type_text (f, "w7-2", "w7.citizenship", "Mexico");
  choose (f, "w7-2", "w7.id_doc.type", "passport");
  type_text (f, "w7-2", "w7.id_doc.issuer", "Mexico");
  type_text (f, "w7-2", "w7.id_doc.number", "G12345678");
  type_text (f, "w7-2", "w7.id_doc.expiry", "01/31/2031");
  type_text (f, "w7-2", "w7.entry_date", "07/01/2022");
  answer (f, "w7-2", "w7.prev_tin", "no");
  choose (f, "w7-2", "w7.signer", "delegate");
  type_text (f, "w7-2", "w7.delegate.name", "María José García López");
  choose (f, "w7-2", "w7.delegate.relationship", "parent");
  choose (f, "w7-2", "w7.doc_verification", "caa");
}

static void
fill_documents (Fixture *f)
{
  g_assert_false (shown (f, "documents-2", "doc.passport.copy"));
  answer (f, "documents-2", "doc.passport", "yes");
  g_assert_true (shown (f, "documents-2", "doc.passport.copy"));
  type_text (f, "documents-2", "doc.passport.issuer", "Mexico");
  type_text (f, "documents-2", "doc.passport.number", "G12345678");
  choose (f, "documents-2", "doc.passport.copy", "original");
  choose (f, "documents-2", "doc.passport.verified_by", "caa");
  type_text (f, "documents-2", "doc.passport.expiry", "01/31/2031");
  answer (f, "documents-2", "doc.passport.entry_stamp", "yes");

  answer (f, "documents-2", "doc.birth_certificate", "yes");
  type_text (f, "documents-2", "doc.birth_certificate.issuer", "Puebla, Mexico");
  choose (f, "documents-2", "doc.birth_certificate.copy", "original");
  choose (f, "documents-2", "doc.birth_certificate.verified_by", "caa");
  answer (f, "documents-2", "doc.birth_certificate.foreign", "yes");
}

static void
print_problems (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      VitaW7Problem *problem = g_ptr_array_index (problems, i);

      g_test_message ("W-7 problem on %s (%s): %s", problem->field_id,
                      problem->blocking ? "blocking" : "reminder", problem->message);
    }
}

/* Typing a bad ITIN shows why under the field, marks the row, and leaves
 * the stored number alone. */
static void
check_bad_itin (Fixture *f)
{
  g_autoptr(GError) expected = NULL;
  GtkWidget *tin = row (f, "person-0", "tin");
  const char *bad = "912-34-5678";

  g_assert_false (vita_field_validate_value (vita_field_lookup ("tin"), bad, &expected));
  type_text (f, "person-0", "tin", bad);
  g_assert_cmpstr (message (f, "person-0", "tin"), ==, expected->message);
  g_assert_true (gtk_widget_has_css_class (tin, "error"));
  g_assert_true (gtk_widget_has_css_class (find_named (row (f, "person-0", "message:tin"),
                                                       "message-label"), "error"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tin)), ==, bad);
  g_assert_cmpstr (vita_household_get (f->household, 0, "tin"), ==, "912701234");

  /* An SSN where the person said ITIN is refused too. */
  type_text (f, "person-0", "tin", "234-56-7891");
  g_assert_nonnull (message (f, "person-0", "tin"));
  g_assert_cmpstr (vita_household_get (f->household, 0, "tin"), ==, "912701234");
}

/* After a save a TIN entry is emptied and only the last four digits show. */
static void
check_tin_forgotten (Fixture *f)
{
  GtkWidget *tin = row (f, "person-0", "tin");
  GtkWidget *secret = find_named (tin, "secret");

  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (tin)), ==, "");
  g_assert_true (gtk_widget_get_visible (secret));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (secret)), "1234"));
  g_assert_null (strstr (gtk_label_get_text (GTK_LABEL (secret)), "9127"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "w7-2", "w7.us_person_tin"))),
                   ==, "");
}

static void
check_stored (VitaHousehold *stored)
{
  g_assert_cmpstr (vita_household_get (stored, 0, "first_name"), ==, "María José");
  g_assert_cmpstr (vita_household_get (stored, 0, "last_name"), ==, "García López");
  g_assert_cmpstr (vita_household_get (stored, 0, "dob"), ==, "1985-03-25");
  g_assert_cmpstr (vita_household_get (stored, 0, "tin_type"), ==, "itin");
  g_assert_cmpstr (vita_household_get (stored, 0, "tin"), ==, "912701234");
  g_assert_cmpstr (vita_household_get (stored, 1, "last_name"), ==, "Hernández Ruiz");
  g_assert_cmpstr (vita_household_get (stored, 1, "tin"), ==, "234567890");
  g_assert_cmpstr (vita_household_get (stored, 2, "last_name"), ==, "García Hernández");
  g_assert_cmpstr (vita_household_get (stored, 2, "tin_type"), ==, "needs_itin");
  g_assert_cmpstr (vita_household_get (stored, 2, "relationship"), ==, "child");
  g_assert_cmpstr (vita_household_get (stored, 2, "dep.months_in_home"), ==, "12");
  g_assert_cmpstr (vita_household_get (stored, -1, "marital_status"), ==, "married");
  g_assert_cmpstr (vita_household_get (stored, -1, "married_last_day"), ==, "yes");
  g_assert_cmpstr (vita_household_get (stored, -1, "inc.wages"), ==, "yes");
  g_assert_cmpstr (vita_household_get (stored, -1, "inc.wages.jobs"), ==, "2");
  g_assert_cmpstr (vita_household_get (stored, -1, "inc.sale_assets"), ==, "no");
  g_assert_cmpstr (vita_household_get (stored, 2, "w7.reasons"), ==, "d");
  g_assert_cmpstr (vita_household_get (stored, 2, "w7.d_relationship"), ==, "child");
  g_assert_cmpstr (vita_household_get (stored, 2, "w7.us_person_tin"), ==, "912701234");
  g_assert_cmpstr (vita_household_get (stored, 2, "w7.entry_date"), ==, "2022-07-01");
  g_assert_cmpstr (vita_household_get (stored, 2, "doc.passport"), ==, "yes");
  g_assert_cmpstr (vita_household_get (stored, 2, "doc.passport.verified_by"), ==, "caa");
  g_assert_cmpstr (vita_household_get (stored, 2, "doc.birth_certificate"), ==, "yes");
  g_assert_true (vita_household_get_needs_itin (stored));
}

static void
test_full_intake (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) stored = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  fill_people (f);
  fill_marital_and_income (f);

  /* Only the dependent who needs an ITIN gets a W-7 page. */
  g_assert_nonnull (find_named (f->editor, "w7-2"));
  g_assert_null (find_named (f->editor, "w7-0"));
  g_assert_null (find_named (f->editor, "w7-1"));
  g_assert_true (gtk_widget_get_visible (find_named (find_named (f->editor, "w7-2"),
                                                     "w7-paper-reminder")));
  fill_w7 (f);
  fill_documents (f);

  problems = vita_w7_check (f->household, 2, NULL);
  print_problems (problems);
  g_assert_false (vita_w7_has_blocking (problems));
  g_assert_null (find_named (find_named (f->editor, "w7-problems"), "w7-problem"));

  WAIT_FOR (editor_saved (f), 10000);
  check_tin_forgotten (f);
  check_bad_itin (f);
  WAIT_FOR (editor_saved (f), 10000);

  stored = vita_store_load_household (f->store, vita_household_get_id (f->household), &error);
  g_assert_no_error (error);
  check_stored (stored);
}

/* A dependent's tin_type switching away from needs_itin removes the W-7
 * page; switching back brings it back with the answers kept. */
/* Blocks under @widget whose heading text carries the minimum-data note. */
static guint
count_tin_notes (GtkWidget *widget)
{
  guint n = 0;

  if (ADW_IS_PREFERENCES_GROUP (widget))
    {
      const char *text = adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (widget));

      n += text != NULL && strstr (text, "kept only until the forms are printed") != NULL;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_tin_notes (c);
  return n;
}

/* Issue 14, item 8: in minimum-data mode (a new store's) the blocks that
 * ask for a TIN say how long it is kept, on a W-7 page made later too;
 * with the mode off they do not. */
static void
test_tin_note (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) other = vita_household_new ();
  guint before;

  WAIT_FOR (count_tin_notes (find_named (f->editor, "person-0")) > 0, 10000);
  gtk_widget_activate_action (f->editor, "intake.add-member", NULL);
  choose (f, "person-2", "tin_type", "renew_itin");
  before = count_tin_notes (f->editor);
  g_assert_nonnull (find_named (f->editor, "w7-2"));
  g_assert_cmpuint (count_tin_notes (find_named (f->editor, "w7-2")), >, 0);
  g_assert_cmpuint (count_tin_notes (f->editor), >=, before);

  close_editor (f);
  g_assert_true (vita_store_set_setting (f->store, "minimum-data", "off", &error));
  g_assert_no_error (error);
  open_editor (f, other);
  spin (300);
  g_assert_cmpuint (count_tin_notes (f->editor), ==, 0);
}

static void
test_w7_page_follows_tin_type (Fixture       *f,
                               gconstpointer  data)
{
  gtk_widget_activate_action (f->editor, "intake.add-member", NULL);
  choose (f, "person-2", "tin_type", "renew_itin");
  g_assert_nonnull (find_named (f->editor, "w7-2"));
  g_assert_nonnull (find_named (f->editor, "documents-2"));
  choose (f, "w7-2", "w7.application_type", "renew");

  choose (f, "person-2", "tin_type", "ssn");
  g_assert_null (find_named (f->editor, "w7-2"));
  g_assert_null (find_named (f->editor, "documents-2"));

  choose (f, "person-2", "tin_type", "needs_itin");
  g_assert_nonnull (find_named (f->editor, "w7-2"));
  g_assert_cmpstr (vita_household_get (f->household, 2, "w7.application_type"), ==, "renew");
}

static void
test_add_remove_member (Fixture       *f,
                        gconstpointer  data)
{
  gtk_widget_activate_action (f->editor, "intake.add-member", NULL);
  gtk_widget_activate_action (f->editor, "intake.add-member", NULL);
  g_assert_nonnull (find_named (f->editor, "person-2"));
  g_assert_nonnull (find_named (f->editor, "person-3"));

  /* Nobody typed anything about member 3: removed without asking. */
  gtk_widget_activate_action (f->editor, "intake.remove-person", "i", 3);
  g_assert_null (find_named (f->editor, "person-3"));
  g_assert_false (vita_household_has_person (f->household, 3));
  g_assert_nonnull (find_named (f->editor, "person-2"));
}

/* A value typed while a gate is closed cannot exist; an answer behind a
 * gate that closes stays stored but its row hides. */
static void
test_gate_hides_follow_ups (Fixture       *f,
                            gconstpointer  data)
{
  answer (f, "section-income", "inc.self_employment", "yes");
  g_assert_true (shown (f, "section-income", "inc.self_employment.loss_last_year"));
  answer (f, "section-income", "inc.self_employment.loss_last_year", "yes");
  answer (f, "section-income", "inc.self_employment", "no");
  g_assert_false (shown (f, "section-income", "inc.self_employment.loss_last_year"));
  g_assert_false (gtk_widget_get_visible (row (f, "section-income",
                                               "message:inc.self_employment.loss_last_year")));

  choose (f, "section-personal", "refund_method", "check");
  g_assert_false (shown (f, "section-personal", "refund_other_explain"));
  choose (f, "section-personal", "refund_method", "other");
  g_assert_true (shown (f, "section-personal", "refund_other_explain"));
}

/* The tax year is asked in the interview, shows the household's year, and
 * a prior year can be chosen; a year that cannot be filed is refused. */
static void
test_tax_year_field (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *year = g_strdup_printf ("%d", vita_household_get_tax_year (f->household));
  g_autofree char *prior = g_strdup_printf ("%d", vita_household_get_tax_year (f->household) - 2);
  g_autofree char *future = g_strdup_printf ("%d", vita_household_get_tax_year (f->household) + 5);

  g_assert_true (shown (f, "section-personal", "tax_year"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "section-personal", "tax_year"))), ==, year);

  type_text (f, "section-personal", "tax_year", prior);
  g_assert_null (message (f, "section-personal", "tax_year"));
  g_assert_cmpint (vita_household_get_tax_year (f->household), ==, atoi (prior));

  type_text (f, "section-personal", "tax_year", future);
  g_assert_nonnull (message (f, "section-personal", "tax_year"));
  g_assert_cmpint (vita_household_get_tax_year (f->household), ==, atoi (prior));
}

/* An invalid text is never written, whatever was stored before. */
static void
test_invalid_keeps_stored (Fixture       *f,
                           gconstpointer  data)
{
  type_text (f, "section-personal", "address.zip", "01852");
  g_assert_cmpstr (vita_household_get (f->household, -1, "address.zip"), ==, "01852");
  type_text (f, "section-personal", "address.zip", "0185");
  g_assert_nonnull (message (f, "section-personal", "address.zip"));
  g_assert_cmpstr (vita_household_get (f->household, -1, "address.zip"), ==, "01852");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "section-personal",
                                                             "address.zip"))), ==, "0185");

  type_text (f, "person-0", "dob", "13/45/1990");
  g_assert_nonnull (message (f, "person-0", "dob"));
  g_assert_null (vita_household_get (f->household, 0, "dob"));
  type_text (f, "person-0", "dob", "12/01/1990");
  g_assert_null (message (f, "person-0", "dob"));
  g_assert_cmpstr (vita_household_get (f->household, 0, "dob"), ==, "1990-12-01");

  /* Emptying a field on purpose does clear the answer. */
  type_text (f, "section-personal", "address.zip", "");
  WAIT_FOR (vita_household_get (f->household, -1, "address.zip") == NULL, 2000);
  g_assert_null (message (f, "section-personal", "address.zip"));
}

/* A field emptied and then left at once (another answer typed before the
 * main loop is idle refreshes every page) stays empty: the refresh once
 * loaded the old answer back into the field and the clear then kept it. */
static void
test_clear_then_move_on (Fixture       *f,
                         gconstpointer  data)
{
  type_text (f, "section-personal", "address.zip", "01852");
  g_assert_cmpstr (vita_household_get (f->household, -1, "address.zip"), ==, "01852");

  type_text (f, "section-personal", "address.zip", "");
  type_text (f, "person-0", "first_name", "Mi-rae");
  g_assert_null (vita_household_get (f->household, -1, "address.zip"));
  spin (200);
  g_assert_null (vita_household_get (f->household, -1, "address.zip"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "section-personal",
                                                             "address.zip"))), ==, "");
  g_assert_cmpstr (vita_household_get (f->household, 0, "first_name"), ==, "Mi-rae");
}

static void
done_cb (gboolean *done)
{
  *done = TRUE;
}

/* The window emits lock-requested right before it locks the store: the
 * answer typed a moment ago must be stored when the emission returns,
 * without waiting for the autosave timer. */
static void
test_lock_saves_draft (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) stored = NULL;

  type_text (f, "person-0", "first_name", "Mi-rae");
  type_text (f, "person-0", "last_name", "Kim");
  g_assert_cmpint (vita_intake_editor_get_save_state (VITA_INTAKE_EDITOR (f->editor)), ==,
                   VITA_INTAKE_SAVE_STATE_PENDING);
  g_signal_emit_by_name (f->editor, "lock-requested");
  g_assert_cmpint (vita_intake_editor_get_save_state (VITA_INTAKE_EDITOR (f->editor)), ==,
                   VITA_INTAKE_SAVE_STATE_SAVED);
  g_assert_cmpint (vita_household_get_id (f->household), !=, 0);

  stored = vita_store_load_household (f->store, vita_household_get_id (f->household), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (stored, 0, "last_name"), ==, "Kim");
}

/* "Done" saves first, then tells the window. */
static void
test_done_saves (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) stored = NULL;
  gboolean done = FALSE;

  g_signal_connect_swapped (f->editor, "done", G_CALLBACK (done_cb), &done);
  type_text (f, "person-0", "first_name", "Jean-Baptiste");
  type_text (f, "person-0", "last_name", "Pierre-Louis");
  gtk_widget_activate_action (f->editor, "intake.done", NULL);
  g_assert_false (done);
  WAIT_FOR (done, 10000);

  stored = vita_store_load_household (f->store, vita_household_get_id (f->household), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vita_household_get (stored, 0, "last_name"), ==, "Pierre-Louis");
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_type (c, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_named (GtkWidget  *root,
               const char *name,
               GPtrArray  *out)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    g_ptr_array_add (out, root);
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    collect_named (c, name, out);
}

static const char *
save_state_text (Fixture *f)
{
  return gtk_label_get_text (GTK_LABEL (find_named (f->editor, "save-state")));
}

/* Hint buttons are out of the Tab order; F1 on the field opens the hint. */
static void
test_hint_keys (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) hints = g_ptr_array_new ();
  GtkWidget *hint, *field_row;
  GtkShortcutAction *action = NULL;
  GListModel *controllers;

  collect_named (f->editor, "hint", hints);
  g_assert_cmpuint (hints->len, >, 0);
  for (guint i = 0; i < hints->len; i++)
    g_assert_false (gtk_widget_get_can_focus (g_ptr_array_index (hints, i)));

  hint = g_ptr_array_index (hints, 0);
  field_row = gtk_widget_get_ancestor (hint, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (field_row);
  controllers = gtk_widget_observe_controllers (field_row);
  for (guint i = 0; action == NULL && i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (strstr (trigger, "F1") != NULL)
            action = gtk_shortcut_get_action (shortcut);
        }
    }
  g_object_unref (controllers);
  g_assert_nonnull (action);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (hint)))));
  g_assert_true (gtk_shortcut_action_activate (action, 0, field_row, NULL));
  WAIT_FOR (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (hint)))), 2000);
}

/* The header counts the fields whose text was refused, never "Saved"
 * while one is on screen; the tax year is in the header. */
static void
test_header_counts_unsaved (Fixture       *f,
                            gconstpointer  data)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (find_type (f->editor, ADW_TYPE_WINDOW_TITLE));
  g_autofree char *year = g_strdup_printf ("%d", vita_household_get_tax_year (f->household));

  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), year));

  type_text (f, "person-0", "first_name", "Ana");
  type_text (f, "person-0", "last_name", "Pérez");
  WAIT_FOR (editor_saved (f), 10000);
  g_assert_cmpstr (save_state_text (f), ==, "Saved");

  type_text (f, "person-0", "dob", "13/45/1990");
  g_assert_cmpstr (save_state_text (f), ==, "1 field not saved");
  type_text (f, "section-personal", "address.zip", "0185");
  g_assert_cmpstr (save_state_text (f), ==, "2 fields not saved");
  g_assert_true (gtk_widget_has_css_class (find_named (f->editor, "save-state"), "error"));
  type_text (f, "person-0", "dob", "12/01/1990");
  type_text (f, "section-personal", "address.zip", "01852");
  WAIT_FOR (editor_saved (f), 10000);
  g_assert_cmpstr (save_state_text (f), ==, "Saved");

  /* The tax year follows the field. */
  type_text (f, "section-personal", "tax_year", "2023");
  g_assert_nonnull (strstr (adw_window_title_get_subtitle (title), "2023"));
}

static AdwMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* The W-7 starts with the name and birth date from the People page, stays
 * editable, and flags a difference; Done warns while it is unfinished. */
static void
test_w7_prefill_and_done_warns (Fixture       *f,
                                gconstpointer  data)
{
  AdwMessageDialog *dialog;
  gboolean done = FALSE;

  type_text (f, "person-0", "first_name", "Ana");
  type_text (f, "person-0", "middle_name", "Lucía");
  type_text (f, "person-0", "last_name", "Pérez Gómez");
  type_text (f, "person-0", "dob", "03/25/1990");
  choose (f, "person-0", "tin_type", "needs_itin");
  g_assert_null (vita_household_get (f->household, 0, "w7.name.first"));
  gtk_widget_activate_action (f->editor, "intake.show-section", "s", "w7-0");
  g_assert_cmpstr (vita_household_get (f->household, 0, "w7.name.first"), ==, "Ana");
  g_assert_cmpstr (vita_household_get (f->household, 0, "w7.name.last"), ==, "Pérez Gómez");
  g_assert_cmpstr (vita_household_get (f->household, 0, "w7.dob"), ==, "1990-03-25");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row (f, "w7-0", "w7.name.first"))), ==, "Ana");

  /* Editable, and a difference is flagged at the field. */
  type_text (f, "w7-0", "w7.name.first", "Anna");
  g_assert_cmpstr (vita_household_get (f->household, 0, "w7.name.first"), ==, "Anna");
  WAIT_FOR (message (f, "w7-0", "w7.name.first") != NULL, 2000);
  g_assert_nonnull (strstr (message (f, "w7-0", "w7.name.first"), "exactly the name"));

  /* Not prefilled again once the W-7 has a name (tests/test-w7.c covers
   * a field emptied on purpose). */
  gtk_widget_activate_action (f->editor, "intake.show-section", "s", "people");
  gtk_widget_activate_action (f->editor, "intake.show-section", "s", "w7-0");
  spin (50);
  g_assert_cmpstr (vita_household_get (f->household, 0, "w7.name.first"), ==, "Anna");

  g_signal_connect_swapped (f->editor, "done", G_CALLBACK (done_cb), &done);
  gtk_widget_activate_action (f->editor, "intake.done", NULL);
  WAIT_FOR ((dialog = find_message_dialog ()) != NULL, 2000);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The W-7 Is Not Finished");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Ana"));
  adw_message_dialog_response (dialog, "fix");
  spin (50);
  g_assert_false (done);
}

/* "Add Household Member" brings the new member's first field into view. */
static void
test_add_member_scrolls (Fixture       *f,
                         gconstpointer  data)
{
  int person = 0;

  for (guint i = 0; i < 4; i++)
    {
      gtk_widget_activate_action (f->editor, "intake.add-member", NULL);
      person = 2 + i;
    }
  {
    g_autofree char *scope = g_strdup_printf ("person-%d", person);
    GtkWidget *first = row (f, scope, "first_name");
    GtkWidget *scrolled = gtk_widget_get_ancestor (first, GTK_TYPE_SCROLLED_WINDOW);
    graphene_rect_t bounds;

    g_assert_nonnull (scrolled);
    WAIT_FOR (gtk_widget_compute_bounds (first, scrolled, &bounds) && bounds.origin.y >= 0
              && bounds.origin.y + bounds.size.height <= gtk_widget_get_height (scrolled)
              && gtk_widget_get_height (first) > 0,
              3000);
    g_assert_true (gtk_widget_has_focus (first) || gtk_widget_is_ancestor (gtk_root_get_focus (gtk_widget_get_root (first)), first));
  }
}

/* Below about 600 px the sections list folds away behind a header
 * button; picking a section closes it again. */
static void
test_sidebar_folds (Fixture       *f,
                    gconstpointer  data)
{
  AdwFlap *flap = ADW_FLAP (find_named (f->editor, "flap"));
  GtkWidget *button = find_named (f->editor, "sidebar-button");

  WAIT_FOR (gtk_widget_get_width (f->editor) > 1000, 3000);
  g_assert_false (adw_flap_get_folded (flap));
  g_assert_true (adw_flap_get_reveal_flap (flap));

  gtk_window_set_default_size (GTK_WINDOW (f->window), 520, 700);
  WAIT_FOR (adw_flap_get_folded (flap), 5000);
  /* Folded, the sections start hidden and the button shows them. */
  WAIT_FOR (!adw_flap_get_reveal_flap (flap), 2000);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
  g_assert_true (adw_flap_get_reveal_flap (flap));
  gtk_widget_activate_action (f->editor, "intake.show-section", "s", "section-income");
  WAIT_FOR (!adw_flap_get_reveal_flap (flap), 2000);

  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 900);
  WAIT_FOR (!adw_flap_get_folded (flap), 5000);
}

static gboolean
sign_off_enabled (Fixture *f)
{
  return gtk_widget_is_sensitive (find_named (f->editor, "sign-off-button"));
}

static const char *
sign_off_status (Fixture *f)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (find_named (f->editor,
                                                                         "sign-off-status")));
}

/* Whether the review page offers a move to @status that can be used now. */
static gboolean
has_status_button (Fixture    *f,
                   const char *status)
{
  g_autofree char *name = g_strconcat ("status-", status, NULL);
  GtkWidget *button = find_named (find_named (f->editor, "status-buttons"), name);

  return button != NULL && gtk_widget_is_sensitive (button);
}

static void
move_status (Fixture          *f,
             VitaReturnStatus  status)
{
  WAIT_FOR (has_status_button (f, vita_return_status_to_string (status)), 10000);
  gtk_widget_activate_action (f->editor, "intake.set-status", "s",
                              vita_return_status_to_string (status));
  WAIT_FOR (vita_household_get_status (f->household) == status, 10000);
}

static void
reopen_as (Fixture    *f,
           const char *user,
           const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaHousehold) household = NULL;
  gint64 id = vita_household_get_id (f->household);

  close_editor (f);
  vita_store_lock (f->store);
  vita_store_unlock (f->store, user, passphrase, &error);
  g_assert_no_error (error);
  household = vita_store_load_household (f->store, id, &error);
  g_assert_no_error (error);
  open_editor (f, household);
}

/* Sign-off: never by the preparer, only by a reviewer or coordinator, and
 * only when the preparer's certification covers the answers. */
static void
add_reviewer (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_add_user (f->store, "bob", "Bob Reviewer", VITA_ROLE_REVIEWER,
                       REVIEWER_PASSPHRASE, &params, &error);
  g_assert_no_error (error);
  vita_store_set_user_cert_level (f->store, "bob", "advanced", &error);
  g_assert_no_error (error);
  vita_store_set_user_cert_level (f->store, "alice", "basic", &error);
  g_assert_no_error (error);
}

static void
test_review_sign_off (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaReviewInfo) info = NULL;

  add_reviewer (f);
  type_text (f, "person-0", "first_name", "Ana");
  answer (f, "section-income", "inc.sale_assets", "yes");
  WAIT_FOR (editor_saved (f), 10000);
  g_assert_false (has_status_button (f, "filed"));
  move_status (f, VITA_RETURN_STATUS_PREPARING);
  move_status (f, VITA_RETURN_STATUS_QUALITY_REVIEW);
  g_assert_false (has_status_button (f, "filed"));

  /* Alice prepared it. */
  WAIT_FOR (strstr (sign_off_status (f), "nobody may review their own") != NULL, 10000);
  g_assert_false (sign_off_enabled (f));

  /* Bob may review, but Alice's Basic does not cover the sale of stocks. */
  reopen_as (f, "bob", REVIEWER_PASSPHRASE);
  WAIT_FOR (strstr (sign_off_status (f), "Advanced") != NULL, 10000);
  g_assert_false (sign_off_enabled (f));
  g_assert_true (gtk_widget_get_visible (find_named (f->editor, "cert-warning")));

  reopen_as (f, "alice", VITA_TEST_PASSPHRASE);
  vita_store_set_user_cert_level (f->store, "alice", "advanced", &error);
  g_assert_no_error (error);
  reopen_as (f, "bob", REVIEWER_PASSPHRASE);
  WAIT_FOR (sign_off_enabled (f), 10000);
  g_assert_false (gtk_widget_get_visible (find_named (f->editor, "cert-warning")));
  gtk_widget_activate_action (f->editor, "intake.sign-off", NULL);
  WAIT_FOR (has_status_button (f, "filed"), 10000);

  info = vita_review_get_info (f->store, vita_household_get_id (f->household), &error);
  g_assert_no_error (error);
  g_assert_cmpint (info->reviewer_id, ==, vita_store_get_user_id (f->store));
  g_assert_cmpint (info->preparer_id, !=, info->reviewer_id);
  move_status (f, VITA_RETURN_STATUS_FILED);
}

/* Renders every page, whole, to a PNG when VITA_SCREENSHOT_DIR is set, so
 * a person can look at them; without it the pages are still rendered,
 * which catches a page that fails to draw. */
static void
render_widget (GtkWidget  *widget,
               const char *path)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  /* A page alone has no background of its own. */
  gtk_snapshot_append_color (snapshot, &(GdkRGBA) { 0.98, 0.98, 0.98, 1.0 },
                             &GRAPHENE_RECT_INIT (0, 0, width, height));
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_nonnull (texture);
  if (path != NULL)
    g_assert_true (gdk_texture_save_to_png (texture, path));
}

static void
render_page (Fixture    *f,
             const char *name,
             const char *dir)
{
  GtkWidget *page = find_named (f->editor, name);
  GtkWidget *clamp;
  g_autofree char *window_path = NULL;
  g_autofree char *full_path = NULL;

  g_assert_nonnull (page);
  vita_intake_editor_show_section (VITA_INTAKE_EDITOR (f->editor), name);
  spin (300);
  if (dir != NULL)
    {
      window_path = g_strdup_printf ("%s/%s-window.png", dir, name);
      full_path = g_strdup_printf ("%s/%s-full.png", dir, name);
    }
  render_widget (f->window, window_path);

  /* The scrolled content at its full height. */
  clamp = page;
  while (clamp != NULL && !ADW_IS_CLAMP (clamp))
    clamp = gtk_widget_get_first_child (clamp);
  g_assert_nonnull (clamp);
  render_widget (clamp, full_path);
}

static void
test_render_pages (Fixture       *f,
                   gconstpointer  data)
{
  const char *dir = g_getenv ("VITA_SCREENSHOT_DIR");
  static const char *pages[] = {
    "people", "personal", "marital", "income", "expenses", "events", "optional", "notes",
    "w7-2", "documents", "review",
  };

  fill_people (f);
  fill_marital_and_income (f);
  fill_w7 (f);
  answer (f, "documents-2", "doc.passport", "yes");
  type_text (f, "person-0", "tin", "912-34-5678");
  WAIT_FOR (editor_saved (f), 10000);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    render_page (f, pages[i], dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkCssProvider) css = NULL;

  /* The app's catalogs, so a run with LANGUAGE set (screenshots in each
   * member language) shows the translated UI; plain runs stay English. */
  bindtextdomain (GETTEXT_PACKAGE, vita_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* A page caught halfway through the stack's crossfade is no picture. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* AdwApplication loads the app's style sheet; these tests have none. */
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/vitasites/Intake/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

#define ADD(path, func) \
  g_test_add ("/gui-intake/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("hint-keys", test_hint_keys);
  ADD ("header-counts-unsaved", test_header_counts_unsaved);
  ADD ("w7-prefill-and-done-warns", test_w7_prefill_and_done_warns);
  ADD ("add-member-scrolls", test_add_member_scrolls);
  ADD ("sidebar-folds", test_sidebar_folds);

  ADD ("full-intake", test_full_intake);
  ADD ("w7-page-follows-tin-type", test_w7_page_follows_tin_type);
  ADD ("tin-note", test_tin_note);
  ADD ("add-remove-member", test_add_remove_member);
  ADD ("gate-hides-follow-ups", test_gate_hides_follow_ups);
  ADD ("invalid-keeps-stored", test_invalid_keeps_stored);
  ADD ("clear-then-move-on", test_clear_then_move_on);
  ADD ("tax-year-field", test_tax_year_field);
  ADD ("lock-saves-draft", test_lock_saves_draft);
  ADD ("done-saves", test_done_saves);
  ADD ("review-sign-off", test_review_sign_off);
  ADD ("render-pages", test_render_pages);

  return g_test_run ();
}
