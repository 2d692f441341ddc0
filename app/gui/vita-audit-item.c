/* vita-audit-item.c
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vita-audit-item.h"
#include "vita-store-records.h"

/* One audit log entry for the coordinator's log browser, plus the words
 * both the browser and the member's printed report use for each action
 * code.  The log stores codes, never values from a record, so nothing here
 * can show what is in a household. */
struct _VitaAuditItem
{
  GObject         parent_instance;

  VitaAuditEntry *entry;
};

G_DEFINE_FINAL_TYPE (VitaAuditItem, vita_audit_item, G_TYPE_OBJECT)

typedef struct
{
  const char *action;
  const char *label;        /* for the coordinator */
  const char *member_text;  /* for the member's own report; NULL: not about a household */
} ActionWords;

/* Every code the core logs (grep for vita_store_audit).  An unknown code
 * is shown as it is, so a newer store's entries are still listed. */
static const ActionWords action_words[] = {
  { "open-household", N_("Opened a household"), N_("Opened your file") },
  { "open-other-household", N_("Opened another volunteer’s household"),
    N_("Opened your file without working on your return") },
  { "change-household", N_("Changed a household"), N_("Changed answers in your file") },
  { "create-household", N_("Created a household"), N_("Started your file") },
  { "delete-household", N_("Deleted a household"), N_("Deleted your file") },
  { "issue-notice", N_("Gave the privacy notice"), N_("Gave you the privacy notice") },
  { "change-status", N_("Changed the return status"), N_("Moved your return to its next step") },
  { "claim-preparer", N_("Became the preparer"), N_("Started preparing your return") },
  { "review-sign-off", N_("Signed off the quality review"), N_("Checked your return (quality review)") },
  { "review-withdrawn", N_("Quality review withdrawn: answers changed"),
    N_("Your answers changed after the check, so your return will be checked again") },
  { "consent-granted", N_("Consent given"), N_("Recorded that you agreed to share your information") },
  { "consent-declined", N_("Consent declined"), N_("Recorded that you did not agree to share your information") },
  { "consent-revoked", N_("Consent withdrawn"), N_("Recorded that you took back your agreement") },
  { "change-retention", N_("Changed how long identity is kept"),
    N_("Changed how long your name and numbers are kept") },
  { "purge", N_("Purged identity"), N_("Removed your name and numbers for good") },
  { "erase-tins", N_("Erased identification numbers (minimum-data mode)"),
    N_("Erased your identification numbers from this program") },
  { "erase-contact", N_("Erased address and phone (minimum-data mode)"),
    N_("Erased your address, phone number and e-mail from this program") },
  { "export", N_("Exported de-identified data"), NULL },
  { "backup", N_("Made a backup"), NULL },
  { "rekey", N_("Replaced the store key"), NULL },
  { "unlock", N_("Signed in"), NULL },
  { "create-store", N_("Created the store"), NULL },
  { "add-user", N_("Added a person"), NULL },
  { "remove-user", N_("Removed a person"), NULL },
  { "change-user", N_("Changed a certification level"), NULL },
  { "change-role", N_("Changed a role"), NULL },
  { "change-passphrase", N_("Changed their passphrase"), NULL },
  { "change-setting", N_("Changed a site setting"), NULL },
  { "approve-notice", N_("Reviewed and approved the privacy notice"), NULL },
  { "print-form", N_("Printed or saved forms"), N_("Printed your tax forms") },
  { "import-form", N_("Loaded an IRS form"), NULL },
};

static const ActionWords *
lookup_action (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_words); i++)
    {
      if (g_strcmp0 (action_words[i].action, action) == 0)
        return &action_words[i];
    }
  return NULL;
}

static void
vita_audit_item_finalize (GObject *object)
{
  VitaAuditItem *self = (VitaAuditItem *)object;

  g_clear_pointer (&self->entry, vita_audit_entry_free);

  G_OBJECT_CLASS (vita_audit_item_parent_class)->finalize (object);
}

static void
vita_audit_item_class_init (VitaAuditItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vita_audit_item_finalize;
}

static void
vita_audit_item_init (VitaAuditItem *self)
{
}

/**
 * vita_audit_item_new:
 * @entry: (transfer full): an entry from vita_store_list_audit()
 *
 * Returns: (transfer full): a new item owning @entry
 */
VitaAuditItem *
vita_audit_item_new (VitaAuditEntry *entry)
{
  VitaAuditItem *self;

  g_return_val_if_fail (entry != NULL, NULL);

  self = g_object_new (VITA_TYPE_AUDIT_ITEM, NULL);
  self->entry = entry;
  return self;
}

