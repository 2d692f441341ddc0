/* vita-keyfile.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <sodium.h>
#include <string.h>

#include "vita-keyfile.h"
#include "vita-keyfile-private.h"
#include "vita-store.h"

#define KEYFILE_FORMAT 1
#define GROUP_STORE "store"
#define USER_PREFIX "user "
/* Signed role grants (vita-store-grants.c): the site id, the pinned
 * founding coordinator's Ed25519 public key and the numbered statements.
 * Outside the database, so the store's key alone cannot rewrite them.
 * Older versions ignore the group. */
#define GROUP_GRANTS "grants"
/* A slot's Ed25519 seed is sealed under a key derived from the slot's X25519
 * secret, so it has exactly the passphrase's protection and survives a
 * passphrase change untouched. */
#define SIGN_CONTEXT "vita-sign-seed-1"
#define SLOT_CONTEXT "vita-keyslot-1"
#define KCV_CONTEXT "vita-key-check-1"
/* A plain checksum, not a MAC: it cannot stop a deliberate edit (the slots'
 * AEAD and the key check value do that) but it lets a flipped bit be
 * reported as damage instead of as a wrong passphrase. */
#define CHECKSUM_MARK "\n# blake2b "

static char *
b64 (const guint8 *data,
     gsize         len)
{
  return g_base64_encode (data, len);
}

/* Decodes exactly @len bytes or fails: a short or long value in the keys file
 * means it was edited, and must not be half-used. */
static gboolean
get_bytes (GKeyFile   *kf,
           const char *group,
           const char *key,
           guint8     *out,
           gsize       len)
{
  g_autofree char *text = g_key_file_get_string (kf, group, key, NULL);
  g_autofree guchar *raw = NULL;
  gsize raw_len = 0;

  if (text == NULL)
    return FALSE;
  raw = g_base64_decode (text, &raw_len);
  if (raw_len != len)
    return FALSE;
  memcpy (out, raw, len);
  sodium_memzero (raw, raw_len);
  return TRUE;
}

static void
set_bytes (GKeyFile     *kf,
           const char   *group,
           const char   *key,
           const guint8 *data,
           gsize         len)
{
  g_autofree char *text = b64 (data, len);
  g_key_file_set_string (kf, group, key, text);
}

static char *
user_group (const char *user_name)
{
  return g_strconcat (USER_PREFIX, user_name, NULL);
}

static void
compute_kcv (const VitaSecretKey *master,
             guint8               kcv[32])
{
  crypto_generichash (kcv, 32, (const guint8 *)KCV_CONTEXT, strlen (KCV_CONTEXT),
                      vita_secret_key_get_data (master), VITA_KEY_BYTES);
}

/* Binds a slot's ciphertext to its owner and its KDF settings, so a slot
 * cannot be moved to another user or have its costs lowered unnoticed. */
static GByteArray *
slot_associated_data (const char          *user_name,
                      const VitaKdfParams *params,
                      const guint8        *salt,
                      const guint8        *public_key)
{
  GByteArray *ad = g_byte_array_new ();
  guint64 ops = GUINT64_TO_LE (params->opslimit);
  guint64 mem = GUINT64_TO_LE ((guint64) params->memlimit);

  g_byte_array_append (ad, (const guint8 *)SLOT_CONTEXT, sizeof SLOT_CONTEXT);
  g_byte_array_append (ad, (const guint8 *)user_name, strlen (user_name) + 1);
  g_byte_array_append (ad, (const guint8 *)&ops, sizeof ops);
  g_byte_array_append (ad, (const guint8 *)&mem, sizeof mem);
  g_byte_array_append (ad, salt, crypto_pwhash_SALTBYTES);
  g_byte_array_append (ad, public_key, crypto_box_PUBLICKEYBYTES);
  return ad;
}

static char *
checksum_hex (const char *data,
              gsize       len)
{
  guint8 sum[32];
  char hex[65];

  crypto_generichash (sum, sizeof sum, (const guint8 *)data, len, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, sum, sizeof sum);
  return g_strdup (hex);
}

