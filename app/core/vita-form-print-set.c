/* vita-form-print-set.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What a household's "Print forms" prints, in station order: the filled
 * Form 13614-C (or the intake summary when no template is loaded), then
 * for each applicant the W-7 and its cover sheet, then the preparer's
 * sheet.  Everything is made in memory; the GUI only draws the pages. */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <poppler.h>

#include "vita-clock.h"
#include "vita-store-private.h"
#include "vita-form-fill.h"
#include "vita-form-map.h"
#include "vita-form-print-set.h"
#include "vita-form-private.h"
#include "vita-form-sheets.h"
#include "vita-minimum-data.h"
#include "vita-store-forms.h"
#include "vita-store-records.h"
#include "vita-store-settings.h"
#include "vita-w7.h"

void
vita_form_document_free (VitaFormDocument *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->name);
  g_free (doc->form);
  g_clear_pointer (&doc->pdf, g_bytes_unref);
  g_free (doc);
}

static VitaFormDocument *
document_new (const char *form,
              int         person,
              char       *name,
              GBytes     *pdf)
{
  VitaFormDocument *doc = g_new0 (VitaFormDocument, 1);

  doc->form = g_strdup (form);
  doc->person = person;
  doc->name = name;
  doc->pdf = pdf;
  return doc;
}

/**
 * vita_form_dup_site_settings:
 *
 * Returns: (transfer full): the site settings the forms use (the
 *   acceptance-agent block of the W-7)
 */
GHashTable *
vita_form_dup_site_settings (VitaStore *store)
{
  static const char *keys[] = { VITA_SETTING_CAA_ENABLED, VITA_SETTING_CAA_PHONE,
                                VITA_SETTING_CAA_FAX, VITA_SETTING_CAA_NAME_TITLE,
                                VITA_SETTING_CAA_COMPANY, VITA_SETTING_CAA_EIN,
                                VITA_SETTING_CAA_PTIN, VITA_SETTING_CAA_OFFICE_CODE };
  GHashTable *settings = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      char *value = vita_store_dup_setting (store, keys[i], NULL);

      if (value != NULL)
        g_hash_table_insert (settings, (gpointer) keys[i], value);
    }
  return settings;
}

/**
 * vita_form_fill_from_store:
 * @form: %VITA_FORM_13614C or %VITA_FORM_W7
 * @applicant: the W-7 applicant's person slot, or -1
 * @revision: (out) (optional) (transfer full): the template's revision
 * @problems: (out) (optional) (transfer full) (element-type VitaFormProblem):
 *   what the volunteer should know (a W-7 with a blocking problem is filled,
 *   to print as a draft)
 *
 * Fills the season's template loaded in @store for @household.
 *
 * Returns: (transfer full): the filled PDF, or %NULL with @error set (no
 *   template loaded, a revision this version cannot fill, a value too long
 *   for its box)
 */
GBytes *
vita_form_fill_from_store (VitaStore      *store,
                           const char     *form,
                           VitaHousehold  *household,
                           int             applicant,
                           GHashTable     *settings,
                           char          **revision,
                           GPtrArray     **problems,
                           GError        **error)
{
  g_autoptr(GBytes) template_pdf = NULL;
  g_autofree char *loaded = NULL;
  const VitaFormMap *map;

  if (revision != NULL)
    *revision = NULL;
  template_pdf = vita_store_load_form_template (store, form, &loaded, error);
  if (template_pdf == NULL)
    return NULL;
  map = vita_form_maps_lookup (form, loaded);
  if (map == NULL)
    {
      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_UNKNOWN_REVISION,
                   _("The loaded Form %s (%s) is not one this version of the app can fill. "
                     "Load the current form again."),
                   form, loaded);
      return NULL;
    }
  if (revision != NULL)
    *revision = g_steal_pointer (&loaded);
  return vita_form_fill (map, template_pdf, household, applicant, settings, problems, error);
}

/* The season's form for the print set; what does not block printing
 * becomes a note for the volunteer. */
static GBytes *
fill_from_store (VitaStore      *store,
                 const char     *form,
                 VitaHousehold  *household,
                 int             applicant,
                 GHashTable     *settings,
                 GPtrArray      *notes,
                 GError        **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  GBytes *filled;

  filled = vita_form_fill_from_store (store, form, household, applicant, settings, NULL,
                                      &problems, error);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      VitaFormProblem *p = g_ptr_array_index (problems, i);

      if (!p->blocking && notes != NULL)
        g_ptr_array_add (notes, g_strdup (p->message));
    }
  return filled;
}

