/* test-validate.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib.h>

#include "vita-validate.h"

/* Every row of every table below is its own GTest case, so a failure names
 * the validator and the row.  All identifiers here are made up. */

#define OK (-1)
#define EMPTY VITA_VALIDATE_ERROR_EMPTY
#define FORMAT VITA_VALIDATE_ERROR_FORMAT
#define RANGE VITA_VALIDATE_ERROR_RANGE
#define NOT_ISSUED VITA_VALIDATE_ERROR_NOT_ISSUED
#define TOO_LONG VITA_VALIDATE_ERROR_TOO_LONG

/* Anything logged while a validator runs fails the test: these functions
 * see taxpayer identifiers and must stay silent, even at debug level. */
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

/* The error must not repeat what was typed. */
static void
assert_message_hides_value (const GError *error,
                            const char   *input)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *tin = NULL;

  g_assert_nonnull (error->message);
  g_assert_cmpuint (strlen (error->message), >, 0);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));

  if (input == NULL)
    return;

  trimmed = g_strstrip (g_strdup (input));
  if (strlen (trimmed) >= 5)
    g_assert_null (strstr (error->message, trimmed));

  tin = vita_tin_normalize (input);
  if (tin != NULL)
    g_assert_null (strstr (error->message, tin));
}

/* Validators with a normalized output */

typedef gboolean (*StrValidator) (const char  *text,
                                  char       **normalized,
                                  GError     **error);

typedef struct
{
  const char *input;
  int         code;
  const char *normalized;
} StrCase;

typedef struct
{
  StrValidator   validate;
  const StrCase *c;
} StrTest;

static void
test_str_case (gconstpointer data)
{
  const StrTest *t = data;
  const StrCase *c = t->c;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  /* Not freeable: failure must overwrite it with NULL. */
  char *out = (char *) "sentinel";
  guint logs_before = log_count;
  gboolean ok;

  ok = t->validate (c->input, &out, &error);
  normalized = out;

  if (c->code == OK)
    {
      g_autoptr(GError) again_error = NULL;
      g_autofree char *again = NULL;

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (normalized, ==, c->normalized);

      /* What we store must be accepted as it is. */
      g_assert_true (t->validate (normalized, &again, &again_error));
      g_assert_no_error (again_error);
      g_assert_cmpstr (again, ==, normalized);
    }
  else
    {
      g_assert_false (ok);
      g_assert_null (normalized);
      g_assert_error (error, VITA_VALIDATE_ERROR, c->code);
      assert_message_hides_value (error, c->input);
    }

  /* Both out-parameters are optional. */
  g_assert_cmpint (t->validate (c->input, NULL, NULL), ==, ok);
  g_assert_cmpuint (log_count, ==, logs_before);
}

static void
add_str_cases (const char    *name,
               StrValidator   validate,
               const StrCase *cases,
               gsize          n_cases)
{
  for (gsize i = 0; i < n_cases; i++)
    {
      g_autofree char *path = g_strdup_printf ("/validate/%s/%03u", name, (guint) i);
      StrTest *t = g_new0 (StrTest, 1);

      t->validate = validate;
      t->c = &cases[i];
      g_test_add_data_func_full (path, t, test_str_case, g_free);
    }
}

