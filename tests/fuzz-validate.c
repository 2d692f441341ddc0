/* fuzz-validate.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A bounded, seeded random-input run over every validator.  It checks that
 * nothing crashes, that each input is read only within its own buffer
 * (every input gets an exact-size heap block, so ASan or valgrind see any
 * overread) and that the verdicts agree with each other:
 *  - an accepted value normalizes to a valid UTF-8 string of the stated
 *    length, and that string is accepted and normalizes to itself;
 *  - a refused value gives a VITA_VALIDATE_ERROR with a readable message
 *    that does not repeat the input, and no normalized output;
 *  - EMPTY is reported exactly for blank input;
 *  - vita_tin_classify() agrees with the SSN/ITIN/ATIN/TIN validators.
 *
 * VITA_FUZZ_SEED and VITA_FUZZ_ITERATIONS override the defaults, so a
 * failure can be replayed; the failing input is printed in hex (it is
 * random, never real data). */

#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "vita-validate.h"

#define DEFAULT_SEED 20260401u
#define DEFAULT_ITERATIONS 200000u

static guint32 seed;
static guint iterations;

/* The input being checked, for the failure report. */
static const char *current;
static gsize current_len;
static guint current_iteration;

/* Accepted verdicts per validator: a generator that never produces a
 * valid value for one of them would leave its accepting paths untested. */
enum
{
  ACCEPT_SSN, ACCEPT_ITIN, ACCEPT_ATIN, ACCEPT_EIN, ACCEPT_ZIP, ACCEPT_PHONE,
  ACCEPT_EMAIL, ACCEPT_STATE, ACCEPT_TIN, ACCEPT_DATE, ACCEPT_BIRTH_DATE,
  ACCEPT_IP_PIN, ACCEPT_NAME, N_ACCEPT
};

static const char * const accept_names[N_ACCEPT] = {
  "ssn", "itin", "atin", "ein", "zip", "phone", "email", "state", "tin",
  "date", "birth-date", "ip-pin", "name",
};

static guint accepted[N_ACCEPT];
static guint log_count;

static GLogWriterOutput
counting_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  log_count++;
  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static void
report_failure (const char *what,
                int         line)
{
  GString *hex = g_string_new (NULL);

  for (gsize i = 0; i < current_len; i++)
    g_string_append_printf (hex, "%02x", (guchar) current[i]);

  g_printerr ("fuzz-validate: %s (line %d) at iteration %u, seed %u, input hex [%s]\n",
              what, line, current_iteration, seed, hex->str);
  g_string_free (hex, TRUE);
  g_assert_not_reached ();
}

