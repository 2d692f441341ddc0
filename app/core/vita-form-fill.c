/* vita-form-fill.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Filling an IRS form from a household, in memory only.
 *
 * A filled form is personal data: the template, first rewritten by libqpdf
 * from memory without its XFA packet, is filled through poppler-glib's
 * form API and saved into an anonymous memfd (never a path in a temporary
 * folder).  The IRS PDFs are XFA + AcroForm hybrids
 * and Adobe Reader shows the XFA side, which poppler does not fill, so a
 * fill that kept it would print empty there.
 *
 * A value longer than its box is never cut: it is reported, and nothing
 * is filled until it is shortened. */

#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>
#include <sodium.h>

#include "vita-field-ids.h"
#include "vita-field.h"
#include "vita-form-fill.h"
#include "vita-form-private.h"
#include "vita-form-template.h"

void
vita_form_problem_free (VitaFormProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->field_id);
  g_free (problem->message);
  g_free (problem);
}

static void
add_problem (GPtrArray  *problems,
             const char *field_id,
             gboolean    blocking,
             char       *message)
{
  VitaFormProblem *problem = g_new0 (VitaFormProblem, 1);

  problem->field_id = g_strdup (field_id);
  problem->message = message;
  problem->blocking = blocking;
  g_ptr_array_add (problems, problem);
}

/**
 * vita_form_needs_w7:
 *
 * Returns: whether @person is someone the app prepares a W-7 for
 */
gboolean
vita_form_needs_w7 (VitaHousehold *household,
                    int            person)
{
  const char *tin_type;

  if (person < VITA_PERSON_TAXPAYER || !vita_household_has_person (household, person))
    return FALSE;
  tin_type = vita_household_get (household, person, VITA_FID_TIN_TYPE);
  return g_strcmp0 (tin_type, "needs_itin") == 0 || g_strcmp0 (tin_type, "renew_itin") == 0;
}

static int
max_chars_for (const VitaFormMapEntry *entry,
               PopplerFormField       *field)
{
  int pdf_max = poppler_form_field_text_get_max_len (field);

  /* The PDF's own MaxLen wins when it has one: it is what the viewer
   * enforces.  Otherwise the map's limit (the box's printed width). */
  if (pdf_max > 0 && (entry->max_chars <= 0 || pdf_max < entry->max_chars))
    return pdf_max;
  return entry->max_chars > 0 ? entry->max_chars : 0;
}

static int
n_dependent_rows (const VitaFormMap *map)
{
  int rows = 0;

  for (guint i = 0; i < vita_form_map_get_n_entries (map); i++)
    {
      const VitaFormMapEntry *entry = vita_form_map_get_entry (map, i);

      if (g_str_has_prefix (entry->person, "dep"))
        rows = MAX (rows, atoi (entry->person + 3));
    }
  return rows;
}

/* The grid of page 1 has a fixed number of rows.  Members after the last
 * row go on page 5 ("Additional Notes/Comments") with the grid's columns,
 * as sites do by hand: row 1's entries, read for each further member. */
