/* vita-form-map.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Field maps of the IRS forms: which answer goes into which PDF field.
 * They are data (the .map files in data/forms/, compiled in as a GResource), not C
 * tables, so a new IRS revision is a new map file and its test.  The
 * format is described at the top of f13614c-rev-10-2025.map.
 *
 * Values are written in English, as the IRS form is: a choice is written
 * with its catalogue label untranslated. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "vita-field-ids.h"
#include "vita-field.h"
#include "vita-form-map.h"
#include "vita-forms-resources.h"
#include "vita-store-settings.h"

#define RESOURCE_DIR "/org/vitasites/Intake/forms"

struct _VitaFormMap
{
  char       *form;
  char       *revision;
  char       *title;
  char       *prefix;
  GPtrArray  *entries;   /* VitaFormMapEntry */
  GHashTable *unmapped;  /* field id -> reason */
  GHashTable *used;      /* field id set */
  GHashTable *words;     /* "field:choice" -> the form's wording (@choice) */
};

G_DEFINE_QUARK (vita-form-error-quark, vita_form_error)

static void
entry_free (VitaFormMapEntry *entry)
{
  g_free (entry->pdf_name);
  g_free (entry->person);
  g_strfreev (entry->sources);
  g_free (entry->arg);
  g_free (entry);
}

void
vita_form_map_free (VitaFormMap *map)
{
  if (map == NULL)
    return;
  g_free (map->form);
  g_free (map->revision);
  g_free (map->title);
  g_free (map->prefix);
  g_ptr_array_unref (map->entries);
  g_hash_table_unref (map->unmapped);
  g_hash_table_unref (map->used);
  g_hash_table_unref (map->words);
  g_free (map);
}

static gboolean
map_error (GError     **error,
           const char  *origin,
           guint        line,
           const char  *what)
{
  /* A broken map is a bug of the app, not something the user did, but
   * it still says where so the developer adding a revision finds it. */
  g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_MAP,
               _("The form map %s is broken at line %u: %s"), origin, line, what);
  return FALSE;
}

static void
set_str (char       **slot,
         const char  *value)
{
  g_free (*slot);
  *slot = g_strdup (value);
}

static gboolean
valid_person (const char *person)
{
  static const char *fixed[] = { "hh", "tp", "sp", "app", "caa", NULL };
  guint64 n;

  if (g_strv_contains (fixed, person))
    return TRUE;
  return g_str_has_prefix (person, "dep")
         && g_ascii_string_to_unsigned (person + 3, 10, 1, 99, &n, NULL);
}

static gboolean
valid_format (const char *format)
{
  static const char *formats[] = {
    "plain", "words", "initial", "date", "date-yy", "date-comb", "phone", "choice",
    "yn", "sm", "ynna", "tin", "tin1", "tin2", "tin3", NULL
  };
  return g_strv_contains (formats, format);
}

static gboolean
parse_entry (VitaFormMap  *map,
             char        **cols,
             const char   *origin,
             guint         line,
             GError      **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  VitaFormMapEntry *entry;
  VitaFormFieldKind kind;
  int max_chars = -1;

  if (g_str_equal (cols[1], "text"))
    kind = VITA_FORM_FIELD_TEXT;
  else if (g_str_equal (cols[1], "comb"))
    kind = VITA_FORM_FIELD_COMB;
  else if (g_str_equal (cols[1], "check"))
    kind = VITA_FORM_FIELD_CHECK;
  else
    return map_error (error, origin, line, "kind");

  if (!valid_person (cols[2]))
    return map_error (error, origin, line, "person");

  if (kind != VITA_FORM_FIELD_CHECK && !valid_format (cols[4]))
    return map_error (error, origin, line, "format");

  if (!g_str_equal (cols[5], "-"))
    {
      guint64 n;

      if (!g_ascii_string_to_unsigned (cols[5], 10, 0, 100000, &n, NULL))
        return map_error (error, origin, line, "max");
      max_chars = (int) n;
    }

  {
    g_auto(GStrv) ids = g_strsplit (cols[3], ",", -1);

    for (guint i = 0; ids[i] != NULL; i++)
      {
        /* Site settings are not catalogue fields; everything else must
         * be, or a typo in a map would silently leave a box empty. */
        if (!g_str_equal (cols[2], "caa") && vita_field_lookup (ids[i]) == NULL)
          return map_error (error, origin, line, "unknown field id");
        if (!g_str_equal (cols[2], "caa"))
          g_hash_table_add (map->used, g_strdup (ids[i]));
        g_ptr_array_add (sources, g_strdup (ids[i]));
      }
  }
  g_ptr_array_add (sources, NULL);

  entry = g_new0 (VitaFormMapEntry, 1);
  entry->pdf_name = g_strconcat (map->prefix ? map->prefix : "", cols[0], NULL);
  entry->kind = kind;
  entry->person = g_strdup (cols[2]);
  entry->sources = (char **) g_ptr_array_free (g_steal_pointer (&sources), FALSE);
  entry->arg = g_strdup (cols[4]);
  entry->max_chars = max_chars;
  entry->line = line;
  entry->words = map->words;
  g_ptr_array_add (map->entries, entry);
  return TRUE;
}

