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
#include <fcntl.h>
#include <inttypes.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "vita-export.h"
#include "vita-form-fill.h"
#include "vita-form-print-set.h"
#include "vita-form-sheets.h"
#include "vita-form-template.h"
#include "vita-i18n.h"
#include "vita-passphrase.h"
#include "vita-store-forms.h"
#include "vita-store-households.h"
#include "vita-store-records.h"
#include "vita-store-settings.h"
#include "vita-store-users.h"
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
static char *opt_household;
static char *opt_form;
static int opt_person = G_MININT;
static char *opt_out;

/* The words after the command ("forms import FILE"). */
static int cmd_argc;
static char **cmd_argv;

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
  { "household", 0, 0, G_OPTION_ARG_STRING, &opt_household, N_("Household number (forms fill)"), N_("ID") },
  { "form", 0, 0, G_OPTION_ARG_STRING, &opt_form, N_("13614-C or W-7 (forms fill)"), N_("FORM") },
  { "person", 0, 0, G_OPTION_ARG_INT, &opt_person, N_("Person slot of the W-7 applicant (forms fill)"), N_("SLOT") },
  { "out", 'o', 0, G_OPTION_ARG_FILENAME, &opt_out, N_("File to write, which must not exist yet (export, forms fill)"), N_("PATH") },
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
  /* What unlock found wrong with the roles (a users table edited outside
   * the app): the signed roles apply, but the coordinator should know. */
  {
    g_auto(GStrv) problems = vita_store_dup_role_problems (store);

    for (guint i = 0; problems[i] != NULL; i++)
      g_printerr (_("Warning: %s\n"), problems[i]);
  }
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
  gboolean ok;
  g_autofree char *roles = NULL;
  g_autofree char *audit = NULL;

  if (!unlock (store, error))
    return FALSE;
  ok = vita_store_verify (store, &report, &local_error);
  roles = vita_store_dup_roles_status (store);
  audit = vita_store_dup_audit_status (store);
  g_print ("%s\n%s\n", roles, audit);
  if (!ok)
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
  /* Translators: the three files of a backup; all three are needed to
   * restore it with its audit signatures. */
  g_print (_("Encrypted backup written to %s, %s.keys and %s.sig\n"), opt_dest, opt_dest, opt_dest);
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

/* export: its own options, so the subcommand stays in one place. */
static char *opt_export_purpose;
static char *opt_export_columns;
static char *opt_export_k;
static char *opt_export_format;
static gboolean opt_export_list_columns;
static char *opt_export_language;
static gboolean opt_export_id_headers;
static char *opt_export_epsilon;

static const GOptionEntry export_entries[] = {
  { "purpose", 0, 0, G_OPTION_ARG_STRING, &opt_export_purpose, N_("export: aggregate (the default), extract, or a named extract"), N_("PURPOSE") },
  { "columns", 0, 0, G_OPTION_ARG_STRING, &opt_export_columns, N_("export: a named extract or a comma-separated list of columns"), N_("LIST") },
  { "k", 0, 0, G_OPTION_ARG_STRING, &opt_export_k, N_("export: every row shared by at least K households (default: the site's setting)"), N_("K") },
  { "format", 0, 0, G_OPTION_ARG_STRING, &opt_export_format, N_("export: csv or json"), N_("FORMAT") },
  { "list-columns", 0, 0, G_OPTION_ARG_NONE, &opt_export_list_columns, N_("export: list the columns and named extracts"), NULL },
  { "language", 0, 0, G_OPTION_ARG_STRING, &opt_export_language, N_("export: language of the headers and the data dictionary: en, es, ht or ko (default: yours)"), N_("LANG") },
  { "id-headers", 0, 0, G_OPTION_ARG_NONE, &opt_export_id_headers, N_("export: column ids as headers, for scripts"), NULL },
  { "epsilon", 0, 0, G_OPTION_ARG_STRING, &opt_export_epsilon, N_("export: noise for the statistics, from 0.05 to 10, or off (default: the site's setting)"), N_("EPSILON") },
  { NULL }
};

