/* vita-keyfile-private.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Shared by vita-keyfile.c (the keyslots) and vita-keyfile-site.c (what the
 * keys file keeps beside them).  Not installed, not on the include path.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

struct _VitaKeyfile
{
  GKeyFile *kf;
};

G_END_DECLS