static gboolean
checksum_matches (const char *data,
                  gsize       len,
                  const char *stored)
{
  g_autofree char *expected = checksum_hex (data, len);

  return strncmp (stored, expected, 64) == 0
         && (stored[64] == '\n' || stored[64] == '\0');
}

gboolean
vita_user_name_is_valid (const char *user_name)
{
  gsize len;

  if (user_name == NULL)
    return FALSE;
  len = strlen (user_name);
  if (len == 0 || len > 32)
    return FALSE;
  for (const char *p = user_name; *p; p++)
    {
      if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '.' && *p != '_' && *p != '-')
        return FALSE;
    }
  return TRUE;
}

VitaKeyfile *
vita_keyfile_new (void)
{
  VitaKeyfile *self = g_new0 (VitaKeyfile, 1);

  self->kf = g_key_file_new ();
  g_key_file_set_integer (self->kf, GROUP_STORE, "format", KEYFILE_FORMAT);
  return self;
}

void
vita_keyfile_free (VitaKeyfile *self)
{
  if (self == NULL)
    return;
  g_key_file_free (self->kf);
  g_free (self);
}

VitaKeyfile *
vita_keyfile_load (const char  *path,
                   GError     **error)
{
  g_autoptr(VitaKeyfile) self = g_new0 (VitaKeyfile, 1);
  g_autoptr(GError) local_error = NULL;
  int format;

  g_autofree char *contents = NULL;
  gsize len = 0;
  const char *mark;

  self->kf = g_key_file_new ();
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                             _("The keys file of this store is missing."));
      else
        g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                     _("The keys file could not be read: %s"), local_error->message);
      return NULL;
    }

  mark = g_strrstr (contents, CHECKSUM_MARK);
  if (mark == NULL
      || !checksum_matches (contents, mark - contents, mark + strlen (CHECKSUM_MARK))
      || !g_key_file_load_from_data (self->kf, contents, mark - contents, G_KEY_FILE_NONE, NULL))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The keys file of this store is damaged or was altered."));
      return NULL;
    }

  format = g_key_file_get_integer (self->kf, GROUP_STORE, "format", NULL);
  if (format > KEYFILE_FORMAT)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NEWER_FORMAT,
                           _("This store was made by a newer version of the app."));
      return NULL;
    }
  if (format < 1 || !g_key_file_has_key (self->kf, GROUP_STORE, "key-check", NULL))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The keys file of this store is damaged or was altered."));
      return NULL;
    }

  return g_steal_pointer (&self);
}

/**
 * vita_keyfile_save:
 *
 * Writes the keys file atomically and durably: a crash leaves either the old
 * or the new file, never a torn one that would lock everyone out.
 */
gboolean
vita_keyfile_save (VitaKeyfile  *self,
                   const char   *path,
                   GError      **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize len = 0;

  g_autofree char *body = NULL;
  g_autofree char *sum = NULL;

  body = g_key_file_to_data (self->kf, &len, NULL);
  sum = checksum_hex (body, len);
  data = g_strconcat (body, CHECKSUM_MARK, sum, "\n", NULL);
  len = strlen (data);
  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      /* GLib maps EFBIG (a file size limit) to FAILED; treat it as the full
       * disk it is to the user. */
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOSPC)
          || (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_FAILED) && errno == EFBIG))
        g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NO_SPACE,
                             _("The disk is full. Nothing was changed."));
      else
        g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_IO,
                     _("The keys file could not be written: %s"), local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
seal_master_for (VitaKeyfile         *self,
                 const char          *group,
                 const char          *key,
                 const VitaSecretKey *master)
{
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 sealed[crypto_box_SEALBYTES + VITA_KEY_BYTES];

  if (!get_bytes (self->kf, group, "public-key", pk, sizeof pk))
    return FALSE;
  crypto_box_seal (sealed, vita_secret_key_get_data (master), VITA_KEY_BYTES, pk);
  set_bytes (self->kf, group, key, sealed, sizeof sealed);
  return TRUE;
}