/**
 * vita_form_make_print_set:
 * @notes: (out) (optional) (transfer full): translated lines to show the
 *   volunteer (a W-7 printed as a draft and why, the intake summary used)
 *
 * Returns: (transfer full) (element-type VitaFormDocument): the documents,
 *   or %NULL with @error set (for example a value too long for its box)
 */
GPtrArray *
vita_form_make_print_set (VitaStore      *store,
                          VitaHousehold  *household,
                          GPtrArray     **notes,
                          GError        **error)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) vita_form_document_free);
  g_autoptr(GPtrArray) said = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) settings = vita_form_dup_site_settings (store);
  g_autoptr(GArray) persons = vita_household_list_persons (household);
  g_autoptr(GError) local_error = NULL;
  GBytes *pdf;
  GDate today;

  vita_clock_get_today (&today);

  pdf = fill_from_store (store, VITA_FORM_13614C, household, -1, settings, said, &local_error);
  if (pdf != NULL)
    g_ptr_array_add (docs, document_new (VITA_FORM_13614C, -1, g_strdup (_("Form 13614-C")), pdf));
  else if (g_error_matches (local_error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_TEMPLATE))
    {
      /* No template: our own rendering, never dressed as the IRS form. */
      g_clear_error (&local_error);
      pdf = vita_form_intake_summary (household, error);
      if (pdf == NULL)
        return NULL;
      g_ptr_array_add (docs, document_new ("summary", -1, g_strdup (_("Intake summary")), pdf));
      g_ptr_array_add (said, g_strdup (_("Form 13614-C is not loaded: the intake summary prints "
                                         "instead. A coordinator loads the form on the Forms "
                                         "page.")));
    }
  else
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < persons->len; i++)
    {
      int p = g_array_index (persons, int, i);
      g_autoptr(GPtrArray) problems = NULL;
      VitaFormDocument *doc;

      if (!vita_form_needs_w7 (household, p))
        continue;
      pdf = fill_from_store (store, VITA_FORM_W7, household, p, settings, said, &local_error);
      if (pdf == NULL)
        {
          if (!g_error_matches (local_error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_TEMPLATE))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          /* The package sheet still prints: it says what to bring. */
          g_ptr_array_add (said, g_strdup (local_error->message));
          g_clear_error (&local_error);
        }
      else
        {
          doc = document_new (VITA_FORM_W7, p, g_strdup (_("Form W-7")), pdf);
          problems = vita_w7_check (household, p, &today);
          doc->draft = vita_w7_has_blocking (problems);
          if (doc->draft)
            g_ptr_array_add (said, g_strdup (_("A Form W-7 has problems to fix: it prints marked "
                                               "“DRAFT - do not mail”.")));
          g_ptr_array_add (docs, doc);
        }
      pdf = vita_form_w7_cover_sheet (household, p, settings, error);
      if (pdf == NULL)
        return NULL;
      g_ptr_array_add (docs, document_new ("W-7-cover", p, g_strdup (_("Form W-7 package sheet")),
                                           pdf));
    }

  pdf = vita_form_preparer_sheet (household, error);
  if (pdf == NULL)
    return NULL;
  g_ptr_array_add (docs, document_new ("preparer", -1, g_strdup (_("Preparer's sheet")), pdf));

  if (notes != NULL)
    *notes = g_steal_pointer (&said);
  return g_steal_pointer (&docs);
}

/**
 * vita_form_record_printed:
 *
 * Records in the audit log which forms were printed for @household: the
 * form names and applicant slots, never a value.  In minimum-data mode a
 * set without drafts also erases the household's TINs in the store (not in
 * @household) and dates its contact answers for an early purge
 * (vita_store_record_forms_printed()).
 */
gboolean
vita_form_record_printed (VitaStore      *store,
                          VitaHousehold  *household,
                          GPtrArray      *documents,
                          GError        **error)
{
  gboolean complete = TRUE;

  for (guint i = 0; i < documents->len; i++)
    {
      VitaFormDocument *doc = g_ptr_array_index (documents, i);
      g_autofree char *detail = doc->person >= 0
                                ? g_strdup_printf ("%s person %d%s", doc->form, doc->person,
                                                   doc->draft ? " draft" : "")
                                : g_strdup (doc->form);

      if (!vita_store_audit (store, "print-form", vita_household_get_id (household), detail,
                             error))
        return FALSE;
      complete = complete && !doc->draft;
    }
  /* Minimum-data mode: the forms that needed the TINs are printed (a W-7
   * printed as a draft is printed again, so it still needs them). */
  return vita_store_record_forms_printed (store, vita_household_get_id (household), complete, error);
}

