/* test-export.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The de-identified export and the funders' statistics.  The property test
 * fills a store with thousands of synthetic households whose every
 * identifying value, note and W-7 answer carries a unique marker, then
 * reads the files back the way someone hunting for a member would.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "vita-export.h"
#include "vita-field.h"
#include "vita-retention.h"
#include "vita-store-households.h"
#include "vita-store-private.h"
#include "vita-store-records.h"
#include "vita-store-users.h"
#include "vita-synthetic.h"
#include "vita-test-utils.h"

/* The defaults, with the column ids as headers: these tests find columns
 * by id.  The readable headers and the dictionary have their own tests. */
#define ID_HEADER_OPTIONS { 0, FALSE, VITA_EXPORT_PURPOSE_AGGREGATE, NULL, 0.0, NULL, TRUE }

#define N_HOUSEHOLDS 3000
#define N_PURGED     7
#define K            5

/* The name lists of vita-synthetic.c: none may appear in any output. */
static const char *synthetic_names[] = {
  "José", "María", "Ana", "Luis", "Carmen", "Jesús", "Lucía", "Andrés", "Sofía", "Raúl",
  "Jean", "Marie", "Wideline", "Jean-Baptiste", "Fabiola", "Dieuseul", "Nadège",
  "Oluwaseun", "Amara", "Chinedu", "Thanh", "Minh", "Sokha", "Nguyễn", "Zoë",
  "García", "López", "Hernández", "Martínez", "Pérez", "Rodríguez", "Núñez", "Peña",
  "de la Cruz", "Ibáñez", "Jean-Louis", "Pierre", "Joseph", "Toussaint", "Saint-Fleur",
  "Okafor", "Adeyemi", "Tran", "Pham", "Chea", "O'Brien", "Muñoz", "Álvarez", "Castañeda",
  "김", "이", "박", "최", "정", "강", "조", "윤",
  "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho", "Yoon",
  "민준", "서연", "지호", "하은", "도윤", "수아", "예준", "지우",
  "Min-jun", "Seo-yeon", "Ji-ho", "Ha-eun", "Do-yoon", "Su-a", "Ye-jun", "Ji-woo",
  "Springfield",
};

static const char *restricted_zip3[] = {
  "000", "036", "059", "063", "102", "203", "556", "692", "790", "821",
  "823", "830", "831", "878", "879", "884", "890", "893",
};

/* The columns the row tests export: every generalised column a test
 * looks at and two answers, within VITA_EXPORT_MAX_COLUMNS.  A test that
 * needs others sets its own; the fixture puts these back. */
#define TEST_COLUMNS \
  "return_status,household_size,dependents_count,taxpayer.dob@age_band,spouse.dob@age_band," \
  "dependent1.dob@age_band,address.zip@zip3,spouse_death_year@year,marital_status,inc.wages"

static const char *test_columns = TEST_COLUMNS;

typedef struct
{
  char      *dir;
  VitaStore *store;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  test_columns = TEST_COLUMNS;
  f->dir = vita_test_make_tmpdir ();
  f->store = vita_test_create_store (f->dir, "coord", VITA_TEST_PASSPHRASE);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_assert_finalize_object (g_steal_pointer (&f->store));
  vita_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* ------------------------------------------------------------------ */
/* Running exports into memory                                         */
/* ------------------------------------------------------------------ */

static char *
stream_text (GOutputStream *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const char *data;

  g_output_stream_close (out, NULL, &error);
  g_assert_no_error (error);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  data = g_bytes_get_data (bytes, &len);
  g_assert_true (g_utf8_validate (data, len, NULL));
  return g_strndup (data, len);
}


static char *
export_rows (VitaStore         *store,
             VitaExportFormat   format,
             guint              k,
             gboolean           include_purged,
             VitaExportReport **report)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  VitaExportOptions opts = ID_HEADER_OPTIONS;

  opts.k = k;
  opts.include_purged = include_purged;
  opts.columns = test_columns;
  g_assert_true (vita_export_deidentified (store, format, out, &opts, report, &error));
  g_assert_no_error (error);
  return stream_text (out);
}

static char *
write_table (VitaExportTable  *table,
             VitaExportFormat  format)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (vita_export_table_write (table, format, out, NULL, &error));
  g_assert_no_error (error);
  return stream_text (out);
}

static char *
export_aggregates (VitaStore         *store,
                   guint              min_cell,
                   VitaExportReport **report)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_assert_true (vita_export_aggregates (store, out, min_cell, report, &error));
  g_assert_no_error (error);
  return stream_text (out);
}

static char *
export_aggregates_json (VitaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaExportTable) table = vita_export_prepare_aggregates (store, 0, &error);

  g_assert_no_error (error);
  return write_table (table, VITA_EXPORT_FORMAT_JSON);
}

/* ------------------------------------------------------------------ */
/* Reading files back                                                  */
/* ------------------------------------------------------------------ */

/* A small JSON reader: enough to check the export is well formed and to
 * get its cells back. */
typedef enum
{
  J_NULL,
  J_BOOL,
  J_NUMBER,
  J_STRING,
  J_ARRAY,
  J_OBJECT,
} JType;

typedef struct JNode JNode;
struct JNode
{
  JType      type;
  char      *str;    /* string, or the number's text */
  GPtrArray *items;  /* array items or object values */
  GPtrArray *keys;   /* object keys */
};

static void
jnode_free (JNode *node)
{
  if (node == NULL)
    return;
  g_free (node->str);
  if (node->items != NULL)
    g_ptr_array_unref (node->items);
  if (node->keys != NULL)
    g_ptr_array_unref (node->keys);
  g_free (node);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (JNode, jnode_free)

static void
skip_ws (const char **p)
{
  while (**p == ' ' || **p == '\n' || **p == '\r' || **p == '\t')
    (*p)++;
}

static JNode *parse_value (const char **p);

static char *
parse_string (const char **p)
{
  GString *s = g_string_new (NULL);

  if (**p != '"')
    goto fail;
  (*p)++;
  while (**p != '"')
    {
      if ((guchar) **p < 0x20)
        goto fail;
      if (**p == '\\')
        {
          (*p)++;
          switch (**p)
            {
            case '"': case '\\': case '/':
              g_string_append_c (s, **p);
              break;
            case 'n': g_string_append_c (s, '\n'); break;
            case 'r': g_string_append_c (s, '\r'); break;
            case 't': g_string_append_c (s, '\t'); break;
            case 'b': g_string_append_c (s, '\b'); break;
            case 'f': g_string_append_c (s, '\f'); break;
            case 'u':
              {
                char hex[5] = { 0 };
                for (int i = 0; i < 4; i++)
                  {
                    (*p)++;
                    if (!g_ascii_isxdigit (**p))
                      goto fail;
                    hex[i] = **p;
                  }
                g_string_append_unichar (s, (gunichar) g_ascii_strtoull (hex, NULL, 16));
              }
              break;
            default:
              goto fail;
            }
          (*p)++;
        }
      else
        g_string_append_c (s, *(*p)++);
    }
  (*p)++;
  return g_string_free (s, FALSE);

fail:
  g_string_free (s, TRUE);
  return NULL;
}

static JNode *
parse_value (const char **p)
{
  g_autoptr(JNode) node = g_new0 (JNode, 1);

  skip_ws (p);
  if (**p == '"')
    {
      node->type = J_STRING;
      node->str = parse_string (p);
      if (node->str == NULL)
        return NULL;
    }
  else if (**p == '[' || **p == '{')
    {
      gboolean object = **p == '{';
      char close = object ? '}' : ']';

      node->type = object ? J_OBJECT : J_ARRAY;
      node->items = g_ptr_array_new_with_free_func ((GDestroyNotify) jnode_free);
      node->keys = g_ptr_array_new_with_free_func (g_free);
      (*p)++;
      skip_ws (p);
      if (**p == close)
        {
          (*p)++;
          return g_steal_pointer (&node);
        }
      for (;;)
        {
          JNode *item;

          if (object)
            {
              char *key;

              skip_ws (p);
              key = parse_string (p);
              if (key == NULL)
                return NULL;
              g_ptr_array_add (node->keys, key);
              skip_ws (p);
              if (**p != ':')
                return NULL;
              (*p)++;
            }
          item = parse_value (p);
          if (item == NULL)
            return NULL;
          g_ptr_array_add (node->items, item);
          skip_ws (p);
          if (**p == ',')
            {
              (*p)++;
              continue;
            }
          if (**p != close)
            return NULL;
          (*p)++;
          break;
        }
    }
  else if (g_str_has_prefix (*p, "null"))
    {
      node->type = J_NULL;
      *p += 4;
    }
  else if (g_str_has_prefix (*p, "true") || g_str_has_prefix (*p, "false"))
    {
      node->type = J_BOOL;
      *p += **p == 't' ? 4 : 5;
    }
  else if (**p == '-' || g_ascii_isdigit (**p))
    {
      const char *start = *p;

      node->type = J_NUMBER;
      (*p)++;
      while (g_ascii_isdigit (**p) || **p == '.' || **p == 'e' || **p == 'E' || **p == '+' || **p == '-')
        (*p)++;
      node->str = g_strndup (start, *p - start);
    }
  else
    return NULL;
  return g_steal_pointer (&node);
}

static JNode *
parse_json (const char *text)
{
  const char *p = text;
  JNode *root = parse_value (&p);

  g_assert_nonnull (root);
  skip_ws (&p);
  g_assert_cmpint (*p, ==, '\0');
  return root;
}

static JNode *
jmember (JNode      *object,
         const char *key)
{
  g_assert_cmpint (object->type, ==, J_OBJECT);
  for (guint i = 0; i < object->keys->len; i++)
    if (g_str_equal (object->keys->pdata[i], key))
      return object->items->pdata[i];
  return NULL;
}

/* The JSON rows as the CSV parser gives them: header first, "" for null. */
static GPtrArray *
json_rows (JNode *root)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  JNode *columns = jmember (root, "columns");
  JNode *data = jmember (root, "rows");
  GPtrArray *header = g_ptr_array_new ();

  g_assert_nonnull (columns);
  g_assert_nonnull (data);
  for (guint i = 0; i < columns->items->len; i++)
    {
      JNode *c = columns->items->pdata[i];
      g_assert_cmpint (c->type, ==, J_STRING);
      g_ptr_array_add (header, g_strdup (c->str));
    }
  g_ptr_array_add (header, NULL);
  g_ptr_array_add (rows, g_ptr_array_free (header, FALSE));

  for (guint r = 0; r < data->items->len; r++)
    {
      JNode *row = data->items->pdata[r];
      GPtrArray *cells = g_ptr_array_new ();

      g_assert_cmpint (row->type, ==, J_ARRAY);
      g_assert_cmpuint (row->items->len, ==, columns->items->len);
      for (guint i = 0; i < row->items->len; i++)
        {
          JNode *v = row->items->pdata[i];

          g_assert_true (v->type == J_STRING || v->type == J_NULL);
          g_ptr_array_add (cells, g_strdup (v->type == J_STRING ? v->str : ""));
        }
      g_ptr_array_add (cells, NULL);
      g_ptr_array_add (rows, g_ptr_array_free (cells, FALSE));
    }
  return rows;
}

