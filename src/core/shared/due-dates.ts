// A due date never lands on a weekend or a holiday (issue 15): dates the bot computes are moved
// to the next working day; a date a person types that is not a working day for the one who must
// meet it is refused, saying why and which day would do.
import type { Core } from '../context.js';
import { validationError } from '../errors.js';
import type { Tx } from '../ports.js';
import { holidayOn, type HolidayPerson } from './holidays.js';
import { workingHoursFor } from './people.js';
import { dateOfDayNumber, dayNumber, formatDate, isWorkingDay, isoWeekday, type WorkingHours } from './working-time.js';

/** `date` when it is a working day, else the next working day after it. */
export function onWorkingDay(date: string, hours: WorkingHours): string {
  let day = dayNumber(date);
  for (let guard = 0; guard < 3660 && !isWorkingDay(dateOfDayNumber(day), hours); guard++) day++;
  return dateOfDayNumber(day);
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * Refuses a typed due date that is not a working day for `person` (a weekend, or one of their
 * holidays), as a field error on `field` naming the reason and the next working day.
 */
export function requireWorkingDueDate(tx: Tx, core: Core, person: (HolidayPerson & { name?: string }) | null, date: string, field: string, notDone: string): void {
  const hours = workingHoursFor(tx, core, person);
  if (isWorkingDay(date, hours)) return;
  const holiday = holidayOn(tx.organisation.getOrganisation()?.holidays ?? [], date, person);
  const who = person?.name ? ` for ${person.name}` : '';
  const reason = holiday ? `${formatDate(date)} is a holiday${who}${holiday.name ? ` (${holiday.name})` : ''}` : `${formatDate(date)} is a ${WEEKDAYS[isoWeekday(date) - 1] ?? 'day'}, not a working day${who}`;
  const instead = formatDate(onWorkingDay(date, hours));
  throw validationError({ [field]: `${reason}. Choose a working day, such as ${instead}.` }, `${notDone} ${reason}; choose a working day, such as ${instead}.`);
}
