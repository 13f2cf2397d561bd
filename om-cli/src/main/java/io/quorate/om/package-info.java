/** om, Quorate's operations tool: talks to nodes only through their gRPC admin API. */
package io.quorate.om;
