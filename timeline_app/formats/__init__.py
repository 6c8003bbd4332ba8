"""File formats, one module each: a reader (file -> records of the import columns) and/or a
writer (records -> file), listed in one registry that the command line and the dialogs read.
No Qt here: images are drawn by the export package, which the registry only names."""
