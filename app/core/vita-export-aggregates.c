/* vita-export-aggregates.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Aggregate tables for funders and complementary cell suppression.
 * See docs/export.md, "Aggregates for funders".
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "vita-field-ids.h"
#include "vita-export-private.h"
#include "vita-retention.h"

static void
relation_free (Relation *rel)
{
  g_array_unref (rel->parts);
  g_free (rel);
}
typedef struct
{
  guint       n;
  guint       n_languages;
  const VitaLanguage *languages;
  guint      *language;     /* n_languages + 1 ("other") */
  guint       status[VITA_RETURN_STATUS_LAST + 1];
  const VitaField *marital;
  guint       n_marital;
  guint      *marital_counts; /* n_marital + 1 ("not answered") */
  GPtrArray  *yes_fields;   /* const VitaField* */
  guint      *yes;
  guint       w7;
} AggCollect;

static gboolean
is_yes_no_question (const VitaField *field)
{
  return field->klass == VITA_FIELD_CLASS_SAFE
         && field->export_rule == VITA_EXPORT_KEEP
         && field->type == VITA_FIELD_YES_NO
         && field->scope == VITA_SCOPE_HOUSEHOLD
         && !_vita_export_field_is_never_exported (field)
         && vita_field_section_has_coded_items (field->section);
}

static gboolean
collect_aggregates (VitaHousehold  *hh,
                    gpointer        user_data,
                    GError        **error)
{
  AggCollect *c = user_data;
  const char *language = vita_household_get_language (hh);
  g_autoptr(GArray) persons = vita_household_list_persons (hh);
  guint lang = c->n_languages;
  guint marital = c->n_marital;
  VitaReturnStatus status = vita_household_get_status (hh);
  g_autofree char *marital_value = NULL;

  c->n++;

  for (guint i = 0; i < c->n_languages; i++)
    if (g_strcmp0 (language, c->languages[i].code) == 0)
      lang = i;
  c->language[lang]++;

  if (status <= VITA_RETURN_STATUS_LAST)
    c->status[status]++;

  if (c->marital != NULL && vita_field_is_visible (c->marital, hh, VITA_PERSON_HOUSEHOLD))
    marital_value = _vita_export_kept_value (c->marital,
                                             vita_household_get (hh, VITA_PERSON_HOUSEHOLD,
                                                                 "marital_status"));
  for (guint i = 0; marital_value != NULL && i < c->n_marital; i++)
    if (g_str_equal (marital_value, c->marital->choices[i].id))
      marital = i;
  c->marital_counts[marital]++;

  for (guint i = 0; i < c->yes_fields->len; i++)
    {
      const VitaField *field = g_ptr_array_index (c->yes_fields, i);
      const char *raw = vita_household_get (hh, VITA_PERSON_HOUSEHOLD, field->id);
      g_autofree char *v = NULL;

      /* A "yes" behind a closed gate is stale: the interview moved on. */
      if (!vita_field_is_visible (field, hh, VITA_PERSON_HOUSEHOLD))
        continue;
      v = _vita_export_kept_value (field, raw);

      if (g_strcmp0 (v, "yes") == 0)
        c->yes[i]++;
    }

  /* Only a count: the TIN type is read here and goes nowhere else. */
  for (guint i = 0; i < persons->len; i++)
    {
      if (vita_household_person_needs_itin (hh, g_array_index (persons, int, i)))
        c->w7++;
    }
  return TRUE;
}

static guint
add_cell (VitaExportTable *table,
          const char      *table_id,
          const char      *category,
          const char      *label,
          guint            count)
{
  Cell cell = { 0 };

  cell.table = table_id;
  cell.category = g_strdup (category);
  cell.label = g_strdup (label);
  cell.count = count;
  g_array_append_val (table->cells_agg, cell);
  return table->cells_agg->len - 1;
}

static void
add_relation (VitaExportTable *table,
              guint            total,
              const guint     *parts,
              guint            n_parts)
{
  Relation *rel = g_new0 (Relation, 1);

  rel->total = total;
  rel->parts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_parts);
  g_array_append_vals (rel->parts, parts, n_parts);
  g_array_index (table->cells_agg, Cell, total).is_total = TRUE;
  g_ptr_array_add (table->relations, rel);
}

/* Returns: a withheld cell whose exact value follows from the published
 * ones, or G_MAXUINT.  x_i is fixed by M x = b exactly when e_i is in the
 * row space of M, i.e. when the reduced row echelon form has a row that is
 * e_i. */
