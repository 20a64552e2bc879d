-- The working-day calendar the platform operator maintains (issue 14): one row per year, holidays as
-- [first, last] ranges and the weekend days that are working days (调休上班), as the State Council's
-- yearly notice gives them. Years the code knows need no row; a row corrects or adds a year.
-- Reference data of the whole platform (no tenant): every tenant reads it, only operators change it.
create table calendar_years (
  year integer primary key check (year between 2000 and 2100),
  holidays jsonb not null,
  working_weekends jsonb not null,
  updated_by text not null,
  updated_at timestamptz(3) not null default now()
);
grant select, insert, update on calendar_years to organisation_app;
