/* vita-users-page.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_USERS_PAGE (vita_users_page_get_type ())
G_DECLARE_FINAL_TYPE (VitaUsersPage, vita_users_page, VITA, USERS_PAGE, AdwBin)

void        vita_users_page_set_store (VitaUsersPage *self,
                                       VitaStore     *store);
GListModel *vita_users_page_get_users (VitaUsersPage *self);
gboolean    vita_users_page_get_busy  (VitaUsersPage *self);

G_END_DECLS
