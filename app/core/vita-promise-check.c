/* vita-promise-check.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The promise check: member-facing text must make no absolute promise.
 * Used by the notice, the consent text and the site's own values.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-promise-check.h"

/* Absolute promises a notice must not make (docs/forbidden-promises.md,
 * with their sources): nobody can
 * honestly tell a member that tax data can never be shared.  Patterns are
 * matched against text that has been case-folded and stripped of accents
 * (so write them in lower case without accents), and every pattern is
 * applied to every language, because a translation can carry an English
 * promise or a Spanish one.  Add a pattern for each new language. */
typedef struct
{
  const char *language;
  const char *pattern;
} PromisePattern;

static const PromisePattern promise_patterns[] = {
  /* English */
  { "en", "\\bnever\\s+(be\\s+)?(shared|disclosed|given|sent|reported|used|seen|released)\\b" },
  { "en", "\\bnever\\s+(share|disclose|give|send|report|release)" },
  { "en", "\\bwill\\s+never\\b" },
  { "en", "\\bguarantee" },
  { "en", "\\b(100\\s*%|completely|totally|perfectly|absolutely|entirely|always|forever)\\s+(safe|secure|private|protected|confidential)\\b" },
  { "en", "\\b(is|are|will\\s+be|stays?|remains?)\\s+safe\\b" },
  { "en", "\\b(cannot|can\\s*not|can't|will\\s+not|won't)\\s+(ever\\s+)?be\\s+(shared|disclosed|given|seen|sent|found|used|accessed|released)\\b" },
  { "en", "\\b(no\\s*-?\\s*one|nobody)\\s+(will|can|could)\\s+ever\\b" },
  { "en", "\\b(no\\s*-?\\s*one|nobody)\\s+(else\\s+)?(will|can|could)\\s+(see|get|access|find)\\b" },
  { "en", "\\bwe\\s+promise\\b" },
  { "en", "\\bno\\s+risk\\b" },
  { "en", "\\b(don't|do\\s+not|no\\s+need\\s+to)\\s+worry\\b|\\bnothing\\s+to\\s+worry\\b" },
  /* Claims of safety and absolute denials of access (issue 14: "ICE
   * cannot get your data", "your data is safe"): whoever the subject, a
   * text that says someone cannot get, see or reach member data promises
   * what nobody can know. */
  { "en", "\\b(cannot|can\\s*not|can't|could\\s*not|couldn't|will\\s+not|won't|is\\s+not\\s+able\\s+to|are\\s+not\\s+able\\s+to|(has|have)\\s+no\\s+way\\s+to)\\s+(ever\\s+)?(get|see|access|obtain|reach|find|take|look\\s+at)\\s+(to\\s+)?(your|their|his|her|our|this|these|the|any|member|client)\\b" },
  { "en", "\\b(no\\s+access|never\\s+(get|see|access|obtain))\\b" },
  { "en", "\\b(safe|secure|protected|hidden)\\s+(from|against)\\b" },
  { "en", "\\b(data|information|info|records?|files?|address(es)?|details|answers|return|privacy)\\s+(is|are|will\\s+be|stays?|remains?|will\\s+stay|will\\s+remain)\\s+(?!not\\b)(\\w+\\s+)?(safe|secure|untouchable)\\b" },
  { "en", "\\b(will\\s+not|won't|does\\s+not|doesn't|do\\s+not|don't|never)\\s+(ever\\s+)?(go|get\\s+sent|reach|get|end\\s+up|be\\s+sent)\\s+(to|with|at)\\s+(ice|immigration|dhs|the\\s+government)\\b" },
  { "en", "\\b(zero|without\\s+any|without)\\s+risk\\b|\\bnothing\\s+(bad\\s+)?(will|can|could)\\s+happen\\b|\\bnothing\\s+to\\s+fear\\b|\\b(it\\s+is|it's)\\s+safe\\s+to\\b" },

  /* Korean.  보장 alone is also the 보장 of 사회보장번호 (Social Security
   * number), which the notice has to name. */
  { "ko", "절대" },
  { "ko", "결코" },
  { "ko", "(?<!사회)보장" },
  { "ko", "(100\\s*%|100\\s*퍼센트|완전히|완벽하게|전적으로|항상)\\s*(안전|보호|비공개)" },
  { "ko", "공유(되|하)지\\s*않을\\s*(것|겁)" },
  { "ko", "공유(될|할)\\s*수\\s*(없|가\\s*없)" },
  { "ko", "(아무도|누구도)\\s*(볼|알|찾을|가져갈)\\s*수\\s*없" },
  { "ko", "안전(을|함을|하다고)?\\s*약속" },
  { "ko", "걱정(하실|할|하지\\s*않으셔도\\s*될)\\s*(필요|일)" },
  /* Safety claims and denials of access, with the particles a sentence
   * puts between subject and verb ("정보는 안전합니다", "ICE는 … 얻을 수
   * 없습니다", "이민 당국에 넘어가지 않습니다"). */
  { "ko", "안전(합니다|하다|해요|하지요|할\\s*(것|겁)|하게\\s*(보관|지켜|보호|지킵)|히\\s*(보관|지켜|보호|지킵))" },
  { "ko", "(얻을|볼|가져갈|가져가지|알아낼|찾아낼|손에\\s*넣을|접근할|열어\\s*볼|들여다볼)\\s*수\\s*(가\\s*|는\\s*|도\\s*)?없" },
  { "ko", "(넘어가|넘겨지|넘기|전달되|들어가|흘러가)지\\s*(는\\s*|도\\s*)?않" },
  { "ko", "(로부터|으로부터|에게서|에게서도)\\s*(안전|보호)" },
  { "ko", "(정보|자료|데이터|개인정보|주소|파일|기록)(는|은|가|이|도)\\s*(모두\\s*|늘\\s*|계속\\s*)?(보호됩니다|보호받습니다|지켜집니다)" },
  { "ko", "위험(이|은|도)?\\s*(전혀\\s*|하나도\\s*)?없|(전혀|하나도)\\s*위험" },
  { "ko", "걱정\\s*(마세요|마십시오|하지\\s*마|안\\s*하셔도)" },

  /* Spanish */
  { "es", "\\bnunca\\s+(se\\s+|le\\s+|la\\s+|lo\\s+|los\\s+|las\\s+)?(compart|divulg|entreg|revel|envi|dar|usar)\\w*" },
  { "es", "\\bnunca\\s+sera[n]?\\s+(compartid|divulgad|entregad|revelad|enviad|usad)\\w*" },
  { "es", "\\bgarantiz\\w*|\\bgarantia" },
  { "es", "\\bjamas\\b" },
  { "es", "\\b(100\\s*%|totalmente|completamente|absolutamente|perfectamente|siempre)\\s+(segur|protegid|privad|confidencial|a\\s+salvo)\\w*" },
  { "es", "\\bno\\s+se\\s+(puede|pueden|podra|podran)\\s+(compartir|divulgar|entregar|revelar)\\b" },
  { "es", "\\bno\\s+se\\s+(compartira|compartiran|divulgara|divulgaran|entregara|entregaran)\\b" },
  { "es", "\\bnadie\\s+(podra|va\\s+a\\s+poder|puede)\\s+(nunca\\s+|jamas\\s+)?(ver|saber|obtener|encontrar)\\b" },
  { "es", "\\bprometemos\\b|\\bsin\\s+ningun\\s+riesgo\\b" },
  { "es", "\\bno\\s+se\\s+preocupe\\b|\\bno\\s+hay\\s+(nada\\s+)?(de\\s+)?que\\s+preocupar" },
  /* Safety claims ("sus datos están seguros", "a salvo") and denials of
   * access ("ICE no puede obtener sus datos").  "No está seguro" (unsure)
   * and "Seguro Social" stay allowed. */
  { "es", "(?<!\\bno\\s)\\b(esta|estan|estara|estaran|estaria|estarian|queda|quedan|quedara|quedaran|permanece|permanecen|permanecera|permaneceran|se\\s+mantiene|se\\s+mantienen|se\\s+mantendra|se\\s+mantendran)\\s+(muy\\s+|bien\\s+)?(segur[oa]s?|a\\s+salvo|protegid[oa]s?\\s+(de|contra|frente\\s+a))\\b" },
  { "es", "\\ba\\s+salvo\\b|\\b(segur[oa]s?|protegid[oa]s?)\\s+(de|contra|frente\\s+a)\\s+(ice|inmigracion|las\\s+autoridades|el\\s+gobierno|la\\s+migra)\\b" },
  { "es", "\\bno\\s+(puede|pueden|podra|podran|podria|podrian|va\\s+a\\s+poder|van\\s+a\\s+poder|tiene\\s+manera\\s+de|tienen\\s+manera\\s+de)\\s+(nunca\\s+|jamas\\s+)?(obtener|ver|acceder|conseguir|encontrar|tener\\s+acceso\\s+a|sacar|mirar|usar|recibir|llegar\\s+a)\\s+(a\\s+)?(sus?|los|las|el|la|este|esta|estos|estas|esos|esas|ningun[oa]?|ningunos|ningunas)\\s+(\\w+\\s+)?(datos|informacion|direccion|direcciones|archivos?|expedientes?|respuestas|registros|declaracion|declaraciones)\\b" },
  { "es", "\\bno\\s+(tiene|tienen|tendra|tendran)\\s+(ningun\\s+)?acceso\\b|\\bsin\\s+acceso\\s+(para|de)\\s+(ice|inmigracion)" },
  { "es", "\\bno\\s+(llega|llegan|llegara|llegaran|va|van|ira|iran)\\s+a\\s+(manos\\s+de\\s+)?(ice|inmigracion|la\\s+migra|el\\s+gobierno)\\b" },
  { "es", "\\b(sin|ningun|cero)\\s+(ningun\\s+)?riesgo\\b|\\bno\\s+hay\\s+(ningun\\s+)?riesgo\\b|\\bseguridad\\s+(total|absoluta|completa)\\b|\\bes\\s+seguro\\s+(declarar|presentar|venir)\\b" },

  /* Haitian Creole ("p ap" is also written "pap" and "p'ap") */
  { "ht", "\\bp\\W?a\\W?p\\s+janm(en)?\\b" },
  { "ht", "\\bp\\W?a\\W?p\\s+pataje\\b" },
  { "ht", "\\b(pa\\s+)?janm(en)?\\s+(pataje|bay|montre|voye|itilize)\\b" },
  { "ht", "\\bgaranti\\w*" },
  { "ht", "\\b(100\\s*%|totalman|konpletman|absoliman|net\\s+ale)\\s+(an\\s+)?(sekirite|sekire|pwoteje|prive)\\b" },
  { "ht", "\\bpa\\s+ka\\s+(janm(en)?\\s+)?pataje\\b" },
  { "ht", "\\bpesonn\\s+(p\\W?a\\W?p|pa\\s+ka|pa\\s+kapab)\\s+(janm(en)?\\s+)?(we|konnen|jwenn|pran)\\b" },
  { "ht", "\\bnou\\s+pwomet\\b" },
  { "ht", "\\bpa\\s+(bezwen\\s+)?enkyete\\b" },
  /* Safety claims ("an sekirite", "pwoteje kont ICE", "okenn risk") and
   * denials of access ("ICE pa ka jwenn enfòmasyon ou"). */
  { "ht", "\\ban\\s+sekirite\\b|\\bsekirize\\b" },
  { "ht", "\\b(pa\\s+ka|pa\\s+kapab|p\\W?a\\W?p\\s+ka|p\\W?a\\W?p\\s+kapab|p\\W?a\\W?p)\\s+(janm(en)?\\s+)?(jwenn|we|pran|gade|rive\\s+jwenn|mete\\s+men\\s+sou)\\s+(\\w+\\s+){0,2}(enfomasyon|done|dosye|adres|repons|dokiman|deklarasyon)\\b" },
  { "ht", "\\bpwoteje\\s+(kont|anba)\\b|\\b(pwoteje|an\\s+sekirite)\\s+nan\\s+men\\b" },
  { "ht", "\\bokenn\\s+(risk|danje)\\b|\\bpa\\s+gen\\s+(okenn\\s+)?(risk|danje)\\b|\\bsan\\s+(okenn\\s+)?(risk|danje)\\b" },
  { "ht", "\\bp\\W?a\\W?p\\s+(janm(en)?\\s+)?(rive|ale)\\s+(jwenn|bay|kot|lakay)?\\s*(ice|imigrasyon|gouvenman)\\b" },
  { "ht", "\\bpa\\s+(bezwen\\s+)?pe\\b" },
};