/* ------------------------------------------------------------------ */
/* What must never be in a file                                        */
/* ------------------------------------------------------------------ */

static gboolean
is_word_char_at (const char *p)
{
  return *p != '\0' && g_unichar_isalnum (g_utf8_get_char (p));
}

static gboolean
contains_word (const char *text,
               const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (text, word); p != NULL; p = strstr (p + 1, word))
    {
      gboolean left = p == text || !is_word_char_at (g_utf8_find_prev_char (text, p));
      gboolean right = !is_word_char_at (p + len);

      if (left && right)
        return TRUE;
    }
  return FALSE;
}

static void
assert_no_identity (const char *text,
                    GPtrArray  *suffixes)
{
  g_autoptr(GHashTable) tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_null (strstr (text, "MRK"));
  g_assert_null (strstr (text, "W7LEAK"));
  /* TINs (nine digits), phone numbers and five-digit ZIP codes. */
  g_assert_false (g_regex_match_simple ("[0-9]{5,}", text, 0, 0));
  /* Any full date, a date of birth among them. */
  g_assert_false (g_regex_match_simple ("[0-9]{4}-[0-9]{2}-[0-9]{2}", text, 0, 0));
  g_assert_false (g_regex_match_simple ("[0-9]{1,2}/[0-9]{1,2}/[0-9]{4}", text, 0, 0));
  g_assert_null (strstr (text, "needs_itin"));
  g_assert_null (strstr (text, "renew_itin"));
  g_assert_null (strstr (text, "example.org"));

  for (guint i = 0; i < G_N_ELEMENTS (synthetic_names); i++)
    if (contains_word (text, synthetic_names[i]))
      g_error ("the name %s is in an export", synthetic_names[i]);

  /* The random part of each marker, in case a prefix got cut off. */
  for (const char *p = text; *p != '\0';)
    {
      const char *start = p;

      while (g_ascii_isalnum (*p))
        p++;
      if (p > start)
        g_hash_table_add (tokens, g_strndup (start, p - start));
      else
        p++;
    }
  for (guint i = 0; suffixes != NULL && i < suffixes->len; i++)
    g_assert_false (g_hash_table_contains (tokens, suffixes->pdata[i]));
}

/* ------------------------------------------------------------------ */
/* Checking a row export                                               */
/* ------------------------------------------------------------------ */

/* Every column but the row number is part of the tuple: anyone may know
 * any answer of a household (issue 17). */
static gboolean
column_is_qi (const char *name)
{
  return !g_str_equal (name, "row");
}

/* The test's own allow-list: every column must be explainable from the
 * catalogue, independently of how the export builds its header. */
static void
assert_column_allowed (const char *name)
{
  g_autofree char *id = NULL;
  const char *dot;
  const char *at;
  const VitaField *field;

  if (g_str_equal (name, "row") || g_str_equal (name, "return_status")
      || g_str_equal (name, "household_size") || g_str_equal (name, "dependents_count"))
    return;

  id = g_strdup (name);
  if (g_str_has_prefix (id, "taxpayer.") || g_str_has_prefix (id, "spouse.")
      || (g_str_has_prefix (id, "dependent") && g_ascii_isdigit (id[9])))
    {
      dot = strchr (id, '.');
      memmove (id, dot + 1, strlen (dot + 1) + 1);
    }
  at = strchr (id, '@');
  if (at != NULL)
    id[at - id] = '\0';
  at = strchr (name, '@');

  g_assert_false (g_str_has_prefix (id, "w7."));
  g_assert_false (g_str_has_prefix (id, "doc."));
  g_assert_cmpstr (id, !=, "tin");
  g_assert_cmpstr (id, !=, "tin_type");
  field = vita_field_lookup (id);
  if (field == NULL)
    g_error ("column %s is not a catalogue field", name);
  g_assert_cmpint (field->klass, !=, VITA_FIELD_CLASS_FREE_TEXT);
  g_assert_cmpint (field->klass, !=, VITA_FIELD_CLASS_SENSITIVE);
  if (at == NULL)
    {
      g_assert_cmpint (field->klass, ==, VITA_FIELD_CLASS_SAFE);
      g_assert_cmpint (field->export_rule, ==, VITA_EXPORT_KEEP);
    }
  else if (g_str_equal (at, "@age_band"))
    g_assert_cmpint (field->export_rule, ==, VITA_EXPORT_AGE_BAND);
  else if (g_str_equal (at, "@zip3"))
    g_assert_cmpint (field->export_rule, ==, VITA_EXPORT_ZIP3);
  else if (g_str_equal (at, "@year"))
    g_assert_cmpint (field->export_rule, ==, VITA_EXPORT_YEAR_ONLY);
  else
    g_error ("unknown generalisation in %s", name);
}

static void
assert_qi_value (const char *name,
                 const char *value)
{
  static const char *ages[] = { "", "*", "0-17", "18-24", "25-34", "35-44", "45-54", "55-64",
                                "65+", "18-34", "35-54", "55+", "18+" };

  if (g_str_has_suffix (name, "@age_band"))
    {
      for (guint i = 0; i < G_N_ELEMENTS (ages); i++)
        if (g_str_equal (value, ages[i]))
          return;
      g_error ("%s has the value %s", name, value);
    }
  if (g_str_has_suffix (name, "@zip3"))
    {
      if (*value == '\0' || g_str_equal (value, "*"))
        return;
      g_assert_true (g_regex_match_simple ("^[0-9]{3}$", value, 0, 0));
      for (guint i = 0; i < G_N_ELEMENTS (restricted_zip3); i++)
        g_assert_cmpstr (value, !=, restricted_zip3[i]);
    }
}

/* Checks one export and returns its number of rows. */
static guint
assert_rows_export (GPtrArray *rows,
                    guint      k)
{
  char **header = rows->pdata[0];
  guint n_columns = g_strv_length (header);
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) zip_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key, value;
  gboolean has_age = FALSE, has_zip = FALSE;

  g_assert_cmpstr (header[0], ==, "row");
  for (guint c = 0; c < n_columns; c++)
    {
      assert_column_allowed (header[c]);
      has_age |= g_str_has_suffix (header[c], "@age_band");
      has_zip |= g_str_has_suffix (header[c], "@zip3");
    }
  /* Generalised values are exported, not just dropped. */
  g_assert_true (has_age);
  g_assert_true (has_zip);

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      GString *tuple = g_string_new (NULL);
      g_autofree char *number = g_strdup_printf ("%u", r);

      g_assert_cmpuint (g_strv_length (row), ==, n_columns);
      g_assert_cmpstr (row[0], ==, number);
      for (guint c = 0; c < n_columns; c++)
        {
          if (!column_is_qi (header[c]))
            continue;
          assert_qi_value (header[c], row[c]);
          g_string_append_printf (tuple, "%s\x1f", row[c]);
          if (g_str_has_suffix (header[c], "@zip3") && g_ascii_isdigit (row[c][0]))
            g_hash_table_insert (zip_counts, g_strdup (row[c]),
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (zip_counts, row[c])) + 1));
        }
      key = g_string_free (tuple, FALSE);
      g_hash_table_insert (groups, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (groups, key)) + 1));
    }

  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (value), >=, k);
  g_hash_table_iter_init (&iter, zip_counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_cmpuint (GPOINTER_TO_UINT (value), >=, k);
  return rows->len - 1;
}

