/* vita-notice.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The notice model: loading the notice XML, its texts in each member
 * language, and the gate before a version is shown (vita_notice_check()).
 * Partner files: vita-member-xml.c (XML and catalog helpers shared with
 * the consent text), vita-promise-check.c, vita-notice-layout.c and
 * vita-notice-pdf.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-catalog.h"
#include "vita-notice.h"
#include "vita-notice-private.h"
#include "vita-promise-check.h"

#define NOTICE_FILE     "vita-notice.xml"

G_DEFINE_FINAL_TYPE (VitaNotice, vita_notice, G_TYPE_OBJECT)
G_DEFINE_QUARK (vita-notice-error-quark, vita_notice_error)

/* Labels the renderer needs; a notice file without them is rejected at load
 * time rather than printing "{page}" to a member. */
static const char *required_labels[] = {
  "label.version", "label.issued", "label.page", "label.blank", "label.days",
  "label.date",
  "label.month.1", "label.month.2", "label.month.3", "label.month.4",
  "label.month.5", "label.month.6", "label.month.7", "label.month.8",
  "label.month.9", "label.month.10", "label.month.11", "label.month.12",
};

static void
unit_free (Unit *unit)
{
  g_free (unit->id);
  g_free (unit->revised);
  g_free (unit->text);
  g_free (unit->msgid);
  g_free (unit->context);
  g_free (unit->review);
  g_free (unit->sources);
  g_free (unit);
}

static void
section_free (Section *section)
{
  g_free (section->id);
  g_ptr_array_unref (section->paragraphs);
  g_free (section);
}

static void
vita_notice_finalize (GObject *object)
{
  VitaNotice *self = (VitaNotice *)object;

  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->as_of, g_free);
  g_clear_pointer (&self->sections, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->catalogs, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vita_notice_parent_class)->finalize (object);
}

static void
vita_notice_class_init (VitaNoticeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_notice_finalize;
}

static void
vita_notice_init (VitaNotice *self)
{
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->sections = g_ptr_array_new_with_free_func ((GDestroyNotify) section_free);
  self->catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) vita_catalog_unref);
  g_mutex_init (&self->lock);
}

/* ------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------ */

typedef struct
{
  VitaNotice *notice;
  Section    *section;  /* the open <section>, if any */
  Unit       *unit;     /* the open text element, if any */
  char       *element;  /* its name */
  GString    *text;
} ParseState;

static gboolean
invalid (GError     **error,
         const char  *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError     **error,
         const char  *format,
         ...)
{
  va_list args;

  va_start (args, format);
  vita_notice_set_error_valist (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_INVALID, format, args);
  va_end (args);

  return FALSE;
}
static Unit *
start_unit (ParseState   *state,
            const char   *element,
            const char  **names,
            const char  **values,
            GError      **error)
{
  VitaMemberXmlUnitStart start;
  Unit *unit;

  if (!vita_member_xml_start_unit (VITA_MEMBER_XML_NOTICE, CONTEXT_PREFIX, state->notice->by_id,
                                   element, names, values, &start, error))
    return NULL;

  unit = g_new0 (Unit, 1);
  unit->id = g_strdup (start.id);
  unit->revised = g_strdup (start.revised);
  unit->review = g_strdup (start.review);
  unit->sources = g_strdup (start.sources);
  unit->context = start.context;
  g_ptr_array_add (state->notice->units, unit);
  g_hash_table_insert (state->notice->by_id, unit->id, unit);

  return unit;
}

