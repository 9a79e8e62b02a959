"""A form for every step: building it from the registry, reading what was posted, submitting it."""
