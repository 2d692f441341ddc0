/* vita-form-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by vita-form-template.c, vita-form-fill.c and the tests.
 */

#pragma once

#include <poppler.h>

G_BEGIN_DECLS

/* poppler-glib 22.12 declares no g_autoptr cleanups and later versions
 * may; local names work with both (as in tests/test-notice.c). */
typedef PopplerDocument VitaPdfDocument;
typedef PopplerPage VitaPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaPdfDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaPdfPage, g_object_unref)

/* full field name -> PopplerFormField (a reference each) */
GHashTable *_vita_form_collect_fields (PopplerDocument *document);

G_END_DECLS
