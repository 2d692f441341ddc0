/* vita-form-print.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vita-household.h"
#include "vita-store.h"

G_BEGIN_DECLS

typedef void (*VitaFormPrintDone) (gboolean      printed,
                                   const GError *error,
                                   gpointer      user_data);

void vita_form_print (GtkWindow         *parent,
                      const char        *job_name,
                      GPtrArray         *documents,
                      const char        *export_pdf,
                      VitaFormPrintDone  done,
                      gpointer           user_data);

/* @message: (nullable): translated, for a toast: what printed as a draft
 * or instead of the IRS form, or why nothing printed. */
typedef void (*VitaFormPrintHouseholdDone) (gboolean    printed,
                                            const char *message,
                                            gpointer    user_data);

void vita_form_print_household (GtkWindow                  *parent,
                                VitaStore                  *store,
                                VitaHousehold              *household,
                                const char                 *export_pdf,
                                VitaFormPrintHouseholdDone  done,
                                gpointer                    user_data);

void vita_form_save_household_pdf (GtkWindow                  *parent,
                                   VitaStore                  *store,
                                   VitaHousehold              *household,
                                   VitaFormPrintHouseholdDone  done,
                                   gpointer                    user_data);
void vita_form_save_household_pdf_to (VitaStore                  *store,
                                      VitaHousehold              *household,
                                      GFile                      *file,
                                      VitaFormPrintHouseholdDone  done,
                                      gpointer                    user_data);

G_END_DECLS
