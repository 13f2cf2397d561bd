package io.quorate.driver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.quorate.protocol.v1.Column;
import io.quorate.protocol.v1.Completed;
import io.quorate.protocol.v1.Error;
import io.quorate.protocol.v1.Opened;
import io.quorate.protocol.v1.Pong;
import io.quorate.protocol.v1.Result;
import io.quorate.protocol.v1.Row;
import io.quorate.protocol.v1.SaslChallenge;
import io.quorate.protocol.v1.SessionResponse;
import io.quorate.protocol.v1.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hand decoder reads every response as protobuf's generated parser does: the same
 * values from random results and statement ends, unknown fields skipped, other kinds
 * handed to protobuf, and truncated or corrupted bytes refused exactly when protobuf
 * refuses them (invalid UTF-8 aside, which the node never sends).
 */
class ResponseDecoderTest {

  private static final String[] TEXTS = {"", "a", "SELECT 1", "naïve ☃ 𝄞", "x".repeat(300)};

  @Test
  void resultsAndStatementEndsDecodeAsProtobufReadsThem() throws InvalidProtocolBufferException {
    Random random = new Random(7);
    ResponseDecoder decoder = new ResponseDecoder();
    for (int i = 0; i < 3000; i++) {
      SessionResponse message = randomResultOrEnd(random);
      assertDecodesAs(message, decoder.decode(message.toByteArray()));
    }
  }

  @Test
  void otherResponsesAreProtobufsMessages() throws InvalidProtocolBufferException {
    List<SessionResponse> others = List.of(
        SessionResponse.newBuilder().setRequestId(3).setError(Error.newBuilder().setSqlstate("42P01")
            .setMessage("relation \"t\" does not exist").setFatal(true)).build(),
        SessionResponse.newBuilder().setRequestId(1).setOpened(Opened.newBuilder().setPrimary(true)
            .putParameters("TimeZone", "UTC").setSessionId(9).setSecret(-1)).build(),
        SessionResponse.newBuilder().setPong(Pong.newBuilder().setPrimary(true)).build(),
        SessionResponse.newBuilder().setChallenge(SaslChallenge.newBuilder().setServerFirst("r=abc")).build(),
        SessionResponse.getDefaultInstance());
    for (SessionResponse message : others) {
      Response decoded = new ResponseDecoder().decode(message.toByteArray());
      assertEquals(message, assertInstanceOf(Response.Other.class, decoded).message());
    }
  }

  @Test
  void unknownFieldsAndKnownNumbersWithOtherWireTypesAreSkipped() throws InvalidProtocolBufferException {
    UnknownFieldSet unknown = UnknownFieldSet.newBuilder()
        .addField(40, UnknownFieldSet.Field.newBuilder().addVarint(300).addFixed32(7).addFixed64(-1)
            .addLengthDelimited(ByteString.copyFromUtf8("later")).addGroup(UnknownFieldSet.newBuilder()
                .addField(1, UnknownFieldSet.Field.newBuilder().addVarint(1).build()).build()).build())
        // known numbers, other wire types: protobuf keeps them as unknown fields too
        .addField(1, UnknownFieldSet.Field.newBuilder().addFixed32(5).build())
        .addField(2, UnknownFieldSet.Field.newBuilder().addFixed64(5).build())
        .addField(4, UnknownFieldSet.Field.newBuilder().addVarint(5).build())
        .build();
    SessionResponse message = SessionResponse.newBuilder().setRequestId(12).setUnknownFields(unknown)
        .setCompleted(Completed.newBuilder().setCommandTag("SELECT 1").setLast(true).setUnknownFields(unknown)
            .setResult(Result.newBuilder().setUnknownFields(unknown)
                .addColumns(Column.newBuilder().setName("a").setTypeOid(23).setTypeModifier(-1)
                    .setUnknownFields(unknown))
                .addRows(Row.newBuilder().setUnknownFields(unknown)
                    .addValues(Value.newBuilder().setInteger(-42).setUnknownFields(unknown)))))
        .build();
    Response decoded = new ResponseDecoder().decode(message.toByteArray());
    assertDecodesAs(message, decoded);
    assertEquals(-42L, ((Response.Done) decoded).result().rows().get(0)[0]);
  }

  @Test
  void aNullValueAndAValueWithNoKindAreBothNull() throws InvalidProtocolBufferException {
    SessionResponse message = SessionResponse.newBuilder().setResult(Result.newBuilder()
        .addRows(Row.newBuilder().addValues(Value.newBuilder().setNull(true)).addValues(Value.getDefaultInstance())
            .addValues(Value.newBuilder().setBoolean(false)).addValues(Value.newBuilder().setText(""))))
        .build();
    Object[] row = ((Response.Rows) new ResponseDecoder().decode(message.toByteArray())).rows().get(0);
    assertNull(row[0]);
    assertNull(row[1]);
    assertEquals(Boolean.FALSE, row[2]);
    assertEquals("", row[3]);
  }

