/* vita-notice.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "vita-clock.h"
#include "vita-catalog.h"
#include "vita-notice.h"
#include "vita-notice-private.h"

#define NOTICE_FILE     "vita-notice.xml"
/* Must match the contextPointer in po/its/vita-notice.its. */
#define CONTEXT_PREFIX  "notice:"

/* Noto Sans for Latin text, its CJK sibling for Hangul. */
#define FONT_FAMILIES   "Noto Sans, Noto Sans CJK KR, sans"

/* US letter, in points. */
#define LETTER_WIDTH    612.0
#define LETTER_HEIGHT   792.0

/* Type sizes in points.  Body text is 12 pt, the size Rev. Proc. 2013-14
 * asks of printed consent forms; nothing a member must read is smaller
 * except the page furniture, which repeats what page 1 says. */
#define TITLE_SIZE      19.0
#define HEADING_SIZE    15.0
#define BODY_SIZE       12.0
#define FOOTER_SIZE     11.0
#define LINE_SPACING    1.3

#define SPACE_AFTER_TITLE      12.0
#define SPACE_BEFORE_HEADING   16.0
#define SPACE_AFTER_HEADING     5.0
#define SPACE_AFTER_PARAGRAPH   9.0
#define COLUMN_GAP             24.0
#define FOOTER_GAP             14.0
#define FOOTER_SPACING          3.0

typedef struct
{
  char *id;
  char *revised;
  char *text;     /* the English, whitespace collapsed as xgettext does */
  char *msgid;    /* the English escaped as xgettext 0.21 extracts it */
  char *context;  /* CONTEXT_PREFIX "ID@REVISED" */
  char *review;   /* what a reviewer must check, or NULL */
  char *sources;  /* seed citations, or NULL */
} Unit;

typedef struct
{
  char      *id;
  Unit      *heading;
  GPtrArray *paragraphs;  /* Unit *, owned by VitaNotice.units */
} Section;

struct _VitaNotice
{
  GObject     parent_instance;

  char       *path;
  char       *version;
  char       *as_of;
  Unit       *title;
  GPtrArray  *units;     /* every Unit in document order; owns them */
  GHashTable *by_id;     /* id -> Unit */
  GPtrArray  *sections;  /* Section * */

  /* language -> VitaCatalog, opened on first use.  Printing may lay out
   * pages in a worker thread, hence the lock. */
  GMutex      lock;
  GHashTable *catalogs;
};

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
 * Text helpers, shared with vita-consent-text.c through
 * vita-notice-private.h: both files go through the same xgettext ITS
 * extraction, so they must build the very same msgids.
 * ------------------------------------------------------------------------ */

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

static Unit *
start_unit (ParseState   *state,
            const char   *element,
            const char  **names,
            const char  **values,
            GError      **error)
{
  const char *id = NULL, *revised = NULL, *review = NULL, *sources = NULL;
  int y, m, d;
  Unit *unit;

  if (!vita_notice_collect_unit_attributes (element, names, values,
                                            &id, &revised, &review, &sources, error))
    return NULL;

  if (!vita_notice_id_is_valid (id))
    {
      invalid (error, _("“%s” is not a valid notice text id"), id);
      return NULL;
    }
  if (g_hash_table_contains (state->notice->by_id, id))
    {
      invalid (error, _("The notice text id “%s” is used twice"), id);
      return NULL;
    }
  if (!vita_notice_parse_iso_date (revised, &y, &m, &d))
    {
      invalid (error, _("The revised date “%s” of “%s” is not a YYYY-MM-DD date"), revised, id);
      return NULL;
    }

  unit = g_new0 (Unit, 1);
  unit->id = g_strdup (id);
  unit->revised = g_strdup (revised);
  unit->review = g_strdup (review);
  unit->sources = g_strdup (sources);
  unit->context = g_strconcat (CONTEXT_PREFIX, id, "@", revised, NULL);
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

      unit->text = vita_notice_collapse_whitespace (state->text->str);
      if (*unit->text == '\0')
        {
          invalid (error, _("The notice text “%s” is empty"), unit->id);
          return;
        }
      unit->msgid = vita_notice_escape_like_xgettext (unit->text);
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

  if (state->unit != NULL)
    {
      g_string_append_len (state->text, text, text_len);
      return;
    }

  if (!vita_notice_text_is_blank (text, text_len))
    invalid (error, _("Text is only allowed in titles, labels, headings and paragraphs"));
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
  g_autoptr(GError) local_error = NULL;
  ParseState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (VITA_TYPE_NOTICE, NULL);
  state.notice = self;
  state.text = g_string_new (NULL);

  ok = vita_notice_parse_markup (&notice_parser, &state, data, length, &local_error);

  g_string_free (state.text, TRUE);
  g_free (state.element);

  if (!ok)
    {
      /* One error domain for callers: whatever is wrong, the file is not a
       * usable notice. */
      g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_INVALID,
                   _("The notice file is not valid: %s"), local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
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
  g_autofree char *found = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;
  VitaNotice *self;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (path == NULL)
    {
      path = found = vita_notice_find_data_file (NOTICE_FILE);
      if (path == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                       _("The privacy notice file is not installed"));
          return NULL;
        }
    }

  display = g_filename_display_name (path);

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;

  self = vita_notice_load_from_data (contents, length, &local_error);
  if (self == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display, local_error->message);
      return NULL;
    }

  self->path = g_strdup (path);

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