static char *
overflow_members (const VitaFormMap *map,
                  VitaHousehold     *household)
{
  int rows = n_dependent_rows (map);
  g_autoptr(GArray) persons = vita_household_list_persons (household);
  g_autoptr(GString) out = g_string_new (NULL);
  int n = 0;

  for (guint i = 0; i < persons->len; i++)
    {
      g_autofree char *person = NULL;
      g_autoptr(GString) line = NULL;

      if (g_array_index (persons, int, i) < VITA_PERSON_FIRST_DEPENDENT || ++n <= rows)
        continue;
      person = g_strdup_printf ("dep%d", n);
      line = g_string_new (NULL);
      for (guint j = 0; j < vita_form_map_get_n_entries (map); j++)
        {
          VitaFormMapEntry entry = *vita_form_map_get_entry (map, j);
          const VitaField *field;
          g_autofree char *value = NULL;

          if (g_strcmp0 (entry.person, "dep1") != 0)
            continue;
          entry.person = person;
          value = vita_form_map_entry_value (&entry, household, -1, NULL, NULL);
          field = vita_field_lookup (entry.sources[0]);
          if (value == NULL || field == NULL)
            continue;
          /* English column names: the form is in English. */
          g_string_append_printf (line, "%s%s: %s", line->len ? "; " : "",
                                  g_str_equal (field->id, VITA_FID_FIRST_NAME) ? "Name" : field->label,
                                  value);
        }
      g_string_append_printf (out, "%sHousehold member %d: %s", out->len ? "\n" : "", n,
                              line->str);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* Walks the map once: fills the document when @fill, and collects what
 * does not fit either way. */
static void
apply (const VitaFormMap *map,
       GHashTable        *fields,
       VitaHousehold     *household,
       int                applicant,
       GHashTable        *settings,
       gboolean           fill,
       GPtrArray         *problems)
{
  for (guint i = 0; i < vita_form_map_get_n_entries (map); i++)
    {
      const VitaFormMapEntry *entry = vita_form_map_get_entry (map, i);
      PopplerFormField *field = g_hash_table_lookup (fields, entry->pdf_name);
      g_autofree char *value = NULL;
      gboolean checked = FALSE;

      /* The template passed the import check; a field can only be
       * missing if the store was edited under the app. */
      if (field == NULL)
        continue;

      value = vita_form_map_entry_value (entry, household, applicant, settings, &checked);
      if (g_str_equal (entry->person, "hh") && g_str_equal (entry->sources[0], "notes"))
        {
          g_autofree char *more = overflow_members (map, household);

          if (more != NULL)
            {
              char *joined = value ? g_strconcat (value, "\n\n", more, NULL) : g_strdup (more);

              g_free (value);
              value = joined;
            }
        }
      if (entry->kind == VITA_FORM_FIELD_CHECK)
        {
          if (fill)
            poppler_form_field_button_set_state (field, checked);
          continue;
        }
      if (value == NULL)
        continue;

      {
        int max = max_chars_for (entry, field);
        glong len = g_utf8_strlen (value, -1);

        if (max > 0 && len > max)
          {
            add_problem (problems, entry->sources[0], TRUE,
                         g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                       "“%s” is too long for its box on the form "
                                                       "(%ld character, the box takes %d). "
                                                       "Shorten it before printing.",
                                                       "“%s” is too long for its box on the form "
                                                       "(%ld characters, the box takes %d). "
                                                       "Shorten it before printing.",
                                                       len),
                                          vita_form_map_entry_label (entry), len, max));
            continue;
          }
      }
      if (fill)
        poppler_form_field_text_set_text (field, value);
      sodium_memzero (value, strlen (value));
    }

  {
    int rows = n_dependent_rows (map);
    g_autoptr(GArray) persons = vita_household_list_persons (household);
    int n_dependents = 0;

    for (guint i = 0; i < persons->len; i++)
      if (g_array_index (persons, int, i) >= VITA_PERSON_FIRST_DEPENDENT)
        n_dependents++;
    if (rows > 0 && n_dependents > rows)
      add_problem (problems, "first_name", FALSE,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "The form's grid has room for %d household "
                                                 "member: the others are listed on page 5.",
                                                 "The form's grid has room for %d household "
                                                 "members: the others are listed on page 5.",
                                                 rows),
                                    rows));
  }
}

static gboolean
check_applicant (const VitaFormMap *map,
                 VitaHousehold     *household,
                 int                applicant,
                 GError           **error)
{
  if (g_strcmp0 (vita_form_map_get_form (map), VITA_FORM_W7) == 0
      && !vita_form_needs_w7 (household, applicant))
    {
      g_set_error_literal (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_APPLICANT,
                           _("This person does not need a Form W-7: their identification "
                             "number is not marked as a new or renewed ITIN."));
      return FALSE;
    }
  return TRUE;
}

