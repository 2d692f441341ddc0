/* vita-secure.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "vita-secure.h"
#include "vita-store.h"

/* Key material lives in sodium_malloc() memory: locked so it is never
 * swapped, fenced by guard pages, and zeroed by sodium_free(). */
struct _VitaSecretKey
{
  guint8 data[VITA_KEY_BYTES];
};

gboolean
vita_secure_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CRYPTO,
                           _("The encryption library could not start."));
      return FALSE;
    }
  return TRUE;
}

/* A sodium_malloc() costs several system calls (guard pages, mlock), and
 * every save and every load of a household needs a key: about a tenth of
 * a save's time.  So freed keys are wiped and kept for reuse, still locked
 * and guarded, a few at a time. */
#define KEY_POOL_MAX 16

static GMutex key_pool_lock;
static VitaSecretKey *key_pool[KEY_POOL_MAX];
static guint key_pool_len;

static VitaSecretKey *
secret_key_alloc (void)
{
  VitaSecretKey *key = NULL;

  g_mutex_lock (&key_pool_lock);
  if (key_pool_len > 0)
    key = key_pool[--key_pool_len];
  g_mutex_unlock (&key_pool_lock);
  if (key != NULL)
    return key;

  key = sodium_malloc (sizeof *key);
  if (key == NULL)
    g_error ("Out of locked memory for key material");
  return key;
}

VitaSecretKey *
vita_secret_key_new_random (void)
{
  VitaSecretKey *key = secret_key_alloc ();

  randombytes_buf (key->data, sizeof key->data);
  return key;
}

VitaSecretKey *
vita_secret_key_new_from_bytes (const guint8 *bytes,
                                gsize         len)
{
  VitaSecretKey *key;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (len == VITA_KEY_BYTES, NULL);

  key = secret_key_alloc ();
  memcpy (key->data, bytes, VITA_KEY_BYTES);
  return key;
}

const guint8 *
vita_secret_key_get_data (const VitaSecretKey *key)
{
  g_return_val_if_fail (key != NULL, NULL);
  return key->data;
}

gboolean
vita_secret_key_equal (const VitaSecretKey *a,
                       const VitaSecretKey *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);
  return sodium_memcmp (a->data, b->data, VITA_KEY_BYTES) == 0;
}

/**
 * vita_secret_key_dup_sqlcipher:
 *
 * Formats the key as SQLCipher's raw-key literal x'…'.  A raw key skips
 * SQLCipher's own PBKDF2: the expensive derivation already happened in
 * Argon2id, and 32 bytes passed as a plain string would silently be
 * stretched as a passphrase instead.
 *
 * Returns: (transfer full): locked memory; free with vita_secure_free_string().
 */
char *
vita_secret_key_dup_sqlcipher (const VitaSecretKey *key)
{
  gsize len = 2 + VITA_KEY_BYTES * 2 + 1 + 1;
  char *str;

  g_return_val_if_fail (key != NULL, NULL);

  str = sodium_malloc (len);
  if (str == NULL)
    g_error ("Out of locked memory for key material");
  str[0] = 'x';
  str[1] = '\'';
  sodium_bin2hex (str + 2, VITA_KEY_BYTES * 2 + 1, key->data, VITA_KEY_BYTES);
  str[len - 2] = '\'';
  str[len - 1] = '\0';
  return str;
}

void
vita_secret_key_free (VitaSecretKey *key)
{
  if (key == NULL)
    return;
  sodium_memzero (key->data, sizeof key->data);
  g_mutex_lock (&key_pool_lock);
  if (key_pool_len < KEY_POOL_MAX)
    {
      key_pool[key_pool_len++] = key;
      key = NULL;
    }
  g_mutex_unlock (&key_pool_lock);
  if (key != NULL)
    sodium_free (key);
}

void
vita_secure_free_string (char *str)
{
  if (str == NULL)
    return;
  sodium_memzero (str, strlen (str));
  sodium_free (str);
}

void
vita_kdf_params_minimum (VitaKdfParams *params)
{
  params->opslimit = VITA_KDF_MIN_OPSLIMIT;
  params->memlimit = VITA_KDF_MIN_MEMLIMIT;
}