/* ------------------------------------------------------------------------
 * Languages
 * ------------------------------------------------------------------------ */

typedef struct
{
  char        *code;
  VitaCatalog *catalog;
  gboolean     source;
  GHashTable  *vars;
} Lang;

static void
lang_clear (Lang *lang)
{
  g_clear_pointer (&lang->code, g_free);
  g_clear_pointer (&lang->catalog, vita_catalog_unref);
  g_clear_pointer (&lang->vars, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Lang, lang_clear)

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

static VitaCatalog *
notice_get_catalog (VitaNotice  *self,
                    const char  *language,
                    GError     **error)
{
  return vita_notice_catalog_cache_get (&self->lock, self->catalogs, language, error);
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

/* The text of @unit in @lang. */
static char *
lang_translate (Lang     *lang,
                Unit     *unit,
                gboolean *translated)
{
  return vita_notice_lookup (lang->catalog, lang->source, unit->context, unit->msgid,
                             unit->text, translated);
}

static char *
lang_translate_id (VitaNotice *self,
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
  g_autofree char *pattern = lang_translate_id (self, lang, "label.date");

  g_hash_table_insert (vars, "day", g_strdup_printf ("%d", day));
  g_hash_table_insert (vars, "month", lang_translate_id (self, lang, month_id));
  g_hash_table_insert (vars, "year", g_strdup_printf ("%d", year));

  return vita_notice_substitute (pattern, vars);
}

static gboolean
lang_init (VitaNotice  *self,
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
static void
lang_set_site (VitaNotice           *self,
               Lang                 *lang,
               const VitaNoticeSite *site)
{
  static const VitaNoticeSite no_site = { 0 };
  g_autofree char *blank = lang_translate_id (self, lang, "label.blank");
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

#define SITE_VALUE(name, value) \
  g_hash_table_insert (lang->vars, name, \
                       g_strdup ((value) != NULL && *(value) != '\0' ? (value) : blank))
  SITE_VALUE ("site_name", site->site_name);
  SITE_VALUE ("site_contact", site->site_contact);
  SITE_VALUE ("legal_referral", site->legal_referral);
#undef SITE_VALUE

  if (site->retention != NULL && *site->retention != '\0')
    {
      g_hash_table_insert (lang->vars, "retention", g_strdup (site->retention));
    }
  else if (site->retention_days > 0)
    {
      g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autofree char *pattern = lang_translate_id (self, lang, "label.days");

      g_hash_table_insert (vars, "days", g_strdup_printf ("%u", site->retention_days));
      g_hash_table_insert (lang->vars, "retention", vita_notice_substitute (pattern, vars));
    }
  else
    {
      g_hash_table_insert (lang->vars, "retention", g_strdup (blank));
    }
}

static char *
lang_render (Lang *lang,
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

  if (!lang_init (self, &lang, language, error))
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

  if (!lang_init (self, &lang, language, error))
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

  if (!lang_init (self, &lang, language, error))
    return NULL;
  lang_set_site (self, &lang, site);

  out = g_string_new (NULL);

#define APPEND_UNIT(unit) G_STMT_START { \
    g_autofree char *_text = lang_render (&lang, (unit)); \
    g_string_append_printf (out, "%s%s\n", out->len > 0 ? "\n" : "", _text); \
  } G_STMT_END

  APPEND_UNIT (self->title);
  {
    g_autofree char *version = lang_render (&lang, g_hash_table_lookup (self->by_id, "label.version"));
    g_autofree char *issued = lang_render (&lang, g_hash_table_lookup (self->by_id, "label.issued"));

    g_string_append_printf (out, "\n%s\n%s\n", version, issued);
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

/* ------------------------------------------------------------------------
 * The promise check
 * ------------------------------------------------------------------------ */

/* Absolute promises a notice must not make (seed digest §5): nobody can
 * honestly tell a member that tax data can never be shared.  Patterns are
 * matched against text that has been case-folded and stripped of accents
 * (so write them in lower case without accents), and every pattern is
 * applied to every language, because a translation can carry an English
 * promise or a Spanish one.  Add a pattern for each new language. */
typedef struct
{
  const char *language;
  const char *pattern;
} PromisePattern;

static const PromisePattern promise_patterns[] = {
  /* English */
  { "en", "\\bnever\\s+(be\\s+)?(shared|disclosed|given|sent|reported|used|seen|released)\\b" },
  { "en", "\\bnever\\s+(share|disclose|give|send|report|release)" },
  { "en", "\\bwill\\s+never\\b" },
  { "en", "\\bguarantee" },
  { "en", "\\b(100\\s*%|completely|totally|perfectly|absolutely|entirely|always|forever)\\s+(safe|secure|private|protected|confidential)\\b" },
  { "en", "\\b(is|are|will\\s+be|stays?|remains?)\\s+safe\\b" },
  { "en", "\\b(cannot|can\\s*not|can't|will\\s+not|won't)\\s+(ever\\s+)?be\\s+(shared|disclosed|given|seen|sent|found|used|accessed|released)\\b" },
  { "en", "\\b(no\\s*-?\\s*one|nobody)\\s+(will|can|could)\\s+ever\\b" },
  { "en", "\\b(no\\s*-?\\s*one|nobody)\\s+(else\\s+)?(will|can|could)\\s+(see|get|access|find)\\b" },
  { "en", "\\bwe\\s+promise\\b" },
  { "en", "\\bno\\s+risk\\b" },
  { "en", "\\b(don't|do\\s+not|no\\s+need\\s+to)\\s+worry\\b|\\bnothing\\s+to\\s+worry\\b" },

  /* Korean.  보장 alone is also the 보장 of 사회보장번호 (Social Security
   * number), which the notice has to name. */
  { "ko", "절대" },
  { "ko", "결코" },
  { "ko", "(?<!사회)보장" },
  { "ko", "(100\\s*%|100\\s*퍼센트|완전히|완벽하게|전적으로|항상)\\s*(안전|보호|비공개)" },
  { "ko", "공유(되|하)지\\s*않을\\s*(것|겁)" },
  { "ko", "공유(될|할)\\s*수\\s*(없|가\\s*없)" },
  { "ko", "(아무도|누구도)\\s*(볼|알|찾을|가져갈)\\s*수\\s*없" },
  { "ko", "안전(을|함을|하다고)?\\s*약속" },
  { "ko", "걱정(하실|할|하지\\s*않으셔도\\s*될)\\s*(필요|일)" },

  /* Spanish */
  { "es", "\\bnunca\\s+(se\\s+|le\\s+|la\\s+|lo\\s+|los\\s+|las\\s+)?(compart|divulg|entreg|revel|envi|dar|usar)\\w*" },
  { "es", "\\bnunca\\s+sera[n]?\\s+(compartid|divulgad|entregad|revelad|enviad|usad)\\w*" },
  { "es", "\\bgarantiz\\w*|\\bgarantia" },
  { "es", "\\bjamas\\b" },
  { "es", "\\b(100\\s*%|totalmente|completamente|absolutamente|perfectamente|siempre)\\s+(segur|protegid|privad|confidencial|a\\s+salvo)\\w*" },
  { "es", "\\bno\\s+se\\s+(puede|pueden|podra|podran)\\s+(compartir|divulgar|entregar|revelar)\\b" },
  { "es", "\\bno\\s+se\\s+(compartira|compartiran|divulgara|divulgaran|entregara|entregaran)\\b" },
  { "es", "\\bnadie\\s+(podra|va\\s+a\\s+poder|puede)\\s+(nunca\\s+|jamas\\s+)?(ver|saber|obtener|encontrar)\\b" },
  { "es", "\\bprometemos\\b|\\bsin\\s+ningun\\s+riesgo\\b" },
  { "es", "\\bno\\s+se\\s+preocupe\\b|\\bno\\s+hay\\s+(nada\\s+)?(de\\s+)?que\\s+preocupar" },

  /* Haitian Creole ("p ap" is also written "pap" and "p'ap") */
  { "ht", "\\bp\\W?a\\W?p\\s+janm(en)?\\b" },
  { "ht", "\\bp\\W?a\\W?p\\s+pataje\\b" },
  { "ht", "\\b(pa\\s+)?janm(en)?\\s+(pataje|bay|montre|voye|itilize)\\b" },
  { "ht", "\\bgaranti\\w*" },
  { "ht", "\\b(100\\s*%|totalman|konpletman|absoliman|net\\s+ale)\\s+(an\\s+)?(sekirite|sekire|pwoteje|prive)\\b" },
  { "ht", "\\bpa\\s+ka\\s+(janm(en)?\\s+)?pataje\\b" },
  { "ht", "\\bpesonn\\s+(p\\W?a\\W?p|pa\\s+ka|pa\\s+kapab)\\s+(janm(en)?\\s+)?(we|konnen|jwenn|pran)\\b" },
  { "ht", "\\bnou\\s+pwomet\\b" },
  { "ht", "\\bpa\\s+(bezwen\\s+)?enkyete\\b" },
};

static GPtrArray *
promise_regexes (void)
{
  static GPtrArray *regexes;

  if (g_once_init_enter (&regexes))
    {
      GPtrArray *array = g_ptr_array_new ();

      for (guint i = 0; i < G_N_ELEMENTS (promise_patterns); i++)
        {
          g_autoptr(GError) error = NULL;
          GRegex *regex = g_regex_new (promise_patterns[i].pattern,
                                       G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                                       0, &error);

          /* The table is ours; a bad pattern is a programming error. */
          if (regex == NULL)
            g_error ("Bad promise pattern %s: %s", promise_patterns[i].pattern, error->message);
          g_ptr_array_add (array, regex);
        }

      g_once_init_leave (&regexes, array);
    }

  return regexes;
}

/* Case-folds, drops accents and other combining marks, and makes
 * apostrophes and spaces uniform, so "JAMÁS", "jamás" and "jamas" match one
 * pattern.  NFC at the end puts Hangul syllables back together. */
static char *
fold_for_matching (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autofree char *composed = NULL;
  GString *out;
  gboolean space = FALSE;

  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isspace (c) || type == G_UNICODE_FORMAT)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4)
        c = '\'';
      g_string_append_unichar (out, c);
    }

  composed = g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
  g_string_free (out, TRUE);

  return g_utf8_casefold (composed, -1);
}

static gboolean
check_text (const char *language,
            const char *where,
            const char *text,
            GPtrArray  *problems)
{
  g_autofree char *folded = fold_for_matching (text);
  GPtrArray *regexes = promise_regexes ();
  gboolean ok = TRUE;

  for (guint i = 0; i < regexes->len; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *found = NULL;

      if (!g_regex_match (g_ptr_array_index (regexes, i), folded, 0, &match))
        continue;

      ok = FALSE;
      if (problems == NULL)
        break;

      found = g_match_info_fetch (match, 0);
      if (where != NULL)
        {
          /* Translators: the first %s is a notice paragraph id, the second
           * a language code, the third the words that were found. */
          g_ptr_array_add (problems, g_strdup_printf (_("%s (%s): “%s” is an absolute promise; "
                                                        "the notice must not promise what nobody can"),
                                                      where, language, found));
        }
      else
        {
          /* Translators: %s is the words that were found. */
          g_ptr_array_add (problems, g_strdup_printf (_("“%s” is an absolute promise; "
                                                        "the notice must not promise what nobody can"),
                                                      found));
        }
    }

  return ok;
}

/**
 * vita_notice_check_text:
 * @language: the language @text is in, for the report
 * @text: any text meant for a member
 * @problems: (out) (optional) (transfer full): a new array of messages
 *
 * Looks for absolute promises ("never shared", "garantizado", "절대",
 * "pap janm" …) in any of the notice languages.
 *
 * Returns: %TRUE if none were found
 */
gboolean
vita_notice_check_text (const char  *language,
                        const char  *text,
                        GPtrArray  **problems)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);

  ok = check_text (language != NULL ? language : "?", NULL, text,
                   problems != NULL ? found : NULL);

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
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

  if (!lang_init (self, &lang, language, &error))
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

          check_text (language, unit->id, text, found);
        }
    }

  if (problems != NULL)
    *problems = g_ptr_array_ref (found);

  return found->len == 0;
}

