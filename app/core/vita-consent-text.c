/* vita-consent-text.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "vita-catalog.h"
#include "vita-clock.h"
#include "vita-consent-text.h"
#include "vita-notice.h"
#include "vita-member-xml-private.h"

#define CONSENT_FILE    "vita-consent.xml"
/* Must match the contextPointer in po/its/vita-consent.its. */
#define CONTEXT_PREFIX  "consent:"

typedef struct
{
  VitaConsentUnitKind  kind;
  char                *id;
  char                *revised;
  char                *text;          /* the English, whitespace collapsed as xgettext does */
  char                *msgid;         /* the English escaped as xgettext 0.21 extracts it */
  char                *context;       /* CONTEXT_PREFIX "ID@REVISED" */
  char                *section;       /* the section id, or NULL */
  char                *consent_kind;  /* for a choice: the store's consent kind */
} Unit;

struct _VitaConsentText
{
  GObject     parent_instance;

  char       *version;
  char       *as_of;
  char       *form;
  char       *valid_through;
  GPtrArray  *units;      /* Unit *, document order; owns them */
  GHashTable *by_id;      /* id -> Unit */
  GPtrArray  *kinds;      /* char *: consent kinds, in order */
  GHashTable *limited;    /* consent kinds that Form 15080's valid-through bounds */

  /* language -> VitaCatalog, opened on first use; workers look texts up
   * too, hence the lock. */
  GMutex      lock;
  GHashTable *catalogs;
};

G_DEFINE_FINAL_TYPE (VitaConsentText, vita_consent_text, G_TYPE_OBJECT)
G_DEFINE_QUARK (vita-consent-text-error-quark, vita_consent_text_error)

/* Texts the screen and the receipt need whatever the file says; a file
 * without them is rejected when loaded rather than showing an id to a
 * member. */
static const char *required_labels[] = {
  "blank", "duration.year", "duration.longest", "duration.shorter", "duration.months",
  "duration.beyond", "record", "recorded", "print", "answer.yes", "answer.no",
  "receipt.title", "receipt.site", "receipt.taxpayer", "receipt.english", "receipt.recorded",
  "receipt.until", "receipt.none", "sign.taxpayer", "sign.spouse", "sign.date",
};

static void
unit_free (Unit *unit)
{
  g_free (unit->id);
  g_free (unit->revised);
  g_free (unit->text);
  g_free (unit->msgid);
  g_free (unit->context);
  g_free (unit->section);
  g_free (unit->consent_kind);
  g_free (unit);
}

static void
vita_consent_text_finalize (GObject *object)
{
  VitaConsentText *self = (VitaConsentText *)object;

  g_clear_pointer (&self->version, g_free);
  g_clear_pointer (&self->as_of, g_free);
  g_clear_pointer (&self->form, g_free);
  g_clear_pointer (&self->valid_through, g_free);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->limited, g_hash_table_unref);
  g_clear_pointer (&self->catalogs, g_hash_table_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (vita_consent_text_parent_class)->finalize (object);
}

static void
vita_consent_text_class_init (VitaConsentTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_consent_text_finalize;
}

static void
vita_consent_text_init (VitaConsentText *self)
{
  self->units = g_ptr_array_new_with_free_func ((GDestroyNotify) unit_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->kinds = g_ptr_array_new_with_free_func (g_free);
  self->limited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) vita_catalog_unref);
  g_mutex_init (&self->lock);
}

/* The text helpers (whitespace, escaping, dates, ids, placeholders) are
 * shared with the notice, from vita-member-xml-private.h: both files go
 * through the same xgettext ITS extraction, so they must build the very
 * same msgids. */

static gboolean
is_iso_date (const char *text)
{
  int year, month, day;

  return vita_notice_parse_iso_date (text, &year, &month, &day);
}

/* ------------------------------------------------------------------------
 * Loading
 * ------------------------------------------------------------------------ */

typedef struct
{
  VitaConsentText *consent;
  char            *section;       /* the open <section>'s id */
  char            *section_kind;  /* its consent kind, or NULL */
  gboolean         has_heading;
  gboolean         has_choice;
  guint            n_paragraphs;
  Unit            *unit;          /* the open text element */
  GString         *text;
  gboolean         has_title;
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
  vita_notice_set_error_valist (error, VITA_CONSENT_TEXT_ERROR, VITA_CONSENT_TEXT_ERROR_INVALID,
                                format, args);
  va_end (args);

  return FALSE;
}

