/* vita-itin-expiry.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * When an ITIN expires and when a return needs it renewed (a W-7 with
 * reason "renew").  A rule about ITINs, not input validation, so it lives
 * beside the W-7 rules rather than in vita-validate.c.
 */

#include "config.h"

#include "vita-clock.h"
#include "vita-itin-expiry.h"

/* Tax years are kept well inside what GDate can represent. */
#define ITIN_YEAR_OK(y) ((y) >= 1 && (y) <= 9000)

/**
 * vita_itin_expiry_date:
 * @last_used_tax_year: the latest tax year the ITIN was on a return
 * @out: (out caller-allocates): the last day the ITIN is valid
 *
 * After the last year of use come three tax years of non-use; their last
 * return season ends in the calendar year after the third of them, and
 * the ITIN expires on December 31 of that year: used for TY2020 and not for
 * TY2021–2023, it expires on 2024-12-31.
 */
void
vita_itin_expiry_date (int    last_used_tax_year,
                       GDate *out)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (ITIN_YEAR_OK (last_used_tax_year));

  g_date_clear (out, 1);
  g_date_set_dmy (out, 31, G_DATE_DECEMBER, (GDateYear) (last_used_tax_year + 4));
}

/**
 * vita_itin_is_expired:
 * @last_used_tax_year: the latest tax year the ITIN was on a return
 * @on_date: (nullable): the date to check, or %NULL for today
 *
 * Returns: %TRUE if @on_date is after the expiry date.  The ITIN is still
 *   valid on the expiry date itself.
 */
gboolean
vita_itin_is_expired (int          last_used_tax_year,
                      const GDate *on_date)
{
  GDate expiry;
  GDate today;

  g_return_val_if_fail (ITIN_YEAR_OK (last_used_tax_year), FALSE);
  g_return_val_if_fail (on_date == NULL || g_date_valid (on_date), FALSE);

  if (on_date == NULL)
    {
      vita_clock_get_today (&today);
      on_date = &today;
    }

  vita_itin_expiry_date (last_used_tax_year, &expiry);
  return g_date_compare (on_date, &expiry) > 0;
}

/**
 * vita_itin_needs_renewal_for:
 * @last_used_tax_year: the latest tax year the ITIN was on a return
 * @filing_tax_year: the tax year of the return being prepared
 *
 * Assumes the return is filed in the calendar year after its tax year, as
 * in a normal filing season.  With last use in TY2020 the TY2023 return
 * (filed in 2024) needs no renewal; the TY2024 return (filed in 2025,
 * after the 2024-12-31 expiry) does.
 *
 * Returns: %TRUE if the ITIN must be renewed before this return is filed.
 */
gboolean
vita_itin_needs_renewal_for (int last_used_tax_year,
                             int filing_tax_year)
{
  g_return_val_if_fail (ITIN_YEAR_OK (last_used_tax_year), FALSE);
  g_return_val_if_fail (ITIN_YEAR_OK (filing_tax_year), FALSE);

  /* Filed in filing_tax_year + 1; expired after last_used + 4. */
  return filing_tax_year + 1 > last_used_tax_year + 4;
}