/* Creates @path for writing, 0600, and never over an existing file. */
static int
create_private (const char  *path,
                GError     **error)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   saved == EEXIST ? _("%s already exists; nothing was written. Choose a new file name.")
                                   : _("Could not create %s; nothing was written."),
                   name);
    }
  return fd;
}

static gboolean
write_all (int           fd,
           const char   *data,
           gsize         len,
           GError      **error)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = errno;
          g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                       _("Could not write the export: %s"), g_strerror (saved));
          return FALSE;
        }
      data += n;
      len -= n;
    }
  return TRUE;
}

/* vita-admin export: the core prepares and checks (coordinators only),
 * the report is shown, and only then are FILE and FILE.risk.json created,
 * 0600, never over an existing file.  A refusal writes nothing. */
static gboolean
cmd_export (VitaStore *store, GError **error)
{
  VitaExportOptions opts = VITA_EXPORT_OPTIONS_INIT;
  VitaExportFormat format = VITA_EXPORT_FORMAT_CSV;
  g_autoptr(VitaExportTable) table = NULL;
  g_autoptr(GOutputStream) mem = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *risk_path = NULL;
  g_autofree char *dict_path = NULL;
  g_autoptr(GOutputStream) dict_mem = NULL;
  g_autoptr(GBytes) dict_bytes = NULL;
  g_autofree char *report_text = NULL;
  g_autofree char *report_json = NULL;
  const char *named = NULL;
  int fd = -1, risk_fd = -1, dict_fd = -1;
  gboolean ok;

  if (opt_export_list_columns)
    {
      g_auto(GStrv) columns = vita_export_get_column_names ();
      g_auto(GStrv) labels = vita_export_get_column_labels (opt_export_language, error);
      const char * const *extracts = vita_export_get_named_extracts ();

      if (labels == NULL)
        return FALSE;
      for (guint i = 0; extracts[i] != NULL; i++)
        g_print ("%s\n", extracts[i]);
      /* The id first, as --columns takes it; then the header it gets. */
      for (guint i = 0; columns[i] != NULL; i++)
        g_print ("%s\t%s\n", columns[i], labels[i]);
      return TRUE;
    }
  if (opt_out == NULL || opt_export_format == NULL
      || (!g_str_equal (opt_export_format, "csv") && !g_str_equal (opt_export_format, "json")))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("export needs --format csv or json and --out FILE"));
      return FALSE;
    }
  format = g_str_equal (opt_export_format, "json") ? VITA_EXPORT_FORMAT_JSON : VITA_EXPORT_FORMAT_CSV;
  if (!vita_export_purpose_from_string (opt_export_purpose != NULL ? opt_export_purpose : "aggregate",
                                        &opts.purpose, &named))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--purpose is aggregate, extract, site-volume, income-types or credits"));
      return FALSE;
    }
  opts.columns = opt_export_columns != NULL ? opt_export_columns : named;
  if (opts.purpose == VITA_EXPORT_PURPOSE_AGGREGATE && opt_export_columns != NULL)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           _("--columns is for --purpose extract; the statistics have fixed tables"));
      return FALSE;
    }
  if (opt_export_k != NULL && !vita_export_parse_k (opt_export_k, &opts.k, error))
    return FALSE;
  if (opt_export_epsilon != NULL)
    {
      if (opts.purpose != VITA_EXPORT_PURPOSE_AGGREGATE)
        {
          g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                               _("--epsilon is for the statistics (--purpose aggregate); an extract "
                                 "is protected by k instead"));
          return FALSE;
        }
      if (!vita_export_parse_epsilon (opt_export_epsilon, &opts.epsilon, error))
        return FALSE;
      /* "off" here means none, not the site's setting. */
      if (opts.epsilon == 0)
        opts.epsilon = -1;
    }
  opts.language = opt_export_language;
  opts.id_headers = opt_export_id_headers;
  risk_path = g_strconcat (opt_out, ".risk.json", NULL);
  dict_path = g_strconcat (opt_out, ".dictionary.csv", NULL);
  /* Checked before the slow part; O_EXCL below is what guarantees it. */
  if (g_file_test (opt_out, G_FILE_TEST_EXISTS) || g_file_test (risk_path, G_FILE_TEST_EXISTS)
      || g_file_test (dict_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *name = g_filename_display_name (opt_out);

      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST,
                   _("%s, its risk report or its data dictionary already exists; nothing was "
                     "written. Choose a new file name."),
                   name);
      return FALSE;
    }

  if (!unlock (store, error))
    return FALSE;
  table = vita_export_prepare_for_purpose (store, &opts, error);
  if (table == NULL)
    return FALSE;
  report_text = vita_export_report_to_text (vita_export_table_get_report (table));
  report_json = vita_export_report_to_json (vita_export_table_get_report (table));
  g_print ("%s", report_text);

  /* In memory first: the file appears only once the export is complete. */
  mem = g_memory_output_stream_new_resizable ();
  if (!vita_export_table_write (table, format, mem, NULL, error)
      || !g_output_stream_close (mem, NULL, error))
    return FALSE;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
  dict_mem = g_memory_output_stream_new_resizable ();
  if (!vita_export_table_write_dictionary (table, dict_mem, NULL, error)
      || !g_output_stream_close (dict_mem, NULL, error))
    return FALSE;
  dict_bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (dict_mem));

  if ((fd = create_private (opt_out, error)) < 0)
    return FALSE;
  if ((risk_fd = create_private (risk_path, error)) < 0)
    {
      close (fd);
      g_unlink (opt_out);
      return FALSE;
    }
  if ((dict_fd = create_private (dict_path, error)) < 0)
    {
      close (fd);
      close (risk_fd);
      g_unlink (opt_out);
      g_unlink (risk_path);
      return FALSE;
    }
  ok = write_all (risk_fd, report_json, strlen (report_json), error)
       && write_all (dict_fd, g_bytes_get_data (dict_bytes, NULL), g_bytes_get_size (dict_bytes), error)
       && write_all (fd, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error)
       && fsync (fd) == 0 && fsync (risk_fd) == 0 && fsync (dict_fd) == 0;
  ok = (close (fd) == 0) && ok;
  ok = (close (risk_fd) == 0) && ok;
  ok = (close (dict_fd) == 0) && ok;
  if (!ok)
    {
      g_unlink (opt_out);
      g_unlink (risk_path);
      g_unlink (dict_path);
      if (error != NULL && *error == NULL)
        g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("Could not write the export."));
      return FALSE;
    }
  g_print (_("Export written to %s and its risk report to %s\n"), opt_out, risk_path);
  g_print (_("What each column means: %s\n"), dict_path);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* settings                                                            */
