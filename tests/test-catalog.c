/* test-catalog.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "vita-catalog.h"

#define TITLE_CONTEXT "notice:title@2026-02-05"
#define TITLE_MSGID   "Your tax information and your privacy"

/* The catalogs must work for a language the process is not running in:
 * main() puts the process in the C locale with LANGUAGE unset. */
static void
test_explicit_language (void)
{
  static const struct { const char *language; const char *title; } cases[] = {
    { "ko", "귀하의 세금 정보와 개인정보 보호 안내" },
    { "es", "Su información de impuestos y su privacidad" },
    { "ht", "Enfòmasyon taks ou ak vi prive ou" },
  };

  g_assert_cmpstr (setlocale (LC_MESSAGES, NULL), ==, "C");
  g_assert_null (g_getenv ("LANGUAGE"));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VitaCatalog) catalog = vita_catalog_open (cases[i].language, &error);

      g_assert_no_error (error);
      g_assert_nonnull (catalog);
      g_assert_cmpstr (vita_catalog_get_language (catalog), ==, cases[i].language);
      g_assert_cmpstr (vita_catalog_lookup (catalog, TITLE_CONTEXT, TITLE_MSGID), ==,
                       cases[i].title);
      /* Without its context the message is a different one. */
      g_assert_null (vita_catalog_lookup (catalog, NULL, TITLE_MSGID));
      g_assert_null (vita_catalog_lookup (catalog, NULL, ""));
      g_assert_cmpuint (vita_catalog_get_n_messages (catalog), >=, 62);
    }
}

static void
test_language_forms (void)
{
  static const struct { const char *language; const char *found; } cases[] = {
    { "ko_KR.UTF-8", "ko" },
    { "ko_KR", "ko" },
    { "es-US", "es" },
    { "es_US.UTF-8@euro", "es" },
    { "ht_HT", "ht" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VitaCatalog) catalog = vita_catalog_open (cases[i].language, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (vita_catalog_get_language (catalog), ==, cases[i].found);
      g_assert_nonnull (vita_catalog_lookup (catalog, TITLE_CONTEXT, TITLE_MSGID));
    }
}

static void
test_english_needs_no_file (void)
{
  const char *forms[] = { "en", "en_US", "en_US.UTF-8", "en-GB" };

  for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(VitaCatalog) catalog = vita_catalog_open (forms[i], &error);

      g_assert_no_error (error);
      g_assert_true (vita_catalog_language_is_source (forms[i]));
      g_assert_null (vita_catalog_get_path (catalog));
      g_assert_null (vita_catalog_lookup (catalog, TITLE_CONTEXT, TITLE_MSGID));
    }

  g_assert_false (vita_catalog_language_is_source ("ko"));
  g_assert_false (vita_catalog_language_is_source ("eno"));
}

static void
test_bad_languages (void)
{
  const char *invalid[] = { "", "k", "../ko", "ko/../../etc", "ko/LC_MESSAGES", "1ko",
                            "ko..", "ko\nx", "a_very_long_language_name_that_is_not_real" };
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaCatalog) missing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(VitaCatalog) catalog = vita_catalog_open (invalid[i], &local_error);

      g_assert_null (catalog);
      g_assert_error (local_error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_INVALID_LANGUAGE);
    }

  missing = vita_catalog_open ("zz", &error);
  g_assert_null (missing);
  g_assert_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_NOT_FOUND);
}

/* A translation belongs to one revision of the English.  Looking it up with
 * another revised date finds nothing, which is how the notice notices a
 * stale translation; the prefix query tells stale from missing. */
static void
test_stale_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaCatalog) catalog = vita_catalog_open ("ko", &error);

  g_assert_no_error (error);
  g_assert_nonnull (vita_catalog_lookup (catalog, TITLE_CONTEXT, TITLE_MSGID));
  g_assert_null (vita_catalog_lookup (catalog, "notice:title@2026-03-01", TITLE_MSGID));
  g_assert_null (vita_catalog_lookup (catalog, TITLE_CONTEXT, "Your tax information"));
  g_assert_true (vita_catalog_has_context_prefix (catalog, "notice:title@"));
  g_assert_false (vita_catalog_has_context_prefix (catalog, "notice:no-such-text@"));
}