/* ------------------------------------------------------------------------
 * Page layout
 * ------------------------------------------------------------------------ */

typedef enum
{
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
} BlockKind;

typedef struct
{
  PangoLayout *layout;
  int          n_lines;
  /* Per line, in points from the top of the layout. */
  double      *top;
  double      *bottom;
  double      *baseline;
  double      *x;
} Cell;

typedef struct
{
  BlockKind  kind;
  char      *text[2];
  Cell       cell[2];
} Block;

/* The lines [first, end) of each column of one block, placed @y points
 * below the top of the page's text area. */
typedef struct
{
  guint  block;
  int    first[2];
  int    end[2];
  double y;
} Slice;

struct _VitaNoticeLayout
{
  gatomicrefcount  ref_count;

  guint            n_columns;
  char            *language[2];
  char            *title;
  char            *footer_version[2];
  char            *footer_issued[2];
  char            *page_template[2];
  GPtrArray       *blocks;        /* Block * */

  /* Filled by vita_notice_layout_paginate(). */
  PangoContext    *context[2];
  GArray          *slices;        /* Slice, page after page */
  GArray          *page_starts;   /* guint: index of each page's first slice */
  double           width;
  double           height;
  double           margin;
  double           column_width;
  double           body_bottom;
};

G_DEFINE_BOXED_TYPE (VitaNoticeLayout, vita_notice_layout,
                     vita_notice_layout_ref, vita_notice_layout_unref)