static void
set_kcv (VitaKeyfile         *self,
         const char          *key,
         const VitaSecretKey *master)
{
  guint8 kcv[32];

  compute_kcv (master, kcv);
  set_bytes (self->kf, GROUP_STORE, key, kcv, sizeof kcv);
}

/* Seals @box_secret (a user's X25519 secret key) under a fresh
 * passphrase-derived key and writes the slot fields of @group. */
static gboolean
write_slot (VitaKeyfile         *self,
            const char          *group,
            const char          *user_name,
            const char          *passphrase,
            const VitaKdfParams *params,
            const guint8        *public_key,
            const guint8        *box_secret,
            GError             **error)
{
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  guint8 wrapped[crypto_box_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
  g_autoptr(VitaSecretKey) kek = NULL;
  g_autoptr(GByteArray) ad = NULL;

  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);
  kek = vita_kdf_derive (passphrase, salt, params, error);
  if (kek == NULL)
    return FALSE;

  ad = slot_associated_data (user_name, params, salt, public_key);
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, NULL, box_secret, crypto_box_SECRETKEYBYTES,
                                              ad->data, ad->len, NULL, nonce,
                                              vita_secret_key_get_data (kek));

  g_key_file_set_uint64 (self->kf, group, "opslimit", params->opslimit);
  g_key_file_set_uint64 (self->kf, group, "memlimit", params->memlimit);
  set_bytes (self->kf, group, "salt", salt, sizeof salt);
  set_bytes (self->kf, group, "nonce", nonce, sizeof nonce);
  set_bytes (self->kf, group, "public-key", public_key, crypto_box_PUBLICKEYBYTES);
  set_bytes (self->kf, group, "wrapped-secret", wrapped, sizeof wrapped);
  return TRUE;
}

static void
sign_wrap_key (const guint8 *box_secret,
               guint8        out[32])
{
  crypto_generichash (out, 32, (const guint8 *)SIGN_CONTEXT, strlen (SIGN_CONTEXT),
                      box_secret, crypto_box_SECRETKEYBYTES);
}

static GByteArray *
sign_associated_data (const char   *user_name,
                      const guint8 *sign_public)
{
  GByteArray *ad = g_byte_array_new ();

  g_byte_array_append (ad, (const guint8 *)SIGN_CONTEXT, sizeof SIGN_CONTEXT);
  g_byte_array_append (ad, (const guint8 *)user_name, strlen (user_name) + 1);
  g_byte_array_append (ad, sign_public, crypto_sign_PUBLICKEYBYTES);
  return ad;
}

/* Makes a new Ed25519 key pair for the slot of @group and seals its seed
 * under @box_secret.  Returns the seed. */
static VitaSecretKey *
write_sign_key (VitaKeyfile  *self,
                const char   *group,
                const char   *user_name,
                const guint8 *box_secret)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  guint8 wrapped[crypto_sign_SEEDBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
  g_autoptr(GByteArray) ad = NULL;
  guint8 *seed = sodium_malloc (crypto_sign_SEEDBYTES);
  guint8 *sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  guint8 *kek = sodium_malloc (32);
  VitaSecretKey *ret;

  randombytes_buf (seed, crypto_sign_SEEDBYTES);
  crypto_sign_seed_keypair (pk, sk, seed);
  randombytes_buf (nonce, sizeof nonce);
  sign_wrap_key (box_secret, kek);
  ad = sign_associated_data (user_name, pk);
  crypto_aead_xchacha20poly1305_ietf_encrypt (wrapped, NULL, seed, crypto_sign_SEEDBYTES,
                                              ad->data, ad->len, NULL, nonce, kek);
  set_bytes (self->kf, group, "sign-public-key", pk, sizeof pk);
  set_bytes (self->kf, group, "sign-nonce", nonce, sizeof nonce);
  set_bytes (self->kf, group, "wrapped-sign-seed", wrapped, sizeof wrapped);
  ret = vita_secret_key_new_from_bytes (seed, crypto_sign_SEEDBYTES);
  sodium_free (seed);
  sodium_free (sk);
  sodium_free (kek);
  return ret;
}

