/* vita-form-print.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Prints a household's forms (VitaFormDocument, made in memory by the
 * core) through GtkPrintOperation: the print dialog offers a preview, and
 * each PDF page is drawn with poppler onto the print context, turned to
 * landscape for the landscape 13614-C.  A W-7 with a blocking problem
 * carries a "DRAFT - do not mail" mark across every page.  Nothing is
 * written to a file unless the volunteer picks "Print to File" in the
 * dialog (or a test asks for an export). */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <poppler.h>

#include "vita-form-print-set.h"
#include "vita-form-print.h"
#include "vita-minimum-data.h"

/* poppler-glib 22.12 has no autoptr cleanups; local names work with any. */
typedef PopplerPage GuiPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GuiPdfPage, g_object_unref)

typedef struct
{
  GPtrArray         *documents;  /* VitaFormDocument, a reference */
  GPtrArray         *pdfs;       /* PopplerDocument, parallel */
  GArray            *page_doc;   /* page -> document index */
  GArray            *page_index; /* page -> page within its document */
  VitaFormPrintDone  done;
  gpointer           user_data;
} FormJob;

static void
form_job_free (FormJob *job)
{
  g_ptr_array_unref (job->documents);
  g_ptr_array_unref (job->pdfs);
  g_array_unref (job->page_doc);
  g_array_unref (job->page_index);
  g_free (job);
}

static PopplerPage *
get_page (FormJob *job,
          int      page_nr)
{
  PopplerDocument *pdf = g_ptr_array_index (job->pdfs, g_array_index (job->page_doc, guint, page_nr));

  return poppler_document_get_page (pdf, g_array_index (job->page_index, int, page_nr));
}

static void
request_page_setup_cb (GtkPrintOperation *operation,
                       GtkPrintContext   *context,
                       int                page_nr,
                       GtkPageSetup      *setup,
                       FormJob           *job)
{
  g_autoptr(GuiPdfPage) page = get_page (job, page_nr);
  double w, h;

  poppler_page_get_size (page, &w, &h);
  gtk_page_setup_set_orientation (setup, w > h ? GTK_PAGE_ORIENTATION_LANDSCAPE
                                               : GTK_PAGE_ORIENTATION_PORTRAIT);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              FormJob           *job)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(GuiPdfPage) page = get_page (job, page_nr);
  VitaFormDocument *doc = g_ptr_array_index (job->documents,
                                             g_array_index (job->page_doc, guint, page_nr));
  double pw, ph, cw, ch, scale;

  poppler_page_get_size (page, &pw, &ph);
  cw = gtk_print_context_get_width (context);
  ch = gtk_print_context_get_height (context);
  scale = MIN (cw / pw, ch / ph);

  cairo_save (cr);
  cairo_translate (cr, (cw - pw * scale) / 2, (ch - ph * scale) / 2);
  cairo_scale (cr, scale, scale);
  poppler_page_render_for_printing (page, cr);
  if (doc->draft)
    vita_form_draw_draft_mark (cr, pw, ph);
  cairo_restore (cr);
}

static void
done_cb (GtkPrintOperation       *operation,
         GtkPrintOperationResult  result,
         FormJob                 *job)
{
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    gtk_print_operation_get_error (operation, &error);
  if (job->done != NULL)
    job->done (result == GTK_PRINT_OPERATION_RESULT_APPLY, error, job->user_data);
}

/**
 * vita_form_print:
 * @documents: (element-type VitaFormDocument): what to print, in order
 * @job_name: the name print queues show; never a member's name
 * @export_pdf: (nullable): write a PDF here without a dialog (tests), or
 *   %NULL for the print dialog
 */