static const StrCase ssn_cases[] = {
  { "123-45-6788", OK, "123456788" },
  { "123456788", OK, "123456788" },
  { "123 45 6788", OK, "123456788" },
  { "123-456788", OK, "123456788" },
  { "12345-6788", OK, "123456788" },
  { "123 456788", OK, "123456788" },
  { "123-45 6788", OK, "123456788" },
  { "  123-45-6788  ", OK, "123456788" },
  { "\t123-45-6788\r\n", OK, "123456788" },
  { "001-01-0001", OK, "001010001" },
  { "665-99-9999", OK, "665999999" },
  { "667-01-0001", OK, "667010001" },
  { "899-99-9999", OK, "899999999" },
  { "772-12-3456", OK, "772123456" },
  { "734-01-0001", OK, "734010001" },
  { "555-55-5555", OK, "555555555" },
  { "123-01-0001", OK, "123010001" },
  { "123-45-0001", OK, "123450001" },
  { "800-10-1000", OK, "800101000" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { "   ", EMPTY, NULL },
  { "\t\n", EMPTY, NULL },
  { "000-12-3456", NOT_ISSUED, NULL },
  { "000-00-0000", NOT_ISSUED, NULL },
  { "666-12-3456", NOT_ISSUED, NULL },
  { "666-00-0000", NOT_ISSUED, NULL },
  { "900-12-3456", NOT_ISSUED, NULL },
  { "999-99-9999", NOT_ISSUED, NULL },
  { "912-70-1234", NOT_ISSUED, NULL },
  { "912-93-1234", NOT_ISSUED, NULL },
  { "987-65-4320", NOT_ISSUED, NULL },
  { "987-65-4325", NOT_ISSUED, NULL },
  { "987-65-4329", NOT_ISSUED, NULL },
  /* Well-known sample numbers (wallet card, SSA pamphlet, advertisements). */
  { "078-05-1120", NOT_ISSUED, NULL },
  { "219-09-9999", NOT_ISSUED, NULL },
  { "123-45-6789", NOT_ISSUED, NULL },
  { "123 45 6789", NOT_ISSUED, NULL },
  { "123-00-4567", NOT_ISSUED, NULL },
  { "123-45-0000", NOT_ISSUED, NULL },
  { "12-345-6789", FORMAT, NULL },
  { "1234-56-789", FORMAT, NULL },
  { "123-4-56789", FORMAT, NULL },
  { "123--45-6789", FORMAT, NULL },
  { "123-45--6789", FORMAT, NULL },
  { "123-45-6789-", FORMAT, NULL },
  { "-123-45-6789", FORMAT, NULL },
  { "123-45-678", FORMAT, NULL },
  { "123-45-67890", FORMAT, NULL },
  { "1234567890", FORMAT, NULL },
  { "12345678", FORMAT, NULL },
  { "123-45-678O", FORMAT, NULL },
  { "abc-de-fghi", FORMAT, NULL },
  { "123.45.6789", FORMAT, NULL },
  { "123/45/6789", FORMAT, NULL },
  { "123_45_6789", FORMAT, NULL },
  { "１２３-４５-６７８９", FORMAT, NULL },
  { "١٢٣-٤٥-٦٧٨٩", FORMAT, NULL },
  { "१२३-४५-६७८९", FORMAT, NULL },
  { "123-45-678\xff", FORMAT, NULL },
  { "123-45-6789\xff", FORMAT, NULL },
  { "123-45 -6789", FORMAT, NULL },
  { "123- 45-6789", FORMAT, NULL },
  { "123 - 45 - 6789", FORMAT, NULL },
  { "123  45  6789", FORMAT, NULL },
  { "123-45-6789 x", FORMAT, NULL },
  { "SSN 123-45-6789", FORMAT, NULL },
  { "+123456789", FORMAT, NULL },
  { "123\xc2\xa0" "45-6789", FORMAT, NULL },
  { "1 2 3 4 5 6 7 8 9", FORMAT, NULL },
  { "123-45-6789\n123-45-6789", FORMAT, NULL },
  { "123–45–6789", FORMAT, NULL },
};

static const StrCase itin_cases[] = {
  { "912-50-1234", OK, "912501234" },
  { "912-55-1234", OK, "912551234" },
  { "912-60-1234", OK, "912601234" },
  { "912-65-1234", OK, "912651234" },
  { "912-70-1234", OK, "912701234" },
  { "912-78-1234", OK, "912781234" },
  { "912-80-1234", OK, "912801234" },
  { "912-88-1234", OK, "912881234" },
  { "912-90-1234", OK, "912901234" },
  { "912-91-1234", OK, "912911234" },
  { "912-92-1234", OK, "912921234" },
  { "912-94-1234", OK, "912941234" },
  { "912-95-1234", OK, "912951234" },
  { "912-99-1234", OK, "912991234" },
  { "900-70-0001", OK, "900700001" },
  { "999-77-9999", OK, "999779999" },
  { "912701234", OK, "912701234" },
  { "912 70 1234", OK, "912701234" },
  { " 912-70-1234 ", OK, "912701234" },
  { "987-65-4319", OK, "987654319" },
  { "987-65-4330", OK, "987654330" },
  { "987-64-4321", OK, "987644321" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { "  ", EMPTY, NULL },
  { "912-49-1234", NOT_ISSUED, NULL },
  { "912-66-1234", NOT_ISSUED, NULL },
  { "912-67-1234", NOT_ISSUED, NULL },
  { "912-68-1234", NOT_ISSUED, NULL },
  { "912-69-1234", NOT_ISSUED, NULL },
  { "912-89-1234", NOT_ISSUED, NULL },
  { "912-93-1234", NOT_ISSUED, NULL },
  { "912-00-1234", NOT_ISSUED, NULL },
  { "912-01-1234", NOT_ISSUED, NULL },
  { "912-10-1234", NOT_ISSUED, NULL },
  { "912-11-1234", NOT_ISSUED, NULL },
  { "912-30-1234", NOT_ISSUED, NULL },
  { "912-40-1234", NOT_ISSUED, NULL },
  { "912-48-1234", NOT_ISSUED, NULL },
  { "812-70-1234", NOT_ISSUED, NULL },
  { "123-45-6789", NOT_ISSUED, NULL },
  { "012-70-1234", NOT_ISSUED, NULL },
  { "987-65-4320", NOT_ISSUED, NULL },
  { "987-65-4325", NOT_ISSUED, NULL },
  { "987-65-4329", NOT_ISSUED, NULL },
  { "9127-0-1234", FORMAT, NULL },
  { "91-270-1234", FORMAT, NULL },
  { "912-70-123", FORMAT, NULL },
  { "912-70-12345", FORMAT, NULL },
  { "9XX-70-1234", FORMAT, NULL },
  { "912_70_1234", FORMAT, NULL },
  { "９１２-70-1234", FORMAT, NULL },
  { "912-7O-1234", FORMAT, NULL },
  { "ITIN 912-70-1234", FORMAT, NULL },
  { "912-70-1234.", FORMAT, NULL },
  { "912-70-1234\xc0", FORMAT, NULL },
};

static const StrCase atin_cases[] = {
  { "912-93-1234", OK, "912931234" },
  { "999-93-9999", OK, "999939999" },
  { "900-93-0001", OK, "900930001" },
  { "912931234", OK, "912931234" },
  { "912 93 1234", OK, "912931234" },
  { "\t912-93-1234\n", OK, "912931234" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { "   ", EMPTY, NULL },
  { "912-92-1234", NOT_ISSUED, NULL },
  { "912-94-1234", NOT_ISSUED, NULL },
  { "912-39-1234", NOT_ISSUED, NULL },
  { "912-70-1234", NOT_ISSUED, NULL },
  { "812-93-1234", NOT_ISSUED, NULL },
  { "123-93-4567", NOT_ISSUED, NULL },
  { "912-9-31234", FORMAT, NULL },
  { "9129-3-1234", FORMAT, NULL },
  { "912-93-123", FORMAT, NULL },
  { "912-93-12a4", FORMAT, NULL },
  { "912-９3-1234", FORMAT, NULL },
};

static const StrCase ein_cases[] = {
  { "01-2345678", OK, "012345678" },
  { "06-2345678", OK, "062345678" },
  { "10-2345678", OK, "102345678" },
  { "16-2345678", OK, "162345678" },
  { "20-2345678", OK, "202345678" },
  { "27-2345678", OK, "272345678" },
  { "30-2345678", OK, "302345678" },
  { "31-0000001", OK, "310000001" },
  { "48-2345678", OK, "482345678" },
  { "50-2345678", OK, "502345678" },
  { "68-2345678", OK, "682345678" },
  { "71-2345678", OK, "712345678" },
  { "77-2345678", OK, "772345678" },
  { "80-2345678", OK, "802345678" },
  { "88-2345678", OK, "882345678" },
  { "90-2345678", OK, "902345678" },
  { "95-2345678", OK, "952345678" },
  { "98-2345678", OK, "982345678" },
  { "99-2345678", OK, "992345678" },
  { "123456789", OK, "123456789" },
  { "12 3456789", OK, "123456789" },
  { "  12-3456789\n", OK, "123456789" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { " \t ", EMPTY, NULL },
  { "00-2345678", NOT_ISSUED, NULL },
  { "07-2345678", NOT_ISSUED, NULL },
  { "08-2345678", NOT_ISSUED, NULL },
  { "09-2345678", NOT_ISSUED, NULL },
  { "17-2345678", NOT_ISSUED, NULL },
  { "18-2345678", NOT_ISSUED, NULL },
  { "19-2345678", NOT_ISSUED, NULL },
  { "28-2345678", NOT_ISSUED, NULL },
  { "29-2345678", NOT_ISSUED, NULL },
  { "49-2345678", NOT_ISSUED, NULL },
  { "69-2345678", NOT_ISSUED, NULL },
  { "70-2345678", NOT_ISSUED, NULL },
  { "78-2345678", NOT_ISSUED, NULL },
  { "79-2345678", NOT_ISSUED, NULL },
  { "89-2345678", NOT_ISSUED, NULL },
  { "96-2345678", NOT_ISSUED, NULL },
  { "97-2345678", NOT_ISSUED, NULL },
  { "123-45-6789", FORMAT, NULL },
  { "1-23456789", FORMAT, NULL },
  { "123-456789", FORMAT, NULL },
  { "12--3456789", FORMAT, NULL },
  { "12-345678", FORMAT, NULL },
  { "12-34567890", FORMAT, NULL },
  { "12-345678a", FORMAT, NULL },
  { "-12-3456789", FORMAT, NULL },
  { "12-3456789-", FORMAT, NULL },
  { "EIN 12-3456789", FORMAT, NULL },
  { "１２-3456789", FORMAT, NULL },
  { "12.3456789", FORMAT, NULL },
  { "12/3456789", FORMAT, NULL },
  { "12-3456789\xff", FORMAT, NULL },
};

static const StrCase zip_cases[] = {
  { "12345", OK, "12345" },
  { "12345-6789", OK, "12345-6789" },
  { "123456789", OK, "12345-6789" },
  { "12345 6789", OK, "12345-6789" },
  { " 90210 ", OK, "90210" },
  { "00501", OK, "00501" },
  { "00001", OK, "00001" },
  { "99950", OK, "99950" },
  { "99999-9999", OK, "99999-9999" },
  { "10001-0000", OK, "10001-0000" },
  { "\t60601-1234\n", OK, "60601-1234" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { "  ", EMPTY, NULL },
  { "00000", NOT_ISSUED, NULL },
  { "00000-0000", NOT_ISSUED, NULL },
  { "00000-1234", NOT_ISSUED, NULL },
  { "000000000", NOT_ISSUED, NULL },
  { "1234", FORMAT, NULL },
  { "123456", FORMAT, NULL },
  { "12345-678", FORMAT, NULL },
  { "12345-67890", FORMAT, NULL },
  { "1234-56789", FORMAT, NULL },
  { "12345--6789", FORMAT, NULL },
  { "12345_6789", FORMAT, NULL },
  { "12345.6789", FORMAT, NULL },
  { "ABCDE", FORMAT, NULL },
  { "12 345", FORMAT, NULL },
  { "١٢٣٤٥", FORMAT, NULL },
  { "１２３４５", FORMAT, NULL },
  { "12345-", FORMAT, NULL },
  { "-12345", FORMAT, NULL },
  { "K1A 0B6", FORMAT, NULL },
  { "1234\xff", FORMAT, NULL },
  { "12345-678\xff", FORMAT, NULL },
};

static const StrCase phone_cases[] = {
  { "(202) 555-0123", OK, "2025550123" },
  { "202-555-0123", OK, "2025550123" },
  { "202.555.0123", OK, "2025550123" },
  { "2025550123", OK, "2025550123" },
  { "202 555 0123", OK, "2025550123" },
  { "1 202 555 0123", OK, "2025550123" },
  { "1-202-555-0123", OK, "2025550123" },
  { "12025550123", OK, "2025550123" },
  { "+1 202 555 0123", OK, "2025550123" },
  { "+1 (202) 555-0123", OK, "2025550123" },
  { "+12025550123", OK, "2025550123" },
  { "  (212)555-0199\n", OK, "2125550199" },
  { "800-234-5678", OK, "8002345678" },
  { "999-999-9999", OK, "9999999999" },
  { "201-200-0000", OK, "2012000000" },
  { "(787) 555-0100", OK, "7875550100" },
  { "212-211-0123", OK, "2122110123" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { "   ", EMPTY, NULL },
  { "011-555-0123", NOT_ISSUED, NULL },
  { "102-555-0123", NOT_ISSUED, NULL },
  { "1 102 555 0123", NOT_ISSUED, NULL },
  { "+1 011 555 0123", NOT_ISSUED, NULL },
  { "(211) 555-0123", NOT_ISSUED, NULL },
  { "(411) 555-0123", NOT_ISSUED, NULL },
  { "811-555-0123", NOT_ISSUED, NULL },
  { "911-555-0123", NOT_ISSUED, NULL },
  { "202-055-0123", NOT_ISSUED, NULL },
  { "202-155-0123", NOT_ISSUED, NULL },
  { "555-0123", FORMAT, NULL },
  { "202-555-012", FORMAT, NULL },
  { "202-555-01234", FORMAT, NULL },
  { "2202-555-0123", FORMAT, NULL },
  { "1-1-202-555-0123", FORMAT, NULL },
  { "+44 20 7946 0958", FORMAT, NULL },
  { "+52 55 1234 5678", FORMAT, NULL },
  { "+1202555012", FORMAT, NULL },
  { "++1 202 555 0123", FORMAT, NULL },
  { "1+202 555 0123", FORMAT, NULL },
  { "202-555-0123 ext 4", FORMAT, NULL },
  { "202-555-0123x4", FORMAT, NULL },
  { "1-800-FLOWERS", FORMAT, NULL },
  { "202/555/0123", FORMAT, NULL },
  { "202_555_0123", FORMAT, NULL },
  { "(202) 555–0123", FORMAT, NULL },
  { "２０２-555-0123", FORMAT, NULL },
  { "202\xff" "5550123", FORMAT, NULL },
  { "+", FORMAT, NULL },
  { "()-. ", FORMAT, NULL },
};

static const StrCase email_cases[] = {
  { "name@example.com", OK, "name@example.com" },
  { "Name@Example.COM", OK, "Name@example.com" },
  { "first.last@example.org", OK, "first.last@example.org" },
  { "a+tag@sub.example.co.uk", OK, "a+tag@sub.example.co.uk" },
  { "x@example.museum", OK, "x@example.museum" },
  { "user_name@exa-mple.com", OK, "user_name@exa-mple.com" },
  { "o'brien@example.ie", OK, "o'brien@example.ie" },
  { "  a@b.co  ", OK, "a@b.co" },
  { "josé@ejemplo.mx", OK, "josé@ejemplo.mx" },
  { "user@müller.de", OK, "user@müller.de" },
  { "user@MÜLLER.DE", OK, "user@müller.de" },
  { "用户@例子.广告", OK, "用户@例子.广告" },
  { "a@b-c.d-e.com", OK, "a@b-c.d-e.com" },
  { "1234@example.com", OK, "1234@example.com" },
  { "a@123.example.com", OK, "a@123.example.com" },
  { "!#$%&'*+-/=?^_`{|}~@example.com", OK, "!#$%&'*+-/=?^_`{|}~@example.com" },
  { "a@xn--mller-kva.de", OK, "a@xn--mller-kva.de" },
  { "maría.garcía@correo.es", OK, "maría.garcía@correo.es" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { "   ", EMPTY, NULL },
  { "plainaddress", FORMAT, NULL },
  { "@example.com", FORMAT, NULL },
  { "name@", FORMAT, NULL },
  { "name@example", FORMAT, NULL },
  { "name@@example.com", FORMAT, NULL },
  { "a@b@example.com", FORMAT, NULL },
  { "name@.example.com", FORMAT, NULL },
  { "name@example..com", FORMAT, NULL },
  { "name@example.com.", FORMAT, NULL },
  { "name@-example.com", FORMAT, NULL },
  { "name@example-.com", FORMAT, NULL },
  { "name@example.-com", FORMAT, NULL },
  { ".name@example.com", FORMAT, NULL },
  { "name.@example.com", FORMAT, NULL },
  { "na..me@example.com", FORMAT, NULL },
  { "na me@example.com", FORMAT, NULL },
  { "name@exa mple.com", FORMAT, NULL },
  { "name@exam_ple.com", FORMAT, NULL },
  { "name@192.168.0.1", FORMAT, NULL },
  { "name@[192.168.0.1]", FORMAT, NULL },
  { "\"quoted\"@example.com", FORMAT, NULL },
  { "name(comment)@example.com", FORMAT, NULL },
  { "name@exa!mple.com", FORMAT, NULL },
  { "name@例子。广告", FORMAT, NULL },
  { "<name@example.com>", FORMAT, NULL },
  { "name@exam\u200Bple.com", FORMAT, NULL },
  { "name@example.com\xff", FORMAT, NULL },
  { "na\xc3me@example.com", FORMAT, NULL },
  { "name@example.com\nBcc: x@example.com", FORMAT, NULL },
  { "name\t@example.com", FORMAT, NULL },
  { "name@😀.com", FORMAT, NULL },
  { "name😀@example.com", FORMAT, NULL },
};

static const StrCase state_cases[] = {
  { "TX", OK, "TX" },
  { "tx", OK, "TX" },
  { "Tx", OK, "TX" },
  { " ca ", OK, "CA" },
  { "AL", OK, "AL" },
  { "AK", OK, "AK" },
  { "WY", OK, "WY" },
  { "NY", OK, "NY" },
  { "DC", OK, "DC" },
  { "PR", OK, "PR" },
  { "VI", OK, "VI" },
  { "GU", OK, "GU" },
  { "AS", OK, "AS" },
  { "MP", OK, "MP" },
  { "FM", OK, "FM" },
  { "MH", OK, "MH" },
  { "PW", OK, "PW" },
  { "AA", OK, "AA" },
  { "AE", OK, "AE" },
  { "ap", OK, "AP" },
  { NULL, EMPTY, NULL },
  { "", EMPTY, NULL },
  { " ", EMPTY, NULL },
  { "ZZ", NOT_ISSUED, NULL },
  { "XX", NOT_ISSUED, NULL },
  { "UM", NOT_ISSUED, NULL },
  { "CZ", NOT_ISSUED, NULL },
  { "QC", NOT_ISSUED, NULL },
  { "MX", NOT_ISSUED, NULL },
  { "AB", NOT_ISSUED, NULL },
  { "T", FORMAT, NULL },
  { "TEX", FORMAT, NULL },
  { "Texas", FORMAT, NULL },
  { "T1", FORMAT, NULL },
  { "12", FORMAT, NULL },
  { "T X", FORMAT, NULL },
  { "ＴＸ", FORMAT, NULL },
  { "TX.", FORMAT, NULL },
  { "ñx", FORMAT, NULL },
  { "T\xff", FORMAT, NULL },
};

/* TIN: kind, and the classify/normalize helpers */

typedef struct
{
  const char  *input;
  int          code;
  VitaTinKind  kind;
  const char  *normalized;
} TinCase;

static const TinCase tin_cases[] = {
  { "123-45-6788", OK, VITA_TIN_KIND_SSN, "123456788" },
  { "001-01-0001", OK, VITA_TIN_KIND_SSN, "001010001" },
  { "899-99-9999", OK, VITA_TIN_KIND_SSN, "899999999" },
  { "667-01-0001", OK, VITA_TIN_KIND_SSN, "667010001" },
  { "912-50-1234", OK, VITA_TIN_KIND_ITIN, "912501234" },
  { "912-65-1234", OK, VITA_TIN_KIND_ITIN, "912651234" },
  { "912-70-1234", OK, VITA_TIN_KIND_ITIN, "912701234" },
  { "912-88-1234", OK, VITA_TIN_KIND_ITIN, "912881234" },
  { "912-90-1234", OK, VITA_TIN_KIND_ITIN, "912901234" },
  { "912-92-1234", OK, VITA_TIN_KIND_ITIN, "912921234" },
  { "912-94-1234", OK, VITA_TIN_KIND_ITIN, "912941234" },
  { "912-99-1234", OK, VITA_TIN_KIND_ITIN, "912991234" },
  { "912-93-1234", OK, VITA_TIN_KIND_ATIN, "912931234" },
  { " 999 93 0001 ", OK, VITA_TIN_KIND_ATIN, "999930001" },
  { "912-01-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-05-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-10-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-17-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-18-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-19-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-28-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-29-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-37-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-38-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-39-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-49-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-66-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-89-1234", NOT_ISSUED, VITA_TIN_KIND_IRSN, NULL },
  { "912-00-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-11-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-16-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-20-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-27-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-30-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-36-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-40-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-48-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-67-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-68-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-69-1234", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "000-12-3456", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "666-12-3456", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "123-00-4567", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "123-45-0000", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "987-65-4320", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "987-65-4321", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "987-65-4329", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "078-05-1120", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "219-09-9999", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "123-45-6789", NOT_ISSUED, VITA_TIN_KIND_UNKNOWN, NULL },
  { "12-3456789", FORMAT, VITA_TIN_KIND_UNKNOWN, NULL },
  { "1234-56-789", FORMAT, VITA_TIN_KIND_UNKNOWN, NULL },
  { "912-70-12345", FORMAT, VITA_TIN_KIND_UNKNOWN, NULL },
  { "abc", FORMAT, VITA_TIN_KIND_UNKNOWN, NULL },
  { "９１２-70-1234", FORMAT, VITA_TIN_KIND_UNKNOWN, NULL },
  { NULL, EMPTY, VITA_TIN_KIND_UNKNOWN, NULL },
  { "", EMPTY, VITA_TIN_KIND_UNKNOWN, NULL },
  { "\n", EMPTY, VITA_TIN_KIND_UNKNOWN, NULL },
};

static void
test_tin_case (gconstpointer data)
{
  const TinCase *c = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = NULL;
  VitaTinKind kind = (VitaTinKind) 99;
  guint logs_before = log_count;
  gboolean ok;

  ok = vita_validate_tin (c->input, &kind, &normalized, &error);

  /* The kind is reported even when the number is refused, so the form can
   * say "this is an IRSN". */
  g_assert_cmpint (kind, ==, c->kind);
  g_assert_cmpint (vita_tin_classify (c->input), ==, c->kind);

  if (c->code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (normalized, ==, c->normalized);
      g_assert_true (vita_validate_tin (normalized, NULL, NULL, NULL));
    }
  else
    {
      g_assert_false (ok);
      g_assert_null (normalized);
      g_assert_error (error, VITA_VALIDATE_ERROR, c->code);
      assert_message_hides_value (error, c->input);
    }

  g_assert_cmpint (vita_validate_tin (c->input, NULL, NULL, NULL), ==, ok);
  g_assert_cmpuint (log_count, ==, logs_before);
}

static void
test_tin_irsn_message (void)
{
  g_autoptr(GError) error = NULL;

  /* The volunteer must learn why the number cannot be used. */
  g_assert_false (vita_validate_tin ("912-66-1234", NULL, NULL, &error));
  g_assert_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_NOT_ISSUED);
  g_assert_nonnull (strstr (error->message, "IRSN"));
  g_clear_error (&error);

  g_assert_false (vita_validate_itin ("912-89-1234", NULL, &error));
  g_assert_nonnull (strstr (error->message, "IRSN"));
  g_clear_error (&error);

  g_assert_false (vita_validate_itin ("912-93-1234", NULL, &error));
  g_assert_nonnull (strstr (error->message, "ATIN"));
  g_clear_error (&error);

  g_assert_false (vita_validate_itin ("912-69-1234", NULL, &error));
  g_assert_nonnull (strstr (error->message, "50–65, 70–88, 90–92 or 94–99"));
}

typedef struct
{
  const char *input;
  const char *normalized;
} NormalizeCase;

static const NormalizeCase normalize_cases[] = {
  { "123-45-6789", "123456789" },
  { "123456789", "123456789" },
  { "123 45 6789", "123456789" },
  { "123-456789", "123456789" },
  { "12345-6789", "123456789" },
  { " 000-00-0000 ", "000000000" },
  { "912-70-1234", "912701234" },
  { "\t987 65 4321\n", "987654321" },
  { NULL, NULL },
  { "", NULL },
  { " ", NULL },
  { "12-3456789", NULL },
  { "1234-56-789", NULL },
  { "123-4-56789", NULL },
  { "123--45-6789", NULL },
  { "-123456789", NULL },
  { "123456789-", NULL },
  { "123.45.6789", NULL },
  { "12345678", NULL },
  { "1234567890", NULL },
  { "１２３４５６７８９", NULL },
  { "12345678\xff", NULL },
  { "123-45-678a", NULL },
};

static void
test_normalize_case (gconstpointer data)
{
  const NormalizeCase *c = data;
  g_autofree char *normalized = vita_tin_normalize (c->input);

  g_assert_cmpstr (normalized, ==, c->normalized);
}

/* Dates */

typedef struct
{
  const char *input;
  int         code;
  int         year;
  int         month;
  int         day;
} DateCase;

static const DateCase date_cases[] = {
  { "2000-02-29", OK, 2000, 2, 29 },
  { "02/29/2000", OK, 2000, 2, 29 },
  { "2024-02-29", OK, 2024, 2, 29 },
  { "02/29/2024", OK, 2024, 2, 29 },
  { "2/29/2024", OK, 2024, 2, 29 },
  { "1996-02-29", OK, 1996, 2, 29 },
  { "1900-02-28", OK, 1900, 2, 28 },
  { "2023-02-28", OK, 2023, 2, 28 },
  { "2100-02-28", OK, 2100, 2, 28 },
  { "1999-12-31", OK, 1999, 12, 31 },
  { "12/31/1999", OK, 1999, 12, 31 },
  { "2000-01-01", OK, 2000, 1, 1 },
  { "01/01/2000", OK, 2000, 1, 1 },
  { "1/1/2000", OK, 2000, 1, 1 },
  { "3/7/1985", OK, 1985, 3, 7 },
  { "03/07/1985", OK, 1985, 3, 7 },
  { "03/7/1985", OK, 1985, 3, 7 },
  { "2026-04-30", OK, 2026, 4, 30 },
  { "04/30/2026", OK, 2026, 4, 30 },
  { "1900-01-01", OK, 1900, 1, 1 },
  { "0001-01-01", OK, 1, 1, 1 },
  { "9999-12-31", OK, 9999, 12, 31 },
  { " 2024-06-15 ", OK, 2024, 6, 15 },
  { "\t06/15/2024\n", OK, 2024, 6, 15 },
  { "2024-01-31", OK, 2024, 1, 31 },
  { "2024-03-31", OK, 2024, 3, 31 },
  { "2024-11-30", OK, 2024, 11, 30 },
  { NULL, EMPTY, 0, 0, 0 },
  { "", EMPTY, 0, 0, 0 },
  { "   ", EMPTY, 0, 0, 0 },
  { "1900-02-29", RANGE, 0, 0, 0 },
  { "02/29/1900", RANGE, 0, 0, 0 },
  { "2100-02-29", RANGE, 0, 0, 0 },
  { "2023-02-29", RANGE, 0, 0, 0 },
  { "2/29/2023", RANGE, 0, 0, 0 },
  { "2024-02-30", RANGE, 0, 0, 0 },
  { "2024-04-31", RANGE, 0, 0, 0 },
  { "2024-06-31", RANGE, 0, 0, 0 },
  { "09/31/2024", RANGE, 0, 0, 0 },
  { "11/31/2024", RANGE, 0, 0, 0 },
  { "2024-13-01", RANGE, 0, 0, 0 },
  { "13/05/1990", RANGE, 0, 0, 0 },
  { "25/03/1990", RANGE, 0, 0, 0 },
  { "2024-00-10", RANGE, 0, 0, 0 },
  { "00/10/2024", RANGE, 0, 0, 0 },
  { "2024-01-00", RANGE, 0, 0, 0 },
  { "01/00/2024", RANGE, 0, 0, 0 },
  { "01/32/2024", RANGE, 0, 0, 0 },
  { "2024-01-32", RANGE, 0, 0, 0 },
  { "0000-01-01", RANGE, 0, 0, 0 },
  { "99/99/9999", RANGE, 0, 0, 0 },
  { "2024-1-5", FORMAT, 0, 0, 0 },
  { "24-01-05", FORMAT, 0, 0, 0 },
  { "01/05/24", FORMAT, 0, 0, 0 },
  { "01-05-2024", FORMAT, 0, 0, 0 },
  { "2024/01/05", FORMAT, 0, 0, 0 },
  { "20240105", FORMAT, 0, 0, 0 },
  { "001/05/2024", FORMAT, 0, 0, 0 },
  { "01/005/2024", FORMAT, 0, 0, 0 },
  { "001/5/2024", FORMAT, 0, 0, 0 },
  { "1/005/2024", FORMAT, 0, 0, 0 },
  { "01/05/20245", FORMAT, 0, 0, 0 },
  { "01.05.2024", FORMAT, 0, 0, 0 },
  { "Jan 5 2024", FORMAT, 0, 0, 0 },
  { "2024-01-05T00:00", FORMAT, 0, 0, 0 },
  { "01//2024", FORMAT, 0, 0, 0 },
  { "/01/2024", FORMAT, 0, 0, 0 },
  { "1/5/2024/", FORMAT, 0, 0, 0 },
  { "1/5/", FORMAT, 0, 0, 0 },
  { "２０２４-01-05", FORMAT, 0, 0, 0 },
  { "2024-01-0５", FORMAT, 0, 0, 0 },
  { "2024-01-05\xff", FORMAT, 0, 0, 0 },
  { "+1/05/2024", FORMAT, 0, 0, 0 },
  { " 1/ 5/2024", FORMAT, 0, 0, 0 },
  { "2024-+1-05", FORMAT, 0, 0, 0 },
  { "-024-01-05", FORMAT, 0, 0, 0 },
};

static void
test_date_case (gconstpointer data)
{
  const DateCase *c = data;
  g_autoptr(GError) error = NULL;
  GDate out;
  gboolean ok;

  g_date_clear (&out, 1);
  ok = vita_validate_date (c->input, &out, &error);

  if (c->code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (g_date_valid (&out));
      g_assert_cmpint (g_date_get_year (&out), ==, c->year);
      g_assert_cmpint (g_date_get_month (&out), ==, c->month);
      g_assert_cmpint (g_date_get_day (&out), ==, c->day);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, VITA_VALIDATE_ERROR, c->code);
      assert_message_hides_value (error, c->input);
      /* Left alone on failure. */
      g_assert_false (g_date_valid (&out));
    }

  g_assert_cmpint (vita_validate_date (c->input, NULL, NULL), ==, ok);
}

typedef struct
{
  const char *input;
  int         code;
} BirthCase;

/* Compared with a fixed "today" of 2026-03-15. */
static const BirthCase birth_cases[] = {
  { "2026-03-15", OK },
  { "03/15/2026", OK },
  { "2026-03-14", OK },
  { "2025-12-31", OK },
  { "2000-02-29", OK },
  { "1985-07-04", OK },
  { "2010-06-01", OK },
  { "12/31/1999", OK },
  { "1900-01-01", OK },
  { "1/1/1900", OK },
  { "1900-01-02", OK },
  { "2026-03-16", RANGE },
  { "03/16/2026", RANGE },
  { "2026-04-01", RANGE },
  { "2027-01-01", RANGE },
  { "9999-12-31", RANGE },
  { "1899-12-31", RANGE },
  { "12/31/1899", RANGE },
  { "0001-01-01", RANGE },
  { "1900-02-29", RANGE },
  { "2026-02-29", RANGE },
  { "15/03/1990", RANGE },
  { "90-03-15", FORMAT },
  { "March 15, 1990", FORMAT },
  { "", EMPTY },
  { NULL, EMPTY },
};

static void
test_birth_case (gconstpointer data)
{
  const BirthCase *c = data;
  g_autoptr(GError) error = NULL;
  GDate today;
  GDate out;
  gboolean ok;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_MARCH, 2026);
  g_date_clear (&out, 1);

  ok = vita_validate_birth_date (c->input, &today, &out, &error);

  if (c->code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_true (g_date_valid (&out));
      g_assert_cmpint (g_date_compare (&out, &today), <=, 0);
      g_assert_cmpint (g_date_get_year (&out), >=, 1900);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, VITA_VALIDATE_ERROR, c->code);
      assert_message_hides_value (error, c->input);
      g_assert_false (g_date_valid (&out));
    }
}

static void
test_birth_date_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *tomorrow = NULL;
  g_autoptr(GDateTime) next = g_date_time_add_days (now, 1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");

  /* NULL means the real today. */
  g_assert_true (vita_validate_birth_date ("1990-01-01", NULL, NULL, NULL));
  g_assert_true (vita_validate_birth_date (today, NULL, NULL, NULL));

  tomorrow = g_date_time_format (next, "%Y-%m-%d");
  g_assert_false (vita_validate_birth_date (tomorrow, NULL, NULL, &error));
  g_assert_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_RANGE);
}

static void
test_date_messages (void)
{
  g_autoptr(GError) error = NULL;

  /* A day-first date must point the volunteer at the month-first order. */
  g_assert_false (vita_validate_date ("25/03/1990", NULL, &error));
  g_assert_nonnull (strstr (error->message, "month/day/year"));
  g_clear_error (&error);

  g_assert_false (vita_validate_date ("02/29/2023", NULL, &error));
  g_assert_nonnull (strstr (error->message, "leap"));
}

/* IP PIN */

typedef struct
{
  const char *input;
  int         code;
} PinCase;

static const PinCase ip_pin_cases[] = {
  { "123456", OK },
  { "000001", OK },
  { "100000", OK },
  { "999999", OK },
  { " 654321 ", OK },
  { "\t012345\n", OK },
  { NULL, EMPTY },
  { "", EMPTY },
  { "   ", EMPTY },
  { "000000", NOT_ISSUED },
  { " 000000 ", NOT_ISSUED },
  { "12345", FORMAT },
  { "1234567", FORMAT },
  { "12345a", FORMAT },
  { "123 456", FORMAT },
  { "123-456", FORMAT },
  { "１２３４５６", FORMAT },
  { "٠١٢٣٤٥", FORMAT },
  { "12345\xff", FORMAT },
  { "+12345", FORMAT },
  { "0", FORMAT },
};

static void
test_ip_pin_case (gconstpointer data)
{
  const PinCase *c = data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = vita_validate_ip_pin (c->input, &error);

  if (c->code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, VITA_VALIDATE_ERROR, c->code);
      assert_message_hides_value (error, c->input);
    }

  g_assert_cmpint (vita_validate_ip_pin (c->input, NULL), ==, ok);
}

/* Names */

typedef struct
{
  const char *input;
  gsize       max_chars;
  int         code;
} NameCase;

static const NameCase name_cases[] = {
  { "María", 20, OK },
  { "José Luis", 20, OK },
  { "García-López", 35, OK },
  { "O'Brien", 20, OK },
  { "O’Brien", 20, OK },
  { "St. John", 20, OK },
  { "Nguyễn", 20, OK },
  { "Đặng", 20, OK },
  { "李", 20, OK },
  { "王小明", 20, OK },
  { "محمد", 20, OK },
  { "Владимир", 20, OK },
  { "Δημήτρης", 20, OK },
  { "अर्जुन", 20, OK },
  { "Müller", 20, OK },
  { "de la Cruz", 20, OK },
  { "Mary-Jane", 20, OK },
  { "J.", 1000, OK },
  { "Ng", 0, OK },
  { "Zoë", 3, OK },
  { "e\u0301", 2, OK },
  { "ʻOkalani", 20, OK },
  { "نرگس\u200Cزاده", 20, OK },
  { "Anne-Marie", 10, OK },
  { "José", 4, OK },
  { "Ñuñez", 5, OK },
  { "D'Angelo-Pérez de la Torre", 0, OK },
  { "Maria2", 20, FORMAT },
  { "Ⅲ", 20, FORMAT },
  { "Juan ٣", 20, FORMAT },
  { "Ana²", 20, FORMAT },
  { "-Maria", 20, FORMAT },
  { "Maria-", 20, FORMAT },
  { "-", 20, FORMAT },
  { " Maria", 20, FORMAT },
  { "Maria ", 20, FORMAT },
  { "Ma\tria", 20, FORMAT },
  { "Ma\nria", 20, FORMAT },
  { "Maria\x7f", 20, FORMAT },
  { "Maria\x01", 20, FORMAT },
  { "Ma\xffria", 20, FORMAT },
  { "Mar\xc3", 20, FORMAT },
  { "Ma\u202Eria", 20, FORMAT },
  { "Ma\u200Bria", 20, FORMAT },
  { "Maria!", 20, FORMAT },
  { "Maria@", 20, FORMAT },
  { "Maria_Jose", 20, FORMAT },
  { "Maria/Jose", 20, FORMAT },
  { "Maria,Jose", 20, FORMAT },
  { "Ma\u00A0ria", 20, FORMAT },
  { "'", 20, FORMAT },
  { "...", 20, FORMAT },
  { "\u0301a", 20, FORMAT },
  { "\u200Cab", 20, FORMAT },
  { "ab\u200C", 20, FORMAT },
  { "a\u200C b", 20, FORMAT },
  { "😀", 20, FORMAT },
  { "Ana😀", 20, FORMAT },
  { NULL, 20, EMPTY },
  { "", 20, EMPTY },
  { "   ", 20, EMPTY },
  { "Alexandria", 5, TOO_LONG },
  { "José", 3, TOO_LONG },
  { "Anne-Marie", 9, TOO_LONG },
  { "王小明", 2, TOO_LONG },
};

static void
test_name_case (gconstpointer data)
{
  const NameCase *c = data;
  g_autoptr(GError) error = NULL;
  guint logs_before = log_count;
  gboolean ok;

  ok = vita_validate_name_part (c->input, c->max_chars, &error);

  if (c->code == OK)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
    }
  else
    {
      g_assert_false (ok);
      g_assert_error (error, VITA_VALIDATE_ERROR, c->code);
      assert_message_hides_value (error, c->input);
    }

  g_assert_cmpint (vita_validate_name_part (c->input, c->max_chars, NULL), ==, ok);
  g_assert_cmpuint (log_count, ==, logs_before);
}

