"""The only code that speaks SQL: DuckDB schema, migrations, queries and analyst views."""
