/* vita-store-settings.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-store.h"

G_BEGIN_DECLS

/* The site settings (vita-store-settings.c): read and written with
 * vita_store_dup_setting() and vita_store_set_setting(), by coordinators.
 * Code names a setting by these keys, never by a string of its own, so a
 * typo does not compile.  The notice review's keys are in
 * vita-notice-review.h. */
#define VITA_SETTING_SITE_NAME            "site-name"
#define VITA_SETTING_SITE_CONTACT         "site-contact"
#define VITA_SETTING_LEGAL_REFERRAL       "legal-referral"
#define VITA_SETTING_CREATED              "created"           /* ISO 8601, set once */
#define VITA_SETTING_IDLE_LOCK_MINUTES    "idle-lock-minutes"
#define VITA_SETTING_RETENTION            "retention"         /* a vita-retention.h policy */
#define VITA_SETTING_RETENTION_MIN_DAYS   "retention-min-days"
#define VITA_SETTING_RETENTION_MAX_DAYS   "retention-max-days"
#define VITA_SETTING_SEASON_TAX_YEAR      "season-tax-year"   /* empty: the calendar's */
#define VITA_SETTING_K_ANONYMITY          "k-anonymity"       /* bounds in vita-export.h */
#define VITA_SETTING_EXPORT_NOISE_EPSILON "export-noise-epsilon"
/* Minimum-data mode: bounds and default in vita-minimum-data.h. */
#define VITA_SETTING_MINIMUM_DATA         "minimum-data"      /* "on" or "off" */
#define VITA_SETTING_MINIMUM_DATA_CONTACT_DAYS "minimum-data-contact-days"
/* The site's Certifying Acceptance Agent, for the W-7 (vita-form-map). */
#define VITA_SETTING_CAA_ENABLED          "caa-enabled"       /* "yes" or "no" */
#define VITA_SETTING_CAA_NAME_TITLE       "caa-name-title"
#define VITA_SETTING_CAA_COMPANY          "caa-company"
#define VITA_SETTING_CAA_PHONE            "caa-phone"
#define VITA_SETTING_CAA_FAX              "caa-fax"
#define VITA_SETTING_CAA_EIN              "caa-ein"
#define VITA_SETTING_CAA_PTIN             "caa-ptin"
#define VITA_SETTING_CAA_OFFICE_CODE      "caa-office-code"

/* The whole-number settings' bounds and defaults, in one place: the store
 * refuses a value outside the bounds, and vita_store_get_setting_number()
 * reads a missing or unusable value as the default. */
#define VITA_IDLE_LOCK_MINUTES_DEFAULT    10
#define VITA_IDLE_LOCK_MINUTES_MIN        1
#define VITA_IDLE_LOCK_MINUTES_MAX        (24 * 60)
/* A household is kept at least this long after its last change. */
#define VITA_RETENTION_MIN_DAYS_DEFAULT   90
#define VITA_RETENTION_MIN_DAYS_MIN       30
#define VITA_RETENTION_MIN_DAYS_MAX       730
/* …and its identity at most this long after its policy date. */
#define VITA_RETENTION_MAX_DAYS_DEFAULT   365
#define VITA_RETENTION_MAX_DAYS_MIN       0
#define VITA_RETENTION_MAX_DAYS_MAX       3650

gboolean       vita_setting_parse_number        (const char            *key,
                                                 const char            *text,
                                                 gint64                *value,
                                                 GError               **error);
gboolean       vita_store_get_setting_number    (VitaStore             *self,
                                                 const char            *key,
                                                 gint64                *value,
                                                 GError               **error);

G_END_DECLS