/* Lengths that are easier to build than to write out */

static void
test_email_lengths (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *local64 = g_strnfill (64, 'a');
  g_autofree char *local65 = g_strnfill (65, 'a');
  g_autofree char *label63 = g_strnfill (63, 'b');
  g_autofree char *label64 = g_strnfill (64, 'b');
  g_autofree char *label57 = g_strnfill (57, 'c');
  g_autofree char *address = NULL;
  g_autofree char *normalized = NULL;

  address = g_strconcat (local64, "@example.com", NULL);
  g_assert_true (vita_validate_email (address, NULL, &error));
  g_assert_no_error (error);
  g_free (address);

  address = g_strconcat (local65, "@example.com", NULL);
  g_assert_false (vita_validate_email (address, NULL, &error));
  g_assert_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_free (address);

  address = g_strconcat ("a@", label63, ".com", NULL);
  g_assert_true (vita_validate_email (address, NULL, &error));
  g_assert_no_error (error);
  g_free (address);

  address = g_strconcat ("a@", label64, ".com", NULL);
  g_assert_false (vita_validate_email (address, NULL, &error));
  g_assert_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_free (address);

  /* 64 + 1 + 63 + 1 + 63 + 1 + 57 + 4 = 254, the most allowed. */
  address = g_strconcat (local64, "@", label63, ".", label63, ".", label57, ".com", NULL);
  g_assert_cmpuint (strlen (address), ==, 254);
  g_assert_true (vita_validate_email (address, &normalized, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (normalized, ==, address);
  g_free (address);

  address = g_strconcat (local64, "@", label63, ".", label63, ".", label57, "c.com", NULL);
  g_assert_cmpuint (strlen (address), ==, 255);
  g_assert_false (vita_validate_email (address, NULL, &error));
  g_assert_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_free (address);

  /* White space around does not count. */
  address = g_strconcat ("   ", local64, "@", label63, ".", label63, ".", label57, ".com  ",
                         NULL);
  g_assert_true (vita_validate_email (address, NULL, &error));
  g_assert_no_error (error);
}

static void
test_name_messages (void)
{
  g_autoptr(GError) error = NULL;

  /* Each refusal names its reason, so the volunteer knows what to fix. */
  g_assert_false (vita_validate_name_part ("Ana3", 0, &error));
  g_assert_nonnull (strstr (error->message, "digits"));
  g_clear_error (&error);

  g_assert_false (vita_validate_name_part ("Ana\t", 0, &error));
  g_assert_nonnull (strstr (error->message, "hidden"));
  g_clear_error (&error);

  g_assert_false (vita_validate_name_part ("Ana-", 0, &error));
  g_assert_nonnull (strstr (error->message, "hyphen"));
  g_clear_error (&error);

  g_assert_false (vita_validate_name_part ("Ana!", 0, &error));
  g_assert_nonnull (strstr (error->message, "only letters"));
}

static void
test_name_long (void)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  /* Characters, not bytes: 35 two-byte letters fit a 35-character field. */
  for (int i = 0; i < 35; i++)
    g_string_append (name, "é");

  g_assert_true (vita_validate_name_part (name->str, 35, &error));
  g_assert_no_error (error);

  g_string_append (name, "é");
  g_assert_false (vita_validate_name_part (name->str, 35, &error));
  g_assert_error (error, VITA_VALIDATE_ERROR, VITA_VALIDATE_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "35"));
}