/* Writes a .mo file by hand, in either byte order. */
typedef struct
{
  const char *msgid;
  gsize       msgid_len;  /* 0: strlen */
  const char *msgstr;
  gsize       msgstr_len;
} Message;

static void
put_word (GByteArray *out,
          gsize       offset,
          guint32     value,
          gboolean    big_endian)
{
  guint32 raw = big_endian ? GUINT32_TO_BE (value) : GUINT32_TO_LE (value);

  memcpy (out->data + offset, &raw, 4);
}

static GBytes *
make_mo (const Message *messages,
         guint          n,
         guint32        revision,
         gboolean       big_endian)
{
  GByteArray *out = g_byte_array_new ();
  gsize orig = 28, trans = 28 + n * 8;
  gsize strings = trans + n * 8;

  g_byte_array_set_size (out, strings);
  memset (out->data, 0, strings);
  put_word (out, 0, 0x950412de, big_endian);
  put_word (out, 4, revision, big_endian);
  put_word (out, 8, n, big_endian);
  put_word (out, 12, orig, big_endian);
  put_word (out, 16, trans, big_endian);
  put_word (out, 20, 0, big_endian);
  put_word (out, 24, 0, big_endian);

  for (guint i = 0; i < n; i++)
    {
      gsize id_len = messages[i].msgid_len ? messages[i].msgid_len : strlen (messages[i].msgid);
      gsize str_len = messages[i].msgstr_len ? messages[i].msgstr_len : strlen (messages[i].msgstr);
      gsize at = out->len;

      g_byte_array_append (out, (const guint8 *) messages[i].msgid, id_len + 1);
      put_word (out, orig + i * 8, id_len, big_endian);
      put_word (out, orig + i * 8 + 4, at, big_endian);

      at = out->len;
      g_byte_array_append (out, (const guint8 *) messages[i].msgstr, str_len + 1);
      put_word (out, trans + i * 8, str_len, big_endian);
      put_word (out, trans + i * 8 + 4, at, big_endian);
    }

  return g_byte_array_free_to_bytes (out);
}

