import { applyDecorators } from '@nestjs/common';
import { CALENDAR_MONTH } from '@dangjian/kit';
import { IsISO8601, Matches } from 'class-validator';

/** A calendar date written YYYY-MM-DD (2026-02-30 is refused); the 400 names the field. */
export const IsDateOnly = (options: { each?: boolean } = {}) =>
  applyDecorators(
    Matches(/^\d{4}-\d{2}-\d{2}$/, {
      ...options,
      message: '$property must be YYYY-MM-DD',
      context: { code: 'not_a_date' },
    }),
    IsISO8601(
      { strict: true },
      { ...options, message: '$property must be a real date', context: { code: 'not_a_date' } },
    ),
  );

/** A calendar month written YYYY-MM; the 400 names the field. */
export const IsMonth = (options: { each?: boolean } = {}) =>
  Matches(CALENDAR_MONTH, {
    ...options,
    message: '$property must be a month YYYY-MM',
    context: { code: 'not_a_month' },
  });
