/* vita-test-utils.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"

G_BEGIN_DECLS

#define VITA_TEST_PASSPHRASE "correct horse battery staple 42"

char      *vita_test_make_tmpdir        (void);
void       vita_test_set_now            (const char *iso);
GPtrArray *vita_test_parse_csv          (const char *text);
void       vita_test_forget_high_water_mark (const char *path);
void       vita_test_rm_rf              (const char *path);
VitaStore *vita_test_create_store       (const char *dir,
                                         const char *user,
                                         const char *passphrase);
GBytes    *vita_test_read_file          (const char *path);
gboolean   vita_test_files_equal        (const char *a,
                                         const char *b);
gboolean   vita_test_file_contains      (const char *path,
                                         const char *needle,
                                         gsize       needle_len);
GPtrArray *vita_test_list_dir           (const char *dir);
void       vita_test_insert_legacy_answer (VitaStore  *store,
                                           gint64      id,
                                           int         person,
                                           const char *field,
                                           const char *value);

guint      vita_test_count_in_memory    (const guint8 *masked,
                                         gsize         len,
                                         guint8        mask);

G_END_DECLS
