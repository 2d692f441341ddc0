/* vita-schema.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

int      vita_schema_get_latest_version (void);
int      vita_schema_get_version        (sqlite3  *db);
gboolean vita_schema_migrate            (sqlite3  *db,
                                         GError  **error);

G_END_DECLS