/* Opens the slot's Ed25519 seed, or NULL when the slot has none (made by
 * an older version) or it does not open. */
static VitaSecretKey *
open_sign_key (VitaKeyfile  *self,
               const char   *group,
               const char   *user_name,
               const guint8 *box_secret)
{
  guint8 pk[crypto_sign_PUBLICKEYBYTES];
  guint8 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  guint8 wrapped[crypto_sign_SEEDBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
  g_autoptr(GByteArray) ad = NULL;
  guint8 *seed;
  guint8 *kek;
  VitaSecretKey *ret = NULL;

  if (!get_bytes (self->kf, group, "sign-public-key", pk, sizeof pk)
      || !get_bytes (self->kf, group, "sign-nonce", nonce, sizeof nonce)
      || !get_bytes (self->kf, group, "wrapped-sign-seed", wrapped, sizeof wrapped))
    return NULL;
  seed = sodium_malloc (crypto_sign_SEEDBYTES);
  kek = sodium_malloc (32);
  sign_wrap_key (box_secret, kek);
  ad = sign_associated_data (user_name, pk);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (seed, NULL, NULL, wrapped, sizeof wrapped,
                                                  ad->data, ad->len, nonce, kek) == 0)
    {
      guint8 check_pk[crypto_sign_PUBLICKEYBYTES];
      guint8 *sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);

      /* The public key is in the associated data, but check the pair too. */
      crypto_sign_seed_keypair (check_pk, sk, seed);
      if (sodium_memcmp (check_pk, pk, sizeof pk) == 0)
        ret = vita_secret_key_new_from_bytes (seed, crypto_sign_SEEDBYTES);
      sodium_free (sk);
    }
  sodium_free (seed);
  sodium_free (kek);
  return ret;
}

/**
 * vita_keyfile_get_sign_public_key:
 *
 * The Ed25519 public key of @user_name's slot; FALSE when the slot has none
 * yet (it gets one at the user's next sign-in).
 */
gboolean
vita_keyfile_get_sign_public_key (VitaKeyfile *self,
                                  const char  *user_name,
                                  guint8       public_key[32])
{
  g_autofree char *group = NULL;

  if (!vita_keyfile_has_user (self, user_name))
    return FALSE;
  group = user_group (user_name);
  return get_bytes (self->kf, group, "sign-public-key", public_key, crypto_sign_PUBLICKEYBYTES);
}

char *
vita_keyfile_get_grants_value (VitaKeyfile *self,
                               const char  *key)
{
  return g_key_file_get_string (self->kf, GROUP_GRANTS, key, NULL);
}

void
vita_keyfile_set_grants_value (VitaKeyfile *self,
                               const char  *key,
                               const char  *value)
{
  g_key_file_set_string (self->kf, GROUP_GRANTS, key, value);
}

gboolean
vita_keyfile_has_grants (VitaKeyfile *self)
{
  return g_key_file_has_group (self->kf, GROUP_GRANTS);
}

void
vita_keyfile_strip_grants (VitaKeyfile *self)
{
  g_key_file_remove_group (self->kf, GROUP_GRANTS, NULL);
}

