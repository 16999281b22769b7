"""Full-text search of released documents, one Whoosh entry per page."""
