/* vita-catalog.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "vita-catalog.h"

/* GNU .mo layout (gettext manual, "The Format of GNU MO Files"): a header of
 * 32-bit words in the writer's byte order, then two tables of (length,
 * offset) pairs for the original and translated strings.  Strings are
 * NUL-terminated; a msgid with a plural holds "singular\0plural" and the
 * msgstr holds the forms separated by NULs.  A message with a context is
 * stored under "context\004msgid". */
#define MO_MAGIC          0x950412deU
#define MO_HEADER_SIZE    28
#define MO_MAX_FILE_SIZE  (32 * 1024 * 1024)

struct _VitaCatalog
{
  gatomicrefcount  ref_count;
  char            *language;
  char            *path;
  /* Keeps the file's bytes alive: the table's keys and values point into
   * them. */
  GBytes          *bytes;
  /* "ctxt\004msgid" or "msgid" -> translation (first plural form). */
  GHashTable      *messages;
};

G_DEFINE_BOXED_TYPE (VitaCatalog, vita_catalog, vita_catalog_ref, vita_catalog_unref)
G_DEFINE_QUARK (vita-catalog-error-quark, vita_catalog_error)

static VitaCatalog *
catalog_new_empty (const char *language)
{
  VitaCatalog *self = g_new0 (VitaCatalog, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->language = g_strdup (language);
  self->messages = g_hash_table_new (g_str_hash, g_str_equal);

  return self;
}

VitaCatalog *
vita_catalog_ref (VitaCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

void
vita_catalog_unref (VitaCatalog *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->messages, g_hash_table_unref);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_free (self->language);
  g_free (self->path);
  g_free (self);
}

/* English is the language the notices and the UI are written in. */
gboolean
vita_catalog_language_is_source (const char *language)
{
  if (language == NULL || *language == '\0')
    return FALSE;

  return (g_ascii_strncasecmp (language, "en", 2) == 0
          && (language[2] == '\0' || language[2] == '_' || language[2] == '-'
              || language[2] == '.' || language[2] == '@'));
}

/* The language becomes part of a file path, so anything that could walk out
 * of the locale directory is refused rather than cleaned up. */
static gboolean
language_is_valid (const char *language)
{
  gsize len;

  if (language == NULL)
    return FALSE;

  len = strlen (language);
  if (len < 2 || len > 32 || !g_ascii_isalpha (language[0]))
    return FALSE;

  for (const char *p = language; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-' && *p != '@' && *p != '.')
        return FALSE;
    }

  return strstr (language, "..") == NULL;
}

/* Locale directory names to try, most specific first: "ko_KR.UTF-8@x"
 * gives "ko_KR@x", "ko_KR", "ko@x", "ko".  BCP 47 "es-US" is accepted too. */
static GPtrArray *
language_candidates (const char *language)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *copy = g_strdelimit (g_strdup (language), "-", '_');
  g_autofree char *modifier = NULL;
  g_autofree char *territory = NULL;
  char *p;

  if ((p = strchr (copy, '@')) != NULL)
    {
      modifier = g_strdup (p);
      *p = '\0';
    }
  if ((p = strchr (copy, '.')) != NULL)
    *p = '\0';
  if ((p = strchr (copy, '_')) != NULL)
    {
      territory = g_strdup (p);
      *p = '\0';
    }

  if (territory != NULL && modifier != NULL)
    g_ptr_array_add (names, g_strconcat (copy, territory, modifier, NULL));
  if (territory != NULL)
    g_ptr_array_add (names, g_strconcat (copy, territory, NULL));
  if (modifier != NULL)
    g_ptr_array_add (names, g_strconcat (copy, modifier, NULL));
  g_ptr_array_add (names, g_strdup (copy));

  return names;
}

static gboolean
read_word (const guint8 *data,
           gsize         size,
           guint64       offset,
           gboolean      big_endian,
           guint32      *out)
{
  guint32 raw;

  if (offset > size || size - offset < 4)
    return FALSE;

  memcpy (&raw, data + offset, sizeof raw);
  *out = big_endian ? GUINT32_FROM_BE (raw) : GUINT32_FROM_LE (raw);

  return TRUE;
}

/* Returns the string of table entry @index, or NULL when its length or
 * offset points outside the file or it is not NUL-terminated. */
static const char *
read_string (const guint8 *data,
             gsize         size,
             guint64       table,
             guint32       index,
             gboolean      big_endian,
             gsize        *length)
{
  guint32 len, offset;
  guint64 entry = table + (guint64) index * 8;

  if (!read_word (data, size, entry, big_endian, &len)
      || !read_word (data, size, entry + 4, big_endian, &offset))
    return NULL;

  /* The terminating NUL must be inside the file too. */
  if ((guint64) offset + len >= size || data[(gsize) offset + len] != '\0')
    return NULL;

  *length = len;

  return (const char *) data + offset;
}