static void
test_error_quark (void)
{
  g_assert_cmpstr (g_quark_to_string (VITA_VALIDATE_ERROR), ==,
                   "vita-validate-error-quark");
}

#define ADD_CASES(name, cases, func)                                      \
  G_STMT_START {                                                              \
    for (gsize i_ = 0; i_ < G_N_ELEMENTS (cases); i_++)                       \
      {                                                                       \
        g_autofree char *path_ = g_strdup_printf ("/validate/%s/%03u", name,  \
                                                  (guint) i_);                \
        g_test_add_data_func (path_, &cases[i_], func);                       \
      }                                                                       \
  } G_STMT_END

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_log_set_writer_func (counting_writer, NULL, NULL);

  g_test_add_func ("/validate/error-quark", test_error_quark);

  add_str_cases ("ssn", vita_validate_ssn, ssn_cases, G_N_ELEMENTS (ssn_cases));
  add_str_cases ("itin", vita_validate_itin, itin_cases, G_N_ELEMENTS (itin_cases));
  add_str_cases ("atin", vita_validate_atin, atin_cases, G_N_ELEMENTS (atin_cases));
  add_str_cases ("ein", vita_validate_ein, ein_cases, G_N_ELEMENTS (ein_cases));
  add_str_cases ("zip", vita_validate_zip, zip_cases, G_N_ELEMENTS (zip_cases));
  add_str_cases ("phone", vita_validate_phone, phone_cases, G_N_ELEMENTS (phone_cases));
  add_str_cases ("email", vita_validate_email, email_cases, G_N_ELEMENTS (email_cases));
  add_str_cases ("state", vita_validate_state, state_cases, G_N_ELEMENTS (state_cases));

  ADD_CASES ("tin", tin_cases, test_tin_case);
  ADD_CASES ("tin-normalize", normalize_cases, test_normalize_case);
  ADD_CASES ("date", date_cases, test_date_case);
  ADD_CASES ("birth-date", birth_cases, test_birth_case);
  ADD_CASES ("ip-pin", ip_pin_cases, test_ip_pin_case);
  ADD_CASES ("name", name_cases, test_name_case);

  g_test_add_func ("/validate/tin/irsn-message", test_tin_irsn_message);
  g_test_add_func ("/validate/date/messages", test_date_messages);
  g_test_add_func ("/validate/birth-date/real-today", test_birth_date_today);
  g_test_add_func ("/validate/email/lengths", test_email_lengths);
  g_test_add_func ("/validate/name/long", test_name_long);
  g_test_add_func ("/validate/name/messages", test_name_messages);

  return g_test_run ();
}
