/* vita-export-rows.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of a de-identified export: its columns, the tokens every
 * cell is held as, and reading each household into one row of what the
 * policy lets leave.  See docs/export.md, "Row-level export".
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vita-export-private.h"
#include "vita-field-ids.h"
#include "vita-retention.h"

static void
column_free (Column *col)
{
  if (col == NULL)
    return;
  g_free (col->name);
  g_free (col);
}

guint8
_vita_export_hierarchy_max_level (Hierarchy hier)
{
  switch (hier)
    {
    case HIER_AGE: return 3;
    case HIER_ZIP3: return 1;
    case HIER_YEAR: return 2;
    case HIER_HOUSEHOLD_SIZE: return 2;
    case HIER_DEPENDENTS: return 2;
    case HIER_STATUS: return 2;
    case HIER_YES_NO: return 1;
    case HIER_COUNT: return 3;
    case HIER_CHOICE: return 2;
    case HIER_NONE:
    default:
      return 0;
    }
}

static Hierarchy
use_hierarchy (FieldUse use)
{
  switch (use)
    {
    case USE_AGE_BAND: return HIER_AGE;
    case USE_ZIP3: return HIER_ZIP3;
    case USE_YEAR: return HIER_YEAR;
    case USE_NONE:
    case USE_KEEP:
    default:
      return HIER_NONE;
    }
}

/* A kept answer is part of the tuple too: how it is made coarser. */
static Hierarchy
answer_hierarchy (const VitaField *field)
{
  switch (field->type)
    {
    case VITA_FIELD_YES_NO:
    case VITA_FIELD_YES_NO_NA:
      return HIER_YES_NO;
    case VITA_FIELD_COUNT:
      return HIER_COUNT;
    case VITA_FIELD_YEAR:
      return HIER_YEAR;
    case VITA_FIELD_YOU_SPOUSE:
    case VITA_FIELD_CHOICE:
    case VITA_FIELD_MULTI_CHOICE:
    default:
      return HIER_CHOICE;
    }
}

static void
add_column (GPtrArray       *columns,
            ColumnKind       kind,
            const char      *name,
            Hierarchy        hier,
            const VitaField *field,
            FieldUse         use,
            int              who)
{
  Column *col = g_new0 (Column, 1);

  col->kind = kind;
  col->hier = hier;
  col->field = field;
  col->use = use;
  col->who = who;
  if (field == NULL)
    col->name = g_strdup (name);
  else if (who == WHO_HOUSEHOLD)
    col->name = g_strconcat (field->id, _vita_export_use_suffix (use), NULL);
  else if (who == WHO_TAXPAYER)
    col->name = g_strconcat ("taxpayer.", field->id, _vita_export_use_suffix (use), NULL);
  else if (who == WHO_SPOUSE)
    col->name = g_strconcat ("spouse.", field->id, _vita_export_use_suffix (use), NULL);
  else
    col->name = g_strdup_printf ("dependent%d.%s%s", who - WHO_DEPENDENT + 1, field->id,
                                 _vita_export_use_suffix (use));
  g_ptr_array_add (columns, col);
}

/* The person slots a field of @scope gets columns for. */
static void
add_field_columns (GPtrArray       *columns,
                   const VitaField *field,
                   FieldUse         use)
{
  Hierarchy hier = use_hierarchy (use);
  gboolean adults = field->scope == VITA_SCOPE_PERSON || field->scope == VITA_SCOPE_EVERY_PERSON;
  gboolean members = field->scope == VITA_SCOPE_DEPENDENT || field->scope == VITA_SCOPE_EVERY_PERSON;

  if (field->scope == VITA_SCOPE_HOUSEHOLD)
    add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_HOUSEHOLD);
  if (adults)
    {
      add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_TAXPAYER);
      add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_SPOUSE);
    }
  if (members)
    for (int n = 0; n < VITA_EXPORT_MAX_DEPENDENTS; n++)
      add_column (columns, COL_FIELD, NULL, hier, field, use, WHO_DEPENDENT + n);
}