/**
 * vita_form_map_parse:
 * @origin: the map's name, for error messages
 *
 * Returns: (transfer full): the map, or %NULL with @error set
 */
VitaFormMap *
vita_form_map_parse (const char  *text,
                     gsize        length,
                     const char  *origin,
                     GError     **error)
{
  g_autoptr(VitaFormMap) map = g_new0 (VitaFormMap, 1);
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);

  map->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  map->unmapped = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  map->used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  map->words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = NULL;
      char *line = g_strchomp (lines[i]);

      if (*line == '\0' || *line == '#')
        continue;
      cols = g_strsplit (line, "\t", -1);

      if (*line == '@')
        {
          if (g_strv_length (cols) < 2)
            { map_error (error, origin, i + 1, "directive"); return NULL; }
          if (g_str_equal (cols[0], "@form"))
            set_str (&map->form, cols[1]);
          else if (g_str_equal (cols[0], "@revision"))
            set_str (&map->revision, cols[1]);
          else if (g_str_equal (cols[0], "@title"))
            set_str (&map->title, cols[1]);
          else if (g_str_equal (cols[0], "@prefix"))
            set_str (&map->prefix, cols[1]);
          else if (g_str_equal (cols[0], "@choice") && g_strv_length (cols) >= 4)
            g_hash_table_insert (map->words, g_strdup_printf ("%s:%s", cols[1], cols[2]),
                                 g_strdup (cols[3]));
          else if (g_str_equal (cols[0], "@unmapped") && g_strv_length (cols) >= 3)
            g_hash_table_insert (map->unmapped, g_strdup (cols[1]), g_strdup (cols[2]));
          else
            { map_error (error, origin, i + 1, "directive"); return NULL; }
          continue;
        }

      if (g_strv_length (cols) != 6)
        { map_error (error, origin, i + 1, "columns"); return NULL; }
      if (!parse_entry (map, cols, origin, i + 1, error))
        return NULL;
    }

  if (map->form == NULL || map->revision == NULL || map->title == NULL
      || map->entries->len == 0)
    { map_error (error, origin, 0, "header"); return NULL; }

  return g_steal_pointer (&map);
}

const char *
vita_form_map_get_form (const VitaFormMap *map)
{
  return map->form;
}

const char *
vita_form_map_get_revision (const VitaFormMap *map)
{
  return map->revision;
}

const char *
vita_form_map_get_title (const VitaFormMap *map)
{
  return map->title;
}

guint
vita_form_map_get_n_entries (const VitaFormMap *map)
{
  return map->entries->len;
}

const VitaFormMapEntry *
vita_form_map_get_entry (const VitaFormMap *map,
                         guint              index)
{
  g_return_val_if_fail (index < map->entries->len, NULL);
  return g_ptr_array_index (map->entries, index);
}

gboolean
vita_form_map_is_unmapped (const VitaFormMap *map,
                           const char        *field_id)
{
  return g_hash_table_contains (map->unmapped, field_id);
}

gboolean
vita_form_map_uses_field (const VitaFormMap *map,
                          const char        *field_id)
{
  return g_hash_table_contains (map->used, field_id);
}

/**
 * vita_form_maps_get_all:
 *
 * Returns: (transfer none) (element-type VitaFormMap): every map built
 *   into the app.  A broken built-in map is a bug: it aborts.
 */
GPtrArray *
vita_form_maps_get_all (void)
{
  static GPtrArray *maps = NULL;

  if (g_once_init_enter (&maps))
    {
      GPtrArray *all = g_ptr_array_new ();
      GResource *resource = vita_forms_get_resource ();
      g_auto(GStrv) names = g_resource_enumerate_children (resource, RESOURCE_DIR,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);

      for (guint i = 0; names != NULL && names[i] != NULL; i++)
        {
          g_autofree char *path = g_build_path ("/", RESOURCE_DIR, names[i], NULL);
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GError) error = NULL;
          VitaFormMap *map;
          gsize size;
          const char *data;

          if (!g_str_has_suffix (names[i], ".map"))
            continue;
          bytes = g_resource_lookup_data (resource, path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
          data = g_bytes_get_data (bytes, &size);
          map = vita_form_map_parse (data, size, names[i], &error);
          if (map == NULL)
            g_error ("%s", error->message);
          g_ptr_array_add (all, map);
        }
      g_once_init_leave (&maps, all);
    }
  return maps;
}