#define CHECK(cond) \
  G_STMT_START { if (!(cond)) report_failure (#cond, __LINE__); } G_STMT_END

static gboolean
is_blank (const char *text)
{
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

static char *
trimmed_copy (const char *text)
{
  return g_strstrip (g_strdup (text));
}

static void
check_error (const GError *error,
             const char   *input)
{
  g_autofree char *trimmed = NULL;

  CHECK (error != NULL);
  CHECK (error->domain == VITA_VALIDATE_ERROR);
  CHECK (error->code >= VITA_VALIDATE_ERROR_EMPTY &&
         error->code <= VITA_VALIDATE_ERROR_TOO_LONG);
  CHECK (error->message != NULL && error->message[0] != '\0');
  CHECK (g_utf8_validate (error->message, -1, NULL));
  CHECK ((error->code == VITA_VALIDATE_ERROR_EMPTY) == is_blank (input));

  /* The value must never be echoed back.  Short inputs can match the
   * fixed words of a message by chance, so only longer ones count. */
  trimmed = trimmed_copy (input);
  if (strlen (trimmed) >= 6)
    CHECK (strstr (error->message, trimmed) == NULL);
}

typedef gboolean (*StrValidator) (const char  *text,
                                  char       **normalized,
                                  GError     **error);

typedef struct
{
  int           counter;
  StrValidator  validate;
  gsize         min_len;
  gsize         max_len;
} StrValidatorInfo;

static const StrValidatorInfo str_validators[] = {
  { ACCEPT_SSN, vita_validate_ssn, 9, 9 },
  { ACCEPT_ITIN, vita_validate_itin, 9, 9 },
  { ACCEPT_ATIN, vita_validate_atin, 9, 9 },
  { ACCEPT_EIN, vita_validate_ein, 9, 9 },
  { ACCEPT_ZIP, vita_validate_zip, 5, 10 },
  { ACCEPT_PHONE, vita_validate_phone, 10, 10 },
  { ACCEPT_EMAIL, vita_validate_email, 6, 254 },
  { ACCEPT_STATE, vita_validate_state, 2, 2 },
};

static gboolean
check_str_validator (const StrValidatorInfo *info,
                     const char             *input)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  gboolean ok;

  ok = info->validate (input, &normalized, &error);

  if (ok)
    {
      g_autoptr(GError) again_error = NULL;
      g_autofree char *again = NULL;
      gsize len;

      accepted[info->counter]++;
      CHECK (error == NULL);
      CHECK (normalized != NULL);
      CHECK (g_utf8_validate (normalized, -1, NULL));
      len = strlen (normalized);
      CHECK (len >= info->min_len && len <= info->max_len);
      CHECK (info->validate (normalized, &again, &again_error));
      CHECK (again_error == NULL);
      CHECK (g_strcmp0 (again, normalized) == 0);
    }
  else
    {
      CHECK (normalized == NULL);
      check_error (error, input);
    }

  /* Same verdict without the optional out-parameters. */
  CHECK (info->validate (input, NULL, NULL) == ok);

  return ok;
}

static void
check_tins (const char *input,
            gboolean    ssn_ok,
            gboolean    itin_ok,
            gboolean    atin_ok)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digits = vita_tin_normalize (input);
  g_autofree char *normalized = NULL;
  VitaTinKind kind = (VitaTinKind) -1;
  VitaTinKind classified = vita_tin_classify (input);
  gboolean ok;

  if (digits != NULL)
    {
      g_autofree char *again = vita_tin_normalize (digits);

      CHECK (strlen (digits) == 9);
      for (int i = 0; i < 9; i++)
        CHECK (digits[i] >= '0' && digits[i] <= '9');
      CHECK (g_strcmp0 (again, digits) == 0);
    }
  else
    CHECK (classified == VITA_TIN_KIND_UNKNOWN);

  CHECK (ssn_ok == (classified == VITA_TIN_KIND_SSN));
  CHECK (itin_ok == (classified == VITA_TIN_KIND_ITIN));
  CHECK (atin_ok == (classified == VITA_TIN_KIND_ATIN));

  ok = vita_validate_tin (input, &kind, &normalized, &error);
  CHECK (kind == classified);
  CHECK (ok == (ssn_ok || itin_ok || atin_ok));
  if (ok)
    {
      accepted[ACCEPT_TIN]++;
      CHECK (g_strcmp0 (normalized, digits) == 0);
      CHECK (vita_tin_classify (normalized) == classified);
    }
  else
    {
      CHECK (normalized == NULL);
      check_error (error, input);
      /* Blank is EMPTY, anything else that is not 9 digits is FORMAT. */
      if (digits == NULL && !is_blank (input))
        CHECK (error->code == VITA_VALIDATE_ERROR_FORMAT);
      if (digits != NULL)
        CHECK (error->code == VITA_VALIDATE_ERROR_NOT_ISSUED);
    }
}

static void
check_dates (const char  *input,
             const GDate *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) birth_error = NULL;
  GDate date;
  GDate birth;
  gboolean ok;
  gboolean birth_ok;

  g_date_clear (&date, 1);
  g_date_clear (&birth, 1);

  ok = vita_validate_date (input, &date, &error);
  birth_ok = vita_validate_birth_date (input, today, &birth, &birth_error);

  if (ok)
    {
      g_autofree char *iso = NULL;
      GDate again;

      accepted[ACCEPT_DATE]++;
      CHECK (error == NULL);
      CHECK (g_date_valid (&date));

      iso = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                             g_date_get_month (&date), g_date_get_day (&date));
      g_date_clear (&again, 1);
      CHECK (vita_validate_date (iso, &again, NULL));
      CHECK (g_date_compare (&again, &date) == 0);
    }
  else
    {
      CHECK (!g_date_valid (&date));
      check_error (error, input);
    }

  if (birth_ok)
    {
      GDate earliest;

      accepted[ACCEPT_BIRTH_DATE]++;
      g_date_clear (&earliest, 1);
      g_date_set_dmy (&earliest, 1, G_DATE_JANUARY, 1900);
      CHECK (ok);
      CHECK (g_date_compare (&birth, &date) == 0);
      CHECK (g_date_compare (&birth, today) <= 0);
      CHECK (g_date_compare (&birth, &earliest) >= 0);
    }
  else
    {
      CHECK (!g_date_valid (&birth));
      check_error (birth_error, input);
      if (!ok)
        CHECK (birth_error->code == error->code);
      else
        CHECK (birth_error->code == VITA_VALIDATE_ERROR_RANGE);
    }
}