static guint
column_index (char      **header,
              const char *name)
{
  for (guint c = 0; header[c] != NULL; c++)
    if (g_str_equal (header[c], name))
      return c;
  g_error ("no column %s", name);
  return 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Two exports of the same store: nothing lines up except the header and
 * the local row numbers. */
static void
assert_not_linkable (GPtrArray *a,
                     GPtrArray *b)
{
  char **header = a->pdata[0];
  guint n_columns = g_strv_length (header);
  guint n = a->len - 1;
  gboolean order_differs = FALSE;

  g_assert_true (g_strv_equal ((const char * const *) header, b->pdata[0]));
  g_assert_cmpuint (a->len, ==, b->len);

  for (guint r = 1; r <= n && !order_differs; r++)
    {
      char **ra = a->pdata[r], **rb = b->pdata[r];

      for (guint c = 1; c < n_columns && !order_differs; c++)
        order_differs = !g_str_equal (ra[c], rb[c]);
    }
  g_assert_true (order_differs);

  /* The same rows, only in another order: what is generalised and what
   * is left out depends on the store, never on the shuffle. */
  {
    g_autoptr(GPtrArray) ta = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GPtrArray) tb = g_ptr_array_new_with_free_func (g_free);

    for (guint r = 1; r <= n; r++)
      {
        g_ptr_array_add (ta, g_strjoinv ("\x1f", ((char **) a->pdata[r]) + 1));
        g_ptr_array_add (tb, g_strjoinv ("\x1f", ((char **) b->pdata[r]) + 1));
      }
    g_ptr_array_sort (ta, compare_strings);
    g_ptr_array_sort (tb, compare_strings);
    for (guint r = 0; r < n; r++)
      g_assert_cmpstr (ta->pdata[r], ==, tb->pdata[r]);
  }

  for (guint c = 1; c < n_columns; c++)
    {
      g_autoptr(GHashTable) distinct = g_hash_table_new (g_str_hash, g_str_equal);
      gboolean same = TRUE;

      for (guint r = 1; r <= n; r++)
        {
          char **ra = a->pdata[r], **rb = b->pdata[r];

          g_hash_table_add (distinct, ra[c]);
          same &= g_str_equal (ra[c], rb[c]);
        }
      /* No column can serve as an identifier... */
      g_assert_cmpuint (g_hash_table_size (distinct), <, n);
      /* ...and none that varies comes out in the same order twice. */
      if (g_hash_table_size (distinct) > 1)
        g_assert_false (same);
    }
}

/* ------------------------------------------------------------------ */
/* Checking the aggregates                                             */
/* ------------------------------------------------------------------ */

static gboolean
cell_withheld (const char *count,
               guint       k)
{
  g_autofree char *small = g_strdup_printf ("<%u", k);

  return g_str_equal (count, small) || g_str_equal (count, "*");
}

/* Returns: table -> category -> count text */
static GHashTable *
assert_aggregates (GPtrArray *rows,
                   guint      k)
{
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                              (GDestroyNotify) g_hash_table_unref);
  char **header = rows->pdata[0];
  guint n_itin = 0;

  g_assert_cmpuint (g_strv_length (header), ==, 4);
  g_assert_cmpstr (header[0], ==, "table");
  g_assert_cmpstr (header[3], ==, "count");

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      GHashTable *cells;
      g_autofree char *table_id = g_ascii_strdown (row[0], -1);
      g_autofree char *category = g_ascii_strdown (row[1], -1);

      g_assert_cmpuint (g_strv_length (row), ==, 4);
      /* No cell below k is shown. */
      if (!cell_withheld (row[3], k))
        {
          guint64 n = 0;
          g_assert_true (g_ascii_string_to_unsigned (row[3], 10, 0, G_MAXUINT, &n, NULL));
          g_assert_cmpuint (n, >=, k);
        }

      /* The ITIN applications are one number; nothing else is about ITINs,
       * W-7s or the TIN type. */
      if (strstr (table_id, "itin") != NULL || strstr (table_id, "w7") != NULL)
        {
          n_itin++;
          g_assert_cmpstr (row[0], ==, "itin_applications");
          g_assert_cmpstr (row[1], ==, "all");
        }
      else
        {
          if (strstr (category, "itin") != NULL || strstr (category, "w7") != NULL
              || strstr (category, "ssn") != NULL || strstr (category, "tin_type") != NULL
              || g_str_has_prefix (category, "doc.") || strstr (table_id, "tin") != NULL
              || strstr (table_id, "ssn") != NULL || strstr (table_id, "doc") != NULL)
            g_error ("the statistics have a cell %s/%s", row[0], row[1]);
        }

      cells = g_hash_table_lookup (tables, row[0]);
      if (cells == NULL)
        {
          cells = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
          g_hash_table_insert (tables, g_strdup (row[0]), cells);
        }
      g_assert_false (g_hash_table_contains (cells, row[1]));
      g_hash_table_insert (cells, g_strdup (row[1]), g_strdup (row[3]));
    }
  g_assert_cmpuint (n_itin, ==, 1);
  return tables;
}

static guint
count_withheld (GHashTable *cells,
                guint       k)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&iter, cells);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += cell_withheld (value, k);
  return n;
}

static const char *
agg_cell (GHashTable *tables,
          const char *table,
          const char *category)
{
  GHashTable *cells = g_hash_table_lookup (tables, table);
  const char *v;

  g_assert_nonnull (cells);
  v = g_hash_table_lookup (cells, category);
  g_assert_nonnull (v);
  return v;
}

/* Complementary suppression: no relation between published numbers has
 * exactly one withheld cell, which could be solved for. */
static void
assert_complementary (GHashTable *tables,
                      guint       k)
{
  static const char *one_way[] = { "language", "return_status", "filing_outcome", "marital_status" };
  static const char *open[] = { "intake", "preparing", "quality_review" };
  static const char *closed[][2] = { { "filed_pending", "filed" }, { "accepted", "accepted" },
                                     { "rejected", "rejected" }, { "not_filing", "not_filing" } };
  GHashTable *yes = g_hash_table_lookup (tables, "answered_yes");
  GHashTable *no = g_hash_table_lookup (tables, "answered_no_or_blank");
  gboolean total_withheld = cell_withheld (agg_cell (tables, "households", "all"), k);
  GHashTableIter iter;
  gpointer key, value;
  guint n_open;

  for (guint i = 0; i < G_N_ELEMENTS (one_way); i++)
    {
      guint n = count_withheld (g_hash_table_lookup (tables, one_way[i]), k);
      g_assert_true (n != 1 || total_withheld);
    }

  n_open = cell_withheld (agg_cell (tables, "filing_outcome", "not_yet_filed"), k);
  for (guint i = 0; i < G_N_ELEMENTS (open); i++)
    n_open += cell_withheld (agg_cell (tables, "return_status", open[i]), k);
  g_assert_cmpuint (n_open, !=, 1);

  for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
    g_assert_cmpint (cell_withheld (agg_cell (tables, "filing_outcome", closed[i][0]), k), ==,
                     cell_withheld (agg_cell (tables, "return_status", closed[i][1]), k));

  g_assert_nonnull (yes);
  g_assert_nonnull (no);
  g_assert_cmpuint (g_hash_table_size (yes), ==, g_hash_table_size (no));
  g_hash_table_iter_init (&iter, yes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_assert_true (total_withheld
                   || cell_withheld (value, k) == cell_withheld (g_hash_table_lookup (no, key), k));
}

/* ------------------------------------------------------------------ */
/* The property test                                                   */
/* ------------------------------------------------------------------ */

static char *
random_suffix (GRand *rand)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  char s[11];

  for (guint i = 0; i < 10; i++)
    s[i] = alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)];
  s[10] = '\0';
  return g_strdup (s);
}

/* Every W-7 and document answer, with values a leak would show: markers,
 * full dates and nine-digit numbers. */
static void
fill_w7 (VitaHousehold *hh,
         int            person,
         const char    *marker,
         guint          index,
         gboolean       all)
{
  const VitaField *fields;
  guint n_fields = 0;

  fields = vita_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const VitaField *f = &fields[i];
      g_autofree char *value = NULL;

      if (!g_str_has_prefix (f->id, "w7.") && !g_str_has_prefix (f->id, "doc."))
        continue;
      if (!all && i % 11 != index % 11)
        continue;
      if (f->type == VITA_FIELD_DATE)
        value = g_strdup_printf ("19%02u-%02u-%02u", 50 + index % 40, 1 + index % 12, 1 + index % 28);
      else if (f->type == VITA_FIELD_TIN)
        value = g_strdup_printf ("9%02u7%05u", index % 100, index);
      else if (f->type == VITA_FIELD_YES_NO)
        value = g_strdup ("yes");
      else
        value = g_strdup_printf ("W-7 %s", marker);
      vita_household_set (hh, person, f->id, value);
    }
}

static VitaHousehold *
marked_household (GRand      *rand,
                  guint       index,
                  GPtrArray  *suffixes)
{
  g_autofree char *suffix = random_suffix (rand);
  g_autofree char *marker = g_strdup_printf ("MRK%u%s", index, suffix);
  g_autofree char *email = g_strdup_printf ("%s@example.org", marker);
  VitaHousehold *hh = vita_synthetic_household (rand, index, marker);
  g_autoptr(GArray) persons = vita_household_list_persons (hh);
  static const char *household_text[] = {
    "address.apt", "notes", "vinc.notes", "vexp.notes", "vevt.notes", "vexp.itemized_notes",
    "refund_other_explain", "vevt.disallowed.reason", "vevt.vin", "mystery.field",
  };

  g_ptr_array_add (suffixes, g_strdup (suffix));

  for (guint i = 0; i < persons->len; i++)
    {
      int p = g_array_index (persons, int, i);

      vita_household_set (hh, p, "middle_name", marker);
      vita_household_set (hh, p, "alt_romanization", marker);
      vita_household_set (hh, p, "email", email);
      vita_household_set (hh, p, "job_title", marker);
      vita_household_set (hh, p, "employer.name", marker);
      vita_household_set (hh, p, "bank.account", "123456789012");
      /* Every W-7 answer for a quarter of the applicants (hundreds of
       * people), a rotating eleventh of them for everyone else: enough to
       * cover every field many times without a slow test. */
      fill_w7 (hh, p, marker, index, vita_household_person_needs_itin (hh, p) && index % 4 == 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (household_text); i++)
    vita_household_set (hh, VITA_PERSON_HOUSEHOLD, household_text[i], marker);

  /* Wrong values in allowed fields must not ride along. */
  if (index % 50 == 0)
    {
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "marital_status", marker);
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.tips", marker);
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages.jobs", "123456789");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "vinc.w2.count", "02139");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "vevt.disallowed.year", marker);
    }
  /* Generalised-looking keys in a live record are checked too. */
  if (index % 97 == 0)
    {
      vita_household_set (hh, VITA_PERSON_TAXPAYER, "dob", NULL);
      vita_household_set (hh, VITA_PERSON_TAXPAYER, "dob@age_band", marker);
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.zip", NULL);
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.zip@zip3", "02139");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "spouse_death_year@year", "1999-04-01");
    }
  return hh;
}

