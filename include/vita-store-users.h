/* vita-store-users.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"

G_BEGIN_DECLS

/* The store's users, their roles and keyslots (vita-store-users.c).
 * Changing them is for coordinators. */

typedef struct
{
  gint64    id;
  char     *name;
  char     *display_name;
  VitaRole  role;
  char     *cert_level;
  gboolean  has_keyslot;
} VitaUserInfo;

gboolean       vita_store_add_user              (VitaStore             *self,
                                                 const char            *user_name,
                                                 const char            *display_name,
                                                 VitaRole               role,
                                                 const char            *passphrase,
                                                 const VitaKdfParams   *params,
                                                 GError               **error);
gboolean       vita_store_remove_user           (VitaStore             *self,
                                                 const char            *user_name,
                                                 GError               **error);
gboolean       vita_store_set_user_cert_level   (VitaStore             *self,
                                                 const char            *user_name,
                                                 const char            *cert_level,
                                                 GError               **error);
gboolean       vita_store_set_user_role         (VitaStore             *self,
                                                 const char            *user_name,
                                                 VitaRole               role,
                                                 GError               **error);
gboolean       vita_store_change_passphrase     (VitaStore             *self,
                                                 const char            *old_passphrase,
                                                 const char            *new_passphrase,
                                                 const VitaKdfParams   *params,
                                                 GError               **error);
GPtrArray     *vita_store_list_users            (VitaStore             *self,
                                                 GError               **error);
void           vita_user_info_free              (VitaUserInfo          *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaUserInfo, vita_user_info_free)

G_END_DECLS
