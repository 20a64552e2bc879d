-- Issue 16 (decision 0031): the platform catalogue is a tenant of its own — platform operators author
-- courses in it with the same pages and API as any tenant, and what they publish there every tenant
-- with learning reads. Its id and slug are fixed (libs/contracts PLATFORM_CATALOGUE); operators who
-- author there are given a membership like anyone else.
insert into tenants (id, slug, name, type, modules, display_name)
values ('00000000-0000-0000-0000-000000000000', 'platform-catalogue', '平台课程库', 'enterprise', '{learning}', '平台课程库')
on conflict (id) do nothing;
