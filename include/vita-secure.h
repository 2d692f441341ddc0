/* vita-secure.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VITA_KEY_BYTES 32

/* Argon2id cost.  Stored per keyslot so a slower machine can raise it later
 * without locking anyone out. */
typedef struct
{
  guint64 opslimit;
  gsize   memlimit;
} VitaKdfParams;

/* Nothing weaker than this is ever accepted, even from a keys file: a
 * tampered file must not be able to downgrade the KDF. */
#define VITA_KDF_MIN_MEMLIMIT (64u * 1024u * 1024u)
#define VITA_KDF_MIN_OPSLIMIT 1
/* Nor anything that would keep an unlock busy for minutes. */
#define VITA_KDF_MAX_OPSLIMIT 64
/* What an unlock should cost on this machine: instant to a volunteer,
 * expensive for every guess. */
#define VITA_KDF_TARGET_SECONDS 0.5

typedef struct _VitaSecretKey VitaSecretKey;

gboolean       vita_secure_init               (GError             **error);
VitaSecretKey *vita_secret_key_new_random     (void);
VitaSecretKey *vita_secret_key_new_from_bytes (const guint8        *bytes,
                                               gsize                len);
const guint8  *vita_secret_key_get_data      (const VitaSecretKey *key);
gboolean       vita_secret_key_equal          (const VitaSecretKey *a,
                                               const VitaSecretKey *b);
char          *vita_secret_key_dup_sqlcipher  (const VitaSecretKey *key);
void           vita_secret_key_free           (VitaSecretKey       *key);
void           vita_secure_free_string        (char                *str);
VitaSecretKey *vita_kdf_derive                (const char          *passphrase,
                                               const guint8        *salt,
                                               const VitaKdfParams *params,
                                               GError             **error);
void           vita_kdf_calibrate             (double               target_seconds,
                                               VitaKdfParams       *params);
void           vita_kdf_params_minimum        (VitaKdfParams       *params);
double         vita_kdf_measure               (const VitaKdfParams *params);
double         vita_kdf_measure_median        (const VitaKdfParams *params,
                                               guint                runs);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaSecretKey, vita_secret_key_free)

G_END_DECLS
