/* vita-member-text.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-member-text.h"

/* Helpers for labels a member reads (the privacy and consent screens). */

static gboolean
is_hangul (gunichar c)
{
  return ((c >= 0xAC00 && c <= 0xD7A3)     /* syllables */
          || (c >= 0x1100 && c <= 0x11FF)  /* jamo */
          || (c >= 0x3130 && c <= 0x318F)  /* compatibility jamo */
          || (c >= 0xA960 && c <= 0xA97F)
          || (c >= 0xD7B0 && c <= 0xD7FF));
}

/**
 * vita_member_text_keep_words:
 * @label: a wrapping label whose text is set
 *
 * Pango follows UAX #14, which lets a line break between any two Hangul
 * syllables, so "프로그램" can end up as "프" and "로그램" on two lines.
 * Korean print keeps each space-separated word whole, which is much easier
 * for a hesitant reader; the printed notice does the same.  Call this after
 * every change of the label's text or markup: it adds attributes over the
 * words that contain Hangul, on top of any markup.
 */
void
vita_member_text_keep_words (GtkLabel *label)
{
  const char *text;
  const char *word = NULL;
  gboolean hangul = FALSE;
  PangoAttrList *attrs;

  g_return_if_fail (GTK_IS_LABEL (label));

  text = gtk_label_get_text (label);
  attrs = pango_attr_list_new ();
  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (!space && word == NULL)
        {
          word = p;
          hangul = FALSE;
        }
      if (!space)
        hangul = hangul || is_hangul (c);

      if (space && word != NULL)
        {
          if (hangul)
            {
              PangoAttribute *attr = pango_attr_allow_breaks_new (FALSE);

              attr->start_index = word - text;
              attr->end_index = p - text;
              pango_attr_list_insert (attrs, attr);
            }
          word = NULL;
        }
      if (c == 0)
        break;
    }

  /* Merged with the attributes of the label's markup. */
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}
