/* vita-passphrase.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pwquality.h>
#include <string.h>

#include "vita-passphrase.h"
#include "vita-store.h"

/* The passphrase policy, in the core so that the GUI, vita-admin and any
 * later front end refuse the same passphrases: a store's keys are only as
 * strong as its weakest keyslot.  pwquality's own messages are English
 * and technical, so its error codes are mapped to sentences a volunteer
 * can act on, in their language. */

/* The settings are read once: pwquality.conf does not change while the
 * app runs.  Where the cracklib dictionary is not installed every check
 * fails with "error loading dictionary", which would refuse every
 * passphrase; the dictionary check is then switched off and the length
 * and score rules still apply. */
static pwquality_settings_t *
get_settings (void)
{
  static gsize settings;

  if (g_once_init_enter (&settings))
    {
      pwquality_settings_t *s = pwquality_default_settings ();
      void *auxerror = NULL;

      pwquality_read_config (s, NULL, &auxerror);
      pwquality_set_int_value (s, PWQ_SETTING_MIN_LENGTH, VITA_PASSPHRASE_MIN_LENGTH);
      /* Random characters: only a missing dictionary can fail this. */
      if (pwquality_check (s, "xQ7#vZ2!mK9$wR4&", NULL, NULL, &auxerror)
          == PWQ_ERROR_CRACKLIB_CHECK)
        pwquality_set_int_value (s, PWQ_SETTING_DICT_CHECK, 0);
      g_once_init_leave (&settings, (gsize)s);
    }
  return (pwquality_settings_t *)settings;
}

static const char *
message_for_error (int code)
{
  switch (code)
    {
    case PWQ_ERROR_EMPTY_PASSWORD:
      return _("Enter a passphrase.");
    case PWQ_ERROR_MIN_LENGTH:
      G_STATIC_ASSERT (VITA_PASSPHRASE_MIN_LENGTH == 12);  /* the number in the message */
      return _("Too short. Use at least 12 characters — three or four unrelated words work well.");
    case PWQ_ERROR_USER_CHECK:
    case PWQ_ERROR_GECOS_CHECK:
      return _("Do not use your user name or your real name in the passphrase.");
    case PWQ_ERROR_BAD_WORDS:
      return _("The passphrase contains a word this site does not allow.");
    case PWQ_ERROR_CRACKLIB_CHECK:
    case PWQ_ERROR_PALINDROME:
    case PWQ_ERROR_CASE_CHANGES_ONLY:
    case PWQ_ERROR_TOO_SIMILAR:
    case PWQ_ERROR_ROTATED:
      return _("This is a common word or pattern that is easy to guess. Add unrelated words.");
    case PWQ_ERROR_MAX_CONSECUTIVE:
    case PWQ_ERROR_MAX_SEQUENCE:
    case PWQ_ERROR_MAX_CLASS_REPEAT:
      return _("Avoid repeated characters and runs like “1234” or “abcd”.");
    case PWQ_ERROR_MIN_DIGITS:
    case PWQ_ERROR_MIN_UPPERS:
    case PWQ_ERROR_MIN_LOWERS:
    case PWQ_ERROR_MIN_OTHERS:
    case PWQ_ERROR_MIN_CLASSES:
      return _("Mix in other kinds of characters, or add another word.");
    default:
      return _("This passphrase is too easy to guess. Add another word.");
    }
}

static const char *
message_for_score (int score)
{
  if (score < VITA_PASSPHRASE_MIN_SCORE)
    return _("Too easy to guess. Add another word.");
  if (score < 70)
    return _("Acceptable. Another word would make it stronger.");
  if (score < 90)
    return _("Good passphrase.");
  return _("Strong passphrase.");
}

/**
 * vita_passphrase_check:
 * @user_name: (nullable): the account the passphrase is for
 * @message: (out) (optional) (transfer full): one translated sentence
 *
 * Returns: pwquality's score (0–100), or a negative pwquality error code
 */
int
vita_passphrase_check (const char  *passphrase,
                       const char  *user_name,
                       char       **message)
{
  void *auxerror = NULL;
  int score;

  if (passphrase == NULL || *passphrase == '\0')
    score = PWQ_ERROR_EMPTY_PASSWORD;
  else
    score = pwquality_check (get_settings (), passphrase, NULL,
                             user_name && *user_name ? user_name : NULL, &auxerror);
  if (message != NULL)
    *message = g_strdup (score < 0 ? message_for_error (score) : message_for_score (score));
  return score;
}

/**
 * vita_passphrase_validate:
 * @user_name: (nullable): the account the passphrase is for
 *
 * The check every new passphrase passes before a keyslot is written:
 * not empty, not longer than %VITA_PASSPHRASE_MAX_BYTES (refused, never
 * cut, so the passphrase typed is always the one that opens the store)
 * and a pwquality score of at least %VITA_PASSPHRASE_MIN_SCORE.
 */
gboolean
vita_passphrase_validate (const char  *passphrase,
                          const char  *user_name,
                          GError     **error)
{
  g_autofree char *message = NULL;

  if (passphrase != NULL && strlen (passphrase) > VITA_PASSPHRASE_MAX_BYTES)
    {
      g_set_error (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID,
                   _("The passphrase is too long. Use at most %d characters."),
                   VITA_PASSPHRASE_MAX_BYTES);
      return FALSE;
    }
  if (vita_passphrase_check (passphrase, user_name, &message) < VITA_PASSPHRASE_MIN_SCORE)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}
