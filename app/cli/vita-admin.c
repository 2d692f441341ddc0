/* vita-admin.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Headless administration of a site store.  Passphrases are read from
 * standard input (without echo on a terminal), never from the command line
 * where other users could see them in the process list.
 */

#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "vita-i18n.h"
#include "vita-passphrase.h"
#include "vita-store.h"
#include "vita-synthetic.h"

static char *opt_store;
static char *opt_user;
static char *opt_site;
static char *opt_display;
static char *opt_role;
static char *opt_target;
static char *opt_dest;
static int opt_count = 100;
static int opt_seed = 1;
static gboolean opt_fast_kdf;
static gboolean opt_overwrite;

static const GOptionEntry common_entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store, N_("Path of the site store (default: the user's data folder)"), N_("PATH") },
  { "user", 'u', 0, G_OPTION_ARG_STRING, &opt_user, N_("Your user name"), N_("NAME") },
  { "site", 0, 0, G_OPTION_ARG_STRING, &opt_site, N_("Site name (create)"), N_("NAME") },
  { "display-name", 0, 0, G_OPTION_ARG_STRING, &opt_display, N_("Full name of the new user"), N_("NAME") },
  { "role", 0, 0, G_OPTION_ARG_STRING, &opt_role, N_("volunteer, reviewer or coordinator"), N_("ROLE") },
  { "target", 't', 0, G_OPTION_ARG_STRING, &opt_target, N_("User name to add or remove"), N_("NAME") },
  { "to", 0, 0, G_OPTION_ARG_FILENAME, &opt_dest, N_("Backup destination file"), N_("PATH") },
  { "count", 'n', 0, G_OPTION_ARG_INT, &opt_count, N_("Number of synthetic households"), N_("N") },
  { "overwrite", 0, 0, G_OPTION_ARG_NONE, &opt_overwrite, N_("Replace an existing backup at --to"), NULL },
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, N_("Random seed for synthetic data"), N_("N") },
  /* Tests and demos only: the smallest Argon2id cost still allowed. */
  { "fast-kdf", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_fast_kdf, NULL, NULL },
  { NULL }
};

/* Reads one line into locked memory, byte by byte with read(2): stdio
 * would keep a copy of the passphrase in its own buffer, outside locked
 * memory and never wiped.  A missing line is an error, not an empty
 * passphrase, and a line longer than the core accepts is refused whole:
 * cutting it would store a passphrase nobody typed. */
static char *
read_secret (const char  *prompt,
             GError     **error)
{
  struct termios old, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  gsize cap = VITA_PASSPHRASE_MAX_BYTES + 1;
  char *buf = sodium_malloc (cap);
  gsize len = 0;
  gboolean got_any = FALSE, too_long = FALSE, read_error = FALSE;

  if (buf == NULL)
    g_error ("Out of locked memory for the passphrase");
  if (tty)
    {
      fprintf (stderr, "%s", prompt);
      tcgetattr (STDIN_FILENO, &old);
      quiet = old;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSANOW, &quiet);
    }
  for (;;)
    {
      char c;
      ssize_t n = read (STDIN_FILENO, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        read_error = TRUE;
      if (n <= 0)
        break;
      got_any = TRUE;
      if (c == '\n')
        break;
      if (len < cap - 1)
        buf[len++] = c;
      else
        too_long = TRUE;
      c = 0;
    }
  buf[len] = '\0';
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSANOW, &old);
      fprintf (stderr, "\n");
    }
  if (len > VITA_PASSPHRASE_MAX_BYTES)
    too_long = TRUE;

  if (!got_any || read_error || too_long)
    {
      sodium_memzero (buf, cap);
      sodium_free (buf);
      if (too_long)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                     _("The passphrase is too long. Use at most %d characters."),
                     VITA_PASSPHRASE_MAX_BYTES);
      else
        g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                             _("No passphrase was given on standard input."));
      return NULL;
    }
  return buf;
}

static void
free_secret (char *secret)
{
  if (secret != NULL)
    {
      sodium_memzero (secret, strlen (secret));
      sodium_free (secret);
    }
}

