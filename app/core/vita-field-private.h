/* vita-field-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vita-field.h"

G_BEGIN_DECLS

typedef struct
{
  const char *id;
  const char *title; /* N_() */
} VitaFieldSectionInfo;

/* The first field of a block of the paper form, and the block's heading. */
typedef struct
{
  const char *field_id;
  const char *title;       /* N_() */
  const char *description; /* N_() or NULL */
} VitaFieldGroup;

const VitaField            *_vita_field_catalogue    (guint            *n_fields);
const VitaFieldSectionInfo *_vita_field_section_info (VitaFieldSection  section);
const VitaFieldGroup       *_vita_field_groups       (guint            *n_groups);

G_END_DECLS
