-- A company row that took a domain after it was first stored by name and board slug is still
-- found by that name and slug (db::companies): an index for that lookup.
create index idx_companies_name_slug_with_domain
  on companies (lower(name), coalesce(board_slug, ''))
  where domain is not null;
