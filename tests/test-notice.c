/* test-notice.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>
#include <sys/stat.h>

#include <cairo-pdf.h>
#include <glib/gstdio.h>
#include <poppler.h>

#include "vita-catalog.h"
#include "vita-i18n.h"
#include "vita-clock.h"
#include "vita-notice.h"
#include "vita-notice-review.h"
#include "vita-test-utils.h"

#define NOTICE_PATH SOURCE_DATADIR "/notices/vita-notice.xml"

/* poppler-glib 22.12 (Debian 12) declares no autoptr cleanups and later
 * versions may; local names work with both. */
typedef PopplerDocument TestPdf;
typedef PopplerPage TestPdfPage;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdf, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestPdfPage, g_object_unref)

static const char *languages[] = { "en", "ko", "es", "ht" };

/* What the shipped notice must say, written out independently of the code:
 * each language's first heading and its way of writing the as-of date. */
static const struct
{
  const char *language;
  const char *first_heading;
  const char *as_of;
  const char *issued;
  const char *page_1_of;  /* {n} is the page count */
} expected[] = {
  { "en", "1. What this site keeps", "February 5, 2026", "February 10, 2026", "Page 1 of {n}" },
  { "ko", "1. 이곳에서 보관하는 정보", "2026년 2월 5일", "2026년 2월 10일", "{n}쪽 중 1쪽" },
  { "es", "1. Lo que guarda este centro", "5 de febrero de 2026", "10 de febrero de 2026", "Página 1 de {n}" },
  { "ht", "1. Sa sant sa a kenbe", "5 fevriye 2026", "10 fevriye 2026", "Paj 1 sou {n}" },
};

/* Facts the notice must carry in every language (issue 14, items 2 and
 * 3): the D. Mass. stay of the agreement itself, the 33,000 "updated
 * addresses", the case names and numbers, and what is true of the software
 * (need-to-know: others open a file only with a reason, and what the
 * program cannot prevent; the answers are typed again
 * into the IRS-approved software online; encrypted backups). */
static const struct
{
  const char *language;
  const char *facts[20];
  const char *banned[4];  /* words the review asked to replace (item 7) */
} expected_facts[] = {
  { "en", { "33,000", "put the agreement between the IRS and ICE on hold", "26-05006", "25-12822",
            "only after typing the reason", "What the program cannot prevent", "tax software that the IRS approves", "backup copies",
            /* item 6: key points, the optional answers, early deletion,
             * DACA and "return information" explained, where to complain */
            "The main points", "Your e-mail address is optional", "delete your file sooner",
            "Deferred Action for Childhood Arrivals", "is the law’s name", "ts.voltax@irs.gov",
            /* review F7 */
            "did not follow the tax privacy law", "Social Security Administration (SSA)",
            "country of citizenship", NULL },
          { NULL } },
  { "ko", { "33,000", "협정 자체의 효력도 정지", "26-05006", "25-12822",
            "먼저 그 이유를 입력해야", "프로그램이 막을 수 없는 것", "세금 신고 프로그램에도 입력", "백업 사본",
            "ITIN(개인 납세자 식별 번호)", "식별 번호", "문의하십시오",
            "핵심 내용", "이메일 주소는 선택 사항", "더 일찍 삭제", "추방 유예", "ts.voltax@irs.gov",
            "최종 결정이 아닙니다", "사회보장국(SSA)", "국적", NULL },
          { "신분 번호", "사이트", "세요", NULL } },
  { "es", { "33,000", "también suspendió el acuerdo", "26-05006", "25-12822",
            "solo después de escribir el motivo", "Lo que el programa no puede impedir", "programa de impuestos que el IRS aprueba", "copias de respaldo",
            "ITIN (Número de Identificación Personal del Contribuyente)", "protege sus respuestas",
            "Si le preocupa", "Lo más importante", "correo electrónico es opcional",
            "borremos su archivo antes", "Acción Diferida", "ts.voltax@irs.gov",
            "Administración del Seguro Social (SSA)", "país de ciudadanía", NULL },
          { "cierra sus respuestas", "Si está preocupado", NULL } },
  { "ht", { "33,000", "te sispann akò ant IRS ak ICE", "26-05006", "25-12822",
            "sèlman apre li fin ekri rezon an", "Sa pwogram nan pa ka anpeche", "lojisyèl taks IRS apwouve", "kopi rezèv",
            "ITIN (Nimewo Idantifikasyon Kontribyab Endividyèl)", "dechikte",
            "Pwen prensipal yo", "Adrès imèl ou pa obligatwa", "efase dosye ou pi bonè",
            "Aksyon Difere", "ts.voltax@irs.gov",
            "Administrasyon Sekirite Sosyal (SSA)", "peyi kote ou sitwayen", NULL },
          { "dechire", NULL } },
};

/* Case names are cited as the courts write them, in English, in every
 * language: the no-English check skips runs inside them. */
static const char *const case_names[] = {
  "Center for Taxpayer Rights v. IRS",
  "CEDC of Southeastern Massachusetts et al. v. Bessent",
};

/* The site's approval date as every page prints it (issue 14, item 1). */
static const struct
{
  const char *language;
  const char *approval;
} expected_approval[] = {
  { "en", "Checked and approved by this site on December 1, 2026" },
  { "ko", "이곳에서 확인하고 승인한 날짜: 2026년 12월 1일" },
  { "es", "Revisado y aprobado por este centro el 1 de diciembre de 2026" },
  { "ht", "Sant sa a te verifye e apwouve l nan dat 1 desanm 2026" },
};

static const VitaNoticeSite test_site = {
  .site_name = "Casa Comunitaria VITA",
  .site_contact = "617-555-0100",
  .legal_referral = "Legal Aid Example, 617-555-0199",
  .retention = NULL,
  .retention_days = 90,
  .approved_date = "2026-12-01",
  .issue_date = "2026-02-10",
};

static char *tmpdir;

static VitaNotice *
load_notice (void)
{
  g_autoptr(GError) error = NULL;
  VitaNotice *notice = vita_notice_load (NOTICE_PATH, &error);

  g_assert_no_error (error);
  g_assert_nonnull (notice);

  return notice;
}

/* Removes all white space: poppler joins wrapped lines with newlines and
 * may break a Korean line anywhere, so compare without it. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c))
        g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Collapses white space to single spaces, for sentence comparisons. */
static char *
collapse (const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, words[i]);
    }

  return g_string_free (out, FALSE);
}

static gboolean
contains_squeezed (const char *haystack_squeezed,
                   const char *needle)
{
  g_autofree char *squeezed = squeeze (needle);

  return strstr (haystack_squeezed, squeezed) != NULL;
}

static PopplerDocument *
open_pdf (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_filename_to_uri (path, NULL, &error);
  PopplerDocument *document;

  g_assert_no_error (error);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  return document;
}

