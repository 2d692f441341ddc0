/* vita-minimum-data.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"
#include "vita-store-households.h"
#include "vita-store-settings.h"

G_BEGIN_DECLS

/* Minimum-data mode (vita-store-minimum-data.c; issue 14 item 8).
 *
 * Form 13614-C has no SSN/ITIN field: the numbers go into the IRS-approved
 * return software from the member's cards and letters.  In this mode the
 * store keeps TINs only while a household's forms are being prepared, and
 * the address, phone and e-mail only a few days after its forms are
 * printed.  See docs/security-design.md, "Minimum-data mode". */

/* Site setting: "on" or "off".  New stores are made with "on"; a store
 * without the setting (made before this version) is "off". */
#define VITA_MINIMUM_DATA_KEY               VITA_SETTING_MINIMUM_DATA
/* Site setting: days from a complete print of a household's forms to the
 * purge run that erases its contact answers (0 to 90). */
#define VITA_MINIMUM_DATA_CONTACT_DAYS_KEY  VITA_SETTING_MINIMUM_DATA_CONTACT_DAYS
#define VITA_MINIMUM_DATA_DEFAULT_CONTACT_DAYS 7

gboolean  vita_minimum_data_field_is_tin      (const char *field_id);
gboolean  vita_minimum_data_field_is_contact  (const char *field_id);

guint     vita_minimum_data_strip_tins        (VitaHousehold *household);

gboolean  vita_store_get_minimum_data         (VitaStore  *self);
guint     vita_store_get_minimum_data_contact_days (VitaStore *self);

gboolean  vita_store_record_forms_printed     (VitaStore      *self,
                                               gint64          household_id,
                                               gboolean        complete,
                                               GError        **error);
char     *vita_store_dup_contact_purge_date   (VitaStore      *self,
                                               gint64          household_id,
                                               GError        **error);
gboolean  vita_store_purge_minimum_data       (VitaStore      *self,
                                               const char     *today,
                                               guint          *n_erased,
                                               GError        **error);

G_END_DECLS
