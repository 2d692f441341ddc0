/* vita-household.h
 *
 * Copyright 2026 The VITA Intake Assistant authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Return status of a household's return, in workflow order. */
typedef enum
{
  VITA_RETURN_STATUS_INTAKE = 0,
  VITA_RETURN_STATUS_PREPARING,
  VITA_RETURN_STATUS_QUALITY_REVIEW,
  VITA_RETURN_STATUS_FILED,
  VITA_RETURN_STATUS_ACCEPTED,
  VITA_RETURN_STATUS_REJECTED,
  VITA_RETURN_STATUS_NOT_FILING,
} VitaReturnStatus;

#define VITA_RETURN_STATUS_LAST VITA_RETURN_STATUS_NOT_FILING

/* Person slots.  Slot numbers are stable for the life of the household so a
 * stored answer never moves to another person when someone is removed. */
#define VITA_PERSON_HOUSEHOLD (-1)
#define VITA_PERSON_TAXPAYER  0
#define VITA_PERSON_SPOUSE    1
#define VITA_PERSON_FIRST_DEPENDENT 2

#define VITA_TYPE_HOUSEHOLD (vita_household_get_type ())
G_DECLARE_FINAL_TYPE (VitaHousehold, vita_household, VITA, HOUSEHOLD, GObject)

typedef void (*VitaHouseholdForeachFunc) (int         person,
                                          const char *field_id,
                                          const char *value,
                                          gpointer    user_data);

VitaHousehold    *vita_household_new                  (void);
VitaHousehold    *vita_household_copy                 (VitaHousehold *self);
gint64            vita_household_get_id               (VitaHousehold *self);
void              vita_household_set_id               (VitaHousehold *self,
                                                       gint64         id);
VitaReturnStatus  vita_household_get_status           (VitaHousehold *self);
void              vita_household_set_status           (VitaHousehold   *self,
                                                       VitaReturnStatus status);
const char       *vita_household_get_language         (VitaHousehold *self);
void              vita_household_set_language         (VitaHousehold *self,
                                                       const char    *language);

int               vita_household_get_tax_year         (VitaHousehold *self);
void              vita_household_set_tax_year         (VitaHousehold *self,
                                                       int            tax_year);
gboolean          vita_household_has_person           (VitaHousehold *self,
                                                       int            person);
void              vita_household_add_spouse           (VitaHousehold *self);
int               vita_household_add_dependent        (VitaHousehold *self);
void              vita_household_remove_person        (VitaHousehold *self,
                                                       int            person);
GArray           *vita_household_list_persons         (VitaHousehold *self);
const char       *vita_household_get                  (VitaHousehold *self,
                                                       int            person,
                                                       const char    *field_id);
gboolean          vita_household_get_boolean          (VitaHousehold *self,
                                                       int            person,
                                                       const char    *field_id);
void              vita_household_set                  (VitaHousehold *self,
                                                       int            person,
                                                       const char    *field_id,
                                                       const char    *value);
void              vita_household_foreach              (VitaHousehold           *self,
                                                       VitaHouseholdForeachFunc func,
                                                       gpointer                 user_data);
guint             vita_household_get_n_values         (VitaHousehold *self);
gboolean          vita_household_get_needs_itin       (VitaHousehold *self);
gboolean          vita_household_person_needs_itin    (VitaHousehold *self,
                                                       int            person);
char             *vita_household_dup_display_name     (VitaHousehold *self);
const char       *vita_return_status_to_string        (VitaReturnStatus status);
gboolean          vita_return_status_from_string      (const char      *str,
                                                       VitaReturnStatus *status);
const char       *vita_return_status_get_label        (VitaReturnStatus status);

G_END_DECLS
