/* vita-household-model.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-gui-util.h"
#include "vita-household-item.h"
#include "vita-household-model.h"
#include "vita-store-households.h"

/* The list of households as a GListModel.  A search gives only ids, so the
 * list can hold 100,000 households at the cost of 800 KB; the summaries
 * shown in rows are read in pages of 100 when a row first asks for them,
 * and the most recently used pages are kept.  Every read runs in a worker
 * thread, so scrolling never waits for the disk or for a search that holds
 * the store. */

#define DEFAULT_MAX_PAGES 64

typedef struct
{
  guint       index;
  GPtrArray  *items;      /* VitaHouseholdItem or NULL until asked for */
  GPtrArray  *summaries;  /* NULL until read */
  GList       lru_link;
} Page;

struct _VitaHouseholdModel
{
  GObject       parent_instance;

  /* Owned references */
  VitaStore    *store;
  GArray       *ids;
  GHashTable   *pages;
  GQueue        lru;
  GCancellable *search_cancellable;
  GCancellable *page_cancellable;

  char         *query;
  int           status;
  char         *language;
  int           needs_itin;
  guint         max_pages;
  gboolean      loading;
};

typedef struct
{
  VitaStore        *store;
  char             *query;
  VitaSearchFilter  filter;
  char             *language;
} SearchData;

typedef struct
{
  VitaStore *store;
  GArray    *ids;
  Page      *page;
} PageData;

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VitaHouseholdModel, vita_household_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

enum {
  FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Pages                                                               */
/* ------------------------------------------------------------------ */

/* Slots stay NULL until a row asks for them. */
static void
item_unref (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->items, g_ptr_array_unref);
  g_clear_pointer (&page->summaries, g_ptr_array_unref);
}

static void
page_unref (Page *page)
{
  g_rc_box_release_full (page, (GDestroyNotify)page_clear);
}

static void
page_data_free (PageData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->ids, g_array_unref);
  g_clear_pointer (&data->page, page_unref);
  g_free (data);
}

static void
page_fill_item (Page  *page,
                guint  offset)
{
  VitaHouseholdItem *item = g_ptr_array_index (page->items, offset);

  if (item != NULL && page->summaries != NULL && offset < page->summaries->len)
    vita_household_item_set_summary (item, g_ptr_array_index (page->summaries, offset));
}

static void
read_page_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  PageData *data = task_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries;

  summaries = vita_store_get_summaries (data->store, (const gint64 *)(gpointer)data->ids->data,
                                        data->ids->len, &error);
  if (summaries == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, summaries, (GDestroyNotify)g_ptr_array_unref);
}

static void
read_page_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  VitaHouseholdModel *self = VITA_HOUSEHOLD_MODEL (object);
  PageData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GPtrArray *summaries;

  summaries = g_task_propagate_pointer (G_TASK (result), &error);
  if (summaries == NULL)
    {
      if (!vita_gui_error_is_silent (error))
        g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }

  /* The page may have been dropped from the cache meanwhile; its items can
   * still be on screen, so they are filled all the same. */
  g_clear_pointer (&data->page->summaries, g_ptr_array_unref);
  data->page->summaries = summaries;
  for (guint i = 0; i < data->page->items->len; i++)
    page_fill_item (data->page, i);
}

static void
page_start_read (VitaHouseholdModel *self,
                 Page               *page)
{
  g_autoptr(GTask) task = NULL;
  PageData *data = g_new0 (PageData, 1);
  guint start = page->index * VITA_HOUSEHOLD_MODEL_PAGE_SIZE;

  data->store = g_object_ref (self->store);
  data->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), page->items->len);
  g_array_append_vals (data->ids, &g_array_index (self->ids, gint64, start), page->items->len);
  data->page = g_rc_box_acquire (page);

  task = g_task_new (self, self->page_cancellable, read_page_cb, NULL);
  g_task_set_source_tag (task, page_start_read);
  g_task_set_task_data (task, data, (GDestroyNotify)page_data_free);
  g_task_run_in_thread (task, read_page_worker);
}

