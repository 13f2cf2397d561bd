/**
 * The read-only system relations of {@code pg_catalog} and {@code information_schema},
 * computed from a catalog snapshot, and the catalog functions (pg_get_indexdef,
 * format_type, regclass lookups, ...) that read them.
 */
package io.quorate.sql.catalog.system;