/* ------------------------------------------------------------------ */

/* The site settings a coordinator may change from here: the store checks
 * each value (vita_store_set_setting()) and records the change in the
 * audit log; the role check is the store's too. */
static const char *const cli_settings[] = { VITA_SETTING_EXPORT_NOISE_EPSILON, NULL };

static gboolean
cmd_settings (VitaStore  *store,
              GError    **error)
{
  gboolean set = cmd_argc == 4 && g_str_equal (cmd_argv[1], "set");
  gboolean get = cmd_argc == 3 && g_str_equal (cmd_argv[1], "get");
  g_autofree char *value = NULL;

  if ((!set && !get) || !g_strv_contains (cli_settings, cmd_argv[2]))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                   _("settings needs “set KEY VALUE” or “get KEY”; KEY is one of: %s"),
                   VITA_SETTING_EXPORT_NOISE_EPSILON);
      return FALSE;
    }
  if (!unlock (store, error))
    return FALSE;
  if (set)
    {
      if (!vita_store_set_setting (store, cmd_argv[2], cmd_argv[3], error))
        return FALSE;
      g_print (_("Saved %s = %s\n"), cmd_argv[2], cmd_argv[3]);
      return TRUE;
    }
  /* Reading a setting is as private as changing it. */
  if (!vita_store_can (store, "settings"))
    {
      g_set_error_literal (error, VITA_STORE_ERROR, VITA_STORE_ERROR_PERMISSION,
                           _("Your role does not allow this. Ask the site coordinator."));
      return FALSE;
    }
  value = vita_store_dup_setting (store, cmd_argv[2], NULL);
  g_print ("%s\n", value != NULL && *value != '\0' ? value : "off");
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* forms                                                               */
/* ------------------------------------------------------------------ */