static void
add_users (VitaStore *store)
{
  g_autoptr(GError) error = NULL;
  VitaKdfParams params;

  vita_kdf_params_minimum (&params);
  vita_store_add_user (store, "vol", "A Volunteer", VITA_ROLE_VOLUNTEER, "volunteer tulip river 7", &params, &error);
  g_assert_no_error (error);
  vita_store_add_user (store, "rev", "A Reviewer", VITA_ROLE_REVIEWER, "reviewer granite owl 9", &params, &error);
  g_assert_no_error (error);
}

static void
assert_refused (VitaStore  *store,
                const char *user,
                const char *passphrase)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(VitaExportReport) report = NULL;
  VitaExportOptions opts = ID_HEADER_OPTIONS;

  vita_store_lock (store);
  vita_store_unlock (store, user, passphrase, &error);
  g_assert_no_error (error);

  g_assert_false (vita_export_deidentified (store, VITA_EXPORT_FORMAT_CSV, out, &opts, &report, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_assert_null (report);
  g_clear_error (&error);
  g_assert_false (vita_export_deidentified (store, VITA_EXPORT_FORMAT_JSON, out, NULL, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (vita_export_aggregates (store, out, 0, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (vita_export_prepare (store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_null (vita_export_prepare_aggregates (store, 0, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  /* Not one byte went out. */
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);

  vita_store_lock (store);
  vita_store_unlock (store, "coord", VITA_TEST_PASSPHRASE, &error);
  g_assert_no_error (error);
}

static guint
count_export_audits (VitaStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = vita_store_list_audit (store, 0, 0, 0, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      VitaAuditEntry *e = g_ptr_array_index (entries, i);

      if (!g_str_equal (e->action, "export"))
        continue;
      n++;
      g_assert_cmpint (e->household_id, ==, 0);
      g_assert_true (g_regex_match_simple ("^(deidentified|aggregates) (csv|json) rows=[0-9]+$",
                                           e->detail, 0, 0));
    }
  return n;
}

static void
test_property (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (g_test_rand_int ());
  g_autoptr(GPtrArray) suffixes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaExportReport) report = NULL;
  g_autofree char *csv1 = NULL, *csv2 = NULL, *json = NULL;
  g_autofree char *csv_purged = NULL;
  g_autofree char *agg = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) rows1 = NULL, rows2 = NULL, rows_json = NULL, rows_purged = NULL;
  g_autoptr(GPtrArray) agg_rows = NULL;
  g_autoptr(GHashTable) tables = NULL;
  g_autoptr(JNode) root = NULL;
  guint audits_before;

  add_users (f->store);

  g_test_timer_start ();
  for (guint i = 0; i < N_HOUSEHOLDS; i++)
    {
      g_ptr_array_add (batch, marked_household (rand, i, suffixes));
      if (batch->len == 500 || i == N_HOUSEHOLDS - 1)
        {
          vita_store_save_households (f->store, batch, &error);
          g_assert_no_error (error);
          for (guint j = 0; j < batch->len; j++)
            {
              gint64 id = vita_household_get_id (g_ptr_array_index (batch, j));
              g_array_append_val (ids, id);
            }
          g_ptr_array_set_size (batch, 0);
        }
    }
  for (guint i = 0; i < N_PURGED; i++)
    {
      vita_store_purge_household (f->store, g_array_index (ids, gint64, i * 401), &error);
      g_assert_no_error (error);
    }

  g_test_message ("saved %u households and purged %u in %.1f s", N_HOUSEHOLDS, N_PURGED,
                  g_test_timer_elapsed ());
  audits_before = count_export_audits (f->store);
  g_test_timer_start ();

  /* Live households: one prepared table written as CSV and as JSON (the
   * way the GUI shows the report between the two steps), and a second,
   * separate CSV export to compare with. */
  {
    VitaExportOptions opts = ID_HEADER_OPTIONS;
    g_autoptr(VitaExportTable) table = NULL;

    opts.k = K;
    opts.columns = test_columns;
    table = vita_export_prepare (f->store, &opts, &error);
    g_assert_no_error (error);
    report = vita_export_report_copy (vita_export_table_get_report (table));
    csv1 = write_table (table, VITA_EXPORT_FORMAT_CSV);
    json = write_table (table, VITA_EXPORT_FORMAT_JSON);
  }
  csv2 = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  /* Purged households too: their safe answers and kept bands. */
  csv_purged = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, TRUE, NULL);
  agg = export_aggregates (f->store, 0, NULL);
  g_test_message ("four exports (five files) in %.1f s", g_test_timer_elapsed ());
  g_test_timer_start ();

  assert_no_identity (csv1, suffixes);
  assert_no_identity (csv2, suffixes);
  assert_no_identity (json, suffixes);
  assert_no_identity (csv_purged, suffixes);
  assert_no_identity (agg, suffixes);

  rows1 = vita_test_parse_csv (csv1);
  rows2 = vita_test_parse_csv (csv2);
  g_assert_cmpuint (assert_rows_export (rows1, K), ==, vita_export_report_get_n_written (report));
  g_assert_cmpuint (assert_rows_export (rows2, K), ==, vita_export_report_get_n_written (report));
  g_assert_cmpuint (vita_export_report_get_n_written (report) + vita_export_report_get_n_suppressed (report),
                    ==, N_HOUSEHOLDS - N_PURGED);
  assert_not_linkable (rows1, rows2);

  root = parse_json (json);
  g_assert_cmpstr (jmember (root, "k")->str, ==, "5");
  rows_json = json_rows (root);
  g_assert_true (g_strv_equal ((const char * const *) rows_json->pdata[0], rows1->pdata[0]));
  g_assert_cmpuint (assert_rows_export (rows_json, K), ==, vita_export_report_get_n_written (report));
  g_clear_pointer (&root, jnode_free);

  rows_purged = vita_test_parse_csv (csv_purged);
  g_assert_cmpuint (assert_rows_export (rows_purged, K), <=, N_HOUSEHOLDS);
  g_assert_cmpuint (assert_rows_export (rows_purged, K), >=, N_HOUSEHOLDS / 2);

  /* The report the coordinator sees matches the file. */
  g_assert_cmpuint (vita_export_report_get_kind (report), ==, VITA_EXPORT_REPORT_ROWS);
  g_assert_cmpuint (vita_export_report_get_n_rows (report), ==, N_HOUSEHOLDS - N_PURGED);
  g_assert_cmpuint (vita_export_report_get_k (report), ==, K);
  g_assert_cmpuint (vita_export_report_get_min_group_size (report), >=, K);
  g_assert_cmpuint (vita_export_report_get_n_items (report), >, 0);
  {
    /* Most synthetic ZIP areas are too small for k = 5. */
    const VitaExportReportItem *zip = NULL;

    for (guint i = 0; i < vita_export_report_get_n_items (report); i++)
      if (g_str_equal (vita_export_report_get_item (report, i)->name, "address.zip@zip3"))
        zip = vita_export_report_get_item (report, i);
    g_assert_nonnull (zip);
    g_assert_cmpuint (zip->n_suppressed, >, 0);
  }
  text = vita_export_report_to_text (report);
  g_assert_nonnull (strstr (text, "ZIP code (first 3 digits)"));
  assert_no_identity (text, suffixes);
  g_test_message ("%s", text);

  agg_rows = vita_test_parse_csv (agg);
  tables = assert_aggregates (agg_rows, K);
  assert_complementary (tables, K);
  g_assert_cmpstr (agg_cell (tables, "households", "all"), ==, G_STRINGIFY (N_HOUSEHOLDS));

  g_test_message ("checks in %.1f s", g_test_timer_elapsed ());

  /* One audit entry per file, with no value in it. */
  g_assert_cmpuint (count_export_audits (f->store), ==, audits_before + 5);

  assert_refused (f->store, "vol", "volunteer tulip river 7");
  assert_refused (f->store, "rev", "reviewer granite owl 9");
  g_assert_cmpuint (count_export_audits (f->store), ==, audits_before + 5);
}

/* ------------------------------------------------------------------ */
/* Smaller cases                                                       */
/* ------------------------------------------------------------------ */

static VitaHousehold *
plain_household (const char *dob,
                 const char *zip)
{
  VitaHousehold *hh = vita_household_new ();

  vita_household_set_tax_year (hh, 2025);
  vita_household_set_language (hh, "es");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "first_name", "Ana");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "last_name", "García López");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "dob", dob);
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "tin_type", "itin");
  vita_household_set (hh, VITA_PERSON_TAXPAYER, "tin", "912781234");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.zip", zip);
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "marital_status", "never_married");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "inc.wages", "yes");
  return hh;
}

static void
save (VitaStore     *store,
      VitaHousehold *hh)
{
  g_autoptr(GError) error = NULL;

  vita_store_save_household (store, hh, &error);
  g_assert_no_error (error);
}

static GHashTable *
group_sizes (GPtrArray *rows)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char **header = rows->pdata[0];

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      GString *tuple = g_string_new (NULL);
      char *key;

      for (guint c = 0; header[c] != NULL; c++)
        if (column_is_qi (header[c]))
          g_string_append_printf (tuple, "%s\x1f", row[c]);
      key = g_string_free (tuple, FALSE);
      g_hash_table_insert (groups, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (groups, key)) + 1));
    }
  return groups;
}