GPtrArray *
_vita_export_build_columns (void)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  const VitaField *fields;
  guint n_fields = 0;

  fields = vita_fields_get_all (&n_fields);

  add_column (columns, COL_STATUS, "return_status", HIER_STATUS, NULL, USE_NONE, WHO_HOUSEHOLD);
  add_column (columns, COL_HOUSEHOLD_SIZE, "household_size", HIER_HOUSEHOLD_SIZE, NULL, USE_NONE,
              WHO_HOUSEHOLD);
  add_column (columns, COL_DEPENDENTS_COUNT, "dependents_count", HIER_DEPENDENTS, NULL, USE_NONE,
              WHO_HOUSEHOLD);

  /* Quasi-identifiers first, then the kept answers: household, adults,
   * members, so related columns sit together. */
  for (guint i = 0; i < n_fields; i++)
    {
      FieldUse use = _vita_export_field_use (&fields[i]);

      if (use != USE_NONE && use != USE_KEEP)
        add_field_columns (columns, &fields[i], use);
    }
  for (guint i = 0; i < n_fields; i++)
    if (fields[i].scope == VITA_SCOPE_HOUSEHOLD && _vita_export_field_use (&fields[i]) == USE_KEEP)
      add_column (columns, COL_FIELD, NULL, answer_hierarchy (&fields[i]), &fields[i], USE_KEEP,
                  WHO_HOUSEHOLD);
  for (int who = WHO_TAXPAYER; who <= WHO_SPOUSE; who++)
    for (guint i = 0; i < n_fields; i++)
      if ((fields[i].scope == VITA_SCOPE_PERSON || fields[i].scope == VITA_SCOPE_EVERY_PERSON)
          && _vita_export_field_use (&fields[i]) == USE_KEEP)
        add_column (columns, COL_FIELD, NULL, answer_hierarchy (&fields[i]), &fields[i], USE_KEEP, who);
  for (int n = 0; n < VITA_EXPORT_MAX_DEPENDENTS; n++)
    for (guint i = 0; i < n_fields; i++)
      if ((fields[i].scope == VITA_SCOPE_DEPENDENT || fields[i].scope == VITA_SCOPE_EVERY_PERSON)
          && _vita_export_field_use (&fields[i]) == USE_KEEP)
        add_column (columns, COL_FIELD, NULL, answer_hierarchy (&fields[i]), &fields[i], USE_KEEP,
                    WHO_DEPENDENT + n);

  return columns;
}

/* The named extracts: the few columns each purpose needs.  Ids from
 * vita-field-ids.h so a renamed field breaks the build, not the export. */
static const char *const site_volume[] = {
  "return_status", "household_size", "taxpayer." VITA_FID_DOB "@age_band",
  VITA_FID_ADDRESS_ZIP "@zip3", NULL
};
static const char *const income_types[] = {
  "household_size", "taxpayer." VITA_FID_DOB "@age_band", VITA_FID_INC_WAGES,
  VITA_FID_INC_WAGES_JOBS, VITA_FID_INC_TIPS, VITA_FID_INC_SELF_EMPLOYMENT,
  VITA_FID_INC_UNEMPLOYMENT, VITA_FID_INC_SOCIAL_SECURITY, VITA_FID_INC_RETIREMENT, NULL
};
static const char *const credits[] = {
  "household_size", "dependents_count", VITA_FID_MARITAL_STATUS, VITA_FID_EXP_CHILD_CARE,
  VITA_FID_EVT_EDUCATION, "dependent1." VITA_FID_DOB "@age_band", NULL
};

static const struct
{
  const char        *name;
  const char *const *columns;
} named_extracts[] = {
  { "site-volume", site_volume },
  { "income-types", income_types },
  { "credits", credits },
};

/**
 * vita_export_get_named_extracts:
 *
 * Returns: (transfer none): the named extracts, %NULL-terminated, in the
 *   order of named_extracts[]
 */