typedef char char_secret;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (char_secret, free_secret)

static void
kdf_params (VitaKdfParams *params)
{
  if (opt_fast_kdf)
    vita_kdf_params_minimum (params);
  else
    vita_kdf_calibrate (VITA_KDF_TARGET_SECONDS, params);
}

static VitaStore *
open_store (void)
{
  g_autofree char *path = opt_store ? g_strdup (opt_store) : vita_store_default_path ();
  return vita_store_new (path);
}

static gboolean
unlock (VitaStore  *store,
        GError    **error)
{
  g_autoptr(char_secret) pass = NULL;

  if (opt_user == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("--user is required"));
      return FALSE;
    }
  pass = read_secret (_("Passphrase: "), error);
  if (pass == NULL)
    return FALSE;
  if (!vita_store_unlock (store, opt_user, pass, error))
    return FALSE;
  /* A big store was opened on its first pages only.  The core would run
   * the full check before the first write anyway; here it runs before any
   * command, and says so, since it can take a while. */
  if (!vita_store_get_pages_verified (store))
    {
      g_printerr ("%s\n", _("Checking every page of the store before going on…"));
      return vita_store_verify_pages (store, error);
    }
  return TRUE;
}

static gboolean
cmd_create (VitaStore *store, GError **error)
{
  g_autoptr(char_secret) pass = NULL;
  VitaKdfParams params;

  if (opt_user == NULL || opt_site == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("create needs --site and --user"));
      return FALSE;
    }
  pass = read_secret (_("New passphrase: "), error);
  if (pass == NULL || !vita_passphrase_validate (pass, opt_user, error))
    return FALSE;
  kdf_params (&params);
  if (!vita_store_create (store, opt_site, opt_user, opt_display, pass, &params, error))
    return FALSE;
  g_print (_("Created %s (Argon2id: %u passes, %u MiB, %.2f s here)\n"),
           vita_store_get_path (store), (guint) params.opslimit,
           (guint) (params.memlimit >> 20), vita_kdf_measure (&params));
  return TRUE;
}

static gboolean
cmd_add_user (VitaStore *store, GError **error)
{
  g_autoptr(char_secret) pass = NULL;
  VitaKdfParams params;
  VitaRole role = VITA_ROLE_VOLUNTEER;

  if (opt_target == NULL || (opt_role && !vita_role_from_string (opt_role, &role)))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("add-user needs --target and a --role of volunteer, reviewer or coordinator"));
      return FALSE;
    }
  if (!unlock (store, error))
    return FALSE;
  pass = read_secret (_("Passphrase for the new user: "), error);
  if (pass == NULL || !vita_passphrase_validate (pass, opt_target, error))
    return FALSE;
  kdf_params (&params);
  return vita_store_add_user (store, opt_target, opt_display, role, pass, &params, error);
}

static gboolean
cmd_remove_user (VitaStore *store, GError **error)
{
  if (opt_target == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("remove-user needs --target"));
      return FALSE;
    }
  return unlock (store, error) && vita_store_remove_user (store, opt_target, error);
}

static gboolean
cmd_list_users (VitaStore *store, GError **error)
{
  g_autoptr(GPtrArray) users = NULL;

  if (!unlock (store, error) || (users = vita_store_list_users (store, error)) == NULL)
    return FALSE;
  for (guint i = 0; i < users->len; i++)
    {
      VitaUserInfo *u = g_ptr_array_index (users, i);
      g_print ("%-20s %-12s %s%s\n", u->name, vita_role_to_string (u->role), u->display_name,
               u->has_keyslot ? "" : _(" (no keyslot)"));
    }
  return TRUE;
}