static GPtrArray *
promise_regexes (void)
{
  static GPtrArray *regexes;

  if (g_once_init_enter (&regexes))
    {
      GPtrArray *array = g_ptr_array_new ();

      for (guint i = 0; i < G_N_ELEMENTS (promise_patterns); i++)
        {
          g_autoptr(GError) error = NULL;
          GRegex *regex = g_regex_new (promise_patterns[i].pattern,
                                       G_REGEX_CASELESS | G_REGEX_OPTIMIZE,
                                       0, &error);

          /* The table is ours; a bad pattern is a programming error. */
          if (regex == NULL)
            g_error ("Bad promise pattern %s: %s", promise_patterns[i].pattern, error->message);
          g_ptr_array_add (array, regex);
        }

      g_once_init_leave (&regexes, array);
    }

  return regexes;
}

/* Case-folds, drops accents and other combining marks, and makes
 * apostrophes and spaces uniform, so "JAMÁS", "jamás" and "jamas" match one
 * pattern.  NFC at the end puts Hangul syllables back together. */
static char *
fold_for_matching (const char *text)
{
  g_autofree char *decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  g_autofree char *composed = NULL;
  GString *out;
  gboolean space = FALSE;

  if (decomposed == NULL)
    return g_strdup ("");

  out = g_string_new (NULL);
  for (const char *p = decomposed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (g_unichar_isspace (c) || type == G_UNICODE_FORMAT)
        {
          space = TRUE;
          continue;
        }
      if (space && out->len > 0)
        g_string_append_c (out, ' ');
      space = FALSE;
      if (c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x00B4)
        c = '\'';
      g_string_append_unichar (out, c);
    }

  composed = g_utf8_normalize (out->str, -1, G_NORMALIZE_NFC);
  g_string_free (out, TRUE);

  return g_utf8_casefold (composed, -1);
}