static Unit *
start_unit (ParseState           *state,
            VitaConsentUnitKind   kind,
            const char           *element,
            const char          **names,
            const char          **values,
            GError              **error)
{
  VitaMemberXmlUnitStart start;
  Unit *unit;

  /* The screen has no use for review and sources; they are for people. */
  if (!vita_member_xml_start_unit (VITA_MEMBER_XML_CONSENT, CONTEXT_PREFIX, state->consent->by_id,
                                   element, names, values, &start, error))
    return NULL;

  unit = g_new0 (Unit, 1);
  unit->kind = kind;
  unit->id = g_strdup (start.id);
  unit->revised = g_strdup (start.revised);
  unit->context = start.context;
  unit->section = g_strdup (state->section);
  if (kind == VITA_CONSENT_UNIT_CHOICE)
    unit->consent_kind = g_strdup (state->section_kind);
  g_ptr_array_add (state->consent->units, unit);
  g_hash_table_insert (state->consent->by_id, unit->id, unit);
  g_string_truncate (state->text, 0);

  return unit;
}

static void
start_root (ParseState   *state,
            const char   *element,
            const char  **names,
            const char  **values,
            GError      **error)
{
  VitaConsentText *self = state->consent;
  const char *version = NULL, *as_of = NULL, *form = NULL, *valid_through = NULL;

  if (g_strcmp0 (element, "consent") != 0)
    {
      invalid (error, _("This is not a consent file: it starts with <%s>"), element);
      return;
    }
  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "version", &version,
                                    G_MARKUP_COLLECT_STRING, "as-of", &as_of,
                                    G_MARKUP_COLLECT_STRING, "form", &form,
                                    G_MARKUP_COLLECT_STRING, "valid-through", &valid_through,
                                    G_MARKUP_COLLECT_INVALID))
    return;
  if (*version == '\0' || strlen (version) > 32 || strchr (version, ' ') != NULL)
    {
      invalid (error, _("The consent text version is missing"));
      return;
    }
  if (!is_iso_date (as_of) || !is_iso_date (valid_through))
    {
      invalid (error, _("The consent file’s as-of and valid-through dates must be YYYY-MM-DD dates"));
      return;
    }

  self->version = g_strdup (version);
  self->as_of = g_strdup (as_of);
  self->form = g_strdup (form);
  self->valid_through = g_strdup (valid_through);
}

static void
start_section (ParseState   *state,
               const char   *element,
               const char  **names,
               const char  **values,
               GError      **error)
{
  const char *id = NULL, *kind = NULL, *limit = NULL;

  if (!g_markup_collect_attributes (element, names, values, error,
                                    G_MARKUP_COLLECT_STRING, "id", &id,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "kind", &kind,
                                    G_MARKUP_COLLECT_STRING | G_MARKUP_COLLECT_OPTIONAL, "limit", &limit,
                                    G_MARKUP_COLLECT_INVALID))
    return;
  /* Only a consent can be bounded by the form, and only by the form. */
  if (limit != NULL && (kind == NULL || !g_str_equal (limit, "form")))
    {
      invalid (error, _("Section “%s”: limit must be “form”, on a consent"), id);
      return;
    }
  if (!vita_notice_id_is_valid (id) || (kind != NULL && !vita_notice_id_is_valid (kind)))
    {
      invalid (error, _("“%s” is not a valid consent section"), id);
      return;
    }
  for (guint i = 0; kind != NULL && i < state->consent->kinds->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (state->consent->kinds, i), kind))
        {
          invalid (error, _("Two sections ask for the consent “%s”"), kind);
          return;
        }
    }

  state->section = g_strdup (id);
  state->section_kind = g_strdup (kind);
  state->has_heading = FALSE;
  state->has_choice = FALSE;
  state->n_paragraphs = 0;
  if (kind != NULL)
    g_ptr_array_add (state->consent->kinds, g_strdup (kind));
  if (limit != NULL)
    g_hash_table_add (state->consent->limited, g_strdup (kind));
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

  if (state->unit != NULL)
    {
      /* Plain text only, as in the notice. */
      invalid (error, _("<%s> is not allowed inside a text"), element);
      return;
    }

  if (parent == NULL)
    start_root (state, element, names, values, error);
  else if (g_str_equal (parent, "consent") && g_str_equal (element, "title") && !state->has_title)
    {
      state->has_title = TRUE;
      state->unit = start_unit (state, VITA_CONSENT_UNIT_TITLE, element, names, values, error);
    }
  else if (g_str_equal (parent, "consent") && g_str_equal (element, "labels"))
    g_markup_collect_attributes (element, names, values, error, G_MARKUP_COLLECT_INVALID, NULL);
  else if (g_str_equal (parent, "labels") && g_str_equal (element, "label"))
    state->unit = start_unit (state, VITA_CONSENT_UNIT_LABEL, element, names, values, error);
  else if (g_str_equal (parent, "consent") && g_str_equal (element, "section"))
    start_section (state, element, names, values, error);
  else if (g_str_equal (parent, "section") && g_str_equal (element, "heading")
           && !state->has_heading)
    {
      state->has_heading = TRUE;
      state->unit = start_unit (state, VITA_CONSENT_UNIT_HEADING, element, names, values, error);
    }
  else if (g_str_equal (parent, "section") && g_str_equal (element, "p")
           && state->has_heading && !state->has_choice)
    {
      state->n_paragraphs++;
      state->unit = start_unit (state, VITA_CONSENT_UNIT_PARAGRAPH, element, names, values, error);
    }
  else if (g_str_equal (parent, "section") && g_str_equal (element, "choice")
           && state->section_kind != NULL && state->n_paragraphs > 0 && !state->has_choice)
    {
      /* The box comes after everything the member must read first. */
      state->has_choice = TRUE;
      state->unit = start_unit (state, VITA_CONSENT_UNIT_CHOICE, element, names, values, error);
    }
  else
    invalid (error, _("<%s> is not allowed here inside <%s>"), element, parent);
}

