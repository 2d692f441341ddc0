/* vita-certification.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Which tax-law certification a return needs, from the B/A/M codes that
 * Form 13614-C prints beside the questions of pages 2 and 3 (domain-rules.md
 * section 1.8).  A site must not give a return to a volunteer whose
 * certification does not cover every checked item.
 *
 * Split codes:
 *  - (B/A) items are entered as Basic in the catalogue: the form's own
 *    volunteer notes say when they are Basic ("Basic when reported on W2",
 *    "Basic when taxable amount is reported", "Basic if a Roth IRA or
 *    401K"), so they become Advanced only when the volunteer's detail
 *    answer says the Basic case does not hold.  Until the volunteer answers
 *    the detail the return shows as Basic; the detail questions sit next to
 *    the items, so the level is final once the volunteer side is done.
 *  - (A/M) rental income is entered as Military and becomes Advanced when
 *    the taxpayer says the home was a personal residence rented for fewer
 *    than 15 days.
 *
 * Levels: Advanced covers Basic.  Military is a specialty certification
 * (domain-rules.md section 4.6 lists it beside International and Puerto
 * Rico, and keeps "Basic/Advanced" as a separate tax-law level), so it is
 * not taken to cover Advanced, nor Advanced to cover Military.  Military
 * is taken to cover Basic: the reference does not say so, but a volunteer
 * certified for military returns being unable to prepare a W-2-only return
 * would make no sense; revisit if Pub 4961 says otherwise. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "vita-field-ids.h"
#include "vita-certification.h"

/* A detail answer that changes the level an item needs. */
typedef struct
{
  const char    *field_id;
  const char    *detail_id;
  const char    *detail_values; /* comma-separated */
  VitaCertLevel  level;
} LevelRule;

static const LevelRule level_rules[] = {
  { VITA_FID_INC_RENTAL, VITA_FID_INC_RENTAL_PERSONAL_UNDER_15, "yes", VITA_CERT_ADVANCED },
  { VITA_FID_VINC_RENTAL, VITA_FID_INC_RENTAL_PERSONAL_UNDER_15, "yes", VITA_CERT_ADVANCED },
  { VITA_FID_INC_TIPS, VITA_FID_VINC_TIPS_ON_W2, "no", VITA_CERT_ADVANCED },
  { VITA_FID_VINC_TIPS, VITA_FID_VINC_TIPS_ON_W2, "no", VITA_CERT_ADVANCED },
  { VITA_FID_INC_RETIREMENT, VITA_FID_VINC_1099R_TAXABLE_REPORTED, "no", VITA_CERT_ADVANCED },
  { VITA_FID_VINC_1099R, VITA_FID_VINC_1099R_TAXABLE_REPORTED, "no", VITA_CERT_ADVANCED },
  { VITA_FID_EXP_RETIREMENT_CONTRIBUTIONS, VITA_FID_VEXP_IRA_KIND, "traditional,other", VITA_CERT_ADVANCED },
  { VITA_FID_VEXP_IRA, VITA_FID_VEXP_IRA_KIND, "traditional,other", VITA_CERT_ADVANCED },
};

static const char *level_names[] = { "none", "basic", "advanced", "military" };

