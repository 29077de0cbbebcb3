-- Version 10: captions name their image by WordPress attachment id; the editor's checks, the
-- caption panel and the exporters look images up by it, one at a time, so it has an index.
CREATE INDEX images_wp_attachment ON images (wp_attachment_id);
