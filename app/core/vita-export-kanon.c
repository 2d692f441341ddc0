/* vita-export-kanon.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * k-anonymity of the row export: the quasi-identifiers as printed at
 * each generalisation level, the fixed schedule, grouping and
 * withholding.  See docs/export.md, "k-anonymity".
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "vita-export-private.h"

static const char *
coarse_age (const char *band)
{
  switch (_vita_export_age_band_index (band))
    {
    case 0: return "0-17";
    case 1: case 2: return "18-34";
    case 3: case 4: return "35-54";
    case 5: case 6: return "55+";
    default: return NULL;
    }
}

/* The cell as printed at @level; "*" at the top level whatever the value,
 * so an empty cell and a withheld one look the same there. */
static const char *
render_qi (Hierarchy   hier,
           const char *value,
           guint8      level,
           char        buf[32])
{
  int n;

  if (level >= _vita_export_hierarchy_max_level (hier))
    return "*";
  if (value == NULL || level == 0)
    return value;

  switch (hier)
    {
    case HIER_AGE:
      if (level == 1)
        return coarse_age (value);
      return g_str_equal (value, "0-17") ? "0-17" : "18+";

    case HIER_YEAR:
      n = atoi (value);
      g_snprintf (buf, 32, "%d-%d", n - n % 10, n - n % 10 + 9);
      return buf;

    case HIER_HOUSEHOLD_SIZE:
      n = atoi (value);
      return n <= 1 ? "1" : n == 2 ? "2" : n <= 4 ? "3-4" : "5+";

    case HIER_DEPENDENTS:
      n = atoi (value);
      return n == 0 ? "0" : n <= 2 ? "1-2" : "3+";

    case HIER_STATUS:
      {
        VitaReturnStatus status = VITA_RETURN_STATUS_INTAKE;

        if (!vita_return_status_from_string (value, &status))
          return "*";
        if (status <= VITA_RETURN_STATUS_QUALITY_REVIEW)
          return "not_yet_filed";
        return status == VITA_RETURN_STATUS_NOT_FILING ? "not_filing" : "filed";
      }

    case HIER_COUNT:
      n = atoi (value);
      if (level == 1)
        return n <= 0 ? "0" : n == 1 ? "1" : n == 2 ? "2" : "3+";
      return n <= 0 ? "0" : "1+";

    case HIER_CHOICE:   /* rare answers: _vita_export_render_levels() */
    case HIER_YES_NO:
    case HIER_ZIP3:
    case HIER_NONE:
    default:
      return value;
    }
}

/* Renders, once, every value each quasi-identifier holds at every level,
 * so the rounds below only look tokens up. */
gboolean
_vita_export_render_levels (VitaExportTable  *table,
                            GError          **error)
{
  g_autofree gboolean *seen = NULL;
  guint n = table->tokens.strings->len;

  table->star = _vita_export_tokens_intern (&table->tokens, "*");
  table->n_rendered = n;
  table->rendered = g_new0 (Token, (gsize) table->n_qi * N_LEVELS * n);
  seen = g_new (gboolean, n);
  g_autofree guint *count = g_new (guint, n);

  table->other = _vita_export_tokens_intern (&table->tokens, "other");
  for (guint i = 0; i < table->n_qi; i++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[i]);

      memset (count, 0, n * sizeof (guint));
      memset (seen, 0, n * sizeof (gboolean));
      seen[TOKEN_EMPTY] = TRUE;
      for (guint r = 0; r < table->n_rows; r++)
        {
          seen[table_row (table, r)[table->qi[i]]] = TRUE;
          count[table_row (table, r)[table->qi[i]]]++;
        }
      for (guint level = 0; level < N_LEVELS; level++)
        for (guint t = 0; t < n; t++)
          {
            char buf[32];
            Token shown;

            if (!seen[t])
              continue;
            /* Answers fewer than k households of this export gave are
             * grouped into "other": a rare choice singles a row out. */
            if (col->hier == HIER_CHOICE && level == 1 && t != TOKEN_EMPTY
                && level < _vita_export_hierarchy_max_level (col->hier) && count[t] < table->k)
              shown = table->other;
            else
              shown = _vita_export_tokens_intern (&table->tokens,
                                                  render_qi (col->hier,
                                                             _vita_export_tokens_get (&table->tokens, t),
                                                             level, buf));
            table->rendered[((gsize) i * N_LEVELS + level) * n + t] = shown;
          }
    }
  return _vita_export_tokens_check (&table->tokens, error);
}

