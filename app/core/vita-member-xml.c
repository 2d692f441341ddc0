/* vita-member-xml.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading member-facing XML: the notice and the consent text go through
 * the same xgettext ITS extraction, so they must build the very same
 * msgids.  These helpers are the one copy both use.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vita-consent-text.h"
#include "vita-member-xml-private.h"
#include "vita-notice.h"

/* xgettext's ITS extractor collapses every run of white space to one space
 * and trims the ends; the runtime must build the very same msgid. */
char *
vita_notice_collapse_whitespace (const char *text)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* xgettext 0.21 keeps &, < and > escaped in msgids taken from XML. */
char *
vita_notice_escape_like_xgettext (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }

  return g_string_free (out, FALSE);
}

/* Translations copy that escaping from their msgids. */
char *
vita_notice_unescape_entities (const char *text)
{
  static const struct { const char *entity; char c; } entities[] = {
    { "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' },
    { "&quot;", '"' }, { "&apos;", '\'' },
  };
  GString *out;

  if (strchr (text, '&') == NULL)
    return g_strdup (text);

  out = g_string_new (NULL);
  for (const char *p = text; *p != '\0'; p++)
    {
      gboolean replaced = FALSE;

      if (*p == '&')
        {
          for (guint i = 0; i < G_N_ELEMENTS (entities); i++)
            {
              gsize len = strlen (entities[i].entity);

              if (strncmp (p, entities[i].entity, len) == 0)
                {
                  g_string_append_c (out, entities[i].c);
                  p += len - 1;
                  replaced = TRUE;
                  break;
                }
            }
        }
      if (!replaced)
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

gboolean
vita_notice_parse_iso_date (const char *text,
                int        *year,
                int        *month,
                int        *day)
{
  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;

  for (guint i = 0; i < 10; i++)
    {
      if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
        return FALSE;
    }

  *year = (int) g_ascii_strtoll (text, NULL, 10);
  *month = (int) g_ascii_strtoll (text + 5, NULL, 10);
  *day = (int) g_ascii_strtoll (text + 8, NULL, 10);

  return g_date_valid_dmy (*day, *month, *year);
}

gboolean
vita_notice_id_is_valid (const char *id)
{
  if (id == NULL || *id == '\0' || strlen (id) > 64)
    return FALSE;

  for (const char *p = id; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
        return FALSE;
    }

  return TRUE;
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The {placeholders} in @text, sorted and space-separated, so two texts
 * can be compared with one strcmp. */
char *
vita_notice_placeholder_signature (const char *text)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (const char *p = strchr (text, '{'); p != NULL; p = strchr (p + 1, '{'))
    {
      const char *end = strchr (p, '}');
      gboolean name = end != NULL && end > p + 1;

      for (const char *q = p + 1; name && q < end; q++)
        name = g_ascii_islower (*q) || *q == '_';
      if (name)
        g_ptr_array_add (names, g_strndup (p, end - p + 1));
    }

  g_ptr_array_sort (names, compare_strings);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? " " : "",
                            (const char *) g_ptr_array_index (names, i));

  return g_string_free (out, FALSE);
}

/* Replaces each {name} found in @vars; unknown names stay as they are.  One
 * pass only, so a site name containing braces is never expanded. */
char *
vita_notice_substitute (const char *template,
            GHashTable *vars)
{
  GString *out = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *name = NULL;
      const char *value;

      if (open == NULL || (close = strchr (open, '}')) == NULL)
        {
          g_string_append (out, p);
          break;
        }

      g_string_append_len (out, p, open - p);
      name = g_strndup (open + 1, close - open - 1);
      value = vars != NULL ? g_hash_table_lookup (vars, name) : NULL;
      if (value != NULL)
        g_string_append (out, value);
      else
        g_string_append_len (out, open, close - open + 1);
      p = close + 1;
    }

  return g_string_free (out, FALSE);
}

/* Returns %FALSE, so a check can fail with one return statement. */
gboolean
vita_notice_set_error_valist (GError     **error,
                              GQuark       domain,
                              int          code,
                              const char  *format,
                              va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error_literal (error, domain, code, message);
  return FALSE;
}

/* review and sources are for people: what a reviewer must check, and where
 * a statement comes from.  The consent file's texts carry the same ones. */
gboolean
vita_notice_collect_unit_attributes (const char   *element,
                                     const char  **names,
                                     const char  **values,
                                     const char  **id,
                                     const char  **revised,
                                     const char  **review,
                                     const char  **sources,
                                     GError      **error)
{
  return g_markup_collect_attributes (element, names, values, error,
                                      G_MARKUP_COLLECT_STRING, "id", id,
                                      G_MARKUP_COLLECT_STRING, "revised", revised,
                                      G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "review", review,
                                      G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "sources", sources,
                                      G_MARKUP_COLLECT_INVALID);
}

/* Only white space may stand between elements. */
gboolean
vita_notice_text_is_blank (const char *text,
                           gsize       text_len)
{
  for (gsize i = 0; i < text_len; i++)
    {
      if (!g_ascii_isspace (text[i]))
        return FALSE;
    }

  return TRUE;
}

/* Error positions are prefixed so a reviewer editing the XML by hand can
 * find the mistake. */
gboolean
vita_notice_parse_markup (const GMarkupParser  *parser,
                          gpointer              state,
                          const char           *data,
                          gssize                length,
                          GError              **error)
{
  g_autoptr(GMarkupParseContext) context = NULL;

  context = g_markup_parse_context_new (parser, G_MARKUP_PREFIX_ERROR_POSITION, state, NULL);

  return (g_markup_parse_context_parse (context, data, length, error)
          && g_markup_parse_context_end_parse (context, error));
}

/* ------------------------------------------------------------------------
 * Text units: what the notice's and the consent text's parsers share.  The
 * messages stay two literal strings each, so translators see whole
 * sentences.
 * ------------------------------------------------------------------------ */

static gboolean
unit_invalid (VitaMemberXmlKind   kind,
              GError            **error,
              const char         *format,
              ...) G_GNUC_PRINTF (3, 4);

static gboolean
unit_invalid (VitaMemberXmlKind   kind,
              GError            **error,
              const char         *format,
              ...)
{
  va_list args;

  va_start (args, format);
  if (kind == VITA_MEMBER_XML_NOTICE)
    vita_notice_set_error_valist (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_INVALID, format, args);
  else
    vita_notice_set_error_valist (error, VITA_CONSENT_TEXT_ERROR, VITA_CONSENT_TEXT_ERROR_INVALID,
                                  format, args);
  va_end (args);

  return FALSE;
}

/* A text element opens: its id must be well formed and new, its revised
 * date a real date, since both make its msgctxt. */
gboolean
vita_member_xml_start_unit (VitaMemberXmlKind        kind,
                            const char              *context_prefix,
                            GHashTable              *by_id,
                            const char              *element,
                            const char             **names,
                            const char             **values,
                            VitaMemberXmlUnitStart  *start,
                            GError                 **error)
{
  gboolean notice = kind == VITA_MEMBER_XML_NOTICE;
  int year, month, day;

  memset (start, 0, sizeof *start);
  if (!vita_notice_collect_unit_attributes (element, names, values, &start->id, &start->revised,
                                            &start->review, &start->sources, error))
    return FALSE;

  if (!vita_notice_id_is_valid (start->id))
    return notice ? unit_invalid (kind, error, _("“%s” is not a valid notice text id"), start->id)
                  : unit_invalid (kind, error, _("“%s” is not a valid consent text id"), start->id);
  if (g_hash_table_contains (by_id, start->id))
    return notice ? unit_invalid (kind, error, _("The notice text id “%s” is used twice"), start->id)
                  : unit_invalid (kind, error, _("The consent text id “%s” is used twice"), start->id);
  if (!vita_notice_parse_iso_date (start->revised, &year, &month, &day))
    return unit_invalid (kind, error, _("The revised date “%s” of “%s” is not a YYYY-MM-DD date"),
                         start->revised, start->id);

  start->context = g_strconcat (context_prefix, start->id, "@", start->revised, NULL);
  return TRUE;
}

/* A text element closes: its English as xgettext extracted it.  @text and
 * @msgid are set even when the text is empty (an error). */
gboolean
vita_member_xml_end_unit (VitaMemberXmlKind   kind,
                          const char         *id,
                          const char         *raw_text,
                          char              **text,
                          char              **msgid,
                          GError            **error)
{
  *text = vita_notice_collapse_whitespace (raw_text);
  *msgid = vita_notice_escape_like_xgettext (*text);
  if (**text != '\0')
    return TRUE;
  return kind == VITA_MEMBER_XML_NOTICE
         ? unit_invalid (kind, error, _("The notice text “%s” is empty"), id)
         : unit_invalid (kind, error, _("The consent text “%s” is empty"), id);
}

/* Text goes into the open unit (@unit_text, NULL when none is open);
 * outside one only white space may stand between elements. */
void
vita_member_xml_text (VitaMemberXmlKind   kind,
                      GString            *unit_text,
                      const char         *text,
                      gsize               text_len,
                      GError            **error)
{
  if (unit_text != NULL)
    g_string_append_len (unit_text, text, text_len);
  else if (vita_notice_text_is_blank (text, text_len))
    return;
  else if (kind == VITA_MEMBER_XML_NOTICE)
    unit_invalid (kind, error, _("Text is only allowed in titles, labels, headings and paragraphs"));
  else
    unit_invalid (kind, error, _("Text is only allowed in titles, labels, headings, paragraphs and choices"));
}

/* Parses a whole file; one error domain for callers: whatever is wrong,
 * the file is not usable. */
gboolean
vita_member_xml_parse (VitaMemberXmlKind     kind,
                       const GMarkupParser  *parser,
                       gpointer              state,
                       const char           *data,
                       gssize                length,
                       GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  if (vita_notice_parse_markup (parser, state, data, length, &local_error))
    return TRUE;
  if (kind == VITA_MEMBER_XML_NOTICE)
    g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_INVALID,
                 _("The notice file is not valid: %s"), local_error->message);
  else
    g_set_error (error, VITA_CONSENT_TEXT_ERROR, VITA_CONSENT_TEXT_ERROR_INVALID,
                 _("The consent file is not valid: %s"), local_error->message);
  return FALSE;
}

