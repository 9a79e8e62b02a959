"""The audit pages: the timeline as it stood, comparisons, the record's verification, import."""
