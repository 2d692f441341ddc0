/* vita-audit-print.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-clock.h"
#include "vita-audit-item.h"
#include "vita-audit-print.h"
#include "vita-store-access.h"
#include "vita-store-records.h"
#include "vita-store.h"

/* The "who opened my file" page a member can ask for: every logged action
 * about their household, with when, who and what in plain words.  It is
 * built only from the audit log, which holds codes and never a value from
 * the record, so the page cannot show a name, a number or an answer even
 * by mistake; it is addressed to "you" so it needs none.
 *
 * Pagination is by whole entries: the three columns of an entry are laid
 * out once to measure them, and a page ends before the entry that would
 * run into the footer. */

#define TITLE_FONT  "Sans Bold 16"
#define BODY_FONT   "Sans 10"
#define SMALL_FONT  "Sans 8"
#define GAP         12.0
#define ROW_PAD     4.0

struct _VitaAuditPrint
{
  GtkPrintOperation  parent_instance;

  /* Owned references */
  GPtrArray         *entries;       /* VitaAuditEntry, newest first */
  GPtrArray         *openings;      /* VitaHouseholdOpening, or NULL */
  GArray            *page_starts;   /* guint: first entry of each page */
  char              *site_name;
  char              *site_contact;
  char              *printed_at;

  gint64             household_id;
  double             first_header_height;
  double             header_height;
  double             footer_height;
};

G_DEFINE_FINAL_TYPE (VitaAuditPrint, vita_audit_print, GTK_TYPE_PRINT_OPERATION)

/* The log lists newest first; the member reads their file's story from
 * the day it was started. */
static const VitaAuditEntry *
entry_at (VitaAuditPrint *self,
          guint           index)
{
  return g_ptr_array_index (self->entries, self->entries->len - 1 - index);
}

/* ------------------------------------------------------------------ */
/* The words of the page                                               */
/* ------------------------------------------------------------------ */

static const char *
title_text (void)
{
  return _("Who has opened your tax file");
}

static char *
dup_subtitle (VitaAuditPrint *self)
{
  /* Translators: under the title of the member's report: the record
   * number, the site's name and the day it was printed. */
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->household_id);

  return g_strdup_printf (_("Record number %s · %s · printed %s"),
                          number,
                          self->site_name && *self->site_name ? self->site_name : _("VITA site"),
                          self->printed_at);
}

static const char *
intro_text (void)
{
  return _("This page lists every time someone at our site opened, changed or handled your file, "
           "from the site’s tamper-evident log. It shows when, who and what was done. It does not "
           "show anything that is in your file.");
}

static char *
dup_footer (VitaAuditPrint *self,
            int             page,
            int             n_pages)
{
  g_autofree char *page_text = g_strdup_printf (_("Page %d of %d"), page + 1, n_pages);

  if (self->site_contact == NULL || *self->site_contact == '\0')
    return g_steal_pointer (&page_text);
  /* Translators: footer of the member's report: who to ask, then the page. */
  return g_strdup_printf (_("Questions about this page: %s    %s"), self->site_contact, page_text);
}

/* What was done, in the member's words.  An opening by someone not
 * working on the return says in what role and why (need-to-know,
 * vita-store-access.c): the reason is what the volunteer typed, the one
 * thing on this page that is not from the log's codes, and the member is
 * who it is owed to. */
static char *
dup_what (VitaAuditPrint       *self,
          const VitaAuditEntry *entry)
{
  const VitaHouseholdOpening *opening = NULL;
  const char *role;

  if (g_strcmp0 (entry->action, "open-other-household") != 0 || self->openings == NULL)
    return g_strdup (vita_audit_entry_get_member_text (entry->action, entry->detail));
  for (guint i = 0; i < self->openings->len && opening == NULL; i++)
    {
      const VitaHouseholdOpening *o = g_ptr_array_index (self->openings, i);

      if (o->seq == entry->seq)
        opening = o;
    }
  if (opening == NULL)
    return g_strdup (vita_audit_entry_get_member_text (entry->action, entry->detail));

  role = vita_role_get_label (opening->role);
  if (opening->reason != NULL)
    /* Translators: in the member's report; the first %s is a role such as
     * "Volunteer", the second the reason the person typed. */
    return g_strdup_printf (_("Opened your file without working on your return (role: %s). "
                              "The reason they gave: “%s”"), role, opening->reason);
  if (opening->reason_lost)
    /* Translators: in the member's report; %s is a role such as "Volunteer". */
    return g_strdup_printf (_("Opened your file without working on your return (role: %s). "
                              "The reason they gave was removed with your name and numbers."), role);
  /* Translators: in the member's report; %s is the coordinator's role. */
  return g_strdup_printf (_("Opened your file without working on your return (role: %s). "
                            "The site coordinator can open every file without giving a reason."), role);
}

static const char *
entry_who (const VitaAuditEntry *entry)
{
  if (entry->user_display_name != NULL && *entry->user_display_name != '\0')
    return entry->user_display_name;
  /* Translators: in the member's report, when the log names no volunteer. */
  return _("A site volunteer");
}