static gboolean
corrupt (GError     **error,
         const char  *name)
{
  g_set_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_CORRUPT,
               _("The translation file “%s” is damaged"), name);
  return FALSE;
}

/* Only the charset matters to us: everything we show is UTF-8, and a
 * catalog in another encoding would print mojibake to a member. */
static gboolean
check_header (const char  *header,
              const char  *name,
              GError     **error)
{
  g_auto(GStrv) lines = g_strsplit (header, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *charset;

      if (g_ascii_strncasecmp (lines[i], "Content-Type:", 13) != 0)
        continue;

      charset = strstr (lines[i], "charset=");
      if (charset == NULL)
        continue;
      charset += strlen ("charset=");

      if (g_ascii_strncasecmp (charset, "UTF-8", 5) != 0
          && g_ascii_strncasecmp (charset, "ASCII", 5) != 0
          && g_ascii_strncasecmp (charset, "US-ASCII", 8) != 0)
        {
          g_set_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_UNSUPPORTED,
                       _("The translation file “%s” is not in UTF-8"), name);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
catalog_parse (VitaCatalog  *self,
               const char   *name,
               GError      **error)
{
  gsize size;
  const guint8 *data = g_bytes_get_data (self->bytes, &size);
  gboolean big_endian;
  guint32 magic, revision, n_strings, orig_table, trans_table;

  if (size < MO_HEADER_SIZE)
    return corrupt (error, name);

  /* The magic number tells the byte order of the machine that wrote it. */
  if (!read_word (data, size, 0, FALSE, &magic))
    return corrupt (error, name);
  if (magic == MO_MAGIC)
    big_endian = FALSE;
  else if (GUINT32_SWAP_LE_BE (magic) == MO_MAGIC)
    big_endian = TRUE;
  else
    return corrupt (error, name);

  if (!read_word (data, size, 4, big_endian, &revision)
      || !read_word (data, size, 8, big_endian, &n_strings)
      || !read_word (data, size, 12, big_endian, &orig_table)
      || !read_word (data, size, 16, big_endian, &trans_table))
    return corrupt (error, name);

  /* Major revision 1 only adds system-dependent strings (<inttypes.h>
   * format macros) after the ordinary tables, which we can ignore. */
  if ((revision >> 16) > 1)
    {
      g_set_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_UNSUPPORTED,
                   _("The translation file “%s” has a format this version cannot read"),
                   name);
      return FALSE;
    }

  if ((guint64) orig_table + (guint64) n_strings * 8 > size
      || (guint64) trans_table + (guint64) n_strings * 8 > size)
    return corrupt (error, name);

  for (guint32 i = 0; i < n_strings; i++)
    {
      gsize id_len, str_len;
      const char *msgid = read_string (data, size, orig_table, i, big_endian, &id_len);
      const char *msgstr = read_string (data, size, trans_table, i, big_endian, &str_len);

      if (msgid == NULL || msgstr == NULL)
        return corrupt (error, name);

      /* Both stop at their first NUL: the singular msgid is the key and
       * the first form is the translation; notices have no plurals. */
      if (!g_utf8_validate (msgid, -1, NULL) || !g_utf8_validate (msgstr, -1, NULL))
        return corrupt (error, name);

      if (*msgid == '\0')
        {
          if (!check_header (msgstr, name, error))
            return FALSE;
          continue;
        }

      /* msgfmt leaves out untranslated messages, but a hand-made or damaged
       * file may not; an empty string is never a translation. */
      if (*msgstr == '\0')
        continue;

      if (!g_hash_table_contains (self->messages, msgid))
        g_hash_table_insert (self->messages, (gpointer) msgid, (gpointer) msgstr);
    }

  return TRUE;
}

/**
 * vita_catalog_new_from_bytes:
 * @bytes: the contents of a .mo file
 * @language: (nullable): the language it is for, reported by
 *   vita_catalog_get_language()
 * @error: return location for a #VITA_CATALOG_ERROR
 *
 * Parses a .mo file held in memory.  Every offset and length is checked
 * against the size, so damaged input gives an error, never a crash.
 *
 * Returns: (transfer full): the catalog, or %NULL
 */
VitaCatalog *
vita_catalog_new_from_bytes (GBytes      *bytes,
                             const char  *language,
                             GError     **error)
{
  g_autoptr(VitaCatalog) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = catalog_new_empty (language);

  /* The table points into @bytes; read_string() only accepts strings that
   * are NUL-terminated inside it. */
  self->bytes = g_bytes_ref (bytes);

  if (!catalog_parse (self, language != NULL ? language : "?", error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * vita_catalog_new_from_file:
 * @path: a .mo file
 * @language: (nullable): the language it is for
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the catalog, or %NULL
 */
VitaCatalog *
vita_catalog_new_from_file (const char  *path,
                            const char  *language,
                            GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *contents = NULL;
  GStatBuf st;
  gsize length;
  VitaCatalog *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display = g_filename_display_name (path);

  /* Read a private copy rather than mapping the file: a mapping faults if
   * another process truncates the file while we parse it. */
  if (g_stat (path, &st) == 0 && st.st_size > MO_MAX_FILE_SIZE)
    {
      corrupt (error, display);
      return NULL;
    }

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_NOT_FOUND,
                   _("Could not read the translation file “%s”: %s"),
                   display, local_error->message);
      return NULL;
    }

  if (length > MO_MAX_FILE_SIZE)
    {
      corrupt (error, display);
      return NULL;
    }

  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);

  self = vita_catalog_new_from_bytes (bytes, language, error);
  if (self != NULL)
    self->path = g_strdup (path);

  return self;
}

static GPtrArray *
search_dirs (void)
{
  GPtrArray *dirs = g_ptr_array_new ();
  const char *candidates[] = { g_getenv ("VITA_LOCALEDIR"), BUILD_LOCALEDIR, LOCALEDIR };

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      if (candidates[i] != NULL && *candidates[i] != '\0')
        g_ptr_array_add (dirs, (gpointer) candidates[i]);
    }

  return dirs;
}

