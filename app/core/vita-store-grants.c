/* vita-store-grants.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-store.c: signed role grants.
 *
 * Every session holds the store's master key, so anything inside the
 * database (the users table included) can be rewritten by any user who can
 * sign in.  Roles are therefore statements signed with a coordinator's
 * Ed25519 key (sealed in their keyslot, opened only with their passphrase)
 * and kept in the keys file's [grants] group.  The chain starts at the
 * founding coordinator, whose public key is pinned there at creation and
 * signed into the first statement together with the site id.  At unlock the
 * chain is walked and each user's role comes from it; the users table only
 * caches it, and a difference is reported, never obeyed.
 *
 * Statement (all integers little-endian), then its 64-byte signature:
 *   "VITAGRANT" | u8 version | site id[16] | u64 seq | u8 name length | name
 *   | u8 role | u8 action | i64 unix time | target key[32] | previous[32]
 *   | signer key[32]
 * "previous" is the BLAKE2b hash of the previous statement and signature, so
 * statements can be neither reordered nor dropped from the middle.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "vita-clock.h"
#include "vita-store-private.h"

#define GRANT_MAGIC "VITAGRANT"
#define GRANT_VERSION 1
#define SITE_ID_BYTES 16
#define KEY_BYTES crypto_sign_PUBLICKEYBYTES

typedef enum
{
  GRANT_FOUND = 1,
  GRANT_ADD = 2,
  GRANT_ROLE = 3,
  GRANT_REMOVE = 4,
  GRANT_KEY = 5,
} GrantAction;

typedef struct
{
  guint8   site_id[SITE_ID_BYTES];
  guint64  seq;
  char     name[33];
  guint8   role;
  guint8   action;
  gint64   time;
  guint8   target[KEY_BYTES];
  guint8   previous[32];
  guint8   signer[KEY_BYTES];
} Grant;

typedef struct
{
  VitaRole role;
  gboolean has_key;
  guint8   key[KEY_BYTES];
} GrantUser;

static const guint8 zero_key[KEY_BYTES] = { 0 };

static GByteArray *
grant_encode (const Grant *g)
{
  GByteArray *out = g_byte_array_new ();
  guint8 version = GRANT_VERSION;
  guint8 name_len = (guint8) strlen (g->name);
  guint64 seq = GUINT64_TO_LE (g->seq);
  gint64 time = GINT64_TO_LE (g->time);

  g_byte_array_append (out, (const guint8 *)GRANT_MAGIC, strlen (GRANT_MAGIC));
  g_byte_array_append (out, &version, 1);
  g_byte_array_append (out, g->site_id, SITE_ID_BYTES);
  g_byte_array_append (out, (const guint8 *)&seq, sizeof seq);
  g_byte_array_append (out, &name_len, 1);
  g_byte_array_append (out, (const guint8 *)g->name, name_len);
  g_byte_array_append (out, &g->role, 1);
  g_byte_array_append (out, &g->action, 1);
  g_byte_array_append (out, (const guint8 *)&time, sizeof time);
  g_byte_array_append (out, g->target, KEY_BYTES);
  g_byte_array_append (out, g->previous, 32);
  g_byte_array_append (out, g->signer, KEY_BYTES);
  return out;
}

/* Splits a stored statement into its fields and checks its signature.
 * FALSE for anything malformed or not signed by the key it names. */