const VitaFormMap *
vita_form_maps_lookup (const char *form,
                       const char *revision)
{
  GPtrArray *maps = vita_form_maps_get_all ();

  for (guint i = 0; i < maps->len; i++)
    {
      const VitaFormMap *map = g_ptr_array_index (maps, i);

      if (g_str_equal (map->form, form)
          && (revision == NULL || g_str_equal (map->revision, revision)))
        return map;
    }
  return NULL;
}

/**
 * vita_form_maps_dup_known:
 * @form: (nullable): a form name, or %NULL for all
 *
 * Returns: the revisions the app knows, for messages ("Form 13614-C
 *   (Rev. 10-2025)"), comma-separated
 */
char *
vita_form_maps_dup_known (const char *form)
{
  GPtrArray *maps = vita_form_maps_get_all ();
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < maps->len; i++)
    {
      const VitaFormMap *map = g_ptr_array_index (maps, i);

      if (form != NULL && !g_str_equal (map->form, form))
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, map->title);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * vita_form_map_resolve_person:
 * @applicant: the W-7 applicant's slot (for "app")
 *
 * Returns: the person slot an entry reads, %VITA_PERSON_HOUSEHOLD for
 *   household answers, or -2 when that person does not exist (a fifth
 *   household member, no spouse)
 */
int
vita_form_map_resolve_person (const VitaFormMapEntry *entry,
                              VitaHousehold          *household,
                              int                     applicant)
{
  const char *p = entry->person;

  if (g_str_equal (p, "hh") || g_str_equal (p, "caa"))
    return VITA_PERSON_HOUSEHOLD;
  if (g_str_equal (p, "tp"))
    return VITA_PERSON_TAXPAYER;
  if (g_str_equal (p, "sp"))
    return vita_household_has_person (household, VITA_PERSON_SPOUSE) ? VITA_PERSON_SPOUSE : -2;
  if (g_str_equal (p, "app"))
    return vita_household_has_person (household, applicant) ? applicant : -2;
  if (g_str_has_prefix (p, "dep"))
    {
      g_autoptr(GArray) persons = vita_household_list_persons (household);
      guint want = (guint) g_ascii_strtoull (p + 3, NULL, 10);
      guint n = 0;

      for (guint i = 0; i < persons->len; i++)
        {
          int slot = g_array_index (persons, int, i);

          if (slot >= VITA_PERSON_FIRST_DEPENDENT && ++n == want)
            return slot;
        }
    }
  return -2;
}

/* "2025-03-07" -> year, month, day */
static gboolean
split_date (const char *iso,
            int        *y,
            int        *m,
            int        *d)
{
  return iso != NULL && sscanf (iso, "%4d-%2d-%2d", y, m, d) == 3;
}

static char *
digits_only (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *c = value; *c; c++)
    if (g_ascii_isdigit (*c))
      g_string_append_c (out, *c);
  return g_string_free (out, FALSE);
}

/* One answer in the form's own words: dates as MM/DD/YYYY, choices with
 * their English label. */
