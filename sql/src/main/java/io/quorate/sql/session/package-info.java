/** Sessions: settings, transaction blocks, savepoints, prepared statements; the engine's entry point. */
package io.quorate.sql.session;