/**
 * vita_promise_check_collect:
 * @language: the language @text is in, for the messages
 * @where: (nullable): the id of the text, for the messages
 * @text: any text meant for a member
 * @problems: (nullable): an array of strings to add a message to for each
 *   promise found; %NULL stops at the first
 *
 * Returns: %TRUE if no absolute promise was found
 */
gboolean
vita_promise_check_collect (const char *language,
                            const char *where,
                            const char *text,
                            GPtrArray  *problems)
{
  g_autofree char *folded = fold_for_matching (text);
  GPtrArray *regexes = promise_regexes ();
  gboolean ok = TRUE;

  for (guint i = 0; i < regexes->len; i++)
    {
      g_autoptr(GMatchInfo) match = NULL;
      g_autofree char *found = NULL;

      if (!g_regex_match (g_ptr_array_index (regexes, i), folded, 0, &match))
        continue;

      ok = FALSE;
      if (problems == NULL)
        break;

      found = g_match_info_fetch (match, 0);
      if (where != NULL)
        {
          /* Translators: the first %s is a notice paragraph id, the second
           * a language code, the third the words that were found. */
          g_ptr_array_add (problems, g_strdup_printf (_("%s (%s): “%s” is an absolute promise; "
                                                        "the notice must not promise what nobody can"),
                                                      where, language, found));
        }
      else
        {
          /* Translators: %s is the words that were found. */
          g_ptr_array_add (problems, g_strdup_printf (_("“%s” is an absolute promise; "
                                                        "the notice must not promise what nobody can"),
                                                      found));
        }
    }

  return ok;
}

/**
 * vita_notice_check_text:
 * @language: the language @text is in, for the report
 * @text: any text meant for a member
 * @problems: (out) (optional) (transfer full): a new array of messages
 *
 * Looks for absolute promises ("never shared", "garantizado", "절대",
 * "pap janm" …) in any of the notice languages.
 *
 * Returns: %TRUE if none were found
 */
gboolean
vita_notice_check_text (const char  *language,
                        const char  *text,
                        GPtrArray  **problems)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);

  ok = vita_promise_check_collect (language != NULL ? language : "?", NULL, text,
                                   problems != NULL ? found : NULL);

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return ok;
}

/**
 * vita_promise_check_count_patterns:
 * @language: a member language code
 *
 * Every pattern is applied to every language, but each language must bring
 * its own: a missing set would let that language's promises through.
 *
 * Returns: the number of patterns written for @language
 */
guint
vita_promise_check_count_patterns (const char *language)
{
  guint n = 0;

  g_return_val_if_fail (language != NULL, 0);

  for (guint i = 0; i < G_N_ELEMENTS (promise_patterns); i++)
    if (g_str_equal (promise_patterns[i].language, language))
      n++;

  return n;
}
