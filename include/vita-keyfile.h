/* vita-keyfile.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-secure.h"

G_BEGIN_DECLS

/* The keys file beside a store: one keyslot per user, like LUKS.  Each user
 * has an X25519 key pair whose secret half is sealed with a key derived from
 * their passphrase (Argon2id); the store's master key is sealed to every
 * user's public key.  Adding or removing a user therefore never touches the
 * records, and a coordinator can move everyone to a new master key (rekey)
 * without knowing their passphrases.  It holds no taxpayer data. */
typedef struct _VitaKeyfile VitaKeyfile;

VitaKeyfile   *vita_keyfile_new               (void);
VitaKeyfile   *vita_keyfile_load              (const char          *path,
                                               GError             **error);
gboolean       vita_keyfile_save              (VitaKeyfile         *self,
                                               const char          *path,
                                               GError             **error);
void           vita_keyfile_free              (VitaKeyfile         *self);
gboolean       vita_keyfile_add_user          (VitaKeyfile         *self,
                                               const char          *user_name,
                                               const char          *passphrase,
                                               const VitaKdfParams *params,
                                               const VitaSecretKey *master,
                                               VitaSecretKey      **sign_seed,
                                               GError             **error);
gboolean       vita_keyfile_remove_user       (VitaKeyfile         *self,
                                               const char          *user_name,
                                               GError             **error);
gboolean       vita_keyfile_has_user          (VitaKeyfile         *self,
                                               const char          *user_name);
char         **vita_keyfile_list_users        (VitaKeyfile         *self);
guint          vita_keyfile_get_n_users       (VitaKeyfile         *self);
VitaSecretKey *vita_keyfile_unlock            (VitaKeyfile         *self,
                                               const char          *user_name,
                                               const char          *passphrase,
                                               VitaSecretKey      **pending,
                                               VitaSecretKey      **sign_seed,
                                               gboolean            *sign_created,
                                               GError             **error);
gboolean       vita_keyfile_change_passphrase (VitaKeyfile         *self,
                                               const char          *user_name,
                                               const char          *old_passphrase,
                                               const char          *new_passphrase,
                                               const VitaKdfParams *params,
                                               GError             **error);
gboolean       vita_keyfile_seal_pending      (VitaKeyfile         *self,
                                               const VitaSecretKey *new_master,
                                               GError             **error);
gboolean       vita_keyfile_has_pending       (VitaKeyfile         *self);
void           vita_keyfile_commit_pending    (VitaKeyfile         *self);
void           vita_keyfile_drop_pending      (VitaKeyfile         *self);
gboolean       vita_keyfile_check_master      (VitaKeyfile         *self,
                                               const VitaSecretKey *master);
gboolean       vita_keyfile_set_retention_key (VitaKeyfile         *self,
                                               const char          *key_id,
                                               GBytes              *wrapped);
GBytes        *vita_keyfile_get_retention_key (VitaKeyfile         *self,
                                               const char          *key_id);
void           vita_keyfile_remove_retention_key (VitaKeyfile      *self,
                                               const char          *key_id);
char         **vita_keyfile_list_retention_keys (VitaKeyfile       *self);
void           vita_keyfile_strip_retention   (VitaKeyfile         *self);
gboolean       vita_keyfile_get_params        (VitaKeyfile         *self,
                                               const char          *user_name,
                                               VitaKdfParams       *params);
guint          vita_keyfile_get_failures      (VitaKeyfile         *self,
                                               const char          *user_name,
                                               gint64              *last);
void           vita_keyfile_record_failure    (VitaKeyfile         *self,
                                               const char          *user_name,
                                               gint64               now);
gboolean       vita_keyfile_clear_failures    (VitaKeyfile         *self,
                                               const char          *user_name);
void           vita_keyfile_strip_failures    (VitaKeyfile         *self);
gboolean       vita_user_name_is_valid        (const char          *user_name);
gboolean       vita_keyfile_get_state_tracked (VitaKeyfile         *self);
void           vita_keyfile_set_state_tracked (VitaKeyfile         *self,
                                               gboolean             tracked);

gboolean       vita_keyfile_get_sign_public_key (VitaKeyfile       *self,
                                               const char          *user_name,
                                               guint8               public_key[32]);
char          *vita_keyfile_get_grants_value  (VitaKeyfile         *self,
                                               const char          *key);
void           vita_keyfile_set_grants_value  (VitaKeyfile         *self,
                                               const char          *key,
                                               const char          *value);
gboolean       vita_keyfile_has_grants        (VitaKeyfile         *self);
void           vita_keyfile_strip_grants      (VitaKeyfile         *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaKeyfile, vita_keyfile_free)

G_END_DECLS