static gboolean
grant_decode (const char *text,
              Grant      *g,
              guint8      hash[32])
{
  g_autofree guchar *raw = NULL;
  gsize len = 0, pos = 0, name_len;
  const gsize magic_len = strlen (GRANT_MAGIC);
  guint64 seq;
  gint64 time;

  if (text == NULL)
    return FALSE;
  raw = g_base64_decode (text, &len);
  if (len < magic_len + 1 + SITE_ID_BYTES + 8 + 1 + crypto_sign_BYTES
      || memcmp (raw, GRANT_MAGIC, magic_len) != 0 || raw[magic_len] != GRANT_VERSION)
    return FALSE;
  pos = magic_len + 1;
  memcpy (g->site_id, raw + pos, SITE_ID_BYTES);
  pos += SITE_ID_BYTES;
  memcpy (&seq, raw + pos, 8);
  g->seq = GUINT64_FROM_LE (seq);
  pos += 8;
  name_len = raw[pos++];
  if (name_len == 0 || name_len > 32
      || len != pos + name_len + 1 + 1 + 8 + 3 * 32 + crypto_sign_BYTES)
    return FALSE;
  memcpy (g->name, raw + pos, name_len);
  g->name[name_len] = '\0';
  if (!vita_user_name_is_valid (g->name))
    return FALSE;
  pos += name_len;
  g->role = raw[pos++];
  g->action = raw[pos++];
  memcpy (&time, raw + pos, 8);
  g->time = GINT64_FROM_LE (time);
  pos += 8;
  memcpy (g->target, raw + pos, KEY_BYTES);
  pos += KEY_BYTES;
  memcpy (g->previous, raw + pos, 32);
  pos += 32;
  memcpy (g->signer, raw + pos, KEY_BYTES);
  pos += KEY_BYTES;
  if (crypto_sign_verify_detached (raw + pos, raw, pos, g->signer) != 0)
    return FALSE;
  crypto_generichash (hash, 32, raw, len, NULL, 0);
  return g->role <= VITA_ROLE_COORDINATOR;
}

static void
public_key_of (const VitaSecretKey *seed,
               guint8               pk[KEY_BYTES])
{
  guint8 *sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);

  crypto_sign_seed_keypair (pk, sk, vita_secret_key_get_data (seed));
  sodium_free (sk);
}

static char *
grant_sign (Grant               *g,
            const VitaSecretKey *seed,
            guint8               hash[32])
{
  g_autoptr(GByteArray) body = NULL;
  guint8 *sk = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  guint8 sig[crypto_sign_BYTES];

  crypto_sign_seed_keypair (g->signer, sk, vita_secret_key_get_data (seed));
  body = grant_encode (g);
  crypto_sign_detached (sig, NULL, body->data, body->len, sk);
  sodium_free (sk);
  g_byte_array_append (body, sig, sizeof sig);
  crypto_generichash (hash, 32, body->data, body->len, NULL, 0);
  return g_base64_encode (body->data, body->len);
}

static char *
key_hex (const guint8 *key)
{
  char hex[KEY_BYTES * 2 + 1];

  sodium_bin2hex (hex, sizeof hex, key, KEY_BYTES);
  return g_strdup (hex);
}

/* Walks the chain.  Returns name -> GrantUser for every user it grants a
 * role, or NULL when the keys file has no chain.  A statement that does not
 * verify ends the walk there (nothing after it counts) with a line in
 * @problems. */