static void
parse_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  ParseState *state = user_data;
  const GSList *stack = g_markup_parse_context_get_element_stack (context);
  const char *parent = stack->next != NULL ? stack->next->data : NULL;
  VitaNotice *notice = state->notice;

  if (state->unit != NULL)
    {
      /* Paragraphs are plain text: inline markup would need its own
       * escaping rules in xgettext and in the renderer. */
      invalid (error, _("<%s> is not allowed inside <%s>"), element, state->element);
      return;
    }

  if (parent == NULL)
    {
      const char *version = NULL, *as_of = NULL;
      int y, m, d;

      if (g_strcmp0 (element, "notice") != 0)
        {
          invalid (error, _("This is not a notice file: it starts with <%s>"), element);
          return;
        }
      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "version", &version,
                                        G_MARKUP_COLLECT_STRING, "as-of", &as_of,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (*version == '\0' || !g_utf8_validate (version, -1, NULL) || strlen (version) > 32)
        {
          invalid (error, _("The notice version is missing"));
          return;
        }
      if (!vita_notice_parse_iso_date (as_of, &y, &m, &d))
        {
          invalid (error, _("The notice’s as-of date “%s” is not a YYYY-MM-DD date"), as_of);
          return;
        }
      notice->version = g_strdup (version);
      notice->as_of = g_strdup (as_of);
      return;
    }

  if (g_str_equal (parent, "notice") && g_str_equal (element, "title"))
    {
      if (notice->title != NULL)
        {
          invalid (error, _("The notice has more than one title"));
          return;
        }
      notice->title = state->unit = start_unit (state, element, names, values, error);
    }
  else if (g_str_equal (parent, "notice") && g_str_equal (element, "labels"))
    {
      g_markup_collect_attributes (element, names, values, error, G_MARKUP_COLLECT_INVALID, NULL);
      return;
    }
  else if (g_str_equal (parent, "labels") && g_str_equal (element, "label"))
    {
      state->unit = start_unit (state, element, names, values, error);
    }
  else if (g_str_equal (parent, "notice") && g_str_equal (element, "section"))
    {
      const char *id = NULL;

      if (!g_markup_collect_attributes (element, names, values, error,
                                        G_MARKUP_COLLECT_STRING, "id", &id,
                                        G_MARKUP_COLLECT_INVALID))
        return;
      if (!vita_notice_id_is_valid (id))
        {
          invalid (error, _("“%s” is not a valid notice section id"), id);
          return;
        }
      for (guint i = 0; i < notice->sections->len; i++)
        {
          Section *other = g_ptr_array_index (notice->sections, i);

          if (g_str_equal (other->id, id))
            {
              invalid (error, _("The notice section id “%s” is used twice"), id);
              return;
            }
        }

      state->section = g_new0 (Section, 1);
      state->section->id = g_strdup (id);
      state->section->paragraphs = g_ptr_array_new ();
      g_ptr_array_add (notice->sections, state->section);
      return;
    }
  else if (g_str_equal (parent, "section") && g_str_equal (element, "heading"))
    {
      if (state->section->heading != NULL || state->section->paragraphs->len > 0)
        {
          invalid (error, _("Section “%s” must start with exactly one heading"),
                   state->section->id);
          return;
        }
      state->section->heading = state->unit = start_unit (state, element, names, values, error);
    }
  else if (g_str_equal (parent, "section") && g_str_equal (element, "p"))
    {
      if (state->section->heading == NULL)
        {
          invalid (error, _("Section “%s” must start with exactly one heading"),
                   state->section->id);
          return;
        }
      state->unit = start_unit (state, element, names, values, error);
      if (state->unit != NULL)
        g_ptr_array_add (state->section->paragraphs, state->unit);
    }
  else
    {
      invalid (error, _("<%s> is not allowed inside <%s>"), element, parent);
      return;
    }

  if (state->unit != NULL)
    {
      g_free (state->element);
      state->element = g_strdup (element);
      g_string_truncate (state->text, 0);
    }
}

static void
parse_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  ParseState *state = user_data;
  VitaNotice *notice = state->notice;

  if (state->unit != NULL)
    {
      Unit *unit = g_steal_pointer (&state->unit);

      vita_member_xml_end_unit (VITA_MEMBER_XML_NOTICE, unit->id, state->text->str,
                                &unit->text, &unit->msgid, error);
      return;
    }

  if (g_str_equal (element, "section"))
    {
      if (state->section->paragraphs->len == 0)
        {
          invalid (error, _("Section “%s” has no paragraphs"), state->section->id);
          return;
        }
      state->section = NULL;
    }
  else if (g_str_equal (element, "notice"))
    {
      if (notice->title == NULL)
        {
          invalid (error, _("The notice has no title"));
          return;
        }
      if (notice->sections->len == 0)
        {
          invalid (error, _("The notice has no sections"));
          return;
        }
      for (guint i = 0; i < G_N_ELEMENTS (required_labels); i++)
        {
          if (!g_hash_table_contains (notice->by_id, required_labels[i]))
            {
              invalid (error, _("The notice has no label “%s”"), required_labels[i]);
              return;
            }
        }
    }
}