/**
 * vita_catalog_open:
 * @language: a language code: "ko", "es", "ht", "ko_KR.UTF-8" …
 * @error: return location for a #GError
 *
 * Opens the vita-intake catalog for @language.  The first directory that has
 * one wins; a damaged file there is an error rather than a reason to fall
 * back to another, possibly older, copy.
 *
 * Returns: (transfer full): the catalog, or %NULL
 */
VitaCatalog *
vita_catalog_open (const char  *language,
                   GError     **error)
{
  g_autoptr(GPtrArray) dirs = NULL;
  g_autoptr(GPtrArray) names = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!language_is_valid (language))
    {
      g_set_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_INVALID_LANGUAGE,
                   _("“%s” is not a language code"), language != NULL ? language : "");
      return NULL;
    }

  if (vita_catalog_language_is_source (language))
    return catalog_new_empty ("en");

  dirs = search_dirs ();
  names = language_candidates (language);

  for (guint i = 0; i < dirs->len; i++)
    {
      for (guint j = 0; j < names->len; j++)
        {
          g_autofree char *path = g_build_filename (g_ptr_array_index (dirs, i),
                                                    g_ptr_array_index (names, j),
                                                    "LC_MESSAGES",
                                                    GETTEXT_PACKAGE ".mo",
                                                    NULL);

          if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
            return vita_catalog_new_from_file (path, g_ptr_array_index (names, j), error);
        }
    }

  g_set_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_NOT_FOUND,
               _("There is no translation for the language “%s”"), language);
  return NULL;
}

const char *
vita_catalog_get_language (VitaCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->language;
}

/* Returns: (nullable): the file the catalog came from; %NULL for English
 * and for catalogs made from bytes. */
const char *
vita_catalog_get_path (VitaCatalog *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->path;
}

guint
vita_catalog_get_n_messages (VitaCatalog *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return g_hash_table_size (self->messages);
}

/**
 * vita_catalog_lookup:
 * @self: a catalog
 * @context: (nullable): the msgctxt
 * @msgid: the untranslated text
 *
 * Returns: (nullable): the translation, owned by @self, or %NULL when the
 *   message is untranslated (always, for English)
 */
const char *
vita_catalog_lookup (VitaCatalog *self,
                     const char  *context,
                     const char  *msgid)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (msgid != NULL, NULL);

  /* The empty msgid is the header, not a message. */
  if (*msgid == '\0' && context == NULL)
    return NULL;

  if (context == NULL)
    return g_hash_table_lookup (self->messages, msgid);

  key = g_strconcat (context, "\004", msgid, NULL);

  return g_hash_table_lookup (self->messages, key);
}

/* Whether any message has a context starting with @prefix.  The notice uses
 * it to tell a stale translation (one exists for an older revision) from a
 * missing one. */
gboolean
vita_catalog_has_context_prefix (VitaCatalog *self,
                                 const char  *prefix)
{
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);

  g_hash_table_iter_init (&iter, self->messages);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (strchr (key, '\004') != NULL && g_str_has_prefix (key, prefix))
        return TRUE;
    }

  return FALSE;
}
