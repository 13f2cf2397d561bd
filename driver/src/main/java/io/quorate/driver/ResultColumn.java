package io.quorate.driver;

/**
 * One column of a result as the node described it: its label, PostgreSQL type OID and
 * type modifier (-1: none), as RowDescription has them, and the type's name.
 */
record ResultColumn(String name, int typeOid, int typeModifier, String typeName) {}