static void
cell_clear (Cell *cell)
{
  g_clear_object (&cell->layout);
  g_clear_pointer (&cell->top, g_free);
  g_clear_pointer (&cell->bottom, g_free);
  g_clear_pointer (&cell->baseline, g_free);
  g_clear_pointer (&cell->x, g_free);
  cell->n_lines = 0;
}

static void
block_free (Block *block)
{
  for (guint c = 0; c < 2; c++)
    {
      g_free (block->text[c]);
      cell_clear (&block->cell[c]);
    }
  g_free (block);
}

static void
layout_clear_pages (VitaNoticeLayout *self)
{
  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      cell_clear (&block->cell[0]);
      cell_clear (&block->cell[1]);
    }
  for (guint c = 0; c < 2; c++)
    g_clear_object (&self->context[c]);
  g_array_set_size (self->slices, 0);
  g_array_set_size (self->page_starts, 0);
}

VitaNoticeLayout *
vita_notice_layout_ref (VitaNoticeLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
vita_notice_layout_unref (VitaNoticeLayout *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  layout_clear_pages (self);
  for (guint c = 0; c < 2; c++)
    {
      g_free (self->language[c]);
      g_free (self->footer_version[c]);
      g_free (self->footer_issued[c]);
      g_free (self->page_template[c]);
    }
  g_free (self->title);
  g_ptr_array_unref (self->blocks);
  g_array_unref (self->slices);
  g_array_unref (self->page_starts);
  g_free (self);
}

static void
add_block (VitaNoticeLayout *self,
           BlockKind         kind,
           Lang             *langs,
           Unit             *unit)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  for (guint c = 0; c < self->n_columns; c++)
    block->text[c] = lang_render (&langs[c], unit);
  g_ptr_array_add (self->blocks, block);
}

