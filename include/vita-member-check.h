/* vita-member-check.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vita-consent-text.h"
#include "vita-notice.h"
#include "vita-site-info.h"

G_BEGIN_DECLS

/* Whether a member-facing text can be shown in one language, and what the
 * volunteer must be told first: the notice dialog and the consent screen
 * check every language this way before the member picks one. */
typedef struct
{
  gboolean   available;       /* the text can be shown in this language */
  char      *error;           /* why not */
  GPtrArray *translation;     /* stale or missing paragraphs, bad placeholders */
  GPtrArray *promises;        /* absolute promises in what the member reads */
  guint      n_untranslated;  /* paragraphs shown in English instead */
} VitaLangCheck;

void           vita_lang_check_free               (VitaLangCheck       *check);

VitaLangCheck *vita_member_check_notice           (VitaNotice          *notice,
                                                   const VitaSiteInfo  *info,
                                                   const char          *language);
VitaLangCheck *vita_member_check_consent          (VitaConsentText     *text,
                                                   const VitaSiteInfo  *info,
                                                   const char          *language);
GHashTable    *vita_member_check_notice_languages (VitaNotice          *notice,
                                                   const VitaSiteInfo  *info);
GHashTable    *vita_member_check_consent_languages (VitaConsentText    *text,
                                                    const VitaSiteInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VitaLangCheck, vita_lang_check_free)

G_END_DECLS