static char *
render (VitaNotice  *notice,
        const char  *language,
        const char  *second,
        const char  *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (tmpdir, name, NULL);
  /* An open umask, and an older world-readable file in the way: the
   * notice must still be readable by this user only. */
  mode_t old_umask = umask (022);
  GStatBuf st;

  g_file_set_contents (path, "older", -1, NULL);
  g_chmod (path, 0644);
  g_assert_true (vita_notice_render_pdf (notice, language, second, &test_site, path, &error));
  g_assert_no_error (error);
  umask (old_umask);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 077, ==, 0);

  return path;
}

static guint
count_hangul (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xAC00 && c <= 0xD7A3)
        n++;
    }

  return n;
}

static gboolean
document_has_font (PopplerDocument *document,
                   const char      *part)
{
  PopplerFontInfo *info = poppler_font_info_new (document);
  PopplerFontsIter *iter = NULL;
  gboolean found = FALSE;

  if (poppler_font_info_scan (info, poppler_document_get_n_pages (document), &iter) && iter != NULL)
    {
      do
        {
          const char *name = poppler_fonts_iter_get_name (iter);

          if (name != NULL && strstr (name, part) != NULL)
            found = TRUE;
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
    }
  g_object_unref (info);

  return found;
}

typedef struct
{
  char   *text;        /* every page, as poppler extracts it */
  char   *squeezed;
  guint   n_pages;
  double  min_font_size;
  guint   chars_at_12pt;
  guint   chars_total;
} PdfText;

static void
pdf_text_clear (PdfText *pdf)
{
  g_free (pdf->text);
  g_free (pdf->squeezed);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PdfText, pdf_text_clear)

/* Reads the PDF back and checks what must hold on every page: US letter,
 * and the version, as-of date, issue date and page number in @language. */
/* Appends @text without its footer: the footer starts on the first line
 * that carries the notice's version, which no body paragraph does. */
static void
append_body (GString    *body,
             const char *text)
{
  const char *version = strstr (text, "2026.1");
  const char *end = text + strlen (text);

  if (version != NULL)
    {
      end = version;
      while (end > text && end[-1] != '\n')
        end--;
    }
  g_string_append_len (body, text, end - text);
}

static void
read_pdf (const char *path,
          const char *language,
          PdfText    *out)
{
  g_autoptr(TestPdf) document = open_pdf (path);
  GString *all = g_string_new (NULL);
  GString *body = g_string_new (NULL);
  guint row = G_MAXUINT;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (g_str_equal (expected[i].language, language))
      row = i;
  g_assert_cmpuint (row, !=, G_MAXUINT);

  out->n_pages = poppler_document_get_n_pages (document);
  out->min_font_size = G_MAXDOUBLE;
  g_assert_cmpuint (out->n_pages, >=, 2);

  for (guint i = 0; i < out->n_pages; i++)
    {
      g_autoptr(TestPdfPage) page = poppler_document_get_page (document, i);
      g_autofree char *text = poppler_page_get_text (page);
      g_autofree char *squeezed = squeeze (text);
      g_autofree char *page_label = NULL;
      GList *attributes;
      double width, height;

      poppler_page_get_size (page, &width, &height);
      g_assert_cmpfloat_with_epsilon (width, 612.0, 0.5);
      g_assert_cmpfloat_with_epsilon (height, 792.0, 0.5);

      g_assert_true (contains_squeezed (squeezed, "2026.1"));
      g_assert_true (contains_squeezed (squeezed, expected[row].as_of));
      g_assert_true (contains_squeezed (squeezed, expected[row].issued));
      if (i == 0)
        {
          g_autofree char *count = g_strdup_printf ("%u", out->n_pages);
          g_auto(GStrv) parts = g_strsplit (expected[row].page_1_of, "{n}", 2);

          page_label = g_strjoinv (count, parts);
          g_assert_true (contains_squeezed (squeezed, page_label));
        }

      /* Replacement characters mean a glyph had no Unicode mapping. */
      g_assert_null (g_utf8_strchr (text, -1, 0xFFFD));

      attributes = poppler_page_get_text_attributes (page);
      for (GList *l = attributes; l != NULL; l = l->next)
        {
          PopplerTextAttributes *attr = l->data;
          guint n = attr->end_index - attr->start_index + 1;

          out->min_font_size = MIN (out->min_font_size, attr->font_size);
          out->chars_total += n;
          if (attr->font_size >= 11.99)
            out->chars_at_12pt += n;
        }
      poppler_page_free_text_attributes (attributes);

      g_string_append (all, text);
      g_string_append_c (all, '\n');
      append_body (body, text);
    }

  out->text = g_string_free (all, FALSE);
  /* The pages as printed, then the body alone: a sentence the page break
   * cuts has the footer inside it in the first, and is whole in the second
   * (negative checks hold for both, since the body is part of the pages). */
  {
    g_autofree char *pages = squeeze (out->text);
    g_autofree char *bodies = squeeze (body->str);

    out->squeezed = g_strconcat (pages, "\n", bodies, NULL);
  }
  g_string_free (body, TRUE);
}

static void
test_load (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();
  g_auto(GStrv) sections = vita_notice_dup_section_ids (notice);
  g_auto(GStrv) review = vita_notice_dup_review_ids (notice);
  /* A short summary first (issue 14, item 6), then the digest's four parts. */
  const char *want[] = { "summary", "keeps", "irs", "law", "events", "choices", "contacts", NULL };

  g_assert_cmpstr (vita_notice_get_version (notice), ==, "2026.1");
  g_assert_cmpstr (vita_notice_get_as_of (notice), ==, "2026-02-05");
  g_assert_cmpstr (vita_notice_get_path (notice), ==, NOTICE_PATH);
  g_assert_cmpstrv (sections, want);

  /* The Pub 4299 and section 7216 statements wait for a reviewer. */
  g_assert_true (g_strv_contains ((const char * const *) review, "law.4"));
  g_assert_true (g_strv_contains ((const char * const *) review, "law.5"));
}

static void
test_default_path (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaNotice) notice = NULL;

  g_setenv ("VITA_DATADIR", SOURCE_DATADIR, TRUE);
  notice = vita_notice_load (NULL, &error);
  g_unsetenv ("VITA_DATADIR");

  g_assert_no_error (error);
  g_assert_cmpstr (vita_notice_get_version (notice), ==, "2026.1");
}

static void
test_format_date (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *date = vita_notice_format_date (notice, expected[i].language,
                                                       "2026-02-05", &error);

      g_assert_no_error (error);
      g_assert_cmpstr (date, ==, expected[i].as_of);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *date = vita_notice_format_date (notice, "en", "2026-02-30", &error);

    g_assert_null (date);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  }
}

/* The shipped notice passes the promise check, complete and current, in
 * every language. */
static void
test_check_shipped (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();

  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autoptr(GPtrArray) problems = NULL;
      gboolean ok = vita_notice_check (notice, languages[i], &problems);

      for (guint j = 0; j < problems->len; j++)
        g_test_message ("%s", (const char *) g_ptr_array_index (problems, j));
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_true (ok);
    }
}