static GHashTable *
grants_walk (VitaKeyfile *keyfile,
             guint8       site_id[SITE_ID_BYTES],
             guint8       last_hash[32],
             guint64     *count,
             GPtrArray   *problems,
             GHashTable  *keys,
             GHashTable  *coordinator_keys)
{
  g_autoptr(GHashTable) users = NULL;
  g_autofree char *site_text = vita_keyfile_get_grants_value (keyfile, "site-id");
  g_autofree char *founder_text = vita_keyfile_get_grants_value (keyfile, "founder");
  g_autofree guchar *site = NULL;
  g_autofree guchar *founder = NULL;
  gsize site_len = 0, founder_len = 0;
  guint8 previous[32] = { 0 };

  *count = 0;
  memset (last_hash, 0, 32);
  if (site_text == NULL && founder_text == NULL)
    return NULL;
  users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (site_text != NULL)
    site = g_base64_decode (site_text, &site_len);
  if (founder_text != NULL)
    founder = g_base64_decode (founder_text, &founder_len);
  if (site_len != SITE_ID_BYTES || founder_len != KEY_BYTES)
    {
      g_ptr_array_add (problems, g_strdup (_("The signed roles in the keys file have no valid "
                                             "founding coordinator key, so no role is signed.")));
      return g_steal_pointer (&users);
    }
  memcpy (site_id, site, SITE_ID_BYTES);

  for (guint64 seq = 1;; seq++)
    {
      g_autofree char *key = g_strdup_printf ("%" G_GUINT64_FORMAT, seq);
      g_autofree char *text = vita_keyfile_get_grants_value (keyfile, key);
      GrantUser *signer = NULL;
      GrantUser *user;
      guint8 hash[32];
      Grant g;
      gboolean valid;

      if (text == NULL)
        break;
      valid = grant_decode (text, &g, hash)
              && g.seq == seq
              && memcmp (g.site_id, site_id, SITE_ID_BYTES) == 0
              && memcmp (g.previous, previous, 32) == 0;
      if (valid && seq == 1)
        valid = g.action == GRANT_FOUND && g.role == VITA_ROLE_COORDINATOR
                && memcmp (g.signer, founder, KEY_BYTES) == 0
                && memcmp (g.target, founder, KEY_BYTES) == 0;
      else if (valid)
        {
          /* The signer must be a coordinator at this point of the chain,
           * known by the key a coordinator signed for them. */
          GHashTableIter iter;
          gpointer value;

          g_hash_table_iter_init (&iter, users);
          while (g_hash_table_iter_next (&iter, NULL, &value))
            {
              GrantUser *u = value;

              if (u->role == VITA_ROLE_COORDINATOR && u->has_key
                  && sodium_memcmp (u->key, g.signer, KEY_BYTES) == 0)
                signer = u;
            }
          valid = signer != NULL && g.action >= GRANT_ADD && g.action <= GRANT_KEY;
        }
      user = valid ? g_hash_table_lookup (users, g.name) : NULL;
      if (valid && g.action != GRANT_FOUND && g.action != GRANT_ADD && user == NULL)
        valid = FALSE;
      if (!valid)
        {
          g_ptr_array_add (problems,
                           /* Translators: %s is the number of a statement in the keys file. */
                           g_strdup_printf (_("Signed role statement %s in the keys file is not validly "
                                              "signed by a coordinator; it and every later one are ignored."),
                                            key));
          break;
        }

      switch (g.action)
        {
        case GRANT_FOUND:
        case GRANT_ADD:
          user = g_new0 (GrantUser, 1);
          g_hash_table_insert (users, g_strdup (g.name), user);
          G_GNUC_FALLTHROUGH;
        case GRANT_ROLE:
        case GRANT_KEY:
          if (g.action != GRANT_KEY)
            user->role = g.role;
          if (sodium_memcmp (g.target, zero_key, KEY_BYTES) != 0)
            {
              user->has_key = TRUE;
              memcpy (user->key, g.target, KEY_BYTES);
            }
          /* Every key the chain ever bound, to check old audit entries and
           * checkpoints by users since removed or demoted. */
          if (user->has_key && keys != NULL)
            g_hash_table_insert (keys, key_hex (user->key), g_strdup (g.name));
          if (user->has_key && user->role == VITA_ROLE_COORDINATOR && coordinator_keys != NULL)
            g_hash_table_add (coordinator_keys, key_hex (user->key));
          break;
        case GRANT_REMOVE:
          g_hash_table_remove (users, g.name);
          break;
        default:
          g_assert_not_reached ();
        }
      memcpy (previous, hash, 32);
      memcpy (last_hash, hash, 32);
      *count = seq;
    }
  return g_steal_pointer (&users);
}

/* Appends one statement signed with this session's key and applies it. */
static gboolean
grant_append (VitaStore    *self,
              VitaKeyfile  *keyfile,
              GrantAction   action,
              const char   *user_name,
              VitaRole      role,
              const guint8 *target)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) users = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GDateTime) now = NULL;
  guint8 hash[32];
  guint64 count;
  Grant g = { 0 };

  if (self->sign_key == NULL)
    return FALSE;
  users = grants_walk (keyfile, g.site_id, g.previous, &count, problems, NULL, NULL);
  if (users == NULL || problems->len > 0)
    return FALSE;
  g.seq = count + 1;
  g_strlcpy (g.name, user_name, sizeof g.name);
  g.role = role;
  g.action = action;
  now = vita_clock_now_utc ();
  g.time = g_date_time_to_unix (now);
  if (target != NULL)
    memcpy (g.target, target, KEY_BYTES);
  text = grant_sign (&g, self->sign_key, hash);
  key = g_strdup_printf ("%" G_GUINT64_FORMAT, g.seq);
  vita_keyfile_set_grants_value (keyfile, key, text);
  return TRUE;
}