static guint
find_recoverable_cell (VitaExportTable *table)
{
  g_autoptr(GArray) vars = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree int *var_of_cell = g_new (int, table->cells_agg->len);
  g_autofree double *m = NULL;
  g_autofree guint *pivots = NULL;
  guint n_rows = table->relations->len, n_vars, rank = 0;
  const double eps = 1e-9;

  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      var_of_cell[i] = -1;
      if (g_array_index (table->cells_agg, Cell, i).suppressed)
        {
          var_of_cell[i] = vars->len;
          g_array_append_val (vars, i);
        }
    }
  n_vars = vars->len;
  if (n_vars == 0 || n_rows == 0)
    return G_MAXUINT;

  m = g_new0 (double, (gsize) n_rows * n_vars);
  pivots = g_new0 (guint, n_rows);
#define M(r, c) m[(gsize) (r) * n_vars + (c)]
  for (guint r = 0; r < n_rows; r++)
    {
      const Relation *rel = g_ptr_array_index (table->relations, r);

      if (var_of_cell[rel->total] >= 0)
        M (r, var_of_cell[rel->total]) += 1.0;
      for (guint i = 0; i < rel->parts->len; i++)
        {
          guint cell = g_array_index (rel->parts, guint, i);
          if (var_of_cell[cell] >= 0)
            M (r, var_of_cell[cell]) -= 1.0;
        }
    }

  for (guint lead = 0; lead < n_vars && rank < n_rows; lead++)
    {
      guint best = rank;

      for (guint r = rank + 1; r < n_rows; r++)
        if (ABS (M (r, lead)) > ABS (M (best, lead)))
          best = r;
      if (ABS (M (best, lead)) < eps)
        continue;
      for (guint c = 0; c < n_vars; c++)
        {
          double tmp = M (rank, c);
          M (rank, c) = M (best, c);
          M (best, c) = tmp;
        }
      {
        double div = M (rank, lead);
        for (guint c = 0; c < n_vars; c++)
          M (rank, c) /= div;
      }
      for (guint r = 0; r < n_rows; r++)
        {
          double f = M (r, lead);

          if (r == rank || ABS (f) < eps)
            continue;
          for (guint c = 0; c < n_vars; c++)
            M (r, c) -= f * M (rank, c);
        }
      pivots[rank++] = lead;
    }

  for (guint r = 0; r < rank; r++)
    {
      guint nonzero = 0;

      for (guint c = 0; c < n_vars; c++)
        if (ABS (M (r, c)) > eps)
          nonzero++;
      if (nonzero == 1)
        return g_array_index (vars, guint, pivots[r]);
    }
#undef M
  return G_MAXUINT;
}

static gboolean
better_complement (VitaExportTable *table,
                   guint            candidate,
                   guint            best)
{
  const Cell *a = &g_array_index (table->cells_agg, Cell, candidate);
  const Cell *b;

  if (best == G_MAXUINT)
    return TRUE;
  b = &g_array_index (table->cells_agg, Cell, best);
  if (a->is_total != b->is_total)
    return !a->is_total;
  if (a->count != b->count)
    return a->count < b->count;
  return candidate < best;
}

/* The published cell to withhold with @cell: the smallest row (totals
 * last) of a relation @cell is in, else of any relation reachable through
 * withheld cells, which is where its value comes from. */
static guint
choose_complement (VitaExportTable *table,
                   guint            cell)
{
  g_autofree gboolean *reached = g_new0 (gboolean, table->cells_agg->len);
  guint best = G_MAXUINT;
  gboolean grew = TRUE;

  reached[cell] = TRUE;
  while (best == G_MAXUINT && grew)
    {
      grew = FALSE;
      for (guint r = 0; r < table->relations->len; r++)
        {
          const Relation *rel = g_ptr_array_index (table->relations, r);
          gboolean touches = FALSE;

          for (guint i = 0; i <= rel->parts->len && !touches; i++)
            {
              guint c = i == 0 ? rel->total : g_array_index (rel->parts, guint, i - 1);
              touches = reached[c];
            }
          if (!touches)
            continue;
          for (guint i = 0; i <= rel->parts->len; i++)
            {
              guint c = i == 0 ? rel->total : g_array_index (rel->parts, guint, i - 1);
              const Cell *x = &g_array_index (table->cells_agg, Cell, c);

              if (!x->suppressed)
                {
                  if (better_complement (table, c, best))
                    best = c;
                }
              else if (!reached[c])
                {
                  reached[c] = TRUE;
                  grew = TRUE;
                }
            }
        }
    }
  return best;
}