const char * const *
vita_export_get_named_extracts (void)
{
  static const char *const names[] = { "site-volume", "income-types", "credits", NULL };

  G_STATIC_ASSERT (G_N_ELEMENTS (names) == G_N_ELEMENTS (named_extracts) + 1);
  return names;
}

/**
 * vita_export_get_column_names:
 *
 * Returns: (transfer full): every column an extract may carry, in the
 *   order they are written
 */
GStrv
vita_export_get_column_names (void)
{
  g_autoptr(GPtrArray) all = _vita_export_build_columns ();
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();

  for (guint i = 0; i < all->len; i++)
    g_strv_builder_add (names, ((Column *) g_ptr_array_index (all, i))->name);
  return g_strv_builder_end (names);
}

/* The columns of @request (a named extract or a comma-separated list),
 * in the catalogue's order whatever order they were asked in, so two
 * exports of the same columns look the same. */
GPtrArray *
_vita_export_select_columns (const char  *request,
                             GError     **error)
{
  g_autoptr(GPtrArray) all = _vita_export_build_columns ();
  g_autoptr(GPtrArray) chosen = g_ptr_array_new_with_free_func ((GDestroyNotify) column_free);
  g_autofree gboolean *wanted = g_new0 (gboolean, MAX (all->len, 1));
  g_auto(GStrv) names = NULL;
  guint n_wanted = 0;

  if (request == NULL || *request == '\0')
    request = "site-volume";
  for (guint i = 0; i < G_N_ELEMENTS (named_extracts); i++)
    if (g_str_equal (request, named_extracts[i].name))
      names = g_strdupv ((char **) named_extracts[i].columns);
  if (names == NULL)
    names = g_strsplit (request, ",", -1);

  for (guint n = 0; names[n] != NULL; n++)
    {
      const char *name = g_strstrip (names[n]);
      guint c;

      if (*name == '\0')
        continue;
      for (c = 0; c < all->len; c++)
        if (g_str_equal (((Column *) g_ptr_array_index (all, c))->name, name))
          break;
      if (c == all->len)
        {
          /* The name is a column name the user typed, never a value. */
          g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_COLUMNS,
                       _("“%s” is not a column the export may carry. Run “vita-admin export "
                         "--list-columns” to see them."),
                       name);
          return NULL;
        }
      if (!wanted[c])
        n_wanted++;
      wanted[c] = TRUE;
    }
  if (n_wanted == 0 || n_wanted > VITA_EXPORT_MAX_COLUMNS)
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_COLUMNS,
                   _("An extract carries from 1 to %u columns; %u were asked for. Choose fewer "
                     "columns or a named purpose."),
                   VITA_EXPORT_MAX_COLUMNS, n_wanted);
      return NULL;
    }
  for (guint c = 0; c < all->len; c++)
    if (wanted[c])
      {
        g_ptr_array_add (chosen, all->pdata[c]);
        all->pdata[c] = NULL;
      }
  return g_steal_pointer (&chosen);
}

/* Lowered by the tests to reach the limit without 65,536 households. */
static guint token_limit = G_MAXUINT16;

void _vita_export_set_token_limit_for_test (guint limit);

void
_vita_export_set_token_limit_for_test (guint limit)
{
  token_limit = limit == 0 ? G_MAXUINT16 : MIN (limit, G_MAXUINT16);
}

void
_vita_export_tokens_init (Tokens *tokens)
{
  tokens->ids = g_hash_table_new (g_str_hash, g_str_equal);
  tokens->strings = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (tokens->strings, NULL);
  tokens->full = FALSE;
}

void
_vita_export_tokens_clear (Tokens *tokens)
{
  g_clear_pointer (&tokens->ids, g_hash_table_unref);
  g_clear_pointer (&tokens->strings, g_ptr_array_unref);
}

/* Never wraps: a token shared by two values would merge them in the file
 * and in the groups the check counts. */
