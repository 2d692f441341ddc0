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
#include <sys/types.h>

#include "vita-keyfile.h"

#include "vita-retention.h"
#include "vita-store-access.h"
#include "vita-store.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-store-users.h"

G_BEGIN_DECLS

typedef struct _VitaListCache VitaListCache;

/* Shared with the partner files vita-store-*.c. */
struct _VitaStore
{
  GObject         parent_instance;

  char           *path;
  char           *keys_path;

  /* One connection, used from the GTask worker threads as well as the main
   * thread; the mutex keeps transactions whole. */
  GRecMutex       lock;
  sqlite3        *db;
  VitaSecretKey  *master;
  VitaSecretKey  *audit_key;

  /* Crypto-shredding: the key that wraps retention keys (kept inside the
   * store) and the unwrapped retention keys, id -> VitaSecretKey. */
  VitaSecretKey  *wrap_key;
  GHashTable     *retention_keys;
  /* bucket -> current retention key id; dropped whenever a bucket's key
   * changes.  And the site's retention policy, read at unlock. */
  GHashTable     *bucket_keys;
  char           *retention_policy;

  /* A big store is opened after checking its first page and structure
   * only; every page's HMAC is checked afterwards on a second connection
   * (vita_store_verify_pages), so unlocking 100k households stays quick. */
  gboolean        pages_verified;
  gint64          full_check_limit;
  /* Nothing is written before the page check passes (vita-store.c):
   * check_lock lets a write wait for a check already running in the
   * background, session tells a check that the store was relocked, and
   * deferred_unlock holds back unlock's own writes on a big store. */
  GMutex          check_lock;
  gint            session;
  gboolean        pages_failed;
  gboolean        deferred_unlock;

  /* vita-store-integrity.c: the lock file (held shared while unlocked),
   * the files this connection belongs to, and the sealed high-water mark
   * with the audit entry the open transaction will raise it to. */
  int             lock_fd;
  dev_t           store_dev;
  ino_t           store_ino;
  guint64         keys_stamp[4];
  gboolean        replaced;
  int             state_fd;
  VitaSecretKey  *state_key;
  VitaSecretKey  *previous_master;  /* only between open and state check */
  gint64          pending_seq;
  guint8          pending_head[32];

  /* The households list order (vita-store-list.c): ids and ranks only,
   * rebuilt after any change to the households table. */
  VitaListCache  *list;

  /* The benchmark's unencrypted baseline: no SQLCipher key, no sealing.
   * And its middle case, to tell SQLCipher's share of a save from ours:
   * keyed, but answers saved unsealed. */
  gboolean        bench_plain;
  gboolean        bench_no_seal;

  char           *user_name;
  gint64          user_id;
  VitaRole        role;

  /* vita-store-grants.c: this user's Ed25519 seed (from their keyslot),
   * the verified roles (name -> GrantUser), and what unlock found wrong. */
  VitaSecretKey  *sign_key;
  GHashTable     *grants;
  GHashTable     *grant_keys;        /* hex key -> user name, every key ever bound */
  GHashTable     *coordinator_keys;  /* hex keys ever bound to a coordinator */
  gboolean        roles_signed;
  gboolean        signed_roles_now;
  guint64         n_grants;
  GPtrArray      *role_problems;

  /* vita-store-audit.c / -integrity.c: what the last verify found. */
  gint64          audit_signed;
  gint64          audit_unsigned;
  gint64          checkpoint_seq;

  /* vita-store-access.c: households this session opened with a reason
   * (gint64 id set); dropped on lock, so a new sign-in asks again. */
  GHashTable     *opened_households;
};

void          _vita_stmt_release              (sqlite3_stmt  *stmt);
void          _vita_list_cache_free           (VitaListCache *cache);
void          _vita_store_list_clear          (VitaStore     *self);
void          _vita_store_drop_statements     (sqlite3       *db);

/* Statements from _vita_store_prepare() go back to the connection's cache
 * when the variable holding them goes out of scope. */
typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, _vita_stmt_release, NULL)

sqlite3      *_vita_store_get_db              (VitaStore     *self);
gboolean      _vita_store_sqlite_error        (GError       **error,
                                               sqlite3       *db,
                                               int            rc);
gboolean      _vita_store_exec                (VitaStore     *self,
                                               const char    *sql,
                                               GError       **error);
sqlite3_stmt *_vita_store_prepare             (VitaStore     *self,
                                               const char    *sql,
                                               GError       **error);
gboolean      _vita_store_step                (VitaStore     *self,
                                               sqlite3_stmt  *stmt,
                                               GError       **error);
gboolean      _vita_store_require_unlocked    (VitaStore     *self,
                                               GError       **error);
gboolean      _vita_store_require             (VitaStore     *self,
                                               const char    *action,
                                               GError       **error);