static char *
natural (const VitaField *field,
         const char      *value,
         GHashTable      *words)
{
  int y, m, d;

  if (field != NULL && field->type == VITA_FIELD_DATE && split_date (value, &y, &m, &d))
    return g_strdup_printf ("%02d/%02d/%04d", m, d, y);
  if (field != NULL && field->choices != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (value, ",", -1);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          g_autofree char *key = g_strdup_printf ("%s:%s", field->id, ids[i]);
          const char *label = words != NULL ? g_hash_table_lookup (words, key) : NULL;

          if (label == NULL)
            label = vita_field_get_choice_label (field, ids[i]);

          if (out->len > 0)
            g_string_append (out, ", ");
          /* The untranslated catalogue label is the English wording. */
          g_string_append (out, label != NULL ? label : ids[i]);
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  if (field != NULL && field->type == VITA_FIELD_TIN)
    {
      g_autofree char *digits = digits_only (value);

      if (strlen (digits) == 9)
        return g_strdup_printf ("%.3s-%.2s-%.4s", digits, digits + 3, digits + 5);
    }
  return g_strdup (value);
}

static char *
format_one (const char      *format,
            const VitaField *field,
            const char      *value,
            GHashTable      *words)
{
  int y, m, d;

  if (g_str_equal (format, "initial"))
    {
      const char *next = g_utf8_next_char (value);
      return g_strndup (value, next - value);
    }
  if (g_str_equal (format, "date") && split_date (value, &y, &m, &d))
    return g_strdup_printf ("%02d/%02d/%04d", m, d, y);
  if (g_str_equal (format, "date-yy") && split_date (value, &y, &m, &d))
    return g_strdup_printf ("%02d/%02d/%02d", m, d, y % 100);
  if (g_str_equal (format, "date-comb") && split_date (value, &y, &m, &d))
    return g_strdup_printf ("%02d%02d%04d", m, d, y);
  if (g_str_equal (format, "phone"))
    {
      g_autofree char *all = digits_only (value);
      /* A leading country code 1 is dropped: the form's box is ten digits. */
      const char *digits = strlen (all) == 11 && all[0] == '1' ? all + 1 : all;

      if (strlen (digits) == 10)
        return g_strdup_printf ("(%.3s) %.3s-%.4s", digits, digits + 3, digits + 6);
      return g_strdup (value);
    }
  if (g_str_equal (format, "yn"))
    return g_strdup (g_str_equal (value, "yes") ? "Y" : g_str_equal (value, "no") ? "N" : value);
  if (g_str_equal (format, "sm"))
    return g_strdup (g_str_equal (value, "single") ? "S"
                     : g_str_equal (value, "married") ? "M" : value);
  if (g_str_equal (format, "ynna"))
    return g_strdup (g_str_equal (value, "yes") ? "Yes"
                     : g_str_equal (value, "no") ? "No"
                     : g_str_equal (value, "na") ? "N/A" : value);
  if (g_str_has_prefix (format, "tin"))
    {
      g_autofree char *digits = digits_only (value);

      if (strlen (digits) != 9)
        return g_strdup (value);
      if (g_str_equal (format, "tin1"))
        return g_strndup (digits, 3);
      if (g_str_equal (format, "tin2"))
        return g_strndup (digits + 3, 2);
      if (g_str_equal (format, "tin3"))
        return g_strndup (digits + 5, 4);
      return g_strdup_printf ("%.3s-%.2s-%.4s", digits, digits + 3, digits + 5);
    }
  return natural (field, value, words);
}

/* An answer behind a gate that is closed (a divorce date kept from
 * before the status changed to married) is not printed: the interview
 * does not show it either. */
static const char *
visible_value (const VitaField *field,
               VitaHousehold   *household,
               int              person)
{
  if (field == NULL || !vita_field_is_visible (field, household, person))
    return NULL;
  return vita_household_get (household, person, field->id);
}

/**
 * vita_form_map_entry_value:
 * @settings: (nullable): site settings, key -> value (for "caa")
 * @checked: (out) (optional): for a check box, whether it is ticked
 *
 * Returns: (nullable): for a text field, what goes in it (%NULL when
 *   the answer is empty or the person does not exist); for a check box,
 *   %NULL
 */
char *
vita_form_map_entry_value (const VitaFormMapEntry *entry,
                           VitaHousehold          *household,
                           int                     applicant,
                           GHashTable             *settings,
                           gboolean               *checked)
{
  int person = vita_form_map_resolve_person (entry, household, applicant);
  g_autoptr(GString) out = NULL;

  if (checked != NULL)
    *checked = FALSE;
  if (person == -2)
    return NULL;

  if (g_str_equal (entry->person, "caa"))
    {
      const char *value;

      /* The block belongs to the acceptance agent: only at a CAA site
       * and only when the CAA verified this applicant's documents. */
      if (settings == NULL
          || g_strcmp0 (g_hash_table_lookup (settings, VITA_SETTING_CAA_ENABLED), "yes") != 0
          || g_strcmp0 (vita_household_get (household, applicant, VITA_FID_W7_DOC_VERIFICATION),
                        "caa") != 0)
        return NULL;
      value = g_hash_table_lookup (settings, entry->sources[0]);
      return value != NULL && *value != '\0' ? g_strdup (value) : NULL;
    }

  if (entry->kind == VITA_FORM_FIELD_CHECK)
    {
      const VitaField *field = vita_field_lookup (entry->sources[0]);
      const char *value = visible_value (field, household, person);

      if (checked != NULL)
        *checked = g_str_equal (entry->arg, "*")
                   ? (value != NULL && *value != '\0')
                   : vita_field_value_matches (field, value, entry->arg);
      return NULL;
    }

  for (guint i = 0; entry->sources[i] != NULL; i++)
    {
      const VitaField *field = vita_field_lookup (entry->sources[i]);
      const char *value = visible_value (field, household, person);
      g_autofree char *text = NULL;

      if (value == NULL || *value == '\0')
        continue;
      text = format_one (entry->arg, field, value, entry->words);
      if (out == NULL)
        out = g_string_new (NULL);
      else
        g_string_append (out, g_str_equal (entry->arg, "words") ? " " : ", ");
      g_string_append (out, text);
    }
  return out != NULL ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/**
 * vita_form_map_entry_label:
 *
 * Returns: the translated catalogue label of the entry's first answer
 *   (what a volunteer knows the box by), never a value
 */
const char *
vita_form_map_entry_label (const VitaFormMapEntry *entry)
{
  const VitaField *field = vita_field_lookup (entry->sources[0]);

  if (field == NULL)
    return entry->sources[0];
  return _(field->label);
}
