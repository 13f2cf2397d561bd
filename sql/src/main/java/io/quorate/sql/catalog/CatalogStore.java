package io.quorate.sql.catalog;

import io.quorate.sql.encoding.KeyFormat;
import io.quorate.sql.encoding.KeyWriter;
import io.quorate.sql.error.SqlException;
import io.quorate.sql.error.SqlState;
import io.quorate.sql.kv.KvCursor;
import io.quorate.sql.kv.KvIsolation;
import io.quorate.sql.kv.KvStore;
import io.quorate.sql.kv.KvTransaction;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the catalog as rows in the KV store, in the reserved tables below
 * {@link #FIRST_USER_TABLE_ID}, so schema changes replicate and commit with the
 * transaction that made them. Every change writes a new random stamp; a transaction
 * reads the stamp (one get) and reuses a cached snapshot for it, so caches refresh the
 * moment a change commits and never confuse a rolled-back change with a committed one.
 * Thread-safe.
 */
public final class CatalogStore {

  /** Table ids below this are the engine's own. */
  public static final long FIRST_USER_TABLE_ID = 1000;

  private static final long OBJECTS_TABLE = 1;
  private static final long META_TABLE = 2;
  private static final long SEQUENCE_VALUES_TABLE = 3;
  private static final long COMMIT_OUTCOMES_TABLE = 4;
  private static final int SCHEMA_ROWS = 1;
  private static final int TABLE_ROWS = 2;
  private static final int SEQUENCE_ROWS = 3;
  private static final int ROLE_ROWS = 4;
  private static final int DATABASE_SETTING_ROWS = 5;
  private static final byte[] STAMP_KEY = new KeyWriter().writeTableIndexPrefix(META_TABLE, 1).toByteArray();
  private static final byte[] NEXT_ID_KEY = new KeyWriter().writeTableIndexPrefix(META_TABLE, 2).toByteArray();
  private static final int CACHED_SNAPSHOTS = 8;

  private final SecureRandom random = new SecureRandom();
  private final Map<Long, Catalog> snapshots = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, Catalog> eldest) {
      return size() > CACHED_SNAPSHOTS;
    }
  };

  /** Creates the {@code public} schema in an empty store; does nothing otherwise. */
  public void bootstrap(KvStore store) {
    try (KvTransaction transaction = store.begin(KvIsolation.SERIALIZABLE, false)) {
      if (transaction.lockForUpdate(STAMP_KEY) != null) {
        return;
      }
      putSchema(transaction, new SchemaInfo("public", SchemaInfo.PUBLIC_ID));
      transaction.put(NEXT_ID_KEY, longBytes(FIRST_USER_TABLE_ID));
      transaction.commit();
    }
  }

  /** The catalog as {@code transaction} sees it, including its own uncommitted changes. */
  public Catalog load(KvTransaction transaction) {
    byte[] stampBytes = transaction.get(STAMP_KEY);
    if (stampBytes == null) {
      throw new SqlException(SqlState.CANNOT_CONNECT_NOW, "the database system is starting up");
    }
    long stamp = ByteBuffer.wrap(stampBytes).getLong();
    synchronized (snapshots) {
      Catalog cached = snapshots.get(stamp);
      if (cached != null) {
        return cached;
      }
    }
    Catalog catalog = read(transaction);
    synchronized (snapshots) {
      snapshots.put(stamp, catalog);
    }
    return catalog;
  }

  private Catalog read(KvTransaction transaction) {
    List<SchemaInfo> schemas = new ArrayList<>();
    List<Role> roles = new ArrayList<>();
    Map<Long, TableInfo> tables = new HashMap<>();
    Map<Long, SequenceInfo> sequences = new HashMap<>();
    scan(transaction, SCHEMA_ROWS, value -> schemas.add(CatalogCodec.decodeSchema(value)));
    scan(transaction, TABLE_ROWS, value -> {
      TableInfo table = CatalogCodec.decodeTable(value);
      tables.put(table.id(), table);
    });
    scan(transaction, SEQUENCE_ROWS, value -> {
      SequenceInfo sequence = CatalogCodec.decodeSequence(value);
      sequences.put(sequence.id(), sequence);
    });
    scan(transaction, ROLE_ROWS, value -> roles.add(CatalogCodec.decodeRole(value)));
    Map<String, String> databaseSettings = new LinkedHashMap<>();
    scan(transaction, DATABASE_SETTING_ROWS, value -> {
      DatabaseSetting setting = CatalogCodec.decodeDatabaseSetting(value);
      databaseSettings.put(setting.name(), setting.value());
    });
    return new Catalog(schemas, tables, sequences, roles, databaseSettings);
  }

  private static void scan(KvTransaction transaction, int kind, java.util.function.Consumer<byte[]> consumer) {
    byte[] prefix = new KeyWriter().writeTableIndexPrefix(OBJECTS_TABLE, kind).toByteArray();
    try (KvCursor cursor = transaction.scan(prefix, KeyFormat.prefixEnd(prefix), false)) {
      while (cursor.advance()) {
        consumer.accept(cursor.value());
      }
    }
  }

  /**
   * Serialises schema changes: locks the catalog's change stamp (held until the
   * transaction ends, so concurrent DDL waits), then reads the catalog afresh — under
   * READ COMMITTED from a new statement snapshot, so changes committed by the DDL this
   * one waited for are seen; under REPEATABLE READ a stamp changed since the snapshot
   * fails with 40001.
   */
  public Catalog lockForChange(KvTransaction transaction) {
    transaction.lockForUpdate(STAMP_KEY);
    transaction.startStatement();
    return load(transaction);
  }

  /** A new id for a table, sequence, schema or role, unique for the store's lifetime. */
  public long allocateId(KvTransaction transaction) {
    byte[] current = transaction.lockForUpdate(NEXT_ID_KEY);
    long id = current == null ? FIRST_USER_TABLE_ID : ByteBuffer.wrap(current).getLong();
    transaction.put(NEXT_ID_KEY, longBytes(id + 1));
    return id;
  }

  public void putSchema(KvTransaction transaction, SchemaInfo schema) {
    transaction.put(objectKey(SCHEMA_ROWS, schema.name()), CatalogCodec.encodeSchema(schema));
    changed(transaction);
  }

  public void deleteSchema(KvTransaction transaction, String name) {
    transaction.delete(objectKey(SCHEMA_ROWS, name));
    changed(transaction);
  }

  public void putRole(KvTransaction transaction, Role role) {
    transaction.put(objectKey(ROLE_ROWS, role.name()), CatalogCodec.encodeRole(role));
    changed(transaction);
  }

  public void deleteRole(KvTransaction transaction, String name) {
    transaction.delete(objectKey(ROLE_ROWS, name));
    changed(transaction);
  }

  /** Stores a setting of the database, which new sessions start with; {@code name} as the engine spells it. */
  public void putDatabaseSetting(KvTransaction transaction, DatabaseSetting setting) {
    transaction.put(objectKey(DATABASE_SETTING_ROWS, setting.name()), CatalogCodec.encodeDatabaseSetting(setting));
    changed(transaction);
  }

  public void deleteDatabaseSetting(KvTransaction transaction, String name) {
    transaction.delete(objectKey(DATABASE_SETTING_ROWS, name));
    changed(transaction);
  }

  public void putTable(KvTransaction transaction, TableInfo table) {
    transaction.put(objectKey(TABLE_ROWS, table.id()), CatalogCodec.encodeTable(table));
    changed(transaction);
  }

  public void deleteTable(KvTransaction transaction, TableInfo table) {
    transaction.delete(objectKey(TABLE_ROWS, table.id()));
    changed(transaction);
  }

  public void putSequence(KvTransaction transaction, SequenceInfo sequence) {
    transaction.put(objectKey(SEQUENCE_ROWS, sequence.id()), CatalogCodec.encodeSequence(sequence));
    changed(transaction);
  }

  public void deleteSequence(KvTransaction transaction, SequenceInfo sequence) {
    transaction.delete(objectKey(SEQUENCE_ROWS, sequence.id()));
    // The value key is left alone: ids are never reused, and locking it here would make a
    // nextval (its own transaction) after ROLLBACK TO wait for this session's own lock.
    changed(transaction);
  }

  /** The key holding a sequence's last value (absent before the first nextval). */
  public static byte[] sequenceValueKey(long sequenceId) {
    return new KeyWriter().writeTableIndexPrefix(SEQUENCE_VALUES_TABLE, 1)
        .writeValue(sequenceId, io.quorate.sql.types.SqlType.BIGINT, false).toByteArray();
  }

  /**
   * The key holding the last commit a client named ({@code io.quorate.sql.session.CommitId}):
   * one row per client id, overwritten by each of its named commits.
   */
  public static byte[] commitOutcomeKey(byte[] clientId) {
    return new KeyWriter().writeTableIndexPrefix(COMMIT_OUTCOMES_TABLE, 1)
        .writeValue(io.quorate.sql.types.Bytes.wrap(clientId), io.quorate.sql.types.SqlType.BYTEA, false)
        .toByteArray();
  }

  private void changed(KvTransaction transaction) {
    long stamp;
    synchronized (random) {
      stamp = random.nextLong();
    }
    transaction.put(STAMP_KEY, longBytes(stamp));
  }

  private static byte[] objectKey(int kind, Object id) {
    KeyWriter key = new KeyWriter().writeTableIndexPrefix(OBJECTS_TABLE, kind);
    if (id instanceof Long number) {
      key.writeValue(number, io.quorate.sql.types.SqlType.BIGINT, false);
    } else {
      key.writeValue(id, io.quorate.sql.types.SqlType.TEXT, false);
    }
    return key.toByteArray();
  }

  static byte[] longBytes(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }
}
