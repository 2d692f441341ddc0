/* vita-user-item.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vita-store-users.h"
#include "vita-user-item.h"

/* One person who may sign in, as the users page lists them.  A copy of the
 * store's VitaUserInfo, so the list keeps working after the store locks
 * and the page can be destroyed at leisure. */
struct _VitaUserItem
{
  GObject       parent_instance;

  VitaUserInfo  info;
};

G_DEFINE_FINAL_TYPE (VitaUserItem, vita_user_item, G_TYPE_OBJECT)

static void
vita_user_item_finalize (GObject *object)
{
  VitaUserItem *self = (VitaUserItem *)object;

  g_clear_pointer (&self->info.name, g_free);
  g_clear_pointer (&self->info.display_name, g_free);
  g_clear_pointer (&self->info.cert_level, g_free);

  G_OBJECT_CLASS (vita_user_item_parent_class)->finalize (object);
}

static void
vita_user_item_class_init (VitaUserItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_user_item_finalize;
}

static void
vita_user_item_init (VitaUserItem *self)
{
}

/**
 * vita_user_item_new:
 * @info: a user as vita_store_list_users() gives them; copied
 *
 * Returns: (transfer full): a new item
 */
VitaUserItem *
vita_user_item_new (const VitaUserInfo *info)
{
  VitaUserItem *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (VITA_TYPE_USER_ITEM, NULL);
  self->info.id = info->id;
  self->info.name = g_strdup (info->name);
  self->info.display_name = g_strdup (info->display_name);
  self->info.role = info->role;
  self->info.cert_level = g_strdup (info->cert_level ? info->cert_level : "none");
  self->info.has_keyslot = info->has_keyslot;
  return self;
}

const char *
vita_user_item_get_name (VitaUserItem *self)
{
  g_return_val_if_fail (VITA_IS_USER_ITEM (self), NULL);
  return self->info.name;
}

/**
 * vita_user_item_get_display_name:
 *
 * Returns: the full name, or the user name when none was given
 */
const char *
vita_user_item_get_display_name (VitaUserItem *self)
{
  g_return_val_if_fail (VITA_IS_USER_ITEM (self), NULL);
  return self->info.display_name && *self->info.display_name ? self->info.display_name
                                                              : self->info.name;
}

VitaRole
vita_user_item_get_role (VitaUserItem *self)
{
  g_return_val_if_fail (VITA_IS_USER_ITEM (self), VITA_ROLE_VOLUNTEER);
  return self->info.role;
}

/**
 * vita_user_item_get_cert_level:
 *
 * Returns: the stored level id ("none", "basic", "advanced", "military")
 */
const char *
vita_user_item_get_cert_level (VitaUserItem *self)
{
  g_return_val_if_fail (VITA_IS_USER_ITEM (self), NULL);
  return self->info.cert_level;
}

/**
 * vita_user_item_get_has_keyslot:
 *
 * Returns: whether the keys file still lets this user sign in
 */
gboolean
vita_user_item_get_has_keyslot (VitaUserItem *self)
{
  g_return_val_if_fail (VITA_IS_USER_ITEM (self), FALSE);
  return self->info.has_keyslot;
}
