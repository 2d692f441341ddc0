/* main.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/prctl.h>
#include <sys/stat.h>

#include "vita-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VitaApplication) app = NULL;

  /* Passphrases pass through GTK's entries and the decrypted records sit in
   * this process's memory: no core dump may write them to disk, and other
   * processes of the same user may not attach to read them. */
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  /* Everything this app writes (store, WAL, keys, backups, notices, printed
   * receipts, exports) is for this user only, whichever code writes it. */
  umask (077);

  app = vita_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