void
vita_form_print (GtkWindow         *parent,
                 const char        *job_name,
                 GPtrArray         *documents,
                 const char        *export_pdf,
                 VitaFormPrintDone  done,
                 gpointer           user_data)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GtkPageSetup) page_setup = gtk_page_setup_new ();
  GtkPaperSize *letter = gtk_paper_size_new (GTK_PAPER_NAME_LETTER);
  FormJob *job = g_new0 (FormJob, 1);

  job->documents = g_ptr_array_ref (documents);
  job->pdfs = g_ptr_array_new_with_free_func (g_object_unref);
  job->page_doc = g_array_new (FALSE, FALSE, sizeof (guint));
  job->page_index = g_array_new (FALSE, FALSE, sizeof (int));
  job->done = done;
  job->user_data = user_data;

  for (guint i = 0; i < documents->len; i++)
    {
      VitaFormDocument *doc = g_ptr_array_index (documents, i);
      g_autoptr(GError) error = NULL;
      PopplerDocument *pdf = poppler_document_new_from_bytes (doc->pdf, NULL, &error);

      if (pdf == NULL)
        {
          if (done != NULL)
            done (FALSE, error, user_data);
          form_job_free (job);
          gtk_paper_size_free (letter);
          return;
        }
      g_ptr_array_add (job->pdfs, pdf);
      for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
        {
          g_array_append_val (job->page_doc, i);
          g_array_append_val (job->page_index, p);
        }
    }

  gtk_page_setup_set_paper_size_and_default_margins (page_setup, letter);
  gtk_paper_size_free (letter);
  gtk_print_operation_set_default_page_setup (operation, page_setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_n_pages (operation, job->page_doc->len);
  gtk_print_operation_set_allow_async (operation, TRUE);
  g_signal_connect (operation, "request-page-setup", G_CALLBACK (request_page_setup_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  g_signal_connect_data (operation, "done", G_CALLBACK (done_cb), job,
                         (GClosureNotify) (void (*) (void)) form_job_free, 0);

  if (export_pdf != NULL)
    gtk_print_operation_set_export_filename (operation, export_pdf);
  gtk_print_operation_run (operation,
                           export_pdf ? GTK_PRINT_OPERATION_ACTION_EXPORT
                                      : GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           parent, NULL);
}

/* ------------------------------------------------------------------ */
/* A household's forms                                                 */
/* ------------------------------------------------------------------ */

typedef struct
{
  VitaStore                  *store;
  VitaHousehold              *household;  /* a copy, for the worker */
  VitaHousehold              *original;   /* weak: the caller's, for minimum-data mode */
  GtkWindow                  *parent;
  char                       *export_pdf;
  GPtrArray                  *documents;
  GPtrArray                  *notes;
  VitaFormPrintHouseholdDone  done;
  gpointer                    user_data;
} HouseholdJob;

static void
household_job_free (HouseholdJob *job)
{
  g_clear_object (&job->store);
  g_clear_object (&job->household);
  g_clear_weak_pointer (&job->original);
  g_clear_object (&job->parent);
  g_free (job->export_pdf);
  g_clear_pointer (&job->documents, g_ptr_array_unref);
  g_clear_pointer (&job->notes, g_ptr_array_unref);
  g_free (job);
}

static char *
join_notes (GPtrArray *notes)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; notes != NULL && i < notes->len; i++)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", (char *) notes->pdata[i]);
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

static void
household_printed_cb (gboolean      printed,
                      const GError *error,
                      gpointer      user_data)
{
  HouseholdJob *job = user_data;
  g_autoptr(GError) audit_error = NULL;
  g_autofree char *notes = join_notes (job->notes);

  if (error != NULL)
    job->done (FALSE, error->message, job->user_data);
  else if (printed && !vita_form_record_printed (job->store, job->household, job->documents,
                                                 &audit_error))
    job->done (TRUE, audit_error->message, job->user_data);
  else
    {
      gboolean complete = TRUE;

      /* minimum-data mode: the store erased the TINs of a complete set;
       * the caller's copy drops them too, or its next save would bring
       * them back. */
      for (guint i = 0; job->documents != NULL && i < job->documents->len; i++)
        complete = complete && !((VitaFormDocument *) g_ptr_array_index (job->documents, i))->draft;
      if (printed && complete && job->original != NULL && vita_store_get_minimum_data (job->store))
        vita_minimum_data_strip_tins (job->original);
      job->done (printed, notes, job->user_data);
    }
  household_job_free (job);
}

static void
make_set_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  HouseholdJob *job = task_data;
  g_autoptr(GError) error = NULL;

  /* Filling takes a moment; the store serialises its own use. */
  job->documents = vita_form_make_print_set (job->store, job->household, &job->notes, &error);
  if (job->documents == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
make_set_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HouseholdJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      job->done (FALSE, error->message, job->user_data);
      household_job_free (job);
      return;
    }
  /* The job now belongs to the print operation. */
  /* TRANSLATORS: the print queue's name for a household's forms; never a name. */
  vita_form_print (job->parent, _("Intake forms"), job->documents, job->export_pdf,
                   household_printed_cb, job);
}

/**
 * vita_form_print_household:
 * @export_pdf: (nullable): write the pages to this PDF without a dialog
 *   (tests), or %NULL for the print dialog and its preview
 *
 * Makes @household's forms in memory (in a worker thread) and prints
 * them; a successful print is recorded in the audit log.
 */
