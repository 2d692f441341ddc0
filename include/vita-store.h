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
} VitaStoreError;

typedef enum
{
  VITA_ROLE_VOLUNTEER = 0,
  VITA_ROLE_REVIEWER,
  VITA_ROLE_COORDINATOR,
} VitaRole;

typedef struct
{
  gint64    id;
  char     *name;
  char     *display_name;
  VitaRole  role;
  char     *cert_level;
  gboolean  has_keyslot;
} VitaUserInfo;

typedef struct
{
  gint64           id;
  char            *display_name;
  VitaReturnStatus status;
  char            *language;
  gboolean         needs_itin;
  char            *updated;
} VitaHouseholdSummary;

typedef struct
{
  gint64  seq;
  char   *at;            /* ISO 8601, UTC */
  char   *user_name;
  char   *user_display_name;
  char   *action;        /* e.g. "open-household", "issue-notice", "export" */
  gint64  household_id;  /* 0 when not about one household */
  char   *detail;        /* a code, never a value from a record */
} VitaAuditEntry;

typedef struct
{
  gint64    id;
  gint64    household_id;
  int       person;
  char     *kind;          /* "15080-disclose", "use", "disclose" */
  gboolean  granted;
  char     *text_version;
  char     *language;
  char     *valid_until;   /* YYYY-MM-DD or NULL */
  char     *recorded_at;
  char     *revoked_at;    /* NULL while in force */
} VitaConsent;

typedef struct
{
  int         status;      /* -1 for any */
  const char *language;    /* NULL for any */
  int         needs_itin;  /* -1 any, 0 no, 1 yes */
} VitaSearchFilter;

#define VITA_SEARCH_FILTER_INIT { -1, NULL, -1 }

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

/* Users and keys: coordinators only. */
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

/* Households. */
gboolean       vita_store_save_household        (VitaStore             *self,
                                                 VitaHousehold         *household,
                                                 GError               **error);
gboolean       vita_store_save_households       (VitaStore             *self,
                                                 GPtrArray             *households,
                                                 GError               **error);
VitaHousehold *vita_store_load_household        (VitaStore             *self,
                                                 gint64                 id,
                                                 GError               **error);
gboolean       vita_store_delete_household      (VitaStore             *self,
                                                 gint64                 id,
                                                 GError               **error);
gint64         vita_store_count_households      (VitaStore             *self,
                                                 GError               **error);
GArray        *vita_store_search                (VitaStore             *self,
                                                 const char            *query,
                                                 const VitaSearchFilter *filter,
                                                 GError               **error);
GPtrArray     *vita_store_get_summaries         (VitaStore             *self,
                                                 const gint64          *ids,
                                                 guint                  n_ids,
                                                 GError               **error);
gboolean       vita_store_set_status            (VitaStore             *self,
                                                 gint64                 household_id,
                                                 VitaReturnStatus       status,
                                                 GError               **error);
gboolean       vita_store_record_notice         (VitaStore             *self,
                                                 gint64                 household_id,
                                                 const char            *notice_version,
                                                 const char            *language,
                                                 const char            *second_language,
                                                 const char            *medium,
                                                 GError               **error);
GPtrArray     *vita_store_list_notices          (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);

/* Retention and crypto-shredding: purge is for coordinators. */
typedef gboolean (*VitaStoreHouseholdFunc) (VitaHousehold *household,
                                            gpointer       user_data,
                                            GError       **error);

/* One answer of a household, as vita_store_foreach_answers() hands it out:
 * @value is never empty, and both strings live only until the callback
 * returns (they are wiped then). */
typedef struct
{
  int         person;   /* VITA_PERSON_HOUSEHOLD, _TAXPAYER, _SPOUSE or a member slot */
  const char *field;    /* a catalogue id, or a kept generalisation ("dob@age_band") */
  const char *value;
} VitaAnswer;

