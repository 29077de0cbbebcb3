/* Step two adds a column and seeds a row with a quoted semicolon. */
ALTER TABLE notes ADD COLUMN title TEXT NOT NULL DEFAULT '';
INSERT INTO notes (text, title) VALUES ('it''s; fine', "x");