static void
evict_pages (VitaHouseholdModel *self)
{
  while (self->lru.length > self->max_pages)
    {
      Page *oldest = g_queue_peek_tail (&self->lru);

      g_queue_unlink (&self->lru, &oldest->lru_link);
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

static Page *
lookup_page (VitaHouseholdModel *self,
             guint               index)
{
  Page *page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  guint start = index * VITA_HOUSEHOLD_MODEL_PAGE_SIZE;

  g_assert (start < self->ids->len);

  if (page != NULL)
    {
      g_queue_unlink (&self->lru, &page->lru_link);
      g_queue_push_head_link (&self->lru, &page->lru_link);
      return page;
    }

  page = g_rc_box_new0 (Page);
  page->index = index;
  page->items = g_ptr_array_new_with_free_func (item_unref);
  g_ptr_array_set_size (page->items, MIN (VITA_HOUSEHOLD_MODEL_PAGE_SIZE,
                                          self->ids->len - start));
  page->lru_link.data = page;
  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  g_queue_push_head_link (&self->lru, &page->lru_link);
  page_start_read (self, page);
  evict_pages (self);
  return page;
}

static void
drop_pages (VitaHouseholdModel *self)
{
  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->page_cancellable);
  self->page_cancellable = g_cancellable_new ();

  /* The queue only links the pages; the hash table owns them. */
  g_queue_init (&self->lru);
  g_hash_table_remove_all (self->pages);
}

/* ------------------------------------------------------------------ */
/* Search                                                              */
/* ------------------------------------------------------------------ */

static void
search_data_free (SearchData *data)
{
  g_clear_object (&data->store);
  g_clear_pointer (&data->query, g_free);
  g_clear_pointer (&data->language, g_free);
  g_free (data);
}

static void
set_loading (VitaHouseholdModel *self,
             gboolean            loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
replace_ids (VitaHouseholdModel *self,
             GArray             *ids)
{
  guint old_len = self->ids->len;

  drop_pages (self);
  g_array_unref (self->ids);
  self->ids = ids;
  /* One signal for the whole change: a list view rebuilds once, however
   * many rows came and went. */
  if (old_len > 0 || ids->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_len, ids->len);
}

static void
search_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SearchData *data = task_data;
  g_autoptr(GError) error = NULL;
  GArray *ids;

  if (g_task_return_error_if_cancelled (task))
    return;
  ids = vita_store_search (data->store, data->query, &data->filter, &error);
  if (ids == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, ids, (GDestroyNotify)g_array_unref);
}

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  VitaHouseholdModel *self = VITA_HOUSEHOLD_MODEL (object);
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;  /* a newer search owns the loading state */

  set_loading (self, FALSE);
  if (ids == NULL)
    {
      if (!vita_gui_error_is_silent (error))
        g_signal_emit (self, signals[FAILED], 0, error);
      return;
    }
  replace_ids (self, ids);
}

static void
start_search (VitaHouseholdModel *self)
{
  g_autoptr(GTask) task = NULL;
  SearchData *data = g_new0 (SearchData, 1);

  g_cancellable_cancel (self->search_cancellable);
  g_clear_object (&self->search_cancellable);
  self->search_cancellable = g_cancellable_new ();

  data->store = g_object_ref (self->store);
  data->query = g_strdup (self->query);
  data->language = g_strdup (self->language);
  data->filter.status = self->status;
  data->filter.language = data->language;
  data->filter.needs_itin = self->needs_itin;

  set_loading (self, TRUE);
  task = g_task_new (self, self->search_cancellable, search_cb, NULL);
  g_task_set_source_tag (task, start_search);
  g_task_set_task_data (task, data, (GDestroyNotify)search_data_free);
  g_task_run_in_thread (task, search_worker);
}

/* ------------------------------------------------------------------ */
/* GListModel                                                          */
/* ------------------------------------------------------------------ */

static GType
vita_household_model_get_item_type (GListModel *model)
{
  return VITA_TYPE_HOUSEHOLD_ITEM;
}

static guint
vita_household_model_get_n_items (GListModel *model)
{
  return VITA_HOUSEHOLD_MODEL (model)->ids->len;
}

static gpointer
vita_household_model_get_item (GListModel *model,
                               guint       position)
{
  VitaHouseholdModel *self = VITA_HOUSEHOLD_MODEL (model);
  guint offset = position % VITA_HOUSEHOLD_MODEL_PAGE_SIZE;
  Page *page;

  if (position >= self->ids->len)
    return NULL;

  page = lookup_page (self, position / VITA_HOUSEHOLD_MODEL_PAGE_SIZE);
  if (g_ptr_array_index (page->items, offset) == NULL)
    {
      gint64 id = g_array_index (self->ids, gint64, position);

      g_ptr_array_index (page->items, offset) = vita_household_item_new (id);
      page_fill_item (page, offset);
    }
  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = vita_household_model_get_item_type;
  iface->get_n_items = vita_household_model_get_n_items;
  iface->get_item = vita_household_model_get_item;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vita_household_model_dispose (GObject *object)
{
  VitaHouseholdModel *self = (VitaHouseholdModel *)object;

  g_cancellable_cancel (self->search_cancellable);
  g_cancellable_cancel (self->page_cancellable);
  g_clear_object (&self->search_cancellable);
  g_clear_object (&self->page_cancellable);
  g_queue_init (&self->lru);
  if (self->pages != NULL)
    g_hash_table_remove_all (self->pages);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vita_household_model_parent_class)->dispose (object);
}

static void
vita_household_model_finalize (GObject *object)
{
  VitaHouseholdModel *self = (VitaHouseholdModel *)object;

  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->query, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (vita_household_model_parent_class)->finalize (object);
}

