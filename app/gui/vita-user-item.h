/* vita-user-item.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "vita-store-users.h"
#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TYPE_USER_ITEM (vita_user_item_get_type ())
G_DECLARE_FINAL_TYPE (VitaUserItem, vita_user_item, VITA, USER_ITEM, GObject)

VitaUserItem *vita_user_item_new              (const VitaUserInfo *info);
const char   *vita_user_item_get_name         (VitaUserItem       *self);
const char   *vita_user_item_get_display_name (VitaUserItem       *self);
VitaRole      vita_user_item_get_role         (VitaUserItem       *self);
const char   *vita_user_item_get_cert_level   (VitaUserItem       *self);
gboolean      vita_user_item_get_has_keyslot  (VitaUserItem       *self);

G_END_DECLS
