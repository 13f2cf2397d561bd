/** Hand-written lexer and recursive-descent parser for the PostgreSQL dialect. */
package io.quorate.sql.parser;
