/* vita-text.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Text shaping rules for member-facing text, shared by the printed
 * notice and the GUI's labels.
 */

#include "config.h"

#include "vita-text.h"

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
 * vita_text_keep_hangul_words:
 * @attrs: the attributes to add to
 * @text: the text @attrs will be applied to
 *
 * Pango follows UAX #14, which lets a line break between any two Hangul
 * syllables, so "컴퓨터" could end up as "컴" and "퓨터" on two lines.  Korean
 * print usually keeps each space-separated word whole, which is also much
 * easier for a hesitant reader; this forbids breaks inside words with
 * Hangul.  Used by the printed notice and the GUI's member labels.
 */
void
vita_text_keep_hangul_words (PangoAttrList *attrs,
                             const char    *text)
{
  const char *word = NULL;
  gboolean hangul = FALSE;

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
}
