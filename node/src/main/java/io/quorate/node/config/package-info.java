/** Node configuration: a key = value file plus command-line flags, validated before anything starts. */
package io.quorate.node.config;