static gboolean
cmd_verify (VitaStore *store, GError **error)
{
  g_autoptr(GPtrArray) report = NULL;
  g_autoptr(GError) local_error = NULL;
  VitaKdfParams params;
  gint64 n = 0;

  if (!unlock (store, error))
    return FALSE;
  if (!vita_store_verify (store, &report, &local_error))
    {
      for (guint i = 0; i < report->len; i++)
        g_printerr ("  %s\n", (const char *)g_ptr_array_index (report, i));
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  vita_store_audit_verify (store, &n, NULL);
  /* PRId64, not G_GINT64_FORMAT: xgettext understands the former. */
  g_print (_("OK: every page authenticated, structure intact, %" PRId64 " audit entries chained.\n"), (int64_t) n);
  if (vita_store_get_kdf_params (store, &params, NULL))
    g_print (_("Your keyslot: Argon2id, %u passes, %u MiB, %.2f s here.\n"),
             (guint) params.opslimit, (guint) (params.memlimit >> 20),
             vita_kdf_measure_median (&params, 3));
  return TRUE;
}

static gboolean
cmd_rekey (VitaStore *store, GError **error)
{
  if (!unlock (store, error) || !vita_store_rekey (store, error))
    return FALSE;
  g_print (_("The store now uses a new master key. Every user keeps their passphrase.\n"));
  return TRUE;
}

static gboolean
cmd_backup (VitaStore *store, GError **error)
{
  if (opt_dest == NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, _("backup needs --to"));
      return FALSE;
    }
  if (!unlock (store, error) || !vita_store_backup_full (store, opt_dest,
                                                           opt_overwrite ? VITA_BACKUP_OVERWRITE : 0,
                                                           error))
    return FALSE;
  g_print (_("Encrypted backup written to %s and %s.keys\n"), opt_dest, opt_dest);
  return TRUE;
}

static gboolean
cmd_generate (VitaStore *store, GError **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (opt_seed);
  gint64 begin;

  if (!unlock (store, error))
    return FALSE;
  begin = g_get_monotonic_time ();
  for (int i = 0; i < opt_count; i += 1000)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);

      for (int j = i; j < MIN (opt_count, i + 1000); j++)
        g_ptr_array_add (batch, vita_synthetic_household (rand, j, NULL));
      if (!vita_store_save_households (store, batch, error))
        return FALSE;
    }
  g_print (_("Added %d synthetic households in %.1f s\n"), opt_count,
           (g_get_monotonic_time () - begin) / 1e6);
  return TRUE;
}

typedef struct
{
  const char *name;
  gboolean  (*func) (VitaStore *store, GError **error);
  const char *help;
} Command;

static const Command commands[] = {
  { "create", cmd_create, N_("Create a site store with its first coordinator") },
  { "add-user", cmd_add_user, N_("Add a user (coordinators)") },
  { "remove-user", cmd_remove_user, N_("Remove a user (coordinators)") },
  { "list-users", cmd_list_users, N_("List users (coordinators)") },
  { "verify", cmd_verify, N_("Check encryption, structure and the audit chain") },
  { "rekey", cmd_rekey, N_("Move the store to a new master key (coordinators)") },
  { "backup", cmd_backup, N_("Write an encrypted backup copy (coordinators)") },
  { "generate", cmd_generate, N_("Add synthetic households for demos and benchmarks") },
};

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VitaStore) store = NULL;
  g_autoptr(GString) summary = g_string_new (_("Commands:"));
  const Command *command = NULL;

  /* Before anything else: no core dump or ptrace peek at the passphrase
   * and keys this process is about to hold, and every file it writes
   * (store, WAL, keys, backups) private to this user. */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  umask (077);

  vita_i18n_init ();

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (summary, "\n  %-12s %s", commands[i].name, _(commands[i].help));

  context = g_option_context_new (_("COMMAND — administer a VITA site store"));
  g_option_context_set_summary (context, summary->str);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  for (guint i = 0; argc >= 2 && i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      command = &commands[i];
  if (command == NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("%s", help);
      return 2;
    }

  if (!vita_secure_init (&error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  store = open_store ();
  if (!command->func (store, &error))
    {
      g_printerr (_("Error: %s\n"), error->message);
      return 1;
    }
  vita_store_lock (store);
  return 0;
}
