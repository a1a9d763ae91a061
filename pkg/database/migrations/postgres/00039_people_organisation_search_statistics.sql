-- A person's organisation_search_text (migration 00036) gets the
-- statistics that every search_text has had since migration 00009: 1,000
-- histogram entries instead of 100. A search chooses how to read its last
-- buckets from the planner's estimate of their matches (pkg/search,
-- window.plan), and for LIKE '%…%' the planner tries the pattern on the
-- histogram. With 100 entries a word in 3 % of the people (genomics:
-- 58,014 of two million, found through their organisations) was found in
-- none of them and guessed at 200, so its matches were all found and
-- sorted (120 ms a page); with 1,000 it is guessed at 58,032 and read in
-- windows of the list's order (7 ms). ANALYZE of people reads more rows
-- for it (about 8 s at two million people).

-- +goose Up
ALTER TABLE people ALTER COLUMN organisation_search_text SET STATISTICS 1000;
ANALYZE people (organisation_search_text);

-- +goose Down
ALTER TABLE people ALTER COLUMN organisation_search_text SET STATISTICS -1;
