"""The built-in dataset as shipped: `timeline.db`, built from the readable files in the
repository's data/ folder by `timeline-app build-data`, and installed with the package so
that it is found wherever the app is installed (importlib.resources, not a path beside
the source)."""