static void
parse_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 text_len,
            gpointer              user_data,
            GError              **error)
{
  ParseState *state = user_data;

  vita_member_xml_text (VITA_MEMBER_XML_NOTICE, state->unit != NULL ? state->text : NULL,
                        text, text_len, error);
}

static const GMarkupParser notice_parser = {
  parse_start, parse_end, parse_text, NULL, NULL,
};

/**
 * vita_notice_load_from_data:
 * @data: the notice XML
 * @length: its length, or -1 if it is NUL-terminated
 * @error: return location for a #VITA_NOTICE_ERROR
 *
 * Returns: (transfer full): the notice, or %NULL
 */
VitaNotice *
vita_notice_load_from_data (const char  *data,
                            gssize       length,
                            GError     **error)
{
  g_autoptr(VitaNotice) self = NULL;
  ParseState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (VITA_TYPE_NOTICE, NULL);
  state.notice = self;
  state.text = g_string_new (NULL);

  ok = vita_member_xml_parse (VITA_MEMBER_XML_NOTICE, &notice_parser, &state, data, length, error);

  g_string_free (state.text, TRUE);
  g_free (state.element);

  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * vita_notice_load:
 * @path: (nullable): a notice XML file, or %NULL for the shipped notice
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the notice, or %NULL
 */
VitaNotice *
vita_notice_load (const char  *path,
                  GError     **error)
{
  g_autofree char *loaded = NULL;
  VitaNotice *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = vita_member_xml_load_file (path, NOTICE_FILE, _("The privacy notice file is not installed"),
                                    (VitaMemberXmlParseFunc) vita_notice_load_from_data,
                                    &loaded, error);
  if (self != NULL)
    self->path = g_steal_pointer (&loaded);

  return self;
}

const char *
vita_notice_get_version (VitaNotice *self)
{
  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);

  return self->version;
}

/* Returns: the date the notice's facts are current to, YYYY-MM-DD. */
const char *
vita_notice_get_as_of (VitaNotice *self)
{
  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);

  return self->as_of;
}

/* Returns: (nullable): the file the notice was loaded from */
const char *
vita_notice_get_path (VitaNotice *self)
{
  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);

  return self->path;
}

/* Returns: (transfer full): the section ids in order */
char **
vita_notice_dup_section_ids (VitaNotice *self)
{
  GStrvBuilder *builder;
  char **ids;

  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->sections->len; i++)
    g_strv_builder_add (builder, ((Section *) g_ptr_array_index (self->sections, i))->id);
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ids;
}

/* Returns: (transfer full): the ids of texts marked for legal review
 * (Pub 4299, section 7216); an approver must check them against the
 * current publications before the notice version is activated. */
char **
vita_notice_dup_review_ids (VitaNotice *self)
{
  GStrvBuilder *builder;
  char **ids;

  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (self->units, i);

      if (unit->review != NULL)
        g_strv_builder_add (builder, unit->id);
    }
  ids = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return ids;
}

static Unit *
find_unit (VitaNotice *self,
           const char *id)
{
  for (guint i = 0; i < self->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (self->units, i);

      if (g_str_equal (unit->id, id))
        return unit;
    }
  return NULL;
}

/**
 * vita_notice_get_english:
 * @id: a paragraph, heading or label id
 *
 * Returns: (nullable): the English source text of @id, as the reviewer
 *   approves it
 */
const char *
vita_notice_get_english (VitaNotice *self,
                         const char *id)
{
  Unit *unit;

  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  unit = find_unit (self, id);
  return unit != NULL ? unit->text : NULL;
}

/**
 * vita_notice_get_review_note:
 * @id: a paragraph id from vita_notice_dup_review_ids()
 *
 * Returns: (nullable): what a reviewer must check @id against (the XML's
 *   `review` attribute), or %NULL
 */
const char *
vita_notice_get_review_note (VitaNotice *self,
                             const char *id)
{
  Unit *unit;

  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  unit = find_unit (self, id);
  return unit != NULL ? unit->review : NULL;
}

/* ------------------------------------------------------------------------
 * Languages
 * ------------------------------------------------------------------------ */

void
_vita_notice_lang_clear (Lang *lang)
{
  g_clear_pointer (&lang->code, g_free);
  g_clear_pointer (&lang->catalog, vita_catalog_unref);
  g_clear_pointer (&lang->vars, g_hash_table_unref);
}