/**
 * vita_notice_layout_new:
 * @notice: a notice
 * @language: the member's language
 * @second_language: (nullable): a second language to print beside it, one
 *   column each on every sheet (usually "en"), or %NULL
 * @site: (nullable): site settings for the placeholders
 * @error: return location for a #GError
 *
 * Prepares the notice's text.  Call vita_notice_layout_paginate() with the
 * cairo context that will be drawn on before drawing pages.
 *
 * Returns: (transfer full): the layout, or %NULL if a language has no
 *   catalog
 */
VitaNoticeLayout *
vita_notice_layout_new (VitaNotice            *notice,
                        const char            *language,
                        const char            *second_language,
                        const VitaNoticeSite  *site,
                        GError               **error)
{
  g_auto(Lang) first = { 0 };
  g_auto(Lang) second = { 0 };
  Lang langs[2];
  VitaNoticeLayout *self;
  GString *title;

  g_return_val_if_fail (VITA_IS_NOTICE (notice), NULL);
  g_return_val_if_fail (language != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!lang_init (notice, &first, language, error))
    return NULL;
  lang_set_site (notice, &first, site);

  if (second_language != NULL && g_strcmp0 (second_language, language) != 0)
    {
      if (!lang_init (notice, &second, second_language, error))
        return NULL;
      lang_set_site (notice, &second, site);
    }

  self = g_new0 (VitaNoticeLayout, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->n_columns = second.code != NULL ? 2 : 1;
  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->slices = g_array_new (FALSE, TRUE, sizeof (Slice));
  self->page_starts = g_array_new (FALSE, TRUE, sizeof (guint));

  langs[0] = first;
  langs[1] = second;

  title = g_string_new (NULL);
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autofree char *text = lang_render (&langs[c], notice->title);

      self->language[c] = g_strdup (langs[c].code);
      self->footer_version[c] = lang_render (&langs[c], g_hash_table_lookup (notice->by_id, "label.version"));
      self->footer_issued[c] = lang_render (&langs[c], g_hash_table_lookup (notice->by_id, "label.issued"));
      /* {page} and {pages} are only known when drawing. */
      self->page_template[c] = lang_translate_id (notice, &langs[c], "label.page");
      g_string_append_printf (title, "%s%s", c > 0 ? " / " : "", text);
    }
  self->title = g_string_free (title, FALSE);

  add_block (self, BLOCK_TITLE, langs, notice->title);
  for (guint i = 0; i < notice->sections->len; i++)
    {
      Section *section = g_ptr_array_index (notice->sections, i);

      add_block (self, BLOCK_HEADING, langs, section->heading);
      for (guint j = 0; j < section->paragraphs->len; j++)
        add_block (self, BLOCK_PARAGRAPH, langs, g_ptr_array_index (section->paragraphs, j));
    }

  return self;
}

/* Returns: the notice title, both languages' when there are two */
const char *
vita_notice_layout_get_title (VitaNoticeLayout *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->title;
}

static gboolean
is_hangul (gunichar c)
{
  return ((c >= 0xAC00 && c <= 0xD7A3)     /* syllables */
          || (c >= 0x1100 && c <= 0x11FF)  /* jamo */
          || (c >= 0x3130 && c <= 0x318F)  /* compatibility jamo */
          || (c >= 0xA960 && c <= 0xA97F)
          || (c >= 0xD7B0 && c <= 0xD7FF));
}

/* Pango follows UAX #14, which lets a line break between any two Hangul
 * syllables, so "컴퓨터" could end up as "컴" and "퓨터" on two lines.  Korean
 * print usually keeps each space-separated word whole, which is also much
 * easier for a hesitant reader; forbid breaks inside words with Hangul. */
static void
keep_hangul_words (PangoAttrList *attrs,
                   const char    *text)
{
  const char *word = NULL;
  gboolean hangul = FALSE;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (!space && word == NULL)
        {
          word = p;
          hangul = FALSE;
        }
      if (!space)
        hangul = hangul || is_hangul (c);

      if (space && word != NULL)
        {
          if (hangul)
            {
              PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

              attr->start_index = word - text;
              attr->end_index = p - text;
              pango_attr_list_insert (attrs, attr);
            }
          word = NULL;
        }

      if (c == 0)
        break;
    }
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *text,
             const char   *weight,
             double        size,
             double        width)
{
  PangoLayout *layout = pango_layout_new (context);
  g_autofree char *font = g_strdup_printf ("%s %s %g", FONT_FAMILIES, weight, size);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  /* Word wrap, but a phone number or web address longer than a column still
   * breaks instead of running off the page. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_line_spacing (layout, LINE_SPACING);

  /* A hyphen added at such a break would read as part of the number or,
   * in "ITIN-은", as part of the word. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  keep_hangul_words (attrs, text);
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
cell_measure (Cell *cell)
{
  PangoLayoutIter *iter;
  int i = 0;

  cell->n_lines = pango_layout_get_line_count (cell->layout);
  cell->top = g_new0 (double, cell->n_lines);
  cell->bottom = g_new0 (double, cell->n_lines);
  cell->baseline = g_new0 (double, cell->n_lines);
  cell->x = g_new0 (double, cell->n_lines);

  iter = pango_layout_get_iter (cell->layout);
  do
    {
      PangoRectangle logical;
      int y0, y1;

      if (i >= cell->n_lines)
        break;
      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      cell->top[i] = (double) y0 / PANGO_SCALE;
      cell->bottom[i] = (double) y1 / PANGO_SCALE;
      cell->baseline[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      cell->x[i] = (double) logical.x / PANGO_SCALE;
      i++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  cell->n_lines = i;
}

static double
cell_span (const Cell *cell,
           int         first,
           int         end)
{
  if (end <= first)
    return 0.0;

  return cell->bottom[end - 1] - cell->top[first];
}

/* How many lines from @first fit in @space points. */
static int
cell_fitting (const Cell *cell,
              int         first,
              double      space)
{
  int end = first;

  while (end < cell->n_lines && cell_span (cell, first, end + 1) <= space)
    end++;

  return end - first;
}

static double
space_before (BlockKind kind)
{
  return kind == BLOCK_HEADING ? SPACE_BEFORE_HEADING : 0.0;
}

static double
space_after (BlockKind kind)
{
  switch (kind)
    {
    case BLOCK_TITLE: return SPACE_AFTER_TITLE;
    case BLOCK_HEADING: return SPACE_AFTER_HEADING;
    case BLOCK_PARAGRAPH:
    default: return SPACE_AFTER_PARAGRAPH;
    }
}

static char *
page_label (VitaNoticeLayout *self,
            guint             column,
            guint             page,
            guint             n_pages)
{
  g_autoptr(GHashTable) vars = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  g_hash_table_insert (vars, "page", g_strdup_printf ("%u", page));
  g_hash_table_insert (vars, "pages", g_strdup_printf ("%u", n_pages));

  return vita_notice_substitute (self->page_template[column], vars);
}

static double
text_width (PangoContext *context,
            const char   *text)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, "", FOOTER_SIZE, -1);
  int width;

  pango_layout_get_size (layout, &width, NULL);

  return (double) width / PANGO_SCALE;
}