static gboolean
usage_error (GError     **error,
             const char  *message)
{
  g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED, message);
  return FALSE;
}

static gboolean
forms_import (VitaStore  *store,
              GError    **error)
{
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(VitaFormTemplate) tmpl = NULL;
  g_autoptr(GMappedFile) file = NULL;

  if (cmd_argc != 3)
    return usage_error (error, _("forms import needs the PDF file downloaded from irs.gov"));
  file = g_mapped_file_new (cmd_argv[2], FALSE, error);
  if (file == NULL)
    return FALSE;
  pdf = g_mapped_file_get_bytes (file);
  if (!unlock (store, error))
    return FALSE;
  tmpl = vita_form_template_import (store, pdf, error);
  if (tmpl == NULL)
    return FALSE;
  /* TRANSLATORS: %s is "Form 13614-C (Rev. 10-2025)", %u a count, the
   * last %s a SHA-256 in hex. */
  g_print (_("Loaded %s: %u fields checked, SHA-256 %s\n"), tmpl->title,
           vita_form_map_get_n_entries (tmpl->map), tmpl->sha256);
  return TRUE;
}

static gboolean
forms_list (VitaStore  *store,
            GError    **error)
{
  g_autoptr(GPtrArray) list = NULL;

  if (!unlock (store, error))
    return FALSE;
  list = vita_store_list_form_templates (store, error);
  if (list == NULL)
    return FALSE;
  if (list->len == 0)
    g_print (_("No IRS forms are loaded.\n"));
  for (guint i = 0; i < list->len; i++)
    {
      VitaFormTemplateInfo *info = g_ptr_array_index (list, i);

      g_print ("Form %s (%s)  %s  %s\n", info->form, info->revision, info->sha256,
               info->imported_at);
    }
  return TRUE;
}