static const char *level_labels[] = {
  N_("None"), N_("Basic"), N_("Advanced"), N_("Military"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (level_names) == VITA_CERT_MILITARY + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (level_labels) == VITA_CERT_MILITARY + 1);

static gboolean
is_checked (const VitaField *field,
            VitaHousehold   *hh,
            int              person)
{
  const char *value = vita_household_get (hh, person, field->id);

  if (!vita_field_is_visible (field, hh, person))
    return FALSE;
  if (field->type == VITA_FIELD_YOU_SPOUSE)
    return vita_field_value_matches (field, value, "you,spouse,both");
  return g_strcmp0 (value, "yes") == 0;
}

static VitaCertLevel
level_for (const VitaField *field,
           VitaHousehold   *hh)
{
  for (guint i = 0; i < G_N_ELEMENTS (level_rules); i++)
    {
      const LevelRule *rule = &level_rules[i];
      const VitaField *detail;

      if (!g_str_equal (rule->field_id, field->id))
        continue;
      detail = vita_field_lookup (rule->detail_id);
      g_assert (detail != NULL);
      /* A detail behind a closed gate is a stale answer. */
      if (vita_field_is_visible (detail, hh, VITA_PERSON_HOUSEHOLD) &&
          vita_field_value_matches (detail,
                                    vita_household_get (hh, VITA_PERSON_HOUSEHOLD, detail->id),
                                    rule->detail_values))
        return rule->level;
    }
  return field->cert;
}

/* The single level to report when items need several.  Advanced and
 * Military do not cover each other, so a return needing both is reported
 * as Military and its reasons list both kinds of item. */
static VitaCertLevel
combine (VitaCertLevel a,
         VitaCertLevel b)
{
  return MAX (a, b);
}

static gboolean
is_reason (VitaCertLevel item,
           VitaCertLevel result)
{
  return item == result || (result == VITA_CERT_MILITARY && item == VITA_CERT_ADVANCED);
}

/**
 * vita_household_required_cert:
 * @hh: a household
 * @reasons_out: (nullable) (element-type utf8): an array with no free
 *   function; receives the static ids of the answered fields that set the
 *   result (for a Military result, the Advanced items too, since a Military
 *   volunteer is not taken to be certified for them)
 *
 * Returns: the lowest certification that may prepare every checked item
 */
VitaCertLevel
vita_household_required_cert (VitaHousehold *hh,
                              GPtrArray     *reasons_out)
{
  g_autofree VitaCertLevel *needs = NULL;
  VitaCertLevel result = VITA_CERT_NONE;
  const VitaField *fields;
  guint n_fields;

  g_return_val_if_fail (VITA_IS_HOUSEHOLD (hh), VITA_CERT_NONE);

  fields = vita_fields_get_all (&n_fields);
  needs = g_new0 (VitaCertLevel, n_fields);

  for (guint i = 0; i < n_fields; i++)
    {
      /* Every coded question of pages 2-3 is household-wide. */
      if (fields[i].cert == VITA_CERT_NONE || fields[i].scope != VITA_SCOPE_HOUSEHOLD ||
          !is_checked (&fields[i], hh, VITA_PERSON_HOUSEHOLD))
        continue;
      needs[i] = level_for (&fields[i], hh);
      result = combine (result, needs[i]);
    }

  if (reasons_out != NULL && result != VITA_CERT_NONE)
    {
      for (guint i = 0; i < n_fields; i++)
        {
          if (needs[i] != VITA_CERT_NONE && is_reason (needs[i], result))
            g_ptr_array_add (reasons_out, (gpointer) fields[i].id);
        }
    }

  return result;
}

/**
 * vita_cert_level_covers:
 * @held: the volunteer's certification
 * @needed: what the return or item needs
 *
 * Returns: %TRUE if a volunteer holding @held may prepare it
 */
gboolean
vita_cert_level_covers (VitaCertLevel held,
                        VitaCertLevel needed)
{
  g_return_val_if_fail (held <= VITA_CERT_MILITARY, FALSE);
  g_return_val_if_fail (needed <= VITA_CERT_MILITARY, FALSE);

  if (needed == VITA_CERT_NONE || held == needed)
    return TRUE;
  if (needed == VITA_CERT_BASIC)
    return held == VITA_CERT_ADVANCED || held == VITA_CERT_MILITARY;
  return FALSE;
}

/**
 * vita_cert_level_to_string:
 *
 * Returns: a stable, untranslated name ("none", "basic", "advanced",
 *   "military"), as the volunteer records store it
 */
const char *
vita_cert_level_to_string (VitaCertLevel level)
{
  g_return_val_if_fail (level <= VITA_CERT_MILITARY, NULL);

  return level_names[level];
}

/**
 * vita_cert_level_get_label:
 *
 * Returns: the translated name of @level
 */
const char *
vita_cert_level_get_label (VitaCertLevel level)
{
  g_return_val_if_fail (level <= VITA_CERT_MILITARY, NULL);

  return _(level_labels[level]);
}
