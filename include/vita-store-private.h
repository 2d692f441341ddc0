/* vita-store-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the core's partner files and for tests that must reach under the API
 * (for example to tamper with the audit log as an attacker with the key
 * would).  Never include this from the GUI.
 */

#pragma once

#include <sqlite3.h>

#include "vita-store.h"

G_BEGIN_DECLS

sqlite3 *_vita_store_get_db (VitaStore *self);

G_END_DECLS
