/** The backup directory format: written by om backup, checked by om restore and by a node restoring from it. */
package io.quorate.protocol.backup;