Token
_vita_export_tokens_intern (Tokens     *tokens,
                            const char *value)
{
  gpointer id;
  char *copy;

  if (value == NULL || *value == '\0')
    return TOKEN_EMPTY;
  if (g_hash_table_lookup_extended (tokens->ids, value, NULL, &id))
    return GPOINTER_TO_UINT (id);
  if (tokens->strings->len > token_limit)
    {
      tokens->full = TRUE;
      return TOKEN_EMPTY;
    }
  copy = g_strdup (value);
  g_ptr_array_add (tokens->strings, copy);
  g_hash_table_insert (tokens->ids, copy, GUINT_TO_POINTER (tokens->strings->len - 1));
  return tokens->strings->len - 1;
}

const char *
_vita_export_tokens_get (Tokens *tokens,
                         Token   token)
{
  return g_ptr_array_index (tokens->strings, token);
}

gboolean
_vita_export_tokens_check (Tokens  *tokens,
                           GError **error)
{
  if (!tokens->full)
    return TRUE;
  g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK,
               /* Translators: %u is 65535, the most the export can tell apart. */
               _("This export has more than %u different values, more than the privacy check can "
                 "handle. Nothing was written."),
               token_limit);
  return FALSE;
}

/* Only ids, digits and the separators of canonical values: a last check
 * that nothing free-form got through normalisation. */
static gboolean
is_plain_token (const char *value)
{
  gsize len = strlen (value);

  if (len == 0 || len > 200)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != ',' && *p != '-')
      return FALSE;
  return TRUE;
}

char *
_vita_export_kept_value (const VitaField *field,
                         const char      *raw)
{
  g_autofree char *normalized = NULL;

  if (raw == NULL || !vita_field_normalize_value (field, raw, &normalized, NULL) || normalized == NULL)
    return NULL;
  /* A count is a few digits; longer ones could be an identifying number
   * entered in the wrong box. */
  if (field->type == VITA_FIELD_COUNT && strlen (normalized) > MAX (field->max_chars, 3u))
    return NULL;
  if (!is_plain_token (normalized))
    return NULL;
  return g_steal_pointer (&normalized);
}

/* The cell of a generalised column: from the answer itself when there is
 * one (an invalid answer gives an empty cell, never the kept value), else
 * from what a purge kept, checked against the band list or pattern. */
static const char *
generalised_value (FieldUse    use,
                   const char *raw,
                   const char *kept,
                   int         tax_year,
                   char        buf[16])
{
  int year = -1;

  switch (use)
    {
    case USE_AGE_BAND:
      if (raw != NULL)
        return _vita_export_age_band_for_date (raw, tax_year);
      return _vita_export_age_band_index (kept) >= 0 ? kept : NULL;

    case USE_ZIP3:
      if (raw != NULL)
        return _vita_export_zip3_for_zip (raw, buf) ? buf : NULL;
      return kept != NULL && strlen (kept) == 3 && _vita_export_all_digits (kept, 3) ? kept : NULL;

    case USE_YEAR:
      if (raw != NULL)
        year = _vita_export_leading_year (raw);
      else if (kept != NULL && strlen (kept) == 4)
        year = _vita_export_leading_year (kept);
      if (year <= 0)
        return NULL;
      g_snprintf (buf, 16, "%04d", year);
      return buf;

    case USE_NONE:
    case USE_KEEP:
    default:
      return NULL;
    }
}

/* ------------------------------------------------------------------ */
/* Reading households                                                  */
/* ------------------------------------------------------------------ */

#define NO_COLUMN G_MAXUINT

/* A KEEP field's raw answers repeat (yes, no, a few counts): each is
 * normalised once.  Bounded, since a field could hold anything. */
#define KEEP_CACHE_MAX 4096

/* The columns of one catalogue field, by who answered it. */
typedef struct
{
  guint household;
  guint taxpayer;
  guint spouse;
  guint dependent[VITA_EXPORT_MAX_DEPENDENTS];
} FieldColumns;