static void
assert_rejected (const char *language,
                 const char *text)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (vita_notice_check_text (language, text, &problems))
    g_error ("The promise check let through (%s) “%s”", language, text);
  g_assert_cmpuint (problems->len, >, 0);
}

static void
assert_accepted (const char *language,
                 const char *text)
{
  g_autoptr(GPtrArray) problems = NULL;

  if (!vita_notice_check_text (language, text, &problems))
    g_error ("The promise check rejected (%s) “%s”: %s", language, text,
             (const char *) g_ptr_array_index (problems, 0));
}

static void
test_check_planted (void)
{
  /* The examples from the brief, then variants in case, accents and
   * spelling. */
  assert_rejected ("en", "Your information will never be shared");
  assert_rejected ("es", "Su información nunca se compartirá");
  assert_rejected ("ko", "정보는 절대 공유되지 않습니다");
  assert_rejected ("ht", "Enfòmasyon ou pap janm pataje");

  assert_rejected ("en", "Your data is NEVER SHARED with ICE.");
  assert_rejected ("en", "We guarantee your privacy.");
  assert_rejected ("en", "This site is 100% safe.");
  assert_rejected ("en", "Your file is completely safe here.");
  assert_rejected ("en", "Your address cannot be shared.");
  assert_rejected ("en", "Your address will not be shared with anyone.");
  assert_rejected ("en", "No one will ever see your file.");
  assert_rejected ("en", "Your information is guaranteed to stay private.");
  assert_rejected ("en", "Don't worry, your information is safe.");

  assert_rejected ("es", "SU INFORMACIÓN NUNCA SE COMPARTIRÁ");
  assert_rejected ("es", "Su informacion nunca se compartira con nadie");
  assert_rejected ("es", "Garantizamos su privacidad.");
  assert_rejected ("es", "Es un servicio garantizado.");
  assert_rejected ("es", "Jamás daremos su dirección.");
  assert_rejected ("es", "Sus datos están totalmente seguros.");
  assert_rejected ("es", "Su información no se compartirá.");

  assert_rejected ("ko", "귀하의 정보는 결코 공유되지 않습니다.");
  assert_rejected ("ko", "개인정보 보호를 보장합니다.");
  assert_rejected ("ko", "이곳은 100% 안전합니다.");
  assert_rejected ("ko", "정보는 완전히 안전합니다.");
  assert_rejected ("ko", "주소는 공유되지 않을 것입니다.");

  assert_rejected ("ht", "Enfòmasyon ou p ap janm pataje.");
  assert_rejected ("ht", "Enfomasyon ou p'ap janm pataje.");
  assert_rejected ("ht", "Nou garanti vi prive ou.");
  assert_rejected ("ht", "IRS p ap janmen pataje adrès ou.");
  assert_rejected ("ht", "Yo janmen pataje enfòmasyon.");
  assert_rejected ("ht", "Sant sa a 100% an sekirite.");

  /* A promise in another language than the notice's is still caught. */
  assert_rejected ("ko", "정보는 never shared 입니다");

  /* Honest statements, and words that merely contain a pattern. */
  assert_accepted ("en", "The IRS may share information only when a law allows it.");
  assert_accepted ("en", "Nobody can say today how this will end.");
  assert_accepted ("ko", "신분 번호는 사회보장번호(SSN)나 ITIN입니다.");
  assert_accepted ("ko", "사회보장국도 ICE에 주소를 주었다고 합니다.");
  assert_accepted ("es", "Ese número es un número de Seguro Social (SSN).");
  assert_accepted ("ht", "Nimewo sa a se yon nimewo Sekirite Sosyal (SSN).");
  assert_accepted ("ht", "Depatman Sekirite Enteryè (DHS)");
}

/* Safety claims and absolute denials of access (issue 14, item 4): each
 * row is a phrasing a site or a translator might write; "reject" rows must
 * be caught, the others are honest sentences that must pass.  The check
 * runs the same patterns on site-entered text (vita-member-check.c). */
typedef struct
{
  const char *language;
  gboolean    reject;
  const char *text;
} PromiseCase;

static const PromiseCase safety_cases[] = {
  { "en", TRUE, "ICE cannot get your data." },
  { "en", TRUE, "ICE can't access your records." },
  { "en", TRUE, "Immigration will not see your information." },
  { "en", TRUE, "Immigration agents won't ever see your file." },
  { "en", TRUE, "The government has no way to obtain your address." },
  { "en", TRUE, "Your data is protected from ICE." },
  { "en", TRUE, "Your data is safe." },
  { "en", TRUE, "Your information is safe with us." },
  { "en", TRUE, "Your records remain secure." },
  { "en", TRUE, "Your answers will stay completely secure." },
  { "en", TRUE, "Your address is hidden from immigration." },
  { "en", TRUE, "Your information will not go to ICE." },
  { "en", TRUE, "It is safe to file." },
  { "en", TRUE, "There is zero risk." },
  { "en", TRUE, "Nothing bad will happen." },
  { "en", TRUE, "ICE has no access to this file." },
  { "en", FALSE, "Nobody can say today how this will end." },
  { "en", FALSE, "We cannot tell you whether to file a tax return." },
  { "en", FALSE, "It cannot undo sharing that already happened." },
  { "en", FALSE, "The court did not order ICE to delete that information." },
  { "en", FALSE, "This program does not keep your data online." },
  { "en", FALSE, "Any volunteer with an account can open your file." },

  { "es", TRUE, "Sus datos están seguros." },
  { "es", TRUE, "Su información está a salvo." },
  { "es", TRUE, "Su información estará muy segura aquí." },
  { "es", TRUE, "Sus respuestas quedan protegidas contra ICE." },
  { "es", TRUE, "Sus datos se mantienen seguros." },
  { "es", TRUE, "ICE no puede obtener sus datos." },
  { "es", TRUE, "Inmigración no podrá ver su dirección." },
  { "es", TRUE, "El gobierno no va a poder acceder a su archivo." },
  { "es", TRUE, "ICE no tendrá acceso a sus datos." },
  { "es", TRUE, "Su información no llegará a inmigración." },
  { "es", TRUE, "No hay ningún riesgo." },
  { "es", TRUE, "Es seguro declarar." },
  { "es", TRUE, "Sus datos están protegidos frente a la migra." },
  { "es", FALSE, "Si no está seguro, pregúntenos." },
  { "es", FALSE, "Ese número es un número de Seguro Social (SSN)." },
  { "es", FALSE, "Esas copias también están protegidas con cifrado." },
  { "es", FALSE, "No podemos decirle si debe presentar una declaración." },
  { "es", FALSE, "No puede deshacer lo que ya se compartió." },

  { "ko", TRUE, "귀하의 정보는 안전합니다." },
  { "ko", TRUE, "정보를 안전하게 보관합니다." },
  { "ko", TRUE, "ICE는 귀하의 정보를 얻을 수 없습니다." },
  { "ko", TRUE, "이민 당국은 이 파일을 볼 수가 없습니다." },
  { "ko", TRUE, "정부는 귀하의 주소를 가져갈 수 없어요." },
  { "ko", TRUE, "이민 당국에 정보가 넘어가지 않습니다." },
  { "ko", TRUE, "주소는 ICE에 전달되지 않습니다." },
  { "ko", TRUE, "귀하의 정보는 ICE로부터 보호됩니다." },
  { "ko", TRUE, "개인정보는 모두 보호됩니다." },
  { "ko", TRUE, "위험은 전혀 없습니다." },
  { "ko", TRUE, "걱정 마세요." },
  { "ko", TRUE, "아무도 접근할 수 없습니다." },
  { "ko", FALSE, "이 일이 어떻게 끝날지 지금은 누구도 말할 수 없습니다." },
  { "ko", FALSE, "사회보장국도 ICE에 주소를 주었다고 합니다." },
  { "ko", FALSE, "이곳의 자원봉사자는 누구나 귀하의 파일을 열 수 있습니다." },
  { "ko", FALSE, "국토안보부(DHS)는 연방 기관입니다." },
  { "ko", FALSE, "백업 사본도 암호화되어 있습니다." },

  { "ht", TRUE, "Enfòmasyon ou an sekirite." },
  { "ht", TRUE, "Done ou yo an sekirite isit la." },
  { "ht", TRUE, "ICE pa ka jwenn enfòmasyon ou." },
  { "ht", TRUE, "Imigrasyon p ap ka wè dosye ou." },
  { "ht", TRUE, "Gouvènman an pa kapab pran adrès ou." },
  { "ht", TRUE, "Pa gen okenn risk." },
  { "ht", TRUE, "Pa gen risk pou ou." },
  { "ht", TRUE, "Enfòmasyon ou pwoteje kont ICE." },
  { "ht", TRUE, "Adrès ou p ap janm rive jwenn ICE." },
  { "ht", TRUE, "Ou pa bezwen pè." },
  { "ht", FALSE, "Pèsonn pa ka di jodi a kijan sa ap fini." },
  { "ht", FALSE, "Nou pa ka di w si pou w depoze yon deklarasyon." },
  { "ht", FALSE, "Depatman Sekirite Enteryè (DHS)" },
  { "ht", FALSE, "Nimewo sa a se yon nimewo Sekirite Sosyal (SSN)." },
  { "ht", FALSE, "Kopi rezèv yo fèmen ak chifreman tou." },
};

