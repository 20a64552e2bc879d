-- An office holder's member record (decision 0014): a committee meeting's quorum is counted from the
-- attendance, which names members, so holders are matched by member record — including holders who
-- have no login. Positions recorded before keep matching by login.
alter table positions add column holder_member_id uuid references members (id);
