-- search_terms_head3_idx and search_terms_head6_idx group the terms by
-- their first three and six characters, as search_terms_head_idx (00035)
-- does by two, and then by the list's order. A bucket that thousands of
-- names begin with reads its candidates in the list's order from the
-- group of the longest beginning the query has (search.Find, heads), so
-- that most of the terms it passes begin with the query: in the group of
-- two, the people's ヤマダ… sit after every ヤマグチ, ヤマザキ … and
-- yamamoto… after yamada, yamaguchi …, and the read passed 127,820 and
-- 85,209 entries for its first 24 candidates at one million
-- organisations; in the groups of three and six, 24 (docs/performance.md).
-- Like search_terms_head_idx they carry the term: PostgreSQL reads an
-- expression index alone only when it holds the columns of the
-- expression, and a query longer than its group is checked on it.

-- +goose Up
CREATE INDEX search_terms_head3_idx ON search_terms (tbl, left(term, 3), word, sort, id) INCLUDE (term);
CREATE INDEX search_terms_head6_idx ON search_terms (tbl, left(term, 6), word, sort, id) INCLUDE (term);
ANALYZE search_terms;

-- +goose Down
DROP INDEX search_terms_head6_idx;
DROP INDEX search_terms_head3_idx;
