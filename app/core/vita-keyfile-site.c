/* vita-keyfile-site.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Partner file of vita-keyfile.c: what the site's keys file keeps beside
 * the keyslots, each in its own group so older versions ignore it: the
 * retention keys (crypto-shredding), whether the high-water mark is
 * tracked, and the wrong-passphrase counters behind the unlock delay.
 */

#include "config.h"

#include <sodium.h>
#include <string.h>

#include "vita-keyfile.h"
#include "vita-keyfile-private.h"
#include "vita-store.h"

/* Retention keys live only in the site's own keys file, never in a backup:
 * destroying one here makes the households it wraps unreadable everywhere. */
#define GROUP_RETENTION "retention"
/* Wrong-passphrase counters: "<count>;<unix time of the last failure>" per
 * user name, for every well-formed name tried, known or not (see
 * vita_store_unlock()).  Older versions ignore the group. */
#define GROUP_FAILURES "unlock-failures"
#define FAILURES_MAX_NAMES 256
#define FAILURES_FORGET_SECONDS (24 * 60 * 60)

gboolean
vita_keyfile_set_retention_key (VitaKeyfile *self,
                                const char  *key_id,
                                GBytes      *wrapped)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (wrapped, &len);
  g_autofree char *text = NULL;

  g_return_val_if_fail (key_id != NULL && *key_id != '\0', FALSE);
  text = g_base64_encode (data, len);
  g_key_file_set_string (self->kf, GROUP_RETENTION, key_id, text);
  return TRUE;
}

GBytes *
vita_keyfile_get_retention_key (VitaKeyfile *self,
                                const char  *key_id)
{
  g_autofree char *text = g_key_file_get_string (self->kf, GROUP_RETENTION, key_id, NULL);
  guchar *raw;
  gsize len = 0;

  if (text == NULL)
    return NULL;
  raw = g_base64_decode (text, &len);
  return g_bytes_new_take (raw, len);
}

void
vita_keyfile_remove_retention_key (VitaKeyfile *self,
                                   const char  *key_id)
{
  g_key_file_remove_key (self->kf, GROUP_RETENTION, key_id, NULL);
}

char **
vita_keyfile_list_retention_keys (VitaKeyfile *self)
{
  char **keys = g_key_file_get_keys (self->kf, GROUP_RETENTION, NULL, NULL);

  return keys ? keys : g_new0 (char *, 1);
}

void
vita_keyfile_strip_retention (VitaKeyfile *self)
{
  g_key_file_remove_group (self->kf, GROUP_RETENTION, NULL);
}

/* The [state] group says that this store keeps a sealed high-water mark
 * (site.vita.state, see vita-store-integrity.c).  Once it is here a missing
 * or damaged state file is reported, never silently started afresh.  Older
 * keys files have no such group and start tracking at their next unlock;
 * backups leave it out, so a restored backup starts afresh too. */
#define GROUP_STATE "state"
#define STATE_SCHEME "sealed-audit-head-1"

gboolean
vita_keyfile_get_state_tracked (VitaKeyfile *self)
{
  g_autofree char *scheme = g_key_file_get_string (self->kf, GROUP_STATE, "scheme", NULL);

  return scheme != NULL;
}

void
vita_keyfile_set_state_tracked (VitaKeyfile *self,
                                gboolean     tracked)
{
  if (tracked)
    g_key_file_set_string (self->kf, GROUP_STATE, "scheme", STATE_SCHEME);
  else
    g_key_file_remove_group (self->kf, GROUP_STATE, NULL);
}

/**
 * vita_keyfile_get_failures:
 * @last: (out): unix time of the last recorded failure, or 0
 *
 * Returns: wrong passphrases given for @user_name since its last unlock.
 */
guint
vita_keyfile_get_failures (VitaKeyfile *self,
                           const char  *user_name,
                           gint64      *last)
{
  g_autofree char *value = NULL;
  guint64 count = 0;
  gint64 when = 0;
  char *end = NULL;

  *last = 0;
  if (!vita_user_name_is_valid (user_name))
    return 0;
  value = g_key_file_get_string (self->kf, GROUP_FAILURES, user_name, NULL);
  if (value == NULL)
    return 0;
  count = g_ascii_strtoull (value, &end, 10);
  if (end != NULL && *end == ';')
    when = g_ascii_strtoll (end + 1, NULL, 10);
  /* An unreadable entry was edited: count it as many failures rather
   * than none, so editing can never buy a shorter wait than deleting. */
  if (end == NULL || *end != ';')
    count = 8;
  *last = when;
  return (guint) MIN (count, G_MAXUINT16);
}

static void
forget_old_failures (VitaKeyfile *self,
                     gint64       now)
{
  g_auto(GStrv) names = g_key_file_get_keys (self->kf, GROUP_FAILURES, NULL, NULL);
  const char *oldest = NULL;
  gint64 oldest_time = G_MAXINT64;
  guint n = 0;

  for (guint i = 0; names != NULL && names[i]; i++)
    {
      gint64 last;

      vita_keyfile_get_failures (self, names[i], &last);
      if (now - last > FAILURES_FORGET_SECONDS || !vita_user_name_is_valid (names[i]))
        {
          g_key_file_remove_key (self->kf, GROUP_FAILURES, names[i], NULL);
          continue;
        }
      n++;
      if (last < oldest_time)
        {
          oldest_time = last;
          oldest = names[i];
        }
    }
  /* Names nobody has are recorded too (or timing would tell which exist);
   * this bounds what a stream of made-up names can add to the file. */
  if (n >= FAILURES_MAX_NAMES && oldest != NULL)
    g_key_file_remove_key (self->kf, GROUP_FAILURES, oldest, NULL);
}

void
vita_keyfile_record_failure (VitaKeyfile *self,
                             const char  *user_name,
                             gint64       now)
{
  g_autofree char *value = NULL;
  gint64 last;
  guint count;

  if (!vita_user_name_is_valid (user_name))
    return;
  forget_old_failures (self, now);
  count = vita_keyfile_get_failures (self, user_name, &last);
  value = g_strdup_printf ("%u;%" G_GINT64_FORMAT, count + 1, MAX (now, last));
  g_key_file_set_string (self->kf, GROUP_FAILURES, user_name, value);
}

gboolean
vita_keyfile_clear_failures (VitaKeyfile *self,
                             const char  *user_name)
{
  if (!g_key_file_has_key (self->kf, GROUP_FAILURES, user_name, NULL))
    return FALSE;
  g_key_file_remove_key (self->kf, GROUP_FAILURES, user_name, NULL);
  return TRUE;
}

void
vita_keyfile_strip_failures (VitaKeyfile *self)
{
  g_key_file_remove_group (self->kf, GROUP_FAILURES, NULL);
}