/* Eleven alike and one household that is unique on every quasi-
 * identifier: its cells must go, and the report must say so. */
static void
test_unique_tuple_suppressed (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(VitaHousehold) odd = plain_household ("1950-01-01", "60614");
  g_autoptr(VitaExportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  GHashTableIter iter;
  gpointer size;
  guint age, zip, spouse, deps, n_star = 0, n_plain = 0;
  const VitaExportReportItem *age_item = NULL, *zip_item = NULL;

  for (guint i = 0; i < 11; i++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
      save (f->store, hh);
    }
  vita_household_add_spouse (odd);
  vita_household_set (odd, VITA_PERSON_SPOUSE, "dob", "1952-02-02");
  for (guint i = 0; i < 3; i++)
    {
      int p = vita_household_add_dependent (odd);
      vita_household_set (odd, p, "dob", "2015-03-03");
    }
  save (f->store, odd);

  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, &report);
  assert_no_identity (csv, NULL);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), ==, 11);
  age = column_index (rows->pdata[0], "taxpayer.dob@age_band");
  zip = column_index (rows->pdata[0], "address.zip@zip3");
  spouse = column_index (rows->pdata[0], "spouse.dob@age_band");
  deps = column_index (rows->pdata[0], "dependents_count");

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];

      /* Nothing of the odd household's tuple shows: its row is left
       * out, and the others are written as they are. */
      g_assert_cmpstr (row[age], !=, "65+");
      g_assert_cmpstr (row[zip], !=, "606");
      g_assert_cmpstr (row[spouse], !=, "65+");
      g_assert_cmpstr (row[deps], !=, "3");
      if (g_str_equal (row[age], "*"))
        n_star++;
      else
        {
          n_plain++;
          g_assert_cmpstr (row[age], ==, "35-44");
          g_assert_cmpstr (row[zip], ==, "021");
          g_assert_cmpstr (row[deps], ==, "0");
        }
      /* Safe answers stay, identity does not. */
      g_assert_cmpstr (row[column_index (rows->pdata[0], "inc.wages")], ==, "yes");
    }
  g_assert_cmpuint (n_star, ==, 0);
  g_assert_cmpuint (n_plain, ==, 11);

  groups = group_sizes (rows);
  g_assert_cmpuint (g_hash_table_size (groups), ==, 1);
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &size))
    g_assert_cmpuint (GPOINTER_TO_UINT (size), ==, 11);

  g_assert_cmpuint (vita_export_report_get_min_group_size (report), ==, 11);
  g_assert_cmpuint (vita_export_report_get_n_suppressed (report), ==, 1);
  g_assert_cmpuint (vita_export_report_get_n_written (report), ==, 11);
  for (guint i = 0; i < vita_export_report_get_n_items (report); i++)
    {
      const VitaExportReportItem *item = vita_export_report_get_item (report, i);

      if (g_str_equal (item->name, "taxpayer.dob@age_band"))
        age_item = item;
      else if (g_str_equal (item->name, "address.zip@zip3"))
        zip_item = item;
    }
  g_assert_nonnull (age_item);
  g_assert_nonnull (zip_item);
  /* Counted over the rows written only. */
  g_assert_cmpuint (age_item->n_suppressed, ==, 0);
  g_assert_cmpuint (zip_item->n_suppressed, ==, 0);
  text = vita_export_report_to_text (report);
  /* The summary names columns by their readable header, not the id. */
  g_assert_nonnull (strstr (text, "Taxpayer: Date of birth (age band)"));
  g_assert_null (strstr (text, "taxpayer.dob@age_band"));
  g_assert_nonnull (strstr (text, "Rows written: 11."));
}

/* A table that is already k-anonymous passes unchanged. */
static void
test_no_change_needed (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(VitaExportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
      save (f->store, hh);
    }
  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, &report);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), ==, 6);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];
      g_assert_cmpstr (row[column_index (rows->pdata[0], "address.zip@zip3")], ==, "021");
      g_assert_cmpstr (row[column_index (rows->pdata[0], "taxpayer.dob@age_band")], ==, "35-44");
      g_assert_cmpstr (row[column_index (rows->pdata[0], "household_size")], ==, "1");
      g_assert_cmpstr (row[column_index (rows->pdata[0], "spouse.dob@age_band")], ==, "");
      g_assert_cmpstr (row[column_index (rows->pdata[0], "marital_status")], ==, "never_married");
    }
  g_assert_cmpuint (vita_export_report_get_min_group_size (report), ==, 6);
  for (guint i = 0; i < vita_export_report_get_n_items (report); i++)
    {
      g_assert_cmpuint (vita_export_report_get_item (report, i)->n_suppressed, ==, 0);
      g_assert_cmpuint (vita_export_report_get_item (report, i)->n_generalised, ==, 0);
    }
  text = vita_export_report_to_text (report);
  g_assert_nonnull (strstr (text, "No value needed changing."));
}

/* Two age groups of three: with k = 5 neither may stand, and the coarser
 * band (or withholding) has to join them. */
static void
test_generalises_before_withholding (Fixture       *f,
                                     gconstpointer  data)
{
  g_autoptr(VitaExportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  guint age;
  guint generalised = 0;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VitaHousehold) a = plain_household ("1996-05-05", "02139");  /* 29: 25-34 */
      g_autoptr(VitaHousehold) b = plain_household ("2004-05-05", "02139");  /* 21: 18-24 */
      save (f->store, a);
      save (f->store, b);
    }
  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, &report);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), ==, 6);
  age = column_index (rows->pdata[0], "taxpayer.dob@age_band");
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = rows->pdata[r];

      g_assert_cmpstr (row[age], !=, "25-34");
      g_assert_cmpstr (row[age], !=, "18-24");
      generalised += g_str_equal (row[age], "18-34");
    }
  /* Both halves meet at 18-34 rather than losing the age entirely. */
  g_assert_cmpuint (generalised, ==, 6);
  for (guint i = 0; i < vita_export_report_get_n_items (report); i++)
    if (g_str_equal (vita_export_report_get_item (report, i)->name, "taxpayer.dob@age_band"))
      g_assert_cmpuint (vita_export_report_get_item (report, i)->n_generalised, ==, 6);
}

/* A sparsely populated ZIP area never shows, however many households
 * share it; a populous one with k households does. */
static void
test_restricted_zip3 (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  guint zip, n_star = 0, n_shown = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(VitaHousehold) sparse = plain_household ("1985-05-05", "03601");
      g_autoptr(VitaHousehold) city = plain_household ("1985-05-05", "02139");
      save (f->store, sparse);
      save (f->store, city);
    }
  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), ==, 12);
  zip = column_index (rows->pdata[0], "address.zip@zip3");
  for (guint r = 1; r < rows->len; r++)
    {
      const char *v = ((char **) rows->pdata[r])[zip];

      g_assert_cmpstr (v, !=, "036");
      n_star += g_str_equal (v, "*");
      n_shown += g_str_equal (v, "021");
    }
  g_assert_cmpuint (n_star, ==, 6);
  g_assert_cmpuint (n_shown, ==, 6);
}

/* Not one W-7 or document answer leaves, in any form. */
static void
test_no_w7_field_leaves (Fixture       *f,
                         gconstpointer  data)
{
  const VitaField *fields;
  guint n_fields = 0;
  g_autofree char *csv = NULL, *json = NULL, *agg = NULL, *agg_json = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(JNode) root = NULL;
  guint n_w7 = 0;

  fields = vita_fields_get_all (&n_fields);
  for (guint h = 0; h < 8; h++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");

      vita_household_set (hh, VITA_PERSON_TAXPAYER, "tin_type", h % 2 ? "needs_itin" : "renew_itin");
      for (guint i = 0; i < n_fields; i++)
        {
          g_autofree char *value = NULL;

          if (!g_str_has_prefix (fields[i].id, "w7.") && !g_str_has_prefix (fields[i].id, "doc."))
            continue;
          value = g_strdup_printf ("W7LEAK %s", fields[i].id);
          vita_household_set (hh, VITA_PERSON_TAXPAYER, fields[i].id, value);
          n_w7 += h == 0;
        }
      save (f->store, hh);
    }
  g_assert_cmpuint (n_w7, >, 50);

  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, TRUE, NULL);
  json = export_rows (f->store, VITA_EXPORT_FORMAT_JSON, K, TRUE, NULL);
  agg = export_aggregates (f->store, K, NULL);
  agg_json = export_aggregates_json (f->store);
  assert_no_identity (csv, NULL);
  assert_no_identity (json, NULL);
  assert_no_identity (agg, NULL);
  assert_no_identity (agg_json, NULL);

  rows = vita_test_parse_csv (csv);
  for (char **h = rows->pdata[0]; *h != NULL; h++)
    for (guint i = 0; i < n_fields; i++)
      if (g_str_has_prefix (fields[i].id, "w7.") || g_str_has_prefix (fields[i].id, "doc.")
          || g_str_has_prefix (fields[i].id, "tin"))
        g_assert_null (strstr (*h, fields[i].id));
  root = parse_json (json);
  g_assert_cmpuint (jmember (root, "columns")->items->len, ==, g_strv_length (rows->pdata[0]));
  g_clear_pointer (&root, jnode_free);
  root = parse_json (agg_json);
  g_assert_cmpstr (jmember (root, "min_cell")->str, ==, "5");
  g_assert_cmpuint (jmember (root, "tables")->items->len, >, 5);

  /* The applications are counted, once, and only when k allows. */
  {
    g_autoptr(GPtrArray) agg_rows = vita_test_parse_csv (agg);
    g_autoptr(GHashTable) tables = assert_aggregates (agg_rows, K);

    g_assert_cmpstr (agg_cell (tables, "itin_applications", "all"), ==, "8");
  }
}

