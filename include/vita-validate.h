/* vita-validate.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

/* The ITIN expiry rules moved to vita-itin-expiry.h; included here so
 * older includers keep building. */
#include "vita-itin-expiry.h"

G_BEGIN_DECLS

/* Validators for the values a volunteer types at intake.  They never log
 * the value and never put it in an error message: most of these values are
 * taxpayer identifiers.
 *
 * Conventions for every vita_validate_* function:
 *  - NULL text is allowed and fails with VITA_VALIDATE_ERROR_EMPTY.
 *  - Leading and trailing ASCII white space is ignored, except by
 *    vita_validate_name_part(), which has no normalized output.
 *  - Only the ASCII digits 0-9 count as digits.
 *  - @normalized may be NULL.  On success it receives a newly allocated
 *    canonical form; on failure it is set to NULL.
 *  - GDate out-parameters are written on success only. */

#define VITA_VALIDATE_ERROR (vita_validate_error_quark ())

typedef enum
{
  /* Nothing (or only white space) was entered. */
  VITA_VALIDATE_ERROR_EMPTY,
  /* The text does not have the right shape: wrong characters, wrong
   * number of digits, separators in the wrong places. */
  VITA_VALIDATE_ERROR_FORMAT,
  /* The shape is right but a part is out of range: month 13, February 30,
   * a birth date in the future. */
  VITA_VALIDATE_ERROR_RANGE,
  /* Well formed, but no such number or code is ever assigned (SSN area
   * 666, ITIN middle digits 93, EIN prefix 07, ZIP 00000, state "ZZ"), or
   * the number cannot be used on a return (an IRSN). */
  VITA_VALIDATE_ERROR_NOT_ISSUED,
  /* The number was issued but is no longer valid.  None of the validators
   * here can tell this from the text alone; callers that know when an ITIN
   * was last used report it with this code. */
  VITA_VALIDATE_ERROR_EXPIRED,
  /* Longer than the field allows. */
  VITA_VALIDATE_ERROR_TOO_LONG,
} VitaValidateError;

typedef enum
{
  VITA_TIN_KIND_UNKNOWN,
  VITA_TIN_KIND_SSN,
  VITA_TIN_KIND_ITIN,
  VITA_TIN_KIND_ATIN,
  VITA_TIN_KIND_IRSN,
} VitaTinKind;

GQuark       vita_validate_error_quark     (void);

char        *vita_tin_normalize            (const char   *text);
VitaTinKind  vita_tin_classify             (const char   *text);

gboolean     vita_validate_ssn             (const char   *text,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_itin            (const char   *text,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_atin            (const char   *text,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_tin             (const char   *text,
                                            VitaTinKind  *kind,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_ein             (const char   *text,
                                            char        **normalized,
                                            GError      **error);

gboolean     vita_validate_date            (const char   *text,
                                            GDate        *out,
                                            GError      **error);
gboolean     vita_validate_birth_date      (const char   *text,
                                            const GDate  *today,
                                            GDate        *out,
                                            GError      **error);

gboolean     vita_validate_zip             (const char   *text,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_phone           (const char   *text,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_email           (const char   *text,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_state           (const char   *text,
                                            char        **normalized,
                                            GError      **error);
gboolean     vita_validate_ip_pin          (const char   *text,
                                            GError      **error);
gboolean     vita_validate_name_part       (const char   *text,
                                            gsize         max_chars,
                                            GError      **error);

G_END_DECLS