/* The foot of the page in one language: version and as-of date, issue date
 * and page number, joined with " · " on as few full-width lines as they fit
 * on, and never broken in the middle of one of them. */
static PangoLayout *
footer_layout (VitaNoticeLayout *self,
               guint             column,
               guint             page,
               guint             n_pages)
{
  g_autofree char *label = page_label (self, column, page, n_pages);
  const char *pieces[] = { self->footer_version[column], self->footer_issued[column], label };
  double full = self->width - 2 * self->margin;
  g_autoptr(GString) text = g_string_new (pieces[0]);
  g_autoptr(GString) line = g_string_new (pieces[0]);
  PangoLayout *layout;

  for (guint i = 1; i < G_N_ELEMENTS (pieces); i++)
    {
      g_autofree char *longer = g_strconcat (line->str, " · ", pieces[i], NULL);

      if (text_width (self->context[column], longer) <= full)
        {
          g_string_append_printf (text, " · %s", pieces[i]);
          g_string_assign (line, longer);
        }
      else
        {
          g_string_append_printf (text, "\n%s", pieces[i]);
          g_string_assign (line, pieces[i]);
        }
    }

  layout = make_layout (self->context[column], text->str, "", FOOTER_SIZE, full);
  pango_layout_set_line_spacing (layout, 1.15);

  return layout;
}

static void
start_page (VitaNoticeLayout *self,
            double           *y)
{
  guint index = self->slices->len;

  g_array_append_val (self->page_starts, index);
  *y = 0.0;
}

static void
add_slice (VitaNoticeLayout *self,
           guint             block,
           const int        *first,
           const int        *end,
           double            y)
{
  Slice slice = { block, { first[0], first[1] }, { end[0], end[1] }, y };

  g_array_append_val (self->slices, slice);
}

/**
 * vita_notice_layout_paginate:
 * @self: a layout
 * @cr: the cairo context pages will be drawn on, in points
 * @width: the page width in points
 * @height: the page height in points
 * @margin: the margin on every side, in points
 *
 * Breaks the notice into pages.  Headings stay with the start of their
 * paragraph, paragraphs split only between lines and never leave a single
 * line behind or ahead, and in two columns each paragraph starts level with
 * its translation.
 *
 * Returns: the number of pages
 */
