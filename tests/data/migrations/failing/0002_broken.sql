-- The first statement works, the second refers to a table that does not exist: the whole
-- step must roll back.
CREATE TABLE half_done (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