/* ------------------------------------------------------------------ */
/* Layout                                                              */
/* ------------------------------------------------------------------ */

static PangoLayout *
make_layout (GtkPrintContext *context,
             const char      *text,
             const char      *font,
             double           width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (width));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return pango_units_to_double (height);
}

static void
column_widths (GtkPrintContext *context,
               double           widths[3])
{
  double usable = gtk_print_context_get_width (context) - 2 * GAP;

  widths[0] = usable * 0.26;
  widths[1] = usable * 0.30;
  widths[2] = usable * 0.44;
}

/* Draws (when @cr is set) or only measures one line of three columns. */
static double
draw_columns (GtkPrintContext *context,
              cairo_t         *cr,
              double           y,
              const char      *texts[3],
              const char      *font)
{
  double widths[3];
  double x = 0, height = 0;

  column_widths (context, widths);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PangoLayout) layout = make_layout (context, texts[i], font, widths[i]);

      if (cr != NULL)
        {
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, layout);
        }
      height = MAX (height, layout_height (layout));
      x += widths[i] + GAP;
    }
  return height + 2 * ROW_PAD;
}

static double
draw_entry (VitaAuditPrint       *self,
            GtkPrintContext      *context,
            cairo_t              *cr,
            double                y,
            const VitaAuditEntry *entry)
{
  g_autofree char *when = vita_audit_format_time (entry->at);
  g_autofree char *what = dup_what (self, entry);
  const char *texts[3] = { when, entry_who (entry), what };

  return draw_columns (context, cr, y + ROW_PAD, texts, BODY_FONT);
}

static double
draw_column_heads (GtkPrintContext *context,
                   cairo_t         *cr,
                   double           y)
{
  const char *texts[3] = { _("When"), _("Who"), _("What was done") };
  double height = draw_columns (context, cr, y, texts, "Sans Bold 10");

  if (cr != NULL)
    {
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, 0, y + height - ROW_PAD / 2);
      cairo_line_to (cr, gtk_print_context_get_width (context), y + height - ROW_PAD / 2);
      cairo_stroke (cr);
    }
  return height;
}

static double
draw_text_block (GtkPrintContext *context,
                 cairo_t         *cr,
                 double           y,
                 const char      *text,
                 const char      *font,
                 double           space_after)
{
  g_autoptr(PangoLayout) layout = make_layout (context, text, font,
                                               gtk_print_context_get_width (context));

  if (cr != NULL)
    {
      cairo_move_to (cr, 0, y);
      pango_cairo_show_layout (cr, layout);
    }
  return layout_height (layout) + space_after;
}

/* The first page carries the title and the explanation; later pages
 * repeat only the title and the column heads. */
static double
draw_header (VitaAuditPrint  *self,
             GtkPrintContext *context,
             cairo_t         *cr,
             gboolean         first)
{
  g_autofree char *subtitle = dup_subtitle (self);
  double y = 0;

  y += draw_text_block (context, cr, y, title_text (), first ? TITLE_FONT : "Sans Bold 11", 4);
  if (first)
    {
      y += draw_text_block (context, cr, y, subtitle, BODY_FONT, 10);
      y += draw_text_block (context, cr, y, intro_text (), BODY_FONT, 14);
    }
  y += draw_column_heads (context, cr, y);
  return y + ROW_PAD;
}

static double
draw_footer (VitaAuditPrint  *self,
             GtkPrintContext *context,
             cairo_t         *cr,
             int              page,
             int              n_pages)
{
  g_autofree char *footer = dup_footer (self, page, n_pages);
  g_autoptr(PangoLayout) layout = make_layout (context, footer, SMALL_FONT,
                                               gtk_print_context_get_width (context));
  double height = layout_height (layout);

  if (cr != NULL)
    {
      cairo_move_to (cr, 0, gtk_print_context_get_height (context) - height);
      pango_cairo_show_layout (cr, layout);
    }
  return height + GAP;
}

/* ------------------------------------------------------------------ */
/* GtkPrintOperation                                                   */
/* ------------------------------------------------------------------ */

static void
vita_audit_print_begin_print (GtkPrintOperation *operation,
                              GtkPrintContext   *context)
{
  VitaAuditPrint *self = VITA_AUDIT_PRINT (operation);
  double page_height = gtk_print_context_get_height (context);
  double y;
  guint start = 0;

  self->first_header_height = draw_header (self, context, NULL, TRUE);
  self->header_height = draw_header (self, context, NULL, FALSE);
  self->footer_height = draw_footer (self, context, NULL, 99, 99);

  g_array_set_size (self->page_starts, 0);
  g_array_append_val (self->page_starts, start);
  y = self->first_header_height;
  for (guint i = 0; i < self->entries->len; i++)
    {
      double h = draw_entry (self, context, NULL, 0, entry_at (self, i));

      /* An entry never splits, and every page holds at least one. */
      if (y + h > page_height - self->footer_height && i > start)
        {
          start = i;
          g_array_append_val (self->page_starts, start);
          y = self->header_height;
        }
      y += h;
    }
  gtk_print_operation_set_n_pages (operation, self->page_starts->len);
}

