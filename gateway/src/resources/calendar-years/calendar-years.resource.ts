import { CalendarService, CalendarYearSchema, type CalendarYear } from '@dangjian/contracts';
import { NotFoundError, ValidationError } from '@dangjian/kit';
import { toJson } from '../../http/json-view.js';
import { bindResource, call, list } from '../../http/resource.js';
import { PutCalendarYearDto } from './calendar-year.dto.js';

/** react-admin's id is the year. */
const yearView = (year: CalendarYear) => ({ id: year.year, ...toJson(CalendarYearSchema, year) });

/**
 * The working-day calendar (issue 14): the platform operator keeps each year's holidays and adjusted
 * working weekends from the State Council's notice; publicity periods are counted on it.
 */
export const CalendarYearsResource = bindResource({
  path: 'calendar-years',
  routes: {
    list: list({
      rpc: CalendarService.method.listCalendarYears,
      summary: 'The working-day calendar, year by year (the code’s years and the operator’s)',
      access: 'platform',
      sort: ['year'],
      filters: {},
      items: 'years',
      view: yearView,
    }),
    get: call({
      rpc: CalendarService.method.listCalendarYears,
      method: 'GET',
      path: ':year',
      textParams: ['year'],
      summary: 'One year of the working-day calendar',
      access: 'platform',
      request: () => ({}),
      reply: ({ years }, { params }) => {
        const year = years.find((y) => String(y.year) === params['year']);
        if (!year) throw new NotFoundError('calendar year', params['year'] ?? '');
        return yearView(year);
      },
    }),
    put: call({
      rpc: CalendarService.method.putCalendarYear,
      method: 'PUT',
      path: ':year',
      textParams: ['year'],
      summary: 'Enter or correct a year’s holidays and adjusted working weekends',
      access: 'platform',
      body: PutCalendarYearDto,
      request: ({ params, body }) => {
        const year = Number(params['year']);
        if (!Number.isInteger(year)) throw ValidationError.of('year', 'not_a_year', { min: 2000, max: 2100 });
        return { year, holidays: body.holidays, workingWeekends: body.workingWeekends };
      },
      reply: 'year',
      view: yearView,
    }),
  },
});
