/* vita-promise-check.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The check that member-facing text (the notice, the consent text, the
 * site's own values) makes no absolute promise such as "never shared":
 * nobody can honestly make one.  The list of what is forbidden, and why,
 * is docs/forbidden-promises.md.  Every member language needs patterns
 * here; test-promise-check fails for a language without them. */

gboolean vita_notice_check_text             (const char   *language,
                                             const char   *text,
                                             GPtrArray   **problems);
gboolean vita_promise_check_collect         (const char   *language,
                                             const char   *where,
                                             const char   *text,
                                             GPtrArray    *problems);
guint    vita_promise_check_count_patterns  (const char   *language);

G_END_DECLS