/**
 * vita_form_save_printed:
 * @revision: (nullable): the template's revision, for IRS forms
 * @applicant: the applicant slot of a W-7 or its cover sheet, or -1
 *
 * Writes one filled form to a new private file and records it in the audit
 * log (form, revision and slot only, never a value); the file is removed
 * again if the entry cannot be written.  The admin CLI's "forms fill".
 */
gboolean
vita_form_save_printed (VitaStore    *store,
                        gint64        household_id,
                        const char   *form,
                        const char   *revision,
                        int           applicant,
                        GBytes       *pdf,
                        const char   *path,
                        GError      **error)
{
  g_autoptr(GString) detail = g_string_new (form);

  if (revision != NULL)
    g_string_append_printf (detail, " %s", revision);
  if (applicant >= 0)
    g_string_append_printf (detail, " person %d", applicant);
  if (!vita_form_write_private_file (path, pdf, error))
    return FALSE;
  if (!vita_store_audit (store, "print-form", household_id, detail->str, error))
    {
      unlink (path);
      return FALSE;
    }
  return TRUE;
}

/**
 * vita_form_write_private_file:
 *
 * Writes @pdf to a new file at @path that only this user can read (0600,
 * never over an existing file); a failed write leaves nothing behind.
 */
gboolean
vita_form_write_private_file (const char  *path,
                              GBytes      *pdf,
                              GError     **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (pdf, &size);
  int fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);

  if (fd < 0)
    {
      int saved = errno;

      if (saved == EEXIST)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                     _("%s already exists. A filled form is personal data: choose a new file "
                       "name rather than writing over one."),
                     path);
      else
        g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                     _("Could not create %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  while (size > 0)
    {
      ssize_t n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      data += n;
      size -= n;
    }
  if (size > 0 || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      unlink (path);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/**
 * vita_form_draw_draft_mark:
 *
 * Draws the red "DRAFT - do not mail" mark across a page of @width x
 * @height points: a W-7 with a blocking problem must not be mailed.
 */
void
vita_form_draw_draft_mark (cairo_t *cr,
                           double   width,
                           double   height)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Sans Bold 44");
  int lw, lh;

  pango_layout_set_font_description (layout, font);
  /* TRANSLATORS: printed across a Form W-7 that still has a problem. */
  pango_layout_set_text (layout, _("DRAFT - do not mail"), -1);
  pango_layout_get_pixel_size (layout, &lw, &lh);
  cairo_save (cr);
  cairo_translate (cr, width / 2, height / 2);
  cairo_rotate (cr, -G_PI / 5);
  cairo_set_source_rgba (cr, 0.8, 0, 0, 0.55);
  cairo_move_to (cr, -lw / 2.0, -lh / 2.0);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
  pango_font_description_free (font);
  g_object_unref (layout);
}

static cairo_status_t
append_to_array (void                *closure,
                 const unsigned char *data,
                 unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/**
 * vita_form_flatten_documents:
 *
 * Returns: (transfer full): every page of @documents drawn into one PDF,
 *   as printed (drafts marked, no fillable fields left), made in memory:
 *   what "Save as PDF" writes
 */
GBytes *
vita_form_flatten_documents (GPtrArray  *documents,
                             GError    **error)
{
  GByteArray *out = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_to_array, out,
                                                                  612, 792);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  for (guint i = 0; i < documents->len; i++)
    {
      VitaFormDocument *doc = g_ptr_array_index (documents, i);
      g_autoptr(VitaPdfDocument) pdf = poppler_document_new_from_bytes (doc->pdf, NULL, error);

      if (pdf == NULL)
        {
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
          g_byte_array_unref (out);
          return NULL;
        }
      for (int p = 0; p < poppler_document_get_n_pages (pdf); p++)
        {
          g_autoptr(VitaPdfPage) page = poppler_document_get_page (pdf, p);
          double w, h;

          poppler_page_get_size (page, &w, &h);
          cairo_pdf_surface_set_size (surface, w, h);
          poppler_page_render_for_printing (page, cr);
          if (doc->draft)
            vita_form_draw_draft_mark (cr, w, h);
          cairo_show_page (cr);
        }
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (out);
      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FAILED,
                   _("Could not draw the page: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (out);
}