static void
check_ip_pin (const char *input)
{
  g_autoptr(GError) error = NULL;

  if (vita_validate_ip_pin (input, &error))
    {
      g_autofree char *trimmed = trimmed_copy (input);

      accepted[ACCEPT_IP_PIN]++;
      CHECK (error == NULL);
      CHECK (strlen (trimmed) == 6);
      for (int i = 0; i < 6; i++)
        CHECK (trimmed[i] >= '0' && trimmed[i] <= '9');
      CHECK (strcmp (trimmed, "000000") != 0);
    }
  else
    check_error (error, input);
}

static void
check_name (const char *input,
            gsize       max_chars)
{
  g_autoptr(GError) error = NULL;
  gboolean unlimited_ok = vita_validate_name_part (input, 0, NULL);

  /* Only the length decides between no limit and max_chars. */
  if (unlimited_ok && max_chars > 0)
    CHECK (vita_validate_name_part (input, max_chars, NULL) ==
           ((gsize) g_utf8_strlen (input, -1) <= max_chars));

  if (vita_validate_name_part (input, max_chars, &error))
    {
      accepted[ACCEPT_NAME]++;
      CHECK (error == NULL);
      CHECK (g_utf8_validate (input, -1, NULL));
      if (max_chars > 0)
        CHECK ((gsize) g_utf8_strlen (input, -1) <= max_chars);
      for (const char *p = input; *p != '\0'; p++)
        CHECK (!g_ascii_isdigit (*p) && !g_ascii_iscntrl (*p));
      CHECK (input[0] != '-' && input[0] != ' ');
      CHECK (input[strlen (input) - 1] != '-' && input[strlen (input) - 1] != ' ');
      /* A looser limit cannot refuse what a tighter one accepted. */
      CHECK (unlimited_ok);
    }
  else
    {
      check_error (error, input);
      if (error->code != VITA_VALIDATE_ERROR_TOO_LONG)
        CHECK (!unlimited_ok);
    }
}

static void
check_input (const char  *input,
             GRand       *rand,
             const GDate *today)
{
  gboolean ssn_ok = FALSE, itin_ok = FALSE, atin_ok = FALSE;
  guint logs_before = log_count;

  for (gsize i = 0; i < G_N_ELEMENTS (str_validators); i++)
    {
      gboolean ok = check_str_validator (&str_validators[i], input);

      if (str_validators[i].validate == vita_validate_ssn)
        ssn_ok = ok;
      else if (str_validators[i].validate == vita_validate_itin)
        itin_ok = ok;
      else if (str_validators[i].validate == vita_validate_atin)
        atin_ok = ok;
    }

  check_tins (input, ssn_ok, itin_ok, atin_ok);
  check_dates (input, today);
  check_ip_pin (input);
  check_name (input, g_rand_int_range (rand, 0, 3) == 0
                     ? 0 : (gsize) g_rand_int_range (rand, 1, 40));

  /* The validators see identifiers and must stay silent. */
  CHECK (log_count == logs_before);
}

/* Input generators */

static const char * const seeds[] = {
  "123-45-6789", "912-70-1234", "912-93-1234", "987-65-4321", "912-66-1234",
  "12-3456789", "2024-02-29", "02/29/2000", "1900-02-29", "12/31/1999",
  "12345", "12345-6789", "(202) 555-0123", "+1 202 555 0123",
  "name@example.com", "josé@müller.de", "用户@例子.广告", "TX", "pr", "123456",
  "María José", "García-López", "O'Brien", "Nguyễn", "محمد", "अर्जुन",
};

