/* vita-minimum-data-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by vita-store-minimum-data.c and the store files that call it
 * (households, retention, settings).  Not on the GUI's include path.
 */

#pragma once

#include "vita-minimum-data.h"
#include "vita-store-private.h"

G_BEGIN_DECLS

/* vita-store-households.c: rewrites a household's answers (the sealed blob
 * under its household key, made anew when its key row is gone).  Inside a
 * transaction. */
gboolean  _vita_store_write_answers            (VitaStore      *self,
                                                VitaHousehold  *household,
                                                GError        **error);

/* vita-store-minimum-data.c */
gboolean  _vita_minimum_data_is_setting        (const char     *key);
gboolean  _vita_minimum_data_check_setting     (const char     *key,
                                                const char     *value,
                                                GError        **error);
gboolean  _vita_store_minimum_data_after_change (VitaStore       *self,
                                                 gint64           household_id,
                                                 VitaReturnStatus status,
                                                 VitaHousehold   *written,
                                                 GError         **error);

G_END_DECLS
