import { CalendarService } from '@dangjian/contracts';
import type { ListCalendarYearsRequest, PutCalendarYearRequest } from '@dangjian/contracts';
import { RpcMethod, type RpcHandlers } from '@dangjian/kit';
import { Controller, Inject } from '@nestjs/common';
import { CalendarUseCases } from './calendar.use-cases.js';

/** The working-day calendar's RPCs. */
@Controller()
export class CalendarHandler implements RpcHandlers<typeof CalendarService> {
  constructor(@Inject(CalendarUseCases) private readonly calendar: CalendarUseCases) {}

  @RpcMethod(CalendarService.method.listCalendarYears)
  async listCalendarYears(_request: ListCalendarYearsRequest) {
    return { years: await this.calendar.list() };
  }

  @RpcMethod(CalendarService.method.putCalendarYear)
  async putCalendarYear(request: PutCalendarYearRequest) {
    return { year: await this.calendar.put(request) };
  }
}
