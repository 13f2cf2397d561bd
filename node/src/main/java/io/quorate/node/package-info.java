/** The Quorate node process: entry point and wiring of store and services. */
package io.quorate.node;