gboolean
vita_keyfile_add_user (VitaKeyfile          *self,
                       const char           *user_name,
                       const char           *passphrase,
                       const VitaKdfParams  *params,
                       const VitaSecretKey  *master,
                       VitaSecretKey       **sign_seed,
                       GError              **error)
{
  g_autofree char *group = NULL;
  g_autoptr(VitaSecretKey) seed = NULL;
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 *sk;
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (master != NULL, FALSE);

  if (!vita_user_name_is_valid (user_name))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                           _("A user name uses 1 to 32 lower-case letters, digits, dots, dashes or underscores."));
      return FALSE;
    }
  group = user_group (user_name);
  if (g_key_file_has_group (self->kf, group))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_EXISTS,
                           _("There is already a user with this name."));
      return FALSE;
    }

  sk = sodium_malloc (crypto_box_SECRETKEYBYTES);
  crypto_box_keypair (pk, sk);
  ok = write_slot (self, group, user_name, passphrase, params, pk, sk, error);
  if (ok)
    seed = write_sign_key (self, group, user_name, sk);
  sodium_free (sk);
  if (!ok)
    {
      g_key_file_remove_group (self->kf, group, NULL);
      return FALSE;
    }
  if (sign_seed != NULL)
    *sign_seed = g_steal_pointer (&seed);

  seal_master_for (self, group, "sealed-master", master);
  if (!g_key_file_has_key (self->kf, GROUP_STORE, "key-check", NULL))
    set_kcv (self, "key-check", master);
  return TRUE;
}

gboolean
vita_keyfile_remove_user (VitaKeyfile  *self,
                          const char   *user_name,
                          GError      **error)
{
  g_autofree char *group = user_group (user_name);

  if (!g_key_file_has_group (self->kf, group))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_NOT_FOUND,
                           _("There is no user with this name."));
      return FALSE;
    }
  g_key_file_remove_group (self->kf, group, NULL);
  return TRUE;
}

gboolean
vita_keyfile_has_user (VitaKeyfile *self,
                       const char  *user_name)
{
  g_autofree char *group = NULL;

  if (!vita_user_name_is_valid (user_name))
    return FALSE;
  group = user_group (user_name);
  return g_key_file_has_group (self->kf, group);
}

char **
vita_keyfile_list_users (VitaKeyfile *self)
{
  g_auto(GStrv) groups = g_key_file_get_groups (self->kf, NULL);
  GPtrArray *users = g_ptr_array_new ();

  for (guint i = 0; groups[i]; i++)
    {
      if (g_str_has_prefix (groups[i], USER_PREFIX))
        g_ptr_array_add (users, g_strdup (groups[i] + strlen (USER_PREFIX)));
    }
  g_ptr_array_add (users, NULL);
  return (char **)g_ptr_array_free (users, FALSE);
}

guint
vita_keyfile_get_n_users (VitaKeyfile *self)
{
  g_auto(GStrv) users = vita_keyfile_list_users (self);
  return g_strv_length (users);
}

static gboolean
read_params (GKeyFile      *kf,
             const char    *group,
             VitaKdfParams *params)
{
  g_autoptr(GError) e1 = NULL;
  g_autoptr(GError) e2 = NULL;

  params->opslimit = g_key_file_get_uint64 (kf, group, "opslimit", &e1);
  params->memlimit = (gsize) g_key_file_get_uint64 (kf, group, "memlimit", &e2);
  return e1 == NULL && e2 == NULL;
}

gboolean
vita_keyfile_get_params (VitaKeyfile   *self,
                         const char    *user_name,
                         VitaKdfParams *params)
{
  g_autofree char *group = NULL;

  if (!vita_keyfile_has_user (self, user_name))
    return FALSE;
  group = user_group (user_name);
  return read_params (self->kf, group, params);
}