  @Test
  void aRowTakesNoMoreRoomThanItsBytesCanFill() throws InvalidProtocolBufferException {
    Result.Builder result = Result.newBuilder();
    for (int i = 0; i < 2000; i++) {
      result.addColumns(Column.getDefaultInstance()).addRows(Row.getDefaultInstance());
    }
    Response.Rows rows = (Response.Rows) new ResponseDecoder().decode(
        SessionResponse.newBuilder().setResult(result).build().toByteArray());
    assertEquals(2000, rows.columns().size());
    assertEquals(2000, rows.rows().size());
    for (Object[] row : rows.rows()) {
      assertEquals(0, row.length, "an empty row, not one sized for 2000 columns");
    }
  }

  @Test
  void theColumnsOfTheStatementBeforeServeAgainWhenTheirBytesMatch() throws InvalidProtocolBufferException {
    ResponseDecoder decoder = new ResponseDecoder();
    Result.Builder first = Result.newBuilder()
        .addColumns(Column.newBuilder().setName("abalance").setTypeOid(23).setTypeModifier(-1).setTypeName("int4"))
        .addRows(Row.newBuilder().addValues(Value.newBuilder().setInteger(1)));
    Response.Done firstDone = done(decoder, first);
    List<ResultColumn> before = firstDone.result().columns();
    Response.Done secondDone = done(decoder, first.setRows(0, Row.newBuilder()
        .addValues(Value.newBuilder().setInteger(2))));
    assertSame(before, secondDone.result().columns());
    assertSame(firstDone.commandTag(), secondDone.commandTag());
    assertEquals(2L, secondDone.result().rows().get(0)[0]);
    List<ResultColumn> other = done(decoder, first.setColumns(0, Column.newBuilder().setName("bbalance")
        .setTypeOid(23).setTypeModifier(-1).setTypeName("int4"))).result().columns();
    assertNotSame(before, other);
    assertEquals("bbalance", other.get(0).name());
  }

  @Test
  void malformedBytesAreRefusedExactlyWhenProtobufRefusesThem() {
    Random random = new Random(11);
    ResponseDecoder decoder = new ResponseDecoder();
    int refused = 0;
    for (int i = 0; i < 300; i++) {
      byte[] bytes = randomResultOrEnd(random).toByteArray();
      for (int cut = 0; cut < bytes.length; cut += 1 + bytes.length / 40) {
        refused += compareWithProtobuf(decoder, Arrays.copyOf(bytes, cut));
      }
      for (int flip = 0; flip < 20 && bytes.length > 0; flip++) {
        byte[] corrupt = bytes.clone();
        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
        refused += compareWithProtobuf(decoder, corrupt);
      }
    }
    byte[] deepGroups = new byte[2 + 2 * 101];
    deepGroups[0] = 0x08; // request_id 1
    deepGroups[1] = 1;
    for (int i = 0; i < 101; i++) {
      deepGroups[2 + i] = (byte) (40 << 3 | 3); // a group inside a group...
      deepGroups[2 + 101 + i] = (byte) (40 << 3 | 4);
    }
    assertThrows(InvalidProtocolBufferException.class, () -> decoder.decode(deepGroups));
    if (refused < 100) {
      fail("only " + refused + " malformed inputs were refused: the test exercises too little");
    }
  }

  /** Returns 1 when both refused {@code bytes}, 0 when both read them; fails when only one does. */
  private static int compareWithProtobuf(ResponseDecoder decoder, byte[] bytes) {
    String protobufSays;
    try {
      SessionResponse.parseFrom(bytes);
      protobufSays = null;
    } catch (InvalidProtocolBufferException e) {
      protobufSays = e.getMessage();
    }
    if (protobufSays != null && protobufSays.contains("UTF-8")) {
      return 0; // the hand decoder does not check UTF-8: the node's strings are always valid
    }
    try {
      decoder.decode(bytes);
    } catch (InvalidProtocolBufferException e) {
      if (protobufSays == null) {
        fail("refused what protobuf reads (" + e.getMessage() + "): " + HexFormat.of().formatHex(bytes));
      }
      return 1;
    } catch (RuntimeException e) {
      throw new AssertionError("not an InvalidProtocolBufferException for " + HexFormat.of()
          .formatHex(bytes), e);
    }
    if (protobufSays != null) {
      fail("read what protobuf refuses (" + protobufSays + "): " + HexFormat.of().formatHex(bytes));
    }
    return 0;
  }

  private static Response.Done done(ResponseDecoder decoder, Result.Builder result)
      throws InvalidProtocolBufferException {
    SessionResponse message = SessionResponse.newBuilder().setRequestId(5)
        .setCompleted(Completed.newBuilder().setCommandTag("SELECT 1").setLast(true).setResult(result)).build();
    return (Response.Done) decoder.decode(message.toByteArray());
  }

