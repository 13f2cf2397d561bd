/** The fault-tolerance suite: real node processes, client workloads, a seeded nemesis and history checks. */
package io.quorate.it.fault;
