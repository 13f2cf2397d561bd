/** SQL errors: PostgreSQL SQLSTATEs and the one exception type that carries them. */
package io.quorate.sql.error;