static gboolean
end_consent (VitaConsentText  *self,
             GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (required_labels); i++)
    {
      if (!g_hash_table_contains (self->by_id, required_labels[i]))
        return invalid (error, _("The consent file has no label “%s”"), required_labels[i]);
    }
  for (guint i = 0; i < self->kinds->len; i++)
    {
      const char *kind = g_ptr_array_index (self->kinds, i);
      g_autofree char *receipt = g_strconcat ("receipt.", kind, NULL);
      g_autofree char *page = g_strconcat ("page.", kind, NULL);

      if (!g_hash_table_contains (self->by_id, receipt))
        return invalid (error, _("The consent file has no label “%s”"), receipt);
      if (!g_hash_table_contains (self->by_id, page))
        return invalid (error, _("The consent file has no label “%s”"), page);
    }
  if (self->kinds->len == 0)
    return invalid (error, _("The consent file asks for no consent"));

  return TRUE;
}

static void
parse_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  ParseState *state = user_data;

  if (state->unit != NULL)
    {
      Unit *unit = g_steal_pointer (&state->unit);

      vita_member_xml_end_unit (VITA_MEMBER_XML_CONSENT, unit->id, state->text->str,
                                &unit->text, &unit->msgid, error);
      return;
    }

  if (g_str_equal (element, "section"))
    {
      if (state->n_paragraphs == 0 || (state->section_kind != NULL && !state->has_choice))
        invalid (error, _("Section “%s” needs a heading, paragraphs and, when it asks for a consent, a choice"),
                 state->section);
      g_clear_pointer (&state->section, g_free);
      g_clear_pointer (&state->section_kind, g_free);
    }
  else if (g_str_equal (element, "consent"))
    {
      if (!state->has_title)
        invalid (error, _("The consent file has no title"));
      else
        end_consent (state->consent, error);
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

  vita_member_xml_text (VITA_MEMBER_XML_CONSENT, state->unit != NULL ? state->text : NULL,
                        text, text_len, error);
}

static const GMarkupParser consent_parser = {
  parse_start, parse_end, parse_text, NULL, NULL,
};

/**
 * vita_consent_text_load_from_data:
 * @data: the consent XML
 * @length: its length, or -1 if it is NUL-terminated
 * @error: return location for a #VITA_CONSENT_TEXT_ERROR
 *
 * Returns: (transfer full): the consent text, or %NULL
 */
VitaConsentText *
vita_consent_text_load_from_data (const char  *data,
                                  gssize       length,
                                  GError     **error)
{
  g_autoptr(VitaConsentText) self = NULL;
  ParseState state = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (VITA_TYPE_CONSENT_TEXT, NULL);
  state.consent = self;
  state.text = g_string_new (NULL);

  ok = vita_member_xml_parse (VITA_MEMBER_XML_CONSENT, &consent_parser, &state, data, length, error);

  g_string_free (state.text, TRUE);
  g_free (state.section);
  g_free (state.section_kind);

  return ok ? g_steal_pointer (&self) : NULL;
}

