/* vita-text.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

void vita_text_keep_hangul_words (PangoAttrList *attrs,
                                  const char    *text);

G_END_DECLS