/* Replaces the session's view of the roles with what @keyfile's chain
 * grants.  Returns the problems found walking it. */
static GPtrArray *
grants_refresh (VitaStore   *self,
                VitaKeyfile *keyfile)
{
  GPtrArray *problems = g_ptr_array_new_with_free_func (g_free);
  guint8 site_id[SITE_ID_BYTES], last[32];
  guint64 count;

  g_clear_pointer (&self->grants, g_hash_table_unref);
  g_clear_pointer (&self->grant_keys, g_hash_table_unref);
  g_clear_pointer (&self->coordinator_keys, g_hash_table_unref);
  self->grant_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->coordinator_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->grants = grants_walk (keyfile, site_id, last, &count, problems,
                              self->grant_keys, self->coordinator_keys);
  self->roles_signed = self->grants != NULL;
  self->n_grants = count;
  return problems;
}

/* Lines for each difference between the users table (a cache) and the
 * signed roles. */
static void
grants_compare (VitaStore *self,
                GPtrArray *problems)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key;

  if (self->grants == NULL
      || sqlite3_prepare_v2 (self->db, "SELECT name, role FROM users WHERE removed IS NULL ORDER BY name",
                             -1, &stmt, NULL) != SQLITE_OK)
    return;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      const char *role = (const char *)sqlite3_column_text (stmt, 1);
      GrantUser *g = g_hash_table_lookup (self->grants, name);
      VitaRole sql_role;

      if (g == NULL)
        g_ptr_array_add (problems,
                         /* Translators: %s is a user name. */
                         g_strdup_printf (_("The store lists the user %s, but no coordinator signed a "
                                            "role for them: they have no role and cannot sign in."),
                                          name));
      else
        {
          g_hash_table_add (seen, (gpointer) g_intern_string (name));
          if (!vita_role_from_string (role, &sql_role) || sql_role != g->role)
            g_ptr_array_add (problems,
                             /* Translators: the first %s is a user name, the others are role
                              * names such as "coordinator". */
                             g_strdup_printf (_("The store's user list gives %s the role %s, but the signed "
                                                "role is %s. The list was changed outside the app; the "
                                                "signed role applies."),
                                              name, role ? role : "?", vita_role_to_string (g->role)));
        }
    }
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, self->grants);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (seen, g_intern_string (key)))
        g_ptr_array_add (problems,
                         /* Translators: %s is a user name. */
                         g_strdup_printf (_("The user %s has a signed role but is missing from the "
                                            "store's user list: the list was changed outside the app."),
                                          (const char *) key));
    }
}

/**
 * _vita_store_grants_found:
 *
 * At creation: a new site id, the founding coordinator's public key pinned,
 * and the first statement, signed by that key.
 */
gboolean
_vita_store_grants_found (VitaStore   *self,
                          VitaKeyfile *keyfile,
                          const char  *user_name)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *site_text = NULL;
  g_autofree char *founder_text = NULL;
  g_autofree char *text = NULL;
  guint8 hash[32];
  Grant g = { 0 };
  g_autoptr(GDateTime) now = vita_clock_now_utc ();

  if (self->sign_key == NULL)
    return FALSE;
  randombytes_buf (g.site_id, SITE_ID_BYTES);
  public_key_of (self->sign_key, g.target);
  g.seq = 1;
  g_strlcpy (g.name, user_name, sizeof g.name);
  g.role = VITA_ROLE_COORDINATOR;
  g.action = GRANT_FOUND;
  g.time = g_date_time_to_unix (now);
  text = grant_sign (&g, self->sign_key, hash);
  site_text = g_base64_encode (g.site_id, SITE_ID_BYTES);
  founder_text = g_base64_encode (g.target, KEY_BYTES);
  vita_keyfile_strip_grants (keyfile);
  vita_keyfile_set_grants_value (keyfile, "site-id", site_text);
  vita_keyfile_set_grants_value (keyfile, "founder", founder_text);
  vita_keyfile_set_grants_value (keyfile, "1", text);
  problems = grants_refresh (self, keyfile);
  return problems->len == 0;
}