/* Returns: (nullable): the path of the shipped data file
 * notices/@basename, the notice's or the consent screen's */
char *
vita_notice_find_data_file (const char *basename)
{
  const char *env = g_getenv ("VITA_DATADIR");
  const char *dirs[3];
  guint n = 0;

  /* $VITA_DATADIR first (tests, and running a different notice without a
   * rebuild), then the installed copy, then the source tree so an
   * uninstalled build works. */
  if (env != NULL && *env != '\0')
    dirs[n++] = env;
  dirs[n++] = PKGDATADIR;
  dirs[n++] = SOURCE_DATADIR;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *path = g_build_filename (dirs[i], "notices", basename, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/**
 * vita_member_xml_load_file:
 * @path: (nullable): the file, or %NULL for the shipped notices/@basename
 * @basename: the shipped file's name
 * @not_installed: the translated message for a missing shipped file
 * @parse: builds the object from the file's contents
 * @loaded_path: (out) (optional) (transfer full): the file that was read
 *
 * Errors from @parse are prefixed with the file's name, so a reviewer
 * editing the XML by hand knows which file is wrong.
 *
 * Returns: (transfer full) (nullable): what @parse returned
 */
gpointer
vita_member_xml_load_file (const char              *path,
                           const char              *basename,
                           const char              *not_installed,
                           VitaMemberXmlParseFunc   parse,
                           char                   **loaded_path,
                           GError                 **error)
{
  g_autofree char *found = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;
  gpointer object;
  gsize length;

  if (path == NULL)
    {
      path = found = vita_notice_find_data_file (basename);
      if (path == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, not_installed);
          return NULL;
        }
    }

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  object = parse (contents, length, &local_error);
  if (object == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display, local_error->message);
      return NULL;
    }

  if (loaded_path != NULL)
    *loaded_path = g_strdup (path);
  return object;
}

