/** SQL types, their Java value representation, casts, comparison and text forms. */
package io.quorate.sql.types;
