-- 入党宣誓 (rules.md §3; issue 14): a probationary member takes the oath, recorded as a development
-- step; the day sits on the member (and travels with a transfer), and confirmation needs it.
alter table members add column oath_taken_on date;
