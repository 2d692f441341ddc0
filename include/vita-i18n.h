/* vita-i18n.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  const char *code;        /* "en", "ko", "es", "ht" */
  const char *native_name; /* the language's name in itself */
} VitaLanguage;

const char         *vita_i18n_init           (void);
const char         *vita_i18n_get_localedir  (void);
const VitaLanguage *vita_i18n_get_languages  (guint      *n_languages);
const char         *vita_i18n_language_name  (const char *code);
char               *vita_i18n_format_date    (const GDate *date);

G_END_DECLS
