-- A party lecture's lecturer (rules.md §4: secretaries give a party lecture at least once a year;
-- issue 14): compliance counts a branch's lectures given by its own secretary.
alter table meetings add column lecturer_member_id uuid references members (id);
