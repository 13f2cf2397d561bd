/** The engine benchmark: Quorate's SQL engine on its in-memory store beside H2 in-memory, under JMH. */
package io.quorate.bench.engine;