static VitaCatalog *
notice_get_catalog (VitaNotice  *self,
                    const char  *language,
                    GError     **error)
{
  return vita_notice_catalog_cache_get (&self->lock, self->catalogs, language, error);
}

/* The text of @unit in @lang. */
static char *
lang_translate (Lang     *lang,
                Unit     *unit,
                gboolean *translated)
{
  return vita_notice_lookup (lang->catalog, lang->source, unit->context, unit->msgid,
                             unit->text, translated);
}

char *
_vita_notice_lang_translate_id (VitaNotice *self,
                                Lang       *lang,
                                const char *id)
{
  Unit *unit = g_hash_table_lookup (self->by_id, id);

  /* The loader guarantees every required label. */
  g_return_val_if_fail (unit != NULL, g_strdup (""));

  return lang_translate (lang, unit, NULL);
}

static char *
lang_format_date (VitaNotice *self,
                  Lang       *lang,
                  int         year,
                  int         month,
                  int         day)
{
  g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree char *month_id = g_strdup_printf ("label.month.%d", month);
  g_autofree char *pattern = _vita_notice_lang_translate_id (self, lang, "label.date");

  g_hash_table_insert (vars, "day", g_strdup_printf ("%d", day));
  g_hash_table_insert (vars, "month", _vita_notice_lang_translate_id (self, lang, month_id));
  g_hash_table_insert (vars, "year", g_strdup_printf ("%d", year));

  return vita_notice_substitute (pattern, vars);
}

gboolean
_vita_notice_lang_init (VitaNotice  *self,
                        Lang        *lang,
                        const char  *language,
                        GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  lang->catalog = notice_get_catalog (self, language, &local_error);
  if (lang->catalog == NULL)
    {
      /* Printing an all-English notice headed "Korean" would mislead the
       * member and the volunteer alike. */
      g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_NO_TRANSLATION,
                   _("The privacy notice is not available in “%s”: %s"),
                   language, local_error->message);
      return FALSE;
    }

  lang->code = g_strdup (language);
  lang->source = vita_catalog_language_is_source (language);

  return TRUE;
}