typedef struct
{
  guint  qi;      /* index into table->qi */
  guint8 level;
} Step;

typedef struct
{
  VitaExportTable *table;
  GArray          *schedule;  /* Step */
  guint            k;
  /* count_groups(): each row's tuple as printed, its group, and the
   * groups' sizes.  A group is the exact tuple; the hash only finds it. */
  Token           *keys;      /* n_rows × n_qi */
  guint32         *group;     /* n_rows */
  GArray          *sizes;     /* guint per group */
  GArray          *first;     /* guint32 per group: a row with its tuple */
  guint32         *slots;     /* open addressing: group + 1, 0 when free */
  gsize            n_slots;
} Anonymise;

static void
anonymise_clear (Anonymise *a)
{
  g_clear_pointer (&a->keys, g_free);
  g_clear_pointer (&a->group, g_free);
  g_clear_pointer (&a->sizes, g_array_unref);
  g_clear_pointer (&a->first, g_array_unref);
  g_clear_pointer (&a->slots, g_free);
}

static guint64
hash_key (const Token *key,
          guint        n)
{
  guint64 h = 0xcbf29ce484222325ull;

  for (guint i = 0; i < n; i++)
    h = (h ^ key[i]) * 0x100000001b3ull;
  return h ^ (h >> 29);
}

/* Groups the rows by their quasi-identifiers as printed now. */
static void
count_groups (Anonymise *a)
{
  VitaExportTable *table = a->table;
  guint n_qi = table->n_qi;
  gsize mask;

  if (a->keys == NULL)
    {
      a->keys = g_new (Token, MAX ((gsize) table->n_rows * n_qi, 1));
      a->group = g_new (guint32, MAX (table->n_rows, 1));
      a->sizes = g_array_new (FALSE, FALSE, sizeof (guint));
      a->first = g_array_new (FALSE, FALSE, sizeof (guint32));
      for (a->n_slots = 16; a->n_slots < (gsize) table->n_rows * 2; a->n_slots *= 2)
        ;
      a->slots = g_new (guint32, a->n_slots);
    }
  mask = a->n_slots - 1;
  memset (a->slots, 0, a->n_slots * sizeof (guint32));
  g_array_set_size (a->sizes, 0);
  g_array_set_size (a->first, 0);

  for (guint r = 0; r < table->n_rows; r++)
    {
      Token *key = a->keys + (gsize) r * n_qi;
      gsize slot;

      if (table->suppressed != NULL && table->suppressed[r])
        {
          a->group[r] = G_MAXUINT32;
          continue;
        }
      for (guint i = 0; i < n_qi; i++)
        key[i] = table_shown (table, r, i);
      for (slot = hash_key (key, n_qi) & mask;; slot = (slot + 1) & mask)
        {
          guint32 g = a->slots[slot];

          if (g == 0)
            {
              guint one = 1;
              guint32 first = r;

              g_array_append_val (a->sizes, one);
              g_array_append_val (a->first, first);
              a->slots[slot] = a->sizes->len;
              a->group[r] = a->sizes->len - 1;
              break;
            }
          if (memcmp (a->keys + (gsize) g_array_index (a->first, guint32, g - 1) * n_qi, key,
                      n_qi * sizeof (Token)) == 0)
            {
              g_array_index (a->sizes, guint, g - 1)++;
              a->group[r] = g - 1;
              break;
            }
        }
    }
}

