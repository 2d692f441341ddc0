/* vita-validate-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What vita-validate.c and its partner files (-tin.c, -contact.c) share. */

#define TIN_DIGITS 9
#define EMAIL_MAX 254
#define EMAIL_LOCAL_MAX 64
#define DNS_NAME_MAX 253
#define DNS_LABEL_MAX 63

void     _vita_validate_trim_ascii     (const char  *text,
                                        const char **start,
                                        gsize       *len);
gboolean _vita_validate_is_digit       (char         c);
guint    _vita_validate_digits_value   (const char  *p,
                                        gsize        n);
void     _vita_validate_set_normalized (char       **normalized,
                                        char        *value);
gboolean _vita_validate_is_blank       (const char  *text);
gboolean _vita_validate_all_digits     (const char  *p,
                                        gsize        n);

G_END_DECLS