  private static SessionResponse randomResultOrEnd(Random random) {
    SessionResponse.Builder message = SessionResponse.newBuilder().setRequestId(random.nextInt(3) == 0
        ? 0 : random.nextLong() >>> random.nextInt(64));
    if (random.nextBoolean()) {
      message.setResult(randomResult(random));
    } else {
      Completed.Builder completed = Completed.newBuilder()
          .setCommandTag(TEXTS[random.nextInt(TEXTS.length)])
          .setTransactionStatus(List.of("", "I", "T", "E").get(random.nextInt(4)))
          .setDeduplicated(random.nextBoolean()).setLast(random.nextBoolean())
          .setPrimary(random.nextBoolean()).setSuspended(random.nextBoolean());
      for (int i = random.nextInt(3); i > 0; i--) {
        completed.addNotices(TEXTS[random.nextInt(TEXTS.length)]);
      }
      if (random.nextBoolean()) {
        completed.setResult(randomResult(random));
      }
      message.setCompleted(completed);
    }
    return message.build();
  }

  private static Result randomResult(Random random) {
    Result.Builder result = Result.newBuilder();
    int width = random.nextInt(5);
    for (int i = 0; i < width; i++) {
      result.addColumns(Column.newBuilder().setName(TEXTS[random.nextInt(TEXTS.length)])
          .setTypeOid(random.nextInt(4) == 0 ? random.nextInt() : random.nextInt(4000))
          .setTypeModifier(random.nextBoolean() ? -1 : random.nextInt(70000))
          .setTypeName(TEXTS[random.nextInt(TEXTS.length)]));
    }
    for (int rows = random.nextInt(5); rows > 0; rows--) {
      Row.Builder row = Row.newBuilder();
      for (int i = 0; i < width + random.nextInt(12); i++) {
        Value.Builder value = Value.newBuilder();
        switch (random.nextInt(6)) {
          case 0 -> value.setNull(true);
          case 1 -> value.setInteger(random.nextLong() >> random.nextInt(64));
          case 2 -> value.setBoolean(random.nextBoolean());
          case 3 -> value.setText(TEXTS[random.nextInt(TEXTS.length)]);
          case 4 -> {
            byte[] bytes = new byte[random.nextInt(20)];
            random.nextBytes(bytes);
            value.setBytea(ByteString.copyFrom(bytes));
          }
          default -> {
            // no kind: NULL
          }
        }
        row.addValues(value);
      }
      result.addRows(row);
    }
    return result.build();
  }

  private static void assertDecodesAs(SessionResponse message, Response decoded) {
    switch (message.getKindCase()) {
      case RESULT -> assertRows(message.getResult(), assertInstanceOf(Response.Rows.class, decoded));
      case COMPLETED -> {
        Completed completed = message.getCompleted();
        Response.Done done = assertInstanceOf(Response.Done.class, decoded);
        assertEquals(message.getRequestId(), done.requestId());
        assertEquals(completed.getCommandTag(), done.commandTag());
        assertEquals(completed.getNoticesList(), done.notices());
        assertEquals(completed.getTransactionStatus().isEmpty() ? 'I' : completed.getTransactionStatus().charAt(0),
            done.transactionStatus());
        assertEquals(completed.getLast(), done.last());
        assertEquals(completed.getSuspended(), done.suspended());
        if (completed.hasResult()) {
          assertRows(completed.getResult(), done.result());
        } else {
          assertNull(done.result());
        }
      }
      default -> fail("not a result: " + message.getKindCase());
    }
  }

  private static void assertRows(Result result, Response.Rows rows) {
    List<ResultColumn> columns = new ArrayList<>();
    for (Column column : result.getColumnsList()) {
      columns.add(new ResultColumn(column.getName(), column.getTypeOid(), column.getTypeModifier(),
          column.getTypeName()));
    }
    assertEquals(columns, rows.columns());
    assertEquals(result.getRowsCount(), rows.rows().size());
    for (int r = 0; r < result.getRowsCount(); r++) {
      List<Value> values = result.getRows(r).getValuesList();
      Object[] decoded = rows.rows().get(r);
      assertEquals(values.size(), decoded.length);
      for (int i = 0; i < values.size(); i++) {
        Value value = values.get(i);
        switch (value.getKindCase()) {
          case NULL, KIND_NOT_SET -> assertNull(decoded[i]);
          case INTEGER -> assertEquals(value.getInteger(), decoded[i]);
          case BOOLEAN -> assertEquals(value.getBoolean(), decoded[i]);
          case TEXT -> assertEquals(value.getText(), decoded[i]);
          case BYTEA -> assertArrayEquals(value.getBytea().toByteArray(), (byte[]) decoded[i]);
        }
      }
    }
  }
}