static void
test_include_purged (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) live = NULL, all = NULL;
  g_autofree char *csv_live = NULL, *csv_all = NULL;
  guint age, zip, wages;

  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
      gint64 id;

      save (f->store, hh);
      id = vita_household_get_id (hh);
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < 5; i++)
    {
      vita_store_purge_household (f->store, g_array_index (ids, gint64, i), &error);
      g_assert_no_error (error);
    }

  csv_live = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  csv_all = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, TRUE, NULL);
  assert_no_identity (csv_all, NULL);
  live = vita_test_parse_csv (csv_live);
  all = vita_test_parse_csv (csv_all);
  g_assert_cmpuint (assert_rows_export (live, K), ==, 5);
  g_assert_cmpuint (assert_rows_export (all, K), ==, 10);

  /* Purged rows carry the band and ZIP area the purge kept. */
  age = column_index (all->pdata[0], "taxpayer.dob@age_band");
  zip = column_index (all->pdata[0], "address.zip@zip3");
  wages = column_index (all->pdata[0], "inc.wages");
  for (guint r = 1; r < all->len; r++)
    {
      char **row = all->pdata[r];

      g_assert_cmpstr (row[age], ==, "35-44");
      g_assert_cmpstr (row[zip], ==, "021");
      g_assert_cmpstr (row[wages], ==, "yes");
    }
}

static void
test_refuses_bad_k_and_too_few (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  VitaExportOptions opts = ID_HEADER_OPTIONS;

  /* An empty store: a header and nothing else, and all-withheld counts. */
  {
    g_autofree char *csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, TRUE, NULL);
    g_autofree char *agg = export_aggregates (f->store, K, NULL);
    g_autoptr(GPtrArray) rows = vita_test_parse_csv (csv);
    g_autoptr(GPtrArray) agg_rows = vita_test_parse_csv (agg);
    g_autoptr(GHashTable) tables = assert_aggregates (agg_rows, K);

    g_assert_cmpuint (assert_rows_export (rows, K), ==, 0);
    g_assert_cmpstr (agg_cell (tables, "households", "all"), ==, "<5");
  }

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
      save (f->store, hh);
    }

  opts.k = 1;
  g_assert_false (vita_export_deidentified (f->store, VITA_EXPORT_FORMAT_CSV, out, &opts, NULL, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (vita_export_aggregates (f->store, out, 1, NULL, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID);
  g_clear_error (&error);

  /* Three households cannot hide among five. */
  opts.k = 0;
  g_assert_false (vita_export_deidentified (f->store, VITA_EXPORT_FORMAT_CSV, out, &opts, NULL, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_TOO_FEW);
  g_clear_error (&error);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);

  /* The site's setting is the default k. */
  vita_store_set_setting (f->store, "k-anonymity", "3", &error);
  g_assert_no_error (error);
  g_assert_true (vita_export_deidentified (f->store, VITA_EXPORT_FORMAT_CSV, out, &opts, NULL, &error));
  g_assert_no_error (error);

  /* A locked store says so. */
  vita_store_lock (f->store);
  g_assert_null (vita_export_prepare (f->store, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_LOCKED);
}

static void
test_roles_refused (Fixture       *f,
                    gconstpointer  data)
{
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
      save (f->store, hh);
    }
  add_users (f->store);
  assert_refused (f->store, "vol", "volunteer tulip river 7");
  assert_refused (f->store, "rev", "reviewer granite owl 9");
  g_assert_cmpuint (count_export_audits (f->store), ==, 0);
}

/* A prepared table re-checks the role when it is written. */
static void
test_write_rechecks_role (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(VitaExportTable) table = NULL;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
      save (f->store, hh);
    }
  add_users (f->store);
  table = vita_export_prepare (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vita_export_table_get_report (table));
  g_assert_cmpuint (count_export_audits (f->store), ==, 0);

  vita_store_lock (f->store);
  vita_store_unlock (f->store, "vol", "volunteer tulip river 7", &error);
  g_assert_no_error (error);
  g_assert_false (vita_export_table_write (table, VITA_EXPORT_FORMAT_CSV, out, NULL, &error));
  g_assert_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
}

/* Hand-built counts: a small status must take a neighbour with it, or
 * "not filed yet" minus the others would give it away. */
static void
test_aggregates_complementary (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(VitaExportReport) report = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) tables = NULL;
  g_autofree char *agg = NULL;
  g_autofree char *text = NULL;
  static const struct { VitaReturnStatus status; guint n; } plan[] = {
    { VITA_RETURN_STATUS_INTAKE, 10 },
    { VITA_RETURN_STATUS_PREPARING, 8 },
    { VITA_RETURN_STATUS_QUALITY_REVIEW, 2 },
  };
  const VitaExportReportItem *status_item = NULL;

  for (guint p = 0; p < G_N_ELEMENTS (plan); p++)
    for (guint i = 0; i < plan[p].n; i++)
      {
        g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
        vita_household_set_status (hh, plan[p].status);
        save (f->store, hh);
      }

  agg = export_aggregates (f->store, K, &report);
  assert_no_identity (agg, NULL);
  rows = vita_test_parse_csv (agg);
  tables = assert_aggregates (rows, K);
  assert_complementary (tables, K);

  g_assert_cmpstr (agg_cell (tables, "households", "all"), ==, "20");
  g_assert_cmpstr (agg_cell (tables, "filing_outcome", "not_yet_filed"), ==, "20");
  g_assert_cmpstr (agg_cell (tables, "return_status", "quality_review"), ==, "<5");
  g_assert_cmpstr (agg_cell (tables, "return_status", "intake"), ==, "10");
  /* The smallest neighbour goes with it. */
  g_assert_cmpstr (agg_cell (tables, "return_status", "preparing"), ==, "*");
  g_assert_cmpstr (agg_cell (tables, "language", "es"), ==, "20");
  g_assert_cmpstr (agg_cell (tables, "itin_applications", "all"), ==, "<5");
  /* Everyone had wages: "no" is small, and "yes" would give it away. */
  g_assert_cmpstr (agg_cell (tables, "answered_no_or_blank", "inc.wages"), ==, "<5");
  g_assert_cmpstr (agg_cell (tables, "answered_yes", "inc.wages"), ==, "*");

  for (guint i = 0; i < vita_export_report_get_n_items (report); i++)
    if (g_str_equal (vita_export_report_get_item (report, i)->name, "return_status"))
      status_item = vita_export_report_get_item (report, i);
  g_assert_nonnull (status_item);
  g_assert_cmpuint (status_item->n_complementary, ==, 1);
  g_assert_cmpuint (vita_export_report_get_kind (report), ==, VITA_EXPORT_REPORT_AGGREGATES);
  g_assert_cmpuint (vita_export_report_get_n_rows (report), ==, 20);
  text = vita_export_report_to_text (report);
  g_assert_nonnull (strstr (text, "<5"));
}

/* ------------------------------------------------------------------ */
/* Where cells come from                                               */
/* ------------------------------------------------------------------ */

/* The lowest number of distinct values the export may hold; 0 restores
 * the real limit.  Defined in vita-export.c for the tests only. */
void _vita_export_set_token_limit_for_test (guint limit);

static void
save_all (VitaStore *store,
          GPtrArray *households)
{
  g_autoptr(GError) error = NULL;

  vita_store_save_households (store, households, &error);
  g_assert_no_error (error);
}

static const char *
cell (GPtrArray  *rows,
      guint       r,
      const char *column)
{
  return ((char **) rows->pdata[r])[column_index (rows->pdata[0], column)];
}

/* Widowed, with two members entered youngest first. */
static VitaHousehold *
family_household (void)
{
  VitaHousehold *hh = plain_household ("1990-03-15", "02740");
  int young, old;

  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "marital_status", "widowed");
  vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "spouse_death_year", "2019");
  young = vita_household_add_dependent (hh);
  vita_household_set (hh, young, "first_name", "Lucía");
  vita_household_set (hh, young, "dob", "2015-06-01");
  vita_household_set (hh, young, "dep.student", "no");
  old = vita_household_add_dependent (hh);
  vita_household_set (hh, old, "first_name", "Andrés");
  vita_household_set (hh, old, "dob", "2003-06-01");
  vita_household_set (hh, old, "dep.student", "yes");
  return hh;
}

static void
assert_family_rows (GPtrArray *rows)
{
  for (guint r = 1; r < rows->len; r++)
    {
      g_assert_cmpstr (cell (rows, r, "household_size"), ==, "3");
      g_assert_cmpstr (cell (rows, r, "dependents_count"), ==, "2");
      g_assert_cmpstr (cell (rows, r, "taxpayer.dob@age_band"), ==, "35-44");
      g_assert_cmpstr (cell (rows, r, "address.zip@zip3"), ==, "027");
      g_assert_cmpstr (cell (rows, r, "spouse_death_year@year"), ==, "2019");
      /* Oldest member first, and each member's answers with it. */
      g_assert_cmpstr (cell (rows, r, "dependent1.dob@age_band"), ==, "18-24");
      g_assert_cmpstr (cell (rows, r, "dependent1.dep.student"), ==, "yes");
      g_assert_cmpstr (cell (rows, r, "dependent2.dob@age_band"), ==, "0-17");
      g_assert_cmpstr (cell (rows, r, "dependent2.dep.student"), ==, "no");
      g_assert_cmpstr (cell (rows, r, "dependent3.dob@age_band"), ==, "");
      g_assert_cmpstr (cell (rows, r, "marital_status"), ==, "widowed");
      g_assert_cmpstr (cell (rows, r, "inc.wages"), ==, "yes");
    }
}

/* A purge keeps "dob@age_band", "address.zip@zip3" and
 * "spouse_death_year@year": the purged rows show what the live ones did,
 * members in the same order. */