typedef struct
{
  int         slot;
  int         band;
  const char *dob;       /* the answer; the last one wins, as in a household */
  const char *dob_kept;  /* what a purge kept of it */
} Member;

typedef struct
{
  VitaExportTable  *table;
  const VitaField  *fields;       /* the catalogue */
  guint             n_fields;
  FieldUse         *use;          /* per catalogue field */
  FieldColumns     *columns;      /* per catalogue field */
  /* Answer field id -> 1 + 2 × catalogue index + 1 for a kept
   * generalisation ("dob@age_band"); only fields that can leave. */
  GHashTable       *lookup;
  GHashTable      **keep_cache;   /* per catalogue field: raw -> token */
  int              *gate_of;      /* per catalogue field: its gate's index, or -1 */
  gboolean         *is_gate;      /* per catalogue field: some field's gate */
  GHashTable       *gate_values;  /* per household: gate_key() -> answer */
  int               dob;          /* catalogue index, or -1 if no bands */
  guint            *generalised;  /* columns filled by generalised_value() */
  guint             n_generalised;
  guint             status_column;
  guint             size_column;
  guint             count_column;
  Token             status[VITA_RETURN_STATUS_LAST + 1];
  Token             size[7];      /* household_size 1 … 5, "6+" */
  Token             count[5];     /* dependents_count 0 … 3, "4+" */

  /* Per household. */
  GArray           *codes;        /* guint per answer, its lookup code */
  GArray           *members;      /* Member */
  const char      **raw;          /* per column: the answer to generalise */
  const char      **kept;         /* per column: what a purge kept */
} Collect;

static void
wipe_string (gpointer data)
{
  char *s = data;

  sodium_memzero (s, strlen (s));
  g_free (s);
}

static void
collect_init (Collect         *c,
              VitaExportTable *table)
{
  GArray *generalised = g_array_new (FALSE, FALSE, sizeof (guint));
  const VitaField *dob;

  memset (c, 0, sizeof *c);
  c->table = table;
  c->fields = vita_fields_get_all (&c->n_fields);
  c->use = g_new0 (FieldUse, c->n_fields);
  c->columns = g_new (FieldColumns, c->n_fields);
  c->lookup = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, NULL);
  c->keep_cache = g_new0 (GHashTable *, c->n_fields);
  c->gate_of = g_new (int, c->n_fields);
  c->is_gate = g_new0 (gboolean, c->n_fields);
  c->gate_values = g_hash_table_new (NULL, NULL);
  c->codes = g_array_new (FALSE, FALSE, sizeof (guint));
  c->members = g_array_new (FALSE, FALSE, sizeof (Member));
  c->raw = g_new0 (const char *, table->n_columns);
  c->kept = g_new0 (const char *, table->n_columns);

  for (guint f = 0; f < c->n_fields; f++)
    {
      FieldColumns *fc = &c->columns[f];

      c->use[f] = _vita_export_field_use (&c->fields[f]);
      fc->household = fc->taxpayer = fc->spouse = NO_COLUMN;
      for (guint n = 0; n < VITA_EXPORT_MAX_DEPENDENTS; n++)
        fc->dependent[n] = NO_COLUMN;
      /* Every field, since a gate may be one that never leaves itself. */
      g_hash_table_insert (c->lookup, (gpointer) c->fields[f].id, GUINT_TO_POINTER (1 + 2 * f));
      c->gate_of[f] = -1;
      if (c->fields[f].gate_field != NULL)
        {
          const VitaField *gate = vita_field_lookup (c->fields[f].gate_field);

          if (gate != NULL)
            {
              c->gate_of[f] = gate - c->fields;
              c->is_gate[gate - c->fields] = TRUE;
            }
        }
      /* And what a purge kept of it, under the name the purge gives it. */
      if (c->use[f] != USE_NONE && c->use[f] != USE_KEEP)
        g_hash_table_insert (c->lookup,
                             g_strconcat (c->fields[f].id, _vita_export_use_suffix (c->use[f]), NULL),
                             GUINT_TO_POINTER (2 + 2 * f));
    }

  c->status_column = c->size_column = c->count_column = NO_COLUMN;
  for (guint i = 0; i < table->n_columns; i++)
    {
      const Column *col = g_ptr_array_index (table->columns, i);
      FieldColumns *fc;

      if (col->kind == COL_STATUS)
        c->status_column = i;
      else if (col->kind == COL_HOUSEHOLD_SIZE)
        c->size_column = i;
      else if (col->kind == COL_DEPENDENTS_COUNT)
        c->count_column = i;
      if (col->kind != COL_FIELD)
        continue;
      fc = &c->columns[col->field - c->fields];
      if (col->who == WHO_HOUSEHOLD)
        fc->household = i;
      else if (col->who == WHO_TAXPAYER)
        fc->taxpayer = i;
      else if (col->who == WHO_SPOUSE)
        fc->spouse = i;
      else
        fc->dependent[col->who - WHO_DEPENDENT] = i;
      if (col->use != USE_KEEP)
        g_array_append_val (generalised, i);
    }
  c->n_generalised = generalised->len;
  c->generalised = (guint *) g_array_free (generalised, FALSE);

  dob = vita_field_lookup (VITA_FID_DOB);
  c->dob = dob != NULL && _vita_export_field_use (dob) == USE_AGE_BAND ? dob - c->fields : -1;

  for (guint s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
    c->status[s] = _vita_export_tokens_intern (&table->tokens, vita_return_status_to_string (s));
  for (guint n = 1; n <= 6; n++)
    {
      g_autofree char *text = n >= 6 ? g_strdup ("6+") : g_strdup_printf ("%u", n);
      c->size[n] = _vita_export_tokens_intern (&table->tokens, text);
    }
  for (guint n = 0; n <= 4; n++)
    {
      g_autofree char *text = n >= 4 ? g_strdup ("4+") : g_strdup_printf ("%u", n);
      c->count[n] = _vita_export_tokens_intern (&table->tokens, text);
    }
}