/**
 * vita_form_check:
 *
 * Returns: (transfer full) (element-type VitaFormProblem): what must be
 *   fixed before @household's form prints, possibly empty; %NULL with
 *   @error set when the form cannot be made at all
 */
GPtrArray *
vita_form_check (const VitaFormMap *map,
                 GBytes            *template_pdf,
                 VitaHousehold     *household,
                 int                applicant,
                 GHashTable        *settings,
                 GError           **error)
{
  g_autoptr(VitaPdfDocument) document = NULL;
  g_autoptr(GHashTable) fields = NULL;
  GPtrArray *problems;

  if (!check_applicant (map, household, applicant, error))
    return NULL;
  document = poppler_document_new_from_bytes (template_pdf, NULL, error);
  if (document == NULL)
    return NULL;
  fields = _vita_form_collect_fields (document);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) vita_form_problem_free);
  apply (map, fields, household, applicant, settings, FALSE, problems);
  return problems;
}

static GBytes *
save_to_memory (PopplerDocument  *document,
                GError          **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buf[65536];
  ssize_t n;
  int fd;

  /* An anonymous file: no name in any folder, gone when closed. */
  fd = memfd_create ("vita-form", MFD_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FAILED,
                   _("Could not make the form in memory: %s"), g_strerror (saved));
      return NULL;
    }
  /* poppler-glib 22.12's poppler_document_save_to_fd() never flushes
   * the stdio buffer it wraps the fd in, so the last few kilobytes of the
   * PDF are lost.  Saving to the memfd's /proc link instead lets poppler
   * open and close the file itself; it is the same anonymous file, still
   * with no name in any folder. */
  {
    g_autofree char *uri = g_strdup_printf ("file:///proc/self/fd/%d", fd);

    if (!poppler_document_save (document, uri, error))
      {
        close (fd);
        return NULL;
      }
  }
  if (lseek (fd, 0, SEEK_SET) < 0)
    {
      close (fd);
      g_set_error_literal (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FAILED,
                           _("Could not read the filled form back from memory."));
      return NULL;
    }
  while ((n = read (fd, buf, sizeof buf)) > 0)
    g_byte_array_append (out, buf, n);
  sodium_memzero (buf, sizeof buf);
  close (fd);
  if (n < 0)
    {
      g_set_error_literal (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FAILED,
                           _("Could not read the filled form back from memory."));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/**
 * vita_form_remove_xfa:
 *
 * Returns: (transfer full): @pdf rewritten without /AcroForm/XFA, in
 *   memory
 */
GBytes *
vita_form_remove_xfa (GBytes  *pdf,
                      GError **error)
{
  qpdf_data qpdf = qpdf_init ();
  GBytes *out = NULL;
  gsize size;
  const char *data = g_bytes_get_data (pdf, &size);
  qpdf_oh root, acroform;

  /* qpdf prints its errors and warnings on stderr unless told not to;
   * they could quote the document. */
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);

  if (qpdf_read_memory (qpdf, "form", data, size, NULL) & QPDF_ERRORS)
    goto fail;
  root = qpdf_get_root (qpdf);
  acroform = qpdf_oh_get_key (qpdf, root, "/AcroForm");
  if (qpdf_oh_is_dictionary (qpdf, acroform) && qpdf_oh_has_key (qpdf, acroform, "/XFA"))
    qpdf_oh_remove_key (qpdf, acroform, "/XFA");
  if (qpdf_init_write_memory (qpdf) & QPDF_ERRORS)
    goto fail;
  /* Streams are copied as they are: decoding and recompressing every
   * page's content was most of the time a fill took, for nothing. */
  qpdf_set_decode_level (qpdf, qpdf_dl_none);
  qpdf_set_compress_streams (qpdf, QPDF_FALSE);
  if (qpdf_write (qpdf) & QPDF_ERRORS)
    goto fail;
  out = g_bytes_new (qpdf_get_buffer (qpdf), qpdf_get_buffer_length (qpdf));
  /* The buffer held the filled form; wipe it before qpdf frees it. */
  sodium_memzero ((void *) qpdf_get_buffer (qpdf), qpdf_get_buffer_length (qpdf));
  qpdf_cleanup (&qpdf);
  return out;

fail:
  qpdf_cleanup (&qpdf);
  g_set_error_literal (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FAILED,
                       _("Could not finish the filled form (removing its XFA part failed)."));
  return NULL;
}

