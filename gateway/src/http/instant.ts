import { IsISO8601, Matches } from 'class-validator';

/** A date and time with its zone: 2026-12-01T14:30:00+08:00. */
export const IsInstant = () =>
  IsISO8601(
    { strict: true },
    {
      message: '$property must be a date and time with its zone, e.g. 2026-12-01T14:30:00+08:00',
      context: { code: 'not_a_datetime_with_zone' },
    },
  );

/** …and the zone is given (Z or +08:00), never left to the server's. */
export const WithZone = () =>
  Matches(/(Z|[+-]\d{2}:\d{2})$/, {
    message: '$property must give its zone (Z or +08:00)',
    context: { code: 'not_a_datetime_with_zone' },
  });