/**
 * vita_consent_text_load:
 * @path: (nullable): a consent XML file, or %NULL for the shipped one
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the consent text, or %NULL
 */
VitaConsentText *
vita_consent_text_load (const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* The same places as the notice, in the same order. */
  return vita_member_xml_load_file (path, CONSENT_FILE, _("The consent text file is not installed"),
                                    (VitaMemberXmlParseFunc) vita_consent_text_load_from_data,
                                    NULL, error);
}

/* ------------------------------------------------------------------------
 * Accessors
 * ------------------------------------------------------------------------ */

const char *
vita_consent_text_get_version (VitaConsentText *self)
{
  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  return self->version;
}

/* Returns: the date the text was last reviewed, YYYY-MM-DD */
const char *
vita_consent_text_get_as_of (VitaConsentText *self)
{
  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  return self->as_of;
}

/* Returns: the Form 15080 revision the text follows, "15080 (Rev. 10-2025)" */
const char *
vita_consent_text_get_form (VitaConsentText *self)
{
  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  return self->form;
}

/* Returns: the last day, YYYY-MM-DD, a consent given on this form may last */
const char *
vita_consent_text_get_valid_through (VitaConsentText *self)
{
  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  return self->valid_through;
}

/**
 * vita_consent_text_dup_screen_ids:
 *
 * Returns: (transfer full): the title, then each section's heading,
 *   paragraphs and choice, in the order the screen shows them
 */
char **
vita_consent_text_dup_screen_ids (VitaConsentText *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->units->len; i++)
    {
      Unit *unit = g_ptr_array_index (self->units, i);

      if (unit->kind != VITA_CONSENT_UNIT_LABEL)
        g_strv_builder_add (builder, unit->id);
    }

  return g_strv_builder_end (builder);
}

/* Returns: (transfer full): the store's consent kinds the screen asks
 * for ("15080-disclose", "use"), in order */
char **
vita_consent_text_dup_kinds (VitaConsentText *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < self->kinds->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->kinds, i));

  return g_strv_builder_end (builder);
}

/**
 * vita_consent_text_is_limited:
 * @kind: a consent kind
 *
 * Returns: %TRUE if a consent of @kind may not last past
 *   vita_consent_text_get_valid_through() (it is Form 15080's)
 */
gboolean
vita_consent_text_is_limited (VitaConsentText *self,
                              const char      *kind)
{
  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), FALSE);

  return kind != NULL && g_hash_table_contains (self->limited, kind);
}

/**
 * vita_consent_dup_last_day:
 * @given: the day the consent is given
 * @months: how many months it lasts (12 for one year)
 *
 * A consent lasts to the day before the same date @months later, so "one
 * year" given on 1 Dec 2026 ends on 30 Nov 2027.  When that date does not
 * exist (29 Feb in a common year, 31 Apr), the period runs to the end of
 * its month: given on 29 Feb 2028 for one year, it ends on 28 Feb 2029.
 *
 * Returns: (transfer full): the last day the consent is in force,
 *   YYYY-MM-DD
 */
char *
vita_consent_dup_last_day (const GDate *given,
                           guint        months)
{
  g_autoptr(GDate) end = NULL;
  guint total;
  GDateYear year;
  GDateMonth month;
  GDateDay day;

  g_return_val_if_fail (given != NULL && g_date_valid (given), NULL);
  g_return_val_if_fail (months > 0, NULL);

  total = (g_date_get_month (given) - 1) + months;
  year = g_date_get_year (given) + total / 12;
  month = (GDateMonth) (total % 12 + 1);
  day = g_date_get_day (given);

  /* The anniversary, or the first of the next month when the month is too
   * short for it; the consent ends the day before. */
  if (day > g_date_get_days_in_month (month, year))
    {
      end = g_date_new_dmy (g_date_get_days_in_month (month, year), month, year);
      g_date_add_days (end, 1);
    }
  else
    end = g_date_new_dmy (day, month, year);
  g_date_subtract_days (end, 1);

  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (end), g_date_get_month (end),
                          g_date_get_day (end));
}