typedef struct
{
  gint64            id;         /* the record id: never to be exported */
  VitaReturnStatus  status;
  const char       *language;
  int               tax_year;
  /* Sealed answers first, then the plain ones.  The same person and field
   * can come twice only in a damaged or hand-edited store; the later one
   * wins, as in vita_household_set(). */
  const VitaAnswer *answers;
  guint             n_answers;
} VitaHouseholdAnswers;

typedef gboolean (*VitaStoreAnswersFunc)   (const VitaHouseholdAnswers *household,
                                            gpointer                    user_data,
                                            GError                    **error);

char          *vita_retention_purge_date        (const char            *policy,
                                                 int                    tax_year);
gboolean       vita_retention_parse_date        (const char            *text,
                                                 GDate                 *date,
                                                 GError               **error);
gboolean       vita_retention_status_is_final   (VitaReturnStatus       status);
int            vita_store_get_default_tax_year  (VitaStore             *self);
char          *vita_store_dup_purge_date        (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);
char          *vita_store_dup_member_purge_date (VitaStore             *self,
                                                 gint64                 household_id,
                                                 int                    tax_year,
                                                 gboolean              *pending,
                                                 GError               **error);
gboolean       vita_store_count_past_date       (VitaStore             *self,
                                                 const char            *today,
                                                 gint64                 counts[VITA_RETURN_STATUS_LAST + 1],
                                                 GError               **error);
gboolean       vita_store_set_household_retention (VitaStore           *self,
                                                 gint64                 household_id,
                                                 const char            *purge_after,
                                                 GError               **error);
gboolean       vita_store_purge_household       (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);
gboolean       vita_store_purge_due             (VitaStore             *self,
                                                 const char            *today,
                                                 guint                 *n_purged,
                                                 GError               **error);
gint64         vita_store_count_purge_due       (VitaStore             *self,
                                                 const char            *today,
                                                 GError               **error);
gboolean       vita_store_foreach_household     (VitaStore             *self,
                                                 gboolean               include_purged,
                                                 VitaStoreHouseholdFunc func,
                                                 gpointer               user_data,
                                                 GError               **error);
gboolean       vita_store_foreach_answers       (VitaStore             *self,
                                                 gboolean               include_purged,
                                                 VitaStoreAnswersFunc   func,
                                                 gpointer               user_data,
                                                 GError               **error);

/* Consents (§7216, Form 15080): optional, never a condition of service. */
gint64         vita_store_record_consent        (VitaStore             *self,
                                                 gint64                 household_id,
                                                 int                    person,
                                                 const char            *kind,
                                                 gboolean               granted,
                                                 const char            *text_version,
                                                 const char            *language,
                                                 const char            *valid_until,
                                                 GError               **error);
gboolean       vita_store_revoke_consent        (VitaStore             *self,
                                                 gint64                 consent_id,
                                                 GError               **error);
GPtrArray     *vita_store_list_consents         (VitaStore             *self,
                                                 gint64                 household_id,
                                                 GError               **error);

/* Audit log: who did what to which household, never the values. */
gboolean       vita_store_audit_verify          (VitaStore             *self,
                                                 gint64                *n_entries,
                                                 GError               **error);
GPtrArray     *vita_store_list_audit            (VitaStore             *self,
                                                 gint64                 household_id,
                                                 gint64                 before_seq,
                                                 guint                  limit,
                                                 GError               **error);

char          *vita_fold_for_search             (const char            *text);
const char    *vita_role_to_string              (VitaRole               role);
gboolean       vita_role_from_string            (const char            *str,
                                                 VitaRole              *role);
const char    *vita_role_get_label              (VitaRole               role);
void           vita_user_info_free              (VitaUserInfo          *info);
void           vita_household_summary_free      (VitaHouseholdSummary  *summary);
void           vita_audit_entry_free            (VitaAuditEntry        *entry);
void           vita_consent_free                (VitaConsent           *consent);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaUserInfo, vita_user_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaHouseholdSummary, vita_household_summary_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaAuditEntry, vita_audit_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaConsent, vita_consent_free)

G_END_DECLS