static gboolean
forms_fill (VitaStore  *store,
            GError    **error)
{
  g_autoptr(VitaHousehold) hh = NULL;
  g_autoptr(GBytes) filled = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GHashTable) settings = NULL;
  g_autofree char *revision = NULL;
  const char *form;
  gint64 id;
  int applicant = VITA_PERSON_HOUSEHOLD;

  if (opt_household == NULL || opt_form == NULL || opt_out == NULL)
    return usage_error (error, _("forms fill needs --household, --form and --out"));
  if (!g_ascii_string_to_signed (opt_household, 10, 1, G_MAXINT64, &id, NULL))
    return usage_error (error, _("--household must be a household number"));
  if (g_ascii_strcasecmp (opt_form, "13614-C") == 0)
    form = VITA_FORM_13614C;
  else if (g_ascii_strcasecmp (opt_form, "W-7") == 0 || g_ascii_strcasecmp (opt_form, "W7") == 0)
    form = VITA_FORM_W7;
  else if (g_str_equal (opt_form, "W-7-cover") || g_str_equal (opt_form, "preparer")
           || g_str_equal (opt_form, "summary"))
    form = opt_form;
  else
    return usage_error (error, _("--form must be 13614-C, W-7, W-7-cover, preparer or summary"));
  /* Checked before anything is read, so a mistyped name never leaves a
   * file behind or overwrites one. */
  if (g_file_test (opt_out, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s already exists. A filled form is personal data: choose a new file "
                     "name rather than writing over one."),
                   opt_out);
      return FALSE;
    }

  if (!unlock (store, error))
    return FALSE;
  hh = vita_store_load_household (store, id, error);
  if (hh == NULL)
    return FALSE;

  if (g_str_equal (form, VITA_FORM_W7) || g_str_equal (form, "W-7-cover"))
    {
      if (opt_person == G_MININT)
        {
          g_autoptr(GArray) persons = vita_household_list_persons (hh);
          int found = 0;

          /* Without --person, the household's only applicant. */
          for (guint i = 0; i < persons->len; i++)
            if (vita_form_needs_w7 (hh, g_array_index (persons, int, i)))
              {
                applicant = g_array_index (persons, int, i);
                found++;
              }
          if (found != 1)
            return usage_error (error, found == 0
                                ? _("No one in this household needs a Form W-7.")
                                : _("Several people in this household need a Form W-7: choose "
                                    "one with --person."));
        }
      else
        applicant = opt_person;
    }

  settings = vita_form_dup_site_settings (store);

  /* The app's own pages need no template. */
  if (g_str_equal (form, "W-7-cover") || g_str_equal (form, "preparer")
      || g_str_equal (form, "summary"))
    {
      if (g_str_equal (form, "W-7-cover"))
        filled = vita_form_w7_cover_sheet (hh, applicant, settings, error);
      else if (g_str_equal (form, "preparer"))
        filled = vita_form_preparer_sheet (hh, error);
      else
        filled = vita_form_intake_summary (hh, error);
      if (filled == NULL
          || !vita_form_save_printed (store, id, form, NULL,
                                      g_str_equal (form, "W-7-cover") ? applicant : -1,
                                      filled, opt_out, error))
        return FALSE;
      g_print (_("Wrote %s for household %" PRId64 " to %s (readable only by you).\n"),
               form, (int64_t) id, opt_out);
      return TRUE;
    }

  filled = vita_form_fill_from_store (store, form, hh, applicant, settings, &revision,
                                      &problems, error);
  if (filled == NULL)
    return FALSE;
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      VitaFormProblem *problem = g_ptr_array_index (problems, i);

      g_printerr (_("Note: %s\n"), problem->message);
    }

  /* Ids and form names only. */
  if (!vita_form_save_printed (store, id, form, revision,
                               g_str_equal (form, VITA_FORM_W7) ? applicant : -1,
                               filled, opt_out, error))
    return FALSE;
  g_print (_("Wrote Form %s for household %" PRId64 " to %s (readable only by you).\n"),
           form, (int64_t) id, opt_out);
  return TRUE;
}

static gboolean
cmd_forms (VitaStore  *store,
           GError    **error)
{
  if (cmd_argc >= 2 && g_str_equal (cmd_argv[1], "import"))
    return forms_import (store, error);
  if (cmd_argc >= 2 && g_str_equal (cmd_argv[1], "fill"))
    return forms_fill (store, error);
  if (cmd_argc >= 2 && g_str_equal (cmd_argv[1], "list"))
    return forms_list (store, error);
  return usage_error (error, _("forms needs import FILE, fill or list"));
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
  { "export", cmd_export, N_("De-identified export with its risk report (coordinators)") },
  { "forms", cmd_forms, N_("IRS forms: import FILE (coordinators), list, fill") },
  { "settings", cmd_settings, N_("Site settings: set KEY VALUE or get KEY (coordinators)") },
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
  g_option_context_add_main_entries (context, export_entries, GETTEXT_PACKAGE);
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

  cmd_argc = argc - 1;
  cmd_argv = argv + 1;
  store = open_store ();
  if (!command->func (store, &error))
    {
      g_printerr (_("Error: %s\n"), error->message);
      return 1;
    }
  vita_store_lock (store);
  return 0;
}
