/* vita-member-text.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-member-text.h"
#include "vita-text.h"

/* Helpers for labels a member reads (the privacy and consent screens). */

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
  PangoAttrList *attrs;

  g_return_if_fail (GTK_IS_LABEL (label));

  text = gtk_label_get_text (label);
  attrs = pango_attr_list_new ();
  vita_text_keep_hangul_words (attrs, text);

  /* Merged with the attributes of the label's markup. */
  gtk_label_set_attributes (label, attrs);
  pango_attr_list_unref (attrs);
}
