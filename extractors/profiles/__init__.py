"""Site profile data files (*.toml), read by extractors.site_profiles; a package only so that
the files ship with the distribution."""