/* A notice ages from the site's approval of its version, or from its
 * as-of date when never approved (issue 14, item 1). */
static void
test_review_age (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();
  g_autoptr(VitaNoticeReview) never = NULL;
  g_autoptr(VitaNoticeReview) fresh = NULL;
  g_autoptr(VitaNoticeReview) other_version = NULL;
  g_autoptr(VitaNoticeReview) bad_limit = NULL;
  g_autoptr(VitaNoticeReview) early = NULL;
  g_autoptr(VitaNoticeReview) at_limit = NULL;
  g_autofree char *warning = NULL;
  g_autofree char *approved = g_strdup_printf ("2026-12-01 %s", vita_notice_get_version (notice));

  vita_test_set_now ("2026-12-07T10:00:00");

  /* Printed on 7 Dec 2026 with facts as of 5 Feb 2026 and no approval. */
  never = vita_notice_review_compute (notice, NULL, NULL);
  g_assert_null (never->approved);
  g_assert_cmpstr (never->since, ==, "2026-02-05");
  g_assert_cmpint (never->age_days, ==, 305);
  g_assert_cmpuint (never->limit_days, ==, VITA_NOTICE_REVIEW_DAYS_DEFAULT);
  g_assert_true (never->overdue);
  warning = vita_notice_review_dup_warning (never);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "305"));
  g_assert_nonnull (strstr (warning, "2026-02-05"));

  fresh = vita_notice_review_compute (notice, approved, "90");
  g_assert_cmpstr (fresh->approved, ==, "2026-12-01");
  g_assert_cmpint (fresh->age_days, ==, 6);
  g_assert_false (fresh->overdue);
  g_assert_null (vita_notice_review_dup_warning (fresh));

  /* Approving one version says nothing about the next. */
  other_version = vita_notice_review_compute (notice, "2026-12-01 1999.9", "30");
  g_assert_null (other_version->approved);
  g_assert_cmpuint (other_version->limit_days, ==, 30);
  g_assert_true (other_version->overdue);

  /* A limit out of range falls back to the default. */
  bad_limit = vita_notice_review_compute (notice, NULL, "2");
  g_assert_cmpuint (bad_limit->limit_days, ==, VITA_NOTICE_REVIEW_DAYS_DEFAULT);

  vita_test_set_now ("2026-03-01T09:00:00");
  early = vita_notice_review_compute (notice, NULL, NULL);
  g_assert_cmpint (early->age_days, ==, 24);
  g_assert_false (early->overdue);

  /* The limit day itself is still within it; the day after is not. */
  vita_test_set_now ("2026-05-06T09:00:00");
  at_limit = vita_notice_review_compute (notice, NULL, NULL);
  g_assert_cmpint (at_limit->age_days, ==, 90);
  g_assert_false (at_limit->overdue);

  vita_clock_set_for_testing (NULL);
}

static void
test_check_safety_claims (void)
{
  guint per_language[4] = { 0 };
  const char *languages[] = { "en", "ko", "es", "ht" };

  for (guint i = 0; i < G_N_ELEMENTS (safety_cases); i++)
    {
      const PromiseCase *c = &safety_cases[i];

      if (c->reject)
        assert_rejected (c->language, c->text);
      else
        assert_accepted (c->language, c->text);
      for (guint j = 0; j < G_N_ELEMENTS (languages); j++)
        if (c->reject && g_str_equal (languages[j], c->language))
          per_language[j]++;
    }

  /* Many phrasings in every member language, not one token example. */
  for (guint j = 0; j < G_N_ELEMENTS (languages); j++)
    g_assert_cmpuint (per_language[j], >=, 10);
}

static char *
replace_once (const char *text,
              const char *old,
              const char *new)
{
  const char *at = strstr (text, old);
  g_autofree char *head = NULL;

  g_assert_nonnull (at);
  head = g_strndup (text, at - text);

  return g_strconcat (head, new, at + strlen (old), NULL);
}

static gboolean
problems_mention (GPtrArray  *problems,
                  const char *a,
                  const char *b)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const char *problem = g_ptr_array_index (problems, i);

      if (strstr (problem, a) != NULL && (b == NULL || strstr (problem, b) != NULL))
        return TRUE;
    }

  return FALSE;
}

/* Revising the English of one paragraph (a new revised date) makes its
 * translations stale: the check names the paragraph, and the member sees
 * the current English rather than an outdated translation. */
