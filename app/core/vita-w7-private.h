/* vita-w7-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by vita-w7.c (the form's lines) and vita-w7-documents.c (the
 * supporting documents): one check of one applicant, and the helpers that
 * read its answers and record its problems.
 */

#pragma once

#include <glib.h>

#include "vita-household.h"

G_BEGIN_DECLS

#define REASON(letter) (1u << ((letter) - 'a'))

typedef struct
{
  VitaHousehold *hh;
  int            person;
  GDate          today;
  GPtrArray     *problems;
  guint          reasons;   /* REASON() bits */
  gboolean       unknown_reason; /* a letter other than a to h was stored */
  int            age;       /* on the application date; -1 if unknown */
  gboolean       dependent;
  gboolean       student;
} Check;

const char *_vita_w7_get                    (Check         *c,
                                             const char    *field_id);
gboolean    _vita_w7_is_yes                 (Check         *c,
                                             const char    *field_id);
gboolean    _vita_w7_has_reason             (Check         *c,
                                             char           letter);
void        _vita_w7_add                    (Check         *c,
                                             const char    *field_id,
                                             gboolean       blocking,
                                             const char    *message);
void        _vita_w7_add_take               (Check         *c,
                                             const char    *field_id,
                                             gboolean       blocking,
                                             char          *message);
gboolean    _vita_w7_parse_date             (const char    *text,
                                             GDate         *out);
gboolean    _vita_w7_names_canada_or_mexico (const char    *text);
void        _vita_w7_check_documents        (Check         *c);

G_END_DECLS
