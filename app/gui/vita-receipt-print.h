/* vita-receipt-print.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once printing is over: @printed is TRUE when the job went to the
 * printer (or to a file chosen in the print dialog). */
typedef void (*VitaReceiptPrintDone) (gboolean      printed,
                                      const GError *error,
                                      gpointer      user_data);

void vita_receipt_print (GtkWindow            *parent,
                         const char           *job_name,
                         const char           *language,
                         const char           *markup,
                         const char           *export_pdf,
                         VitaReceiptPrintDone  done,
                         gpointer              user_data);

G_END_DECLS
