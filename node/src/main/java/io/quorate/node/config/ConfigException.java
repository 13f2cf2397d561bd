package io.quorate.node.config;

/** A configuration the node cannot start with; its message is one sentence for the operator. */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