static void
collect_clear (Collect *c)
{
  GHashTableIter iter;
  gpointer key, value;

  /* The kept generalisations' names are ours; catalogue ids are not. */
  g_hash_table_iter_init (&iter, c->lookup);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (value) % 2 == 0)
      g_free (key);
  g_clear_pointer (&c->lookup, g_hash_table_unref);
  for (guint f = 0; f < c->n_fields; f++)
    g_clear_pointer (&c->keep_cache[f], g_hash_table_unref);
  g_clear_pointer (&c->keep_cache, g_free);
  g_clear_pointer (&c->gate_of, g_free);
  g_clear_pointer (&c->is_gate, g_free);
  g_clear_pointer (&c->gate_values, g_hash_table_unref);
  g_clear_pointer (&c->use, g_free);
  g_clear_pointer (&c->columns, g_free);
  g_clear_pointer (&c->generalised, g_free);
  g_clear_pointer (&c->codes, g_array_unref);
  g_clear_pointer (&c->members, g_array_unref);
  g_clear_pointer (&c->raw, g_free);
  g_clear_pointer (&c->kept, g_free);
}

static Token
keep_token (Collect    *c,
            guint       f,
            const char *raw)
{
  GHashTable *cache = c->keep_cache[f];
  g_autofree char *value = NULL;
  gpointer hit;
  Token token;

  if (cache == NULL)
    cache = c->keep_cache[f] = g_hash_table_new_full (g_str_hash, g_str_equal, wipe_string, NULL);
  else if (g_hash_table_lookup_extended (cache, raw, NULL, &hit))
    return GPOINTER_TO_UINT (hit);

  value = _vita_export_kept_value (&c->fields[f], raw);
  token = _vita_export_tokens_intern (&c->table->tokens, value);
  if (g_hash_table_size (cache) < KEEP_CACHE_MAX)
    g_hash_table_insert (cache, g_strdup (raw), GUINT_TO_POINTER (token));
  return token;
}

