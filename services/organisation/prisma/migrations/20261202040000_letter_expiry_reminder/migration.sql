-- The member is reminded once that their transfer letter is about to expire (issue 15).
alter table transfers add column expiry_reminded_on date;