static inline guint
group_size (Anonymise *a,
            guint      row)
{
  return g_array_index (a->sizes, guint, a->group[row]);
}

static void
schedule_add_full (Anonymise *a,
                   GArray    *qis,
                   guint8     level,
                   gboolean   withhold)
{
  for (guint i = 0; i < qis->len; i++)
    {
      guint q = g_array_index (qis, guint, i);
      const Column *col = g_ptr_array_index (a->table->columns, a->table->qi[q]);
      guint8 max = _vita_export_hierarchy_max_level (col->hier);
      Step step = { q, MIN (level, max) };

      if (!withhold && level >= max)
        continue;
      g_array_append_val (a->schedule, step);
    }
}

static void
schedule_add (Anonymise *a,
              GArray    *qis,
              guint8     level)
{
  schedule_add_full (a, qis, level, TRUE);
}

/* Least useful and most identifying first: the ZIP area, then years, then
 * members' ages, household shape, and the adults' ages last. */
static void
build_schedule (Anonymise *a)
{
  g_autoptr(GArray) zip = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) member_ages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) shape = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) adult_ages = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) answers = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint q = 0; q < a->table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (a->table->columns, a->table->qi[q]);

      switch (col->hier)
        {
        case HIER_ZIP3:
          g_array_append_val (zip, q);
          break;
        case HIER_YEAR:
          g_array_append_val (years, q);
          break;
        case HIER_HOUSEHOLD_SIZE:
        case HIER_DEPENDENTS:
          g_array_append_val (shape, q);
          break;
        case HIER_STATUS:
        case HIER_YES_NO:
        case HIER_COUNT:
        case HIER_CHOICE:
          g_array_append_val (answers, q);
          break;
        case HIER_AGE:
          /* Spouse before taxpayer, youngest member slot first. */
          if (col->who == WHO_TAXPAYER || col->who == WHO_SPOUSE)
            g_array_prepend_val (adult_ages, q);
          else
            g_array_prepend_val (member_ages, q);
          break;
        case HIER_NONE:
        default:
          break;
        }
    }

  schedule_add (a, zip, 1);
  schedule_add (a, years, 1);
  /* Rare choices to "other", counts top-coded, status to its outcome. */
  schedule_add_full (a, answers, 1, FALSE);
  schedule_add (a, member_ages, 1);
  schedule_add (a, shape, 1);
  schedule_add (a, adult_ages, 1);
  schedule_add (a, years, 2);
  schedule_add (a, member_ages, 2);
  schedule_add_full (a, answers, 2, FALSE);
  schedule_add (a, adult_ages, 2);
  schedule_add (a, member_ages, 3);
  schedule_add (a, shape, 2);
  schedule_add (a, adult_ages, 3);
  /* The answers the extract is for are withheld last. */
  schedule_add (a, answers, 3);
  /* Whatever a future catalogue adds ends withheld too, so every row that
   * runs out of steps has the same all-"*" tuple. */
  for (guint q = 0; q < a->table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (a->table->columns, a->table->qi[q]);
      Step step = { q, _vita_export_hierarchy_max_level (col->hier) };

      g_array_append_val (a->schedule, step);
    }
}

gboolean
_vita_export_row_all_withheld (VitaExportTable *table,
                               guint            row)
{
  const guint8 *levels = table_levels (table, row);

  for (guint q = 0; q < table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[q]);

      if (levels[q] < _vita_export_hierarchy_max_level (col->hier))
        return FALSE;
    }
  return TRUE;
}