static void
test_handmade_files (void)
{
  static const char plural_id[] = "one file\0%d files";
  static const char plural_str[] = "파일 한 개\0파일 %d개";
  const Message messages[] = {
    { "", 0, "Content-Type: text/plain; charset=UTF-8\nPlural-Forms: nplurals=1; plural=0;\n", 0 },
    { "ctx\004Hello", 0, "안녕하세요", 0 },
    { "Hello", 0, "Hola", 0 },
    { plural_id, sizeof plural_id - 1, plural_str, sizeof plural_str - 1 },
    { "Untranslated", 0, "", 0 },
  };

  for (guint order = 0; order < 2; order++)
    {
      g_autoptr(GBytes) bytes = make_mo (messages, G_N_ELEMENTS (messages), 0, order == 1);
      g_autoptr(GError) error = NULL;
      g_autoptr(VitaCatalog) catalog = vita_catalog_new_from_bytes (bytes, "xx", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (vita_catalog_lookup (catalog, "ctx", "Hello"), ==, "안녕하세요");
      g_assert_cmpstr (vita_catalog_lookup (catalog, NULL, "Hello"), ==, "Hola");
      g_assert_cmpstr (vita_catalog_lookup (catalog, NULL, "one file"), ==, "파일 한 개");
      g_assert_null (vita_catalog_lookup (catalog, NULL, "Untranslated"));
      g_assert_null (vita_catalog_lookup (catalog, "other", "Hello"));
    }

  /* Revision 1 only adds tables we ignore; revision 2 is unknown. */
  {
    g_autoptr(GBytes) bytes = make_mo (messages, G_N_ELEMENTS (messages), 0x00010001, FALSE);
    g_autoptr(GError) error = NULL;
    g_autoptr(VitaCatalog) catalog = vita_catalog_new_from_bytes (bytes, "xx", &error);

    g_assert_no_error (error);
    g_assert_cmpstr (vita_catalog_lookup (catalog, NULL, "Hello"), ==, "Hola");
  }
  {
    g_autoptr(GBytes) bytes = make_mo (messages, G_N_ELEMENTS (messages), 0x00020000, FALSE);
    g_autoptr(GError) error = NULL;
    g_autoptr(VitaCatalog) catalog = vita_catalog_new_from_bytes (bytes, "xx", &error);

    g_assert_null (catalog);
    g_assert_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_UNSUPPORTED);
  }

  /* A Latin-1 catalog would print mojibake to a member. */
  {
    const Message latin1[] = {
      { "", 0, "Content-Type: text/plain; charset=ISO-8859-1\n", 0 },
      { "Hello", 0, "Hola", 0 },
    };
    g_autoptr(GBytes) bytes = make_mo (latin1, G_N_ELEMENTS (latin1), 0, FALSE);
    g_autoptr(GError) error = NULL;
    g_autoptr(VitaCatalog) catalog = vita_catalog_new_from_bytes (bytes, "xx", &error);

    g_assert_null (catalog);
    g_assert_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_UNSUPPORTED);
  }

  /* Invalid UTF-8 in a translation. */
  {
    const Message bad[] = { { "Hello", 0, "Hol\xe1", 0 } };
    g_autoptr(GBytes) bytes = make_mo (bad, G_N_ELEMENTS (bad), 0, FALSE);
    g_autoptr(GError) error = NULL;
    g_autoptr(VitaCatalog) catalog = vita_catalog_new_from_bytes (bytes, "xx", &error);

    g_assert_null (catalog);
    g_assert_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_CORRUPT);
  }

  /* A string table entry pointing past the end of the file. */
  {
    g_autoptr(GBytes) good = make_mo (messages, G_N_ELEMENTS (messages), 0, FALSE);
    g_autoptr(GByteArray) copy = g_byte_array_new ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(VitaCatalog) catalog = NULL;

    g_byte_array_append (copy, g_bytes_get_data (good, NULL), g_bytes_get_size (good));
    put_word (copy, 28 + 8 + 4, 0xfffffff0, FALSE);
    bytes = g_bytes_new (copy->data, copy->len);
    catalog = vita_catalog_new_from_bytes (bytes, "xx", &error);
    g_assert_null (catalog);
    g_assert_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_CORRUPT);
  }
}

static GBytes *
read_real_mo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaCatalog) catalog = vita_catalog_open ("ko", &error);
  char *contents = NULL;
  gsize length = 0;

  g_assert_no_error (error);
  g_assert_nonnull (vita_catalog_get_path (catalog));
  g_file_get_contents (vita_catalog_get_path (catalog), &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* Whatever comes out of a damaged file must be safe to use. */
static void
exercise (GBytes             *bytes,
          const char * const *contexts,
          const char * const *msgids,
          guint               n_keys,
          guint              *n_opened)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaCatalog) catalog = vita_catalog_new_from_bytes (bytes, "ko", &error);

  if (catalog == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == VITA_CATALOG_ERROR);
      return;
    }

  g_assert_no_error (error);
  (*n_opened)++;
  for (guint k = 0; k < n_keys; k++)
    {
      const char *found = vita_catalog_lookup (catalog, contexts[k], msgids[k]);

      if (found != NULL)
        g_assert_true (g_utf8_validate (found, -1, NULL));
    }
  vita_catalog_has_context_prefix (catalog, "notice:");
}

/* Truncations and random byte changes of a real catalog give an error or a
 * catalog whose lookups are merely wrong or missing, never a crash or an
 * out-of-bounds read (run under valgrind or -Db_sanitize=address to see
 * the latter).  The seed is fixed so a failure can be replayed. */
