import { create } from '@bufbuild/protobuf';
import { CalendarYearSchema, type CalendarYear, type PutCalendarYearRequest } from '@dangjian/contracts';
import {
  CODE_ARRANGEMENTS,
  isCalendarDate,
  requirePlatformOperator,
  requirePrincipal,
  Validator,
  WorkingDayCalendar,
  type YearArrangement,
} from '@dangjian/kit';
import type { OrganisationDatabase, OrganisationTx } from '../db/organisation-database.js';

/**
 * The working-day calendar (issue 14): the code's years, with the platform operator's table over
 * them. Publicity periods are counted on it; a period that runs into a year it does not know is
 * provisional, and the step after it waits for a person to confirm its end.
 */
export class CalendarUseCases {
  constructor(private readonly db: OrganisationDatabase) {}

  /** The calendar as it stands, for counting working days inside a tenant's transaction. */
  static async load(tx: OrganisationTx): Promise<WorkingDayCalendar> {
    return new WorkingDayCalendar({ ...CODE_ARRANGEMENTS, ...(await operatorYears(tx)) });
  }

  /** Every year known: the code's and the operator's (an operator's row replaces the code's year). */
  async list(): Promise<CalendarYear[]> {
    requirePrincipal();
    return this.db.database.platform(async (tx) => {
      const rows = await tx.calendarYear.findMany({ orderBy: { year: 'asc' } });
      const years = new Map<number, CalendarYear>();
      for (const [year, arrangement] of Object.entries(CODE_ARRANGEMENTS))
        years.set(Number(year), yearMessage(Number(year), arrangement, 'code'));
      for (const row of rows)
        years.set(row.year, {
          ...yearMessage(row.year, arrangementOf(row), 'operator'),
          updatedBy: row.updatedBy,
          updatedAt: row.updatedAt.toISOString(),
        });
      return [...years.values()].sort((a, b) => a.year - b.year);
    });
  }

  /** The operator enters or corrects a year from the State Council's notice. */
  async put(request: PutCalendarYearRequest): Promise<CalendarYear> {
    const principal = requirePlatformOperator();
    const inYear = (date: string) => isCalendarDate(date) && Number(date.slice(0, 4)) === request.year;
    const weekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());
    new Validator()
      .check(
        Number.isInteger(request.year) && request.year >= 2000 && request.year <= 2100,
        'year',
        'not_a_year',
        {
          min: 2000,
          max: 2100,
        },
      )
      .check(
        request.holidays.length >= 1 &&
          request.holidays.every(
            (range) => inYear(range.first) && inYear(range.last) && range.first <= range.last,
          ),
        'holidays',
        'holiday_ranges',
      )
      .check(
        request.workingWeekends.every((date) => inYear(date) && weekend(date)),
        'workingWeekends',
        'working_weekends',
      )
      .throwIfInvalid();
    const holidays = request.holidays.map(({ first, last }) => [first, last]);
    const workingWeekends = [...new Set(request.workingWeekends)].sort();
    return this.db.database.platform(async (tx) => {
      const row = await tx.calendarYear.upsert({
        where: { year: request.year },
        create: { year: request.year, holidays, workingWeekends, updatedBy: principal.userId },
        update: { holidays, workingWeekends, updatedBy: principal.userId, updatedAt: new Date() },
      });
      return create(CalendarYearSchema, {
        ...yearMessage(row.year, arrangementOf(row), 'operator'),
        updatedBy: row.updatedBy,
        updatedAt: row.updatedAt.toISOString(),
      });
    });
  }
}

async function operatorYears(tx: OrganisationTx): Promise<Record<number, YearArrangement>> {
  const rows = await tx.calendarYear.findMany();
  return Object.fromEntries(rows.map((row) => [row.year, arrangementOf(row)]));
}

function arrangementOf(row: { holidays: unknown; workingWeekends: unknown }): YearArrangement {
  return {
    holidays: row.holidays as [string, string][],
    workingWeekends: row.workingWeekends as string[],
  };
}

function yearMessage(year: number, arrangement: YearArrangement, source: string): CalendarYear {
  return create(CalendarYearSchema, {
    year,
    holidays: arrangement.holidays.map(([first, last]) => ({ first, last })),
    workingWeekends: [...arrangement.workingWeekends],
    source,
  });
}