static void
test_purged_kept_values (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) live = NULL, purged = NULL, none = NULL;
  g_autofree char *csv_live = NULL, *csv_purged = NULL, *csv_none = NULL;
  g_autoptr(GError) error = NULL;

  test_columns = "household_size,dependents_count,taxpayer.dob@age_band,address.zip@zip3,"
                 "spouse_death_year@year,dependent1.dob@age_band,dependent1.dep.student,"
                 "dependent2.dob@age_band,dependent2.dep.student,dependent3.dob@age_band,"
                 "marital_status,inc.wages";
  for (guint i = 0; i < K; i++)
    g_ptr_array_add (batch, family_household ());
  save_all (f->store, batch);

  csv_live = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  live = vita_test_parse_csv (csv_live);
  g_assert_cmpuint (assert_rows_export (live, K), ==, K);
  assert_family_rows (live);

  for (guint i = 0; i < batch->len; i++)
    {
      vita_store_purge_household (f->store, vita_household_get_id (batch->pdata[i]), &error);
      g_assert_no_error (error);
    }
  csv_purged = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, TRUE, NULL);
  assert_no_identity (csv_purged, NULL);
  purged = vita_test_parse_csv (csv_purged);
  g_assert_cmpuint (assert_rows_export (purged, K), ==, K);
  assert_family_rows (purged);

  csv_none = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  none = vita_test_parse_csv (csv_none);
  g_assert_cmpuint (assert_rows_export (none, K), ==, 0);
}

/* A kept generalisation counts only where the answer itself is gone: an
 * answer that is there but cannot be generalised gives an empty cell. */
static void
test_answer_beats_kept_value (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;
  guint n_kept = 0, n_empty = 0;

  for (guint i = 0; i < 2 * K; i++)
    {
      VitaHousehold *hh = plain_household (i < K ? "not a date" : NULL, i < K ? "1234" : NULL);

      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "marital_status", "widowed");
      if (i < K)
        vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "spouse_death_year", "19x9");
      vita_household_set (hh, VITA_PERSON_TAXPAYER, "dob@age_band", "25-34");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "address.zip@zip3", "021");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "spouse_death_year@year", "2001");
      g_ptr_array_add (batch, hh);
    }
  save_all (f->store, batch);

  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), ==, 2 * K);
  for (guint r = 1; r < rows->len; r++)
    {
      if (g_str_equal (cell (rows, r, "taxpayer.dob@age_band"), "25-34"))
        {
          n_kept++;
          g_assert_cmpstr (cell (rows, r, "address.zip@zip3"), ==, "021");
          g_assert_cmpstr (cell (rows, r, "spouse_death_year@year"), ==, "2001");
        }
      else
        {
          n_empty++;
          g_assert_cmpstr (cell (rows, r, "taxpayer.dob@age_band"), ==, "");
          g_assert_cmpstr (cell (rows, r, "address.zip@zip3"), ==, "");
          g_assert_cmpstr (cell (rows, r, "spouse_death_year@year"), ==, "");
        }
    }
  g_assert_cmpuint (n_kept, ==, K);
  g_assert_cmpuint (n_empty, ==, K);
}

/* Records of schema version 2, each identifying answer sealed on its own:
 * the date of birth still gives its band and members, and nothing else of
 * them leaves. */
static void
test_legacy_sealed_answers (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;

  for (guint i = 0; i < K; i++)
    g_ptr_array_add (batch, plain_household (NULL, "02139"));
  save_all (f->store, batch);
  for (guint i = 0; i < batch->len; i++)
    {
      gint64 id = vita_household_get_id (batch->pdata[i]);

      vita_test_insert_legacy_answer (f->store, id, VITA_PERSON_TAXPAYER, "dob", "1985-05-05");
      vita_test_insert_legacy_answer (f->store, id, VITA_PERSON_TAXPAYER, "middle_name", "MRKLEGACY");
      vita_test_insert_legacy_answer (f->store, id, 3, "dob", "2012-01-01");
      vita_test_insert_legacy_answer (f->store, id, 3, "first_name", "MRKLEGACY");
    }

  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  assert_no_identity (csv, NULL);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), ==, K);
  for (guint r = 1; r < rows->len; r++)
    {
      g_assert_cmpstr (cell (rows, r, "taxpayer.dob@age_band"), ==, "35-44");
      g_assert_cmpstr (cell (rows, r, "dependent1.dob@age_band"), ==, "0-17");
      g_assert_cmpstr (cell (rows, r, "household_size"), ==, "2");
      g_assert_cmpstr (cell (rows, r, "dependents_count"), ==, "1");
      g_assert_cmpstr (cell (rows, r, "address.zip@zip3"), ==, "021");
    }
}

/* Six members: all are counted, the four oldest get columns, oldest
 * first, each with its own answers. */
static void
test_dependents_beyond_columns (Fixture       *f,
                                gconstpointer  data)
{
  static const struct { const char *dob; const char *student; } members[] = {
    { "2020-01-01", "no" },   /* 0-17 */
    { "1995-01-01", "yes" },  /* 25-34, the older slot */
    { "2010-01-01", "no" },   /* 0-17 */
    { "1960-01-01", "no" },   /* 65+ */
    { "1985-01-01", "yes" },  /* 35-44 */
    { "2000-01-01", "no" },   /* 25-34 */
  };
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *csv = NULL;

  for (guint i = 0; i < K; i++)
    {
      VitaHousehold *hh = plain_household ("1970-05-05", "02139");

      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        {
          int slot = vita_household_add_dependent (hh);

          vita_household_set (hh, slot, "first_name", "Jesús");
          vita_household_set (hh, slot, "dob", members[m].dob);
          vita_household_set (hh, slot, "dep.student", members[m].student);
        }
      g_ptr_array_add (batch, hh);
    }
  save_all (f->store, batch);

  test_columns = "household_size,dependents_count,address.zip@zip3,dependent1.dob@age_band,"
                 "dependent2.dob@age_band,dependent2.dep.student,dependent3.dob@age_band,"
                 "dependent3.dep.student,dependent4.dob@age_band,dependent4.dep.student";
  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  assert_no_identity (csv, NULL);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), ==, K);
  g_assert_false (g_strv_contains ((const char * const *) rows->pdata[0], "dependent5.dob@age_band"));
  for (guint r = 1; r < rows->len; r++)
    {
      g_assert_cmpstr (cell (rows, r, "household_size"), ==, "6+");
      g_assert_cmpstr (cell (rows, r, "dependents_count"), ==, "4+");
      g_assert_cmpstr (cell (rows, r, "dependent1.dob@age_band"), ==, "65+");
      g_assert_cmpstr (cell (rows, r, "dependent2.dob@age_band"), ==, "35-44");
      g_assert_cmpstr (cell (rows, r, "dependent2.dep.student"), ==, "yes");
      g_assert_cmpstr (cell (rows, r, "dependent3.dob@age_band"), ==, "25-34");
      g_assert_cmpstr (cell (rows, r, "dependent3.dep.student"), ==, "yes");
      g_assert_cmpstr (cell (rows, r, "dependent4.dob@age_band"), ==, "25-34");
      g_assert_cmpstr (cell (rows, r, "dependent4.dep.student"), ==, "no");
    }
}

/* Hundreds of distinct values (every count a W-2 box allows, every year
 * a year box does) come out as they went in; past the limit the export
 * refuses rather than merge two of them. */
static void
test_many_distinct_values (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  VitaExportOptions opts = ID_HEADER_OPTIONS;
  const guint n = 300;

  for (guint i = 0; i < n; i++)
    {
      VitaHousehold *hh = plain_household ("1985-05-05", "02139");
      g_autofree char *count = g_strdup_printf ("%u", i % 99 + 1);
      g_autofree char *year = g_strdup_printf ("%u", 1900 + i % 201);

      /* Their gates open: an answer behind a closed gate never leaves. */
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "vinc.w2", "yes");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "vevt.disallowed", "yes");
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "vinc.w2.count", count);
      vita_household_set (hh, VITA_PERSON_HOUSEHOLD, "vevt.disallowed.year", year);
      g_hash_table_add (expected, g_strconcat (count, " ", year, NULL));
      g_ptr_array_add (batch, hh);
    }
  g_assert_cmpuint (g_hash_table_size (expected), ==, n);
  save_all (f->store, batch);

  /* Every pair is unique: the count is top-coded and the year made a
   * decade until k holds on the pair, and no exact pair stays alone. */
  test_columns = "taxpayer.dob@age_band,address.zip@zip3,vinc.w2.count,vevt.disallowed.year";
  csv = export_rows (f->store, VITA_EXPORT_FORMAT_CSV, K, FALSE, NULL);
  rows = vita_test_parse_csv (csv);
  g_assert_cmpuint (assert_rows_export (rows, K), >=, n / 2);
  for (guint r = 1; r < rows->len; r++)
    {
      g_autofree char *pair = g_strconcat (cell (rows, r, "vinc.w2.count"), " ",
                                           cell (rows, r, "vevt.disallowed.year"), NULL);

      g_assert_false (g_hash_table_contains (expected, pair));
    }

  _vita_export_set_token_limit_for_test (100);
  opts.k = K;
  opts.columns = test_columns;
  g_assert_null (vita_export_prepare (f->store, &opts, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK);
  g_clear_error (&error);
  g_assert_false (vita_export_deidentified (f->store, VITA_EXPORT_FORMAT_CSV, out, &opts, NULL, &error));
  g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), ==, 0);
  _vita_export_set_token_limit_for_test (0);
  g_assert_cmpuint (count_export_audits (f->store), ==, 1);
}

/* Issue 15: the headers are readable, in the export's language, unique
 * and the same whichever columns an export carries; the data dictionary
 * has one row per column and maps each header to its id. */