static char *
today_iso (void)
{
  g_autoptr(GDateTime) now = vita_clock_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Values for the placeholders, in @lang. */
void
_vita_notice_lang_set_site (VitaNotice           *self,
                            Lang                 *lang,
                            const VitaNoticeSite *site)
{
  static const VitaNoticeSite no_site = { 0 };
  g_autofree char *blank = _vita_notice_lang_translate_id (self, lang, "label.blank");
  g_autofree char *issued = NULL;
  const char *issue_date;
  int y, m, d;

  if (site == NULL)
    site = &no_site;

  lang->vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (lang->vars, "version", g_strdup (self->version));
  if (vita_notice_parse_iso_date (self->as_of, &y, &m, &d))
    g_hash_table_insert (lang->vars, "as_of", lang_format_date (self, lang, y, m, d));

  issue_date = site->issue_date;
  if (issue_date == NULL)
    issue_date = issued = today_iso ();
  if (vita_notice_parse_iso_date (issue_date, &y, &m, &d))
    g_hash_table_insert (lang->vars, "issue_date", lang_format_date (self, lang, y, m, d));
  else
    g_hash_table_insert (lang->vars, "issue_date", g_strdup (issue_date));

  /* The site's approval of this version, printed on every page; a notice
   * file older than the labels prints nothing. */
  if (site->approved_date != NULL && vita_notice_parse_iso_date (site->approved_date, &y, &m, &d)
      && g_hash_table_contains (self->by_id, "label.approved"))
    {
      g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autofree char *pattern = _vita_notice_lang_translate_id (self, lang, "label.approved");

      g_hash_table_insert (vars, "approved", lang_format_date (self, lang, y, m, d));
      g_hash_table_insert (lang->vars, "approval", vita_notice_substitute (pattern, vars));
    }
  else if (g_hash_table_contains (self->by_id, "label.not-approved"))
    {
      g_hash_table_insert (lang->vars, "approval",
                           _vita_notice_lang_translate_id (self, lang, "label.not-approved"));
    }

#define SITE_VALUE(name, value) \
  g_hash_table_insert (lang->vars, name, \
                       g_strdup ((value) != NULL && *(value) != '\0' ? (value) : blank))
  SITE_VALUE ("site_name", site->site_name);
  SITE_VALUE ("site_contact", site->site_contact);
  SITE_VALUE ("legal_referral", site->legal_referral);
#undef SITE_VALUE

  /* minimum-data mode: which of the two texts this site's members get. */
  {
    const char *label = g_strcmp0 (site->data_mode, "on") == 0 ? "label.mode.minimum"
                        : g_strcmp0 (site->data_mode, "off") == 0 ? "label.mode.standard" : NULL;

    if (label != NULL && g_hash_table_contains (self->by_id, label))
      {
        g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
        g_autofree char *pattern = _vita_notice_lang_translate_id (self, lang, label);

        g_hash_table_insert (vars, "days", g_strdup_printf ("%u", site->contact_days));
        g_hash_table_insert (lang->vars, "data_mode", vita_notice_substitute (pattern, vars));
      }
    else
      g_hash_table_insert (lang->vars, "data_mode", g_strdup (blank));
  }

  /* A notice file older than the label says the date alone. */
  if (site->retention != NULL && *site->retention != '\0' && site->retention_pending
      && g_hash_table_contains (self->by_id, "label.retention.pending"))
    {
      /* The return is not finished: the file is kept until it is, and the
       * date is only the earliest (see vita_store_dup_member_purge_date()). */
      g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autofree char *pattern = _vita_notice_lang_translate_id (self, lang, "label.retention.pending");

      g_hash_table_insert (vars, "date", g_strdup (site->retention));
      g_hash_table_insert (lang->vars, "retention", vita_notice_substitute (pattern, vars));
    }
  else if (site->retention != NULL && *site->retention != '\0')
    {
      g_hash_table_insert (lang->vars, "retention", g_strdup (site->retention));
    }
  else if (site->retention_days > 0)
    {
      g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autofree char *pattern = _vita_notice_lang_translate_id (self, lang, "label.days");

      g_hash_table_insert (vars, "days", g_strdup_printf ("%u", site->retention_days));
      g_hash_table_insert (lang->vars, "retention", vita_notice_substitute (pattern, vars));
    }
  else
    {
      g_hash_table_insert (lang->vars, "retention", g_strdup (blank));
    }
}

char *
_vita_notice_lang_render (Lang *lang,
                          Unit *unit)
{
  g_autofree char *text = lang_translate (lang, unit, NULL);

  return vita_notice_substitute (text, lang->vars);
}

/**
 * vita_notice_format_date:
 * @self: a notice
 * @language: the language to write the date in
 * @iso_date: a YYYY-MM-DD date
 * @error: return location for a #GError
 *
 * Writes a date the way the notice does ("February 5, 2026",
 * "2026년 2월 5일"), using the notice's own month names so it does not
 * depend on installed system locales.
 *
 * Returns: (transfer full): the date, or %NULL
 */
char *
vita_notice_format_date (VitaNotice  *self,
                         const char  *language,
                         const char  *iso_date,
                         GError     **error)
{
  g_auto(Lang) lang = { 0 };
  int y, m, d;

  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  if (!vita_notice_parse_iso_date (iso_date, &y, &m, &d))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a YYYY-MM-DD date"), iso_date != NULL ? iso_date : "");
      return NULL;
    }

  if (!_vita_notice_lang_init (self, &lang, language, error))
    return NULL;

  return lang_format_date (self, &lang, y, m, d);
}

/**
 * vita_notice_dup_heading:
 * @self: a notice
 * @section_id: a section id from vita_notice_dup_section_ids()
 * @language: the language
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the section's heading in @language, or %NULL
 */
char *
vita_notice_dup_heading (VitaNotice  *self,
                         const char  *section_id,
                         const char  *language,
                         GError     **error)
{
  g_auto(Lang) lang = { 0 };

  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);
  g_return_val_if_fail (section_id != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  if (!_vita_notice_lang_init (self, &lang, language, error))
    return NULL;

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      if (g_str_equal (section->id, section_id))
        return lang_translate (&lang, section->heading, NULL);
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
               _("The notice has no section “%s”"), section_id);
  return NULL;
}

/**
 * vita_notice_dup_text:
 * @self: a notice
 * @language: the member's language
 * @site: (nullable): the site settings for the placeholders
 * @error: return location for a #GError
 *
 * The notice as plain text for the on-screen privacy screen: the title, a
 * line with the version and as-of date, a line with the issue date, then
 * each section's heading and paragraphs.  Blocks are separated by one blank
 * line.
 *
 * Returns: (transfer full): the text, or %NULL
 */