void
vita_form_print_household (GtkWindow                  *parent,
                           VitaStore                  *store,
                           VitaHousehold              *household,
                           const char                 *export_pdf,
                           VitaFormPrintHouseholdDone  done,
                           gpointer                    user_data)
{
  HouseholdJob *job = g_new0 (HouseholdJob, 1);
  g_autoptr(GTask) task = NULL;

  job->store = g_object_ref (store);
  job->household = vita_household_copy (household);
  g_set_weak_pointer (&job->original, household);
  job->parent = parent ? g_object_ref (parent) : NULL;
  job->export_pdf = g_strdup (export_pdf);
  job->done = done;
  job->user_data = user_data;

  task = g_task_new (NULL, NULL, make_set_done_cb, NULL);
  /* No destroy notify: the job outlives the task (see make_set_done_cb). */
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, make_set_thread);
}

/* ------------------------------------------------------------------ */
/* Save as PDF                                                         */
/* ------------------------------------------------------------------ */

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  HouseholdJob *job = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = NULL;

  job->documents = vita_form_make_print_set (job->store, job->household, &job->notes, &error);
  if (job->documents != NULL)
    pdf = vita_form_flatten_documents (job->documents, &error);
  /* 0600 and never over an existing file: it is personal data. */
  if (pdf == NULL || !vita_form_write_private_file (job->export_pdf, pdf, &error)
      || !vita_form_record_printed (job->store, job->household, job->documents, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  HouseholdJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    job->done (FALSE, error->message, job->user_data);
  else
    {
      g_autofree char *notes = join_notes (job->notes);
      g_autofree char *text = g_strdup_printf (_("Saved, readable only by you. Delete the file "
                                                 "when it is no longer needed. %s"),
                                               notes ? notes : "");
      job->done (TRUE, g_strchomp (text), job->user_data);
    }
  household_job_free (job);
}

/**
 * vita_form_save_household_pdf_to:
 *
 * Saves @household's forms, as printed, into a new file only this user
 * can read.  What the file chooser ends in; tests call it directly.
 */
void
vita_form_save_household_pdf_to (VitaStore                  *store,
                                 VitaHousehold              *household,
                                 GFile                      *file,
                                 VitaFormPrintHouseholdDone  done,
                                 gpointer                    user_data)
{
  HouseholdJob *job = g_new0 (HouseholdJob, 1);
  g_autoptr(GTask) task = NULL;

  job->store = g_object_ref (store);
  job->household = vita_household_copy (household);
  job->export_pdf = g_file_get_path (file);
  job->done = done;
  job->user_data = user_data;
  task = g_task_new (NULL, NULL, save_done_cb, NULL);
  g_task_set_task_data (task, job, NULL);
  g_task_run_in_thread (task, save_thread);
}

typedef struct
{
  VitaStore                  *store;
  VitaHousehold              *household;
  GtkWindow                  *parent;
  VitaFormPrintHouseholdDone  done;
  gpointer                    user_data;
} SaveAsk;

static void
save_ask_free (SaveAsk *ask)
{
  g_clear_object (&ask->store);
  g_clear_object (&ask->household);
  g_clear_object (&ask->parent);
  g_free (ask);
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     SaveAsk         *ask)
{
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
  if (file != NULL)
    vita_form_save_household_pdf_to (ask->store, ask->household, file, ask->done, ask->user_data);
  else
    ask->done (FALSE, NULL, ask->user_data);
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  save_ask_free (ask);
}

static void
warning_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SaveAsk          *ask)
{
  GtkFileChooserNative *chooser;

  if (!g_str_equal (response, "save"))
    {
      ask->done (FALSE, NULL, ask->user_data);
      save_ask_free (ask);
      return;
    }
  chooser = gtk_file_chooser_native_new (_("Save Forms as PDF"), ask->parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), NULL);
  /* TRANSLATORS: a file name; no member's name goes in it. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("intake-forms.pdf"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), ask);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * vita_form_save_household_pdf:
 *
 * Warns that a filled form is personal data, then asks where to save it.
 */
void
vita_form_save_household_pdf (GtkWindow                  *parent,
                              VitaStore                  *store,
                              VitaHousehold              *household,
                              VitaFormPrintHouseholdDone  done,
                              gpointer                    user_data)
{
  SaveAsk *ask = g_new0 (SaveAsk, 1);
  GtkWidget *dialog;

  ask->store = g_object_ref (store);
  ask->household = vita_household_copy (household);
  ask->parent = parent ? g_object_ref (parent) : NULL;
  ask->done = done;
  ask->user_data = user_data;

  dialog = adw_message_dialog_new (parent, _("Save the Forms as a PDF File?"),
                                   _("The file holds the household's personal data, unencrypted. "
                                     "Save it only where no one else can read it, never on a "
                                     "shared or public computer, and delete it when it is no "
                                     "longer needed. Printing needs no file."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "save", _("_Choose Where…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (warning_response_cb), ask);
  gtk_window_present (GTK_WINDOW (dialog));
}