/* Oldest band first, unknown last; slot order only breaks ties. */
static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a, *mb = b;

  if (ma->band != mb->band)
    return mb->band - ma->band;
  return ma->slot - mb->slot;
}

static Member *
find_member (GArray *members,
             int     slot)
{
  for (guint i = 0; i < members->len; i++)
    if (g_array_index (members, Member, i).slot == slot)
      return &g_array_index (members, Member, i);
  return NULL;
}

/* The column of catalogue field @f answered for @person. */
static guint
answer_column (Collect *c,
               guint    f,
               int      person)
{
  const FieldColumns *fc = &c->columns[f];

  if (person == VITA_PERSON_HOUSEHOLD)
    return fc->household;
  if (person == VITA_PERSON_TAXPAYER)
    return fc->taxpayer;
  if (person == VITA_PERSON_SPOUSE)
    return fc->spouse;
  /* Members sit in band order, not slot order. */
  for (guint n = 0; n < c->members->len && n < VITA_EXPORT_MAX_DEPENDENTS; n++)
    if (g_array_index (c->members, Member, n).slot == person)
      return fc->dependent[n];
  return NO_COLUMN;
}

static gpointer
gate_key (Collect *c,
          guint    f,
          int      person)
{
  return GSIZE_TO_POINTER ((gsize) (person + 2) * c->n_fields + f + 1);
}

/* Whether the interview asks field @f of @person given this household's
 * answers: vita_field_is_visible() over the answer list, without building
 * a VitaHousehold.  An answer behind a closed gate is stale (the
 * interview moved on) and never leaves.  A gate whose own answer is gone
 * (sealed and purged) counts as closed. */
static gboolean
answer_is_current (Collect *c,
                   guint    f,
                   int      person,
                   guint    depth)
{
  const VitaField *field = &c->fields[f];
  const VitaField *gate;
  int gate_person;

  if (field->scope == VITA_SCOPE_W7)
    return FALSE;
  if (field->gate_field == NULL)
    return TRUE;
  if (c->gate_of[f] < 0 || depth >= 8)
    return FALSE;
  gate = &c->fields[c->gate_of[f]];
  gate_person = gate->scope == VITA_SCOPE_HOUSEHOLD ? VITA_PERSON_HOUSEHOLD : person;
  switch (gate->scope)
    {
    case VITA_SCOPE_PERSON:
      if (gate_person != VITA_PERSON_TAXPAYER && gate_person != VITA_PERSON_SPOUSE)
        return FALSE;
      break;
    case VITA_SCOPE_EVERY_PERSON:
      if (gate_person < VITA_PERSON_TAXPAYER)
        return FALSE;
      break;
    case VITA_SCOPE_DEPENDENT:
      if (gate_person < VITA_PERSON_FIRST_DEPENDENT)
        return FALSE;
      break;
    case VITA_SCOPE_HOUSEHOLD:
      break;
    case VITA_SCOPE_W7:
    default:
      return FALSE;
    }
  if (!answer_is_current (c, c->gate_of[f], gate_person, depth + 1))
    return FALSE;
  return vita_field_value_matches (gate,
                                   g_hash_table_lookup (c->gate_values,
                                                        gate_key (c, c->gate_of[f], gate_person)),
                                   field->gate_value);
}

/* One row from one household's answers: a first pass finds who is in the
 * household and the members' order, a second places the values. */