static GPtrArray *
prepare_and_parse (VitaStore        *store,
                   const char       *language,
                   gboolean          id_headers,
                   const char       *columns,
                   GPtrArray       **dictionary)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) dict = g_memory_output_stream_new_resizable ();
  g_autoptr(VitaExportTable) table = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL, *dict_csv = NULL;
  VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;

  opts.purpose = VITA_EXPORT_PURPOSE_EXTRACT;
  opts.k = K;
  opts.columns = columns;
  opts.language = language;
  opts.id_headers = id_headers;
  table = vita_export_prepare_for_purpose (store, &opts, &error);
  g_assert_no_error (error);
  g_assert_true (vita_export_table_write (table, VITA_EXPORT_FORMAT_CSV, out, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (vita_export_table_write_dictionary (table, dict, NULL, &error));
  g_assert_no_error (error);
  csv = stream_text (out);
  dict_csv = stream_text (dict);
  *dictionary = vita_test_parse_csv (dict_csv);
  return vita_test_parse_csv (csv);
}

static void
assert_dictionary_matches (GPtrArray *rows,
                           GPtrArray *dict)
{
  char **header = rows->pdata[0];

  /* A row for the dictionary's own header, then one per column. */
  g_assert_cmpuint (dict->len, ==, g_strv_length (header) + 1);
  for (guint c = 0; header[c] != NULL; c++)
    {
      char **entry = dict->pdata[c + 1];

      g_assert_cmpuint (g_strv_length (entry), ==, 6);
      g_assert_cmpstr (entry[0], ==, header[c]);
      /* The id, the question, the type and the values are never empty. */
      g_assert_cmpstr (entry[1], !=, "");
      g_assert_cmpstr (entry[2], !=, "");
      g_assert_cmpstr (entry[3], !=, "");
      g_assert_cmpstr (entry[5], !=, "");
    }
}

static const char *
dictionary_id (GPtrArray  *dict,
               const char *header)
{
  for (guint r = 1; r < dict->len; r++)
    if (g_str_equal (((char **) dict->pdata[r])[0], header))
      return ((char **) dict->pdata[r])[1];
  return NULL;
}

static void
test_readable_headers (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GPtrArray) en = NULL, es = NULL, ids = NULL, two = NULL;
  g_autoptr(GPtrArray) en_dict = NULL, es_dict = NULL, ids_dict = NULL, two_dict = NULL;
  g_auto(GStrv) names = vita_export_get_column_names ();
  static const char *languages[] = { "en", "es", "ht", "ko" };
  char **header;
  guint n_different = 0;

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(VitaHousehold) hh = plain_household ("1985-05-05", "02139");
      save (f->store, hh);
    }

  /* Every language: one header per column, all different, none an id. */
  for (guint l = 0; l < G_N_ELEMENTS (languages); l++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) labels = vita_export_get_column_labels (languages[l], &error);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_no_error (error);
      g_assert_cmpuint (g_strv_length (labels), ==, g_strv_length (names));
      for (guint c = 0; labels[c] != NULL; c++)
        {
          g_assert_cmpstr (labels[c], !=, names[c]);
          g_assert_null (strchr (labels[c], '@'));
          g_assert_true (g_hash_table_add (seen, labels[c]));
        }
    }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (vita_export_get_column_labels ("xx", &error));
    g_assert_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID);
  }

  en = prepare_and_parse (f->store, "en", FALSE, TEST_COLUMNS, &en_dict);
  header = en->pdata[0];
  g_assert_cmpstr (header[0], ==, "Row");
  g_assert_true (g_strv_contains ((const char * const *) header, "Return status"));
  g_assert_true (g_strv_contains ((const char * const *) header, "Taxpayer: Date of birth (age band)"));
  g_assert_true (g_strv_contains ((const char * const *) header, "ZIP code (first 3 digits)"));
  for (guint c = 0; header[c] != NULL; c++)
    g_assert_false (g_strv_contains ((const char * const *) names, header[c]));
  assert_dictionary_matches (en, en_dict);
  g_assert_cmpstr (((char **) en_dict->pdata[0])[0], ==, "Column");
  g_assert_cmpstr (dictionary_id (en_dict, "Taxpayer: Date of birth (age band)"), ==, "taxpayer.dob@age_band");
  g_assert_cmpstr (dictionary_id (en_dict, "Return status"), ==, "return_status");
  /* The generalisation and the allowed values are spelled out. */
  for (guint r = 1; r < en_dict->len; r++)
    {
      char **entry = en_dict->pdata[r];

      if (g_str_equal (entry[1], "taxpayer.dob@age_band"))
        {
          g_assert_nonnull (strstr (entry[4], "wider age bands"));
          g_assert_nonnull (strstr (entry[4], "In this export:"));
          g_assert_nonnull (strstr (entry[5], "35-44"));
        }
      if (g_str_equal (entry[1], "marital_status"))
        g_assert_nonnull (strstr (entry[5], "never_married = "));
    }

  /* Spanish: the same columns, in Spanish, still unique and mapped. */
  es = prepare_and_parse (f->store, "es", FALSE, TEST_COLUMNS, &es_dict);
  g_assert_cmpuint (g_strv_length (es->pdata[0]), ==, g_strv_length (header));
  g_assert_cmpstr (((char **) es->pdata[0])[0], ==, "Fila");
  g_assert_cmpstr (((char **) es_dict->pdata[0])[0], ==, "Columna");
  g_assert_true (g_strv_contains ((const char * const *) es->pdata[0], "Estado de la declaración"));
  assert_dictionary_matches (es, es_dict);
  for (guint c = 0; header[c] != NULL; c++)
    {
      const char *es_header = ((char **) es->pdata[0])[c];

      if (!g_str_equal (es_header, header[c]))
        n_different++;
      /* Same column, same id, whatever the language. */
      g_assert_cmpstr (((char **) es_dict->pdata[c + 1])[1], ==, ((char **) en_dict->pdata[c + 1])[1]);
    }
  g_assert_cmpuint (n_different, ==, g_strv_length (header));

  /* Stable: a column's header does not depend on the other columns. */
  two = prepare_and_parse (f->store, "en", FALSE, "marital_status,taxpayer.dob@age_band", &two_dict);
  g_assert_cmpuint (g_strv_length (two->pdata[0]), ==, 3);
  for (guint c = 1; c < 3; c++)
    g_assert_true (g_strv_contains ((const char * const *) header, ((char **) two->pdata[0])[c]));

  /* For scripts: the ids, and the dictionary still gives both. */
  ids = prepare_and_parse (f->store, "en", TRUE, TEST_COLUMNS, &ids_dict);
  g_assert_cmpstr (((char **) ids->pdata[0])[0], ==, "row");
  g_assert_true (g_strv_contains ((const char * const *) ids->pdata[0], "taxpayer.dob@age_band"));
  assert_dictionary_matches (ids, ids_dict);

  /* The statistics too: readable headers, a dictionary of their four. */
  {
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr(GOutputStream) dict = g_memory_output_stream_new_resizable ();
    g_autoptr(VitaExportTable) table = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) agg = NULL, agg_dict = NULL;
    g_autofree char *csv = NULL, *dict_csv = NULL;
    VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;

    opts.language = "es";
    opts.k = K;
    table = vita_export_prepare_for_purpose (f->store, &opts, &error);
    g_assert_no_error (error);
    g_assert_true (vita_export_table_write (table, VITA_EXPORT_FORMAT_CSV, out, NULL, &error));
    g_assert_true (vita_export_table_write_dictionary (table, dict, NULL, &error));
    g_assert_no_error (error);
    csv = stream_text (out);
    dict_csv = stream_text (dict);
    agg = vita_test_parse_csv (csv);
    agg_dict = vita_test_parse_csv (dict_csv);
    g_assert_cmpstr (((char **) agg->pdata[0])[0], ==, "Tabla");
    g_assert_cmpstr (((char **) agg->pdata[1])[2], ==, "Hogares");
    assert_dictionary_matches (agg, agg_dict);
    g_assert_cmpstr (dictionary_id (agg_dict, "Tabla"), ==, "table");
    /* Every label in Spanish, the statuses' too. */
    {
      guint n_seen = 0;

      for (guint r = 1; r < agg->len; r++)
        {
          char **row = agg->pdata[r];

          if (g_str_equal (row[0], "return_status") && g_str_equal (row[1], "intake"))
            {
              g_assert_cmpstr (row[2], ==, "Admisión");
              n_seen++;
            }
          if (g_str_equal (row[0], "households"))
            {
              g_assert_cmpstr (row[2], ==, "Hogares");
              n_seen++;
            }
        }
      g_assert_cmpuint (n_seen, ==, 2);
    }
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/export/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("unique-tuple-suppressed", test_unique_tuple_suppressed);
  ADD ("no-change-needed", test_no_change_needed);
  ADD ("generalises-before-withholding", test_generalises_before_withholding);
  ADD ("restricted-zip3", test_restricted_zip3);
  ADD ("no-w7-field-leaves", test_no_w7_field_leaves);
  ADD ("include-purged", test_include_purged);
  ADD ("refuses-bad-k-and-too-few", test_refuses_bad_k_and_too_few);
  ADD ("roles-refused", test_roles_refused);
  ADD ("write-rechecks-role", test_write_rechecks_role);
  ADD ("aggregates-complementary", test_aggregates_complementary);
  ADD ("purged-kept-values", test_purged_kept_values);
  ADD ("answer-beats-kept-value", test_answer_beats_kept_value);
  ADD ("legacy-sealed-answers", test_legacy_sealed_answers);
  ADD ("dependents-beyond-columns", test_dependents_beyond_columns);
  ADD ("many-distinct-values", test_many_distinct_values);
  ADD ("readable-headers", test_readable_headers);
  ADD ("property", test_property);
  return g_test_run ();
}
