/* vita-form-template.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Importing a blank IRS form: what it is (title and revision), whether the
 * app has a map for that revision, and whether every field of the map is
 * in the PDF with the kind the map expects.  Only then is it kept.  A
 * template that fails any check changes nothing. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <sodium.h>

#include "vita-form-private.h"
#include "vita-form-template.h"
#include "vita-store-forms.h"

/* How many missing field names an error message lists. */
#define MAX_NAMES_IN_ERROR 3

void
vita_form_template_free (VitaFormTemplate *tmpl)
{
  if (tmpl == NULL)
    return;
  g_free (tmpl->form);
  g_free (tmpl->revision);
  g_free (tmpl->title);
  g_free (tmpl->sha256);
  g_clear_pointer (&tmpl->pdf, g_bytes_unref);
  g_free (tmpl);
}

char *
vita_form_sha256_hex (GBytes *bytes)
{
  guint8 hash[crypto_hash_sha256_BYTES];
  char hex[crypto_hash_sha256_BYTES * 2 + 1];
  gsize size;
  const guint8 *data = g_bytes_get_data (bytes, &size);

  crypto_hash_sha256 (hash, data, size);
  sodium_bin2hex (hex, sizeof hex, hash, sizeof hash);
  return g_strdup (hex);
}

GHashTable *
_vita_form_collect_fields (PopplerDocument *document)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  int n_pages = poppler_document_get_n_pages (document);

  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(VitaPdfPage) page = poppler_document_get_page (document, i);
      GList *mappings = poppler_page_get_form_field_mapping (page);

      for (GList *l = mappings; l != NULL; l = l->next)
        {
          PopplerFormFieldMapping *m = l->data;
          char *name = poppler_form_field_get_name (m->field);

          /* Widgets of one field share its name: the first one stands for
           * it, as setting a value on it sets the field. */
          if (name != NULL && !g_hash_table_contains (fields, name))
            g_hash_table_insert (fields, name, g_object_ref (m->field));
          else
            g_free (name);
        }
      poppler_page_free_form_field_mapping (mappings);
    }
  return fields;
}

/* "Form 13614-C (Rev. 10-2025)" -> "13614-C", "Rev. 10-2025" */
static gboolean
parse_title (const char  *text,
             char       **form,
             char       **revision)
{
  g_autoptr(GRegex) regex = g_regex_new ("Form\\s+(13614-C|W-7)\\s*\\(\\s*Rev\\.\\s*"
                                         "([0-9]{1,2})\\s*-\\s*([0-9]{4})\\s*\\)",
                                         G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (text == NULL || !g_regex_match (regex, text, 0, &match))
    return FALSE;
  {
    g_autofree char *name = g_match_info_fetch (match, 1);
    g_autofree char *month = g_match_info_fetch (match, 2);
    g_autofree char *year = g_match_info_fetch (match, 3);

    *form = g_ascii_strup (name, -1);
    *revision = g_strdup_printf ("Rev. %02d-%s", atoi (month), year);
  }
  return TRUE;
}

/* The title in the document information, else the form's own footer
 * ("Form 13614-C (Rev. 11-2024)"): copies re-saved by third parties
 * often lose the title but keep the page text. */
static gboolean
identify (PopplerDocument  *document,
          char            **form,
          char            **revision)
{
  g_autofree char *title = poppler_document_get_title (document);
  int n_pages;

  if (parse_title (title, form, revision))
    return TRUE;
  n_pages = poppler_document_get_n_pages (document);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(VitaPdfPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);

      if (parse_title (text, form, revision))
        return TRUE;
    }
  return FALSE;
}

static gboolean
kind_matches (VitaFormFieldKind  kind,
              PopplerFormField  *field)
{
  switch (kind)
    {
    case VITA_FORM_FIELD_TEXT:
    case VITA_FORM_FIELD_COMB:
      return poppler_form_field_get_field_type (field) == POPPLER_FORM_FIELD_TEXT;

    case VITA_FORM_FIELD_CHECK:
      return poppler_form_field_get_field_type (field) == POPPLER_FORM_FIELD_BUTTON
             && poppler_form_field_button_get_button_type (field) != POPPLER_FORM_BUTTON_PUSH;

    default:
      return FALSE;
    }
}