/**
 * vita_consent_text_dup_until:
 * @self: the consent text
 * @kind: the consent kind
 * @months: how many months the consent lasts from today (vita-clock), or
 *   0 for as long as the form allows
 * @past_limit: (out) (optional): %TRUE if a consent of @kind may not last
 *   that long, because Form 15080 allows no date after its valid-through
 *
 * The date is never cut short to the form's limit: a duration the member
 * was told cannot be quietly made shorter.  The caller refuses to record
 * a date past the limit and offers the limit instead.
 *
 * Returns: (transfer full) (nullable): the last day, YYYY-MM-DD; %NULL for
 *   @months 0 on a consent without a limit
 */
char *
vita_consent_text_dup_until (VitaConsentText *self,
                             const char      *kind,
                             guint            months,
                             gboolean        *past_limit)
{
  gboolean limited;
  GDate today;
  char *until;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  limited = vita_consent_text_is_limited (self, kind);
  if (past_limit != NULL)
    *past_limit = FALSE;
  if (months == 0)
    return limited ? g_strdup (self->valid_through) : NULL;

  vita_clock_get_today (&today);
  until = vita_consent_dup_last_day (&today, months);
  if (past_limit != NULL)
    *past_limit = limited && strcmp (until, self->valid_through) > 0;

  return until;
}

gboolean
vita_consent_text_has_id (VitaConsentText *self,
                          const char      *id)
{
  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), FALSE);

  return id != NULL && g_hash_table_contains (self->by_id, id);
}

VitaConsentUnitKind
vita_consent_text_get_unit_kind (VitaConsentText *self,
                                 const char      *id)
{
  Unit *unit;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), VITA_CONSENT_UNIT_LABEL);

  unit = g_hash_table_lookup (self->by_id, id);
  g_return_val_if_fail (unit != NULL, VITA_CONSENT_UNIT_LABEL);

  return unit->kind;
}

/* Returns: (nullable): the id of the section @id belongs to */
const char *
vita_consent_text_get_section (VitaConsentText *self,
                               const char      *id)
{
  Unit *unit;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  unit = g_hash_table_lookup (self->by_id, id);
  g_return_val_if_fail (unit != NULL, NULL);

  return unit->section;
}

/* Returns: (nullable): for a choice, the store's consent kind it records */
const char *
vita_consent_text_get_consent_kind (VitaConsentText *self,
                                    const char      *id)
{
  Unit *unit;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);

  unit = g_hash_table_lookup (self->by_id, id);
  g_return_val_if_fail (unit != NULL, NULL);

  return unit->consent_kind;
}

/* ------------------------------------------------------------------------
 * Translation
 * ------------------------------------------------------------------------ */

static VitaCatalog *
get_catalog (VitaConsentText  *self,
             const char       *language,
             GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  VitaCatalog *catalog;

  catalog = vita_notice_catalog_cache_get (&self->lock, self->catalogs, language, &local_error);

  /* An all-English consent labelled Korean would mislead the member. */
  if (catalog == NULL)
    g_set_error (error, VITA_CONSENT_TEXT_ERROR, VITA_CONSENT_TEXT_ERROR_NO_TRANSLATION,
                 _("The consent text is not available in “%s”: %s"),
                 language, local_error->message);

  return catalog;
}

static char *
translate (VitaCatalog *catalog,
           Unit        *unit,
           gboolean    *translated)
{
  gboolean source = vita_catalog_language_is_source (vita_catalog_get_language (catalog));

  return vita_notice_lookup (catalog, source, unit->context, unit->msgid, unit->text, translated);
}

/**
 * vita_consent_text_dup:
 * @self: the consent text
 * @id: a text id
 * @language: the member's language
 * @vars: (nullable) (element-type utf8 utf8): values for {placeholders}
 * @translated: (out) (optional): %FALSE when the English was used because
 *   there is no translation of the current revision
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the text in @language, or %NULL
 */
char *
vita_consent_text_dup (VitaConsentText  *self,
                       const char       *id,
                       const char       *language,
                       GHashTable       *vars,
                       gboolean         *translated,
                       GError          **error)
{
  g_autoptr(VitaCatalog) catalog = NULL;
  g_autofree char *text = NULL;
  Unit *unit;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  g_return_val_if_fail (language != NULL, NULL);

  unit = g_hash_table_lookup (self->by_id, id);
  if (unit == NULL)
    {
      g_set_error (error, VITA_CONSENT_TEXT_ERROR, VITA_CONSENT_TEXT_ERROR_NOT_FOUND,
                   _("The consent file has no text “%s”"), id);
      return NULL;
    }

  catalog = get_catalog (self, language, error);
  if (catalog == NULL)
    return NULL;

  text = translate (catalog, unit, translated);

  return vita_notice_substitute (text, vars);
}