char *
vita_notice_dup_text (VitaNotice            *self,
                      const char            *language,
                      const VitaNoticeSite  *site,
                      GError               **error)
{
  g_auto(Lang) lang = { 0 };
  GString *out;

  g_return_val_if_fail (VITA_IS_NOTICE (self), NULL);
  g_return_val_if_fail (language != NULL, NULL);

  if (!_vita_notice_lang_init (self, &lang, language, error))
    return NULL;
  _vita_notice_lang_set_site (self, &lang, site);

  out = g_string_new (NULL);

#define APPEND_UNIT(unit) G_STMT_START { \
    g_autofree char *_text = _vita_notice_lang_render (&lang, (unit)); \
    g_string_append_printf (out, "%s%s\n", out->len > 0 ? "\n" : "", _text); \
  } G_STMT_END

  APPEND_UNIT (self->title);
  {
    g_autofree char *version = _vita_notice_lang_render (&lang, g_hash_table_lookup (self->by_id, "label.version"));
    g_autofree char *issued = _vita_notice_lang_render (&lang, g_hash_table_lookup (self->by_id, "label.issued"));

    const char *approval = g_hash_table_lookup (lang.vars, "approval");

    g_string_append_printf (out, "\n%s\n%s\n", version, issued);
    if (approval != NULL)
      g_string_append_printf (out, "%s\n", approval);
  }

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = g_ptr_array_index (self->sections, i);

      APPEND_UNIT (section->heading);
      for (guint j = 0; j < section->paragraphs->len; j++)
        APPEND_UNIT (g_ptr_array_index (section->paragraphs, j));
    }

#undef APPEND_UNIT

  return g_string_free (out, FALSE);
}

/**
 * vita_notice_check:
 * @self: a notice
 * @language: the language to check
 * @problems: (out) (optional) (transfer full): a new array of messages for
 *   the coordinator
 *
 * The gate before a notice version is shown to members in @language: every
 * title, label, heading and paragraph must be translated for its current
 * revision, keep the English's {placeholders}, and make no absolute
 * promise.  English is checked for promises only.
 *
 * Returns: %TRUE if the notice may be used in @language
 */
gboolean
vita_notice_check (VitaNotice  *self,
                   const char  *language,
                   GPtrArray  **problems)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_auto(Lang) lang = { 0 };

  g_return_val_if_fail (VITA_IS_NOTICE (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  if (!_vita_notice_lang_init (self, &lang, language, &error))
    {
      g_ptr_array_add (found, g_strdup (error->message));
    }
  else
    {
      for (guint i = 0; i < self->units->len; i++)
        {
          Unit *unit = g_ptr_array_index (self->units, i);
          gboolean translated;
          g_autofree char *text = lang_translate (&lang, unit, &translated);

          if (!translated)
            {
              g_autofree char *prefix = g_strconcat (CONTEXT_PREFIX, unit->id, "@", NULL);

              if (vita_catalog_has_context_prefix (lang.catalog, prefix))
                {
                  /* Translators: a notice paragraph id, a language code and
                   * a YYYY-MM-DD date. */
                  g_ptr_array_add (found, g_strdup_printf (_("%s (%s): the translation is out of date; "
                                                             "the English was revised on %s"),
                                                           unit->id, language, unit->revised));
                }
              else
                {
                  /* Translators: a notice paragraph id and a language code. */
                  g_ptr_array_add (found, g_strdup_printf (_("%s (%s): not translated"),
                                                           unit->id, language));
                }
              continue;
            }

          if (!lang.source)
            {
              g_autofree char *want = vita_notice_placeholder_signature (unit->text);
              g_autofree char *have = vita_notice_placeholder_signature (text);

              if (!g_str_equal (want, have))
                {
                  /* Translators: a notice paragraph id, a language code and
                   * the placeholders, such as "{site_name} {site_contact}". */
                  g_ptr_array_add (found, g_strdup_printf (_("%s (%s): the translation must keep the English’s "
                                                             "placeholders, no more and no fewer: %s"),
                                                           unit->id, language, want));
                }
            }

          vita_promise_check_collect (language, unit->id, text, found);
        }
    }

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  return found->len == 0;
}