/* Existing store, first coordinator sign-in since signed roles: this
 * coordinator becomes the founding key and signs the roles the users table
 * holds now.  Trusting the table this once is the migration's price; the
 * audit log records it. */
static gboolean
grants_migrate (VitaStore    *self,
                VitaKeyfile  *keyfile,
                GError      **error)
{
  g_auto(sqlite3_stmt_ptr) stmt = NULL;

  if (!_vita_store_grants_found (self, keyfile, self->user_name))
    return TRUE;
  stmt = _vita_store_prepare (self, "SELECT name, role FROM users WHERE removed IS NULL AND name != ?1"
                                    " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, self->user_name, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *)sqlite3_column_text (stmt, 0);
      guint8 pk[KEY_BYTES];
      VitaRole role;

      if (!vita_user_name_is_valid (name) || !vita_keyfile_has_user (keyfile, name)
          || !vita_role_from_string ((const char *)sqlite3_column_text (stmt, 1), &role))
        continue;
      grant_append (self, keyfile, GRANT_ADD, name, role,
                    vita_keyfile_get_sign_public_key (keyfile, name, pk) ? pk : NULL);
    }
  g_ptr_array_unref (grants_refresh (self, keyfile));
  return TRUE;
}

/**
 * _vita_store_grants_load:
 * @changed: (out): set when @keyfile gained statements and must be saved
 *
 * At unlock, once the user row is loaded: the signed chain decides the
 * user's role.  A user whom no valid statement grants a role cannot sign
 * in.  Without a chain (an older store) the table's role stays until a
 * coordinator signs in, which signs the roles then.
 */
gboolean
_vita_store_grants_load (VitaStore    *self,
                         VitaKeyfile  *keyfile,
                         gboolean     *changed,
                         GError      **error)
{
  g_autoptr(GPtrArray) problems = NULL;
  GrantUser *me;
  GHashTableIter iter;
  gpointer key, value;

  problems = grants_refresh (self, keyfile);
  if (self->grants == NULL)
    {
      if (self->role != VITA_ROLE_COORDINATOR || self->sign_key == NULL)
        return TRUE;
      if (!grants_migrate (self, keyfile, error))
        return FALSE;
      *changed = self->grants != NULL;
      self->signed_roles_now = self->grants != NULL;
      g_ptr_array_set_size (problems, 0);
      if (self->grants == NULL)
        return TRUE;
    }

  grants_compare (self, problems);
  me = g_hash_table_lookup (self->grants, self->user_name);
  if (me == NULL)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("No site coordinator has signed a role for this user, so they cannot "
                             "sign in. Ask the site coordinator to add you again."));
      return FALSE;
    }
  self->role = me->role;

  /* Users of a migrated store who had no signing key then: their key, now
   * in their slot, is signed by the first coordinator who signs in. */
  if (self->role == VITA_ROLE_COORDINATOR && problems->len == 0)
    {
      g_autoptr(GPtrArray) unbound = g_ptr_array_new_with_free_func (g_free);

      g_hash_table_iter_init (&iter, self->grants);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!((GrantUser *) value)->has_key)
          g_ptr_array_add (unbound, g_strdup (key));
      for (guint i = 0; i < unbound->len; i++)
        {
          GrantUser *u = g_hash_table_lookup (self->grants, unbound->pdata[i]);
          guint8 pk[KEY_BYTES];

          if (vita_keyfile_get_sign_public_key (keyfile, unbound->pdata[i], pk)
              && grant_append (self, keyfile, GRANT_KEY, unbound->pdata[i], u->role, pk))
            *changed = TRUE;
          g_ptr_array_unref (grants_refresh (self, keyfile));
        }
    }

  g_clear_pointer (&self->role_problems, g_ptr_array_unref);
  self->role_problems = g_steal_pointer (&problems);
  return TRUE;
}

