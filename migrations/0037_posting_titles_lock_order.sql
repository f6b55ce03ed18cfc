-- Two transactions storing postings at once (two batches of one board, or two ingests) may meet
-- the same new titles. `on conflict do nothing` makes the second wait for the first's insert of a
-- title; inserting in title order means neither can hold a title the other waits for while
-- waiting itself, so they queue instead of deadlocking.
create or replace function posting_titles_add() returns trigger
language plpgsql as $$
begin
  insert into posting_titles (title)
  select distinct title from changed_postings where octet_length(title) <= 300
  order by title
  on conflict do nothing;
  return null;
end
$$;
