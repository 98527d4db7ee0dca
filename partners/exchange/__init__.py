"""Partners in and out as CSV files: the export (admin download, `manage.py export_partners`,
the directory's CSV download) and the import (`manage.py import_partners`). See partner_csv.py."""