/* Opens the user's slot.  Returns the X25519 secret key in locked memory. */
static guint8 *
open_slot (VitaKeyfile  *self,
           const char   *user_name,
           const char   *passphrase,
           guint8        public_key[crypto_box_PUBLICKEYBYTES],
           GError      **error)
{
  g_autofree char *group = NULL;
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
  guint8 wrapped[crypto_box_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES];
  g_autoptr(VitaSecretKey) kek = NULL;
  g_autoptr(GByteArray) ad = NULL;
  VitaKdfParams params;
  guint8 *sk;

  if (!vita_keyfile_has_user (self, user_name))
    {
      /* Spend the same time as a real attempt, so timing does not tell
       * which user names exist: the cost of a real slot of this store
       * (calibrated on this machine like the others), not the minimum,
       * which answered in a tenth of the time. */
      guint8 dummy_salt[crypto_pwhash_SALTBYTES] = { 0 };
      g_autoptr(VitaSecretKey) dummy = NULL;
      g_auto(GStrv) users = vita_keyfile_list_users (self);

      if (users[0] == NULL || !vita_keyfile_get_params (self, users[0], &params)
          || params.opslimit > VITA_KDF_MAX_OPSLIMIT || params.memlimit > crypto_pwhash_MEMLIMIT_MAX)
        vita_kdf_params_minimum (&params);
      params.memlimit = MAX (params.memlimit, VITA_KDF_MIN_MEMLIMIT);
      dummy = vita_kdf_derive (passphrase, dummy_salt, &params, NULL);
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS,
                           _("The user name or passphrase is not right."));
      return NULL;
    }

  group = user_group (user_name);
  if (!read_params (self->kf, group, &params)
      || !get_bytes (self->kf, group, "salt", salt, sizeof salt)
      || !get_bytes (self->kf, group, "nonce", nonce, sizeof nonce)
      || !get_bytes (self->kf, group, "public-key", public_key, crypto_box_PUBLICKEYBYTES)
      || !get_bytes (self->kf, group, "wrapped-secret", wrapped, sizeof wrapped))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The keys file of this store is damaged or was altered."));
      return NULL;
    }

  kek = vita_kdf_derive (passphrase, salt, &params, error);
  if (kek == NULL)
    return NULL;

  ad = slot_associated_data (user_name, &params, salt, public_key);
  sk = sodium_malloc (crypto_box_SECRETKEYBYTES);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (sk, NULL, NULL, wrapped, sizeof wrapped,
                                                  ad->data, ad->len, nonce,
                                                  vita_secret_key_get_data (kek)) != 0)
    {
      sodium_free (sk);
      /* A wrong passphrase and an edited slot look the same here; the
       * wrong passphrase is by far the likelier, and the message must not
       * scare a volunteer who mistyped. */
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_WRONG_CREDENTIALS,
                           _("The user name or passphrase is not right."));
      return NULL;
    }
  return sk;
}

static VitaSecretKey *
open_sealed (VitaKeyfile  *self,
             const char   *group,
             const char   *key,
             const guint8 *pk,
             const guint8 *sk)
{
  guint8 sealed[crypto_box_SEALBYTES + VITA_KEY_BYTES];
  guint8 *plain;
  VitaSecretKey *master = NULL;

  if (!get_bytes (self->kf, group, key, sealed, sizeof sealed))
    return NULL;
  plain = sodium_malloc (VITA_KEY_BYTES);
  if (crypto_box_seal_open (plain, sealed, sizeof sealed, pk, sk) == 0)
    master = vita_secret_key_new_from_bytes (plain, VITA_KEY_BYTES);
  sodium_free (plain);
  return master;
}

static gboolean
kcv_matches (VitaKeyfile         *self,
             const char          *key,
             const VitaSecretKey *master)
{
  guint8 stored[32], kcv[32];

  if (!get_bytes (self->kf, GROUP_STORE, key, stored, sizeof stored))
    return FALSE;
  compute_kcv (master, kcv);
  return sodium_memcmp (stored, kcv, sizeof kcv) == 0;
}

gboolean
vita_keyfile_check_master (VitaKeyfile         *self,
                           const VitaSecretKey *master)
{
  return kcv_matches (self, "key-check", master);
}

/**
 * vita_keyfile_unlock:
 * @pending: (out) (optional): the new master key of an unfinished rekey
 *
 * Returns: (transfer full): the store's master key, checked against the key
 *   check value so a wrong key is never handed to SQLCipher.
 */