/**
 * _vita_store_grants_sign:
 * @action: "add", "role" or "remove"
 *
 * For the user operations (coordinators only, checked by the caller): a
 * statement signed with this session's key, added to @keyfile, which the
 * caller saves.  A store whose roles are not signed yet gets none.
 */
gboolean
_vita_store_grants_sign (VitaStore    *self,
                         VitaKeyfile  *keyfile,
                         const char   *action,
                         const char   *user_name,
                         VitaRole      role,
                         GError      **error)
{
  guint8 pk[KEY_BYTES];
  GrantAction a = g_str_equal (action, "add") ? GRANT_ADD
                  : g_str_equal (action, "role") ? GRANT_ROLE : GRANT_REMOVE;
  gboolean have_pk;
  gboolean ok;

  if (!self->roles_signed)
    return TRUE;
  have_pk = vita_keyfile_get_sign_public_key (keyfile, user_name, pk);
  ok = self->sign_key != NULL
       && grant_append (self, keyfile, a, user_name, role, have_pk && a != GRANT_REMOVE ? pk : NULL);
  if (!ok)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("This change needs a site coordinator's signature, and the signed roles "
                             "could not be checked. Nothing was changed."));
      return FALSE;
    }
  g_ptr_array_unref (grants_refresh (self, keyfile));
  return TRUE;
}

/**
 * _vita_store_grants_reload:
 *
 * After a user operation failed: the session's roles again as the keys
 * file on disk has them (the failed statement may be in memory only).
 */
void
_vita_store_grants_reload (VitaStore *self)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;

  if (!self->roles_signed)
    return;
  keyfile = vita_keyfile_load (self->keys_path, NULL);
  if (keyfile != NULL)
    g_ptr_array_unref (grants_refresh (self, keyfile));
}

/* The signed role of @user_name, or -1 when none (or roles are not
 * signed yet: then the caller uses the table). */
int
_vita_store_grants_role (VitaStore  *self,
                         const char *user_name)
{
  GrantUser *g;

  if (self->grants == NULL)
    return -1;
  g = g_hash_table_lookup (self->grants, user_name);
  return g != NULL ? (int) g->role : -1;
}

/**
 * _vita_store_grants_verify:
 *
 * For vita_store_verify(): reads the keys file again, walks the chain and
 * adds a line for each problem.  FALSE when there is one.
 */
gboolean
_vita_store_grants_verify (VitaStore *self,
                           GPtrArray *report)
{
  g_autoptr(VitaKeyfile) keyfile = vita_keyfile_load (self->keys_path, NULL);
  g_autoptr(GPtrArray) problems = NULL;
  VitaRole role = self->role;

  if (keyfile == NULL)
    return FALSE;
  problems = grants_refresh (self, keyfile);
  /* Not signed yet is no damage: vita_store_dup_roles_status() says it. */
  if (self->grants == NULL)
    return TRUE;
  grants_compare (self, problems);
  /* Verifying never raises a session's role. */
  self->role = MIN (role, (VitaRole) MAX (_vita_store_grants_role (self, self->user_name), 0));
  for (guint i = 0; i < problems->len; i++)
    g_ptr_array_add (report, g_strdup (problems->pdata[i]));
  return problems->len == 0;
}

/**
 * _vita_store_grants_key_owner:
 *
 * Whose signing key @key is, by the chain (any user it ever bound), or
 * NULL.  @is_coordinator: whether the chain ever bound it to a coordinator.
 */
const char *
_vita_store_grants_key_owner (VitaStore    *self,
                              const guint8 *key,
                              gboolean     *is_coordinator)
{
  g_autofree char *hex = key_hex (key);

  if (is_coordinator != NULL)
    *is_coordinator = self->coordinator_keys != NULL
                      && g_hash_table_contains (self->coordinator_keys, hex);
  return self->grant_keys != NULL ? g_hash_table_lookup (self->grant_keys, hex) : NULL;
}