/* ZIP areas too small in this export, or sparsely populated, never show. */
static void
withhold_small_zip_areas (Anonymise *a)
{
  VitaExportTable *table = a->table;

  for (guint q = 0; q < table->n_qi; q++)
    {
      const Column *col = g_ptr_array_index (table->columns, table->qi[q]);
      g_autofree guint *counts = NULL;

      if (col->hier != HIER_ZIP3)
        continue;
      counts = g_new0 (guint, table->n_rendered);
      for (guint r = 0; r < table->n_rows; r++)
        counts[table_row (table, r)[table->qi[q]]]++;
      for (guint r = 0; r < table->n_rows; r++)
        {
          Token v = table_row (table, r)[table->qi[q]];

          if (v != TOKEN_EMPTY
              && (counts[v] < a->k
                  || _vita_export_zip3_is_restricted (_vita_export_tokens_get (&table->tokens, v))))
            table_levels (table, r)[q] = _vita_export_hierarchy_max_level (col->hier);
        }
    }
}

/* Returns: the smallest group, which the caller checks against k. */
static guint
anonymise (Anonymise *a)
{
  VitaExportTable *table = a->table;
  guint min_group = G_MAXUINT;

  withhold_small_zip_areas (a);
  for (;;)
    {
      gboolean any_small = FALSE, advanced = FALSE;

      count_groups (a);
      for (guint p = 0; p < table->n_rows; p++)
        {
          guint r = table->order[p];
          guint8 *levels = table_levels (table, r);

          if (group_size (a, r) >= a->k)
            continue;
          any_small = TRUE;
          /* Steps that would not change this row are skipped, so each
           * round changes every row still standing out. */
          while (table->steps[r] < a->schedule->len)
            {
              const Step *step = &g_array_index (a->schedule, Step, table->steps[r]++);

              if (levels[step->qi] < step->level)
                {
                  levels[step->qi] = step->level;
                  advanced = TRUE;
                  break;
                }
            }
        }
      if (!any_small || !advanced)
        break;
    }

  /* A row left with every cell withheld says nothing but that it is
   * there: it is suppressed, not written (ARX's record suppression), so
   * no group need be filled up for it. */
  for (guint r = 0; r < table->n_rows; r++)
    table->suppressed[r] = _vita_export_row_all_withheld (table, r);

  count_groups (a);
  for (guint g = 0; g < a->sizes->len; g++)
    min_group = MIN (min_group, g_array_index (a->sizes, guint, g));
  return min_group == G_MAXUINT ? 0 : min_group;
}

/* An independent recount of what is written: each written row's whole
 * tuple as printed, grouped by the strings themselves. */
void
_vita_export_count_written (VitaExportTable *table,
                            guint           *n_groups,
                            guint           *min_group,
                            guint           *n_below_2k)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  GHashTableIter iter;
  gpointer value;

  *n_groups = *min_group = *n_below_2k = 0;
  for (guint r = 0; r < table->n_rows; r++)
    {
      gpointer old;

      if (table->suppressed[r])
        continue;
      g_string_truncate (key, 0);
      for (guint q = 0; q < table->n_qi; q++)
        {
          const char *shown = _vita_export_tokens_get (&table->tokens, table_shown (table, r, q));

          g_string_append (key, shown != NULL ? shown : "");
          g_string_append_c (key, '\x1f');
        }
      old = g_hash_table_lookup (groups, key->str);
      g_hash_table_replace (groups, g_strdup (key->str), GUINT_TO_POINTER (GPOINTER_TO_UINT (old) + 1));
    }
  *min_group = G_MAXUINT;
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      guint size = GPOINTER_TO_UINT (value);

      (*n_groups)++;
      *min_group = MIN (*min_group, size);
      if (size < 2 * table->k)
        *n_below_2k += size;
    }
  if (*min_group == G_MAXUINT)
    *min_group = 0;
}

/* Runs the schedule until every group has k rows or the schedule ends;
 * returns the smallest group left. */
guint
_vita_export_anonymise (VitaExportTable *table,
                        guint            k)
{
  g_autoptr(GArray) schedule = g_array_new (FALSE, FALSE, sizeof (Step));
  Anonymise a = { 0 };
  guint min_group;

  a.table = table;
  a.schedule = schedule;
  a.k = k;
  build_schedule (&a);
  min_group = anonymise (&a);
  anonymise_clear (&a);
  return min_group;
}
