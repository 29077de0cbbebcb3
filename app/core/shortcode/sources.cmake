# Sources of the shortcode engine, added to byline_core with target_sources().