VitaHousehold *_vita_store_read_household      (VitaStore     *self,
                                               gint64         id,
                                               GError       **error);
GBytes       *_vita_store_answers_digest      (VitaStore     *self,
                                               VitaHousehold *household);
gboolean      _vita_store_reindex_missing     (VitaStore     *self,
                                               GError       **error);
gboolean      _vita_store_write_search_terms  (VitaStore     *self,
                                               VitaHousehold *household,
                                               GError       **error);
guint         _vita_store_reindex_attempts_for_tests (void);
gboolean      _vita_store_household_is_live   (VitaStore     *self,
                                               gint64         id);
gboolean      _vita_store_load_retention_keys (VitaStore     *self,
                                               VitaKeyfile   *keyfile,
                                               GError       **error);
VitaSecretKey *_vita_store_household_key      (VitaStore     *self,
                                               gint64         household_id,
                                               gboolean       create,
                                               GError       **error);
gboolean      _vita_store_refresh_purge_date  (VitaStore     *self,
                                               gint64         household_id,
                                               GError       **error);
gboolean      _vita_store_field_is_sealed     (const char    *field_id);
GBytes       *_vita_store_seal               (VitaSecretKey *key,
                                               gint64         household_id,
                                               int            person,
                                               const char    *field_id,
                                               const void    *plain,
                                               gsize          plain_len);
gboolean      _vita_store_unseal_answers      (VitaSecretKey *key,
                                               gint64         household_id,
                                               const void    *blob,
                                               gsize          blob_len,
                                               VitaHouseholdForeachFunc func,
                                               gpointer       user_data,
                                               GError       **error);
GBytes       *_vita_store_open               (VitaSecretKey *key,
                                               gint64         household_id,
                                               int            person,
                                               const char    *field_id,
                                               const void    *sealed,
                                               gsize          sealed_len,
                                               GError       **error);
void          _vita_store_set_full_check_limit (VitaStore *self,
                                                gint64     bytes);
GPtrArray    *_vita_store_dup_keys_for_test   (VitaStore  *self);
void          _vita_store_set_no_seal_for_bench (VitaStore  *self,
                                                 gboolean    no_seal);
gboolean      _vita_store_create_plain_for_bench (VitaStore  *self,
                                                 gboolean    reuse,
                                                 GError    **error);
gboolean      _vita_store_begin_write         (VitaStore     *self,
                                               GError       **error);
gboolean      _vita_store_ensure_pages_verified (VitaStore   *self,
                                                 GError     **error);

/* vita-store-audit.c: the signature file beside the store (site.vita.sig) */
char         *_vita_store_audit_sigfile_path    (VitaStore     *self);
gboolean      _vita_store_audit_sigfile_migrate (VitaStore     *self,
                                                 GError       **error);
gboolean      _vita_store_audit_sigfile_copy    (VitaStore     *self,
                                                 const char    *dest_path,
                                                 GError       **error);

/* vita-store-integrity.c */
gboolean      _vita_store_guard_open          (VitaStore     *self,
                                               GError       **error);
void          _vita_store_guard_close         (VitaStore     *self);
gboolean      _vita_store_guard_exclusive     (VitaStore     *self,
                                               GError       **error);
void          _vita_store_guard_shared        (VitaStore     *self);
void          _vita_store_owner_remember      (VitaStore     *self);
void          _vita_store_mark_replaced       (VitaStore     *self);
gboolean      _vita_store_owner_ok            (VitaStore     *self);
void          _vita_store_set_key_changed_error (GError     **error);
void          _vita_store_state_publish       (VitaStore     *self,
                                               gint64         seq,
                                               const guint8   head[32],
                                               gboolean       force);
gboolean      _vita_store_state_check         (VitaStore     *self,
                                               VitaKeyfile   *keyfile,
                                               GError       **error);
void          _vita_store_state_rekey         (VitaStore     *self,
                                               const VitaSecretKey *new_master);
gboolean      _vita_store_state_verify        (VitaStore     *self,
                                               GPtrArray     *report,
                                               GError       **error);
void          _vita_store_state_close         (VitaStore     *self);
void          _vita_store_state_mutex         (VitaStore     *self,
                                               gboolean       hold);
void          _vita_store_connection_ready    (VitaStore     *self);
void          _vita_store_leave_files         (sqlite3       *db);
gboolean      _vita_store_check_wal           (VitaStore     *self,
                                               GError       **error);
gboolean      _vita_store_ensure_secret       (VitaStore     *self,
                                               const char    *setting,
                                               VitaSecretKey **out,
                                               GError       **error);

/* Every page carries a MAC.  Stores are written with HMAC-SHA256, which
 * this machine class computes in hardware (SHA extensions) at about 2.5
 * times the speed of SQLCipher 4's default HMAC-SHA512: it is most of the
 * cost of encrypting a page, paid on every page a save writes.  Stores
 * written before use the default and still open. */