/* Pieces that sit near the validators' edge cases. */
static const char * const pieces[] = {
  "0", "1", "9", "00", "93", "65", "66", "88", "89", "-", " ", "  ", "/", ".",
  "@", "+", "(", ")", "'", "’", "\t", "\n", "é", "e\xcc\x81", "İ", "ẞ", "Σ",
  "١", "９", "²", "Ⅲ", "\xe2\x80\x8c", "\xe2\x80\x8d", "\xe2\x80\xae",
  "\xc2\xa0", "。", "😀", "xn--", "\xff", "\xc3", "\xe2\x82", "\xed\xa0\x80",
  "\xf4\x90\x80\x80", "\xc0\x80", "a", "Z", "..", "@@", "--",
};

static void
append_random_codepoint (GString *s,
                         GRand   *rand)
{
  static const gunichar ranges[][2] = {
    { 0x20, 0x7e }, { 0xa0, 0x24f }, { 0x300, 0x36f }, { 0x370, 0x3ff },
    { 0x400, 0x4ff }, { 0x600, 0x6ff }, { 0x900, 0x97f }, { 0x1e00, 0x1eff },
    { 0x2000, 0x206f }, { 0x3000, 0x303f }, { 0x4e00, 0x4e80 },
    { 0xff00, 0xffef }, { 0x1f600, 0x1f64f }, { 0xe000, 0xe0ff },
  };
  guint r = g_rand_int_range (rand, 0, G_N_ELEMENTS (ranges));
  gunichar ch = g_rand_int_range (rand, ranges[r][0], ranges[r][1] + 1);

  g_string_append_unichar (s, ch);
}

static char *
make_input (GRand *rand,
            gsize *len_out)
{
  GString *s = g_string_new (NULL);
  guint kind = g_rand_int_range (rand, 0, 7);
  guint n;

  switch (kind)
    {
    case 0: /* random bytes, any value but NUL */
      n = g_rand_int_range (rand, 0, 40);
      for (guint i = 0; i < n; i++)
        g_string_append_c (s, (char) g_rand_int_range (rand, 1, 256));
      break;

    case 1: /* digits with the separators the validators know */
      n = g_rand_int_range (rand, 0, 16);
      for (guint i = 0; i < n; i++)
        {
          static const char alphabet[] = "0123456789012345678901234567899-- ./()+";

          g_string_append_c (s, alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]);
        }
      break;

    case 2: /* a 9-digit TIN shape, often valid-looking */
      g_string_append_printf (s, "%s%u%02u%s%s%04u",
                              g_rand_boolean (rand) ? "9" : "",
                              g_rand_int_range (rand, 0, g_rand_boolean (rand) ? 100 : 1000),
                              g_rand_int_range (rand, 0, 100),
                              g_rand_boolean (rand) ? "-" : "",
                              g_rand_boolean (rand) ? "" : " ",
                              g_rand_int_range (rand, 0, 10000));
      if (g_rand_int_range (rand, 0, 4) == 0)
        g_string_insert_c (s, g_rand_int_range (rand, 0, s->len + 1), '-');
      break;

    case 3: /* UTF-8 mix of scripts, marks, digits and format characters */
      n = g_rand_int_range (rand, 0, 20);
      for (guint i = 0; i < n; i++)
        append_random_codepoint (s, rand);
      break;

    case 4: /* pieces glued together */
      n = g_rand_int_range (rand, 0, 12);
      for (guint i = 0; i < n; i++)
        g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
      break;

    case 5: /* a valid-looking seed with a few mutations */
      g_string_append (s, seeds[g_rand_int_range (rand, 0, G_N_ELEMENTS (seeds))]);
      n = g_rand_int_range (rand, 0, 4);
      for (guint i = 0; i < n; i++)
        {
          guint op = g_rand_int_range (rand, 0, 3);
          guint pos = g_rand_int_range (rand, 0, s->len + 1);

          if (op == 0 && pos < s->len)
            s->str[pos] = (char) g_rand_int_range (rand, 1, 256);
          else if (op == 1 && pos < s->len)
            g_string_erase (s, pos, 1);
          else
            g_string_insert (s, pos,
                             pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
        }
      break;

    case 6: /* long inputs, for the length limits */
    default:
      n = g_rand_int_range (rand, 200, 700);
      {
        const char *fill = g_rand_boolean (rand) ? "a" : "é";
        guint at = g_rand_int_range (rand, 0, n);

        for (guint i = 0; i < n; i++)
          {
            if (i == at)
              g_string_append_c (s, '@');
            else if (i % 50 == 49)
              g_string_append_c (s, '.');
            else
              g_string_append (s, fill);
          }
      }
      break;
    }

  *len_out = s->len;
  return g_string_free (s, FALSE);
}