static void
test_stale_translation (void)
{
  g_autofree char *xml = NULL;
  g_autofree char *revised = NULL;
  g_autofree char *added = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaNotice) notice = NULL;
  g_autoptr(VitaNotice) longer = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) en_problems = NULL;
  g_autofree char *text = NULL;

  g_file_get_contents (NOTICE_PATH, &xml, NULL, &error);
  g_assert_no_error (error);

  revised = replace_once (xml, "id=\"keeps.2\" revised=\"2026-02-05\"",
                          "id=\"keeps.2\" revised=\"2026-03-01\"");
  notice = vita_notice_load_from_data (revised, -1, &error);
  g_assert_no_error (error);

  for (guint i = 1; i < G_N_ELEMENTS (languages); i++)
    {
      g_clear_pointer (&problems, g_ptr_array_unref);
      g_assert_false (vita_notice_check (notice, languages[i], &problems));
      g_assert_cmpuint (problems->len, ==, 1);
      g_assert_true (problems_mention (problems, "keeps.2", "2026-03-01"));
    }
  g_assert_true (vita_notice_check (notice, "en", &en_problems));

  text = vita_notice_dup_text (notice, "ko", &test_site, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "The program locks your answers with a secret code."));
  g_assert_nonnull (strstr (text, "귀하의 세금 정보와 개인정보 보호 안내"));

  /* A paragraph nobody has translated yet is reported too. */
  added = replace_once (xml, "</section>",
                        "<p id=\"keeps.new\" revised=\"2026-03-01\">A new paragraph.</p></section>");
  longer = vita_notice_load_from_data (added, -1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_assert_false (vita_notice_check (longer, "ht", &problems));
  g_assert_true (problems_mention (problems, "keeps.new", NULL));
}

/* Writes a little-endian .mo file with @n context/msgid/msgstr triples. */
static void
write_mo (const char  *path,
          const char **triples,
          guint        n)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint32 header[7] = { 0x950412de, 0, n, 28, 28 + n * 8, 0, 0 };
  g_autofree guint32 *tables = g_new0 (guint32, n * 4);

  g_byte_array_append (out, (const guint8 *) header, sizeof header);
  g_byte_array_append (out, (const guint8 *) tables, n * 4 * sizeof (guint32));
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strconcat (triples[3 * i], "\004", triples[3 * i + 1], NULL);
      const char *value = triples[3 * i + 2];
      /* Appending may move the data, so find the table slots each time. */
      guint32 *orig = (guint32 *) (out->data + 28) + 2 * i;
      guint32 *trans;

      orig[0] = GUINT32_TO_LE (strlen (key));
      orig[1] = GUINT32_TO_LE (out->len);
      g_byte_array_append (out, (const guint8 *) key, strlen (key) + 1);
      trans = (guint32 *) (out->data + 28 + n * 8) + 2 * i;
      trans[0] = GUINT32_TO_LE (strlen (value));
      trans[1] = GUINT32_TO_LE (out->len);
      g_byte_array_append (out, (const guint8 *) value, strlen (value) + 1);
    }

  g_file_set_contents (path, (const char *) out->data, out->len, &error);
  g_assert_no_error (error);
}

/* A translation that drops a placeholder or slips in a promise is caught,
 * and every untranslated text is listed. */
static void
test_check_bad_translation (void)
{
  const char *triples[] = {
    "notice:label.page@2026-02-05", "Page {page} of {pages}", "Paj {page}",
    "notice:label.blank@2026-02-05", "(ask a volunteer)", "(nou garanti sa)",
  };
  g_autofree char *dir = g_build_filename (tmpdir, "locale", "xx", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (dir, "vita-intake.mo", NULL);
  g_autofree char *localedir = g_build_filename (tmpdir, "locale", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("VITA_LOCALEDIR"));
  g_autoptr(VitaNotice) notice = load_notice ();
  g_autoptr(GPtrArray) problems = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  write_mo (mo, triples, G_N_ELEMENTS (triples) / 3);

  g_setenv ("VITA_LOCALEDIR", localedir, TRUE);
  g_assert_false (vita_notice_check (notice, "xx", &problems));
  if (saved != NULL)
    g_setenv ("VITA_LOCALEDIR", saved, TRUE);
  else
    g_unsetenv ("VITA_LOCALEDIR");

  g_assert_true (problems_mention (problems, "label.page", "{pages}"));
  g_assert_true (problems_mention (problems, "label.blank", "garanti"));
  g_assert_true (problems_mention (problems, "keeps.1", NULL));
  g_assert_true (problems_mention (problems, "contacts.3", NULL));

  g_assert_cmpint (g_remove (mo), ==, 0);
  for (guint i = 0; i < 3; i++)
    {
      char *slash = strrchr (dir, '/');

      g_assert_cmpint (g_rmdir (dir), ==, 0);
      *slash = '\0';
    }
}

/* A promise slipped into the English notice is caught by the check. */
static void
test_check_planted_in_notice (void)
{
  g_autofree char *xml = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaNotice) notice = NULL;
  g_autoptr(GPtrArray) problems = NULL;

  g_file_get_contents (NOTICE_PATH, &xml, NULL, &error);
  g_assert_no_error (error);
  bad = replace_once (xml, "Your answers are saved on this computer.",
                      "Your answers are saved on this computer and will never be shared.");
  notice = vita_notice_load_from_data (bad, -1, &error);
  g_assert_no_error (error);

  g_assert_false (vita_notice_check (notice, "en", &problems));
  g_assert_true (problems_mention (problems, "keeps.3", "never be shared"));
}

static void
test_invalid_files (void)
{
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *old; const char *new; } damage[] = {
    { "id=\"keeps.2\"", "id=\"keeps.1\"" },                     /* duplicate id */
    { "revised=\"2026-02-05\">1. What", "revised=\"2026-02-31\">1. What" },
    { "<label id=\"label.page\"", "<label id=\"label.other\"" },  /* required label */
    { "the file looks like scrambled letters.", "the file looks like <b>scrambled</b> letters." },
    { "<notice version=\"2026.1\"", "<notice" },
    { "<labels>", "<labels>stray text" },
    { "</title>", "</title><section id=\"empty\"><heading id=\"e.h\" revised=\"2026-02-05\">E</heading></section>" },
  };

  g_file_get_contents (NOTICE_PATH, &xml, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (damage); i++)
    {
      g_autofree char *bad = replace_once (xml, damage[i].old, damage[i].new);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(VitaNotice) notice = vita_notice_load_from_data (bad, -1, &local_error);

      g_assert_null (notice);
      g_assert_error (local_error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_INVALID);
    }

  {
    g_autoptr(GError) local_error = NULL;
    g_autoptr(VitaNotice) notice = vita_notice_load ("/nonexistent/notice.xml", &local_error);

    g_assert_null (notice);
    g_assert_nonnull (local_error);
  }
}

