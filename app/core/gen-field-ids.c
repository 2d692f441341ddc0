/* gen-field-ids.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Writes vita-field-ids.h from the field catalogue itself, so that a field
 * id used in code is a constant the compiler checks: a misspelt id no
 * longer compiles and reads NULL.  "inc.wages.jobs" becomes
 * VITA_FID_INC_WAGES_JOBS. */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "vita-field-private.h"

static char *
constant_name (const char *id)
{
  GString *name = g_string_new ("VITA_FID_");

  for (const char *p = id; *p != '\0'; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) ? g_ascii_toupper (*p) : '_');
  return g_string_free (name, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const VitaField *fields;
  guint n_fields;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTPUT\n", argv[0]);
      return EXIT_FAILURE;
    }

  g_string_append (out,
                   "/* vita-field-ids.h: generated from app/core/vita-field-catalogue.c by\n"
                   " * gen-field-ids.c.  Do not edit. */\n\n"
                   "#pragma once\n\n");
  fields = _vita_field_catalogue (&n_fields);
  for (guint i = 0; i < n_fields; i++)
    {
      char *name = constant_name (fields[i].id);

      /* "a.b" and "a_b" would map to one name: refuse rather than guess. */
      if (!g_hash_table_add (seen, name))
        {
          fprintf (stderr, "%s: two field ids map to %s\n", argv[0], name);
          return EXIT_FAILURE;
        }
      g_string_append_printf (out, "#define %s \"%s\"\n", name, fields[i].id);
    }

  if (!g_file_set_contents (argv[1], out->str, out->len, &error))
    {
      fprintf (stderr, "%s: %s\n", argv[0], error->message);
      return EXIT_FAILURE;
    }
  return EXIT_SUCCESS;
}