guint
vita_notice_layout_paginate (VitaNoticeLayout *self,
                             cairo_t          *cr,
                             double            width,
                             double            height,
                             double            margin)
{
  cairo_font_options_t *options;
  double footer_height = 0.0;
  double body_height;
  double y;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  layout_clear_pages (self);

  self->width = width;
  self->height = height;
  self->margin = margin;
  self->column_width = MAX (72.0, (width - 2 * margin - (self->n_columns - 1) * COLUMN_GAP)
                                  / self->n_columns);

  /* Unhinted metrics: the same line breaks on screen preview, printer and
   * PDF, and cairo's user unit is a point, so 72 "dpi". */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  for (guint c = 0; c < self->n_columns; c++)
    {
      self->context[c] = pango_cairo_create_context (cr);
      pango_cairo_context_set_resolution (self->context[c], 72.0);
      pango_cairo_context_set_font_options (self->context[c], options);
      /* The language picks Korean rather than Chinese or Japanese glyph
       * forms and the right line-breaking rules. */
      pango_context_set_language (self->context[c],
                                  pango_language_from_string (self->language[c]));
      pango_context_set_base_dir (self->context[c], PANGO_DIRECTION_LTR);
    }
  cairo_font_options_destroy (options);

  /* The footers are stacked, one per language, across the whole width. */
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(PangoLayout) footer = footer_layout (self, c, 888, 888);
      int h;

      pango_layout_get_size (footer, NULL, &h);
      footer_height += (double) h / PANGO_SCALE + (c > 0 ? FOOTER_SPACING : 0.0);
    }
  self->body_bottom = height - margin - footer_height - FOOTER_GAP;
  body_height = MAX (BODY_SIZE * 4, self->body_bottom - margin);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      const char *weight = block->kind == BLOCK_PARAGRAPH ? "" : "Bold";
      double size = (block->kind == BLOCK_TITLE ? TITLE_SIZE
                     : block->kind == BLOCK_HEADING ? HEADING_SIZE : BODY_SIZE);

      for (guint c = 0; c < self->n_columns; c++)
        {
          block->cell[c].layout = make_layout (self->context[c], block->text[c], weight,
                                               size, self->column_width);
          if (block->kind != BLOCK_PARAGRAPH)
            pango_layout_set_line_spacing (block->cell[c].layout, 1.1);
          cell_measure (&block->cell[c]);
        }
    }

  start_page (self, &y);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      int pos[2] = { 0, 0 };
      int end[2] = { 0, 0 };

      if (block->kind != BLOCK_PARAGRAPH)
        {
          Block *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL;
          double need = 0.0;

          /* A heading alone at the foot of a page helps nobody: it needs
           * room for itself and two lines of what follows. */
          for (guint c = 0; c < self->n_columns; c++)
            {
              double lead = 0.0;

              if (next != NULL)
                lead = space_after (block->kind)
                       + cell_span (&next->cell[c], 0, MIN (2, next->cell[c].n_lines));
              need = MAX (need, cell_span (&block->cell[c], 0, block->cell[c].n_lines) + lead);
            }
          if (y > 0.0 && y + space_before (block->kind) + need > body_height)
            start_page (self, &y);
          if (y > 0.0)
            y += space_before (block->kind);

          need = 0.0;
          for (guint c = 0; c < self->n_columns; c++)
            {
              end[c] = block->cell[c].n_lines;
              need = MAX (need, cell_span (&block->cell[c], 0, end[c]));
            }
          add_slice (self, i, pos, end, y);
          y += need + space_after (block->kind);
          continue;
        }

      for (;;)
        {
          gboolean remaining = FALSE;
          gboolean move = FALSE;
          gboolean any = FALSE;
          double avail = body_height - y;
          double used = 0.0;
          int take[2] = { 0, 0 };

          for (guint c = 0; c < self->n_columns; c++)
            {
              int left = block->cell[c].n_lines - pos[c];

              if (left <= 0)
                continue;
              take[c] = cell_fitting (&block->cell[c], pos[c], avail);
              if (take[c] < left)
                {
                  /* No single first line at the foot of a page (orphan),
                   * no single last line at the top of the next (widow). */
                  if (left - take[c] == 1 && take[c] > 2)
                    take[c]--;
                  if (take[c] < MIN (2, left) || left - take[c] == 1)
                    move = TRUE;
                }
            }

          if (move && y > 0.0)
            {
              start_page (self, &y);
              continue;
            }

          for (guint c = 0; c < self->n_columns; c++)
            {
              int left = block->cell[c].n_lines - pos[c];

              /* Something must go on an empty page, or a line taller than
               * the page would loop forever. */
              if (left > 0 && take[c] == 0 && y == 0.0)
                take[c] = 1;
              end[c] = pos[c] + take[c];
              used = MAX (used, cell_span (&block->cell[c], pos[c], end[c]));
              any = any || take[c] > 0;
            }

          if (any)
            add_slice (self, i, pos, end, y);
          y += used;

          for (guint c = 0; c < self->n_columns; c++)
            {
              pos[c] = end[c];
              remaining = remaining || pos[c] < block->cell[c].n_lines;
            }
          if (!remaining)
            break;
          start_page (self, &y);
        }

      y += space_after (block->kind);
    }

  return self->page_starts->len;
}

/* Returns: the number of pages from the last vita_notice_layout_paginate() */
guint
vita_notice_layout_get_n_pages (VitaNoticeLayout *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->page_starts->len;
}

static double
column_x (VitaNoticeLayout *self,
          guint             column)
{
  return self->margin + column * (self->column_width + COLUMN_GAP);
}

/**
 * vita_notice_layout_draw_page:
 * @self: a paginated layout
 * @cr: a cairo context in points, on the same kind of surface as was
 *   paginated for
 * @page: the page, counting from 0
 *
 * Draws one page: its text, and the version, as-of date, issue date and
 * page number at the foot in each column's language.
 */