static void
vita_audit_print_draw_page (GtkPrintOperation *operation,
                            GtkPrintContext   *context,
                            int                page_nr)
{
  VitaAuditPrint *self = VITA_AUDIT_PRINT (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  guint first = g_array_index (self->page_starts, guint, page_nr);
  guint end = (guint)page_nr + 1 < self->page_starts->len
              ? g_array_index (self->page_starts, guint, page_nr + 1) : self->entries->len;
  double y;

  cairo_set_source_rgb (cr, 0, 0, 0);
  y = draw_header (self, context, cr, page_nr == 0);
  if (self->entries->len == 0)
    draw_text_block (context, cr, y, _("Nobody has opened or changed your file."), BODY_FONT, 0);
  for (guint i = first; i < end; i++)
    y += draw_entry (self, context, cr, y, entry_at (self, i));
  draw_footer (self, context, cr, page_nr, (int)self->page_starts->len);
}

static void
vita_audit_print_finalize (GObject *object)
{
  VitaAuditPrint *self = (VitaAuditPrint *)object;

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->openings, g_ptr_array_unref);
  g_clear_pointer (&self->page_starts, g_array_unref);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->site_contact, g_free);
  g_clear_pointer (&self->printed_at, g_free);

  G_OBJECT_CLASS (vita_audit_print_parent_class)->finalize (object);
}

static void
vita_audit_print_class_init (VitaAuditPrintClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *print_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = vita_audit_print_finalize;
  print_class->begin_print = vita_audit_print_begin_print;
  print_class->draw_page = vita_audit_print_draw_page;
}

static void
vita_audit_print_init (VitaAuditPrint *self)
{
  g_autoptr(GDateTime) now = vita_clock_now_local ();

  self->page_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->printed_at = g_date_time_format (now, "%Y-%m-%d");
  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

/**
 * vita_audit_print_new:
 * @household_id: the household the report is about
 * @site_name: (nullable): the site's name
 * @site_contact: (nullable): who the member may ask
 * @entries: (element-type VitaAuditEntry): the household's audit entries,
 *   newest first as the store lists them; a reference is taken.  The page
 *   shows them oldest first.
 *
 * Returns: (transfer full): a print operation for the member's report
 */
VitaAuditPrint *
vita_audit_print_new (gint64      household_id,
                      const char *site_name,
                      const char *site_contact,
                      GPtrArray  *entries)
{
  VitaAuditPrint *self;
  g_autofree char *number = NULL;
  g_autofree char *job = NULL;

  g_return_val_if_fail (household_id > 0, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  self = g_object_new (VITA_TYPE_AUDIT_PRINT, NULL);
  self->household_id = household_id;
  self->site_name = g_strdup (site_name);
  self->site_contact = g_strdup (site_contact);
  self->entries = g_ptr_array_ref (entries);

  /* The job name shows in print queues: a number, never a name. */
  number = g_strdup_printf ("%" G_GINT64_FORMAT, household_id);
  job = g_strdup_printf (_("Record %s access report"), number);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job);
  return self;
}

/**
 * vita_audit_print_dup_text:
 *
 * The same words as the printed page, as plain text, so tests can check
 * what the member is given.
 *
 * Returns: (transfer full): the report's text
 */
char *
vita_audit_print_dup_text (VitaAuditPrint *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *footer = NULL;
  GString *text;

  g_return_val_if_fail (VITA_IS_AUDIT_PRINT (self), NULL);

  subtitle = dup_subtitle (self);
  footer = dup_footer (self, 0, 1);
  text = g_string_new (NULL);
  g_string_append_printf (text, "%s\n%s\n%s\n\n", title_text (), subtitle, intro_text ());
  g_string_append_printf (text, "%s\t%s\t%s\n", _("When"), _("Who"), _("What was done"));
  for (guint i = 0; i < self->entries->len; i++)
    {
      const VitaAuditEntry *entry = entry_at (self, i);
      g_autofree char *when = vita_audit_format_time (entry->at);

      g_autofree char *what = dup_what (self, entry);

      g_string_append_printf (text, "%s\t%s\t%s\n", when, entry_who (entry), what);
    }
  g_string_append_printf (text, "\n%s\n", footer);
  return g_string_free (text, FALSE);
}

/**
 * vita_audit_print_set_openings:
 * @openings: (element-type VitaHouseholdOpening): from
 *   vita_store_list_household_openings(), for the same household
 *
 * Lets the page say in what role and why someone not working on the
 * return opened the file.
 */
void
vita_audit_print_set_openings (VitaAuditPrint *self,
                               GPtrArray      *openings)
{
  g_return_if_fail (VITA_IS_AUDIT_PRINT (self));

  g_clear_pointer (&self->openings, g_ptr_array_unref);
  if (openings != NULL)
    self->openings = g_ptr_array_ref (openings);
}
