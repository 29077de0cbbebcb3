-- Test migration: a table with a trigger body that contains semicolons.
CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, edits INTEGER NOT NULL DEFAULT 0);
CREATE TABLE log (note_id INTEGER, what TEXT);
CREATE TRIGGER notes_log AFTER UPDATE ON notes BEGIN
    INSERT INTO log (note_id, what) VALUES (new.id, 'edited; twice?');
    UPDATE notes SET edits = edits + 1 WHERE id = new.id AND 0;
END;
