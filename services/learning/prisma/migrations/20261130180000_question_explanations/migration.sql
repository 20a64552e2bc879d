-- Issue 16: a question's explanation (解析), imported from a spreadsheet or written by hand and shown
-- in the member's wrong-answer book.
alter table questions add column explanation text not null default '';