static void
test_fuzz (void)
{
  GRand *rand = g_rand_new_with_seed (seed);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_MARCH, 2026);

  for (current_iteration = 0; current_iteration < iterations; current_iteration++)
    {
      g_autofree char *generated = NULL;
      char *exact;
      gsize len;

      generated = make_input (rand, &len);

      /* Exactly len + 1 bytes, so a read past the NUL is a heap overflow
       * the sanitizers catch. */
      exact = g_malloc (len + 1);
      memcpy (exact, generated, len + 1);
      current = exact;
      current_len = len;

      check_input (exact, rand, &today);

      current = NULL;
      g_free (exact);
    }

  /* NULL is documented as allowed everywhere. */
  current_len = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (str_validators); i++)
    {
      g_autoptr(GError) error = NULL;
      char *normalized = (char *) "sentinel";

      CHECK (!str_validators[i].validate (NULL, &normalized, &error));
      CHECK (normalized == NULL);
      CHECK (g_error_matches (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_EMPTY));
    }
  CHECK (vita_tin_normalize (NULL) == NULL);
  CHECK (vita_tin_classify (NULL) == VITA_TIN_KIND_UNKNOWN);
  CHECK (!vita_validate_tin (NULL, NULL, NULL, NULL));
  CHECK (!vita_validate_date (NULL, NULL, NULL));
  CHECK (!vita_validate_birth_date (NULL, &today, NULL, NULL));
  CHECK (!vita_validate_ip_pin (NULL, NULL));
  CHECK (!vita_validate_name_part (NULL, 0, NULL));

  g_test_message ("%u inputs, seed %u", iterations, seed);
  for (int i = 0; i < N_ACCEPT; i++)
    {
      g_test_message ("%s: %u accepted", accept_names[i], accepted[i]);
      if (iterations >= 10000)
        g_assert_cmpuint (accepted[i], >, 0);
    }

  g_rand_free (rand);
}

static void
test_fuzz_itin_expiry (void)
{
  GRand *rand = g_rand_new_with_seed (seed ^ 0x9e3779b9u);

  for (guint i = 0; i < iterations / 10; i++)
    {
      int last = g_rand_int_range (rand, 1990, 2100);
      int filing = g_rand_int_range (rand, 1990, 2110);
      GDate on, expiry, filed_on;

      g_date_clear (&on, 1);
      g_date_set_julian (&on, g_rand_int_range (rand, 726000, 770000));
      vita_itin_expiry_date (last, &expiry);

      CHECK (g_date_valid (&expiry));
      CHECK (vita_itin_is_expired (last, &on) == (g_date_compare (&on, &expiry) > 0));

      /* Still valid on its last day, expired the day after. */
      CHECK (!vita_itin_is_expired (last, &expiry));
      g_date_add_days (&expiry, 1);
      CHECK (vita_itin_is_expired (last, &expiry));

      /* Any day of the filing season year gives the same answer. */
      g_date_clear (&filed_on, 1);
      g_date_set_dmy (&filed_on, 1, G_DATE_JANUARY, filing + 1);
      g_date_add_days (&filed_on, g_rand_int_range (rand, 0, 365));
      CHECK (vita_itin_needs_renewal_for (last, filing) ==
             vita_itin_is_expired (last, &filed_on));
    }

  g_rand_free (rand);
}

static guint64
env_number (const char *name,
            guint64     fallback)
{
  const char *value = g_getenv (name);
  guint64 number;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &number, NULL))
    return fallback;

  return number;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (counting_writer, NULL, NULL);

  seed = (guint32) env_number ("VITA_FUZZ_SEED", DEFAULT_SEED);
  iterations = (guint) env_number ("VITA_FUZZ_ITERATIONS", DEFAULT_ITERATIONS);

  g_test_add_func ("/validate/fuzz/all", test_fuzz);
  g_test_add_func ("/validate/fuzz/itin-expiry", test_fuzz_itin_expiry);

  return g_test_run ();
}