static void
test_corrupt_fuzz (void)
{
  g_autoptr(GBytes) original = read_real_mo ();
  gsize size = g_bytes_get_size (original);
  const guint8 *data = g_bytes_get_data (original, NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260205);
  const char *contexts[] = { TITLE_CONTEXT, "notice:keeps.1@2026-02-05", NULL, "notice:label.page@2026-02-05" };
  const char *msgids[] = { TITLE_MSGID, "x", "", "Page {page} of {pages}" };
  guint n_opened = 0;
  guint header_end;

  g_assert_cmpuint (size, >, 1024);

  /* Every truncation of the header and tables, then samples of the rest. */
  header_end = MIN (size, 28 + 2 * 8 * 80);
  for (gsize len = 0; len < header_end; len++)
    {
      /* A copy of exactly @len bytes, so an over-read is caught by valgrind
       * or ASan instead of landing in the rest of the original. */
      g_autoptr(GBytes) cut = g_bytes_new (data, len);

      exercise (cut, contexts, msgids, G_N_ELEMENTS (msgids), &n_opened);
    }
  for (guint i = 0; i < 500; i++)
    {
      gsize len = g_rand_int_range (rand, 0, (gint32) size);
      g_autoptr(GBytes) cut = g_bytes_new (data, len);

      exercise (cut, contexts, msgids, G_N_ELEMENTS (msgids), &n_opened);
    }

  /* Random flips: mostly in the header and tables, where a bad length or
   * offset would send a careless reader out of bounds. */
  for (guint i = 0; i < 4000; i++)
    {
      g_autofree guint8 *copy = g_memdup2 (data, size);
      guint n_flips = g_rand_int_range (rand, 1, 9);
      g_autoptr(GBytes) bytes = NULL;

      for (guint f = 0; f < n_flips; f++)
        {
          gsize at = (g_rand_boolean (rand)
                      ? (gsize) g_rand_int_range (rand, 0, (gint32) header_end)
                      : (gsize) g_rand_int_range (rand, 0, (gint32) size));

          if (g_rand_int_range (rand, 0, 4) == 0)
            copy[at] = 0xff;
          else
            copy[at] ^= (guint8) (1u << g_rand_int_range (rand, 0, 8));
        }

      bytes = g_bytes_new_take (g_steal_pointer (&copy), size);
      exercise (bytes, contexts, msgids, G_N_ELEMENTS (msgids), &n_opened);
    }

  /* The untouched file still opens, so the loop did test something. */
  exercise (original, contexts, msgids, G_N_ELEMENTS (msgids), &n_opened);
  g_assert_cmpuint (n_opened, >, 0);
  g_test_message ("%u damaged catalogs opened without error", n_opened - 1);
}

static void
test_new_from_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaCatalog) catalog = vita_catalog_new_from_file ("/nonexistent/vita.mo", "xx", &error);

  g_assert_null (catalog);
  g_assert_error (error, VITA_CATALOG_ERROR, VITA_CATALOG_ERROR_NOT_FOUND);
}

static void
test_boxed_type (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaCatalog) catalog = vita_catalog_open ("es", &error);
  VitaCatalog *copy;

  g_assert_true (G_TYPE_IS_BOXED (VITA_TYPE_CATALOG));
  copy = g_boxed_copy (VITA_TYPE_CATALOG, catalog);
  g_assert_true (copy == catalog);
  g_boxed_free (VITA_TYPE_CATALOG, copy);
  g_assert_nonnull (vita_catalog_lookup (catalog, TITLE_CONTEXT, TITLE_MSGID));
}

int
main (int   argc,
      char *argv[])
{
  /* Run as a volunteer whose desktop is in plain C/English would. */
  g_setenv ("LANG", "C", TRUE);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  setlocale (LC_ALL, "C");

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/catalog/explicit-language", test_explicit_language);
  g_test_add_func ("/catalog/language-forms", test_language_forms);
  g_test_add_func ("/catalog/english", test_english_needs_no_file);
  g_test_add_func ("/catalog/bad-languages", test_bad_languages);
  g_test_add_func ("/catalog/stale-context", test_stale_context);
  g_test_add_func ("/catalog/handmade", test_handmade_files);
  g_test_add_func ("/catalog/corrupt-fuzz", test_corrupt_fuzz);
  g_test_add_func ("/catalog/missing-file", test_new_from_file_errors);
  g_test_add_func ("/catalog/boxed", test_boxed_type);

  return g_test_run ();
}