VitaSecretKey *
vita_kdf_derive (const char          *passphrase,
                 const guint8        *salt,
                 const VitaKdfParams *params,
                 GError             **error)
{
  VitaSecretKey *key;

  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (salt != NULL, NULL);
  g_return_val_if_fail (params != NULL, NULL);

  if (params->memlimit < VITA_KDF_MIN_MEMLIMIT || params->opslimit < VITA_KDF_MIN_OPSLIMIT
      || params->memlimit > crypto_pwhash_MEMLIMIT_MAX || params->opslimit > VITA_KDF_MAX_OPSLIMIT)
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_TAMPERED,
                           _("The key file asks for unsafe key settings. It may have been altered."));
      return NULL;
    }

  /* Calibration may run before any store is opened; sodium_init() is
   * idempotent and libsodium aborts on locked memory used before it. */
  if (!vita_secure_init (error))
    return NULL;
  key = secret_key_alloc ();
  if (crypto_pwhash (key->data, VITA_KEY_BYTES, passphrase, strlen (passphrase), salt,
                     params->opslimit, params->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      vita_secret_key_free (key);
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_CRYPTO,
                           _("Not enough memory to check the passphrase."));
      return NULL;
    }
  return key;
}

/* CPU time of this thread, not wall time: Argon2id in libsodium runs on
 * one thread, so its CPU time is what an unlock costs on an idle machine,
 * and unlike wall time it does not swing with whatever else the machine
 * is doing while we measure.  A calibration taken while another program
 * kept both cores busy used to pick 2 passes, and one taken in a quiet
 * moment 32; CPU time gives the same answer either way.  It includes the
 * kernel's time for faulting in the 64 MiB. */
static double
thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

double
vita_kdf_measure (const VitaKdfParams *params)
{
  guint8 salt[crypto_pwhash_SALTBYTES] = { 0 };
  g_autoptr(VitaSecretKey) key = NULL;
  double begin = thread_cpu_seconds ();

  key = vita_kdf_derive ("calibration", salt, params, NULL);
  return thread_cpu_seconds () - begin;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

/**
 * vita_kdf_measure_median:
 * @runs: how many derivations to time (at least 1)
 *
 * The median of @runs timings: one slow run (a page-cache flush, a
 * migration to the other core) must not decide a setting that stays with
 * a keyslot for years.
 */
double
vita_kdf_measure_median (const VitaKdfParams *params,
                         guint                runs)
{
  double times[15];

  runs = CLAMP (runs, 1, G_N_ELEMENTS (times));
  for (guint i = 0; i < runs; i++)
    times[i] = vita_kdf_measure (params);
  qsort (times, runs, sizeof times[0], compare_doubles);
  return times[runs / 2];
}

static guint64
passes_for (double target_seconds,
            double fixed,
            double per_pass)
{
  return (guint64) CLAMP ((target_seconds - fixed) / per_pass + 0.5, 1, VITA_KDF_MAX_OPSLIMIT);
}

/**
 * vita_kdf_calibrate:
 *
 * Picks Argon2id costs that take about @target_seconds here with at least
 * 64 MiB of memory, so unlocking feels instant to a volunteer while each
 * guess costs an attacker the same.
 *
 * The bound is on the resulting time, not on the number of passes: the
 * chosen setting is measured again and corrected until its median lies
 * within 20 % of the target (or the pass count cannot move further).
 */
void
vita_kdf_calibrate (double         target_seconds,
                    VitaKdfParams *params)
{
  VitaKdfParams lo, hi;
  double t_lo, t_hi, per_pass, fixed;

  /* Time grows linearly with passes once the memory is filled; measuring
   * two points separates the per-pass cost from the fixed cost of
   * allocating and touching 64 MiB.  Points far apart keep the slope's
   * error small. */
  vita_kdf_params_minimum (&lo);
  lo.opslimit = 1;
  hi = lo;
  hi.opslimit = 5;
  t_lo = vita_kdf_measure_median (&lo, 3);
  t_hi = vita_kdf_measure_median (&hi, 3);
  per_pass = MAX ((t_hi - t_lo) / (hi.opslimit - lo.opslimit), 0.001);
  fixed = MAX (t_lo - per_pass, 0.0);

  vita_kdf_params_minimum (params);
  params->opslimit = passes_for (target_seconds, fixed, per_pass);

  for (guint round = 0; round < 3; round++)
    {
      double t = vita_kdf_measure_median (params, 3);
      guint64 better;

      if (t >= target_seconds * 0.8 && t <= target_seconds * 1.2)
        break;
      /* Re-fit through the minimum and the point just measured: it is
       * the nearer of the two to the target. */
      per_pass = MAX ((t - t_lo) / MAX (params->opslimit - 1, 1), 0.001);
      fixed = MAX (t_lo - per_pass, 0.0);
      better = passes_for (target_seconds, fixed, per_pass);
      if (better == params->opslimit)
        break;
      params->opslimit = better;
    }
}