static gboolean
suppress_cells (VitaExportTable  *table,
                GError          **error)
{
  guint cell;

  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      Cell *c = &g_array_index (table->cells_agg, Cell, i);
      c->suppressed = c->count < table->k;
    }

  while ((cell = find_recoverable_cell (table)) != G_MAXUINT)
    {
      guint other = choose_complement (table, cell);

      if (other == G_MAXUINT)
        {
          g_set_error_literal (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_CHECK,
                               _("A small count could be worked out from the others; the statistics were not written."));
          return FALSE;
        }
      g_array_index (table->cells_agg, Cell, other).suppressed = TRUE;
      g_array_index (table->cells_agg, Cell, other).complementary = TRUE;
    }
  return TRUE;
}

/* P(G = g) = (1 - alpha) alpha^g by inverting the distribution
 * function: P(G >= g) = P(U <= alpha^g) = alpha^g for U uniform on (0, 1]. */
static guint64
geometric (double alpha)
{
  guint64 bits;
  double u;

  randombytes_buf (&bits, sizeof bits);
  u = (double) ((bits >> 11) + 1) / 9007199254740992.0;   /* 2^53 */
  return (guint64) floor (log (u) / log (alpha));
}

/**
 * vita_export_geometric_noise:
 * @epsilon: the privacy loss one count may leak, above 0
 *
 * The two-sided geometric mechanism (Ghosh, Roughgarden and Sundararajan
 * 2009), the discrete Laplace: P(Z = z) is proportional to alpha^|z|
 * with alpha = e^-epsilon, drawn as the difference of two geometric
 * variables, so its mean is 0 and its variance 2 alpha / (1 - alpha)^2.
 * Added to a count a household changes by at most 1, it hides whether
 * the household is in it: any published value is at most e^epsilon times
 * likelier with the household than without.  Randomness is libsodium's.
 *
 * Returns: the noise to add
 */
gint64
vita_export_geometric_noise (double epsilon)
{
  double alpha;

  g_return_val_if_fail (epsilon > 0, 0);

  if (sodium_init () < 0)
    g_error ("libsodium could not start");
  alpha = exp (-epsilon);
  return (gint64) geometric (alpha) - (gint64) geometric (alpha);
}

/* Noise on every published count, before suppression: what is withheld
 * then depends on the noisy counts only, which keeps the guarantee. */
static void
add_noise (VitaExportTable *table,
           double           epsilon)
{
  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      Cell *cell = &g_array_index (table->cells_agg, Cell, i);
      gint64 noisy = (gint64) cell->count + vita_export_geometric_noise (epsilon);

      cell->count = (guint) CLAMP (noisy, 0, G_MAXUINT);
    }
}

/**
 * vita_export_prepare_aggregates:
 * @min_cell: the smallest count shown; 0 for the site's k
 *
 * Counts every household, purged ones included, into one-way tables and
 * withholds small counts and their complements.  Writes nothing.
 *
 * Returns: (transfer full): the tables, or %NULL with @error set
 */
VitaExportTable *
vita_export_prepare_aggregates (VitaStore  *store,
                                guint       min_cell,
                                GError    **error)
{
  VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;

  opts.k = min_cell;
  opts.epsilon = -1;
  return vita_export_prepare_aggregates_full (store, &opts, error);
}

/* The statuses' labels as vita-household.c marks them (the same msgids,
 * so the same translations), untranslated: the tables are written in the
 * export's language, which need not be the interface's. */
static const char *const status_msgids[] = {
  N_("Intake"), N_("Preparing"), N_("Quality review"), N_("Filed"),
  N_("Accepted"), N_("Rejected"), N_("Not filing"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_msgids) == VITA_RETURN_STATUS_LAST + 1);

/**
 * vita_export_prepare_aggregates_full:
 * @opts: k (the smallest count shown; 0 for the site's k) and epsilon
 *   (0 for the site's noise setting, < 0 for none)
 *
 * vita_export_prepare_aggregates() with the noise choice.  Answers behind
 * a closed gate count for nothing.
 *
 * Returns: (transfer full): the tables, or %NULL with @error set
 */
