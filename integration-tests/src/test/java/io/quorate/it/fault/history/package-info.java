/** Histories of client operations recorded under faults, and the checkers that judge them. */
package io.quorate.it.fault.history;
