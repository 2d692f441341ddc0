/* vita-form-sheets.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The pages the app prints beside the IRS forms:
 *  - the W-7 package cover sheet, for the member, in their language beside
 *    English (the member's catalog, as the privacy notice uses);
 *  - the preparer's sheet, one per household, in the order the preparer's
 *    software asks, with what needs attention;
 *  - the intake summary printed when no Form 13614-C template is loaded:
 *    our own rendering, titled so it is never taken for the IRS form.
 * All are drawn with Pango into a cairo PDF surface that writes to memory. */

#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "vita-field-ids.h"
#include "vita-catalog.h"
#include "vita-field.h"
#include "vita-form-fill.h"
#include "vita-form-map.h"
#include "vita-form-sheets.h"
#include "vita-store-settings.h"

#define PAGE_WIDTH  612.0  /* US letter, points */
#define PAGE_HEIGHT 792.0
#define MARGIN      54.0
#define GUTTER      18.0

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_BODY,
  STYLE_SMALL,
} Style;

typedef struct
{
  GByteArray      *out;
  cairo_surface_t *surface;
  cairo_t         *cr;
  double           y;
  VitaCatalog     *member;  /* NULL: one column */
} Sheet;

static cairo_status_t
write_to_array (void                *closure,
                const unsigned char *data,
                unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
sheet_begin (Sheet      *sheet,
             const char *member_language)
{
  memset (sheet, 0, sizeof *sheet);
  sheet->out = g_byte_array_new ();
  /* Straight into memory: a filled sheet is personal data. */
  sheet->surface = cairo_pdf_surface_create_for_stream (write_to_array, sheet->out,
                                                        PAGE_WIDTH, PAGE_HEIGHT);
  sheet->cr = cairo_create (sheet->surface);
  sheet->y = MARGIN;
  if (member_language != NULL && !vita_catalog_language_is_source (member_language))
    sheet->member = vita_catalog_open (member_language, NULL);
}

static GBytes *
sheet_finish (Sheet   *sheet,
              GError **error)
{
  cairo_status_t status;

  cairo_destroy (sheet->cr);
  cairo_surface_finish (sheet->surface);
  status = cairo_surface_status (sheet->surface);
  cairo_surface_destroy (sheet->surface);
  g_clear_pointer (&sheet->member, vita_catalog_unref);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_byte_array_unref (sheet->out);
      g_set_error (error, VITA_FORM_ERROR, VITA_FORM_ERROR_FAILED,
                   _("Could not draw the page: %s"), cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (sheet->out);
}

static PangoLayout *
make_layout (Sheet      *sheet,
             const char *text,
             Style       style,
             double      width)
{
  PangoLayout *layout = pango_cairo_create_layout (sheet->cr);
  g_autoptr(PangoFontDescription) font = NULL;

  switch (style)
    {
    case STYLE_TITLE:
      font = pango_font_description_from_string ("Sans Bold 15");
      break;
    case STYLE_HEADING:
      font = pango_font_description_from_string ("Sans Bold 11");
      break;
    case STYLE_SMALL:
      font = pango_font_description_from_string ("Sans 8");
      break;
    case STYLE_BODY:
    default:
      font = pango_font_description_from_string ("Sans 9.5");
      break;
    }
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
ensure_room (Sheet  *sheet,
             double  height)
{
  if (sheet->y + height > PAGE_HEIGHT - MARGIN && sheet->y > MARGIN)
    {
      cairo_show_page (sheet->cr);
      sheet->y = MARGIN;
    }
}

static void
draw_at (Sheet       *sheet,
         PangoLayout *layout,
         double       x,
         double       gray)
{
  cairo_save (sheet->cr);
  cairo_set_source_rgb (sheet->cr, gray, gray, gray);
  cairo_move_to (sheet->cr, x, sheet->y);
  pango_cairo_show_layout (sheet->cr, layout);
  cairo_restore (sheet->cr);
}

/* One line of text across the page. */
static void
sheet_text (Sheet      *sheet,
            const char *text,
            Style       style)
{
  double width = PAGE_WIDTH - 2 * MARGIN;
  g_autoptr(PangoLayout) layout = make_layout (sheet, text, style, width);
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  if (style == STYLE_HEADING)
    sheet->y += 6;
  ensure_room (sheet, h);
  draw_at (sheet, layout, MARGIN, 0);
  sheet->y += h + (style == STYLE_TITLE ? 8 : 3);
}

/* English on the left, the member's language on the right (when it is
 * not English and the catalog has the text). */
static void
sheet_pair (Sheet      *sheet,
            const char *msgid,
            const char *suffix,
            Style       style)
{
  const char *translated = sheet->member != NULL
                           ? vita_catalog_lookup (sheet->member, NULL, msgid) : NULL;
  g_autofree char *left = g_strconcat (msgid, suffix ? suffix : "", NULL);
  g_autofree char *right = NULL;
  double col;
  g_autoptr(PangoLayout) l = NULL;
  g_autoptr(PangoLayout) r = NULL;
  int hl, hr = 0;

  if (translated == NULL)
    {
      sheet_text (sheet, left, style);
      return;
    }
  right = g_strconcat (translated, suffix ? suffix : "", NULL);
  col = (PAGE_WIDTH - 2 * MARGIN - GUTTER) / 2;
  l = make_layout (sheet, left, style, col);
  r = make_layout (sheet, right, style, col);
  pango_layout_get_pixel_size (l, NULL, &hl);
  pango_layout_get_pixel_size (r, NULL, &hr);
  if (style == STYLE_HEADING)
    sheet->y += 6;
  ensure_room (sheet, MAX (hl, hr));
  draw_at (sheet, l, MARGIN, 0);
  draw_at (sheet, r, MARGIN + col + GUTTER, 0.15);
  sheet->y += MAX (hl, hr) + (style == STYLE_TITLE ? 8 : 4);
}

static void
sheet_rule (Sheet *sheet)
{
  ensure_room (sheet, 8);
  cairo_save (sheet->cr);
  cairo_set_line_width (sheet->cr, 0.5);
  cairo_move_to (sheet->cr, MARGIN, sheet->y + 3);
  cairo_line_to (sheet->cr, PAGE_WIDTH - MARGIN, sheet->y + 3);
  cairo_stroke (sheet->cr);
  cairo_restore (sheet->cr);
  sheet->y += 8;
}

static char *
person_name (VitaHousehold *hh,
             int            person)
{
  const char *parts[] = {
    vita_household_get (hh, person, VITA_FID_FIRST_NAME),
    vita_household_get (hh, person, VITA_FID_MIDDLE_NAME),
    vita_household_get (hh, person, VITA_FID_LAST_NAME),
  };
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    if (parts[i] != NULL && *parts[i] != '\0')
      g_string_append_printf (out, "%s%s", out->len ? " " : "", parts[i]);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A value as the volunteer reads it: choice labels, ITINs masked. */
static char *
display_value (const VitaField *field,
               const char      *value)
{
  if (field->type == VITA_FIELD_TIN)
    {
      gsize len = strlen (value);
      /* Only the last 4: the sheet travels between stations. */
      return g_strdup_printf ("***-**-%s", len >= 4 ? value + len - 4 : value);
    }
  if (field->type == VITA_FIELD_DATE)
    {
      int y, m, d;

      /* As the IRS forms write dates. */
      if (sscanf (value, "%4d-%2d-%2d", &y, &m, &d) == 3)
        return g_strdup_printf ("%02d/%02d/%04d", m, d, y);
    }
  if (field->type == VITA_FIELD_PHONE && strlen (value) == 10)
    return g_strdup_printf ("(%.3s) %.3s-%.4s", value, value + 3, value + 6);
  if (field->type == VITA_FIELD_YES_NO || field->type == VITA_FIELD_YES_NO_NA)
    return g_strdup (g_str_equal (value, "yes") ? _("Yes")
                     : g_str_equal (value, "no") ? _("No")
                     : g_str_equal (value, "na") ? _("N/A") : value);
  if (field->type == VITA_FIELD_YOU_SPOUSE)
    return g_strdup (g_str_equal (value, "you") ? _("You")
                     : g_str_equal (value, "spouse") ? _("Spouse")
                     : g_str_equal (value, "both") ? _("You and spouse")
                     : g_str_equal (value, "no") ? _("No") : value);
  if (field->choices != NULL)
    {
      g_auto(GStrv) ids = g_strsplit (value, ",", -1);
      g_autoptr(GString) out = g_string_new (NULL);

      for (guint i = 0; ids[i] != NULL; i++)
        {
          const char *label = vita_field_get_choice_label (field, ids[i]);
          g_string_append_printf (out, "%s%s", out->len ? ", " : "",
                                  label != NULL ? _(label) : ids[i]);
        }
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  return g_strdup (value);
}

/* ------------------------------------------------------------------ */
/* W-7 cover sheet                                                     */
/* ------------------------------------------------------------------ */

static gboolean
at_caa (VitaHousehold *hh,
        int            applicant,
        GHashTable    *settings)
{
  return settings != NULL
         && g_strcmp0 (g_hash_table_lookup (settings, VITA_SETTING_CAA_ENABLED), "yes") == 0
         && g_strcmp0 (vita_household_get (hh, applicant, VITA_FID_W7_DOC_VERIFICATION), "caa") == 0;
}

/**
 * vita_form_w7_cover_sheet:
 *
 * Returns: (transfer full): a one-page PDF for the member: what goes in
 *   the W-7 envelope, where it goes, and what they keep
 */
GBytes *
vita_form_w7_cover_sheet (VitaHousehold *household,
                          int            applicant,
                          GHashTable    *settings,
                          GError       **error)
{
  Sheet sheet;
  const VitaField *fields;
  guint n_fields;
  g_autofree char *name = NULL;
  gboolean caa;

  if (!vita_form_needs_w7 (household, applicant))
    {
      g_set_error_literal (error, VITA_FORM_ERROR, VITA_FORM_ERROR_NO_APPLICANT,
                           _("This person does not need a Form W-7: their identification "
                             "number is not marked as a new or renewed ITIN."));
      return NULL;
    }
  caa = at_caa (household, applicant, settings);
  name = person_name (household, applicant);

  sheet_begin (&sheet, vita_household_get_language (household));
  sheet_pair (&sheet, N_("Form W-7 package: what to send and what to keep"), NULL, STYLE_TITLE);
  sheet_text (&sheet, name, STYLE_HEADING);
  sheet_rule (&sheet);

  sheet_pair (&sheet, N_("What goes in the envelope"), NULL, STYLE_HEADING);
  sheet_pair (&sheet, N_("The Form W-7, signed and dated in ink by the applicant, or by the "
                         "delegate named on it."), NULL, STYLE_BODY);
  sheet_pair (&sheet, N_("The federal tax return on paper, with the Form W-7 on top. A return "
                         "with an ITIN application cannot be filed electronically."),
              NULL, STYLE_BODY);
  sheet_pair (&sheet, N_("These identity documents, as originals or copies certified by the "
                         "agency that issued them:"), NULL, STYLE_BODY);

  fields = vita_fields_get_all (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      const VitaField *f = &fields[i];
      g_autofree char *copy_id = NULL;
      const char *copy;
      const VitaField *copy_field;
      const char *copy_label = NULL;
      const char *label;
      const char *member_label;
      g_autofree char *line = NULL;

      /* The documents themselves: "doc.<kind>", no further dot. */
      if (f->section != VITA_SECTION_DOCUMENTS || strchr (f->id + 4, '.') != NULL
          || g_strcmp0 (vita_household_get (household, applicant, f->id), "yes") != 0)
        continue;
      copy_id = g_strconcat (f->id, ".copy", NULL);
      copy = vita_household_get (household, applicant, copy_id);
      copy_field = vita_field_lookup (copy_id);
      if (copy != NULL && copy_field != NULL)
        copy_label = vita_field_get_choice_label (copy_field, copy);
      label = f->label;
      member_label = sheet.member ? vita_catalog_lookup (sheet.member, NULL, label) : NULL;
      /* English and the member's wording on one line: the list is short. */
      line = g_strdup_printf ("•  %s%s%s%s%s", label,
                              member_label ? " / " : "", member_label ? member_label : "",
                              copy_label ? " — " : "", copy_label ? copy_label : "");
      sheet_text (&sheet, line, STYLE_BODY);
      if (copy_label != NULL && sheet.member != NULL)
        {
          const char *m = vita_catalog_lookup (sheet.member, NULL, copy_label);

          if (m != NULL)
            {
              g_autofree char *sub = g_strdup_printf ("     %s", m);
              sheet_text (&sheet, sub, STYLE_SMALL);
            }
        }
    }

  sheet_pair (&sheet, N_("Where it goes"), NULL, STYLE_HEADING);
  if (caa)
    {
      const char *company = g_hash_table_lookup (settings, VITA_SETTING_CAA_COMPANY);

      sheet_pair (&sheet, N_("This site is a Certifying Acceptance Agent. We checked your "
                             "passport or civil birth certificate here and send certified "
                             "copies with a Certificate of Accuracy (Form W-7 (COA)), so those "
                             "originals stay with you. Any other document still goes as an "
                             "original or a copy certified by the agency that issued it."),
                  NULL, STYLE_BODY);
      if (company != NULL)
        sheet_text (&sheet, company, STYLE_BODY);
    }
  else
    {
      sheet_pair (&sheet, N_("Mail everything together to:"), NULL, STYLE_BODY);
      /* The IRS address is written as the IRS gives it, never translated. */
      sheet_text (&sheet, "Internal Revenue Service\nITIN Operation\nP.O. Box 149342\n"
                  "Austin, TX 78714-9342", STYLE_BODY);
    }

  sheet_pair (&sheet, N_("What you keep"), NULL, STYLE_HEADING);
  sheet_pair (&sheet, N_("A copy of the signed Form W-7, of the tax return and of this page."),
              NULL, STYLE_BODY);
  sheet_pair (&sheet, N_("The IRS mails original documents back to the mailing address on line "
                         "2 of the Form W-7."), NULL, STYLE_BODY);
  sheet_pair (&sheet, N_("The IRS mails the ITIN letter to the same address. Keep it with your "
                         "tax papers: it shows your ITIN."), NULL, STYLE_BODY);
  sheet_rule (&sheet);
  sheet_pair (&sheet, N_("This page is from your VITA site. It is not an IRS form."), NULL,
              STYLE_SMALL);

  return sheet_finish (&sheet, error);
}

/* ------------------------------------------------------------------ */
/* Preparer's sheet                                                    */
/* ------------------------------------------------------------------ */

/* The refund and payment questions: last on the preparer's sheet, where
 * the tax software asks them. */
static const char *money_fields[] = { VITA_FID_REFUND_METHOD, VITA_FID_REFUND_OTHER_EXPLAIN,
                                      "balance_due_method", NULL };

/* Answers of @section for @person, "label: value" (yes/no items by
 * label only when yes).  @money lists money_fields instead. */
static void
list_fields (Sheet            *sheet,
             VitaHousehold    *hh,
             gboolean          money,
             VitaFieldSection  section,
             int               person,
             gboolean          yes_only)
{
  const VitaField *fields;
  guint n;
  g_autoptr(GString) line = g_string_new (NULL);

  fields = vita_fields_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      const VitaField *f = &fields[i];
      const char *value;
      g_autofree char *shown = NULL;

      if (money != g_strv_contains (money_fields, f->id))
        continue;
      if ((!money && f->section != section) || !vita_field_is_visible (f, hh, person))
        continue;
      value = vita_household_get (hh, person, f->id);
      if (value == NULL || *value == '\0')
        continue;
      if (f->type == VITA_FIELD_NOTES)
        continue;  /* notes go to "needs attention" */
      if (yes_only && f->type == VITA_FIELD_YES_NO)
        {
          if (g_str_equal (value, "yes"))
            g_string_append_printf (line, "%s%s", line->len ? "; " : "", _(f->label));
          continue;
        }
      shown = display_value (f, value);
      g_string_append_printf (line, "%s%s: %s", line->len ? "; " : "", _(f->label), shown);
    }
  if (line->len > 0)
    sheet_text (sheet, line->str, STYLE_BODY);
}

/* The answers of one catalogue section, less the money questions. */
static void
list_section (Sheet            *sheet,
              VitaHousehold    *hh,
              VitaFieldSection  section,
              int               person,
              gboolean          yes_only)
{
  list_fields (sheet, hh, FALSE, section, person, yes_only);
}

/* The refund and balance-due answers, from whichever section holds them. */
static void
list_money (Sheet         *sheet,
            VitaHousehold *hh,
            int            person)
{
  list_fields (sheet, hh, TRUE, VITA_SECTION_PERSONAL, person, FALSE);
}

static gboolean
in_intake_section (const VitaField *f)
{
  switch (f->section)
    {
    case VITA_SECTION_PERSONAL:
    case VITA_SECTION_MARITAL:
    case VITA_SECTION_HOUSEHOLD:
    case VITA_SECTION_INCOME:
    case VITA_SECTION_EXPENSES:
    case VITA_SECTION_EVENTS:
    case VITA_SECTION_IDENTITY:
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * vita_form_needs_attention:
 *
 * Returns: (transfer full) (element-type utf8): translated lines for the
 *   preparer: ITINs to renew, W-7s (paper return), unanswered questions,
 *   notes.  Never a value but the volunteers' own notes.
 */
GPtrArray *
vita_form_needs_attention (VitaHousehold *household)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) persons = vita_household_list_persons (household);
  const VitaField *fields;
  guint n;
  guint unanswered = 0;
  g_autoptr(GString) first_unanswered = g_string_new (NULL);
  static const char *notes[] = { "notes", VITA_FID_VINC_NOTES, VITA_FID_VEXP_NOTES, VITA_FID_VEXP_ITEMIZED_NOTES,
                                 VITA_FID_VEVT_NOTES };

  for (guint i = 0; i < persons->len; i++)
    {
      int p = g_array_index (persons, int, i);
      const char *tin_type = vita_household_get (household, p, VITA_FID_TIN_TYPE);
      const char *tin = vita_household_get (household, p, VITA_FID_TIN);
      g_autofree char *name = person_name (household, p);

      if (g_strcmp0 (tin_type, "renew_itin") == 0)
        g_ptr_array_add (lines, g_strdup_printf (_("%s: the ITIN has expired or is expiring; a "
                                                   "renewal Form W-7 goes with the return."),
                                                 name));
      else if (g_strcmp0 (tin_type, "itin") == 0 && tin != NULL && strlen (tin) == 9
               && tin[3] >= '7' && tin[3] <= '8'
               && ((tin[3] - '0') * 10 + (tin[4] - '0')) <= 88)
        /* Middle digits 70-88 have all expired (IRS renewal schedule). */
        g_ptr_array_add (lines, g_strdup_printf (_("%s: an ITIN with middle digits 70 to 88 "
                                                   "has expired; it must be renewed."),
                                                 name));
      if (g_strcmp0 (tin_type, "needs_itin") == 0 || g_strcmp0 (tin_type, "renew_itin") == 0)
        g_ptr_array_add (lines, g_strdup_printf (_("%s: Form W-7 needed. The return goes on "
                                                   "paper with the W-7 attached."),
                                                 name));
    }

  fields = vita_fields_get_all (&n);
  for (guint i = 0; i < n; i++)
    {
      const VitaField *f = &fields[i];

      if (!in_intake_section (f) || f->type == VITA_FIELD_NOTES)
        continue;
      for (int j = -1; j < (int) persons->len; j++)
        {
          int p = j < 0 ? VITA_PERSON_HOUSEHOLD : g_array_index (persons, int, j);
          const char *v;

          if (!vita_field_is_visible (f, household, p))
            continue;
          v = vita_household_get (household, p, f->id);
          if (v != NULL && *v != '\0')
            continue;
          /* Optional by nature: not worth a line. */
          if (g_str_equal (f->id, VITA_FID_EMAIL) || g_str_equal (f->id, VITA_FID_MIDDLE_NAME)
              || g_str_equal (f->id, VITA_FID_SUFFIX) || g_str_equal (f->id, VITA_FID_NATIVE_NAME)
              || g_str_equal (f->id, VITA_FID_ALT_ROMANIZATION) || g_str_equal (f->id, VITA_FID_ADDRESS_APT))
            continue;
          if (unanswered++ < 6)
            g_string_append_printf (first_unanswered, "%s%s", first_unanswered->len ? "; " : "",
                                    _(f->label));
        }
    }
  if (unanswered > 0)
    g_ptr_array_add (lines, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "%u question unanswered: %s",
                                                          "%u questions unanswered (first: %s)",
                                                          unanswered),
                                             unanswered, first_unanswered->str));

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      const char *v = vita_household_get (household, VITA_PERSON_HOUSEHOLD, notes[i]);

      if (v != NULL && *v != '\0')
        g_ptr_array_add (lines, g_strdup_printf (_("Note: %s"), v));
    }
  return lines;
}

/**
 * vita_form_preparer_sheet:
 *
 * Returns: (transfer full): the household on one sheet, in the order the
 *   preparer's software asks, for the preparer's station
 */
GBytes *
vita_form_preparer_sheet (VitaHousehold *household,
                          GError       **error)
{
  Sheet sheet;
  g_autoptr(GArray) persons = vita_household_list_persons (household);
  g_autoptr(GPtrArray) attention = vita_form_needs_attention (household);
  g_autofree char *title = g_strdup_printf (_("Preparer's sheet — household %" PRId64),
                                            (int64_t) vita_household_get_id (household));

  sheet_begin (&sheet, NULL);
  sheet_text (&sheet, title, STYLE_TITLE);
  sheet_text (&sheet, _("From the intake interview. Not an IRS form; it stays at the site."),
              STYLE_SMALL);

  sheet_text (&sheet, _("Needs attention"), STYLE_HEADING);
  if (attention->len == 0)
    sheet_text (&sheet, _("Nothing."), STYLE_BODY);
  for (guint i = 0; i < attention->len; i++)
    {
      g_autofree char *line = g_strdup_printf ("•  %s", (char *) g_ptr_array_index (attention, i));
      sheet_text (&sheet, line, STYLE_BODY);
    }

  sheet_text (&sheet, _("Basic information"), STYLE_HEADING);
  for (guint i = 0; i < persons->len; i++)
    {
      int p = g_array_index (persons, int, i);
      g_autofree char *name = NULL;
      g_autofree char *head = NULL;

      if (p > VITA_PERSON_SPOUSE)
        continue;
      name = person_name (household, p);
      head = g_strdup_printf ("%s: %s", p == VITA_PERSON_TAXPAYER ? _("Taxpayer") : _("Spouse"),
                              name);
      sheet_text (&sheet, head, STYLE_BODY);
      list_section (&sheet, household, VITA_SECTION_IDENTITY, p, FALSE);
      list_section (&sheet, household, VITA_SECTION_PERSONAL, p, FALSE);
    }
  list_section (&sheet, household, VITA_SECTION_PERSONAL, VITA_PERSON_HOUSEHOLD, FALSE);

  sheet_text (&sheet, _("Filing status"), STYLE_HEADING);
  list_section (&sheet, household, VITA_SECTION_MARITAL, VITA_PERSON_HOUSEHOLD, FALSE);

  sheet_text (&sheet, _("Dependents and household members"), STYLE_HEADING);
  for (guint i = 0; i < persons->len; i++)
    {
      int p = g_array_index (persons, int, i);
      g_autofree char *name = NULL;

      if (p < VITA_PERSON_FIRST_DEPENDENT)
        continue;
      name = person_name (household, p);
      sheet_text (&sheet, name, STYLE_BODY);
      list_section (&sheet, household, VITA_SECTION_IDENTITY, p, FALSE);
      list_section (&sheet, household, VITA_SECTION_HOUSEHOLD, p, FALSE);
    }

  sheet_text (&sheet, _("Income"), STYLE_HEADING);
  list_section (&sheet, household, VITA_SECTION_INCOME, VITA_PERSON_HOUSEHOLD, TRUE);
  sheet_text (&sheet, _("Deductions, credits and events"), STYLE_HEADING);
  list_section (&sheet, household, VITA_SECTION_EXPENSES, VITA_PERSON_HOUSEHOLD, TRUE);
  list_section (&sheet, household, VITA_SECTION_EVENTS, VITA_PERSON_HOUSEHOLD, TRUE);

  sheet_text (&sheet, _("Refund or balance due"), STYLE_HEADING);
  list_money (&sheet, household, VITA_PERSON_HOUSEHOLD);

  return sheet_finish (&sheet, error);
}

/* ------------------------------------------------------------------ */
/* Intake summary (no template loaded)                                 */
/* ------------------------------------------------------------------ */

/**
 * vita_form_intake_summary:
 *
 * Returns: (transfer full): every answer of the interview in the order of
 *   Form 13614-C, titled as the app's intake summary, for a site that has
 *   not loaded the IRS form
 */
GBytes *
vita_form_intake_summary (VitaHousehold *household,
                          GError       **error)
{
  static const struct { VitaFieldSection section; const char *heading; } parts[] = {
    { VITA_SECTION_PERSONAL, N_("Personal information") },
    { VITA_SECTION_MARITAL, N_("Marital status") },
    { VITA_SECTION_HOUSEHOLD, N_("Household") },
    { VITA_SECTION_INCOME, N_("Income") },
    { VITA_SECTION_EXPENSES, N_("Expenses") },
    { VITA_SECTION_EVENTS, N_("Life events") },
    { VITA_SECTION_OPTIONAL, N_("Optional questions") },
    { VITA_SECTION_NOTES, N_("Additional notes") },
  };
  Sheet sheet;
  g_autoptr(GArray) persons = vita_household_list_persons (household);

  sheet_begin (&sheet, NULL);
  sheet_text (&sheet, _("Intake summary"), STYLE_TITLE);
  sheet_text (&sheet, _("The app's own summary of the interview, in the order of Form 13614-C. "
                        "It is not the IRS form: the site has not loaded Form 13614-C."),
              STYLE_SMALL);

  for (guint s = 0; s < G_N_ELEMENTS (parts); s++)
    {
      sheet_text (&sheet, _(parts[s].heading), STYLE_HEADING);
      for (int j = -1; j < (int) persons->len; j++)
        {
          int p = j < 0 ? VITA_PERSON_HOUSEHOLD : g_array_index (persons, int, j);

          if (p >= VITA_PERSON_TAXPAYER && (parts[s].section == VITA_SECTION_PERSONAL
                                            || parts[s].section == VITA_SECTION_HOUSEHOLD))
            {
              g_autofree char *name = person_name (household, p);

              if (parts[s].section == VITA_SECTION_HOUSEHOLD && p < VITA_PERSON_FIRST_DEPENDENT)
                continue;
              sheet_text (&sheet, name, STYLE_BODY);
              list_section (&sheet, household, VITA_SECTION_IDENTITY, p, FALSE);
            }
          list_section (&sheet, household, parts[s].section, p, FALSE);
          if (parts[s].section == VITA_SECTION_PERSONAL)
            list_money (&sheet, household, p);
        }
      if (parts[s].section == VITA_SECTION_NOTES)
        {
          const char *v = vita_household_get (household, VITA_PERSON_HOUSEHOLD, VITA_FID_NOTES);
          if (v != NULL)
            sheet_text (&sheet, v, STYLE_BODY);
        }
    }
  return sheet_finish (&sheet, error);
}
