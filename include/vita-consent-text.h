/* vita-consent-text.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The consent screen's text (data/notices/vita-consent.xml): Form 15080
 * and the consent to use, the check boxes, the duration choices and the
 * receipt, as data translated through the ordinary gettext catalogs and
 * looked up for an explicit language, whatever the process locale.
 *
 * It works like VitaNotice, with the context "consent:ID@REVISED": a
 * translation made for an older English text is never shown; the current
 * English is, and vita_consent_text_check() reports it.  Unlike the notice,
 * every text can be looked up on its own, because the screen puts check
 * boxes and choices between the paragraphs. */

#define VITA_CONSENT_TEXT_ERROR (vita_consent_text_error_quark ())

typedef enum
{
  VITA_CONSENT_TEXT_ERROR_INVALID,         /* the file is malformed */
  VITA_CONSENT_TEXT_ERROR_NO_TRANSLATION,  /* no catalog for the language */
  VITA_CONSENT_TEXT_ERROR_NOT_FOUND,       /* no text with this id */
} VitaConsentTextError;

typedef enum
{
  VITA_CONSENT_UNIT_TITLE,
  VITA_CONSENT_UNIT_LABEL,      /* buttons, choices, receipt lines */
  VITA_CONSENT_UNIT_HEADING,
  VITA_CONSENT_UNIT_PARAGRAPH,
  VITA_CONSENT_UNIT_CHOICE,     /* the text of one consent's check box */
} VitaConsentUnitKind;

#define VITA_TYPE_CONSENT_TEXT (vita_consent_text_get_type ())

G_DECLARE_FINAL_TYPE (VitaConsentText, vita_consent_text, VITA, CONSENT_TEXT, GObject)

GQuark               vita_consent_text_error_quark          (void);

VitaConsentText     *vita_consent_text_load                 (const char       *path,
                                                             GError          **error);
VitaConsentText     *vita_consent_text_load_from_data       (const char       *data,
                                                             gssize            length,
                                                             GError          **error);

const char          *vita_consent_text_get_version          (VitaConsentText  *self);
const char          *vita_consent_text_get_as_of            (VitaConsentText  *self);
const char          *vita_consent_text_get_form             (VitaConsentText  *self);
const char          *vita_consent_text_get_valid_through    (VitaConsentText  *self);

char               **vita_consent_text_dup_screen_ids       (VitaConsentText  *self);
char               **vita_consent_text_dup_kinds            (VitaConsentText  *self);
gboolean             vita_consent_text_is_limited           (VitaConsentText  *self,
                                                             const char       *kind);
char                *vita_consent_text_dup_until            (VitaConsentText  *self,
                                                             const char       *kind,
                                                             guint             months,
                                                             gboolean         *past_limit);
char                *vita_consent_dup_last_day              (const GDate      *given,
                                                             guint             months);
gboolean             vita_consent_text_has_id               (VitaConsentText  *self,
                                                             const char       *id);
VitaConsentUnitKind  vita_consent_text_get_unit_kind        (VitaConsentText  *self,
                                                             const char       *id);
const char          *vita_consent_text_get_section          (VitaConsentText  *self,
                                                             const char       *id);
const char          *vita_consent_text_get_consent_kind     (VitaConsentText  *self,
                                                             const char       *id);

char                *vita_consent_text_dup                  (VitaConsentText  *self,
                                                             const char       *id,
                                                             const char       *language,
                                                             GHashTable       *vars,
                                                             gboolean         *translated,
                                                             GError          **error);
guint                vita_consent_text_count_untranslated   (VitaConsentText  *self,
                                                             const char       *language,
                                                             GError          **error);
gboolean             vita_consent_text_check                (VitaConsentText  *self,
                                                             const char       *language,
                                                             GPtrArray       **translation_problems,
                                                             GPtrArray       **promise_problems);

G_END_DECLS