static void
vita_household_model_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  VitaHouseholdModel *self = VITA_HOUSEHOLD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_household_model_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  VitaHouseholdModel *self = VITA_HOUSEHOLD_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vita_household_model_class_init (VitaHouseholdModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vita_household_model_dispose;
  object_class->finalize = vita_household_model_finalize;
  object_class->get_property = vita_household_model_get_property;
  object_class->set_property = vita_household_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, VITA_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VitaHouseholdModel::failed:
   * @error: why the search or a page read failed; never cancellation
   */
  signals[FAILED] = g_signal_new ("failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
vita_household_model_init (VitaHouseholdModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)page_unref);
  g_queue_init (&self->lru);
  self->page_cancellable = g_cancellable_new ();
  self->max_pages = DEFAULT_MAX_PAGES;
  self->status = -1;
  self->needs_itin = -1;
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * vita_household_model_new:
 *
 * The model starts empty; call vita_household_model_reload() to search.
 *
 * Returns: (transfer full): a new model over @store
 */
VitaHouseholdModel *
vita_household_model_new (VitaStore *store)
{
  g_return_val_if_fail (VITA_IS_STORE (store), NULL);

  return g_object_new (VITA_TYPE_HOUSEHOLD_MODEL, "store", store, NULL);
}

/**
 * vita_household_model_get_store:
 *
 * Returns: (transfer none): the store the model reads
 */
VitaStore *
vita_household_model_get_store (VitaHouseholdModel *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_MODEL (self), NULL);
  return self->store;
}

/**
 * vita_household_model_set_query:
 * @query: (nullable): the words typed in the search entry
 *
 * Searches again in a worker thread; a search still running is cancelled,
 * so only the newest words change the list.
 */
void
vita_household_model_set_query (VitaHouseholdModel *self,
                                const char         *query)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD_MODEL (self));

  g_free (self->query);
  self->query = g_strdup (query);
  start_search (self);
}

const char *
vita_household_model_get_query (VitaHouseholdModel *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_MODEL (self), NULL);
  return self->query;
}

/**
 * vita_household_model_set_filter:
 * @filter: (nullable): status, language and ITIN conditions; %NULL for none
 */
void
vita_household_model_set_filter (VitaHouseholdModel     *self,
                                 const VitaSearchFilter *filter)
{
  VitaSearchFilter any = VITA_SEARCH_FILTER_INIT;

  g_return_if_fail (VITA_IS_HOUSEHOLD_MODEL (self));

  if (filter == NULL)
    filter = &any;
  self->status = filter->status;
  self->needs_itin = filter->needs_itin;
  g_free (self->language);
  self->language = g_strdup (filter->language);
  start_search (self);
}

/**
 * vita_household_model_get_filter:
 * @filter: (out caller-allocates): the current filter; its language is
 *   owned by the model
 */
void
vita_household_model_get_filter (VitaHouseholdModel *self,
                                 VitaSearchFilter   *filter)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD_MODEL (self));
  g_return_if_fail (filter != NULL);

  filter->status = self->status;
  filter->language = self->language;
  filter->needs_itin = self->needs_itin;
}

/**
 * vita_household_model_is_filtered:
 *
 * Returns: whether words or a filter narrow the list, which is what tells
 *   "no households yet" from "nothing matches"
 */
gboolean
vita_household_model_is_filtered (VitaHouseholdModel *self)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD_MODEL (self), FALSE);

  folded = vita_fold_for_search (self->query);
  return *folded != '\0' || self->status >= 0 || self->language != NULL
         || self->needs_itin >= 0;
}

/**
 * vita_household_model_reload:
 *
 * Searches again with the same words and filter, so new and changed
 * households show.
 */
void
vita_household_model_reload (VitaHouseholdModel *self)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD_MODEL (self));

  start_search (self);
}

/**
 * vita_household_model_clear:
 *
 * Empties the model and stops every read, for when the app locks.
 */
void
vita_household_model_clear (VitaHouseholdModel *self)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD_MODEL (self));

  g_cancellable_cancel (self->search_cancellable);
  set_loading (self, FALSE);
  replace_ids (self, g_array_new (FALSE, FALSE, sizeof (gint64)));
}

gboolean
vita_household_model_get_loading (VitaHouseholdModel *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_MODEL (self), FALSE);
  return self->loading;
}

/**
 * vita_household_model_get_n_cached_pages:
 *
 * Returns: how many pages of summaries are held; for tests of the cache
 */
guint
vita_household_model_get_n_cached_pages (VitaHouseholdModel *self)
{
  g_return_val_if_fail (VITA_IS_HOUSEHOLD_MODEL (self), 0);
  return self->lru.length;
}

void
vita_household_model_set_max_cached_pages (VitaHouseholdModel *self,
                                           guint               max_pages)
{
  g_return_if_fail (VITA_IS_HOUSEHOLD_MODEL (self));
  g_return_if_fail (max_pages > 0);

  self->max_pages = max_pages;
  evict_pages (self);
}