/* @catalogs maps a language to its VitaCatalog, opened on first use and
 * kept; @lock guards it because workers look texts up too.
 *
 * Returns: (transfer full) (nullable): the catalog for @language */
VitaCatalog *
vita_notice_catalog_cache_get (GMutex      *lock,
                               GHashTable  *catalogs,
                               const char  *language,
                               GError     **error)
{
  VitaCatalog *catalog;

  g_mutex_lock (lock);
  catalog = g_hash_table_lookup (catalogs, language);
  if (catalog != NULL)
    {
      vita_catalog_ref (catalog);
    }
  else
    {
      catalog = vita_catalog_open (language, error);
      if (catalog != NULL)
        g_hash_table_insert (catalogs, g_strdup (language), vita_catalog_ref (catalog));
    }
  g_mutex_unlock (lock);

  return catalog;
}

/* The translation of @english (its gettext @context and @msgid) from
 * @catalog, or, when @source is set (the catalog's language is the
 * English) or there is no translation for the current revision, @english
 * itself with *translated FALSE: showing the current English beats showing
 * a translation of words we have since corrected. */
char *
vita_notice_lookup (VitaCatalog *catalog,
                    gboolean     source,
                    const char  *context,
                    const char  *msgid,
                    const char  *english,
                    gboolean    *translated)
{
  const char *found = NULL;

  if (!source)
    found = vita_catalog_lookup (catalog, context, msgid);

  if (translated != NULL)
    *translated = source || found != NULL;

  return found != NULL ? vita_notice_unescape_entities (found) : g_strdup (english);
}