static void
test_dup_text (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ko = vita_notice_dup_text (notice, "ko", &test_site, &error);
  g_autofree char *blank = NULL;
  VitaNoticeSite own_words = test_site;
  g_autofree char *es = NULL;

  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (ko, "귀하의 세금 정보와 개인정보 보호 안내\n"));
  g_assert_nonnull (strstr (ko, "파일 보관 기간: 세금 신고서 작성을 마친 뒤 90일."));
  g_assert_nonnull (strstr (ko, "Casa Comunitaria VITA"));
  g_assert_nonnull (strstr (ko, "2026년 2월 5일 기준"));
  g_assert_null (strchr (ko, '{'));

  /* With no site settings the notice tells the member whom to ask
   * instead of printing a placeholder. */
  blank = vita_notice_dup_text (notice, "es", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (blank, "Cuánto tiempo guardamos su archivo: (pregunte a un voluntario)."));
  g_assert_null (strchr (blank, '{'));

  own_words.retention = "hasta el 31 de diciembre";
  es = vita_notice_dup_text (notice, "es", &own_words, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (es, "Cuánto tiempo guardamos su archivo: hasta el 31 de diciembre."));

  {
    g_autoptr(GError) local_error = NULL;
    g_autofree char *none = vita_notice_dup_text (notice, "zz", NULL, &local_error);

    g_assert_null (none);
    g_assert_error (local_error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_NO_TRANSLATION);
  }
}

/* A household whose return is not finished is kept until it is: the notice
 * says so, with the earliest date, in each language (issue 10, item 1). */
static void
test_dup_text_retention_pending (void)
{
  static const struct { const char *lang, *expected; } cases[] = {
    { "en", "How long we keep your file: until your tax return is filed or closed, and at least until 2027-04-30." },
    { "ko", "세금 신고서가 제출되거나 종결될 때까지, 그리고 적어도 2027-04-30까지입니다" },
    { "es", "hasta que su declaración de impuestos esté presentada o cerrada, y por lo menos hasta el 2027-04-30" },
    { "ht", "jiskaske deklarasyon taks ou depoze oswa fèmen, epi omwen jiska 2027-04-30" },
  };
  g_autoptr(VitaNotice) notice = load_notice ();
  VitaNoticeSite site = test_site;

  site.retention = "2027-04-30";
  site.retention_pending = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = vita_notice_dup_text (notice, cases[i].lang, &site, &error);

      g_assert_no_error (error);
      g_assert_nonnull (strstr (text, cases[i].expected));
      g_assert_null (strchr (text, '{'));
      g_assert_true (vita_notice_check_text (cases[i].lang, text, NULL));
    }
}

/* Sentences of the English notice, for looking for them in translations. */
static GPtrArray *
english_sentences (VitaNotice *notice)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = vita_notice_dup_text (notice, "en", &test_site, &error);
  g_auto(GStrv) lines = NULL;
  GPtrArray *sentences = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GRegex) split = g_regex_new ("(?<=[.?!])\\s+", 0, 0, NULL);
      g_auto(GStrv) parts = g_regex_split (split, lines[i], 0);

      for (guint j = 0; parts[j] != NULL; j++)
        {
          g_auto(GStrv) words = g_strsplit (parts[j], " ", -1);

          /* Two words or fewer are names and numbers, not English. */
          if (g_strv_length (words) >= 3)
            g_ptr_array_add (sentences, g_strdup (parts[j]));
        }
    }

  return sentences;
}

/* A run of words that is a name or a number: every word starts with a
 * capital or a digit ("Legal Aid Example, 617-555-0199"). */
static gboolean
is_proper (char **words,
           guint  n)
{
  for (guint i = 0; i < n; i++)
    {
      gunichar c = g_utf8_get_char (words[i]);

      if (!g_unichar_isupper (c) && !g_unichar_isdigit (c) && c != '(' && c != '{')
        return FALSE;
    }

  return TRUE;
}

static void
assert_no_english (VitaNotice *notice,
                   const char *language,
                   const char *pdf_text)
{
  g_autoptr(GPtrArray) sentences = english_sentences (notice);
  g_autofree char *collapsed = collapse (pdf_text);
  g_autofree char *lower = g_utf8_strdown (collapsed, -1);

  for (guint i = 0; i < sentences->len; i++)
    {
      const char *sentence = g_ptr_array_index (sentences, i);
      g_autofree char *sentence_lower = g_utf8_strdown (sentence, -1);
      g_auto(GStrv) words = g_strsplit (sentence, " ", -1);
      guint n = g_strv_length (words);
      gboolean sentence_in_case_name = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (case_names); k++)
        if (strstr (case_names[k], sentence) != NULL)
          sentence_in_case_name = TRUE;
      if (!sentence_in_case_name && strstr (lower, sentence_lower) != NULL)
        g_error ("%s notice contains the English sentence “%s”", language, sentence);

      /* Any four English words in a row, unless they are a name. */
      for (guint j = 0; j + 4 <= n; j++)
        {
          g_autofree char *run = NULL;
          g_autofree char *run_lower = NULL;
          char *saved = words[j + 4];

          gboolean in_case_name = FALSE;

          if (is_proper (words + j, 4))
            continue;
          words[j + 4] = NULL;
          run = g_strjoinv (" ", words + j);
          words[j + 4] = saved;
          for (guint k = 0; k < G_N_ELEMENTS (case_names); k++)
            if (strstr (case_names[k], run) != NULL)
              in_case_name = TRUE;
          if (in_case_name)
            continue;
          run_lower = g_utf8_strdown (run, -1);
          if (strstr (lower, run_lower) != NULL)
            g_error ("%s notice contains the English words “%s”", language, run);
        }
    }
}

static void
test_render_language (gconstpointer data)
{
  const char *language = data;
  g_autoptr(VitaNotice) notice = load_notice ();
  g_autofree char *name = g_strdup_printf ("notice-%s.pdf", language);
  g_autofree char *path = render (notice, language, NULL, name);
  g_autoptr(TestPdf) document = open_pdf (path);
  g_auto(PdfText) pdf = { 0 };
  g_auto(GStrv) sections = vita_notice_dup_section_ids (notice);
  guint row = 0;

  read_pdf (path, language, &pdf);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    if (g_str_equal (expected[i].language, language))
      row = i;
  g_assert_true (contains_squeezed (pdf.squeezed, expected[row].first_heading));

  /* Every section heading, in this language. */
  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *heading = vita_notice_dup_heading (notice, sections[i], language, &error);
      g_autofree char *english = vita_notice_dup_heading (notice, sections[i], "en", &error);

      g_assert_no_error (error);
      if (!contains_squeezed (pdf.squeezed, heading))
        g_error ("The %s notice lacks the heading “%s”", language, heading);
      if (!g_str_equal (language, "en"))
        g_assert_cmpstr (heading, !=, english);
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected_facts); i++)
    {
      if (!g_str_equal (expected_facts[i].language, language))
        continue;
      for (guint j = 0; expected_facts[i].facts[j] != NULL; j++)
        if (!contains_squeezed (pdf.squeezed, expected_facts[i].facts[j]))
          g_error ("The %s notice lacks “%s”", language, expected_facts[i].facts[j]);
      for (guint j = 0; expected_facts[i].banned[j] != NULL; j++)
        if (contains_squeezed (pdf.squeezed, expected_facts[i].banned[j]))
          g_error ("The %s notice still says “%s”", language, expected_facts[i].banned[j]);
      for (guint k = 0; k < G_N_ELEMENTS (case_names); k++)
        g_assert_true (contains_squeezed (pdf.squeezed, case_names[k]));
    }

  for (guint i = 0; i < G_N_ELEMENTS (expected_approval); i++)
    if (g_str_equal (expected_approval[i].language, language)
        && !contains_squeezed (pdf.squeezed, expected_approval[i].approval))
      g_error ("The %s notice lacks the approval line “%s”", language, expected_approval[i].approval);

  /* At least 12 pt for the body; the page furniture may be 11 pt. */
  g_assert_cmpfloat (pdf.min_font_size, >=, 10.99);
  g_assert_cmpuint (pdf.chars_at_12pt, >, pdf.chars_total * 8 / 10);

  if (g_str_equal (language, "ko"))
    {
      g_assert_cmpuint (count_hangul (pdf.text), >, 1500);
      g_assert_true (contains_squeezed (pdf.squeezed, "사회보장번호(SSN)"));
      g_assert_true (document_has_font (document, "CJK"));
    }

  if (!g_str_equal (language, "en"))
    assert_no_english (notice, language, pdf.text);

  g_assert_cmpint (g_remove (path), ==, 0);
}