#define PAGE_HMAC "HMAC_SHA256"
#define PAGE_HMAC_LEGACY "HMAC_SHA512"

/* vita-store-sqlite.c */
gboolean      _vita_fsync_path                    (const char           *path,
                                                   gboolean              directory);
gboolean      _vita_fsync_parent                  (const char           *path);
void          _vita_store_install_wiping_allocator (void);

/* vita-store.c, for its partner files */
sqlite3      *_vita_store_open_encrypted          (const char           *path,
                                                   const VitaSecretKey  *key,
                                                   gboolean              create,
                                                   GError              **error);
char         *_vita_store_rekey_temp_path         (VitaStore            *self);

/* Retention and its keys (vita-store-retention.c, vita-store-sealing.c) */
void _vita_store_earliest_purge_date (VitaStore  *self,
                                      int         tax_year,
                                      const char *changed,
                                      GDate      *out);
char *_vita_format_iso_date (const GDate *date);
char *_vita_store_create_retention_key (VitaStore  *self,
                                         GError    **error);
gboolean _vita_store_write_household_key (VitaStore            *self,
                                          gint64                household_id,
                                          const char           *bucket,
                                          const char           *key_id,
                                          const VitaSecretKey  *household_key,
                                          GError              **error);
gboolean _vita_store_destroy_unused_retention_keys (VitaStore  *self,
                                                    GError    **error);
char *_vita_store_household_bucket (VitaStore   *self,
                                     gint64       household_id,
                                     GError     **error);
char *_vita_store_bucket_key_id (VitaStore   *self,
                                  const char  *bucket,
                                  GError     **error);
/* vita-store-audit.c: only the core writes audit entries, each for the
 * action it performs itself (issue 13: a public append let any caller
 * forge entries). */
gboolean      vita_store_audit                (VitaStore             *self,
                                                 const char            *action,
                                                 gint64                 household_id,
                                                 const char            *detail,
                                                 GError               **error);

/* vita-store-grants.c */
gboolean      _vita_store_grants_found        (VitaStore     *self,
                                               VitaKeyfile   *keyfile,
                                               const char    *user_name);
gboolean      _vita_store_grants_load         (VitaStore     *self,
                                               VitaKeyfile   *keyfile,
                                               gboolean      *changed,
                                               GError       **error);
gboolean      _vita_store_grants_sign         (VitaStore     *self,
                                               VitaKeyfile   *keyfile,
                                               const char    *action,
                                               const char    *user_name,
                                               VitaRole       role,
                                               GError       **error);
int           _vita_store_grants_role         (VitaStore     *self,
                                               const char    *user_name);
gboolean      _vita_store_grants_verify       (VitaStore     *self,
                                               GPtrArray     *report);
void          _vita_store_grants_clear        (VitaStore     *self);
void          _vita_store_grants_reload       (VitaStore     *self);
const char   *_vita_store_grants_key_owner    (VitaStore     *self,
                                               const guint8  *key,
                                               gboolean      *is_coordinator);
gboolean      _vita_store_grants_user_has_key (VitaStore     *self,
                                               const char    *user_name);
void          _vita_store_checkpoint_countersign (VitaStore  *self);
gboolean      _vita_store_checkpoint_check    (VitaStore     *self,
                                               GError       **error);
gboolean      _vita_store_audit_role_events   (VitaStore     *self,
                                               GError       **error);

/* vita-store-access.c */
VitaHouseholdAccess _vita_store_access_classify (VitaStore        *self,
                                                 gint64            household_id,
                                                 VitaReturnStatus  status,
                                                 gint64            intake_by,
                                                 gint64            preparer_id,
                                                 gint64            reviewer_id);
gboolean      _vita_store_access_record_intake (VitaStore    *self,
                                                gint64        household_id,
                                                GError      **error);
gboolean      _vita_store_access_check        (VitaStore     *self,
                                               gint64         household_id,
                                               gboolean       opening,
                                               GError       **error);

/* vita-store.c and vita-store-create.c */
gboolean _vita_store_create_private_file (const char  *path,
                                          GError     **error);
gboolean _vita_store_load_audit_key (VitaStore  *self,
                                     GError    **error);
gboolean _vita_store_load_user (VitaStore   *self,
                                const char  *user_name,
                                GError     **error);
gboolean _vita_store_run_integrity_checks (sqlite3    *db,
                                           GPtrArray  *report,
                                           GError    **error);
gboolean _vita_store_initialize_contents (VitaStore   *self,
                                          const char  *site_name,
                                          const char  *user_name,
                                          const char  *display_name,
                                          GError     **error);

G_END_DECLS