/**
 * vita_consent_text_count_untranslated:
 *
 * Returns: how many texts the screen would show in English for
 *   @language; on error 0 with @error set
 */
guint
vita_consent_text_count_untranslated (VitaConsentText  *self,
                                      const char       *language,
                                      GError          **error)
{
  g_autoptr(VitaCatalog) catalog = NULL;
  guint n = 0;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), 0);
  g_return_val_if_fail (language != NULL, 0);

  catalog = get_catalog (self, language, error);
  if (catalog == NULL)
    return 0;

  for (guint i = 0; i < self->units->len; i++)
    {
      gboolean translated;
      g_autofree char *text = translate (catalog, g_ptr_array_index (self->units, i), &translated);

      n += translated ? 0 : 1;
    }

  return n;
}

static void
check_unit (VitaCatalog *catalog,
            Unit        *unit,
            const char  *language,
            GPtrArray   *translation,
            GPtrArray   *promises)
{
  g_autoptr(GPtrArray) found = NULL;
  g_autofree char *text = NULL;
  gboolean translated;

  text = translate (catalog, unit, &translated);
  if (!translated)
    {
      g_autofree char *prefix = g_strconcat (CONTEXT_PREFIX, unit->id, "@", NULL);

      if (vita_catalog_has_context_prefix (catalog, prefix))
        /* Translators: a consent text id, a language code and a date. */
        g_ptr_array_add (translation, g_strdup_printf (_("%s (%s): the translation is out of date; "
                                                         "the English was revised on %s"),
                                                       unit->id, language, unit->revised));
      else
        /* Translators: a consent text id and a language code. */
        g_ptr_array_add (translation, g_strdup_printf (_("%s (%s): not translated"),
                                                       unit->id, language));
    }
  else if (!vita_catalog_language_is_source (language))
    {
      g_autofree char *want = vita_notice_placeholder_signature (unit->text);
      g_autofree char *have = vita_notice_placeholder_signature (text);

      if (!g_str_equal (want, have))
        /* Translators: a consent text id, a language code and the
         * placeholders, such as "{site_contact}". */
        g_ptr_array_add (translation, g_strdup_printf (_("%s (%s): the translation must keep the English’s "
                                                         "placeholders, no more and no fewer: %s"),
                                                       unit->id, language, want));
    }

  /* The English shown in place of a missing translation is checked too:
   * it is what the member reads. */
  if (!vita_notice_check_text (language, text, &found))
    {
      for (guint k = 0; k < found->len; k++)
        g_ptr_array_add (promises, g_strdup_printf ("%s (%s): %s", unit->id, language,
                                                    (char *) g_ptr_array_index (found, k)));
    }
}

/**
 * vita_consent_text_check:
 * @self: the consent text
 * @language: the member's language
 * @translation_problems: (out) (optional) (transfer full): texts shown in
 *   English, out of date, or with the wrong placeholders
 * @promise_problems: (out) (optional) (transfer full): absolute promises
 *   (vita_notice_check_text()), which must block the screen
 *
 * Returns: %TRUE if the screen is fully and properly translated
 */
gboolean
vita_consent_text_check (VitaConsentText  *self,
                         const char       *language,
                         GPtrArray       **translation_problems,
                         GPtrArray       **promise_problems)
{
  g_autoptr(GPtrArray) translation = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) promises = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(VitaCatalog) catalog = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (VITA_IS_CONSENT_TEXT (self), FALSE);
  g_return_val_if_fail (language != NULL, FALSE);

  catalog = get_catalog (self, language, &error);
  if (catalog == NULL)
    g_ptr_array_add (translation, g_strdup (error->message));

  for (guint i = 0; catalog != NULL && i < self->units->len; i++)
    check_unit (catalog, g_ptr_array_index (self->units, i), language, translation, promises);

  if (translation_problems != NULL)
    *translation_problems = g_ptr_array_ref (translation);
  if (promise_problems != NULL)
    *promise_problems = g_ptr_array_ref (promises);

  return translation->len == 0 && promises->len == 0;
}