VitaExportTable *
vita_export_prepare_aggregates_full (VitaStore                *store,
                                     const VitaExportOptions  *opts,
                                     GError                  **error)
{
  guint min_cell = opts->k;
  double epsilon = opts->epsilon;
  g_autoptr(VitaExportTable) table = NULL;
  g_autoptr(GPtrArray) yes_fields = g_ptr_array_new ();
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (guint));
  AggCollect c = { 0 };
  const VitaField *fields;
  guint n_fields = 0, k = 0, total = 0;
  guint status_cell[VITA_RETURN_STATUS_LAST + 1];
  gboolean ok;

  g_return_val_if_fail (VITA_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_vita_export_require (store, error) || !_vita_export_resolve_k (store, min_cell, &k, error))
    return NULL;
  if (epsilon == 0)
    epsilon = vita_export_get_site_epsilon (store);
  if (epsilon > 0 && (epsilon < VITA_EXPORT_MIN_EPSILON || epsilon > VITA_EXPORT_MAX_EPSILON))
    {
      g_set_error (error, VITA_EXPORT_ERROR, VITA_EXPORT_ERROR_INVALID,
                   _("The noise setting epsilon must be from %.2f to %.1f."),
                   VITA_EXPORT_MIN_EPSILON, VITA_EXPORT_MAX_EPSILON);
      return NULL;
    }
  epsilon = MAX (epsilon, 0.0);

  fields = vita_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    if (is_yes_no_question (&fields[i]))
      g_ptr_array_add (yes_fields, (gpointer) &fields[i]);

  c.languages = vita_i18n_get_languages (&c.n_languages);
  c.language = g_new0 (guint, c.n_languages + 1);
  c.marital = vita_field_lookup (VITA_FID_MARITAL_STATUS);
  if (c.marital != NULL
      && (_vita_export_field_use (c.marital) != USE_KEEP || c.marital->choices == NULL))
    c.marital = NULL;
  while (c.marital != NULL && c.marital->choices[c.n_marital].id != NULL)
    c.n_marital++;
  c.marital_counts = g_new0 (guint, c.n_marital + 1);
  c.yes_fields = yes_fields;
  c.yes = g_new0 (guint, yes_fields->len);

  ok = vita_store_foreach_household (store, TRUE, collect_aggregates, &c, error);
  if (ok)
    {
      table = g_new0 (VitaExportTable, 1);
      table->store = g_object_ref (store);
      table->aggregates = TRUE;
      table->k = k;
      table->id_headers = opts->id_headers;
      /* Checked before the households were read would be nicer; the
       * language is rarely wrong and the read writes nothing. */
      if (!_vita_export_open_catalog (opts->language, &table->catalog, error))
        {
          ok = FALSE;
          g_clear_pointer (&table, vita_export_table_free);
        }
    }
  if (ok)
    {
      table->cells_agg = g_array_new (FALSE, TRUE, sizeof (Cell));
      table->relations = g_ptr_array_new_with_free_func ((GDestroyNotify) relation_free);

      total = add_cell (table, "households", "all", _vita_export_tr (table->catalog, N_("Households")), c.n);

      g_array_set_size (parts, 0);
      for (guint i = 0; i < c.n_languages; i++)
        {
          guint cell = add_cell (table, "language", c.languages[i].code,
                                 c.languages[i].native_name, c.language[i]);
          g_array_append_val (parts, cell);
        }
      {
        guint cell = add_cell (table, "language", "other", _vita_export_tr (table->catalog, N_("Other language")), c.language[c.n_languages]);
        g_array_append_val (parts, cell);
      }
      add_relation (table, total, (guint *) parts->data, parts->len);

      g_array_set_size (parts, 0);
      for (guint s = 0; s <= VITA_RETURN_STATUS_LAST; s++)
        {
          status_cell[s] = add_cell (table, "return_status", vita_return_status_to_string (s),
                                     _vita_export_tr (table->catalog, status_msgids[s]), c.status[s]);
          g_array_append_val (parts, status_cell[s]);
        }
      add_relation (table, total, (guint *) parts->data, parts->len);

      /* Filing outcome: the same households as the statuses, coarser, so
       * the relations tie the two tables together for the suppression. */
      {
        guint open[] = { status_cell[VITA_RETURN_STATUS_INTAKE], status_cell[VITA_RETURN_STATUS_PREPARING],
                         status_cell[VITA_RETURN_STATUS_QUALITY_REVIEW] };
        VitaReturnStatus closed[] = { VITA_RETURN_STATUS_FILED, VITA_RETURN_STATUS_ACCEPTED,
                                      VITA_RETURN_STATUS_REJECTED, VITA_RETURN_STATUS_NOT_FILING };
        const char *closed_ids[] = { "filed_pending", "accepted", "rejected", "not_filing" };
        const char *closed_labels[] = { N_("Filed, waiting for the IRS"), N_("Accepted by the IRS"),
                                        N_("Rejected by the IRS"), N_("Not filing") };
        guint not_yet;

        g_array_set_size (parts, 0);
        not_yet = add_cell (table, "filing_outcome", "not_yet_filed", _vita_export_tr (table->catalog, N_("Not filed yet")),
                            c.status[VITA_RETURN_STATUS_INTAKE] + c.status[VITA_RETURN_STATUS_PREPARING]
                            + c.status[VITA_RETURN_STATUS_QUALITY_REVIEW]);
        g_array_append_val (parts, not_yet);
        for (guint i = 0; i < G_N_ELEMENTS (closed); i++)
          {
            guint cell = add_cell (table, "filing_outcome", closed_ids[i], _vita_export_tr (table->catalog, closed_labels[i]),
                                   c.status[closed[i]]);
            g_array_append_val (parts, cell);
            add_relation (table, cell, &status_cell[closed[i]], 1);
          }
        add_relation (table, total, (guint *) parts->data, parts->len);
        add_relation (table, not_yet, open, G_N_ELEMENTS (open));
      }

      if (c.marital != NULL)
        {
          g_array_set_size (parts, 0);
          for (guint i = 0; i < c.n_marital; i++)
            {
              guint cell = add_cell (table, VITA_FID_MARITAL_STATUS, c.marital->choices[i].id,
                                     _vita_export_tr (table->catalog, c.marital->choices[i].label), c.marital_counts[i]);
              g_array_append_val (parts, cell);
            }
          {
            guint cell = add_cell (table, VITA_FID_MARITAL_STATUS, "not_answered", _vita_export_tr (table->catalog, N_("Not answered")),
                                   c.marital_counts[c.n_marital]);
            g_array_append_val (parts, cell);
          }
          add_relation (table, total, (guint *) parts->data, parts->len);
        }

      for (guint i = 0; i < yes_fields->len; i++)
        {
          const VitaField *field = g_ptr_array_index (yes_fields, i);
          guint pair[2];

          pair[0] = add_cell (table, "answered_yes", field->id, _vita_export_tr (table->catalog, field->label), c.yes[i]);
          pair[1] = add_cell (table, "answered_no_or_blank", field->id, _vita_export_tr (table->catalog, field->label), c.n - c.yes[i]);
          add_relation (table, total, pair, 2);
        }

      /* One number, in no relation and no breakdown. */
      add_cell (table, "itin_applications", "all",
                _vita_export_tr (table->catalog, N_("ITIN applications (Form W-7) prepared")), c.w7);

      if (epsilon > 0)
        add_noise (table, epsilon);
      ok = suppress_cells (table, error);
    }

  g_free (c.language);
  g_free (c.marital_counts);
  g_free (c.yes);
  if (!ok)
    return NULL;

  table->report = _vita_export_report_new (VITA_EXPORT_REPORT_AGGREGATES, k);
  /* With noise even the number of households is the noisy one. */
  table->report->n_rows = g_array_index (table->cells_agg, Cell, total).count;
  table->report->epsilon = epsilon;
  table->report->min_group_size = G_MAXUINT;
  for (guint i = 0; i < table->cells_agg->len; i++)
    {
      const Cell *cell = &g_array_index (table->cells_agg, Cell, i);
      VitaExportReportItem *item = NULL;
      guint n_items = table->report->items->len;

      if (n_items > 0 && g_str_equal (table->report->names->pdata[n_items - 1], cell->table))
        item = &g_array_index (table->report->items, VitaExportReportItem, n_items - 1);
      else
        item = _vita_export_report_add_item (table->report, cell->table);
      if (cell->suppressed)
        item->n_suppressed++;
      else
        table->report->min_group_size = MIN (table->report->min_group_size, cell->count);
      if (cell->complementary)
        item->n_complementary++;
    }
  if (table->report->min_group_size == G_MAXUINT)
    table->report->min_group_size = 0;

  return g_steal_pointer (&table);
}