/**
 * vita_form_template_inspect:
 * @pdf: the PDF's bytes
 *
 * Recognises the form and checks it against the app's map for its
 * revision.
 *
 * Returns: (transfer full): the template, or %NULL with @error set
 */
VitaFormTemplate *
vita_form_template_inspect (GBytes  *pdf,
                            GError **error)
{
  g_autoptr(VitaPdfDocument) document = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autoptr(VitaFormTemplate) tmpl = g_new0 (VitaFormTemplate, 1);
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  guint n_missing = 0;

  g_return_val_if_fail (pdf != NULL, NULL);

  document = poppler_document_new_from_bytes (pdf, NULL, &local_error);
  if (document == NULL)
    {
      g_autofree char *known = vita_form_maps_dup_known (NULL);

      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NOT_A_FORM,
                   _("This file is not a PDF the app can read. Load the blank form downloaded "
                     "from irs.gov (%s)."),
                   known);
      return NULL;
    }

  if (!identify (document, &tmpl->form, &tmpl->revision))
    {
      g_autofree char *known = vita_form_maps_dup_known (NULL);

      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NOT_A_FORM,
                   _("This PDF is not an IRS form the app can fill. The app knows: %s."),
                   known);
      return NULL;
    }
  tmpl->title = g_strdup_printf ("Form %s (%s)", tmpl->form, tmpl->revision);

  tmpl->map = vita_form_maps_lookup (tmpl->form, tmpl->revision);
  if (tmpl->map == NULL)
    {
      g_autofree char *known = vita_form_maps_dup_known (tmpl->form);

      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_UNKNOWN_REVISION,
                   _("This PDF is %s, a revision the app cannot fill. The app knows: %s. "
                     "Download the current form from irs.gov, or update the app."),
                   tmpl->title, known);
      return NULL;
    }

  fields = _vita_form_collect_fields (document);
  tmpl->n_fields = g_hash_table_size (fields);
  for (guint i = 0; i < vita_form_map_get_n_entries (tmpl->map); i++)
    {
      const VitaFormMapEntry *entry = vita_form_map_get_entry (tmpl->map, i);
      PopplerFormField *field = g_hash_table_lookup (fields, entry->pdf_name);

      if (field != NULL && kind_matches (entry->kind, field))
        continue;
      if (n_missing++ < MAX_NAMES_IN_ERROR)
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", entry->pdf_name);
    }
  if (n_missing > 0)
    {
      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FIELDS,
                   g_dngettext (GETTEXT_PACKAGE,
                                "This PDF says it is %s, but %u field the app fills is missing "
                                "or of another kind (%s). Download the form again from irs.gov.",
                                "This PDF says it is %s, but %u fields the app fills are missing "
                                "or of another kind (first: %s). Download the form again from "
                                "irs.gov.",
                                n_missing),
                   tmpl->title, n_missing, missing->str);
      return NULL;
    }

  tmpl->sha256 = vita_form_sha256_hex (pdf);
  tmpl->pdf = g_bytes_ref (pdf);
  return g_steal_pointer (&tmpl);
}

/**
 * vita_form_template_import:
 *
 * Inspects @pdf and, when it passes, keeps it in @store (coordinators
 * only; the audit log records the form and revision).
 *
 * Returns: (transfer full): the template kept, or %NULL with @error set
 *   and nothing changed
 */
VitaFormTemplate *
vita_form_template_import (VitaStore  *store,
                           GBytes     *pdf,
                           GError    **error)
{
  g_autoptr(VitaFormTemplate) tmpl = NULL;

  if (!vita_store_can (store, "settings"))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Only a site coordinator can load IRS forms."));
      return NULL;
    }
  tmpl = vita_form_template_inspect (pdf, error);
  if (tmpl == NULL
      || !vita_store_save_form_template (store, tmpl->form, tmpl->revision, tmpl->sha256, pdf,
                                         error))
    return NULL;
  return g_steal_pointer (&tmpl);
}