const VitaAuditEntry *
vita_audit_item_get_entry (VitaAuditItem *self)
{
  g_return_val_if_fail (VITA_IS_AUDIT_ITEM (self), NULL);
  return self->entry;
}

/**
 * vita_audit_item_dup_time:
 *
 * Returns: (transfer full): when it happened, in local time
 */
char *
vita_audit_item_dup_time (VitaAuditItem *self)
{
  g_return_val_if_fail (VITA_IS_AUDIT_ITEM (self), NULL);
  return vita_audit_format_time (self->entry->at);
}

/**
 * vita_audit_item_get_who:
 *
 * Returns: the display name of who did it, or the user name for a user
 *   who has none
 */
const char *
vita_audit_item_get_who (VitaAuditItem *self)
{
  g_return_val_if_fail (VITA_IS_AUDIT_ITEM (self), NULL);

  if (self->entry->user_display_name != NULL && *self->entry->user_display_name != '\0')
    return self->entry->user_display_name;
  if (self->entry->user_name != NULL && *self->entry->user_name != '\0')
    return self->entry->user_name;
  /* Translators: who did something, when the log names no user. */
  return _("Nobody signed in");
}

const char *
vita_audit_item_get_what (VitaAuditItem *self)
{
  g_return_val_if_fail (VITA_IS_AUDIT_ITEM (self), NULL);
  return vita_audit_action_get_label (self->entry->action);
}

/**
 * vita_audit_format_time:
 * @iso_utc: an ISO 8601 time in UTC, as the log stores it
 *
 * Returns: (transfer full): the local date and time, or @iso_utc itself
 *   if it cannot be read
 */
char *
vita_audit_format_time (const char *iso_utc)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso_utc == NULL)
    return g_strdup ("");
  at = g_date_time_new_from_iso8601 (iso_utc, utc);
  if (at == NULL)
    return g_strdup (iso_utc);
  local = g_date_time_to_local (at);
  /* Translators: date and time of an audit log entry, in g_date_time_format()
   * notation.  Year first reads the same to members from every country;
   * change it if your readers expect another order. */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}

/**
 * vita_audit_action_get_label:
 * @action: an audit action code such as "open-household"
 *
 * Returns: the translated words for the coordinator's log browser
 */
const char *
vita_audit_action_get_label (const char *action)
{
  const ActionWords *words = lookup_action (action);

  return words != NULL ? _(words->label) : action;
}

/**
 * vita_audit_action_get_member_text:
 * @action: an audit action code about one household
 *
 * Returns: what happened, in plain words addressed to the member
 */
/* A consent entry's detail is the consent kind: the member's report says
 * which consent, and that a use consent lets the site use the information
 * rather than share it. */
typedef struct
{
  const char *action;
  const char *kind;
  const char *member_text;
} ConsentWords;

static const ConsentWords consent_words[] = {
  { "consent-granted", "15080-disclose",
    N_("Recorded that you agreed to let your tax information be shared with the free tax site you choose next year (Form 15080)") },
  { "consent-declined", "15080-disclose",
    N_("Recorded that you did not agree to let your tax information be shared with a free tax site next year (Form 15080)") },
  { "consent-revoked", "15080-disclose",
    N_("Recorded that you took back your agreement to let your tax information be shared next year (Form 15080)") },
  { "consent-granted", "use",
    N_("Recorded that you agreed to let the site use your tax information for reports to the groups that fund it") },
  { "consent-declined", "use",
    N_("Recorded that you did not agree to let the site use your tax information for reports") },
  { "consent-revoked", "use",
    N_("Recorded that you took back your agreement to let the site use your tax information for reports") },
};

/**
 * vita_audit_entry_get_member_text:
 * @action: an audit action code about one household
 * @detail: (nullable): the entry's detail code
 *
 * Returns: what happened, in plain words addressed to the member, naming
 *   which consent a consent entry is about
 */
const char *
vita_audit_entry_get_member_text (const char *action,
                                  const char *detail)
{
  for (guint i = 0; detail != NULL && i < G_N_ELEMENTS (consent_words); i++)
    {
      if (g_strcmp0 (consent_words[i].action, action) == 0
          && g_str_equal (consent_words[i].kind, detail))
        return _(consent_words[i].member_text);
    }

  return vita_audit_action_get_member_text (action);
}

const char *
vita_audit_action_get_member_text (const char *action)
{
  const ActionWords *words = lookup_action (action);

  if (words != NULL && words->member_text != NULL)
    return _(words->member_text);
  /* Translators: in the member's report, for an action without words of
   * its own. */
  return _("Worked on your file");
}