typedef struct
{
  gunichar c;
  double   x;
  double   y;
} Glyph;

static int
compare_glyphs (gconstpointer a,
                gconstpointer b)
{
  const Glyph *ga = a, *gb = b;

  if (ga->y != gb->y)
    return ga->y < gb->y ? -1 : 1;
  if (ga->x != gb->x)
    return ga->x < gb->x ? -1 : 1;
  return 0;
}

/* Puts glyphs back in reading order: top to bottom by line, then left to
 * right.  Glyphs whose centres are within a few points share a line (Latin
 * and Hangul boxes differ slightly in height). */
static void
append_in_reading_order (GArray  *glyphs,
                         GString *out)
{
  guint start = 0;

  g_array_sort (glyphs, compare_glyphs);
  while (start < glyphs->len)
    {
      double line_y = g_array_index (glyphs, Glyph, start).y;
      guint end = start;

      while (end < glyphs->len && g_array_index (glyphs, Glyph, end).y - line_y < 5.0)
        end++;
      /* Same line: order by x alone. */
      for (guint i = start; i < end; i++)
        g_array_index (glyphs, Glyph, i).y = line_y;
      g_array_sort (glyphs, compare_glyphs);
      for (guint i = start; i < end; i++)
        g_string_append_unichar (out, g_array_index (glyphs, Glyph, i).c);
      g_string_append_c (out, '\n');
      start = end;
    }
}

/* Splits a page's text into what lies left and right of @x, above @y_max,
 * using the box poppler reports for each character.  Poppler's own reading
 * order interleaves the lines of side-by-side columns. */
static void
split_columns (PopplerPage *page,
               double       x,
               double       y_max,
               GString     *left,
               GString     *right)
{
  g_autofree char *text = poppler_page_get_text (page);
  g_autofree PopplerRectangle *rects = NULL;
  g_autoptr(GArray) left_glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  g_autoptr(GArray) right_glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  guint n_rects = 0;
  guint i = 0;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n_rects));

  for (const char *p = text; *p != '\0' && i < n_rects; p = g_utf8_next_char (p), i++)
    {
      Glyph glyph = {
        g_utf8_get_char (p),
        (rects[i].x1 + rects[i].x2) / 2,
        (rects[i].y1 + rects[i].y2) / 2,
      };

      if (glyph.c == '\n' || rects[i].y2 > y_max)
        continue;
      g_array_append_val (glyph.x < x ? left_glyphs : right_glyphs, glyph);
    }

  append_in_reading_order (left_glyphs, left);
  append_in_reading_order (right_glyphs, right);
}

/* English and Korean side by side on every sheet: English on the left, the
 * member's language on the right, footers in both. */
/* Minimum-data mode (issue 14, item 8): the notice and the privacy
 * screen's text say which mode the site uses, in each language. */
static const struct
{
  const char *language;
  const char *on;
  const char *on_days;
  const char *off;
} expected_mode[] = {
  { "en", "This site uses the program’s minimum-data setting.", "7 days or more after your forms are printed",
    "This site does not use the program’s minimum-data setting." },
  { "ko", "이 센터는 프로그램의 최소 정보 설정을 사용합니다.", "7일 이상 지난 뒤",
    "이 센터는 프로그램의 최소 정보 설정을 사용하지 않습니다." },
  { "es", "Este centro usa la opción de datos mínimos del programa.", "7 días o más después",
    "Este centro no usa la opción de datos mínimos del programa." },
  { "ht", "Sant sa a sèvi ak paramèt done minimòm pwogram nan.", "7 jou oswa plis apre",
    "Sant sa a pa sèvi ak paramèt done minimòm pwogram nan." },
};

static void
test_render_data_mode (gconstpointer data)
{
  const char *language = data;
  g_autoptr(VitaNotice) notice = load_notice ();
  guint row = G_N_ELEMENTS (expected_mode);

  for (guint i = 0; i < G_N_ELEMENTS (expected_mode); i++)
    if (g_str_equal (expected_mode[i].language, language))
      row = i;
  g_assert_cmpuint (row, <, G_N_ELEMENTS (expected_mode));

  for (int on = 0; on <= 1; on++)
    {
      g_autoptr(GError) error = NULL;
      VitaNoticeSite site = test_site;
      g_autofree char *name = g_strdup_printf ("notice-mode-%s-%d.pdf", language, on);
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      g_autofree char *text = NULL;
      g_autofree char *text_squeezed = NULL;
      g_auto(PdfText) pdf = { 0 };
      const char *want = on ? expected_mode[row].on : expected_mode[row].off;
      const char *other = on ? expected_mode[row].off : expected_mode[row].on;

      site.data_mode = on ? "on" : "off";
      site.contact_days = 7;
      g_assert_true (vita_notice_render_pdf (notice, language, NULL, &site, path, &error));
      g_assert_no_error (error);
      read_pdf (path, language, &pdf);
      if (!contains_squeezed (pdf.squeezed, want))
        g_error ("The %s notice lacks “%s”", language, want);
      g_assert_false (contains_squeezed (pdf.squeezed, other));
      g_assert_true (contains_squeezed (pdf.squeezed, expected_mode[row].on_days) == on);
      g_assert_cmpint (g_remove (path), ==, 0);

      /* The privacy screen shows vita_notice_dup_text(). */
      text = vita_notice_dup_text (notice, language, &site, &error);
      g_assert_no_error (error);
      text_squeezed = squeeze (text);
      g_assert_true (contains_squeezed (text_squeezed, want));
      g_assert_false (contains_squeezed (text_squeezed, other));
    }
}

