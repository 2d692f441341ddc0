/* vita-store.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vita-household.h"
#include "vita-secure.h"

G_BEGIN_DECLS

#define VITA_STORE_ERROR (vita_store_error_quark ())

typedef enum
{
  VITA_STORE_ERROR_FAILED,
  VITA_STORE_ERROR_NOT_FOUND,          /* no store at this path */
  VITA_STORE_ERROR_EXISTS,             /* creating over an existing store */
  VITA_STORE_ERROR_WRONG_CREDENTIALS,  /* user name or passphrase */
  VITA_STORE_ERROR_TAMPERED,           /* keys or records fail authentication */
  VITA_STORE_ERROR_CORRUPT,            /* SQLite-level damage */
  VITA_STORE_ERROR_LOCKED,             /* operation needs an unlocked store */
  VITA_STORE_ERROR_PERMISSION,         /* the role may not do this */
  VITA_STORE_ERROR_NO_SPACE,           /* disk full or file size limit */
  VITA_STORE_ERROR_IO,
  VITA_STORE_ERROR_CRYPTO,
  VITA_STORE_ERROR_INVALID,            /* bad argument from the caller */
  VITA_STORE_ERROR_NEWER_FORMAT,       /* made by a newer version */
  VITA_STORE_ERROR_BUSY,               /* another process holds the store */
  VITA_STORE_ERROR_KEY_CHANGED,        /* rekeyed or replaced under an open store */
  VITA_STORE_ERROR_ROLLED_BACK,        /* behind its sealed high-water mark */
  VITA_STORE_ERROR_RETRY_LATER,        /* too many wrong passphrases: wait */
  VITA_STORE_ERROR_NEEDS_REASON,       /* someone else's household: vita_store_open_household_for() first */
} VitaStoreError;

typedef enum
{
  VITA_ROLE_VOLUNTEER = 0,
  VITA_ROLE_REVIEWER,
  VITA_ROLE_COORDINATOR,
} VitaRole;

#define VITA_TYPE_STORE (vita_store_get_type ())
G_DECLARE_FINAL_TYPE (VitaStore, vita_store, VITA, STORE, GObject)

GQuark         vita_store_error_quark           (void);
char          *vita_store_default_path          (void);
VitaStore     *vita_store_new                   (const char            *path);
const char    *vita_store_get_path              (VitaStore             *self);
char          *vita_store_dup_keys_path         (VitaStore             *self);
gboolean       vita_store_exists                (VitaStore             *self);
gboolean       vita_store_create                (VitaStore             *self,
                                                 const char            *site_name,
                                                 const char            *user_name,
                                                 const char            *display_name,
                                                 const char            *passphrase,
                                                 const VitaKdfParams   *params,
                                                 GError               **error);
gboolean       vita_store_unlock                (VitaStore             *self,
                                                 const char            *user_name,
                                                 const char            *passphrase,
                                                 GError               **error);
void           vita_store_lock                  (VitaStore             *self);
gboolean       vita_store_is_unlocked           (VitaStore             *self);
const char    *vita_store_get_user_name         (VitaStore             *self);
gint64         vita_store_get_user_id           (VitaStore             *self);
VitaRole       vita_store_get_role              (VitaStore             *self);
gboolean       vita_store_get_roles_signed      (VitaStore             *self);
char         **vita_store_dup_role_problems     (VitaStore             *self);
char          *vita_store_dup_roles_status      (VitaStore             *self);
char          *vita_store_dup_audit_status      (VitaStore             *self);
gboolean       vita_store_can                   (VitaStore             *self,
                                                 const char            *action);
char          *vita_store_dup_setting           (VitaStore             *self,
                                                 const char            *key,
                                                 GError               **error);
gboolean       vita_store_set_setting           (VitaStore             *self,
                                                 const char            *key,
                                                 const char            *value,
                                                 GError               **error);

gboolean       vita_store_rekey                 (VitaStore             *self,
                                                 GError               **error);
gboolean       vita_store_backup                (VitaStore             *self,
                                                 const char            *dest_path,
                                                 GError               **error);
/* Replace an existing backup (both its files) instead of refusing. */
typedef enum
{
  VITA_BACKUP_OVERWRITE = 1 << 0,
} VitaBackupFlags;
gboolean       vita_store_backup_full           (VitaStore             *self,
                                                 const char            *dest_path,
                                                 VitaBackupFlags        flags,
                                                 GError               **error);
gboolean       vita_store_get_kdf_params        (VitaStore             *self,
                                                 VitaKdfParams         *params,
                                                 GError               **error);
guint          vita_unlock_delay_for_failures   (guint                  failures);
gboolean       vita_store_get_pages_verified    (VitaStore             *self);
gboolean       vita_store_verify_pages          (VitaStore             *self,
                                                 GError               **error);
gboolean       vita_store_verify                (VitaStore             *self,
                                                 GPtrArray            **report,
                                                 GError               **error);

const char    *vita_role_to_string              (VitaRole               role);
gboolean       vita_role_from_string            (const char            *str,
                                                 VitaRole              *role);
const char    *vita_role_get_label              (VitaRole               role);

G_END_DECLS
