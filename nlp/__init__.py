"""Vietnamese text to entities: people with offices, units, awards, dates, legal
references, movements and document fields, each with its character span."""