VitaSecretKey *
vita_keyfile_unlock (VitaKeyfile    *self,
                     const char     *user_name,
                     const char     *passphrase,
                     VitaSecretKey **pending,
                     VitaSecretKey **sign_seed,
                     gboolean       *sign_created,
                     GError        **error)
{
  g_autofree char *group = NULL;
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  g_autoptr(VitaSecretKey) master = NULL;
  guint8 *sk;

  sk = open_slot (self, user_name, passphrase, pk, error);
  if (sk == NULL)
    return NULL;

  group = user_group (user_name);
  master = open_sealed (self, group, "sealed-master", pk, sk);
  if (pending != NULL && g_key_file_has_key (self->kf, group, "sealed-pending", NULL))
    {
      *pending = open_sealed (self, group, "sealed-pending", pk, sk);
      if (*pending != NULL && !kcv_matches (self, "pending-key-check", *pending))
        g_clear_pointer (pending, vita_secret_key_free);
    }
  if (sign_seed != NULL && master != NULL)
    {
      /* An older slot without a signing key gets one now; the caller saves
       * the keys file. */
      *sign_seed = open_sign_key (self, group, user_name, sk);
      if (*sign_seed == NULL && !g_key_file_has_key (self->kf, group, "sign-public-key", NULL))
        {
          *sign_seed = write_sign_key (self, group, user_name, sk);
          if (sign_created != NULL)
            *sign_created = TRUE;
        }
    }
  sodium_free (sk);

  if (master == NULL || !kcv_matches (self, "key-check", master))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The keys file of this store is damaged or was altered."));
      return NULL;
    }
  return g_steal_pointer (&master);
}

gboolean
vita_keyfile_change_passphrase (VitaKeyfile          *self,
                                const char           *user_name,
                                const char           *old_passphrase,
                                const char           *new_passphrase,
                                const VitaKdfParams  *params,
                                GError              **error)
{
  g_autofree char *group = user_group (user_name);
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 *sk;
  gboolean ok;

  sk = open_slot (self, user_name, old_passphrase, pk, error);
  if (sk == NULL)
    return FALSE;
  /* The key pair stays the same, so the sealed master key stays valid. */
  ok = write_slot (self, group, user_name, new_passphrase, params, pk, sk, error);
  sodium_free (sk);
  return ok;
}

/**
 * vita_keyfile_seal_pending:
 *
 * First step of a rekey: seals the new master key for every user beside the
 * current one, so a crash at any later point leaves a key that opens the
 * store on disk.
 */
gboolean
vita_keyfile_seal_pending (VitaKeyfile          *self,
                           const VitaSecretKey  *new_master,
                           GError              **error)
{
  g_auto(GStrv) users = vita_keyfile_list_users (self);

  for (guint i = 0; users[i]; i++)
    {
      g_autofree char *group = user_group (users[i]);

      if (!seal_master_for (self, group, "sealed-pending", new_master))
        {
          g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                               _("The keys file of this store is damaged or was altered."));
          return FALSE;
        }
    }
  set_kcv (self, "pending-key-check", new_master);
  return TRUE;
}

gboolean
vita_keyfile_has_pending (VitaKeyfile *self)
{
  return g_key_file_has_key (self->kf, GROUP_STORE, "pending-key-check", NULL);
}

static void
move_key (GKeyFile   *kf,
          const char *group,
          const char *from,
          const char *to)
{
  g_autofree char *value = g_key_file_get_string (kf, group, from, NULL);

  if (value != NULL)
    {
      g_key_file_set_string (kf, group, to, value);
      g_key_file_remove_key (kf, group, from, NULL);
    }
}

void
vita_keyfile_commit_pending (VitaKeyfile *self)
{
  g_auto(GStrv) users = vita_keyfile_list_users (self);

  for (guint i = 0; users[i]; i++)
    {
      g_autofree char *group = user_group (users[i]);
      move_key (self->kf, group, "sealed-pending", "sealed-master");
    }
  move_key (self->kf, GROUP_STORE, "pending-key-check", "key-check");
}

void
vita_keyfile_drop_pending (VitaKeyfile *self)
{
  g_auto(GStrv) users = vita_keyfile_list_users (self);

  for (guint i = 0; users[i]; i++)
    {
      g_autofree char *group = user_group (users[i]);
      g_key_file_remove_key (self->kf, group, "sealed-pending", NULL);
    }
  g_key_file_remove_key (self->kf, GROUP_STORE, "pending-key-check", NULL);
}