static void
test_render_bilingual (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();
  g_autofree char *path = render (notice, "en", "ko", "notice-en-ko.pdf");
  g_autoptr(TestPdf) document = open_pdf (path);
  g_auto(GStrv) sections = vita_notice_dup_section_ids (notice);
  g_auto(PdfText) english = { 0 };
  g_auto(PdfText) korean = { 0 };
  g_autoptr(GString) left = g_string_new (NULL);
  g_autoptr(GString) right = g_string_new (NULL);
  g_autofree char *left_squeezed = NULL;
  g_autofree char *right_squeezed = NULL;

  /* Each page carries both footers. */
  read_pdf (path, "en", &english);
  read_pdf (path, "ko", &korean);

  /* Poppler reads two columns line by line across the page, so split each
   * page by where the characters are, above the footer. */
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(TestPdfPage) page = poppler_document_get_page (document, i);
      g_autoptr(GString) left_text = g_string_new (NULL);
      g_autoptr(GString) right_text = g_string_new (NULL);

      split_columns (page, 306, 660, left_text, right_text);
      g_assert_cmpuint (count_hangul (left_text->str), ==, 0);
      g_assert_cmpuint (count_hangul (right_text->str), >, 0);
      g_string_append_printf (left, "%s\n", left_text->str);
      g_string_append_printf (right, "%s\n", right_text->str);
    }
  left_squeezed = squeeze (left->str);
  right_squeezed = squeeze (right->str);

  for (guint i = 0; sections[i] != NULL; i++)
    {
      g_autofree char *en = vita_notice_dup_heading (notice, sections[i], "en", NULL);
      g_autofree char *ko = vita_notice_dup_heading (notice, sections[i], "ko", NULL);

      g_assert_true (contains_squeezed (left_squeezed, en));
      g_assert_true (contains_squeezed (right_squeezed, ko));
    }
  assert_no_english (notice, "ko", right->str);

  g_assert_true (document_has_font (document, "CJK"));
  g_assert_cmpint (g_remove (path), ==, 0);
}

static void
test_render_errors (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();
  g_autofree char *path = g_build_filename (tmpdir, "notice-zz.pdf", NULL);

  {
    g_autoptr(GError) error = NULL;

    g_assert_false (vita_notice_render_pdf (notice, "zz", NULL, &test_site, path, &error));
    g_assert_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_NO_TRANSLATION);
    /* Nothing is written for a language without a catalog. */
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_false (vita_notice_render_pdf (notice, "es", NULL, &test_site,
                                            "/nonexistent/dir/notice.pdf", &error));
    g_assert_error (error, VITA_NOTICE_ERROR, VITA_NOTICE_ERROR_IO);
  }
}

/* The layout object is what printing uses: its pages must be the PDF's. */
static void
test_layout_api (void)
{
  g_autoptr(VitaNotice) notice = load_notice ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaNoticeLayout) layout = vita_notice_layout_new (notice, "ht", NULL, &test_site, &error);
  g_autofree char *path = render (notice, "ht", NULL, "notice-ht-layout.pdf");
  g_autoptr(TestPdf) document = open_pdf (path);
  cairo_surface_t *surface;
  cairo_t *cr;
  guint n_pages;

  g_assert_no_error (error);
  g_assert_cmpstr (vita_notice_layout_get_title (layout), ==, "Enfòmasyon taks ou ak vi prive ou");

  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cr = cairo_create (surface);
  n_pages = vita_notice_layout_paginate (layout, cr, 612, 792, VITA_NOTICE_PDF_MARGIN);
  g_assert_cmpuint (n_pages, ==, poppler_document_get_n_pages (document));
  g_assert_cmpuint (vita_notice_layout_get_n_pages (layout), ==, n_pages);
  for (guint i = 0; i < n_pages; i++)
    vita_notice_layout_draw_page (layout, cr, i);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  /* A smaller printable area, as a printer with wide margins gives. */
  g_assert_cmpuint (vita_notice_layout_paginate (layout, cr, 576, 756, VITA_NOTICE_PRINT_MARGIN),
                    >=, 2);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_cmpint (g_remove (path), ==, 0);
}

/* Every member language must bring its own promise patterns and a row in
 * the tables above: nothing else would notice a language added to
 * vita-i18n.c without them (docs/HACKING.md, "Adding a member language"). */
static void
test_every_language (void)
{
  const VitaLanguage *all;
  guint n_all;

  all = vita_i18n_get_languages (&n_all);
  g_assert_cmpuint (n_all, >, 0);
  for (guint i = 0; i < n_all; i++)
    {
      const char *code = all[i].code;
      gboolean in_languages = FALSE;
      gboolean in_expected = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (languages); j++)
        in_languages = in_languages || g_str_equal (languages[j], code);
      for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
        in_expected = in_expected || g_str_equal (expected[j].language, code);

      if (vita_promise_check_count_patterns (code) == 0)
        g_error ("No promise patterns for “%s” in vita-promise-check.c", code);
      if (!in_languages || !in_expected)
        g_error ("No row for “%s” in languages[] and expected[] of test-notice.c", code);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  /* The process locale must not matter: print in Korean from a C desktop. */
  g_setenv ("LANG", "C", TRUE);
  g_unsetenv ("LANGUAGE");
  g_unsetenv ("LC_ALL");
  setlocale (LC_ALL, "C");

  g_test_init (&argc, &argv, NULL);

  tmpdir = g_dir_make_tmp ("vita-notice-XXXXXX", NULL);
  g_assert_nonnull (tmpdir);

  g_test_add_func ("/notice/load", test_load);
  g_test_add_func ("/notice/every-language", test_every_language);
  g_test_add_func ("/notice/default-path", test_default_path);
  g_test_add_func ("/notice/format-date", test_format_date);
  g_test_add_func ("/notice/check/shipped", test_check_shipped);
  g_test_add_func ("/notice/check/planted", test_check_planted);
  g_test_add_func ("/notice/check/planted-in-notice", test_check_planted_in_notice);
  g_test_add_func ("/notice/check/safety-claims", test_check_safety_claims);
  g_test_add_func ("/notice/review/age", test_review_age);
  g_test_add_func ("/notice/check/stale", test_stale_translation);
  g_test_add_func ("/notice/check/bad-translation", test_check_bad_translation);
  g_test_add_func ("/notice/invalid-files", test_invalid_files);
  g_test_add_func ("/notice/dup-text", test_dup_text);
  g_test_add_func ("/notice/dup-text/retention-pending", test_dup_text_retention_pending);
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/notice/render/%s", languages[i]);

      g_test_add_data_func (name, languages[i], test_render_language);
    }
  for (guint i = 0; i < G_N_ELEMENTS (languages); i++)
    {
      g_autofree char *name = g_strdup_printf ("/notice/render/data-mode/%s", languages[i]);

      g_test_add_data_func (name, languages[i], test_render_data_mode);
    }
  g_test_add_func ("/notice/render/bilingual", test_render_bilingual);
  g_test_add_func ("/notice/render/errors", test_render_errors);
  g_test_add_func ("/notice/layout", test_layout_api);

  status = g_test_run ();

  g_rmdir (tmpdir);
  g_free (tmpdir);

  return status;
}
