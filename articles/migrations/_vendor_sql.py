"""RunSQL for one database vendor, shared by the migrations that write triggers
(0030's search index, 0070's list counts). The migration loader skips modules whose name
starts with an underscore, so this is not a migration itself."""

from django.db import migrations


def _statements(script):
    # One statement per blank-line-separated block: sqlparse would split trigger bodies.
    return [block.strip() for block in script.split("\n\n") if block.strip()]


class VendorSQL(migrations.RunSQL):
    """RunSQL on one database vendor only; a no-op elsewhere."""

    def __init__(self, vendor, sql, reverse_sql):
        super().__init__(_statements(sql), _statements(reverse_sql))
        self.vendor = vendor

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)