/* Whether the chain has bound a signing key for @user_name yet. */
gboolean
_vita_store_grants_user_has_key (VitaStore  *self,
                                 const char *user_name)
{
  GrantUser *g = self->grants != NULL ? g_hash_table_lookup (self->grants, user_name) : NULL;

  return g != NULL && g->has_key;
}

void
_vita_store_grants_clear (VitaStore *self)
{
  g_clear_pointer (&self->grants, g_hash_table_unref);
  g_clear_pointer (&self->grant_keys, g_hash_table_unref);
  g_clear_pointer (&self->coordinator_keys, g_hash_table_unref);
  g_clear_pointer (&self->role_problems, g_ptr_array_unref);
  g_clear_pointer (&self->sign_key, vita_secret_key_free);
  self->roles_signed = FALSE;
  self->signed_roles_now = FALSE;
  self->n_grants = 0;
}

gboolean
vita_store_get_roles_signed (VitaStore *self)
{
  g_return_val_if_fail (VITA_IS_STORE (self), FALSE);
  return self->roles_signed;
}

/**
 * vita_store_dup_role_problems:
 *
 * Returns: (transfer full): what the last unlock found wrong with the
 *   roles (a users table changed outside the app, a bad signature), one
 *   translated sentence each; empty when nothing.
 */
char **
vita_store_dup_role_problems (VitaStore *self)
{
  GPtrArray *out = g_ptr_array_new ();

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  g_rec_mutex_lock (&self->lock);
  for (guint i = 0; self->role_problems != NULL && i < self->role_problems->len; i++)
    g_ptr_array_add (out, g_strdup (self->role_problems->pdata[i]));
  g_rec_mutex_unlock (&self->lock);
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

/**
 * vita_store_dup_roles_status:
 *
 * One translated line for verify: whether roles are signed, how many
 * statements, and the founding key's fingerprint (to compare with the one
 * the coordinator noted at creation).
 */
char *
vita_store_dup_roles_status (VitaStore *self)
{
  g_autoptr(VitaKeyfile) keyfile = NULL;
  g_autofree char *founder = NULL;
  g_autofree guchar *raw = NULL;
  gsize len = 0;
  guint8 fp[8];
  char hex[17];

  g_return_val_if_fail (VITA_IS_STORE (self), NULL);
  keyfile = vita_keyfile_load (self->keys_path, NULL);
  founder = keyfile != NULL ? vita_keyfile_get_grants_value (keyfile, "founder") : NULL;
  if (founder == NULL)
    return g_strdup (_("Roles: not signed yet (the site coordinator signs them at their next sign-in)"));
  raw = g_base64_decode (founder, &len);
  crypto_generichash (fp, sizeof fp, raw, len, NULL, 0);
  sodium_bin2hex (hex, sizeof hex, fp, sizeof fp);
  /* Translators: %u is a number of statements, %s a key fingerprint. */
  return g_strdup_printf (_("Roles: signed (%u statements; founding coordinator key %s)"),
                          (guint) self->n_grants, hex);
}

/**
 * _vita_store_audit_role_events:
 *
 * After unlock's own audit entry: that this sign-in signed the roles of an
 * older store, and that the users table disagreed with the signed roles
 * (the count only; the lines are in vita_store_dup_role_problems()); then
 * a coordinator countersigns the audit head.
 */
gboolean
_vita_store_audit_role_events (VitaStore  *self,
                               GError    **error)
{
  g_autofree char *detail = NULL;

  if (self->signed_roles_now && !vita_store_audit (self, "sign-roles", 0, NULL, error))
    return FALSE;
  self->signed_roles_now = FALSE;
  if (self->role_problems != NULL && self->role_problems->len > 0)
    {
      detail = g_strdup_printf ("%u", self->role_problems->len);
      if (!vita_store_audit (self, "roles-mismatch", 0, detail, error))
        return FALSE;
    }
  /* A coordinator's sign-in countersigns the audit head: from now on
   * deleting or re-chaining any entry up to here is caught at unlock. */
  _vita_store_checkpoint_countersign (self);
  return TRUE;
}
