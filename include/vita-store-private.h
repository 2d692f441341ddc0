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

#include "vita-keyfile.h"

#include "vita-store.h"

G_BEGIN_DECLS

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

  char           *user_name;
  gint64          user_id;
  VitaRole        role;
};

typedef sqlite3_stmt *sqlite3_stmt_ptr;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (sqlite3_stmt_ptr, sqlite3_finalize, NULL)

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
char         *_vita_now_iso                   (void);
gboolean      _vita_store_require_unlocked    (VitaStore     *self,
                                               GError       **error);
gboolean      _vita_store_require             (VitaStore     *self,
                                               const char    *action,
                                               GError       **error);

G_END_DECLS