void
vita_notice_layout_draw_page (VitaNoticeLayout *self,
                              cairo_t          *cr,
                              guint             page)
{
  guint n_pages;
  guint first, last;
  double y;

  g_return_if_fail (self != NULL);
  g_return_if_fail (cr != NULL);

  n_pages = self->page_starts->len;
  g_return_if_fail (page < n_pages);

  first = g_array_index (self->page_starts, guint, page);
  last = page + 1 < n_pages ? g_array_index (self->page_starts, guint, page + 1) : self->slices->len;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.0, 0.0, 0.0);

  for (guint s = first; s < last; s++)
    {
      const Slice *slice = &g_array_index (self->slices, Slice, s);
      Block *block = g_ptr_array_index (self->blocks, slice->block);

      for (guint c = 0; c < self->n_columns; c++)
        {
          Cell *cell = &block->cell[c];
          double origin;

          if (slice->end[c] <= slice->first[c])
            continue;

          /* Line by line rather than clipping the whole layout: clipped text
           * would still be in the PDF for copy, search and screen readers. */
          origin = self->margin + slice->y - cell->top[slice->first[c]];
          for (int k = slice->first[c]; k < slice->end[c]; k++)
            {
              cairo_move_to (cr, column_x (self, c) + cell->x[k], origin + cell->baseline[k]);
              pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (cell->layout, k));
            }
        }
    }

  /* A rule between the columns, and one above the footer. */
  cairo_set_source_rgb (cr, 0.55, 0.55, 0.55);
  cairo_set_line_width (cr, 0.6);
  if (self->n_columns == 2)
    {
      double x = self->margin + self->column_width + COLUMN_GAP / 2;

      cairo_move_to (cr, x, self->margin);
      cairo_line_to (cr, x, self->body_bottom);
    }
  cairo_move_to (cr, self->margin, self->body_bottom + FOOTER_GAP / 2);
  cairo_line_to (cr, self->width - self->margin, self->body_bottom + FOOTER_GAP / 2);
  cairo_stroke (cr);

  /* Dark grey: lighter than the text, still high contrast on paper. */
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  y = self->body_bottom + FOOTER_GAP;
  for (guint c = 0; c < self->n_columns; c++)
    {
      g_autoptr(PangoLayout) footer = footer_layout (self, c, page + 1, n_pages);
      int h;

      cairo_move_to (cr, self->margin, y);
      pango_cairo_show_layout (cr, footer);
      pango_layout_get_size (footer, NULL, &h);
      y += (double) h / PANGO_SCALE + FOOTER_SPACING;
    }

  cairo_restore (cr);
}

/* ------------------------------------------------------------------------
 * PDF
 * ------------------------------------------------------------------------ */

typedef struct
{
  int fd;
  int saved_errno;
} PdfWriter;

static cairo_status_t
pdf_write (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  PdfWriter *writer = closure;

  while (length > 0)
    {
      ssize_t n = write (writer->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          writer->saved_errno = n < 0 ? errno : EIO;
          return CAIRO_STATUS_WRITE_ERROR;
        }
      data += n;
      length -= (unsigned int) n;
    }

  return CAIRO_STATUS_SUCCESS;
}

/**
 * vita_notice_render_pdf:
 * @self: a notice
 * @language: the member's language: "en", "ko", "es", "ht" …
 * @second_language: (nullable): another language to print beside it, or
 *   %NULL for one language
 * @site: (nullable): site settings for the placeholders
 * @pdf_path: where to write the PDF
 * @error: return location for a #GError
 *
 * Writes the notice as a US-letter PDF straight to @pdf_path; no temporary
 * file is made, and a half-written file is removed on failure.  Paragraphs
 * with no current translation are printed in English; run
 * vita_notice_check() first to warn staff.
 *
 * Returns: %TRUE on success
 */
gboolean
vita_notice_render_pdf (VitaNotice            *self,
                        const char            *language,
                        const char            *second_language,
                        const VitaNoticeSite  *site,
                        const char            *pdf_path,
                        GError               **error)
{
  g_autoptr(VitaNoticeLayout) layout = NULL;
  g_autofree char *display = NULL;
  PdfWriter writer = { -1, 0 };
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (VITA_IS_NOTICE (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);
  g_return_val_if_fail (pdf_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  layout = vita_notice_layout_new (self, language, second_language, site, error);
  if (layout == NULL)
    return FALSE;

  display = g_filename_display_name (pdf_path);

  /* A notice names the member's site and, once filled, the member: only
   * this user may read it, even where it replaces an older file. */
  writer.fd = g_open (pdf_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (writer.fd >= 0)
    fchmod (writer.fd, 0600);
  if (writer.fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_IO,
                   _("Could not write the notice to “%s”: %s"),
                   display, g_strerror (saved_errno));
      return FALSE;
    }

  surface = cairo_pdf_surface_create_for_stream (pdf_write, &writer, LETTER_WIDTH, LETTER_HEIGHT);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE,
                                  vita_notice_layout_get_title (layout));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR,
                                  "VITA Intake Assistant " PACKAGE_VERSION);

  cr = cairo_create (surface);
  n_pages = vita_notice_layout_paginate (layout, cr, LETTER_WIDTH, LETTER_HEIGHT,
                                         VITA_NOTICE_PDF_MARGIN);
  for (guint page = 0; page < n_pages; page++)
    {
      vita_notice_layout_draw_page (layout, cr, page);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (close (writer.fd) != 0 && status == CAIRO_STATUS_SUCCESS)
    {
      writer.saved_errno = errno;
      status = CAIRO_STATUS_WRITE_ERROR;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      /* A truncated PDF handed to a member is worse than none. */
      g_unlink (pdf_path);
      if (status == CAIRO_STATUS_WRITE_ERROR && writer.saved_errno != 0)
        g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_IO,
                     _("Could not write the notice to “%s”: %s"),
                     display, g_strerror (writer.saved_errno));
      else
        g_set_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_RENDER,
                     _("Could not draw the notice: %s"), cairo_status_to_string (status));
      return FALSE;
    }

  return TRUE;
}