/* The template without its XFA packet, made once per template and kept
 * for the life of the process: the blank form holds no personal data, and
 * rewriting it with qpdf is most of what a fill would otherwise cost.  The
 * filled copy is then saved by poppler alone, so no second program ever
 * holds the personal data. */
static GBytes *
template_without_xfa (GBytes  *template_pdf,
                      GError **error)
{
  static GMutex lock;
  static GHashTable *cache = NULL; /* sha256 hex -> GBytes */
  g_autofree char *key = vita_form_sha256_hex (template_pdf);
  GBytes *stripped;

  g_mutex_lock (&lock);
  if (cache == NULL)
    cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                   (GDestroyNotify) g_bytes_unref);
  stripped = g_hash_table_lookup (cache, key);
  if (stripped != NULL)
    stripped = g_bytes_ref (stripped);
  g_mutex_unlock (&lock);
  if (stripped != NULL)
    return stripped;

  stripped = vita_form_remove_xfa (template_pdf, error);
  if (stripped == NULL)
    return NULL;
  g_mutex_lock (&lock);
  /* A site has a handful of templates; a new season's replace them. */
  if (g_hash_table_size (cache) >= 8)
    g_hash_table_remove_all (cache);
  g_hash_table_insert (cache, g_steal_pointer (&key), g_bytes_ref (stripped));
  g_mutex_unlock (&lock);
  return stripped;
}

/**
 * vita_form_fill:
 * @map: the map of @template_pdf's revision
 * @applicant: for a W-7, the applicant's person slot
 * @settings: (nullable): site settings (for the acceptance-agent block)
 * @problems: (out) (optional) (transfer full): what was found, including
 *   reminders that do not stop the form
 *
 * Returns: (transfer full): the filled PDF, or %NULL with @error set (a
 *   value too long for its box gives %VITA_FORM_ERROR_TOO_LONG)
 */
GBytes *
vita_form_fill (const VitaFormMap *map,
                GBytes            *template_pdf,
                VitaHousehold     *household,
                int                applicant,
                GHashTable        *settings,
                GPtrArray        **problems,
                GError           **error)
{
  g_autoptr(VitaPdfDocument) document = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) vita_form_problem_free);
  g_autoptr(GString) too_long = g_string_new (NULL);
  g_autoptr(GBytes) blank = NULL;

  g_return_val_if_fail (map != NULL && template_pdf != NULL, NULL);

  if (!check_applicant (map, household, applicant, error))
    return NULL;
  blank = template_without_xfa (template_pdf, error);
  if (blank == NULL)
    return NULL;
  document = poppler_document_new_from_bytes (blank, NULL, error);
  if (document == NULL)
    return NULL;
  fields = _vita_form_collect_fields (document);

  apply (map, fields, household, applicant, settings, FALSE, found);
  for (guint i = 0; i < found->len; i++)
    {
      VitaFormProblem *problem = g_ptr_array_index (found, i);

      if (problem->blocking)
        g_string_append_printf (too_long, "%s%s", too_long->len ? "\n" : "", problem->message);
    }
  if (problems != NULL)
    *problems = g_ptr_array_ref (found);
  if (too_long->len > 0)
    {
      g_set_error_literal (error, VITA_FORM_ERROR, VITA_FORM_ERROR_TOO_LONG, too_long->str);
      return NULL;
    }

  {
    g_autoptr(GPtrArray) again = g_ptr_array_new_with_free_func ((GDestroyNotify) vita_form_problem_free);

    apply (map, fields, household, applicant, settings, TRUE, again);
  }
  g_clear_pointer (&fields, g_hash_table_unref);

  return save_to_memory (document, error);
}
