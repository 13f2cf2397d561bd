/** Byte encodings of SQL values: order-preserving index keys and compact table rows. */
package io.quorate.sql.encoding;
