/* vita-itin-expiry.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ITIN expiry.  An ITIN not used on a federal return for 3 consecutive tax
 * years expires on December 31 after the third year of non-use: used for
 * TY2020 and not after, it expires on 2024-12-31.  @last_used_tax_year is
 * the latest tax year it appeared on a return as filer, spouse or
 * dependent. */
void         vita_itin_expiry_date         (int           last_used_tax_year,
                                            GDate        *out);
gboolean     vita_itin_is_expired          (int           last_used_tax_year,
                                            const GDate  *on_date);
gboolean     vita_itin_needs_renewal_for   (int           last_used_tax_year,
                                            int           filing_tax_year);

G_END_DECLS