static gboolean
collect_answers (const VitaHouseholdAnswers  *hh,
                 gpointer                     user_data,
                 GError                     **error)
{
  Collect *c = user_data;
  VitaExportTable *table = c->table;
  gboolean has_spouse = FALSE;
  guint size, n_members;
  Token *row;

  g_array_set_size (c->codes, hh->n_answers);
  g_array_set_size (c->members, 0);
  g_hash_table_remove_all (c->gate_values);
  for (guint i = 0; i < hh->n_answers; i++)
    {
      const VitaAnswer *answer = &hh->answers[i];
      guint code = GPOINTER_TO_UINT (g_hash_table_lookup (c->lookup, answer->field));

      g_array_index (c->codes, guint, i) = code;
      /* The later answer wins, as in vita_household_set(). */
      if (code != 0 && (code - 1) % 2 == 0 && c->is_gate[(code - 1) / 2])
        g_hash_table_insert (c->gate_values, gate_key (c, (code - 1) / 2, answer->person),
                             (gpointer) answer->value);
      if (answer->person == VITA_PERSON_SPOUSE)
        has_spouse = TRUE;
      else if (answer->person >= VITA_PERSON_FIRST_DEPENDENT)
        {
          Member *m = find_member (c->members, answer->person);

          if (m == NULL)
            {
              Member fresh = { answer->person, -1, NULL, NULL };

              g_array_append_val (c->members, fresh);
              m = &g_array_index (c->members, Member, c->members->len - 1);
            }
          if (c->dob >= 0 && code != 0 && (code - 1) / 2 == (guint) c->dob)
            {
              if ((code - 1) % 2 == 0)
                m->dob = answer->value;
              else
                m->dob_kept = answer->value;
            }
        }
    }
  n_members = c->members->len;
  for (guint i = 0; c->dob >= 0 && i < n_members; i++)
    {
      Member *m = &g_array_index (c->members, Member, i);

      m->band = _vita_export_age_band_index (m->dob != NULL
                                             ? _vita_export_age_band_for_date (m->dob, hh->tax_year)
                                             : m->dob_kept);
    }
  g_array_sort (c->members, compare_members);

  g_array_set_size (table->cells, (gsize) (table->n_rows + 1) * table->n_columns);
  row = table_row (table, table->n_rows);
  memset (row, 0, table->n_columns * sizeof (Token));
  for (guint i = 0; i < c->n_generalised; i++)
    c->raw[c->generalised[i]] = c->kept[c->generalised[i]] = NULL;

  for (guint i = 0; i < hh->n_answers; i++)
    {
      const VitaAnswer *answer = &hh->answers[i];
      guint code = g_array_index (c->codes, guint, i);
      guint f, col;

      if (code == 0)
        continue;
      f = (code - 1) / 2;
      col = answer_column (c, f, answer->person);
      if (col == NO_COLUMN || !answer_is_current (c, f, answer->person, 0))
        continue;
      if (c->use[f] == USE_KEEP)
        row[col] = keep_token (c, f, answer->value);
      else if ((code - 1) % 2 == 0)
        c->raw[col] = answer->value;
      else
        c->kept[col] = answer->value;
    }

  for (guint i = 0; i < c->n_generalised; i++)
    {
      guint col = c->generalised[i];
      const Column *column = g_ptr_array_index (table->columns, col);
      char buf[16];

      row[col] = _vita_export_tokens_intern (&table->tokens,
                                             generalised_value (column->use, c->raw[col],
                                                                c->kept[col], hh->tax_year, buf));
    }

  size = 1 + (has_spouse ? 1 : 0) + n_members;
  if (c->status_column != NO_COLUMN)
    row[c->status_column] = (guint) hh->status <= VITA_RETURN_STATUS_LAST
                            ? c->status[hh->status]
                            : _vita_export_tokens_intern (&table->tokens,
                                                          vita_return_status_to_string (hh->status));
  if (c->size_column != NO_COLUMN)
    row[c->size_column] = c->size[MIN (size, 6)];
  if (c->count_column != NO_COLUMN)
    row[c->count_column] = c->count[MIN (n_members, 4)];

  table->n_rows++;
  return _vita_export_tokens_check (&table->tokens, error);
}

gboolean
_vita_export_collect_rows (VitaExportTable  *table,
                           VitaStore        *store,
                           gboolean          include_purged,
                           GError          **error)
{
  Collect collect;
  gboolean ok;

  collect_init (&collect, table);
  ok = vita_store_foreach_answers (store, include_purged, collect_answers, &collect, error);
  collect_clear (&collect);
  return ok;
}
